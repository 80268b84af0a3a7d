"""Formulas checked against answers worked out by hand (tolerances stated)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from devzone.assessment.aggregate import aggregate
from devzone.assessment.normalise import efficacy, goalposts, minmax, percentile_rank, ratio, target, zscore
from devzone.assessment.ranks import rank_change, rank_desc, rank_in_groups, streak
from devzone.assessment.spec import NormaliseSpec, TreatSpec
from devzone.assessment.treat import jrc_skew_kurt, skew_kurt
from devzone.assessment.weights import WeightingError, ahp_weights, entropy_weights


def test_efficacy_published_worked_example() -> None:
    # 功效系数法: 60 + 40·(5.81 − 6)/(12 − 6) = 60 − 1.26667 = 58.7333
    d = efficacy(np.array([5.81]), 1, NormaliseSpec(method="efficacy", satisfied=12, disallowed=6))
    assert abs(d[0] - 58.733333333333334) < 1e-12


def test_efficacy_default_is_minmax_onto_60_100_and_direction_minus_one() -> None:
    d = efficacy(np.array([2.0, 4.0, 6.0]), -1, NormaliseSpec(method="efficacy"))
    assert d.tolist() == [100.0, 80.0, 60.0]


def test_minmax_direction_and_zscore_sample_sd() -> None:
    assert minmax(np.array([10.0, 20.0, 30.0, np.nan]), -1, NormaliseSpec()).tolist()[:3] == [
        100.0,
        50.0,
        0.0,
    ]
    # mean 2, sample sd 1 → 10 + 2·(x − 2)
    assert zscore(np.array([1.0, 2.0, 3.0]), 1, NormaliseSpec(method="zscore", mean=10, sd=2)).tolist() == [
        8.0,
        10.0,
        12.0,
    ]


def test_target_goalposts_percentile_ratio() -> None:
    assert target(
        np.array([2.0, 6.0, 12.0]), -1, NormaliseSpec(method="target", target=4.0, to=(0, 1))
    ).tolist() == [
        1.0,
        0.75,
        0.0,
    ]  # fmt: skip  (max 12: (12 − x)/(12 − 4), capped)
    assert goalposts(
        np.array([5.0, 20.0]), -1, NormaliseSpec(method="goalposts", goalposts=(0, 20))
    ).tolist() == [75.0, 0.0]
    assert percentile_rank(
        np.array([5.0, 5.0, 1.0]), 1, NormaliseSpec(method="percentile_rank")
    ).tolist() == [0.5, 0.5, 0.0]
    assert ratio(np.array([50.0, 200.0]), -1, NormaliseSpec(method="ratio", benchmark=100)).tolist() == [
        200.0,
        50.0,
    ]


def test_skew_kurt_by_hand() -> None:
    # x = 1,2,3,10: mean 4, d = −3,−2,−1,6; Σd² = 50, Σd³ = 180, Σd⁴ = 1394
    sk, ku = skew_kurt(np.array([1.0, 2.0, 3.0, 10.0]))
    assert abs(sk - 2 * 180 / 50**1.5 * math.sqrt(12) / 2) < 1e-12
    r = 4 * 1394 / 2500
    assert abs(ku - ((5 * (r - 3) + 6) * 3 / 2)) < 1e-12


def test_jrc_rule_winsorises_the_high_outlier_then_passes() -> None:
    # 1..10, 30, 100: fails (skew 3.0, kurt 9.4); 100 → 30 gives skew 1.93 < 2 → passes after 1 point.
    r = jrc_skew_kurt(np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]), TreatSpec(method="jrc_skew_kurt"))
    assert r.values.tolist() == [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]
    assert (r.low, r.high, r.log) == ((), (11,), False)


def test_jrc_rule_falls_back_to_log_when_winmax_is_reached() -> None:
    x = np.array([1.0] * 12 + [50.0, 100.0, 1000.0, 10000.0])
    r = jrc_skew_kurt(x, TreatSpec(method="jrc_skew_kurt", winmax=1))
    assert r.log
    assert abs(r.values[0] - math.log(0.01 * 9999.0)) < 1e-12


def test_entropy_weights_by_hand() -> None:
    # column 1 is constant → e = 1 → weight 0; column 2: p = (1/4, 3/4), e = −(¼ln¼ + ¾ln¾)/ln 2
    e2 = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75)) / math.log(2)
    w = entropy_weights(matrix=[[1.0, 1.0], [1.0, 3.0]])
    assert abs(w[0]) < 1e-12
    assert abs(w[1] - 1.0) < 1e-12
    assert 0.0 < 1 - e2 < 1


def test_ahp_cr_of_an_inconsistent_matrix_by_formula() -> None:
    r = ahp_weights(matrix=[[1, 9, 1 / 5], [1 / 9, 1, 7], [5, 1 / 7, 1]])
    assert r.ri == 0.58
    assert abs(r.ci - (r.lambda_max - 3) / 2) < 1e-12
    assert abs(r.cr - r.ci / 0.58) < 1e-12
    assert not r.acceptable


def test_ahp_rejects_non_reciprocal_matrix() -> None:
    with pytest.raises(WeightingError):
        ahp_weights(matrix=[[1, 2], [2, 1]])


def test_ranks_ties_share_the_best_rank() -> None:
    assert rank_desc(np.array([5.0, 7.0, 7.0, 1.0])).tolist() == [3, 1, 1, 4]
    assert rank_desc(np.array([60.004, 60.001]), decimals=2).tolist() == [1, 1]
    assert rank_in_groups(np.array([1.0, 2.0, 3.0, 4.0]), labels=["东", "西", "东", "西"]).tolist() == [
        2,
        2,
        1,
        1,
    ]


def test_rank_change_and_streak() -> None:
    assert rank_change(previous=np.array([5, 2]), current=np.array([3, 4])).tolist() == [2.0, -2.0]
    assert streak([1.0, 1.0, 2.0]) == 3
    assert streak([float("nan"), -1.0]) == -1


def test_aggregate_geometric_by_hand_and_threshold() -> None:
    # (4^1 · 16^3)^(1/4) = 4^(1/4) · 16^(3/4) = √2 · 8
    g = aggregate(np.array([[4.0, 16.0]]), weights=np.array([[1.0, 3.0]]), method="geometric")
    assert abs(g[0] - 8 * math.sqrt(2)) < 1e-12
    a = aggregate(
        np.array([[10.0, np.nan, np.nan]]), weights=np.ones((1, 3)), method="arithmetic", min_share=0.5
    )
    assert np.isnan(a[0])
