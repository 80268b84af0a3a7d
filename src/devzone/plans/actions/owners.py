"""Owners (责任单位) of a draft plan's tasks: resolve them against the directory, or settle one by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from devzone.audit.actions import snapshot, updated
from devzone.orgs.directory import load_directory
from devzone.orgs.models import OwnerGroup, Unit
from devzone.orgs.resolve import Directory, EntryKind, Match, resolve_name
from devzone.plans.actions.drafts import require_draft
from devzone.plans.models import OwnerState, Plan, TaskOwner

if TYPE_CHECKING:
    from devzone.accounts.models import User


def _settle(owner: TaskOwner, outcome: object) -> None:
    owner.unit = None
    owner.owner_group = None
    if isinstance(outcome, Match):
        owner.state = OwnerState.RESOLVED
        owner.note = outcome.note[:300]
        if outcome.entry.kind == EntryKind.GROUP:
            owner.owner_group = OwnerGroup.objects.get(pk=outcome.entry.id)
        else:
            owner.unit = Unit.objects.get(pk=outcome.entry.id)
    else:
        owner.state = OwnerState.UNRESOLVED
        owner.note = str(getattr(outcome, "reason", ""))[:300]


def resolve_plan(plan: Plan, *, actor: User | None, source: str, directory: Directory | None = None) -> int:
    """Resolve every owner not settled by hand against the directory with the plan's city; returns unresolved count."""
    require_draft(plan)
    found = directory or load_directory()
    with transaction.atomic():
        owners = TaskOwner.objects.filter(task__plan=plan).exclude(state=OwnerState.DISMISSED)
        for owner in owners.select_related("task__plan"):  # the audit entry reads the plan's zone
            before = snapshot(owner)
            _settle(owner, resolve_name(owner.name, found, city=plan.city, province=plan.province))
            if snapshot(owner) != before:
                owner.save()
                updated(owner, before=before, actor=actor, source=source)
    return unresolved_owners(plan).count()


def unresolved_owners(plan: Plan) -> Any:
    return TaskOwner.objects.filter(task__plan=plan, state=OwnerState.UNRESOLVED).select_related("task")


def fix_owner(
    owner: TaskOwner,
    *,
    actor: User | None,
    source: str,
    name: str | None = None,
    unit: Unit | None = None,
    group: OwnerGroup | None = None,
    dismiss: bool = False,
) -> TaskOwner:
    """Settle one owner: correct its name (re-resolved), pick a unit or group, or dismiss it."""
    plan = owner.task.plan
    require_draft(plan)
    before = snapshot(owner)
    with transaction.atomic():
        if dismiss:
            owner.state, owner.unit, owner.owner_group = OwnerState.DISMISSED, None, None
            owner.note = "审核人删除"
        elif unit is not None or group is not None:
            owner.unit, owner.owner_group = unit, group
            owner.state = OwnerState.RESOLVED
            owner.name = (unit or group).name  # type: ignore[union-attr]
            owner.note = "审核人指定"
        elif name is not None and name.strip():
            owner.name = name.strip()[:200]
            _settle(owner, resolve_name(owner.name, load_directory(), city=plan.city, province=plan.province))
        else:
            raise ValidationError({"name": "请填写单位名称、选择单位或删除"})
        owner.save()
        updated(owner, before=before, actor=actor, source=source)
    return owner
