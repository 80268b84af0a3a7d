"""Import zone data (zone, indicator, year, value[, source]) from .csv or .xlsx: every error with its
sheet, row and column; the file lands whole (upsert per zone × indicator × year) or not at all."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from devzone.accounts.access import can_change, scope
from devzone.assessment.models import AssessmentValue
from devzone.audit.actions import created, snapshot, updated
from devzone.core.files import CellIssue, FileRefused, read_table
from devzone.indicators.collect import FigureConflict, YearFigure, observe_year_figures
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


# A refusal is the shared reader's: every issue names file, sheet, row and column (core/files.py).
ImportRefused = FileRefused


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


def read_rows(name: str, content: bytes) -> tuple[str, str, list[list[Any]]]:
    """(file, sheet, rows including the header) of a .csv or .xlsx upload, through the shared reader."""
    table = read_table(name, content)
    sheet = table.sheets[0]
    return table.file, sheet.name, sheet.rows


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


def parse_cells(name: str, content: bytes, *, user: User) -> list[_Cell]:  # noqa: C901 — one pass over the rows; each check adds one located CellIssue
    """Validate every row; raise FileRefused with every issue (file, sheet, row, column, reason)."""
    file, sheet, rows = read_rows(name, content)
    if not rows or all(str(v).strip() == "" for v in rows[0]):
        raise FileRefused.one(file, "文件为空或第 1 行没有表头", sheet=sheet)
    written = [str(h).strip() for h in rows[0]]
    header = [HEADER_ALIASES.get(h, h.lower()) for h in written]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FileRefused.one(
            file,
            f"缺少列 {', '.join(missing)}（需要 zone, indicator, year, value）",
            sheet=sheet,
            row=1,
        )
    col = {c: header.index(c) for c in (*REQUIRED, "source") if c in header}
    label = {c: written[i] for c, i in col.items()}
    zones = _zone_index(user)
    issues: list[CellIssue] = []
    cells: list[_Cell] = []
    seen: dict[tuple[int, str, int], int] = {}

    def refuse(n: int, column: str, reason: str) -> None:
        issues.append(
            CellIssue(file=file, sheet=sheet, row=n, column=label.get(column, column), reason=reason)
        )

    for n, raw_row in enumerate(rows[1:], start=2):
        row = list(raw_row) + [""] * (len(header) - len(raw_row))
        if all(str(v).strip() == "" for v in row):
            continue
        zone_name = str(row[col["zone"]]).strip()
        found = zones.get(zone_name, [])
        zone = found[0] if len(found) == 1 else None
        if not found:
            refuse(n, "zone", f"未知开发区或无权查看：{zone_name!r}")
        elif len(found) > 1:
            refuse(n, "zone", f"{zone_name!r} 对应多个开发区，请写全称")
        elif not can_change(user, found[0]):
            refuse(n, "zone", f"无权填报 {zone_name} 的数据")
            zone = None
        indicator = str(row[col["indicator"]]).strip()
        if not CODE.match(indicator) or len(indicator) > 60:
            refuse(n, "indicator", f"指标代码须以字母开头，只含字母、数字和下划线：{indicator!r}")
        year = None
        try:
            year = int(float(str(row[col["year"]]).strip()))
            if not 1990 <= year <= 2100 or float(str(row[col["year"]]).strip()) != year:
                raise ValueError
        except (ValueError, OverflowError):
            refuse(n, "year", f"年度须为 1990–2100 的整数：{row[col['year']]!r}")
            year = None
        value = None
        try:
            value = _number(row[col["value"]])
        except ValueError:
            refuse(n, "value", f"不是数字：{row[col['value']]!r}")
        src = str(row[col["source"]]).strip()[:200] if "source" in col else ""
        if zone is None or year is None or not CODE.match(indicator):
            continue
        key = (zone.pk, indicator, year)
        if key in seen:
            refuse(n, "", f"与第 {seen[key]} 行重复（{zone.name}, {indicator}, {year}）")
            continue
        seen[key] = n
        cells.append(_Cell(zone=zone, indicator=indicator, year=year, value=value, source=src or file))
    if issues:
        raise FileRefused(issues)
    if not cells:
        raise FileRefused.one(file, "没有数据行", sheet=sheet)
    return cells


def previous_values(cells: list[_Cell]) -> dict[tuple[int, str, int], float | None]:
    """The stored value of each cell before the import (the cells the file changes)."""
    zones = {c.zone.pk for c in cells}
    stored = AssessmentValue.objects.filter(
        zone_id__in=zones, indicator__in={c.indicator for c in cells}, year__in={c.year for c in cells}
    )
    return {
        (int(z), str(i), int(y)): v
        for z, i, y, v in stored.values_list("zone_id", "indicator", "year", "value")
    }


def import_values(name: str, content: bytes, *, actor: User, source: str = "web") -> ImportResult:
    """Validate the whole file, then upsert every cell in one transaction, one audit entry per change.

    Collect once: a cell whose code the indicator catalogue tracks is also that zone's observation
    for the year (``indicators.collect``); a cell that contradicts an annual figure already there
    refuses the file, and nothing is written.
    """
    cells = parse_cells(name, content, user=actor)
    added = changed = unchanged = 0
    with transaction.atomic():
        try:
            observe_year_figures(
                [
                    YearFigure(
                        zone=c.zone,
                        code=c.indicator,
                        year=c.year,
                        value=c.value,
                        source=f"考评数据 {c.source}",
                    )
                    for c in cells
                ],
                previous=previous_values(cells),
                actor=actor,
                source=source,
            )
        except FigureConflict as conflict:
            raise FileRefused([CellIssue(file=name, reason=error) for error in conflict.errors]) from conflict
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
