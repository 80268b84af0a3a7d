"""Three years of a three-zone example worked by hand: ranks, 进位/退位, streaks, rules, pay, tiers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from devzone.assessment.data import LongTable
from devzone.assessment.errors import AggregationError, DataError
from devzone.assessment.framework import parse_framework
from devzone.assessment.index import assess

FRAMEWORK = """\
schema: devzone.framework/1
name: 三区示例
tree:
  - {code: a, name: A, direction: 1, weight: 1}
  - {code: b, name: B, direction: 1, weight: 1}
rules:
  - {id: praise, kind: rise_streak, action: 通报表彰, years: 2}
  - {id: summon, kind: fall_streak, action: 约谈整改, years: 2}
  - {id: target, kind: rank_up_each_year, action: 每年至少进1位}
  - {id: demote, kind: bottom_k_in_window, action: 降级备选, k: 1, window: 3, min_hits: 2}
pay_bands:
  bands: [{upto_share: 0.2, coef: 1.10}, {upto_share: 0.5, coef: 1.05}, {upto_share: 0.8, coef: 1.00}, {upto_share: 1.0, coef: 0.95}]
tiers: {metric: output, unit: 亿元, thresholds: [1000, 500, 100], labels: [千亿级, 500亿级, 百亿级]}
"""
# min-max of 1, 2, 3 gives 0, 50, 100; each zone has a = b, so its index is that value.
VALUES = {2023: {"P": 3, "Q": 2, "R": 1}, 2024: {"P": 2, "Q": 3, "R": 1}, 2025: {"P": 1, "Q": 3, "R": 2}}
OUTPUT = {"P": 1200.0, "Q": 600.0, "R": 40.0}


def _table() -> LongTable:
    rows = [(z, i, y, float(v)) for y, vals in VALUES.items() for z, v in vals.items() for i in "ab"]
    rows += [(z, "output", 2025, v) for z, v in OUTPUT.items()]
    return LongTable.from_rows(rows, source="three.csv")


def test_scores_ranks_and_rank_changes() -> None:
    r = assess(parse_framework(FRAMEWORK), table=_table(), year=2025)
    assert r.zones == ("P", "Q", "R")
    assert r.score("INDEX").tolist() == [0.0, 100.0, 50.0]
    assert r.current.rank("INDEX").tolist() == [3, 1, 2]
    assert r.rank_prev["all"][:, 0].tolist() == [2.0, 1.0, 3.0]
    assert r.rank_change["all"][:, 0].tolist() == [-1.0, 0.0, 1.0]
    assert r.streaks["all"] == (-2, 0, 1)


def test_rule_outcomes() -> None:
    r = assess(parse_framework(FRAMEWORK), table=_table(), year=2025)
    hits = {(o.rule_id, o.zone) for o in r.rules if o.hit}
    assert hits == {("summon", "P"), ("target", "Q"), ("target", "R"), ("demote", "R")}
    summon_p = next(o for o in r.rules if o.rule_id == "summon" and o.zone == "P")
    assert [(y, rank) for y, rank, _ in summon_p.evidence] == [(2023, 1), (2024, 2), (2025, 3)]
    assert [d for _, _, d in summon_p.evidence][1:] == [-1.0, -1.0]


def test_pay_coefficients_and_tiers() -> None:
    r = assess(parse_framework(FRAMEWORK), table=_table(), year=2025)
    assert r.pay is not None
    # P: rank 3/3 → 0.95 − 0.01; Q: 1/3 → 1.05 + 0; R: 2/3 → 1.00 + 0.01
    assert [round(v, 12) for v in r.pay.tolist()] == [0.94, 1.05, 1.01]
    assert r.tiers == ("千亿级", "500亿级", None)


def test_profile_contributions_sum_to_the_index() -> None:
    r = assess(parse_framework(FRAMEWORK), table=_table(), year=2025)
    prof = r.profiles[2]
    assert prof.zone == "R"
    leaf = {c.node: c.contribution for c in prof.contributions if c.node in ("a", "b")}
    assert leaf == {"a": 25.0, "b": 25.0}
    assert math.isclose(sum(leaf.values()), float(r.score("INDEX")[2]))


def test_result_records_hashes_for_reproduction() -> None:
    fw = parse_framework(FRAMEWORK)
    r1 = assess(fw, table=_table(), year=2025)
    r2 = assess(fw, table=_table(), year=2025)
    assert r1.framework_sha256 == fw.sha256
    assert r1.data_sha256 == r2.data_sha256
    assert np.array_equal(r1.score("INDEX"), r2.score("INDEX"))


def test_indicator_missing_in_data_names_file_and_tree_key() -> None:
    rows = [(z, "a", 2025, 1.0) for z in "PQR"]
    with pytest.raises(DataError) as info:
        assess(
            parse_framework(FRAMEWORK, source="f.yaml"),
            table=LongTable.from_rows(rows, source="d.csv"),
            year=2025,
        )
    assert info.value.source == "d.csv"
    assert info.value.key == "指标 b"
    assert "f.yaml 的 tree[1]" in info.value.reason


def test_zone_with_all_data_missing_is_excluded_and_reported() -> None:
    fw = parse_framework(FRAMEWORK.split("rules:", maxsplit=1)[0])
    rows = [(z, i, 2025, v) for z, v in (("P", 1.0), ("Q", 2.0), ("R", None)) for i in "ab"]
    r = assess(fw, table=LongTable.from_rows(rows), year=2025)
    assert r.zones == ("P", "Q")
    assert [(e.zone, e.year) for e in r.excluded] == [("R", 2025)]


def test_zone_with_all_data_missing_can_be_an_error() -> None:
    text = FRAMEWORK.split("rules:", maxsplit=1)[0] + "missing: {rule: available_case, empty_zone: error}\n"
    rows = [(z, i, 2025, v) for z, v in (("P", 1.0), ("Q", 2.0), ("R", None)) for i in "ab"]
    with pytest.raises(DataError, match="开发区 R"):
        assess(parse_framework(text), table=LongTable.from_rows(rows, source="d.csv"), year=2025)


def test_missing_cell_is_imputed_and_said_so_in_the_profile() -> None:
    text = FRAMEWORK.split("rules:", maxsplit=1)[0] + "missing: {rule: impute_mean}\n"
    rows = [("P", "a", 2025, 1.0), ("P", "b", 2025, None), ("Q", "a", 2025, 3.0), ("Q", "b", 2025, 1.0),
            ("R", "a", 2025, 2.0), ("R", "b", 2025, 3.0)]  # fmt: skip
    r = assess(parse_framework(text), table=LongTable.from_rows(rows), year=2025)
    assert r.profiles[0].imputed == ("b",)
    assert r.profiles[0].notes == ("b: missing, impute_mean (imputed)",)
    # b of P = mean(1, 3) = 2 → 50; a of P = 0 → index 25
    assert r.score("INDEX")[0] == 25.0


def test_geometric_mean_over_zero_names_zone_and_indicator() -> None:
    fw = parse_framework(
        FRAMEWORK.split("rules:", maxsplit=1)[0].replace("name: 三区示例", "name: g\naggregation: geometric")
    )
    with pytest.raises(AggregationError, match="zone R has a = 0"):
        assess(fw, table=_table(), year=2025)


def test_weights_by_peer_group() -> None:
    text = """\
schema: devzone.framework/1
name: 分组权重
groups: {weight_group: region3, weight_groups: [苏南, 苏北], rank_groups: [all, region3]}
tree:
  - {code: a, name: A, direction: 1, weight: {default: 1, 苏北: 3}}
  - {code: b, name: B, direction: 1, weight: 1}
"""
    rows = [("S", "a", 2025, 0.0), ("S", "b", 2025, 10.0), ("N", "a", 2025, 10.0), ("N", "b", 2025, 0.0)]
    attrs = {"S": {"region3": "苏南"}, "N": {"region3": "苏北"}}
    r = assess(parse_framework(text), table=LongTable.from_rows(rows), year=2025, attributes=attrs)
    # N (苏北): (3·100 + 1·0)/4 = 75; S (苏南): (0 + 100)/2 = 50
    assert r.zones == ("N", "S")
    assert r.score("INDEX").tolist() == [75.0, 50.0]
    assert r.current.rank("INDEX", group="region3").tolist() == [1, 1]
