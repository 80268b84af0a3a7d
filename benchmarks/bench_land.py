"""Benchmark: the land engines at zone scale.

1. Zone land indicators for 100,000 parcels and 80,000 firms (issue 19: ≤ 1 s), against a hand-written
   single-pass loop over the same rows computing the same sums (plain ``sum``, no figures).
2. Reading and checking a 5,000-parcel Shapefile zip (validity, CGCS2000 transform, GK areas, overlaps),
   against pyshp reading the same zip's shapes alone.
3. The map's GeoJSON of those 5,000 parcels (coverage simplification, rounding), against dumping the
   unsimplified parcels; the byte sizes are reported too.
"""

from __future__ import annotations

import io
import json
import math
import random
import time
import zipfile
from datetime import date
from typing import Any

import shapefile
import shapely

from devzone.land.crs import transformer
from devzone.land.geometry import check_layer
from devzone.land.indicators import zone_indicators
from devzone.land.mapjson import MapFeature, feature_collection
from devzone.land.method_load import resolve
from devzone.land.readers import read_shapefile_zip
from devzone.land.records import BUILD_CLASSES, SUPPLIED, SUPPLY_CLASSES, FirmYear, Parcel
from devzone.land.tests.files import shapefile_zip

SEED = 20261202
PARCELS = 100_000
FIRMS = 80_000
MAP_PARCELS = 5_000
ON = date(2024, 12, 31)


def _zone(rng: random.Random) -> tuple[list[Parcel], list[FirmYear]]:
    parcels = [
        Parcel(
            id=f"P{i}",
            area_m2=rng.uniform(500, 90_000),
            build_class=rng.choice(BUILD_CLASSES),
            supply_class=rng.choice([*SUPPLY_CLASSES, None]),
            is_industrial=rng.random() < 0.6,
            holder_uscc=f"F{i}" if i < FIRMS else "",
            floor_area_m2=rng.uniform(0, 1e5),
            footprint_m2=rng.uniform(0, 5e4),
            yard_m2=rng.uniform(0, 1e4),
        )
        for i in range(PARCELS)
    ]
    firms = [
        FirmYear(
            uscc=f"F{i}",
            year=2024,
            tax_wan=rng.uniform(0, 3e3),
            output_wan=rng.uniform(0, 1e5),
            fixed_invest_wan=rng.uniform(0, 5e4),
        )
        for i in range(FIRMS)
    ]
    return parcels, firms


def _baseline(parcels: list[Parcel], firms: list[FirmYear]) -> dict[str, float]:
    """The same land sums in one plain loop (what a developer writes first)."""
    by = {f.uscc: f for f in firms}
    a = a2 = b = b21 = d = floor = foot = a2_floor = a2_cover = tax_a = tax_a2 = out_a2 = inv_a2 = 0.0
    for p in parcels:
        supplied = p.supply_class in SUPPLIED
        d += p.area_m2 if supplied else 0.0
        if p.build_class.startswith("B"):
            b += p.area_m2
            b21 += p.area_m2 if p.build_class == "B21" else 0.0
            continue
        if not p.build_class.startswith("A"):
            continue
        firm = by.get(p.holder_uscc)
        a += p.area_m2
        floor += p.floor_area_m2
        foot += p.footprint_m2
        tax_a += firm.tax_wan if firm else 0.0
        if p.build_class == "A2":
            a2 += p.area_m2
            a2_floor += p.floor_area_m2
            a2_cover += p.footprint_m2 + p.yard_m2
            tax_a2 += firm.tax_wan if firm else 0.0
            out_a2 += firm.output_wan if firm else 0.0
            inv_a2 += firm.fixed_invest_wan if firm else 0.0
    return {
        "land_development_rate": (a + b21) / (a + b) * 100, "land_supply_rate": d / (a + b21) * 100,
        "land_built_rate": a / d * 100, "far": floor / a, "industrial_far": a2_floor / a2,
        "industrial_coverage": a2_cover / a2 * 100, "tax_per_ha": tax_a / (a * 1e-4),
        "industrial_tax_per_mu": tax_a2 / (a2 * 0.0015), "output_intensity": out_a2 / (a2 * 0.0015),
        "industrial_invest_per_ha": inv_a2 / (a2 * 1e-4),
    }  # fmt: skip


def _grid(n: int) -> list[shapely.Polygon]:
    """``n`` parcels on a grid of 10 m roads, each with a 40-vertex edge (a coverage inside each block)."""
    side = math.isqrt(n) + 1
    east, north = 391_600.0, 3_066_000.0
    out = []
    for k in range(n):
        x, y = east + (k % side) * 110.0, north + (k // side) * 90.0
        wiggle = [(x + 100.0 * t / 40, y + (0.3 if t % 2 else 0.0)) for t in range(41)]
        out.append(shapely.Polygon([*wiggle, (x + 100, y + 80), (x, y + 80)]))
    return out


def _timed(fn: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def _figure(name: str, value: float, unit: str, baseline: str | None, base: float | None) -> dict[str, Any]:
    return {"name": name, "value": value, "unit": unit, "baseline": baseline, "baseline_value": base,
            "ratio": base / value if base else None}  # fmt: skip


def run() -> list[dict[str, Any]]:
    method = resolve("zunyi-seed")
    parcels, firms = _zone(random.Random(SEED))
    zone, fast = _timed(lambda: zone_indicators(parcels, firms, year=2024, on=ON, method=method))
    plain, slow = _timed(lambda: _baseline(parcels, firms))
    for code, value in plain.items():
        got = zone.figures[code].value
        assert got is not None and math.isclose(got, value, rel_tol=1e-9), code
    content = shapefile_zip([(f"P{i}", g, None) for i, g in enumerate(_grid(MAP_PARCELS))])
    layer, check = _timed(lambda: check_layer(read_shapefile_zip("宗地.zip", content), method=method))

    def pyshp_only() -> int:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            reader = shapefile.Reader(shp=io.BytesIO(z.read("宗地.shp")), dbf=io.BytesIO(z.read("宗地.dbf")))
            return len(reader.shapes())

    _, read_only = _timed(pyshp_only)
    features = [MapFeature(p.fid, p.geometry, {"class": "A"}) for p in layer.parcels]
    data, mapping = _timed(lambda: feature_collection(features, calc_epsg=4545, method=method))
    raw, dump = _timed(lambda: json.dumps([shapely.geometry.mapping(f.geometry) for f in features]))
    to_gk = transformer(4490, 4545)
    assert abs(to_gk(layer.parcels[0].geometry).area - 8_000) < 20  # the zigzag edge takes 15 m²
    return [
        _figure(
            f"land indicators, {PARCELS:,} parcels", fast, "s", "plain single-pass loop, same sums", slow
        ),
        _figure(
            f"parcel Shapefile read + check, {MAP_PARCELS:,} parcels",
            check,
            "s",
            "pyshp read alone",
            read_only,
        ),
        _figure(f"map GeoJSON, {MAP_PARCELS:,} parcels simplified", mapping, "s", "unsimplified dump", dump),
        _figure("map GeoJSON size", len(data) / 1e6, "MB", "unsimplified dump size", len(raw) / 1e6),
    ]
