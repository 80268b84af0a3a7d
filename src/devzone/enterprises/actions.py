"""亩均 actions: import a year's data, run an evaluation, reproduce it, 公示, objections, final list.

Views and the API check access with :mod:`devzone.accounts.access`; these functions change data in
one transaction and write the audit entries (:mod:`devzone.audit.actions`). The engine
(:mod:`devzone.enterprises.mu`) computes; :mod:`devzone.enterprises.store` converts.

Workflow of a run: ``draft`` (已评价) → :func:`publicise` → ``publicised`` (公示中: objections may be
filed and decided) → :func:`finalise` → ``final`` (已定级: nothing changes any more).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from python_calamine import CalamineWorkbook

from devzone.accounts.access import can_change, can_change_shared
from devzone.audit.actions import record, snapshot
from devzone.audit.models import AuditAction
from devzone.enterprises import store
from devzone.enterprises.inputs import InputIssue, parse_records
from devzone.enterprises.method import Method, MethodError
from devzone.enterprises.method_load import METHODS_DIR, load_text, shipped_methods
from devzone.enterprises.models import (
    DataImport,
    Enterprise,
    EnterpriseYear,
    MuResult,
    MuRun,
    Objection,
    ObjectionStatus,
    RunStatus,
)
from devzone.enterprises.mu import years_back
from devzone.enterprises.template import SHEET, header_row, numbered_records
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User

IMPORT_MAX_BYTES = 30 * 1024 * 1024
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
IMPORT_TYPES = frozenset({".xlsx", ".csv"})
EVIDENCE_TYPES = frozenset(
    {".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".doc", ".xls", ".txt", ".ofd"}
)
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
UPLOADED_METHOD = "(上传的评价办法)"


class ImportRejected(Exception):
    """An import was refused; ``issues`` lists every bad cell (file, sheet, row, column, reason)."""

    def __init__(self, issues: Sequence[InputIssue]) -> None:
        self.issues = tuple(issues)
        head = "\n".join(str(i) for i in self.issues[:50])
        more = f"\n… and {len(self.issues) - 50} more" if len(self.issues) > 50 else ""
        super().__init__(f"{len(self.issues)} error(s), nothing imported:\n{head}{more}")


class WorkflowError(Exception):
    """The run or objection is not in a state that allows this step; the message says why."""


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
        return cls(name=Path(str(file.name)).name, content=file.read())

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


@dataclass(frozen=True, kw_only=True)
class ImportCounts:
    enterprises_created: int
    enterprises_updated: int
    years_created: int
    years_updated: int


# ---------------------------------------------------------------------------------------------
# import


def _issue(source: str, reason: str, *, sheet: str = "", row: int = 0, column: str = "") -> InputIssue:
    return InputIssue(source=source, sheet=sheet, row=row, column=column, reason=reason)


def _xlsx_cells(upload: Upload) -> tuple[str, list[list[Any]]]:
    """The data sheet of a filled template (sheet ``企业数据``, else the first) read with python-calamine."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(upload.content))
        sheet = SHEET if SHEET in book.sheet_names else book.sheet_names[0]
        return sheet, book.get_sheet_by_name(sheet).to_python()
    except Exception as exc:  # calamine raises its own error types for anything unreadable
        raise ImportRejected(
            [_issue(upload.name, f"不是可读取的 .xlsx 文件 ({exc.__class__.__name__})")]
        ) from exc


def _csv_cells(upload: Upload) -> tuple[str, list[list[Any]]]:
    """A CSV file in UTF-8 (with or without BOM) or GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = upload.content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "", list(csv.reader(io.StringIO(text)))
    raise ImportRejected([_issue(upload.name, "文件编码既不是 UTF-8 也不是 GB18030")])


READERS = {".xlsx": _xlsx_cells, ".csv": _csv_cells}


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
    if upload.suffix not in READERS:
        raise ImportRejected([_issue(upload.name, "只接受 .xlsx 模板或 .csv 文件")])
    if len(upload.content) > IMPORT_MAX_BYTES:
        raise ImportRejected([_issue(upload.name, f"文件超过 {IMPORT_MAX_BYTES // (1024 * 1024)} MB")])
    sheet, cells = READERS[upload.suffix](upload)
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


@transaction.atomic
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
    batch.file.save(Path(upload.name).name or "import", ContentFile(upload.content), save=False)
    batch.save()
    existing = {e.uscc: e for e in Enterprise.objects.filter(zone=zone, uscc__in=[r["uscc"] for r in rows])}
    new_enterprises, changed_enterprises = [], []
    for r in rows:
        e = existing.get(r["uscc"])
        if e is None:
            e = Enterprise(zone=zone, uscc=r["uscc"], name=r["name"][:200], industry_code=r["industry_code"])
            existing[e.uscc] = e
            new_enterprises.append(e)
        elif (e.name, e.industry_code) != (r["name"][:200], r["industry_code"]):
            e.name, e.industry_code = r["name"][:200], r["industry_code"]
            changed_enterprises.append(e)
    Enterprise.objects.bulk_create(new_enterprises, batch_size=1000)
    if new_enterprises and new_enterprises[0].pk is None:  # backends without RETURNING
        existing = {e.uscc: e for e in Enterprise.objects.filter(zone=zone, uscc__in=list(existing))}
    Enterprise.objects.bulk_update(
        changed_enterprises, ["name", "industry_code", "updated_at"], batch_size=1000
    )
    years = {
        y.enterprise_id: y
        for y in EnterpriseYear.objects.filter(year=year, enterprise__in=[e.pk for e in existing.values()])
    }
    new_years, changed_years = [], []
    for r in rows:
        e = existing[r["uscc"]]
        values = _year_values(r)
        y = years.get(e.pk)
        if y is None:
            new_years.append(EnterpriseYear(enterprise=e, zone=zone, year=year, data_import=batch, **values))
        else:
            for name, value in values.items():
                setattr(y, name, value)
            y.data_import = batch
            changed_years.append(y)
    EnterpriseYear.objects.bulk_create(new_years, batch_size=1000)
    EnterpriseYear.objects.bulk_update(
        changed_years, [*YEAR_FIELDS, *TEXT_FIELDS, "data_import"], batch_size=1000
    )
    counts = ImportCounts(
        enterprises_created=len(new_enterprises),
        enterprises_updated=len(changed_enterprises),
        years_created=len(new_years),
        years_updated=len(changed_years),
    )
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=batch,
        before=None,
        after=snapshot(batch) | {"counts": dataclasses.asdict(counts)},
        source=source,
    )
    return batch


def import_year_data(*, zone: Zone, year: int, upload: Any, actor: User | None, source: str) -> DataImport:
    """Import a year's data file for ``zone``: whole or not at all.

    ``upload`` is an :class:`Upload`, a (name, bytes) pair or a Django ``UploadedFile``. Raises
    :class:`ImportRejected` listing every issue (file, sheet, row, column, reason) before anything is written.
    """
    file = Upload.of(upload)
    rows = read_upload(file, zone=zone, year=year)
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


# ---------------------------------------------------------------------------------------------
# evaluation runs


def method_text(id_or_yaml: str) -> tuple[str, str]:
    """(file text, file name) of a shipped method id, or of YAML text given as such."""
    if id_or_yaml.strip() in shipped_methods():
        name = f"{id_or_yaml.strip()}.yaml"
        return (METHODS_DIR / name).read_text(encoding="utf-8"), name
    if "\n" not in id_or_yaml:
        raise MethodError(file=id_or_yaml, key="(file)", reason="no shipped method of that name")
    return id_or_yaml, UPLOADED_METHOD


def load_method_text(id_or_yaml: str) -> tuple[Method, str]:
    """The method and its exact text; raises :class:`MethodError` naming file and key."""
    text, name = method_text(id_or_yaml)
    return load_text(text, file=name), text


def years_needed(method: Method, year: int) -> list[int]:
    """The evaluation year and the earlier years the method reads (previous-year benchmarks,
    consecutive years in a class) or the land rules need (consecutive evaluations, years without tax).

    >>> from devzone.enterprises.method_load import resolve
    >>> years_needed(resolve("lyg-seed"), 2024)
    [2022, 2023, 2024]
    """
    span = max(years_back(method), method.land.consecutive_evaluations - 1, method.land.no_tax_years - 1)
    return list(range(year - span, year + 1))


def _zones_for(zone: Zone | None, rows: Iterable[EnterpriseYear]) -> dict[int, str]:
    zones = [zone] if zone is not None else list(Zone.objects.filter(pk__in={r.zone_id for r in rows}))
    return store.zone_labels(zones)


def _snapshot_rows(zone: Zone | None, years: Sequence[int]) -> list[EnterpriseYear]:
    qs = EnterpriseYear.objects.filter(year__in=list(years)).select_related("enterprise")
    if zone is not None:
        qs = qs.filter(zone=zone)
    return list(qs.order_by("year", "enterprise__uscc"))


def _run_after(run: MuRun, **more: Any) -> dict[str, Any]:
    data = snapshot(run)
    data.pop("summary", None)
    data.pop("method_yaml", None)
    return data | more


def run_evaluation(
    *,
    zone: Zone | None,
    year: int,
    method_id_or_yaml: str,
    actor: User | None,
    source: str,
    title: str = "",
) -> MuRun:
    """Evaluate ``zone``'s enterprises (``None``: every zone, city-wide) for ``year`` and store the run.

    The method text, the input snapshot (Parquet, canonical schema, sorted by year and USCC) and their
    SHA-256 are stored with the results and summaries, so :func:`reproduce` can redo it exactly.
    Raises :class:`MethodError` for a bad method and :class:`WorkflowError` when there is nothing to evaluate.
    """
    method, text = load_method_text(method_id_or_yaml)
    rows = _snapshot_rows(zone, years_needed(method, year))
    if not any(r.year == year for r in rows):
        where = zone.name if zone is not None else "各开发区"
        raise WorkflowError(f"{where} 没有 {year} 年度的企业数据，无法评价")
    labels = _zones_for(zone, rows)
    try:
        table = store.snapshot(rows, labels)
    except store.SnapshotError as exc:
        raise WorkflowError(str(exc)) from exc
    data = store.parquet_bytes(table)
    evaluation = store.run_engine(table, method, year=year)
    zone_ids = {label: pk for pk, label in labels.items()}
    result_rows = store.result_rows(evaluation.results, method, zone_ids=zone_ids)
    enterprise_ids = {
        (zone_id, uscc): pk
        for pk, zone_id, uscc in Enterprise.objects.filter(zone__in=list(labels)).values_list(
            "pk", "zone_id", "uscc"
        )
    }
    with transaction.atomic():
        run = MuRun(
            zone=zone,
            year=year,
            title=(title or f"{year} 年度亩均效益评价 ({method.id})")[:200],
            method_id=method.id,
            method_yaml=text,
            method_sha256=store.sha256(text.encode("utf-8")),
            input_sha256=store.sha256(data),
            input_rows=table.num_rows,
            summary=store.summary(evaluation),
            created_by=actor if actor is not None and actor.pk else None,
        )
        run.input_snapshot.save(f"run-{year}-{run.input_sha256[:16]}.parquet", ContentFile(data), save=False)
        run.save()
        MuResult.objects.bulk_create(
            [
                MuResult(
                    run=run,
                    enterprise_id=enterprise_ids.get((r["zone_id"], r["uscc"])),
                    final_class=r["klass"],
                    **r,
                )
                for r in result_rows
            ],
            batch_size=1000,
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=run,
            before=None,
            after=_run_after(run, results=len(result_rows)),
            source=source,
        )
    return run


class Reproduction(NamedTuple):
    """What :func:`reproduce` found: ``identical`` and one line per difference."""

    identical: bool
    differences: list[str]


def reproduce(run: MuRun) -> Reproduction:
    """Re-evaluate the stored snapshot with the stored method text and compare every stored field.

    Also checks both hashes and the summaries. Unpacks as ``identical, differences``.
    """
    found: list[str] = []
    if store.sha256(run.method_yaml.encode("utf-8")) != run.method_sha256:
        found.append("method: stored text does not match its SHA-256")
    with run.input_snapshot.open("rb") as f:
        data = f.read()
    if store.sha256(data) != run.input_sha256:
        found.append("input snapshot: file does not match its SHA-256")
    table = store.read_parquet(data)
    if table.num_rows != run.input_rows:
        found.append(f"input snapshot: {table.num_rows} rows, {run.input_rows} recorded")
    method = load_text(run.method_yaml, file=run.method_id)
    evaluation = store.run_engine(table, method, year=run.year)
    stored = store.stored_rows(run.results.order_by("pk"))
    # the snapshot names zones by text; the stored results say which zone each USCC belonged to
    zone_of_uscc = {r["uscc"]: r["zone_id"] for r in stored}
    zone_ids = {
        label: zone_of_uscc[uscc]
        for uscc, label in zip(
            evaluation.results["uscc"].to_pylist(), evaluation.results["zone"].to_pylist(), strict=True
        )
        if uscc in zone_of_uscc
    }
    fresh = store.result_rows(evaluation.results, method, zone_ids=zone_ids)
    found += store.differences(stored, fresh)
    recomputed = store.summary(evaluation)
    for key, value in recomputed.items():
        if run.summary.get(key) != value:
            found.append(f"summary: {key} differs")
    return Reproduction(identical=not found, differences=found)


# ---------------------------------------------------------------------------------------------
# 公示, objections, final list


def _save_fields(instance: Model, fields: Sequence[str], *, actor: User | None, source: str) -> None:
    before = snapshot(type(instance)._default_manager.get(pk=instance.pk))
    instance.save(update_fields=list(fields))
    after = snapshot(instance)
    for big in ("summary", "method_yaml"):
        before.pop(big, None)
        after.pop(big, None)
    record(
        actor=actor, action=AuditAction.UPDATE, instance=instance, before=before, after=after, source=source
    )


@transaction.atomic
def publicise(
    run: MuRun, *, days: int, actor: User | None, source: str = "web", start: dt.date | None = None
) -> MuRun:
    """Open the 公示 period of a draft run: ``days`` calendar days from ``start`` (today)."""
    run = MuRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DRAFT:
        raise WorkflowError(f"评价批次状态为 {run.get_status_display()}，只有已评价的批次可以公示")
    if days < 1:
        raise WorkflowError("公示期至少 1 天")
    if not run.results.exists():
        raise WorkflowError("评价批次没有结果，不能公示")
    run.status = RunStatus.PUBLICISED
    run.publicity_start = start or timezone.localdate()
    run.publicity_end = run.publicity_start + dt.timedelta(days=days)
    _save_fields(run, ["status", "publicity_start", "publicity_end"], actor=actor, source=source)
    return run


def _evidence_name(upload: Upload) -> str:
    if upload.suffix not in EVIDENCE_TYPES:
        raise WorkflowError(
            f"证明材料 {upload.name} 的类型不受支持 (接受 {', '.join(sorted(EVIDENCE_TYPES))})"
        )
    if len(upload.content) > EVIDENCE_MAX_BYTES:
        raise WorkflowError(f"证明材料 {upload.name} 超过 {EVIDENCE_MAX_BYTES // (1024 * 1024)} MB")
    return Path(upload.name).name


@transaction.atomic
def file_objection(
    result: MuResult, *, reason: str, evidence: Any = None, actor: User, source: str = "web"
) -> Objection:
    """File an objection (异议) to a result while its run is in 公示.

    Only staff of the result's zone, coordinators and admins may (``PermissionDenied`` otherwise).
    """
    if not can_change(actor, result):
        raise PermissionDenied
    run = MuRun.objects.select_for_update().get(pk=result.run_id)
    if run.status != RunStatus.PUBLICISED:
        raise WorkflowError("只能在公示期内提出异议")
    if not reason.strip():
        raise WorkflowError("请写明异议理由")
    objection = Objection(result=result, zone_id=result.zone_id, filed_by=actor, reason=reason.strip())
    if evidence is not None:
        upload = Upload.of(evidence)
        objection.evidence.save(_evidence_name(upload), ContentFile(upload.content), save=False)
    objection.save()
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=objection,
        before=None,
        after=snapshot(objection),
        source=source,
    )
    return objection


def class_codes(run: MuRun) -> tuple[str, ...]:
    """The classes of the run's method, best first, then the exempt class."""
    method = load_text(run.method_yaml, file=run.method_id)
    return (*method.class_codes, method.exempt_class.code)


@transaction.atomic
def decide_objection(
    objection: Objection,
    *,
    upheld: bool,
    decision: str,
    new_class: str = "",
    actor: User,
    source: str = "web",
) -> Objection:
    """Decide a pending objection (coordinators and admins). Upheld: the result's final class becomes ``new_class``."""
    if not can_change_shared(actor):
        raise PermissionDenied
    objection = Objection.objects.select_for_update().select_related("result__run").get(pk=objection.pk)
    run = objection.result.run
    if objection.status != ObjectionStatus.PENDING:
        raise WorkflowError("该异议已处理")
    if run.status != RunStatus.PUBLICISED:
        raise WorkflowError("评价批次不在公示期，不能处理异议")
    if not decision.strip():
        raise WorkflowError("请写明处理意见")
    new_class = new_class.strip() if upheld else ""
    if upheld:
        codes = class_codes(run)
        if new_class not in codes:
            raise WorkflowError(f"调整后类别须为 {'/'.join(codes)} 之一")
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.REJECTED
    objection.decision = decision.strip()
    objection.new_class = new_class
    objection.decided_by = actor
    objection.decided_at = timezone.now()
    _save_fields(
        objection, ["status", "decision", "new_class", "decided_by", "decided_at"], actor=actor, source=source
    )
    if upheld:
        result = objection.result
        result.final_class = new_class
        _save_fields(result, ["final_class"], actor=actor, source=source)
    return objection


@transaction.atomic
def finalise(run: MuRun, *, actor: User | None, source: str = "web") -> MuRun:
    """Freeze the final list (已定级). Refused unless in 公示 with no pending objection."""
    run = MuRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.PUBLICISED:
        raise WorkflowError(f"评价批次状态为 {run.get_status_display()}，只有公示中的批次可以定级")
    pending = Objection.objects.filter(result__run=run, status=ObjectionStatus.PENDING).count()
    if pending:
        raise WorkflowError(f"还有 {pending} 件异议待处理，不能定级")
    run.status = RunStatus.FINAL
    run.finalised_at = timezone.now()
    _save_fields(run, ["status", "finalised_at"], actor=actor, source=source)
    return run
