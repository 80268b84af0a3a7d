"""Add a milestone with its evidence, and verify it by a unit other than the project's lead unit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from devzone.audit.actions import created, snapshot, updated
from devzone.core.media import atomic_with_files, save_file
from devzone.orgs.models import Unit
from devzone.projects.models import Milestone, Project
from devzone.projects.records import Milestone as MilestoneRow
from devzone.projects.records import Project as ProjectRow
from devzone.projects.records import milestone_issues

if TYPE_CHECKING:
    from devzone.accounts.models import User


class ProjectActionError(ValueError):
    """An action refused; ``issues`` are Chinese reasons, and nothing was written."""

    def __init__(self, issues: list[str]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(issues))


def _engine_project(p: Project) -> ProjectRow:
    return ProjectRow(code=p.code, zone=str(p.zone_id), lead_unit=p.lead_unit.name, signed_on=p.signed_on,
                      agreement=p.agreement)  # fmt: skip


def add_milestone(
    project: Project,
    *,
    stage: str,
    reached_on: dt.date,
    evidence: str,
    evidence_file: Any = None,
    evidence_on: dt.date | None = None,
    value: float | None = None,
    actor: User | None,
    source: str,
) -> Milestone:
    """Record a stage reached, with its evidence (not yet verified). Refused with every reason at once."""
    row = MilestoneRow(project=project.code, stage=stage, reached_on=reached_on, evidence=evidence,
                       evidence_on=evidence_on, value=value)  # fmt: skip
    issues = [r.split("：", 1)[-1] for r in milestone_issues(row, _engine_project(project))]
    if not evidence:
        issues.append("须附佐证材料")
    if project.terminated_on is not None and reached_on > project.terminated_on:
        issues.append(f"项目已于 {project.terminated_on:%Y年%-m月%-d日} {project.status}，此后的节点不再登记")
    if issues:
        raise ProjectActionError(issues)
    with atomic_with_files():  # the evidence file is kept only if the row is committed
        milestone = Milestone(project=project, stage=stage, reached_on=reached_on, evidence=evidence,
                              evidence_on=evidence_on, value=value,
                              created_by=actor if actor is not None and actor.pk else None)  # fmt: skip
        if evidence_file is not None:
            save_file(milestone.evidence_file, getattr(evidence_file, "name", "evidence"), evidence_file)
        milestone.save()
        created(milestone, actor=actor, source=source)
    return milestone


def verify_milestone(milestone: Milestone, *, unit: Unit, actor: User | None, source: str) -> Milestone:
    """Verify ``milestone`` for ``unit``: never the project's own 招商责任单位, never twice, never without
    evidence (spec: a counted milestone needs its evidence and a second unit). A signed-in ``actor`` verifies
    only for the unit they belong to; one without a unit verifies for nobody (``actor=None`` is the system:
    an import or the demo naming the verifying unit)."""
    with transaction.atomic():
        fresh = Milestone.objects.select_for_update().select_related("project").get(pk=milestone.pk)
        issues = []
        if actor is not None and actor.pk:
            if actor.unit_id is None:
                issues.append(f"账号 {actor} 未隶属任何单位，不能核验节点")
            elif actor.unit_id != unit.pk:
                issues.append(f"账号 {actor} 不属于 {unit.name}，只能以本人所属单位的名义核验")
        if fresh.verified_by_id is not None:
            issues.append(f"该节点已由 {fresh.verified_by} 核验")
        if unit.pk == fresh.project.lead_unit_id:
            issues.append(f"核验单位 {unit.name} 是本项目的招商责任单位，须由其他单位核验")
        if not fresh.evidence:
            issues.append("没有佐证材料的节点不能核验")
        if issues:
            raise ProjectActionError(issues)
        before = snapshot(fresh)
        fresh.verified_by = unit
        fresh.verified_by_user = actor if actor is not None and actor.pk else None
        fresh.verified_at = timezone.now()
        fresh.save(update_fields=["verified_by", "verified_by_user", "verified_at"])
        updated(fresh, before=before, actor=actor, source=source)
        if fresh.project.signed_on is not None:  # a counted milestone moves the zone's counts and rates
            from devzone.projects.actions.observations import record_after_write  # noqa: PLC0415

            record_after_write(fresh.project.zone, [fresh.project.signed_on.year], actor=actor, source=source)
    return fresh
