"""What a person has to do today, for the home page: 待报送, 已逾期, 本月到期 (and, for a coordinator,
the completed reports waiting for 确认完成).

待报送 is an open assignment with no progress report for the current month (the monthly reporting
cycle the progress form asks for); 本月到期 an open assignment whose 时限 falls in this month;
已逾期 the status rule's overdue (``status.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef

from devzone.accounts.access import can_change_shared
from devzone.plans.models import ProgressReport
from devzone.plans.progress import Row, live, rows
from devzone.plans.status import Status
from devzone.plans.views.common import mine, visible_assignments

SHOWN = 8


@dataclass
class WorkSummary:
    to_report: list[Row] = field(default_factory=list)
    overdue: list[Row] = field(default_factory=list)
    due_this_month: list[Row] = field(default_factory=list)
    to_confirm: list[ProgressReport] = field(default_factory=list)
    to_confirm_count: int = 0
    oversees: bool = False

    @property
    def has_work(self) -> bool:
        return bool(self.to_report or self.overdue or self.due_this_month)


def month_label(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def work_summary(user: Any, *, today: dt.date) -> WorkSummary:
    """The user's own assignments by what they need now; coordinators also get what awaits them."""
    period = month_label(today)
    reported = ProgressReport.objects.filter(assignment=OuterRef("pk"), period=period)
    own = rows(live(mine(user)).annotate(reported_now=Exists(reported)), as_of=today)
    open_rows = [row for row in own if row.status != Status.DONE]
    summary = WorkSummary(
        to_report=[row for row in open_rows if not row.assignment.reported_now],  # type: ignore[attr-defined]
        overdue=[row for row in open_rows if row.status == Status.OVERDUE],
        due_this_month=[
            row for row in open_rows if (row.due.year, row.due.month) == (today.year, today.month)
        ],
    )
    for rows_ in (summary.to_report, summary.overdue, summary.due_this_month):
        rows_.sort(key=lambda row: (row.due, row.assignment.pk))
    if can_change_shared(user):
        waiting = ProgressReport.objects.filter(
            assignment__in=live(visible_assignments(user)), percent=100, confirmed_at__isnull=True
        ).select_related("assignment__task__plan", "assignment__unit")
        summary.oversees = True
        summary.to_confirm_count = waiting.count()
        summary.to_confirm = list(waiting.order_by("reported_at")[:SHOWN])
    return summary
