"""Benchmark of the cultivation-pools engines (issue 18, criterion 8).

* The pre-screen: 200,000 enterprise-years (50,000 firms × 2021–2024, every year screened) against every
  shipped criteria set — the data read by one Ibis query on DuckDB, then every criterion of every set as
  array operations; verdicts for all 1.6 million enterprise-year × set pairs materialised. Baseline in
  the same run: the same compiled criteria evaluated by a per-enterprise Python loop
  (:func:`devzone.pools.screen.screen_py`) on a sample of 1,000 firms, its time scaled linearly to all
  firms; the sample's verdicts must equal the engine's. Goals: ≤ 5 s and ≥ 20×.
* Year-end counts (:func:`devzone.pools.yearend.year_end`): 高企 and 科技型 histories of 50,000 firms in
  60 zones (moves, revocations, lapses), 2015–2024 × all zones × both kinds, goal ≤ 1 s; baseline: a
  per-year Python loop over the records computing the stocks, which must equal the engine's.

Each engine is timed ``REPEATS`` times (best kept); wall time and process CPU time are both reported,
because on a shared machine the wall time mostly measures the other processes.

``DEVZONE_BENCH_SCALE`` (0, 1] shrinks the population.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from typing import Any

import ibis
import numpy as np
import pyarrow as pa

from devzone.pools.screen import screen, screen_py
from devzone.pools.sets_load import all_shipped
from devzone.pools.yearend import year_end

SEED = 20261202
FIRMS = 50_000
YEARS = (2021, 2022, 2023, 2024)
SAMPLE = 1_000
REPEATS = 3


def _scale() -> float:
    value = float(os.environ.get("DEVZONE_BENCH_SCALE", "1"))
    if not 0 < value <= 1:
        raise SystemExit(f"DEVZONE_BENCH_SCALE must be in (0, 1], got {value!r}")
    return value


def population(firms: int, rng: np.random.Generator) -> pa.Table:
    """Enterprise-years with every field the criteria read: log-normal sizes, growth, gaps and flags."""
    n = firms * len(YEARS)
    firm = np.repeat(np.arange(firms), len(YEARS))
    year = np.tile(np.array(YEARS), firms)
    base = rng.lognormal(8.0, 1.3, firms)[firm]
    growth = rng.normal(0.10, 0.15, firms)[firm]
    sales = np.round(base * (1 + growth) ** (year - YEARS[0]), 1)
    rd = np.round(sales * rng.uniform(0.0, 0.09, firms)[firm] * rng.uniform(0.8, 1.2, n), 1)
    employees = np.maximum(5, np.round(sales / rng.uniform(20, 120, firms)[firm])).astype(np.int64)
    assets = np.round(sales * rng.uniform(0.6, 2.0, firms)[firm], 1)
    debt = rng.uniform(0.2, 0.9, n)
    main = np.round(sales * rng.uniform(0.5, 1.0, firms)[firm], 1)

    def holes(values: np.ndarray, share: float) -> pa.Array:
        return pa.array(values, mask=rng.random(n) < share)

    def counts(lam: float) -> pa.Array:
        return holes(rng.poisson(lam, firms)[firm].astype(np.int64), 0.05)

    registered = np.array(
        [dt.date(1995, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 9500, firms)]
    )
    flags = rng.random(n)
    zones = np.array([f"Z{z:02d}" for z in range(40)])
    return pa.table({
        "year": pa.array(year, pa.int64()),
        "uscc": pa.array([f"U{f:08d}" for f in firm]),
        "zone": pa.array(zones[firm % len(zones)]),
        "sales": pa.array(sales), "revenue": pa.array(sales), "main_revenue": pa.array(main),
        "rd_expense": holes(rd, 0.03), "rd_domestic": pa.array(np.round(rd * 0.9, 1)),
        "employees": pa.array(employees), "st_staff": pa.array((employees * rng.uniform(0.02, 0.4, n)).astype(np.int64)),
        "rd_staff": pa.array((employees * rng.uniform(0.01, 0.3, n)).astype(np.int64)),
        "cost_total": pa.array(np.round(sales * rng.uniform(0.7, 1.0, n), 1)),
        "total_assets": pa.array(assets), "total_liabilities": pa.array(np.round(assets * debt, 1)),
        "net_profit": pa.array(np.round(sales * rng.normal(0.06, 0.05, n), 1)),
        "total_income": pa.array(sales), "hightech_income": holes(np.round(sales * rng.uniform(0.2, 0.9, n), 1), 0.3),
        "registered_on": pa.array(registered[firm]), "segment_start": pa.array(registered[firm]),
        "ip_i": counts(1.5), "ip_i_self": counts(1.0), "ip_i_high": counts(0.2), "ip_ii": counts(3.0),
        "ip_ii_unused": counts(2.0), "transformations_3y": counts(6.0),
        "equity_raised": holes(np.round(rng.exponential(300, n) * (flags < 0.1), 1), 0.1),
        "market_share_national": holes(rng.uniform(0, 0.2, n), 0.5),
        "sei_category": pa.array(np.where(rng.random(n) < 0.4, "2.1", "")),
        "digital_level": counts(2.0), "quality_items": counts(1.5), "rd_institution_level": counts(1.2),
        "product_field_points": holes(rng.choice([0, 3, 5], n).astype(np.int64), 0.4),
        "major_incident": pa.array(flags < 0.01), "credit_abnormal": pa.array(flags > 0.995),
        "holds_hte": pa.array(rng.random(n) < 0.2), "holds_tsme": pa.array(rng.random(n) < 0.3),
        "holds_innov_sme": pa.array(rng.random(n) < 0.3), "holds_srdi_sme": pa.array(rng.random(n) < 0.15),
    })  # fmt: skip


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    out, wall, _ = _clocked(fn)
    return out, wall


def _clocked(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """The result, the wall time and the process CPU time (all threads) — on a shared machine the CPU
    time shows what the wall time would be without the other processes."""
    start, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - start, time.process_time() - cpu


def _figure(name: str, value: float, unit: str, baseline: str | None, base: float | None) -> dict[str, Any]:
    return {"name": name, "value": value, "unit": unit, "baseline": baseline, "baseline_value": base,
            "ratio": base / value if base else None}  # fmt: skip


def bench_screen(scale: float) -> list[dict[str, Any]]:
    firms = max(100, int(FIRMS * scale))
    data = population(firms, np.random.default_rng(SEED))
    sets = all_shipped()
    con = ibis.duckdb.connect()
    table = con.create_table("firm_years", data)
    best, best_cpu = float("inf"), float("inf")
    result = None
    for _ in range(REPEATS):
        result, took, cpu = _clocked(lambda: screen(table, sets))
        best, best_cpu = min(best, took), min(best_cpu, cpu)
    assert result is not None and result.verdicts.num_rows == data.num_rows * len(sets)
    sample = min(SAMPLE, firms)
    rows = data.slice(0, sample * len(YEARS)).to_pylist()
    (loop_verdicts, _), loop, loop_cpu = _clocked(lambda: screen_py(rows, sets))
    loop_all, loop_all_cpu = loop * firms / sample, loop_cpu * firms / sample
    engine = {
        (r["uscc"], r["year"], r["set_id"]): r["verdict"]
        for r in result.verdicts.filter(
            pa.compute.is_in(result.verdicts["uscc"], pa.array(sorted({r["uscc"] for r in rows})))
        ).to_pylist()
    }
    for v in loop_verdicts:
        assert engine[(v["uscc"], v["year"], v["set_id"])] == v["verdict"], v
    return [
        _figure(
            f"pools pre-screen, {data.num_rows:,} enterprise-years × {len(sets)} criteria sets",
            best, "s", f"per-enterprise Python loop ({sample:,} firms, scaled)", loop_all,
        ),
        _figure("pools pre-screen, CPU time", best_cpu, "s", "the loop's CPU time", loop_all_cpu),
    ]  # fmt: skip


ZONES = 60
HISTORY = tuple(range(2015, 2025))


def histories(firms: int, rng: np.random.Generator) -> tuple[pa.Table, pa.Table]:
    """高企 and 科技型 histories over 2012–2024 for ``firms`` firms in ``ZONES`` zones, with moves and revocations."""
    rec: dict[str, list[Any]] = {
        k: [] for k in ("uscc", "kind", "valid_from", "valid_to", "revoked_effective_year", "eval_year")
    }
    mem: dict[str, list[Any]] = {k: [] for k in ("uscc", "zone", "start", "end")}
    firm_ids = [f"U{f:08d}" for f in range(firms)]
    first = rng.integers(2012, 2024, firms)
    for f, uscc in enumerate(firm_ids):
        zone = int(rng.integers(ZONES))
        moved = rng.random() < 0.05
        move_on = dt.date(int(rng.integers(2014, 2024)), 6, 1)
        mem["uscc"].append(uscc), mem["zone"].append(f"Z{zone:02d}"), mem["start"].append(dt.date(2010, 1, 1))
        mem["end"].append(move_on if moved else None)
        if moved:
            (
                mem["uscc"].append(uscc),
                mem["zone"].append(f"Z{(zone + 1) % ZONES:02d}"),
                mem["start"].append(move_on),
            )
            mem["end"].append(None)
        year = int(first[f])
        while year <= 2024:  # 高企: three-year certificates, renewed or lapsed, now and then revoked
            issued = dt.date(year, int(rng.integers(9, 13)), 1)
            revoked = year + 1 if rng.random() < 0.02 else None
            rec["uscc"].append(uscc), rec["kind"].append("hte"), rec["valid_from"].append(issued)
            rec["valid_to"].append(dt.date(year + 3, issued.month, 1) - dt.timedelta(days=1))
            rec["revoked_effective_year"].append(revoked), rec["eval_year"].append(None)
            year += 3 + (int(rng.integers(1, 3)) if rng.random() < 0.3 else 0)
        for y in range(2012, 2025):  # 科技型: a yearly entry
            if rng.random() < 0.3:
                (
                    rec["uscc"].append(uscc),
                    rec["kind"].append("tsme"),
                    rec["valid_from"].append(dt.date(y, 5, 1)),
                )
                rec["valid_to"].append(dt.date(y, 12, 31)), rec["revoked_effective_year"].append(None)
                rec["eval_year"].append(y)
    return pa.table(rec), pa.table(mem)


def _loop_counts(
    records: list[dict[str, Any]], members: list[dict[str, Any]], years: tuple[int, ...]
) -> dict[tuple[str, str, int], int]:
    """The hand-written baseline: for each year end, each firm's zone and titles looked up in Python."""
    zone_of: dict[str, list[tuple[dt.date, dt.date | None, str]]] = {}
    for m in members:
        zone_of.setdefault(m["uscc"], []).append((m["start"], m["end"], m["zone"]))
    stock: dict[tuple[str, str, int], set[str]] = {}
    for y in (years[0] - 1, *years):
        end = dt.date(y, 12, 31)
        for r in records:
            if r["revoked_effective_year"] is not None and r["revoked_effective_year"] <= y:
                continue
            ok = r["eval_year"] == y if r["kind"] == "tsme" else r["valid_from"] <= end <= r["valid_to"]
            if not ok:
                continue
            for start, stop, zone in zone_of.get(r["uscc"], []):
                if start <= end and (stop is None or stop > end):
                    stock.setdefault((zone, r["kind"], y), set()).add(r["uscc"])
    return {k: len(v) for k, v in stock.items() if k[2] in years}


def bench_counts(scale: float) -> list[dict[str, Any]]:
    firms = max(200, int(FIRMS * scale))
    records, members = histories(firms, np.random.default_rng(SEED + 1))
    best, best_cpu = float("inf"), float("inf")
    result = None
    for _ in range(REPEATS):
        result, took, cpu = _clocked(lambda: year_end(records, members, HISTORY))
        best, best_cpu = min(best, took), min(best_cpu, cpu)
    assert result is not None
    as_rows = records.to_pylist(), members.to_pylist()
    plain, loop, loop_cpu = _clocked(lambda: _loop_counts(*as_rows, HISTORY))
    got = {(r["zone"], r["kind"], r["year"]): r["stock"] for r in result.counts.to_pylist() if r["stock"]}
    assert got == plain
    return [
        _figure(
            f"pools year-end counts, {len(HISTORY)} years × {ZONES} zones × 2 kinds ({firms:,} firms, "
            f"{records.num_rows:,} records)", best, "s", "per-year Python loop over records (stock only)", loop,
        ),
        _figure("pools year-end counts, CPU time", best_cpu, "s", "the loop's CPU time", loop_cpu),
    ]  # fmt: skip


def run() -> list[dict[str, Any]]:
    scale = _scale()
    return bench_screen(scale) + bench_counts(scale)


if __name__ == "__main__":
    for fig in run():
        print(fig)
