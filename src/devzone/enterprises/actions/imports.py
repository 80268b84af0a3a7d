"""Import a year's enterprise data (亩均 template .xlsx, .csv, or rows from the API), whole or not at all."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.utils import timezone

from devzone.audit.actions import created
from devzone.core import bulk, files
from devzone.core.media import atomic_with_files, save_file
from devzone.enterprises import store
from devzone.enterprises.inputs import InputIssue, parse_records
from devzone.enterprises.models import DataImport, Enterprise, EnterpriseYear
from devzone.enterprises.template import SHEET, header_row, numbered_records
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User
    from devzone.core.jobs import Progress


IMPORT_MAX_BYTES = 30 * 1024 * 1024
IMPORT_LIMITS = files.Limits(max_bytes=IMPORT_MAX_BYTES)
YEAR_FIELDS = (
    "scale",
    "land_mu",
    "leased",
    "tax",
    "sales",
    "value_added",
    "energy_tce",
    "emission_equiv",
    "rd_expense",
    "employees",
    "electricity_kwh",
)
TEXT_FIELDS = ("veto", "exempt")


# A refused import is the shared reader's refusal: every bad cell with file, sheet, row and column.
ImportRejected = files.FileRefused


@dataclass(frozen=True, kw_only=True)
class Upload:
    """An uploaded file: its name as the user gave it and its bytes."""

    name: str
    content: bytes

    @classmethod
    def of(cls, file: Any) -> Upload:
        """An :class:`Upload` from itself, a (name, bytes) pair or a Django ``UploadedFile``."""
        if isinstance(file, Upload):
            return file
        if isinstance(file, tuple):
            return cls(name=str(file[0]), content=bytes(file[1]))
        file.seek(0)
        name, content = files.read_upload(file, IMPORT_LIMITS)
        return cls(name=name, content=content)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


@dataclass(frozen=True, kw_only=True)
class ImportCounts:
    enterprises_created: int
    enterprises_updated: int
    years_created: int
    years_updated: int


def _issue(source: str, reason: str, *, sheet: str = "", row: int = 0, column: str = "") -> InputIssue:
    return InputIssue(file=source, sheet=sheet, row=row, column=column, reason=reason)


def _cells(upload: Upload) -> tuple[str, list[list[Any]]]:
    """The data sheet of a filled template (sheet ``企业数据``, else the first) or a .csv, through the
    shared reader (limits checked before parsing; rows keep the file's numbers)."""
    sheet = files.read_table(upload.name, upload.content, limits=IMPORT_LIMITS).sheet(
        SHEET, fallback_first=True
    )
    return sheet.name, sheet.rows


def zone_names(zone: Zone) -> set[str]:
    """Texts accepted in the ``zone`` column for ``zone``: its name, short name and aliases."""
    return {n.strip() for n in [zone.name, zone.short_name, *zone.aliases] if n and n.strip()}


def _context_issues(
    raw: Iterable[tuple[int, Mapping[str, Any]]], *, source: str, sheet: str, zone: Zone, year: int
) -> list[InputIssue]:
    """Rows of another year or naming another zone."""
    names = zone_names(zone)
    issues = []
    for number, cells_of_row in raw:
        value = cells_of_row.get("year")
        try:
            same_year = value is None or int(float(value)) == year
        except (TypeError, ValueError):
            same_year = True  # the engine reports the unreadable number
        if not same_year:
            issues.append(
                _issue(
                    source,
                    f"年度 {float(value):g} 不是导入年度 {year}",
                    sheet=sheet,
                    row=number,
                    column="year",
                )
            )
        written = cells_of_row.get("zone")
        if written is not None and str(written).strip() and str(written).strip() not in names:
            issues.append(
                _issue(
                    source,
                    f"开发区 {str(written).strip()!r} 不是导入的开发区 {zone.name}",
                    sheet=sheet,
                    row=number,
                    column="zone",
                )
            )
    return issues


def _with_zone(records: Iterable[Mapping[str, Any]], zone: Zone) -> list[dict[str, Any]]:
    """Rows with an empty ``zone`` cell belong to the zone imported into."""
    label = zone.short_name or zone.name
    return [dict(r) | ({"zone": label} if r.get("zone") in (None, "") else {}) for r in records]


def _check(
    numbered: Sequence[tuple[int, Mapping[str, Any]]], *, source: str, sheet: str, zone: Zone, year: int
) -> list[dict[str, Any]]:
    """Every engine check (:func:`devzone.enterprises.inputs.parse_records`) plus year and zone; all issues at once."""
    rows, issues = parse_records(
        _with_zone((r for _, r in numbered), zone),
        source=source,
        sheet=sheet,
        row_numbers=[n for n, _ in numbered],
    )
    issues += _context_issues(numbered, source=source, sheet=sheet, zone=zone, year=year)
    if not issues and not rows:
        issues.append(_issue(source, "没有数据行", sheet=sheet))
    if issues:
        raise ImportRejected(sorted(issues, key=lambda i: (i.row, i.column)))
    return rows


def read_upload(upload: Upload, *, zone: Zone, year: int) -> list[dict[str, Any]]:
    """Read and check an uploaded .xlsx (the yearly template) or .csv; raise :class:`ImportRejected` with every issue.

    The English header row is found by its ``uscc`` cell (in the first 10 rows); land given in m² (header
    ``land_m2``, or a label with 平方米/m² above ``land_mu``) is converted with 1 亩 = 2000/3 m², as
    :func:`devzone.enterprises.template.read_template` does. Row numbers are the file's own.
    """
    sheet, cells = _cells(upload)
    header_at = header_row(cells)
    if header_at is None:
        raise ImportRejected([_issue(upload.name, "找不到英文表头行 (含 uscc 的一行)", sheet=sheet, row=1)])
    return _check(numbered_records(cells, header_at), source=upload.name, sheet=sheet, zone=zone, year=year)


def check_records(
    records: Sequence[Mapping[str, Any]], *, zone: Zone, year: int, source: str
) -> list[dict[str, Any]]:
    """Check rows given as dicts in the canonical columns (the API), numbered from 1 in the order given."""
    return _check(list(enumerate(records, start=1)), source=source, sheet="", zone=zone, year=year)


def _year_values(row: Mapping[str, Any]) -> dict[str, Any]:
    values = {f: row.get(f) for f in YEAR_FIELDS}
    values["leased"] = bool(values["leased"])
    values.update({f: (row.get(f) or "")[:200] for f in TEXT_FIELDS})
    return values


@atomic_with_files()
def store_rows(
    rows: Sequence[Mapping[str, Any]],
    *,
    zone: Zone,
    year: int,
    upload: Upload,
    actor: User | None,
    source: str,
) -> DataImport:
    """Keep the file, upsert enterprises and their year rows, audit the batch (one entry with the counts)."""
    batch = DataImport(
        zone=zone,
        year=year,
        original_name=upload.name[:200],
        sha256=store.sha256(upload.content),
        rows=len(rows),
        created_by=actor if actor is not None and actor.pk else None,
    )
    save_file(batch.file, Path(upload.name).name or "import", ContentFile(upload.content))
    batch.save()
    now = timezone.now()
    # Set-based: the zone's enterprises and this year's rows are read once, new rows go in through one
    # prepared INSERT (core.bulk), changed ones through bulk_update; no query per row.
    existing = {e.uscc: e for e in Enterprise.objects.filter(zone=zone)}
    new_enterprises: dict[str, dict[str, Any]] = {}
    changed_enterprises = []
    for r in rows:
        name, code = r["name"][:200], r["industry_code"]
        e = existing.get(r["uscc"])
        if e is None:
            new_enterprises[r["uscc"]] = {
                "zone_id": zone.pk, "uscc": r["uscc"], "name": name, "industry_code": code,
                "created_at": now, "updated_at": now,
            }  # fmt: skip
        elif (e.name, e.industry_code) != (name, code):
            e.name, e.industry_code = name, code
            changed_enterprises.append(e)
    bulk.insert(Enterprise, list(new_enterprises.values()))
    Enterprise.objects.bulk_update(
        changed_enterprises, ["name", "industry_code", "updated_at"], batch_size=1000
    )
    ids = dict(Enterprise.objects.filter(zone=zone).values_list("uscc", "pk"))
    years = {y.enterprise_id: y for y in EnterpriseYear.objects.filter(year=year, enterprise__zone=zone)}
    new_years: list[dict[str, Any]] = []
    changed_years = []
    for r in rows:
        values = _year_values(r)
        y = years.get(ids[r["uscc"]])
        if y is None:
            new_years.append(
                {
                    "enterprise_id": ids[r["uscc"]],
                    "zone_id": zone.pk,
                    "year": year,
                    "data_import_id": batch.pk,
                }
                | values
            )
        else:
            for name, value in values.items():
                setattr(y, name, value)
            y.data_import = batch
            changed_years.append(y)
    bulk.insert(EnterpriseYear, new_years)
    EnterpriseYear.objects.bulk_update(
        changed_years, [*YEAR_FIELDS, *TEXT_FIELDS, "data_import"], batch_size=1000
    )
    counts = ImportCounts(
        enterprises_created=len(new_enterprises),
        enterprises_updated=len(changed_enterprises),
        years_created=len(new_years),
        years_updated=len(changed_years),
    )
    created(batch, actor=actor, source=source, extra={"counts": dataclasses.asdict(counts)})
    return batch


def import_year_data(
    *, zone: Zone, year: int, upload: Any, actor: User | None, source: str, progress: Progress | None = None
) -> DataImport:
    """Import a year's data file for ``zone``: whole or not at all.

    ``upload`` is an :class:`Upload`, a (name, bytes) pair or a Django ``UploadedFile``. Raises
    :class:`ImportRejected` listing every issue (file, sheet, row, column, reason) before anything is written.
    """
    file = Upload.of(upload)
    if progress is not None:
        progress.stage("读取并检查文件")
    rows = read_upload(file, zone=zone, year=year)
    if progress is not None:
        progress.stage(f"写入数据库（{len(rows):,} 行）")
    return store_rows(rows, zone=zone, year=year, upload=file, actor=actor, source=source)


def import_records(
    *, zone: Zone, year: int, records: Sequence[Mapping[str, Any]], actor: User | None, source: str
) -> DataImport:
    """Import rows given as dicts (the API); the batch keeps them as a JSON file."""
    name = f"{source}-{year}.json"
    rows = check_records(records, zone=zone, year=year, source=name)
    content = json.dumps(list(records), ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return store_rows(
        rows, zone=zone, year=year, upload=Upload(name=name, content=content), actor=actor, source=source
    )
