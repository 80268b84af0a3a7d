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

from pydantic import AfterValidator, ConfigDict, Strict, ValidationError
from pydantic.fields import FieldInfo

CONFIG = ConfigDict(extra="forbid", allow_inf_nan=False, validate_by_name=True, validate_by_alias=True)

Number = Annotated[float, Strict()]
"""A finite int or float; ``true`` and ``"3"`` are refused (pydantic's lax mode would take them)."""

Integer = Annotated[int, Strict()]
"""An int; ``2.0``, ``true`` and ``"2"`` are refused."""


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("must be a non-empty string")
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
    ('(top)', "'c' is not one of a, b")
    """

    def check(value: str) -> str:
        if value not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
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


_REASONS: dict[str, str] = {
    "missing": "is required",
    "extra_forbidden": "unknown key",
    "unexpected_keyword_argument": "unknown key",
    "dataclass_type": "must be a mapping",
    "dict_type": "must be a mapping",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
}


def first_issue(error: ValidationError, *, rename: Callable[[str], str] = str) -> tuple[str, str]:
    """The key path and reason of the first fault: an unknown key first (often a misspelt one that
    also makes a required key missing), else the first error in the file's key order.

    >>> from pydantic import TypeAdapter
    >>> try:
    ...     TypeAdapter(dict[str, Number]).validate_python({"a": True})
    ... except ValidationError as error:
    ...     first_issue(error)
    ('a', 'input should be a valid number, got True')
    """
    issues = error.errors(include_url=False)
    issue = next((i for i in issues if _REASONS.get(i["type"]) == "unknown key"), issues[0])
    loc, kind = issue["loc"], issue["type"]
    cause = (issue.get("ctx") or {}).get("error")
    if isinstance(cause, Refusal):
        return rename(key_path(loc, cause.key)), cause.reason
    if kind in _REASONS:
        return rename(key_path(loc)), _REASONS[kind]
    if isinstance(cause, Exception):
        return rename(key_path(loc)), str(cause)
    message: str = issue["msg"]
    value: Any = issue.get("input")
    return rename(key_path(loc)), f"{message[0].lower()}{message[1:]}, got {value!r}"
