"""A tiny pure-Python land evaluator written from the spec's formulas, sharing nothing with the engine
but the record types: the expected value of :func:`devzone.land.indicators.zone_indicators`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from devzone.land.records import Building, Case, FirmYear, Lease, Parcel


def _ratio(num: float, den: float, scale: float = 1.0) -> float | None:
    return num / den * scale if den else None


def zone(
    parcels: Sequence[Parcel],
    firms: Sequence[FirmYear],
    buildings: Sequence[Building],
    leases: Sequence[Lease],
    cases: Sequence[Case],
    *,
    year: int,
    on: date,
) -> dict[str, float | None]:
    """Spec §C, default options (产出强度 on A2 with 工业总产值; 使用率 of producing tenants)."""

    def area(test: object) -> float:
        return sum(p.area_m2 for p in parcels if test(p))  # type: ignore[operator]

    a = area(lambda p: p.build_class.startswith("A"))
    a2 = area(lambda p: p.build_class == "A2")
    b = area(lambda p: p.build_class in ("B11", "B12", "B21", "B22"))
    b21 = area(lambda p: p.build_class == "B21")
    d = area(lambda p: p.supply_class in ("D1", "D21", "D22"))
    year_rows = {f.uscc: f for f in firms if f.year == year}

    def firms_on(classes: tuple[str, ...]) -> list[FirmYear]:
        ids = {p.id for p in parcels if p.build_class in classes}
        usccs = {p.holder_uscc for p in parcels if p.id in ids and p.holder_uscc}
        for lease in leases:
            building = next(x for x in buildings if x.id == lease.building_id)
            if (
                building.parcel_id in ids
                and lease.start <= on
                and (lease.ended_on is None or lease.ended_on > on)
            ):
                usccs.add(lease.tenant_uscc)
        return [year_rows[u] for u in usccs if u in year_rows]

    built = ("A1", "A2", "A31", "A32", "A4", "A51", "A52", "A6")
    on_a2, on_a = firms_on(("A2",)), firms_on(built)
    idle = sum(
        c.area_m2 for c in cases
        if c.kind == "idle" and c.decided_on and c.decided_on <= on and not (c.closed_on and c.closed_on <= on)
    )  # fmt: skip
    return {
        "land_development_rate": _ratio(a + b21, a + b, 100),
        "land_supply_rate": _ratio(d, a + b21, 100),
        "land_built_rate": _ratio(a, d, 100),
        "industrial_land_rate": _ratio(a2, a, 100),
        "far": _ratio(sum(p.floor_area_m2 for p in parcels if p.build_class in built), a),
        "building_density": _ratio(sum(p.footprint_m2 for p in parcels if p.build_class in built), a, 100),
        "industrial_far": _ratio(sum(p.floor_area_m2 for p in parcels if p.build_class == "A2"), a2),
        "industrial_coverage": _ratio(
            sum(p.footprint_m2 + p.yard_m2 for p in parcels if p.build_class == "A2"), a2, 100
        ),
        "industrial_invest_per_ha": _ratio(sum(f.fixed_invest_wan for f in on_a2), a2 / 10_000),
        "industrial_tax_per_mu": _ratio(sum(f.tax_wan for f in on_a2), a2 / 10_000 * 15),
        "tax_per_ha": _ratio(sum(f.tax_wan for f in on_a), a / 10_000),
        "idle_rate": _ratio(idle, d, 100),
        "output_intensity": _ratio(sum(f.output_wan for f in on_a2), a2 / 10_000 * 15),
    }
