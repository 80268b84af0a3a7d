"""Progress reports (进展报送) with their evidence, and the coordinator's confirmation; both notify."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from devzone.audit.actions import created, snapshot, updated
from devzone.core.files import evidence_problem, upload_head
from devzone.core.media import atomic_with_files, save_file
from devzone.plans.models import Assignment, Evidence, PlanStatus, ProgressReport
from devzone.plans.notifications import report_confirmed, report_returned, report_submitted

if TYPE_CHECKING:
    from devzone.accounts.models import User


def check_evidence(files: Sequence[UploadedFile]) -> None:
    """Refuse a file of the wrong type, size or content (an executable renamed .pdf) before anything is kept."""
    for item in files:
        problem = evidence_problem(item.name or "", upload_head(item), item.size or 0)
        if problem:
            raise ValidationError({"evidence": problem})


def report_progress(
    assignment: Assignment,
    *,
    period: str,
    percent: int,
    narrative: str,
    files: Sequence[UploadedFile] = (),
    actor: User | None,
    source: str,
) -> ProgressReport:
    """Store a progress report with its evidence (all or nothing)."""
    if assignment.task.plan.status != PlanStatus.PUBLISHED:
        raise ValidationError({"__all__": "方案不是当前发布版本，不能报送进展"})
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": "完成进度须在 0 到 100 之间"})
    check_evidence(files)
    report = ProgressReport(
        assignment=assignment, period=period, percent=percent, narrative=narrative, reported_by=actor
    )
    report.full_clean()
    with atomic_with_files():
        # Two posts at once must not both pass the "not lower" check against the same last report: the
        # assignment row is locked (PostgreSQL) and SQLite's write transactions are IMMEDIATE, so the
        # check and the insert happen one post after the other.
        Assignment.objects.select_for_update().filter(pk=assignment.pk).first()
        last = assignment.reports.filter(returned_at=None).order_by("-reported_at", "-pk").first()
        if last is not None and percent < last.percent:
            raise ValidationError({"percent": f"完成进度不能低于上次报送的 {last.percent}%"})
        report.save()
        created(report, actor=actor, source=source)
        for item in files:
            evidence = Evidence(report=report, name=Path(item.name or "file").name[:200], size=item.size or 0)
            save_file(evidence.file, evidence.name, item)
            evidence.save()
            created(evidence, actor=actor, source=source)
        report_submitted(report, actor=actor, source=source)
    return report


def confirm_report(report: ProgressReport, *, actor: User | None, source: str) -> ProgressReport:
    """A coordinator confirms completion (the report must say 100 %)."""
    if report.returned_at is not None:
        raise ValidationError({"__all__": "该报告已退回，不能确认完成"})
    if report.percent != 100:
        raise ValidationError({"percent": "只有完成进度为 100% 的报告可以确认完成"})
    before = snapshot(report)
    report.confirmed_by = actor
    report.confirmed_at = timezone.now()
    with transaction.atomic():
        report.save()
        updated(report, before=before, actor=actor, source=source)
        report_confirmed(report, actor=actor, source=source)
    return report


def return_report(report: ProgressReport, *, comment: str, actor: User | None, source: str) -> ProgressReport:
    """退回: send a progress report back to its unit with a comment (all or nothing, audited).

    A returned report no longer counts as the assignment's progress; the unit reports again, and may
    then report a lower percent than the returned one. A report is returned once, and a confirmed one
    not at all. The unit's people and the reporter are told (``notifications.report_returned``).
    """
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "请填写退回意见"})
    with transaction.atomic():
        # Two coordinators returning at once: the row lock makes the second one see the first's return.
        fresh = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if fresh.returned_at is not None:
            raise ValidationError(
                {
                    "comment": f"该报告已于 {timezone.localtime(fresh.returned_at):%Y-%m-%d %H:%M} 退回，不能重复退回"
                }
            )
        if fresh.confirmed_at is not None:
            raise ValidationError({"comment": "该报告已确认完成，不能退回"})
        before = snapshot(fresh)
        fresh.returned_by, fresh.returned_at, fresh.return_comment = actor, timezone.now(), comment[:1000]
        fresh.save()
        updated(fresh, before=before, actor=actor, source=source)
        report_returned(fresh, comment=fresh.return_comment, actor=actor, source=source)
    report.returned_by, report.returned_at, report.return_comment = (
        fresh.returned_by,
        fresh.returned_at,
        fresh.return_comment,
    )
    return report
