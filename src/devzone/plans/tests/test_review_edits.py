"""Review on the web, as the reviewer does it: title, dates, owners, tasks and deadlines, 全部同名应用 with
its alias, 按此名称新建单位; every refusal next to its row, nothing half-saved."""

from __future__ import annotations

import datetime as dt
import re

from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.orgs.models import Unit
from devzone.plans import actions
from devzone.plans.models import Deadline, OwnerState, Plan, Task, TaskOwner
from devzone.plans.tests.factories import import_plan, plan_text

NO_TITLE = "一、主要任务\n1.优化管理机制。2026年9月底前完成。(责任单位:市招商局、市招商局)\n"
# one name owning two tasks (a name written twice in one list is one owner of its task)
TWICE = NO_TITLE + "2.完善服务体系。2026年12月底前完成。(责任单位:市招商局)\n"


def _form_values(page: str, form_id: str) -> dict[str, str]:
    """The values a browser would post from the rendered form (inputs and selected options)."""
    form = re.search(rf'<form[^>]*id="{form_id}".*?</form>', page, re.S)
    assert form is not None
    values = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', form.group(0)))
    for name, body in re.findall(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', form.group(0), re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        values[name] = chosen.group(1) if chosen else ""
    return values


def test_title_comes_from_the_document_not_the_file_name(world: World) -> None:
    titled = import_plan(plan_text(owner="市商务局"), name="方案原稿.txt")
    assert titled.title == "开发区提升行动方案"
    untitled = import_plan(NO_TITLE, name="2026年工作要点.txt")
    assert untitled.title == "2026年工作要点"


def test_review_form_keeps_its_dates_and_saves_a_new_title(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局"))
    client = world.client_for(world.coordinator)
    page = client.get(f"/plans/{plan.pk}/review/").content.decode()
    values = _form_values(page, "context-form")
    assert values["start_date"] == "2026-01-01" and values["end_date"] == "2026-12-31"
    values["title"] = "连云港开发区2026年提升行动方案"
    response = client.post(f"/plans/{plan.pk}/context/", values)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "连云港开发区2026年提升行动方案"
    assert (plan.start_date, plan.end_date) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    again = _form_values(client.get(f"/plans/{plan.pk}/review/").content.decode(), "context-form")
    assert again["start_date"] == "2026-01-01"


def test_empty_title_and_reversed_dates_are_refused_next_to_the_field(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局"))
    client = world.client_for(world.coordinator)
    values = _form_values(client.get(f"/plans/{plan.pk}/review/").content.decode(), "context-form")
    before = AuditEntry.objects.count()
    refused = client.post(f"/plans/{plan.pk}/context/", {**values, "title": " "})
    assert refused.status_code == 400 and "field-error" in refused.content.decode()
    refused = client.post(f"/plans/{plan.pk}/context/", {**values, "end_date": "2025-01-01"})
    assert refused.status_code == 400 and "截止日期须晚于起始日期" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.title == "开发区提升行动方案" and AuditEntry.objects.count() == before


def test_reviewer_adds_edits_and_removes_owners_tasks_and_deadlines(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局"))
    client = world.client_for(world.coordinator)
    task = plan.tasks.get(key="1.1")
    assert (
        client.post(
            f"/plans/tasks/{task.pk}/owners/new/", {"name": "甲区经济开发区管委会", "role": "support"}
        ).status_code
        == 302
    )
    added = task.owners.get(written="甲区经济开发区管委会")
    assert (added.state, added.unit, added.role) == (OwnerState.RESOLVED, world.unit_a, "support")
    assert client.post(f"/plans/owners/{added.pk}/", {"dismiss": "on"}).status_code == 302
    added.refresh_from_db()
    assert added.state == OwnerState.DISMISSED

    assert (
        client.post(f"/plans/tasks/{task.pk}/deadlines/new/", {"due_date": "2026-06-30"}).status_code == 302
    )
    deadline = task.deadlines.get(due_date=dt.date(2026, 6, 30))
    assert deadline.text == "2026年6月30日前"
    assert client.post(f"/plans/deadlines/{deadline.pk}/remove/").status_code == 302
    assert not Deadline.objects.filter(pk=deadline.pk).exists()

    client.post(f"/plans/tasks/{task.pk}/edit/", {"heading": "机制", "text": "优化管理机制，建立例会制度。"})
    task.refresh_from_db()
    assert (task.heading, task.text) == ("机制", "优化管理机制，建立例会制度。")
    client.post(f"/plans/{plan.pk}/tasks/new/", {"heading": "", "text": "开展营商环境评价。"})
    new = plan.tasks.get(text="开展营商环境评价。")
    assert new.order == plan.tasks.count() - 1
    page = client.get(f"/plans/{plan.pk}/review/").content.decode()
    assert f'id="task-{new.pk}"' in page and "开展营商环境评价" in page
    other = plan.tasks.get(key="1.2")
    client.post(f"/plans/tasks/{other.pk}/remove/")
    assert not Task.objects.filter(pk=other.pk).exists()
    assert not TaskOwner.objects.filter(task_id=other.pk).exists()
    assert AuditEntry.objects.filter(model="plans.Task", action="delete").count() == 1


def test_an_owner_the_directory_lacks_is_refused_next_to_its_row(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局"))
    client = world.client_for(world.coordinator)
    task = plan.tasks.get(key="1.1")
    refused = client.post(f"/plans/tasks/{task.pk}/owners/new/", {"name": "", "role": "lead"})
    assert refused.status_code == 400
    assert re.search(rf'id="task-{task.pk}".*?row-error', refused.content.decode(), re.S)
    empty_task = client.post(f"/plans/{plan.pk}/tasks/new/", {"text": " "})
    assert empty_task.status_code == 400 and "row-error" in empty_task.content.decode()
    assert task.owners.count() == 1 and plan.tasks.count() == 2


def test_apply_to_all_same_named_owners_saves_the_alias_for_the_next_plan(world: World) -> None:
    text = "开发区方案\n一、主要任务\n1.甲。(责任单位:商务局)\n2.乙。(牵头单位:商务局)\n"
    plan = import_plan(text)
    unmatched = list(TaskOwner.objects.filter(task__plan=plan, written="商务局"))
    assert len(unmatched) == 2 and all(o.state == OwnerState.UNRESOLVED for o in unmatched)
    written = unmatched[0].written
    client = world.client_for(world.coordinator)
    response = client.post(f"/plans/owners/{unmatched[0].pk}/apply/", {"name": "连云港市商务局"})
    assert response.status_code == 302
    states = {(o.state, o.unit_id) for o in TaskOwner.objects.filter(task__plan=plan, written=written)}
    assert states == {(OwnerState.RESOLVED, world.bureau.pk)}
    world.bureau.refresh_from_db()
    assert written in world.bureau.aliases
    following = import_plan(text)
    assert {o.state for o in TaskOwner.objects.filter(task__plan=following)} == {OwnerState.RESOLVED}


def test_apply_with_an_unknown_name_changes_nothing(world: World) -> None:
    plan = import_plan(NO_TITLE)
    owner = TaskOwner.objects.filter(task__plan=plan).first()
    before = (AuditEntry.objects.count(), list(Unit.objects.values_list("aliases", flat=True)))
    refused = world.client_for(world.coordinator).post(
        f"/plans/owners/{owner.pk}/apply/", {"name": "不存在的局"}
    )
    assert refused.status_code == 400
    assert re.search(rf'id="owner-{owner.pk}".*?名录中找不到“不存在的局”', refused.content.decode(), re.S)
    assert (AuditEntry.objects.count(), list(Unit.objects.values_list("aliases", flat=True))) == before


def test_new_unit_by_the_owners_name_settles_every_owner_so_written(world: World) -> None:
    plan = import_plan(TWICE)
    owners = list(TaskOwner.objects.filter(task__plan=plan, written="市招商局"))
    assert len(owners) == 2 and {o.state for o in owners} == {OwnerState.UNRESOLVED}
    client = world.client_for(world.coordinator)
    page = client.get(f"/plans/{plan.pk}/review/").content.decode()
    assert "按此名称新建单位" in page
    assert client.post(f"/plans/owners/{owners[0].pk}/new-unit/", {"kind": "bureau"}).status_code == 302
    unit = Unit.objects.get(name="市招商局")
    assert (unit.city, unit.province, unit.zone) == ("连云港市", "江苏省", None)
    assert {(o.state, o.unit_id) for o in TaskOwner.objects.filter(task__plan=plan)} == {
        (OwnerState.RESOLVED, unit.pk)
    }
    # The same name again (another plan's owner) is refused next to the row; no second unit.
    second = import_plan(NO_TITLE.replace("市招商局、市招商局", "市招商局x"))
    other = TaskOwner.objects.filter(task__plan=second).first()
    other.name = "市招商局"
    other.save()
    before = AuditEntry.objects.count()
    refused = client.post(f"/plans/owners/{other.pk}/new-unit/", {"kind": "bureau"})
    assert refused.status_code == 400
    assert "已有名为“市招商局”的责任单位" in refused.content.decode()
    assert Unit.objects.filter(name="市招商局").count() == 1 and AuditEntry.objects.count() == before


def test_zone_staff_cannot_create_city_units_or_edit_another_zones_plan(world: World) -> None:
    plan = import_plan(NO_TITLE, zone=world.zone_a)
    owner = TaskOwner.objects.filter(task__plan=plan).first()
    staff = world.client_for(world.staff_a)
    assert staff.post(f"/plans/owners/{owner.pk}/new-unit/", {"kind": "bureau"}).status_code == 403
    assert (
        staff.post(f"/plans/owners/{owner.pk}/new-unit/", {"kind": "other", "in_zone": "on"}).status_code
        == 302
    )
    assert Unit.objects.get(name="市招商局").zone == world.zone_a
    other = world.client_for(world.staff_b)
    task = plan.tasks.first()
    for url, data in (
        (f"/plans/tasks/{task.pk}/owners/new/", {"name": "x", "role": "lead"}),
        (f"/plans/tasks/{task.pk}/remove/", {}),
        (f"/plans/{plan.pk}/tasks/new/", {"text": "x"}),
    ):
        assert other.post(url, data).status_code == 404
    assert Plan.objects.get(pk=plan.pk).tasks.count() == 1


def test_a_published_plan_refuses_review_edits(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局"))
    actions.publish_plan(plan, actor=None, source="test")
    task = plan.tasks.first()
    client = world.client_for(world.coordinator)
    response = client.post(f"/plans/tasks/{task.pk}/remove/")
    assert response.status_code == 302 and Task.objects.filter(pk=task.pk).exists()
