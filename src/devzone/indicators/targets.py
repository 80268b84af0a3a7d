"""Target maths (目标值测算): how far a target is, where it should be by now, where it is heading.

Every target kind restates a plan's sentence as a *progress measure* X(t) with a start X₀ at the base
time t₀, a goal G at the deadline T, and a path shape between them:

    f(t)        = clip((t − t₀)/(T − t₀), 0, 1)                     time elapsed (序时进度)
    linear      P(t) = X₀ + (G − X₀)·f(t)                           level, share, net_increase, cumulative,
                                                                    count_per_period, rank_change
    compound    P(t) = X₀·(G/X₀)^f(t)                               multiple (翻番), growth (年均增长)
    gap         = X(now) − P(now)
    completion  = X/G (higher is better) or G/X (lower is better)   level-type kinds
                = X/G                                               increment-type kinds (X₀ = 0)
    met         ⇔ s·(X(now) − G) ≥ 0, s = +1 higher is better, −1 lower is better

The kinds are registered in :data:`KINDS`, each a small function turning a :class:`Target` and its
observations into a :class:`Measure`; see their docstrings for X, X₀ and G. The forecast fits a trend
to the points (t₀, X₀), (tᵢ, Xᵢ) by least squares, on ln X (log-linear) for level-type kinds when
every X > 0 and on X otherwise, and gives the 95 % prediction interval at T:

    ŷ(T) ± t₀.₉₇₅,ₙ₋₂ · s · √(1 + 1/n + (T − t̄)²/Σ(tᵢ − t̄)²)

References:
    序时进度 as used in 督查 of 政府工作报告 targets (time-elapsed share of the annual target);
    compound path: 国家统计局《年均增长速度的计算方法》(水平法, 几何平均);
    prediction interval: Montgomery, Peck & Vining, *Introduction to Linear Regression Analysis*,
    5th ed., Wiley 2012, §2.5 (ISBN 978-0-470-54281-1).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from devzone.core.target_kinds import TARGET_KINDS
from devzone.indicators.forecast import Forecast, forecast_trend
from devzone.indicators.units import convert, parse_unit


class TargetError(ValueError):
    """A target or its observations that cannot be evaluated."""


class ThresholdError(ValueError):
    """Status thresholds out of order."""


DIRECTIONS: MappingProxyType[str, int] = MappingProxyType({"higher": 1, "lower": -1})
"""Direction of an indicator → sign s: +1 when higher is better, −1 when lower is better."""

STATUSES: tuple[str, ...] = ("met", "on track", "at risk", "off track", "no data")
"""Every status :func:`evaluate_target` can return, best first."""


@dataclass(frozen=True, kw_only=True)
class Target:
    """A target as a plan states it.

    ``plan_value`` is the number written in the plan, read per kind: the level (level), the factor
    (multiple, 2 for 翻一番), the annual rate as a fraction (growth, 0.2 for 年均增长20%), the share as a
    fraction (share, 0.5 for 50%), the increase (net_increase), the total (cumulative), the count per
    period (count_per_period), the places to gain per period (rank_change); :func:`plan_figure`
    reads it from a plan's number and unit. ``base_time`` and ``deadline`` are on the decimal-year
    axis of :mod:`devzone.indicators.periods`; ``period`` is the length of one period in years.
    """

    kind: str
    plan_value: float
    base_time: float
    deadline: float
    base_value: float | None = None
    direction: str = "higher"
    period: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise TargetError(f"unknown target kind {self.kind!r}; known: {', '.join(KINDS)}")
        if self.direction not in DIRECTIONS:
            raise TargetError(f"unknown direction {self.direction!r}; known: higher, lower")
        if not self.deadline > self.base_time:
            raise TargetError(f"deadline {self.deadline} is not after the base time {self.base_time}")
        if not self.period > 0:
            raise TargetError(f"period {self.period} is not positive")
        if not math.isfinite(self.plan_value):
            raise TargetError(f"plan value {self.plan_value} is not finite")

    @property
    def sign(self) -> int:
        """+1 when higher is better, −1 when lower is better."""
        return DIRECTIONS[self.direction]


@dataclass(frozen=True, kw_only=True)
class Observation:
    """A figure at the end ``t`` of a period; ``total`` is the denominator for a share target."""

    t: float
    value: float
    total: float | None = None


@dataclass(frozen=True, kw_only=True)
class Measure:
    """A target restated as a progress measure: start X₀, goal G, observed points (t, X) after t₀."""

    start: float
    goal: float
    points: tuple[tuple[float, float], ...]
    path: str
    completion: str
    trend: str


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    """How far behind the path a target may be, as a share of |G − X₀|, and still be on track/at risk."""

    on_track: float = 0.0
    at_risk: float = 0.10

    def __post_init__(self) -> None:
        if not 0.0 <= self.on_track <= self.at_risk:
            raise ThresholdError(
                f"thresholds must satisfy 0 ≤ on_track ≤ at_risk, got {self.on_track}, {self.at_risk}"
            )


@dataclass(frozen=True, kw_only=True)
class Evaluation:
    """Where a target stands at ``now``; ``current``, ``expected`` and ``gap`` are in measure units."""

    kind: str
    direction: str
    now: float
    elapsed: float
    start: float
    goal: float
    current: float | None
    current_time: float | None
    completion: float | None
    expected: float
    gap: float | None
    relative_gap: float | None
    forecast: Forecast | None
    status: str
    thresholds: Thresholds = field(default_factory=Thresholds)


KindFunction = Callable[[Target, Sequence[Observation]], Measure]
KINDS: dict[str, KindFunction] = {}
"""Target kinds by name (the names of :data:`devzone.core.target_kinds.TARGET_KINDS`, no other); each
takes a target and its observations (t₀ < t ≤ now, sorted)."""


def register_kind(name: str) -> Callable[[KindFunction], KindFunction]:
    """Add a target kind to :data:`KINDS` under ``name``."""

    def add(function: KindFunction) -> KindFunction:
        if name not in TARGET_KINDS:
            raise TargetError(f"target kind {name!r} is not in devzone.core.target_kinds.TARGET_KINDS")
        if name in KINDS:
            raise TargetError(f"target kind {name!r} registered twice")
        KINDS[name] = function
        return function

    return add


def _base(target: Target) -> float:
    if target.base_value is None:
        raise TargetError(f"a {target.kind} target needs a base value")
    return target.base_value


def _positive(value: float, what: str) -> float:
    if not value > 0:
        raise TargetError(f"{what} must be positive, got {value}")
    return value


def _periods(target: Target) -> int:
    count = round((target.deadline - target.base_time) / target.period)
    if count < 1:
        raise TargetError("the plan span is shorter than one period")
    return int(count)


def _higher_only(target: Target) -> None:
    if target.direction != "higher":
        raise TargetError(f"a {target.kind} target is always higher-is-better")


def _within_plan(target: Target, observations: Sequence[Observation]) -> list[Observation]:
    return [obs for obs in observations if obs.t <= target.deadline]


@register_kind("level")
def level(target: Target, observations: Sequence[Observation]) -> Measure:
    """Level by a date (达到/突破 G 亿元): X = value, X₀ = base value, G = plan value, linear path."""
    return Measure(
        start=_base(target),
        goal=_positive(target.plan_value, "a level target"),
        points=tuple((obs.t, obs.value) for obs in observations),
        path="linear",
        completion="level",
        trend="log-linear",
    )


@register_kind("multiple")
def multiple(target: Target, observations: Sequence[Observation]) -> Measure:
    """Multiple of the base (翻一番 m = 2, 双倍增): X = value, G = m·X₀, path X₀·m^f(t)."""
    start = _positive(_base(target), "the base of a multiple target")
    return Measure(
        start=start,
        goal=start * _positive(target.plan_value, "the factor of a multiple target"),
        points=tuple((obs.t, obs.value) for obs in observations),
        path="compound",
        completion="level",
        trend="log-linear",
    )


@register_kind("growth")
def growth(target: Target, observations: Sequence[Observation]) -> Measure:
    """Compound annual growth (年均增长 r): X = value, G = X₀·(1+r)^(T−t₀), path X₀·(1+r)^(t−t₀)."""
    start = _positive(_base(target), "the base of a growth target")
    if not target.plan_value > -1:
        raise TargetError(f"an annual rate must exceed −100 %, got {target.plan_value}")
    try:
        factor = math.pow(1.0 + target.plan_value, target.deadline - target.base_time)
    except OverflowError as error:
        raise TargetError(f"an annual rate of {target.plan_value} over the plan overflows") from error
    return Measure(
        start=start,
        goal=start * factor,
        points=tuple((obs.t, obs.value) for obs in observations),
        path="compound",
        completion="level",
        trend="log-linear",
    )


@register_kind("share")
def share(target: Target, observations: Sequence[Observation]) -> Measure:
    """Share of a total (占全市比重): X = numerator/denominator, X₀ = base share, G = plan share, linear."""
    if not 0 < target.plan_value <= 1:
        raise TargetError(f"a share target is a fraction in (0, 1], got {target.plan_value}")
    points: list[tuple[float, float]] = []
    for obs in observations:
        if obs.total is None or not obs.total > 0:
            raise TargetError(f"a share observation at t={obs.t} needs a positive total")
        points.append((obs.t, obs.value / obs.total))
    return Measure(
        start=_base(target),
        goal=target.plan_value,
        points=tuple(points),
        path="linear",
        completion="level",
        trend="log-linear",
    )


@register_kind("net_increase")
def net_increase(target: Target, observations: Sequence[Observation]) -> Measure:
    """Net increase over the base (净增): X = value − X_base, X₀ = 0, G = s·plan value, linear."""
    base = _base(target)
    return Measure(
        start=0.0,
        goal=target.sign * target.plan_value,
        points=tuple((obs.t, obs.value - base) for obs in observations),
        path="linear",
        completion="increment",
        trend="linear",
    )


@register_kind("cumulative")
def cumulative(target: Target, observations: Sequence[Observation]) -> Measure:
    """Cumulative sum over the plan (累计): X(t) = Σ flows with t₀ < tᵢ ≤ min(t, T), X₀ = 0, linear."""
    _higher_only(target)
    running = 0.0
    points: list[tuple[float, float]] = []
    for obs in _within_plan(target, observations):
        running += obs.value
        points.append((obs.t, running))
    return Measure(
        start=0.0,
        goal=target.plan_value,
        points=tuple(points),
        path="linear",
        completion="increment",
        trend="linear",
    )


@register_kind("count_per_period")
def count_per_period(target: Target, observations: Sequence[Observation]) -> Measure:
    """Count per period (每年引进 q 个): X(t) = Σ min(cᵢ, q) over periods to t, G = q·n, linear.

    A surplus in one period does not make up for a shortfall in another, so G is reached only when
    every one of the n = (T − t₀)/period periods has met its quota.
    """
    _higher_only(target)
    per_period = _positive(target.plan_value, "a quota")
    running = 0.0
    points: list[tuple[float, float]] = []
    for obs in _within_plan(target, observations):
        running += min(obs.value, per_period)
        points.append((obs.t, running))
    return Measure(
        start=0.0,
        goal=per_period * _periods(target),
        points=tuple(points),
        path="linear",
        completion="increment",
        trend="linear",
    )


@register_kind("rank_change")
def rank_change(target: Target, observations: Sequence[Observation]) -> Measure:
    """Rank change (每年至少进 k 位): X = base rank − rank, G = min(k·n, base rank − 1), linear.

    Ranks count from 1 (best); the goal is capped because no zone climbs above first place.
    """
    _higher_only(target)
    base = _base(target)
    if not base >= 1:
        raise TargetError(f"a base rank counts from 1, got {base}")
    return Measure(
        start=0.0,
        goal=min(target.plan_value * _periods(target), base - 1.0),
        points=tuple((obs.t, base - obs.value) for obs in observations),
        path="linear",
        completion="increment",
        trend="linear",
    )


if tuple(KINDS) != TARGET_KINDS:
    raise TargetError(f"registered kinds {tuple(KINDS)} differ from TARGET_KINDS {TARGET_KINDS}")


def plan_figure(*, kind: str, value: float, unit: str) -> float:
    """The ``plan_value`` of a target from the number and unit a plan writes.

    Rates and shares written in % become fractions (年均增长20% → 0.2, 比重50% → 0.5); a level in %
    stays in % (标准厂房使用率达90% → 90), as do all other numbers.

    >>> plan_figure(kind="growth", value=20.0, unit="%")
    0.2
    >>> plan_figure(kind="share", value=50.0, unit="%")
    0.5
    >>> plan_figure(kind="level", value=90.0, unit="%")
    90.0
    """
    if kind not in KINDS:
        raise TargetError(f"unknown target kind {kind!r}; known: {', '.join(KINDS)}")
    if kind in _FRACTION_KINDS and parse_unit(unit).dimension == "ratio":
        return convert(value, source=unit, target="1")
    return float(value)


_FRACTION_KINDS = frozenset({"growth", "share"})


def linear_path(*, start: float, goal: float, elapsed: float) -> float:
    """P = X₀ + (G − X₀)·f, exactly X₀ at f = 0 and G at f = 1."""
    if elapsed <= 0:
        return start
    if elapsed >= 1:
        return goal
    return start + (goal - start) * elapsed


def compound_path(*, start: float, goal: float, elapsed: float) -> float:
    """P = X₀·(G/X₀)^f, exactly X₀ at f = 0 and G at f = 1."""
    if elapsed <= 0:
        return start
    if elapsed >= 1:
        return goal
    return start * math.pow(goal / start, elapsed)


PATHS: MappingProxyType[str, Callable[..., float]] = MappingProxyType(
    {"linear": linear_path, "compound": compound_path}
)


def level_completion(*, current: float, goal: float, sign: int) -> float:
    """X/G when higher is better; G/X when lower is better (∞ once X ≤ 0)."""
    if sign > 0:
        return current / goal
    return goal / current if current > 0 else math.inf


def increment_completion(*, current: float, goal: float, sign: int) -> float:
    """X/G; when G = 0 (nothing to gain), 1 if s·X ≥ 0 else 0."""
    if goal == 0:
        return 1.0 if sign * current >= 0 else 0.0
    return current / goal


COMPLETIONS: MappingProxyType[str, Callable[..., float]] = MappingProxyType(
    {"level": level_completion, "increment": increment_completion}
)


def elapsed_fraction(target: Target, *, now: float) -> float:
    """f = clip((now − t₀)/(T − t₀), 0, 1), the share of the plan's time gone (序时进度).

    >>> t = Target(kind="level", plan_value=800.0, base_value=400.0, base_time=2020, deadline=2025)
    >>> elapsed_fraction(t, now=2023.0)
    0.6
    >>> elapsed_fraction(t, now=2030.0)
    1.0
    """
    fraction = (now - target.base_time) / (target.deadline - target.base_time)
    return min(max(fraction, 0.0), 1.0)


def measure_of(target: Target, observations: Sequence[Observation], *, now: float) -> Measure:
    """The target's measure from its observations with t₀ < t ≤ now (sorted; duplicate times refused).

    >>> t = Target(kind="net_increase", plan_value=400.0, base_value=500.0, base_time=2020, deadline=2025)
    >>> measure_of(t, [Observation(t=2021, value=580.0), Observation(t=2022, value=650.0)], now=2022).points
    ((2021, 80.0), (2022, 150.0))
    >>> measure_of(t, [], now=2022).goal
    400.0
    """
    kept = sorted((obs for obs in observations if target.base_time < obs.t <= now), key=lambda obs: obs.t)
    for before, after in itertools.pairwise(kept):
        if before.t == after.t:
            raise TargetError(f"two observations at t={after.t}")
    return KINDS[target.kind](target, kept)


def expected_value(target: Target, *, now: float) -> float:
    """P(now), where the measure should be by now along the target's path (序时进度).

    >>> doubling = Target(kind="multiple", plan_value=2.0, base_value=400.0, base_time=2020, deadline=2025)
    >>> round(expected_value(doubling, now=2023.5), 6) == round(400 * 2 ** (3.5 / 5), 6)
    True
    >>> expected_value(Target(kind="cumulative", plan_value=40.0, base_time=2020, deadline=2025), now=2022)
    16.0
    """
    measure = measure_of(target, [], now=target.base_time)
    return PATHS[measure.path](
        start=measure.start, goal=measure.goal, elapsed=elapsed_fraction(target, now=now)
    )


def completion_ratio(target: Target, observations: Sequence[Observation], *, now: float) -> float | None:
    """Completion of the latest observed measure against the goal (None without data).

    >>> t = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)
    >>> completion_ratio(t, [Observation(t=2023, value=600.0)], now=2023)
    0.75
    >>> completion_ratio(t, [], now=2023) is None
    True
    """
    measure = measure_of(target, observations, now=now)
    if not measure.points:
        return None
    return COMPLETIONS[measure.completion](current=measure.points[-1][1], goal=measure.goal, sign=target.sign)


def _scale(measure: Measure) -> float:
    distance = abs(measure.goal - measure.start)
    if distance > 0:
        return distance
    return abs(measure.goal) if measure.goal != 0 else 1.0


def status_of(
    *,
    sign: int,
    goal: float,
    current: float | None,
    relative_gap: float | None,
    forecast_value: float | None,
    past_deadline: bool,
    thresholds: Thresholds,
) -> str:
    """The alert level of a target, first rule that holds:

    no data (no observation) → met (s·(X − G) ≥ 0) → off track (deadline passed) →
    on track (gap ≥ −on_track·|G − X₀| and the forecast, if any, meets G) →
    at risk (gap ≥ −at_risk·|G − X₀|, or the forecast meets G) → off track.

    >>> status_of(sign=1, goal=800, current=820, relative_gap=0.1, forecast_value=None, past_deadline=False, thresholds=Thresholds())
    'met'
    >>> status_of(sign=1, goal=800, current=600, relative_gap=-0.05, forecast_value=700, past_deadline=False, thresholds=Thresholds())
    'at risk'
    >>> status_of(sign=1, goal=800, current=None, relative_gap=None, forecast_value=None, past_deadline=False, thresholds=Thresholds())
    'no data'
    """
    if current is None or relative_gap is None:
        return "no data"
    if sign * (current - goal) >= 0:
        return "met"
    if past_deadline:
        return "off track"
    forecast_meets = forecast_value is not None and sign * (forecast_value - goal) >= 0
    if relative_gap >= -thresholds.on_track and (forecast_value is None or forecast_meets):
        return "on track"
    if relative_gap >= -thresholds.at_risk or forecast_meets:
        return "at risk"
    return "off track"


def evaluate_target(
    target: Target,
    observations: Sequence[Observation],
    *,
    now: float,
    thresholds: Thresholds | None = None,
) -> Evaluation:
    """Completion, expected value, gap, forecast and status of one target at ``now``.

    relative gap = s·(X − P(now)) / |G − X₀| (|G| when G = X₀, 1 when both are 0).

    >>> t = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)
    >>> e = evaluate_target(t, [Observation(t=2021, value=560.0), Observation(t=2022, value=620.0)], now=2022)
    >>> (e.expected, e.gap, e.status)
    (620.0, 0.0, 'on track')
    """
    limits = thresholds if thresholds is not None else Thresholds()
    measure = measure_of(target, observations, now=now)
    elapsed = elapsed_fraction(target, now=now)
    expected = PATHS[measure.path](start=measure.start, goal=measure.goal, elapsed=elapsed)
    current: float | None = None
    current_time: float | None = None
    completion: float | None = None
    gap: float | None = None
    relative_gap: float | None = None
    forecast: Forecast | None = None
    if measure.points:
        current_time, current = measure.points[-1]
        completion = COMPLETIONS[measure.completion](current=current, goal=measure.goal, sign=target.sign)
        gap = current - expected
        relative_gap = target.sign * gap / _scale(measure)
        forecast = forecast_trend(
            ((target.base_time, measure.start), *measure.points), at=target.deadline, trend=measure.trend
        )
    status = status_of(
        sign=target.sign,
        goal=measure.goal,
        current=current,
        relative_gap=relative_gap,
        forecast_value=forecast.value if forecast is not None else None,
        past_deadline=now >= target.deadline,
        thresholds=limits,
    )
    return Evaluation(
        kind=target.kind,
        direction=target.direction,
        now=now,
        elapsed=elapsed,
        start=measure.start,
        goal=measure.goal,
        current=current,
        current_time=current_time,
        completion=completion,
        expected=expected,
        gap=gap,
        relative_gap=relative_gap,
        forecast=forecast,
        status=status,
        thresholds=limits,
    )
