"""The 亩均 demo: deterministic, idempotent, audited, and its runs reproduce."""

from __future__ import annotations

from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.enterprises.actions import reproduce
from devzone.enterprises.demo import build_enterprises_demo, demo_title
from devzone.enterprises.models import Enterprise, EnterpriseYear, MuResult, MuRun, RunStatus


def test_demo_builds_two_runs_and_a_second_call_creates_nothing(world: World) -> None:
    zones = [world.zone_a, world.zone_b]
    first = build_enterprises_demo(seed=7, scale=0.1, zones=zones)
    assert first.runs == 2
    assert first.enterprises == Enterprise.objects.count() > 40
    assert first.years == EnterpriseYear.objects.count()
    runs = {r.year: r for r in MuRun.objects.all()}
    assert runs[2023].status == RunStatus.FINAL
    assert runs[2024].status == RunStatus.PUBLICISED
    assert runs[2024].title == demo_title(2024)
    assert runs[2024].zone is None
    assert set(MuResult.objects.values_list("zone", flat=True)) == {world.zone_a.pk, world.zone_b.pk}
    assert AuditEntry.objects.filter(source="demo").count() >= 4 + 2
    counts = (Enterprise.objects.count(), EnterpriseYear.objects.count(), MuResult.objects.count())
    entries = AuditEntry.objects.count()

    second = build_enterprises_demo(seed=7, scale=0.1, zones=zones)
    assert (second.enterprises, second.years, second.runs, second.objections) == (0, 0, 0, 0)
    assert (Enterprise.objects.count(), EnterpriseYear.objects.count(), MuResult.objects.count()) == counts
    assert AuditEntry.objects.count() == entries
    assert reproduce(runs[2024]).identical


def test_demo_is_deterministic_from_the_seed(world: World) -> None:
    build_enterprises_demo(seed=11, scale=0.05, zones=[world.zone_a])
    first = sorted(EnterpriseYear.objects.values_list("enterprise__uscc", "year", "tax", "land_mu"))
    MuRun.objects.all().delete()
    EnterpriseYear.objects.all().delete()
    Enterprise.objects.all().delete()
    build_enterprises_demo(seed=11, scale=0.05, zones=[world.zone_a])
    assert sorted(EnterpriseYear.objects.values_list("enterprise__uscc", "year", "tax", "land_mu")) == first
