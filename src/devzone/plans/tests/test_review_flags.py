"""The review page: what the engine is unsure of, counted at the top, and a filter to see only that."""

from __future__ import annotations

import re

from tests.personas import World

from devzone.plans.models import OwnerState, Task, TaskOwner
from devzone.plans.tests.factories import import_plan, zone_b_plan

PLAN = (
    "開發區提升行動方案\n"
    "一、主要任务\n"
    "1.優化管理機制。20xx年9月底前完成。(責任單位:市商务局)\n"
    "2.推进招商引资。2026年12月底前完成。(牵头单位:市商务局;配合单位:各开发区管委会)\n"
    "3.推進園區建設。2026年6月底前完成。\n"
)


def _cards(page: str) -> dict[str, list[str]]:
    """task key → the flags shown on its card."""
    cards = re.findall(r'<div class="card mb-2 task-card[^"]*" id="task-\d+">(.*?)</div></div>', page, re.S)
    out = {}
    for card in cards:
        key = re.search(r'data-span="src-task-\d+">(\S+) ', card).group(1)
        out[key] = re.findall(r'data-flag="(\w+)">', card)
    return out


def test_flags_are_shown_per_task_with_a_count(world: World) -> None:
    plan = import_plan(PLAN, name="方案.txt")
    # the parse's own flag for a column it could not name (devzone.plan/1 "flags")
    plan.parsed["tasks"][1]["flags"] = ["unread_column"]
    plan.save(update_fields=["parsed"])
    page = world.client_for(world.coordinator).get(f"/plans/{plan.pk}/review/").content.decode()
    assert _cards(page) == {"1.1": ["unresolved_date"], "1.2": ["unread_column"], "1.3": ["no_owner"]}
    assert 'id="flag-count" data-count="3"' in page and "3 条有疑问" in page
    assert "日期无法确定" in page and "表格列未识别" in page and "无责任单位" in page
    assert "推進園區建設" in page and "優化管理機制" in page  # the reviewer sees the script as written


def test_filter_shows_only_flagged_tasks(world: World) -> None:
    plan = import_plan(PLAN, name="方案.txt")
    client = world.client_for(world.coordinator)
    page = client.get(f"/plans/{plan.pk}/review/?flagged=1").content.decode()
    assert sorted(_cards(page)) == ["1.1", "1.3"]
    assert 'href="?" id="flag-filter" aria-pressed="true"' in page
    everything = client.get(f"/plans/{plan.pk}/review/").content.decode()
    assert sorted(_cards(everything)) == ["1.1", "1.2", "1.3"]
    assert 'href="?flagged=1" id="flag-filter"' in everything and "只看有疑问的条目" in everything


def test_dismissing_the_only_owner_flags_the_task(world: World) -> None:
    plan = import_plan(PLAN, name="方案.txt")
    owner = TaskOwner.objects.get(task__plan=plan, task__key="1.1")
    client = world.client_for(world.coordinator)
    client.post(f"/plans/owners/{owner.pk}/", {"dismiss": "on"})
    owner.refresh_from_db()
    assert owner.state == OwnerState.DISMISSED
    page = client.get(f"/plans/{plan.pk}/review/").content.decode()
    assert _cards(page)["1.1"] == ["no_owner", "unresolved_date"]


def test_page_without_flags_and_other_zone(world: World) -> None:
    plan = import_plan(
        "方案\n一、主要任务\n1.推进招商引资。2026年12月底前完成。(牵头单位:市商务局)\n", name="好.txt"
    )
    page = world.client_for(world.coordinator).get(f"/plans/{plan.pk}/review/?flagged=1").content.decode()
    assert 'data-count="0"' in page and 'id="no-rows"' in page
    assert Task.objects.filter(plan=plan).count() == 1
    other = zone_b_plan(world)
    assert world.client_for(world.staff_a).get(f"/plans/{other.plan.pk}/review/?flagged=1").status_code == 404


def test_review_page_fits_a_phone(world: World) -> None:
    """At 390 px the columns stack (col-lg-*) and rows with forms wrap instead of overflowing."""
    plan = import_plan(PLAN, name="方案.txt")
    page = world.client_for(world.coordinator).get(f"/plans/{plan.pk}/review/").content.decode()
    assert 'name="viewport"' in page or "viewport" in page
    rows = re.findall(r'<div class="([^"]*)" id="(?:owner|deadline)-\d+"', page)
    assert rows and all("flex-wrap" in css for css in rows)
    assert 'id="flag-bar"' in page and "flex-wrap" in re.search(
        r'<div class="([^"]*)" id="flag-bar"', page
    ).group(1)


def test_a_lead_the_text_lost_is_flagged_until_the_reviewer_names_it(world: World) -> None:
    # "责任单位 (加黑为牵头单位)": the copied text lost the bold, so the units' roles are unknown
    plan = import_plan(
        "方案\n序号 | 重点任务 | 责任单位 (加黑为牵头单位) |\n"
        "1 | 积极申报省级经济开发区。 | 市商务局、各开发区管委会 |\n",
        name="表.txt",
    )
    client = world.client_for(world.coordinator)
    page = client.get(f"/plans/{plan.pk}/review/").content.decode()
    (key,) = _cards(page)
    assert _cards(page)[key] == ["unknown_lead"] and "牵头单位未标明" in page
    owner = TaskOwner.objects.get(task__plan=plan, written="市商务局")
    assert owner.role == "owner"
    client.post(f"/plans/owners/{owner.pk}/", {"role": "lead"})
    owner.refresh_from_db()
    assert owner.role == "lead" and owner.state != OwnerState.DISMISSED
    assert _cards(client.get(f"/plans/{plan.pk}/review/").content.decode())[key] == []
    assert client.post(f"/plans/owners/{owner.pk}/", {"role": "boss"}).status_code in (302, 400)
    owner.refresh_from_db()
    assert owner.role == "lead"
