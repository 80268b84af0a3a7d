"""Directory actions: every change is validated, atomic and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from devzone.audit.actions import deleted, save_audited
from devzone.orgs.models import Unit, Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User


def save_zone(zone: Zone, *, actor: User | None, source: str = "web") -> Zone:
    """Create or update a zone (name unique, region code six digits)."""
    save_audited(zone, actor=actor, source=source)
    return zone


def save_unit(unit: Unit, *, actor: User | None, source: str = "web") -> Unit:
    save_audited(unit, actor=actor, source=source)
    return unit


def delete_zone(zone: Zone, *, actor: User | None, source: str = "web") -> None:
    with transaction.atomic():
        deleted(zone, actor=actor, source=source)
        zone.delete()
