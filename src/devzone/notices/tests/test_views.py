"""The notices page, the unread badge in the navigation, opening a notice and marking all read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.personas import ZONE_B_MARK, World

from devzone.audit.models import AuditEntry
from devzone.notices.models import Notice
from devzone.plans.tests.factories import zone_b_plan


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_the_list_shows_ones_own_notices_and_the_badge_counts_the_unread(world: World) -> None:
    notice = zone_b_plan(world).notice
    page = world.client_for(world.staff_b).get("/notices/").content.decode()
    assert notice.text in page and "已逾期" in page
    assert 'id="notices-unread">1</span>' in page and "全部标为已读" in page
    other = world.client_for(world.staff_a).get("/notices/").content.decode()
    assert ZONE_B_MARK not in other and 'id="notices-unread"' not in other and "没有通知" in other


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(world: World) -> None:
    notice = zone_b_plan(world).notice
    response = world.client_for(world.staff_b).post(f"/notices/{notice.pk}/open/")
    assert response.status_code == 302 and response["Location"] == notice.url
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert AuditEntry.objects.filter(
        model="notices.Notice", object_pk=str(notice.pk), action="update"
    ).exists()
    page = world.client_for(world.staff_b).get("/notices/").content.decode()
    assert 'id="notices-unread"' not in page
    assert "没有未读通知" in world.client_for(world.staff_b).get("/notices/?unread=1").content.decode()


def test_another_persons_notice_cannot_be_opened(world: World) -> None:
    notice = zone_b_plan(world).notice
    assert world.client_for(world.coordinator).post(f"/notices/{notice.pk}/open/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read(world: World) -> None:
    zone_b_plan(world)
    client = world.client_for(world.coordinator)
    assert Notice.objects.filter(user=world.coordinator, read_at__isnull=True).count() == 1
    response = client.post("/notices/read-all/", follow=True)
    assert "已将 1 条通知标为已读" in response.content.decode()
    assert not Notice.objects.filter(user=world.coordinator, read_at__isnull=True).exists()


def test_the_pages_need_a_sign_in(world: World) -> None:
    assert world.client_for(None).get("/notices/").status_code == 302
