"""Build canonical input tables for tests from short row dicts."""

from __future__ import annotations

from typing import Any

import duckdb
import ibis
import ibis.expr.types as ir
import pyarrow as pa

from devzone.enterprises import compiled
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


_SQL: dict[tuple[str, int | None], str] = {}


def results(
    rows: list[dict[str, Any]], method: Method, *, year: int | None = None
) -> dict[str, dict[str, Any]]:
    """Evaluate on DuckDB and index the result rows by USCC.

    The method is compiled once per (method, year) and its SQL run over each table, as ``devzone mu
    run`` runs the kept SQL (``compiled.py``): the same query Ibis would send, without compiling it again
    for every one of a property test's hundred tables.
    """
    key = (method.digest, year)
    if key not in _SQL:
        _SQL[key] = compiled.compile_sql(method, SCHEMA, year)
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.register(compiled.INPUT, arrow(rows))
        out = con.sql(_SQL[key]).to_arrow_table().to_pylist()
    finally:
        con.close()
    return {r["uscc"]: r for r in out}


def evaluated(rows: list[dict[str, Any]], method: Method, *, year: int | None = None) -> list[dict[str, Any]]:
    """The result rows as the Ibis expression itself gives them (what ``results`` must equal)."""
    return evaluate(table(rows), method, year=year).results.to_pyarrow().to_pylist()
