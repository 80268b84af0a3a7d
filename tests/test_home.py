"""The home page shows each role its own work first (issue 14, criterion 7)."""

from __future__ import annotations

import re

from django.utils import timezone

from devzone.plans import actions
from devzone.plans.models import Assignment
from devzone.plans.tests.factories import import_plan
from tests.personas import World


def plan_for(world: World) -> None:
    today = timezone.localdate()
    text = (
        "甲区开发区提升行动方案\n一、主要任务\n"
        f"1.优化管理机制。{today.year - 1}年9月底前完成。(责任单位:{world.unit_a.name})\n"
        f"2.推进招商引资。{today.year}年{today.month}月底前完成。(责任单位:{world.unit_a.name})\n"
    )
    plan = import_plan(text, zone=world.zone_a, year=today.year)
    actions.publish_plan(plan, actor=None, source="test")


def count(page: str, name: str) -> int:
    found = re.search(rf'id="count-{name}">(\d+)<', page)
    assert found, name
    return int(found.group(1))


def test_zone_staff_see_what_to_report_what_is_late_and_what_is_due(world: World) -> None:
    plan_for(world)
    staff = world.client_for(world.staff_a)
    page = staff.get("/").content.decode()
    assert (count(page, "to-report"), count(page, "overdue"), count(page, "due-month")) == (2, 1, 1)
    assert "优化管理机制" in page and "推进招商引资" in page
    due_now = Assignment.objects.get(task__key="1.2")
    actions.report_progress(
        due_now,
        period=f"{timezone.localdate():%Y-%m}",
        percent=60,
        narrative="已签约两个项目",
        files=[],
        actor=world.staff_a,
        source="test",
    )
    page = staff.get("/").content.decode()
    assert count(page, "to-report") == 1, "a task reported this month is no longer waiting"
    assert 'id="count-to-confirm"' not in page, "zone staff confirm nothing"


def test_the_coordinator_sees_completed_reports_waiting_for_confirmation(world: World) -> None:
    plan_for(world)
    late = Assignment.objects.get(task__key="1.1")
    actions.report_progress(
        late,
        period=f"{timezone.localdate():%Y-%m}",
        percent=100,
        narrative="已完成",
        files=[],
        actor=None,
        source="test",
    )
    page = world.client_for(world.coordinator).get("/").content.decode()
    assert count(page, "to-confirm") == 1 and "优化管理机制" in page


def test_a_viewer_sees_the_overview_only(world: World) -> None:
    plan_for(world)
    page = world.client_for(world.viewer).get("/").content.decode()
    assert 'id="my-work"' not in page and 'id="zone-count"' in page
