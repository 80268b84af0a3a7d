"""A province's published certificate list (认定名单): read and checked as a whole, pure.

The lists provinces publish carry the firm's name, its USCC, the certificate number and the issue
date; some add the last valid day, the level, the batch (文号) or the issuer. Columns are named in
Chinese (企业名称, 统一社会信用代码, 证书编号, 发证日期, 有效期至, 等级, 文号, 认定机构) or by field name.
Every row is checked before anything is kept — a USCC with a wrong check character, a date that is
no date, dates in the wrong order, a validity the kind does not allow, one certificate number given
twice — and all faults are reported at once, each naming file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from devzone.core.files import CellIssue, FileRefused, column_letters, read_table
from devzone.enterprises.uscc import problem as uscc_problem
from devzone.pools.kinds import BY_CODE, default_valid_to
from devzone.pools.supplement import _date

COLUMNS: dict[str, str] = {
    "name": "企业名称",
    "uscc": "统一社会信用代码",
    "certificate_no": "证书编号",
    "issued_on": "发证日期",
    "valid_to": "有效期至",
    "level": "等级",
    "doc_no": "文号",
    "issuer": "认定机构",
}
REQUIRED = ("uscc", "certificate_no", "issued_on")
ALIASES = {"发证时间": "issued_on", "认定日期": "issued_on", "有效期止": "valid_to", "批次": "doc_no",
           "证书号": "certificate_no", "信用代码": "uscc"}  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Certificate:
    """One row of the list, checked; ``valid_to`` is the printed date or the kind's default."""

    row: int
    name: str
    uscc: str
    certificate_no: str
    issued_on: dt.date
    valid_to: dt.date | None
    level: str = ""
    doc_no: str = ""
    issuer: str = ""
    valid_to_printed: bool = False


def _key(text: str) -> str | None:
    by_label = {label: key for key, label in COLUMNS.items()}
    return text if text in COLUMNS else by_label.get(text) or ALIASES.get(text)


def validity_problem(kind: str, issued_on: dt.date, valid_to: dt.date) -> str | None:
    """Why a printed validity contradicts the kind's rule (None when it does not).

    >>> validity_problem("hte", dt.date(2023, 9, 1), dt.date(2026, 8, 31)) is None
    True
    >>> validity_problem("hte", dt.date(2023, 9, 1), dt.date(2027, 9, 1))
    '有效期至 2027-09-01 超出高新技术企业的 3 年有效期（应不晚于 2026-09-01）'
    >>> validity_problem("hte", dt.date(2023, 9, 1), dt.date(2023, 8, 1))
    '有效期至 2023-08-01 早于发证日期 2023-09-01'
    """
    if valid_to < issued_on:
        return f"有效期至 {valid_to.isoformat()} 早于发证日期 {issued_on.isoformat()}"
    k = BY_CODE[kind]
    if k.calendar_year and valid_to.year != issued_on.year:
        return f"{k.name}登记编号当年有效，有效期至 {valid_to.isoformat()} 不在 {issued_on.year} 年内"
    longest = default_valid_to(kind, issued_on)
    if k.years is not None and not k.calendar_year and longest is not None:
        limit = longest + dt.timedelta(days=1)  # a printed date may name the anniversary itself
        if valid_to > limit:
            return (
                f"有效期至 {valid_to.isoformat()} 超出{k.name}的 {k.years} 年有效期"
                f"（应不晚于 {limit.isoformat()}）"
            )
    return None


def _at(columns: dict[str, int], key: str) -> str:
    return f"{column_letters(columns[key] + 1)}（{COLUMNS[key]}）" if key in columns else ""


def _dates(
    columns: dict[str, int], cells: list[Any]
) -> tuple[dict[str, dt.date | None], list[tuple[str, str]]]:
    dates: dict[str, dt.date | None] = {}
    faults: list[tuple[str, str]] = []
    for key in ("issued_on", "valid_to"):
        i = columns.get(key)
        raw = cells[i] if i is not None and i < len(cells) else None
        dates[key] = None
        if raw is None or str(raw).strip() == "":
            if key == "issued_on":
                faults.append((_at(columns, key), "必填，不能为空"))
            continue
        try:
            dates[key] = _date(raw)
        except (TypeError, ValueError, IndexError):
            faults.append((_at(columns, key), f"“{raw}”不能读作日期（如 2024-12-01）"))
    return dates, faults


def _row(
    kind: str, columns: dict[str, int], cells: list[Any], r: int, seen: dict[str, int]
) -> tuple[Certificate | None, list[tuple[str, str]]]:
    """One data row checked: the certificate (when its issue date reads) and the faults (column, reason)."""

    def cell(key: str) -> str:
        i = columns.get(key)
        value = cells[i] if i is not None and i < len(cells) else None
        return "" if value is None else str(value).strip()

    dates, faults = _dates(columns, cells)
    uscc = cell("uscc").upper()
    if not uscc:
        faults.append((_at(columns, "uscc"), "必填，不能为空"))
    elif (bad := uscc_problem(uscc)) is not None:
        faults.append((_at(columns, "uscc"), bad.reason))
    number = cell("certificate_no")
    if not number:
        faults.append((_at(columns, "certificate_no"), "必填，不能为空"))
    elif number in seen:
        faults.append((_at(columns, "certificate_no"), f"证书编号 {number} 与第 {seen[number]} 行重复"))
    else:
        seen[number] = r
    issued, printed = dates["issued_on"], dates["valid_to"]
    if issued is not None and printed is not None and (why := validity_problem(kind, issued, printed)):
        faults.append((_at(columns, "valid_to"), why))
    if issued is None:
        return None, faults
    return Certificate(
        row=r, name=cell("name"), uscc=uscc, certificate_no=number, issued_on=issued,
        valid_to=printed if printed is not None else default_valid_to(kind, issued),
        level=cell("level"), doc_no=cell("doc_no"), issuer=cell("issuer"), valid_to_printed=printed is not None,
    ), faults  # fmt: skip


def read_certificates(name: str, content: bytes, *, kind: str) -> list[Certificate]:
    """The list's rows, checked; raise :class:`~devzone.core.files.FileRefused` listing every fault."""
    if kind not in BY_CODE:
        raise FileRefused.one(name, f"不认识的资质类别“{kind}”（可选：{'、'.join(BY_CODE)}）")
    table = read_table(name, content)
    sheet = table.sheet(None)
    file, where = table.file, sheet.name
    if not sheet.rows:
        raise FileRefused.one(file, "工作表是空的", sheet=where)
    columns: dict[str, int] = {}
    issues: list[CellIssue] = []
    for i, cell in enumerate(sheet.rows[0]):
        text = str(cell).strip()
        if not text or text in ("序号", "地区", "所属地区"):
            continue
        key = _key(text)
        if key is None:
            issues.append(CellIssue(file=file, sheet=where, row=1, column=column_letters(i + 1),
                                    reason=f"不认识的列名“{text}”", code="unknown_column"))  # fmt: skip
        else:
            columns[key] = i
    issues += [
        CellIssue(file=file, sheet=where, row=1, reason=f"缺少必填列“{COLUMNS[need]}”")
        for need in REQUIRED
        if need not in columns
    ]
    if issues:
        raise FileRefused(issues)
    out: list[Certificate] = []
    seen: dict[str, int] = {}
    for r, cells in enumerate(sheet.rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        found, faults = _row(kind, columns, cells, r, seen)
        issues += [CellIssue(file=file, sheet=where, row=r, column=at, reason=why) for at, why in faults]
        if found is not None:
            out.append(found)
    if issues:
        raise FileRefused(issues)
    if not out:
        raise FileRefused.one(file, "名单中没有证书", sheet=where)
    return out
