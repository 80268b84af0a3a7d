"""进展批量报送: the progress of many assignments from one filled template, whole or not at all.

The file goes through the shared reader (size and shape limits, parse in a child process), every row is
checked as the single form checks it (:mod:`devzone.plans.progress_sheet`), and only a file without a
single issue is stored: one INSERT of every report (:mod:`devzone.core.bulk`), one audit entry for the
batch (``audit.bulk_written``) and one notice per zone to those who confirm reports. The rows the file
may name are the caller's (the view passes the assignments the user may report on); their last
percents are read inside the write transaction with the assignments locked, so a report posted on a
form meanwhile cannot slip under the "not lower than the last report" rule.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from devzone.audit.actions import bulk_written
from devzone.core import bulk, files
from devzone.notices.actions import announce
from devzone.notices.models import NoticeKind
from devzone.notices.recipients import deciders
from devzone.plans.models import Assignment, ProgressReport
from devzone.plans.progress import live
from devzone.plans.progress_sheet import SHEET, Entry, read_entries

if TYPE_CHECKING:
    from devzone.accounts.models import User
    from devzone.core.jobs import Progress

LIMITS = files.Limits(max_bytes=20 * files.MiB)


def reported_percents(assignments: QuerySet[Assignment]) -> dict[int, int | None]:
    """The last percent that still counts (not returned) of each assignment reported on."""
    reports = ProgressReport.objects.filter(assignment__in=assignments.values("pk"), returned_at=None)
    # oldest first, so that the last report written wins
    return dict(reports.order_by("reported_at", "pk").values_list("assignment_id", "percent"))


def last_percents(assignments: QuerySet[Assignment]) -> dict[int, int | None]:
    """Each assignment's last percent that still counts, None when never reported."""
    return dict.fromkeys(assignments.values_list("pk", flat=True)) | reported_percents(assignments)


def import_progress(
    *,
    name: str,
    content: bytes,
    period: str,
    assignments: QuerySet[Assignment],
    actor: User | None,
    source: str,
    progress: Progress | None = None,
) -> int:
    """Store the progress a filled template reports for ``period``; the number of reports stored.

    ``assignments`` are those the actor may report on (of published plans only are taken). Raises
    :class:`devzone.core.files.FileRefused` listing every issue, with nothing written.
    """
    if progress is not None:
        progress.stage("读取文件")
    table = files.read_table(name, content, limits=LIMITS)
    sheet = table.sheet(SHEET, fallback_first=True)
    if progress is not None:
        progress.stage(f"检查并写入（{max(0, len(sheet.rows) - 2):,} 行）")
    open_to = live(assignments)
    with transaction.atomic():
        # PostgreSQL: the assignments' rows locked (not the plan or unit rows the scope joins);
        # SQLite's write transactions are IMMEDIATE, one writer at a time.
        zone_of = dict(open_to.select_for_update(of=("self",)).values_list("pk", "unit__zone_id"))
        last = dict.fromkeys(zone_of) | reported_percents(open_to)
        entries, issues = read_entries(sheet.rows, file=table.file, sheet=sheet.name, last=last)
        if issues:
            raise files.FileRefused(issues)
        now = timezone.now()
        bulk.insert(
            ProgressReport,
            [
                {
                    "assignment_id": e.assignment_id, "period": period, "percent": e.percent,
                    "narrative": e.narrative, "reported_by_id": actor.pk if actor is not None else None,
                    "reported_at": now, "confirmed_by_id": None, "confirmed_at": None,
                    "returned_by_id": None, "returned_at": None, "return_comment": "",
                }
                for e in entries
            ],
        )  # fmt: skip
        zones = _by_zone(entries, zone_of)
        sha256 = hashlib.sha256(content).hexdigest()
        bulk_written(
            ProgressReport,
            zone_id=next(iter(zones)) if len(zones) == 1 else None,
            label=f"进展批量报送 {table.file}（{period}，{len(entries)} 项）",
            actor=actor,
            source=source,
            detail={"file": table.file, "sha256": sha256, "period": period, "reports": len(entries)},
        )
        _announce(zones, period=period, reported_at=now, actor=actor, source=source, key=sha256[:16])
    return len(entries)


def _by_zone(entries: list[Entry], zone_of: dict[int, int | None]) -> dict[int | None, list[int]]:
    """The entries' assignment ids by the zone of their unit (None: a unit without a zone)."""
    by_zone: dict[int | None, list[int]] = defaultdict(list)
    for e in entries:
        by_zone[zone_of[e.assignment_id]].append(e.assignment_id)
    return by_zone


def _announce(
    zones: dict[int | None, list[int]],
    *,
    period: str,
    reported_at: object,
    actor: User | None,
    source: str,
    key: str,
) -> None:
    """One notice per zone to those who confirm reports (not one per report: 20,000 would bury them)."""
    who = actor.get_full_name() or actor.get_username() if actor is not None else "系统"
    for zone_id, ids in zones.items():
        record = ProgressReport.objects.filter(assignment_id=ids[0], reported_at=reported_at).first()
        if record is None:
            continue
        announce(
            deciders(record),
            kind=NoticeKind.REPORT_SUBMITTED,
            text=f"{who} 批量报送了 {len(ids)} 项任务进展（报告期 {period}）",
            url=reverse("plans:dashboard"),
            key=f"plans.bulk:{key}:{zone_id or 0}",
            zone_id=zone_id,
            actor=actor,
            source=source,
        )
