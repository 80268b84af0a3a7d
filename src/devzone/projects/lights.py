"""Red / yellow / green warning lights of every project on an as-of date (spec F; 银川 2025 by default),
vectorised over the project table. Pure: no Django.

Checks (each green, yellow or red; the project's light is the worst of them):

- 开工 vs plan: not started and the planned 开工 month over (the contract's 开工 date when no plan is
  given): yellow; not started for ``start_red_months`` month ends: red ("计划当月开工但无正当理由未及时开工项目亮
  黄灯,对连续3个月无正当理由应开工未开工项目亮红灯"). Only once the planned date has passed (濮阳).
- 入库 after 开工: started on site, not in the statistics library more than 1 month later: yellow; more
  than 2 months: red.
- FAI vs 序时 (m / 12 of the year's plan after m month ends): ``pp_below`` — more than 10 pp below:
  yellow, more than 30 pp: red (银川, 三亚 with 0 / 50); ``share`` — progress ÷ 序时 below 80 %: yellow,
  below 60 %: red (武汉).
- contractual deadline (开工, 竣工, 达产验收) not met: ≤ 30 days to go: yellow; passed: red.

A framework agreement (pipeline only) and a terminated project get no light (:data:`NONE`).

References
----------
银川市 重点项目红黄绿灯预警 (2025); 武汉 (低于时序进度60%、80%); 三亚 2022; 濮阳 督查 (已到开工时间节点而未开工).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from devzone.projects.calendar import add_months, month_ends_since
from devzone.projects.columns import NEVER, day
from devzone.projects.contracts import deadlines
from devzone.projects.method import FaiLight, ProjectMethod
from devzone.projects.pipeline import Table, year_end

NONE, GREEN, YELLOW, RED = -1, 0, 1, 2
COLOURS = {NONE: "", GREEN: "绿", YELLOW: "黄", RED: "红"}
Codes = npt.NDArray[np.int8]

PRESETS = {
    "银川": FaiLight(measure="pp_below", yellow=10.0, red=30.0),
    "三亚": FaiLight(measure="pp_below", yellow=0.0, red=50.0),
    "武汉": FaiLight(measure="share", yellow=0.8, red=0.6),
}
"""The FAI-against-序时 rule of the published presets (a method may write its own)."""


@dataclass(frozen=True, eq=False)
class Lights:
    """Per project (table rows): each check's code and the overall one (:data:`NONE` … :data:`RED`)."""

    start: Codes
    ledger: Codes
    fai: Codes
    deadline: Codes
    overall: Codes
    fai_below_pp: npt.NDArray[np.float64]  # 序时 − progress, percentage points (NaN: no plan)

    def colour(self, p: int) -> str:
        return COLOURS[int(self.overall[p])]


def _grade(yellow: npt.NDArray[np.bool_], red: npt.NDArray[np.bool_]) -> Codes:
    out: Codes = np.where(red, RED, np.where(yellow, YELLOW, GREEN)).astype(np.int8)
    return out


def lights(table: Table, method: ProjectMethod, as_of: date, *, fai: FaiLight | None = None) -> Lights:
    """The lights of every project on ``as_of`` (``fai`` overrides the method's FAI rule, e.g. a preset)."""
    w = method.warnings
    rule = fai or w.fai
    on = day(as_of)
    subject = table.active(on)
    d = deadlines(table, method)
    started = table.site_start <= on

    planned = np.where(table.planned_start < NEVER, table.planned_start, d.start)
    late_months = month_ends_since(planned, on)
    waiting = ~started & (planned < NEVER)
    start = _grade(
        waiting & (late_months >= w.start_yellow_months), waiting & (late_months >= w.start_red_months)
    )

    missing = started & (table.ledger_entry > on)
    ledger = _grade(
        missing & (on > add_months(table.site_start, w.ledger_yellow_months)),
        missing & (on > add_months(table.site_start, w.ledger_red_months)),
    )

    year = as_of.year
    plan = table.fai_plan(year)
    done = table.fai_to(on, since=year_end(year - 1) + 1)
    months = int(month_ends_since(np.array([year_end(year - 1) + 1]), on)[0])
    schedule = min(months, 12) / 12
    with np.errstate(invalid="ignore", divide="ignore"):
        progress = done / plan
        below = (schedule - progress) * 100
        if rule.measure == "pp_below":
            fai_yellow, fai_red = below > rule.yellow, below > rule.red
        else:
            share = progress / schedule if schedule else np.full(table.n, np.inf)
            fai_yellow, fai_red = share < rule.yellow, share < rule.red
    has_plan = ~np.isnan(plan) & (schedule > 0)
    fai_code = _grade(has_plan & fai_yellow, has_plan & fai_red)

    yellow = np.zeros(table.n, dtype=bool)
    red = np.zeros(table.n, dtype=bool)
    for due, met in ((d.start, d.started), (d.finish, d.finished), (d.review, d.reviewed)):
        open_ = (due < NEVER) & (met > on)
        red |= open_ & (on > due)
        yellow |= open_ & (due >= on) & (due - on <= w.deadline_yellow_days)
    deadline = _grade(yellow, red)

    overall = np.maximum.reduce([start, ledger, fai_code, deadline]).astype(np.int8)
    none = ~subject
    for codes in (start, ledger, fai_code, deadline, overall):
        codes[none] = NONE
    return Lights(start, ledger, fai_code, deadline, overall, np.where(has_plan, below, np.nan))


def with_preset(method: ProjectMethod, name: str) -> ProjectMethod:
    """``method`` with the FAI rule of a published preset (银川, 三亚, 武汉)."""
    return replace(method, warnings=replace(method.warnings, preset=name, fai=PRESETS[name]))
