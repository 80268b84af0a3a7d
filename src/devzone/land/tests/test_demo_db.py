"""The land demo: parcels on a road grid for each zone, inside its boundary, holders from the zone's
enterprises, idle and inefficient candidates, two 标准厂房 with leases, one case in every state; the
same seed gives the same parcels; a second run adds nothing; it takes seconds."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from tests.personas import World

from devzone.enterprises.demo import build_enterprises_demo
from devzone.enterprises.models import Enterprise
from devzone.land.demo import build_land_demo
from devzone.land.models import Building, CaseState, DisposalCase, Lease, Parcel, ZoneBoundary
from devzone.land.store import candidates
from devzone.land.views.common import method


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_the_land_demo_gives_every_zone_parcels_and_one_case_in_each_state(world: World) -> None:
    zones = [world.zone_a, world.zone_b]
    build_enterprises_demo(seed=7, scale=0.1, zones=zones)
    started = time.perf_counter()
    counts = build_land_demo(seed=7, zones=zones)
    took = time.perf_counter() - started
    assert took < 20, took
    assert counts.zones == 2 and counts.parcels == Parcel.objects.count() > 50
    assert ZoneBoundary.objects.count() == 2
    holders = set(Parcel.objects.exclude(holder_uscc="").values_list("holder_uscc", flat=True))
    assert holders <= set(Enterprise.objects.values_list("uscc", flat=True)) and len(holders) > 10
    # the showcase zone is the first national one in the list — or the first zone
    showcase = next((z for z in zones if z.level == "national"), zones[0])
    assert sorted(DisposalCase.objects.filter(zone=showcase).values_list("state", flat=True)) == [
        int(s) for s in CaseState
    ]
    assert Building.objects.filter(zone=showcase).count() == 2
    assert Lease.objects.filter(zone=showcase).count() == counts.leases >= 5
    other = world.zone_b if showcase == world.zone_a else world.zone_a  # its candidates are not cases yet
    found = candidates(other, year=2025, on=dt.date(2025, 12, 31), method=method())
    assert len(found.idle) >= 3 and len(found.inefficient) >= 3, found
    refs = sorted(Parcel.objects.filter(zone=world.zone_a).values_list("ref", "area_calc_m2"))
    again = build_land_demo(seed=7, zones=zones)
    assert again.parcels == 0 and again.cases == 0
    assert sorted(Parcel.objects.filter(zone=world.zone_a).values_list("ref", "area_calc_m2")) == refs
