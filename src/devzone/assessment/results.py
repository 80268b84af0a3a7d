"""Turn an engine run into plain rows (JSON-ready) for storage, exports and the comparison on re-run.

No Django here: the stored run and the CLI both go through :func:`compute`, so a stored run and a
re-run from its snapshot produce the same rows by construction of the same code path.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from devzone.assessment.data import LongTable
from devzone.assessment.framework import parse_framework
from devzone.assessment.index import AssessmentResult, assess
from devzone.assessment.sensitivity import sensitivity_record, sobol_rng
from devzone.assessment.spec import ALL_ZONES, Framework
from devzone.assessment.uncertainty import UncertaintyResult, run_uncertainty, sobol_sensitivity
from devzone.core.citations import record

SNAPSHOT_SOURCE = "数据快照"
SOURCE_ASSESSMENT = "assessment"  # typed or uploaded on the 考评数据 page (and every row of older snapshots)
SOURCE_INDICATORS = "indicators"  # the indicators slice's annual figure (``ref`` = observation id, period)
Row = dict[str, Any]


@dataclass(frozen=True)
class Computed:
    """One run: the engine's result, the rank statistics, the Sobol record, and the rows to store."""

    framework: Framework
    result: AssessmentResult
    uncertainty: UncertaintyResult | None
    zones: tuple[Row, ...]
    outcomes: tuple[Row, ...]
    summary: Row
    sensitivity: Row | None = None
    data_sha256: str = ""


def _num(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _int(value: float) -> int | None:
    return None if math.isnan(value) or value == 0 else int(value)


def table_from_snapshot(snapshot: Mapping[str, Any]) -> LongTable:
    """The long table of a stored snapshot ``{"rows": [[zone, indicator, year, value|null, …], …]}``.

    Rows may carry a source and a reference after the value (see :func:`row_source`); the engine reads
    the first four columns only.

    >>> table_from_snapshot({"rows": [["1", "gdp", 2024, 1.5], ["2", "gdp", 2024, None, "assessment", None]]}).value
    (1.5, nan)
    """
    return LongTable.from_rows(
        ((str(r[0]), str(r[1]), int(r[2]), None if r[3] is None else float(r[3])) for r in snapshot["rows"]),
        source=SNAPSHOT_SOURCE,
    )


def row_source(row: Sequence[Any]) -> tuple[str, Mapping[str, Any] | None]:
    """Where a snapshot row's value came from: (source, reference); a 4-column row is ``assessment``.

    >>> row_source(["1", "gdp", 2024, 1.0]), row_source(["1", "gdp", 2024, 1.0, "assessment", None])
    (('assessment', None), ('assessment', None))
    >>> row_source(["1", "gdp", 2024, 1.0, "indicators", {"id": 7, "period": "2024"}])
    ('indicators', {'id': 7, 'period': '2024'})
    """
    if len(row) <= 4:
        return SOURCE_ASSESSMENT, None
    ref = row[5] if len(row) > 5 else None
    return str(row[4]), ref


def snapshot_sha256(snapshot: Mapping[str, Any]) -> str:
    """The data hash of a snapshot: sha256 of its sorted rows, each row's source included.

    A row from the 考评数据 table hashes as (zone, indicator, year, repr(value)), exactly as
    :meth:`LongTable.sha256`, so a snapshot without other sources (every older run's) keeps its hash; a
    row from the indicators slice adds (source, observation id, period).

    >>> rows = [["1", "gdp", 2024, 1.0], ["2", "gdp", 2024, None]]
    >>> snapshot_sha256({"rows": rows}) == table_from_snapshot({"rows": rows}).sha256()
    True
    >>> moved = [rows[0], ["2", "gdp", 2024, None, "indicators", {"id": 3, "period": "2024"}]]
    >>> snapshot_sha256({"rows": moved}) == snapshot_sha256({"rows": rows})
    False
    """
    keyed: list[tuple[Any, ...]] = []
    for r in snapshot["rows"]:
        value = float("nan") if r[3] is None else float(r[3])
        base: tuple[Any, ...] = (str(r[0]), str(r[1]), int(r[2]), repr(value))
        source, ref = row_source(r)
        if source != SOURCE_ASSESSMENT:
            ref = ref or {}
            base = (*base, source, str(ref.get("id", "")), str(ref.get("period", "")))
        keyed.append(base)
    h = hashlib.sha256()
    for k in sorted(keyed):
        h.update("\x1f".join(map(str, k)).encode("utf-8") + b"\x1e")
    return h.hexdigest()


def source_counts(snapshot: Mapping[str, Any]) -> dict[str, int]:
    """How many snapshot values came from each source (missing values not counted).

    >>> source_counts({"rows": [["1", "a", 1, 2.0], ["1", "b", 1, None], ["2", "a", 1, 3.0, "indicators", {"id": 1}]]})
    {'assessment': 1, 'indicators': 1}
    """
    counts = {SOURCE_ASSESSMENT: 0, SOURCE_INDICATORS: 0}
    for r in snapshot.get("rows", []):
        if r[3] is not None:
            source, _ref = row_source(r)
            counts[source] = counts.get(source, 0) + 1
    return counts


def indicator_cells(snapshot: Mapping[str, Any], *, year: int) -> dict[tuple[str, str], Mapping[str, Any]]:
    """(zone, data code) → reference of the ``year`` values taken from the indicators slice.

    >>> indicator_cells({"rows": [["1", "a", 1, 2.0], ["2", "a", 1, 3.0, "indicators", {"id": 9}]]}, year=1)
    {('2', 'a'): {'id': 9}}
    """
    out: dict[tuple[str, str], Mapping[str, Any]] = {}
    for r in snapshot.get("rows", []):
        source, ref = row_source(r)
        if source == SOURCE_INDICATORS and int(r[2]) == year:
            out[(str(r[0]), str(r[1]))] = ref or {}
    return out


def zone_cells(snapshot: Mapping[str, Any], *, year: int) -> dict[str, dict[str, Mapping[str, Any]]]:
    """Zone → data code → reference of the ``year`` values taken from the indicators slice (what a run
    stores with each zone's result).

    >>> zone_cells({"rows": [["1", "a", 1, 2.0], ["2", "a", 1, 3.0, "indicators", {"id": 9}]]}, year=1)
    {'2': {'a': {'id': 9}}}
    """
    out: dict[str, dict[str, Mapping[str, Any]]] = {}
    for (zone, code), ref in indicator_cells(snapshot, year=year).items():
        out.setdefault(zone, {})[code] = ref
    return out


def primary_group(framework: Framework) -> str:
    """The rank group of the published ranking: ``all`` when ranked, else the first rank group.

    >>> from devzone.assessment.spec import GroupsSpec
    >>> from dataclasses import replace
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n  - {code: a, name: A, direction: 1, weight: 1}\\n")
    >>> primary_group(fw), primary_group(replace(fw, groups=GroupsSpec(rank_groups=("region",))))
    ('all', 'region')
    """
    groups = framework.groups.rank_groups
    return ALL_ZONES if ALL_ZONES in groups else groups[0]


def node_table(framework: Framework) -> list[Row]:
    """The tree as rows (code, name, parent, depth, leaf, weights by group, share of the parent)."""
    depth = {framework.root: 0}
    out: list[Row] = []
    for node in framework.nodes:
        if node.parent is not None:
            depth[node.code] = depth[node.parent] + 1
        siblings = framework.node(node.parent).children if node.parent else (node.code,)
        shares = {}
        for g in framework.groups_of_weights:
            total = sum(framework.node(s).weight(g) for s in siblings)
            shares[g] = node.weight(g) / total if total else 0.0
        out.append(
            {
                "code": node.code, "name": node.name, "parent": node.parent, "depth": depth[node.code],
                "leaf": node.is_leaf, "direction": node.direction if node.is_leaf else None,
                "weights": dict(node.weights), "shares": shares, "unit": node.unit, "assumed": node.assumed,
                "indicator": node.indicator, "denominator": node.denominator,
            }
        )  # fmt: skip
    return out


def _zone_rows(fw: Framework, r: AssessmentResult, unc: UncertaintyResult | None) -> list[Row]:
    cur = r.current
    nodes = cur.stages.nodes
    root = nodes.index(fw.root)
    g0 = primary_group(fw)
    upos = {z: i for i, z in enumerate(unc.zones)} if unc is not None else {}
    prof = {p.zone: p for p in r.profiles}
    rows: list[Row] = []
    for k, zone in enumerate(r.zones):
        history = []
        for h in r.history:
            if zone in h.zones:
                i = h.zones.index(zone)
                history.append(
                    [h.stages.year, _int(float(h.ranks[g0][i, root])), _num(h.stages.scores[i, root])]
                )
        p = prof[zone]
        row: Row = {
            "zone": zone,
            "score": _num(cur.stages.scores[k, root]),
            "rank": _int(float(cur.ranks[g0][k, root])),
            "rank_prev": _int(float(r.rank_prev[g0][k, root])),
            "rank_change": None if math.isnan(r.rank_change[g0][k, root]) else int(r.rank_change[g0][k, root]),
            "streak": int(r.streaks[g0][k]),
            "pay": None if r.pay is None else _num(float(r.pay[k])),
            "tier": "" if r.tiers is None else (r.tiers[k] or ""),
            "node_scores": {c: _num(float(cur.stages.scores[k, j])) for j, c in enumerate(nodes)},
            "node_ranks": {
                g: {c: _int(float(cur.ranks[g][k, j])) for j, c in enumerate(nodes)} for g in cur.ranks
            },
            "node_rank_prev": {
                g: {c: _int(float(r.rank_prev[g][k, j])) for j, c in enumerate(nodes)} for g in r.rank_prev
            },
            "raw_values": {c: _num(float(cur.stages.denominated[k, j])) for j, c in enumerate(cur.stages.indicators)},
            "history": history,
            "profile": {
                "groups": {g: cur.labels[g][k] for g in cur.labels},
                "contributions": [
                    {"node": c.node, "weight": c.effective_weight, "score": _num(c.score), "contribution": c.contribution}
                    for c in p.contributions
                ],
                "strengths": [list(s) for s in p.strengths],
                "weaknesses": [list(w) for w in p.weaknesses],
                "imputed": list(p.imputed),
                "treated": list(p.treated),
                "notes": list(p.notes),
            },
            "rank_p05": None,
            "rank_p50": None,
            "rank_p95": None,
        }  # fmt: skip
        if unc is not None and zone in upos:
            i = upos[zone]
            row.update(rank_p05=float(unc.p05[i]), rank_p50=float(unc.median[i]), rank_p95=float(unc.p95[i]))
        rows.append(row)
    rows.extend(
        {
            "zone": e.zone, "score": None, "rank": None, "rank_prev": None, "rank_change": None,
            "streak": 0, "pay": None, "tier": "", "node_scores": {}, "node_ranks": {}, "node_rank_prev": {},
            "raw_values": {}, "history": [],
            "profile": {"notes": [f"{e.year}: {e.reason}"], "excluded": True}, "rank_p05": None,
            "rank_p50": None, "rank_p95": None,
        }
        for e in r.excluded
        if e.year == r.year
    )  # fmt: skip
    return rows


def _outcome_rows(r: AssessmentResult) -> list[Row]:
    return [
        {
            "zone": o.zone, "rule": o.rule_id, "kind": o.kind, "action": o.action, "hit": o.hit,
            "detail": {"year": o.year, "evidence": [[y, rank, _num(d)] for y, rank, d in o.evidence]},
        }
        for o in r.rules
    ]  # fmt: skip


def compute(
    *,
    yaml_text: str,
    snapshot: Mapping[str, Any],
    year: int,
    samples: int,
    seed: int | None,
    sensitivity: bool = True,
) -> Computed:
    """Parse the framework, assess ``year`` on the snapshot, and (``samples`` > 0) run the Monte Carlo.

    With ``samples`` > 0 and ``sensitivity``, the Sobol indices of the rank shift are computed too
    (``uncertainty.sobol_samples`` base samples, on stream 1 of ``seed``; see ``sensitivity.sobol_rng``).

    >>> fw = ("schema: devzone.framework/1\\nname: t\\ntree:\\n  - {code: a, name: A, direction: 1, weight: 1}\\n")
    >>> snap = {"rows": [["P", "a", 2025, 1.0], ["Q", "a", 2025, 3.0], ["R", "a", 2025, 2.0]], "attributes": {}}
    >>> [(z["zone"], z["rank"]) for z in compute(yaml_text=fw, snapshot=snap, year=2025, samples=0, seed=None).zones]
    [('P', 3), ('Q', 1), ('R', 2)]
    """
    fw = parse_framework(yaml_text, source="framework.yaml")
    table = table_from_snapshot(snapshot)
    attrs = snapshot.get("attributes", {})
    result = assess(fw, table=table, year=year, attributes=attrs)
    unc = None
    if samples > 0:
        unc = run_uncertainty(
            fw, table=table, year=year, attributes=attrs, rng=np.random.default_rng(seed), seed=seed,
            samples=samples,
        )  # fmt: skip
    sens = None
    if samples > 0 and sensitivity:
        sobol = sobol_sensitivity(
            fw, table=table, year=year, attributes=attrs, rng=sobol_rng(seed), seed=seed
        )
        sens = sensitivity_record(sobol, spread=fw.uncertainty.spread)
    summary: Row = {
        "root": fw.root,
        "nodes": node_table(fw),
        "categories": list(fw.node(fw.root).children),
        "rank_groups": list(fw.groups.rank_groups),
        "primary_group": primary_group(fw),
        "years": [h.stages.year for h in result.history],
        "ranked": len(result.zones),
        "normalisation": fw.normalise.method,
        "aggregation": fw.aggregation,
        "missing": fw.missing.rule,
        "treat": fw.treat.method,
        "warnings": list(fw.warnings),
        "assumptions": [record(a) for a in fw.assumptions],
        "sources": [record(c) for c in fw.sources],
        "rules": [{"id": s.id, "kind": s.kind, "action": s.action, "assumed": s.assumed} for s in fw.rules],
        "pay_assumed": None if fw.pay_bands is None else fw.pay_bands.assumed,
        "tiers": None if fw.tiers is None else {"metric": fw.tiers.metric, "unit": fw.tiers.unit},
        "mean_abs_shift": None if unc is None else unc.mean_abs_shift,
        "data_sources": source_counts(snapshot),
        "data_warnings": [str(w) for w in snapshot.get("warnings", [])],
    }
    return Computed(
        framework=fw, result=result, uncertainty=unc, zones=tuple(_zone_rows(fw, result, unc)),
        outcomes=tuple(_outcome_rows(result)), summary=summary, sensitivity=sens,
        data_sha256=snapshot_sha256(snapshot),
    )  # fmt: skip


def rank_sorted(rows: Sequence[Row]) -> list[Row]:
    """Rows by rank (unranked last), then zone.

    >>> [r["zone"] for r in rank_sorted([{"zone": "b", "rank": None}, {"zone": "a", "rank": 2}, {"zone": "c", "rank": 1}])]
    ['c', 'a', 'b']
    """
    return sorted(rows, key=lambda r: (r["rank"] is None, r["rank"] or 0, str(r["zone"])))


def flat_rows(
    zones: Sequence[Row], *, summary: Mapping[str, Any], names: Mapping[str, str], uncertainty: bool
) -> list[Row]:
    """ranks.csv rows: zone, score, rank, [rank_prev, rank_change], [rank_p05/p50/p95], score_<node>.

    >>> z = [{"zone": "1", "score": 9.0, "rank": 1, "rank_prev": 2, "rank_change": 1, "rank_p05": None,
    ...       "rank_p50": None, "rank_p95": None, "node_scores": {"INDEX": 9.0}}]
    >>> flat_rows(z, summary={"years": [2024, 2025], "nodes": [{"code": "INDEX"}]}, names={"1": "甲"}, uncertainty=False)
    [{'zone': '甲', 'score': 9.0, 'rank': 1, 'rank_prev': 2, 'rank_change': 1, 'score_INDEX': 9.0}]
    """
    has_prev = len(summary.get("years", [])) > 1
    out: list[Row] = []
    for r in rank_sorted(zones):
        row: Row = {"zone": names.get(str(r["zone"]), str(r["zone"])), "score": r["score"], "rank": r["rank"]}
        if has_prev:
            row.update(rank_prev=r["rank_prev"], rank_change=r["rank_change"])
        if uncertainty:
            row.update(rank_p05=r["rank_p05"], rank_p50=r["rank_p50"], rank_p95=r["rank_p95"])
        for n in summary.get("nodes", []):
            row[f"score_{n['code']}"] = r["node_scores"].get(n["code"])
        out.append(row)
    return out
