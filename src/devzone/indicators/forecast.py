"""Trend forecast at a target's deadline (趋势预测), with a 95 % prediction interval.

A least-squares line through the points (tᵢ, yᵢ), on yᵢ = ln Xᵢ (log-linear) or yᵢ = Xᵢ (linear):

    b = Σ(tᵢ − t̄)(yᵢ − ȳ) / Σ(tᵢ − t̄)²,   a = ȳ − b·t̄,   ŷ(T) = a + b·T
    ŷ(T) ± t₀.₉₇₅,ₙ₋₂ · s · √(1 + 1/n + (T − t̄)²/Σ(tᵢ − t̄)²),   s² = Σ(yᵢ − a − b·tᵢ)² / (n − 2)

transformed back with exp for the log-linear trend.

References:
    Montgomery, Peck & Vining, *Introduction to Linear Regression Analysis*, 5th ed., Wiley 2012,
    §2.5 (ISBN 978-0-470-54281-1); Abramowitz & Stegun, *Handbook of Mathematical Functions*,
    26.7.5 (Cornish–Fisher expansion of Student's t).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


class ForecastError(ValueError):
    """Bad arguments to the forecast helpers."""


@dataclass(frozen=True, kw_only=True)
class Forecast:
    """Trend value at the deadline with its 95 % prediction interval (None below 3 points)."""

    value: float
    low: float | None
    high: float | None
    method: str
    points: int


T975_TABLE: tuple[float, ...] = (  # Student's t 0.975 quantiles, df = 1…30
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t_quantile_975(df: int) -> float:
    """Student's t 0.975 quantile: table for df ≤ 30, Cornish–Fisher expansion above.

    t ≈ z + (z³ + z)/(4·df) + (5z⁵ + 16z³ + 3z)/(96·df²), z = 1.959964 (Abramowitz & Stegun 26.7.5).

    >>> t_quantile_975(1)
    12.706
    >>> t_quantile_975(10)
    2.228
    >>> round(t_quantile_975(60), 3)
    2.0
    """
    if df < 1:
        raise ForecastError(f"degrees of freedom must be ≥ 1, got {df}")
    if df <= len(T975_TABLE):
        return T975_TABLE[df - 1]
    z = 1.959963984540054
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def _exp(x: float) -> float:
    """eˣ, ∞ past the float range (as numpy does)."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def forecast_trend(points: Sequence[tuple[float, float]], *, at: float, trend: str) -> Forecast | None:
    """Least-squares trend through ``points`` evaluated at ``at``, with a 95 % prediction interval.

    ``trend="log-linear"`` fits ln X = a + b·t when every X > 0 (else falls back to linear); the
    interval is computed on the fitted scale and transformed back. None below two distinct times.

    >>> round(forecast_trend([(2020, 100.0), (2021, 110.0), (2022, 121.0)], at=2025, trend="log-linear").value, 6)
    161.051
    >>> forecast_trend([(2020, 0.0), (2021, 10.0)], at=2025, trend="linear").value
    50.0
    >>> forecast_trend([(2020, 1.0)], at=2025, trend="linear") is None
    True
    """
    n = len(points)
    times = [t for t, _ in points]
    if n < 2 or max(times) == min(times):
        return None
    use_log = trend == "log-linear" and all(x > 0 for _, x in points)
    ys = [math.log(x) if use_log else x for _, x in points]
    t_mean = sum(times) / n
    y_mean = sum(ys) / n
    sxx = sum((t - t_mean) ** 2 for t in times)
    sxy = sum((t - t_mean) * (y - y_mean) for t, y in zip(times, ys, strict=True))
    slope = sxy / sxx
    intercept = y_mean - slope * t_mean
    fitted = intercept + slope * at
    low: float | None = None
    high: float | None = None
    if n >= 3:
        sse = sum((y - intercept - slope * t) ** 2 for t, y in zip(times, ys, strict=True))
        spread = math.sqrt(sse / (n - 2)) * math.sqrt(1 + 1 / n + (at - t_mean) ** 2 / sxx)
        half = t_quantile_975(n - 2) * spread
        low, high = fitted - half, fitted + half
        if use_log:
            low, high = _exp(low), _exp(high)
    value = _exp(fitted) if use_log else fitted
    return Forecast(
        value=value,
        low=low,
        high=high,
        method="log-linear" if use_log else "linear",
        points=n,
    )
