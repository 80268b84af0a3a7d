"""Import a zone's boundary (开发区边界) from a parcel-like file: whole or not at all, audited.

The file is read like a parcel file (Shapefile zip, GeoJSON, table with WKT; the same CRS rules), its
polygons are united into the boundary, and a boundary that would leave a parcel the zone already has
outside is refused naming those parcels — the parcel import refuses parcels outside it from then on.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import TYPE_CHECKING

import shapely
from django.core.files.base import ContentFile

from devzone.audit.actions import created, snapshot, updated
from devzone.core import files
from devzone.core.files import CellIssue, FileRefused
from devzone.core.media import atomic_with_files, save_file
from devzone.land.actions.imports import DEFAULT_METHOD, read_layer
from devzone.land.attributes import crs_in_words
from devzone.land.crs import GEOGRAPHIC, transformer
from devzone.land.geometry import CheckedBoundary, check_boundary
from devzone.land.method_load import resolve
from devzone.land.models import Parcel, ZoneBoundary
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User

SHOWN_OUTSIDE = 50  # parcels named in a refusal; the rest are counted


def _outside(zone: Zone, checked: CheckedBoundary) -> list[CellIssue]:
    """The zone's parcels that the new boundary would leave outside (beyond the method's tolerance)."""
    rows = list(Parcel.objects.filter(zone=zone).exclude(geom_wkt="").values_list("ref", "geom_wkt"))
    if not rows:
        return []
    to_calc = transformer(GEOGRAPHIC, checked.calc_epsg)
    edge = to_calc(checked.geometry)
    shapely.prepare(edge)
    planar = to_calc(shapely.from_wkt([w for _, w in rows]))
    tolerance = resolve(DEFAULT_METHOD).area.outside_boundary_m2
    issues = []
    for (ref, _), geometry in zip(rows, planar.tolist(), strict=True):
        if not edge.covers(geometry) and (out := geometry.difference(edge).area) > tolerance:
            issues.append((ref, out))
    named = [
        CellIssue(file=checked.file, reason=f"开发区已有宗地（编号 {ref}）有 {out:,.1f} 平方米在新边界之外")
        for ref, out in issues[:SHOWN_OUTSIDE]
    ]
    if len(issues) > SHOWN_OUTSIDE:
        named.append(
            CellIssue(file=checked.file, reason=f"另有 {len(issues) - SHOWN_OUTSIDE} 宗已有宗地在新边界之外")
        )
    return named


@atomic_with_files()
def import_boundary(
    *, zone: Zone, name: str, content: bytes, actor: User | None, source: str, crs: int | None = None
) -> ZoneBoundary:
    """Set ``zone``'s boundary from a file; :class:`FileRefused` lists every fault and nothing is written."""
    file = files.display_name(name)
    checked = check_boundary(read_layer(file, content, crs=crs))
    if issues := _outside(zone, checked):
        raise FileRefused(issues)
    boundary = ZoneBoundary.objects.select_for_update().filter(zone=zone).first()
    before = snapshot(boundary) if boundary is not None else None
    boundary = boundary or ZoneBoundary(zone=zone)
    boundary.geom_wkt = shapely.to_wkt(checked.geometry, rounding_precision=9, trim=True)
    boundary.original_name = file[:200]
    boundary.source_crs = crs_in_words(checked.source_crs)[:200]
    boundary.calc_epsg = checked.calc_epsg
    boundary.area_m2 = checked.area_m2
    boundary.created_by = actor if actor is not None and actor.pk else None
    save_file(boundary.file, PurePath(file).name or "boundary", ContentFile(content))
    boundary.save()
    extra = {"sha256": hashlib.sha256(content).hexdigest()}
    if before is None:
        created(boundary, actor=actor, source=source, extra=extra)
    else:
        updated(boundary, before=before, actor=actor, source=source)
    return boundary
