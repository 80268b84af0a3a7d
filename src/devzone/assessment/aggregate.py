"""Aggregation of children scores into a parent score (加权汇总), bottom-up over the tree.

arithmetic: S_p = Σ_c w_c·S_c / Σ_c w_c; geometric: S_p = exp(Σ w_c ln S_c / Σ w_c), which needs
S_c > 0. Sums run over the children present (available case); a parent with present weight share below
``min_share`` becomes missing (COINr ``dat_thresh``). References: OECD/JRC Handbook 2008 §6; COINr
``a_amean``/``a_gmean`` (``R/aggregate.R``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.errors import AggregationError

FloatArray = NDArray[np.float64]
Aggregator = Callable[[FloatArray, FloatArray], FloatArray]


def arithmetic(values: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted arithmetic mean per row over non-NaN entries (rows = zones, columns = children).

    >>> arithmetic(np.array([[10.0, 20.0], [30.0, np.nan], [0.0, 100.0]]), np.array([[1.0, 3.0]] * 3)).tolist()
    [17.5, 30.0, 75.0]
    """
    present = ~np.isnan(values)
    w = np.where(present, weights, 0.0)
    total = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.where(present, values, 0.0) * w
        return np.where(total > 0, s.sum(axis=1) / np.where(total > 0, total, 1.0), np.nan)


def geometric(values: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted geometric mean per row: exp(Σ w ln x / Σ w) over non-NaN entries; x must be > 0.

    >>> geometric(np.array([[1.0, 100.0], [4.0, np.nan], [10.0, 10.0]]), np.ones((3, 2))).round(9).tolist()
    [10.0, 4.0, 10.0]
    """
    present = ~np.isnan(values)
    if (values[present] <= 0).any():
        raise AggregationError("geometric mean needs every score > 0 (use min-max onto [1, 100])")
    logs = np.log(np.where(present, values, 1.0))
    return np.exp(arithmetic(np.where(present, logs, np.nan), weights))


#: Registry: method name → function(values, weights) → row scores.
AGGREGATORS: dict[str, Aggregator] = {"arithmetic": arithmetic, "geometric": geometric}


def aggregate(
    values: FloatArray, *, weights: FloatArray, method: str, min_share: float | None = None
) -> FloatArray:
    """Aggregate children (columns) into one score per zone (row), with an optional data threshold.

        ``min_share``: the parent is NaN where the share of children present is below it (COINr
    ``dat_thresh``, a count share).

        >>> aggregate(np.array([[50.0, np.nan], [20.0, 40.0], [np.nan, np.nan]]), weights=np.ones((3, 2)),
        ...           method="arithmetic", min_share=0.5).tolist()
        [50.0, 30.0, nan]
    """
    v = np.asarray(values, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    out = AGGREGATORS[method](v, w)
    if min_share is not None:
        share = (~np.isnan(v)).sum(axis=1) / v.shape[1]
        out = np.where(share + 1e-12 >= min_share, out, np.nan)
    return out
