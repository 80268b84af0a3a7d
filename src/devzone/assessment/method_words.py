"""The framework's method names in Chinese, for what a user opens (the report, the workbook). Pure.

A framework file names its steps for the engine (``minmax``, ``impute_group_mean``, ``region3``); a
reader of the 考评报告 sees 最小—最大值标准化, 按同组平均值填补, 苏南/苏中/苏北. Every registry key has
its wording here, and a test keeps the tables in step with the registries.
"""

from __future__ import annotations

from devzone.assessment.spec import ALL_ZONES, DEFAULT_GROUP

NORMALISATION = {
    "minmax": "最小—最大值标准化",
    "zscore": "标准分（z分数）",
    "rank": "名次",
    "borda": "博尔达计分（名次减1）",
    "percentile_rank": "百分位名次",
    "target": "与目标值的距离",
    "goalposts": "上下限区间计分",
    "efficacy": "功效系数法",
    "ratio": "与基准值之比",
}
AGGREGATION = {"arithmetic": "加权算术平均", "geometric": "加权几何平均"}
MISSING = {
    "available_case": "按已有指标重新分配权重",
    "impute_group_mean": "按同组开发区平均值填补",
    "impute_mean": "按全体平均值填补",
    "impute_median": "按全体中位数填补",
    "zero": "未报送按0计",
}
TREATMENT = {
    "none": "不处理",
    "jrc_skew_kurt": "按偏度和峰度识别异常值并缩尾，仍不满足时取对数",
    "winsorise_quantile": "按分位数缩尾",
    "log": "取对数",
}
GROUPS = {
    ALL_ZONES: "全部开发区",
    "region3": "分地区（苏南、苏中、苏北）",
    "region": "分地区（东部、中部、西部）",
    DEFAULT_GROUP: "默认",
}


def word(table: dict[str, str], key: object) -> str:
    """``key``'s wording, or ``—`` for an unnamed step (an unknown name is a gap the test catches).

    >>> word(NORMALISATION, "minmax"), word(AGGREGATION, None)
    ('最小—最大值标准化', '—')
    """
    return table.get(str(key), "—") if key is not None else "—"


def group_name(key: str) -> str:
    """A rank or weight group in Chinese; a group the framework names in Chinese stays as it is.

    >>> group_name("region3"), group_name("苏北"), group_name("default")
    ('分地区（苏南、苏中、苏北）', '苏北', '默认')
    """
    return GROUPS.get(key, key)
