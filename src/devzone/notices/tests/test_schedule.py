"""The daily passes run once a day across restarts; the server's scheduler runs them and sends when woken."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from django.utils import timezone
from tests.personas import World

from devzone.notices import schedule
from devzone.notices.actions import announce
from devzone.notices.models import NoticeKind, PassRun
from devzone.notices.tests.conftest import HttpSink, SmtpSink


class Recorder:
    def __init__(self) -> None:
        self.days: list[dt.date] = []

    def __call__(self, day: dt.date) -> int:
        self.days.append(day)
        return 3


@pytest.mark.django_db
def test_a_pass_runs_once_a_day_and_is_remembered() -> None:
    recorder = Recorder()
    passes = {"test.pass": recorder}
    monday, tuesday = dt.date(2026, 12, 7), dt.date(2026, 12, 8)
    assert schedule.run_passes(passes, day=monday) == {"test.pass": 3}
    assert schedule.run_passes(passes, day=monday) == {}  # a restart on the same day: not again
    assert schedule.run_passes(passes, day=tuesday) == {"test.pass": 3}
    assert schedule.run_passes(passes, day=tuesday, force=True) == {"test.pass": 3}  # `devzone notify`
    assert recorder.days == [monday, tuesday, tuesday]
    assert set(PassRun.objects.values_list("name", "day", "created")) == {
        ("test.pass", monday, 3),
        ("test.pass", tuesday, 3),
    }


def wait_for(condition: Any, *, seconds: float = 10) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_server_scheduler_runs_the_days_pass_and_sends_when_an_action_queues(
    transactional_db: None, world: World, channels_on: tuple[SmtpSink, HttpSink]
) -> None:
    smtp, robot = channels_on
    recorder = Recorder()
    scheduler = schedule.start({"test.pass": recorder}, interval=60)
    try:
        assert wait_for(lambda: scheduler.rounds >= 1)
        assert recorder.days == [timezone.localdate()]
        world.coordinator.email = "coord@example.cn"
        world.coordinator.save(update_fields=["email"])
        announce(
            [world.coordinator],
            kind=NoticeKind.OBJECTION_FILED,
            text="甲企业的评价结果收到异议",
            url="/enterprises/results/1/",
            key="test:1",
            zone_id=None,
            actor=None,
            source="test",
        )  # committed at once (autocommit): the scheduler is woken long before its 60 s are up
        assert wait_for(lambda: len(smtp.messages) == 1 and len(robot.requests) == 1)
        # the round that sent them counts itself only once it has finished (after its connections close)
        assert wait_for(lambda: scheduler.rounds >= 2)
        assert scheduler.rounds == 2 and recorder.days == [timezone.localdate()]  # the pass ran once
    finally:
        scheduler.stop()
        scheduler.join(timeout=10)
    assert not scheduler.is_alive()
    assert schedule.wake() is False  # no scheduler left: messages wait for `devzone notify`
