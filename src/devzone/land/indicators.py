"""Zone land indicators: the 开发区土地集约利用评价 set (TD/T 1029), 工业用地产出强度 and 标准厂房使用率.

Sums are taken with :func:`math.fsum` (exactly rounded), so an indicator does not depend on the order
of the rows. Land classes (TD/T 1029): A 已建成 (A1 住宅, A2 工矿仓储, …), B 未建成 (B21 达到供地条件,
B22 未达到), D 已供应 (D1 划拨, D21 有偿未到期, D22 有偿到期未处置), G 认定闲置 (idle cases 认定 and not
closed at the as-of date). Firms count on the land they hold or lease (a tenant of a 标准厂房 counts on
the parcel under it), each firm once.

References
----------
国土资源部, 开发区土地集约利用评价规程, TD/T 1029 (indicator definitions as used in a public 2015
implementation); 遵义市开发区高质量发展实施方案 (产出强度 500 / 300 万元/亩, 标准厂房使用率 90 %).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from devzone.land.geometry import HA_PER_M2, MU_PER_M2
from devzone.land.method import LandMethod
from devzone.land.records import SUPPLIED, Building, Case, FirmYear, LandInputError, Lease, Parcel, Unit


@dataclass(frozen=True)
class Figure:
    """One indicator: its value (None when the denominator is 0), unit, numerator and denominator."""

    code: str
    label: str
    value: float | None
    unit: str
    numerator: float
    denominator: float


def _figure(code: str, label: str, num: float, den: float, unit: str) -> Figure:
    """``num / den`` (× 100 for a percentage)."""
    factor = 100.0 if unit == "%" else 1.0
    return Figure(code, label, num / den * factor if den else None, unit, num, den)


def _sum(values: Iterable[float]) -> float:
    return math.fsum(values)


def firms_by_uscc(firms: Iterable[FirmYear], year: int) -> dict[str, FirmYear]:
    """The firms' rows of ``year`` by USCC; a firm given twice for the year is refused."""
    found: dict[str, FirmYear] = {}
    twice = []
    for firm in firms:
        if firm.year == year:
            if firm.uscc in found:
                twice.append(f"企业 {firm.uscc}：{year} 年的数据出现了两次")
            found[firm.uscc] = firm
    if twice:
        raise LandInputError(twice)
    return found


def operating(lease: Lease, firms: Mapping[str, FirmYear], on: date) -> bool:
    """A lease whose tenant produces at ``on`` and is not a 僵尸 in the year's figures."""
    firm = firms.get(lease.tenant_uscc)
    producing = lease.producing_since is not None and lease.producing_since <= on
    return lease.active(on) and producing and not (firm is not None and firm.zombie)


def factory_use(
    buildings: Sequence[Building],
    units: Sequence[Unit],
    leases: Sequence[Lease],
    firms: Mapping[str, FirmYear],
    *,
    on: date,
    basis: str,
) -> Figure:
    """标准厂房使用率 of ``buildings`` at ``on`` (%).

    ``operating``: m² leased to producing tenants / leasable m²; ``leased``: all leased m²;
    ``inspected``: producing tenants' used m² (leased m² where not inspected); ``units``: units under
    an active lease / all units.
    """
    ids = {b.id for b in buildings}
    active = [x for x in leases if x.building_id in ids and x.active(on)]
    leasable = _sum(b.leasable_m2 for b in buildings)
    label = "标准厂房使用率"
    if basis == "units":
        mine = [u for u in units if u.building_id in ids]
        held = {(x.building_id, u) for x in active for u in x.units}
        return _figure("factory_use_rate", label, len([u for u in mine if (u.building_id, u.id) in held]),
                       len(mine), "%")  # fmt: skip
    if basis == "leased":
        return _figure("factory_use_rate", label, _sum(x.leased_m2 for x in active), leasable, "%")
    producing = [x for x in active if operating(x, firms, on)]
    if basis == "inspected":
        used = _sum(x.used_m2 if x.used_m2 is not None else x.leased_m2 for x in producing)
        return _figure("factory_use_rate", label, used, leasable, "%")
    return _figure("factory_use_rate", label, _sum(x.leased_m2 for x in producing), leasable, "%")


def idle_area_m2(cases: Iterable[Case], on: date) -> float:
    """G: area of idle land 认定 by ``on`` and not yet 处置完成 at ``on``."""
    return _sum(
        c.area_m2
        for c in cases
        if c.kind == "idle"
        and c.decided_on is not None
        and c.decided_on <= on
        and (c.closed_on is None or c.closed_on > on)
    )


def zone_type(a2_m2: float, residential_m2: float, built_m2: float, method: LandMethod) -> str:
    """工业主导型 / 产城融合型 / 其他 from the shares of A2 and 住宅 (A1) in A.

    >>> from devzone.land.method_load import resolve
    >>> m = resolve("zunyi-seed")
    >>> zone_type(75_000, 0, 105_000, m), zone_type(20_000, 40_000, 100_000, m), zone_type(0, 0, 0, m)
    ('工业主导型', '产城融合型', '其他')
    """
    if not built_m2:
        return "其他"
    industrial, residential = a2_m2 / built_m2, residential_m2 / built_m2
    rules = method.zone_type
    if industrial > rules.industrial_share and residential < rules.residential_share:
        return "工业主导型"
    if industrial <= rules.industrial_share and residential >= rules.residential_share:
        return "产城融合型"
    return "其他"


@dataclass(frozen=True)
class ZoneLand:
    """The zone's land indicators of a year (by code) and its type."""

    figures: Mapping[str, Figure]
    zone_type: str


@dataclass
class _Sums:
    """The land columns of one pass over the parcels, as lists summed exactly afterwards."""

    a: list[float] = field(default_factory=list)
    a1: list[float] = field(default_factory=list)
    a2: list[float] = field(default_factory=list)
    b: list[float] = field(default_factory=list)
    b21: list[float] = field(default_factory=list)
    d: list[float] = field(default_factory=list)
    supplied_industrial: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    footprint: list[float] = field(default_factory=list)
    a2_floor: list[float] = field(default_factory=list)
    a2_cover: list[float] = field(default_factory=list)
    a_firms: set[str] = field(default_factory=set)
    a2_firms: set[str] = field(default_factory=set)


def _pass(parcels: Iterable[Parcel], factory_parcels: Mapping[str, set[str]]) -> _Sums:
    """One pass over the parcels; ``factory_parcels`` are the tenants on each parcel with buildings."""
    s = _Sums()
    for p in parcels:
        area, code = p.area_m2, p.build_class
        if p.supply_class in SUPPLIED:
            s.d.append(area)
            if p.is_industrial:
                s.supplied_industrial.append(area)
        if code[0] == "B":
            s.b.append(area)
            if code == "B21":
                s.b21.append(area)
            continue
        if code[0] != "A":
            continue
        s.a.append(area)
        s.floor.append(p.floor_area_m2)
        s.footprint.append(p.footprint_m2)
        extra = factory_parcels.get(p.id)
        s.a_firms.add(p.holder_uscc)
        if extra:
            s.a_firms.update(extra)
        if code == "A1":
            s.a1.append(area)
        elif code == "A2":
            s.a2.append(area)
            s.a2_floor.append(p.floor_area_m2)
            s.a2_cover.append(p.footprint_m2 + p.yard_m2)
            s.a2_firms.add(p.holder_uscc)
            if extra:
                s.a2_firms.update(extra)
    s.a_firms.discard("")
    s.a2_firms.discard("")
    return s


def zone_indicators(
    parcels: Sequence[Parcel],
    firms: Iterable[FirmYear],
    *,
    year: int,
    on: date,
    method: LandMethod,
    buildings: Sequence[Building] = (),
    units: Sequence[Unit] = (),
    leases: Sequence[Lease] = (),
    cases: Sequence[Case] = (),
) -> ZoneLand:
    """Every zone land indicator of ``year`` at the as-of date ``on``."""
    by_uscc = firms_by_uscc(firms, year)
    building_parcel = {b.id: b.parcel_id for b in buildings}
    tenants: dict[str, set[str]] = {b.parcel_id: set() for b in buildings}
    for lease in leases:
        if lease.active(on) and lease.building_id in building_parcel:
            tenants[building_parcel[lease.building_id]].add(lease.tenant_uscc)
    s = _pass(parcels, tenants)
    a_m2, a2_m2, b21_m2, d_m2 = _sum(s.a), _sum(s.a2), _sum(s.b21), _sum(s.d)
    a2_firms = [by_uscc[u] for u in s.a2_firms if u in by_uscc]
    a_firms = [by_uscc[u] for u in s.a_firms if u in by_uscc]
    invest = _sum(f.fixed_invest_wan for f in a2_firms)
    a2_tax = _sum(f.tax_wan for f in a2_firms)
    rule = method.output_intensity
    produced = _sum(f.output_wan if rule.measure == "output" else f.revenue_wan for f in a2_firms)
    output_den = a2_m2 if rule.denominator == "built" else _sum(s.supplied_industrial)
    figures = [
        _figure("land_development_rate", "土地开发率", a_m2 + b21_m2, a_m2 + _sum(s.b), "%"),
        _figure("land_supply_rate", "土地供应率", d_m2, a_m2 + b21_m2, "%"),
        _figure("land_built_rate", "土地建成率", a_m2, d_m2, "%"),
        _figure("industrial_land_rate", "工业用地率", a2_m2, a_m2, "%"),
        _figure("far", "综合容积率", _sum(s.floor), a_m2, ""),
        _figure("building_density", "建筑密度", _sum(s.footprint), a_m2, "%"),
        _figure("industrial_far", "工业用地综合容积率", _sum(s.a2_floor), a2_m2, ""),
        _figure("industrial_coverage", "工业用地建筑系数", _sum(s.a2_cover), a2_m2, "%"),
        _figure(
            "industrial_invest_per_ha", "工业用地固定资产投入强度", invest, a2_m2 * HA_PER_M2, "万元/公顷"
        ),
        _figure("industrial_invest_per_mu", "工业用地固定资产投入强度", invest, a2_m2 * MU_PER_M2, "万元/亩"),
        _figure("industrial_tax_per_ha", "工业用地地均税收", a2_tax, a2_m2 * HA_PER_M2, "万元/公顷"),
        _figure("industrial_tax_per_mu", "工业用地地均税收", a2_tax, a2_m2 * MU_PER_M2, "万元/亩"),
        _figure(
            "tax_per_ha", "综合地均税收", _sum(f.tax_wan for f in a_firms), a_m2 * HA_PER_M2, "万元/公顷"
        ),
        _figure("idle_rate", "土地闲置率", idle_area_m2(cases, on), d_m2, "%"),
        _figure("output_intensity", "工业用地产出强度", produced, output_den * MU_PER_M2, "万元/亩"),
        factory_use(buildings, units, leases, by_uscc, on=on, basis=method.factory_use.basis),
    ]
    return ZoneLand({f.code: f for f in figures}, zone_type(a2_m2, _sum(s.a1), a_m2, method))
