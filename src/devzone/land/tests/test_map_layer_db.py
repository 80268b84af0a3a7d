"""The map's parcel layer is kept between requests and rebuilt after any audited write: a case opened
on a parcel shows on the next request, an unchanged zone is served the same text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.personas import World

from devzone.land.actions import open_case
from devzone.land.models import Parcel
from devzone.land.tests.world_db import import_worked


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_the_parcel_layer_follows_each_audited_write(
    world: World, django_assert_max_num_queries: Any
) -> None:
    import_worked(world.zone_a)
    client = world.client_for(world.staff_a)
    url = f"/land/zones/{world.zone_a.pk}/parcels.geojson?year=2024"
    first = client.get(url).json()
    assert {f["properties"]["name"]: f["properties"]["case"] for f in first["features"]}["P3"] == "无"
    with django_assert_max_num_queries(8):  # the session, the user, the zone, the token: not the parcels
        again = client.get(url)
    assert again.json() == first
    open_case(kind="idle", parcel=Parcel.objects.get(zone=world.zone_a, ref="P3"), rules=[], reasons=[],
              actor=world.staff_a, source="test")  # fmt: skip
    after = client.get(url).json()
    assert {f["properties"]["name"]: f["properties"]["case"] for f in after["features"]}["P3"] == "候选"
