"""Outlier treatment of one indicator (异常值处理): the JRC skew/kurtosis rule, quantile winsorising, log.

JRC rule (JRC-COIN 2019, "Step 3: the identification and treatment of outliers"; COINr ``R/treat.R``),
with e1071 type-2 moments over the non-missing values, d = x − x̄:
skew = √n·Σd³/(Σd²)^1.5 · √(n(n−1))/(n−2);  kurt = ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)), r = nΣd⁴/(Σd²)².
The indicator passes if |skew| < 2 **or** kurt < 3.5. If it fails, winsorise on the side of the skew
(every value tied at the extreme takes the next value) while it fails and fewer than ``winmax`` points
are treated (the count is the number of points tied at the treated extreme(s)). If it still fails,
discard that and use log(x − min + 0.01·(max − min)) (COINr ``log_CT``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.spec import TreatSpec

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class TreatResult:
    """Treated values and what was done: counts of points winsorised low/high, log used."""

    values: FloatArray
    low: tuple[int, ...] = ()
    high: tuple[int, ...] = ()
    log: bool = False

    @property
    def points(self) -> int:
        """Number of winsorised points."""
        return len(self.low) + len(self.high)


def skew_kurt(x: FloatArray) -> tuple[float, float]:
    """e1071 type-2 skewness and kurtosis over non-NaN values (NaN if n < 4 or constant).

    >>> [round(v, 6) for v in skew_kurt(np.array([1.0, 2.0, 3.0, 10.0]))]
    [1.763633, 3.228]
    """
    v = x[~np.isnan(x)]
    n = v.size
    if n < 4:
        return math.nan, math.nan
    d = v - v.mean()
    m2 = float(np.sum(d**2))
    if m2 == 0.0:
        return math.nan, math.nan
    sk = math.sqrt(n) * float(np.sum(d**3)) / m2**1.5 * math.sqrt(n * (n - 1)) / (n - 2)
    r = n * float(np.sum(d**4)) / m2**2
    ku = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return sk, ku


def passes(x: FloatArray, *, skew_max: float = 2.0, kurt_max: float = 3.5) -> bool:
    """JRC check: |skew| < skew_max or kurt < kurt_max (too few or constant values pass).

    >>> passes(np.array([1.0, 2, 3, 4])), passes(np.array([1.0, 1, 1, 1, 1, 1, 1, 1, 1, 100]))
    (True, False)
    """
    sk, ku = skew_kurt(x)
    if math.isnan(sk):
        return True
    return abs(sk) < skew_max or ku < kurt_max


def log_ct(x: FloatArray) -> FloatArray:
    """COIN Tool log: log(x − min + 0.01·(max − min)).

    >>> [round(v, 4) for v in log_ct(np.array([0.0, 1.0, 100.0])).tolist()]
    [0.0, 0.6931, 4.6151]
    """
    mn, mx = float(np.nanmin(x)), float(np.nanmax(x))
    return np.asarray(np.log(x - mn + 0.01 * (mx - mn)), dtype=np.float64)


def jrc_skew_kurt(x: FloatArray, spec: TreatSpec) -> TreatResult:
    """The JRC rule: check, winsorise up to ``winmax`` points, else log (see module docstring).

    >>> r = jrc_skew_kurt(np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]), TreatSpec(method="jrc_skew_kurt"))
    >>> r.values.tolist()[-2:], r.high, r.log
    ([30.0, 30.0], (11,), False)
    """
    x = np.asarray(x, dtype=np.float64)
    if passes(x, skew_max=spec.skew_max, kurt_max=spec.kurt_max):
        return TreatResult(values=x.copy())
    y = x.copy()
    imax: NDArray[np.intp] = np.array([], dtype=np.intp)
    imin: NDArray[np.intp] = np.array([], dtype=np.intp)
    ok = False
    while not ok and imax.size + imin.size < spec.winmax:
        sk, _ = skew_kurt(y)
        if sk >= 0:
            imax = np.flatnonzero(y == np.nanmax(y))
            rest = np.delete(y, imax)
            y[imax] = np.nanmax(rest)
        else:
            imin = np.flatnonzero(y == np.nanmin(y))
            rest = np.delete(y, imin)
            y[imin] = np.nanmin(rest)
        ok = passes(y, skew_max=spec.skew_max, kurt_max=spec.kurt_max)
    if ok:
        return TreatResult(values=y, low=tuple(int(i) for i in imin), high=tuple(int(i) for i in imax))
    return TreatResult(values=log_ct(x), log=True)


def winsorise_quantile(x: FloatArray, spec: TreatSpec) -> TreatResult:
    """Clip to the [p_lo, p_hi] quantiles (numpy "linear", R type 7).

    >>> winsorise_quantile(np.array([0.0, 5.0, 10.0]), TreatSpec(method="winsorise_quantile", quantiles=(0.1, 0.9))).values.tolist()
    [1.0, 5.0, 9.0]
    """
    x = np.asarray(x, dtype=np.float64)
    lo, hi = (float(q) for q in np.nanquantile(x, spec.quantiles))
    low = tuple(int(i) for i in np.flatnonzero(x < lo))
    high = tuple(int(i) for i in np.flatnonzero(x > hi))
    return TreatResult(values=np.clip(x, lo, hi), low=low, high=high)


def log_always(x: FloatArray, spec: TreatSpec) -> TreatResult:
    """Always log(x − min + 0.01·(max − min)).

    >>> log_always(np.array([0.0, 0.0, 1.0]), TreatSpec(method="log")).log
    True
    """
    return TreatResult(values=log_ct(np.asarray(x, dtype=np.float64)), log=True)


def no_treatment(x: FloatArray, spec: TreatSpec) -> TreatResult:
    """Leave the values as they are.

    >>> no_treatment(np.array([1.0, 2.0, 3.0]), TreatSpec()).values.tolist()
    [1.0, 2.0, 3.0]
    """
    return TreatResult(values=np.asarray(x, dtype=np.float64).copy())


#: Registry: treatment name → function(x, spec).
TREATMENTS: dict[str, Callable[[FloatArray, TreatSpec], TreatResult]] = {
    "none": no_treatment,
    "jrc_skew_kurt": jrc_skew_kurt,
    "winsorise_quantile": winsorise_quantile,
    "log": log_always,
}


def treat_column(x: FloatArray, *, spec: TreatSpec) -> TreatResult:
    """Treat one indicator column with the method named in ``spec``.

    >>> treat_column(np.array([1.0, 2.0, 3.0]), spec=TreatSpec(method="jrc_skew_kurt")).points
    0
    """
    return TREATMENTS[spec.method](np.asarray(x, dtype=np.float64), spec)
