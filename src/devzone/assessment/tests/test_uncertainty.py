"""The vectorised Monte Carlo equals the per-sample rebuild, and results are reproducible from the seed."""

from __future__ import annotations

import numpy as np

from devzone.assessment.framework import load_framework
from devzone.assessment.mc import prepare, ranks_of, sample_scores
from devzone.assessment.pipeline import build_year
from devzone.assessment.tests.coinr_data import FRAMEWORK, YEAR, idata_table
from devzone.assessment.uncertainty import draw, quantiles_from_counts, rebuild_sample, run_uncertainty

FW = load_framework(FRAMEWORK)
TABLE, ATTRS = idata_table()


def test_vectorised_samples_equal_the_rebuild_loop() -> None:
    stages = build_year(FW, table=TABLE, year=YEAR, attributes=ATTRS)
    model = prepare(FW, stages=stages)
    d = draw(model, samples=12, rng=np.random.default_rng(3))
    ranks = ranks_of(
        sample_scores(model, choice=d.choice, aggregation=d.aggregation, multipliers=d.multipliers)
    )
    n_norm = len(model.normalisation)
    for s in range(12):
        slow = rebuild_sample(
            FW, table=TABLE, year=YEAR, attributes=ATTRS, winmax=model.winmax[int(d.choice[s]) // n_norm],
            normalisation=model.normalisation[int(d.choice[s]) % n_norm],
            aggregation=model.aggregation[int(d.aggregation[s])],
            multipliers=dict(zip(model.perturbed, d.multipliers[s].tolist(), strict=True)),
        )  # fmt: skip
        assert ranks[:, s].tolist() == slow.tolist()


def test_nominal_weights_reproduce_the_nominal_scores() -> None:
    stages = build_year(FW, table=TABLE, year=YEAR, attributes=ATTRS)
    model = prepare(FW, stages=stages)
    scores = sample_scores(
        model,
        choice=np.array([4 * 2]),
        aggregation=np.array([0]),
        multipliers=np.ones((1, len(model.perturbed))),
    )  # winmax 5, min-max [1, 100]: an affine map of the nominal [0, 100] build
    expected = 1 + 0.99 * stages.score("Index")
    assert np.max(np.abs(scores[:, 0] - expected)) < 1e-9


def test_same_seed_same_result_and_seed_recorded() -> None:
    a = run_uncertainty(
        FW, table=TABLE, year=YEAR, attributes=ATTRS, rng=np.random.default_rng(5), seed=5, samples=64
    )
    b = run_uncertainty(
        FW, table=TABLE, year=YEAR, attributes=ATTRS, rng=np.random.default_rng(5), seed=5, samples=64
    )
    assert a.seed == 5
    assert np.array_equal(a.median, b.median)
    assert np.array_equal(a.p95, b.p95)


def test_chunking_does_not_change_the_statistics() -> None:
    small = FW.__class__(**{**FW.__dict__, "uncertainty": FW.uncertainty.__class__(
        **{**FW.uncertainty.__dict__, "chunk": 7})})  # fmt: skip
    a = run_uncertainty(
        FW, table=TABLE, year=YEAR, attributes=ATTRS, rng=np.random.default_rng(9), seed=9, samples=50
    )
    b = run_uncertainty(
        small, table=TABLE, year=YEAR, attributes=ATTRS, rng=np.random.default_rng(9), seed=9, samples=50
    )
    assert np.array_equal(a.mean, b.mean)
    assert np.array_equal(a.p05, b.p05)


def test_type7_quantiles_from_counts_match_numpy() -> None:
    ranks = np.array([3, 1, 4, 1, 5, 9, 2, 6])
    counts = np.bincount(ranks - 1, minlength=9)[np.newaxis, :]
    q = quantiles_from_counts(counts, (0.05, 0.5, 0.95))
    assert q[0].tolist() == np.quantile(ranks, [0.05, 0.5, 0.95]).tolist()
