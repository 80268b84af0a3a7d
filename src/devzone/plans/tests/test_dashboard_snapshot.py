"""The 督办看板 served from snapshots: every audited change shows at once, a change in one plan rebuilds that
plan's part alone, and one scope's snapshot is never another's."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction
from tests.personas import ZONE_B_MARK, World

from devzone.audit.actions import save_audited
from devzone.core.generations import ALL, SHARED, record_key, tokens
from devzone.plans import actions, snapshot
from devzone.plans.models import Assignment, Plan
from devzone.plans.progress import facts, live
from devzone.plans.status import Status
from devzone.plans.tests.factories import import_plan, zone_b_plan
from devzone.plans.views import board
from devzone.plans.views.common import visible_assignments

AS_OF = "2026-01-15"


def late_plan(world: World, title: str, *, units: list[str], count: int = 3) -> Plan:
    owners = "、".join(units)
    lines = "".join(
        f"{n}.{title}第{n}项工作。2025年{n}月底前完成。(责任单位:{owners})\n" for n in range(1, count + 1)
    )
    plan = import_plan(f"{title}行动方案\n一、主要任务\n{lines}", zone=world.zone_a, year=2025)
    return actions.publish_plan(plan, actor=None, source="test")


def page_totals(world: World, user: object, **query: str) -> dict[str, int]:
    page = world.client_for(user).get("/plans/dashboard/", {"as_of": AS_OF, **query})  # type: ignore[arg-type]
    assert page.status_code == 200
    return {code: n for code, _, n in page.context["totals"]}


def fresh_totals(user: object) -> dict[str, int]:
    counted = Counter(
        f.status for f in facts(live(visible_assignments(user)), as_of=dt.date.fromisoformat(AS_OF))
    )
    return {code: counted[code] for code in Status}


def test_an_audited_report_shows_at_once_and_rebuilds_its_plan_alone(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = late_plan(world, "甲", units=[world.unit_a.name])
    second = late_plan(world, "乙", units=[world.unit_a.name])
    built: list[list[int]] = []
    real = snapshot._build_parts

    def recording(assignments, plan_ids, as_of):  # type: ignore[no-untyped-def]
        built.append(sorted(plan_ids))
        return real(assignments, plan_ids, as_of)

    monkeypatch.setattr(snapshot, "_build_parts", recording)
    before = page_totals(world, world.coordinator)
    assert before == fresh_totals(world.coordinator) and before[Status.OVERDUE] == 6
    assert built == [sorted([first.pk, second.pk])]
    assert page_totals(world, world.coordinator) == before and len(built) == 1, "nothing changed: no rebuild"

    assignment = Assignment.objects.filter(task__plan=first).order_by("pk").first()
    assert assignment is not None
    report = actions.report_progress(
        assignment, period="2025-12", percent=100, narrative="完成", actor=None, source="test"
    )
    actions.confirm_report(report, actor=world.coordinator, source="test")
    after = page_totals(world, world.coordinator)
    assert after == fresh_totals(world.coordinator)
    assert (after[Status.OVERDUE], after[Status.DONE]) == (5, before[Status.DONE] + 1)
    assert built[1:] == [[first.pk]], "the other plan's part was kept"

    # one plan chosen: its own snapshot, from the same parts
    assert page_totals(world, world.coordinator, plan=str(second.pk))[Status.OVERDUE] == 3
    assert built[2:] == []


def test_a_unit_renamed_shows_at_once(world: World) -> None:
    late_plan(world, "甲", units=[world.unit_a.name])
    client = world.client_for(world.coordinator)
    assert "甲区经济开发区管委会" in client.get("/plans/dashboard/", {"as_of": AS_OF}).content.decode()
    world.unit_a.name = "甲区管委会新名称"
    world.unit_a.short_name = "甲区新名"
    save_audited(world.unit_a, actor=None, source="test")
    page = client.get("/plans/dashboard/", {"as_of": AS_OF})
    assert page.context["by_unit"]["yAxis"]["data"] == ["甲区新名"]
    assert "督办单：甲区管委会新名称" in page.content.decode()


def test_one_scope_never_sees_another_scopes_snapshot(world: World) -> None:
    zone_b_plan(world)
    late_plan(world, "甲", units=[world.unit_a.name])
    # zone B's staff first, so that their figures are cached when zone A's staff ask
    b_page = world.client_for(world.staff_b).get("/plans/dashboard/", {"as_of": AS_OF}).content.decode()
    assert ZONE_B_MARK in b_page
    a_page = world.client_for(world.staff_a).get("/plans/dashboard/", {"as_of": AS_OF}).content.decode()
    assert ZONE_B_MARK not in a_page
    assert page_totals(world, world.staff_a) == fresh_totals(world.staff_a)
    assert page_totals(world, world.staff_b) == fresh_totals(world.staff_b)
    assert page_totals(world, world.staff_a) != page_totals(world, world.staff_b)
    # a grant changes what a user reads, and so which snapshot they get
    world.staff_a.zones.add(world.zone_b)
    assert (
        ZONE_B_MARK
        in world.client_for(world.staff_a).get("/plans/dashboard/", {"as_of": AS_OF}).content.decode()
    )


def test_tokens_move_with_the_write_and_not_without_it(world: World) -> None:
    first = late_plan(world, "甲", units=[world.unit_a.name])
    second = late_plan(world, "乙", units=[world.unit_a.name])
    keys = [ALL, SHARED, record_key(Plan, first.pk), record_key(Plan, second.pk)]
    start = tokens(keys)
    assignment = Assignment.objects.filter(task__plan=first).first()
    assert assignment is not None
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.report_progress(
            assignment, period="2025-12", percent=50, narrative="中途", actor=None, source="test"
        )
        raise RuntimeError("rolled back")
    assert tokens(keys) == start, "a rolled-back write leaves every token"
    actions.report_progress(
        assignment, period="2025-12", percent=50, narrative="中途", actor=None, source="test"
    )
    moved = tokens(keys)
    assert [moved[k] != start[k] for k in keys] == [True, False, True, False]
    save_audited(world.unit_a, actor=None, source="test")
    assert tokens([SHARED])[SHARED] != moved[SHARED]


def test_supervision_links_are_paged(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    late_plan(world, "甲", units=[world.unit_a.name, world.bureau.name])
    monkeypatch.setattr(board, "UNITS_LISTED", 1)
    client = world.client_for(world.coordinator)
    first = client.get("/plans/dashboard/", {"as_of": AS_OF}).content.decode()
    second = client.get("/plans/dashboard/", {"as_of": AS_OF, "units_page": "2"}).content.decode()
    assert 'id="supervision-pages"' in first and "1 / 2" in first
    names = [world.unit_a.name, world.bureau.name]
    assert sum(f"督办单：{n}" in first for n in names) == 1
    assert sum(f"督办单：{n}" in second for n in names) == 1
    assert {n for n in names if f"督办单：{n}" in first + second} == set(names)
