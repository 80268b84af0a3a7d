"""亩均 over JSON: enterprises, year data, evaluation runs, results and objections (scoped like the pages).

Every lookup goes through :mod:`devzone.accounts.access`: another zone's record answers 404, a record the
user reads but may not change answers 403. A city-wide run (no zone) is shared: everyone signed in reads
it, but only the results (and league-table rows) of the zones they see.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from devzone.accounts.access import (
    WRITING_ROLES,
    city_wide_city,
    get_visible,
    is_admin,
    require_change,
    require_shared_change,
    scope,
    visible_zone_ids,
)
from devzone.core.api_types import ErrorOut, Id, Offset, Page, ValidationErrorOut, Year, errors
from devzone.core.throttle import Refused, run_bounded
from devzone.enterprises import actions
from devzone.enterprises.method import MethodError
from devzone.enterprises.models import Enterprise, MuResult, MuRun, Objection
from devzone.enterprises.store import zone_labels
from devzone.orgs.models import Zone

router = Router(tags=["enterprises"])

MAX_PAGE_SIZE = 500


class EnterpriseOut(Schema):
    id: int
    zone_id: int
    uscc: str
    name: str
    industry_code: str


class YearOut(Schema):
    year: int
    scale: str
    land_mu: float
    leased: bool
    tax: float
    sales: float
    value_added: float | None
    energy_tce: float | None
    emission_equiv: float | None
    rd_expense: float | None
    employees: int | None
    electricity_kwh: float | None
    veto: str
    exempt: str
    data_import_id: int | None


class EnterpriseDetail(EnterpriseOut):
    years: list[YearOut]


class DataIn(Schema):
    zone_id: Id
    year: Year
    rows: list[dict[str, Any]] = Field(min_length=1, max_length=50_000)


class DataImportOut(Schema):
    id: int
    zone_id: int
    year: int
    original_name: str
    sha256: str
    rows: int
    created_at: dt.datetime


class DataIssueOut(Schema):
    file: str
    source: str  # the file again, under the name the first API clients read
    sheet: str
    row: int
    column: str
    reason: str


class RejectedOut(Schema):
    detail: str
    issues: list[DataIssueOut]


class MuRunIn(Schema):
    zone_id: Id | None = None
    year: Year
    method: str = Field(
        min_length=1, max_length=200_000, description="a shipped method id or a method YAML text"
    )
    title: str = Field(default="", max_length=200)


class MuRunOut(Schema):
    id: int
    zone_id: int | None
    year: int
    title: str
    method_id: str
    method_sha256: str
    input_sha256: str
    input_rows: int
    status: str
    publicity_start: dt.date | None
    publicity_end: dt.date | None
    finalised_at: dt.datetime | None
    created_at: dt.datetime


class MuRunDetail(MuRunOut):
    results: int
    summary: dict[str, Any]


class PubliciseIn(Schema):
    days: int = Field(default=7, ge=1, le=90)


class MuResultOut(Schema):
    id: int
    run_id: int
    zone_id: int
    enterprise_id: int | None
    year: int
    uscc: str
    name: str
    industry_code: str
    segment: str
    score: float | None
    rank: int | None
    klass: str
    final_class: str
    veto: bool
    exempt_reason: str
    veto_reason: str
    years_in_class: int | None


class ObjectionOut(Schema):
    id: int
    result_id: int
    zone_id: int
    filed_at: dt.datetime
    reason: str
    has_evidence: bool
    status: str
    decision: str
    new_class: str
    decided_at: dt.datetime | None


class MuResultDetail(MuResultOut):
    indicators: list[dict[str, Any]]
    extra: dict[str, Any]
    objections: list[ObjectionOut]


class ResultsPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[MuResultOut]


class ObjectionIn(Schema):
    reason: str = Field(min_length=1, max_length=5000)


class DecisionIn(Schema):
    upheld: bool
    decision: str = Field(min_length=1, max_length=5000)
    new_class: str = Field(default="", max_length=8)


class EnterpriseFilters(Schema):
    zone: Id | None = None
    industry: str = ""
    q: str = ""
    limit: int = Field(default=1000, ge=1, le=5000)
    offset: Offset = 0


class ResultFilters(Schema):
    zone: Id | None = None
    industry: str = ""
    segment: str = ""
    klass: str = ""
    page: Page = 1
    page_size: int = Field(default=100, ge=1, le=MAX_PAGE_SIZE)


class ReproduceOut(Schema):
    identical: bool
    differences: list[str]


def _require_run_change(user: Any, run: MuRun) -> None:
    """A zone's run is changed by that zone's staff; a city-wide run by coordinators and admins."""
    if run.zone_id is None:
        require_shared_change(user)
    else:
        require_change(user, run)


def _objection_out(o: Objection) -> dict[str, Any]:
    return {
        "id": o.pk,
        "result_id": o.result_id,
        "zone_id": o.zone_id,
        "filed_at": o.filed_at,
        "reason": o.reason,
        "has_evidence": bool(o.evidence),
        "status": o.status,
        "decision": o.decision,
        "new_class": o.new_class,
        "decided_at": o.decided_at,
    }


def _visible_summary(user: Any, run: MuRun) -> dict[str, Any]:
    """The run's summaries; the zone league keeps only the zones the user sees."""
    summary = dict(run.summary or {})
    ids = visible_zone_ids(user)
    if ids is not None and "zones" in summary:
        result_zone_ids = set(run.results.values_list("zone_id", flat=True).distinct())
        labels = zone_labels(Zone.objects.filter(pk__in=result_zone_ids | ({run.zone_id} - {None})))
        shown = {label for pk, label in labels.items() if pk in ids}
        summary["zones"] = [row for row in summary["zones"] if row.get("zone") in shown]
    return summary


def _run_detail(user: Any, run: MuRun) -> dict[str, Any]:
    return {
        **{f: getattr(run, f) for f in MuRunOut.model_fields},
        "results": scope(user, run.results.all()).count(),
        "summary": _visible_summary(user, run),
    }


# ----------------------------------------------------------------------------------------------
# enterprises and their data


@router.get("/enterprises", response={200: list[EnterpriseOut], **errors(422)})
def list_enterprises(request: HttpRequest, filters: Query[EnterpriseFilters]) -> QuerySet[Enterprise]:
    qs = scope(request.user, Enterprise.objects.all())
    if filters.zone is not None:
        qs = qs.filter(zone_id=filters.zone)
    if filters.industry:
        qs = qs.filter(industry_code__startswith=filters.industry)
    if filters.q:
        qs = qs.filter(name__icontains=filters.q) | qs.filter(uscc__iexact=filters.q)
    return qs.order_by("zone_id", "uscc")[filters.offset : filters.offset + filters.limit]


@router.get("/enterprises/{enterprise_id}", response={200: EnterpriseDetail, **errors(404, 422)})
def get_enterprise(request: HttpRequest, enterprise_id: Id) -> dict[str, Any]:
    e = get_visible(request.user, Enterprise.objects.all(), pk=enterprise_id)
    return {
        "id": e.pk,
        "zone_id": e.zone_id,
        "uscc": e.uscc,
        "name": e.name,
        "industry_code": e.industry_code,
        "years": list(e.years.order_by("year")),
    }


@router.post(
    "/enterprise-data",
    response={201: DataImportOut, **errors(400, 403, 404), 422: RejectedOut | ValidationErrorOut},
)
def post_enterprise_data(request: HttpRequest, payload: DataIn) -> Status[Any]:
    """Import one zone's year data as JSON rows in the canonical columns: all rows or none."""
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=payload.zone_id)
    require_change(request.user, zone)
    try:
        batch = actions.import_records(
            zone=zone, year=payload.year, records=payload.rows, actor=request.user, source="api"
        )
    except actions.ImportRejected as exc:
        issues = [vars(i) | {"source": i.file} for i in exc.issues]
        return Status(422, {"detail": f"{len(issues)} 处问题，未导入任何数据", "issues": issues})
    return Status(201, batch)


# ----------------------------------------------------------------------------------------------
# runs and results


@router.get("/mu-runs", response={200: list[MuRunOut], **errors(422)})
def list_runs(request: HttpRequest, year: Year | None = None, zone: Id | None = None) -> QuerySet[MuRun]:
    qs = scope(request.user, MuRun.objects.all())
    if year is not None:
        qs = qs.filter(year=year)
    if zone is not None:
        qs = qs.filter(zone_id=zone)
    return qs.order_by("-created_at", "-pk")


@router.post(
    "/mu-runs", response={201: MuRunDetail, **errors(400, 403, 404, 409), 422: ErrorOut | ValidationErrorOut}
)
def create_run(request: HttpRequest, payload: MuRunIn) -> Status[Any]:
    """Evaluate a zone (``zone_id``) or every zone (no ``zone_id``: coordinators and admins)."""
    zone = None
    city = ""
    if payload.zone_id is None:
        require_shared_change(request.user)
        found = city_wide_city(request.user)
        if found is None:
            return Status(409, {"detail": "全市评价由市级主管部门发起，请指定开发区（zone_id）"})
        city = found
    else:
        zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=payload.zone_id)
        require_change(request.user, zone)
    try:
        run = actions.run_evaluation(
            city=city,
            zone=zone,
            year=payload.year,
            method_id_or_yaml=payload.method,
            actor=request.user,
            source="api",
            title=payload.title,
        )
    except MethodError as exc:
        return Status(422, {"detail": str(exc)})
    except actions.WorkflowError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, _run_detail(request.user, run))


@router.get("/mu-runs/{mu_run_id}", response={200: MuRunDetail, **errors(404, 422)})
def get_run(request: HttpRequest, mu_run_id: Id) -> dict[str, Any]:
    run = get_visible(request.user, MuRun.objects.all(), pk=mu_run_id)
    return _run_detail(request.user, run)


@router.get("/mu-runs/{mu_run_id}/results", response={200: ResultsPage, **errors(404, 422)})
def run_results(request: HttpRequest, mu_run_id: Id, filters: Query[ResultFilters]) -> dict[str, Any]:
    """One page of a run's results (best first per segment); filter ``class`` (or ``klass``) is the final class."""
    run = get_visible(request.user, MuRun.objects.all(), pk=mu_run_id)
    qs = scope(request.user, run.results.all())
    if filters.zone is not None:
        qs = qs.filter(zone_id=filters.zone)
    if filters.industry:
        qs = qs.filter(industry_code__startswith=filters.industry)
    if filters.segment:
        qs = qs.filter(segment=filters.segment)
    wanted = filters.klass or request.GET.get("class", "")
    if wanted:
        qs = qs.filter(final_class=wanted)
    start = (filters.page - 1) * filters.page_size
    return {
        "count": qs.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "items": list(
            qs.order_by("segment", F("rank").asc(nulls_last=True), "uscc", "pk")[
                start : start + filters.page_size
            ]
        ),
    }


@router.post("/mu-runs/{mu_run_id}/reproduce", response={200: ReproduceOut, **errors(403, 404, 422, 429)})
def reproduce_run(request: HttpRequest, response: HttpResponse, mu_run_id: Id) -> Status[Any]:
    """Re-evaluate the stored snapshot with the stored method and compare every stored result.

    A whole run's recomputation: POST, for people who may change data, bounded per person, per
    address and per server process (``core.throttle``; 429 with Retry-After when not now).
    """
    run = get_visible(request.user, MuRun.objects.all(), pk=mu_run_id)
    if not (request.user.role in WRITING_ROLES or is_admin(request.user)):
        return Status(403, {"detail": "只读账号不能发起复核计算"})
    try:
        identical, differences = run_bounded(request, "reproduce", lambda: actions.reproduce(run))
    except Refused as refused:
        response["Retry-After"] = str(refused.retry_after)
        return Status(429, {"detail": refused.reason})
    if visible_zone_ids(request.user) is not None and run.zone_id is None:
        differences = [f"{len(differences)} 处差异"] if differences else []
    return Status(200, {"identical": identical, "differences": differences})


@router.post("/mu-runs/{mu_run_id}/publicity", response={200: MuRunOut, **errors(400, 403, 404, 409, 422)})
def publicise_run(request: HttpRequest, mu_run_id: Id, payload: PubliciseIn) -> Status[Any]:
    run = get_visible(request.user, MuRun.objects.all(), pk=mu_run_id)
    _require_run_change(request.user, run)
    try:
        return Status(200, actions.publicise(run, days=payload.days, actor=request.user, source="api"))
    except actions.WorkflowError as exc:
        return Status(409, {"detail": str(exc)})


@router.post("/mu-runs/{mu_run_id}/final", response={200: MuRunOut, **errors(403, 404, 409, 422)})
def finalise_run(request: HttpRequest, mu_run_id: Id) -> Status[Any]:
    run = get_visible(request.user, MuRun.objects.all(), pk=mu_run_id)
    _require_run_change(request.user, run)
    try:
        return Status(200, actions.finalise(run, actor=request.user, source="api"))
    except actions.WorkflowError as exc:
        return Status(409, {"detail": str(exc)})


@router.get("/mu-results/{result_id}", response={200: MuResultDetail, **errors(404, 422)})
def get_result(request: HttpRequest, result_id: Id) -> dict[str, Any]:
    r = get_visible(request.user, MuResult.objects.all(), pk=result_id)
    return {
        **{f: getattr(r, f) for f in MuResultOut.model_fields},
        "indicators": r.indicators,
        "extra": r.extra,
        "objections": [_objection_out(o) for o in r.objections.order_by("filed_at", "pk")],
    }


@router.post(
    "/mu-results/{result_id}/objections", response={201: ObjectionOut, **errors(400, 403, 404, 409, 422)}
)
def post_objection(request: HttpRequest, result_id: Id, payload: ObjectionIn) -> Status[Any]:
    """File an objection while the run is in 公示 (staff of the result's zone, coordinators, admins)."""
    result = get_visible(request.user, MuResult.objects.all(), pk=result_id)
    require_change(request.user, result)
    try:
        objection = actions.file_objection(result, reason=payload.reason, actor=request.user, source="api")
    except actions.WorkflowError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, _objection_out(objection))


@router.post(
    "/mu-objections/{objection_id}/decision", response={200: ObjectionOut, **errors(400, 403, 404, 409, 422)}
)
def decide(request: HttpRequest, objection_id: Id, payload: DecisionIn) -> Status[Any]:
    """Decide an objection (coordinators and admins); upheld sets the result's final class."""
    objection = get_visible(request.user, Objection.objects.all(), pk=objection_id)
    require_shared_change(request.user)
    try:
        decided = actions.decide_objection(
            objection,
            upheld=payload.upheld,
            decision=payload.decision,
            new_class=payload.new_class,
            actor=request.user,
            source="api",
        )
    except actions.WorkflowError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, _objection_out(decided))
