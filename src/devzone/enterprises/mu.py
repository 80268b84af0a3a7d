"""亩均效益综合评价: score, rank and class every enterprise-year with a method, on any Ibis backend.

``evaluate(table, method)`` takes an Ibis table with the canonical input columns
(:mod:`devzone.enterprises.inputs_schema`) and returns Ibis expressions: the results table (one row per
enterprise-year with every indicator's value, benchmark and points), and segment, zone and industry
summaries. Nothing is executed here, so the same call runs on DuckDB (the default), on Parquet/CSV read
by DuckDB, on the app's database or on a Spark connection.

The score of enterprise *e* in segment *s* (规上, 规下 ≥ 3 亩, …)::

    score_e = round( Σ_i points_i(x_ei, B_si, w_si) + Σ adjustments , score_decimals )

with the point rules, benchmarks and missing-value rules of :mod:`devzone.enterprises.rules`. Ranks are
within (year, segment, method ``group_by``) among graded enterprises (not exempt), 1 = best; equal scores
share the better rank (SQL ``RANK``) and so the better class. With ``shares`` classing the first *k*
classes hold ``round_half_up(cumulative_share_k × n)`` positions. Then exemptions of effect
``not_below`` lift a class to at most their class (unless vetoed), and vetoes push it down to at least
theirs. Policies read the class and the consecutive years in it.

References
----------
黄岩区 2022 得分计算说明; 淮安市 2024 综合评价办法政策解读; 昌乐县 2023 政策问答; 旌德县 2022 政策解读;
鲁发改价格〔2022〕56号 — URLs in ``docs/mu-methods.md`` and each method file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from devzone.enterprises.formula import to_ibis
from devzone.enterprises.inputs_schema import conform
from devzone.enterprises.method import Method, Policy
from devzone.enterprises.rules import (
    BENCHMARK_STATS,
    BENCHMARKS,
    CLASS_EFFECTS,
    CLASSINGS,
    DIRECTIONS,
    MISSING,
    NEEDS_CUME,
    NEEDS_RANGE,
    SCORE_RULES,
    STATS,
    ClassInput,
    Expr,
    PointsInput,
    quantile_stat,
    stat_name,
)
from devzone.enterprises.sums import exact_mean, exact_sum

STABLE_COLUMNS = (
    "year", "uscc", "name", "zone", "industry_code", "segment",
    "score", "rank", "class", "veto", "exempt_reason",
)  # fmt: skip
EXTRA_COLUMNS = ("veto_reason", "adjustment_points", "years_in_class")
OUT_OF_SCOPE = "不在评价范围"


@dataclass(frozen=True, kw_only=True)
class MuResult:
    """The unexecuted result tables of one evaluation, with the method's id and file digest."""

    results: ir.Table
    segments: ir.Table
    zones: ir.Table
    industries: ir.Table
    method_id: str
    method_digest: str


def result_columns(method: Method) -> tuple[str, ...]:
    """The results columns for ``method``, in order.

    >>> from devzone.enterprises.method_load import resolve
    >>> cols = result_columns(resolve("zj-huangyan-2022"))
    >>> cols[:4], cols[11:14]
    (('year', 'uscc', 'name', 'zone'), ('tax_per_mu_value', 'tax_per_mu_benchmark', 'tax_per_mu_points'))
    >>> cols[-2:]
    ('policy_electricity_surcharge', 'policy_factor_priority')
    """
    per_indicator = tuple(
        f"{c}_{p}" for c in method.indicator_codes for p in ("value", "benchmark", "points")
    )
    policies = tuple(f"policy_{p.code}" for p in method.policies)
    return STABLE_COLUMNS + per_indicator + EXTRA_COLUMNS + policies


def _keys(method: Method) -> list[str]:
    return ["year", "_seg", *method.group_by]


def _left_join(t: ir.Table, other: ir.Table, keys: list[str], *, same_nulls: bool = False) -> ir.Table:
    """``t`` with ``other``'s columns on its ``keys``; ``same_nulls``: an empty key matches the empty key
    (as a window partition groups them)."""
    renamed = other.rename({f"_k_{k}": k for k in keys})
    matched = (
        [t[k].identical_to(renamed[f"_k_{k}"]) for k in keys]
        if same_nulls
        else [t[k] == renamed[f"_k_{k}"] for k in keys]
    )
    joined = t.left_join(renamed, matched)
    return joined.drop(*(f"_k_{k}" for k in keys))


def _class_bounds(method: Method, t: ir.Table) -> dict[str, Expr]:
    """Segment, exemption, protection and veto columns."""
    index = {code: i for i, code in enumerate(method.class_codes)}
    last = len(index) - 1
    seg = ibis.cases(*((to_ibis(s.when, t), s.code) for s in method.segments), else_=ibis.null("string"))
    exempt_rules = [r for r in method.exemptions if r.effect == "exempt"]
    protect_rules = [r for r in method.exemptions if r.effect != "exempt"]
    ordered = exempt_rules + protect_rules
    null_s, false = ibis.null("string"), ibis.literal(False)
    reason = (
        ibis.cases(*((to_ibis(r.when, t), r.label) for r in ordered), else_=null_s) if ordered else null_s
    )
    exempt = (
        ibis.cases(*((to_ibis(r.when, t), True) for r in exempt_rules), else_=false)
        if exempt_rules
        else false
    )
    veto = (
        ibis.cases(*((to_ibis(r.when, t), True) for r in method.vetoes), else_=false)
        if method.vetoes
        else false
    )
    veto_reason = (
        ibis.cases(*((to_ibis(r.when, t), r.label) for r in method.vetoes), else_=null_s)
        if method.vetoes
        else null_s
    )
    lows, highs = [], []
    for r in method.vetoes:
        lo, _ = CLASS_EFFECTS[r.effect](index.get(r.klass or ""), len(index))
        lows.append((to_ibis(r.when, t), lo if lo is not None else 0))
    for r in protect_rules:
        _, hi = CLASS_EFFECTS[r.effect](index.get(r.klass or ""), len(index))
        highs.append((to_ibis(r.when, t), hi if hi is not None else last))
    lo_expr = ibis.cases(*lows, else_=0) if lows else ibis.literal(0)
    hi_expr = ibis.cases(*highs, else_=last) if highs else ibis.literal(last)
    return {
        "_seg": seg,
        "_exempt": exempt,
        "exempt_reason": ibis.ifelse(seg.isnull(), ibis.literal(OUT_OF_SCOPE), reason),
        "veto": veto,
        "veto_reason": veto_reason,
        "_lo": lo_expr,
        "_hi": ibis.ifelse(veto, last, hi_expr),
    }


def _tag(t: ir.Table, method: Method) -> ir.Table:
    t = t.mutate(**_class_bounds(method, t))
    t = t.mutate(_graded=t._seg.notnull() & ~t._exempt)
    values = {}
    for code in method.indicator_codes:
        segs = [s for s in method.segments if any(i.code == code for i in s.indicators)]
        formula = next(i.formula for i in segs[0].indicators if i.code == code)
        values[f"{code}_value"] = ibis.ifelse(t._seg.isin([s.code for s in segs]), to_ibis(formula, t), None)
    return t.mutate(**values)


def _needed_stats(method: Method) -> dict[str, set[str]]:
    needed: dict[str, set[str]] = {c: set() for c in method.indicator_codes}
    for seg in method.segments:
        for ind in seg.indicators:
            needed[ind.code].update(BENCHMARK_STATS[ind.benchmark.kind](ind.benchmark))
            if ind.score_rule.kind in NEEDS_RANGE:
                needed[ind.code].update({"min", "max"})
    return needed


def _with_benchmarks(t: ir.Table, method: Method) -> ir.Table:
    keys = _keys(method)
    needed = _needed_stats(method)
    graded = t.filter(t._graded)
    aggs = {}
    for code, stats in needed.items():
        value = graded[f"{code}_value"]
        for stat in sorted(stats - {"pmean"}):
            aggs[stat_name(stat, code)] = (
                quantile_stat(value, stat) if stat.startswith("q") else STATS[stat](value)
            )
    if aggs:
        t = _left_join(t, graded.group_by(keys).aggregate(**aggs), keys)
    previous = [c for c, stats in needed.items() if "pmean" in stats]
    if previous:
        prev = graded.group_by(keys).aggregate(
            **{stat_name("pmean", c): exact_mean(graded[f"{c}_value"]) for c in previous}
        )
        t = _left_join(t, prev.mutate(year=prev.year + 1), keys)
    benchmarks = {}
    for code in method.indicator_codes:
        branches = []
        for seg in method.segments:
            for ind in seg.indicators:
                if ind.code == code:
                    columns = {s: t[stat_name(s, code)] for s in needed[code]}
                    branches.append(
                        (t._seg == seg.code, BENCHMARKS[ind.benchmark.kind](ind.benchmark, columns))
                    )
        benchmarks[f"{code}_benchmark"] = ibis.cases(*branches, else_=ibis.null("float64"))
    return t.mutate(**benchmarks)


def _with_points(t: ir.Table, method: Method) -> ir.Table:
    """Points per indicator, then the adjustments and the total score (null outside every segment)."""
    keys = [*_keys(method), "_graded"]
    t = _with_cumes(t, method, keys)
    t = _with_raw_points(t, method)
    t = _with_final_points(t, method, keys)
    adjustment: Expr = ibis.literal(0.0)
    for adj in method.adjustments:
        applies = to_ibis(adj.when, t)
        if adj.segments:
            applies = applies & t._seg.isin(list(adj.segments))
        adjustment = adjustment + ibis.ifelse(applies, adj.points, 0.0)
    total: Expr = adjustment
    for code in method.indicator_codes:
        total = total + t[f"{code}_points"].fill_null(0.0)
    return t.mutate(
        adjustment_points=ibis.ifelse(t._seg.isnull(), ibis.null("float64"), adjustment),
        score=ibis.ifelse(t._seg.isnull(), ibis.null("float64"), total.round(method.score_decimals)),
    )


def _with_cumes(t: ir.Table, method: Method, keys: list[str]) -> ir.Table:
    """The cumulative distribution of each indicator the percentile rules need, within its peer group."""
    cumes = {}
    for seg in method.segments:
        for ind in seg.indicators:
            if ind.score_rule.kind in NEEDS_CUME and f"_cume__{ind.code}" not in cumes:
                value = t[f"{ind.code}_value"]
                window = ibis.window(
                    group_by=[*(t[k] for k in keys), value.isnull()],
                    order_by=value * DIRECTIONS[ind.direction].sign,
                )
                cumes[f"_cume__{ind.code}"] = ibis.cume_dist().over(window)
    return t.mutate(**cumes) if cumes else t


def _with_raw_points(t: ir.Table, method: Method) -> ir.Table:
    """Each indicator's points by its segment's score rule; null where the value or benchmark is missing."""
    raw = {}
    for code in method.indicator_codes:
        value, bench = t[f"{code}_value"], t[f"{code}_benchmark"]
        branches = []
        for seg in method.segments:
            for ind in seg.indicators:
                if ind.code == code:
                    inp = PointsInput(
                        value=value, benchmark=bench, weight=ind.weight, rule=ind.score_rule,
                        direction=DIRECTIONS[ind.direction],
                        low=t[stat_name("min", code)] if ind.score_rule.kind in NEEDS_RANGE else None,
                        high=t[stat_name("max", code)] if ind.score_rule.kind in NEEDS_RANGE else None,
                        cume=t[f"_cume__{code}"] if ind.score_rule.kind in NEEDS_CUME else None,
                    )  # fmt: skip
                    branches.append((t._seg == seg.code, SCORE_RULES[ind.score_rule.kind](inp)))
        points = ibis.cases(*branches, else_=ibis.null("float64"))
        raw[f"_raw__{code}"] = ibis.ifelse(value.isnull() | bench.isnull(), ibis.null("float64"), points)
    return t.mutate(**raw)


def _with_final_points(t: ir.Table, method: Method, keys: list[str]) -> ir.Table:
    """Missing points filled by the segment's missing-value rule (zero, or the peer group's mean).

    The peer groups' means are one grouped aggregate joined back (a key left empty matches the empty
    key, as a window's partition would group it): on a million rows a window over the same groups
    took a quarter of the evaluation's time.
    """
    averaged = sorted(
        {
            ind.code
            for seg in method.segments
            for ind in seg.indicators
            if ind.missing == "segment_mean_points"
        }
    )
    if averaged:
        # (named apart from the benchmarks' segment statistics, "_mean__<code>", already in the table)
        means = t.group_by(keys).aggregate(
            **{f"_peer_points__{c}": exact_mean(t[f"_raw__{c}"]) for c in averaged}
        )
        t = _left_join(t, means, keys, same_nulls=True)
    finals = {}
    for code in method.indicator_codes:
        points = t[f"_raw__{code}"]
        branches = []
        for seg in method.segments:
            for ind in seg.indicators:
                if ind.code == code:
                    mean = t[f"_peer_points__{code}"] if ind.missing == "segment_mean_points" else None
                    branches.append((t._seg == seg.code, MISSING[ind.missing](points, mean)))
        finals[f"{code}_points"] = ibis.cases(*branches, else_=ibis.null("float64"))
    return t.mutate(**finals)


def _with_classes(t: ir.Table, method: Method) -> ir.Table:
    window = ibis.window(group_by=[t[k] for k in [*_keys(method), "_graded"]])
    ranked = ibis.window(group_by=[t[k] for k in [*_keys(method), "_graded"]], order_by=ibis.desc(t.score))
    t = t.mutate(_pos=ibis.rank().over(ranked) + 1, _n=t.year.count().over(window))
    base = CLASSINGS[method.classing.kind](
        ClassInput(position=t._pos, count=t._n, score=t.score, classing=method.classing)
    )
    index = ibis.greatest(ibis.least(base, t._hi), t._lo)
    graded_class = ibis.cases(*((index == i, c) for i, c in enumerate(method.class_codes)))
    return t.mutate(
        rank=ibis.ifelse(t._graded, t._pos, ibis.null("int64")),
        **{
            "class": ibis.cases(
                (t._seg.isnull(), ibis.null("string")),
                (t._exempt, method.exempt_class.code),
                else_=graded_class,
            )
        },
    )


def _policy_value(policy: Policy, streak: Expr) -> Expr:
    if policy.by_consecutive_years:
        steps = policy.by_consecutive_years
        return ibis.cases(*((streak == n, v) for n, v in steps[:-1]), else_=steps[-1][1])
    return ibis.literal(policy.value if policy.value is not None else 1.0, type="float64")


def _streak_length(method: Method) -> int:
    return max([len(p.by_consecutive_years) for p in method.policies] + [1])


def _with_policies(t: ir.Table, method: Method) -> ir.Table:
    longest = _streak_length(method)
    streak: Expr = ibis.literal(1)
    if longest > 1:
        window = ibis.window(group_by=t.uscc, order_by=t.year)
        alive: Expr = ibis.literal(True)
        for j in range(1, longest):
            same = (t["class"].lag(j).over(window) == t["class"]) & (t.year.lag(j).over(window) == t.year - j)
            alive = alive & same.fill_null(False)
            streak = streak + ibis.ifelse(alive, 1, 0)
    t = t.mutate(years_in_class=ibis.ifelse(t["class"].isnull(), ibis.null("int64"), streak))
    return t.mutate(**{
        f"policy_{p.code}": ibis.ifelse(t["class"] == p.klass, _policy_value(p, t.years_in_class),
                                        ibis.null("float64"))
        for p in method.policies
    })  # fmt: skip


def years_back(method: Method) -> int:
    """How many years before the evaluation year the scoring reads (previous-year benchmarks, streaks)."""
    previous = any(i.benchmark.kind == "previous_year_mean" for s in method.segments for i in s.indicators)
    return _streak_length(method) - 1 + int(previous)


def _league(t: ir.Table, method: Method, key: str, key_expr: Expr) -> ir.Table:
    classes = (*method.class_codes, method.exempt_class.code)
    grouped = t.mutate(**{key: key_expr}).group_by(["year", key])
    out = grouped.aggregate(
        enterprises=t.uscc.count(),
        land_mu=exact_sum(t.land_mu),
        tax=exact_sum(t.tax),
        sales=exact_sum(t.sales),
        score_mean=exact_mean(t.score),
        **{f"n_{c}": (t["class"] == c).sum() for c in classes},
    )
    out = out.mutate(
        tax_per_mu=out.tax / out.land_mu.nullif(0), sales_per_mu=out.sales / out.land_mu.nullif(0)
    )
    league = ibis.window(group_by=out.year, order_by=ibis.desc(out.tax_per_mu))
    return out.mutate(tax_per_mu_rank=ibis.rank().over(league) + 1).order_by(["year", "tax_per_mu_rank", key])


def _segment_summary(t: ir.Table, method: Method) -> ir.Table:
    classes = (*method.class_codes, method.exempt_class.code)
    scoped = t.filter(t._seg.notnull())
    return (
        scoped.group_by(["year", "segment"])
        .aggregate(
            enterprises=scoped.uscc.count(),
            graded=scoped._graded.sum(),
            vetoed=scoped.veto.sum(),
            score_mean=exact_mean(scoped.score),
            score_min=scoped.score.min(),
            score_max=scoped.score.max(),
            **{f"n_{c}": (scoped["class"] == c).sum() for c in classes},
            **{f"{c}_benchmark": scoped[f"{c}_benchmark"].max() for c in method.indicator_codes},
        )
        .order_by(["year", "segment"])
    )


def evaluate(
    table: ir.Table,
    method: Method,
    *,
    year: int | None = None,
    keep: Callable[[ir.Table], ir.Table] | None = None,
) -> MuResult:
    """Evaluate every enterprise-year of ``table`` with ``method`` (only ``year`` when given).

    Earlier years in the table feed previous-year benchmarks and consecutive-year policies. ``keep``
    stores the evaluated rows once (a table made from them in the backend's connection), so the results
    and the three summaries read them instead of each evaluating the whole method again.

    >>> from devzone.enterprises.method_load import resolve
    >>> rows = {"year": [2022] * 3, "uscc": ["a", "b", "c"], "name": ["甲", "乙", "丙"], "zone": ["Z"] * 3,
    ...         "industry_code": ["3311"] * 3, "scale": ["below"] * 3, "land_mu": [10.0, 10.0, 10.0],
    ...         "leased": [False] * 3, "tax": [115.932, 57.966, 0.0], "sales": [1000.0, 500.0, 0.0],
    ...         "electricity_kwh": [4929081.6, None, 0.0], "veto": [None] * 3, "exempt": [None] * 3}
    >>> out = evaluate(ibis.memtable(rows), resolve("zj-huangyan-2022")).results.to_pyarrow()
    >>> out.select(["uscc", "score", "rank", "class"]).to_pylist()[0]
    {'uscc': 'a', 'score': 100.0, 'rank': 1, 'class': 'A'}
    >>> out["score"].to_pylist(), out["class"].to_pylist()
    ([100.0, 25.0, 0.0], ['A', 'B', 'C'])
    """
    table = conform(table)
    if year is not None:
        table = table.filter((table.year <= year) & (table.year >= year - years_back(method)))
    t = _tag(table, method)
    t = _with_benchmarks(t, method)
    t = _with_points(t, method)
    t = _with_classes(t, method)
    t = _with_policies(t, method).mutate(segment=t._seg)
    if year is not None:
        t = t.filter(t.year == year)
    if keep is not None:
        t = keep(t)
    results = t.select(*result_columns(method)).order_by(["year", "segment", "rank", "uscc"])
    return MuResult(
        results=results,
        segments=_segment_summary(t, method),
        zones=_league(t, method, "zone", t.zone),
        industries=_league(t, method, "industry_division", t.industry_code.substr(0, 2)),
        method_id=method.id,
        method_digest=method.digest,
    )
