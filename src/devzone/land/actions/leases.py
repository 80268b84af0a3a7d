"""Buildings, units and leases of 标准厂房: each written atomically and audited; a lease that holds a unit
another lease holds at the same time is refused naming the unit and both leases (:func:`check_leases`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from devzone.audit.actions import created, save_audited, snapshot, updated
from devzone.land.models import Building, FactoryUnit, Lease, Parcel
from devzone.land.records import Lease as LeaseRecord
from devzone.land.records import check_leases

if TYPE_CHECKING:
    from devzone.accounts.models import User


def add_building(
    parcel: Parcel, *, number: str, floors: int, floor_area_m2: float, leasable_m2: float, operator: str = "",
    actor: User | None, source: str,
) -> Building:  # fmt: skip
    """A 标准厂房 on ``parcel``."""
    building = Building(
        zone_id=parcel.zone_id, parcel=parcel, number=number, floors=floors, floor_area_m2=floor_area_m2,
        leasable_m2=leasable_m2, operator=operator,
    )  # fmt: skip
    building.full_clean()
    with transaction.atomic():
        building.save()
        created(building, actor=actor, source=source)
    return building


def add_unit(
    building: Building, *, floor: int, number: str, area_m2: float, vacant_since: dt.date | None = None,
    actor: User | None, source: str,
) -> FactoryUnit:  # fmt: skip
    unit = FactoryUnit(zone_id=building.zone_id, building=building, floor=floor, number=number, area_m2=area_m2,
                       vacant_since=vacant_since)  # fmt: skip
    unit.full_clean()
    with transaction.atomic():
        unit.save()
        created(unit, actor=actor, source=source)
    return unit


def _record(lease: Lease, units: list[str]) -> LeaseRecord:
    return LeaseRecord(
        id=lease.tenant_name or lease.tenant_uscc,  # the message names a lease by its tenant
        building_id=str(lease.building_id), units=tuple(units), tenant_uscc=lease.tenant_uscc,
        leased_m2=lease.leased_m2, start=lease.start, ended_on=lease.ended_on,
    )  # fmt: skip


def add_lease(
    building: Building, *, units: list[FactoryUnit], tenant_uscc: str, tenant_name: str = "", leased_m2: float,
    start: dt.date, ended_on: dt.date | None = None, producing_since: dt.date | None = None,
    used_m2: float | None = None, actor: User | None, source: str,
) -> Lease:  # fmt: skip
    """A lease of ``units``; refused (``LandInputError``) when it overlaps another lease of a unit."""
    lease = Lease(
        zone_id=building.zone_id, building=building, tenant_uscc=tenant_uscc, tenant_name=tenant_name,
        leased_m2=leased_m2, start=start, ended_on=ended_on, producing_since=producing_since, used_m2=used_m2,
    )  # fmt: skip
    lease.full_clean()
    with transaction.atomic():
        others = Lease.objects.select_for_update().filter(building=building).prefetch_related("units")
        records = [_record(x, [u.number for u in x.units.all()]) for x in others]
        check_leases([*records, _record(lease, [u.number for u in units])])
        lease.save()
        lease.units.set(units)
        created(lease, actor=actor, source=source)
    return lease


BUILDING_FIELDS = ("number", "floors", "floor_area_m2", "leasable_m2", "operator")
LEASE_FIELDS = ("tenant_name", "leased_m2", "ended_on", "producing_since", "used_m2")


def update_building(building: Building, *, actor: User | None, source: str, **values: object) -> Building:
    """Change a building's 幢号, floors, areas or operator (audited with the values before)."""
    unknown = set(values) - set(BUILDING_FIELDS)
    if unknown:
        raise TypeError(f"not a building field: {sorted(unknown)}")
    for key, value in values.items():
        setattr(building, key, value)
    return save_audited(building, actor=actor, source=source)


def update_lease(lease: Lease, *, actor: User | None, source: str, **values: object) -> Lease:
    """Record a lease's end (退租), production start, inspection (used m²) or area; refused
    (``LandInputError``) when the changed dates make it overlap another lease of one of its units."""
    unknown = set(values) - set(LEASE_FIELDS)
    if unknown:
        raise TypeError(f"not a lease field: {sorted(unknown)}")
    before = snapshot(Lease.objects.get(pk=lease.pk))
    for key, value in values.items():
        setattr(lease, key, value)
    lease.full_clean()
    with transaction.atomic():
        others = (
            Lease.objects.select_for_update().filter(building_id=lease.building_id).exclude(pk=lease.pk)
            .prefetch_related("units")
        )  # fmt: skip
        records = [_record(x, [u.number for u in x.units.all()]) for x in others]
        check_leases([*records, _record(lease, [u.number for u in lease.units.all()])])
        lease.save()
        updated(lease, before=before, actor=actor, source=source)
    return lease
