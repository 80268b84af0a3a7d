"""Assessment by jurisdiction: a coordinator ranks the zones of their own city or province, and a custom
framework is changed only by the coordinators of the place it belongs to (shipped ones by nobody)."""

from __future__ import annotations

import pytest
from tests.personas import FarWorld, World

from devzone.assessment.models import AssessmentRun, AssessmentValue, Framework
from devzone.assessment.tests.factories import small_framework, three_zone_values

pytestmark = pytest.mark.django_db


def values_in_every_city(world: World, far_world: FarWorld) -> None:
    three_zone_values(world)  # 连云港's zones A, B and a third
    for zone in (far_world.zone_c, far_world.zone_d):  # 苏州 and 遵义
        for year in (2024, 2025):
            for indicator, value in (("gdp", 10.0), ("energy", 2.0), ("hte", 5.0)):
                AssessmentValue.objects.create(
                    zone=zone, indicator=indicator, year=year, value=value, source="测试"
                )


def test_a_city_coordinator_ranks_their_city_alone_and_the_other_city_never_sees_the_run(
    world: World, far_world: FarWorld
) -> None:
    values_in_every_city(world, far_world)
    framework = Framework(yaml_text=small_framework("小型考核"), shipped=True)
    framework.clean()
    framework.save()
    # when 连云港's coordinator runs the assessment on the web and 遵义's through the API
    response = world.client_for(world.coordinator).post(
        "/assessment/runs/new/", {"framework": framework.pk, "year": 2025, "samples": 0}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    lyg = AssessmentRun.objects.get()
    ranked = set(lyg.results.values_list("zone__city", flat=True))
    assert ranked == {"连云港市"}
    api = world.client_for(far_world.coordinator_d)
    answer = api.post(
        "/api/assessment/runs", {"framework_id": framework.pk, "year": 2025}, content_type="application/json"
    )
    assert answer.status_code == 201, answer.content
    zy = AssessmentRun.objects.exclude(pk=lyg.pk).get()
    assert set(zy.results.values_list("zone__city", flat=True)) == {"遵义市"}
    # then neither city reads the other's run; the province (江苏) reads 连云港's
    assert world.client_for(far_world.coordinator_d).get(f"/assessment/runs/{lyg.pk}/").status_code == 404
    assert world.client_for(world.coordinator).get(f"/assessment/runs/{zy.pk}/").status_code == 404
    assert world.client_for(far_world.province_js).get(f"/assessment/runs/{lyg.pk}/").status_code == 200


def test_a_custom_framework_is_changed_by_its_own_city_and_copied_by_others(
    world: World, far_world: FarWorld
) -> None:
    yaml_text = small_framework("连云港考核")
    lyg = world.client_for(world.coordinator)
    assert lyg.post("/assessment/frameworks/new/", {"yaml_text": yaml_text}).status_code == 302
    framework = Framework.objects.get(name="连云港考核")
    assert (framework.province, framework.city) == ("江苏省", "连云港市")
    # its own city edits it, and the province above it may
    assert lyg.get(f"/assessment/frameworks/{framework.pk}/edit/").status_code == 200
    assert (
        world.client_for(far_world.province_js)
        .get(f"/assessment/frameworks/{framework.pk}/edit/")
        .status_code
        == 200
    )
    # another city, and another province, are sent to a copy with the reason, and the framework is unchanged
    for other in (far_world.coordinator_c, far_world.coordinator_d):
        client = world.client_for(other)
        page = client.get(f"/assessment/frameworks/{framework.pk}/")
        assert page.status_code == 200  # read and copied, not edited
        assert f"/assessment/frameworks/{framework.pk}/edit/" not in page.content.decode()
        changed = small_framework("改过的考核")
        refused = client.post(
            f"/assessment/frameworks/{framework.pk}/edit/", {"yaml_text": changed}, follow=True
        )
        assert refused.redirect_chain[0][0] == f"/assessment/frameworks/new/?from={framework.pk}"
        assert "这是连云港市的考核框架，只能由其主管部门修改" in refused.content.decode()
        framework.refresh_from_db()
        assert framework.name == "连云港考核"
