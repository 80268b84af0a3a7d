"""The Chinese names of a framework's method choices, for what a user reads (pages, reports).

Each table covers one registry of the engine (normalise, aggregate, impute, rules; a test checks none
is missing), so a new method cannot reach a page under its code.
"""

from __future__ import annotations

from collections.abc import Mapping

NORMALISER_LABELS: dict[str, str] = {
    "minmax": "最小—最大值标准化",
    "zscore": "标准分（Z 分数）",
    "rank": "按名次",
    "borda": "博尔达计分",
    "percentile_rank": "百分位名次",
    "target": "目标值比",
    "goalposts": "上下限区间",
    "efficacy": "功效系数法",
    "ratio": "比值法",
}
AGGREGATOR_LABELS: dict[str, str] = {"arithmetic": "加权算术平均", "geometric": "加权几何平均"}
MISSING_LABELS: dict[str, str] = {
    "available_case": "按已有指标计算（权重重新归一）",
    "impute_group_mean": "以同组平均值补齐",
    "impute_mean": "以平均值补齐",
    "impute_median": "以中位数补齐",
    "zero": "缺失记零分",
}
RULE_TEXTS: dict[str, str] = {
    "rise_streak": "连续 {years} 年进位",
    "fall_streak": "连续 {years} 年退位",
    "bottom_k_in_window": "近 {window} 年中有 {min_hits} 年排名后 {k} 位",
    "bottom_n": "排名后 {n} 位",
    "rank_up_each_year": "每年至少进 {min_rise} 位",
}
GROUP_LABELS: dict[str, str] = {"default": "通用"}


def rule_text(kind: str, params: Mapping[str, object]) -> str:
    """A consequence rule's condition in words.

    >>> rule_text("bottom_k_in_window", {"k": 3, "window": 3, "min_hits": 2})
    '近 3 年中有 2 年排名后 3 位'
    """
    numbers = {key: f"{value:g}" if isinstance(value, float) else value for key, value in params.items()}
    try:
        return RULE_TEXTS[kind].format(**numbers)
    except KeyError:
        return RULE_TEXTS.get(kind, kind)


def group_label(group: str) -> str:
    return GROUP_LABELS.get(group, group)
