"""Benchmark: target evaluation for 200 zones × 300 indicators × 10 years (60,000 targets).

Vectorised (``evaluate_batch``: masks per kind, one masked least-squares fit per row) against the
same evaluation done target by target with the scalar ``evaluate_target``, measured in the same run
on a random sample of targets and scaled to all of them. Data come from a seeded generator.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from devzone.indicators.evaluate import KIND_NAMES, TargetBatch, evaluate_batch
from devzone.indicators.targets import DIRECTIONS, Observation, Target, evaluate_target

ZONES = 200
INDICATORS = 300
YEARS = 10
BASE_YEAR = 2015
NOW = 2025.0
SAMPLE = 3000
REPEATS = 5
SEED = 20250505


def make_batch(rng: np.random.Generator) -> TargetBatch:
    """Plausible targets and observations: indicator k has kind k mod 8; 5 % of values missing."""
    n = ZONES * INDICATORS
    times = np.arange(BASE_YEAR + 1, BASE_YEAR + 1 + YEARS, dtype=np.float64)
    kind = np.tile(np.arange(INDICATORS) % len(KIND_NAMES), ZONES).astype(np.int64)
    names = np.array(KIND_NAMES)[kind]
    sign = np.where(
        np.isin(names, ["level", "multiple", "growth", "share", "net_increase"]) & (rng.random(n) < 0.2),
        -1.0,
        1.0,
    )
    deadline = np.where(rng.random(n) < 0.5, 2025.0, 2027.0)
    base = rng.lognormal(mean=5.0, sigma=1.0, size=n)
    growth = rng.normal(0.08, 0.05, size=(n, YEARS)) * sign[:, None]
    level = base[:, None] * np.exp(np.cumsum(growth, axis=1))
    totals = level / rng.uniform(0.2, 0.6, size=(n, 1))
    counts = rng.poisson(2.0, size=(n, YEARS)).astype(np.float64)
    ranks = np.clip(np.round(20 - np.cumsum(rng.normal(0.5, 1.0, size=(n, YEARS)), axis=1)), 1, 40)
    values = np.select(
        [np.isin(names, ["count_per_period", "cumulative"])[:, None], (names == "rank_change")[:, None]],
        [counts, ranks],
        default=level,
    )
    values[rng.random(values.shape) < 0.05] = np.nan
    base_value = np.select(
        [names == "share", names == "rank_change", np.isin(names, ["cumulative", "count_per_period"])],
        [rng.uniform(0.2, 0.5, size=n), np.full(n, 20.0), np.full(n, np.nan)],
        default=base,
    )
    plan_value = np.select(
        [names == "level", names == "multiple", names == "growth", names == "share", names == "net_increase",
         names == "cumulative", names == "count_per_period", names == "rank_change"],
        [base * np.where(sign > 0, 1.8, 0.7), np.where(sign > 0, 2.0, 0.5), 0.1 * sign, rng.uniform(0.3, 0.7, n),
         base * 0.5, 30.0 * np.ones(n), 2.0 * np.ones(n), np.ones(n)],
    )  # fmt: skip
    return TargetBatch(
        kind=kind,
        plan_value=plan_value,
        base_value=base_value,
        base_time=np.full(n, float(BASE_YEAR)),
        deadline=deadline,
        sign=sign,
        period=np.ones(n),
        times=times,
        values=values,
        totals=np.where(names == "share", 1.0, np.nan)[:, None] * totals,
    )


def scalar_inputs(batch: TargetBatch, rows: np.ndarray) -> list[tuple[Target, list[Observation]]]:
    """The same targets as scalar objects, for the baseline."""
    direction = {sign: name for name, sign in DIRECTIONS.items()}
    result = []
    for row in rows.tolist():
        base = float(batch.base_value[row])
        target = Target(
            kind=KIND_NAMES[int(batch.kind[row])],
            plan_value=float(batch.plan_value[row]),
            base_value=None if np.isnan(base) else base,
            base_time=float(batch.base_time[row]),
            deadline=float(batch.deadline[row]),
            direction=direction[int(batch.sign[row])],
        )
        totals = batch.totals[row] if batch.totals is not None else None
        series = [
            Observation(
                t=float(t),
                value=float(v),
                total=None if totals is None or np.isnan(totals[i]) else float(totals[i]),
            )
            for i, (t, v) in enumerate(zip(batch.times.tolist(), batch.values[row].tolist(), strict=True))
            if not np.isnan(v)
        ]
        result.append((target, series))
    return result


def run() -> list[dict[str, Any]]:
    """Time the batch evaluation (best of a few) and the scalar loop on a sample (scaled)."""
    rng = np.random.default_rng(SEED)
    batch = make_batch(rng)
    n = batch.kind.size
    fast = float("inf")
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        result = evaluate_batch(batch, now=NOW)
        fast = min(fast, time.perf_counter() - t0)
    rows = np.random.default_rng(SEED + 1).choice(n, size=SAMPLE, replace=False)
    inputs = scalar_inputs(batch, rows)
    t0 = time.perf_counter()
    statuses = [evaluate_target(target, series, now=NOW).status for target, series in inputs]
    per_target = (time.perf_counter() - t0) / SAMPLE
    slow = per_target * n
    names = result.status_names()
    mismatches = sum(names[row] != status for row, status in zip(rows.tolist(), statuses, strict=True))
    if mismatches:
        raise AssertionError(f"{mismatches} of {SAMPLE} sampled statuses differ between batch and scalar")
    return [
        {
            "name": f"indicators: evaluate {ZONES} zones x {INDICATORS} indicators x {YEARS} years ({n} targets)",
            "value": fast,
            "unit": "s",
            "baseline": f"target-by-target evaluate_target (measured on {SAMPLE} targets, scaled to {n}); seed {SEED}",
            "baseline_value": slow,
            "ratio": slow / fast,
        },
        {
            "name": "indicators: scalar evaluate_target per target",
            "value": per_target * 1e6,
            "unit": "µs/target",
            "baseline": None,
            "baseline_value": None,
            "ratio": None,
        },
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
