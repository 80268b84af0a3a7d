"""The map's GeoJSON: parcels simplified in the zone's GK CRS, coordinates rounded, never made invalid.

When the parcels form a polygonal coverage (no overlaps, shared edges with identical vertices — what a
cadastre exports), they are simplified together (:func:`shapely.coverage_simplify`), so neighbours keep
their common edge and no gap opens between them at any zoom; otherwise each is simplified on its own
with ``preserve_topology``. Coordinates are then snapped to ``decimals`` of a degree
(:func:`shapely.set_precision`, which keeps polygons valid). A result that is still invalid or empty
falls back to the parcel only rounded, then to the parcel as stored, so the map never draws a broken or
missing parcel. The map is drawn from these vectors alone: no base tiles. Pure: no Django.
"""

from __future__ import annotations

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


def _usable(geometry: shapely.Geometry) -> bool:
    return not geometry.is_empty and bool(shapely.is_valid(geometry)) and geometry.geom_type in (
        "Polygon", "MultiPolygon",
    )  # fmt: skip


def simplify(
    geometries: Sequence[shapely.Geometry], *, calc_epsg: int, tolerance_m: float, decimals: int
) -> list[shapely.Geometry]:
    """Simplified, rounded EPSG:4490 geometries, one per input, each valid when its input was valid."""
    if not geometries:
        return []
    to_calc, back = transformer(GEOGRAPHIC, calc_epsg), transformer(calc_epsg, GEOGRAPHIC)
    planar = np.array([to_calc(g) for g in geometries], dtype=object)
    grid = 10.0**-decimals
    if tolerance_m > 0:
        coverage = bool(shapely.coverage_is_valid(planar)) if len(planar) > 1 else True
        if coverage:
            simplified = shapely.coverage_simplify(planar, tolerance_m)
        else:
            simplified = shapely.simplify(planar, tolerance_m, preserve_topology=True)
    else:
        simplified = planar
    out = []
    for original, small in zip(geometries, simplified, strict=True):
        for candidate in (back(small), original):
            rounded = shapely.set_precision(candidate, grid)
            if _usable(rounded):
                out.append(rounded)
                break
        else:
            out.append(original)
    return out


def _rounded(coords: Any, decimals: int) -> Any:
    if isinstance(coords, float | int):
        return round(float(coords), decimals)
    return [_rounded(c, decimals) for c in coords]


def feature_collection(
    features: Sequence[MapFeature], *, calc_epsg: int, method: LandMethod, as_of: str = "", source: str = ""
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (RFC 7946 order lon, lat; CGCS2000 taken as WGS84 at map scale) of
    ``features`` simplified by the method's map rules; ``as_of`` and ``source`` label the layer."""
    rules = method.map
    shapes = simplify([f.geometry for f in features], calc_epsg=calc_epsg, tolerance_m=rules.simplify_m,
                      decimals=rules.decimals)  # fmt: skip
    items = []
    for feature, shape in zip(features, shapes, strict=True):
        geo = shapely.geometry.mapping(shape)
        items.append({
            "type": "Feature", "id": feature.id, "properties": dict(feature.properties),
            "geometry": {"type": geo["type"], "coordinates": _rounded(geo["coordinates"], rules.decimals)},
        })  # fmt: skip
    return {"type": "FeatureCollection", "as_of": as_of, "source": source, "features": items}
