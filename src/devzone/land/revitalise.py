"""盘活 counting and the 闲置土地处置率 of a period.

``处置口径`` (the default target metric): Σ area (亩) of land cases reaching 处置完成 (state 5) in the
period, dated by the closing document; ``利用口径``: Σ area reaching verified new use (state 6). A parcel
counts once per metric and period; R3 extensions (延长动工期限) count for the 处置率 but not for 盘活
unless the method says so. 厂房: Σ m² re-let to operating tenants after 腾退 or vacancy. Pure: no Django.

References
----------
连云港 (篇三) "腾退、盘活…存量用地"; 泉州 reports 盘活 as the sum of 处置 areas; 昆山开发区 reports 收储 and
盘活再利用 apart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

from devzone.land.geometry import MU_PER_M2
from devzone.land.indicators import Figure
from devzone.land.method import LandMethod
from devzone.land.records import Case

LAND_KINDS = ("idle", "inefficient")
EXTENSION = "R3"


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def revitalised_mu(
    cases: Iterable[Case], start: date, end: date, *, method: LandMethod, metric: str | None = None
) -> float:
    """盘活面积 (亩) of land cases in [start, end] by ``metric`` (default: the method's target metric)."""
    metric = metric or method.revitalise.target_metric
    counted: dict[str, float] = {}
    for case in cases:
        if case.kind not in LAND_KINDS:
            continue
        if case.route == EXTENSION and not method.revitalise.count_extensions:
            continue
        day = case.closed_on if metric == "disposal" else case.used_on
        if _in(day, start, end):
            counted[case.target] = case.area_m2
    return math.fsum(counted.values()) * MU_PER_M2


def factory_relet_m2(cases: Iterable[Case], start: date, end: date) -> float:
    """厂房 m² re-let to operating tenants in [start, end] (factory cases with verified use)."""
    counted = {c.target: c.area_m2 for c in cases if c.kind == "factory" and _in(c.used_on, start, end)}
    return math.fsum(counted.values())


def idle_disposal_rate(cases: Iterable[Case], start: date, end: date) -> Figure:
    """闲置土地处置率: idle area closed in the period / (认定 area open at its start + 认定 in it), %."""
    idle = [c for c in cases if c.kind == "idle" and c.decided_on is not None]
    open_at_start = [
        c
        for c in idle
        if _in(c.decided_on, date.min, start - timedelta(days=1))
        and (c.closed_on is None or c.closed_on >= start)
    ]
    decided_in = [c for c in idle if _in(c.decided_on, start, end)]
    base = {c.target: c.area_m2 for c in (*open_at_start, *decided_in)}
    closed = {c.target: c.area_m2 for c in idle if c.target in base and _in(c.closed_on, start, end)}
    num, den = math.fsum(closed.values()), math.fsum(base.values())
    return Figure("idle_disposal_rate", "闲置土地处置率", num / den * 100 if den else None, "%", num, den)


def completion_rate(done_mu: float, target_mu: float) -> Figure:
    """盘活完成率: 盘活面积 / target (%).

    >>> completion_rate(72, 100).value
    72.0
    """
    return Figure("revitalise_completion", "盘活完成率", done_mu / target_mu * 100 if target_mu else None, "%",
                  done_mu, target_mu)  # fmt: skip
