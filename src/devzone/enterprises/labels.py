"""The Chinese names of the method's rule families, for what a user reads (pages, reports).

Each table covers one registry of :mod:`devzone.enterprises.rules` (a test checks none is missing), so
a new rule cannot reach a page under its code.
"""

from __future__ import annotations

BENCHMARK_LABELS: dict[str, str] = {
    "mean": "同组平均值",
    "median": "同组中位数",
    "percentile": "同组分位数",
    "previous_year_mean": "上年同组平均值",
    "fixed": "固定基准值",
}
SCORE_RULE_LABELS: dict[str, str] = {
    "ratio": "比值计分",
    "minmax": "最小—最大值计分",
    "percentile": "分位计分",
}
DIRECTION_LABELS: dict[str, str] = {"higher": "正向（越高越好）", "lower": "逆向（越低越好）"}
UNIT_LABELS: dict[str, str] = {"ratio": "比值"}
"""Units a method writes as codes (a share written as a fraction), shown by their Chinese name."""
