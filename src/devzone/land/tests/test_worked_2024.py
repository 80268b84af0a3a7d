"""The land spec's worked example (示范高新区, as-of 2024-12-31), every figure as computed by hand there.

A = P1+P2+P6+P7+R1 = 105 000 m² (157.5 亩); A2 = 75 000 m² (112.5 亩); B21 = 78 000; B22 = 30 000;
D = 143 000; G = P3+P4 = 28 000. Percentages are asserted to the two decimals the spec prints.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import shapely
from pyproj import Geod

from devzone.land.crs import transformer
from devzone.land.factory import factory_findings
from devzone.land.geometry import mu, planar_area_m2
from devzone.land.idle import extension_allowed, idle_candidates
from devzone.land.indicators import factory_use, firms_by_uscc, zone_indicators
from devzone.land.inefficient import inefficient_candidates
from devzone.land.method_load import resolve
from devzone.land.records import LandInputError, Parcel, check_cases, check_leases
from devzone.land.revitalise import completion_rate, factory_relet_m2, idle_disposal_rate, revitalised_mu
from devzone.land.tests.worked import world

ON = date(2024, 12, 31)
END_2025 = date(2025, 12, 31)
METHOD = resolve("zunyi-seed")
P1_CORNERS = [(106.9009852, 27.7028878), (106.9030126, 27.7029039), (106.9029945, 27.7047084),
              (106.9009671, 27.7046923)]  # fmt: skip


def figures(on: date = ON, year: int = 2024, **options: str) -> dict[str, float | None]:
    w = world()
    method = replace(METHOD, output_intensity=replace(METHOD.output_intensity, **options))
    zone = zone_indicators(w.parcels, w.firms, year=year, on=on, method=method, buildings=w.buildings,
                           units=w.units, leases=w.leases, cases=w.cases)  # fmt: skip
    return {code: f.value for code, f in zone.figures.items()}


def test_p1_corners_and_areas_of_the_spec() -> None:
    east, north = world().raw["origin"]
    to_ll = transformer(4545, 4490)
    corners = shapely.get_coordinates(to_ll(shapely.box(east, north, east + 200, north + 200).exterior))
    expected = [P1_CORNERS[1], P1_CORNERS[2], P1_CORNERS[3], P1_CORNERS[0], P1_CORNERS[1]]  # box's ring order
    assert [tuple(round(v, 7) for v in xy) for xy in corners] == expected
    exact = to_ll(shapely.box(east, north, east + 200, north + 200))
    assert planar_area_m2(exact, 4545) == pytest.approx(40_000, abs=0.01)
    assert mu(planar_area_m2(exact, 4545)) == pytest.approx(60, abs=1e-5)
    # the spec's comparisons: ellipsoidal 39 988.4, wrong zone 40 150, Web Mercator 51 210
    assert Geod(ellps="GRS80").geometry_area_perimeter(exact)[0] == pytest.approx(39_988.4, abs=0.05)
    assert planar_area_m2(exact, 4546) == pytest.approx(40_150, abs=0.5)
    assert planar_area_m2(exact, 3857) == pytest.approx(51_210, abs=0.5)
    # the printed 7-decimal corners are within a few m² (5 mm per coordinate)
    assert planar_area_m2(shapely.Polygon(P1_CORNERS), 4545) == pytest.approx(40_000, abs=5)


def test_zone_indicators() -> None:
    f = figures()
    assert round(f["land_development_rate"], 2) == 85.92  # (105 000 + 78 000) / (105 000 + 108 000)
    assert round(f["land_supply_rate"], 2) == 78.14  # 143 000 / 183 000
    assert round(f["land_built_rate"], 2) == 73.43  # 105 000 / 143 000
    assert round(f["industrial_land_rate"], 2) == 71.43  # 75 000 / 105 000
    assert round(f["far"], 3) == 0.876  # 92 000 / 105 000
    assert round(f["building_density"], 2) == 34.29  # 36 000 / 105 000
    assert f["industrial_far"] == pytest.approx(1.12)  # 84 000 / 75 000
    assert round(f["industrial_coverage"], 2) == 46.67  # 35 000 / 75 000
    assert f["industrial_invest_per_ha"] == pytest.approx(4_800)  # 36 000 / 7.5 ha
    assert f["industrial_invest_per_mu"] == pytest.approx(320)
    assert f["industrial_tax_per_ha"] == pytest.approx(225.6)  # 1 692 / 7.5 ha
    assert f["industrial_tax_per_mu"] == pytest.approx(15.04)
    assert round(f["tax_per_ha"], 2) == 165.90  # 1 742 / 10.5 ha
    assert round(f["idle_rate"], 2) == 19.58  # 28 000 / 143 000 (P5 excluded: government cause)
    assert round(f["output_intensity"], 2) == 618.67  # 69 600 / 112.5 亩
    assert f["factory_use_rate"] == pytest.approx(50.0)  # (6 000 + 3 000 + 3 000) / 24 000


def test_zone_type_and_output_targets() -> None:
    w = world()
    zone = zone_indicators(w.parcels, w.firms, year=2024, on=ON, method=METHOD, buildings=w.buildings,
                           units=w.units, leases=w.leases, cases=w.cases)  # fmt: skip
    assert zone.zone_type == "工业主导型"
    output = zone.figures["output_intensity"]
    assert (output.numerator, output.denominator) == (69_600, pytest.approx(112.5))
    assert output.value is not None and output.value >= METHOD.output_intensity.national_target
    supplied = figures(denominator="supplied")["output_intensity"]
    assert round(supplied, 2) == 410.62  # 69 600 / 169.5 亩: misses 500, meets 300
    assert METHOD.output_intensity.provincial_target <= supplied < METHOD.output_intensity.national_target


@pytest.mark.parametrize(
    ("basis", "expected"), [("operating", 50.0), ("leased", 75.0), ("inspected", 41.25), ("units", 75.0)]
)
def test_factory_use_options(basis: str, expected: float) -> None:
    w = world()
    use = factory_use(w.buildings, w.units, w.leases, firms_by_uscc(w.firms, 2024), on=ON, basis=basis)
    assert use.value == pytest.approx(expected)


def test_idle_land() -> None:
    found, exempt = idle_candidates(world().parcels, on=ON, method=METHOD)
    by_id = {c.parcel_id: c for c in found}
    assert set(by_id) == {"P3", "P4"}
    p3, p4 = by_id["P3"], by_id["P4"]
    assert p3.rule == "idle_not_started"
    assert (p3.fee_due, p3.recover_due) == (date(2023, 6, 30), date(2024, 6, 30))
    assert p3.fee_wan == 144.0 and p3.recover is True  # 20 % × 720; 无偿收回 candidate
    assert p4.rule == "idle_stalled"  # 1 200 / 6 000 = 20 % < 1/3; 1 200 / 8 000 = 15 % < 25 %
    assert any("20%，不足三分之一" in r for r in p4.reasons) and any("15%，不足25%" in r for r in p4.reasons)
    assert (p4.fee_due, p4.recover_due) == (date(2024, 3, 1), date(2025, 3, 1))
    assert p4.fee_wan == 108.0 and p4.recover is False  # 收回 candidate only from 2025-03-01
    assert [(e.parcel_id, e.rule) for e in exempt] == [("P5", "idle_not_started")]
    assert extension_allowed(date(2024, 6, 15), date(2025, 3, 31), METHOD)  # ≤ 2025-06-15


def test_parcel_checks_and_inefficient_candidates() -> None:
    w = world()
    idle, _ = idle_candidates(w.parcels, on=ON, method=METHOD)
    found = inefficient_candidates(w.parcels, w.firms, year=2024, on=ON, method=METHOD,
                                   idle=[c.parcel_id for c in idle], buildings=w.buildings)  # fmt: skip
    assert [c.parcel_id for c in found] == ["P2"]  # P1 none; P6 fine (its building fails 使用率)
    p2 = found[0]
    assert p2.rules == ("tax_floor_2y", "far_below")
    assert p2.reasons == (
        "连续 2 次亩均评价亩均税收低于 1 万元/亩或为 D 类：2023 年 0.80 万元/亩（D 类），2024 年 0.70 万元/亩（D 类）",
        "容积率 0.60 低于纺织业下限 0.8",  # 建筑系数 45 % passes
    )


def test_tenants() -> None:
    w = world()
    parcels = {p.id: p for p in w.parcels}
    found = factory_findings(w.buildings, w.units, w.leases, firms_by_uscc(w.firms, 2024), parcels,
                             on=ON, method=METHOD)  # fmt: skip
    kinds = {(f.kind, f.target) for f in found}
    assert kinds == {("租大用小", "L3"), ("僵尸", "L4"), ("闲置", "U7"), ("闲置", "U8")}
    t3 = next(f for f in found if f.target == "L3")
    assert t3.figures["used_share"] == pytest.approx(0.30)  # 900 / 3 000 < 50 %
    assert t3.figures["tax_per_m2_yuan"] == pytest.approx(20)  # < 50 元/m²
    assert t3.figures["land_equivalent_mu"] == pytest.approx(2.8125)  # 3 000 m² / 1.6
    assert round(t3.figures["tax_per_mu_equivalent"], 2) == 2.13  # clears a 1 万元 floor all the same
    per_m2 = {x.tenant_uscc: x.leased_m2 for x in w.leases}
    taxes = {f.uscc: f.tax_wan for f in w.firms if f.year == 2024}
    assert {t: taxes[t] * 10_000 / per_m2[t] for t in ("T1", "T2", "T3", "T4")} == {
        "T1": 200, "T2": 150, "T3": 20, "T4": 0,
    }  # fmt: skip


def test_disposal_and_revitalisation_in_2025() -> None:
    cases = world().cases
    start = date(2025, 1, 1)
    disposal = revitalised_mu(cases, start, END_2025, method=METHOD)
    assert disposal == pytest.approx(72)  # 24 + 18 + 30 亩 (处置口径)
    assert completion_rate(disposal, 100).value == pytest.approx(72)
    assert revitalised_mu(cases, start, END_2025, method=METHOD, metric="use") == pytest.approx(42)  # 24 + 18
    assert factory_relet_m2(cases, start, END_2025) == 3_000
    assert idle_disposal_rate(cases, start, END_2025).value == pytest.approx(100)  # 28 000 / 28 000
    assert idle_disposal_rate(cases, date(2024, 1, 1), ON).value == 0  # 0 / 28 000 at 2024-12-31
    assert revitalised_mu(cases, date(2024, 1, 1), ON, method=METHOD) == 0  # R3 for P5 is not 盘活


def test_indicators_at_the_end_of_2025() -> None:
    f = figures(on=END_2025, year=2025)
    assert f["idle_rate"] == 0
    assert f["factory_use_rate"] == pytest.approx(62.5)  # (12 000 + 3 000) / 24 000
    w = world()
    producing_t5 = [x if x.id != "L5" else type(x)(**{**x.__dict__, "producing_since": date(2025, 12, 1)})
                    for x in w.leases]  # fmt: skip
    firms = [f for f in w.firms if not (f.uscc == "T5" and f.year == 2025)]
    use = factory_use(
        w.buildings, w.units, producing_t5, firms_by_uscc(firms, 2025), on=END_2025, basis="operating"
    )
    assert use.value == pytest.approx(75.0)  # once T5 produces


def test_the_example_tables_pass_the_row_checks_and_bad_rows_are_refused() -> None:
    w = world()
    check_leases(w.leases)
    check_cases(w.cases)
    overlapping = replace(w.leases[5], start=date(2025, 3, 1))  # T6 moves in before T4 has left U5
    with pytest.raises(LandInputError) as error:
        check_leases([*w.leases[:5], overlapping])
    assert error.value.issues == (
        "单元 U5：租约 L6（自 2025-03-01 起）与租约 L4（2022-01-01 至 2025-03-31）重叠",
    )
    early = replace(w.cases[2], used_on=date(2025, 6, 1), closed_on=date(2025, 7, 1))
    with pytest.raises(LandInputError, match="盘活利用日期 2025-06-01 早于处置完成日期 2025-07-01"):
        check_cases([early])
    with pytest.raises(LandInputError, match="宗地 P9：面积应大于 0 平方米"):
        Parcel(id="P9", area_m2=0, build_class="A2")
