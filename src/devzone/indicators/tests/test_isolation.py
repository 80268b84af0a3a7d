"""The URL walk of tests/test_zone_isolation.py over the indicator routes only, and the owner's way in."""

from __future__ import annotations

import json

import pytest
from tests.personas import ZONE_B_MARK, World
from tests.test_zone_isolation import Route, all_routes, walk_as

from devzone.indicators.models import Observation, Target
from devzone.indicators.tests.factories import zone_b_target

API_PREFIXES = (
    "api/indicators",
    "api/observations",
    "api/targets",
    "api/board",
    "api/zones/<zone_id>/observations",
)


def indicator_routes() -> list[Route]:
    return [
        route
        for route in all_routes()
        if route.pattern.startswith(("indicators/", *API_PREFIXES))
        or route.pattern.startswith("api/zones/<zone_id>/template")
    ]


def test_the_walk_covers_every_indicator_route() -> None:
    patterns = {route.pattern for route in indicator_routes()}
    assert len(patterns) == 30
    assert "indicators/reporting/locks/<int:lock_id>/unlock/" in patterns
    assert "indicators/zones/<int:zone_id>/import/jobs/<int:job_id>/" in patterns
    assert "indicators/targets/<int:target_id>/" in patterns
    assert "indicators/plans/<int:plan_id>/track/" in patterns


@pytest.mark.parametrize("user_name", ["staff_a", "viewer_a"])
def test_zone_a_user_neither_reads_nor_changes_zone_b_indicators(world: World, user_name: str) -> None:
    zone_b_target(world)
    leaks = walk_as(world, getattr(world, user_name), marks=(ZONE_B_MARK,), among=indicator_routes())
    assert not leaks, "\n".join(leaks)


def test_zone_b_staff_reaches_their_own_targets(world: World) -> None:
    target = zone_b_target(world)
    client = world.client_for(world.staff_b)
    assert client.get(f"/indicators/targets/{target.pk}/").status_code == 200
    assert client.get(f"/indicators/zones/{world.zone_b.pk}/").status_code == 200
    assert client.get(f"/api/targets/{target.pk}").status_code == 200
    response = client.post(
        "/api/observations",
        data=json.dumps(
            {"zone_id": world.zone_b.pk, "rows": [{"code": "gdp", "period": "2023", "value": 600}]}
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Observation.objects.filter(zone=world.zone_b, period="2023", value=600.0).count() == 1
    assert Target.objects.filter(zone=world.zone_b).count() == 1
