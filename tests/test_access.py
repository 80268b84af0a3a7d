"""The access helper, role by role: jurisdiction by province → city → zone, and 三员分立."""

from __future__ import annotations

import json

from devzone.accounts.access import (
    can_change,
    can_change_place,
    can_view,
    changeable_zone_ids,
    may_manage_accounts,
    may_manage_security,
    may_read_audit,
    scope,
    visible_zone_ids,
)
from devzone.accounts.models import Role
from devzone.indicators.models import Target
from devzone.indicators.tests.factories import target
from devzone.orgs.models import Unit, Zone
from devzone.plans.actions import publish_plan
from devzone.plans.models import Assignment, Plan
from devzone.plans.tests.factories import import_plan
from tests.personas import FarWorld, World, make_unit, make_user

BUREAU_PLAN = "市级统筹行动方案\n一、主要任务\n1.完善统计制度。2026年12月底前完成。(责任单位:市商务局)\n"
SHARED_PLAN = "市级开发区行动方案\n一、主要任务\n1.建设公共平台。2026年12月底前完成。(牵头单位:市商务局;配合单位:甲区经济开发区管委会)\n"


def names(qs: object) -> set[str]:
    return {z.name for z in qs}  # type: ignore[attr-defined]


def test_zone_staff_see_only_their_zones(world: World) -> None:
    zones = scope(world.staff_a, Zone.objects.all(), zone_field="pk")
    assert names(zones) == {world.zone_a.name}
    assert visible_zone_ids(world.staff_a) == {world.zone_a.pk}


def test_a_city_coordinator_sees_their_city_and_not_another(world: World, far_world: FarWorld) -> None:
    zones = names(scope(world.coordinator, Zone.objects.all(), zone_field="pk"))
    assert zones == {world.zone_a.name, world.zone_b.name}
    assert visible_zone_ids(world.coordinator) == {world.zone_a.pk, world.zone_b.pk}
    assert can_change(world.coordinator, world.zone_b)
    assert not can_view(world.coordinator, far_world.zone_c)
    assert not can_change(world.coordinator, far_world.zone_c)
    assert names(scope(far_world.coordinator_c, Zone.objects.all(), zone_field="pk")) == {
        far_world.zone_c.name
    }


def test_a_provincial_coordinator_sees_every_city_of_the_province(world: World, far_world: FarWorld) -> None:
    js = names(scope(far_world.province_js, Zone.objects.all(), zone_field="pk"))
    assert js == {world.zone_a.name, world.zone_b.name, far_world.zone_c.name}
    assert names(scope(far_world.province_d, Zone.objects.all(), zone_field="pk")) == {far_world.zone_d.name}
    assert can_change(far_world.province_js, world.bureau)
    assert not can_view(far_world.province_d, world.bureau)


def test_the_system_administrator_sees_every_province(world: World, far_world: FarWorld) -> None:
    assert visible_zone_ids(world.admin) is None
    assert scope(world.admin, Zone.objects.all(), zone_field="pk").count() == 4


def test_city_level_records_belong_to_their_city(world: World, far_world: FarWorld) -> None:
    city_target = target(None, city="连云港市")
    assert can_view(world.coordinator, city_target)
    assert can_change(world.coordinator, city_target)
    for outsider in (
        far_world.coordinator_c,
        far_world.coordinator_d,
        far_world.province_d,
        far_world.staff_d,
    ):
        assert not can_view(outsider, city_target), outsider.username
        assert not can_change(outsider, city_target), outsider.username
        assert city_target not in scope(outsider, Target.objects.all())
    # the city's own zone staff read the city total (it covers their zone) and change nothing of it
    assert can_view(world.staff_a, city_target)
    assert not can_change(world.staff_a, city_target)


def test_a_coordinator_creates_city_records_only_in_their_jurisdiction(
    world: World, far_world: FarWorld
) -> None:
    assert can_change_place(world.coordinator, city="连云港市", province="江苏省")
    assert not can_change_place(world.coordinator, city="遵义市", province="贵州省")
    assert not can_change_place(world.coordinator, city="", province="江苏省")  # a city is not the province
    assert can_change_place(far_world.province_js, city="苏州市", province="江苏省")
    assert not can_change_place(world.staff_a, city="连云港市", province="江苏省")


def test_zone_staff_read_a_city_plan_only_when_it_names_their_unit(world: World, far_world: FarWorld) -> None:
    bureau_only = publish_plan(import_plan(BUREAU_PLAN, name="bureau.txt"), actor=None, source="test")
    shared = publish_plan(import_plan(SHARED_PLAN, name="shared.txt"), actor=None, source="test")
    assert names_of(scope(world.staff_a, Plan.objects.all())) == {shared.title}
    assert names_of(scope(world.staff_b, Plan.objects.all())) == set()
    assert names_of(scope(far_world.staff_d, Plan.objects.all())) == set()
    assert names_of(scope(world.coordinator, Plan.objects.all())) == {shared.title, bureau_only.title}
    assert names_of(scope(far_world.coordinator_d, Plan.objects.all())) == set()
    # the bureau's assignment (its 督办单) is never zone staff's, even in a plan they read
    bureau_assignment = Assignment.objects.get(task__plan=shared, unit__name="连云港市商务局")
    own = Assignment.objects.get(task__plan=shared, unit=world.unit_a)
    assert not can_view(world.staff_a, bureau_assignment)
    assert can_view(world.staff_a, own)
    assert set(scope(world.staff_a, Assignment.objects.all(), zone_field="unit__zone")) == {own}


def names_of(plans: object) -> set[str]:
    return {p.title for p in plans}  # type: ignore[attr-defined]


def test_viewers_read_their_zones_or_their_jurisdiction_and_change_nothing(world: World) -> None:
    assert visible_zone_ids(world.viewer) == {world.zone_a.pk, world.zone_b.pk}
    assert can_view(world.viewer, world.zone_b)
    assert not can_change(world.viewer, world.zone_a)
    assert not can_change(world.viewer, world.bureau)
    assert visible_zone_ids(world.viewer_a) == {world.zone_a.pk}
    assert not can_view(world.viewer_a, world.zone_b)
    nowhere = make_user("nowhere", Role.VIEWER)
    assert visible_zone_ids(nowhere) == set()
    assert not can_view(nowhere, world.bureau)


def test_the_city_directory_is_read_in_the_city_and_changed_by_its_coordinator(
    world: World, far_world: FarWorld
) -> None:
    units = scope(world.staff_a, Unit.objects.all())
    assert names(units) == {world.unit_a.name, world.bureau.name}
    assert not can_change(world.staff_a, world.bureau)
    assert can_change(world.coordinator, world.bureau)
    assert world.bureau.name not in names(scope(far_world.staff_d, Unit.objects.all()))
    provincial = make_unit("江苏省商务厅")
    provincial.city = ""
    provincial.save()
    assert can_view(world.coordinator, provincial)  # a city reads its province's records
    assert not can_change(world.coordinator, provincial)  # and changes them not
    assert can_change(far_world.province_js, provincial)


def test_zone_staff_change_their_zone_not_the_other(world: World) -> None:
    assert can_change(world.staff_a, world.zone_a)
    assert not can_change(world.staff_a, world.zone_b)
    assert not can_view(world.staff_a, world.unit_b)


def test_the_three_administrators_hold_one_power_each(world: World) -> None:
    security = make_user("sec", Role.SECURITY_ADMIN)
    auditor = make_user("aud", Role.AUDIT_ADMIN)
    assert (
        may_manage_accounts(world.admin),
        may_manage_security(world.admin),
        may_read_audit(world.admin),
    ) == (
        True,
        False,
        False,
    )
    assert (may_manage_accounts(security), may_manage_security(security), may_read_audit(security)) == (
        False,
        True,
        False,
    )
    assert (may_manage_accounts(auditor), may_manage_security(auditor), may_read_audit(auditor)) == (
        False,
        False,
        True,
    )
    for user in (security, auditor):
        assert visible_zone_ids(user) == set()
        assert changeable_zone_ids(user) == set()
        assert not can_view(user, world.zone_a)


def test_a_superuser_flag_grants_nothing(world: World) -> None:
    world.viewer_a.is_superuser = True
    world.viewer_a.is_staff = True
    world.viewer_a.save()
    assert not may_read_audit(world.viewer_a)
    assert not may_manage_accounts(world.viewer_a)
    assert not can_change(world.viewer_a, world.zone_a)


def test_a_coordinator_cannot_create_or_move_records_into_another_city(
    world: World, far_world: FarWorld
) -> None:
    client = world.client_for(world.coordinator)
    zone = {
        "name": "遵义新区",
        "short_name": "遵义新区",
        "level": "provincial",
        "kind": "etdz",
        "region_code": "520300",
        "province": "贵州省",
        "city": "遵义市",
    }
    assert (
        client.post("/api/zones", data=json.dumps(zone), content_type="application/json").status_code == 403
    )
    assert not Zone.objects.filter(name="遵义新区").exists()
    moved = client.patch(
        f"/api/zones/{world.zone_a.pk}",
        data=json.dumps({"province": "贵州省", "city": "遵义市"}),
        content_type="application/json",
    )
    assert moved.status_code == 403
    world.zone_a.refresh_from_db()
    assert (world.zone_a.province, world.zone_a.city) == ("江苏省", "连云港市")
    unit = client.patch(
        f"/api/units/{world.bureau.pk}", data=json.dumps({"city": "遵义市"}), content_type="application/json"
    )
    assert unit.status_code == 403
    world.bureau.refresh_from_db()
    assert world.bureau.city == "连云港市"
    own = {**zone, "name": "连云港新区", "province": "江苏省", "city": "连云港市"}
    assert client.post("/api/zones", data=json.dumps(own), content_type="application/json").status_code == 201
