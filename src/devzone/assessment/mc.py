"""Vectorised Monte Carlo evaluation of many (weights, normalisation, aggregation, winmax) samples.

Treatment and normalisation are computed once per discrete choice (K matrices Z_k, zones × indicators).
Per chunk of samples and per choice, node scores are built bottom-up with matrix products:
S_p = (Z_C·m) @ w_Cᵀ / m @ w_Cᵀ for indicator children (m = present mask), elementwise for aggregate
children; geometric works on ln Z. Ranks per sample come from one ``argsort`` along the zones.
Design: spec §5 "Vectorised design"; Saisana, Saltelli & Tarantola, JRSS A 168(2), 2005.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.errors import AggregationError
from devzone.assessment.pipeline import Stages, normalise_matrix, treat_matrix
from devzone.assessment.spec import Framework, Node, NormaliseSpec

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class McModel:
    """What the sampler varies: Z matrices per (winmax, normalisation), weights, aggregation choices."""

    framework: Framework
    zones: tuple[str, ...]
    labels: tuple[str, ...]
    winmax: tuple[int | None, ...]
    normalisation: tuple[NormaliseSpec | None, ...]
    aggregation: tuple[str, ...]
    z: tuple[FloatArray, ...]
    perturbed: tuple[str, ...]
    base_weights: dict[str, FloatArray]
    spread: float

    @property
    def n_choices(self) -> int:
        """Number of Z matrices (winmax × normalisation choices)."""
        return len(self.z)


def prepare(framework: Framework, *, stages: Stages) -> McModel:
    """Precompute Z_k for every (winmax, normalisation) choice of ``framework.uncertainty``.

    Empty choice lists mean the nominal setting. Treatment restarts from the imputed stage.
    """
    u = framework.uncertainty
    leaves = framework.leaves
    wins: tuple[int | None, ...] = u.winmax or (None,)
    norms: tuple[NormaliseSpec | None, ...] = u.normalisation or (None,)
    zs = []
    for w in wins:
        specs = [n.treat or framework.treat for n in leaves]
        if w is not None:
            specs = [replace(s, winmax=w) if s.method == "jrc_skew_kurt" else s for s in specs]
        treated, _ = treat_matrix(stages.imputed, specs=specs)
        for ns in norms:
            nspecs = [ns or n.normalise or framework.normalise for n in leaves]
            zs.append(
                normalise_matrix(
                    treated,
                    directions=[n.direction for n in leaves],
                    specs=nspecs,
                    scope=stages.weight_labels,
                )
            )
    pick: Callable[[Node], bool] = {
        "aggregates": lambda n: not n.is_leaf and n.code != framework.root,
        "indicators": lambda n: n.is_leaf,
        "all": lambda n: n.code != framework.root,
        "none": lambda n: False,
    }[u.perturb]
    perturbed = tuple(n.code for n in framework.nodes if pick(n))
    base = {
        g: np.array([n.weight(g) for n in framework.nodes], dtype=np.float64)
        for g in dict.fromkeys(stages.weight_labels)
    }
    return McModel(
        framework=framework, zones=stages.zones, labels=stages.weight_labels, winmax=wins, normalisation=norms,
        aggregation=u.aggregation or (framework.aggregation,), z=tuple(zs), perturbed=perturbed,
        base_weights=base, spread=u.spread,
    )  # fmt: skip


def _node_scores(model: McModel, z: FloatArray, weights: FloatArray, geometric: bool) -> FloatArray:
    """Root score (zones × samples) for one Z and a block of raw node weights (samples × nodes)."""
    fw = model.framework
    index = {n.code: j for j, n in enumerate(fw.nodes)}
    leaf_col = {c: k for k, c in enumerate(fw.indicators)}
    present = ~np.isnan(z)
    if geometric:
        bad = np.argwhere(present & (z <= 0))
        if bad.size:
            r, c = bad[0]
            raise AggregationError(
                f"geometric mean: zone {model.zones[r]} has {fw.indicators[c]} = {z[r, c]:g} ≤ 0 after normalisation"
            )
        zz = np.log(np.where(present, z, 1.0))
    else:
        zz = np.where(present, z, 0.0)
    if present.all():
        return _complete_scores(model, zz, weights, geometric)
    m = present.astype(np.float64)
    min_share = fw.missing.min_share
    scores: dict[str, FloatArray] = {}
    for node in reversed(fw.nodes):
        if node.is_leaf:
            continue
        leaf_kids = [c for c in node.children if c in leaf_col]
        agg_kids = [c for c in node.children if c not in leaf_col]
        num = np.zeros((z.shape[0], weights.shape[0]))
        den = np.zeros_like(num)
        cnt = np.zeros((z.shape[0], 1))
        if leaf_kids:
            cols = [leaf_col[c] for c in leaf_kids]
            wk = weights[:, [index[c] for c in leaf_kids]].T
            num += zz[:, cols] @ wk
            den += m[:, cols] @ wk
            cnt += m[:, cols].sum(axis=1, keepdims=True)
        for c in agg_kids:
            s = scores[c]
            ok = ~np.isnan(s)
            wc = weights[:, index[c]][np.newaxis, :]
            num += np.where(ok, s, 0.0) * wc
            den += ok * wc
            cnt += ok[:, :1]
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
        if min_share is not None:
            out = np.where(cnt / len(node.children) + 1e-12 >= min_share, out, np.nan)
        scores[node.code] = out
    root = scores[fw.root]
    return np.exp(root) if geometric else root


def _complete_scores(model: McModel, zz: FloatArray, weights: FloatArray, geometric: bool) -> FloatArray:
    """Fast path without gaps: S_p = Σ_c S_c·w_c / Σ_c w_c, the denominators per sample only."""
    fw = model.framework
    index = {n.code: j for j, n in enumerate(fw.nodes)}
    leaf_col = {c: k for k, c in enumerate(fw.indicators)}
    scores: dict[str, FloatArray] = {}
    for node in reversed(fw.nodes):
        if node.is_leaf:
            continue
        kids = [index[c] for c in node.children]
        den = weights[:, kids].sum(axis=1)
        leaf_kids = [c for c in node.children if c in leaf_col]
        num = (
            zz[:, [leaf_col[c] for c in leaf_kids]] @ weights[:, [index[c] for c in leaf_kids]].T
            if leaf_kids
            else np.zeros((zz.shape[0], weights.shape[0]))
        )
        for c in node.children:
            if c not in leaf_col:
                num += scores[c] * weights[:, index[c]]
        num /= den
        scores[node.code] = num
    root = scores[fw.root]
    return np.exp(root) if geometric else root


def sample_scores(
    model: McModel, *, choice: IntArray, aggregation: IntArray, multipliers: FloatArray
) -> FloatArray:
    """Index scores (zones × samples) for samples given by Z choice, aggregation choice and weight multipliers.

    ``multipliers`` is samples × perturbed nodes (1 = nominal weight).
    """
    fw = model.framework
    index = {n.code: j for j, n in enumerate(fw.nodes)}
    cols = [index[c] for c in model.perturbed]
    out = np.empty((len(model.zones), choice.shape[0]))
    labels = np.asarray(model.labels, dtype=object)
    for k in np.unique(choice):
        for a in np.unique(aggregation):
            sel = np.flatnonzero((choice == k) & (aggregation == a))
            if sel.size == 0:
                continue
            for g, base in model.base_weights.items():
                rows = np.flatnonzero(labels == g)
                w = np.tile(base, (sel.size, 1))
                w[:, cols] *= multipliers[sel]
                geometric = model.aggregation[int(a)] == "geometric"
                out[np.ix_(rows, sel)] = _node_scores(model, model.z[int(k)][rows], w, geometric)
    return out


def ranks_of(scores: FloatArray) -> IntArray:
    """Ranks along axis 0 (zones) for every column (sample): higher is better, ties "min"; NaN ranks last.

    >>> ranks_of(np.array([[3.0, 1.0], [5.0, 1.0], [3.0, 2.0]])).tolist()
    [[2, 2], [1, 2], [2, 1]]
    """
    s = np.where(np.isnan(scores), -np.inf, scores)
    order = np.argsort(-s, axis=0)
    srt = np.take_along_axis(-s, order, axis=0)
    n = s.shape[0]
    pos = np.arange(n)[:, np.newaxis]
    new = np.ones(srt.shape, dtype=bool)
    new[1:] = srt[1:] != srt[:-1]
    start = np.maximum.accumulate(np.where(new, pos, 0), axis=0)
    ranks = np.empty(s.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, start + 1, axis=0)
    return ranks


def chunks(total: int, size: int) -> Iterator[slice]:
    """Slices of at most ``size`` covering range(total).

    >>> [(s.start, s.stop) for s in chunks(5, 2)]
    [(0, 2), (2, 4), (4, 5)]
    """
    for start in range(0, total, size):
        yield slice(start, min(total, start + size))
