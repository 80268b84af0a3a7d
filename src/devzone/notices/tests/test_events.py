"""Each event tells the people who act next, and only people who may see the record.

Report submitted → coordinators; confirmed or returned → the unit's people; 公示 started → the
zones' staff; objection filed → coordinators; objection decided → the filer and the zone's staff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.personas import World

from devzone.enterprises.actions import decide_objection
from devzone.enterprises.tests.test_views_world import zone_b_records
from devzone.notices.models import Delivery, Notice, NoticeKind
from devzone.plans import actions
from devzone.plans.notifications import report_returned
from devzone.plans.tests.factories import zone_b_plan


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def told(kind: NoticeKind, key: str) -> set[str]:
    return set(Notice.objects.filter(kind=kind, key=key).values_list("user__username", flat=True))


def test_a_submitted_report_tells_those_who_confirm_it(world: World) -> None:
    report = zone_b_plan(world).report
    assert told(NoticeKind.REPORT_SUBMITTED, f"plans.report:{report.pk}") == {"coord", "boss"}
    notice = Notice.objects.get(user=world.coordinator, kind=NoticeKind.REPORT_SUBMITTED)
    assert notice.text.startswith("乙区ZBMARK管委会 报送了 ") and notice.text.endswith("2026-06 完成 30%")
    assert notice.url == f"/plans/assignments/{report.assignment_id}/"
    assert notice.zone_id == world.zone_b.pk


def test_a_confirmed_report_tells_the_zone_staff_and_not_another_zone(world: World) -> None:
    assignment = zone_b_plan(world).assignment
    done = actions.report_progress(
        assignment, period="2026-07", percent=100, narrative="完成", actor=world.staff_b, source="test"
    )
    actions.confirm_report(done, actor=world.coordinator, source="test")
    assert told(NoticeKind.REPORT_CONFIRMED, f"plans.report:{done.pk}") == {"staff_b"}
    assert "已确认完成" in Notice.objects.get(kind=NoticeKind.REPORT_CONFIRMED).text


def test_a_returned_report_tells_the_reporter_with_the_comment(world: World) -> None:
    report = zone_b_plan(world).report
    report_returned(report, comment="佐证材料不全，请补充", actor=world.coordinator, source="test")
    notice = Notice.objects.get(kind=NoticeKind.REPORT_RETURNED)
    assert notice.user == world.staff_b
    assert notice.text.endswith("2026-06 的进展被退回：佐证材料不全，请补充")


def test_publicity_and_objections_tell_who_acts_next(world: World) -> None:
    records = zone_b_records(world)
    run, objection = records.run, records.objection
    assert told(NoticeKind.PUBLICITY_STARTED, f"enterprises.run:{run.pk}:{run.publicity_start}") == {
        "staff_b"
    }
    started = Notice.objects.get(kind=NoticeKind.PUBLICITY_STARTED)
    assert f"{run.publicity_start} 至 {run.publicity_end}" in started.text
    key = f"enterprises.objection:{objection.pk}"
    assert told(NoticeKind.OBJECTION_FILED, key) == {"coord", "boss"}
    decide_objection(objection, upheld=False, decision="数据核实无误", actor=world.coordinator, source="test")
    assert told(NoticeKind.OBJECTION_DECIDED, key) == {"staff_b"}
    decided = Notice.objects.get(kind=NoticeKind.OBJECTION_DECIDED)
    assert "异议经处理不成立" in decided.text and decided.text.endswith("处理意见：数据核实无误")
    assert not Notice.objects.filter(user__in=[world.staff_a, world.viewer_a]).exists()


def test_with_the_channels_off_nothing_is_queued(world: World) -> None:
    zone_b_plan(world)
    assert Notice.objects.exists()
    assert not Delivery.objects.exists()
