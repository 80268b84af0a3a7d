"""统一社会信用代码 (USCC) check per GB 32100-2015.

An 18-character code: position 1 登记管理部门代码 (a digit or a letter), position 2 机构类别代码,
positions 3–8 登记管理机关行政区划码 (digits), positions 9–17 主体标识码 (组织机构代码), position 18 the
check character.

Check character (GB 32100-2015 §5, 校验码)::

    C18 = 31 − (Σ_{i=1..17} C_i × W_i  mod 31),   C18 = 0 when the difference is 31

where C_i is the value of character i in the 31-character set ``0-9 A-H J-N P-R T U W-Y``
(no I, O, S, V, Z) and W_i = 3^(i−1) mod 31 = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28.

References
----------
GB 32100-2015 法人和其他组织统一社会信用代码编码规则, 国家质量监督检验检疫总局/国家标准化管理委员会.
"""

from __future__ import annotations

from dataclasses import dataclass

from devzone.enterprises import input_reasons as wording

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_VALUE = {c: i for i, c in enumerate(CHARSET)}


class UsccError(ValueError):
    """A string is not a valid 统一社会信用代码."""


@dataclass(frozen=True, kw_only=True)
class UsccProblem:
    """Why a code is invalid: ``reason`` is one sentence for a person."""

    code: str
    reason: str


def check_character(body: str) -> str:
    """Return the GB 32100 check character for the first 17 characters ``body``.

    >>> check_character("91350100M000100Y4")
    '3'
    >>> check_character("91110000600037341")
    'L'
    >>> check_character("12345678901234567")
    '8'
    """
    if len(body) != 17 or any(c not in _VALUE for c in body):
        raise UsccError(f"need 17 characters from {CHARSET!r}, got {body!r}")
    total = sum(_VALUE[c] * w for c, w in zip(body, WEIGHTS, strict=True))
    rest = 31 - total % 31
    return CHARSET[0 if rest == 31 else rest]


def problem(code: str) -> UsccProblem | None:
    """Return why ``code`` is not a valid USCC, or None when it is valid.

    Letters are allowed in position 1 (登记管理部门代码 such as ``A`` or ``N``) and anywhere the
    character set allows; positions 3–8 (行政区划码) must be digits.

    >>> problem("91350100M000100Y43") is None
    True
    >>> problem("91350100M000100Y44").reason
    '校验码为 4，按 GB 32100—2015 应为 3'
    >>> problem("9135010").reason
    '长度为 7 位，统一社会信用代码应为 18 位'
    """
    if len(code) != 18:
        return UsccProblem(code=code, reason=wording.uscc_length(len(code)))
    bad = [c for c in code if c not in _VALUE]
    if bad:
        return UsccProblem(code=code, reason=wording.uscc_character(bad[0]))
    if not code[2:8].isdigit():
        return UsccProblem(code=code, reason=wording.USCC_REGION)
    expected = check_character(code[:17])
    if code[17] != expected:
        return UsccProblem(code=code, reason=wording.uscc_check(code[17], expected))
    return None


def is_valid(code: str) -> bool:
    """True when ``code`` is a valid USCC.

    >>> is_valid("91350100M000100Y43")
    True
    >>> is_valid("A1350100M000100Y4" + check_character("A1350100M000100Y4"))
    True
    >>> is_valid("91350100M000100Y4O")
    False
    """
    return problem(code) is None
