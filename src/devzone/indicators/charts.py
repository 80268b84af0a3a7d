"""ECharts options (plain JSON data) for the board pages; devzone.js draws them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from devzone.indicators.board import CHART_COLOURS, STATUS_LABELS, TargetRow, path_points
from devzone.indicators.targets import measure_of


def finite(value: float | None) -> float | None:
    """JSON has no NaN or ∞: such values become null."""
    return value if value is not None and math.isfinite(value) else None


def status_bars(rows_by_area: Mapping[str, Sequence[TargetRow]]) -> dict[str, Any]:
    """Stacked bars: per zone (or city area), how many targets are in each status."""
    areas = list(rows_by_area)
    series = [
        {
            "name": str(label),
            "type": "bar",
            "stack": "status",
            "itemStyle": {"color": CHART_COLOURS[status]},
            "data": [sum(1 for row in rows_by_area[a] if row.status == status) for a in areas],
        }
        for status, label in STATUS_LABELS.items()
    ]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 40, "right": 10, "top": 40, "bottom": 80},
        "xAxis": {"type": "category", "data": areas, "axisLabel": {"rotate": 30}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": series,
    }


def bullet(row: TargetRow) -> dict[str, Any]:
    """A bullet chart: the current value as a bar against the goal and where it should be by now."""
    name = row.target.indicator.name if row.target.indicator else row.target.indicator_text
    return {
        "tooltip": {},
        "grid": {"left": 120, "right": 40, "top": 20, "bottom": 30},
        "xAxis": {"type": "value", "name": row.unit},
        "yAxis": {"type": "category", "data": [name]},
        "series": [
            {
                "name": _("当前值"),
                "type": "bar",
                "barWidth": 24,
                "itemStyle": {"color": CHART_COLOURS[row.status]},
                "data": [finite(row.current)],
                "markLine": {
                    "symbol": "none",
                    "data": [
                        {
                            "name": _("目标"),
                            "xAxis": finite(row.goal),
                            "lineStyle": {"color": "#000", "width": 3},
                        },
                        {
                            "name": _("序时进度"),
                            "xAxis": finite(row.expected),
                            "lineStyle": {"type": "dashed"},
                        },
                    ],
                    "label": {"formatter": "{b}: {c}"},
                },
            }
        ],
    }


def progress(row: TargetRow) -> dict[str, Any]:
    """The measure over time with the expected path (序时进度) and the trend forecast at the deadline."""
    if row.engine is None or row.evaluation is None:
        return {}
    measure = measure_of(row.engine, row.points, now=row.evaluation.now)
    observed = [
        [t, finite(row.shown(x))] for t, x in ((row.engine.base_time, measure.start), *measure.points)
    ]
    forecast: list[list[float | None]] = []
    band: list[list[float | None]] = []
    if row.evaluation.forecast is not None and measure.points:
        last_t, last_x = measure.points[-1]
        fc = row.evaluation.forecast
        forecast = [[last_t, finite(row.shown(last_x))], [row.engine.deadline, finite(row.shown(fc.value))]]
        if fc.low is not None and fc.high is not None:
            band = [
                [row.engine.deadline, finite(row.shown(fc.low))],
                [row.engine.deadline, finite(row.shown(fc.high))],
            ]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 60, "right": 30, "top": 40, "bottom": 30},
        "xAxis": {"type": "value", "min": "dataMin", "max": "dataMax", "minInterval": 1},
        "yAxis": {"type": "value", "name": row.unit, "scale": True},
        "series": [
            {"name": _("实际"), "type": "line", "data": observed, "itemStyle": {"color": "#0d6efd"}},
            {
                "name": _("序时进度"),
                "type": "line",
                "data": [[t, finite(v)] for t, v in path_points(row)],
                "lineStyle": {"type": "dashed"},
                "itemStyle": {"color": "#6c757d"},
            },
            {
                "name": _("趋势预测"),
                "type": "line",
                "data": forecast,
                "lineStyle": {"type": "dotted"},
                "itemStyle": {"color": "#fd7e14"},
            },
            {
                "name": _("预测区间"),
                "type": "scatter",
                "data": band,
                "symbol": "diamond",
                "itemStyle": {"color": "#fd7e14"},
            },
        ],
    }


def series_lines(lines: Mapping[str, Sequence[tuple[str, float]]], *, unit: str) -> dict[str, Any]:
    """One line per zone (or city): an indicator's figures across periods."""
    periods = sorted({period for points in lines.values() for period, _value in points})
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0, "type": "scroll"},
        "grid": {"left": 60, "right": 20, "top": 40, "bottom": 30},
        "xAxis": {"type": "category", "data": periods},
        "yAxis": {"type": "value", "name": unit, "scale": True},
        "series": [
            {
                "name": name,
                "type": "line",
                "connectNulls": True,
                "data": [finite(dict(points).get(period)) for period in periods],
            }
            for name, points in lines.items()
        ],
    }
