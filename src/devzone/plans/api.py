"""Plans, tasks, assignments and progress reports over JSON (scoped like the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import WithJsonSchema

from devzone.accounts.access import get_visible, require_change, require_shared_change
from devzone.core.api_types import Id, Page, errors
from devzone.plans import actions
from devzone.plans.models import Assignment, ProgressReport, Task
from devzone.plans.progress import live, milestone_nodes, rows
from devzone.plans.views.common import mine, require_report, visible_assignments, visible_plans

router = Router(tags=["plans"])

# A 节点 is sent as [date, percent]. Written as an array of either rather than a tuple (prefixItems):
# the same values, in a form every OpenAPI 3.1 tool reads.
MilestoneNode = Annotated[
    tuple[dt.date, float],
    WithJsonSchema({
        "type": "array", "minItems": 2, "maxItems": 2, "description": "[日期, 计划完成百分比]",
        "items": {"anyOf": [{"type": "string", "format": "date"}, {"type": "number"}]},
    }),
]  # fmt: skip


class PlanOut(Schema):
    id: int
    title: str
    version: int
    status: str
    city: str
    province: str
    zone_id: int | None
    start_date: dt.date
    end_date: dt.date


class TaskOut(Schema):
    id: int
    plan_id: int
    key: str
    heading: str
    text: str
    section_path: list[str]
    milestones: list[MilestoneNode]

    @staticmethod
    def resolve_milestones(obj: Task) -> list[tuple[dt.date, float]]:
        return list(milestone_nodes(obj.milestones))


class MilestoneIn(Schema):
    date: dt.date
    percent: float = Field(ge=0, le=100)


class MilestonesIn(Schema):
    milestones: list[MilestoneIn] = Field(max_length=100)


class AssignmentOut(Schema):
    id: int
    task_id: int
    plan_id: int
    unit_id: int
    unit: str
    role: str
    due: dt.date
    percent: int | None
    expected: float | None
    status: str


class ReportOut(Schema):
    id: int
    assignment_id: int
    period: str
    percent: int
    narrative: str
    reported_at: dt.datetime
    confirmed_at: dt.datetime | None
    returned_at: dt.datetime | None
    return_comment: str


class ReportIn(Schema):
    period: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    percent: int = Field(ge=0, le=100)
    narrative: str = Field(min_length=1, max_length=5000)


@router.get("/plans", response={200: list[PlanOut], **errors()})
def list_plans(request: HttpRequest) -> list[PlanOut]:
    return list(visible_plans(request.user).order_by("pk"))


@router.get("/plans/{plan_id}", response={200: PlanOut, **errors(404, 422)})
def get_plan(request: HttpRequest, plan_id: Id) -> PlanOut:
    return get_visible(request.user, visible_plans(request.user), pk=plan_id)


@router.get("/plans/{plan_id}/tasks", response={200: list[TaskOut], **errors(404, 422)})
def plan_tasks(request: HttpRequest, plan_id: Id) -> list[TaskOut]:
    plan = get_visible(request.user, visible_plans(request.user), pk=plan_id)
    return list(plan.tasks.order_by("order"))


@router.get("/tasks/{task_id}", response={200: TaskOut, **errors(404, 422)})
def get_task(request: HttpRequest, task_id: Id) -> TaskOut:
    plans = visible_plans(request.user)
    return get_visible(request.user, Task.objects.filter(plan__in=plans), zone_field="plan__zone", pk=task_id)


def _out(row: object) -> AssignmentOut:
    a = row.assignment  # type: ignore[attr-defined]
    return AssignmentOut(
        id=a.pk,
        task_id=a.task_id,
        plan_id=a.task.plan_id,
        unit_id=a.unit_id,
        unit=a.unit.name,
        role=a.role,
        due=row.due,
        percent=row.percent,
        expected=row.expected,
        status=str(row.status),  # type: ignore[attr-defined]
    )


class AssignmentsPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[AssignmentOut]


MAX_PAGE_SIZE = 500


class AssignmentFilters(Schema):
    only_mine: bool = False
    plan_id: Id | None = None
    page: Page = 1
    page_size: int = Field(default=100, ge=1, le=MAX_PAGE_SIZE)


@router.get("/assignments", response={200: AssignmentsPage, **errors(422)})
def list_assignments(request: HttpRequest, filters: Query[AssignmentFilters]) -> dict[str, object]:
    """One page of the assignments the user reads (by id), with their status today; ``count`` is all of them."""
    qs = live(mine(request.user) if filters.only_mine else visible_assignments(request.user))
    if filters.plan_id is not None:
        qs = qs.filter(task__plan_id=filters.plan_id)
    start = (filters.page - 1) * filters.page_size
    # the page's ids first (one narrow query), then the status of those alone
    ids = list(qs.order_by("pk").values_list("pk", flat=True)[start : start + filters.page_size])
    chosen = rows(Assignment.objects.filter(pk__in=ids).order_by("pk"), as_of=timezone.localdate())
    return {
        "count": qs.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "items": [_out(r) for r in chosen],
    }


@router.get("/assignments/{assignment_id}", response={200: AssignmentOut, **errors(404, 422)})
def get_assignment(request: HttpRequest, assignment_id: Id) -> AssignmentOut:
    a = get_visible(
        request.user, visible_assignments(request.user), zone_field="unit__zone", pk=assignment_id
    )
    return _out(rows(visible_assignments(request.user).filter(pk=a.pk), as_of=timezone.localdate())[0])


@router.get("/assignments/{assignment_id}/reports", response={200: list[ReportOut], **errors(404, 422)})
def assignment_reports(request: HttpRequest, assignment_id: Id) -> list[ReportOut]:
    a = get_visible(
        request.user, visible_assignments(request.user), zone_field="unit__zone", pk=assignment_id
    )
    return list(a.reports.all())


@router.post("/assignments/{assignment_id}/reports", response={201: ReportOut, **errors(400, 403, 404, 422)})
def create_report(request: HttpRequest, assignment_id: Id, payload: ReportIn) -> Status:
    a = get_visible(
        request.user,
        visible_assignments(request.user).select_related("task__plan", "unit"),
        zone_field="unit__zone",
        pk=assignment_id,
    )
    require_report(request.user, a)
    report = actions.report_progress(
        a,
        period=payload.period,
        percent=payload.percent,
        narrative=payload.narrative,
        actor=request.user,
        source="api",
    )
    return Status(201, report)


@router.get("/reports/{report_id}", response={200: ReportOut, **errors(404, 422)})
def get_report(request: HttpRequest, report_id: Id) -> ProgressReport:
    report = get_visible(
        request.user, ProgressReport.objects.all(), zone_field="assignment__unit__zone", pk=report_id
    )
    get_visible(
        request.user, visible_assignments(request.user), zone_field="unit__zone", pk=report.assignment_id
    )
    return report


@router.put("/tasks/{task_id}/milestones", response={200: TaskOut, **errors(400, 403, 404, 422)})
def put_milestones(request: HttpRequest, task_id: Id, payload: MilestonesIn) -> TaskOut:
    """Replace a task's 节点计划 (an empty list returns it to the linear 序时进度)."""
    plans = visible_plans(request.user)
    task = get_visible(
        request.user,
        Task.objects.filter(plan__in=plans).select_related("plan"),
        zone_field="plan__zone",
        pk=task_id,
    )
    require_change(request.user, task.plan)
    return actions.set_milestones(
        task,
        milestones=[(m.date, m.percent) for m in payload.milestones],
        actor=request.user,
        source="api",
    )


@router.post("/reports/{report_id}/confirm", response={200: ReportOut, **errors(403, 404, 422)})
def confirm_report(request: HttpRequest, report_id: Id) -> ProgressReport:
    """A coordinator confirms that a 100 % report completes the assignment (确认完成)."""
    report = get_report(request, report_id)
    require_shared_change(request.user)
    return actions.confirm_report(report, actor=request.user, source="api")
