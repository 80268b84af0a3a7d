"""Uncertainty of the ranks (排名稳健性) and Sobol sensitivity of the rank shift to each input.

Inputs, drawn independently per sample: each perturbed node weight × U(1 − f, 1 + f) (COINr
``get_noisy_weights``, f = 0.25; renormalised within the parent by the aggregation), the normalisation
choice, the aggregation choice and the JRC ``winmax``. Outputs per zone: nominal rank, mean, median,
5 % and 95 % rank (numpy "linear" = R type 7). Run-level: R̄_S = (1/M)·Σ_c |rank_nominal − rank_s|.
Sobol first-order S_i and total ST_i of R̄_S by SALib (Saltelli design, N(d+2) runs; estimators of
Saltelli et al. 2010, doi:10.1016/j.cpc.2009.09.018). References: OECD/JRC Handbook 2008 §7;
Saisana, Saltelli & Tarantola, JRSS A 168(2), 2005, doi:10.1111/j.1467-985X.2005.00350.x.
Randomness comes only from the ``numpy.random.Generator`` passed in; the seed is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.data import LongTable, ZoneAttributes
from devzone.assessment.mc import McModel, chunks, prepare, ranks_of, sample_scores
from devzone.assessment.pipeline import build_year
from devzone.assessment.ranks import rank_desc
from devzone.assessment.spec import Framework, NormaliseSpec

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Draws:
    """Sample inputs: Z choice (winmax × normalisation), aggregation choice, weight multipliers."""

    choice: IntArray
    aggregation: IntArray
    multipliers: FloatArray


@dataclass(frozen=True)
class UncertaintyResult:
    """Rank statistics per zone over ``samples`` Monte Carlo samples."""

    zones: tuple[str, ...]
    samples: int
    seed: int | None
    nominal: IntArray
    mean: FloatArray
    median: FloatArray
    p05: FloatArray
    p95: FloatArray
    mean_abs_shift: float


@dataclass(frozen=True)
class SobolResult:
    """First-order and total Sobol indices of R̄_S per factor (or factor group), with confidence half-widths."""

    factors: tuple[str, ...]
    s1: tuple[float, ...]
    st: tuple[float, ...]
    s1_conf: tuple[float, ...]
    st_conf: tuple[float, ...]
    n_base: int
    runs: int
    seed: int | None
    analyze_seed: int


def draw(model: McModel, *, samples: int, rng: np.random.Generator) -> Draws:
    """Independent uniform draws of every uncertain input.

    >>> import numpy as np
    >>> from devzone.assessment.framework import parse_framework
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: 1, weight: 1}\\n"
    ...     "uncertainty: {perturb: indicators, aggregation: [arithmetic, geometric]}\\n")
    >>> m = McModel(framework=fw, zones=("P",), labels=("default",), winmax=(None,), normalisation=(None,),
    ...             aggregation=("arithmetic", "geometric"), z=(np.ones((1, 2)),), perturbed=("a", "b"),
    ...             base_weights={"default": np.ones(3)}, spread=0.25)
    >>> d = draw(m, samples=3, rng=np.random.default_rng(1))
    >>> d.multipliers.shape, bool(((d.multipliers >= 0.75) & (d.multipliers <= 1.25)).all())
    ((3, 2), True)
    """
    n_norm = len(model.normalisation)
    w = rng.integers(len(model.winmax), size=samples)
    n = rng.integers(n_norm, size=samples)
    a = rng.integers(len(model.aggregation), size=samples)
    mult = rng.uniform(1.0 - model.spread, 1.0 + model.spread, size=(samples, len(model.perturbed)))
    return Draws(choice=(w * n_norm + n).astype(np.int64), aggregation=a.astype(np.int64), multipliers=mult)


def quantiles_from_counts(counts: IntArray, qs: tuple[float, ...]) -> FloatArray:
    """Type-7 quantiles of integer ranks 1..n from per-zone counts (zones × n): h = (N − 1)·q.

    >>> quantiles_from_counts(np.array([[2, 1, 0, 1]]), (0.0, 0.5, 1.0)).tolist()
    [[1.0, 1.5, 4.0]]
    """
    out = np.empty((counts.shape[0], len(qs)))
    cum = np.cumsum(counts, axis=1)
    total = cum[:, -1]
    for z in range(counts.shape[0]):
        for j, q in enumerate(qs):
            h = (total[z] - 1) * q
            lo = int(np.floor(h))
            hi = min(lo + 1, int(total[z]) - 1)
            x_lo = np.searchsorted(cum[z], lo, side="right") + 1
            x_hi = np.searchsorted(cum[z], hi, side="right") + 1
            out[z, j] = x_lo + (h - lo) * (x_hi - x_lo)
    return out


def evaluate(
    model: McModel, *, draws: Draws, nominal: IntArray, chunk: int, progress: Progress | None = None
) -> tuple[IntArray, FloatArray]:
    """Rank counts (zones × n) and R̄_S per sample, in chunks of ``chunk`` samples."""
    n = len(model.zones)
    total = draws.choice.shape[0]
    counts = np.zeros(n * n, dtype=np.int64)
    shifts = np.empty(total)
    offsets = (np.arange(n) * n)[:, np.newaxis]
    for sl in chunks(total, chunk):
        scores = sample_scores(
            model,
            choice=draws.choice[sl],
            aggregation=draws.aggregation[sl],
            multipliers=draws.multipliers[sl],
        )
        r = ranks_of(scores)
        counts += np.bincount((offsets + r - 1).ravel(), minlength=n * n)
        shifts[sl] = np.abs(r - nominal[:, np.newaxis]).mean(axis=0)
        if progress is not None:
            progress(sl.stop - sl.start)
    return counts.reshape(n, n), shifts


def run_uncertainty(
    framework: Framework,
    *,
    table: LongTable,
    year: int,
    rng: np.random.Generator,
    seed: int | None,
    attributes: ZoneAttributes | None = None,
    samples: int | None = None,
    progress: Progress | None = None,
) -> UncertaintyResult:
    """Monte Carlo rank statistics of the index (all samples vectorised, chunked by ``uncertainty.chunk``).

    ``seed`` is the seed that made ``rng`` (recorded; None if unknown).
    """
    stages = build_year(framework, table=table, year=year, attributes=attributes or {})
    model = prepare(framework, stages=stages)
    nominal = rank_desc(stages.score(framework.root))
    s = samples or framework.uncertainty.samples
    d = draw(model, samples=s, rng=rng)
    counts, shifts = evaluate(
        model, draws=d, nominal=nominal, chunk=framework.uncertainty.chunk, progress=progress
    )
    q = quantiles_from_counts(counts, (0.05, 0.5, 0.95))
    mean = (counts * np.arange(1, counts.shape[1] + 1)).sum(axis=1) / s
    return UncertaintyResult(
        zones=stages.zones, samples=s, seed=seed, nominal=nominal, mean=mean, median=q[:, 1], p05=q[:, 0],
        p95=q[:, 2], mean_abs_shift=float(shifts.mean()),
    )  # fmt: skip


def _problem(model: McModel, grouped: bool) -> tuple[dict[str, Any], list[str]]:
    names: list[str] = []
    bounds: list[list[float]] = []
    groups: list[str] = []
    for label, n in (("Winmax", len(model.winmax)), ("Normalisation", len(model.normalisation)),
                     ("Aggregation", len(model.aggregation))):  # fmt: skip
        if n > 1:
            names.append(label)
            bounds.append([0.0, 1.0])
            groups.append(label)
    for code in model.perturbed:
        names.append(f"w_{code}")
        bounds.append([1.0 - model.spread, 1.0 + model.spread])
        groups.append("Weights" if grouped else f"w_{code}")
    problem: dict[str, Any] = {"num_vars": len(names), "names": names, "bounds": bounds}
    if grouped:
        problem["groups"] = groups
    return problem, names


def _draws_from_matrix(model: McModel, x: FloatArray, names: list[str]) -> Draws:
    def pick(label: str, n: int) -> IntArray:
        if label not in names:
            return np.zeros(x.shape[0], dtype=np.int64)
        return np.minimum((x[:, names.index(label)] * n).astype(np.int64), n - 1)

    w = pick("Winmax", len(model.winmax))
    nn = pick("Normalisation", len(model.normalisation))
    a = pick("Aggregation", len(model.aggregation))
    mult = (
        np.column_stack([x[:, names.index(f"w_{c}")] for c in model.perturbed])
        if model.perturbed
        else x[:, :0]
    )
    return Draws(choice=w * len(model.normalisation) + nn, aggregation=a, multipliers=mult)


def sobol_sensitivity(
    framework: Framework,
    *,
    table: LongTable,
    year: int,
    rng: np.random.Generator,
    seed: int | None,
    attributes: ZoneAttributes | None = None,
    n_base: int | None = None,
    progress: Progress | None = None,
) -> SobolResult:
    """Sobol S_i and ST_i of R̄_S for each uncertain input via SALib (Saltelli design, no second order).

    ``uncertainty.sobol_weights: grouped`` treats all perturbed weights as one factor "Weights" (as COINr);
    ``each`` gives every weight its own factor "w_<node code>". With no uncertain input there is no
    factor (empty result, no run); when R̄_S never changes (the ranking does not move in any run) the
    indices are undefined, V(Y) = 0, and are NaN.

    >>> from devzone.assessment.framework import parse_framework
    >>> fw = parse_framework("schema: devzone.framework/1\\nname: t\\ntree:\\n"
    ...     "  - {code: a, name: A, direction: 1, weight: 1}\\n  - {code: b, name: B, direction: 1, weight: 1}\\n"
    ...     "uncertainty: {perturb: indicators}\\n")
    >>> t = LongTable.from_rows([("P", "a", 1, 100.0), ("P", "b", 1, 20.0), ("Q", "a", 1, 0.0),
    ...                          ("Q", "b", 1, 100.0), ("R", "a", 1, 0.0), ("R", "b", 1, 0.0)])
    >>> s = sobol_sensitivity(fw, table=t, year=1, rng=np.random.default_rng(1), seed=1, n_base=1024)
    >>> s.factors, s.runs, s.st[0] > s.st[1]
    (('w_a', 'w_b'), 4096, True)
    """
    stages = build_year(framework, table=table, year=year, attributes=attributes or {})
    model = prepare(framework, stages=stages)
    nominal = rank_desc(stages.score(framework.root))
    # SALib imports scipy.stats (~2 s): every devzone process loads this module with the URLs, only a
    # sensitivity run needs SALib
    from SALib.analyze import sobol as sobol_analyze  # noqa: PLC0415
    from SALib.sample import sobol as sobol_sample  # noqa: PLC0415

    problem, names = _problem(model, framework.uncertainty.sobol_weights == "grouped")
    n = n_base or framework.uncertainty.sobol_samples
    if not names:
        return SobolResult(factors=(), s1=(), st=(), s1_conf=(), st_conf=(), n_base=n, runs=0, seed=seed,
                           analyze_seed=0)  # fmt: skip
    x = np.asarray(sobol_sample.sample(problem, n, calc_second_order=False, seed=rng), dtype=np.float64)
    d = _draws_from_matrix(model, x, names)
    _, y = evaluate(model, draws=d, nominal=nominal, chunk=framework.uncertainty.chunk, progress=progress)
    analyze_seed = int(rng.integers(1, 2**31 - 1))
    factors = tuple(dict.fromkeys(problem.get("groups", names)))
    if float(np.ptp(y)) == 0.0:
        nan = (float("nan"),) * len(factors)
        return SobolResult(factors=factors, s1=nan, st=nan, s1_conf=nan, st_conf=nan, n_base=n,
                           runs=int(x.shape[0]), seed=seed, analyze_seed=analyze_seed)  # fmt: skip
    res = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=100, seed=analyze_seed)
    return SobolResult(
        factors=factors, s1=tuple(float(v) for v in res["S1"]), st=tuple(float(v) for v in res["ST"]),
        s1_conf=tuple(float(v) for v in res["S1_conf"]), st_conf=tuple(float(v) for v in res["ST_conf"]),
        n_base=n, runs=int(x.shape[0]), seed=seed, analyze_seed=analyze_seed,
    )  # fmt: skip


def rebuild_sample(
    framework: Framework,
    *,
    table: LongTable,
    year: int,
    attributes: ZoneAttributes,
    winmax: int | None,
    normalisation: NormaliseSpec | None,
    aggregation: str,
    multipliers: dict[str, float],
) -> IntArray:
    """One sample the slow way (COINr ``Regen`` per sample): a new framework, the full pipeline, ranks.

    This is the reference the vectorised path is tested against, and the benchmark's baseline.
    """
    scores = rebuild_scores(
        framework, table=table, year=year, attributes=attributes, winmax=winmax, normalisation=normalisation,
        aggregation=aggregation, multipliers=multipliers,
    )  # fmt: skip
    return rank_desc(scores)


def rebuild_scores(
    framework: Framework,
    *,
    table: LongTable,
    year: int,
    attributes: ZoneAttributes,
    winmax: int | None,
    normalisation: NormaliseSpec | None,
    aggregation: str,
    multipliers: dict[str, float],
) -> FloatArray:
    """Index scores of one sample by rebuilding the framework and running the full pipeline."""
    nodes = []
    for node in framework.nodes:
        f = multipliers.get(node.code, 1.0)
        treat = node.treat
        if treat is not None and winmax is not None and treat.method == "jrc_skew_kurt":
            treat = replace(treat, winmax=winmax)
        nodes.append(
            replace(
                node, weights=tuple((g, w * f) for g, w in node.weights), treat=treat,
                normalise=None if normalisation is not None else node.normalise,
            )
        )  # fmt: skip
    base_treat = framework.treat
    if winmax is not None and base_treat.method == "jrc_skew_kurt":
        base_treat = replace(base_treat, winmax=winmax)
    fw = replace(
        framework, nodes=tuple(nodes), treat=base_treat, aggregation=aggregation,
        normalise=normalisation or framework.normalise,
    )  # fmt: skip
    stages = build_year(fw, table=table, year=year, attributes=attributes)
    return stages.score(fw.root)
