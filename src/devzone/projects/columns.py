"""The engine's input as columns — one array per field of projects, milestones and ledgers — as a
database query or a Parquet file gives them, or as :func:`from_records` makes them from the record
dataclasses. Units (lead unit, verifier) and evidence kinds are integer codes, so checks over millions of
milestones compare integers. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from devzone.projects.records import Fai, Funds, Milestone, Project
from devzone.projects.stages import EVIDENCE, STAGE

EPOCH = date(1970, 1, 1)
NEVER = np.int64(2**62)
"""The date of a stage never reached (days since 1970-01-01)."""

EVIDENCE_KINDS = (
    "",
    *sorted({kind for kinds in EVIDENCE.values() for kind in kinds}),
    "银行进账单",
    "验资报告",
)
"""Evidence kinds by code (0: none)."""
EVIDENCE_CODE = {kind: k for k, kind in enumerate(EVIDENCE_KINDS)}
SOURCES = ("统计", "项目单位")

Days = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Texts = npt.NDArray[np.object_]
Codes = npt.NDArray[np.intp]


def day(d: date | None) -> np.int64:
    """Days since 1970-01-01 (:data:`NEVER` for None)."""
    return NEVER if d is None else np.int64((d - EPOCH).days)


def _days(values: Sequence[date | None]) -> Days:
    return np.fromiter((day(v) for v in values), dtype=np.int64, count=len(values))


def _texts(values: Sequence[str]) -> Texts:
    out: Texts = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _floats(values: Sequence[float | None]) -> Floats:
    return np.fromiter((np.nan if v is None else v for v in values), dtype=np.float64, count=len(values))


@dataclass(frozen=True, eq=False)
class Columns:
    """Projects (rows 0 … n−1), milestones, funds, FAI and yearly FAI plans as arrays. Dates are days since
    1970-01-01 (:data:`NEVER`: none); ``*_project`` are project rows; ``lead_unit`` and ``m_verifier``
    index ``units`` (−1: not verified); ``m_evidence`` and ``funds_evidence`` index :data:`EVIDENCE_KINDS`;
    ``fai_source`` indexes :data:`SOURCES`; ``m_value`` is NaN when not given."""

    code: Texts
    zone: Texts
    units: tuple[str, ...]
    lead_unit: Codes
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
    land_price_wan: Floats
    planned_start: Days
    deadline_start: Days
    deadline_finish: Days
    deadline_review: Days
    review_applied: Days
    m_project: Codes
    m_stage: Codes
    m_reached: Days
    m_counted_from: Days
    m_evidence: Codes
    m_verifier: Codes
    m_value: Floats
    funds_project: Codes
    funds_day: Days
    funds_wan: Floats
    funds_evidence: Codes
    fai_project: Codes
    fai_day: Days
    fai_wan: Floats
    fai_source: Codes
    plan_project: Codes
    plan_year: Codes
    plan_wan: Floats


def from_records(
    projects: Sequence[Project],
    milestones: Sequence[Milestone] = (),
    funds: Sequence[Funds] = (),
    fai: Sequence[Fai] = (),
) -> Columns:
    """The columns of checked records (:func:`devzone.projects.records.check_rows`)."""
    row = {p.code: k for k, p in enumerate(projects)}
    unit_names = sorted(
        {p.lead_unit for p in projects} | {m.verified_by for m in milestones if m.verified_by}
    )
    unit = {u: k for k, u in enumerate(unit_names)}
    plans = [(row[p.code], y, amount) for p in projects for y, amount in p.fai_plans]

    def codes(values: Sequence[int]) -> Codes:
        return np.fromiter(values, dtype=np.intp, count=len(values))

    return Columns(
        code=_texts([p.code for p in projects]),
        zone=_texts([p.zone for p in projects]),
        units=tuple(unit_names),
        lead_unit=codes([unit[p.lead_unit] for p in projects]),
        channel=_texts([p.channel for p in projects]),
        event_name=_texts([p.event for p in projects]),
        kind=_texts([p.kind for p in projects]),
        contract=np.fromiter((p.contract for p in projects), dtype=bool, count=len(projects)),
        signed=_days([p.signed_on for p in projects]),
        total_wan=_floats([p.total_wan for p in projects]),
        in_zone=np.fromiter((p.in_zone for p in projects), dtype=bool, count=len(projects)),
        terminated=_days([p.terminated_on for p in projects]),
        fake=np.fromiter((p.fake for p in projects), dtype=bool, count=len(projects)),
        delivered=_days([p.delivered_on for p in projects]),
        land_paid=_days([p.land_paid_on for p in projects]),
        land_price_wan=_floats([p.land_price_wan for p in projects]),
        planned_start=_days([p.planned_start for p in projects]),
        deadline_start=_days([p.deadline_start for p in projects]),
        deadline_finish=_days([p.deadline_finish for p in projects]),
        deadline_review=_days([p.deadline_review for p in projects]),
        review_applied=_days([p.review_applied_on for p in projects]),
        m_project=codes([row[m.project] for m in milestones]),
        m_stage=codes([STAGE[m.stage] for m in milestones]),
        m_reached=_days([m.reached_on for m in milestones]),
        m_counted_from=_days([m.counted_from for m in milestones]),
        m_evidence=codes([EVIDENCE_CODE[m.evidence] for m in milestones]),
        m_verifier=codes([unit[m.verified_by] if m.verified_by else -1 for m in milestones]),
        m_value=_floats([m.value for m in milestones]),
        funds_project=codes([row[f.project] for f in funds]),
        funds_day=_days([f.arrived_on for f in funds]),
        funds_wan=_floats([f.amount_wan for f in funds]),
        funds_evidence=codes([EVIDENCE_CODE[f.evidence] for f in funds]),
        fai_project=codes([row[x.project] for x in fai]),
        fai_day=_days([x.month for x in fai]),
        fai_wan=_floats([x.amount_wan for x in fai]),
        fai_source=codes([SOURCES.index(x.source) for x in fai]),
        plan_project=codes([r for r, _, _ in plans]),
        plan_year=codes([y for _, y, _ in plans]),
        plan_wan=_floats([a for _, _, a in plans]),
    )
