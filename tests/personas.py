"""Test personas shared by every slice: two zones, a staff user for each, a coordinator, an admin, viewers.

Both zones lie in 连云港市 (江苏省); the coordinator and the city-wide viewer hold that city.

Zone B's records all carry the marker ``乙区ZBMARK`` so a test can assert that nothing of
zone B ever reaches a zone-A user.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from devzone.accounts.actions import create_user
from devzone.accounts.models import ApiToken, Role, User
from devzone.accounts.tokens import issue_token
from devzone.audit.actions import save_audited
from devzone.orgs.models import OwnerGroup, Unit, Zone

PASSWORD = "Correct-Horse-42"
ZONE_B_MARK = "乙区ZBMARK"


@dataclass
class World:
    zone_a: Zone
    zone_b: Zone
    unit_a: Unit
    unit_b: Unit
    bureau: Unit
    group: OwnerGroup
    staff_a: User
    staff_b: User
    coordinator: User
    admin: User
    viewer: User
    viewer_a: User
    token_b: ApiToken

    def client_for(self, user: User | None, *, enforce_csrf: bool = False) -> Client:
        client = Client(enforce_csrf_checks=enforce_csrf)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client


def make_zone(name: str, *, city: str = "连云港市", level: str = "provincial") -> Zone:
    zone = Zone(
        name=name,
        short_name=name[:4],
        level=level,
        kind="etdz",
        region_code="320703",
        province="江苏省",
        city=city,
    )
    save_audited(zone, actor=None, source="test")
    return zone


def make_unit(name: str, *, zone: Zone | None = None, short_name: str = "", kind: str = "bureau") -> Unit:
    unit = Unit(
        name=name, short_name=short_name or name, kind=kind, province="江苏省", city="连云港市", zone=zone
    )
    save_audited(unit, actor=None, source="test")
    return unit


def make_user(
    username: str, role: Role, zones: list[Zone] | None = None, *, province: str = "", city: str = ""
) -> User:
    return create_user(
        actor=None,
        username=username,
        password=PASSWORD,
        role=role,
        zones=zones or [],
        source="test",
        province=province,
        city=city,
    )


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def make_world() -> World:
    zone_a = make_zone("甲区经济开发区")
    zone_b = make_zone(f"{ZONE_B_MARK}经济开发区")
    unit_a = make_unit("甲区经济开发区管委会", zone=zone_a, kind="zone_committee")
    unit_b = make_unit(f"{ZONE_B_MARK}管委会", zone=zone_b, kind="zone_committee")
    bureau = make_unit("连云港市商务局", short_name="市商务局")
    group = OwnerGroup(name="各开发区管委会", province="江苏省", city="连云港市")
    save_audited(group, actor=None, source="test", m2m={"members": [unit_a.pk, unit_b.pk]})
    staff_b = make_user("staff_b", Role.ZONE_STAFF, [zone_b])
    token_b, _key = issue_token(user=staff_b, name=f"{ZONE_B_MARK} token")
    return World(
        zone_a=zone_a,
        zone_b=zone_b,
        unit_a=unit_a,
        unit_b=unit_b,
        bureau=bureau,
        group=group,
        staff_a=make_user("staff_a", Role.ZONE_STAFF, [zone_a]),
        staff_b=staff_b,
        coordinator=make_user("coord", Role.COORDINATOR, province="江苏省", city="连云港市"),
        admin=make_user("boss", Role.ADMIN),
        viewer=make_user("viewer", Role.VIEWER, province="江苏省", city="连云港市"),
        viewer_a=make_user("viewer_a", Role.VIEWER, [zone_a]),
        token_b=token_b,
    )


@dataclass
class FarWorld:
    """Users of another city of the same province (苏州市) and of another province (遵义市, 贵州省)."""

    zone_c: Zone
    zone_d: Zone
    staff_c: User
    staff_d: User
    coordinator_c: User
    coordinator_d: User
    province_d: User
    province_js: User


@pytest.fixture
def far_world(world: World) -> FarWorld:
    return make_far_world()


def make_far_world() -> FarWorld:
    zone_c = make_zone("苏州工业园区", city="苏州市")
    zone_d = Zone(
        name="遵义国家经济技术开发区",
        short_name="遵义经开区",
        level="national",
        kind="etdz",
        region_code="520300",
        province="贵州省",
        city="遵义市",
    )
    save_audited(zone_d, actor=None, source="test")
    return FarWorld(
        zone_c=zone_c,
        zone_d=zone_d,
        staff_c=make_user("staff_c", Role.ZONE_STAFF, [zone_c]),
        staff_d=make_user("staff_d", Role.ZONE_STAFF, [zone_d]),
        coordinator_c=make_user("coord_c", Role.COORDINATOR, province="江苏省", city="苏州市"),
        coordinator_d=make_user("coord_d", Role.COORDINATOR, province="贵州省", city="遵义市"),
        province_d=make_user("coord_gz", Role.COORDINATOR, province="贵州省"),
        province_js=make_user("coord_js", Role.COORDINATOR, province="江苏省"),
    )
