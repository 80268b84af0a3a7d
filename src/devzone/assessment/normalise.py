"""Normalisation of one indicator column onto a common scale (归一化/无量纲化).

Reference: OECD/JRC, *Handbook on Constructing Composite Indicators*, 2008, §5 Table 3; COINr
``R/normalise.R`` (``n_minmax``, ``n_zscore``, ``n_rank``, ``n_borda``, ``n_prank``, ``n_dist2targ``,
``n_goalposts``). Direction −1 is handled by x ← −x for min-max, z-score and the rank family; the
target, goalpost, 功效系数 and ratio methods take the direction into their formula. NaN stays NaN.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.ranks import rank_ascending_min
from devzone.assessment.spec import NormaliseSpec

FloatArray = NDArray[np.float64]
Normaliser = Callable[[FloatArray, int, NormaliseSpec], FloatArray]


def _finite(x: FloatArray) -> FloatArray:
    return x[~np.isnan(x)]


def minmax(x: FloatArray, direction: int, spec: NormaliseSpec) -> FloatArray:
    """Min-max: l + (u − l)·(x − min)/(max − min) on x·direction; a constant column maps to (l + u)/2.

    >>> minmax(np.array([1.0, 2.0, 3.0]), 1, NormaliseSpec()).tolist()
    [0.0, 50.0, 100.0]
    """
    y = x * direction
    v = _finite(y)
    lo, hi = spec.to
    if v.size == 0:
        return np.full_like(y, np.nan)
    mn, mx = float(v.min()), float(v.max())
    if mx == mn:
        return np.where(np.isnan(y), np.nan, (lo + hi) / 2.0)
    return np.asarray((y - mn) / (mx - mn) * (hi - lo) + lo, dtype=np.float64)


def zscore(x: FloatArray, direction: int, spec: NormaliseSpec) -> FloatArray:
    """z-score: m + s·(x − x̄)/sd on x·direction, sd with n − 1 (COINr ``n_zscore``).

    >>> zscore(np.array([1.0, 2.0, 3.0]), 1, NormaliseSpec(method="zscore", mean=10, sd=2)).tolist()
    [8.0, 10.0, 12.0]
    """
    y = x * direction
    v = _finite(y)
    if v.size < 2 or float(v.std(ddof=1)) == 0.0:
        return np.where(np.isnan(y), np.nan, spec.mean)
    return np.asarray(spec.mean + spec.sd * (y - v.mean()) / v.std(ddof=1), dtype=np.float64)


def rank(x: FloatArray, direction: int, spec: NormaliseSpec) -> FloatArray:
    """Rank of x·direction, ascending, ties "min" (best value gets n_obs).

    >>> rank(np.array([5.0, 1.0, 5.0]), 1, NormaliseSpec(method="rank")).tolist()
    [2.0, 1.0, 2.0]
    """
    return rank_ascending_min(x * direction)


def borda(x: FloatArray, direction: int, spec: NormaliseSpec) -> FloatArray:
    """Borda score = rank − 1 (COINr ``n_borda``).

    >>> borda(np.array([3.0, 1.0, 2.0]), -1, NormaliseSpec(method="borda")).tolist()
    [0.0, 2.0, 1.0]
    """
    return rank_ascending_min(x * direction) - 1.0


def percentile_rank(x: FloatArray, direction: int, spec: NormaliseSpec) -> FloatArray:
    """Percentile rank = (rank − 1)/(n_obs − 1).

    >>> percentile_rank(np.array([3.0, 1.0, 2.0]), 1, NormaliseSpec(method="percentile_rank")).tolist()
    [1.0, 0.0, 0.5]
    """
    r = rank_ascending_min(x * direction)
    n = int((~np.isnan(x)).sum())
    return (r - 1.0) / (n - 1) if n > 1 else np.where(np.isnan(x), np.nan, 0.0)


def _scale(unit: FloatArray, spec: NormaliseSpec) -> FloatArray:
    lo, hi = spec.to
    return np.asarray(lo + (hi - lo) * unit, dtype=np.float64)


def target(x: FloatArray, direction: int, spec: NormaliseSpec) -> FloatArray:
    """Distance to target T: (x − min)/(T − min) for +1, (max − x)/(max − T) for −1, capped at 1.

    Scaled onto ``to``. Reference: Handbook 2008 Table 3 ("distance to a reference").

    >>> target(np.array([0.0, 5.0, 20.0]), 1, NormaliseSpec(method="target", target=10.0, to=(0, 1))).tolist()
    [0.0, 0.5, 1.0]
    """
    if spec.target is None:
        raise ValueError("target normalisation needs `target`")
    v = _finite(x)
    t = spec.target
    unit = (x - v.min()) / (t - v.min()) if direction == 1 else (v.max() - x) / (v.max() - t)
    if spec.cap:
        unit = np.minimum(unit, 1.0)
    return _scale(np.asarray(unit, dtype=np.float64), spec)


def goalposts(x: FloatArray, direction: int, spec: NormaliseSpec) -> FloatArray:
    """Goalposts [G_lo, G_hi]: clip((x − G_lo)/(G_hi − G_lo), 0, 1) (for −1: (G_hi − x)/…), onto ``to``.

    >>> goalposts(np.array([0.0, 15.0, 40.0]), 1, NormaliseSpec(method="goalposts", goalposts=(10, 30))).tolist()
    [0.0, 25.0, 100.0]
    """
    if spec.goalposts is None:
        raise ValueError("goalposts normalisation needs `goalposts`")
    g_lo, g_hi = spec.goalposts
    unit = (x - g_lo) / (g_hi - g_lo) if direction == 1 else (g_hi - x) / (g_hi - g_lo)
    return _scale(np.clip(unit, 0.0, 1.0), spec)


def efficacy(x: FloatArray, direction: int, spec: NormaliseSpec) -> FloatArray:
    """功效系数法: d = 60 + 40·(x − x_s)/(x_h − x_s); x_h = 满意值, x_s = 不允许值.

    Defaults: x_h/x_s = max/min of the scope (swapped for direction −1), i.e. min-max onto
    [60, 100]. Optional ``clip`` to [60, 100] (assumed option). Worked example of the source:
    x = 5.81, x_h = 12, x_s = 6 → 58.73. Reference: 功效系数法, 财务评价教材 (spec §3.4).

    >>> s = NormaliseSpec(method="efficacy", satisfied=12, disallowed=6)
    >>> [round(v, 2) for v in efficacy(np.array([5.81, 6.0, 12.0]), 1, s).tolist()]
    [58.73, 60.0, 100.0]
    """
    v = _finite(x)
    best, worst = (v.max(), v.min()) if direction == 1 else (v.min(), v.max())
    x_h = best if spec.satisfied is None else spec.satisfied
    x_s = worst if spec.disallowed is None else spec.disallowed
    if x_h == x_s:
        return np.where(np.isnan(x), np.nan, 80.0)
    d = 60.0 + 40.0 * (x - x_s) / (x_h - x_s)
    return np.asarray(np.clip(d, 60.0, 100.0) if spec.clip else d, dtype=np.float64)


def ratio(x: FloatArray, direction: int, spec: NormaliseSpec) -> FloatArray:
    """Ratio to a benchmark B: 100·x/B (for −1: 100·B/x), capped at ``cap_multiple``·100 (无锡: 2).

    >>> ratio(np.array([50.0, 100.0, 300.0]), 1, NormaliseSpec(method="ratio", benchmark=100, cap_multiple=2)).tolist()
    [50.0, 100.0, 200.0]
    """
    if spec.benchmark is None:
        raise ValueError("ratio normalisation needs `benchmark`")
    with np.errstate(divide="ignore"):
        r = 100.0 * (x / spec.benchmark if direction == 1 else spec.benchmark / x)
    if spec.cap_multiple is not None:
        r = np.minimum(r, 100.0 * spec.cap_multiple)
    return np.asarray(r, dtype=np.float64)


#: Registry: method name → function(x, direction, spec).
NORMALISERS: dict[str, Normaliser] = {
    "minmax": minmax,
    "zscore": zscore,
    "rank": rank,
    "borda": borda,
    "percentile_rank": percentile_rank,
    "target": target,
    "goalposts": goalposts,
    "efficacy": efficacy,
    "ratio": ratio,
}

#: Parameters each method requires in its spec.
REQUIRED_PARAMS: dict[str, tuple[str, ...]] = {
    "target": ("target",),
    "goalposts": ("goalposts",),
    "ratio": ("benchmark",),
}


def normalise_column(x: FloatArray, *, direction: int, spec: NormaliseSpec) -> FloatArray:
    """Normalise one indicator column with the method named in ``spec``.

    >>> normalise_column(np.array([2.0, 4.0, 6.0]), direction=-1, spec=NormaliseSpec()).tolist()
    [100.0, 50.0, 0.0]
    """
    return NORMALISERS[spec.method](np.asarray(x, dtype=np.float64), direction, spec)
