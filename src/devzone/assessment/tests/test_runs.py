"""Stored runs: hand-worked ranks, rank changes and rule outcomes; exact reproduction; refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from tests.personas import World

from devzone.assessment.actions import load_shipped_frameworks, reproduce, run_assessment
from devzone.assessment.models import AssessmentRun, AssessmentValue, Framework, RuleOutcome, ZoneResult
from devzone.assessment.tests.conftest import Assessed
from devzone.assessment.tests.factories import small_framework
from devzone.audit.models import AuditEntry


def _by_zone(run: AssessmentRun) -> dict[str, ZoneResult]:
    return {r.zone.name: r for r in run.results.select_related("zone")}


def test_run_stores_hand_worked_ranks_changes_and_streaks(assessed: Assessed) -> None:
    w = assessed.world
    res = _by_zone(assessed.run)
    a, b, c = res[w.zone_a.name], res[w.zone_b.name], res[assessed.zone_c.name]
    assert (a.score, b.score, c.score) == (0.0, 100.0, 50.0)
    assert (a.rank, b.rank, c.rank) == (3, 1, 2)
    assert (a.rank_prev, b.rank_prev, c.rank_prev) == (2, 1, 3)
    assert (a.rank_change, b.rank_change, c.rank_change) == (-1, 0, 1)
    assert (a.streak, b.streak, c.streak) == (-2, 0, 1)
    assert a.history == [[2023, 1, 100.0], [2024, 2, 50.0], [2025, 3, 0.0]]
    # ECO = 60 % of the index: B is best on both ECO indicators → 100; A worst → 0
    assert (b.node_scores["ECO"], a.node_scores["ECO"], c.node_scores["INNO"]) == (100.0, 0.0, 50.0)
    assert b.node_ranks["all"]["INNO"] == 1
    assert a.rank_p05 is not None and 1.0 <= a.rank_p05 <= a.rank_p50 <= a.rank_p95 <= 3.0


def test_rule_outcomes_match_the_hand_worked_history(assessed: Assessed) -> None:
    w = assessed.world
    hits = {(o.rule, o.zone.name) for o in RuleOutcome.objects.filter(run=assessed.run, hit=True)}
    assert hits == {
        ("summon", w.zone_a.name),  # 退位 in 2024 and 2025 → 约谈整改
        ("target", w.zone_b.name),  # kept rank 1 → 每年至少进1位 met (assumed)
        ("target", assessed.zone_c.name),  # Δ = +1
        ("demote", assessed.zone_c.name),  # last in 2023 and 2024 → 降级备选
    }
    assert RuleOutcome.objects.filter(run=assessed.run).count() == 4 * 3


def test_run_records_hashes_snapshot_and_options(assessed: Assessed) -> None:
    run = assessed.run
    assert run.framework_sha256 == assessed.framework.sha256
    assert len(run.data_sha256) == 64
    assert len(run.snapshot["rows"]) == 3 * 3 * 3
    assert (run.samples, run.seed, run.year) == (200, 7, 2025)
    assert run.summary["categories"] == ["ECO", "INNO"]
    entry = AuditEntry.objects.get(model="assessment.AssessmentRun", object_pk=str(run.pk))
    assert entry.actor == assessed.world.coordinator


def test_rerun_reproduces_the_stored_run_exactly(assessed: Assessed) -> None:
    assert reproduce(assessed.run) == []
    again = run_assessment(assessed.framework, year=2025, actor=None, samples=200, seed=7)
    fields = (
        "zone_id",
        "score",
        "rank",
        "rank_change",
        "rank_p05",
        "rank_p50",
        "rank_p95",
        "node_scores",
        "profile",
    )
    first = list(assessed.run.results.order_by("zone_id").values(*fields))
    assert list(again.results.order_by("zone_id").values(*fields)) == first
    assert again.data_sha256 == assessed.run.data_sha256


def test_reproduce_finds_a_tampered_result(assessed: Assessed) -> None:
    ZoneResult.objects.filter(run=assessed.run, rank=1).update(score=99.0)
    diffs = reproduce(assessed.run)
    assert len(diffs) == 1
    assert "score: stored 99.0 ≠ recomputed 100.0" in diffs[0]


def test_editing_the_framework_later_does_not_change_the_stored_run(assessed: Assessed) -> None:
    fw = assessed.framework
    fw.yaml_text = fw.yaml_text.replace("weight: 60", "weight: 10")
    fw.full_clean()
    fw.save()
    assert reproduce(assessed.run) == []


def test_run_without_data_is_refused_and_nothing_is_written(world: World) -> None:
    fw = Framework(yaml_text=small_framework())
    fw.full_clean()
    fw.save()
    with pytest.raises(ValidationError, match="没有 2025 年"):
        run_assessment(fw, year=2025, actor=world.coordinator)
    assert AssessmentRun.objects.count() == 0


def test_engine_error_is_refused_and_nothing_is_written(world: World) -> None:
    fw = Framework(yaml_text=small_framework())
    fw.full_clean()
    fw.save()
    AssessmentValue.objects.create(zone=world.zone_a, indicator="gdp", year=2025, value=1.0)
    with pytest.raises(ValidationError, match="需要此指标，但数据中没有"):
        run_assessment(fw, year=2025, actor=world.coordinator)
    assert (AssessmentRun.objects.count(), ZoneResult.objects.count()) == (0, 0)


def test_framework_errors_are_keyed_by_the_yaml_key(db: None) -> None:
    fw = Framework(yaml_text=small_framework().replace("weight: 60", "weight: -5"))
    with pytest.raises(ValidationError) as err:
        fw.full_clean()
    assert err.value.message_dict["yaml_text"] == ["tree[0].weight: 权重应大于 0，现为 -5"]


def test_framework_cycle_and_orphan_are_refused(db: None) -> None:
    text = (
        "schema: devzone.framework/1\nname: t\ntree:\n"
        "  - {code: a, name: A, weight: 1, parent: b}\n  - {code: b, name: B, weight: 1, parent: a}\n"
        "  - {code: x, name: X, direction: 1, weight: 1, parent: a}\n"
    )
    with pytest.raises(ValidationError, match="指标树出现循环"):
        Framework(yaml_text=text).full_clean()
    orphan = "schema: devzone.framework/1\nname: t\ntree:\n  - {code: x, name: X, direction: 1, weight: 1, parent: nope}\n"
    with pytest.raises(ValidationError, match="不是指标树中的节点"):
        Framework(yaml_text=orphan).full_clean()


def test_shipped_frameworks_load_once(db: None) -> None:
    created = load_shipped_frameworks(actor=None)
    assert sorted(f.code for f in created) == ["jiangsu-2021", "mofcom-etdz-2021"]
    assert all(f.shipped for f in created)
    assert load_shipped_frameworks(actor=None) == []
    assert Framework.objects.count() == 2


def test_run_stores_the_sobol_record_and_node_ranks_of_last_year(crossed: Assessed) -> None:
    run = crossed.run
    rec = run.sensitivity
    assert rec is not None
    assert (rec["n_base"], rec["runs"], rec["seed"], rec["stream"]) == (4096, 4096 * 4, 11, 1)
    assert [f["factor"] for f in rec["factors"]] == ["w_ECO", "w_INNO"]
    a = ZoneResult.objects.get(run=run, zone=crossed.world.zone_a)
    assert a.node_rank_prev == {"all": {"INDEX": 1, "ECO": 2, "gdp": 2, "INNO": 1, "hte": 1}}
    assert a.raw_values == {"gdp": 100.0, "hte": 20.0}


def test_rerun_reproduces_the_sobol_record(crossed: Assessed) -> None:
    assert reproduce(crossed.run) == []


def test_reproduce_finds_a_tampered_sobol_record(crossed: Assessed) -> None:
    rec = dict(crossed.run.sensitivity or {})
    rec["factors"] = [{**f, "st": 0.5} for f in rec["factors"]]
    AssessmentRun.objects.filter(pk=crossed.run.pk).update(sensitivity=rec)
    assert reproduce(AssessmentRun.objects.get(pk=crossed.run.pk)) == ["Sobol sensitivity differs"]


def test_runs_stored_before_sensitivity_and_node_ranks_still_reproduce(crossed: Assessed) -> None:
    AssessmentRun.objects.filter(pk=crossed.run.pk).update(sensitivity=None)
    ZoneResult.objects.filter(run=crossed.run).update(node_rank_prev={}, raw_values={})
    assert reproduce(AssessmentRun.objects.get(pk=crossed.run.pk)) == []


def test_run_without_uncertainty_has_no_sobol_record(crossed: Assessed) -> None:
    run = run_assessment(crossed.framework, year=2025, actor=None)
    assert run.sensitivity is None
