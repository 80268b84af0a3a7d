"""标准地 contracts: the deadlines of 开工, 竣工 and 达产验收, idle land and late charges, and the control
indicators checked at 竣工验收 and 达产复核 against the enterprise's actual yearly data. Pure: no Django.

Deadlines (the contract's own date, else from 交地; 温州 滨海 defaults): 开工 ≤ 交地 + 6 months, 竣工 ≤ 交地
+ 24 months, 达产验收 applied for ≤ 竣工 + 24 months. Breach (国有建设用地使用权出让合同 GF-2008-2601,
天津 工业建设类 text)::

    迟延开工/竣工 违约金 = 出让金 × r‰ × days late            (only when the zone sets r; blank in the model)
    投资强度, 容积率, 建筑系数 short:  违约金 = 出让金 × (约定 − 实际) / 约定, plus 继续履约 (第三十七、三十八条)
    闲置 (not started 1 year after the agreed 开工): 闲置费 = 20 % × 出让金; 2 years: 无偿收回 candidate
    亩均税收, 能耗, 排放, 产值, R&D missed at 达产复核: breach recorded, 整改 period, penalty by zone formula
                                                        (none published; none by default)

Actual values: 投资强度 = 固定资产投资 ÷ 用地面积 (万元/亩); 亩均税收 = 税收 ÷ 亩; 单位能耗增加值 = 增加值 ÷ tce;
单位排放增加值 = 增加值 ÷ 排放吨 (工业项目建设用地控制指标; 隆昌 隆府办发〔2022〕58号).

References
----------
国有建设用地使用权出让合同 GF-2008-2601; 闲置土地处置办法 (国土资源部令第53号, 2012); 国土资发〔2006〕83号;
温州 滨海 标准地 notice; 浙江 标准地 工作指引 第三条; 遂昌 (超出合同约定期限仍未竣工投产 … 需纳入评价); 闽侯 2018.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from devzone.land.dates import add_months as add_months_one
from devzone.projects.calendar import add_months
from devzone.projects.columns import NEVER, Bools, Days, day
from devzone.projects.method import ProjectMethod
from devzone.projects.pipeline import Table, as_date
from devzone.projects.stages import CAPACITY, COMPLETED

CHECK_POINTS = ("竣工验收", "达产复核")
OPS = (">=", "<=")


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """A control indicator of a project's contract (``value`` in ``unit``; a share such as R&D as 0.02)."""

    project: str
    name: str
    op: str
    value: float
    check_at: str
    unit: str = ""


@dataclass(frozen=True, kw_only=True)
class Achieved:
    """An enterprise's actual figures of one year (from the ``enterprises`` slice, by USCC)."""

    uscc: str
    year: int
    fixed_invest_wan: float | None = None
    far: float | None = None
    coverage: float | None = None
    tax_wan: float | None = None
    output_wan: float | None = None
    value_added_wan: float | None = None
    energy_tce: float | None = None
    emissions_t: float | None = None
    rd_share: float | None = None
    employees: float | None = None


def _per(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


# name → (unit, actual value from (figures, 亩), breach rule): "proportional" (第三十七、三十八条) or "review".
INDICATORS: dict[str, tuple[str, Callable[[Achieved, float | None], float | None], str]] = {
    "投资强度": ("万元/亩", lambda a, mu: _per(a.fixed_invest_wan, mu), "proportional"),
    "容积率": ("", lambda a, mu: a.far, "proportional"),
    "建筑系数": ("", lambda a, mu: a.coverage, "proportional"),
    "亩均税收": ("万元/亩", lambda a, mu: _per(a.tax_wan, mu), "review"),
    "亩均产值": ("万元/亩", lambda a, mu: _per(a.output_wan, mu), "review"),
    "亩均增加值": ("万元/亩", lambda a, mu: _per(a.value_added_wan, mu), "review"),
    "单位能耗增加值": ("万元/吨标煤", lambda a, mu: _per(a.value_added_wan, a.energy_tce), "review"),
    "单位排放增加值": ("万元/吨", lambda a, mu: _per(a.value_added_wan, a.emissions_t), "review"),
    "研发投入占比": ("", lambda a, mu: a.rd_share, "review"),
    "全员劳动生产率": ("万元/人·年", lambda a, mu: _per(a.value_added_wan, a.employees), "review"),
}


@dataclass(frozen=True, eq=False)
class Deadlines:
    """Per project (table rows): the 开工, 竣工 and 达产验收 deadlines and when each was met (days)."""

    start: Days
    finish: Days
    review: Days
    started: Days
    finished: Days
    reviewed: Days


def deadlines(table: Table, method: ProjectMethod) -> Deadlines:
    """The contractual deadlines of every project (the contract's own dates, else from 交地 / 竣工)."""
    rules = method.contract
    finished = table.event[:, COMPLETED]
    return Deadlines(
        start=np.where(
            table.deadline_start < NEVER,
            table.deadline_start,
            add_months(table.delivered, rules.start_months),
        ),
        finish=np.where(
            table.deadline_finish < NEVER,
            table.deadline_finish,
            add_months(table.delivered, rules.finish_months),
        ),
        review=np.where(
            table.deadline_review < NEVER, table.deadline_review, add_months(finished, rules.review_months)
        ),
        started=table.site_start,
        finished=finished,
        # the 达产 review is done when the enterprise applied for it, or when its 达产 milestone (evidence:
        # the 达产复核 itself) was verified, whichever came first: a firm reviewed at 达产 is not late
        reviewed=np.minimum(table.review_applied, table.event[:, CAPACITY]),
    )


def overdue_starts(table: Table, method: ProjectMethod, as_of: date) -> Bools:
    """超时限未开工: active projects whose contractual 开工 deadline has passed without a (site) start."""
    on = day(as_of)
    d = deadlines(table, method)
    out: Bools = table.active(on) & (d.start < on) & (d.started > on)
    return out


@dataclass(frozen=True)
class DeadlineState:
    """One contractual deadline of one project on the as-of date: met, pending or breached (passed, unmet),
    with the late charge when the zone sets r ‰ per day."""

    code: str
    node: str  # 开工, 竣工, 达产验收
    deadline: date
    done_on: date | None
    state: str  # met, late, pending, breach
    days_late: int
    charge_wan: float | None


def deadline_states(table: Table, method: ProjectMethod, as_of: date) -> list[DeadlineState]:
    """Every known deadline of the active projects on ``as_of`` (a project without 交地 has none of 开工/竣工)."""
    on = day(as_of)
    d = deadlines(table, method)
    alive = table.active(on)
    r = method.contract.late_permille_per_day
    out = []
    for node, due, done in (
        ("开工", d.start, d.started),
        ("竣工", d.finish, d.finished),
        ("达产验收", d.review, d.reviewed),
    ):
        for p in np.flatnonzero(alive & (due < NEVER)).tolist():
            deadline, done_day = due[p], done[p]
            if done_day <= on:
                state = "met" if done_day <= deadline else "late"
                late = max(0, int(done_day - deadline))
            else:
                state = "breach" if on > deadline else "pending"
                late = max(0, int(on - deadline))
            price = None if np.isnan(table.land_price_wan[p]) else float(table.land_price_wan[p])
            charge = (
                price * r / 1000 * late
                if (r is not None and price is not None and node != "达产验收")
                else None
            )
            out.append(
                DeadlineState(
                    str(table.code[p]),
                    node,
                    as_date(deadline) or as_of,
                    as_date(done_day),
                    state,
                    late,
                    charge,
                )
            )
    return out


@dataclass(frozen=True)
class Idle:
    """Land not started a year after the agreed 开工: 闲置费 due, and the 无偿收回 candidate after two years."""

    code: str
    agreed_start: date
    fee_due: date
    fee_wan: float | None
    recover_due: date
    recover: bool


def idle_land(table: Table, method: ProjectMethod, as_of: date) -> list[Idle]:
    """Active projects with land not started a full year after the agreed 开工 (《闲置土地处置办法》第二条、第十四条)."""
    on = day(as_of)
    rules = method.contract
    d = deadlines(table, method)
    fee_due = add_months(d.start, 12 * rules.idle_fee_years)
    recover_due = add_months(d.start, 12 * rules.recover_years)
    hit = table.active(on) & (table.delivered <= on) & (d.started > on) & (fee_due <= on)
    out = []
    for p in np.flatnonzero(hit).tolist():
        price = None if np.isnan(table.land_price_wan[p]) else float(table.land_price_wan[p])
        out.append(
            Idle(
                str(table.code[p]),
                as_date(d.start[p]) or as_of,
                as_date(fee_due[p]) or as_of,
                None if price is None else round(rules.idle_fee_share * price, 6),
                as_date(recover_due[p]) or as_of,
                bool(recover_due[p] <= on),
            )
        )
    return out


@dataclass(frozen=True)
class IndicatorResult:
    """One contract indicator against the actual value. ``short`` is the shortfall as a share of the
    target; ``penalty_wan`` the 违约金 (None: no formula — the [gap] of 达产复核 misses)."""

    name: str
    op: str
    target: float
    actual: float | None
    unit: str
    met: bool | None  # None: no actual value
    short: float
    penalty_wan: float | None
    continue_performance: bool
    rectify_until: date | None


@dataclass(frozen=True)
class ContractCheck:
    """A project's check at ``at`` on ``on``: results, and the links to 亩均 (spec E)."""

    code: str
    at: str
    on: date
    results: tuple[IndicatorResult, ...]
    low_efficiency_candidate: bool  # missed 亩均税收 → 低效用地 candidate (闽侯 2018)
    mu_exempt_lost: bool  # not exempt as a new firm in the 亩均 evaluation


def check_contract(
    code: str,
    indicators: Iterable[Indicator],
    achieved: Achieved,
    *,
    at: str,
    on: date,
    area_mu: float | None,
    land_price_wan: float | None,
    method: ProjectMethod,
) -> ContractCheck:
    """The indicators of project ``code`` checked at ``at`` (竣工验收 or 达产复核) with ``achieved``.

    >>> from devzone.projects.method_load import resolve
    >>> i = Indicator(project="P", name="投资强度", op=">=", value=300, check_at="竣工验收")
    >>> c = check_contract("P", [i], Achieved(uscc="X", year=2024, fixed_invest_wan=13500), at="竣工验收",
    ...                    on=date(2024, 12, 31), area_mu=50, land_price_wan=1500, method=resolve("lyg-seed"))
    >>> (c.results[0].actual, c.results[0].penalty_wan)
    (270.0, 150.0)
    """
    if at not in CHECK_POINTS:
        raise ValueError(f"check point {at!r} is not one of {CHECK_POINTS}")
    results = []
    rectify = add_months_one(on, method.contract.rectify_months)
    for ind in indicators:
        if ind.project != code or ind.check_at != at:
            continue
        unit, actual_of, rule = INDICATORS[ind.name]
        actual = actual_of(achieved, area_mu)
        if actual is None:
            results.append(
                IndicatorResult(ind.name, ind.op, ind.value, None, unit, None, 0.0, None, False, None)
            )
            continue
        met = actual >= ind.value if ind.op == ">=" else actual <= ind.value
        short = 0.0 if met else abs(ind.value - actual) / ind.value
        penalty = None
        if not met and rule == "proportional" and land_price_wan is not None:
            penalty = round(land_price_wan * short, 6)
        elif not met and method.contract.review_penalty == "forfeit_deposit":
            penalty = None  # the 保证金 is not refunded (永康): an amount the zone holds, not computed here
        results.append(
            IndicatorResult(
                ind.name,
                ind.op,
                ind.value,
                round(actual, 6),
                unit,
                met,
                round(short, 6),
                penalty,
                not met and rule == "proportional",
                rectify if (not met and rule == "review") else None,
            )
        )
    tax_missed = any(r.name == "亩均税收" and r.met is False for r in results)
    return ContractCheck(code, at, on, tuple(results), tax_missed, tax_missed)


def mu_exempt_lost(table: Table, method: ProjectMethod, as_of: date) -> Sequence[str]:
    """Codes of projects past a contractual 竣工 deadline without 竣工 (遂昌: they lose the new-firm exemption)."""
    on = day(as_of)
    d = deadlines(table, method)
    hit = table.active(on) & (d.finish < on) & (d.finished > on)
    return tuple(sorted(str(c) for c in table.code[hit]))
