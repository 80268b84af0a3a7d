"""退回: a coordinator returns a progress report with a comment; the unit sees it and reports again."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.notices.models import Notice, NoticeKind
from devzone.plans import actions
from devzone.plans.models import ProgressReport
from devzone.plans.progress import rows
from devzone.plans.tests.factories import AS_OF, zone_b_plan


def test_coordinator_returns_a_report_and_the_unit_reports_again(world: World) -> None:
    b = zone_b_plan(world)
    url = f"/plans/assignments/{b.assignment.pk}/"
    coordinator = world.client_for(world.coordinator)
    assert "退回意见" in coordinator.get(url).content.decode()
    response = coordinator.post(
        f"/plans/reports/{b.report.pk}/return/", {"comment": "佐证材料不全，请补充合同。"}
    )
    assert response.status_code == 302
    b.report.refresh_from_db()
    assert (
        b.report.returned_by == world.coordinator and b.report.return_comment == "佐证材料不全，请补充合同。"
    )
    assert AuditEntry.objects.filter(
        model="plans.ProgressReport", object_pk=str(b.report.pk), action="update"
    ).exists()

    staff = world.client_for(world.staff_b)
    page = staff.get(url).content.decode()
    assert "已退回" in page and "佐证材料不全，请补充合同。" in page and "请修改后重新报送" in page
    # The returned 30 % no longer counts, so the unit may now report less than it did.
    assert rows(type(b.assignment).objects.filter(pk=b.assignment.pk), as_of=AS_OF)[0].percent is None
    again = staff.post(url, {"period": "2026-06", "percent": 20, "narrative": "补充合同后重新报送"})
    assert again.status_code == 302
    assert b.assignment.reports.filter(returned_at=None).get().percent == 20


def test_returning_twice_or_without_a_comment_is_refused_next_to_the_field(world: World) -> None:
    b = zone_b_plan(world)
    coordinator = world.client_for(world.coordinator)
    before = AuditEntry.objects.count()
    empty = coordinator.post(f"/plans/reports/{b.report.pk}/return/", {"comment": "  "})
    assert empty.status_code == 400 and "field-error" in empty.content.decode()
    assert (
        ProgressReport.objects.get(pk=b.report.pk).returned_at is None
        and AuditEntry.objects.count() == before
    )

    coordinator.post(f"/plans/reports/{b.report.pk}/return/", {"comment": "请补充"})
    returned = ProgressReport.objects.get(pk=b.report.pk)
    entries = AuditEntry.objects.count()
    twice = coordinator.post(f"/plans/reports/{b.report.pk}/return/", {"comment": "再退一次"})
    assert twice.status_code == 400
    assert "不能重复退回" in twice.content.decode()
    assert ProgressReport.objects.get(pk=b.report.pk).return_comment == "请补充"
    assert ProgressReport.objects.get(pk=b.report.pk).returned_at == returned.returned_at
    assert AuditEntry.objects.count() == entries
    with pytest.raises(ValidationError, match="不能重复退回"):
        actions.return_report(b.report, comment="x", actor=None, source="test")


def test_zone_staff_cannot_return_and_other_zones_do_not_see_the_report(world: World) -> None:
    b = zone_b_plan(world)
    assert (
        world.client_for(world.staff_b)
        .post(f"/plans/reports/{b.report.pk}/return/", {"comment": "x"})
        .status_code
        == 403
    )
    assert (
        world.client_for(world.staff_a)
        .post(f"/plans/reports/{b.report.pk}/return/", {"comment": "x"})
        .status_code
        == 404
    )
    assert ProgressReport.objects.get(pk=b.report.pk).returned_at is None


def test_a_confirmed_report_cannot_be_returned_and_a_returned_one_cannot_be_confirmed(world: World) -> None:
    b = zone_b_plan(world)
    done = actions.report_progress(
        b.assignment, period="2026-07", percent=100, narrative="完成", actor=None, source="test"
    )
    actions.confirm_report(done, actor=world.coordinator, source="test")
    with pytest.raises(ValidationError, match="已确认完成"):
        actions.return_report(done, comment="x", actor=world.coordinator, source="test")
    actions.return_report(b.report, comment="请补充", actor=world.coordinator, source="test")
    with pytest.raises(ValidationError, match="已退回"):
        actions.confirm_report(b.report, actor=world.coordinator, source="test")


def test_the_unit_hears_of_the_return_with_the_comment(world: World) -> None:
    b = zone_b_plan(world)
    world.client_for(world.coordinator).post(
        f"/plans/reports/{b.report.pk}/return/", {"comment": "佐证材料不全，请补充合同。"}
    )
    notice = Notice.objects.get(user=world.staff_b, kind=NoticeKind.REPORT_RETURNED)
    assert "被退回" in notice.text and "佐证材料不全，请补充合同。" in notice.text
    assert notice.url == f"/plans/assignments/{b.assignment.pk}/"
    assert not Notice.objects.filter(user=world.staff_a, kind=NoticeKind.REPORT_RETURNED).exists()
