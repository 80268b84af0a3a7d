"""The demo: five years of data and runs for the demo's Jiangsu zones, deterministic and idempotent."""

from __future__ import annotations

from devzone.assessment.demo import YEARS, build_assessment_demo
from devzone.assessment.models import AssessmentRun, AssessmentValue, RuleOutcome, ZoneResult
from devzone.orgs.demo import build_directory


def test_demo_builds_five_runs_with_rank_changes_and_outcomes(db: None) -> None:
    build_directory()
    counts = build_assessment_demo(seed=20261124)
    assert counts.runs == 5
    assert counts.values == AssessmentValue.objects.count() == 9 * 12 * 5
    assert sorted(AssessmentRun.objects.values_list("year", flat=True)) == list(YEARS)
    latest = AssessmentRun.objects.get(year=YEARS[-1])
    assert latest.samples == 500 and latest.seed == 20261124
    changes = set(ZoneResult.objects.filter(run=latest).values_list("rank_change", flat=True))
    assert any(c > 0 for c in changes) and any(c < 0 for c in changes)
    assert ZoneResult.objects.filter(run=latest).exclude(streak__in=[-1, 0, 1]).exists()
    hit = set(RuleOutcome.objects.filter(hit=True).values_list("action", flat=True))
    assert {"通报表彰", "约谈整改", "摘牌候选", "每年至少进1位"} <= hit


def test_demo_is_deterministic_and_idempotent(db: None) -> None:
    build_directory()
    build_assessment_demo(seed=5)
    first = sorted(ZoneResult.objects.values_list("run__year", "zone__name", "score", "rank"))
    again = build_assessment_demo(seed=5)
    assert (again.values, again.runs) == (0, 0)
    assert sorted(ZoneResult.objects.values_list("run__year", "zone__name", "score", "rank")) == first
