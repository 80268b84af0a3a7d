"""Assignments with their computed status (one query), for pages, exports and notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from devzone.plans.models import Assignment, PlanStatus, ProgressReport
from devzone.plans.status import (
    STATUS_LABELS,
    Situation,
    Status,
    StatusRule,
    assignment_status,
    expected_progress,
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


def annotated(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    latest = ProgressReport.objects.filter(assignment=OuterRef("pk")).order_by("-reported_at", "-pk")
    return queryset.select_related("task__plan", "task__section", "unit__zone").annotate(
        due=Coalesce(
            Min("task__deadlines__due_date", filter=Q(task__deadlines__recurring=False)),
            F("task__plan__end_date"),
        ),
        last_percent=Subquery(latest.values("percent")[:1]),
        confirmed=Exists(
            ProgressReport.objects.filter(assignment=OuterRef("pk"), percent=100, confirmed_at__isnull=False)
        ),
    )


def live(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """Assignments of published (current) plan versions."""
    return queryset.filter(task__plan__status=PlanStatus.PUBLISHED)


def _milestones(raw: object) -> tuple[tuple[dt.date, float], ...]:
    out: list[tuple[dt.date, float]] = []
    if isinstance(raw, list):
        for item in raw:
            try:
                out.append((dt.date.fromisoformat(str(item[0])), float(item[1])))
            except (TypeError, ValueError, IndexError):
                continue
    return tuple(out)


def rows(queryset: QuerySet[Assignment], *, as_of: dt.date, rule: StatusRule | None = None) -> list[Row]:
    active = rule or status_rule()
    out: list[Row] = []
    for a in annotated(queryset):
        plan = a.task.plan
        milestones = _milestones(a.task.milestones)
        situation = Situation(
            start=plan.start_date,
            due=a.due,
            as_of=as_of,
            percent=a.last_percent,
            confirmed=a.confirmed,
            milestones=milestones,
        )
        try:
            status = assignment_status(situation, rule=active)
            expected = expected_progress(start=plan.start_date, due=a.due, as_of=as_of, milestones=milestones)
        except ValueError:
            situation = Situation(
                start=plan.start_date, due=a.due, as_of=as_of, percent=a.last_percent, confirmed=a.confirmed
            )
            status = assignment_status(situation, rule=active)
            expected = expected_progress(start=plan.start_date, due=a.due, as_of=as_of)
        out.append(Row(assignment=a, due=a.due, percent=a.last_percent, expected=expected, status=status))
    return out
