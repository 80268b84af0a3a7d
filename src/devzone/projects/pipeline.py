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
import numpy.typing as npt

from devzone.projects.method import ProjectMethod
from devzone.projects.records import Fai, Funds, Milestone, Project
from devzone.projects.stages import SIGNED, STAGE, STAGES, STARTED, STUCK_LISTS

EPOCH = date(1970, 1, 1)
NEVER = np.int64(2**62)
"""The date of a stage never reached (days since 1970-01-01)."""
DAWN = np.int64(-(2**62))
"""Before every date (an open start of a ledger window)."""

Days = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Texts = npt.NDArray[np.object_]


def day(d: date | None) -> np.int64:
    """Days since 1970-01-01 (:data:`NEVER` for None)."""
    return NEVER if d is None else np.int64((d - EPOCH).days)


def as_date(n: int | np.int64) -> date | None:
    return None if n >= NEVER else EPOCH + timedelta(days=int(n))


def year_end(year: int) -> np.int64:
    return day(date(year, 12, 31))


def _days(values: Sequence[date | None]) -> Days:
    return np.fromiter((day(v) for v in values), dtype=np.int64, count=len(values))


@dataclass(frozen=True, eq=False)
class Table:
    """Projects as columns (row *p* = ``projects[p]``), with the reach matrices and the money ledgers.

    Ledger rows keep only what the method counts (funds with accepted evidence, FAI of accepted sources);
    ``*_project`` are row numbers of the project.
    """

    projects: tuple[Project, ...]
    code: Texts
    zone: Texts
    lead_unit: Texts
    channel: Texts
    event_name: Texts
    kind: Texts
    contract: Bools
    signed: Days
    total_wan: Floats
    in_zone: Bools
    terminated: Days
    fake: Bools
    delivered: Days
    land_paid: Days
    planned_start: Days
    deadline_start: Days
    deadline_finish: Days
    deadline_review: Days
    review_applied: Days
    reach: Days  # (n, 11) counted-from dates, "at stage ≥ k"
    event: Days  # (n, 11) event dates of counted milestones, same suffix rule
    site_start: Days  # first verified 开工 of any evidence (the physical start, for contracts and lights)
    ledger_entry: Days  # first verified 入库 of a 开工 milestone
    funds_project: npt.NDArray[np.intp]
    funds_day: Days
    funds_wan: Floats
    fai_project: npt.NDArray[np.intp]
    fai_day: Days
    fai_wan: Floats

    @property
    def n(self) -> int:
        return len(self.projects)

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
        out: Floats = np.bincount(self.funds_project[keep], self.funds_wan[keep], minlength=self.n).astype(
            np.float64
        )
        return out

    def fai_to(self, as_of: np.int64, since: np.int64 = DAWN) -> Floats:
        """Σ FAI per project over months with since ≤ month ≤ as_of (万元)."""
        keep = (self.fai_day <= as_of) & (self.fai_day >= since)
        out: Floats = np.bincount(self.fai_project[keep], self.fai_wan[keep], minlength=self.n).astype(
            np.float64
        )
        return out


def _texts(values: Sequence[str]) -> Texts:
    out: Texts = np.array(values, dtype=object)
    return out


def build(
    projects: Sequence[Project],
    milestones: Sequence[Milestone],
    method: ProjectMethod,
    funds: Sequence[Funds] = (),
    fai: Sequence[Fai] = (),
) -> Table:
    """The table of ``projects`` under ``method`` (rows assumed checked by :func:`records.check_rows`).

    >>> from devzone.projects.method_load import resolve
    >>> p = Project(code="A", zone="Z", lead_unit="U", signed_on=date(2024, 1, 2), total_wan=5e4)
    >>> m = Milestone(project="A", stage="开工", reached_on=date(2024, 3, 1), evidence="施工许可", verified_by="统计局")
    >>> t = build([p], [m], resolve("zunyi-seed"))
    >>> [bool(t.at_stage(k, day(date(2024, 12, 31)))[0]) for k in (STAGE["签约"], STAGE["开工"])]
    [True, False]
    """
    n = len(projects)
    row = {p.code: k for k, p in enumerate(projects)}
    counting = method.counting
    need_verify = {STAGE[s] for s in counting.verified_stages}
    start_kinds = ("入库",) if counting.start_evidence == "入库" else ("入库", "施工许可", "施工合同照片")
    lead = [p.lead_unit for p in projects]
    contract = np.fromiter((p.contract for p in projects), dtype=bool, count=n)

    m_row = np.fromiter((row[m.project] for m in milestones), dtype=np.intp, count=len(milestones))
    m_stage = np.fromiter((STAGE[m.stage] for m in milestones), dtype=np.intp, count=len(milestones))
    m_on = _days([m.reached_on for m in milestones])
    m_from = _days([m.counted_from for m in milestones])
    verified = np.fromiter(
        (m.verified_by is not None and m.verified_by != lead[row[m.project]] for m in milestones),
        dtype=bool,
        count=len(milestones),
    )
    has_evidence = np.fromiter((bool(m.evidence) for m in milestones), dtype=bool, count=len(milestones))
    accepted = np.fromiter(
        (
            (m.evidence in start_kinds if m.stage == "开工" else True)
            and (m.stage != "达产" or (m.value is not None and m.value >= counting.capacity_threshold))
            for m in milestones
        ),
        dtype=bool,
        count=len(milestones),
    )
    must_verify = np.isin(m_stage, np.fromiter(need_verify, dtype=np.intp))
    counts = has_evidence & accepted & (verified | ~must_verify) & contract[m_row]

    reach = np.full((n, len(STAGES)), NEVER, dtype=np.int64)
    event = np.full((n, len(STAGES)), NEVER, dtype=np.int64)
    signed = _days([p.signed_on for p in projects])
    reach[contract, SIGNED] = signed[contract]
    event[contract, SIGNED] = signed[contract]
    np.minimum.at(reach, (m_row[counts], m_stage[counts]), m_from[counts])
    np.minimum.at(event, (m_row[counts], m_stage[counts]), m_on[counts])
    # "at stage ≥ k": a later counted milestone implies every earlier stage (suffix minimum).
    reach = np.minimum.accumulate(reach[:, ::-1], axis=1)[:, ::-1]
    event = np.minimum.accumulate(event[:, ::-1], axis=1)[:, ::-1]
    reach[~contract] = NEVER
    event[~contract] = NEVER

    is_start = (m_stage == STARTED) & has_evidence & verified
    site_start = np.full(n, NEVER, dtype=np.int64)
    np.minimum.at(site_start, m_row[is_start], m_on[is_start])
    ledger_rows = is_start & np.fromiter((m.evidence == "入库" for m in milestones), bool, len(milestones))
    ledger_entry = np.full(n, NEVER, dtype=np.int64)
    np.minimum.at(ledger_entry, m_row[ledger_rows], m_from[ledger_rows])

    f_keep = [f for f in funds if f.evidence in counting.funds_evidence]
    x_keep = [x for x in fai if x.source in counting.fai_sources]
    return Table(
        projects=tuple(projects),
        code=_texts([p.code for p in projects]),
        zone=_texts([p.zone for p in projects]),
        lead_unit=_texts(lead),
        channel=_texts([p.channel for p in projects]),
        event_name=_texts([p.event for p in projects]),
        kind=_texts([p.kind for p in projects]),
        contract=contract,
        signed=np.where(contract, signed, NEVER),
        total_wan=np.fromiter((p.total_wan for p in projects), dtype=np.float64, count=n),
        in_zone=np.fromiter((p.in_zone for p in projects), dtype=bool, count=n),
        terminated=_days([p.terminated_on for p in projects]),
        fake=np.fromiter((p.fake for p in projects), dtype=bool, count=n),
        delivered=_days([p.delivered_on for p in projects]),
        land_paid=_days([p.land_paid_on for p in projects]),
        planned_start=_days([p.planned_start for p in projects]),
        deadline_start=_days([p.deadline_start for p in projects]),
        deadline_finish=_days([p.deadline_finish for p in projects]),
        deadline_review=_days([p.deadline_review for p in projects]),
        review_applied=_days([p.review_applied_on for p in projects]),
        reach=reach,
        event=event,
        site_start=site_start,
        ledger_entry=ledger_entry,
        funds_project=np.fromiter((row[f.project] for f in f_keep), dtype=np.intp, count=len(f_keep)),
        funds_day=_days([f.arrived_on for f in f_keep]),
        funds_wan=np.fromiter((f.amount_wan for f in f_keep), dtype=np.float64, count=len(f_keep)),
        fai_project=np.fromiter((row[x.project] for x in x_keep), dtype=np.intp, count=len(x_keep)),
        fai_day=_days([x.month for x in x_keep]),
        fai_wan=np.fromiter((x.amount_wan for x in x_keep), dtype=np.float64, count=len(x_keep)),
    )


def current_stage(table: Table, as_of: date) -> npt.NDArray[np.intp]:
    """Each project's current stage on ``as_of``: the highest stage it is at (−1: no 正式合同 yet).

    The stage numbers index :data:`~devzone.projects.stages.STAGES`.
    """
    reached = table.reach <= day(as_of)
    highest: npt.NDArray[np.intp] = np.where(
        reached.any(axis=1), len(STAGES) - 1 - np.argmax(reached[:, ::-1], axis=1), -1
    )
    return highest


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
