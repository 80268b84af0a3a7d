"""ECharts options for the 亩均 pages (plain dicts, no Django; pages render them with ``json_script``).

* :func:`score_card_chart` — one enterprise: each indicator's points against the points an enterprise
  exactly at the segment benchmark would earn (for the ``ratio`` rule that is the weight:
  ``w × min(x / B, cap)`` at ``x = B`` gives ``w``).
* :func:`class_distribution_chart` — stacked bars of classes A/B/C/D (and the exempt class) per zone.
* :func:`score_histogram_chart` — the score distribution of each segment in fixed-width bins.
* :func:`league_chart` — 亩均税收 league table bars (by zone or by industry division).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from devzone.enterprises.method import ScoreRule

Option = dict[str, Any]

CLASS_COLOURS = {"A": "#198754", "B": "#0d6efd", "C": "#fd7e14", "D": "#dc3545"}
OTHER_COLOUR = "#adb5bd"


@dataclass(frozen=True, kw_only=True)
class CardBar:
    """One indicator of a score card: its name, points earned and points at the benchmark."""

    name: str
    points: float | None
    benchmark_points: float | None


def _ratio_at_benchmark(rule: ScoreRule, weight: float) -> float | None:
    ratio = 1.0 if rule.floor is None else max(1.0, rule.floor)
    return weight * (ratio if rule.cap is None else min(ratio, rule.cap))


# points an enterprise exactly at the benchmark earns, per score rule (None: the rule has no such point,
# minmax and percentile points depend on the segment's range or order, not on the benchmark)
def _no_benchmark_point(rule: ScoreRule, weight: float) -> float | None:
    return None


BENCHMARK_POINTS: dict[str, Callable[[ScoreRule, float], float | None]] = {
    "ratio": _ratio_at_benchmark,
    "minmax": _no_benchmark_point,
    "percentile": _no_benchmark_point,
}


def benchmark_points(rule: ScoreRule, *, weight: float) -> float | None:
    """Points at the benchmark: ``w × clamp(1, floor, cap)`` for the ratio rule (x / B = 1), else None.

    >>> benchmark_points(ScoreRule(kind="ratio", cap=3.0, floor=0.0, base=0.0), weight=45.0)
    45.0
    >>> benchmark_points(ScoreRule(kind="ratio", cap=0.8, floor=None, base=0.0), weight=10.0)
    8.0
    >>> benchmark_points(ScoreRule(kind="minmax", cap=None, floor=None, base=60.0), weight=10.0) is None
    True
    """
    return BENCHMARK_POINTS[rule.kind](rule, weight)


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def score_card_chart(bars: Sequence[CardBar]) -> Option:
    """Grouped bars: points earned (得分) vs points at the segment benchmark (基准分), per indicator.

    >>> o = score_card_chart([CardBar(name="亩均税收", points=45.0, benchmark_points=30.0),
    ...                       CardBar(name="研发强度", points=None, benchmark_points=15.0),
    ...                       CardBar(name="能耗", points=3.33333, benchmark_points=20.0)])
    >>> o["xAxis"]["data"], o["series"][0]["data"], o["series"][1]["data"]
    (['亩均税收', '研发强度', '能耗'], [45.0, None, 3.3333], [30.0, 15.0, 20.0])
    """
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0, "data": ["得分", "基准值对应得分"]},
        "grid": {"left": 50, "right": 10, "top": 40, "bottom": 70},
        "xAxis": {"type": "category", "data": [b.name for b in bars], "axisLabel": {"interval": 0, "rotate": 20}},
        "yAxis": {"type": "value", "name": "分"},
        "series": [
            {"name": "得分", "type": "bar", "data": [_round(b.points) for b in bars],
             "label": {"show": True, "position": "top"}, "itemStyle": {"color": "#0d6efd"}},
            {"name": "基准值对应得分", "type": "bar", "data": [_round(b.benchmark_points) for b in bars],
             "itemStyle": {"color": "#adb5bd"}},
        ],
    }  # fmt: skip


def value_ratio_chart(names: Sequence[str], ratios: Sequence[float | None]) -> Option:
    """Each indicator's value as a percentage of its benchmark (100 = at the benchmark).

    >>> o = value_ratio_chart(["亩均税收", "能耗"], [1.5, None])
    >>> o["series"][0]["data"], o["series"][0]["markLine"]["data"]
    ([150.0, None], [{'xAxis': 100}])
    """
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": {"left": 150, "right": 40, "top": 20, "bottom": 30},
        "xAxis": {"type": "value", "name": "% 基准值"},
        "yAxis": {"type": "category", "data": list(names), "inverse": True},
        "series": [
            {"name": "% 基准值", "type": "bar", "label": {"show": True, "position": "right"},
             "data": [None if r is None else round(100 * r, 1) for r in ratios],
             "markLine": {"symbol": "none", "data": [{"xAxis": 100}], "lineStyle": {"color": "#dc3545"}}}
        ],
    }  # fmt: skip


def class_distribution_chart(
    zones: Sequence[str], classes: Sequence[str], counts: Mapping[tuple[str, str], int]
) -> Option:
    """Stacked horizontal bars: the number of enterprises per class in each zone.

    ``counts`` maps (zone, class) to a count; absent pairs are 0.

    >>> o = class_distribution_chart(["甲区", "乙区"], ["A", "B", "T"], {("甲区", "A"): 2, ("乙区", "B"): 1})
    >>> [(s["name"], s["data"]) for s in o["series"]]
    [('A', [2, 0]), ('B', [0, 1]), ('T', [0, 0])]
    >>> o["yAxis"]["data"], o["series"][2]["itemStyle"]["color"]
    (['甲区', '乙区'], '#adb5bd')
    """
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0, "data": list(classes)},
        "grid": {"left": 160, "right": 20, "top": 40, "bottom": 30},
        "xAxis": {"type": "value", "name": "企业数", "minInterval": 1},
        "yAxis": {"type": "category", "data": list(zones), "inverse": True},
        "series": [
            {"name": c, "type": "bar", "stack": "class", "label": {"show": True},
             "itemStyle": {"color": CLASS_COLOURS.get(c, OTHER_COLOUR)},
             "data": [counts.get((z, c), 0) for z in zones]}
            for c in classes
        ],
    }  # fmt: skip


def histogram_bins(scores: Sequence[float], *, width: float) -> list[tuple[float, int]]:
    """Counts of ``scores`` in bins ``[k·width, (k+1)·width)`` from the lowest to the highest bin.

    >>> histogram_bins([0.0, 9.9, 10.0, 35.0], width=10.0)
    [(0.0, 2), (10.0, 1), (20.0, 0), (30.0, 1)]
    >>> histogram_bins([], width=10.0)
    []
    >>> histogram_bins([-5.0, 5.0], width=10.0)
    [(-10.0, 1), (0.0, 1)]
    """
    if not scores:
        return []
    first = math.floor(min(scores) / width)
    last = math.floor(max(scores) / width)
    counts = dict.fromkeys(range(first, last + 1), 0)
    for s in scores:
        counts[math.floor(s / width)] += 1
    return [(k * width, n) for k, n in counts.items()]


def nice_width(scores: Sequence[float], *, bins: int = 12) -> float:
    """A round bin width (1, 2, 2.5 or 5 × 10^k) giving at most about ``bins`` bins over ``scores``.

    >>> nice_width([0.0, 100.0]), nice_width([23.7, 234.1]), nice_width([5.0])
    (10.0, 20.0, 1.0)
    """
    span = max(scores, default=0.0) - min(scores, default=0.0)
    if span <= 0:
        return 1.0
    raw = span / bins
    exponent = math.floor(math.log10(raw))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        width = step * 10.0**exponent
        if width >= raw:
            return width
    return 10.0 ** (exponent + 1)


def score_histogram_chart(segments: Mapping[str, Sequence[float]], *, width: float = 10.0) -> Option:
    """Score histogram per segment (one bar series per segment over a shared set of bins).

    >>> o = score_histogram_chart({"规上": [12.0, 18.0, 25.0], "规下": [5.0]})
    >>> o["xAxis"]["data"], [s["data"] for s in o["series"]]
    (['0–10', '10–20', '20–30'], [[0, 2, 1], [1, 0, 0]])
    """
    every = [s for scores in segments.values() for s in scores]
    edges = [edge for edge, _n in histogram_bins(every, width=width)]
    series = []
    for name, scores in segments.items():
        counts = dict(histogram_bins(list(scores), width=width))
        series.append({"name": name, "type": "bar", "data": [counts.get(e, 0) for e in edges]})
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0, "data": list(segments)},
        "grid": {"left": 40, "right": 10, "top": 40, "bottom": 30},
        "xAxis": {"type": "category", "data": [f"{e:g}–{e + width:g}" for e in edges], "name": "得分"},
        "yAxis": {"type": "value", "name": "企业数", "minInterval": 1},
        "series": series,
    }


def league_chart(names: Sequence[str], values: Sequence[float | None], *, label: str) -> Option:
    """Horizontal league-table bars, best on top (``values`` in the order given).

    >>> o = league_chart(["甲区", "乙区"], [30.123456, None], label="亩均税收(万元/亩)")
    >>> o["yAxis"]["data"], o["series"][0]["data"], o["xAxis"]["name"]
    (['甲区', '乙区'], [30.12, None], '亩均税收(万元/亩)')
    """
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": {"left": 160, "right": 40, "top": 20, "bottom": 30},
        "xAxis": {"type": "value", "name": label},
        "yAxis": {"type": "category", "data": list(names), "inverse": True},
        "series": [
            {"name": label, "type": "bar", "data": [_round(v, 2) for v in values],
             "label": {"show": True, "position": "right"}, "itemStyle": {"color": "#0d6efd"}}
        ],
    }  # fmt: skip
