"""Hypothesis strategies for the indicators slice."""

from __future__ import annotations

from hypothesis import strategies as st

from devzone.core.target_kinds import TARGET_KINDS
from devzone.indicators.targets import Observation, Target

years = st.integers(min_value=2000, max_value=2030)
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def targets(
    draw: st.DrawFn,
    kinds: tuple[str, ...] = TARGET_KINDS,
) -> Target:
    kind = draw(st.sampled_from(kinds))
    base_time = draw(years)
    span = draw(st.integers(min_value=1, max_value=10))
    higher_only = kind in {"cumulative", "count_per_period", "rank_change"}
    direction = "higher" if higher_only else draw(st.sampled_from(["higher", "lower"]))
    plan_value: float
    base_value: float | None
    if kind == "level":
        base_value = draw(positive)
        plan_value = draw(positive)
    elif kind == "multiple":
        base_value = draw(positive)
        plan_value = draw(st.floats(min_value=0.1, max_value=10))
    elif kind == "growth":
        base_value = draw(positive)
        plan_value = draw(st.floats(min_value=-0.5, max_value=1.0))
    elif kind == "share":
        base_value = draw(st.floats(min_value=0.0, max_value=1.0))
        plan_value = draw(st.floats(min_value=0.01, max_value=1.0))
    elif kind == "net_increase":
        base_value = draw(values)
        plan_value = draw(positive)
    elif kind == "rank_change":
        base_value = float(draw(st.integers(min_value=1, max_value=100)))
        plan_value = float(draw(st.integers(min_value=1, max_value=5)))
    else:
        base_value = None
        plan_value = draw(positive)
    return Target(
        kind=kind,
        plan_value=plan_value,
        base_value=base_value,
        base_time=float(base_time),
        deadline=float(base_time + span),
        direction=direction,
    )


@st.composite
def observations_for(draw: st.DrawFn, target: Target) -> list[Observation]:
    """Yearly observations after the base, some years missing."""
    span = int(target.deadline - target.base_time)
    kept = draw(st.lists(st.booleans(), min_size=span, max_size=span))
    result = []
    for offset, keep in enumerate(kept, start=1):
        if not keep:
            continue
        if target.kind == "share":
            total = draw(positive)
            result.append(Observation(t=target.base_time + offset, value=draw(positive) % total, total=total))
        elif target.kind == "rank_change":
            result.append(Observation(t=target.base_time + offset, value=float(draw(st.integers(1, 100)))))
        elif target.kind in {"level", "multiple", "growth"}:
            result.append(Observation(t=target.base_time + offset, value=draw(positive)))
        else:
            result.append(Observation(t=target.base_time + offset, value=draw(values)))
    return result
