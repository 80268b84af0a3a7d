"""Directory actions: every change is validated, atomic and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from devzone.audit.actions import deleted, save_audited
from devzone.orgs.models import OwnerGroup, Unit, Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User


def save_zone(zone: Zone, *, actor: User | None, source: str = "web") -> Zone:
    """Create or update a zone (name unique, region code six digits)."""
    save_audited(zone, actor=actor, source=source)
    return zone


def save_unit(unit: Unit, *, actor: User | None, source: str = "web") -> Unit:
    """Create or update a unit; a name another unit already has is refused in words a reviewer reads."""
    name = unit.name.strip()
    if Unit.objects.filter(name=name).exclude(pk=unit.pk).exists():
        raise ValidationError({"name": f"已有名为“{name}”的责任单位，请直接选用或改用其他名称"})
    unit.name = name
    unit.short_name = unit.short_name.strip() or name
    save_audited(unit, actor=actor, source=source)
    return unit


def save_group(
    group: OwnerGroup, *, members: list[Unit], actor: User | None, source: str = "web"
) -> OwnerGroup:
    """Create or update a unit group (单位组) with its member units; one name per city."""
    name = group.name.strip()
    taken = OwnerGroup.objects.filter(name=name, province=group.province, city=group.city)
    if taken.exclude(pk=group.pk).exists():
        raise ValidationError({"name": f"{group.city or group.province}已有名为“{name}”的单位组"})
    if not members:
        raise ValidationError({"members": "单位组至少要有一个成员单位"})
    group.name = name
    save_audited(group, actor=actor, source=source, m2m={"members": members})
    return group


def add_alias(record: Unit | OwnerGroup, alias: str, *, actor: User | None, source: str = "web") -> bool:
    """Remember ``alias`` as another way plans write this unit or group; ``False`` if it is known already.

    The next plan that writes the alias resolves to the record without a reviewer.
    """
    alias = alias.strip()[:100]
    known = {record.name, getattr(record, "short_name", ""), *record.aliases}
    if not alias or alias in known:
        return False
    record.aliases = [*record.aliases, alias]
    save_audited(record, actor=actor, source=source)
    return True


def delete_zone(zone: Zone, *, actor: User | None, source: str = "web") -> None:
    with transaction.atomic():
        deleted(zone, actor=actor, source=source)
        zone.delete()
