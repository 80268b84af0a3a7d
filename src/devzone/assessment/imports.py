"""Import zone data (zone, indicator, year, value[, source]) from .csv or .xlsx: every error with its
sheet, row and column; the file lands whole (upsert per zone × indicator × year) or not at all."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from python_calamine import CalamineWorkbook

from devzone.accounts.access import can_change, scope
from devzone.assessment.models import AssessmentValue
from devzone.audit.actions import created, snapshot, updated
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User

REQUIRED = ("zone", "indicator", "year", "value")
HEADER_ALIASES = {
    "开发区": "zone",
    "指标代码": "indicator",
    "年度": "year",
    "数值": "value",
    "来源": "source",
}
CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
MISSING = {"", "NA", "N/A", "-", "—", "None", "null"}


class ImportRefused(Exception):
    """The file was refused; ``errors`` lists every problem, and nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class _Cell:
    zone: Zone
    indicator: str
    year: int
    value: float | None
    source: str


def read_rows(name: str, content: bytes) -> tuple[str, list[list[Any]]]:
    """(sheet label, rows including the header) of a .csv or .xlsx file."""
    if name.lower().endswith((".xlsx", ".xls", ".ods")):
        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        except Exception as exc:  # calamine raises its own error types for corrupt files
            raise ImportRefused([f"{name}: 无法读取 Excel 文件：{exc}"]) from exc
        sheet = book.sheet_names[0]
        return f"{name} 工作表 {sheet}", book.get_sheet_by_name(sheet).to_python()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise ImportRefused([f"{name}: 文件编码无法识别（请用 UTF-8 或 GB18030）"]) from exc
    return name, [list(r) for r in csv.reader(io.StringIO(text))]


def _zone_index(user: User) -> dict[str, list[Zone]]:
    index: dict[str, list[Zone]] = {}
    for z in scope(user, Zone.objects.all(), zone_field="pk"):
        for label in {z.name, z.short_name, *z.aliases}:
            if label:
                index.setdefault(label, []).append(z)
    return index


def _number(raw: Any) -> float | None:
    if raw is None or (isinstance(raw, str) and raw.strip() in MISSING):
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    value = float(str(raw).replace(",", "").strip()) if isinstance(raw, str) else float(raw)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(raw)
    return value


def parse_cells(name: str, content: bytes, *, user: User) -> list[_Cell]:
    """Validate every row; raise ImportRefused with all errors (file, sheet, row, column, reason)."""
    where, rows = read_rows(name, content)
    if not rows:
        raise ImportRefused([f"{where}: 文件为空"])
    header = [HEADER_ALIASES.get(str(h).strip(), str(h).strip().lower()) for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRefused(
            [f"{where}: 第 1 行: 缺少列 {', '.join(missing)}（需要 zone, indicator, year, value）"]
        )
    col = {c: header.index(c) for c in (*REQUIRED, "source") if c in header}
    zones = _zone_index(user)
    errors: list[str] = []
    cells: list[_Cell] = []
    seen: dict[tuple[int, str, int], int] = {}
    for n, raw_row in enumerate(rows[1:], start=2):
        row = list(raw_row) + [""] * (len(header) - len(raw_row))
        if all(str(v).strip() == "" for v in row):
            continue
        at = f"{where}: 第 {n} 行"
        zone_name = str(row[col["zone"]]).strip()
        found = zones.get(zone_name, [])
        zone = found[0] if len(found) == 1 else None
        if not found:
            errors.append(f"{at}, 列 zone: 未知开发区或无权查看：{zone_name!r}")
        elif len(found) > 1:
            errors.append(f"{at}, 列 zone: {zone_name!r} 对应多个开发区，请写全称")
        elif not can_change(user, found[0]):
            errors.append(f"{at}, 列 zone: 无权填报 {zone_name} 的数据")
            zone = None
        indicator = str(row[col["indicator"]]).strip()
        if not CODE.match(indicator) or len(indicator) > 60:
            errors.append(f"{at}, 列 indicator: 指标代码须以字母开头，只含字母、数字和下划线：{indicator!r}")
        year = None
        try:
            year = int(float(str(row[col["year"]]).strip()))
            if not 1990 <= year <= 2100 or float(str(row[col["year"]]).strip()) != year:
                raise ValueError
        except ValueError:
            errors.append(f"{at}, 列 year: 年度须为 1990–2100 的整数：{row[col['year']]!r}")
            year = None
        value = None
        try:
            value = _number(row[col["value"]])
        except ValueError:
            errors.append(f"{at}, 列 value: 不是数字：{row[col['value']]!r}")
        src = str(row[col["source"]]).strip()[:200] if "source" in col else ""
        if zone is None or year is None or not CODE.match(indicator):
            continue
        key = (zone.pk, indicator, year)
        if key in seen:
            errors.append(f"{at}: 与第 {seen[key]} 行重复（{zone.name}, {indicator}, {year}）")
            continue
        seen[key] = n
        cells.append(_Cell(zone=zone, indicator=indicator, year=year, value=value, source=src or name))
    if errors:
        raise ImportRefused(errors)
    if not cells:
        raise ImportRefused([f"{where}: 没有数据行"])
    return cells


def import_values(name: str, content: bytes, *, actor: User, source: str = "web") -> ImportResult:
    """Validate the whole file, then upsert every cell in one transaction, one audit entry per change."""
    cells = parse_cells(name, content, user=actor)
    added = changed = unchanged = 0
    with transaction.atomic():
        for c in cells:
            obj = AssessmentValue.objects.filter(zone=c.zone, indicator=c.indicator, year=c.year).first()
            if obj is not None and obj.value == c.value and obj.source == c.source:
                unchanged += 1
                continue
            before = snapshot(obj) if obj is not None else None
            if obj is None:
                obj = AssessmentValue(zone=c.zone, indicator=c.indicator, year=c.year)
            obj.value, obj.source, obj.entered_by = c.value, c.source, actor
            obj.save()
            if before is None:
                created(obj, actor=actor, source=source)
                added += 1
            else:
                updated(obj, before=before, actor=actor, source=source)
                changed += 1
    return ImportResult(created=added, updated=changed, unchanged=unchanged)
