"""The run page on a run of many zones: a bounded number of queries, the ranking and the rule outcomes
paginated (the benchmark province's 3,000-zone run took 8 s for a city and 14 s for a province before)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from tests.personas import World

from devzone.assessment.actions import run_assessment
from devzone.assessment.models import AssessmentRun, AssessmentValue
from devzone.assessment.tests.factories import stored_framework
from devzone.orgs.models import Zone

ZONES = 250


@pytest.fixture
def big_run(world: World) -> AssessmentRun:
    zones = Zone.objects.bulk_create(
        Zone(name=f"第{i:03d}号开发区", short_name=f"第{i:03d}号", level="provincial", kind="etdz",
             region_code="320703", province="江苏省", city="连云港市")
        for i in range(ZONES)
    )  # fmt: skip
    rng = np.random.default_rng(7)
    AssessmentValue.objects.bulk_create(
        AssessmentValue(zone=z, indicator=code, year=year, value=float(rng.uniform(1, 100)), source="测试")
        for z in [*zones, world.zone_a]
        for code in ("gdp", "energy", "hte")
        for year in (2024, 2025)
    )
    framework = stored_framework()
    run_assessment(framework, year=2024, actor=None, source="test")
    return run_assessment(framework, year=2025, actor=None, source="test")


def rows_of(html: str, table: str) -> int:
    body = html.split(f'id="{table}"', 1)[1].split("</tbody>", 1)[0]
    return len(re.findall(r"<tr[ >]", body.split("<tbody>", 1)[1]))


def test_the_run_page_of_many_zones_is_paginated_with_bounded_queries(
    world: World, big_run: AssessmentRun, django_assert_max_num_queries: object
) -> None:
    client = world.client_for(world.coordinator)
    with django_assert_max_num_queries(16):  # type: ignore[operator]
        response = client.get(f"/assessment/runs/{big_run.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert rows_of(html, "ranking-table") == 100
    assert f"第 1 / 3 页（共 {ZONES + 1} 个开发区）" in html  # zone A is assessed too
    assert f"第 1 / {(4 * (ZONES + 1) + 99) // 100} 页（共 {4 * (ZONES + 1)} 条）" in html  # four rules
    assert rows_of(html, "outcome-table") == 100

    last = client.get(f"/assessment/runs/{big_run.pk}/?page=3").content.decode()
    assert rows_of(last, "ranking-table") == ZONES + 1 - 200
    ranks = [int(r) for r in re.findall(r'<tr data-zone="\d+">\s*<td>(\d+)</td>', last)]
    assert ranks == sorted(ranks) and ranks[0] == 201, "page 3 goes on where page 2 ended, by rank"


def test_a_zone_user_pages_through_their_own_zone_only(world: World, big_run: AssessmentRun) -> None:
    html = world.client_for(world.staff_a).get(f"/assessment/runs/{big_run.pk}/").content.decode()
    assert rows_of(html, "ranking-table") == 1
    assert "第 1 / " not in html  # one zone: no pager
    assert world.zone_a.name in html and "第000号开发区" not in html
