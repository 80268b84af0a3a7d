"""The plans slice's notices: the daily due-soon / overdue pass, and the events of a progress report.

Who hears of an assignment: the people of the assigned unit and the staff of the unit's zone (the
ones who report on it); who hears of a submitted report: those who confirm it (coordinators).
Every recipient passes ``accounts.access`` (:mod:`devzone.notices.recipients`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from devzone.accounts.models import Role, User
from devzone.notices.actions import announce, digest, notify
from devzone.notices.models import Notice, NoticeKind
from devzone.notices.recipients import deciders, who_see
from devzone.plans.models import Assignment, ProgressReport
from devzone.plans.progress import facts, live
from devzone.plans.status import Status

if TYPE_CHECKING:
    from devzone.orgs.models import Unit

DEADLINE_KINDS = {Status.DUE_SOON: NoticeKind.DUE_SOON, Status.OVERDUE: NoticeKind.OVERDUE}
DEADLINE_LABELS = {NoticeKind.DUE_SOON: "即将到期", NoticeKind.OVERDUE: "已逾期"}
PASS_NAME = "plans.deadlines"  # noqa: S105 - a pass name, not a password


def unit_people(unit: Unit, record: Assignment | ProgressReport) -> list[User]:
    """The people of ``unit`` and the staff of its zone, who may read ``record``."""
    who = Q(unit=unit)
    if unit.zone_id:
        who |= Q(role=Role.ZONE_STAFF, zones=unit.zone_id)
    return who_see(User.objects.filter(who).distinct(), record)


def task_words(assignment: Assignment) -> str:
    task = assignment.task
    return f"{task.plan.title} · {task.key} {task.heading or task.text[:30]}"


def deadline_pass(as_of: dt.date) -> int:
    """Notice every due-soon and overdue assignment of a published plan, once per deadline and person.

    The key names the deadline, so a person hears again only when the deadline moves. Each
    assignment commits on its own, so the pass never holds the database for long.
    """
    late = [f for f in facts(live(Assignment.objects.all()), as_of=as_of) if f.status in DEADLINE_KINDS]
    assignments = Assignment.objects.select_related("task__plan", "unit__zone").in_bulk(
        [f.assignment_id for f in late]
    )
    made: list[Notice] = []
    for fact in late:
        a = assignments[fact.assignment_id]
        kind = DEADLINE_KINDS[fact.status]
        with transaction.atomic():
            made += notify(
                unit_people(a.unit, a),
                kind=kind,
                text=f"{task_words(a)}（{a.unit.name}）：{DEADLINE_LABELS[kind]}，完成时限 {fact.due}",
                url=reverse("plans:assignment", args=[a.pk]),
                key=f"plans.assignment:{a.pk}:{fact.due}",
                zone_id=a.unit.zone_id,
                actor=None,
                source="scheduler",
            )
    with transaction.atomic():
        digest(made, title=f"{as_of} 任务到期提醒", key=f"{PASS_NAME}:{as_of}")
    return len(made)


def report_submitted(report: ProgressReport, *, actor: User | None, source: str) -> list[Notice]:
    """Tell those who confirm reports that a unit reported progress."""
    a = report.assignment
    return announce(
        deciders(report),
        kind=NoticeKind.REPORT_SUBMITTED,
        text=f"{a.unit.name} 报送了 {task_words(a)} 的进展：{report.period} 完成 {report.percent}%",
        url=reverse("plans:assignment", args=[a.pk]),
        key=f"plans.report:{report.pk}",
        zone_id=a.unit.zone_id,
        actor=actor,
        source=source,
    )


def _tell_unit_and_reporter(
    report: ProgressReport, *, kind: NoticeKind, text: str, actor: User | None, source: str
) -> list[Notice]:
    """A notice about ``report`` to the unit's people and whoever reported it, linking the assignment."""
    a = report.assignment
    people = unit_people(a.unit, report)
    if report.reported_by is not None:
        people += who_see([report.reported_by], report)
    return announce(
        people,
        kind=kind,
        text=text,
        url=reverse("plans:assignment", args=[a.pk]),
        key=f"plans.report:{report.pk}",
        zone_id=a.unit.zone_id,
        actor=actor,
        source=source,
    )


def report_confirmed(report: ProgressReport, *, actor: User | None, source: str) -> list[Notice]:
    """Tell the reporter and the unit's people that the coordinator confirmed completion."""
    a = report.assignment
    text = f"{task_words(a)}（{a.unit.name}）已确认完成"
    return _tell_unit_and_reporter(
        report, kind=NoticeKind.REPORT_CONFIRMED, text=text, actor=actor, source=source
    )


def report_returned(report: ProgressReport, *, comment: str, actor: User | None, source: str) -> list[Notice]:
    """Tell the reporter and the unit's people that a report was returned (退回), with the comment."""
    a = report.assignment
    text = f"{task_words(a)}（{a.unit.name}）{report.period} 的进展被退回：{comment}"
    return _tell_unit_and_reporter(
        report, kind=NoticeKind.REPORT_RETURNED, text=text, actor=actor, source=source
    )
