"""The PostgreSQL pass really runs on PostgreSQL (`make postgres` sets DEVZONE_DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.personas import World


@pytest.mark.postgres
def test_suite_runs_on_postgresql(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("DEVZONE_DATABASE_URL does not point at PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("select name from orgs_zone where name like %s", ["%ZBMARK%"])
        assert cursor.fetchall() == [(world.zone_b.name,)]
