"""Who may see or change which zone's data — the one place every view and API call asks.

Rules:
- admin and coordinator (市/省主管部门) see and change every zone;
- zone staff see and change the zones assigned to them, nothing else;
- a viewer reads the zones assigned to them, or every zone when none is assigned
  (a city leader's read-only account), and changes nothing.
Records that belong to no zone (a city bureau, the owner groups) are shared reference
data: everyone signed in reads them, only admins and coordinators change them.

An invisible record answers 404, never 403, so that ids of other zones' records leak nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from devzone.accounts.models import Role
from devzone.orgs.zones import zone_id_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from devzone.accounts.models import User

M = TypeVar("M", bound=Model)

CITY_WIDE_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR})
WRITING_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.ZONE_STAFF})


def is_admin(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and (user.role == Role.ADMIN or user.is_superuser))


def sees_all_zones(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    if is_admin(user) or user.role in CITY_WIDE_ROLES:
        return True
    return user.role == Role.VIEWER and not user.zones.exists()


def can_change_shared(user: User | AnonymousUser) -> bool:
    """Whether the user may change records that belong to no zone (directory, groups)."""
    return bool(user.is_authenticated and (is_admin(user) or user.role in CITY_WIDE_ROLES))


def visible_zone_ids(user: User | AnonymousUser) -> set[int] | None:
    """Ids of the zones the user reads; ``None`` means every zone."""
    if sees_all_zones(user):
        return None
    if not user.is_authenticated:
        return set()
    return set(user.zones.values_list("pk", flat=True))


def changeable_zone_ids(user: User | AnonymousUser) -> set[int] | None:
    """Ids of the zones the user changes; ``None`` means every zone."""
    if not user.is_authenticated or user.role not in WRITING_ROLES:
        return set()
    if user.role in CITY_WIDE_ROLES or is_admin(user):
        return None
    return set(user.zones.values_list("pk", flat=True))


def scope(user: User | AnonymousUser, queryset: QuerySet[M], *, zone_field: str = "zone") -> QuerySet[M]:
    """Narrow ``queryset`` to the rows ``user`` may read.

    ``zone_field`` is the lookup path to the row's zone ("zone", "plan__zone", or "pk"
    for the Zone model itself). Rows whose zone is empty are shared and stay visible.
    """
    ids = visible_zone_ids(user)
    if ids is None:
        return queryset
    if zone_field == "pk":
        return queryset.filter(pk__in=ids)
    return queryset.filter(Q(**{f"{zone_field}__in": ids}) | Q(**{f"{zone_field}__isnull": True}))


def can_view(user: User | AnonymousUser, obj: Model) -> bool:
    if not user.is_authenticated:
        return False
    zone_id = zone_id_of(obj)
    ids = visible_zone_ids(user)
    return zone_id is None or ids is None or zone_id in ids


def can_change(user: User | AnonymousUser, obj: Model) -> bool:
    if not user.is_authenticated:
        return False
    zone_id = zone_id_of(obj)
    if zone_id is None:
        return can_change_shared(user)
    ids = changeable_zone_ids(user)
    return ids is None or zone_id in ids


def get_visible(
    user: User | AnonymousUser, queryset: QuerySet[M], *, zone_field: str = "zone", **lookup: object
) -> M:
    """Fetch one record the user may read, or raise Http404."""
    try:
        return scope(user, queryset, zone_field=zone_field).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404(str(queryset.model._meta.verbose_name)) from exc


def require_change(user: User | AnonymousUser, obj: Model) -> None:
    """Raise PermissionDenied unless the user may change ``obj`` (and 404 if they cannot even see it)."""
    if not can_view(user, obj):
        raise Http404
    if not can_change(user, obj):
        raise PermissionDenied


def require_shared_change(user: User | AnonymousUser) -> None:
    if not can_change_shared(user):
        raise PermissionDenied


def require_admin(user: User | AnonymousUser) -> None:
    if not is_admin(user):
        raise PermissionDenied
