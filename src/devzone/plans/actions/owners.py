"""Owners (责任单位) of a draft plan's tasks: resolve them against the directory, or settle one by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from devzone.audit.actions import created, snapshot, updated
from devzone.orgs.actions import add_alias, save_unit
from devzone.orgs.directory import load_directory
from devzone.orgs.models import OwnerGroup, Unit
from devzone.orgs.resolve import Directory, EntryKind, Match, resolve_name
from devzone.plans.actions.drafts import require_draft
from devzone.plans.models import OwnerRole, OwnerState, Plan, Task, TaskOwner

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
    role: str | None = None,
) -> TaskOwner:
    """Settle one owner: correct its name (re-resolved), pick a unit or group, dismiss it, or set its
    role (牵头 / 配合 / 责任: the reviewer names the lead a table marked by a type face the text lost)."""
    plan = owner.task.plan
    require_draft(plan)
    if role is not None and role not in OwnerRole.values:
        raise ValidationError({"role": "角色须为牵头、配合或责任"})
    before = snapshot(owner)
    with transaction.atomic():
        if role is not None:
            owner.role = role
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
        elif role is None:
            raise ValidationError({"name": "请填写单位名称、选择单位或删除"})
        owner.save()
        updated(owner, before=before, actor=actor, source=source)
    return owner


def add_owner(task: Task, *, name: str, role: str, actor: User | None, source: str) -> TaskOwner:
    """An owner the parser missed, typed by the reviewer and resolved against the directory."""
    plan = task.plan
    require_draft(plan)
    name = name.strip()[:200]
    if not name:
        raise ValidationError({"name": "请填写单位名称"})
    if role not in OwnerRole.values:
        raise ValidationError({"role": "角色须为牵头、配合或责任"})
    owner = TaskOwner(task=task, written=name, name=name, role=role, group=False)
    _settle(owner, resolve_name(name, load_directory(), city=plan.city, province=plan.province))
    with transaction.atomic():
        owner.save()
        created(owner, actor=actor, source=source)
    return owner


def apply_to_same_name(
    owner: TaskOwner, *, name: str, actor: User | None, source: str, remember: bool
) -> tuple[list[TaskOwner], bool]:
    """全部同名应用: settle every unmatched owner of the plan written like ``owner`` with the unit ``name`` finds.

    With ``remember``, the written name becomes the unit's (or group's) alias, so the next plan that writes
    it resolves without a reviewer. All or nothing: a name the directory does not find changes nothing.
    Returns the owners settled and whether an alias was saved.
    """
    plan = owner.task.plan
    require_draft(plan)
    found = resolve_name(name.strip(), load_directory(), city=plan.city, province=plan.province)
    if not isinstance(found, Match):
        raise ValidationError({"name": f"名录中找不到“{name.strip()}”：{getattr(found, 'reason', '')}"})
    record: Unit | OwnerGroup = (
        OwnerGroup.objects.get(pk=found.entry.id)
        if found.entry.kind == EntryKind.GROUP
        else Unit.objects.get(pk=found.entry.id)
    )
    same = TaskOwner.objects.filter(task__plan=plan, written=owner.written).exclude(
        state=OwnerState.DISMISSED
    )
    settled = []
    with transaction.atomic():
        # The owner in hand is settled even if it matched something else; the others only if unmatched,
        # so a same-named owner a reviewer already settled by hand keeps its choice.
        for item in same.select_related("task__plan"):
            if item.state == OwnerState.RESOLVED and item.pk != owner.pk:
                continue
            before = snapshot(item)
            item.unit = record if isinstance(record, Unit) else None
            item.owner_group = record if isinstance(record, OwnerGroup) else None
            item.state, item.name, item.note = OwnerState.RESOLVED, record.name, "审核人全部同名应用"
            item.save()
            updated(item, before=before, actor=actor, source=source)
            settled.append(item)
        saved = remember and add_alias(record, owner.written, actor=actor, source=source)
    return settled, saved


def create_unit_for_owner(
    owner: TaskOwner, *, kind: str, in_zone: bool, actor: User | None, source: str
) -> tuple[Unit, list[TaskOwner]]:
    """按此名称新建单位: a unit named as the plan writes the owner, then every unmatched owner so written uses it.

    The unit belongs to the plan's city (and to its zone with ``in_zone``); the name must be new.
    """
    plan = owner.task.plan
    require_draft(plan)
    unit = Unit(
        name=owner.name.strip()[:100],
        short_name=owner.name.strip()[:60],
        kind=kind,
        province=plan.province,
        city=plan.city,
        zone=plan.zone if in_zone else None,
    )
    with transaction.atomic():
        save_unit(unit, actor=actor, source=source)
        settled, _saved = apply_to_same_name(
            owner, name=unit.name, actor=actor, source=source, remember=False
        )
    return unit, settled
