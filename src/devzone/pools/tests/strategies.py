"""Hypothesis strategies: firms with three years of the fields the criteria read, some of them missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

YEARS = (2022, 2023, 2024)


def maybe(s: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), s, s, s)


money = st.floats(0, 60_000, allow_nan=False).map(lambda x: round(x, 1))
share = st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 3))
count = st.integers(0, 8)


@st.composite
def firm(draw: st.DrawFn, uscc: str) -> list[dict[str, Any]]:
    static = {
        "uscc": uscc, "zone": draw(st.sampled_from(["Z1", "Z2"])),
        "registered_on": draw(maybe(st.dates(dt.date(2000, 1, 1), dt.date(2024, 6, 1)))),
        "segment_start": draw(maybe(st.dates(dt.date(2000, 1, 1), dt.date(2024, 6, 1)))),
        "ip_i": draw(maybe(count)), "ip_i_self": draw(maybe(count)), "ip_i_high": draw(maybe(st.integers(0, 2))),
        "ip_ii": draw(maybe(count)), "ip_ii_unused": draw(maybe(count)), "transformations_3y": draw(maybe(count)),
        "sei_category": draw(st.sampled_from(["", "2.1", None])), "digital_level": draw(maybe(st.integers(1, 4))),
        "quality_items": draw(maybe(count)), "rd_institution_level": draw(maybe(st.integers(0, 4))),
        "product_field_points": draw(maybe(st.sampled_from([0, 3, 5]))),
        "market_share_national": draw(maybe(st.floats(0, 0.3, allow_nan=False))),
        "major_incident": draw(maybe(st.booleans())), "credit_abnormal": draw(maybe(st.booleans())),
        "holds_hte": draw(maybe(st.booleans())), "holds_innov_sme": draw(maybe(st.booleans())),
        "holds_srdi_sme": draw(maybe(st.booleans())), "holds_tsme": draw(maybe(st.booleans())),
        "award_national_rank": draw(maybe(st.integers(1, 8))),
    }  # fmt: skip
    rows = []
    for year in YEARS:
        if draw(st.integers(0, 9)) == 0:
            continue  # a year not reported
        sales = draw(money)
        rd = draw(maybe(st.floats(0, 0.12, allow_nan=False).map(lambda r, s=sales: round(r * s, 1))))
        assets = draw(maybe(money))
        employees = draw(maybe(st.integers(1, 1500)))
        rows.append({
            **static, "year": year, "sales": sales, "rd_expense": rd, "rd_domestic": rd,
            "revenue": draw(maybe(st.just(sales))), "main_revenue": draw(maybe(share.map(lambda m, s=sales: round(m * s, 1)))),
            "employees": employees, "st_staff": None if employees is None else draw(st.integers(0, employees)),
            "rd_staff": None if employees is None else draw(st.integers(0, employees)),
            "cost_total": draw(maybe(money)), "total_assets": assets,
            "total_liabilities": None if assets is None else round(assets * draw(share), 1),
            "net_profit": draw(maybe(st.floats(-2000, 5000, allow_nan=False))),
            "total_income": draw(maybe(st.just(sales))), "hightech_income": draw(maybe(share.map(lambda h, s=sales: h * s))),
            "equity_raised": draw(maybe(st.sampled_from([0.0, 300.0, 2500.0, 9000.0]))),
        })  # fmt: skip
    return rows


@st.composite
def population(draw: st.DrawFn, max_firms: int = 12) -> list[dict[str, Any]]:
    n = draw(st.integers(1, max_firms))
    return [row for i in range(n) for row in draw(firm(f"F{i:03d}"))]
