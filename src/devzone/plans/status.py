"""Status of an assignment (督查督办状态): one pure rule, computed, never typed.

Expected progress by time elapsed (序时进度) is linear from the plan's start to the deadline::

    expected(t) = 100 · clamp((t − start) / (due − start), 0, 1)

unless a milestone plan ``[(d₁, p₁), (d₂, p₂), …]`` is given, in which case it is the piecewise-linear
interpolation through (start, 0), (d₁, p₁), …, (due, 100). Reference: 国务院办公厅《关于进一步加强
督查督办工作的通知》 practice of 序时进度 (time-elapsed share of the work), as used in 任务分工表 supervision.

Rules, first match wins (a registry of small predicates, ``RULES``):

1. done — completion confirmed by a coordinator;
2. overdue — the deadline has passed (as_of > due);
3. behind — expected − reported > margin (a missing report counts as 0 % once the work has started);
4. due soon — 0 ≤ due − as_of ≤ due_soon_days;
5. not started — no report, or 0 %;
6. on track — otherwise.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE = "done"


STATUS_LABELS = {
    Status.NOT_STARTED: "未开始",
    Status.ON_TRACK: "正常推进",
    Status.BEHIND: "滞后",
    Status.DUE_SOON: "即将到期",
    Status.OVERDUE: "逾期",
    Status.DONE: "已完成",
}


class StatusRuleError(ValueError):
    """A rule setting or a milestone plan is inconsistent."""


@dataclass(frozen=True, kw_only=True)
class StatusRule:
    """Settings: ``margin`` in percentage points, ``due_soon_days`` in days."""

    margin: float = 10.0
    due_soon_days: int = 14

    def __post_init__(self) -> None:
        if not 0 <= self.margin <= 100:
            raise StatusRuleError(f"margin must be within 0..100, got {self.margin}")
        if self.due_soon_days < 0:
            raise StatusRuleError(f"due_soon_days must be ≥ 0, got {self.due_soon_days}")


@dataclass(frozen=True, kw_only=True)
class Situation:
    """What is known about one assignment on ``as_of``."""

    start: dt.date
    due: dt.date | None
    as_of: dt.date
    percent: float | None = None
    confirmed: bool = False
    milestones: tuple[tuple[dt.date, float], ...] = field(default=())


def expected_progress(
    *, start: dt.date, due: dt.date | None, as_of: dt.date, milestones: tuple[tuple[dt.date, float], ...] = ()
) -> float | None:
    """序时进度 in percent on ``as_of`` (``None`` when there is no deadline).

    >>> d = dt.date
    >>> expected_progress(start=d(2025, 1, 1), due=d(2025, 1, 11), as_of=d(2025, 1, 6))
    50.0
    >>> expected_progress(start=d(2025, 1, 1), due=d(2025, 1, 11), as_of=d(2026, 1, 1))
    100.0
    >>> expected_progress(start=d(2025, 1, 1), due=d(2025, 1, 21), as_of=d(2025, 1, 6),
    ...                   milestones=((d(2025, 1, 11), 80.0),))
    40.0
    """
    if due is None:
        return None
    if not milestones:  # the common case, without building the polyline (dashboards call this 20,000×)
        if as_of <= start:
            return 0.0
        if as_of >= due:
            return 100.0
        return 100.0 * (as_of - start).days / (due - start).days
    points = [(start, 0.0), *sorted(m for m in milestones if start < m[0] < due), (due, 100.0)]
    for (d0, p0), (d1, p1) in itertools.pairwise(points):
        if p1 < p0:
            raise StatusRuleError(f"milestone percentages must not decrease ({d0}: {p0} → {d1}: {p1})")
    if as_of <= start:
        return 0.0
    if as_of >= due:
        return 100.0
    for (d0, p0), (d1, p1) in itertools.pairwise(points):
        if d0 <= as_of <= d1:
            span = (d1 - d0).days
            return p0 if span == 0 else p0 + (p1 - p0) * (as_of - d0).days / span
    return 100.0  # pragma: no cover - the points cover [start, due]


def _done(s: Situation, rule: StatusRule) -> bool:
    return s.confirmed


def _overdue(s: Situation, rule: StatusRule) -> bool:
    return s.due is not None and s.as_of > s.due


def _behind(s: Situation, rule: StatusRule) -> bool:
    expected = expected_progress(start=s.start, due=s.due, as_of=s.as_of, milestones=s.milestones)
    if expected is None:
        return False
    return expected - (s.percent or 0.0) > rule.margin


def _due_soon(s: Situation, rule: StatusRule) -> bool:
    return s.due is not None and 0 <= (s.due - s.as_of).days <= rule.due_soon_days


def _not_started(s: Situation, rule: StatusRule) -> bool:
    return not s.percent


RULES: dict[Status, Callable[[Situation, StatusRule], bool]] = {
    Status.DONE: _done,
    Status.OVERDUE: _overdue,
    Status.BEHIND: _behind,
    Status.DUE_SOON: _due_soon,
    Status.NOT_STARTED: _not_started,
}


def assignment_status(situation: Situation, *, rule: StatusRule | None = None) -> Status:
    """The status of one assignment (first matching rule of ``RULES``, else on track).

    >>> d = dt.date
    >>> assignment_status(Situation(start=d(2025, 1, 1), due=d(2025, 12, 31), as_of=d(2025, 7, 1), percent=20))
    <Status.BEHIND: 'behind'>
    >>> assignment_status(Situation(start=d(2025, 1, 1), due=d(2025, 12, 31), as_of=d(2025, 7, 1), percent=45))
    <Status.ON_TRACK: 'on_track'>
    >>> assignment_status(Situation(start=d(2025, 1, 1), due=d(2025, 6, 30), as_of=d(2025, 7, 1), percent=90))
    <Status.OVERDUE: 'overdue'>
    """
    active = rule or StatusRule()
    for status, applies in RULES.items():
        if applies(situation, active):
            return status
    return Status.ON_TRACK


def milestone_problems(
    *, start: dt.date, due: dt.date | None, milestones: tuple[tuple[dt.date, float], ...]
) -> list[str]:
    """Why a milestone plan (节点计划) cannot be used for 序时进度; empty when it can.

    Each node must lie strictly between the plan's start and the task's deadline, in date order,
    with a percent in 0..100 that never decreases (the curve runs from (start, 0) to (due, 100)).

    >>> d = dt.date
    >>> milestone_problems(start=d(2026, 1, 1), due=d(2026, 12, 31), milestones=((d(2026, 6, 30), 40.0),))
    []
    >>> milestone_problems(start=d(2026, 1, 1), due=d(2026, 12, 31),
    ...                    milestones=((d(2026, 3, 31), 60.0), (d(2026, 6, 30), 40.0)))
    ['2026-06-30: 40% 低于前一节点的 60%']
    >>> milestone_problems(start=d(2026, 1, 1), due=d(2026, 12, 31), milestones=((d(2027, 3, 1), 50.0),))
    ['2027-03-01: 节点须在 2026-01-01 与 2026-12-31 之间']
    """
    problems: list[str] = []
    if due is None and milestones:
        return ["任务没有完成时限，不能设节点计划"]
    previous: tuple[dt.date, float] | None = None
    for day, percent in milestones:
        if due is not None and not start < day < due:
            problems.append(f"{day}: 节点须在 {start} 与 {due} 之间")
        if not 0 <= percent <= 100:
            problems.append(f"{day}: 进度须在 0 到 100 之间")
        if previous is not None and day <= previous[0]:
            problems.append(f"{day}: 日期须晚于前一节点 {previous[0]}")
        elif previous is not None and percent < previous[1]:
            problems.append(f"{day}: {percent:g}% 低于前一节点的 {previous[1]:g}%")
        previous = (day, percent)
    return problems
