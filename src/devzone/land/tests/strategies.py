"""Hypothesis strategies of the land slice: simple polygons in a GK zone, and their rings reordered."""

from __future__ import annotations

import math

import shapely
from hypothesis import strategies as st

ORIGIN = (391_600.0, 3_066_000.0)  # the worked example's O in EPSG:4545


@st.composite
def star_polygons(draw: st.DrawFn, *, max_vertices: int = 40, max_radius: float = 400.0) -> shapely.Polygon:
    """A simple polygon in EPSG:4545 near O: vertices at increasing angles around a centre (radial
    order never crosses itself), radii 1 m to ``max_radius``."""
    n = draw(st.integers(3, max_vertices))
    angles = sorted(draw(st.lists(st.floats(0, 2 * math.pi, exclude_max=True), min_size=n, max_size=n,
                                  unique=True)))  # fmt: skip
    radii = draw(st.lists(st.floats(1.0, max_radius), min_size=n, max_size=n))
    cx = ORIGIN[0] + draw(st.floats(-5_000, 5_000))
    cy = ORIGIN[1] + draw(st.floats(-5_000, 5_000))
    return shapely.Polygon(
        [(cx + r * math.cos(a), cy + r * math.sin(a)) for a, r in zip(angles, radii, strict=True)]
    )


def reordered(polygon: shapely.Polygon, start: int, reverse: bool) -> shapely.Polygon:
    """The same polygon with its ring starting at vertex ``start`` (mod n) and maybe reversed."""
    ring = list(polygon.exterior.coords)[:-1]
    k = start % len(ring)
    ring = ring[k:] + ring[:k]
    return shapely.Polygon(ring[::-1] if reverse else ring)
