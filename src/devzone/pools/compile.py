"""A criteria set compiled into expressions: every criterion's value, threshold, status, gap and points.

:func:`compile_set` walks one :class:`~devzone.pools.criteria.CriteriaSet` once and returns, for each
row of the result (criterion, score item, block, total, direct route), a mapping of output fields to
expressions in :mod:`devzone.pools.ops` — arrays over all enterprise-years (or Ibis columns), or the
values of one enterprise-year — plus the set's verdict. Nothing here loops over enterprises: the
screen compiles each set once over whole columns.

Status codes (``STATUS``): 0 met, 1 unmet, 2 unknown (missing or out-of-period data), 3 manual (a
person decides), 4 scored (a score item, no pass mark of its own), 5 n/a (a criterion for another band,
小巨人 L5 by revenue). Verdict codes (``VERDICT``): 0 eligible (all met, nothing manual), 1 candidate
(nothing unmet, something manual or unknown), 2 near miss (every unmet one within the set's margin:
10 % of its threshold, or 5 points), 3 not eligible.

Gaps. ``gap_abs`` = value − threshold (threshold − value for ``le``/``lt``), negative when short;
``gap_rel`` = gap_abs / |threshold|. ``amount`` is what the numerator (or the value) must gain — or, for
``le``, lose — to meet the threshold, positive when short and negative as headroom: 高企 H5 "研发费用还差"
= threshold × Σ销售收入 − Σ研发费用. For points, ``amount`` is the points missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from devzone.pools.criteria import (
    Band,
    Banded,
    Block,
    Cond,
    CriteriaSet,
    Criterion,
    Item,
    Margin,
    Part,
    Score,
)
from devzone.pools.measures import BY_NAME as MEASURES
from devzone.pools.ops import Ops

MET, UNMET, UNKNOWN, MANUAL, SCORED, NA = 0.0, 1.0, 2.0, 3.0, 4.0, 5.0
STATUS = {0: "met", 1: "unmet", 2: "unknown", 3: "manual", 4: "scored", 5: "na"}
VERDICT = {0: "eligible", 1: "candidate", 2: "near_miss", 3: "not_eligible"}
FIELDS = (
    "value", "threshold", "status", "gap_abs", "gap_rel", "amount",
    "points_lo", "points_hi", "next_points", "next_gap", "open_items", "approximate", "near",
)  # fmt: skip
"""The numeric fields of every result row (missing where they mean nothing for the row's role)."""


@dataclass(frozen=True, kw_only=True)
class Out:
    """One result row's expressions: ``role`` is criterion, item, block, score or direct."""

    id: str
    role: str
    fields: dict[str, Any]


Lookup = Callable[[str, str], Any]
"""``lookup(measure, part)`` → the measure's ``value``, ``num``, ``den`` or ``approx`` expression."""


class _Compiler:
    def __init__(self, cs: CriteriaSet, o: Ops, m: Lookup, *, detail: bool) -> None:
        self.cs, self.o, self.m, self.detail = cs, o, m, detail
        self.margin: Margin = cs.near_miss

    # -- helpers ---------------------------------------------------------------------------------
    def cond(self, c: Cond) -> Any:
        return self.o.cmp(c.op, self.m(c.measure, "value"), c.value)

    def count(self, flags: list[Any]) -> Any:
        o = self.o
        return o.add(0.0, *(o.cases([(f, 1.0)], 0.0) for f in flags)) if flags else 0.0

    def empty(self) -> dict[str, Any]:
        return dict.fromkeys(FIELDS)

    def gaps(self, op: str, value: Any, thr: Any, measure: str | None) -> dict[str, Any]:
        o = self.o
        diff = o.sub(value, thr)
        gap = {"ge": diff, "gt": diff, "le": o.sub(thr, value), "lt": o.sub(thr, value)}.get(
            op, o.cases([(o.cmp("eq", diff, 0.0), 0.0), (o.cmp("lt", diff, 0.0), diff)], o.sub(0.0, diff))
        )
        absthr = o.cases([(o.cmp("lt", thr, 0.0), o.sub(0.0, thr))], thr)
        amount = o.lit(None)
        info = MEASURES.get(measure or "")
        if info is not None and op != "eq" and self.detail:
            if info.num is not None:
                need = o.mul(thr, self.m(measure or "", "den"))
                num = self.m(measure or "", "num")
                amount = o.sub(need, num) if op in ("ge", "gt") else o.sub(num, need)
            else:
                amount = o.sub(0.0, gap)
        return {"gap_abs": gap, "gap_rel": o.div(gap, absthr), "amount": amount}

    def near_check(self, status: Any, gap_rel: Any) -> Any:
        o = self.o
        return o.and_(o.cmp("eq", status, UNMET), o.cmp("ge", gap_rel, -self.margin.rel))

    # -- criteria ----------------------------------------------------------------------------------
    def threshold(self, c: Criterion) -> tuple[Any, Any]:
        """(threshold, applies) — applies is False for a band whose ``t`` is empty."""
        o = self.o
        if not hasattr(c.threshold, "bands"):
            return c.threshold, True
        banded = c.threshold
        by = self.m(banded.by, "value")  # type: ignore[union-attr]
        pairs, applies = [], []
        for band in banded.bands:  # type: ignore[union-attr]
            when = True if band.edge is None else o.cmp("le" if band.le is not None else "lt", by, band.edge)
            pairs.append((when, o.lit(band.t)))
            applies.append((when, band.t is not None))
        return o.cases(pairs, o.lit(None)), o.cases(applies, None)

    def criterion(self, c: Criterion) -> Out:
        o = self.o
        f = self.empty()
        if c.op == "manual":
            f["status"] = MANUAL
            return Out(id=c.id, role="criterion", fields=f)
        if c.any_of:
            legs = [self.cond(leg) for leg in c.any_of]
            hit = legs[0]
            for leg in legs[1:]:
                hit = o.or_(hit, leg)
            first = c.any_of[0]
            value = self.m(first.measure, "value")
            f.update(
                value=value, threshold=first.value, **self.gaps(first.op, value, first.value, first.measure)
            )
            f["status"] = o.cases([(hit, MET), (o.not_(hit), UNMET)], UNKNOWN)
            f["near"] = False
            return Out(id=c.id, role="criterion", fields=f)
        assert c.measure is not None
        value = self.m(c.measure, "value")
        thr, applies = self.threshold(c)
        if c.when is not None:
            applies = o.and_(applies, self.cond(c.when))
        ok = o.cmp(c.op, value, thr)
        met = MANUAL if c.also_manual else MET
        status = o.cases(
            [(o.not_(applies), NA), (o.isnull(applies), UNKNOWN), (ok, met), (o.not_(ok), UNMET)], UNKNOWN
        )
        f.update(value=value, threshold=thr, status=status, **self.gaps(c.op, value, thr, c.measure))
        f["near"] = self.near_check(status, f["gap_rel"])
        approx = MEASURES[c.measure].approx
        f["approximate"] = self.m(c.measure, "approx") if approx is not None else False
        return Out(id=c.id, role="criterion", fields=f)

    # -- scores ------------------------------------------------------------------------------------
    def band_conds(self, measure: str | None, bands: tuple[Band, ...]) -> list[Any]:
        value = self.m(measure, "value") if measure else None
        out = []
        for b in bands:
            if b.when is not None:
                out.append(self.cond(b.when))
            else:
                op, edge = b.cond  # type: ignore[misc]
                out.append(self.o.cmp(op, value, edge))
        return out

    def banded(self, measure: str | None, bands: tuple[Band, ...], top: float) -> dict[str, Any]:
        o = self.o
        conds = self.band_conds(measure, bands)
        matched = conds[0]
        for c in conds[1:]:
            matched = o.or_(matched, c)
        lo = o.cases([(c, b.low) for c, b in zip(conds, bands, strict=True)], 0.0)
        hi = o.cases([*((c, b.high) for c, b in zip(conds, bands, strict=True)), (o.not_(matched), 0.0)], top)
        value = self.m(measure, "value") if measure else o.lit(None)
        ranged = any(b.low < b.high for b in bands)
        status = o.cases(
            [(o.isnull(matched), UNKNOWN), *((c, MANUAL) for c, b in zip(conds, bands, strict=True) if b.low < b.high)],
            SCORED,
        ) if ranged else o.cases([(o.isnull(matched), UNKNOWN)], SCORED)  # fmt: skip
        out = {"value": value, "points_lo": lo, "points_hi": hi, "status": status}
        if not self.detail:  # a verdict needs neither the next band nor the gap to it
            return {**out, "next_points": None, "next_gap": None}
        nxt = [(conds[0], 0.0)]
        nxt += [(conds[i], bands[i - 1].low - bands[i].low) for i in range(1, len(bands))]
        nxt.append((o.not_(matched), bands[-1].low))
        gaps: list[tuple[Any, Any]] = []
        for i in range(len(bands)):
            target = bands[i - 1] if i else None
            if target is not None and target.cond is not None:
                op, edge = target.cond
                gaps.append((conds[i], o.sub(edge, value) if op in ("ge", "gt") else o.sub(value, edge)))
        if bands[-1].cond is not None:
            op, edge = bands[-1].cond
            gaps.append((o.not_(matched), o.sub(edge, value) if op in ("ge", "gt") else o.sub(value, edge)))
        return {**out, "next_points": o.cases(nxt, o.lit(None)), "next_gap": o.cases(gaps, o.lit(None))}

    def item(self, it: Item) -> Out:
        o = self.o
        f = self.empty()
        if it.manual is not None:
            f.update(points_lo=float(it.manual[0]), points_hi=float(it.manual[1]), status=MANUAL)
        elif it.per is not None:
            value = self.m(it.measure or "", "value")
            units = o.floor(o.div(value, it.per.step))
            raw = o.mul(units, it.per.points)
            pts = o.cases([(o.cmp("ge", raw, it.per.max), it.per.max)], raw)
            known = o.notnull(value)
            f.update(
                value=value,
                points_lo=o.cases([(known, pts)], 0.0),
                points_hi=o.cases([(known, pts)], it.per.max),
                next_points=o.cases([(o.cmp("ge", pts, it.per.max), 0.0)], o.sub(
                    o.cases([(o.cmp("ge", o.add(pts, it.per.points), it.per.max), it.per.max)], o.add(pts, it.per.points)),
                    pts,
                )),
                next_gap=o.sub(o.mul(o.add(units, 1.0), it.per.step), value),
                status=o.cases([(known, SCORED)], UNKNOWN),
            )  # fmt: skip
        elif it.best_of:
            parts = [self.banded(p.measure, p.bands, max(b.high for b in p.bands)) for p in it.best_of]
            a, b = parts[0], parts[1] if len(parts) > 1 else parts[0]
            first = o.cmp("ge", a["points_lo"], b["points_lo"])
            pick = {k: o.cases([(first, a[k])], b[k]) for k in ("value", "next_points", "next_gap")}
            f.update(
                pick,
                points_lo=o.greatest(a["points_lo"], b["points_lo"]),
                points_hi=o.greatest(a["points_hi"], b["points_hi"]),
                status=o.cases([(o.cmp("eq", a["status"], UNKNOWN), UNKNOWN), (o.cmp("eq", b["status"], UNKNOWN), UNKNOWN)], SCORED),
                threshold=o.cases([(first, 0.0)], 1.0),  # which part scored (0 = the first), for the words
            )  # fmt: skip
        else:
            f.update(self.banded(it.measure, it.bands, it.max_points))
        return Out(id=it.id, role="item", fields=f)

    def pass_mark(self, op: str, lo: Any, hi: Any, thr: float, *, unknown: Any, auto: bool) -> dict[str, Any]:
        o = self.o
        sure, maybe = o.cmp(op, lo, thr), o.cmp(op, hi, thr)
        status = o.cases(
            [(sure, MET if auto else MANUAL), (o.not_(maybe), UNMET), (o.cmp("gt", unknown, 0.0), UNKNOWN)],
            MANUAL,
        )
        short = o.sub(thr, hi)
        return {
            "value": lo, "threshold": thr, "status": status, "gap_abs": o.sub(hi, thr),
            "gap_rel": o.div(o.sub(hi, thr), thr) if thr else o.lit(None), "amount": short,
            "near": o.and_(o.cmp("eq", status, UNMET), o.cmp("le", short, self.margin.points)),
        }  # fmt: skip

    def score(self, s: Score) -> list[Out]:
        o = self.o
        outs: list[Out] = []
        totals_lo, totals_hi, unknowns = [], [], []
        for block in s.blocks:
            items = [self.item(it) for it in block.items]
            outs += items
            lo = o.add(0.0, *(i.fields["points_lo"] for i in items))
            hi = o.add(0.0, *(i.fields["points_hi"] for i in items))
            lo = o.cases([(o.cmp("ge", lo, block.max), block.max)], lo)
            hi = o.cases([(o.cmp("ge", hi, block.max), block.max)], hi)
            unknown = self.count([o.cmp("eq", i.fields["status"], UNKNOWN) for i in items])
            f = self.empty()
            f.update(points_lo=lo, points_hi=hi, status=SCORED)
            if block.floor is not None:
                f.update(
                    self.pass_mark(block.floor.op, lo, hi, block.floor.value, unknown=unknown, auto=True)
                )
            f.update(points_lo=lo, points_hi=hi, open_items=unknown)
            outs.append(Out(id=block.id, role="block", fields=f))
            totals_lo.append(lo)
            totals_hi.append(hi)
            unknowns.append(unknown)
        lo, hi = o.add(0.0, *totals_lo), o.add(0.0, *totals_hi)
        f = self.empty()
        open_items = o.add(0.0, *unknowns)
        f.update(self.pass_mark(s.op, lo, hi, s.threshold, unknown=open_items, auto=s.auto_met))
        f.update(points_lo=lo, points_hi=hi, open_items=open_items)
        outs.append(Out(id=s.id, role="score", fields=f))
        return outs

    # -- the set -------------------------------------------------------------------------------
    def run(self) -> tuple[list[Out], Any]:
        o = self.o
        outs = [self.criterion(c) for c in self.cs.criteria]
        if self.cs.score is not None:
            outs += self.score(self.cs.score)
        by_id = {out.id: out for out in outs}
        routes: dict[str, list[Any]] = {}
        for d in self.cs.direct:
            legs = [self.cond(c) for c in d.any_of]
            hit = legs[0]
            for leg in legs[1:]:
                hit = o.or_(hit, leg)
            f = self.empty()
            first = d.any_of[0]
            f.update(value=self.m(first.measure, "value"), threshold=first.value)
            f["status"] = o.cases([(hit, MET), (o.not_(hit), UNMET)], UNKNOWN)
            outs.append(Out(id=d.id, role="direct", fields=f))
            for target in d.replaces:
                routes.setdefault(target, []).append(hit)
        unmet, far, open_ = [], [], []
        for gid in self.cs.gated:
            f = by_id[gid].fields
            status = f["status"]
            for hit in routes.get(gid, []):
                status = o.cases([(hit, MET)], status)
            is_unmet = o.cmp("eq", status, UNMET)
            unmet.append(is_unmet)
            far.append(o.and_(is_unmet, o.not_(o.cases([(f["near"], True)], False))))
            open_.append(o.or_(o.cmp("eq", status, UNKNOWN), o.cmp("eq", status, MANUAL)))
        n_unmet, n_far, n_open = self.count(unmet), self.count(far), self.count(open_)
        verdict = o.cases(
            [
                (o.and_(o.cmp("eq", n_unmet, 0.0), o.cmp("eq", n_open, 0.0)), 0.0),
                (o.cmp("eq", n_unmet, 0.0), 1.0),
                (o.cmp("eq", n_far, 0.0), 2.0),
            ],
            3.0,
        )
        return outs, verdict


def compile_set(cs: CriteriaSet, ops: Ops, lookup: Lookup, *, detail: bool = True) -> tuple[list[Out], Any]:
    """The result rows and the verdict of ``cs``, as expressions of ``ops`` over ``lookup``'s measures.

    ``detail=False`` leaves out what only a reader of the rows needs (amounts, the next band), for
    verdicts over many rows.
    """
    return _Compiler(cs, ops, lookup, detail=detail).run()


def _conds(cs: CriteriaSet) -> list[Cond]:
    out: list[Cond] = []
    for c in cs.criteria:
        out += [*c.any_of, *([c.when] if c.when else [])]
    blocks: tuple[Block, ...] = cs.score.blocks if cs.score else ()
    bands = [
        band
        for b in blocks
        for it in b.items
        for band in (*it.bands, *(x for p in it.best_of for x in p.bands))
    ]
    out += [band.when for band in bands if band.when is not None]
    out += [leg for d in cs.direct for leg in d.any_of]
    return out


def measures_used(cs: CriteriaSet) -> tuple[str, ...]:
    """The measures a set reads (so the screen computes only those, once each)."""
    names = [c.measure for c in cs.criteria if c.measure]
    names += [c.threshold.by for c in cs.criteria if isinstance(c.threshold, Banded)]
    items: list[Item] = [it for b in (cs.score.blocks if cs.score else ()) for it in b.items]
    names += [it.measure for it in items if it.measure]
    parts: list[Part] = [p for it in items for p in it.best_of]
    names += [p.measure for p in parts]
    names += [c.measure for c in _conds(cs)]
    return tuple(dict.fromkeys(names))
