"""Vectorised evaluation of many targets at once (numpy), for boards and the benchmark.

Same formulas as :mod:`devzone.indicators.targets`, on arrays: N targets observed on one common
time axis of Y periods (values N × Y, NaN where missing). Every kind is computed for all rows with
masks, then chosen per row by its kind code (an index into :data:`KIND_NAMES`); the trend is a
masked least-squares fit per row. The results equal :func:`~devzone.indicators.targets.evaluate_target`
row by row up to floating-point summation order (tested).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from devzone.core.target_kinds import TARGET_KINDS
from devzone.indicators.forecast import T975_TABLE
from devzone.indicators.targets import (
    STATUSES,
    Observation,
    Target,
    TargetError,
    Thresholds,
)

KIND_NAMES: tuple[str, ...] = TARGET_KINDS
"""Kind codes of a batch: ``KIND_NAMES[code]`` is the kind's name."""

_LEVEL_KINDS = ("level", "multiple", "growth", "share")
_COMPOUND_KINDS = ("multiple", "growth")
_WITHIN_PLAN_KINDS = ("cumulative", "count_per_period")

Floats = NDArray[np.float64]


@dataclass(frozen=True, kw_only=True)
class TargetBatch:
    """N targets and their observations on a common axis ``times`` (Y,); NaN marks a missing value."""

    kind: NDArray[np.int64]
    plan_value: Floats
    base_value: Floats
    base_time: Floats
    deadline: Floats
    sign: Floats
    period: Floats
    times: Floats
    values: Floats
    totals: Floats | None = None


@dataclass(frozen=True, kw_only=True)
class BatchResult:
    """Per-target arrays; NaN where a scalar evaluation gives None; ``status`` indexes STATUSES."""

    start: Floats
    goal: Floats
    elapsed: Floats
    expected: Floats
    current: Floats
    current_time: Floats
    completion: Floats
    gap: Floats
    relative_gap: Floats
    forecast: Floats
    forecast_low: Floats
    forecast_high: Floats
    status: NDArray[np.int64]

    def status_names(self) -> list[str]:
        """Status of each target as text."""
        return [STATUSES[code] for code in self.status.tolist()]


def _codes(names: Sequence[str]) -> NDArray[np.int64]:
    return np.array([KIND_NAMES.index(name) for name in names], dtype=np.int64)


def batch_from_targets(
    targets: Sequence[Target], observations: Sequence[Sequence[Observation]], *, times: Sequence[float]
) -> TargetBatch:
    """Pack scalar targets and their observations into a batch on the axis ``times``.

    >>> t = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)
    >>> batch = batch_from_targets([t], [[Observation(t=2022, value=620.0)]], times=[2021, 2022])
    >>> batch.values.tolist()
    [[nan, 620.0]]
    """
    axis = np.asarray(times, dtype=np.float64)
    position = {float(t): i for i, t in enumerate(axis.tolist())}
    values = np.full((len(targets), axis.size), np.nan)
    totals = np.full((len(targets), axis.size), np.nan)
    for row, series in enumerate(observations):
        for obs in series:
            if float(obs.t) not in position:
                raise TargetError(f"observation at t={obs.t} is not on the batch's time axis")
            values[row, position[float(obs.t)]] = obs.value
            if obs.total is not None:
                totals[row, position[float(obs.t)]] = obs.total
    return TargetBatch(
        kind=_codes([target.kind for target in targets]),
        plan_value=np.array([target.plan_value for target in targets], dtype=np.float64),
        base_value=np.array(
            [np.nan if target.base_value is None else target.base_value for target in targets],
            dtype=np.float64,
        ),
        base_time=np.array([target.base_time for target in targets], dtype=np.float64),
        deadline=np.array([target.deadline for target in targets], dtype=np.float64),
        sign=np.array([target.sign for target in targets], dtype=np.float64),
        period=np.array([target.period for target in targets], dtype=np.float64),
        times=axis,
        values=values,
        totals=totals,
    )


def _per_kind(
    codes: NDArray[np.int64], choices: dict[str, Floats]
) -> tuple[list[NDArray[np.bool_]], list[Floats]]:
    """``np.select`` arguments choosing each row's formula by its kind; every kind must have one,
    since ``np.select`` would silently give 0 to a kind left out."""
    if tuple(choices) != KIND_NAMES:
        raise TargetError(f"a formula table covers {tuple(choices)}, not every kind {KIND_NAMES}")
    return [codes == code for code in range(len(KIND_NAMES))], list(choices.values())


def _is(batch: TargetBatch, names: Sequence[str]) -> NDArray[np.bool_]:
    return np.isin(batch.kind, _codes(names))


def _goals(batch: TargetBatch) -> tuple[Floats, Floats]:
    """Start X₀ and goal G of every row (see each kind's docstring in targets.py)."""
    base, plan = batch.base_value, batch.plan_value
    periods = np.round((batch.deadline - batch.base_time) / batch.period)
    start = np.where(_is(batch, _LEVEL_KINDS), base, 0.0)
    with np.errstate(invalid="ignore", over="ignore"):
        choices = {
            "level": plan,
            "multiple": base * plan,
            "growth": base * np.power(1.0 + plan, batch.deadline - batch.base_time),
            "share": plan,
            "net_increase": batch.sign * plan,
            "cumulative": plan,
            "count_per_period": plan * periods,
            "rank_change": np.minimum(plan * periods, base - 1.0),
        }
    goal = np.select(*_per_kind(batch.kind, choices))
    return start, goal


def _check(batch: TargetBatch, start: Floats, goal: Floats) -> None:
    needs_base = ~_is(batch, ("cumulative", "count_per_period"))
    problems = {
        "a target needs a base value": needs_base & np.isnan(batch.base_value),
        "a level-type goal must be positive": _is(batch, _LEVEL_KINDS) & ~(goal > 0),
        "a compound start must be positive": _is(batch, _COMPOUND_KINDS) & ~(start > 0),
        "an annual rate must exceed −100 %": _is(batch, ("growth",)) & ~(batch.plan_value > -1),
        "a share target is a fraction in (0, 1]": _is(batch, ("share",))
        & ~((batch.plan_value > 0) & (batch.plan_value <= 1)),
        "an annual rate over the plan overflows": _is(batch, ("growth",)) & ~np.isfinite(goal),
        "a base rank counts from 1": _is(batch, ("rank_change",)) & ~(batch.base_value >= 1),
        "this kind is higher-is-better": _is(batch, ("cumulative", "count_per_period", "rank_change"))
        & (batch.sign < 0),
    }
    for message, bad in problems.items():
        if bad.any():
            raise TargetError(f"{message} (row {int(np.flatnonzero(bad)[0])})")


def _measures(batch: TargetBatch, observed: NDArray[np.bool_]) -> Floats:
    """X at every observed cell (NaN elsewhere)."""
    values, base = batch.values, batch.base_value[:, None]
    kept = np.where(observed, values, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = values / (batch.totals if batch.totals is not None else np.nan)
    choices = {
        "level": values,
        "multiple": values,
        "growth": values,
        "share": share,
        "net_increase": values - base,
        "cumulative": np.cumsum(kept, axis=1),
        "count_per_period": np.cumsum(np.minimum(kept, batch.plan_value[:, None]), axis=1),
        "rank_change": base - values,
    }
    kinds = batch.kind[:, None]
    measure = np.select(*_per_kind(kinds, choices))
    shares = _is(batch, ("share",))[:, None] & observed
    if shares.any() and (
        batch.totals is None or not np.all(np.where(shares, np.nan_to_num(batch.totals, nan=-1.0), 1.0) > 0)
    ):
        raise TargetError("a share observation needs a positive total")
    return np.where(observed, measure, np.nan)


def _t_quantiles(df: NDArray[np.int64]) -> Floats:
    table = np.asarray(T975_TABLE)
    z = 1.959963984540054
    safe = np.maximum(df, 1).astype(np.float64)
    expansion = z + (z**3 + z) / (4 * safe) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * safe**2)
    return np.where(df <= table.size, table[np.clip(df, 1, table.size) - 1], expansion)


def _forecast(
    batch: TargetBatch, measure: Floats, observed: NDArray[np.bool_], start: Floats
) -> tuple[Floats, Floats, Floats]:
    """Least-squares trend through (t₀, X₀) and the observed points, at the deadline, ± 95 % PI."""
    times = np.broadcast_to(batch.times, measure.shape)
    positive = np.where(observed, measure > 0, True).all(axis=1) & (start > 0)
    use_log = _is(batch, _LEVEL_KINDS) & positive
    with np.errstate(divide="ignore", invalid="ignore"):
        ys = np.where(use_log[:, None], np.log(np.where(observed, measure, 1.0)), measure)
        y0 = np.where(use_log, np.log(np.where(start > 0, start, 1.0)), start)
    n = observed.sum(axis=1) + 1
    weight = observed.astype(np.float64)
    t_mean = (batch.base_time + (weight * times).sum(axis=1)) / n
    y_mean = (y0 + np.where(observed, ys, 0.0).sum(axis=1)) / n
    dt = np.where(observed, times - t_mean[:, None], 0.0)
    dy = np.where(observed, ys - y_mean[:, None], 0.0)
    dt0, dy0 = batch.base_time - t_mean, y0 - y_mean
    sxx = dt0**2 + (dt**2).sum(axis=1)
    sxy = dt0 * dy0 + (dt * dy).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        slope = sxy / sxx
        intercept = y_mean - slope * t_mean
        fitted = intercept + slope * batch.deadline
        residual = np.where(observed, ys - intercept[:, None] - slope[:, None] * times, 0.0)
        sse = (y0 - intercept - slope * batch.base_time) ** 2 + (residual**2).sum(axis=1)
        spread = np.sqrt(sse / (n - 2)) * np.sqrt(1 + 1 / n + (batch.deadline - t_mean) ** 2 / sxx)
        half = _t_quantiles(n - 2) * spread
        low, high = fitted - half, fitted + half
        value = np.where(use_log, np.exp(fitted), fitted)
        low = np.where(use_log, np.exp(low), low)
        high = np.where(use_log, np.exp(high), high)
    enough = n >= 2
    with_interval = n >= 3
    return (
        np.where(enough, value, np.nan),
        np.where(with_interval, low, np.nan),
        np.where(with_interval, high, np.nan),
    )


def evaluate_batch(batch: TargetBatch, *, now: float, thresholds: Thresholds | None = None) -> BatchResult:
    """Evaluate every target of ``batch`` at ``now``; same rules as ``evaluate_target``.

    >>> t = Target(kind="net_increase", plan_value=400.0, base_value=500.0, base_time=2020, deadline=2025)
    >>> result = evaluate_batch(batch_from_targets([t], [[Observation(t=2023, value=700.0)]], times=[2023]), now=2023)
    >>> (result.expected.tolist(), result.completion.tolist(), result.status_names())
    ([240.0], [0.5], ['at risk'])
    """
    limits = thresholds if thresholds is not None else Thresholds()
    start, goal = _goals(batch)
    _check(batch, start, goal)
    times = batch.times[None, :]
    observed = ~np.isnan(batch.values) & (times > batch.base_time[:, None]) & (times <= now)
    observed &= ~(_is(batch, _WITHIN_PLAN_KINDS)[:, None] & (times > batch.deadline[:, None]))
    measure = _measures(batch, observed)

    elapsed = np.clip((now - batch.base_time) / (batch.deadline - batch.base_time), 0.0, 1.0)
    compound = _is(batch, _COMPOUND_KINDS)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        inner = np.where(
            compound,
            start * np.power(np.where(compound, goal / start, 1.0), elapsed),
            start + (goal - start) * elapsed,
        )
    expected = np.where(elapsed <= 0, start, np.where(elapsed >= 1, goal, inner))

    has = observed.any(axis=1)
    last = observed.shape[1] - 1 - np.argmax(observed[:, ::-1], axis=1)
    rows = np.arange(observed.shape[0])
    current = np.where(has, measure[rows, last], np.nan)
    current_time = np.where(has, batch.times[last], np.nan)

    sign = batch.sign
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        level = np.where(sign > 0, current / goal, np.where(current > 0, goal / current, np.inf))
        increment = np.where(goal == 0, (sign * current >= 0).astype(np.float64), current / goal)
        completion = np.where(has, np.where(_is(batch, _LEVEL_KINDS), level, increment), np.nan)
    distance = np.abs(goal - start)
    scale = np.where(distance > 0, distance, np.where(goal != 0, np.abs(goal), 1.0))
    gap = current - expected
    relative_gap = sign * gap / scale
    forecast, low, high = _forecast(batch, measure, observed, start)
    forecast, low, high = (np.where(has, array, np.nan) for array in (forecast, low, high))

    met = has & (sign * (current - goal) >= 0)
    forecast_meets = ~np.isnan(forecast) & (sign * (forecast - goal) >= 0)
    on_track = (relative_gap >= -limits.on_track) & (np.isnan(forecast) | forecast_meets)
    at_risk = (relative_gap >= -limits.at_risk) | forecast_meets
    code = {name: STATUSES.index(name) for name in STATUSES}
    status = np.select(
        [~has, met, now >= batch.deadline, on_track, at_risk],
        [code["no data"], code["met"], code["off track"], code["on track"], code["at risk"]],
        default=code["off track"],
    ).astype(np.int64)
    return BatchResult(
        start=start,
        goal=goal,
        elapsed=elapsed,
        expected=expected,
        current=current,
        current_time=current_time,
        completion=completion,
        gap=gap,
        relative_gap=relative_gap,
        forecast=forecast,
        forecast_low=low,
        forecast_high=high,
        status=status,
    )
