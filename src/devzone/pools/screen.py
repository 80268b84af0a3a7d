"""The pre-screen (预筛): every enterprise-year against every criteria set, in one pass, on any Ibis backend.

``screen(table, sets)`` takes an Ibis table of enterprise-years with the columns of
:mod:`devzone.pools.fields` (absent ones are read as missing) and returns unexecuted expressions:

* ``verdicts`` — one row per enterprise-year × set: ``verdict`` (eligible / candidate / near_miss /
  not_eligible) and, for sets with a points table, the total as [points_lo, points_hi];
* ``rows`` — one row per enterprise-year × set × criterion (criteria, score items, blocks, totals,
  直通 routes) with value, threshold, status, gap_abs, gap_rel, amount, points and points to the next
  band; :func:`devzone.pools.words.gap_words` says a row in Chinese.

How it is evaluated. The table is read once: a window per enterprise brings the two (three) previous
years' fields onto each row; one projection computes every measure any set reads, once; a second
projection computes every set's statuses and verdict from those columns; the two long tables are
that projection unnested (an array of structs per row). No step loops over enterprises or runs a
query per criterion, so DuckDB (or Spark) sees one plan. :func:`screen_rows_py` evaluates the same
compiled criteria one enterprise-year at a time in Python: the baseline of the benchmark and a
second engine for the tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from devzone.pools.compile import FIELDS, STATUS, VERDICT, Out, compile_set, measures_used
from devzone.pools.criteria import CriteriaSet
from devzone.pools.fields import BY_NAME as FIELD_BY_NAME
from devzone.pools.fields import FIELDS as INPUT_FIELDS
from devzone.pools.measures import BY_NAME as MEASURES
from devzone.pools.measures import LAGS
from devzone.pools.ops import IBIS, PY, Ops

KEYS = ("year", "uscc", "zone")
PARTS = ("value", "num", "den", "approx")


@dataclass(frozen=True, kw_only=True)
class Screen:
    """The unexecuted result tables of one pre-screen, with the digests of the sets used."""

    verdicts: ir.Table
    rows: ir.Table
    sets: tuple[tuple[str, str], ...]  # (set id, file digest)


def conform(table: ir.Table) -> ir.Table:
    """The input with every field present and typed (an absent field is all missing)."""
    cols: dict[str, Any] = {}
    for f in INPUT_FIELDS:
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

    return {"sei_flag": present("sei_category"), "hte_domain_flag": present("hte_domain")}


def prepare(table: ir.Table) -> ir.Table:
    """Conform, then bring earlier years onto each row: ``{field}__l{k}`` is the field in year Y−k."""
    t = conform(table)
    t = t.mutate(**_flags(t))
    w = ibis.window(group_by="uscc", order_by="year")
    lags: dict[str, Any] = {}
    depth = max(LAGS.values())
    prev_years = {j: t.year.lag(j).over(w) for j in range(1, depth + 1)}
    for name, far in LAGS.items():
        for k in range(1, far + 1):
            pairs = [(prev_years[j] == t.year - k, t[name].lag(j).over(w)) for j in range(1, k + 1)]
            lags[f"{name}__l{k}"] = ibis.cases(*pairs, else_=ibis.null("float64"))
    return t.mutate(**lags)


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
        cols[f"m__{name}__value"] = IBIS._v(m.fn(row))
        if m.num is not None and m.den is not None:
            cols[f"m__{name}__num"] = IBIS._v(m.num(row))
            cols[f"m__{name}__den"] = IBIS._v(m.den(row))
        if m.approx is not None:
            cols[f"m__{name}__approx"] = m.approx(row)
    return cols


def _lit(value: Any, kind: str) -> Any:
    if isinstance(value, ir.Value):
        return value.cast(kind)
    return ibis.null(kind) if value is None else ibis.literal(value, kind)


def _struct(set_id: str, out: Out) -> Any:
    f = out.fields
    values = {k: _lit(f[k], "float64") for k in FIELDS if k not in ("approximate", "near")}
    values["approximate"] = _lit(f["approximate"], "boolean")
    values["near"] = _lit(f["near"], "boolean")
    return ibis.struct(
        {"set_id": ibis.literal(set_id), "id": ibis.literal(out.id), "role": ibis.literal(out.role), **values}
    )


def _status_text(code: Any) -> Any:
    return ibis.cases(*((code == float(k), v) for k, v in STATUS.items()), else_=ibis.null("string"))


def _verdict_text(code: Any) -> Any:
    return ibis.cases(*((code == float(k), v) for k, v in VERDICT.items()), else_=ibis.null("string"))


def screen(table: ir.Table, sets: Sequence[CriteriaSet], *, year: int | None = None) -> Screen:
    """Pre-screen every enterprise-year of ``table`` (or of ``year`` only) against ``sets``."""
    t = prepare(table)
    used = dict.fromkeys(n for s in sets for n in measures_used(s))
    t = t.mutate(**_measure_columns(t, used))
    if year is not None:
        t = t.filter(t.year == year)

    def lookup(name: str, part: str) -> Any:
        key = f"m__{name}__{part}"
        return t[key] if key in t.columns else None

    compiled = [(s, *compile_set(s, IBIS, lookup)) for s in sets]
    verdict_structs = []
    row_structs = []
    for s, outs, verdict in compiled:
        score = next((o for o in outs if o.role == "score"), None)
        verdict_structs.append(ibis.struct({
            "set_id": ibis.literal(s.id), "kind": ibis.literal(s.kind), "verdict": _lit(verdict, "float64"),
            "points_lo": _lit(score.fields["points_lo"] if score else None, "float64"),
            "points_hi": _lit(score.fields["points_hi"] if score else None, "float64"),
        }))  # fmt: skip
        row_structs += [_struct(s.id, o) for o in outs]
    keys = [t[k] for k in KEYS]
    v = t.select(*keys, _v=ibis.array(verdict_structs)).unnest("_v").unpack("_v")
    v = v.mutate(verdict=_verdict_text(v.verdict))
    r = t.select(*keys, _r=ibis.array(row_structs)).unnest("_r").unpack("_r")
    r = r.mutate(status=_status_text(r.status))
    return Screen(verdicts=v, rows=r, sets=tuple((s.id, s.digest) for s in sets))


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
