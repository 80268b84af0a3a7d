"""Year-end counts of qualified enterprises per zone and kind, with the flows that explain them (spec §5).

``counts(records, memberships, years)`` takes two Ibis tables — qualification records (``uscc``,
``kind``, ``valid_from``, ``valid_to``, ``revoked_effective_year``, ``eval_year``) and dated zone
memberships (``uscc``, ``zone``, ``start``, ``end``) — and returns unexecuted expressions:

* ``flows`` — the drill-down list: one row per (zone, kind, year, firm) in the year-end stock of Y or of
  Y−1, with its ``flow``: ``first``, ``re_entry``, ``moved_in`` (entering), ``renewed`` or ``continuing``
  (staying), ``lapsed``, ``revoked``, ``moved_out`` (leaving), and ``issued`` (a record of the kind
  issued in Y);
* ``counts`` — per (zone, kind, year): ``stock`` N(Y), each flow, ``issued`` (当年认定数) and
  ``net_increase`` = N(Y) − N(Y−1). By construction N(Y) = N(Y−1) + first + re_entry + moved_in −
  lapsed − revoked − moved_out: entering and leaving firms are each given exactly one flow.

Rules. The stock at D = 31 Dec Y is the distinct firms whose zone membership covers D
(``start`` ≤ D, no ``end`` or ``end`` > D) and that hold a record of the kind valid on D
(``valid_from`` ≤ D ≤ ``valid_to``), not revoked (a revocation counts from 1 January of
``revoked_effective_year``). A 科技型 record counts in its ``eval_year`` only. Entering: ``moved_in``
if the firm held the title at the end of Y−1 (elsewhere), else ``first`` if it never held one before
Y, else ``re_entry``. Leaving: ``moved_out`` if it still holds the title (elsewhere), else ``revoked``
if a record of it is revoked with effect from Y, else ``lapsed``. Staying: ``renewed`` if a record
of the kind was issued in Y.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

FLOWS = ("first", "re_entry", "moved_in", "renewed", "continuing", "lapsed", "revoked", "moved_out")
ENTERING = ("first", "re_entry", "moved_in")
LEAVING = ("lapsed", "revoked", "moved_out")


@dataclass(frozen=True, kw_only=True)
class Counts:
    """The unexecuted flows (drill-down) and counts tables."""

    flows: ir.Table
    counts: ir.Table


def _years(years: Sequence[int]) -> ir.Table:
    span = sorted({y for year in years for y in (year - 1, year)})
    return ibis.memtable({"year": span}, schema={"year": "int64"})


def held(records: ir.Table, years: Sequence[int]) -> ir.Table:
    """(uscc, kind, year): the firm holds a valid record of the kind at the end of the year."""
    y = _years(years)
    joined = records.cross_join(y)
    end = ibis.date(joined.year, 12, 31)
    revoked = joined.revoked_effective_year.notnull() & (joined.revoked_effective_year <= joined.year)
    by_date = (joined.valid_from <= end) & (joined.valid_to >= end)
    per_year = joined.eval_year.notnull() & (joined.eval_year == joined.year)
    valid = ibis.ifelse(joined.kind == "tsme", per_year, by_date) & ~revoked.fill_null(False)
    return joined.filter(valid).select("uscc", "kind", "year").distinct()


def members(memberships: ir.Table, years: Sequence[int]) -> ir.Table:
    """(uscc, zone, year): the firm is in the zone at the end of the year."""
    y = _years(years)
    joined = memberships.cross_join(y)
    end = ibis.date(joined.year, 12, 31)
    inside = (joined.start <= end) & (joined.end.isnull() | (joined.end > end))
    return joined.filter(inside).select("uscc", "zone", "year").distinct()


def counts(records: ir.Table, memberships: ir.Table, years: Iterable[int]) -> Counts:
    """Stock and flows per zone, kind and year for ``years`` (each compared with the year before)."""
    years = sorted(set(years))
    h = held(records, years)
    m = members(memberships, years)
    stock = h.join(m, ["uscc", "year"]).select("zone", "kind", "year", "uscc")
    prev = stock.select("zone", "kind", "uscc", year=stock.year + 1, _was=ibis.literal(True))
    now = stock.mutate(_is=ibis.literal(True))
    both = now.outer_join(prev, ["zone", "kind", "uscc", "year"]).select(
        zone=ibis.coalesce(now.zone, prev.zone),
        kind=ibis.coalesce(now.kind, prev.kind),
        uscc=ibis.coalesce(now.uscc, prev.uscc),
        year=ibis.coalesce(now.year, prev.year),
        _is=now._is.fill_null(False),
        _was=prev._was.fill_null(False),
    )
    both = both.filter(both.year.isin(years))
    held_now = h.select("uscc", "kind", "year", _held=ibis.literal(True))
    held_before = h.select("uscc", "kind", _year=h.year + 1, _held_before=ibis.literal(True))
    first_from = records.group_by(["uscc", "kind"]).aggregate(_first=records.valid_from.min())
    first_eval = records.group_by(["uscc", "kind"]).aggregate(_first_eval=records.eval_year.min())
    revoked = (
        records.filter(records.revoked_effective_year.notnull())
        .select("uscc", "kind", year=records.revoked_effective_year)
        .distinct()
        .mutate(_revoked=ibis.literal(True))
    )
    issued = (
        records.select(
            "uscc", "kind", year=ibis.coalesce(records.eval_year, records.valid_from.year()).cast("int64")
        )
        .distinct()
        .mutate(_issued=ibis.literal(True))
    )
    t = both.left_join(held_now, ["uscc", "kind", "year"]).drop("uscc_right", "kind_right", "year_right")
    t = t.left_join(
        held_before, [t.uscc == held_before.uscc, t.kind == held_before.kind, t.year == held_before._year]
    )
    t = t.drop("uscc_right", "kind_right", "_year")
    t = t.left_join(first_from, ["uscc", "kind"]).drop("uscc_right", "kind_right")
    t = t.left_join(first_eval, ["uscc", "kind"]).drop("uscc_right", "kind_right")
    t = t.left_join(revoked, ["uscc", "kind", "year"]).drop("uscc_right", "kind_right", "year_right")
    t = t.left_join(issued, ["uscc", "kind", "year"]).drop("uscc_right", "kind_right", "year_right")
    before = ibis.date(t.year - 1, 12, 31)
    had_before = ibis.ifelse(
        t.kind == "tsme", t._first_eval.fill_null(9999) < t.year, t._first.notnull() & (t._first <= before)
    )
    flow = ibis.cases(
        (t._is & t._was, ibis.ifelse(t._issued.fill_null(False), "renewed", "continuing")),
        (t._is & t._held_before.fill_null(False), "moved_in"),
        (t._is & ~had_before.fill_null(False), "first"),
        (t._is, "re_entry"),
        (t._held.fill_null(False), "moved_out"),
        (t._revoked.fill_null(False), "revoked"),
        else_="lapsed",
    )
    flows = t.select(
        "zone", "kind", "year", "uscc", in_stock=t._is, flow=flow, issued=t._is & t._issued.fill_null(False)
    )
    agg = {"stock": flows.in_stock.sum().cast("int64")}
    agg |= {name: (flows.flow == name).sum().cast("int64") for name in FLOWS}
    agg["issued"] = flows.issued.sum().cast("int64")
    agg["_was"] = (flows.flow.isin(["renewed", "continuing", *LEAVING])).sum().cast("int64")
    c = flows.group_by(["zone", "kind", "year"]).aggregate(**agg)
    c = c.mutate(net_increase=c.stock - c._was).drop("_was")
    return Counts(flows=flows, counts=c)


def distinct_firms(flows: ir.Table, kinds: Sequence[str]) -> ir.Table:
    """Per (zone, year): distinct firms holding any of ``kinds`` (``count_unit: enterprise``) and titles."""
    s = flows.filter(flows.in_stock & flows.kind.isin(list(kinds)))
    return s.group_by(["zone", "year"]).aggregate(enterprises=s.uscc.nunique(), titles=s.count())
