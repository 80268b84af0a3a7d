"""The rule families of a 亩均效益 method as registries of small Ibis expression builders.

Each family is a dict from the name used in method files to a function; :mod:`devzone.enterprises.mu`
looks names up here and never branches on them. Formulas, with ``x`` the indicator value, ``B`` the
benchmark and ``w`` the weight:

* benchmarks (基准值): segment ``mean``/``median``/``percentile`` × factor; ``previous_year_mean`` =
  factor × last year's segment mean (淮安: 2 × 上年度平均值); ``fixed`` (黄岩 2022 published values);
* score rules (单项得分): ``ratio`` = ``w × clamp(x/B, floor, cap)`` (黄岩, 淮安, 龙游 龙政发〔2021〕52号);
  ``minmax`` = ``w × [base + (100 − base)(x − min)/(max − min)]/100`` (旌德 2022, base 20);
  ``percentile`` = ``w × cume_dist(x)`` within the segment;
* missing values: ``zero``, or ``segment_mean_points`` (黄岩: "无排放数据的 … 按规上企业此项平均得分赋分");
* class cuts: ``shares`` (by rank position) or ``thresholds`` (by score).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ibis

from devzone.enterprises.method import Benchmark, Classing, ScoreRule
from devzone.enterprises.sums import exact_mean

Expr = Any  # an Ibis value expression; Ibis' own classes are too dynamic for precise hints here


def stat_name(stat: str, code: str) -> str:
    """Column name of a segment statistic: ``_mean__tax_per_mu``.

    >>> stat_name("mean", "tax_per_mu")
    '_mean__tax_per_mu'
    >>> stat_name("q0.75", "x")
    '_q0.75__x'
    >>> stat_name("pmean", "x")
    '_pmean__x'
    """
    return f"_{stat}__{code}"


# benchmark kind → the segment statistics it reads (computed over graded enterprises)
BENCHMARK_STATS: dict[str, Callable[[Benchmark], tuple[str, ...]]] = {
    "mean": lambda b: ("mean",),
    "median": lambda b: ("median",),
    "percentile": lambda b: (f"q{b.q}",),
    "previous_year_mean": lambda b: ("mean", "pmean"),
    "fixed": lambda b: (),
}

# statistic name → aggregate over a value column
STATS: dict[str, Callable[[Expr], Expr]] = {
    "mean": exact_mean,
    "median": lambda v: v.median(),
    "min": lambda v: v.min(),
    "max": lambda v: v.max(),
}


def quantile_stat(value: Expr, stat: str) -> Expr:
    """Aggregate for a ``q<q>`` statistic (exact, continuous quantile)."""
    return value.quantile(float(stat[1:]))


def _bench_fallback(b: Benchmark, stats: dict[str, Expr]) -> Expr:
    current = stats["mean"] if b.fallback == "current_year" else ibis.null("float64")
    return ibis.coalesce(stats["pmean"], current) * b.factor


BENCHMARKS: dict[str, Callable[[Benchmark, dict[str, Expr]], Expr]] = {
    "mean": lambda b, s: s["mean"] * b.factor,
    "median": lambda b, s: s["median"] * b.factor,
    "percentile": lambda b, s: s[f"q{b.q}"] * b.factor,
    "previous_year_mean": _bench_fallback,
    "fixed": lambda b, s: ibis.literal(b.value, type="float64") * b.factor,
}


@dataclass(frozen=True, kw_only=True)
class Direction:
    """How a direction turns value and benchmark into a ratio, and the sign for ordering rules."""

    ratio: Callable[[Expr, Expr], Expr]
    sign: int


DIRECTIONS: dict[str, Direction] = {
    "higher": Direction(ratio=lambda x, b: x / b.nullif(0), sign=1),
    "lower": Direction(ratio=lambda x, b: b / x.nullif(0), sign=-1),
}


@dataclass(frozen=True, kw_only=True)
class PointsInput:
    """What a score rule may read for one indicator of one segment."""

    value: Expr
    benchmark: Expr
    weight: float
    rule: ScoreRule
    direction: Direction
    low: Expr  # segment minimum of the value
    high: Expr  # segment maximum of the value
    cume: Expr  # cume_dist of sign × value within the segment (1 = best)


def _clamp(x: Expr, floor: float | None, cap: float | None) -> Expr:
    if floor is not None:
        x = ibis.greatest(x, floor)
    if cap is not None:
        x = ibis.least(x, cap)
    return x


def _ratio(p: PointsInput) -> Expr:
    ratio = p.direction.ratio(p.value, p.benchmark)  # NULL on division by zero: the missing rule decides
    return ibis.ifelse(
        ratio.isnull(), ibis.null("float64"), _clamp(ratio, p.rule.floor, p.rule.cap) * p.weight
    )


def _minmax(p: PointsInput) -> Expr:
    above_worst = p.value - p.low if p.direction.sign > 0 else p.high - p.value
    share = above_worst / (p.high - p.low).nullif(0)
    share = ibis.ifelse(p.value.isnull(), ibis.null("float64"), ibis.coalesce(share, 1.0))  # all equal: best
    return p.weight * (p.rule.base + (100 - p.rule.base) * share) / 100


def _percentile(p: PointsInput) -> Expr:
    return p.weight * p.cume


SCORE_RULES: dict[str, Callable[[PointsInput], Expr]] = {
    "ratio": _ratio,
    "minmax": _minmax,
    "percentile": _percentile,
}

# which rules need the segment min/max or the cume_dist window
NEEDS_RANGE = frozenset({"minmax"})
NEEDS_CUME = frozenset({"percentile"})

# missing-value rule: (points or NULL, segment mean of the non-missing points) → points
MISSING: dict[str, Callable[[Expr, Expr], Expr]] = {
    "zero": lambda points, mean: ibis.coalesce(points, 0.0),
    "segment_mean_points": lambda points, mean: ibis.coalesce(points, mean, 0.0),
}


@dataclass(frozen=True, kw_only=True)
class ClassInput:
    """What a classing rule reads: rank position (1 = best, ties share the smaller), count, score."""

    position: Expr
    count: Expr
    score: Expr
    classing: Classing


def _by_shares(c: ClassInput) -> Expr:
    """Class index by position: the first k classes hold round_half_up(cum_share_k × n) enterprises."""
    cum = 0.0
    branches = []
    for index, (_, share) in enumerate(c.classing.shares[:-1]):
        cum += share
        cut = (c.count * cum + 0.5 + 1e-9).floor()
        branches.append((c.position <= cut, index))
    return ibis.cases(*branches, else_=len(c.classing.shares) - 1)


def _by_thresholds(c: ClassInput) -> Expr:
    branches = [(c.score >= t, i) for i, (_, t) in enumerate(c.classing.thresholds)]
    return ibis.cases(*branches, else_=len(c.classing.thresholds))


CLASSINGS: dict[str, Callable[[ClassInput], Expr]] = {
    "shares": _by_shares,
    "thresholds": _by_thresholds,
}

# class-rule effect → (best allowed index, worst allowed index) given the class index of ``klass``
# and the number of classes; None means no bound on that side.
CLASS_EFFECTS: dict[str, Callable[[int | None, int], tuple[int | None, int | None]]] = {
    "lowest_class": lambda k, m: (m - 1, None),
    "not_above": lambda k, m: (k, None),
    "not_below": lambda k, m: (None, k),
    "exempt": lambda k, m: (None, None),
}
