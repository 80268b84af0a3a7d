"""A stored run is bit-identical at any DuckDB thread count (issue 16, criterion 3)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from devzone.enterprises.method_load import resolve
from devzone.enterprises.store import result_rows, run_engine, summary
from devzone.enterprises.tests.rows import arrow
from devzone.enterprises.tests.strategies import population


def exact(value: Any) -> Any:
    """A value with every float spelt out to the bit (``float.hex``), so == compares bits, NaN included."""
    if isinstance(value, float):
        return ("float", value.hex() if not math.isnan(value) else "nan")
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [exact(v) for v in value]
    return (type(value).__name__, value)


def test_one_and_four_threads_store_the_same_bits() -> None:
    # ~27,000 enterprise-years over 3 years: with DuckDB's plain float sums (avg, sum), 1 and 4 threads
    # gave other last bits at this size — segment means, segment-mean points, league totals
    table = arrow(population(np.random.default_rng(16), n=10_000, years=(2022, 2023, 2024)))
    method = resolve("lyg-seed")  # segment means, segment-mean points for missing values, streak policies
    one, four = (run_engine(table, method, year=2024, threads=t) for t in (1, 4))
    assert exact(result_rows(one.results, method, zone_ids={})) == exact(
        result_rows(four.results, method, zone_ids={})
    )
    assert exact(summary(one)) == exact(summary(four))
    for name in ("results", "segments", "zones", "industries"):
        assert exact(getattr(one, name).to_pylist()) == exact(getattr(four, name).to_pylist()), name
