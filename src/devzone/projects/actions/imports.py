"""Import a zone's project ledger (.xlsx with sheets 项目, 节点, 到位资金; or a .csv of projects) through the
shared reader: every error at once with sheet, row and column; nothing written unless the whole file is
valid; one deal entered twice (in the file, or already in the zone) is reported, never imported twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile

from devzone.audit.actions import bulk_written, created
from devzone.core import files
from devzone.core.media import atomic_with_files, save_file
from devzone.orgs.models import Unit, Zone
from devzone.projects.models import FundsArrival, Milestone, Project, ProjectImport
from devzone.projects.records import Funds, deal_key, ledger_issues, milestone_issues, project_issues
from devzone.projects.records import Milestone as MilestoneRow
from devzone.projects.records import Project as ProjectRow

if TYPE_CHECKING:
    from devzone.accounts.models import User

IMPORT_LIMITS = files.Limits(max_bytes=30 * 1024 * 1024)
ImportRejected = files.FileRefused
PROJECTS, MILESTONES, FUNDS = "项目", "节点", "到位资金"


@dataclass(frozen=True, kw_only=True)
class Upload:
    name: str
    content: bytes


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str  # text, date, number, bool
    required: bool = False


PROJECT_COLUMNS = (
    Column("项目编号", "code", "text", True),
    Column("项目名称", "name", "text", True),
    Column("招商责任单位", "lead_unit", "text", True),
    Column("协议类型", "agreement", "text"),
    Column("签约日期", "signed_on", "date"),
    Column("协议总投资(万元)", "total_wan", "number", True),
    Column("协议固定资产投资(万元)", "fixed_wan", "number"),
    Column("项目类型", "kind", "text"),
    Column("招商方式", "channel", "text"),
    Column("招商活动", "event", "text"),
    Column("行业代码", "industry_code", "text"),
    Column("投资方", "investor_name", "text"),
    Column("投资方统一社会信用代码", "investor_uscc", "text"),
    Column("项目公司统一社会信用代码", "company_uscc", "text"),
    Column("地块编号", "parcel_id", "text"),
    Column("用地面积(亩)", "area_mu", "number"),
    Column("出让金(万元)", "land_price_wan", "number"),
    Column("交地日期", "delivered_on", "date"),
    Column("计划开工月份", "planned_start", "date"),
    Column("合同约定开工日期", "deadline_start", "date"),
    Column("合同约定竣工日期", "deadline_finish", "date"),
    Column("终止日期", "terminated_on", "date"),
)
MILESTONE_COLUMNS = (
    Column("项目编号", "project", "text", True),
    Column("阶段", "stage", "text", True),
    Column("日期", "reached_on", "date", True),
    Column("佐证材料", "evidence", "text"),
    Column("佐证日期", "evidence_on", "date"),
    Column("核验单位", "verified_by", "text"),
    Column("产能利用率", "value", "number"),
)
FUND_COLUMNS = (
    Column("项目编号", "project", "text", True),
    Column("到位日期", "arrived_on", "date", True),
    Column("金额(万元)", "amount_wan", "number", True),
    Column("资金类型", "kind", "text"),
    Column("佐证", "evidence", "text"),
)
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?$")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(str(value).strip())
    if not match:
        raise ValueError("应为日期（如 2024-02-20；只有月份时写 2024-05）")
    return dt.date(int(match[1]), int(match[2]), int(match[3] or 1))


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("应为数字")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"应为数字，现为“{value}”") from None


PARSERS: dict[str, Callable[[Any], Any]] = {
    "text": lambda v: str(v).strip(),
    "date": _date,
    "number": _number,
}


@dataclass
class Parsed:
    """A sheet's rows as field dicts with their file row numbers, and the cell issues found."""

    rows: list[tuple[int, dict[str, Any]]]
    issues: list[files.CellIssue]
    letters: dict[str, str]  # field → the column's letter in this sheet


def _parse(file: str, sheet: files.Sheet, columns: Sequence[Column]) -> Parsed:
    """Rows of ``sheet`` (header in row 1, Chinese labels) parsed by ``columns``."""
    if not sheet.rows:
        return Parsed([], [files.CellIssue(file=file, sheet=sheet.name, reason="工作表是空的")], {})
    header = [str(h).strip() for h in sheet.rows[0]]
    where = {c.header: header.index(c.header) for c in columns if c.header in header}
    issues = [
        files.CellIssue(file=file, sheet=sheet.name, row=1, reason=f"缺少“{c.header}”列")
        for c in columns
        if c.required and c.header not in where
    ]
    known = {c.header for c in columns}
    for k, h in enumerate(header):
        if h and h not in known:
            issues.append(files.CellIssue(file=file, sheet=sheet.name, row=1, column=files.column_letters(k + 1),
                                          reason=f"不认识的列“{h}”"))  # fmt: skip
    rows = []
    for number, cells in enumerate(sheet.rows[1:], start=2):
        if all(str(v).strip() == "" for v in cells):
            continue
        values = _cells(file, sheet.name, number, cells=cells, columns=columns, where=where, issues=issues)
        rows.append((number, values))
    letters = {c.field: files.column_letters(where[c.header] + 1) for c in columns if c.header in where}
    return Parsed(rows, issues, letters)


def _cells(
    file: str,
    sheet: str,
    number: int,
    *,
    cells: Sequence[Any],
    columns: Sequence[Column],
    where: Mapping[str, int],
    issues: list[files.CellIssue],
) -> dict[str, Any]:
    """One row's values by field; a bad or missing cell adds its issue."""
    values: dict[str, Any] = {}
    for c in columns:
        if c.header not in where:
            continue
        k = where[c.header]
        raw = cells[k] if k < len(cells) else ""
        letter = files.column_letters(k + 1)
        if raw is None or str(raw).strip() == "":
            if c.required:
                issues.append(files.CellIssue(file=file, sheet=sheet, row=number, column=letter,
                                              reason=f"“{c.header}”不能为空"))  # fmt: skip
            continue
        try:
            values[c.field] = PARSERS[c.kind](raw)
        except ValueError as error:
            issues.append(files.CellIssue(file=file, sheet=sheet, row=number, column=letter,
                                          reason=f"“{c.header}”{error}"))  # fmt: skip
    return values


def _units(zone: Zone) -> dict[str, Unit]:
    """Units a ledger may name, by full name, short name and alias (the zone's own and shared bureaus)."""
    out: dict[str, Unit] = {}
    for unit in Unit.objects.filter(zone__in=[zone]) | Unit.objects.filter(zone__isnull=True):
        for name in [unit.name, unit.short_name, *unit.aliases]:
            if name:
                out.setdefault(name.strip(), unit)
    return out


@dataclass(frozen=True)
class Checked:
    projects: list[tuple[ProjectRow, Unit]]
    milestones: list[tuple[MilestoneRow, Unit | None]]
    funds: list[Funds]


def _row_issue(file: str, sheet: str, row: int, reason: str) -> files.CellIssue:
    # the engine's reason names the project; the cell issue adds file, sheet and row
    return files.CellIssue(file=file, sheet=sheet, row=row, reason=reason.split("：", 1)[-1])


def _projects(file: str, parsed: Parsed, zone: Zone, units: Mapping[str, Unit], issues: list[files.CellIssue]
              ) -> dict[str, tuple[int, ProjectRow, Unit | None]]:  # fmt: skip
    known = {f.name for f in fields(ProjectRow)}
    by_code: dict[str, tuple[int, ProjectRow, Unit | None]] = {}
    existing = {p.code: p for p in Project.objects.filter(zone=zone)}
    existing_keys = {
        deal_key(_as_row(p)): p.code for p in existing.values() if p.investor_uscc or p.investor_name
    }
    seen_keys: dict[tuple[str, str, str], int] = {}
    refused = {(i.row, i.column) for i in parsed.issues}
    for number, values in parsed.rows:
        if "code" not in values or "lead_unit" not in values:
            continue
        unit = units.get(values["lead_unit"])
        if unit is None:
            issues.append(files.CellIssue(file=file, sheet=PROJECTS, row=number, column=parsed.letters["lead_unit"],
                                          reason=f"单位“{values['lead_unit']}”不在单位名录中"))  # fmt: skip
        try:
            row = ProjectRow(zone=zone.name, **{k: v for k, v in values.items() if k in known})
        except TypeError as error:  # pragma: no cover - the columns are the dataclass's fields
            issues.append(_row_issue(file, PROJECTS, number, str(error)))
            continue
        # a 签约日期 cell already refused is not reported again as a missing date
        date_refused = (number, parsed.letters.get("signed_on")) in refused
        issues.extend(
            _row_issue(file, PROJECTS, number, r)
            for r in project_issues(row)
            if not (date_refused and "没有签约日期" in r)
        )
        if row.code in by_code:
            issues.append(
                _row_issue(file, PROJECTS, number, f"项目编号 {row.code} 与第 {by_code[row.code][0]} 行重复")
            )
            continue
        if row.code in existing:
            issues.append(_row_issue(file, PROJECTS, number, f"项目编号 {row.code} 已在本开发区登记"))
        if row.investor_uscc or row.investor_name:
            key = deal_key(row)
            if key in seen_keys:
                issues.append(_row_issue(file, PROJECTS, number,
                                         f"与第 {seen_keys[key]} 行是同一投资方在同一地块的同一项目（再次签约请记为签约活动）"))  # fmt: skip
            elif key in existing_keys:
                issues.append(_row_issue(file, PROJECTS, number,
                                         f"与已登记的项目 {existing_keys[key]} 是同一项目，不能重复导入"))  # fmt: skip
            seen_keys.setdefault(key, number)
        by_code[row.code] = (number, row, unit)
    return by_code


def _as_row(p: Project) -> ProjectRow:
    return ProjectRow(code=p.code, zone=p.zone.name if p.zone_id else "", lead_unit="", name=p.name,
                      investor_name=p.investor_name, investor_uscc=p.investor_uscc, parcel_id=p.parcel_id,
                      industry_code=p.industry_code, total_wan=p.total_wan)  # fmt: skip


def check_upload(upload: Upload, *, zone: Zone) -> Checked:
    """Read and check every sheet; raise :class:`ImportRejected` with every issue found."""
    table = files.read_table(upload.name, upload.content, limits=IMPORT_LIMITS)
    file = table.file
    issues: list[files.CellIssue] = []
    project_sheet = table.sheet(PROJECTS, fallback_first=True)
    parsed = _parse(file, project_sheet, PROJECT_COLUMNS)
    issues += parsed.issues
    units = _units(zone)
    by_code = _projects(file, parsed, zone, units, issues)
    milestones: list[tuple[MilestoneRow, Unit | None]] = []
    if MILESTONES in table.sheet_names:
        m_parsed = _parse(file, table.sheet(MILESTONES), MILESTONE_COLUMNS)
        issues += m_parsed.issues
        for number, values in m_parsed.rows:
            if not {"project", "stage", "reached_on"} <= values.keys():
                continue
            verifier = None
            if "verified_by" in values:
                verifier = units.get(values["verified_by"])
                if verifier is None:
                    issues.append(files.CellIssue(file=file, sheet=MILESTONES, row=number,
                                                  column=m_parsed.letters["verified_by"],
                                                  reason=f"单位“{values['verified_by']}”不在单位名录中"))  # fmt: skip
                    continue
            hit = by_code.get(values["project"])
            row = MilestoneRow(**{**values, "verified_by": verifier.name if verifier else None})
            project = None
            if hit is not None:
                lead = hit[2].name if hit[2] is not None else hit[1].lead_unit
                project = ProjectRow(**{**{f.name: getattr(hit[1], f.name) for f in fields(ProjectRow)},
                                        "lead_unit": lead})  # fmt: skip
            issues.extend(_row_issue(file, MILESTONES, number, r) for r in milestone_issues(row, project))
            milestones.append((row, verifier))
    funds: list[Funds] = []
    if FUNDS in table.sheet_names:
        f_parsed = _parse(file, table.sheet(FUNDS), FUND_COLUMNS)
        issues += f_parsed.issues
        for number, values in f_parsed.rows:
            if not {"project", "arrived_on", "amount_wan"} <= values.keys():
                continue
            row_f = Funds(**values)
            issues.extend(
                _row_issue(file, FUNDS, number, r)
                for r in ledger_issues({c: h[1] for c, h in by_code.items()}, [row_f], [])
            )
            funds.append(row_f)
    if not by_code and not issues:
        issues.append(files.CellIssue(file=file, sheet=project_sheet.name, reason="没有项目行"))
    if issues:
        raise ImportRejected(sorted(issues, key=lambda i: (i.sheet != PROJECTS, i.sheet, i.row, i.column)))
    return Checked([(r, u) for _, r, u in by_code.values() if u is not None], milestones, funds)


def read_upload(upload: Upload, *, zone: Zone) -> Checked:
    return check_upload(upload, zone=zone)


@atomic_with_files()
def _store(checked: Checked, *, zone: Zone, upload: Upload, actor: User | None, source: str) -> ProjectImport:
    batch = ProjectImport(zone=zone, original_name=upload.name[:200], sha256=hashlib.sha256(upload.content).hexdigest(),
                          rows=len(checked.projects), created_by=actor if actor is not None and actor.pk else None)  # fmt: skip
    save_file(batch.file, Path(upload.name).name or "import", ContentFile(upload.content))
    batch.save()
    model_fields = {f.name for f in Project._meta.concrete_fields}
    made = Project.objects.bulk_create(
        [
            Project(
                zone=zone,
                lead_unit=unit,
                data_import=batch,
                created_by=batch.created_by,
                **{
                    f.name: getattr(row, f.name)
                    for f in fields(ProjectRow)
                    if f.name in model_fields and f.name not in ("zone", "lead_unit")
                },
            )
            for row, unit in checked.projects
        ]
    )
    ids = {p.code: p for p in made}
    Milestone.objects.bulk_create(
        [
            Milestone(
                project=ids[m.project],
                stage=m.stage,
                reached_on=m.reached_on,
                evidence=m.evidence,
                evidence_on=m.evidence_on,
                value=m.value,
                verified_by=unit,
                created_by=batch.created_by,
            )
            for m, unit in checked.milestones
        ]
    )
    FundsArrival.objects.bulk_create(
        [
            FundsArrival(
                project=ids[f.project],
                arrived_on=f.arrived_on,
                amount_wan=f.amount_wan,
                kind=f.kind,
                evidence=f.evidence,
            )
            for f in checked.funds
        ]
    )
    counts = {"projects": len(made), "milestones": len(checked.milestones), "funds": len(checked.funds)}
    created(batch, actor=actor, source=source, extra={"counts": counts})
    bulk_written(Project, zone_id=zone.pk, label=f"导入项目台账 {upload.name}", actor=actor, source=source,
                 detail={"file": upload.name, **counts})  # fmt: skip
    return batch


def import_projects(*, zone: Zone, upload: Upload, actor: User | None, source: str) -> ProjectImport:
    """Import a project ledger into ``zone``: whole or not at all (:class:`ImportRejected` lists every issue)."""
    from devzone.projects.actions.observations import record_after_write  # noqa: PLC0415

    checked = check_upload(upload, zone=zone)
    batch = _store(checked, zone=zone, upload=upload, actor=actor, source=source)
    years = {p.signed_on.year for p, _ in checked.projects if p.signed_on is not None}
    record_after_write(zone, years, actor=actor, source=source)
    return batch
