"""The Chinese names of the land rules, as a case records and a page shows them (codes stay in the engine)."""

from __future__ import annotations

RULE_LABELS = {
    "idle_not_started": "超过约定动工日期满一年未动工",
    "idle_stalled": "已动工但开发不足、中止开发满一年",
    "tax_floor_2y": "连续两次亩均税收低于下限",
    "no_tax_2y": "连续两年未缴税",
    "far_below": "容积率、建筑系数或行政办公用地比例不符合控制指标",
    "late_finish_2y": "超过约定竣工日期满两年未竣工",
    "zombie": "使用权人为僵尸企业",
}


def rule_labels(codes: list[str] | tuple[str, ...]) -> list[str]:
    """The rules' Chinese names, in order (an unknown code as it is).

    >>> rule_labels(["far_below", "tax_floor_2y"])
    ['容积率、建筑系数或行政办公用地比例不符合控制指标', '连续两次亩均税收低于下限']
    """
    return [RULE_LABELS.get(c, c) for c in codes]
