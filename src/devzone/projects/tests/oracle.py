"""A per-project Python loop computing the rates and tier counts from the formulas (no numpy): the oracle
the vectorised engine is checked against, and the loop baseline of ``benchmarks/bench_projects.py``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from devzone.projects.method import YI, ProjectMethod
from devzone.projects.records import Fai, Funds, Milestone, Project
from devzone.projects.stages import STAGE

EVIDENCE_OF_START = {"入库": ("入库",), "site": ("入库", "施工许可", "施工合同照片")}


def reach_dates(p: Project, ms: Sequence[Milestone], method: ProjectMethod) -> dict[int, date]:
    """Stage → earliest date the project counts as at stage ≥ k."""
    if not p.contract or p.signed_on is None:
        return {}
    c = method.counting
    own: dict[int, date] = {STAGE["签约"]: p.signed_on}
    for m in ms:
        if not m.evidence:
            continue
        if m.stage in c.verified_stages and (m.verified_by is None or m.verified_by == p.lead_unit):
            continue
        if m.stage == "开工" and m.evidence not in EVIDENCE_OF_START[c.start_evidence]:
            continue
        if m.stage == "达产" and (m.value is None or m.value < c.capacity_threshold):
            continue
        k = STAGE[m.stage]
        own[k] = min(own.get(k, m.counted_from), m.counted_from)
    out: dict[int, date] = {}
    best: date | None = None
    for k in range(10, -1, -1):
        if k in own and (best is None or own[k] < best):
            best = own[k]
        if best is not None:
            out[k] = best
    return out


def loop_rates(
    projects: Sequence[Project],
    milestones: Sequence[Milestone],
    funds: Sequence[Funds],
    fai: Sequence[Fai],
    *,
    method: ProjectMethod,
    year: int,
) -> dict[str, dict[str, float | None]]:
    """zone → rate → value, cohort ``in_year``, the method's denominators, 履约 composite."""
    by_m: dict[str, list[Milestone]] = defaultdict(list)
    for m in milestones:
        by_m[m.project].append(m)
    arrived: dict[str, float] = defaultdict(float)
    as_of = date(year, 12, 31)
    for f in funds:
        if f.evidence in method.counting.funds_evidence and f.arrived_on <= as_of:
            arrived[f.project] += f.amount_wan
    invested: dict[str, float] = defaultdict(float)
    for x in fai:
        if x.source in method.counting.fai_sources and x.month <= as_of:
            invested[x.project] += x.amount_wan
    sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    chain = method.rates.denominator == "chain"
    for p in projects:
        if not p.contract or p.signed_on is None or p.signed_on.year != year:
            continue
        reach = reach_dates(p, by_m[p.code], method)

        def at(stage: str, reach: dict[int, date] = reach) -> bool:
            d = reach.get(STAGE[stage])
            return d is not None and d <= as_of

        s = sums[p.zone]
        alive = not p.terminated(as_of)
        perf = alive and (at("注册") or arrived[p.code] > 0)
        s["n"] += 1
        s["perf"] += perf
        s["landed"] += at("入园") and p.in_zone
        s["started"] += at("开工") and (perf or not chain)
        s["producing"] += at("投产") and (perf or not chain)
        s["capacity"] += at("达产") and (perf or not chain)
        s["arrived"] += arrived[p.code]
        s["total"] += p.total_wan
        s["fai"] += invested[p.code]

    def share(a: float, b: float) -> float | None:
        return a / b if b else None

    out = {}
    for zone, s in sums.items():
        dens = (s["perf"], s["started"], s["producing"]) if chain else (s["n"], s["n"], s["n"])
        out[zone] = {
            "履约率": share(s["perf"], s["n"]),
            "入园率": share(s["landed"], s["n"]),
            "开工率": share(s["started"], dens[0]),
            "投产率": share(s["producing"], dens[1]),
            "达产率": share(s["capacity"], dens[2]),
            "资金到位率": share(s["arrived"], s["total"]),
            "固投转化率": share(s["fai"], s["arrived"]),
        }
    return out


def loop_tier_counts(
    projects: Sequence[Project],
    milestones: Sequence[Milestone],
    method: ProjectMethod,
    year: int,
    tier_set: str,
) -> dict[tuple[str, str], int]:
    """(zone, tier) → count under the method's gate (``signed`` or ``started``)."""
    by_m: dict[str, list[Milestone]] = defaultdict(list)
    for m in milestones:
        by_m[m.project].append(m)
    end = date(year, 12, 31)
    tiers = method.tier_set(tier_set).tiers
    out: dict[tuple[str, str], int] = defaultdict(int)
    for p in projects:
        if not p.contract or p.signed_on is None or p.signed_on.year != year:
            continue
        if p.terminated(end) or p.fake or p.kind in method.gate.exclude_kinds:
            continue
        if method.gate.kind == "started":
            started = reach_dates(p, by_m[p.code], method).get(STAGE["开工"])
            if started is None or started > end:
                continue
        for t in tiers:
            if p.total_wan >= t.min * YI and (t.max is None or p.total_wan < t.max * YI):
                out[p.zone, t.code] += 1
    return dict(out)
