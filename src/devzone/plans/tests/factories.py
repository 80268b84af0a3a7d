"""Plans built for the Django tests: a small plan text, its import and publication for a zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from tests.personas import ZONE_B_MARK, World

from devzone.notices.models import Notice, NoticeKind
from devzone.orgs.models import Zone
from devzone.plans import actions
from devzone.plans.models import Assignment, Evidence, Plan, ProgressReport


def plan_text(*, owner: str, mark: str = "") -> str:
    return (
        f"{mark}开发区提升行动方案\n"
        "一、主要任务\n"
        f"1.{mark}优化管理机制。20xx年9月底前完成。地区生产总值突破800亿元。(责任单位:{owner})\n"
        "2.推进招商引资。2026年12月底前完成。(牵头单位:市商务局;配合单位:各开发区管委会)\n"
    )


def import_plan(
    text: str, *, zone: Zone | None = None, city: str = "连云港市", year: int = 2026, name: str = "plan.txt"
) -> Plan:
    context = actions.PlanContext(city=city, province="江苏省", zone=zone, year=year)
    return actions.import_document(text.encode(), name=name, actor=None, source="test", context=context)[0]


@dataclass
class ZoneBPlan:
    plan: Plan
    assignment: Assignment
    report: ProgressReport
    evidence: Evidence
    notice: Notice


def zone_b_plan(world: World) -> ZoneBPlan:
    """A published plan of zone B, with a report, evidence and a notice (created once per world)."""
    cached = getattr(world, "_plans_zone_b", None)
    if cached is not None:
        return cached
    plan = import_plan(plan_text(owner=world.unit_b.name, mark=ZONE_B_MARK), zone=world.zone_b)
    actions.publish_plan(plan, actor=None, source="test")
    assignment = Assignment.objects.get(task__plan=plan, unit=world.unit_b, task__key="1.1")
    report = actions.report_progress(
        assignment,
        period="2026-06",
        percent=30,
        narrative=f"{ZONE_B_MARK}进展",
        files=[SimpleUploadedFile(f"{ZONE_B_MARK}.txt", b"evidence")],
        actor=None,
        source="test",
    )
    notice = Notice.objects.create(
        user=world.staff_b,
        kind=NoticeKind.OVERDUE,
        text=f"{ZONE_B_MARK} 逾期",
        url=f"/plans/assignments/{assignment.pk}/",
        key=f"plans.assignment:{assignment.pk}:test",
        zone=world.zone_b,
    )
    made = ZoneBPlan(plan, assignment, report, report.evidence.get(), notice)
    world._plans_zone_b = made  # type: ignore[attr-defined]
    return made


AS_OF = dt.date(2026, 7, 1)
