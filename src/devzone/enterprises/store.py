"""Glue between the database and the pure 亩均 engine: snapshots in, result rows out, and back again.

* :func:`snapshot` turns enterprise-year rows into an Arrow table in the engine's canonical schema
  (:data:`devzone.enterprises.inputs_schema.ARROW_SCHEMA`), sorted by (year, uscc) so that the same
  rows always give the same table; :func:`parquet_bytes` writes it deterministically and
  :func:`sha256` names it.
* :func:`result_rows` turns the engine's results table into plain field dicts for
  :class:`~devzone.enterprises.models.MuResult` (indicators as a list in method order, every other
  engine column in ``extra``); :func:`stored_rows` reads stored results back into the same form so
  that :func:`devzone.enterprises.actions.reproduce` can compare them field by field.

Non-finite numbers (``x / 0`` gives ``inf`` on DuckDB) cannot go into JSON on PostgreSQL: inside the
JSON fields they are written as the strings ``"inf"``, ``"-inf"``, ``"nan"``; in float columns as
NULL. Both directions use the same rule, so a comparison stays exact.
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import ibis
import pyarrow as pa
import pyarrow.parquet as pq

from devzone.enterprises.inputs_schema import ARROW_SCHEMA, NAMES
from devzone.enterprises.method import Method
from devzone.enterprises.models import EnterpriseYear, MuResult
from devzone.enterprises.mu import STABLE_COLUMNS, evaluate
from devzone.orgs.models import Zone

# the result fields reproduce() compares (final_class is the workflow's, not the engine's)
COMPARED_FIELDS = (
    "year",
    "uscc",
    "name",
    "zone_id",
    "industry_code",
    "segment",
    "score",
    "rank",
    "klass",
    "veto",
    "exempt_reason",
    "veto_reason",
    "years_in_class",
    "indicators",
    "extra",
)
INDICATOR_PARTS = ("value", "benchmark", "points")
MAPPED_COLUMNS = frozenset({*STABLE_COLUMNS, "veto_reason", "years_in_class"})


class SnapshotError(ValueError):
    """The rows cannot form one evaluation input (e.g. the same USCC twice in a year)."""


def json_number(value: Any) -> Any:
    """A number as JSON can hold it: non-finite floats become "inf", "-inf" or "nan"."""
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def finite_or_none(value: Any) -> float | None:
    """A float column value: None for NULL, NaN and infinities."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def zone_labels(zones: Iterable[Zone]) -> dict[int, str]:
    """The ``zone`` text of each zone in a snapshot: its short name, or its full name when short names clash."""
    zones = list(zones)
    counts: dict[str, int] = {}
    for z in zones:
        counts[z.short_name or z.name] = counts.get(z.short_name or z.name, 0) + 1
    return {z.pk: (z.short_name or z.name) if counts[z.short_name or z.name] == 1 else z.name for z in zones}


def snapshot(rows: Iterable[EnterpriseYear], labels: Mapping[int, str]) -> pa.Table:
    """Enterprise-year rows (with ``enterprise`` loaded) as a canonical Arrow table sorted by (year, uscc).

    Raises :class:`SnapshotError` when a USCC occurs twice in one year (two zones list the same firm).
    """
    records: list[dict[str, Any]] = []
    seen: dict[tuple[int, str], str] = {}
    for r in rows:
        e = r.enterprise
        key = (r.year, e.uscc)
        if key in seen:
            raise SnapshotError(
                f"{e.uscc} ({e.name}) appears twice in {r.year}: in {seen[key]} and {labels[r.zone_id]}"
            )
        seen[key] = labels[r.zone_id]
        records.append(
            {
                "year": r.year,
                "uscc": e.uscc,
                "name": e.name,
                "zone": labels[r.zone_id],
                "industry_code": e.industry_code,
                "scale": r.scale,
                "land_mu": r.land_mu,
                "leased": r.leased,
                "tax": r.tax,
                "sales": r.sales,
                "value_added": r.value_added,
                "energy_tce": r.energy_tce,
                "emission_equiv": r.emission_equiv,
                "rd_expense": r.rd_expense,
                "employees": r.employees,
                "electricity_kwh": r.electricity_kwh,
                "veto": r.veto or None,
                "exempt": r.exempt or None,
            }
        )
    records.sort(key=lambda d: (d["year"], d["uscc"]))
    return pa.Table.from_pylist(records, schema=ARROW_SCHEMA)


def parquet_bytes(table: pa.Table) -> bytes:
    """The table as Parquet, written the same way every time (one row group, zstd, no statistics).

    >>> t = pa.table({"a": [1, 2]})
    >>> parquet_bytes(t) == parquet_bytes(t)
    True
    >>> pq.read_table(io.BytesIO(parquet_bytes(t)))["a"].to_pylist()
    [1, 2]
    """
    sink = io.BytesIO()
    pq.write_table(
        table,
        sink,
        compression="zstd",
        row_group_size=max(table.num_rows, 1),
        write_statistics=False,
        use_dictionary=False,
        store_schema=True,
    )
    return sink.getvalue()


def read_parquet(data: bytes) -> pa.Table:
    """Read a snapshot back; columns are cast to the canonical schema."""
    table = pq.read_table(io.BytesIO(data))
    return table.select(list(NAMES)).cast(ARROW_SCHEMA)


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    >>> sha256(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, kw_only=True)
class Evaluation:
    """The executed output of one evaluation: result rows and the three summaries, as Arrow tables."""

    results: pa.Table
    segments: pa.Table
    zones: pa.Table
    industries: pa.Table


def run_engine(table: pa.Table, method: Method, *, year: int, threads: int | None = None) -> Evaluation:
    """Evaluate a canonical Arrow table on an embedded DuckDB (``threads``: its default, every core); only
    ``year``'s rows come out.

    A stored run must reproduce exactly, and it does at any thread count: the engine's float sums and
    means are exact (:mod:`devzone.enterprises.sums`), so the order the threads add in does not matter.
    """
    con = ibis.duckdb.connect(**({} if threads is None else {"threads": threads}))
    try:
        # the evaluated rows kept once in the connection: the results and three summaries read them
        keep = partial(con.create_table, "evaluated", temp=True)
        out = evaluate(con.create_table("input", table), method, year=year, keep=keep)
        return Evaluation(
            results=con.to_pyarrow(out.results),
            segments=con.to_pyarrow(out.segments),
            zones=con.to_pyarrow(out.zones),
            industries=con.to_pyarrow(out.industries),
        )
    finally:
        con.disconnect()


def _json_rows(table: pa.Table) -> list[dict[str, Any]]:
    return [{k: json_number(v) for k, v in row.items()} for row in table.to_pylist()]


def summary(evaluation: Evaluation) -> dict[str, list[dict[str, Any]]]:
    """The run's summaries as JSON-ready lists of dicts: ``segments``, ``zones``, ``industries``."""
    return {
        "segments": _json_rows(evaluation.segments),
        "zones": _json_rows(evaluation.zones),
        "industries": _json_rows(evaluation.industries),
    }


def _indicator_meta(method: Method) -> dict[tuple[str, str], tuple[str, str, float]]:
    """(segment, code) → (label, unit, weight)."""
    return {(s.code, i.code): (i.label, i.unit, i.weight) for s in method.segments for i in s.indicators}


def _first_meta(method: Method) -> dict[str, tuple[str, str]]:
    meta: dict[str, tuple[str, str]] = {}
    for s in method.segments:
        for i in s.indicators:
            meta.setdefault(i.code, (i.label, i.unit))
    return meta


def indicators_of(row: Mapping[str, Any], method: Method) -> list[dict[str, Any]]:
    """The explanation of one result row: the indicators of its segment in method order.

    An indicator outside the row's segment is listed only if the engine gave it a value (it never does
    today), with weight None, so nothing of the results table is lost.
    """
    meta = _indicator_meta(method)
    first = _first_meta(method)
    segment = row.get("segment")
    out = []
    for code in method.indicator_codes:
        parts = {p: row.get(f"{code}_{p}") for p in INDICATOR_PARTS}
        in_segment = (segment, code) in meta
        if not in_segment and all(v is None for v in parts.values()):
            continue
        label, unit = first[code]
        weight: float | None = None
        if in_segment:
            label, unit, weight = meta[(segment, code)]
        out.append(
            {
                "code": code,
                "name": label,
                "unit": unit,
                "value": json_number(parts["value"]),
                "benchmark": json_number(parts["benchmark"]),
                "points": json_number(parts["points"]),
                "weight": weight,
            }
        )
    return out


def result_rows(results: pa.Table, method: Method, *, zone_ids: Mapping[str, int]) -> list[dict[str, Any]]:
    """The engine's results as MuResult field dicts (``zone_ids`` maps the snapshot's zone text to ids; an
    unknown text gives ``zone_id`` None)."""
    per_indicator = {f"{c}_{p}" for c in method.indicator_codes for p in INDICATOR_PARTS}
    rows = []
    for r in results.to_pylist():
        extra = {
            k: json_number(v) for k, v in r.items() if k not in MAPPED_COLUMNS and k not in per_indicator
        }
        years = r.get("years_in_class")
        rows.append(
            {
                "year": int(r["year"]),
                "uscc": r["uscc"],
                "name": r["name"],
                "zone_id": zone_ids.get(r["zone"]),
                "industry_code": r["industry_code"],
                "segment": r["segment"] or "",
                "score": finite_or_none(r["score"]),
                "rank": None if r["rank"] is None else int(r["rank"]),
                "klass": r["class"] or "",
                "veto": bool(r["veto"]),
                "exempt_reason": r["exempt_reason"] or "",
                "veto_reason": r.get("veto_reason") or "",
                "years_in_class": None if years is None else int(years),
                "indicators": indicators_of(r, method),
                "extra": extra,
            }
        )
    return rows


def stored_rows(results: Iterable[MuResult]) -> list[dict[str, Any]]:
    """Stored results in the form :func:`result_rows` gives, for an exact comparison."""
    return [{f: getattr(r, f) for f in COMPARED_FIELDS} for r in results]


def differences(
    stored: Sequence[Mapping[str, Any]], fresh: Sequence[Mapping[str, Any]], *, limit: int = 200
) -> list[str]:
    """Every field that differs between stored and fresh rows (matched by USCC), one line each.

    >>> differences([{"uscc": "a", "score": 1.0}], [{"uscc": "a", "score": 2.0}])
    ['a: score stored 1.0, recomputed 2.0']
    >>> differences([{"uscc": "a"}], [{"uscc": "b"}])
    ['a: stored but not recomputed', 'b: recomputed but not stored']
    >>> differences([{"uscc": "a", "x": [1]}], [{"uscc": "a", "x": [1]}])
    []
    """
    old = {r["uscc"]: r for r in stored}
    new = {r["uscc"]: r for r in fresh}
    out: list[str] = []
    for uscc in sorted(old.keys() | new.keys()):
        if uscc not in new:
            out.append(f"{uscc}: stored but not recomputed")
        elif uscc not in old:
            out.append(f"{uscc}: recomputed but not stored")
        else:
            for field in old[uscc]:
                a, b = old[uscc][field], new[uscc].get(field)
                if a != b or type(a) is not type(b):
                    out.append(f"{uscc}: {field} stored {a!r}, recomputed {b!r}")
    return out[:limit] + ([f"… and {len(out) - limit} more"] if len(out) > limit else [])
