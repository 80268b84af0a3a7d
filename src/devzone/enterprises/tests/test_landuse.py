"""Inefficient-land candidates (低效用地), worked by hand."""

from __future__ import annotations

import ibis
import pyarrow as pa

from devzone.enterprises.landuse import candidates
from devzone.enterprises.method import LandRules
from devzone.enterprises.tests.rows import arrow, row

RULES = LandRules(tax_per_mu_floor=1.0, consecutive_evaluations=2, no_tax_years=2, idle_space_share=0.5)
ROWS = [
    # L1: 亩均税收 0.8 then 0.9 (< 1 twice) → low_tax in 2023
    row("L1", year=2022, tax=8.0, sales=500.0, electricity_kwh=1e5),
    row("L1", year=2023, tax=9.0, sales=500.0, electricity_kwh=1e5),
    # L2: below the floor in 2021 and 2023 only (gap in 2022) → not consecutive
    row("L2", year=2021, tax=5.0, sales=500.0, electricity_kwh=1e5),
    row("L2", year=2023, tax=5.0, sales=500.0, electricity_kwh=1e5),
    # L3: sells but pays no tax two years running → no_tax (and low_tax: 0 < 1 twice)
    row("L3", year=2022, tax=0.0, sales=300.0, electricity_kwh=1e5),
    row("L3", year=2023, tax=0.0, sales=300.0, electricity_kwh=1e5),
    # L4: no sales, still draws power → not_producing
    row("L4", year=2023, tax=50.0, sales=0.0, electricity_kwh=2e4),
    # L5: nothing at all → zombie (low_tax needs two years, so not that)
    row("L5", year=2023, tax=0.0, sales=0.0, electricity_kwh=None),
    # L6: healthy
    row("L6", year=2023, tax=300.0, sales=5000.0, electricity_kwh=1e6),
]


def flagged(table: pa.Table) -> list[tuple[str, str]]:
    out = candidates(ibis.memtable(table), RULES, year=2023).to_pyarrow().to_pylist()
    return [(r["uscc"], r["rule"]) for r in out]


def test_candidates() -> None:
    assert flagged(arrow(ROWS)) == [
        ("L1", "low_tax"),
        ("L3", "low_tax"),
        ("L3", "no_tax"),
        ("L4", "not_producing"),
        ("L5", "zombie"),
    ]


def test_idle_standard_factory_space_when_the_data_allows() -> None:
    table = arrow(ROWS).append_column("floor_area_m2", pa.array([1000.0] * len(ROWS)))
    table = table.append_column("used_area_m2", pa.array([900.0] * (len(ROWS) - 1) + [300.0]))
    assert ("L6", "idle_space") in flagged(table)
    assert ("L1", "idle_space") not in flagged(table)
