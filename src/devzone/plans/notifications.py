"""In-app notices for due-soon and overdue assignments (sent once per user, assignment and kind)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from devzone.accounts.models import Role, User
from devzone.audit.actions import created, snapshot, updated
from devzone.plans.models import Assignment, Notification, NotificationKind
from devzone.plans.progress import live, rows
from devzone.plans.status import Status

if TYPE_CHECKING:
    from collections.abc import Iterable

KINDS = {Status.DUE_SOON: NotificationKind.DUE_SOON, Status.OVERDUE: NotificationKind.OVERDUE}


def recipients(assignment: Assignment) -> Iterable[User]:
    """People of the assigned unit, and the staff of the unit's zone."""
    who = Q(unit=assignment.unit)
    if assignment.unit.zone_id:
        who |= Q(role=Role.ZONE_STAFF, zones=assignment.unit.zone_id)
    return User.objects.filter(who, is_active=True).distinct()


def notify(*, as_of: dt.date, actor: User | None = None, source: str = "cli") -> int:
    """Create the missing notifications; returns how many were created."""
    count = 0
    with transaction.atomic():
        for row in rows(live(Assignment.objects.all()), as_of=as_of):
            kind = KINDS.get(row.status)
            if kind is None:
                continue
            a = row.assignment
            label = "已逾期" if kind == NotificationKind.OVERDUE else "即将到期"
            message = f"{a.task.plan.title} · {a.task.key} {a.task.heading or a.task.text[:30]}：{label}（时限 {row.due}）"
            for user in recipients(a):
                if Notification.objects.filter(user=user, assignment=a, kind=kind).exists():
                    continue
                notice = Notification(user=user, assignment=a, kind=kind, message=message[:500])
                notice.save()
                created(notice, actor=actor, source=source)
                count += 1
    return count


def mark_read(notice: Notification, *, actor: User, source: str = "web") -> Notification:
    """Mark a notification read (once: reading it again changes nothing)."""
    if notice.read_at is None:
        with transaction.atomic():
            before = snapshot(notice)
            notice.read_at = timezone.now()
            notice.save()
            updated(notice, before=before, actor=actor, source=source)
    return notice
