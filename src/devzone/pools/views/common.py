"""What every pools page asks first: the zone the user may read, the kinds with criteria in force."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from devzone.accounts.access import can_change, get_visible
from devzone.orgs.models import Zone
from devzone.pools.criteria import CriteriaSet
from devzone.pools.kinds import BY_CODE
from devzone.pools.sets_load import in_force


def zone_of(request: HttpRequest, zone_id: int) -> Zone:
    """The zone, if the user may read it (404 otherwise: another place's ids tell nothing)."""
    return get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)


def sets_today(on: dt.date | None = None) -> dict[str, CriteriaSet]:
    """Kind → the criteria set in force today, in the kinds' order."""
    found = {s.kind: s for s in in_force(on or timezone.localdate())}
    return {k: found[k] for k in BY_CODE if k in found}


def zone_context(request: HttpRequest, zone: Zone, tab: str) -> dict[str, object]:
    return {"zone": zone, "tab": tab, "may_change": can_change(request.user, zone)}


def int_param(request: HttpRequest, name: str, default: int) -> int:
    try:
        return int(request.GET.get(name, default))
    except (TypeError, ValueError):
        return default
