"""Invariants that hold for every target kind (hypothesis)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.indicators.targets import (
    COMPLETIONS,
    Observation,
    evaluate_target,
    expected_value,
    measure_of,
)
from devzone.indicators.tests.strategies import observations_for, positive, targets, values


@settings(max_examples=150)
@given(targets())
def test_path_starts_at_the_base_and_reaches_the_goal_exactly(target):
    measure = measure_of(target, [], now=target.base_time)

    assert expected_value(target, now=target.base_time) == measure.start
    assert expected_value(target, now=target.deadline) == measure.goal
    assert expected_value(target, now=target.deadline + 3) == measure.goal


@settings(max_examples=150)
@given(targets(), st.floats(min_value=0, max_value=1))
def test_path_lies_between_start_and_goal(target, fraction):
    measure = measure_of(target, [], now=target.base_time)
    now = target.base_time + fraction * (target.deadline - target.base_time)

    expected = expected_value(target, now=now)

    low, high = sorted((measure.start, measure.goal))
    assert low - 1e-9 * max(1.0, abs(high)) <= expected <= high + 1e-9 * max(1.0, abs(high))


@settings(max_examples=150)
@given(targets(kinds=("level", "multiple", "growth", "share", "net_increase")), values, values)
def test_completion_is_monotone_in_the_value(target, first, second):
    low, high = sorted((first, second))
    if target.kind == "share":
        low, high = abs(low) % 1, abs(high) % 1
        low, high = sorted((low, high))

    def completion(value: float) -> float:
        total = 1.0 if target.kind == "share" else None
        measure = measure_of(
            target, [Observation(t=target.deadline, value=value, total=total)], now=target.deadline
        )
        return COMPLETIONS[measure.completion](
            current=measure.points[-1][1], goal=measure.goal, sign=target.sign
        )

    if target.direction == "higher":
        assert completion(low) <= completion(high)
    else:
        assert completion(low) >= completion(high)


@settings(max_examples=200)
@given(st.data())
def test_status_is_met_iff_the_condition_holds(data):
    target = data.draw(targets())
    observations = data.draw(observations_for(target))
    now = data.draw(st.floats(min_value=target.base_time, max_value=target.deadline + 2))

    result = evaluate_target(target, observations, now=now)

    measure = measure_of(target, observations, now=now)
    holds = bool(measure.points) and target.sign * (measure.points[-1][1] - measure.goal) >= 0
    assert (result.status == "met") == holds
    assert (result.status == "no data") == (not measure.points)


@settings(max_examples=100)
@given(targets(kinds=("cumulative", "count_per_period")), st.lists(positive, min_size=1, max_size=10))
def test_cumulative_measures_never_decrease_for_non_negative_flows(target, flows):
    observations = [Observation(t=target.base_time + i, value=v) for i, v in enumerate(flows, start=1)]

    points = measure_of(target, observations, now=target.deadline).points

    assert all(a[1] <= b[1] for a, b in itertools.pairwise(points))
