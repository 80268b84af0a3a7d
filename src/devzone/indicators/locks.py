"""Closing a city's figures for a period (统计期锁定): the check every write passes, and the actions.

Every observation is written by ``actions.record_observations`` (uploads, the JSON API, the figures
collected once by the enterprise and assessment slices), so the check lives there and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from devzone.audit.actions import created, deleted
from devzone.core.files import CellIssue
from devzone.indicators.models import PeriodLock
from devzone.indicators.periods import Period, PeriodError, parse_period, period_within
from devzone.notices.actions import announce
from devzone.notices.models import NoticeKind
from devzone.notices.recipients import zone_staff
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User
    from devzone.indicators.validate import CleanRow


class PeriodLocked(Exception):
    """Rows that fall in a locked period; nothing was written."""

    def __init__(self, issues: Sequence[CellIssue]) -> None:
        super().__init__("; ".join(str(issue) for issue in issues))
        self.issues = tuple(issues)


class LockError(ValueError):
    """A lock that cannot be made: an unreadable period, or one already locked."""


def lock_covering(period: Period, locks: Sequence[PeriodLock]) -> PeriodLock | None:
    """The lock whose period contains ``period`` (a year's lock covers its quarters and months)."""
    for lock in locks:
        try:
            locked = parse_period(lock.period)
        except PeriodError:
            continue
        if period_within(period, first=locked, last=locked):
            return lock
    return None


def check_unlocked(rows: Sequence[CleanRow], *, city: str, file: str = "") -> None:
    """Refuse the whole write when any row's period is locked for ``city`` (PeriodLocked)."""
    locks = list(PeriodLock.objects.filter(city=city).select_related("locked_by"))
    if not locks:
        return
    issues = []
    for row in rows:
        lock = lock_covering(row.period, locks)
        if lock is not None:
            who = lock.locked_by.get_full_name() or lock.locked_by.username if lock.locked_by else "主管部门"
            issues.append(
                CellIssue(
                    file=file,
                    sheet=row.sheet,
                    row=row.row,
                    column="统计期",
                    reason=(
                        f"{city} {lock.period} 的数据已由{who}于 {timezone.localtime(lock.locked_at):%Y-%m-%d} "
                        f"锁定，不能再填报或修订（统计期 {row.period.label}）；如需更正，请联系主管部门解锁"
                    ),
                    code="period_locked",
                )
            )
    if issues:
        raise PeriodLocked(issues)


def lock_period(*, city: str, period: str, note: str = "", actor: User, source: str = "web") -> PeriodLock:
    """Lock ``city``'s figures for ``period`` (a year, quarter or month label as typed)."""
    try:
        parsed = parse_period(period)
    except PeriodError as error:
        raise LockError(f"统计期“{period}”无法识别，请填写如 2025、2025年、2025Q3 或 2025年6月") from error
    lock = PeriodLock(city=city, period=parsed.label, note=note[:200], locked_by=actor)
    try:
        with transaction.atomic():
            lock.save()
            created(lock, actor=actor, source=source)
    except IntegrityError as error:
        raise LockError(f"{city} {parsed.label} 已经锁定") from error
    return lock


def remind_missing(
    *, city: str, year: int, zones: Sequence[Zone], actor: User, today: dt.date, source: str = "web"
) -> int:
    """Tell the staff of ``zones`` that their ``year`` figures are incomplete (once a day per zone);
    returns how many people were told."""
    told = 0
    url = f"{reverse('indicators:reporting')}?{urlencode({'city': city})}"
    for zone in zones:
        text = f"{zone.name} {year} 年的指标数据尚未报齐，请在“数据报送情况”中查看缺报的指标并尽快报送。"
        made = announce(
            zone_staff([zone.pk], zone),
            kind=NoticeKind.DATA_REMINDER,
            text=text,
            url=url,
            key=f"data:{zone.pk}:{year}:{today.isoformat()}",
            zone_id=zone.pk,
            actor=actor,
            source=source,
        )
        told += len(made)
    return told


def unlock_period(lock: PeriodLock, *, actor: User, source: str = "web") -> None:
    with transaction.atomic():
        deleted(lock, actor=actor, source=source)
        lock.delete()
