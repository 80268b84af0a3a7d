"""Assignments with their computed status, for pages, exports and notices.

``rows`` gives model objects (one query) for lists a person reads; ``facts`` gives plain tuples from
three narrow queries for dashboards that aggregate every assignment of a province (20,000 and more),
where building model objects would cost seconds. Both use the one status rule of ``status.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from devzone.plans.models import Assignment, PlanStatus, ProgressReport, Task
from devzone.plans.status import (
    STATUS_LABELS,
    Situation,
    Status,
    StatusRule,
    assignment_status,
    expected_progress,
    milestone_problems,
)


def status_rule() -> StatusRule:
    """Settings ``DEVZONE_PLANS_MARGIN`` / ``DEVZONE_PLANS_DUE_SOON_DAYS`` when present, else the defaults."""
    return StatusRule(
        margin=float(getattr(settings, "DEVZONE_PLANS_MARGIN", 10.0)),
        due_soon_days=int(getattr(settings, "DEVZONE_PLANS_DUE_SOON_DAYS", 14)),
    )


@dataclass(frozen=True, kw_only=True)
class Row:
    assignment: Assignment
    due: dt.date
    percent: int | None
    expected: float | None
    status: Status

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def due_expression(prefix: str = "") -> Coalesce:
    """A task's deadline as the status rule reads it: its earliest one-off deadline, else the plan's end."""
    return Coalesce(
        Min(f"{prefix}deadlines__due_date", filter=Q(**{f"{prefix}deadlines__recurring": False})),
        F(f"{prefix}plan__end_date"),
    )


def annotated(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    latest = ProgressReport.objects.filter(assignment=OuterRef("pk"), returned_at=None).order_by(
        "-reported_at", "-pk"
    )
    # a plan's ``parsed`` (the reader's whole first reading) is no row's business: megabytes over a list
    rows = queryset.select_related("task__plan", "task__section", "unit__zone").defer("task__plan__parsed")
    return rows.annotate(
        due=due_expression("task__"),
        last_percent=Subquery(latest.values("percent")[:1]),
        confirmed=Exists(
            ProgressReport.objects.filter(assignment=OuterRef("pk"), percent=100, confirmed_at__isnull=False)
        ),
    )


def live(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """Assignments of published (current) plan versions."""
    return queryset.filter(task__plan__status=PlanStatus.PUBLISHED)


def milestone_nodes(raw: object) -> tuple[tuple[dt.date, float], ...]:
    out: list[tuple[dt.date, float]] = []
    if isinstance(raw, list):
        for item in raw:
            try:
                out.append((dt.date.fromisoformat(str(item[0])), float(item[1])))
            except (TypeError, ValueError, IndexError):
                continue
    return tuple(out)


def _situation(
    *,
    start: dt.date,
    due: dt.date | None,
    as_of: dt.date,
    percent: int | None,
    confirmed: bool,
    milestones: tuple[tuple[dt.date, float], ...],
) -> Situation:
    """The situation to judge; an inconsistent milestone plan falls back to the linear expectation."""
    if milestones and milestone_problems(start=start, due=due, milestones=milestones):
        milestones = ()
    return Situation(
        start=start, due=due, as_of=as_of, percent=percent, confirmed=confirmed, milestones=milestones
    )


def rows(queryset: QuerySet[Assignment], *, as_of: dt.date, rule: StatusRule | None = None) -> list[Row]:
    active = rule or status_rule()
    out: list[Row] = []
    for a in annotated(queryset):
        situation = _situation(
            start=a.task.plan.start_date,
            due=a.due,
            as_of=as_of,
            percent=a.last_percent,
            confirmed=a.confirmed,
            milestones=milestone_nodes(a.task.milestones),
        )
        status = assignment_status(situation, rule=active)
        expected = expected_progress(
            start=situation.start, due=situation.due, as_of=as_of, milestones=situation.milestones
        )
        out.append(Row(assignment=a, due=a.due, percent=a.last_percent, expected=expected, status=status))
    return out


class Fact(NamedTuple):
    """One assignment's status without model objects: what a dashboard aggregates."""

    assignment_id: int
    unit_id: int
    section: str
    due: dt.date | None
    percent: int | None
    status: Status
    confirmed_on: dt.date | None
    plan_id: int = 0


def _first(path: Any) -> str:
    return str(path[0]) if isinstance(path, list) and path else ""


def facts(queryset: QuerySet[Assignment], *, as_of: dt.date, rule: StatusRule | None = None) -> list[Fact]:
    """Every assignment of ``queryset`` with its status, in three narrow queries (no model objects).

    The latest report (by ``reported_at``, then id) gives the percent, as in ``rows``; the first
    coordinator confirmation of 100 % gives ``confirmed_on``.
    """
    active = rule or status_rule()
    ids = queryset.values("pk")
    tasks = {
        pk: (start, due, milestone_nodes(ms), _first(path), plan_id)
        for pk, start, due, ms, path, plan_id in Task.objects.filter(pk__in=queryset.values("task_id"))
        .annotate(due=due_expression())
        .values_list("pk", "plan__start_date", "due", "milestones", "section_path", "plan_id")
    }
    latest: dict[int, int] = {}
    confirmed_on: dict[int, dt.date] = {}
    reports = (
        ProgressReport.objects.filter(assignment__in=ids, returned_at=None)
        .order_by("reported_at", "pk")
        .values_list("assignment_id", "percent", "confirmed_at")
    )
    for assignment_id, percent, confirmed_at in reports:
        latest[assignment_id] = percent
        if confirmed_at is not None and percent == 100 and assignment_id not in confirmed_on:
            confirmed_on[assignment_id] = confirmed_at.date()
    out: list[Fact] = []
    for pk, unit_id, task_id in queryset.values_list("pk", "unit_id", "task_id"):
        start, due, milestones, section, plan_id = tasks[task_id]
        percent = latest.get(pk)
        situation = _situation(
            start=start,
            due=due,
            as_of=as_of,
            percent=percent,
            confirmed=pk in confirmed_on,
            milestones=milestones,
        )
        status = assignment_status(situation, rule=active)
        out.append(Fact(pk, unit_id, section, due, percent, status, confirmed_on.get(pk), plan_id))
    return out
