"""The demo: seed-plan targets with five years of figures that tell a story, the same every time."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from devzone.audit.models import AuditEntry
from devzone.indicators.board import evaluate_targets
from devzone.indicators.demo import DEMO_SOURCE, build_indicators_demo
from devzone.indicators.models import Indicator, Observation, Review, Target
from devzone.orgs.demo import build_directory

SEED = 20261124


def figures() -> list[tuple[object, ...]]:
    return list(
        Observation.objects.order_by("indicator__code", "zone_id", "period").values_list(
            "indicator__code", "zone__name", "city", "period", "value"
        )
    )


def test_demo_board_tells_a_story(db: None) -> None:
    build_directory()
    counts = build_indicators_demo(seed=SEED)
    assert (counts.indicators, counts.targets, counts.unmatched) == (75, 22, 1)
    assert counts.observations == Observation.objects.count() > 300
    assert set(Observation.objects.values_list("period", flat=True)) == {
        "2020",
        "2021",
        "2022",
        "2023",
        "2024",
    }
    rows, as_of = evaluate_targets(list(Target.objects.select_related("indicator", "zone")))
    assert as_of == 2024.0
    statuses = {
        (row.target.zone_label, row.target.indicator_text, row.target.kind): row.status for row in rows
    }
    assert statuses[("连云港经济技术开发区", "地区生产总值", "level")] in {"at risk", "on track"}
    assert statuses[("连云港市·全市开发区合计", "一般公共预算收入", "multiple")] == "met"
    assert statuses[("连云港市·全市开发区合计", "外贸进出口总额", "multiple")] == "off track"
    assert statuses[("遵义市·全市开发区合计", "规模工业企业数", "level")] == "met"
    assert statuses[("连云港经济技术开发区", "综合考评中", "rank_change")] == "no data"
    assert {row.status for row in rows} == {"met", "on track", "at risk", "off track", "no data"}
    unmatched = Target.objects.get(review=Review.UNMATCHED)
    assert unmatched.candidates[0]["code"] == "assessment_rank"
    # each write is one audit entry with its counts (audit.actions.bulk_written), not one per figure
    entries = AuditEntry.objects.filter(source="demo", model="indicators.Observation")
    assert sum(e.after["counts"]["created"] for e in entries) == counts.observations


def test_demo_is_idempotent_and_deterministic(db: None) -> None:
    build_directory()
    build_indicators_demo(seed=SEED)
    first = figures()
    audit = AuditEntry.objects.count()
    again = build_indicators_demo(seed=SEED)
    assert (again.indicators, again.targets, again.observations) == (0, 0, 0)
    assert AuditEntry.objects.count() == audit
    Observation.objects.filter(source=DEMO_SOURCE).delete()
    build_indicators_demo(seed=SEED)
    assert figures() == first
    Observation.objects.filter(source=DEMO_SOURCE).delete()
    build_indicators_demo(seed=SEED + 1)
    assert figures() != first


# `devzone demo` building the indicators (75 indicators, 22 targets) is asserted on the one demo the suite
# builds through the command, tests/test_cli.py (on SQLite) and tests/test_backup.py (on PostgreSQL).


def test_catalogue_command_and_admin(db: None, world: object) -> None:
    out = io.StringIO()
    call_command("indicators_catalogue", stdout=out)
    assert out.getvalue().strip() == "indicators: 75 created, 0 updated, 0 unchanged"
    admin = world.client_for(world.admin)  # type: ignore[attr-defined]
    gdp = Indicator.objects.get(code="gdp")
    assert admin.get(f"/admin/indicators/indicator/{gdp.pk}/change/").status_code == 200
    assert admin.get("/admin/indicators/target/").status_code == 200
    assert admin.get("/admin/indicators/observation/").status_code == 200
    with pytest.raises(CommandError):
        call_command("indicators_catalogue", "--file", "/nonexistent.yaml")
