"""Strict loading of the YAML files devzone reads (亩均 methods, assessment frameworks, the catalogue).

Each loader declares its file as pydantic dataclasses with :data:`CONFIG` (an unknown key is refused,
numbers must be finite, no text is read as a number) and turns a :class:`pydantic.ValidationError`
into one ``(key path, reason)`` with :func:`first_issue`, so that every refusal reads
``<file>: segments[1].indicators[0].weight: <reason>``. A check that spans several keys raises
:class:`Refusal` naming the key below the value being checked. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, Field, Strict, ValidationError
from pydantic.fields import FieldInfo

CONFIG = ConfigDict(extra="forbid", allow_inf_nan=False, validate_by_name=True, validate_by_alias=True)

Number = Annotated[float, Strict()]
"""A finite int or float; ``true`` and ``"3"`` are refused (pydantic's lax mode would take them)."""

Integer = Annotated[int, Strict()]
"""An int; ``2.0``, ``true`` and ``"2"`` are refused."""


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("不能为空")
    return value


Text = Annotated[str, Strict(), AfterValidator(_non_empty)]
"""Non-blank text (names, codes, labels); a number is refused."""


def one_of(options: Sequence[str]) -> AfterValidator:
    """A validator keeping a text to ``options`` (the registry's names, so both stay one list).

    >>> from pydantic import TypeAdapter
    >>> kind = TypeAdapter(Annotated[str, one_of(("a", "b"))])
    >>> kind.validate_python("a")
    'a'
    >>> try:
    ...     kind.validate_python("c")
    ... except ValidationError as error:
    ...     first_issue(error)
    ('(top)', '“c”不是可选值，应为以下之一：a、b')
    """

    def check(value: str) -> str:
        if value not in options:
            raise ValueError(f"“{value}”不是可选值，应为以下之一：{'、'.join(options)}")
        return value

    return AfterValidator(check)


def fields_of(model: Any) -> dict[str, FieldInfo]:
    """The fields of a pydantic dataclass by the key a file writes (its alias, as ``class``, or its name).

    >>> from pydantic.dataclasses import dataclass
    >>> @dataclass
    ... class Point:
    ...     x: float
    ...     y: float = 0.0
    >>> {key: info.is_required() for key, info in fields_of(Point).items()}
    {'x': True, 'y': False}
    """
    fields: dict[str, FieldInfo] = model.__pydantic_fields__
    return {info.alias or name: info for name, info in fields.items()}


Share = Annotated[Number, Field(gt=0, le=1)]
Positive = Annotated[Number, Field(gt=0)]
NonNegative = Annotated[Number, Field(ge=0)]


class FileKeyError(ValueError):
    """A method or criteria file is invalid. The message starts with ``<file>: <key>:``; each slice's loader
    raises its own subclass, so a caller can tell a 亩均 method from a land one."""

    def __init__(self, *, file: str, key: str, reason: str) -> None:
        super().__init__(f"{file}: {key}: {reason}")
        self.file = file
        self.key = key
        self.reason = reason


class Refusal(ValueError):
    """A check on a whole mapping that names the key at fault below it (``cap`` of a score rule)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key
        self.reason = reason


def key_path(loc: Sequence[int | str], below: str = "") -> str:
    """Render a pydantic location as the file's key path; ``below`` is a dotted tail.

    >>> key_path(("segments", 1, "indicators", 0, "weight"))
    'segments[1].indicators[0].weight'
    >>> key_path(("classing",), "shares"), key_path((), "assumed"), key_path(())
    ('classing.shares', 'assumed', '(top)')
    """
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    if below:
        path = f"{path}{'' if below.startswith('[') or not path else '.'}{below}"
    return path or "(top)"


# pydantic's error types in the words of a person fixing the file (the reader is a coordinator, in Chinese).
_REASONS: dict[str, str] = {
    "missing": "缺少此项（必填）",
    "extra_forbidden": "不认识的键（是否拼写有误？）",
    "unexpected_keyword_argument": "不认识的键（是否拼写有误？）",
    "dataclass_type": "应为映射（键: 值）",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
}
UNKNOWN_KEY = _REASONS["extra_forbidden"]
UNKNOWN_KEY_TYPES = frozenset({"extra_forbidden", "unexpected_keyword_argument"})
# Types whose reason names a limit from the error's context.
_LIMITS: dict[str, str] = {
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "too_short": "至少应有 {min_length} 项",
    "too_long": "至多只能有 {max_length} 项",
    "string_too_short": "至少应有 {min_length} 个字符",
    "string_too_long": "至多只能有 {max_length} 个字符",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
}
# Types that say what the value should be; the value given is shown after.
_KINDS: dict[str, str] = {
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "finite_number": "应为有限的数字",
    "date_type": "应为日期（如 2025-06-30）",
    "date_parsing": "应为日期（如 2025-06-30）",
    "date_from_datetime_parsing": "应为日期（如 2025-06-30）",
}


def given(value: Any) -> str:
    """The value a file gave, as a reason quotes it.

    >>> given(True), given("3"), given(None)
    ('true', '“3”', '空值')
    """
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"“{value}”"
    return repr(value)


def first_issue(error: ValidationError, *, rename: Callable[[str], str] = str) -> tuple[str, str]:
    """The key path and reason of the first fault: an unknown key first (often a misspelt one that
    also makes a required key missing), else the first error in the file's key order.

    >>> from pydantic import TypeAdapter
    >>> try:
    ...     TypeAdapter(dict[str, Number]).validate_python({"a": True})
    ... except ValidationError as error:
    ...     first_issue(error)
    ('a', '应为数字，现为 true')
    """
    issues = error.errors(include_url=False)
    issue = next((i for i in issues if i["type"] in UNKNOWN_KEY_TYPES), issues[0])
    loc, kind = issue["loc"], issue["type"]
    cause = (issue.get("ctx") or {}).get("error")
    if isinstance(cause, Refusal):
        return rename(key_path(loc, cause.key)), cause.reason
    if kind in _REASONS:
        return rename(key_path(loc)), _REASONS[kind]
    if isinstance(cause, Exception):
        return rename(key_path(loc)), str(cause)
    value: Any = issue.get("input")
    if kind in _LIMITS:
        context = {k: str(v).replace("'", "") for k, v in (issue.get("ctx") or {}).items()}
        return rename(key_path(loc)), f"{_LIMITS[kind].format(**context)}，现为 {given(value)}"
    return rename(key_path(loc)), f"{_KINDS.get(kind, '取值不合要求')}，现为 {given(value)}"
