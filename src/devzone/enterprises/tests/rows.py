"""Build canonical input tables for tests from short row dicts."""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from devzone.enterprises.inputs_schema import ARROW_SCHEMA, COLUMNS
from devzone.enterprises.method import Method
from devzone.enterprises.mu import evaluate

SCHEMA = ARROW_SCHEMA
DEFAULTS: dict[str, Any] = {
    "year": 2022,
    "zone": "Z1",
    "industry_code": "3311",
    "scale": "above",
    "land_mu": 10.0,
    "leased": False,
    "tax": 0.0,
    "sales": 0.0,
}


def row(uscc: str, **values: Any) -> dict[str, Any]:
    """One input row with defaults; ``name`` defaults to the USCC."""
    out = {c.name: None for c in COLUMNS} | DEFAULTS | {"uscc": uscc, "name": uscc}
    return out | values


def arrow(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def table(rows: list[dict[str, Any]]) -> ir.Table:
    return ibis.memtable(arrow(rows))


def results(
    rows: list[dict[str, Any]], method: Method, *, year: int | None = None
) -> dict[str, dict[str, Any]]:
    """Evaluate on DuckDB and index the result rows by USCC."""
    out = evaluate(table(rows), method, year=year).results.to_pyarrow().to_pylist()
    return {r["uscc"]: r for r in out}
