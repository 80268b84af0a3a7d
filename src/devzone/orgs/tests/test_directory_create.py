"""Creating units, unit groups and aliases on the web; a name already taken is refused next to the field."""

from __future__ import annotations

from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.orgs.directory import load_directory
from devzone.orgs.models import OwnerGroup, Unit
from devzone.orgs.resolve import Match, resolve_name

UNIT = {
    "name": "连云港市发展和改革委员会",
    "short_name": "",
    "kind": "bureau",
    "province": "江苏省",
    "city": "连云港市",
    "zone": "",
    "aliases": "市发改委、发改委",
}


def test_coordinator_creates_a_unit_with_aliases_that_plans_then_resolve(world: World) -> None:
    client = world.client_for(world.coordinator)
    assert "新建责任单位" in client.get("/orgs/units/").content.decode()
    form = client.get("/orgs/units/new/", {"name": "连云港市发展和改革委员会"}).content.decode()
    assert 'value="连云港市发展和改革委员会"' in form
    response = client.post("/orgs/units/new/", UNIT)
    unit = Unit.objects.get(name=UNIT["name"])
    assert response.status_code == 302 and response["Location"] == f"/orgs/units/{unit.pk}/"
    assert (unit.short_name, unit.aliases) == (UNIT["name"], ["市发改委", "发改委"])
    assert AuditEntry.objects.filter(model="orgs.Unit", object_pk=str(unit.pk), action="create").exists()
    found = resolve_name("市发改委", load_directory(), city="连云港市", province="江苏省")
    assert isinstance(found, Match) and found.entry.id == unit.pk


def test_a_unit_name_that_exists_is_refused_next_to_the_field(world: World) -> None:
    client = world.client_for(world.coordinator)
    before = (Unit.objects.count(), AuditEntry.objects.count())
    response = client.post("/orgs/units/new/", {**UNIT, "name": "连云港市商务局"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "已有名为“连云港市商务局”的责任单位" in page
    assert page.index("已有名为") > page.index('name="name"')  # under the name field, not a bare error page
    assert (Unit.objects.count(), AuditEntry.objects.count()) == before


def test_zone_staff_create_units_of_their_own_zone_only(world: World) -> None:
    staff = world.client_for(world.staff_a)
    page = staff.get("/orgs/units/new/").content.decode()
    assert world.zone_a.name in page and world.zone_b.name not in page
    assert staff.post("/orgs/units/new/", UNIT).status_code == 403
    ok = staff.post("/orgs/units/new/", {**UNIT, "name": "甲区经济发展局", "zone": world.zone_a.pk})
    assert ok.status_code == 302 and Unit.objects.get(name="甲区经济发展局").zone == world.zone_a
    other = staff.post("/orgs/units/new/", {**UNIT, "name": "乙区某局", "zone": world.zone_b.pk})
    assert other.status_code == 400 and not Unit.objects.filter(name="乙区某局").exists()
    assert world.client_for(world.viewer).get("/orgs/units/new/").status_code == 403


def test_coordinator_creates_a_unit_group_and_plans_expand_it(world: World) -> None:
    client = world.client_for(world.coordinator)
    form = {
        "name": "各相关单位",
        "province": "江苏省",
        "city": "连云港市",
        "aliases": "相关部门",
        "members": [world.bureau.pk, world.unit_a.pk],
    }
    assert client.post("/orgs/groups/new/", form).status_code == 302
    group = OwnerGroup.objects.get(name="各相关单位")
    assert set(group.members.all()) == {world.bureau, world.unit_a} and group.aliases == ["相关部门"]
    page = client.get("/orgs/units/").content.decode()
    assert "各相关单位" in page
    before = (OwnerGroup.objects.count(), AuditEntry.objects.count())
    again = client.post("/orgs/groups/new/", form)
    assert again.status_code == 400 and "连云港市已有名为“各相关单位”的单位组" in again.content.decode()
    no_members = client.post("/orgs/groups/new/", {**form, "name": "空组", "members": []})
    assert no_members.status_code == 400
    assert (OwnerGroup.objects.count(), AuditEntry.objects.count()) == before
    assert world.client_for(world.staff_a).post("/orgs/groups/new/", form).status_code == 403


def test_coordinator_adds_an_alias_to_a_unit_and_a_taken_name_is_refused(world: World) -> None:
    client = world.client_for(world.coordinator)
    form = {
        "name": world.bureau.name,
        "short_name": world.bureau.short_name,
        "kind": "bureau",
        "province": "江苏省",
        "city": "连云港市",
        "zone": "",
        "aliases": "市商务和口岸局",
    }
    assert client.post(f"/orgs/units/{world.bureau.pk}/edit/", form).status_code == 302
    found = resolve_name("市商务和口岸局", load_directory(), city="连云港市", province="江苏省")
    assert isinstance(found, Match) and found.entry.id == world.bureau.pk
    before = AuditEntry.objects.count()
    taken = client.post(f"/orgs/units/{world.bureau.pk}/edit/", {**form, "name": world.unit_a.name})
    assert taken.status_code == 400 and f"已有名为“{world.unit_a.name}”的责任单位" in taken.content.decode()
    world.bureau.refresh_from_db()
    assert world.bureau.name == "连云港市商务局" and AuditEntry.objects.count() == before
