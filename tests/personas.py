"""Test personas shared by every slice: two zones, a staff user for each, a coordinator, an admin, viewers.

Both zones lie in 连云港市 (江苏省); the coordinator and the city-wide viewer hold that city.

Zone B's records all carry the marker ``乙区ZBMARK`` so a test can assert that nothing of
zone B ever reaches a zone-A user.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
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


# The personas in the database the way make_world() leaves it, recorded once per test session (conftest.py's
# django_db_setup) and written back for each test that asks for them.
WORLD_RECORDING = pytest.StashKey["WorldRecording | None"]()


@pytest.fixture
def world(request: pytest.FixtureRequest, db: None) -> World:
    """The personas, made for this test. 612 of the database passes' 668 tests take them, and making them
    through the application (seven users with their password histories, the zones, units and group, the
    token, each audited) is 182 statements, ~46 ms: ~30 s a pass. Where the tables the world writes hold
    what they held when it was recorded, the test gets the recorded rows written back (a statement or two
    a table) and a copy of the recorded objects instead; anywhere else (a module's own records already in
    those tables), the world is made as before."""
    recording = request.config.stash.get(WORLD_RECORDING, None)
    if recording is not None and recording.fits():
        return recording.replay()
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


Row = tuple[Any, ...]


def _rows(model: type[Model]) -> dict[Any, Row]:
    """Every row of ``model``'s table by primary key, as the ORM reads it."""
    names = [f.attname for f in model._meta.concrete_fields]
    position = names.index(model._meta.pk.attname)
    return {row[position]: row for row in model._base_manager.order_by().values_list(*names)}


def _prepared(model: type[Model], row: Row) -> Row:
    """A row as parameters to write it back with (each field's own conversion: JSON, times, files)."""
    fields = model._meta.concrete_fields
    return tuple(f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True))


@dataclass(frozen=True)
class RecordedTable:
    """What make_world() did to one table: the rows it added and the rows it changed (by primary key)."""

    model: type[Model]
    added: list[Row]
    changed: list[Row]  # each row's values, then its primary key (an UPDATE's parameters)
    before: tuple[int, Any]  # the table's row count and largest primary key when it was recorded

    def write(self, cursor: Any) -> None:
        quote = connection.ops.quote_name
        meta = self.model._meta
        columns = [quote(f.column) for f in meta.concrete_fields]
        table = quote(meta.db_table)
        if self.added:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", self.added)  # noqa: S608
        if self.changed:
            sets = ", ".join(f"{c} = %s" for c in columns)
            cursor.executemany(f"UPDATE {table} SET {sets} WHERE {quote(meta.pk.column)} = %s", self.changed)  # noqa: S608


@dataclass(frozen=True)
class WorldRecording:
    world: World
    tables: list[RecordedTable]

    def _state_sql(self) -> str:
        quote = connection.ops.quote_name
        parts = []
        for t in self.tables:
            table, pk = quote(t.model._meta.db_table), quote(t.model._meta.pk.column)
            parts.append(f"(SELECT COUNT(*) FROM {table}), (SELECT MAX({pk}) FROM {table})")  # noqa: S608 - names from the models
        return "SELECT " + ", ".join(parts)

    def fits(self) -> bool:
        """Whether every table the world writes holds as many rows, up to the same key, as when recorded."""
        with connection.cursor() as cursor:
            cursor.execute(self._state_sql())
            now = cursor.fetchone()
        return list(now) == [v for t in self.tables for v in t.before]

    def replay(self) -> World:
        """The recorded rows written back, and a copy of the recorded objects (a test may change its own)."""
        # One transaction (a savepoint inside a test's), so the deferred foreign keys are checked once every
        # table is written, in a transactional test too.
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                table.write(cursor)
            # PostgreSQL's sequences do not see rows written with their keys; SQLite's counters do.
            grown = [t.model for t in self.tables if t.added]
            for statement in connection.ops.sequence_reset_sql(no_style(), grown):
                cursor.execute(statement)
        return copy.deepcopy(self.world)


def record_world() -> WorldRecording:
    """make_world() once, in a transaction rolled back: the rows it added or changed, table by table."""
    models = apps.get_models(include_auto_created=True)
    with transaction.atomic():
        before = {m: _rows(m) for m in models}
        made = make_world()
        tables = []
        for model in models:
            after = _rows(model)
            old = before[model]
            assert old.keys() <= after.keys(), f"make_world() deleted rows of {model._meta.label}"
            added = [_prepared(model, row) for pk, row in after.items() if pk not in old]
            changed = [
                (*_prepared(model, row), pk) for pk, row in after.items() if pk in old and old[pk] != row
            ]
            if added or changed:
                top = max(old, default=None)
                tables.append(RecordedTable(model, added, changed, (len(old), top)))
        transaction.set_rollback(True)
    return WorldRecording(copy.deepcopy(made), tables)


def recorded_world_setup(config: pytest.Config, blocker: Any) -> Iterator[None]:
    """For conftest.py's django_db_setup: record the world once the test database is made."""
    with blocker.unblock():
        config.stash[WORLD_RECORDING] = record_world()
    yield
    config.stash[WORLD_RECORDING] = None
