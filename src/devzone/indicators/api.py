"""Indicators, observations, targets and boards over JSON; uploads as multipart .xlsx."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from devzone.accounts.access import (
    get_visible,
    require_change,
    require_place_change,
    require_shared_change,
    scope,
)
from devzone.core.api_types import ErrorOut, FiniteFloat, Id, ValidationErrorOut, errors
from devzone.core.files import FileRefused, read_upload
from devzone.core.responses import attachment
from devzone.indicators.actions import (
    ImportResult,
    PlanTargetsError,
    import_submission,
    link_target,
    save_target,
    submission_from_rows,
    sync_catalogue,
    targets_from_plan,
)
from devzone.indicators.board import TargetRow, evaluate_targets
from devzone.indicators.models import Coverage, Indicator, Observation, Target, TargetKind, TargetOp
from devzone.indicators.periods import PeriodError, parse_period
from devzone.indicators.template import read_template
from devzone.indicators.tracking import PlanNotTrackable, default_periods, track_plan
from devzone.indicators.views.data import template_bytes
from devzone.orgs.models import Zone
from devzone.plans.models import Plan, PlanStatus

router = Router(tags=["indicators"])


class IndicatorOut(Schema):
    code: str
    name: str
    aliases: list[str]
    unit: str
    definition: str
    scope: str
    direction: str
    frequency: str
    aggregation: str
    numerator: str
    denominator: str


class ObservationOut(Schema):
    id: int
    indicator: str = Field(alias="indicator.code")
    zone_id: int | None
    city: str
    period: str
    value: float
    entered_value: float
    entered_unit: str
    status: str
    source: str
    entered_by: str | None = Field(None, alias="entered_by.username")
    entered_at: str
    is_current: bool
    superseded_by_id: int | None

    @staticmethod
    def resolve_entered_at(obj: Observation) -> str:
        return obj.entered_at.isoformat()


class RowIn(Schema):
    code: str | None = None
    unit: str | None = None
    period: str | int | None = None
    value: FiniteFloat | str | None = None
    status: str | None = None
    source: str | None = None


class ObservationsIn(Schema):
    zone_id: Id | None = None
    city: str = ""
    rows: list[RowIn] = Field(..., min_length=1, max_length=5000)


class IssueOut(Schema):
    sheet: str
    row: int
    column: str
    code: str
    message: str
    location: str


class ImportOut(Schema):
    created: int
    revised: int
    unchanged: int


class IssuesOut(Schema):
    detail: str
    issues: list[IssueOut]


class TargetOut(Schema):
    id: int
    indicator: str | None = Field(None, alias="indicator.code")
    indicator_text: str
    zone_id: int | None
    city: str
    coverage: str
    kind: str
    op: str
    value: float
    unit: str
    base_period: str
    base_value: float | None
    deadline: str
    text: str
    origin: str
    review: str
    candidates: list[dict[str, Any]]


class TargetIn(Schema):
    indicator: str
    zone_id: Id | None = None
    city: str = ""
    coverage: Coverage = Coverage.ZONE
    kind: TargetKind
    op: TargetOp = TargetOp.GE
    value: FiniteFloat
    unit: str
    base_period: str
    base_value: FiniteFloat | None = None
    deadline: str
    text: str = ""


class TargetPatch(Schema):
    """A field left out is left alone; only ``base_value`` may be set to null (no base figure)."""

    indicator: str = None  # type: ignore[assignment]
    op: TargetOp = None  # type: ignore[assignment]
    value: FiniteFloat = None  # type: ignore[assignment]
    unit: str = None  # type: ignore[assignment]
    base_period: str = None  # type: ignore[assignment]
    base_value: FiniteFloat | None = None
    deadline: str = None  # type: ignore[assignment]
    text: str = None  # type: ignore[assignment]


class TargetsFromPlanIn(Schema):
    plan: dict[str, Any]
    zone_id: Id | None = None
    city: str = ""
    base_period: str = "2020"
    default_deadline: str = "2025"


class TargetsFromPlanOut(Schema):
    linked: list[int]
    unmatched: list[int]
    existing: int
    skipped: list[list[str]]
    unplaced: list[int] = []


class TrackIn(Schema):
    """The periods of 跟踪目标; empty means the plan's own (the year before it starts, its end year)."""

    base_period: str = ""
    default_deadline: str = ""


class PendingYearOut(Schema):
    """A year whose sum over zones is not counted yet: ``reported`` of ``expected`` zones reported."""

    year: int
    reported: int
    expected: int


class BoardRowOut(Schema):
    target_id: int
    status: str
    unit: str
    as_of: float
    current: float | None
    goal: float | None
    expected: float | None
    completion_percent: float | None
    forecast: float | None
    problem: str
    pending: list[PendingYearOut]


class SyncOut(Schema):
    created: int
    updated: int
    unchanged: int


# The 422 of an import: its rows' issues, or (before any row is read) the request's fields.
Rejected = IssuesOut | ValidationErrorOut
# An xlsx answer, as the OpenAPI document shows it.
XLSX = {
    "description": "OK",
    "content": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": {"type": "string", "format": "binary"}
        }
    },
}


class BoardOut(Schema):
    as_of: float
    rows: list[BoardRowOut]


def _indicator(code: str) -> Indicator:
    found = Indicator.objects.filter(code=code).first()
    if found is None:
        raise Http404("indicator")
    return found


def _zone(request: HttpRequest, zone_id: int | None, city: str) -> tuple[Zone | None, str]:
    """The zone written to (checked), or the city for city-level data (coordinators only)."""
    if zone_id is not None:
        zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
        require_change(request.user, zone)
        return zone, zone.city
    require_shared_change(request.user)
    if not city:
        raise Http404("city")
    require_place_change(request.user, city=city, province="")  # the city must be in their jurisdiction
    return None, city


def _import_response(result: ImportResult) -> Status[Any]:
    if not result.ok:
        issues = [
            {
                "sheet": i.sheet,
                "row": i.row,
                "column": i.column,
                "code": i.code,
                "message": i.reason,
                "location": i.location,
            }
            for i in result.issues
        ]
        return Status(422, {"detail": f"{len(issues)} 处错误，未导入任何数据", "issues": issues})
    return Status(201, {"created": result.created, "revised": result.revised, "unchanged": result.unchanged})


@router.get("/indicators", response={200: list[IndicatorOut], **errors(422)})
def list_indicators(request: HttpRequest, q: str = "") -> Any:
    rows = Indicator.objects.all()
    return rows.filter(name__icontains=q) if q else rows


@router.post("/indicators/sync", response={200: SyncOut, **errors(403)})
def sync_indicators(request: HttpRequest) -> dict[str, int]:
    require_shared_change(request.user)
    counts = sync_catalogue(actor=request.user, source="api")
    return {"created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged}


@router.get("/observations", response={200: list[ObservationOut], **errors(422)})
def list_observations(
    request: HttpRequest,
    indicator: str = "",
    zone_id: Id | None = None,
    period: str = "",
    history: bool = False,
) -> Any:
    rows = scope(request.user, Observation.objects.select_related("indicator", "entered_by"))
    if not history:
        rows = rows.filter(is_current=True)
    if indicator:
        rows = rows.filter(indicator__code=indicator)
    if zone_id is not None:
        rows = rows.filter(zone_id=zone_id)
    if period:
        rows = rows.filter(period=period)
    return rows[:5000]


@router.post("/observations", response={201: ImportOut, **errors(400, 403, 404), 422: Rejected})
def post_observations(request: HttpRequest, payload: ObservationsIn) -> Status[Any]:
    """Rows as JSON for one zone (or, for coordinators, a city): all valid or nothing written."""
    zone, city = _zone(request, payload.zone_id, payload.city)
    submission = submission_from_rows([row.dict() for row in payload.rows], zone=zone, city=city)
    result = import_submission(submission, zone=zone, city=city, actor=request.user, source="api", file="api")
    return _import_response(result)


@router.post(
    "/zones/{zone_id}/observations/upload", response={201: ImportOut, **errors(400, 403, 404), 422: Rejected}
)
def upload_observations(request: HttpRequest, zone_id: Id, file: File[UploadedFile]) -> Status[Any]:
    """A filled template (.xlsx, multipart field ``file``): all valid or nothing written."""
    zone, city = _zone(request, zone_id, "")
    name = file.name or "upload.xlsx"
    issue = {"sheet": "", "row": 0, "column": "", "code": "unreadable", "location": name}
    try:
        name, content = read_upload(file)
        submission = read_template(content, name=name)
    except FileRefused as error:
        return Status(422, {"detail": str(error), "issues": [issue | {"message": str(error)}]})
    result = import_submission(submission, zone=zone, city=city, actor=request.user, source="api", file=name)
    return _import_response(result)


@router.get(
    "/zones/{zone_id}/template", response=errors(403, 404, 422), openapi_extra={"responses": {200: XLSX}}
)
def download_template(request: HttpRequest, zone_id: Id, period: str) -> HttpResponse:
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
    require_change(request.user, zone)
    try:
        label = parse_period(period).label
    except PeriodError as error:
        raise Http404("period") from error
    return attachment(template_bytes(zone, label), filename=f"数据填报模板-{zone.name}-{label}.xlsx")


@router.get("/targets", response={200: list[TargetOut], **errors(422)})
def list_targets(request: HttpRequest, zone_id: Id | None = None, review: str = "") -> Any:
    rows = scope(request.user, Target.objects.select_related("indicator"))
    if zone_id is not None:
        rows = rows.filter(zone_id=zone_id)
    if review:
        rows = rows.filter(review=review)
    return rows


@router.post(
    "/targets/from-plan",
    response={201: TargetsFromPlanOut, **errors(400, 403, 404), 422: ErrorOut | ValidationErrorOut},
)
def create_targets_from_plan(request: HttpRequest, payload: TargetsFromPlanIn) -> Status[Any]:
    """Targets from a parsed plan (devzone.plan/1); unmatched names wait in the review list."""
    zone, city = _zone(request, payload.zone_id, payload.city)
    try:
        base, deadline = parse_period(payload.base_period).label, parse_period(payload.default_deadline).label
        result = targets_from_plan(
            payload.plan,
            zone=zone,
            city=city,
            actor=request.user,
            source="api",
            base_period=base,
            default_deadline=deadline,
        )
    except (PlanTargetsError, PeriodError) as error:
        return Status(422, {"detail": str(error)})
    return Status(201, _created_out(result))


def _created_out(result: Any) -> dict[str, Any]:
    """What creating targets from a plan did (the JSON upload and 跟踪目标 answer alike)."""
    return {
        "linked": [t.pk for t in result.linked],
        "unmatched": [t.pk for t in result.unmatched],
        "existing": result.existing,
        "skipped": [list(pair) for pair in result.skipped],
    }


@router.post(
    "/targets/from-plan/{plan_id}",
    response={201: TargetsFromPlanOut, **errors(400, 403, 404), 422: ErrorOut | ValidationErrorOut},
)
def track_stored_plan(request: HttpRequest, plan_id: Id, payload: TrackIn) -> Status[Any]:
    """跟踪目标 over JSON: targets from a published plan as reviewed (no devzone.plan/1 JSON needed)."""
    plan = get_visible(
        request.user, Plan.objects.exclude(status=PlanStatus.DRAFT).select_related("zone"), pk=plan_id
    )
    require_change(request.user, plan)
    base, deadline = default_periods(plan)
    try:
        result = track_plan(
            plan,
            actor=request.user,
            source="api",
            base_period=parse_period(payload.base_period or base).label,
            default_deadline=parse_period(payload.default_deadline or deadline).label,
        )
    except (PlanNotTrackable, PeriodError) as error:
        return Status(422, {"detail": str(error)})
    return Status(201, _created_out(result) | {"unplaced": [t.pk for t in result.unplaced]})


@router.get("/targets/{target_id}", response={200: TargetOut, **errors(404, 422)})
def get_target(request: HttpRequest, target_id: Id) -> Target:
    return get_visible(request.user, Target.objects.select_related("indicator"), pk=target_id)


@router.post("/targets", response={201: TargetOut, **errors(400, 403, 404, 422)})
def create_target(request: HttpRequest, payload: TargetIn) -> Status[Target]:
    zone, city = _zone(request, payload.zone_id, payload.city)
    data = payload.dict(exclude={"zone_id", "city", "indicator"})
    indicator = _indicator(payload.indicator)
    target = Target(**data, zone=zone, city=city, indicator=indicator, indicator_text=indicator.name)
    if zone is not None:
        target.coverage = Coverage.ZONE
    return Status(201, save_target(target, actor=request.user, source="api"))


@router.patch("/targets/{target_id}", response={200: TargetOut, **errors(400, 403, 404, 422)})
def update_target(request: HttpRequest, target_id: Id, payload: TargetPatch) -> Target:
    target = get_visible(request.user, Target.objects.select_related("indicator"), pk=target_id)
    require_change(request.user, target)
    changes = payload.dict(exclude_unset=True)
    code = changes.pop("indicator", None)
    for name, value in changes.items():
        setattr(target, name, value)
    if code is not None:
        return link_target(target, _indicator(code), actor=request.user, source="api")
    return save_target(target, actor=request.user, source="api")


def _board_row(row: TargetRow) -> dict[str, Any]:
    return {
        "target_id": row.target.pk,
        "status": row.status,
        "unit": row.unit,
        "as_of": row.as_of,
        "current": row.current,
        "goal": row.goal,
        "expected": row.expected,
        "completion_percent": row.completion_percent,
        "forecast": row.forecast,
        "problem": row.problem,
        "pending": [{"year": y.year, "reported": y.reported, "expected": y.expected} for y in row.pending],
    }


@router.get("/board", response={200: BoardOut, **errors(404, 422)})
def board(request: HttpRequest, zone_id: Id | None = None, city: str = "", asof: str = "") -> dict[str, Any]:
    """Every visible target evaluated (a zone's with ``zone_id``), as of the latest figure or ``asof``."""
    targets = scope(request.user, Target.objects.select_related("indicator", "zone"))
    if zone_id is not None:
        zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
        targets = targets.filter(zone=zone)
    if city:
        targets = targets.filter(city=city)
    try:
        when = parse_period(asof).end if asof else None
    except PeriodError as error:
        raise Http404("asof") from error
    rows, as_of = evaluate_targets(list(targets), as_of=when)
    return {"as_of": as_of, "rows": [_board_row(row) for row in rows]}
