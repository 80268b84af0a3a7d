"""Who hears of a record: the people ``accounts.access`` lets see it (and, for deciders, act on it).

Recipients are never decided here by zone or role alone: every candidate passes the access
helpers, so a notice never tells anyone of a record they could not open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Model, Q

from devzone.accounts.access import can_change_shared, can_view
from devzone.accounts.models import Role, User

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import QuerySet


def who_see(candidates: QuerySet[User] | Iterable[User], record: Model) -> list[User]:
    """The active ``candidates`` who may read ``record``, each once."""
    seen: dict[int, User] = {}
    for user in candidates:
        if user.is_active and user.pk not in seen and can_view(user, record):
            seen[user.pk] = user
    return list(seen.values())


def zone_staff(zone_ids: Iterable[int], record: Model) -> list[User]:
    """The staff of these zones who may read ``record``."""
    ids = [z for z in zone_ids if z is not None]
    if not ids:
        return []
    return who_see(User.objects.filter(role=Role.ZONE_STAFF, zones__in=ids).distinct(), record)


def deciders(record: Model) -> list[User]:
    """Who confirms a report or decides an objection on ``record``: those who change shared records and see it."""
    candidates = User.objects.filter(Q(role__in=[Role.COORDINATOR, Role.ADMIN]) | Q(is_superuser=True))
    return [u for u in who_see(candidates, record) if can_change_shared(u)]
