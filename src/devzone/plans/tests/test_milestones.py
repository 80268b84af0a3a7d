"""节点计划 (milestone plans) and 确认完成 through pages and the API."""

from __future__ import annotations

import datetime as dt

from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.plans import actions
from devzone.plans.models import Assignment, Task
from devzone.plans.progress import rows
from devzone.plans.status import Status
from devzone.plans.tests.factories import import_plan, plan_text, zone_b_plan

MAY = dt.date(2026, 5, 1)


def _city_plan_task() -> Task:
    plan = import_plan(plan_text(owner="市商务局"))
    actions.publish_plan(plan, actor=None, source="test")
    return Task.objects.get(plan=plan, key="1.1")  # 2026-01-01 … 2026-09-30


def test_milestone_plan_changes_expected_progress_and_status(world: World) -> None:
    task = _city_plan_task()
    assignment = Assignment.objects.filter(task=task)
    actions.report_progress(
        assignment.get(), period="2026-04", percent=15, narrative="起步", actor=None, source="test"
    )
    # linear: 120 of 272 days → 44 % expected, 15 % is more than 10 points behind
    assert rows(assignment, as_of=MAY)[0].status == Status.BEHIND
    page = world.client_for(world.coordinator).post(
        f"/plans/tasks/{task.pk}/milestones/", {"lines": "2026-06-30 20\n2026-03-31 10%"}
    )
    assert page.status_code == 302
    task.refresh_from_db()
    assert task.milestones == [["2026-03-31", 10.0], ["2026-06-30", 20.0]]
    # nodes: (03-31, 10) → (06-30, 20): on 05-01, 10 + 10 × 31/91 = 13.4 % expected
    row = rows(assignment, as_of=MAY)[0]
    assert row.expected is not None and round(row.expected, 1) == 13.4
    assert row.status == Status.ON_TRACK
    entry = AuditEntry.objects.filter(model="plans.Task", object_pk=str(task.pk), source="web").latest("pk")
    assert entry.after["milestones"] == [["2026-03-31", 10.0], ["2026-06-30", 20.0]]
    shown = world.client_for(world.coordinator).get(f"/plans/tasks/{task.pk}/milestones/").content.decode()
    assert "2026-03-31 10" in shown and 'data-chart="chart-curve"' in shown


def test_bad_milestone_plans_are_refused_with_the_line_and_nothing_saved(world: World) -> None:
    task = _city_plan_task()
    client = world.client_for(world.coordinator)
    url = f"/plans/tasks/{task.pk}/milestones/"
    late = client.post(url, {"lines": "2026-10-15 50"}).content.decode()
    assert "2026-10-15: 节点须在 2026-01-01 与 2026-09-30 之间" in late
    falling = client.post(url, {"lines": "2026-03-31 60\n2026-06-30 40"}).content.decode()
    assert "2026-06-30: 40% 低于前一节点的 60%" in falling
    garbled = client.post(url, {"lines": "2026-03-31 10\n六月底 50"})
    assert garbled.status_code == 400 and "第 2 行" in garbled.content.decode()
    task.refresh_from_db()
    assert task.milestones == []


def test_milestones_page_is_refused_outside_the_zone_and_to_viewers(world: World) -> None:
    b = zone_b_plan(world)
    url = f"/plans/tasks/{b.assignment.task_id}/milestones/"
    assert world.client_for(world.staff_a).get(url).status_code == 404
    assert world.client_for(world.staff_a).post(url, {"lines": "2026-06-30 50"}).status_code == 404
    assert world.client_for(world.staff_b).get(url).status_code == 200
    city_task = _city_plan_task()
    assert world.client_for(world.staff_a).get(f"/plans/tasks/{city_task.pk}/milestones/").status_code == 403
    assert world.client_for(world.viewer).get(url).status_code == 403


def test_api_sets_milestones_and_confirms_completion(world: World) -> None:
    b = zone_b_plan(world)
    staff_b, staff_a = world.client_for(world.staff_b), world.client_for(world.staff_a)
    url = f"/api/tasks/{b.assignment.task_id}/milestones"
    body = {"milestones": [{"date": "2026-06-30", "percent": 50}]}
    assert staff_a.put(url, body, content_type="application/json").status_code == 404
    done = staff_b.put(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["milestones"] == [["2026-06-30", 50.0]]
    falling = {"milestones": [{"date": "2026-03-31", "percent": 60}, {"date": "2026-06-30", "percent": 40}]}
    assert staff_b.put(url, falling, content_type="application/json").status_code == 422
    assert staff_b.get(f"/api/tasks/{b.assignment.task_id}").json()["milestones"] == [["2026-06-30", 50.0]]

    partial = f"/api/reports/{b.report.pk}/confirm"  # the zone-B report says 30 %
    coordinator = world.client_for(world.coordinator)
    assert coordinator.post(partial).status_code == 422
    full = actions.report_progress(
        b.assignment, period="2026-09", percent=100, narrative="完成", actor=None, source="test"
    )
    confirm = f"/api/reports/{full.pk}/confirm"
    assert staff_b.post(confirm).status_code == 403  # zone staff report; a coordinator confirms
    assert staff_a.post(confirm).status_code == 404
    answer = coordinator.post(confirm)
    assert answer.status_code == 200 and answer.json()["confirmed_at"] is not None
    assert (
        rows(Assignment.objects.filter(pk=b.assignment.pk), as_of=dt.date(2026, 10, 1))[0].status
        == Status.DONE
    )
