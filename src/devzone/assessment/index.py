"""The annual assessment (开发区综合考评): ``assess`` runs the framework over every year of the table up to
``year`` and returns scores per node, ranks per rank group, rank changes (进位/退位) with streaks,
consequence-rule outcomes, pay coefficients, tiers and zone profiles.

Rank change Δ = rank(t−1) − rank(t) in the same rank group (spec §3.8); ranks are compared as
published, so a zone new this year has no Δ. Reference: OECD/JRC Handbook 2008; spec
``zone_assessment.md`` §3–4.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from devzone import __version__
from devzone.assessment.data import LongTable, ZoneAttributes, group_labels, pivot
from devzone.assessment.errors import DataError
from devzone.assessment.pipeline import Exclusion, Stages, build_year
from devzone.assessment.profile import ZoneProfile, zone_profiles
from devzone.assessment.ranks import rank_change, rank_in_groups, streak
from devzone.assessment.rules import RankHistory, RuleOutcome, evaluate_rule, pay_coefficients, tiers
from devzone.assessment.spec import ALL_ZONES, Framework

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class YearResult:
    """One year's scores and ranks. ``ranks[g]`` and ``sizes[g]`` are zones × nodes for rank group g."""

    stages: Stages
    labels: dict[str, tuple[str, ...]]
    ranks: dict[str, IntArray]
    sizes: dict[str, IntArray]

    @property
    def zones(self) -> tuple[str, ...]:
        """Ranked zones of the year."""
        return self.stages.zones

    def rank(self, node: str, *, group: str = ALL_ZONES) -> IntArray:
        """Ranks of ``node`` within rank group ``group`` (0 = unranked)."""
        return self.ranks[group][:, self.stages.nodes.index(node)]


@dataclass(frozen=True)
class AssessmentResult:
    """Everything one run produces, with what is needed to reproduce it."""

    framework_id: str
    framework_sha256: str
    data_sha256: str
    engine_version: str
    year: int
    current: YearResult
    history: tuple[YearResult, ...]
    rank_prev: dict[str, FloatArray]
    rank_change: dict[str, FloatArray]
    streaks: dict[str, tuple[int, ...]]
    rules: tuple[RuleOutcome, ...]
    pay: FloatArray | None
    tiers: tuple[str | None, ...] | None
    profiles: tuple[ZoneProfile, ...]
    excluded: tuple[Exclusion, ...]

    @property
    def zones(self) -> tuple[str, ...]:
        """Ranked zones of the assessed year."""
        return self.current.zones

    def score(self, node: str) -> FloatArray:
        """Scores of ``node`` in the assessed year."""
        return self.current.stages.score(node)


def score_year(
    framework: Framework, *, table: LongTable, year: int, attributes: ZoneAttributes
) -> YearResult:
    """Build one year and rank every node within every rank group (ties "min", ``tie_decimals``).

    >>> from devzone.assessment.framework import parse_framework
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: -1, weight: 1}\\n")
    >>> t = LongTable.from_rows([("P", "a", 1, 1.0), ("P", "b", 1, 1.0), ("Q", "a", 1, 3.0),
    ...                          ("Q", "b", 1, 3.0), ("R", "a", 1, 2.0), ("R", "b", 1, 1.0)])
    >>> score_year(fw, table=t, year=1, attributes={}).rank("INDEX").tolist()
    [2, 2, 1]
    """
    stages = build_year(framework, table=table, year=year, attributes=attributes)
    labels: dict[str, tuple[str, ...]] = {}
    ranks: dict[str, IntArray] = {}
    sizes: dict[str, IntArray] = {}
    for g in framework.groups.rank_groups:
        lab = group_labels(attributes, zones=stages.zones, attribute=g, source=table.source)
        labels[g] = lab
        r = np.column_stack(
            [
                rank_in_groups(stages.scores[:, j], labels=lab, decimals=framework.tie_decimals)
                for j in range(len(stages.nodes))
            ]
        ).reshape(len(stages.zones), len(stages.nodes))
        ranks[g] = r
        arr = np.asarray(lab, dtype=object)
        size = np.zeros_like(r)
        for label in dict.fromkeys(lab):
            m = arr == label
            size[m] = (r[m] > 0).sum(axis=0)
        sizes[g] = size
    return YearResult(stages=stages, labels=labels, ranks=ranks, sizes=sizes)


def _aligned(
    history: tuple[YearResult, ...], zones: tuple[str, ...], group: str, node: str
) -> tuple[IntArray, IntArray]:
    """Ranks and group sizes of ``zones`` across years (years × zones), 0 where absent."""
    ranks = np.zeros((len(history), len(zones)), dtype=np.int64)
    sizes = np.zeros_like(ranks)
    for y, yr in enumerate(history):
        pos = {z: i for i, z in enumerate(yr.zones)}
        j = yr.stages.nodes.index(node)
        for k, z in enumerate(zones):
            if z in pos:
                ranks[y, k] = yr.ranks[group][pos[z], j]
                sizes[y, k] = yr.sizes[group][pos[z], j]
    return ranks, sizes


def assess(
    framework: Framework, *, table: LongTable, year: int, attributes: ZoneAttributes | None = None
) -> AssessmentResult:
    """Assess ``year``; every earlier year in ``table`` is scored too, for rank changes, streaks and rules.

    >>> from devzone.assessment.framework import parse_framework
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: 1, weight: 1}\\n")
    >>> t = LongTable.from_rows([(z, i, y, v) for y, vals in ((2024, (1, 2, 3)), (2025, (3, 2, 1)))
    ...                          for z, v in zip("PQR", vals) for i in "ab"])
    >>> r = assess(fw, table=t, year=2025)
    >>> r.current.rank("INDEX").tolist(), r.rank_change["all"][:, 0].tolist()
    ([1, 2, 3], [2.0, 0.0, -2.0])
    """
    attributes = attributes or {}
    if year not in table.years:
        raise DataError(
            source=table.source,
            key=f"{year} 年",
            reason=f"没有该年的数据；已有年度：{'、'.join(map(str, table.years))}",
        )
    history = tuple(
        score_year(framework, table=table, year=y, attributes=attributes) for y in table.years if y <= year
    )
    current = history[-1]
    zones = current.zones
    root = framework.root
    prev: dict[str, FloatArray] = {}
    change: dict[str, FloatArray] = {}
    streaks: dict[str, tuple[int, ...]] = {}
    for g in framework.groups.rank_groups:
        p = np.zeros((len(zones), len(current.stages.nodes)), dtype=np.int64)
        if len(history) > 1:
            before = history[-2]
            pos = {z: i for i, z in enumerate(before.zones)}
            for k, z in enumerate(zones):
                if z in pos:
                    p[k] = before.ranks[g][pos[z]]
        prev[g] = np.where(p > 0, p, np.nan).astype(np.float64)
        change[g] = np.column_stack(
            [rank_change(previous=p[:, j], current=current.ranks[g][:, j]) for j in range(p.shape[1])]
        ).reshape(p.shape)
        r, s = _aligned(history, zones, g, root)
        d = RankHistory(years=tuple(h.stages.year for h in history), zones=zones, ranks=r, sizes=s).changes()
        streaks[g] = tuple(streak(d[:, k].tolist()) for k in range(len(zones)))
    outcomes: list[RuleOutcome] = []
    for rule in framework.rules:
        r, s = _aligned(history, zones, rule.rank_group, rule.node)
        h = RankHistory(years=tuple(x.stages.year for x in history), zones=zones, ranks=r, sizes=s)
        outcomes.extend(evaluate_rule(h, spec=rule))
    pay = None
    if framework.pay_bands is not None:
        pb = framework.pay_bands
        j = current.stages.nodes.index(pb.node)
        pay = pay_coefficients(
            ranks=current.ranks[pb.rank_group][:, j], sizes=current.sizes[pb.rank_group][:, j],
            changes=change[pb.rank_group][:, j], spec=pb,
        )  # fmt: skip
    tier_labels = None
    if framework.tiers is not None:
        metric = framework.tiers.metric
        if metric not in table.indicators:
            raise DataError(
                source=table.source,
                key=f"指标 {metric}",
                reason=f"{framework.source} 的 tiers.metric 不在数据中",
            )
        panel = pivot(table, year=year, columns=[metric])
        pos = {z: i for i, z in enumerate(panel.zones)}
        values = [float(panel.values[pos[z], 0]) if z in pos else float("nan") for z in zones]
        tier_labels = tiers(values, spec=framework.tiers)
    peer = next((g for g in framework.groups.rank_groups if g != ALL_ZONES), ALL_ZONES)
    return AssessmentResult(
        framework_id=framework.id, framework_sha256=framework.sha256, data_sha256=table.sha256(),
        engine_version=__version__, year=year, current=current, history=history, rank_prev=prev,
        rank_change=change, streaks=streaks, rules=tuple(outcomes), pay=pay, tiers=tier_labels,
        profiles=zone_profiles(framework, stages=current.stages, peer_labels=current.labels[peer]),
        excluded=tuple(e for h in history for e in h.stages.excluded),
    )  # fmt: skip
