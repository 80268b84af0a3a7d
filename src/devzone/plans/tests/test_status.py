"""The status rule: hand-worked cases and hypothesis invariants (dates, margins, missing reports)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.plans.status import (
    Situation,
    Status,
    StatusRule,
    StatusRuleError,
    assignment_status,
    expected_progress,
)

D = dt.date
dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))
percents = st.one_of(st.none(), st.integers(min_value=0, max_value=100))
margins = st.floats(min_value=0, max_value=100, allow_nan=False)


def test_linear_expected_progress_by_hand() -> None:
    # 2026-01-01 → 2026-05-01 is 120 days; on 2026-03-02 (60 days) half the time has passed.
    assert expected_progress(start=D(2026, 1, 1), due=D(2026, 5, 1), as_of=D(2026, 3, 2)) == 50.0
    assert expected_progress(start=D(2026, 1, 1), due=D(2026, 5, 1), as_of=D(2025, 12, 1)) == 0.0
    assert expected_progress(start=D(2026, 1, 1), due=None, as_of=D(2026, 3, 2)) is None


def test_milestone_plan_by_hand() -> None:
    # (1 Jan, 0) → (11 Jan, 80) → (21 Jan, 100): on 16 Jan, 80 + 20·5/10 = 90.
    assert (
        expected_progress(
            start=D(2026, 1, 1),
            due=D(2026, 1, 21),
            as_of=D(2026, 1, 16),
            milestones=((D(2026, 1, 11), 80.0),),
        )
        == 90.0
    )
    with pytest.raises(StatusRuleError):
        expected_progress(
            start=D(2026, 1, 1),
            due=D(2026, 1, 21),
            as_of=D(2026, 1, 16),
            milestones=((D(2026, 1, 11), 100.0), (D(2026, 1, 15), 50.0)),
        )


@pytest.mark.parametrize(
    ("as_of", "percent", "confirmed", "expected"),
    [
        (D(2026, 7, 2), 100, True, Status.DONE),  # confirmed wins even after the deadline
        (D(2026, 7, 2), 90, False, Status.OVERDUE),
        (D(2026, 4, 1), 20, False, Status.BEHIND),  # 90 of 180 days: expected 50 %, 20 % is 30 points below
        (D(2026, 4, 1), 45, False, Status.ON_TRACK),  # 5 points below: inside the 10-point margin
        (D(2026, 6, 20), 95, False, Status.DUE_SOON),  # 10 days before the deadline
        (D(2026, 1, 5), None, False, Status.NOT_STARTED),  # no report, expected 2.2 % < margin
        (D(2026, 4, 1), None, False, Status.BEHIND),  # a missing report counts as 0 %
    ],
)
def test_status_by_hand(as_of: dt.date, percent: int | None, confirmed: bool, expected: Status) -> None:
    situation = Situation(
        start=D(2026, 1, 1), due=D(2026, 6, 30), as_of=as_of, percent=percent, confirmed=confirmed
    )
    assert assignment_status(situation) == expected


def test_rule_settings_are_checked() -> None:
    with pytest.raises(StatusRuleError):
        StatusRule(margin=-1)
    with pytest.raises(StatusRuleError):
        StatusRule(due_soon_days=-3)


@settings(max_examples=150)
@given(start=dates, due=st.one_of(st.none(), dates), a=dates, b=dates)
def test_expected_progress_is_bounded_and_monotone(
    start: dt.date, due: dt.date | None, a: dt.date, b: dt.date
) -> None:
    first, second = sorted((a, b))
    x = expected_progress(start=start, due=due, as_of=first)
    y = expected_progress(start=start, due=due, as_of=second)
    if due is None:
        assert x is None and y is None
    else:
        assert x is not None and y is not None
        assert 0.0 <= x <= y <= 100.0


@settings(max_examples=150)
@given(
    start=dates,
    due=st.one_of(st.none(), dates),
    as_of=dates,
    percent=percents,
    confirmed=st.booleans(),
    margin=margins,
    soon=st.integers(min_value=0, max_value=60),
)
def test_status_invariants(
    *,
    start: dt.date,
    due: dt.date | None,
    as_of: dt.date,
    percent: int | None,
    confirmed: bool,
    margin: float,
    soon: int,
) -> None:
    rule = StatusRule(margin=margin, due_soon_days=soon)
    status = assignment_status(
        Situation(start=start, due=due, as_of=as_of, percent=percent, confirmed=confirmed), rule=rule
    )
    assert (status == Status.DONE) == confirmed
    if not confirmed:
        assert (status == Status.OVERDUE) == (due is not None and as_of > due)
    if due is None:
        assert status in (Status.DONE, Status.NOT_STARTED, Status.ON_TRACK)
    # a missing report is never better than a report of 0 %
    zero = assignment_status(
        Situation(start=start, due=due, as_of=as_of, percent=0, confirmed=confirmed), rule=rule
    )
    missing = assignment_status(Situation(start=start, due=due, as_of=as_of, confirmed=confirmed), rule=rule)
    assert zero == missing


@settings(max_examples=150)
@given(start=dates, due=dates, as_of=dates, percent=percents, small=margins, large=margins)
def test_a_wider_margin_never_makes_an_assignment_behind(
    *, start: dt.date, due: dt.date, as_of: dt.date, percent: int | None, small: float, large: float
) -> None:
    narrow, wide = sorted((small, large))
    situation = Situation(start=start, due=due, as_of=as_of, percent=percent)
    if assignment_status(situation, rule=StatusRule(margin=narrow)) != Status.BEHIND:
        assert assignment_status(situation, rule=StatusRule(margin=wide)) != Status.BEHIND


@settings(max_examples=100)
@given(start=dates, due=dates, as_of=dates, low=st.integers(0, 100), high=st.integers(0, 100))
def test_more_progress_is_never_behind_when_less_is_not(
    start: dt.date, due: dt.date, as_of: dt.date, low: int, high: int
) -> None:
    less, more = sorted((low, high))
    if assignment_status(Situation(start=start, due=due, as_of=as_of, percent=less)) != Status.BEHIND:
        assert assignment_status(Situation(start=start, due=due, as_of=as_of, percent=more)) != Status.BEHIND
