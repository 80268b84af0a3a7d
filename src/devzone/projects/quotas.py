"""Quota counts by investment tier with a realisation gate (重大招商项目 引进个数), per zone and lead unit.
Pure: no Django.

A project counts for year N when it passes the gate (:class:`~devzone.projects.method.Gate`):

- ``signed``: a 正式合同 signed in N;
- ``started``: plus 开工 (counted, default evidence 入库) by 31 Dec N;
- ``fai5``: plus FAI in year N ≥ ``fai_share`` × 协议总投资;
- ``landed``: plus 注册 and land paid by 31 Dec N;

and is not terminated by 31 Dec N, not of an excluded kind (二期, 迁建), and not flagged 弄虚作假.
Framework agreements and re-signings never count (they have no 正式合同 in N of their own). A project
counts once, for its one 招商责任单位; in a ``threshold`` tier set it counts in every tier it reaches
(≥100亿 and ≥50亿), in a ``band`` set in its one band.

References
----------
产业专班 考核 (当年固定资产投资不低于总投资5%); 三明 (落地、完成公司注册并交付土地款，且当年开工建设); 漯河 (当年开工建设);
cnzsr 2499 (二期、迁建不予认定); 连云港 行动方案 (每年各引进百亿元以上项目2个).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from devzone.projects.columns import Bools
from devzone.projects.groups import Groups, group
from devzone.projects.method import YI, Gate, ProjectMethod, Quota, TierSet
from devzone.projects.pipeline import Table, year_end
from devzone.projects.stages import KINDS, REGISTERED, STARTED


def signed_in(table: Table, year: int) -> Bools:
    """正式合同 signed in ``year`` (terminated later or not)."""
    out: Bools = table.signed_year == year
    return out


def gated(table: Table, gate: Gate, year: int) -> Bools:
    """Projects that count for ``year`` under ``gate`` (see the module docstring)."""
    end = year_end(year)
    ok = signed_in(table, year) & (table.terminated > end) & ~table.fake
    ok &= ~np.isin(table.kind_code, [KINDS.index(k) for k in gate.exclude_kinds])
    if gate.kind == "started":
        ok &= table.at_stage(STARTED, end)
    elif gate.kind == "fai5":
        ok &= table.fai_to(end, since=year_end(year - 1) + 1) >= gate.fai_share * table.total_wan
    elif gate.kind == "landed":
        ok &= table.at_stage(REGISTERED, end) & (table.land_paid <= end)
    return ok


def in_tier(table: Table, tiers: TierSet) -> dict[str, Bools]:
    """Rows of each tier of ``tiers`` (by 协议总投资; bounds in 亿元)."""
    out = {}
    for t in tiers.tiers:
        hit = table.total_wan >= t.min * YI
        if t.max is not None:
            hit &= table.total_wan < t.max * YI
        out[t.code] = hit
    return out


@dataclass(frozen=True, eq=False)
class TierCounts:
    """Counts per group and tier, and the codes of the projects counted (for the board)."""

    groups: Groups
    tier_set: str
    counts: dict[str, npt.NDArray[np.int64]]
    members: dict[str, tuple[tuple[str, ...], ...]]  # tier → per group, sorted codes

    def count(self, tier: str, key: tuple[str, ...] = ()) -> int:
        return int(self.counts[tier][self.groups.index(key)])

    def codes(self, tier: str, key: tuple[str, ...] = ()) -> tuple[str, ...]:
        return self.members[tier][self.groups.index(key)]


def tier_counts(
    table: Table,
    method: ProjectMethod,
    *,
    year: int,
    tier_set: str,
    gate: Gate | None = None,
    by: Sequence[str] = ("zone",),
    groups: Groups | None = None,
    with_codes: bool = True,
) -> TierCounts:
    """Projects counted for ``year`` in each tier of ``tier_set``, per group (``gate`` overrides the method's).

    >>> from datetime import date
    >>> from devzone.projects.method_load import resolve
    >>> from devzone.projects.pipeline import build
    >>> from devzone.projects.records import Project
    >>> m = resolve("qianlima-2024")
    >>> ps = [Project(code="a", zone="Z", lead_unit="U", signed_on=date(2024, 5, 1), total_wan=12e4)]
    >>> tier_counts(build(ps, [], m), m, year=2024, tier_set="qianlima").count("b10_20", ("Z",))
    1
    """
    g = groups if groups is not None else group(table, by)
    ok = gated(table, gate or method.gate, year)
    counts, members = {}, {}
    for code, hit in in_tier(table, method.tier_set(tier_set)).items():
        rows = ok & hit
        counts[code] = g.count(rows)
        if with_codes:
            idx = np.flatnonzero(rows)
            per: list[list[str]] = [[] for _ in g.keys]
            for p in idx.tolist():
                per[int(g.of[p])].append(str(table.code[p]))
            members[code] = tuple(tuple(sorted(x)) for x in per)
    return TierCounts(g, tier_set, counts, members)


@dataclass(frozen=True)
class QuotaResult:
    """One zone against one quota of the method."""

    zone: str
    quota: Quota
    achieved: int
    codes: tuple[str, ...]

    @property
    def met(self) -> bool:
        return self.achieved >= self.quota.target


def quota_results(
    table: Table, method: ProjectMethod, *, year: int, zones: Sequence[str]
) -> list[QuotaResult]:
    """Each of ``zones`` against the method's quota that applies to it (listed zones first, else ``others``)."""
    out = []
    counts = {s.id: tier_counts(table, method, year=year, tier_set=s.id) for s in method.tier_sets}
    for zone in zones:
        named = [q for q in method.quotas if zone in q.zones]
        for q in named or [q for q in method.quotas if q.others]:
            c = counts[q.tier_set]
            key = (zone,)
            got = c.count(q.tier, key) if key in c.groups.keys else 0
            codes = c.codes(q.tier, key) if key in c.groups.keys else ()
            out.append(QuotaResult(zone, q, got, codes))
    return out
