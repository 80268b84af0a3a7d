"""Zone and unit directory pages, the API, and the refusals of bad input."""

from __future__ import annotations

import json

from tests.personas import World, make_zone

from devzone.audit.models import AuditEntry
from devzone.orgs.models import Unit, Zone


def test_zone_directory_filters(world: World) -> None:
    make_zone("丙区高新技术产业开发区", level="national")
    make_zone("遵义高新技术产业开发区", level="national", city="遵义市")
    client = world.client_for(world.coordinator)
    page = client.get("/orgs/zones/", {"level": "national"}).content.decode()
    assert "丙区高新技术产业开发区" in page
    assert world.zone_a.name not in page
    assert "遵义高新技术产业开发区" not in page  # another city's zone is outside the jurisdiction
    page = client.get("/orgs/zones/", {"q": "甲区"}).content.decode()
    assert world.zone_a.name in page
    assert "丙区" not in page


def test_zone_staff_directory_lists_only_their_zone(world: World) -> None:
    page = world.client_for(world.staff_a).get("/orgs/zones/").content.decode()
    assert world.zone_a.name in page
    assert world.zone_b.name not in page


def test_zone_profile_shows_units_and_history(world: World) -> None:
    page = world.client_for(world.staff_a).get(f"/orgs/zones/{world.zone_a.pk}/").content.decode()
    assert world.unit_a.name in page
    assert "新建" in page  # the creation entry in the history


def test_zone_staff_edit_only_descriptive_fields(world: World) -> None:
    client = world.client_for(world.staff_a)
    form = {
        "name": "改名",
        "short_name": "甲区",
        "level": "national",
        "kind": "hitech",
        "region_code": "111111",
        "province": "x",
        "city": "x",
        "aliases": "",
        "description": "园区简介",
    }
    assert client.post(f"/orgs/zones/{world.zone_a.pk}/edit/", form).status_code == 302
    world.zone_a.refresh_from_db()
    assert (world.zone_a.name, world.zone_a.level, world.zone_a.description) == (
        "甲区经济开发区",
        "provincial",
        "园区简介",
    )


def test_duplicate_zone_name_is_refused_and_nothing_written(world: World) -> None:
    client = world.client_for(world.coordinator)
    before = (Zone.objects.count(), AuditEntry.objects.count())
    payload = {
        "name": world.zone_a.name,
        "level": "provincial",
        "kind": "etdz",
        "region_code": "320703",
        "province": "江苏省",
        "city": "连云港市",
    }
    response = client.post("/api/zones", data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 422
    assert "name" in response.json()["detail"]
    assert (Zone.objects.count(), AuditEntry.objects.count()) == before


def test_region_code_must_be_six_digits(world: World) -> None:
    client = world.client_for(world.coordinator)
    before = (Zone.objects.count(), AuditEntry.objects.count())
    form = {
        "name": "丁区",
        "short_name": "",
        "level": "provincial",
        "kind": "etdz",
        "region_code": "32070",
        "province": "江苏省",
        "city": "连云港市",
        "aliases": "",
        "description": "",
    }
    page = client.post("/orgs/zones/new/", form).content.decode()
    assert "6 位数字" in page
    assert (Zone.objects.count(), AuditEntry.objects.count()) == before


def test_zone_staff_cannot_create_zones_or_units(world: World) -> None:
    client = world.client_for(world.staff_a)
    assert client.get("/orgs/zones/new/").status_code == 403
    response = client.post(
        "/api/units",
        data=json.dumps({"name": "x", "short_name": "x", "kind": "bureau", "province": "江苏省"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Unit.objects.filter(name="x").exists()


def test_resolve_page_expands_groups_and_reports_unresolved(world: World) -> None:
    client = world.client_for(world.coordinator)
    page = client.get(
        "/orgs/resolve/", {"text": "各开发区管委会、市_、市商务局", "city": "连云港市"}
    ).content.decode()
    assert world.unit_a.name in page and world.unit_b.name in page
    assert "市_" in page and "隐去" in page
    assert world.bureau.name in page


def test_resolve_api_hides_other_zones_members(world: World) -> None:
    client = world.client_for(world.staff_a)
    response = client.post(
        "/api/resolve",
        data=json.dumps({"text": "各开发区管委会", "city": "连云港市"}),
        content_type="application/json",
    )
    assert response.json()["resolved"][0]["unit_ids"] == [world.unit_a.pk]
