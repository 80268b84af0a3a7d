"""The stage pipeline as one columnar table: every project's date of reaching each stage, counted by the
method's evidence and verification rules, so a rate or a count at any as-of date is a comparison of
arrays (no loop over projects). Pure: no Django.

For project *p* and stage *k*, ``reach[p, k]`` is the earliest date from which *p* counts as "at stage
≥ k": the minimum, over counted milestones of stage *j* ≥ *k*, of the date the milestone counts from (its
evidence date: for 开工 with ``入库`` evidence, the 入库 date). Stage 3 (签约) is the 正式合同's date; a
framework agreement, an intent and a re-signing never reach it, and the milestones of a project without
a 正式合同 are not counted. A milestone counts when its evidence is of an accepted kind and, for a stage in
``counting.verified_stages``, it is verified by a unit other than the 招商责任单位. ``event[p, k]`` is the
same minimum over the milestones' own dates (when the thing happened), used for ages and lights.

References
----------
融安县 "七个一批" 定义; 国家统计局 固定资产投资统计 入库 rules (开工 以正式打桩为标志); uktrade/data-hub-api
``InvestmentProjectStageLog`` (a timestamped stage log, role-gated stages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from devzone.projects.columns import (
    EPOCH,
    EVIDENCE_CODE,
    NEVER,
    SOURCES,
    Bools,
    Codes,
    Columns,
    Days,
    Floats,
    Texts,
    day,
    from_records,
)
from devzone.projects.method import ProjectMethod
from devzone.projects.records import Fai, Funds, Milestone, Project
from devzone.projects.stages import CAPACITY, KINDS, SIGNED, STAGE, STAGES, STARTED, STUCK_LISTS

DAWN = np.int64(-(2**62))
"""Before every date (an open start of a ledger window)."""


def as_date(n: int | np.int64) -> date | None:
    return None if n >= NEVER else EPOCH + timedelta(days=int(n))


def year_end(year: int) -> np.int64:
    return day(date(year, 12, 31))


@dataclass(frozen=True, eq=False)
class Table:
    """Projects as columns, with the reach matrices and the money ledgers the method counts (funds with
    accepted evidence, FAI of accepted sources); ``*_project`` are project rows."""

    code: Texts
    zone: Texts
    lead_unit: Texts
    channel: Texts
    event_name: Texts
    kind: Texts
    kind_code: Codes  # index into stages.KINDS (−1: other)
    contract: Bools
    signed: Days
    signed_year: Codes  # −1: no 正式合同
    total_wan: Floats
    in_zone: Bools
    terminated: Days
    fake: Bools
    delivered: Days
    land_paid: Days
    land_price_wan: Floats  # NaN: not known
    planned_start: Days
    deadline_start: Days
    deadline_finish: Days
    deadline_review: Days
    review_applied: Days
    reach: Days  # (n, 11) counted-from dates, "at stage ≥ k"
    event: Days  # (n, 11) event dates of counted milestones, same suffix rule
    site_start: Days  # first verified 开工 of any evidence (the physical start, for contracts and lights)
    ledger_entry: Days  # first verified 入库 of a 开工 milestone
    last_event: Days  # latest signing, milestone or money arrived (any evidence, verified or not)
    funds_project: Codes
    funds_day: Days
    funds_wan: Floats
    fai_project: Codes
    fai_day: Days
    fai_wan: Floats
    plan_project: Codes
    plan_year: Codes
    plan_wan: Floats

    @property
    def n(self) -> int:
        return len(self.code)

    def at_stage(self, stage: int, as_of: np.int64 | Days) -> Bools:
        """Projects at stage ≥ ``stage`` on ``as_of`` (a date or one per project)."""
        reached: Bools = self.reach[:, stage] <= as_of
        return reached

    def active(self, as_of: np.int64) -> Bools:
        """正式合同 signed by ``as_of`` and not terminated by then."""
        alive: Bools = self.contract & (self.signed <= as_of) & (self.terminated > as_of)
        return alive

    def funds_to(self, as_of: np.int64, since: np.int64 = DAWN) -> Floats:
        """Σ 到位 per project with since ≤ date ≤ as_of (万元)."""
        keep = (self.funds_day <= as_of) & (self.funds_day >= since)
        out = np.bincount(self.funds_project[keep], self.funds_wan[keep], minlength=self.n)
        return out.astype(np.float64)

    def fai_to(self, as_of: np.int64, since: np.int64 = DAWN) -> Floats:
        """Σ FAI per project over months with since ≤ month ≤ as_of (万元)."""
        keep = (self.fai_day <= as_of) & (self.fai_day >= since)
        out = np.bincount(self.fai_project[keep], self.fai_wan[keep], minlength=self.n)
        return out.astype(np.float64)

    def fai_plan(self, year: int) -> Floats:
        """Each project's FAI plan for ``year`` (万元; NaN: no plan)."""
        keep = self.plan_year == year
        total = np.bincount(self.plan_project[keep], self.plan_wan[keep], minlength=self.n)
        given = np.bincount(self.plan_project[keep], minlength=self.n) > 0
        out: Floats = np.where(given, total, np.nan)
        return out


def _years(days: Days) -> Codes:
    """Calendar year of each day number (NEVER → 0)."""
    safe = np.where(days >= NEVER, 0, days).astype("datetime64[D]")
    out: Codes = safe.astype("datetime64[Y]").astype(np.intp) + 1970
    return out


def _kind_codes(kinds: Texts) -> Codes:
    values, inverse = np.unique(kinds.astype(str), return_inverse=True)
    lookup = np.array([KINDS.index(v) if v in KINDS else -1 for v in values.tolist()], dtype=np.intp)
    out: Codes = lookup[inverse] if len(kinds) else np.empty(0, dtype=np.intp)
    return out


def _last(n: int, cols: Columns) -> Days:
    """The latest dated event of each project (its signing, a milestone, money arrived; −∞: none)."""
    out = np.where(cols.signed < NEVER, cols.signed, DAWN).astype(np.int64)
    np.maximum.at(out, cols.m_project, cols.m_reached)
    np.maximum.at(out, cols.funds_project, cols.funds_day)
    return out


def _first(n: int, rows: Codes, values: Days) -> Days:
    out = np.full(n, NEVER, dtype=np.int64)
    np.minimum.at(out, rows, values)
    return out


def assemble(cols: Columns, method: ProjectMethod) -> Table:
    """The table of ``cols`` under ``method``: which milestones count, and the reach matrices."""
    n = len(cols.code)
    counting = method.counting
    start_kinds = ("入库",) if counting.start_evidence == "入库" else ("入库", "施工许可", "施工合同照片")
    start_codes = np.array([EVIDENCE_CODE[k] for k in start_kinds], dtype=np.intp)
    need_verify = np.array([STAGE[s] for s in counting.verified_stages], dtype=np.intp)

    stage, ev = cols.m_stage, cols.m_evidence
    verified = (cols.m_verifier >= 0) & (cols.m_verifier != cols.lead_unit[cols.m_project])
    has_evidence = ev > 0
    accepted = np.where(stage == STARTED, np.isin(ev, start_codes), True)
    accepted &= np.where(stage == CAPACITY, cols.m_value >= counting.capacity_threshold, True)
    counts = (
        has_evidence & accepted & (verified | ~np.isin(stage, need_verify)) & cols.contract[cols.m_project]
    )

    reach = np.full((n, len(STAGES)), NEVER, dtype=np.int64)
    event = np.full((n, len(STAGES)), NEVER, dtype=np.int64)
    signed = np.where(cols.contract, cols.signed, NEVER)
    reach[:, SIGNED] = signed
    event[:, SIGNED] = signed
    # one flat index per (project, stage): the 1-D ufunc.at fast path
    flat = cols.m_project[counts] * len(STAGES) + stage[counts]
    np.minimum.at(reach.reshape(-1), flat, cols.m_counted_from[counts])
    np.minimum.at(event.reshape(-1), flat, cols.m_reached[counts])
    # "at stage ≥ k": a later counted milestone implies every earlier stage (suffix minimum).
    reach = np.minimum.accumulate(reach[:, ::-1], axis=1)[:, ::-1]
    event = np.minimum.accumulate(event[:, ::-1], axis=1)[:, ::-1]
    reach[~cols.contract] = NEVER
    event[~cols.contract] = NEVER

    is_start = (stage == STARTED) & has_evidence & verified
    ledger = is_start & (ev == EVIDENCE_CODE["入库"])
    funds_ok = np.isin(cols.funds_evidence, [EVIDENCE_CODE[k] for k in counting.funds_evidence])
    fai_ok = np.isin(cols.fai_source, [SOURCES.index(s) for s in counting.fai_sources])
    units: Texts = np.array(cols.units, dtype=object) if cols.units else np.empty(0, dtype=object)
    return Table(
        code=cols.code,
        zone=cols.zone,
        lead_unit=units[cols.lead_unit] if n else np.empty(0, dtype=object),
        channel=cols.channel,
        event_name=cols.event_name,
        kind=cols.kind,
        kind_code=_kind_codes(cols.kind),
        contract=cols.contract,
        signed=signed,
        signed_year=np.where(cols.contract, _years(cols.signed), -1),
        total_wan=cols.total_wan,
        in_zone=cols.in_zone,
        terminated=cols.terminated,
        fake=cols.fake,
        delivered=cols.delivered,
        land_paid=cols.land_paid,
        land_price_wan=cols.land_price_wan,
        planned_start=cols.planned_start,
        deadline_start=cols.deadline_start,
        deadline_finish=cols.deadline_finish,
        deadline_review=cols.deadline_review,
        review_applied=cols.review_applied,
        reach=reach,
        event=event,
        site_start=_first(n, cols.m_project[is_start], cols.m_reached[is_start]),
        ledger_entry=_first(n, cols.m_project[ledger], cols.m_counted_from[ledger]),
        last_event=_last(n, cols),
        funds_project=cols.funds_project[funds_ok],
        funds_day=cols.funds_day[funds_ok],
        funds_wan=cols.funds_wan[funds_ok],
        fai_project=cols.fai_project[fai_ok],
        fai_day=cols.fai_day[fai_ok],
        fai_wan=cols.fai_wan[fai_ok],
        plan_project=cols.plan_project,
        plan_year=cols.plan_year,
        plan_wan=cols.plan_wan,
    )


def build(
    projects: Sequence[Project],
    milestones: Sequence[Milestone],
    method: ProjectMethod,
    funds: Sequence[Funds] = (),
    fai: Sequence[Fai] = (),
) -> Table:
    """The table of checked records (:func:`records.check_rows`) under ``method``.

    >>> from devzone.projects.method_load import resolve
    >>> p = Project(code="A", zone="Z", lead_unit="U", signed_on=date(2024, 1, 2), total_wan=5e4)
    >>> m = Milestone(project="A", stage="开工", reached_on=date(2024, 3, 1), evidence="施工许可", verified_by="统计局")
    >>> t = build([p], [m], resolve("zunyi-seed"))
    >>> [bool(t.at_stage(k, day(date(2024, 12, 31)))[0]) for k in (STAGE["签约"], STAGE["开工"])]
    [True, False]
    """
    return assemble(from_records(projects, milestones, funds, fai), method)


def current_stage(table: Table, as_of: date) -> Codes:
    """Each project's current stage on ``as_of``: the highest stage it is at (−1: no 正式合同 yet).

    The stage numbers index :data:`~devzone.projects.stages.STAGES`.
    """
    reached = table.reach <= day(as_of)
    highest: Codes = np.where(reached.any(axis=1), len(STAGES) - 1 - np.argmax(reached[:, ::-1], axis=1), -1)
    return highest


def stale(table: Table, method: ProjectMethod, as_of: date) -> tuple[str, ...]:
    """Codes of active projects with no event for more than ``warnings.stale_days`` days on ``as_of``:
    they must be re-confirmed (spec: staleness after 60 days, *unverified*)."""
    on = day(as_of)
    hit = table.active(on) & (on - table.last_event > method.warnings.stale_days)
    return tuple(sorted(str(c) for c in table.code[hit]))


@dataclass(frozen=True)
class Stuck:
    """A project on a stuck list on the as-of date, with the days since it reached the first stage."""

    list: str
    code: str
    zone: str
    lead_unit: str
    since: date
    age_days: int


def stuck_lists(table: Table, method: ProjectMethod, as_of: date) -> dict[str, tuple[Stuck, ...]]:
    """The method's stuck lists (签约未注册 … 投产未达产) of active projects on ``as_of``, oldest first.

    A project is on "X未Y" when it is at stage ≥ X and not at stage ≥ Y; its age counts from the day X
    happened (the milestone's own date). Terminated projects are on no list.
    """
    on = day(as_of)
    alive = table.active(on)
    out: dict[str, tuple[Stuck, ...]] = {}
    for name in method.stuck:
        first, then = STUCK_LISTS[name]
        hit = np.flatnonzero(alive & table.at_stage(first, on) & ~table.at_stage(then, on))
        since = table.event[hit, first]
        order = np.lexsort((table.code[hit].astype(str), since))
        out[name] = tuple(
            Stuck(
                name,
                str(table.code[p]),
                str(table.zone[p]),
                str(table.lead_unit[p]),
                EPOCH + timedelta(days=int(table.event[p, first])),
                int(on - table.event[p, first]),
            )
            for p in hit[order]
        )
    return out
