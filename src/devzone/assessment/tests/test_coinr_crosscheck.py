"""Cross-check against COINr on its ASEM example (spec §6; data README in tests/data/coinr/)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray

from devzone.assessment.framework import load_framework
from devzone.assessment.impute import impute
from devzone.assessment.index import assess
from devzone.assessment.normalise import borda, minmax, zscore
from devzone.assessment.pipeline import (
    Stages,
    aggregate_tree,
    build_year,
    denominate,
    normalise_matrix,
    treat_matrix,
)
from devzone.assessment.ranks import rank_desc, rank_in_groups
from devzone.assessment.spec import NormaliseSpec
from devzone.assessment.tests.coinr_data import (
    FRAMEWORK,
    YEAR,
    coinr6_matrix,
    coinr6_table,
    idata_table,
    rows,
)
from devzone.assessment.uncertainty import run_uncertainty, sobol_sensitivity

FW = load_framework(FRAMEWORK)
TABLE, ATTRS = idata_table()
DEN_NAMES = {"Area": "Den_Area", "Energy": "Den_Energy", "GDP": "Den_GDP", "Population": "Den_Pop"}


@pytest.fixture(scope="module")
def stages() -> Stages:
    return build_year(FW, table=TABLE, year=YEAR, attributes=ATTRS)


def test_index_scores_and_ranks_equal_coinr_v1_for_all_51(stages: Stages) -> None:
    nominal = {
        r["uCode"]: (float(r["Score"]), int(r["Rank"])) for r in rows("coinr_v1_asem_index_nominal.csv")
    }
    index = stages.score("Index")
    ranks = rank_desc(index)
    assert len(stages.zones) == 51
    for i, z in enumerate(stages.zones):
        assert abs(index[i] - nominal[z][0]) < 1e-9
        assert ranks[i] == nominal[z][1]
    assert stages.zones[int(np.argmax(index))] == "CHE"
    assert stages.zones[int(np.argmin(index))] == "RUS"


def test_every_stage_end_to_end_within_1e6_of_coinr6(stages: Stages) -> None:
    cols = FW.indicators
    for stage, ours in (("denominated", stages.denominated), ("imputed", stages.imputed),
                        ("treated", stages.treated), ("normalised", stages.normalised)):  # fmt: skip
        theirs = coinr6_matrix(stage, cols, stages.zones)
        assert np.array_equal(np.isnan(ours), np.isnan(theirs)), stage
        assert np.nanmax(np.abs(ours - theirs)) < 1e-6, stage
    aggs = (
        "Physical",
        "ConEcFin",
        "Political",
        "Instit",
        "P2P",
        "Environ",
        "Social",
        "SusEcFin",
        "Conn",
        "Sust",
        "Index",
    )
    theirs = coinr6_matrix("aggregated", aggs, stages.zones)
    ours = np.column_stack([stages.score(a) for a in aggs])
    assert np.max(np.abs(ours - theirs)) < 1e-6


def test_imputation_fills_65_cells_and_treatment_matches_treat_summary(stages: Stages) -> None:
    assert int(stages.imputed_mask.sum()) == 65
    summary = {
        r["IndCode"]: (float(r["Low"]), float(r["High"])) for r in rows("coinr6_asem_treat_summary.csv")
    }
    for code, t in zip(FW.indicators, stages.treatments, strict=True):
        assert (len(t.low), len(t.high)) == summary[code], code
        assert not t.log
    assert sum(t.points for t in stages.treatments) == 35
    assert sum(t.points > 0 for t in stages.treatments) == 15


def test_each_stage_alone_fed_the_previous_coinr6_stage_within_1e9() -> None:
    raw_t, attrs = coinr6_table("raw")
    zones = raw_t.zones
    leaves = FW.leaves
    raw = coinr6_matrix("raw", FW.indicators, zones)
    dens = coinr6_matrix("denominators", tuple(DEN_NAMES.values()), zones)
    den_cols = np.column_stack(
        [
            dens[:, list(DEN_NAMES).index(n.denominator)] if n.denominator else np.full(len(zones), np.nan)
            for n in leaves
        ]
    )
    expected = {
        s: coinr6_matrix(s, FW.indicators, zones) for s in ("denominated", "imputed", "treated", "normalised")
    }
    assert np.nanmax(np.abs(denominate(raw, denominators=den_cols) - expected["denominated"])) < 1e-9
    groups = [attrs[z]["EurAsia_group"] for z in zones]
    imputed, _ = impute(expected["denominated"], rule="impute_group_mean", groups=groups)
    assert np.max(np.abs(imputed - expected["imputed"])) < 1e-9
    treated, _ = treat_matrix(expected["imputed"], specs=[FW.treat] * len(leaves))
    assert np.max(np.abs(treated - expected["treated"])) < 1e-9
    normalised = normalise_matrix(
        expected["treated"], directions=[n.direction for n in leaves], specs=[FW.normalise] * len(leaves),
        scope=["all"] * len(zones),
    )  # fmt: skip
    assert np.max(np.abs(normalised - expected["normalised"])) < 1e-9
    aggs = (
        "Physical",
        "ConEcFin",
        "Political",
        "Instit",
        "P2P",
        "Environ",
        "Social",
        "SusEcFin",
        "Conn",
        "Sust",
        "Index",
    )
    scores = aggregate_tree(
        FW, leaf_scores=expected["normalised"], labels=["default"] * len(zones), zones=zones
    )
    codes = [n.code for n in FW.nodes]
    ours = scores[:, [codes.index(a) for a in aggs]]
    assert np.max(np.abs(ours - coinr6_matrix("aggregated", aggs, zones))) < 1e-9


def _printed(build: str, kind: str) -> list[dict[str, str]]:
    return [r for r in rows("coinr_v1_vignette_printed.csv") if r["build"] == build and r["kind"] == kind]


def _same(value: float, printed: str, decimals: str) -> bool:
    return round(value, int(decimals)) == round(float(printed), int(decimals))


def test_printed_scores_ranks_and_group_ranks_of_example_coin(stages: Stages) -> None:
    pos = {z: i for i, z in enumerate(stages.zones)}
    checked = 0
    for r in _printed("example_coin", "score"):
        assert _same(float(stages.score(r["iCode"])[pos[r["uCode"]]]), r["value"], r["printed_decimals"]), r
        checked += 1
    for r in _printed("example_coin", "rank_overall"):
        assert rank_desc(stages.score(r["iCode"]))[pos[r["uCode"]]] == int(float(r["value"])), r
        checked += 1
    labels = [ATTRS[z]["GDPpc_group"] for z in stages.zones]
    for r in _printed("example_coin", "rank_in_GDPpc_group"):
        ranks = rank_in_groups(stages.score(r["iCode"]), labels=labels)
        assert ranks[pos[r["uCode"]]] == int(float(r["value"])), r
        checked += 1
    for r in _printed("example_coin", "pearson_corr"):
        a, b = r["iCode"].split("~")
        corr = float(np.corrcoef(stages.score(a), stages.score(b))[0, 1])
        assert _same(corr, r["value"], r["printed_decimals"]), r
        checked += 1
    assert checked == 77 + 17 + 132 + 2


def test_printed_normalisation_vignette_on_raw_data() -> None:
    raw, _ = idata_table()
    fw = replace(FW, nodes=tuple(replace(n, denominator=None) for n in FW.nodes))
    st = build_year(
        replace(fw, treat=replace(fw.treat, method="none")), table=raw, year=YEAR, attributes=ATTRS
    )
    pos = {z: i for i, z in enumerate(st.zones)}
    col = {c: st.raw[:, k] for k, c in enumerate(st.indicators)}
    methods: dict[str, Callable[[NDArray[np.float64]], NDArray[np.float64]]] = {
        "norm_borda_raw": lambda x: borda(x, 1, NormaliseSpec(method="borda")),
        "norm_zscore_10_2_raw": lambda x: zscore(x, 1, NormaliseSpec(method="zscore", mean=10, sd=2)),
        "norm_minmax_0_100_raw": lambda x: minmax(x, 1, NormaliseSpec()),
    }
    n = 0
    for kind, fn in methods.items():
        for r in _printed("raw_data", kind):
            assert _same(float(fn(col[r["iCode"]])[pos[r["uCode"]]]), r["value"], r["printed_decimals"]), r
            n += 1
    assert n == 30


def test_printed_overview_variant_46_units_with_available_case() -> None:
    # Screen dat_thresh 0.9 byNA on the denominated data, then treat with gaps, min-max, mean over present children.
    full = build_year(replace(FW, treat=replace(FW.treat, method="none"), missing=replace(FW.missing, rule="available_case")),
                      table=TABLE, year=YEAR, attributes=ATTRS)  # fmt: skip
    share = (~np.isnan(full.denominated)).mean(axis=1)
    keep = {z for z, s in zip(full.zones, share, strict=True) if s >= 0.9}
    assert sorted(set(full.zones) - keep) == ["BGD", "BRN", "KHM", "LAO", "MMR"]
    screened = TABLE.from_rows(
        [
            (z, i, y, v)
            for z, i, y, v in zip(TABLE.zone, TABLE.indicator, TABLE.year, TABLE.value, strict=True)
            if z in keep
        ]
    )
    fw = replace(FW, missing=replace(FW.missing, rule="available_case", group=None))
    st = build_year(fw, table=screened, year=YEAR, attributes=ATTRS)
    assert len(st.zones) == 46
    pos = {z: i for i, z in enumerate(st.zones)}
    for r in _printed("overview_variant_46_units", "score"):
        assert _same(float(st.score(r["iCode"])[pos[r["uCode"]]]), r["value"], r["printed_decimals"]), r
    for r in _printed("overview_variant_46_units", "rank_overall"):
        assert rank_desc(st.score("Index"))[pos[r["uCode"]]] == int(float(r["value"])), r


def test_uncertainty_agrees_with_coinr_rank_statistics() -> None:
    result = run_uncertainty(FW, table=TABLE, year=YEAR, attributes=ATTRS, rng=np.random.default_rng(20240501),
                             seed=20240501, samples=1000)  # fmt: skip
    theirs = {r["uCode"]: r for r in rows("coinr_v1_asem_ua_rankstats.csv")}
    assert result.seed == 20240501
    for i, z in enumerate(result.zones):
        assert result.nominal[i] == int(theirs[z]["Nominal"])
    close = [abs(result.median[i] - float(theirs[z]["Median"])) <= 2 for i, z in enumerate(result.zones)]
    assert sum(close) / len(close) >= 0.9
    assert all(result.p05[i] <= result.median[i] <= result.p95[i] for i in range(len(result.zones)))


def test_sobol_total_indices_in_coinr_order() -> None:
    s = sobol_sensitivity(
        FW, table=TABLE, year=YEAR, attributes=ATTRS, rng=np.random.default_rng(11), seed=11
    )
    st = dict(zip(s.factors, s.st, strict=True))
    assert set(st) == {"Winmax", "Normalisation", "Weights", "Aggregation"}
    assert st["Aggregation"] > st["Normalisation"] > st["Weights"] > st["Winmax"]
    theirs = {r["Variable"]: float(r["STi"]) for r in rows("coinr_v1_asem_sa_sensitivity.csv")}
    assert all(math.isclose(st[k], theirs[k], abs_tol=0.15) for k in theirs)
    assert s.runs == s.n_base * (4 + 2)


def test_assess_ranks_the_asem_index_in_all_and_gdppc_groups() -> None:
    result = assess(FW, table=TABLE, year=YEAR, attributes=ATTRS)
    pos = {z: i for i, z in enumerate(result.zones)}
    assert result.current.rank("Index")[pos["CHE"]] == 1
    assert result.current.rank("Index", group="GDPpc_group")[pos["CHE"]] == 1
    assert np.isnan(result.rank_change["all"]).all()
