"""The map's GeoJSON: parcels simplified in the zone's GK CRS, coordinates rounded, never made invalid.

Parcels that touch a neighbour and form a polygonal coverage with them (no overlaps, shared edges with
identical vertices — what a cadastre exports) are simplified together (:func:`shapely.coverage_simplify`),
so neighbours keep their common edge and no gap opens between them at any zoom; every other parcel is
simplified on its own with ``preserve_topology``. Coordinates are then rounded to ``decimals`` of a
degree; a parcel that rounding made invalid or empty is snapped with :func:`shapely.set_precision`
(which keeps polygons valid), then falls back to the parcel as stored, so the map never draws a broken
or missing parcel. The map is drawn from these vectors alone: no base tiles. Pure: no Django.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from devzone.land.crs import GEOGRAPHIC, transformer
from devzone.land.method import LandMethod


@dataclass(frozen=True)
class MapFeature:
    """A parcel (or building) to draw: id, EPSG:4490 geometry, the properties the map colours by."""

    id: str
    geometry: shapely.Geometry
    properties: Mapping[str, Any] = field(default_factory=dict)


def _usable(geometries: np.ndarray) -> np.ndarray:
    """Which geometries are non-empty valid polygons (type ids 3 and 6)."""
    return (  # type: ignore[no-any-return]
        ~shapely.is_empty(geometries)
        & shapely.is_valid(geometries)
        & np.isin(shapely.get_type_id(geometries), (3, 6))
    )


def simplify(
    geometries: Sequence[shapely.Geometry], *, calc_epsg: int, tolerance_m: float, decimals: int
) -> list[shapely.Geometry]:
    """Simplified, rounded EPSG:4490 geometries, one per input, each valid when its input was valid."""
    if not geometries:
        return []
    to_calc, back = transformer(GEOGRAPHIC, calc_epsg), transformer(calc_epsg, GEOGRAPHIC)
    original = np.array(geometries, dtype=object)
    planar = to_calc(original)
    grid = 10.0**-decimals
    simplified = back(_simplified(planar, tolerance_m)) if tolerance_m > 0 else original
    out = _round(simplified, decimals)
    bad = ~_usable(out)
    if bad.any():  # rounding broke these: snap them with GEOS, which keeps polygons valid
        out[bad] = _round(_snapped(simplified[bad], grid), decimals)
        bad &= ~_usable(out)
    if bad.any():
        out[bad] = _round(_snapped(original[bad], grid), decimals)
        bad &= ~_usable(out)
    out[bad] = original[bad]
    return list(out)


def _snapped(geometries: np.ndarray, grid: float) -> np.ndarray:
    """``set_precision`` on each geometry; one GEOS cannot snap (a TopologyException on a sliver whose
    hole falls outside its shell at that grid) comes back empty, so the caller falls back for it alone."""
    try:
        return shapely.set_precision(geometries, grid)  # type: ignore[no-any-return]
    except shapely.errors.GEOSException:
        out = np.empty(len(geometries), dtype=object)
        for i, geometry in enumerate(geometries):
            try:
                out[i] = shapely.set_precision(geometry, grid)
            except shapely.errors.GEOSException:
                out[i] = shapely.Polygon()
        return out


def _simplified(planar: np.ndarray, tolerance_m: float) -> np.ndarray:
    """Each parcel simplified on its own (Douglas-Peucker, topology kept), except parcels that touch a
    neighbour: those are simplified together as a coverage when they form one, keeping shared edges."""
    out = shapely.simplify(planar, tolerance_m, preserve_topology=True)
    left, right = shapely.STRtree(planar).query(planar, predicate="touches")
    shared = np.unique(np.concatenate([left[left != right], right[left != right]]))
    if shared.size and bool(shapely.coverage_is_valid(planar[shared])):
        out[shared] = shapely.coverage_simplify(planar[shared], tolerance_m)
    return out  # type: ignore[no-any-return]


def _round(geometries: np.ndarray, decimals: int) -> np.ndarray:
    return shapely.transform(geometries, lambda xy: np.round(xy, decimals))  # type: ignore[no-any-return]


def feature_collection(
    features: Sequence[MapFeature], *, calc_epsg: int, method: LandMethod, as_of: str = "", source: str = ""
) -> str:
    """The JSON text of a GeoJSON FeatureCollection (RFC 7946 order lon, lat; CGCS2000 taken as WGS84 at
    map scale) of ``features`` simplified by the method's map rules; ``as_of`` and ``source`` label the
    layer. Text, not a mapping: GEOS writes each coordinate in its shortest form and the page is served
    as it is."""
    rules = method.map
    shapes = simplify([f.geometry for f in features], calc_epsg=calc_epsg, tolerance_m=rules.simplify_m,
                      decimals=rules.decimals)  # fmt: skip
    texts = shapely.to_geojson(np.array(shapes, dtype=object)).tolist() if shapes else []
    items = ",".join(
        f'{{"type":"Feature","id":{json.dumps(f.id, ensure_ascii=False)},'
        f'"properties":{json.dumps(dict(f.properties), ensure_ascii=False)},"geometry":{text}}}'
        for f, text in zip(features, texts, strict=True)
    )
    head = json.dumps({"as_of": as_of, "source": source}, ensure_ascii=False)[1:-1]
    return f'{{"type":"FeatureCollection",{head},"features":[{items}]}}'
