"""Objections (异议) to a result during 公示: file one, decide one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from devzone.accounts.access import can_change, can_change_shared
from devzone.audit.actions import created, snapshot, updated
from devzone.core.citations import chinese_date
from devzone.core.files import evidence_problem
from devzone.core.media import atomic_with_files, save_file
from devzone.enterprises.actions.imports import Upload
from devzone.enterprises.actions.runs import WorkflowError
from devzone.enterprises.method_load import load_stored
from devzone.enterprises.models import MuResult, MuRun, Objection, ObjectionStatus, RunStatus
from devzone.enterprises.notifications import objection_decided, objection_filed

if TYPE_CHECKING:
    from devzone.accounts.models import User


def _evidence_name(upload: Upload) -> str:
    problem = evidence_problem(upload.name, upload.content[:8192], len(upload.content))
    if problem:
        raise WorkflowError(f"证明材料 {problem}")
    return Path(upload.name).name


@atomic_with_files()
def file_objection(
    result: MuResult,
    *,
    reason: str,
    evidence: Any = None,
    actor: User,
    source: str = "web",
    on: dt.date | None = None,
) -> Objection:
    """File an objection (异议) to a result while its run is in 公示, up to and including its last day.

    Only staff of the result's zone, coordinators and admins may (``PermissionDenied`` otherwise).
    ``on`` is the day of filing, today unless given: the demo files its objections on days of its
    own (fixed) 公示期, so that the demo is the same whenever it is built.
    """
    if not can_change(actor, result):
        raise PermissionDenied
    run = MuRun.objects.select_for_update().get(pk=result.run_id)
    if run.status != RunStatus.PUBLICISED:
        raise WorkflowError("只能在公示期内提出异议")
    filed_on = on or timezone.localdate()
    if run.publicity_end is not None and filed_on > run.publicity_end:
        raise WorkflowError(f"公示期已于{chinese_date(run.publicity_end.isoformat())}结束，不再受理异议")
    if not reason.strip():
        raise WorkflowError("请写明异议理由")
    objection = Objection(result=result, zone_id=result.zone_id, filed_by=actor, reason=reason.strip())
    if evidence is not None:
        upload = Upload.of(evidence)
        save_file(objection.evidence, _evidence_name(upload), ContentFile(upload.content))
    objection.save()
    if on is not None:  # auto_now_add ignores a given value; the filing day is the one asked for
        filed_at = timezone.make_aware(dt.datetime.combine(on, dt.time(10)))
        Objection.objects.filter(pk=objection.pk).update(filed_at=filed_at)
        objection.filed_at = filed_at
    created(objection, actor=actor, source=source)
    objection_filed(objection, actor=actor, source=source)
    return objection


def class_codes(run: MuRun) -> tuple[str, ...]:
    """The classes of the run's method, best first, then the exempt class."""
    method = load_stored(run.method_yaml, file=run.method_id)
    return (*method.class_codes, method.exempt_class.code)


@transaction.atomic
def decide_objection(
    objection: Objection,
    *,
    upheld: bool,
    decision: str,
    new_class: str = "",
    actor: User,
    source: str = "web",
) -> Objection:
    """Decide a pending objection (coordinators and admins). Upheld: the result's final class becomes ``new_class``."""
    if not can_change_shared(actor):
        raise PermissionDenied
    objection = Objection.objects.select_for_update().select_related("result__run").get(pk=objection.pk)
    run = objection.result.run
    if objection.status != ObjectionStatus.PENDING:
        raise WorkflowError("该异议已处理")
    if run.status != RunStatus.PUBLICISED:
        raise WorkflowError("评价批次不在公示期，不能处理异议")
    if not decision.strip():
        raise WorkflowError("请写明处理意见")
    new_class = new_class.strip() if upheld else ""
    if upheld:
        codes = class_codes(run)
        if new_class not in codes:
            raise WorkflowError(f"调整后类别须为 {'/'.join(codes)} 之一")
    before = snapshot(objection)
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.REJECTED
    objection.decision = decision.strip()
    objection.new_class = new_class
    objection.decided_by = actor
    objection.decided_at = timezone.now()
    objection.save(update_fields=["status", "decision", "new_class", "decided_by", "decided_at"])
    updated(objection, before=before, actor=actor, source=source)
    if upheld:
        result = objection.result
        before = snapshot(result)
        result.final_class = new_class
        result.save(update_fields=["final_class"])
        updated(result, before=before, actor=actor, source=source)
    objection_decided(objection, actor=actor, source=source)
    return objection
