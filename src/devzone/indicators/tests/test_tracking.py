"""跟踪目标: a published plan's reviewed targets become indicator targets from its page, no JSON asked."""

from __future__ import annotations

import re

from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.indicators.models import Coverage, Origin, Review, Target
from devzone.indicators.tests.factories import catalogue
from devzone.orgs.models import Zone
from devzone.plans.models import Plan, PlanStatus
from devzone.plans.models import Target as PlanTarget
from devzone.plans.tests.factories import import_plan

GOALS = (
    "连云港市开发区高质量发展行动方案\n"
    "一、发展目标\n"
    "到2025年,市开发区地区生产总值突破800亿元,东海园区工业总产值达到300亿元,"
    "各开发区在省级层面开发区综合考评中每年至少进1位。\n"
    "二、主要任务\n"
    "1.优化管理机制。2026年9月底前完成。(责任单位:{owner})\n"
)
PERIODS = {"base_period": "2020", "default_deadline": "2025"}


def city_plan(world: World) -> Plan:
    catalogue()
    world.zone_a.short_name = "市开发区"
    world.zone_a.save()
    return import_plan(GOALS.format(owner=world.unit_a.name), zone=None, city="连云港市")


def zone_plan(world: World, zone: Zone) -> Plan:
    catalogue()
    plan = import_plan(GOALS.format(owner=world.unit_a.name), zone=zone)
    client = world.client_for(world.coordinator)
    assert client.post(f"/plans/{plan.pk}/publish/").status_code == 302
    return plan


def test_a_correction_made_on_review_is_what_gets_tracked(world: World) -> None:
    # Given a city-wide plan whose GDP target the reviewer corrects from 800 to 850 before publishing
    plan = city_plan(world)
    gdp = PlanTarget.objects.get(plan=plan, indicator="地区生产总值")
    reviewer = world.client_for(world.coordinator)
    corrected = reviewer.post(
        f"/plans/targets/{gdp.pk}/", {"indicator": "地区生产总值", "value": "850", "unit": "亿元"}
    )
    assert corrected.status_code == 302
    assert reviewer.post(f"/plans/{plan.pk}/publish/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert plan.parsed["targets"][0]["value"] == 800.0  # the engine's first reading is kept as it was
    page = reviewer.get(f"/plans/{plan.pk}/").content.decode()
    assert f'href="/indicators/plans/{plan.pk}/track/"' in page
    audits = AuditEntry.objects.filter(model="indicators.Target").count()

    # When the reviewer clicks 跟踪目标 (the form asks only for the two periods, never for JSON)
    form = reviewer.get(f"/indicators/plans/{plan.pk}/track/").content.decode()
    assert 'name="base_period"' in form and "JSON" not in form and 'type="file"' not in form
    response = reviewer.post(f"/indicators/plans/{plan.pk}/track/", PERIODS)

    # Then the zone's GDP target carries the correction, with the plan's subject kept
    assert response.status_code == 302
    tracked = Target.objects.get(zone=world.zone_a, indicator__code="gdp")
    assert (tracked.value, tracked.unit, tracked.subject, tracked.coverage) == (
        850.0,
        "亿元",
        "市开发区",
        Coverage.ZONE,
    )
    assert (tracked.origin, tracked.review, tracked.deadline, tracked.base_period) == (
        Origin.PLAN,
        Review.LINKED,
        "2025",
        "2020",
    )
    assert tracked.plan_target["reviewed"] == {"plan": plan.pk, "version": 1, "target": gdp.pk}
    assert Target.objects.filter(plan_target__reviewed__plan=plan.pk).count() == 3
    assert AuditEntry.objects.filter(model="indicators.Target").count() == audits + 3

    # And the names that still need matching are listed: an indicator and a subject
    listed = reviewer.get(f"/indicators/plans/{plan.pk}/track/").content.decode()
    needs = listed.split('id="needs-matching"')[1].split("</table>")[0]
    assert re.findall(r'data-kind="(\w+)"><td>[^<]*</td><td><strong>([^<]*)</strong>', needs) == [
        ("indicator", "综合考评中"),
        ("subject", "东海园区"),
    ]
    unplaced = Target.objects.get(subject="东海园区")
    assert (unplaced.zone, unplaced.coverage, unplaced.indicator.code) == (
        None,
        Coverage.ZONES,
        "industrial_output",
    )
    assert Target.objects.get(subject="各开发区在省级层面开发区").review == Review.UNMATCHED

    # And clicking again creates nothing
    assert reviewer.post(f"/indicators/plans/{plan.pk}/track/", PERIODS).status_code == 302
    assert Target.objects.filter(plan_target__reviewed__plan=plan.pk).count() == 3


def test_zone_staff_cannot_track_a_city_wide_plan(world: World) -> None:
    plan = city_plan(world)
    assert world.client_for(world.coordinator).post(f"/plans/{plan.pk}/publish/").status_code == 302
    staff = world.client_for(world.staff_a)
    assert staff.get(f"/indicators/plans/{plan.pk}/track/").status_code == 200
    assert staff.post(f"/indicators/plans/{plan.pk}/track/", PERIODS).status_code == 403
    assert not Target.objects.exists()


def test_a_user_of_another_zone_can_neither_see_nor_track_a_zones_plan(world: World) -> None:
    plan = zone_plan(world, world.zone_a)
    before = AuditEntry.objects.count()
    other = world.client_for(world.staff_b)
    assert other.get(f"/indicators/plans/{plan.pk}/track/").status_code == 404
    assert other.post(f"/indicators/plans/{plan.pk}/track/", PERIODS).status_code == 404
    assert (Target.objects.count(), AuditEntry.objects.count()) == (0, before)

    own = world.client_for(world.staff_a)
    assert own.post(f"/indicators/plans/{plan.pk}/track/", PERIODS).status_code == 302
    assert set(Target.objects.values_list("zone", flat=True)) == {world.zone_a.pk}
    assert set(Target.objects.values_list("subject", flat=True)) == {
        "市开发区",
        "东海园区",
        "各开发区在省级层面开发区",
    }


def test_a_draft_is_not_tracked(world: World) -> None:
    plan = city_plan(world)
    client = world.client_for(world.coordinator)
    assert client.get(f"/indicators/plans/{plan.pk}/track/").status_code == 404
    assert client.post(f"/indicators/plans/{plan.pk}/track/", PERIODS).status_code == 404
    assert not Target.objects.exists()


def test_bad_periods_are_refused_and_nothing_is_created(world: World) -> None:
    plan = zone_plan(world, world.zone_a)
    client = world.client_for(world.coordinator)
    response = client.post(
        f"/indicators/plans/{plan.pk}/track/", {"base_period": "二〇二〇", "default_deadline": "2025"}
    )
    assert response.status_code == 200
    assert "统计期无法识别" in response.content.decode()
    assert not Target.objects.exists()


def test_tracking_over_the_api_reads_the_reviewed_plan_too(world: World) -> None:
    plan = zone_plan(world, world.zone_a)
    PlanTarget.objects.filter(plan=plan, indicator="地区生产总值").update(value=900.0)  # as if reviewed
    other = world.client_for(world.staff_b)
    assert (
        other.post(
            f"/api/targets/from-plan/{plan.pk}", data="{}", content_type="application/json"
        ).status_code
        == 404
    )
    client = world.client_for(world.staff_a)
    response = client.post(
        f"/api/targets/from-plan/{plan.pk}", data='{"base_period": "2020"}', content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert (len(body["linked"]), len(body["unmatched"]), body["existing"]) == (2, 1, 0)
    gdp = Target.objects.get(indicator__code="gdp")
    assert (gdp.value, gdp.base_period, gdp.deadline) == (900.0, "2020", "2025")
    bad = client.post(
        f"/api/targets/from-plan/{plan.pk}", data='{"base_period": "x"}', content_type="application/json"
    )
    assert bad.status_code == 422


def test_a_revision_finds_the_targets_its_earlier_version_tracked(world: World) -> None:
    plan = zone_plan(world, world.zone_a)
    client = world.client_for(world.staff_a)
    assert client.post(f"/indicators/plans/{plan.pk}/track/", PERIODS).status_code == 302
    assert client.post(f"/plans/{plan.pk}/revise/").status_code == 302
    revision = Plan.objects.get(lineage=plan)
    assert world.client_for(world.coordinator).post(f"/plans/{revision.pk}/publish/").status_code == 302
    assert client.post(f"/indicators/plans/{revision.pk}/track/", PERIODS).status_code == 302
    assert Target.objects.count() == 3
    page = client.get(f"/indicators/plans/{revision.pk}/track/").content.decode()
    assert page.count("data-target=") == 3
