"""The five worked enterprises of the spec (§8, hypothetical, 万元, Y = 2024) as enterprise-year rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from devzone.pools.fields import BY_NAME

YEARS = (2022, 2023, 2024)


def _firm(uscc: str, *, static: dict[str, Any], yearly: dict[str, tuple[float, float, float]],
          last: dict[str, Any]) -> list[dict[str, Any]]:  # fmt: skip
    rows = []
    for i, year in enumerate(YEARS):
        row: dict[str, Any] = {"year": year, "uscc": uscc, "zone": "Z", **static}
        row.update({k: v[i] for k, v in yearly.items()})
        # The spec gives assets and liabilities for 2024 only; earlier years carry net assets.
        row.update(last if year == 2024 else {})
        rows.append(row)
    return rows


def _yearly(sales: tuple[float, float, float], main: tuple[float, float, float],
            rd: tuple[float, float, float], net: tuple[float, float, float]) -> dict[str, tuple[float, float, float]]:  # fmt: skip
    return {"sales": sales, "main_revenue": main, "rd_expense": rd, "rd_domestic": rd, "net_assets": net,
            "equity_raised": (0.0, 0.0, 0.0)}  # fmt: skip


E1 = _firm(
    "E1",
    static={"employees": 180, "st_staff": 27, "rd_staff": 20, "registered_on": dt.date(2015, 3, 1),
            "segment_start": dt.date(2015, 3, 1), "ip_i": 3, "ip_i_self": 3, "ip_i_high": 0, "ip_ii": 8,
            "ip_ii_unused": 8, "sei_category": "2.1", "digital_level": 2, "quality_items": 2,
            "rd_institution_level": 2, "market_share_national": 0.06, "product_field_points": 0,
            "major_incident": False, "credit_abnormal": False, "holds_hte": False, "holds_innov_sme": True,
            "holds_srdi_sme": True},
    yearly=_yearly((8000, 9000, 10200), (7700, 8600, 9800), (330, 380, 420), (5000, 5600, 6100)),
    last={"cost_total": 9200, "total_assets": 12000, "total_liabilities": 5900, "net_profit": 820},
)  # fmt: skip
E2 = _firm(
    "E2",
    static={"employees": 40, "st_staff": 14, "rd_staff": 12, "registered_on": dt.date(2019, 1, 1),
            "segment_start": dt.date(2021, 6, 1), "ip_i": 0, "ip_i_self": 0, "ip_i_high": 0, "ip_ii": 3,
            "ip_ii_unused": 3, "sei_category": "1.3", "digital_level": 2, "quality_items": 1,
            "rd_institution_level": 0, "product_field_points": 0, "major_incident": False,
            "credit_abnormal": False, "holds_hte": False, "holds_innov_sme": True},
    yearly=_yearly((600, 900, 1300), (590, 880, 1250), (70, 95, 110), (200, 260, 320)),
    last={"cost_total": 1220, "total_assets": 1000, "total_liabilities": 680, "net_profit": 65},
)  # fmt: skip
E3 = _firm(
    "E3",
    static={"employees": 620, "st_staff": 50, "rd_staff": 40, "registered_on": dt.date(2005, 1, 1),
            "ip_i": 1, "ip_i_self": 1, "ip_i_high": 0, "ip_ii": 0, "ip_ii_unused": 0, "sei_category": "",
            "major_incident": False, "credit_abnormal": False, "holds_hte": False},
    yearly=_yearly((28000, 31000, 33000), (27000, 29500, 31200), (800, 900, 1000), (9000, 9200, 9600)),
    last={"cost_total": 30500, "total_assets": 40000, "total_liabilities": 30400, "net_profit": 900},
)  # fmt: skip
E4 = _firm(
    "E4",
    static={"employees": 350, "st_staff": 70, "rd_staff": 60, "registered_on": dt.date(2008, 1, 1),
            "segment_start": dt.date(2012, 1, 1), "ip_i": 5, "ip_i_self": 5, "ip_i_high": 0, "ip_ii": 0,
            "ip_ii_unused": 0, "sei_category": "4.2", "digital_level": 3, "quality_items": 3,
            "rd_institution_level": 3, "market_share_national": 0.12, "product_field_points": 3,
            "major_incident": False, "credit_abnormal": False, "holds_hte": False, "holds_innov_sme": True,
            "holds_srdi_sme": True},
    yearly=_yearly((15000, 17500, 20000), (14000, 16600, 19200), (550, 620, 700), (11500, 12900, 14400)),
    last={"cost_total": 18000, "total_assets": 30000, "total_liabilities": 15600, "net_profit": 1500},
)  # fmt: skip
E5 = _firm(
    "E5",
    static={"employees": 100, "st_staff": 8, "rd_staff": 6, "registered_on": dt.date(2012, 1, 1),
            "ip_i": 1, "ip_i_self": 1, "ip_i_high": 0, "ip_ii": 2, "ip_ii_unused": 2, "sei_category": "",
            "major_incident": False, "credit_abnormal": False, "holds_hte": False},
    yearly=_yearly((2500, 2800, 3000), (2400, 2700, 2900), (150, 180, 210), (1100, 1200, 1400)),
    last={"cost_total": 2850, "total_assets": 2500, "total_liabilities": 1100, "net_profit": 120},
)  # fmt: skip
ALL = E1 + E2 + E3 + E4 + E5


def arrow_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with every key of any row (pyarrow takes its columns from the first row)."""
    keys = list(dict.fromkeys(k for r in rows for k in r))
    return [{k: r.get(k) for k in keys} for r in rows]


def arrow_table(rows: list[dict[str, Any]]) -> Any:
    """The rows as an Arrow table typed from :mod:`devzone.pools.fields` (all-missing columns keep a type)."""
    types = {
        "int": pa.int64(),
        "float": pa.float64(),
        "str": pa.string(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }
    full = arrow_rows(rows)
    names = list(full[0]) if full else []
    schema = pa.schema([(n, types[BY_NAME[n].kind]) for n in names])
    return pa.Table.from_pylist(full, schema=schema)
