"""Benchmark: a 5,000-parcel zone through the land slice's Django layer (issue 19, criterion 7's server side).

1. Importing a 5,000-parcel GeoJSON (EPSG:4545) through the action — read, every check, the database
   write, the audit — against the engines' check of the same file alone (``check_file``, no database).
2. The map's GeoJSON endpoint for that zone, fetched through the Django test client as the zone's
   staff (database read, WKT parse, candidates for the map's layer, simplification), against the
   engine's ``feature_collection`` on the same parcels already in memory.
Parcels: a grid of 100 × 50 rectangles 60 m × 40 m with 10 m roads, classes from a fixed seed.
The page's draw time in Chromium is not measured here (no browser in this benchmark).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
django.setup()

import shapely  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from devzone.accounts.models import Role, User  # noqa: E402
from devzone.land.actions import check_file, import_parcels  # noqa: E402
from devzone.land.mapjson import MapFeature, feature_collection  # noqa: E402
from devzone.land.method_load import resolve  # noqa: E402
from devzone.orgs.models import Zone  # noqa: E402

SEED = 20261202
COLUMNS, ROWS = 100, 50
ORIGIN = (391_600.0, 3_066_000.0)
REPEATS = 5


def parcel_file(rng: random.Random) -> bytes:
    features = []
    for i in range(COLUMNS * ROWS):
        x, y = ORIGIN[0] + (i % COLUMNS) * 70, ORIGIN[1] + (i // COLUMNS) * 50
        props = {"id": f"G{i:05d}", "JSZK": rng.choice(["A2", "A2", "A2", "B21", "A4", "A52"]),
                 "GYZK": rng.choice(["D21", "D1"]), "JZMJ": rng.uniform(0, 4000), "JDMJ": rng.uniform(0, 1500)}  # fmt: skip
        box = shapely.box(x, y, x + 60, y + 40)
        features.append({"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(box)})
    data = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4545"}},
            "features": features}  # fmt: skip
    return json.dumps(data).encode()


def _timed(fn: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def _figure(name: str, value: float, unit: str, baseline: str, base: float) -> dict[str, Any]:
    return {"name": name, "value": value, "unit": unit, "baseline": baseline, "baseline_value": base,
            "ratio": base / value if base else None}  # fmt: skip


def run() -> list[dict[str, Any]]:
    call_command("devzone_setup")
    zone = Zone.objects.create(name="基准开发区", short_name="基准", level="provincial", kind="etdz",
                               region_code="520300", province="贵州省", city="遵义市")  # fmt: skip
    staff = User.objects.create_user("land_bench", role=Role.ZONE_STAFF)  # signed in by force_login
    staff.zones.add(zone)
    content = parcel_file(random.Random(SEED))
    method = resolve("zunyi-seed")
    checked, check_s = _timed(lambda: check_file("宗地.geojson", content, method=method))
    _, import_s = _timed(lambda: import_parcels(zone=zone, name="宗地.geojson", content=content, actor=staff,
                                               source="bench", method=method))  # fmt: skip
    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/land/zones/{zone.pk}/parcels.geojson?year=2024"
    assert client.get(url).status_code == 200  # warm-up
    page = statistics.median(_timed(lambda: client.get(url))[1] for _ in range(REPEATS))
    features = [
        MapFeature(id=p.fid, geometry=p.geometry, properties={"name": p.fid}) for p in checked.layer.parcels
    ]
    engine = statistics.median(
        _timed(lambda: feature_collection(features, calc_epsg=4545, method=method))[1] for _ in range(REPEATS)
    )
    n = len(features)
    return [
        _figure(f"land import of {n} parcels (web action)", import_s, "s", "check_file alone", check_s),
        _figure(f"land map GeoJSON endpoint, {n} parcels", page, "s", "feature_collection alone", engine),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
