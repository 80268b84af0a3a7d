"""A tiny pure-Python 亩均 evaluator: the expected value for the Ibis engine on ~20 rows.

Written row by row from the method semantics in docs/mu-methods.md, sharing nothing with the engine
but the parsed method object (formulas are evaluated here by a separate AST walker).
"""

from __future__ import annotations

import ast
import math
from typing import Any

from devzone.enterprises.method import Method

Row = dict[str, Any]


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def ev(node: ast.expr, r: Row) -> Any:  # noqa: C901 — mirrors formula._kind: one branch per node kind
    """Evaluate a formula tree on one row with SQL NULL semantics."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        v = r.get(node.id)
        return _num(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
    if isinstance(node, ast.BinOp):
        a, b = ev(node.left, r), ev(node.right, r)
        if a is None or b is None:
            return None
        if isinstance(node.op, ast.Div):
            return None if b == 0 else a / b
        return {ast.Add: a + b, ast.Sub: a - b, ast.Mult: a * b}[type(node.op)]
    if isinstance(node, ast.UnaryOp):
        v = ev(node.operand, r)
        if v is None:
            return None
        return -v if isinstance(node.op, ast.USub) else not v
    if isinstance(node, ast.BoolOp):
        vals = [ev(v, r) for v in node.values]
        if isinstance(node.op, ast.And):
            return False if False in vals else (None if None in vals else True)
        return True if True in vals else (None if None in vals else False)
    if isinstance(node, ast.Compare):
        a, b = ev(node.left, r), ev(node.comparators[0], r)
        if a is None or b is None:
            return None
        op = type(node.ops[0])
        return {ast.Eq: a == b, ast.NotEq: a != b, ast.Lt: a < b, ast.LtE: a <= b, ast.Gt: a > b,
                ast.GtE: a >= b}[op]  # fmt: skip
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    args = [ev(a, r) for a in node.args]
    name = node.func.id
    if name == "present":
        return args[0] is not None and args[0].strip() != ""
    if name == "contains":
        return args[0] is not None and args[1] in args[0]
    if name == "startswith":
        return args[0] is not None and args[0].startswith(args[1])
    if name == "missing":
        return args[0] is None
    assert name == "coalesce"
    return args[0] if args[0] is not None else args[1]


def cond(node: ast.expr, r: Row) -> bool:
    return ev(node, r) is True


def quantile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    pos = q * (len(s) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def evaluate(rows: list[Row], m: Method, *, year: int | None = None) -> dict[tuple[int, str], Row]:  # noqa: C901 — the oracle is the method written out straight, to be read against the YAML
    classes = m.class_codes
    last = len(classes) - 1
    longest = max([len(p.by_consecutive_years) for p in m.policies] + [1])
    prev_bench = any(i.benchmark.kind == "previous_year_mean" for s in m.segments for i in s.indicators)
    if year is not None:
        span = longest - 1 + int(prev_bench)
        rows = [r for r in rows if year - span <= r["year"] <= year]
    segs = {s.code: s for s in m.segments}
    out: list[Row] = []
    for r in rows:
        seg = next((s for s in m.segments if cond(s.when.tree, r)), None)
        ex = [x for x in m.exemptions if x.effect == "exempt" and cond(x.when.tree, r)]
        pr = [x for x in m.exemptions if x.effect == "not_below" and cond(x.when.tree, r)]
        vt = [x for x in m.vetoes if cond(x.when.tree, r)]
        o: Row = {"_r": r, "year": r["year"], "uscc": r["uscc"], "segment": seg.code if seg else None}
        o["exempt"] = bool(ex)
        o["exempt_reason"] = "不在评价范围" if seg is None else ((ex + pr)[0].label if ex + pr else None)
        o["veto"] = bool(vt)
        o["veto_reason"] = vt[0].label if vt else None
        o["lo"] = (last if vt[0].effect == "lowest_class" else classes.index(vt[0].klass)) if vt else 0
        o["hi"] = last if (vt or not pr) else classes.index(pr[0].klass)
        o["graded"] = seg is not None and not ex
        o["group"] = (r["year"], o["segment"], *(r[g] for g in m.group_by))
        for ind in seg.indicators if seg else ():
            o[f"{ind.code}_value"] = ev(ind.formula.tree, r)
        out.append(o)

    def members(group: tuple[Any, ...], code: str) -> list[float]:
        return [o[f"{code}_value"] for o in out
                if o["graded"] and o["group"] == group and o.get(f"{code}_value") is not None]  # fmt: skip

    for o in out:
        seg = segs.get(o["segment"] or "")
        total = 0.0
        for ind in seg.indicators if seg else ():
            code, b, rule = ind.code, ind.benchmark, ind.score_rule
            xs = members(o["group"], code)
            mean = sum(xs) / len(xs) if xs else None
            if b.kind == "fixed":
                bench = b.value
            elif b.kind == "mean":
                bench = mean
            elif b.kind == "median":
                bench = quantile(xs, 0.5) if xs else None
            elif b.kind == "percentile":
                bench = quantile(xs, b.q or 0) if xs else None
            else:
                prev = members((o["year"] - 1, *o["group"][1:]), code)
                bench = sum(prev) / len(prev) if prev else (mean if b.fallback == "current_year" else None)
            bench = None if bench is None else bench * b.factor
            o[f"{code}_benchmark"] = bench
    for o in out:
        seg = segs.get(o["segment"] or "")
        for ind in seg.indicators if seg else ():
            code, rule = ind.code, ind.score_rule
            v, bench = o[f"{code}_value"], o[f"{code}_benchmark"]
            raw = None
            if v is not None and bench is not None:
                if rule.kind == "ratio":
                    ratio = (
                        (v / bench if bench else None)
                        if ind.direction == "higher"
                        else (bench / v if v else None)
                    )
                    if ratio is not None:
                        if rule.floor is not None:
                            ratio = max(ratio, rule.floor)
                        if rule.cap is not None:
                            ratio = min(ratio, rule.cap)
                        raw = ind.weight * ratio
                elif rule.kind == "minmax":
                    xs = members(o["group"], code)
                    lo, hi = min(xs), max(xs)
                    share = (
                        1.0 if hi == lo else ((v - lo) if ind.direction == "higher" else (hi - v)) / (hi - lo)
                    )
                    raw = ind.weight * (rule.base + (100 - rule.base) * share) / 100
                else:
                    sign = 1 if ind.direction == "higher" else -1
                    peers = [p[f"{code}_value"] for p in out if p["graded"] == o["graded"]
                             and p["group"] == o["group"] and p.get(f"{code}_value") is not None]  # fmt: skip
                    raw = ind.weight * sum(1 for x in peers if sign * x <= sign * v) / len(peers)
            o[f"_raw_{code}"] = raw
    for o in out:
        seg = segs.get(o["segment"] or "")
        total = 0.0
        for ind in seg.indicators if seg else ():
            raw = o[f"_raw_{ind.code}"]
            if raw is None and ind.missing == "segment_mean_points":
                peers = [p[f"_raw_{ind.code}"] for p in out if p["graded"] == o["graded"] and p["group"] == o["group"]
                         and p[f"_raw_{ind.code}"] is not None]  # fmt: skip
                raw = sum(peers) / len(peers) if peers else None
            o[f"{ind.code}_points"] = 0.0 if raw is None else raw
            total += o[f"{ind.code}_points"]
        adj = sum(a.points for a in m.adjustments
                  if cond(a.when.tree, o["_r"]) and (not a.segments or o["segment"] in a.segments))  # fmt: skip
        o["adjustment_points"] = adj if seg else None
        o["score"] = round(total + adj, m.score_decimals) if seg else None
    for o in out:
        if not o["graded"]:
            o["rank"] = None
            o["class"] = None if o["segment"] is None else m.exempt_class.code
            continue
        peers = [p for p in out if p["graded"] and p["group"] == o["group"]]
        pos = 1 + sum(1 for p in peers if p["score"] > o["score"])
        o["rank"] = pos
        if m.classing.kind == "shares":
            cum, idx = 0.0, last
            for i, (_, share) in enumerate(m.classing.shares[:-1]):
                cum += share
                if pos <= math.floor(len(peers) * cum + 0.5 + 1e-9):
                    idx = i
                    break
        else:
            idx = next((i for i, (_, t) in enumerate(m.classing.thresholds) if o["score"] >= t), last)
        o["class"] = classes[max(min(idx, o["hi"]), o["lo"])]
    by_key = {(o["year"], o["uscc"]): o for o in out}
    for o in out:
        streak = 1
        for j in range(1, longest):
            p = by_key.get((o["year"] - j, o["uscc"]))
            if p is None or p["class"] != o["class"]:
                break
            streak += 1
        o["years_in_class"] = None if o["class"] is None else streak
        for pol in m.policies:
            value = None
            if o["class"] == pol.klass:
                steps = dict(pol.by_consecutive_years)
                value = (
                    steps[min(streak, len(steps))] if steps else (pol.value if pol.value is not None else 1.0)
                )
            o[f"policy_{pol.code}"] = value
    return {k: o for k, o in by_key.items() if year is None or k[0] == year}
