"""The wording of every input-check reason of an enterprise-year table, in Chinese.

One place for the words, so the set-based checks (:mod:`devzone.enterprises.inputs`), the cell parser
(:mod:`devzone.enterprises.inputs_columns`), the USCC check (:mod:`devzone.enterprises.uscc`) and the
row-wise reference of the tests say the same thing. A reason is shown after the file, sheet, row and
column (``a.csv，第 3 行，land_mu 列：…``), so it names the value and what was expected, not the place.
Numbers are written as the file gave them (``%g``), never as a raw float.
"""

from __future__ import annotations

from typing import Any

REQUIRED = "必填，不能为空"
UNKNOWN_COLUMN = "不是模板中的列（请删除该列或改用模板的列名）"

# what a cell of each column kind must be
KIND_WORDS = {"int": "整数", "float": "数字", "str": "文本", "bool": "是/否"}


def g(value: Any) -> str:
    """A number as a reader writes it: ``2.5``, ``-3``, ``4,500,000`` — thousands separated, no trailing
    ``.0``, no exponent and no binary noise (at most six decimals).

    >>> g(4500000.0), g(-2.5), g(0.1 + 0.2), g(12), g(-0.0)
    ('4,500,000', '-2.5', '0.3', '12', '0')
    """
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def not_of_kind(value: Any, kind: str) -> str:
    """A cell that does not read as its column's kind."""
    return f"“{value}”不能读作{KIND_WORDS[kind]}"


def uscc_refused(code: str, reason: str) -> str:
    return f"{code}：{reason}"


def uscc_length(length: int) -> str:
    return f"长度为 {length} 位，统一社会信用代码应为 18 位"


def uscc_character(character: str) -> str:
    return f"含不允许的字符“{character}”（统一社会信用代码不使用 I、O、S、V、Z）"


USCC_REGION = "第 3—8 位（登记管理机关行政区划码）应为数字"


def uscc_check(found: str, expected: str) -> str:
    return f"校验码为 {found}，按 GB 32100—2015 应为 {expected}"


def scale(value: str) -> str:
    return f"“{value}”不是规模的取值（规上填 above，规下填 below；模板的下拉框为 规上/规下）"


def industry_digits(raw: str) -> str:
    return f"行业代码“{raw}”不是 2—4 位数字（GB/T 4754—2017）"


def industry_division(division: str) -> str:
    return f"行业大类 {division} 不存在（GB/T 4754—2017 的大类为 01—97）"


def industry_section(letter: str, division: str, section: str) -> str:
    return f"门类 {letter} 与大类 {division} 不符（大类 {division} 属门类 {section}）"


def industry_unknown(code: str) -> str:
    return f"行业代码 {code} 不在已知的行业代码表中"


def land_not_positive(land: Any) -> str:
    return f"用地面积应大于 0 亩，填的是 {g(land)}"


def negative(value: Any) -> str:
    return f"不能为负数，填的是 {g(value)}"


def per_mu_slip(value: Any, land: Any) -> str:
    """A money column that is implausibly large per 亩: most often 元 typed where 万元 is asked."""
    return (
        f"{g(value)} ÷ {g(land)} 亩 = {value / land:,.0f} 万元/亩，疑似按元填报"
        "（本列单位为万元，请除以 10,000）"
    )


def duplicate_of(row: Any, year: Any) -> str:
    return f"与第 {row} 行重复（同一年度 {year}、同一统一社会信用代码）"


def duplicate(year: Any) -> str:
    return f"重复（同一年度 {year}、同一统一社会信用代码出现多次）"


def is_duplicate(reason: str) -> bool:
    """True for both duplicate reasons (the reference lists them after a batch's other issues)."""
    return reason.startswith(("与第", "重复（"))
