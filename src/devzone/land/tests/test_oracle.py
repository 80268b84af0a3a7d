"""The engine's zone indicators equal the oracle's (written from the formulas) on random zones."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.land.indicators import zone_indicators
from devzone.land.method_load import resolve
from devzone.land.records import BUILD_CLASSES, SUPPLY_CLASSES, Building, Case, FirmYear, Lease, Parcel
from devzone.land.tests import oracle
from devzone.land.tests.worked import world

METHOD = resolve("zunyi-seed")
ON = date(2024, 12, 31)


def random_world(
    rng: random.Random, n: int
) -> tuple[list[Parcel], list[FirmYear], list[Building], list[Lease], list[Case]]:
    parcels = [
        Parcel(id=f"P{i}", area_m2=rng.uniform(100, 5e4), build_class=rng.choice(BUILD_CLASSES),
               supply_class=rng.choice([*SUPPLY_CLASSES, None]), holder_uscc=rng.choice(["", f"F{i}", "F0"]),
               floor_area_m2=rng.uniform(0, 6e4), footprint_m2=rng.uniform(0, 2e4), yard_m2=rng.uniform(0, 5e3))
        for i in range(n)
    ]  # fmt: skip
    firms = [FirmYear(uscc=f"F{i}", year=rng.choice([2023, 2024]), tax_wan=rng.uniform(0, 500),
                      output_wan=rng.uniform(0, 9e3), fixed_invest_wan=rng.uniform(0, 9e3)) for i in range(n)]  # fmt: skip
    firms += [FirmYear(uscc=f"T{i}", year=2024, tax_wan=rng.uniform(0, 50), output_wan=rng.uniform(0, 900))
              for i in range(5)]  # fmt: skip
    buildings = [Building(id=f"B{k}", parcel_id=f"P{rng.randrange(n)}", floors=3, floor_area_m2=9e3,
                          leasable_m2=9e3) for k in range(3)]  # fmt: skip
    leases = [
        Lease(id=f"L{k}", building_id=f"B{rng.randrange(3)}", units=(f"U{k}",), tenant_uscc=f"T{k}",
              leased_m2=1e3, start=date(2023, 1, 1), ended_on=rng.choice([None, date(2024, 6, 30)]))
        for k in range(5)
    ]  # fmt: skip
    cases = [
        Case(id=f"C{k}", kind=rng.choice(["idle", "inefficient"]), target=f"P{k % n}", area_m2=rng.uniform(100, 9e3),
             decided_on=rng.choice([None, date(2024, 3, 1)]), closed_on=rng.choice([None, date(2024, 9, 1), date(2025, 1, 1)]))
        for k in range(4)
    ]  # fmt: skip
    return parcels, firms, buildings, leases, cases


def compare(parcels, firms, buildings, leases, cases) -> None:  # type: ignore[no-untyped-def]
    got = zone_indicators(parcels, firms, year=2024, on=ON, method=METHOD, buildings=buildings, leases=leases,
                          cases=cases).figures  # fmt: skip
    for code, expected in oracle.zone(parcels, firms, buildings, leases, cases, year=2024, on=ON).items():
        value = got[code].value
        if expected is None:
            assert value is None, code
        else:
            assert value == pytest.approx(expected, rel=1e-9, abs=1e-12), code


def test_the_oracle_agrees_on_the_worked_example() -> None:
    w = world()
    compare(list(w.parcels), list(w.firms), list(w.buildings), list(w.leases), list(w.cases))


@settings(max_examples=60, deadline=None)  # a few hundred rows through two evaluators on a shared machine
@given(st.randoms(use_true_random=False), st.integers(1, 120))
def test_the_engine_equals_the_oracle(rng: random.Random, n: int) -> None:
    compare(*random_world(rng, n))
