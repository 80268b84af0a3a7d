"""Zone profiles: what makes up each zone's score, and its strengths and weaknesses against its peers.

Contribution of a node to the index (arithmetic): w_eff·S_node, with w_eff the product of the weights
along the path, each normalised over the siblings present for that zone; the contributions of the
nodes of one level sum to the index. Geometric: w_eff·ln S_node (they sum to ln of the index).
Strengths/weaknesses: the indicators with the best/worst rank within the peer group (COINr
``get_str_weak``). Imputed and treated cells are listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.pipeline import Stages, weight_matrix
from devzone.assessment.ranks import rank_in_groups
from devzone.assessment.spec import Framework

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Contribution:
    """One node's share of a zone's index."""

    node: str
    effective_weight: float
    score: float
    contribution: float


@dataclass(frozen=True)
class ZoneProfile:
    """Explanation of one zone's result."""

    zone: str
    year: int
    contributions: tuple[Contribution, ...]
    strengths: tuple[tuple[str, int], ...]
    weaknesses: tuple[tuple[str, int], ...]
    imputed: tuple[str, ...]
    treated: tuple[str, ...]
    notes: tuple[str, ...]


def effective_weights(framework: Framework, *, stages: Stages) -> FloatArray:
    """w_eff per zone and node (zones × nodes): product of sibling-normalised weights along the path.

    >>> from devzone.assessment.framework import parse_framework
    >>> from devzone.assessment.data import LongTable
    >>> from devzone.assessment.pipeline import build_year
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: 1, weight: 3}\\n")
    >>> t = LongTable.from_rows([("P", "a", 1, 1.0), ("P", "b", 1, 2.0), ("Q", "a", 1, 2.0),
    ...                          ("Q", "b", 1, 1.0), ("R", "a", 1, 3.0), ("R", "b", 1, None)])
    >>> effective_weights(fw, stages=build_year(fw, table=t, year=1, attributes={})).tolist()
    [[1.0, 0.25, 0.75], [1.0, 0.25, 0.75], [1.0, 1.0, 0.0]]
    """
    codes = stages.nodes
    index = {c: j for j, c in enumerate(codes)}
    w = weight_matrix(framework, labels=stages.weight_labels)
    present = ~np.isnan(stages.scores)
    out = np.zeros_like(w)
    out[:, index[framework.root]] = 1.0
    for node in framework.nodes:
        if node.is_leaf:
            continue
        cols = [index[c] for c in node.children]
        wc = np.where(present[:, cols], w[:, cols], 0.0)
        tot = wc.sum(axis=1, keepdims=True)
        share = np.divide(wc, tot, out=np.zeros_like(wc), where=tot > 0)
        out[:, cols] = out[:, [index[node.code]]] * share
    return out


def zone_profiles(
    framework: Framework, *, stages: Stages, peer_labels: Sequence[str], top: int = 3
) -> tuple[ZoneProfile, ...]:
    """A profile per zone: contributions of every node, strengths and weaknesses among ``peer_labels``.

    >>> from devzone.assessment.framework import parse_framework
    >>> from devzone.assessment.data import LongTable
    >>> from devzone.assessment.pipeline import build_year
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: 1, weight: 3}\\n")
    >>> t = LongTable.from_rows([("P", "a", 1, 1.0), ("P", "b", 1, 2.0), ("Q", "a", 1, 2.0),
    ...                          ("Q", "b", 1, 1.0), ("R", "a", 1, 3.0), ("R", "b", 1, 3.0)])
    >>> p = zone_profiles(fw, stages=build_year(fw, table=t, year=1, attributes={}), peer_labels=["all"] * 3, top=1)
    >>> [(c.node, c.contribution) for c in p[0].contributions], p[0].strengths, p[0].weaknesses
    ([('INDEX', 37.5), ('a', 0.0), ('b', 37.5)], (('b', 2),), (('a', 3),))
    """
    weff = effective_weights(framework, stages=stages)
    geometric = framework.aggregation == "geometric"
    ind_ranks = np.column_stack(
        [rank_in_groups(stages.normalised[:, j], labels=peer_labels) for j in range(len(stages.indicators))]
    ).reshape(len(stages.zones), len(stages.indicators))
    out = []
    for z, zone in enumerate(stages.zones):
        contribs = []
        for j, code in enumerate(stages.nodes):
            s = float(stages.scores[z, j])
            val = np.log(s) if geometric and s > 0 else s
            c = float(weff[z, j] * val) if not np.isnan(s) else 0.0
            contribs.append(
                Contribution(node=code, effective_weight=float(weff[z, j]), score=s, contribution=c)
            )
        ranked = sorted(
            ((code, int(ind_ranks[z, k])) for k, code in enumerate(stages.indicators) if ind_ranks[z, k] > 0),
            key=lambda t: (t[1], t[0]),
        )
        imputed = tuple(c for k, c in enumerate(stages.indicators) if stages.imputed_mask[z, k])
        treated = tuple(
            c
            for k, c in enumerate(stages.indicators)
            if stages.treatments[k].log or z in stages.treatments[k].low or z in stages.treatments[k].high
        )
        missing = tuple(c for k, c in enumerate(stages.indicators) if np.isnan(stages.denominated[z, k]))
        notes = tuple(
            f"{c}: missing, {framework.missing.rule}" + (" (imputed)" if c in imputed else " (left out)")
            for c in missing
        )
        out.append(
            ZoneProfile(
                zone=zone, year=stages.year, contributions=tuple(contribs), strengths=tuple(ranked[:top]),
                weaknesses=tuple(reversed(ranked[-top:])), imputed=imputed, treated=treated, notes=notes,
            )
        )  # fmt: skip
    return tuple(out)
