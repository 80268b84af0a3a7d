"""Missing-data rules (缺失值处理), one per framework, applied to the zones × indicators matrix.

``impute_group_mean``: the mean of the peer group's observed values (COINr ``i_mean_grp``);
``impute_mean``/``impute_median`` over all zones; ``zero`` (未报送按0计, assumed option);
``available_case``: leave the gap and aggregate over the present children (COINr ``a_amean`` with
``na.rm``). Reference: OECD/JRC Handbook 2008, §4 (imputation of missing data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
Imputer = Callable[[FloatArray, Sequence[str]], FloatArray]


def _column_fill(x: FloatArray, fill: FloatArray) -> FloatArray:
    return np.where(np.isnan(x), fill[np.newaxis, :], x)


def available_case(x: FloatArray, groups: Sequence[str]) -> FloatArray:
    """Leave gaps as NaN (aggregation renormalises over present children).

    >>> available_case(np.array([[1.0], [np.nan], [3.0]]), ["a", "a", "a"]).tolist()
    [[1.0], [nan], [3.0]]
    """
    return x.copy()


def impute_mean(x: FloatArray, groups: Sequence[str]) -> FloatArray:
    """Column mean of the observed values.

    >>> impute_mean(np.array([[1.0], [np.nan], [3.0]]), ["a", "a", "a"]).tolist()
    [[1.0], [2.0], [3.0]]
    """
    with np.errstate(invalid="ignore"):
        return _column_fill(x, _nan_stat(x, np.nanmean))


def impute_median(x: FloatArray, groups: Sequence[str]) -> FloatArray:
    """Column median of the observed values.

    >>> impute_median(np.array([[1.0], [np.nan], [3.0], [10.0]]), ["a"] * 4).tolist()
    [[1.0], [3.0], [3.0], [10.0]]
    """
    return _column_fill(x, _nan_stat(x, np.nanmedian))


def _nan_stat(x: FloatArray, fn: Callable[..., FloatArray]) -> FloatArray:
    out = np.full(x.shape[1], np.nan)
    has = (~np.isnan(x)).any(axis=0)
    if has.any():
        out[has] = fn(x[:, has], axis=0)
    return out


def impute_group_mean(x: FloatArray, groups: Sequence[str]) -> FloatArray:
    """Mean of the same indicator over the non-missing zones of the same peer group (``i_mean_grp``).

    >>> impute_group_mean(np.array([[1.0], [np.nan], [3.0], [7.0]]), ["a", "a", "a", "b"]).tolist()
    [[1.0], [2.0], [3.0], [7.0]]
    """
    out = x.copy()
    lab = np.asarray(groups, dtype=object)
    for g in dict.fromkeys(groups):
        m = lab == g
        sub = x[m]
        out[m] = _column_fill(sub, _nan_stat(sub, np.nanmean))
    return out


def zero(x: FloatArray, groups: Sequence[str]) -> FloatArray:
    """Missing counts as 0 (未报送按0计; assumed option, no published source).

    >>> zero(np.array([[1.0], [np.nan], [3.0]]), ["a"] * 3).tolist()
    [[1.0], [0.0], [3.0]]
    """
    return np.where(np.isnan(x), 0.0, x)


#: Registry: rule name → function(matrix, group label per zone).
MISSING_RULES: dict[str, Imputer] = {
    "available_case": available_case,
    "impute_group_mean": impute_group_mean,
    "impute_mean": impute_mean,
    "impute_median": impute_median,
    "zero": zero,
}


def impute(x: FloatArray, *, rule: str, groups: Sequence[str]) -> tuple[FloatArray, BoolArray]:
    """Apply ``rule``; returns the matrix and the mask of cells that were filled.

    >>> m, filled = impute(np.array([[1.0], [np.nan], [3.0]]), rule="impute_mean", groups=["a"] * 3)
    >>> m.ravel().tolist(), filled.ravel().tolist()
    ([1.0, 2.0, 3.0], [False, True, False])
    """
    y = MISSING_RULES[rule](np.asarray(x, dtype=np.float64), groups)
    return y, np.isnan(x) & ~np.isnan(y)
