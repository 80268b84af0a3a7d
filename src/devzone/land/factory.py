"""标准厂房 findings: 租大用小 tenants, 僵尸 tenants and idle units, with the 亩均-equivalent land of a lease.

租大用小 (no published rule; thresholds are method values): a producing tenant whose inspected used m²
is below ``used_share_min`` of its leased m², or whose tax per leased m² is below
``tax_per_m2_min_yuan``. A tenant with no tax, no sales and no power in the year is a 僵尸 (that test
comes first). A unit under no active lease for ``vacancy_months`` is 闲置. Each finding opens an R9
腾退 case. The 亩均-equivalent land of a lease = leased m² ÷ the building parcel's 容积率. Pure: no Django.

References
----------
遵义市开发区高质量发展实施方案 ("开展闲置标准厂房和'僵尸企业'清理工作，对于产出效率低、'租大用小'的标准厂房予以腾退").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from devzone.land.dates import add_months
from devzone.land.geometry import MU_PER_M2
from devzone.land.method import LandMethod
from devzone.land.records import Building, FirmYear, Lease, Parcel, Unit


@dataclass(frozen=True)
class FactoryFinding:
    """``kind`` 租大用小 / 僵尸 (``target`` a lease) or 闲置 (``target`` a unit), with reasons and figures."""

    kind: str
    target: str
    building_id: str
    tenant_uscc: str
    reasons: tuple[str, ...]
    figures: Mapping[str, float] = field(default_factory=dict)


def land_equivalent_mu(leased_m2: float, far: float) -> float:
    """亩均-equivalent land of a lease: leased m² ÷ 容积率, in 亩.

    >>> land_equivalent_mu(3_000, 1.6)
    2.8125
    """
    return leased_m2 / far * MU_PER_M2


def _lease_finding(
    lease: Lease, firm: FirmYear | None, far: float, method: LandMethod
) -> FactoryFinding | None:
    if firm is not None and firm.zombie:
        return FactoryFinding("僵尸", lease.id, lease.building_id, lease.tenant_uscc,
                              (f"承租企业 {firm.year} 年无税收、无销售、无用电",))  # fmt: skip
    rule = method.factory
    tax = firm.tax_wan if firm is not None else 0.0
    per_m2 = tax * 10_000 / lease.leased_m2
    land_mu = land_equivalent_mu(lease.leased_m2, far) if far > 0 else 0.0
    figures = {"tax_per_m2_yuan": per_m2, "land_equivalent_mu": land_mu,
               "tax_per_mu_equivalent": tax / land_mu if land_mu else 0.0}  # fmt: skip
    reasons = []
    if lease.used_m2 is not None:
        share = lease.used_m2 / lease.leased_m2
        figures["used_share"] = share
        if share < rule.used_share_min:
            reasons.append(
                f"实际使用 {lease.used_m2:,.0f} 平方米，占租赁面积 {lease.leased_m2:,.0f} 平方米的 {share:.0%}，"
                f"不足 {rule.used_share_min:.0%}"
            )
    if per_m2 < rule.tax_per_m2_min_yuan:
        reasons.append(f"每平方米租赁面积税收 {per_m2:.0f} 元，低于 {rule.tax_per_m2_min_yuan:g} 元")
    if not reasons:
        return None
    return FactoryFinding("租大用小", lease.id, lease.building_id, lease.tenant_uscc, tuple(reasons), figures)


def factory_findings(
    buildings: Sequence[Building],
    units: Sequence[Unit],
    leases: Sequence[Lease],
    firms: Mapping[str, FirmYear],
    parcels: Mapping[str, Parcel],
    *,
    on: date,
    method: LandMethod,
) -> tuple[FactoryFinding, ...]:
    """Findings in ``buildings`` at ``on``; ``firms`` are the tenants' rows of the year by USCC."""
    found: list[FactoryFinding] = []
    far = {b.id: parcels[b.parcel_id].floor_area_m2 / parcels[b.parcel_id].area_m2 for b in buildings}
    active = [x for x in leases if x.building_id in far and x.active(on)]
    for lease in active:
        if lease.producing_since is None or lease.producing_since > on:
            continue  # fitting out: judged once it produces
        if finding := _lease_finding(lease, firms.get(lease.tenant_uscc), far[lease.building_id], method):
            found.append(finding)
    held = {(x.building_id, u) for x in active for u in x.units}
    months = method.factory_use.vacancy_months
    for unit in units:
        if unit.building_id not in far or (unit.building_id, unit.id) in held or unit.vacant_since is None:
            continue
        if add_months(unit.vacant_since, months) <= on:
            found.append(
                FactoryFinding("闲置", unit.id, unit.building_id, "",
                               (f"自 {unit.vacant_since.isoformat()} 空置，满 {months} 个月",), {"area_m2": unit.area_m2})
            )  # fmt: skip
    return tuple(found)
