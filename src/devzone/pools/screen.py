"""The pre-screen (预筛): every enterprise-year against every criteria set, in one pass.

``screen(table, sets)`` takes an Ibis table of enterprise-years with the columns of
:mod:`devzone.pools.fields` (absent ones are read as missing) and returns a :class:`Screen`:

* ``verdicts`` — one row per enterprise-year × set: ``verdict`` (eligible / candidate / near_miss /
  not_eligible) and, for sets with a points table, the total as [points_lo, points_hi];
* ``rows()`` — one row per enterprise-year × set × criterion (criteria, score items, blocks, totals,
  直通 routes) with value, threshold, status, gap_abs, gap_rel, amount, points and points to the next
  band, for the firms and sets asked for; :func:`devzone.pools.words.gap_words` says a row in Chinese.

How it is evaluated. The data is read by one Ibis query on the table's own backend (DuckDB embedded,
or Spark): a left join per year back brings the earlier years' fields onto each row, and one
projection computes every measure any set reads, once (:func:`measures`). Then every criterion of
every set runs as array operations over all rows (:class:`~devzone.pools.ops.NumpyOps`), chunk by
chunk on every core. Nothing loops over enterprises, and there is no query per criterion.

Why not the criteria in SQL too: written as Ibis expressions, eight sets make about a megabyte of SQL
(every verdict repeats every status, gap and band), which DuckDB takes tens of seconds to plan for
five rows. The same compiled criteria run on Python values in :func:`screen_py`, one enterprise-year
at a time: the baseline of the benchmark and a second engine for the tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from devzone.pools.compile import FIELDS, STATUS, VERDICT, compile_set, measures_used
from devzone.pools.criteria import CriteriaSet
from devzone.pools.fields import BY_NAME as FIELD_BY_NAME
from devzone.pools.fields import FIELDS as INPUT_FIELDS
from devzone.pools.measures import BY_NAME as MEASURES
from devzone.pools.ops import IBIS, NP, PY, Ops

KEYS = ("year", "uscc", "zone")
PARTS = ("value", "num", "den", "approx")


class _Tracer:
    """A :class:`~devzone.pools.measures.Row` that records which fields (and earlier years) a measure reads."""

    ops: Ops = PY

    def __init__(self) -> None:
        self.year = 2000.0
        self.fields: set[str] = set()
        self.lags: dict[str, int] = {}

    def get(self, name: str) -> Any:
        self.fields.add({"sei_flag": "sei_category", "hte_domain_flag": "hte_domain"}.get(name, name))
        return None

    def lag(self, name: str, k: int) -> Any:
        self.lags[name] = max(k, self.lags.get(name, 0))
        self.fields.add(name)
        return None

    def year_of(self, name: str) -> Any:
        self.fields.add(name)
        return None


def reads(names: Iterable[str]) -> tuple[set[str], dict[str, int]]:
    """The input fields the measures ``names`` read, and how many years back each is read."""
    tracer = _Tracer()
    for name in names:
        m = MEASURES[name]
        for fn in (m.fn, m.num, m.den, m.approx):
            if fn is not None:
                fn(tracer)
    return tracer.fields, tracer.lags


def conform(table: ir.Table, only: set[str] | None = None) -> ir.Table:
    """The input with every field (of ``only``) present and typed (an absent field is all missing)."""
    cols: dict[str, Any] = {}
    for f in INPUT_FIELDS:
        if only is not None and f.name not in only and f.name not in KEYS:
            continue
        if f.name in table.columns:
            col = table[f.name]
            cols[f.name] = (
                col
                if f.kind == "str" and col.type().is_string()
                else col.cast("float64" if f.kind in ("int", "float") else f.ibis_type)
            )
        else:
            cols[f.name] = ibis.null("float64" if f.kind in ("int", "float") else f.ibis_type)
    cols["year"] = table["year"].cast("int64")
    cols["uscc"] = table["uscc"].cast("string")
    return table.select(**cols)


def _flags(t: ir.Table) -> dict[str, Any]:
    def present(name: str) -> Any:
        col = t[name]
        return ibis.ifelse(col.notnull() & (col.strip() != ""), 1.0, 0.0)

    pairs = {"sei_flag": "sei_category", "hte_domain_flag": "hte_domain"}
    return {flag: present(name) for flag, name in pairs.items() if name in t.columns}


def prepare(table: ir.Table, measures: Iterable[str] | None = None) -> ir.Table:
    """Conform, then bring earlier years onto each row: ``{field}__l{k}`` is the field in year Y−k.

    Each earlier year is a left join on (uscc, year − k) — a hash join per year back, which DuckDB and
    Spark run faster than a window function per lagged field, and which is right when a year is missing.
    """
    fields, lags = reads(measures if measures is not None else MEASURES)
    t = conform(table, fields)
    t = t.mutate(**_flags(t))
    for k in range(1, max(lags.values(), default=0) + 1):
        names = [name for name, far in lags.items() if far >= k]
        prev = t.select(_uscc=t.uscc, _year=t.year + k, **{f"{name}__l{k}": t[name] for name in names})
        t = t.left_join(prev, [t.uscc == prev._uscc, t.year == prev._year]).drop("_uscc", "_year")
    return t


class IbisRow:
    """A :class:`~devzone.pools.measures.Row` over the prepared table."""

    ops: Ops = IBIS

    def __init__(self, t: ir.Table) -> None:
        self.t = t
        self.year = t.year.cast("float64")

    def get(self, name: str) -> Any:
        return self.t[name]

    def lag(self, name: str, k: int) -> Any:
        return self.t[f"{name}__l{k}"]

    def year_of(self, name: str) -> Any:
        return self.t[name].year().cast("float64")


def _measure_columns(t: ir.Table, names: Iterable[str]) -> dict[str, Any]:
    row = IbisRow(t)
    cols: dict[str, Any] = {}
    for name in names:
        m = MEASURES[name]
        cols[f"m__{name}__value"] = IBIS.column(m.fn(row))
        if m.num is not None and m.den is not None:
            cols[f"m__{name}__num"] = IBIS.column(m.num(row))
            cols[f"m__{name}__den"] = IBIS.column(m.den(row))
        if m.approx is not None:
            cols[f"m__{name}__approx"] = m.approx(row)
    return cols


def measures(table: ir.Table, sets: Sequence[CriteriaSet], *, year: int | None = None) -> ir.Table:
    """The enterprise-year table with every measure ``sets`` read (``m__{name}__{value|num|den|approx}``).

    This is the part that reads the data (windows over years), as one unexecuted Ibis expression.
    """
    used = dict.fromkeys(n for s in sets for n in measures_used(s))
    t = prepare(table, used)
    t = t.mutate(**_measure_columns(t, used))
    if year is not None:
        t = t.filter(t.year == year)
    return t.select(*KEYS, *(c for c in t.columns if c.startswith("m__")))


def _arrays(data: pa.Table) -> dict[str, np.ndarray]:
    out = {}
    for name in data.column_names:
        if name.startswith("m__"):
            out[name] = pc.cast(data[name], pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64)
    return out


def _lookup(arrays: Mapping[str, np.ndarray]) -> Any:
    def lookup(name: str, part: str) -> Any:
        return arrays.get(f"m__{name}__{part}")

    return lookup


def _full(value: Any, n: int) -> np.ndarray:
    if value is None:
        return np.full(n, np.nan)
    return np.broadcast_to(np.asarray(value, dtype=np.float64), (n,))


@dataclass(frozen=True, kw_only=True)
class Screen:
    """One pre-screen: the measures read once, the verdicts, and the per-criterion rows on request."""

    data: pa.Table  # keys + measures, one row per enterprise-year screened
    sets: tuple[CriteriaSet, ...]
    verdicts: pa.Table

    @property
    def digests(self) -> tuple[tuple[str, str], ...]:
        """(set id, file digest) of each set used — what a stored run records."""
        return tuple((s.id, s.digest) for s in self.sets)

    def rows(self, *, uscc: Iterable[str] | None = None, set_ids: Iterable[str] | None = None) -> pa.Table:
        """One row per enterprise-year × set × criterion (of the firms and sets asked for, default all)."""
        data = self.data
        if uscc is not None:
            data = data.filter(pc.is_in(data["uscc"], pa.array(list(uscc), pa.string())))
        wanted = set(set_ids) if set_ids is not None else None
        sets = [s for s in self.sets if wanted is None or s.id in wanted]
        return criteria_rows(data, sets)


VERDICT_TEXT = pa.array([VERDICT[k] for k in sorted(VERDICT)])
STATUS_TEXT = pa.array([STATUS[k] for k in sorted(STATUS)])


def _dictionary(values: pa.ChunkedArray | pa.Array) -> pa.DictionaryArray:
    arr = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    return arr if pa.types.is_dictionary(arr.type) else pc.dictionary_encode(arr)


def verdicts_of(
    data: pa.Table, sets: Sequence[CriteriaSet], *, chunk: int = 32_768, threads: int | None = None
) -> pa.Table:
    """One row per enterprise-year × set: verdict and the points total, set by set.

    Rows are evaluated in chunks (bounding the memory of the intermediate arrays); texts are
    dictionary-encoded (the firm's code is stored once, not once per set).
    """
    n, k = data.num_rows, len(sets)
    verdict = np.empty((k, n), np.int8)
    lo = np.full((k, n), np.nan)
    hi = np.full((k, n), np.nan)

    def one(start: int) -> None:
        stop = min(n, start + chunk)
        lookup = _lookup(_arrays(data.slice(start, stop - start)))
        for j, s in enumerate(sets):
            outs, v = compile_set(s, NP, lookup, detail=False)
            verdict[j, start:stop] = _full(v, stop - start)
            score = next((o for o in outs if o.role == "score"), None)
            if score is not None:
                lo[j, start:stop] = _full(score.fields["points_lo"], stop - start)
                hi[j, start:stop] = _full(score.fields["points_hi"], stop - start)

    # Chunks are independent and numpy lets go of the GIL inside each array operation: one thread per core.
    with ThreadPoolExecutor(max_workers=threads or os.cpu_count() or 1) as pool:
        list(pool.map(one, range(0, n, chunk)))
    rows = np.tile(np.arange(n, dtype=np.int32), k)
    which = np.repeat(np.arange(k, dtype=np.int8), n)
    keys = {}
    for name in KEYS:
        if name == "year":
            keys[name] = pa.array(data[name].to_numpy()[rows] if n else [], pa.int64())
        else:
            d = _dictionary(data[name])
            keys[name] = pa.DictionaryArray.from_arrays(
                pa.array(d.indices.to_numpy(zero_copy_only=False)[rows]), d.dictionary
            )
    return pa.table({
        **keys,
        "set_id": pa.DictionaryArray.from_arrays(pa.array(which), pa.array([s.id for s in sets], pa.string())),
        "kind": pa.DictionaryArray.from_arrays(pa.array(which), pa.array([s.kind for s in sets], pa.string())),
        "verdict": pa.DictionaryArray.from_arrays(pa.array(verdict.reshape(-1)), VERDICT_TEXT),
        "points_lo": pa.array(lo.reshape(-1), from_pandas=True),
        "points_hi": pa.array(hi.reshape(-1), from_pandas=True),
    })  # fmt: skip


def criteria_rows(data: pa.Table, sets: Sequence[CriteriaSet]) -> pa.Table:
    """The long table: every criterion, item, block, total and 直通 route of ``sets`` for each row."""
    n = data.num_rows
    lookup = _lookup(_arrays(data))
    parts = []
    for s in sets:
        outs, _ = compile_set(s, NP, lookup)
        for o in outs:
            f = {k: _full(o.fields[k], n) for k in FIELDS}
            status = f["status"].astype(np.int8)
            parts.append(pa.table({
                **{name: data[name] for name in KEYS},
                "set_id": pa.array([s.id] * n, pa.string()), "id": pa.array([o.id] * n, pa.string()),
                "role": pa.array([o.role] * n, pa.string()),
                **{k: pa.array(f[k], pa.float64(), from_pandas=True) for k in FIELDS if k not in (
                    "status", "approximate", "near")},
                "status": pc.take(STATUS_TEXT, pa.array(status)),
                "approximate": pa.array(f["approximate"] == 1), "near": pa.array(f["near"] == 1),
            }))  # fmt: skip
    if not parts:
        return pa.table({})
    return pa.concat_tables(parts)


def screen(table: ir.Table, sets: Sequence[CriteriaSet], *, year: int | None = None) -> Screen:
    """Pre-screen every enterprise-year of ``table`` (or of ``year`` only) against ``sets``.

    The data is read by one Ibis query (on the table's backend: DuckDB, Spark, …); the criteria of all
    sets then run as array operations over all rows at once.
    """
    data = measures(table, sets, year=year).to_pyarrow()
    return Screen(data=data, sets=tuple(sets), verdicts=verdicts_of(data, sets))


# -- the same criteria, one enterprise-year at a time ------------------------------------------------


class PyRow:
    """A :class:`~devzone.pools.measures.Row` over one enterprise's rows (``by_year``)."""

    ops: Ops = PY

    def __init__(self, by_year: Mapping[int, Mapping[str, Any]], year: int) -> None:
        self.by_year, self.year = by_year, float(year)
        self.cur = by_year[year]

    @staticmethod
    def _read(row: Mapping[str, Any], name: str) -> Any:
        if name in ("sei_flag", "hte_domain_flag"):
            text = row.get("sei_category" if name == "sei_flag" else "hte_domain")
            return 1.0 if text is not None and str(text).strip() else 0.0
        value = row.get(name)
        field = FIELD_BY_NAME.get(name)
        if value is None or field is None or field.kind not in ("int", "float"):
            return value
        return float(value)

    def get(self, name: str) -> Any:
        return self._read(self.cur, name)

    def lag(self, name: str, k: int) -> Any:
        row = self.by_year.get(int(self.year) - k)
        return None if row is None else self._read(row, name)

    def year_of(self, name: str) -> Any:
        value = self.cur.get(name)
        return None if value is None else float(value.year)


def screen_py(
    rows: Iterable[Mapping[str, Any]], sets: Sequence[CriteriaSet], *, year: int | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(verdicts, rows) as :func:`screen` gives them, computed by a loop over enterprise-years."""
    by_firm: dict[str, dict[int, Mapping[str, Any]]] = {}
    for row in rows:
        by_firm.setdefault(str(row["uscc"]), {})[int(row["year"])] = row
    verdicts: list[dict[str, Any]] = []
    out_rows: list[dict[str, Any]] = []
    for uscc, years in by_firm.items():
        for y in sorted(years):
            if year is not None and y != year:
                continue
            prow = PyRow(years, y)
            cache: dict[tuple[str, str], Any] = {}

            def lookup(
                name: str, part: str, prow: PyRow = prow, cache: dict[tuple[str, str], Any] = cache
            ) -> Any:
                key = (name, part)
                if key not in cache:
                    m = MEASURES[name]
                    fn = {"value": m.fn, "num": m.num, "den": m.den, "approx": m.approx}[part]
                    cache[key] = None if fn is None else fn(prow)
                return cache[key]

            base = {"year": y, "uscc": uscc, "zone": years[y].get("zone")}
            for s in sets:
                outs, verdict = compile_set(s, PY, lookup)
                score = next((o for o in outs if o.role == "score"), None)
                verdicts.append({
                    **base, "set_id": s.id, "kind": s.kind, "verdict": VERDICT[int(verdict)],
                    "points_lo": score.fields["points_lo"] if score else None,
                    "points_hi": score.fields["points_hi"] if score else None,
                })  # fmt: skip
                for o in outs:
                    f = dict(o.fields)
                    f["status"] = STATUS[int(f["status"])]
                    out_rows.append({**base, "set_id": s.id, "id": o.id, "role": o.role, **f})
    return verdicts, out_rows
