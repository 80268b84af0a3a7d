"""The personas a database test gets (tests/personas.py): written back from the session's recording where
the tables it writes are as recorded, and then the same people, zones and audit chain that make_world()
makes — the 600-odd tests that take them rely on that."""

from __future__ import annotations

import pytest
from django.db.models import Model

from devzone.audit.chain import verify_chain
from devzone.audit.models import AuditEntry
from devzone.orgs.models import Zone
from tests.personas import PASSWORD, WORLD_RECORDING, make_zone


def test_the_recorded_world_is_written_back_whole_and_works_like_a_made_one(
    request: pytest.FixtureRequest, db: None
) -> None:
    recording = request.config.stash[WORLD_RECORDING]
    assert recording is not None and recording.fits()
    world = recording.replay()
    # the tables now hold the world, so a second one could not be written over it
    assert not recording.fits()
    # every object the test gets is the row the database holds, field for field
    for name, obj in vars(world).items():
        assert isinstance(obj, Model), name
        stored = type(obj)._base_manager.get(pk=obj.pk)
        for field in obj._meta.concrete_fields:
            assert field.value_from_object(stored) == field.value_from_object(obj), f"{name}.{field.name}"
    # the people sign in with the personas' password, in their own zones
    assert world.staff_a.check_password(PASSWORD)
    assert list(world.staff_a.zones.all()) == [world.zone_a]
    assert world.client_for(world.staff_b).get(f"/orgs/zones/{world.zone_b.pk}/").status_code == 200
    assert world.client_for(world.staff_a).get(f"/orgs/zones/{world.zone_b.pk}/").status_code == 404
    # the audit chain the world wrote verifies, and the next audited record gets a new id and chains on
    assert verify_chain().ok and AuditEntry.objects.exists()
    zone = make_zone("丙区经济开发区")
    assert zone.pk > max(world.zone_a.pk, world.zone_b.pk)
    assert verify_chain().ok


def test_a_copy_for_each_test_so_one_tests_changes_never_reach_the_next(
    request: pytest.FixtureRequest, db: None
) -> None:
    recording = request.config.stash[WORLD_RECORDING]
    first = recording.replay()
    first.zone_a.name = "改过的名称"
    assert recording.world.zone_a.name == "甲区经济开发区"
    assert first.unit_a.zone is first.zone_a  # a copy keeps the objects' links to one another


def test_where_a_test_has_records_of_its_own_in_those_tables_the_world_is_made(
    request: pytest.FixtureRequest, db: None
) -> None:
    make_zone("先有的开发区")
    assert not request.config.stash[WORLD_RECORDING].fits()
    world = request.getfixturevalue("world")
    assert world.staff_b.zones.get() == world.zone_b
    assert sorted(Zone.objects.values_list("name", flat=True)) == sorted(
        ["先有的开发区", "甲区经济开发区", world.zone_b.name]
    )
    assert verify_chain().ok
