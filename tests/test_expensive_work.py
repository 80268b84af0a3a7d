"""Expensive work is bounded (issue 15, criterion 7): a recomputation is a POST, for roles that may change
data, at most N a minute per person and per address, and at most one at a time per server process."""

from __future__ import annotations

import pytest
from django.test import override_settings

from devzone.core import throttle
from devzone.enterprises.tests.test_views_world import zone_b_records
from tests.personas import World


def reproduce(client: object, run_id: int, *, api: bool) -> object:
    path = f"/api/mu-runs/{run_id}/reproduce" if api else f"/enterprises/runs/{run_id}/reproduce/"
    return client.post(path)  # type: ignore[attr-defined]


def test_a_recomputation_is_a_post_for_people_who_may_change_data(world: World) -> None:
    run = zone_b_records(world).run
    staff, viewer = world.client_for(world.staff_b), world.client_for(world.viewer)
    assert staff.get(f"/api/mu-runs/{run.pk}/reproduce").status_code == 405
    assert viewer.post(f"/api/mu-runs/{run.pk}/reproduce").status_code == 403
    assert viewer.post(f"/enterprises/runs/{run.pk}/reproduce/").status_code == 403
    assert 'id="reproduce"' not in viewer.get(f"/enterprises/runs/{run.pk}/").content.decode()
    answer = staff.post(f"/api/mu-runs/{run.pk}/reproduce")
    assert answer.status_code == 200 and answer.json()["identical"] is True


@pytest.fixture
def one_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """The counting window stretched to an hour, so that a slow run of these requests does not cross a
    minute boundary (where every count starts again) half-way through a test."""
    monkeypatch.setattr(throttle, "WINDOW_SECONDS", 3600)


@override_settings(DEVZONE_EXPENSIVE_PER_MINUTE=2)
def test_each_person_and_each_address_may_start_only_so_many_a_minute(world: World, one_window: None) -> None:
    run = zone_b_records(world).run
    staff = world.client_for(world.staff_b)
    assert [reproduce(staff, run.pk, api=True).status_code for _ in range(3)] == [200, 200, 429]
    refused = reproduce(staff, run.pk, api=True)
    assert (
        "一分钟内最多发起 2 次" in refused.json()["detail"]
        and int(refused["Retry-After"]) <= throttle.WINDOW_SECONDS
    )
    page = reproduce(staff, run.pk, api=False)
    assert page.status_code == 429 and "请稍后再试" in page.content.decode()
    # another person at the same address is held by the address's own count
    coordinator = world.client_for(world.coordinator)
    assert reproduce(coordinator, run.pk, api=True).status_code == 429
    # from another address the coordinator still may
    assert coordinator.post(f"/api/mu-runs/{run.pk}/reproduce", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_second_recomputation_while_one_runs_is_refused_at_once(world: World) -> None:
    run = zone_b_records(world).run
    staff = world.client_for(world.staff_b)
    slots = throttle._semaphore()
    assert slots.acquire(blocking=False)
    try:
        busy = reproduce(staff, run.pk, api=True)
        assert busy.status_code == 429 and "正在进行其他复核计算" in busy.json()["detail"]
    finally:
        slots.release()
    assert reproduce(staff, run.pk, api=True).status_code == 200


@override_settings(DEVZONE_API_PER_MINUTE=5)
def test_the_api_answers_429_in_chinese_past_the_rate_of_a_person_or_an_address(
    world: World, one_window: None
) -> None:
    staff = world.client_for(world.staff_b)
    codes = [staff.get("/api/zones").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    refused = staff.get("/api/zones")
    assert refused.json()["detail"] == "请求过于频繁，请稍后再试" and refused.has_header("Retry-After")
    assert staff.get("/api/zones", REMOTE_ADDR="10.0.0.7").status_code == 429, "the person's own count"
    other = world.client_for(world.viewer)
    assert other.get("/api/zones").status_code == 429, "the address's count"
    assert other.get("/api/zones", REMOTE_ADDR="10.0.0.8").status_code == 200
