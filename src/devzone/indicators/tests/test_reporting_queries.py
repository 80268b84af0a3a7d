"""数据报送情况 for a city of many zones: a bounded number of queries however many zones the city has (the
benchmark province's 241 zones of 连云港 took 2,424 queries and 5.9 s before), and the same cells."""

from __future__ import annotations

import re

import pytest
from tests.personas import World

from devzone.indicators.tests.factories import figure, target
from devzone.orgs.models import Zone

ZONES = 60


@pytest.fixture
def many_zones(world: World) -> list[Zone]:
    zones = Zone.objects.bulk_create(
        Zone(name=f"第{i:03d}号开发区", short_name=f"第{i:03d}号", level="provincial", kind="etdz",
             region_code="320703", province="江苏省", city="连云港市")
        for i in range(ZONES)
    )  # fmt: skip
    for zone in zones[:20]:
        target(zone)  # 地区生产总值 targets of their own: one code to report
    target(None, code="industrial_output", text="全市开发区规上工业总产值", value=5000.0, unit="亿元")
    for zone in zones[:10]:
        figure(zone, "2024", 100.0)
        figure(zone, "2024", 300.0, code="industrial_output")
    figure(zones[30], "2024", 50.0, code="gdp")  # no target of its own: the city's codes count
    return zones


def test_the_reporting_grid_of_many_zones_takes_a_bounded_number_of_queries(
    world: World, many_zones: list[Zone], django_assert_max_num_queries: object
) -> None:
    client = world.client_for(world.coordinator)
    with django_assert_max_num_queries(16):  # type: ignore[operator]
        response = client.get("/indicators/reporting/?city=连云港市")
    html = response.content.decode()
    assert response.status_code == 200
    for zone in many_zones:
        assert f">{zone.short_name}</th>" in html
    row = html.split(f">{many_zones[0].short_name}</th>", 1)[1].split("</tr>", 1)[0]
    # a zone with its own gdp target and the city-wide industrial output total reports two codes for 2024
    assert re.search(r">2/2<", row), row
    untargeted = html.split(f">{many_zones[45].short_name}</th>", 1)[1].split("</tr>", 1)[0]
    assert re.search(r">0/1<", untargeted), untargeted
