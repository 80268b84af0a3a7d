"""Random enterprise populations for the oracle comparison and hypothesis strategies for invariants."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from devzone.enterprises.tests.rows import row

INDUSTRIES = ("3311", "2611", "4411", "1713", "3960")


def population(rng: np.random.Generator, *, n: int, years: tuple[int, ...]) -> list[dict[str, Any]]:
    """``n`` enterprises over ``years``, with gaps, zeros, missing values, vetoes and exemptions."""
    rows = []
    for i in range(n):
        scale = "above" if rng.random() < 0.6 else "below"
        land = float(np.round(rng.uniform(1.0, 60.0), 2))
        for year in years:
            if rng.random() < 0.1:
                continue  # not reported that year

            def maybe(value: float, p_missing: float = 0.1) -> float | None:
                return None if rng.random() < p_missing else float(np.round(value, 3))

            tax = float(np.round(rng.lognormal(3.0, 1.2), 3)) if rng.random() > 0.08 else 0.0
            sales = float(np.round(tax * rng.uniform(8, 40), 3))
            rows.append(
                row(
                    f"U{i:03d}",
                    year=year,
                    zone=("Z1", "Z2", "Z3")[i % 3],
                    industry_code=INDUSTRIES[int(rng.integers(len(INDUSTRIES)))],
                    scale=scale,
                    land_mu=land,
                    tax=tax,
                    sales=sales,
                    value_added=maybe(sales * rng.uniform(0.15, 0.4)),
                    energy_tce=maybe(rng.uniform(0.0, 500.0)),
                    emission_equiv=maybe(rng.uniform(0.0, 5.0), 0.3),
                    rd_expense=maybe(sales * rng.uniform(0.0, 0.06)),
                    employees=None if rng.random() < 0.1 else int(rng.integers(0, 400)),
                    electricity_kwh=maybe(rng.uniform(0.0, 5e6)),
                    veto="安全事故" if rng.random() < 0.08 else None,
                    exempt=("新建企业" if rng.random() < 0.5 else " ") if rng.random() < 0.1 else None,
                )
            )
    return rows


@st.composite
def firms(draw: st.DrawFn, *, min_size: int = 3, max_size: int = 14) -> list[dict[str, Any]]:
    """One year of 规上 and 规下 firms with distinct, positive data (no vetoes or exemptions)."""
    n = draw(st.integers(min_size, max_size))
    taxes = draw(
        st.lists(st.floats(0.0, 5000.0, allow_nan=False).map(lambda x: round(x, 2)), min_size=n, max_size=n)
    )
    out = []
    for i, tax in enumerate(taxes):
        land = draw(st.sampled_from([3.0, 5.0, 12.5, 40.0]))
        out.append(
            row(
                f"F{i:02d}",
                scale=draw(st.sampled_from(["above", "below"])),
                land_mu=land,
                tax=tax,
                sales=round(tax * 20 + 100, 2),
                value_added=round(tax * 5 + 10, 2),
                energy_tce=draw(st.sampled_from([None, 10.0, 80.0, 300.0])),
                emission_equiv=draw(st.sampled_from([None, 0.5, 2.0])),
                rd_expense=draw(st.sampled_from([0.0, 10.0, 200.0])),
                employees=draw(st.integers(1, 300)),
                electricity_kwh=draw(st.sampled_from([50_000.0, 900_000.0, 4_000_000.0])),
            )
        )
    return out
