"""What every JSON operation shares: bounded ids and numbers, the error bodies and a strict request parser.

The database holds ids as signed 64-bit integers and JSON has no NaN or Infinity, so an id outside
1..2^63-1 or a non-finite number is refused at the door (422) instead of reaching a query or an audit
snapshot. Each slice's api.py uses these types; ``devzone.api`` installs the parser and error handlers.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.parser import Parser

MAX_ID = 2**63 - 1
# The largest page number or offset a list answers; far past any real table, and its products with a
# page size (at most a few thousand) stay well inside a 64-bit LIMIT/OFFSET.
MAX_PAGE = 1_000_000

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Page = Annotated[int, Field(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Field(ge=0, le=MAX_PAGE)]
FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    """422: the request's fields (ninja's list of errors) or the record's checks (field → messages)."""

    detail: list[dict[str, Any]] | dict[str, list[str]]


def errors(*codes: int) -> dict[int, Any]:
    """The error answers of an operation for its ``response=``; 401 and 429 always (every operation signs in
    and is rate-limited, ``devzone.api.PerPersonAndAddress``)."""
    return {code: ValidationErrorOut if code == 422 else ErrorOut for code in (401, 429, *codes)}


def _refuse_constant(name: str) -> float:
    raise ValueError(f"JSON has no {name}")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class StrictParser(Parser):
    """JSON bodies and query strings without NaN/Infinity literals or NUL characters.

    Python's json module reads ``NaN`` and ``Infinity``, which standard JSON does not have, and PostgreSQL
    text cannot hold a NUL. A body with either is refused as unreadable (ninja answers 400 for any error
    raised here); a query string with a NUL is refused as a field (422).
    """

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body, parse_constant=_refuse_constant)
        if _has_nul(data):
            raise ValueError("NUL character in the body")
        return data

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> Any:
        if any(_has_nul(key) or _has_nul(data.getlist(key)) for key in data):
            raise ValidationError([{"loc": ["query"], "msg": "不能含有 NUL 字符", "type": "nul_character"}])
        return super().parse_querydict(data, list_fields, request)
