"""Configured channels: an event's e-mails and robot message reach the sinks after the commit; failures wait.

The sends go out from the outbox (``deliver_pending``, what the server's scheduler runs), never
inside the request: a dead mail server costs the person who reported nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.personas import World

from devzone.notices.delivery import deliver_pending
from devzone.notices.models import Channel, Delivery
from devzone.notices.tests.conftest import HttpSink, SmtpSink
from devzone.plans.notifications import deadline_pass
from devzone.plans.tests.factories import zone_b_plan


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def give_email(world: World) -> None:
    for user, address in ((world.coordinator, "coord@example.cn"), (world.staff_b, "staff_b@example.cn")):
        user.email = address
        user.save(update_fields=["email"])


def test_a_submitted_report_mails_the_coordinator_and_posts_to_the_robot(
    world: World, channels_on: tuple[SmtpSink, HttpSink]
) -> None:
    smtp, robot = channels_on
    give_email(world)
    report = zone_b_plan(world).report
    assert deliver_pending().sent == 2  # the admin has no address: one e-mail, one robot message
    [mail] = smtp.messages
    assert mail["To"] == "coord@example.cn" and mail["Subject"] == "【devzone】进展已报送"
    body = mail.get_content()
    assert "乙区ZBMARK管委会 报送了" in body
    assert f"https://devzone.example.cn/plans/assignments/{report.assignment_id}/" in body
    [post] = robot.requests
    content = post["json"]["text"]["content"]
    assert post["json"]["msgtype"] == "text" and content.startswith("【进展已报送】乙区ZBMARK管委会 报送了")
    assert deliver_pending().sent == 0  # sent once


def test_a_dead_mail_server_leaves_the_mail_for_the_next_pass(
    world: World, channels_on: tuple[SmtpSink, HttpSink], settings: Any
) -> None:
    smtp, _robot = channels_on
    give_email(world)
    settings.DEVZONE_SMTP_PORT = 1  # nothing listens there
    zone_b_plan(world)
    first = deliver_pending()
    assert (first.sent, first.failed) == (1, 1)
    mail = Delivery.objects.get(channel=Channel.EMAIL)
    assert mail.sent_at is None and mail.attempts == 1 and mail.last_error.startswith("邮件发送失败")
    settings.DEVZONE_SMTP_PORT = smtp.port
    assert deliver_pending().sent == 1
    mail.refresh_from_db()
    assert mail.sent_at is not None and mail.attempts == 2 and mail.last_error == ""
    assert len(smtp.messages) == 1


def test_reporting_on_the_web_succeeds_while_the_mail_server_is_down(
    world: World, channels_on: tuple[SmtpSink, HttpSink], settings: Any
) -> None:
    give_email(world)
    settings.DEVZONE_SMTP_PORT = 1
    assignment = zone_b_plan(world).assignment
    response = world.client_for(world.staff_b).post(
        f"/plans/assignments/{assignment.pk}/",
        {
            "period": "2026-07",
            "percent": "50",
            "narrative": "推进中",
            "evidence": SimpleUploadedFile("a.txt", b"x"),
        },
    )
    assert response.status_code == 302
    assert Delivery.objects.filter(channel=Channel.EMAIL, sent_at__isnull=True).count() == 2


def test_the_daily_pass_sends_one_digest_per_person_and_one_to_the_group(
    world: World, channels_on: tuple[SmtpSink, HttpSink]
) -> None:
    smtp, robot = channels_on
    give_email(world)
    zone_b_plan(world)
    deliver_pending()
    smtp.messages.clear()
    robot.requests.clear()
    day = dt.date(2026, 10, 15)
    assert deadline_pass(day) > 0
    assert deliver_pending().failed == 0
    [mail] = smtp.messages  # the coordinator hears of reports, not of deadlines
    assert mail["To"] == "staff_b@example.cn" and mail["Subject"] == "【devzone】2026-10-15 任务到期提醒"
    assert "【已逾期】" in mail.get_content() and "完成时限 2026-09-30" in mail.get_content()
    [post] = robot.requests
    assert post["json"]["text"]["content"].startswith("【2026-10-15 任务到期提醒】已逾期 ")
    assert deadline_pass(day) == 0
    assert deliver_pending().sent == 0
