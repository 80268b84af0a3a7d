"""Assessment over JSON: frameworks, runs (create, list, get) and their results (the user's rows only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import F
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from devzone.accounts.access import changeable_zone_ids, get_visible, require_shared_change, scope
from devzone.assessment.actions import run_assessment, save_framework
from devzone.assessment.models import AssessmentRun, Framework, RuleOutcome, ZoneResult
from devzone.assessment.views.common import (
    get_run,
    place_new_framework,
    require_framework_reader,
    visible_runs,
)
from devzone.core.api_types import Id, Page, Year, errors

router = Router(tags=["assessment"])


class FrameworkOut(Schema):
    id: int
    name: str
    code: str
    version: str
    sha256: str
    shipped: bool
    yaml_text: str


class FrameworkIn(Schema):
    yaml_text: str = Field(max_length=200_000)


class RunIn(Schema):
    framework_id: Id
    year: Year
    samples: int = Field(0, ge=0, le=20000)
    seed: int | None = Field(None, ge=0, le=2**62)
    note: str = Field("", max_length=200)


class RunOut(Schema):
    id: int
    framework_id: int
    framework_code: str
    framework_sha256: str
    year: int
    data_sha256: str
    samples: int
    seed: int | None
    engine_version: str
    created_at: datetime
    note: str
    sensitivity: dict[str, Any] | None


class ResultOut(Schema):
    zone_id: int
    zone: str = Field(alias="zone.name")
    score: float | None
    rank: int | None
    rank_prev: int | None
    rank_change: int | None
    streak: int
    rank_p05: float | None
    rank_p50: float | None
    rank_p95: float | None
    pay: float | None
    tier: str
    node_scores: dict[str, Any]
    node_ranks: dict[str, Any]
    node_rank_prev: dict[str, Any]
    raw_values: dict[str, Any]
    history: list[Any]
    profile: dict[str, Any]


class OutcomeOut(Schema):
    zone_id: int
    rule: str
    kind: str
    action: str
    hit: bool
    detail: dict[str, Any]


class ResultsOut(Schema):
    """One page of a run's results (best rank first) and the rule outcomes of the page's zones."""

    run: RunOut
    count: int
    page: int
    page_size: int
    items: list[ResultOut]
    outcomes: list[OutcomeOut]


MAX_PAGE_SIZE = 500


class AssessmentResultsPaging(Schema):
    page: Page = 1
    page_size: int = Field(default=100, ge=1, le=MAX_PAGE_SIZE)


@router.get("/assessment/frameworks", response={200: list[FrameworkOut], **errors(403)})
def list_frameworks(request: HttpRequest) -> Any:
    require_framework_reader(request.user)
    return Framework.objects.all()


@router.get("/assessment/frameworks/{framework_id}", response={200: FrameworkOut, **errors(403, 404, 422)})
def get_framework(request: HttpRequest, framework_id: Id) -> Framework:
    require_framework_reader(request.user)
    return get_object_or_404(Framework, pk=framework_id)


@router.post("/assessment/frameworks", response={201: FrameworkOut, **errors(400, 403, 422)})
def create_framework(request: HttpRequest, payload: FrameworkIn) -> Status[Framework]:
    require_shared_change(request.user)
    fw = place_new_framework(request.user, Framework(yaml_text=payload.yaml_text, created_by=request.user))
    return Status(201, save_framework(fw, actor=request.user, source="api"))


@router.get("/assessment/runs", response={200: list[RunOut], **errors(422)})
def list_runs(request: HttpRequest, year: Year | None = None) -> Any:
    runs = visible_runs(request.user).defer("snapshot", "framework_yaml")
    return runs.filter(year=year) if year is not None else runs


@router.post("/assessment/runs", response={201: RunOut, **errors(400, 403, 404, 422)})
def create_run(request: HttpRequest, payload: RunIn) -> Status[AssessmentRun]:
    require_shared_change(request.user)
    framework = get_object_or_404(Framework, pk=payload.framework_id)
    run = run_assessment(
        framework, year=payload.year, samples=payload.samples, seed=payload.seed, note=payload.note,
        actor=request.user, source="api", zone_ids=changeable_zone_ids(request.user),
    )  # fmt: skip
    return Status(201, run)


@router.get("/assessment/runs/{run_id}", response={200: RunOut, **errors(404, 422)})
def get_run_api(request: HttpRequest, run_id: Id) -> AssessmentRun:
    return get_run(request.user, run_id)


@router.get("/assessment/runs/{run_id}/results", response={200: ResultsOut, **errors(404, 422)})
def run_results(request: HttpRequest, run_id: Id, paging: Query[AssessmentResultsPaging]) -> dict[str, Any]:
    run = get_run(request.user, run_id)
    results = scope(request.user, ZoneResult.objects.filter(run=run))
    start = (paging.page - 1) * paging.page_size
    items = list(
        results.select_related("zone").order_by(F("rank").asc(nulls_last=True), "zone__name", "pk")[
            start : start + paging.page_size
        ]
    )
    outcomes = scope(
        request.user, RuleOutcome.objects.filter(run=run, zone_id__in=[r.zone_id for r in items])
    )
    return {
        "run": run,
        "count": results.count(),
        "page": paging.page,
        "page_size": paging.page_size,
        "items": items,
        "outcomes": list(outcomes.order_by("zone_id", "pk")),
    }


@router.get("/assessment/runs/{run_id}/zones/{zone_id}", response={200: ResultOut, **errors(404, 422)})
def zone_result(request: HttpRequest, run_id: Id, zone_id: Id) -> ZoneResult:
    run = get_run(request.user, run_id)
    return get_visible(
        request.user, ZoneResult.objects.filter(run=run).select_related("zone"), zone_id=zone_id
    )
