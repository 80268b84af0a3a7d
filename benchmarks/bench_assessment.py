"""Benchmark: rank uncertainty of 3,000 zones × 60 indicators × 10,000 Monte Carlo samples.

Vectorised (``run_uncertainty``: Z matrices per choice, chunked matrix products, one argsort per chunk)
against the COINr pattern of rebuilding the whole index per sample (``rebuild_sample``), measured in the
same run on a subsample and scaled to 10,000 samples.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from devzone.assessment.data import LongTable
from devzone.assessment.framework import build_framework
from devzone.assessment.mc import prepare
from devzone.assessment.pipeline import build_year
from devzone.assessment.uncertainty import draw, rebuild_sample, run_uncertainty

ZONES = 3000
CATEGORIES = 6
PER_CATEGORY = 10
SAMPLES = 10_000
BASELINE_SAMPLES = 4
SEED = 20250101


def _framework() -> Any:
    tree = [
        {
            "code": f"C{c}",
            "name": f"类别{c}",
            "weight": 1 + c,
            "children": [
                {
                    "code": f"i{c}_{k}",
                    "name": f"指标{c}_{k}",
                    "direction": 1 if k % 3 else -1,
                    "weight": 1 + k % 4,
                }
                for k in range(PER_CATEGORY)
            ],
        }
        for c in range(CATEGORIES)
    ]
    return build_framework(
        {
            "schema": "devzone.framework/1",
            "name": "bench",
            "tree": tree,
            "treat": "none",
            "uncertainty": {
                "spread": 0.25,
                "perturb": "aggregates",
                "normalisation": [
                    {"method": "minmax", "to": [1, 100]},
                    {"method": "zscore", "mean": 100, "sd": 5},
                ],
                "aggregation": ["arithmetic", "geometric"],
                "chunk": 1000,
            },
        },
        source="bench",
    )


def _table(fw: Any, rng: np.random.Generator) -> LongTable:
    values = rng.lognormal(mean=2.0, sigma=0.3, size=(ZONES, len(fw.indicators)))
    zones = [f"Z{z:05d}" for z in range(ZONES)]
    rows = [
        (zones[z], code, 2025, float(values[z, j]))
        for z in range(ZONES)
        for j, code in enumerate(fw.indicators)
    ]
    return LongTable.from_rows(rows, source="bench")


def run() -> list[dict[str, Any]]:
    """Time the vectorised Monte Carlo and the per-sample rebuild loop (scaled)."""
    rng = np.random.default_rng(SEED)
    fw = _framework()
    table = _table(fw, rng)
    t0 = time.perf_counter()
    result = run_uncertainty(
        fw, table=table, year=2025, rng=np.random.default_rng(SEED), seed=SEED, samples=SAMPLES
    )
    fast = time.perf_counter() - t0
    stages = build_year(fw, table=table, year=2025, attributes={})
    model = prepare(fw, stages=stages)
    d = draw(model, samples=BASELINE_SAMPLES, rng=np.random.default_rng(SEED))
    n_norm = len(model.normalisation)
    t0 = time.perf_counter()
    for s in range(BASELINE_SAMPLES):
        rebuild_sample(
            fw, table=table, year=2025, attributes={}, winmax=None,
            normalisation=model.normalisation[int(d.choice[s]) % n_norm],
            aggregation=model.aggregation[int(d.aggregation[s])],
            multipliers=dict(zip(model.perturbed, d.multipliers[s].tolist(), strict=True)),
        )  # fmt: skip
    per_sample = (time.perf_counter() - t0) / BASELINE_SAMPLES
    slow = per_sample * SAMPLES
    assert result.samples == SAMPLES
    return [
        {
            "name": f"assessment MC {ZONES} zones x {len(fw.indicators)} indicators x {SAMPLES} samples",
            "value": fast,
            "unit": "s",
            "baseline": f"per-sample rebuild loop (measured on {BASELINE_SAMPLES} samples, scaled to {SAMPLES})",
            "baseline_value": slow,
            "ratio": slow / fast,
        },
        {
            "name": "assessment per-sample rebuild",
            "value": per_sample,
            "unit": "s/sample",
            "baseline": None,
            "baseline_value": None,
            "ratio": None,
        },
    ]


if __name__ == "__main__":
    for fig in run():
        print(fig)
