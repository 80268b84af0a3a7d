"""公示 and the final list: open the publicity period of a run, then freeze it (已定级)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from devzone.audit.actions import snapshot, updated
from devzone.enterprises.actions.runs import WorkflowError
from devzone.enterprises.models import MuRun, Objection, ObjectionStatus, RunStatus
from devzone.enterprises.notifications import publicity_started

if TYPE_CHECKING:
    from devzone.accounts.models import User


@transaction.atomic
def publicise(
    run: MuRun, *, days: int, actor: User | None, source: str = "web", start: dt.date | None = None
) -> MuRun:
    """Open the 公示 period of a draft run: ``days`` calendar days from ``start`` (today)."""
    run = MuRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DRAFT:
        raise WorkflowError(f"评价批次状态为 {run.get_status_display()}，只有已评价的批次可以公示")
    if days < 1:
        raise WorkflowError("公示期至少 1 天")
    if not run.results.exists():
        raise WorkflowError("评价批次没有结果，不能公示")
    before = snapshot(run)
    run.status = RunStatus.PUBLICISED
    run.publicity_start = start or timezone.localdate()
    run.publicity_end = run.publicity_start + dt.timedelta(days=days)
    run.save(update_fields=["status", "publicity_start", "publicity_end"])
    updated(run, before=before, actor=actor, source=source)
    publicity_started(run, actor=actor, source=source)
    return run


@transaction.atomic
def finalise(run: MuRun, *, actor: User | None, source: str = "web") -> MuRun:
    """Freeze the final list (已定级). Refused unless in 公示 with no pending objection."""
    run = MuRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.PUBLICISED:
        raise WorkflowError(f"评价批次状态为 {run.get_status_display()}，只有公示中的批次可以定级")
    pending = Objection.objects.filter(result__run=run, status=ObjectionStatus.PENDING).count()
    if pending:
        raise WorkflowError(f"还有 {pending} 件异议待处理，不能定级")
    before = snapshot(run)
    run.status = RunStatus.FINAL
    run.finalised_at = timezone.now()
    run.save(update_fields=["status", "finalised_at"])
    updated(run, before=before, actor=actor, source=source)
    return run
