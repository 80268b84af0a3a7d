"""Scoping shared by the plans views: which plans and assignments a user reads or reports on."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from devzone.accounts.access import WRITING_ROLES, can_change, can_view, changeable_q, scope
from devzone.accounts.models import Role
from devzone.plans.models import Assignment, Plan, PlanStatus


def visible_plans(user: Any) -> QuerySet[Plan]:
    plans = scope(user, Plan.objects.select_related("zone", "document"))
    if getattr(user, "role", None) not in WRITING_ROLES:
        plans = plans.exclude(status=PlanStatus.DRAFT)
    return plans


def visible_assignments(user: Any) -> QuerySet[Assignment]:
    """Assignments of visible plans and visible units (both zone checks in access.py)."""
    return scope(
        user, scope(user, Assignment.objects.all(), zone_field="unit__zone"), zone_field="task__plan__zone"
    )


def mine(user: Any) -> QuerySet[Assignment]:
    """ "My tasks": assignments of the user's unit, and for zone staff those of their zones' units."""
    who = Q(unit_id=user.unit_id) if user.unit_id else Q(pk__in=[])
    if user.role == Role.ZONE_STAFF:
        who |= Q(unit__zone__in=user.zones.all())
    return visible_assignments(user).filter(who)


def can_report(user: Any, assignment: Assignment) -> bool:
    """Zone staff on their zones' units, a unit's own staff, coordinators on all; viewers never."""
    if not user.is_authenticated or user.role not in WRITING_ROLES:
        return False
    if not can_view(user, assignment):
        return False
    return can_change(user, assignment) or (user.unit_id is not None and user.unit_id == assignment.unit_id)


def reportable(user: Any) -> QuerySet[Assignment]:
    """The assignments ``user`` may report on — :func:`can_report` for a whole table (the bulk import)."""
    if not user.is_authenticated or user.role not in WRITING_ROLES:
        return Assignment.objects.none()
    changes = changeable_q(user, Assignment, zone_field="unit__zone")
    if changes is None:
        return visible_assignments(user)
    if user.unit_id is not None:
        changes |= Q(unit_id=user.unit_id)
    return visible_assignments(user).filter(changes)


def require_report(user: Any, assignment: Assignment) -> None:
    if not can_view(user, assignment):
        raise Http404
    if not can_report(user, assignment):
        raise PermissionDenied
