"""The daily notice passes and the in-process scheduler that ``devzone serve`` starts.

A pass is a function of the day that creates that day's notices (the plans slice's due-soon and
overdue pass, later the projects' late nodes) and returns how many it made. The roots name the
passes (``devzone/cli.py``); this module only runs them: each once a day, recorded in
:class:`~devzone.notices.models.PassRun` so that a restart does not run it again, and the notices
themselves are unique per person and occasion, so a pass run twice (cron and server both) makes
nothing twice. Between passes the scheduler sends what the outbox holds, and wakes early when an
action has queued a message.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import IntegrityError, close_old_connections, connections, transaction
from django.utils import timezone

from devzone.notices.delivery import Sent, deliver_pending
from devzone.notices.models import PassRun

log = logging.getLogger(__name__)

DailyPass = Callable[[dt.date], int]
INTERVAL_SECONDS = 300


@dataclass(frozen=True)
class Tick:
    created: dict[str, int] = field(default_factory=dict)
    sent: Sent = field(default_factory=Sent)


def run_passes(passes: Mapping[str, DailyPass], *, day: dt.date, force: bool = False) -> dict[str, int]:
    """Run the passes not yet run on ``day`` (all of them with ``force``); returns notices made per pass."""
    done = set(PassRun.objects.filter(day=day, name__in=list(passes)).values_list("name", flat=True))
    made: dict[str, int] = {}
    for name, run in passes.items():
        if name in done and not force:
            continue
        made[name] = run(day)
        try:
            with transaction.atomic():
                PassRun.objects.update_or_create(name=name, day=day, defaults={"created": made[name]})
        except IntegrityError:
            pass  # another process recorded the same pass at the same moment
    return made


def tick(passes: Mapping[str, DailyPass], *, day: dt.date, force: bool = False) -> Tick:
    """One round: the day's passes, then the outbox."""
    created = run_passes(passes, day=day, force=force)
    return Tick(created=created, sent=deliver_pending())


class Scheduler(threading.Thread):
    """A daemon thread: a round at start, then every ``interval`` seconds or when woken."""

    def __init__(self, passes: Mapping[str, DailyPass], *, interval: float = INTERVAL_SECONDS) -> None:
        super().__init__(name="devzone-notices", daemon=True)
        self.passes = dict(passes)
        self.interval = interval
        self.woken = threading.Event()
        self.stopped = threading.Event()
        self.rounds = 0

    def run(self) -> None:
        while not self.stopped.is_set():
            close_old_connections()
            try:
                tick(self.passes, day=timezone.localdate())
            except Exception:  # a bad round is logged; the next one tries again
                log.exception("通知定时任务出错")
            finally:
                connections.close_all()
            self.rounds += 1
            self.woken.wait(self.interval)
            self.woken.clear()

    def stop(self) -> None:
        self.stopped.set()
        self.woken.set()


_running: list[Scheduler] = []


def start(passes: Mapping[str, DailyPass], *, interval: float = INTERVAL_SECONDS) -> Scheduler:
    """Start the scheduler of this process (``devzone serve``)."""
    scheduler = Scheduler(passes, interval=interval)
    _running[:] = [scheduler]
    scheduler.start()
    return scheduler


def wake() -> bool:
    """After a commit that queued messages: wake this process's scheduler to send them now.

    Without a scheduler in this process (a command, a test, a server started without it), the
    messages wait in the outbox for the next round of ``devzone serve`` or ``devzone notify``:
    nothing is ever sent from inside a request.
    """
    for scheduler in _running:
        if scheduler.is_alive():
            scheduler.woken.set()
            return True
    return False
