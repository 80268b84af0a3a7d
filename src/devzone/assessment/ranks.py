"""Ranks (排名), rank changes (进位/退位) and streaks.

Ranks: higher score is better, rank 1 = best, ties share the best ("min") rank, 1-2-2-4, as COINr
``rank_df``/R ``rank(-x, ties.method = "min")``. Rank change Δ = rank(t−1) − rank(t): Δ > 0 is 进位.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def rank_ascending_min(x: FloatArray) -> FloatArray:
    """Ascending rank with ties "min" (R ``rank(x, ties.method = "min")``); NaN stays NaN.

    >>> rank_ascending_min(np.array([3.0, 1.0, 3.0])).tolist()
    [2.0, 1.0, 2.0]
    """
    x = np.asarray(x, dtype=np.float64)
    out = np.full(x.shape, np.nan)
    ok = ~np.isnan(x)
    v = x[ok]
    s = np.sort(v)
    out[ok] = np.searchsorted(s, v, side="left") + 1.0
    return out


def rank_desc(scores: FloatArray, *, decimals: int | None = None) -> IntArray:
    """Rank, higher is better, ties "min"; 0 marks an unranked (NaN) zone.

    ``decimals`` rounds before comparing (``tie_decimals``), so published ties share a rank.

    >>> rank_desc(np.array([68.4, 61.9, 68.4, np.nan])).tolist()
    [1, 3, 1, 0]
    """
    s = np.asarray(scores, dtype=np.float64)
    if decimals is not None:
        s = np.round(s, decimals)
    r = rank_ascending_min(-s)
    return np.where(np.isnan(r), 0, r).astype(np.int64)


def rank_in_groups(scores: FloatArray, *, labels: Sequence[str], decimals: int | None = None) -> IntArray:
    """Rank within each peer group (e.g. 苏南/苏中/苏北); 0 where unranked.

    >>> rank_in_groups(np.array([5.0, 9.0, 7.0]), labels=["E", "W", "E"]).tolist()
    [2, 1, 1]
    """
    s = np.asarray(scores, dtype=np.float64)
    lab = np.asarray(labels, dtype=object)
    out = np.zeros(s.shape, dtype=np.int64)
    for g in dict.fromkeys(labels):
        m = lab == g
        out[m] = rank_desc(s[m], decimals=decimals)
    return out


def rank_change(*, previous: IntArray, current: IntArray) -> FloatArray:
    """Δ = previous − current (> 0 is 进位); NaN where either rank is missing (0).

    >>> rank_change(previous=np.array([3, 1, 0]), current=np.array([1, 2, 4])).tolist()
    [2.0, -1.0, nan]
    """
    p = np.asarray(previous, dtype=np.float64)
    c = np.asarray(current, dtype=np.float64)
    return np.where((p > 0) & (c > 0), p - c, np.nan)


def streak(changes: Sequence[float]) -> int:
    """Length of the current run of same-signed rank changes, signed (+3 = three years of 进位).

    Changes are oldest first; 0 or NaN ends a run.

    >>> streak([1.0, -2.0, -1.0]), streak([-1.0, 2.0, 1.0, 3.0]), streak([2.0, 0.0])
    (-2, 3, 0)
    """
    n = 0
    sign = 0
    for d in reversed(list(changes)):
        s = 0 if math.isnan(d) or d == 0 else (1 if d > 0 else -1)
        if s == 0 or sign not in (0, s):
            break
        sign = s
        n += 1
    return sign * n
