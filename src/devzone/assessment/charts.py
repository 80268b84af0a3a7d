"""ECharts options for the assessment pages (plain dicts; the page renders them with json_script)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Option = dict[str, Any]


def rank_interval_chart(rows: Sequence[tuple[str, int | None, float, float, float]]) -> Option:
    """Every zone's 5–95 % rank interval on one axis: rows are (zone, nominal rank, p05, p50, p95).

    >>> o = rank_interval_chart([("甲", 1, 1.0, 1.0, 2.0), ("乙", 2, 1.0, 2.0, 2.0)])
    >>> o["yAxis"]["data"], o["series"][1]["data"]
    (['甲', '乙'], [1.0, 1.0])
    """
    names = [r[0] for r in rows]
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0, "data": ["5–95 %", "中位排名", "名义排名"]},
        "grid": {"left": 150, "right": 30, "top": 40, "bottom": 45},
        "xAxis": {"type": "value", "name": "排名", "nameLocation": "middle", "nameGap": 25, "min": 1,
                  "max": "dataMax", "minInterval": 1},
        "yAxis": {"type": "category", "data": names, "inverse": True},
        "series": [
            {"name": "base", "type": "bar", "stack": "ci", "itemStyle": {"color": "transparent"},
             "data": [r[2] for r in rows], "silent": True, "tooltip": {"show": False}},
            {"name": "5–95 %", "type": "bar", "stack": "ci", "barWidth": 10, "itemStyle": {"color": "#9ec5fe"},
             "data": [round(r[4] - r[2], 4) for r in rows]},
            {"name": "中位排名", "type": "scatter", "symbol": "diamond", "symbolSize": 10, "data": [r[3] for r in rows]},
            {"name": "名义排名", "type": "scatter", "symbolSize": 8, "data": [r[1] for r in rows]},
        ],
    }  # fmt: skip


def category_chart(names: Sequence[str], scores: Sequence[float | None]) -> Option:
    """Bars of the zone's category scores.

    >>> category_chart(["经济", "开放"], [80.0, None])["series"][0]["data"]
    [80.0, None]
    """
    return {
        "tooltip": {},
        "grid": {"left": 50, "right": 10, "top": 20, "bottom": 60},
        "xAxis": {"type": "category", "data": list(names), "axisLabel": {"interval": 0, "rotate": 20}},
        "yAxis": {"type": "value", "name": "得分"},
        "series": [
            {"name": "得分", "type": "bar", "data": list(scores), "label": {"show": True, "position": "top"}}
        ],
    }


def rank_history_chart(history: Sequence[Sequence[Any]]) -> Option:
    """Rank over the years (rank 1 on top): history rows are (year, rank, score).

    >>> rank_history_chart([[2024, 3, 50.0], [2025, 1, 90.0]])["series"][0]["data"]
    [3, 1]
    """
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 20, "top": 20, "bottom": 30},
        "xAxis": {"type": "category", "data": [str(h[0]) for h in history]},
        "yAxis": {"type": "value", "inverse": True, "min": 1, "minInterval": 1, "name": "排名"},
        "series": [
            {"name": "排名", "type": "line", "data": [h[1] for h in history], "label": {"show": True}}
        ],
    }


def contribution_chart(names: Sequence[str], values: Sequence[float]) -> Option:
    """Horizontal bars: each indicator's contribution (w_eff × normalised score) to the index.

    >>> contribution_chart(["a", "b"], [12.5, 3.0])["yAxis"]["data"]
    ['a', 'b']
    """
    return {
        "tooltip": {},
        "grid": {"left": 170, "right": 20, "top": 10, "bottom": 30},
        "xAxis": {"type": "value", "name": "贡献"},
        "yAxis": {"type": "category", "data": list(names), "inverse": True},
        "series": [{"name": "贡献", "type": "bar", "data": [round(v, 4) for v in values]}],
    }


def sensitivity_chart(
    labels: Sequence[str], s1: Sequence[float | None], st: Sequence[float | None]
) -> Option:
    """Paired horizontal bars of the Sobol indices S1 and ST per factor (rows already sorted, top first).

    >>> o = sensitivity_chart(["权重：经济发展", "合成方法"], [0.31, None], [0.79, 0.1])
    >>> o["yAxis"]["data"], [s["data"] for s in o["series"]]
    (['权重：经济发展', '合成方法'], [[0.31, None], [0.79, 0.1]])
    """

    def rounded(values: Sequence[float | None]) -> list[float | None]:
        return [None if v is None else round(v, 4) for v in values]

    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0, "data": ["S1 一阶", "ST 总效应"]},
        "grid": {"left": 190, "right": 30, "top": 30, "bottom": 45},
        "xAxis": {"type": "value", "name": "Sobol 指数", "nameLocation": "middle", "nameGap": 25, "min": 0},
        "yAxis": {"type": "category", "data": list(labels), "inverse": True},
        "series": [
            {"name": "S1 一阶", "type": "bar", "itemStyle": {"color": "#9ec5fe"}, "data": rounded(s1)},
            {"name": "ST 总效应", "type": "bar", "itemStyle": {"color": "#0d6efd"}, "data": rounded(st)},
        ],
    }
