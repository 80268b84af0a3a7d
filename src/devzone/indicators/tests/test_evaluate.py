"""The vectorised evaluation equals the scalar one, row by row."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.core.target_kinds import TARGET_KINDS
from devzone.indicators.evaluate import KIND_NAMES, batch_from_targets, evaluate_batch
from devzone.indicators.targets import KINDS, Observation, Target, TargetError, evaluate_target
from devzone.indicators.tests.strategies import observations_for, targets


def same(vector: float, scalar: float | None) -> bool:
    if scalar is None:
        return math.isnan(vector)
    if math.isinf(scalar) or math.isinf(vector):
        return scalar == vector
    return math.isclose(vector, scalar, rel_tol=1e-7, abs_tol=1e-7)


def assert_rows_match(batch_targets, batch_observations, *, now, times):
    batch = batch_from_targets(batch_targets, batch_observations, times=times)
    result = evaluate_batch(batch, now=now)
    for row, (target, series) in enumerate(zip(batch_targets, batch_observations, strict=True)):
        scalar = evaluate_target(target, series, now=now)
        forecast = scalar.forecast
        pairs = {
            "goal": (result.goal[row], scalar.goal),
            "expected": (result.expected[row], scalar.expected),
            "current": (result.current[row], scalar.current),
            "current_time": (result.current_time[row], scalar.current_time),
            "completion": (result.completion[row], scalar.completion),
            "gap": (result.gap[row], scalar.gap),
            "relative_gap": (result.relative_gap[row], scalar.relative_gap),
            "forecast": (result.forecast[row], None if forecast is None else forecast.value),
            "low": (result.forecast_low[row], None if forecast is None else forecast.low),
            "high": (result.forecast_high[row], None if forecast is None else forecast.high),
        }
        for name, (vector, value) in pairs.items():
            assert same(float(vector), value), (row, name, float(vector), value, target, series)
        assert result.status_names()[row] == scalar.status, (row, target, series)


def test_kind_names_follow_the_registry():
    assert KIND_NAMES == TARGET_KINDS == tuple(KINDS)


def test_hand_worked_examples_match():
    examples = [
        (Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025),
         [Observation(t=2021, value=560.0), Observation(t=2022, value=620.0)]),
        (Target(kind="multiple", plan_value=2.0, base_value=400.0, base_time=2020, deadline=2025),
         [Observation(t=2023, value=600.0)]),
        (Target(kind="cumulative", plan_value=40.0, base_time=2020, deadline=2025),
         [Observation(t=2021, value=7.0), Observation(t=2022, value=8.0), Observation(t=2023, value=9.0)]),
        (Target(kind="count_per_period", plan_value=2.0, base_time=2020, deadline=2025),
         [Observation(t=2021, value=3.0), Observation(t=2022, value=1.0), Observation(t=2023, value=2.0)]),
        (Target(kind="rank_change", plan_value=1.0, base_value=12.0, base_time=2020, deadline=2025),
         [Observation(t=2021, value=11.0), Observation(t=2023, value=8.0)]),
        (Target(kind="share", plan_value=0.5, base_value=0.4, base_time=2020, deadline=2025),
         [Observation(t=2023, value=450.0, total=1000.0)]),
        (Target(kind="level", plan_value=0.8, base_value=1.0, base_time=2020, deadline=2025, direction="lower"),
         []),
    ]  # fmt: skip

    assert_rows_match([t for t, _ in examples], [o for _, o in examples], now=2023, times=range(2021, 2026))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_batch_equals_scalar_on_random_targets(data):
    count = data.draw(st.integers(min_value=1, max_value=8))
    drawn = [data.draw(targets()) for _ in range(count)]
    series = [data.draw(observations_for(target)) for target in drawn]
    now = data.draw(st.sampled_from([2005.0, 2012.5, 2020.0, 2031.0, 2045.0]))
    times = sorted({obs.t for one in series for obs in one} | {2000.0})

    assert_rows_match(drawn, series, now=now, times=times)


def test_batch_refuses_bad_parameters():
    target = Target(kind="multiple", plan_value=2.0, base_value=0.0, base_time=2020, deadline=2025)

    with pytest.raises(TargetError, match="must be positive"):
        evaluate_batch(batch_from_targets([target], [[]], times=[2021]), now=2022)


def test_observation_off_the_axis_is_refused():
    target = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)

    with pytest.raises(TargetError, match="not on the batch's time axis"):
        batch_from_targets([target], [[Observation(t=2021.5, value=1.0)]], times=[2021])


def test_batch_status_codes_are_statuses():
    target = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)

    result = evaluate_batch(batch_from_targets([target, target], [[], [Observation(t=2021, value=900.0)]],
                                               times=[2021]), now=2021)  # fmt: skip

    assert result.status_names() == ["no data", "met"]
    assert np.isnan(result.completion[0])
