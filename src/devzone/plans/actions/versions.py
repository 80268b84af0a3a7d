"""Plan versions: publish a draft (creating the assignments) and revise a published version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from devzone.audit.actions import created, snapshot, updated
from devzone.orgs.models import Unit
from devzone.plans.actions.drafts import PlanFrozen, require_draft
from devzone.plans.actions.owners import unresolved_owners
from devzone.plans.models import (
    Assignment,
    OwnerRole,
    OwnerState,
    Plan,
    PlanStatus,
    Section,
    Target,
    Task,
    TaskOwner,
)

if TYPE_CHECKING:
    from devzone.accounts.models import User


class PlanNotReady(Exception):
    """Publishing refused: the message lists the owners still unresolved."""


def publish_plan(plan: Plan, *, actor: User | None, source: str) -> Plan:
    """Freeze the draft as the next version and create one assignment per unit and task.

    Refused (PlanNotReady) while any owner is unresolved. Group owners expand to their members;
    a unit that is both lead and support of a task keeps the lead role. Progress reports of the
    previous published version carry over to the same task (by number) and unit.
    """
    require_draft(plan)
    pending = list(unresolved_owners(plan))
    if pending:
        names = "、".join(sorted({o.name for o in pending}))
        raise PlanNotReady(f"还有 {len(pending)} 个责任单位未匹配：{names}")
    root = plan.lineage or plan
    with transaction.atomic():
        previous = Plan.objects.filter(status=PlanStatus.PUBLISHED).filter(pk=root.pk) | Plan.objects.filter(
            status=PlanStatus.PUBLISHED, lineage=root
        )
        last = previous.order_by("-version").first()
        before = snapshot(plan)
        plan.version = (last.version if last else 0) + 1
        plan.status = PlanStatus.PUBLISHED
        plan.published_by = actor
        plan.published_at = timezone.now()
        plan.save()
        updated(plan, before=before, actor=actor, source=source)
        if last is not None:
            old = snapshot(last)
            last.status = PlanStatus.SUPERSEDED
            last.save()
            updated(last, before=old, actor=actor, source=source)
        owners = TaskOwner.objects.filter(task__plan=plan, state=OwnerState.RESOLVED).select_related(
            "task", "unit"
        )
        for task in Task.objects.filter(plan=plan).order_by("order"):
            roles: dict[int, tuple[Unit, str, TaskOwner]] = {}
            for owner in (o for o in owners if o.task_id == task.pk):
                role = OwnerRole.SUPPORT if owner.role == OwnerRole.SUPPORT else OwnerRole.LEAD
                for unit in owner.members():
                    if unit.pk not in roles or role == OwnerRole.LEAD:
                        roles[unit.pk] = (unit, role, owner)
            for unit, role, owner in roles.values():
                assignment = Assignment(task=task, unit=unit, role=role, owner=owner)
                assignment.save()
                created(assignment, actor=actor, source=source)
                if last is not None:
                    _carry_reports(last, task, assignment, actor=actor, source=source)
    return plan


def _carry_reports(
    last: Plan, task: Task, assignment: Assignment, *, actor: User | None, source: str
) -> None:
    old = Assignment.objects.filter(task__plan=last, task__key=task.key, unit=assignment.unit).first()
    if old is None:
        return
    for report in old.reports.order_by("reported_at", "pk"):
        files = list(report.evidence.all())
        report.pk = None
        report.assignment = assignment
        report.save()
        created(report, actor=actor, source=source)
        for item in files:
            item.pk = None
            item.report = report
            item.save()
            created(item, actor=actor, source=source)


def revise_plan(plan: Plan, *, actor: User | None, source: str) -> Plan:
    """Copy a published version into a new draft (same lineage); the published one stays as it is."""
    if plan.status != PlanStatus.PUBLISHED:
        raise PlanFrozen(f"{plan}: 只有已发布的版本可以修订")
    with transaction.atomic():
        draft = Plan.objects.get(pk=plan.pk)
        draft.pk = None
        draft.lineage = plan.lineage or plan
        draft.version = 0
        draft.status = PlanStatus.DRAFT
        draft.published_at = None
        draft.published_by = None
        draft.created_by = actor
        draft.save()
        created(draft, actor=actor, source=source)
        section_map: dict[int, Section] = {}
        for section in Section.objects.filter(plan=plan).order_by("order"):
            old_pk = section.pk
            section.pk = None
            section.plan = draft
            section.parent = section_map.get(section.parent_id) if section.parent_id else None
            section.save()
            created(section, actor=actor, source=source)
            section_map[old_pk] = section
        for task in Task.objects.filter(plan=plan).prefetch_related("owners", "deadlines", "targets"):
            children = (list(task.owners.all()), list(task.deadlines.all()), list(task.targets.all()))
            task.pk = None
            task.plan = draft
            task.section = section_map.get(task.section_id) if task.section_id else None
            task.save()
            created(task, actor=actor, source=source)
            for group in children:
                for child in group:
                    child.pk = None
                    child.task = task
                    if isinstance(child, Target):
                        child.plan = draft
                    child.save()
                    created(child, actor=actor, source=source)
        for target in Target.objects.filter(plan=plan, task=None):
            target.pk = None
            target.plan = draft
            target.save()
            created(target, actor=actor, source=source)
    return draft
