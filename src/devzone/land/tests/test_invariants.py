"""Invariants of the land engines, whatever the parcel: area does not depend on vertex order or the
ring's start, transforms round-trip, simplification keeps a valid polygon valid, and indicators do not
depend on the order of the rows."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from devzone.land.crs import transformer
from devzone.land.geometry import planar_area_m2
from devzone.land.indicators import zone_indicators
from devzone.land.mapjson import MapFeature, feature_collection, simplify
from devzone.land.method_load import resolve
from devzone.land.records import BUILD_CLASSES, SUPPLY_CLASSES, FirmYear, Parcel
from devzone.land.tests.strategies import reordered, star_polygons
from devzone.land.tests.worked import world

METHOD = resolve("zunyi-seed")
TO_LL, TO_GK = transformer(4545, 4490), transformer(4490, 4545)
ON = date(2024, 12, 31)


@given(star_polygons(), st.integers(0, 1000), st.booleans())
def test_area_does_not_depend_on_vertex_order_or_ring_start(
    polygon: shapely.Polygon, start: int, flip: bool
) -> None:
    assume(polygon.is_valid and polygon.area > 1)
    stored = TO_LL(polygon)
    again = TO_LL(reordered(polygon, start, flip))
    assert planar_area_m2(again, 4545) == pytest.approx(planar_area_m2(stored, 4545), rel=1e-12, abs=1e-6)


@given(star_polygons())
def test_the_transform_round_trips_within_a_millimetre(polygon: shapely.Polygon) -> None:
    assume(polygon.is_valid)
    back = TO_GK(TO_LL(polygon))
    assert shapely.get_coordinates(back) == pytest.approx(shapely.get_coordinates(polygon), abs=1e-3)
    assert back.area == pytest.approx(polygon.area, abs=0.01)
    # the zone-prefixed form of the same zone gives the same area
    assert planar_area_m2(TO_LL(polygon), 4524) == pytest.approx(polygon.area, abs=0.01)


@settings(max_examples=200, deadline=None)  # PROJ transforms of up to 60 vertices
@given(star_polygons(max_vertices=60), st.floats(0, 60), st.integers(5, 9))
def test_simplification_never_makes_a_valid_polygon_invalid(polygon: shapely.Polygon, tolerance: float,
                                                            decimals: int) -> None:  # fmt: skip
    stored = TO_LL(polygon)  # what the map is given: a sliver can turn invalid in the transform itself
    assume(polygon.is_valid and stored.is_valid)
    (out,) = simplify([stored], calc_epsg=4545, tolerance_m=tolerance, decimals=decimals)
    assert out.is_valid and not out.is_empty and out.geom_type in ("Polygon", "MultiPolygon")


@given(star_polygons(max_vertices=30, max_radius=200), st.floats(0, 30))
def test_neighbours_keep_their_shared_edge(polygon: shapely.Polygon, tolerance: float) -> None:
    assume(polygon.is_valid and polygon.area > 100)
    # split a parcel in two along a line through its centre: a coverage with one shared edge
    c = polygon.centroid
    left = polygon.intersection(shapely.box(c.x - 1e4, c.y - 1e4, c.x, c.y + 1e4))
    right = polygon.intersection(shapely.box(c.x, c.y - 1e4, c.x + 1e4, c.y + 1e4))
    assume(left.geom_type == "Polygon" and right.geom_type == "Polygon" and left.area > 1 and right.area > 1)
    outs = simplify([TO_LL(left), TO_LL(right)], calc_epsg=4545, tolerance_m=tolerance, decimals=7)
    assert all(o.is_valid and not o.is_empty for o in outs)
    overlap = TO_GK(outs[0]).intersection(TO_GK(outs[1])).area
    assert overlap < 0.05  # no more than rounding at 1e-7 degrees (~1 cm) along the edge


def test_the_map_geojson_is_rounded_and_keeps_ids() -> None:
    features = [MapFeature(k, TO_LL(g), {"class": "A"}) for k, g in world().rectangles().items()]
    data = json.loads(
        feature_collection(features, calc_epsg=4545, method=METHOD, as_of="2024-12-31", source="示范")
    )
    assert (data["type"], data["as_of"], data["source"]) == ("FeatureCollection", "2024-12-31", "示范")
    assert [f["id"] for f in data["features"]] == list(world().rectangles())
    first = data["features"][0]["geometry"]["coordinates"][0][0]
    assert first == [round(first[0], 7), round(first[1], 7)]
    assert all(shapely.geometry.shape(f["geometry"]).is_valid for f in data["features"])


def random_zone(rng: random.Random, n: int) -> tuple[list[Parcel], list[FirmYear]]:
    """``n`` parcels of random classes and areas (m² with decimals) and a firm on most of them."""
    parcels, firms = [], []
    for i in range(n):
        build = rng.choice(BUILD_CLASSES)
        parcels.append(Parcel(
            id=f"P{i}", area_m2=rng.uniform(100, 90_000), build_class=build,
            supply_class=rng.choice([*SUPPLY_CLASSES, None]), is_industrial=rng.random() < 0.6,
            holder_uscc=f"F{i}" if rng.random() < 0.8 else "", floor_area_m2=rng.uniform(0, 1e5),
            footprint_m2=rng.uniform(0, 5e4), yard_m2=rng.uniform(0, 1e4),
        ))  # fmt: skip
        firms.append(FirmYear(uscc=f"F{i}", year=2024, tax_wan=rng.uniform(0, 3e3), output_wan=rng.uniform(0, 1e5),
                              fixed_invest_wan=rng.uniform(0, 5e4)))  # fmt: skip
    return parcels, firms


@settings(max_examples=30, deadline=None)  # two runs over up to 300 parcels on a shared machine
@given(st.randoms(use_true_random=False), st.integers(1, 300))
def test_indicators_do_not_depend_on_row_order(rng: random.Random, n: int) -> None:
    parcels, firms = random_zone(rng, n)
    w = world()

    def run(parcels: list[Parcel], firms: list[FirmYear]) -> dict[str, tuple[float | None, float, float]]:
        zone = zone_indicators(parcels, firms, year=2024, on=ON, method=METHOD)
        return {k: (f.value, f.numerator, f.denominator) for k, f in zone.figures.items()}

    before = run(parcels, firms)
    rng.shuffle(parcels)
    rng.shuffle(firms)
    assert run(parcels, firms) == before
    # and the worked example with every table shuffled
    tables = [list(w.parcels), list(w.firms), list(w.buildings), list(w.units), list(w.leases), list(w.cases)]
    for table in tables:
        rng.shuffle(table)
    zone = zone_indicators(tables[0], tables[1], year=2024, on=ON, method=METHOD, buildings=tables[2],  # type: ignore[arg-type]
                           units=tables[3], leases=tables[4], cases=tables[5])  # type: ignore[arg-type]  # fmt: skip
    expected = zone_indicators(w.parcels, w.firms, year=2024, on=ON, method=METHOD, buildings=w.buildings,
                               units=w.units, leases=w.leases, cases=w.cases)  # fmt: skip
    assert zone == expected
