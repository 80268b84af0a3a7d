"""The zone's land records read from the database into the engines' plain tables, and the engines run.

Parcels without a 建设状况 class are left out of the indicators (a plain outline file carries none) and
counted, so a page can say how many. An enterprise's year comes from the 亩均 data (``EnterpriseYear``):
税收, 销售收入 (also taken as 总收入 and, lacking a 工业总产值 column there, as 产值 — stated on the
page), 用电; its class is the latest final 亩均 class of that year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace

from devzone.enterprises.models import EnterpriseYear, MuResult, RunStatus
from devzone.land import records
from devzone.land.factory import FactoryFinding, factory_findings
from devzone.land.idle import IdleCandidate, IdleExemption, idle_candidates
from devzone.land.indicators import Figure, ZoneLand, firms_by_uscc, zone_indicators
from devzone.land.inefficient import InefficientCandidate, inefficient_candidates
from devzone.land.method import LandMethod
from devzone.land.models import Building, DisposalCase, FactoryUnit, Lease, Parcel
from devzone.land.revitalise import idle_disposal_rate, revitalised_mu
from devzone.orgs.models import Zone

# The parcel columns the engines and the lists read: read as plain rows, not model instances (building
# 5,000 instances twice cost the map's GeoJSON 0.9 s of its 2.0 s).
ROW_FIELDS = tuple(
    f.attname for f in Parcel._meta.concrete_fields if f.name not in {"geom_wkt", "created_at", "updated_at"}
)


class ParcelRow(SimpleNamespace):
    """A parcel as a plain row (the fields of :data:`ROW_FIELDS`), with the model's area properties."""

    area_m2 = property(Parcel.area_m2.fget)  # type: ignore[attr-defined]
    area_mu = property(Parcel.area_mu.fget)  # type: ignore[attr-defined]

    @property
    def pk(self) -> int:
        return int(self.id)


def parcel_rows(zone: Zone) -> list[ParcelRow]:
    return [ParcelRow(**row) for row in Parcel.objects.filter(zone=zone).values(*ROW_FIELDS)]


def parcel_record(p: Parcel | ParcelRow) -> records.Parcel:
    return records.Parcel(
        id=str(p.pk),
        area_m2=p.area_m2,
        build_class=p.build_class,
        supply_class=p.supply_class or None,
        is_industrial=p.is_industrial,
        industry_code=p.industry_code,
        holder_uscc=p.holder_uscc,
        reserve=p.reserve,
        floor_area_m2=p.floor_area_m2,
        footprint_m2=p.footprint_m2,
        yard_m2=p.yard_m2,
        office_land_m2=p.office_land_m2,
        price_wan=p.price_wan,
        contract_date=p.contract_date,
        agreed_start=p.agreed_start,
        agreed_finish=p.agreed_finish,
        started_on=p.started_on,
        stopped_on=p.stopped_on,
        completed_on=p.completed_on,
        footprint_required_m2=p.footprint_required_m2,
        footprint_built_m2=p.footprint_built_m2,
        invest_total_wan=p.invest_total_wan,
        invest_done_wan=p.invest_done_wan,
        gov_cause=p.gov_cause,
    )


def firm_years(zone: Zone, years: Iterable[int]) -> list[records.FirmYear]:
    """The zone's enterprises' figures of ``years``, with their final 亩均 class of the year."""
    wanted = sorted(set(years))
    classes: dict[tuple[str, int], str] = {}
    finals = MuResult.objects.filter(zone=zone, year__in=wanted, run__status=RunStatus.FINAL)
    for uscc, year, klass in finals.order_by("run__finalised_at", "pk").values_list(
        "uscc", "year", "final_class"
    ):
        classes[(uscc, year)] = klass  # the latest final run wins
    rows = EnterpriseYear.objects.filter(zone=zone, year__in=wanted).select_related("enterprise")
    return [
        records.FirmYear(
            uscc=y.enterprise.uscc,
            year=y.year,
            tax_wan=y.tax,
            output_wan=y.sales,
            revenue_wan=y.sales,
            sales_wan=y.sales,
            kwh=y.electricity_kwh or 0.0,
            mu_class=classes.get((y.enterprise.uscc, y.year)),
        )
        for y in rows
    ]


@dataclass(frozen=True)
class Factory:
    buildings: tuple[records.Building, ...]
    units: tuple[records.Unit, ...]
    leases: tuple[records.Lease, ...]


def factory_of(zone: Zone) -> Factory:
    buildings = [
        records.Building(
            id=str(b.pk),
            parcel_id=str(b.parcel_id),
            floors=b.floors,
            floor_area_m2=b.floor_area_m2,
            leasable_m2=b.leasable_m2,
        )
        for b in Building.objects.filter(zone=zone)
    ]
    units = [
        records.Unit(
            id=str(u.pk), building_id=str(u.building_id), area_m2=u.area_m2, vacant_since=u.vacant_since
        )
        for u in FactoryUnit.objects.filter(zone=zone)
    ]
    leases = [
        records.Lease(
            id=str(x.pk),
            building_id=str(x.building_id),
            units=tuple(str(u.pk) for u in x.units.all()),
            tenant_uscc=x.tenant_uscc,
            leased_m2=x.leased_m2,
            start=x.start,
            ended_on=x.ended_on,
            producing_since=x.producing_since,
            used_m2=x.used_m2,
        )
        for x in Lease.objects.filter(zone=zone).prefetch_related("units")
    ]
    return Factory(tuple(buildings), tuple(units), tuple(leases))


def case_records(zone: Zone) -> list[records.Case]:
    return [
        records.Case(
            id=str(c.pk),
            kind=c.kind,
            target=str(c.parcel_id or f"lease-{c.lease_id}"),
            area_m2=c.area_m2,
            route=c.route,
            decided_on=c.decided_on,
            closed_on=c.closed_on,
            used_on=c.used_on,
        )
        for c in DisposalCase.objects.filter(zone=zone)
    ]


@dataclass(frozen=True)
class ZoneLandYear:
    """What the zone's land page shows for a year: the indicators, 盘活, what was left out."""

    land: ZoneLand
    revitalised_mu: float
    used_mu: float
    idle_disposal: Figure
    parcels: int
    unclassed: int


def _classed(zone: Zone) -> tuple[list[ParcelRow], int]:
    rows = parcel_rows(zone)
    classed = [p for p in rows if p.build_class and p.area_m2 > 0]
    return classed, len(rows) - len(classed)


def zone_year(zone: Zone, *, year: int, on: dt.date, method: LandMethod) -> ZoneLandYear:
    """The zone's land indicators of ``year`` at ``on`` and its 盘活 area of the calendar year."""
    parcels, unclassed = _classed(zone)
    factory = factory_of(zone)
    cases = case_records(zone)
    land = zone_indicators(
        [parcel_record(p) for p in parcels],
        firm_years(zone, [year]),
        year=year,
        on=on,
        method=method,
        buildings=factory.buildings,
        units=factory.units,
        leases=factory.leases,
        cases=cases,
    )
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return ZoneLandYear(
        land=land,
        revitalised_mu=revitalised_mu(cases, start, end, method=method),
        used_mu=revitalised_mu(cases, start, end, method=method, metric="use"),
        idle_disposal=idle_disposal_rate(cases, start, end),
        parcels=len(parcels) + unclassed,
        unclassed=unclassed,
    )


@dataclass(frozen=True)
class Candidates:
    """The zone's candidates at ``on``: idle (with exemptions), inefficient, and 标准厂房 findings."""

    idle: tuple[IdleCandidate, ...]
    exempt: tuple[IdleExemption, ...]
    inefficient: tuple[InefficientCandidate, ...]
    factory: tuple[FactoryFinding, ...]
    parcels: dict[str, ParcelRow]


def candidates(zone: Zone, *, year: int, on: dt.date, method: LandMethod) -> Candidates:
    parcels, _ = _classed(zone)
    plain = [parcel_record(p) for p in parcels]
    idle, exempt = idle_candidates(plain, on=on, method=method)
    firms = firm_years(zone, range(year - 4, year + 1))
    factory = factory_of(zone)
    inefficient = inefficient_candidates(
        plain,
        firms,
        year=year,
        on=on,
        method=method,
        idle=[c.parcel_id for c in idle],
        buildings=factory.buildings,
    )
    by_id = {p.id: p for p in plain}
    tenants = firms_by_uscc(firms, year)
    found = factory_findings(
        factory.buildings, factory.units, factory.leases, tenants, by_id, on=on, method=method
    )
    return Candidates(idle, exempt, inefficient, found, {str(p.pk): p for p in parcels})
