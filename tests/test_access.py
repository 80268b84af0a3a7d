"""The zone scope helper, role by role."""

from __future__ import annotations

from devzone.accounts.access import can_change, can_view, scope, visible_zone_ids
from devzone.orgs.models import Unit, Zone
from tests.personas import World


def names(qs: object) -> set[str]:
    return {z.name for z in qs}  # type: ignore[attr-defined]


def test_zone_staff_see_only_their_zones(world: World) -> None:
    zones = scope(world.staff_a, Zone.objects.all(), zone_field="pk")
    assert names(zones) == {world.zone_a.name}
    assert visible_zone_ids(world.staff_a) == {world.zone_a.pk}


def test_coordinator_and_admin_see_every_zone(world: World) -> None:
    for user in (world.coordinator, world.admin):
        assert names(scope(user, Zone.objects.all(), zone_field="pk")) == {
            world.zone_a.name,
            world.zone_b.name,
        }
        assert visible_zone_ids(user) is None


def test_viewer_without_zones_reads_all_and_changes_nothing(world: World) -> None:
    assert visible_zone_ids(world.viewer) is None
    assert can_view(world.viewer, world.zone_b)
    assert not can_change(world.viewer, world.zone_a)
    assert not can_change(world.viewer, world.bureau)


def test_viewer_with_zones_reads_only_those(world: World) -> None:
    assert visible_zone_ids(world.viewer_a) == {world.zone_a.pk}
    assert not can_view(world.viewer_a, world.zone_b)
    assert not can_change(world.viewer_a, world.zone_a)


def test_shared_units_are_visible_to_all_but_changed_only_by_the_city(world: World) -> None:
    units = scope(world.staff_a, Unit.objects.all())
    assert names(units) == {world.unit_a.name, world.bureau.name}
    assert can_view(world.staff_a, world.bureau)
    assert not can_change(world.staff_a, world.bureau)
    assert can_change(world.coordinator, world.bureau)


def test_zone_staff_change_their_zone_not_the_other(world: World) -> None:
    assert can_change(world.staff_a, world.zone_a)
    assert not can_change(world.staff_a, world.zone_b)
    assert not can_view(world.staff_a, world.unit_b)
