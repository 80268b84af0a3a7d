"""Weighting helpers: equal, entropy (熵权法) and AHP (层次分析法) with its consistency ratio.

Each helper produces weights that are written into a framework; none runs hidden at scoring time
(AHP matrices given in the YAML are turned into weights when the framework loads).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from devzone.assessment.errors import AssessmentError

FloatArray = NDArray[np.float64]

#: Random consistency index RI by matrix size n. ``saaty1980``: Saaty, *The Analytic Hierarchy
#: Process*, 1980 (n = 1, 2 → 0). ``cn_textbook``: the table common in Chinese textbooks
#: (0.52/0.89/1.12/1.26/…), e.g. 许树柏《实用决策方法——层次分析法原理》1988; values to verify.
RI_TABLES: dict[str, dict[int, float]] = {
    "saaty1980": {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49},
    "cn_textbook": {
        1: 0.0, 2: 0.0, 3: 0.52, 4: 0.89, 5: 1.12, 6: 1.26, 7: 1.36, 8: 1.41, 9: 1.46, 10: 1.49, 11: 1.52,
    },
}  # fmt: skip

#: Saaty's acceptance threshold: CR < 0.1.
CR_LIMIT = 0.1


class WeightingError(AssessmentError):
    """A weighting helper got input it cannot turn into weights."""


@dataclass(frozen=True)
class AhpResult:
    """AHP weights with λ_max, CI = (λ_max − n)/(n − 1), RI and CR = CI/RI (0 when RI = 0)."""

    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    ri: float
    cr: float
    ri_table: str

    @property
    def acceptable(self) -> bool:
        """Saaty: CR < 0.1."""
        return self.cr < CR_LIMIT


def equal_weights(*, n: int) -> FloatArray:
    """Equal weights w_j = 1/n.

    >>> equal_weights(n=3).tolist()
    [0.3333333333333333, 0.3333333333333333, 0.3333333333333333]
    """
    if n < 1:
        raise WeightingError(f"equal weights need n ≥ 1, got {n}")
    return np.full(n, 1.0 / n)


def entropy_weights(*, matrix: ArrayLike) -> FloatArray:
    """Entropy weights (熵权法) of the columns of a non-negative normalised matrix (rows = zones).

    p_ij = x_ij/Σ_i x_ij; e_j = −(1/ln n)·Σ_i p_ij ln p_ij (0·ln 0 = 0); w_j = (1 − e_j)/Σ_k(1 − e_k).
    Reference: Shannon entropy weighting as used for composite indices, e.g. Zou, Yun & Sun,
    J. Environ. Sci. 18(5), 2006, doi:10.1016/S1001-0742(06)60013-4.

    >>> entropy_weights(matrix=[[1.0, 1.0], [1.0, 0.0], [1.0, 0.0]]).round(12).tolist()
    [0.0, 1.0]
    """
    x = np.asarray(matrix, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] < 2:
        raise WeightingError("entropy weights need a 2-D matrix with at least 2 rows")
    if np.isnan(x).any() or (x < 0).any():
        raise WeightingError("entropy weights need a complete, non-negative matrix")
    col = x.sum(axis=0)
    if (col <= 0).any():
        raise WeightingError("entropy weights: a column sums to 0")
    p = x / col
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    e = -plogp.sum(axis=0) / np.log(x.shape[0])
    d = 1.0 - e
    if d.sum() <= 0:
        return equal_weights(n=x.shape[1])
    return np.asarray(d / d.sum(), dtype=np.float64)


def ahp_weights(*, matrix: Sequence[Sequence[float]] | ArrayLike, ri_table: str = "saaty1980") -> AhpResult:
    """AHP weights: principal eigenvector of a reciprocal pairwise matrix (1–9 scale), with CR.

    CI = (λ_max − n)/(n − 1); CR = CI/RI, accept CR < 0.1 (Saaty 1980). Reference: Saaty, T. L.,
    *The Analytic Hierarchy Process*, McGraw-Hill, 1980; ArcGIS Pro "Calculate Consistency Ratio".

    >>> r = ahp_weights(matrix=[[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]])
    >>> [round(w, 6) for w in r.weights], abs(round(r.cr, 9))  # abs: BLAS may give -0.0 for a consistent matrix
    ([0.571429, 0.285714, 0.142857], 0.0)
    """
    a = np.asarray(matrix, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise WeightingError("AHP needs a square pairwise matrix")
    if (a <= 0).any() or np.isnan(a).any():
        raise WeightingError("AHP matrix entries must be > 0")
    if not np.allclose(a * a.T, 1.0, rtol=1e-6, atol=1e-9):
        raise WeightingError("AHP matrix must be reciprocal: a_ji = 1/a_ij")
    table = RI_TABLES.get(ri_table)
    if table is None:
        raise WeightingError(f"unknown RI table {ri_table!r}; choose one of {sorted(RI_TABLES)}")
    n = a.shape[0]
    if n not in table:
        raise WeightingError(f"RI table {ri_table!r} has no value for n = {n}")
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    lam = float(values[k].real)
    v = np.abs(vectors[:, k].real)
    w = v / v.sum()
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ri = table[n]
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(
        weights=tuple(float(x) for x in w), lambda_max=lam, ci=ci, ri=ri, cr=cr, ri_table=ri_table
    )


#: Registry of the helpers a framework may name under ``weighting`` (data-free ones only).
WEIGHTING_HELPERS: dict[str, Callable[..., FloatArray]] = {"equal": equal_weights}
