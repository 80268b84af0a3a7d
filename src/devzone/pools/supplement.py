"""The yearly supplement (年度补充数据): the extra fields of the pre-screen, read and checked as a whole.

A zone fills one row per enterprise and year with the fields of :mod:`devzone.pools.fields` that the
yearly 亩均 data lacks (营业收入, 科技人员, 知识产权 by class, …). The header row names each column by
its field name (``rd_expense_hte``) or its Chinese label (研究开发费用（高企专项审计口径）). The file is
read by the shared reader (:func:`devzone.core.files.read_table`: size, zip and sheet limits, a child
process for the parse) and every cell is checked before anything is kept: an unknown column, a USCC
with a wrong check character, text in a number cell, a date that is no date, a repeated (USCC, year) —
all of them are reported at once, each naming file, sheet, row and column, and nothing is returned
unless the whole file is valid. Pure: no Django; the caller writes the rows in one transaction.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pyarrow as pa

from devzone.core.files import CellIssue, FileRefused, column_letters, read_table
from devzone.enterprises.uscc import problem as uscc_problem
from devzone.pools.fields import BY_NAME, FIELDS, Field

SHEET = "年度补充数据"
REQUIRED = ("uscc", "year")
# Read by people, not by the pre-screen: the template names each firm beside its USCC.
IGNORED = {"企业名称", "name"}
_TRUE = {"是", "有", "true", "yes", "y", "1"}
_FALSE = {"否", "无", "false", "no", "n", "0"}
_LABELS = {f.label: f.name for f in FIELDS}
_ARROW = {
    "int": pa.int64(),
    "float": pa.float64(),
    "str": pa.string(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}


def _number(value: Any, whole: bool) -> float | int:
    if isinstance(value, bool):
        raise ValueError(value)
    number = float(str(value).replace(",", "").strip()) if isinstance(value, str) else float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    if whole:
        if number != int(number):
            raise ValueError(value)
        return int(number)
    return number


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    parts = text.split("-")
    if len(parts) == 2:
        parts.append("1")  # 2015-03: the month is what is known
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower().removesuffix(".0")
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(value)


def parse_cell(f: Field, value: Any) -> tuple[Any, str | None]:
    """One cell as the field's kind, or the reason it cannot be.

    >>> from devzone.pools.fields import BY_NAME
    >>> parse_cell(BY_NAME["revenue"], "1,250.5"), parse_cell(BY_NAME["ip_i"], "三")
    ((1250.5, None), (None, '“三”不能读作整数'))
    >>> parse_cell(BY_NAME["segment_start"], "2015-03"), parse_cell(BY_NAME["tax_collection"], "是")
    ((datetime.date(2015, 3, 1), None), (True, None))
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    try:
        if f.kind in ("int", "float"):
            return _number(value, f.kind == "int"), None
        if f.kind == "date":
            return _date(value), None
        if f.kind == "bool":
            return _bool(value), None
        return str(value).strip(), None
    except (TypeError, ValueError, OverflowError, IndexError):
        what = {"int": "整数", "float": "数字", "date": "日期（如 2015-03-01）", "bool": "是或否"}[f.kind]
        return None, f"“{value}”不能读作{what}"


def _header(file: str, where: str, head: list[Any]) -> tuple[list[tuple[int, Field]], list[CellIssue]]:
    """The columns the header row names, and the issues with it."""
    columns: list[tuple[int, Field]] = []
    issues: list[CellIssue] = []
    for i, cell in enumerate(head):
        text = str(cell).strip()
        key = text if text in BY_NAME else _LABELS.get(text)
        if not text or text in IGNORED:
            continue
        if key is None:
            issues.append(CellIssue(file=file, sheet=where, row=1, column=column_letters(i + 1),
                                    reason=f"不认识的列名“{text}”", code="unknown_column"))  # fmt: skip
        else:
            columns.append((i, BY_NAME[key]))
    named = {f.name for _, f in columns}
    issues += [
        CellIssue(file=file, sheet=where, row=1, reason=f"缺少必填列 {need}（{BY_NAME[need].label}）")
        for need in REQUIRED
        if need not in named
    ]
    return columns, issues


def _check(f: Field, value: Any) -> str | None:
    """Why a parsed value cannot stand (USCC check character, year range, a negative count or amount)."""
    if value is None:
        return "必填，不能为空" if f.name in REQUIRED else None
    if f.name == "uscc" and (bad := uscc_problem(str(value))) is not None:
        return bad.reason
    if f.name == "year" and not 1990 <= value <= 2100:
        return f"年度 {value} 不在 1990–2100 之间"
    if f.unit in ("万元", "人", "件", "项") and f.name != "net_profit" and value < 0:
        return f"{value:g} 为负数"
    return None


def read_supplement(name: str, content: bytes) -> pa.Table:
    """The supplement's rows as an Arrow table typed by :mod:`devzone.pools.fields`; raise
    :class:`~devzone.core.files.FileRefused` listing every fault."""
    table = read_table(name, content)
    sheet = table.sheet(SHEET, fallback_first=True)
    file, where = table.file, sheet.name
    if not sheet.rows:
        raise FileRefused.one(file, "工作表是空的", sheet=where)
    columns, issues = _header(file, where, sheet.rows[0])
    if issues:
        raise FileRefused(issues)
    out: dict[str, list[Any]] = {f.name: [] for _, f in columns}
    seen: dict[tuple[Any, Any], int] = {}
    for r, cells in enumerate(sheet.rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        row: dict[str, Any] = {}
        for i, f in columns:
            value, reason = parse_cell(f, cells[i] if i < len(cells) else None)
            reason = reason or _check(f, value)
            if reason is not None:
                at = f"{column_letters(i + 1)}（{f.name}）"
                issues.append(CellIssue(file=file, sheet=where, row=r, column=at, reason=reason))
            row[f.name] = value
        key = (row.get("uscc"), row.get("year"))
        if key[0] is not None and key[1] is not None:
            if key in seen:
                issues.append(
                    CellIssue(
                        file=file,
                        sheet=where,
                        row=r,
                        reason=f"{key[0]} 的 {key[1]} 年数据与第 {seen[key]} 行重复",
                    )
                )
            seen.setdefault(key, r)
        for field_name, value in row.items():
            out[field_name].append(value)
    if issues:
        raise FileRefused(issues)
    return pa.table({k: pa.array(v, _ARROW[BY_NAME[k].kind]) for k, v in out.items()})
