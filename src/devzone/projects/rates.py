"""招商项目 rates over a cohort: 履约率, 入园率, 开工率, 投产率, 达产率, 资金到位率, 固投转化率, per zone (or any
grouping), vectorised over the project table. Pure: no Django.

Cohort (window, as-of): ``in_year`` = 正式合同 signed in year N, as-of 31 Dec N; ``carry`` = the same
cohort at 31 Dec N+1; ``since`` = signed from ``since_year`` to N, as-of 31 Dec N; ``event`` = signed at
one 招商活动, as-of 31 Dec N. With C the cohort and S_k its projects at stage ≥ k on the as-of date::

    履约率 = |{p ∈ C : 履约(p)}| / |C|      (composite: not terminated and (注册 or 到位 > 0);
                                             not_terminated; landed: 注册 and land paid)
    入园率 = |S_5 ∩ in zone| / |C|
    开工率 = |S_6| / |C|      投产率 = |S_8| / |C|      达产率 = |S_9| / |C|        (``cohort``)
    开工率 = |S_6 ∩ 履约| / |履约|,  投产率 = |S_8 ∩ 履约| / |S_6 ∩ 履约|,
    达产率 = |S_9 ∩ 履约| / |S_8 ∩ 履约|                                            (``chain``)
    资金到位率 = Σ_C 到位 (to as-of) / Σ_C 协议总投资                                 (``cohort``)
               = Σ_all 到位 in year N / Σ 协议总投资 of 正式合同 signed in N           (``dynamic``)
    固投转化率 = Σ_C FAI (to as-of) / Σ_C 到位 (to as-of)

A rate whose denominator is 0 is None.

References
----------
许昌 2017 (履约率、开工率与资金到位率 over the signed cohort); 河南 "三个一批" 评价办法 (签约项目履约率、履约项目开工率、
开工项目投产率、投产项目达效率); 渭南 2010 (履约 = not terminated); 三明 (落地 = 注册 + 交付土地款); 重庆 2020
(资金动态到位率); 玉林 2008 (区外资金到位率, "2006年以来"); 碧江/铜仁 (产业到位资金固投转化率).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from devzone.projects.columns import Bools, Floats
from devzone.projects.groups import Groups, group
from devzone.projects.method import RATE_NAMES, ProjectMethod, RateRules
from devzone.projects.pipeline import Table, year_end
from devzone.projects.stages import CAPACITY, LANDED, PRODUCING, REGISTERED, STARTED

RATES = RATE_NAMES


@dataclass(frozen=True, eq=False)
class Rates:
    """Numerators and denominators per group (rows of ``groups.keys``); counts for project rates, 万元 for
    money rates. ``as_of`` is the cut-off day (days since 1970-01-01), ``cohort`` the rows in it."""

    groups: Groups
    rules: RateRules
    year: int
    as_of: np.int64
    cohort: Bools
    numerator: dict[str, Floats]
    denominator: dict[str, Floats]

    def value(self, rate: str, key: tuple[str, ...] = ()) -> float | None:
        """The rate of group ``key`` (a share in [0, 1]; None when its denominator is 0)."""
        g = self.groups.index(key)
        den = float(self.denominator[rate][g])
        return float(self.numerator[rate][g]) / den if den else None

    def rows(self) -> list[dict[str, object]]:
        """One dict per group: its key columns and, per rate, the value (None: no denominator)."""
        out = []
        for g, key in enumerate(self.groups.keys):
            row: dict[str, object] = dict(zip(self.groups.by, key, strict=True))
            for rate in RATES:
                den = float(self.denominator[rate][g])
                row[rate] = float(self.numerator[rate][g]) / den if den else None
            out.append(row)
        return out


def cohort_of(table: Table, rules: RateRules, year: int, event: str | None = None) -> tuple[Bools, np.int64]:
    """The cohort's rows and the as-of day of the window (see the module docstring)."""
    signed_year, ok = table.signed_year, table.contract
    as_of = year_end(year + 1 if rules.window == "carry" else year)
    if rules.window == "since":
        since = rules.since_year if rules.since_year is not None else year
        in_window: Bools = ok & (signed_year >= since) & (signed_year <= year)
    elif rules.window == "event":
        if event is None:
            raise ValueError("window 'event' needs the 招商活动 (event=…)")
        in_window = ok & (table.event_name == event) & (table.signed <= as_of)
    else:
        in_window = ok & (signed_year == year)
    return in_window, as_of


def performed(table: Table, rules: RateRules, as_of: np.int64, funds: Floats) -> Bools:
    """履约 on ``as_of`` under ``rules.performance``."""
    alive = table.terminated > as_of
    if rules.performance == "not_terminated":
        return alive
    registered = table.at_stage(REGISTERED, as_of)
    if rules.performance == "landed":
        out: Bools = alive & registered & (table.land_paid <= as_of)
        return out
    composite: Bools = alive & (registered | (funds > 0))
    return composite


def rates(
    table: Table,
    method: ProjectMethod,
    *,
    year: int,
    by: Sequence[str] = ("zone",),
    event: str | None = None,
    groups: Groups | None = None,
    **overrides: Any,
) -> Rates:
    """Every rate of :data:`RATES` for the cohort of ``year`` under ``method.rates`` (a rule may be
    overridden: ``rates(t, m, year=2024, denominator="chain")``). ``groups`` reuses a grouping.

    >>> from datetime import date
    >>> from devzone.projects.method_load import resolve
    >>> from devzone.projects.pipeline import build
    >>> from devzone.projects.records import Project
    >>> ps = [Project(code=c, zone="Z", lead_unit="U", signed_on=date(2024, 3, 1), total_wan=1e4) for c in "ab"]
    >>> r = rates(build(ps, [], resolve("zunyi-seed")), resolve("zunyi-seed"), year=2024)
    >>> r.value("开工率", ("Z",)), r.value("固投转化率", ("Z",))
    (0.0, None)
    """
    rules = replace(method.rates, **overrides) if overrides else method.rates
    cohort, as_of = cohort_of(table, rules, year, event)
    g = groups if groups is not None else group(table, by)
    funds = table.funds_to(as_of)
    perf = cohort & performed(table, rules, as_of, funds)
    stage = {k: cohort & table.at_stage(k, as_of) for k in (LANDED, STARTED, PRODUCING, CAPACITY)}
    ones = np.ones(table.n)
    num: dict[str, Floats] = {}
    den: dict[str, Floats] = {}
    n_cohort = g.sum(ones, cohort)
    num["履约率"], den["履约率"] = g.sum(ones, perf), n_cohort
    num["入园率"], den["入园率"] = g.sum(ones, stage[LANDED] & table.in_zone), n_cohort
    if rules.denominator == "chain":
        started, producing = stage[STARTED] & perf, stage[PRODUCING] & perf
        num["开工率"], den["开工率"] = g.sum(ones, started), g.sum(ones, perf)
        num["投产率"], den["投产率"] = g.sum(ones, producing), g.sum(ones, started)
        num["达产率"], den["达产率"] = g.sum(ones, stage[CAPACITY] & perf), g.sum(ones, producing)
    else:
        for rate, k in (("开工率", STARTED), ("投产率", PRODUCING), ("达产率", CAPACITY)):
            num[rate], den[rate] = g.sum(ones, stage[k]), n_cohort
    if rules.funds == "dynamic":
        start = year_end(year - 1) + 1
        in_year = table.funds_to(as_of, since=start)
        signed = table.contract & (table.signed >= start) & (table.signed <= year_end(year))
        num["资金到位率"], den["资金到位率"] = g.sum(in_year), g.sum(table.total_wan, signed)
    else:
        num["资金到位率"], den["资金到位率"] = g.sum(funds, cohort), g.sum(table.total_wan, cohort)
    num["固投转化率"], den["固投转化率"] = g.sum(table.fai_to(as_of), cohort), g.sum(funds, cohort)
    return Rates(g, rules, year, as_of, cohort, num, den)
