"""A method told in Chinese for what a user opens (the report's appendix, the lists' 说明 sheet). Pure.

A method file is written for the engine: ``tax / land_mu``, ``previous_year_mean``, ``not_above``. A
reader of a 评价报告 sees instead 评价税收 ÷ 用地面积, 本组上年度平均值的2倍, 最高评为监管调控类 — the
same rule, worded as the published 办法 word it. Every family name of :mod:`devzone.enterprises.method`
has its wording here, and a test walks the shipped methods through these functions.
"""

from __future__ import annotations

import ast
import re

from devzone.enterprises.inputs_schema import BY_NAME
from devzone.enterprises.method import Benchmark, ClassRule, Indicator, Method, ScoreRule

_UNIT_SUFFIX = re.compile(r"[(（][^)）]*[)）]$")
_OPERATORS = {ast.Add: "＋", ast.Sub: "－", ast.Mult: "×", ast.Div: "÷"}
_PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}


def field_name(column: str) -> str:
    """The Chinese name of an input column, without its unit: ``tax`` → ``评价税收``.

    >>> field_name("tax"), field_name("land_mu"), field_name("electricity_kwh")
    ('评价税收', '用地面积', '用电量')
    """
    return _UNIT_SUFFIX.sub("", BY_NAME[column].label)


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _expr(node: ast.expr, parent: int = 0) -> str:
    if isinstance(node, ast.Name):
        return field_name(node.id)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return _number(float(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return "－" + _expr(node.operand, 3)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        level = _PRECEDENCE[type(node.op)]
        text = f"{_expr(node.left, level)} {_OPERATORS[type(node.op)]} {_expr(node.right, level + 1)}"
        return f"（{text}）" if level < parent else text
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "coalesce":
        return f"{_expr(node.args[0])}（缺失时取{_expr(node.args[1])}）"
    raise ValueError(f"no Chinese wording for {ast.dump(node)}")


def formula_text(indicator: Indicator) -> str:
    """An indicator's formula in Chinese.

    >>> from devzone.enterprises.method_load import resolve
    >>> [formula_text(i) for i in resolve("js-huaian-2024").segments[1].indicators][::2]
    ['评价税收 ÷ 用地面积', '评价税收 ÷ （用电量 ÷ 10000）']
    """
    return _expr(indicator.formula.tree)


def benchmark_text(b: Benchmark) -> str:
    """基准值 in words.

    >>> benchmark_text(Benchmark(kind="previous_year_mean", factor=2)), benchmark_text(Benchmark(kind="fixed", value=24.097))
    ('本组企业上年度平均值的2倍', '24.097')
    """
    base = {
        "mean": "本组参评企业当年平均值",
        "median": "本组参评企业当年中位数",
        "percentile": f"本组参评企业当年第{(b.q or 0) * 100:g}百分位数",
        "previous_year_mean": "本组企业上年度平均值",
        "fixed": _number(b.value or 0.0),
    }[b.kind]
    return base if b.factor == 1 or b.kind == "fixed" else f"{base}的{b.factor:g}倍"


def score_text(rule: ScoreRule, direction: str) -> str:
    """计分规则 in words.

    >>> score_text(ScoreRule(kind="ratio", cap=3, floor=0), "higher")
    '指标值 ÷ 基准值 × 权重，最高为权重的3倍，最低0分'
    """
    if rule.kind == "ratio":
        head = "指标值 ÷ 基准值 × 权重" if direction == "higher" else "基准值 ÷ 指标值 × 权重"
    elif rule.kind == "minmax":
        head = f"权重 × [{rule.base:g} ＋ {100 - rule.base:g} × （指标值 － 最小值） ÷ （最大值 － 最小值）] ÷ 100"
    else:
        head = "权重 × 指标值在本组的累计分布"
    if rule.cap is not None:
        head += f"，最高为权重的{rule.cap:g}倍"
    if rule.floor is not None:
        head += "，最低0分" if rule.floor == 0 else f"，最低为权重的{rule.floor:g}倍"
    return head


MISSING_TEXT = {"zero": "计0分", "segment_mean_points": "按本组该项平均得分"}
DIRECTION_TEXT = {"higher": "正向", "lower": "逆向"}


def effect_text(rule: ClassRule, method: Method) -> str:
    """What a veto or an exemption does, in words.

    >>> from devzone.enterprises.method_load import resolve
    >>> m = resolve("js-huaian-2024")
    >>> effect_text(m.vetoes[0], m), effect_text(m.exemptions[0], m)
    ('最高评为监管调控类', '不定等级（不适合评价类）')
    """
    labels = {c.code: c.label for c in (*method.classes, method.exempt_class)}
    klass = labels.get(rule.klass or "", rule.klass or "")
    return {
        "lowest_class": f"评为{method.classes[-1].label}",
        "not_above": f"最高评为{klass}",
        "exempt": f"不定等级（{method.exempt_class.label}）",
        "not_below": f"不低于{klass}",
    }[rule.effect]
