"""Sobol sensitivity of the rank shift to each weight: analytic answers, degenerate cases, the stored record."""

from __future__ import annotations

import math

import numpy as np

from devzone.assessment.data import LongTable
from devzone.assessment.framework import parse_framework
from devzone.assessment.results import compute
from devzone.assessment.sensitivity import sensitivity_record, sensitivity_rows, sobol_rng
from devzone.assessment.uncertainty import SobolResult, sobol_sensitivity

TWO = (
    "schema: devzone.framework/1\nname: t\ntree:\n"
    "  - {code: a, name: 甲指标, direction: 1, weight: 1}\n  - {code: b, name: 乙指标, direction: 1, weight: 1}\n"
)
FW = parse_framework(TWO + "uncertainty: {perturb: indicators}\n")
# Min-max leaves P = (100, 20), Q = (0, 100), R = (0, 0); weights w_a, w_b each × U(0.75, 1.25).
# Nominal P 60 > Q 50 > R 0. P falls behind Q iff m_a < 0.8·m_b, and then R̄_S = (1 + 1 + 0)/3,
# else 0: Y = (2/3)·1{m_a < 0.8·m_b}. P(Y > 0) = 5/32; V(E[1|m_b]) = 85/3072, V(E[1|m_a]) = 125/3072,
# V(1) = 405/3072, so S_a = 25/81, S_b = 17/81, ST_a = 1 − S_b = 64/81, ST_b = 1 − S_a = 56/81.
TABLE = LongTable.from_rows(
    [("P", "a", 1, 100.0), ("P", "b", 1, 20.0), ("Q", "a", 1, 0.0), ("Q", "b", 1, 100.0),
     ("R", "a", 1, 0.0), ("R", "b", 1, 0.0)]
)  # fmt: skip


def test_sobol_indices_match_the_hand_worked_answer() -> None:
    s = sobol_sensitivity(FW, table=TABLE, year=1, rng=np.random.default_rng(2), seed=2, n_base=4096)
    assert s.factors == ("w_a", "w_b")
    assert s.runs == 4096 * (2 + 2)
    for got, want in zip((*s.s1, *s.st), (25 / 81, 17 / 81, 64 / 81, 56 / 81), strict=True):
        assert math.isclose(got, want, abs_tol=0.03), (got, want)


def test_sobol_is_reproducible_from_the_seed() -> None:
    a = sobol_sensitivity(FW, table=TABLE, year=1, rng=sobol_rng(5), seed=5, n_base=256)
    b = sobol_sensitivity(FW, table=TABLE, year=1, rng=sobol_rng(5), seed=5, n_base=256)
    assert (a.s1, a.st, a.analyze_seed, a.seed) == (b.s1, b.st, b.analyze_seed, 5)


def test_a_ranking_that_never_moves_has_undefined_indices() -> None:
    t = LongTable.from_rows(
        [("P", "a", 1, 3.0), ("P", "b", 1, 3.0), ("Q", "a", 1, 2.0), ("Q", "b", 1, 2.0), ("R", "a", 1, 1.0),
         ("R", "b", 1, 1.0)]
    )  # fmt: skip
    s = sobol_sensitivity(FW, table=t, year=1, rng=np.random.default_rng(1), seed=1, n_base=64)
    assert s.factors == ("w_a", "w_b")
    assert all(math.isnan(v) for v in (*s.s1, *s.st))
    record = sensitivity_record(s, spread=0.25)
    assert [(f["s1"], f["st"]) for f in record["factors"]] == [(None, None), (None, None)]


def test_no_uncertain_input_means_no_factor_and_no_run() -> None:
    fw = parse_framework(TWO + "uncertainty: {perturb: none}\n")
    s = sobol_sensitivity(fw, table=TABLE, year=1, rng=np.random.default_rng(1), seed=1, n_base=64)
    assert (s.factors, s.runs) == ((), 0)
    assert sensitivity_record(s, spread=0.25)["factors"] == []


def test_the_sobol_stream_is_not_the_monte_carlo_stream() -> None:
    assert sobol_rng(11).random() == sobol_rng(11).random()
    assert sobol_rng(11).random() != np.random.default_rng(11).random()


def test_compute_stores_the_record_only_with_uncertainty() -> None:
    snap = {"rows": [[z, i, y, v] for z, i, y, v in zip(TABLE.zone, TABLE.indicator, TABLE.year, TABLE.value,
                                                           strict=True)], "attributes": {}}  # fmt: skip
    text = TWO + "uncertainty: {perturb: indicators, sobol_samples: 1024}\n"
    assert compute(yaml_text=text, snapshot=snap, year=1, samples=0, seed=None).sensitivity is None
    assert (
        compute(yaml_text=text, snapshot=snap, year=1, samples=10, seed=3, sensitivity=False).sensitivity
        is None
    )
    done = compute(yaml_text=text, snapshot=snap, year=1, samples=10, seed=3)
    again = compute(yaml_text=text, snapshot=snap, year=1, samples=10, seed=3)
    assert done.sensitivity == again.sensitivity
    rec = done.sensitivity
    assert rec is not None
    assert (rec["n_base"], rec["runs"], rec["seed"], rec["stream"], rec["spread"]) == (1024, 4096, 3, 1, 0.25)
    rows = sensitivity_rows(rec, names={"a": "甲指标", "b": "乙指标"})
    assert [r.label for r in rows] == ["权重：甲指标", "权重：乙指标"]  # ST_a = 64/81 > ST_b = 56/81


def test_rows_put_undefined_factors_last_and_name_method_factors() -> None:
    r = SobolResult(
        factors=("w_x", "Normalisation", "Aggregation"), s1=(float("nan"), 0.2, 0.5), st=(float("nan"), 0.3, 0.6),
        s1_conf=(0.0, 0.0, 0.0), st_conf=(0.0, 0.0, 0.0), n_base=2, runs=10, seed=None, analyze_seed=1,
    )  # fmt: skip
    rows = sensitivity_rows(sensitivity_record(r, spread=0.1), names={})
    assert [(x.label, x.st) for x in rows] == [("合成方法", 0.6), ("标准化方法", 0.3), ("权重：x", None)]
    assert sensitivity_rows(None, names={}) == []
