"""Import zone data (zone, indicator, year, value[, source]) from .csv or .xlsx: every error with its
sheet, row and column; the file lands whole (upsert per zone × indicator × year) or not at all."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from devzone.accounts.access import can_change, scope
from devzone.assessment.models import AssessmentValue, Framework
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
MISSING = {"", "NA", "N/A", "-", "—", "None", "null", "缺失"}


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


@dataclass(frozen=True)
class _Entry:
    """One value as the file gives it, with where it sits: row number and the written column names."""

    row: int
    zone: str
    indicator: str
    year: Any
    value: Any
    source: str
    columns: dict[str, str]


def indicator_headers() -> dict[str, set[str]]:
    """Header text → indicator codes, from every framework: ``名称``, ``名称（单位）`` and the code itself.

    A header that names two codes (the same name in two frameworks with different codes) is ambiguous.
    """
    index: dict[str, set[str]] = {}
    for framework in Framework.objects.all():
        engine = framework.engine()
        for code in engine.indicators:
            node = engine.node(code)
            labels = {code, node.name, template_header(node.name, node.unit)}
            for label in labels:
                index.setdefault(label, set()).add(code)
    return index


def template_header(name: str, unit: str | None) -> str:
    """The column heading of an indicator in the template: its Chinese name, with its unit if it has one.

    >>> template_header("地区生产总值", "亿元"), template_header("单位GDP能耗", None)
    ('地区生产总值（亿元）', '单位GDP能耗')
    """
    return f"{name}（{unit}）" if unit else name


def _long_entries(rows: list[list[Any]], header: list[str], written: list[str]) -> list[_Entry]:
    col = {c: header.index(c) for c in (*REQUIRED, "source") if c in header}
    label = {c: written[i] for c, i in col.items()}
    out = []
    for n, raw_row in enumerate(rows[1:], start=2):
        row = list(raw_row) + [""] * (len(header) - len(raw_row))
        if all(str(v).strip() == "" for v in row):
            continue
        out.append(
            _Entry(
                row=n,
                zone=str(row[col["zone"]]).strip(),
                indicator=str(row[col["indicator"]]).strip(),
                year=row[col["year"]],
                value=row[col["value"]],
                source=str(row[col["source"]]).strip()[:200] if "source" in col else "",
                columns=label,
            )
        )
    return out


def _wide_entries(
    file: str, sheet: str, rows: list[list[Any]], header: list[str], written: list[str]
) -> list[_Entry]:
    """The template's form: 开发区, 年度[, 来源] and one column per indicator headed by its Chinese name."""
    known = indicator_headers()
    fixed = {"zone", "year", "source"}
    columns: dict[int, str] = {}
    issues: list[CellIssue] = []
    for i, text in enumerate(written):
        if header[i] in fixed or not text:
            continue
        codes = known.get(text, set())
        if len(codes) == 1:
            columns[i] = next(iter(codes))
        elif codes:
            issues.append(
                CellIssue(
                    file=file,
                    sheet=sheet,
                    row=1,
                    column=text,
                    reason=f"表头“{text}”对应多个指标代码（{'、'.join(sorted(codes))}），请改用指标代码作表头",
                )
            )
        else:
            issues.append(
                CellIssue(file=file, sheet=sheet, row=1, column=text, reason=f"表头“{text}”不是已知的指标")
            )
    if issues:
        raise FileRefused(issues)
    if not columns:
        raise FileRefused.one(file, "没有指标列：请下载模板，按指标名称填写", sheet=sheet, row=1)
    zone_at, year_at = header.index("zone"), header.index("year")
    source_at = header.index("source") if "source" in header else None
    out = []
    for n, raw_row in enumerate(rows[1:], start=2):
        row = list(raw_row) + [""] * (len(header) - len(raw_row))
        if all(str(v).strip() == "" for v in row):
            continue
        for i, code in columns.items():
            if row[i] is None or str(row[i]).strip() == "":
                continue  # a blank cell of the template is not filled in; write 缺失 (or NA) for a missing value
            out.append(
                _Entry(
                    row=n,
                    zone=str(row[zone_at]).strip(),
                    indicator=code,
                    year=row[year_at],
                    value=row[i],
                    source=str(row[source_at]).strip()[:200] if source_at is not None else "",
                    columns={
                        "zone": written[zone_at],
                        "year": written[year_at],
                        "value": written[i],
                        "indicator": written[i],
                    },
                )
            )
    return out


def parse_cells(name: str, content: bytes, *, user: User) -> list[_Cell]:  # noqa: C901 — one pass over the values; each check adds one located CellIssue
    """Validate every value; raise FileRefused with every issue (file, sheet, row, column, reason).

    Two forms are read: the long table (zone, indicator, year, value[, source], or the Chinese 开发区,
    指标代码, 年度, 数值, 来源) and the template's wide table (开发区, 年度 and one column per indicator
    under its Chinese name).
    """
    file, sheet, rows = read_rows(name, content)
    if not rows or all(str(v).strip() == "" for v in rows[0]):
        raise FileRefused.one(file, "文件为空或第 1 行没有表头", sheet=sheet)
    written = [str(h).strip() for h in rows[0]]
    header = [HEADER_ALIASES.get(h, h.lower()) for h in written]
    others = [h for h in header if h and h not in {"zone", "year", "source", "value"}]
    if (
        "indicator" not in header
        and "value" not in header
        and "zone" in header
        and "year" in header
        and others
    ):
        entries = _wide_entries(file, sheet, rows, header, written)
    else:
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise FileRefused.one(
                file,
                f"缺少列 {', '.join(missing)}（需要 zone, indicator, year, value，即 开发区、指标代码、年度、数值；"
                "或下载模板，按指标名称填写）",
                sheet=sheet,
                row=1,
            )
        entries = _long_entries(rows, header, written)
    zones = _zone_index(user)
    issues: list[CellIssue] = []
    cells: list[_Cell] = []
    seen: dict[tuple[int, str, int], int] = {}

    def refuse(entry: _Entry, column: str, reason: str) -> None:
        issues.append(
            CellIssue(
                file=file, sheet=sheet, row=entry.row, column=entry.columns.get(column, column), reason=reason
            )
        )

    for e in entries:
        found = zones.get(e.zone, [])
        zone = found[0] if len(found) == 1 else None
        if not found:
            refuse(e, "zone", f"未知开发区或无权查看：{e.zone!r}")
        elif len(found) > 1:
            refuse(e, "zone", f"{e.zone!r} 对应多个开发区，请写全称")
        elif not can_change(user, found[0]):
            refuse(e, "zone", f"无权填报 {e.zone} 的数据")
            zone = None
        if not CODE.match(e.indicator) or len(e.indicator) > 60:
            refuse(e, "indicator", f"指标代码须以字母开头，只含字母、数字和下划线：{e.indicator!r}")
        year = None
        try:
            year = int(float(str(e.year).strip()))
            if not 1990 <= year <= 2100 or float(str(e.year).strip()) != year:
                raise ValueError
        except (ValueError, OverflowError):
            refuse(e, "year", f"年度须为 1990–2100 的整数：{e.year!r}")
            year = None
        value = None
        try:
            value = _number(e.value)
        except ValueError:
            refuse(e, "value", f"不是数字：{e.value!r}")
        if zone is None or year is None or not CODE.match(e.indicator):
            continue
        key = (zone.pk, e.indicator, year)
        if key in seen:
            refuse(e, "", f"与第 {seen[key]} 行重复（{zone.name}, {e.indicator}, {year}）")
            continue
        seen[key] = e.row
        cells.append(_Cell(zone=zone, indicator=e.indicator, year=year, value=value, source=e.source or file))
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
