"""The scoring pipeline of one year, stage by stage (COINr's build order).

raw → denominate (x / d, COINr ``Denominate``) → missing-data rule → outlier treatment →
normalise (per indicator, with its direction) → aggregate bottom-up with the zone's weight group.
Each stage is a public function on matrices (zones × indicators), so each can be checked alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.aggregate import aggregate
from devzone.assessment.data import LongTable, ZoneAttributes, group_labels, pivot
from devzone.assessment.errors import AggregationError, DataError
from devzone.assessment.impute import impute
from devzone.assessment.normalise import normalise_column
from devzone.assessment.spec import Framework, NormaliseSpec, TreatSpec
from devzone.assessment.treat import TreatResult, treat_column

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class Exclusion:
    """A zone left out of the ranking, and why."""

    zone: str
    year: int
    reason: str


@dataclass(frozen=True)
class Stages:
    """Every intermediate data set of one year's build (rows = ``zones``)."""

    year: int
    zones: tuple[str, ...]
    indicators: tuple[str, ...]
    nodes: tuple[str, ...]
    raw: FloatArray
    denominated: FloatArray
    imputed: FloatArray
    imputed_mask: BoolArray
    treated: FloatArray
    treatments: tuple[TreatResult, ...]
    normalised: FloatArray
    scores: FloatArray
    weight_labels: tuple[str, ...]
    excluded: tuple[Exclusion, ...]

    def score(self, node: str) -> FloatArray:
        """Scores of one node (an indicator gives its normalised values)."""
        return self.scores[:, self.nodes.index(node)]


def denominate(values: FloatArray, *, denominators: FloatArray) -> FloatArray:
    """x / d column by column; a NaN denominator column means "not denominated" (COINr ``Denominate``).

    >>> denominate(np.array([[10.0, 3.0], [20.0, 4.0], [9.0, 5.0]]),
    ...            denominators=np.array([[2.0, np.nan], [4.0, np.nan], [3.0, np.nan]])).tolist()
    [[5.0, 3.0], [5.0, 4.0], [3.0, 5.0]]
    """
    none: BoolArray = np.asarray(np.isnan(denominators).all(axis=0), dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(none[np.newaxis, :], values, values / denominators)


def treat_matrix(
    values: FloatArray, *, specs: Sequence[TreatSpec]
) -> tuple[FloatArray, tuple[TreatResult, ...]]:
    """Treat each column with its spec.

    >>> x, r = treat_matrix(np.array([[1.0], [2.0], [3.0]]), specs=[TreatSpec(method="log")])
    >>> r[0].log
    True
    """
    results = tuple(treat_column(values[:, j], spec=s) for j, s in enumerate(specs))
    out = np.column_stack([r.values for r in results]) if results else values.copy()
    return out, results


def normalise_matrix(
    values: FloatArray, *, directions: Sequence[int], specs: Sequence[NormaliseSpec], scope: Sequence[str]
) -> FloatArray:
    """Normalise each column; ``scope`` labels zones whose min/max/mean are shared (``weight_group`` scope).

    >>> normalise_matrix(np.array([[1.0], [3.0], [2.0]]), directions=[-1], specs=[NormaliseSpec()],
    ...                  scope=["all"] * 3).tolist()
    [[100.0], [0.0], [50.0]]
    """
    out = np.empty_like(values)
    lab = np.asarray(scope, dtype=object)
    for j, (d, s) in enumerate(zip(directions, specs, strict=True)):
        if s.scope == "population":
            out[:, j] = normalise_column(values[:, j], direction=d, spec=s)
        else:
            for g in dict.fromkeys(scope):
                m = lab == g
                out[m, j] = normalise_column(values[m, j], direction=d, spec=s)
    return out


def weight_matrix(framework: Framework, *, labels: Sequence[str]) -> FloatArray:
    """Raw node weight of every zone's weight group: zones × nodes.

    >>> from devzone.assessment.framework import parse_framework
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: 1, weight: 3}\\n")
    >>> weight_matrix(fw, labels=["default", "default"]).tolist()
    [[1.0, 1.0, 3.0], [1.0, 1.0, 3.0]]
    """
    cache = {g: [n.weight(g) for n in framework.nodes] for g in dict.fromkeys(labels)}
    return np.array([cache[g] for g in labels], dtype=np.float64).reshape(len(labels), len(framework.nodes))


def aggregate_tree(
    framework: Framework,
    *,
    leaf_scores: FloatArray,
    labels: Sequence[str],
    zones: Sequence[str],
    method: str | None = None,
) -> FloatArray:
    """Scores of every node (zones × nodes), leaves = ``leaf_scores`` columns in ``framework.indicators`` order.

    >>> from devzone.assessment.framework import parse_framework
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: 1, weight: 3}\\n")
    >>> aggregate_tree(fw, leaf_scores=np.array([[100.0, 0.0], [0.0, 100.0], [40.0, 40.0]]),
    ...                labels=["default"] * 3, zones=["x", "y", "z"])[:, 0].tolist()
    [25.0, 75.0, 40.0]
    """
    codes = tuple(n.code for n in framework.nodes)
    index = {c: j for j, c in enumerate(codes)}
    method = method or framework.aggregation
    w = weight_matrix(framework, labels=labels)
    out = np.full((leaf_scores.shape[0], len(codes)), np.nan)
    for k, code in enumerate(framework.indicators):
        out[:, index[code]] = leaf_scores[:, k]
    for node in reversed(framework.nodes):
        if node.is_leaf:
            continue
        cols = [index[c] for c in node.children]
        v = out[:, cols]
        if method == "geometric":
            bad = np.argwhere(~np.isnan(v) & (v <= 0))
            if bad.size:
                z, c = bad[0]
                raise AggregationError(
                    f"geometric mean of {node.code}: zone {zones[z]} has {node.children[c]} = {v[z, c]:g} ≤ 0"
                )
        out[:, index[node.code]] = aggregate(
            v, weights=w[:, cols], method=method, min_share=framework.missing.min_share
        )
    return out


def check_indicators(framework: Framework, *, table: LongTable) -> None:
    """Every indicator (and denominator) of the tree must occur in the data.

    >>> from devzone.assessment.framework import parse_framework
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: 1, weight: 3}\\n")
    >>> check_indicators(fw, table=LongTable.from_rows([("Z", "a", 2024, 1.0), ("Z", "b", 2024, 2.0)]))
    """
    present = table.indicators
    for leaf in framework.leaves:
        for col, what in ((leaf.indicator, "指标"), (leaf.denominator, "分母")):
            if col is not None and col not in present:
                raise DataError(
                    source=table.source,
                    key=f"{what} {col}",
                    reason=f"{framework.source} 的 {leaf.key}（{leaf.code}）需要此指标，但数据中没有",
                )


def build_year(framework: Framework, *, table: LongTable, year: int, attributes: ZoneAttributes) -> Stages:
    """Run every stage for one year. Zones with every indicator missing are excluded and reported.

    >>> from devzone.assessment.framework import parse_framework
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: -1, weight: 1}\\n")
    >>> t = LongTable.from_rows([("P", "a", 2024, 1.0), ("P", "b", 2024, 1.0), ("Q", "a", 2024, 3.0),
    ...                          ("Q", "b", 2024, 3.0), ("R", "a", 2024, 2.0), ("R", "b", 2024, 1.0)])
    >>> build_year(fw, table=t, year=2024, attributes={}).score("INDEX").tolist()
    [50.0, 50.0, 75.0]
    """
    leaves = framework.leaves
    check_indicators(framework, table=table)
    cols = list(
        dict.fromkeys([str(n.indicator) for n in leaves] + [n.denominator for n in leaves if n.denominator])
    )
    panel = pivot(table, year=year, columns=cols)
    raw_all = np.column_stack([panel.column(str(n.indicator)) for n in leaves])
    den_all = np.column_stack(
        [panel.column(n.denominator) if n.denominator else np.full(len(panel.zones), np.nan) for n in leaves]
    )
    den_all = den_all.reshape(raw_all.shape)
    denominated_all = denominate(raw_all, denominators=den_all)
    empty: BoolArray = np.asarray(np.isnan(denominated_all).all(axis=1), dtype=bool)
    excluded = tuple(
        Exclusion(zone=z, year=year, reason="所有指标都缺失，不参加排名")
        for z, e in zip(panel.zones, empty, strict=True)
        if e
    )
    if excluded and framework.missing.empty_zone == "error":
        raise DataError(
            source=table.source, key=f"开发区 {excluded[0].zone}，{year} 年", reason=excluded[0].reason
        )
    keep = ~empty
    zones = tuple(z for z, k in zip(panel.zones, keep, strict=True) if k)
    if not zones:
        raise DataError(source=table.source, key=f"{year} 年", reason="没有任何开发区有该框架所需的数据")
    raw, denominated = raw_all[keep], denominated_all[keep]
    wg = framework.groups.weight_group
    labels = (
        group_labels(attributes, zones=zones, attribute=wg, source=table.source)
        if wg
        else ("default",) * len(zones)
    )
    if framework.groups.weight_groups:
        unknown = sorted(set(labels) - set(framework.groups.weight_groups))
        if unknown:
            raise DataError(source=table.source, key=f"开发区属性 {wg}", reason=f"未声明的权重组：{unknown}")
    mgroup = framework.missing.group
    mlabels = (
        group_labels(attributes, zones=zones, attribute=mgroup, source=table.source) if mgroup else labels
    )
    imputed, mask = impute(denominated, rule=framework.missing.rule, groups=mlabels)
    treated, treatments = treat_matrix(imputed, specs=[n.treat or framework.treat for n in leaves])
    normalised = normalise_matrix(
        treated,
        directions=[n.direction for n in leaves],
        specs=[n.normalise or framework.normalise for n in leaves],
        scope=labels,
    )
    scores = aggregate_tree(framework, leaf_scores=normalised, labels=labels, zones=zones)
    return Stages(
        year=year, zones=zones, indicators=framework.indicators, nodes=tuple(n.code for n in framework.nodes),
        raw=raw, denominated=denominated, imputed=imputed, imputed_mask=mask, treated=treated,
        treatments=treatments, normalised=normalised, scores=scores, weight_labels=labels, excluded=excluded,
    )  # fmt: skip
