"""The URL walk of tests/test_zone_isolation.py over the indicator routes only, and the owner's way in."""

from __future__ import annotations

import json

import pytest
from tests.personas import ZONE_B_MARK, World
from tests.test_zone_isolation import METHODS, REFUSED, all_routes, hostile_payloads, send, zone_b_state

from devzone.indicators.models import Observation, Target
from devzone.indicators.tests.factories import zone_b_target

API_PREFIXES = (
    "api/indicators",
    "api/observations",
    "api/targets",
    "api/board",
    "api/zones/<zone_id>/observations",
)


def indicator_routes() -> list[object]:
    return [
        route
        for route in all_routes()
        if route.pattern.startswith(("indicators/", *API_PREFIXES))
        or route.pattern.startswith("api/zones/<zone_id>/template")
    ]


def test_the_walk_covers_every_indicator_route() -> None:
    patterns = {route.pattern for route in indicator_routes()}
    assert len(patterns) == 29
    assert "indicators/reporting/locks/<int:lock_id>/unlock/" in patterns
    assert "indicators/targets/<int:target_id>/" in patterns
    assert "indicators/plans/<int:plan_id>/track/" in patterns


@pytest.mark.parametrize("user_name", ["staff_a", "viewer_a"])
def test_zone_a_user_neither_reads_nor_changes_zone_b_indicators(world: World, user_name: str) -> None:
    user = getattr(world, user_name)
    client = world.client_for(user)
    zone_b_target(world)
    paths = [(route, route.fill(world)) for route in indicator_routes()]
    before = zone_b_state(world)
    leaks: list[str] = []
    for route, path in paths:
        for method, payload in [("get", None)] + [
            (m, p) for m in METHODS[1:] for p in hostile_payloads(world)
        ]:
            response = send(client, method, path, payload)
            body = response.content.decode("utf-8", "replace")
            if ZONE_B_MARK in body:
                leaks.append(f"{method.upper()} {path} shows zone B ({response.status_code})")
            if route.params and response.status_code not in REFUSED:
                leaks.append(f"{method.upper()} {path} answered {response.status_code}")
        assert zone_b_state(world) == before, f"zone B changed after requests to {path}"
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
