"""Import a zone's parcel file (zipped Shapefile, GeoJSON, or .xlsx / .csv with a WKT column): whole or not at all.

The bytes go through the shared reader's limits (:mod:`devzone.core.files`), the land readers and the
geometry check (:mod:`devzone.land.geometry`), and every attribute is checked
(:mod:`devzone.land.attributes`); all faults come back at once in one :class:`FileRefused`, each naming
the file, the feature's number (or the row) and its id. Only a whole valid file is written: parcels are
matched by their 编号 (宗地代码, else the file's id), new ones created and known ones updated, in one
transaction with one audit entry for the batch and one for the parcels written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import shapely
from django.core.files.base import ContentFile
from django.utils import timezone

from devzone.audit.actions import bulk_written, created
from devzone.core import bulk, files
from devzone.core.files import CellIssue, FileRefused
from devzone.core.media import atomic_with_files, save_file
from devzone.enterprises.models import Enterprise
from devzone.land.attributes import cert_area_field, crs_in_words, read_attributes
from devzone.land.geometry import CheckedLayer, check_layer
from devzone.land.method import LandMethod
from devzone.land.method_load import resolve
from devzone.land.models import LandImport, Parcel, ZoneBoundary
from devzone.land.readers import RawLayer, describe, read_geojson, read_shapefile_zip, read_wkt_rows
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User
    from devzone.core.jobs import Progress

LAND_LIMITS = files.Limits(max_bytes=50 * files.MiB)
SUFFIXES = (".zip", ".geojson", ".json", ".xlsx", ".csv")
DEFAULT_METHOD = "zunyi-seed"
REF_MAX = 40


@dataclass(frozen=True)
class Checked:
    """A whole valid file: its parcels in EPSG:4490 with areas, and each parcel's checked attributes."""

    layer: CheckedLayer
    fields: tuple[dict[str, Any], ...]


def read_layer(name: str, content: bytes, *, crs: int | None = None) -> RawLayer:
    """The file's features by its suffix (.zip Shapefile, GeoJSON, or a table with a WKT column)."""
    file = files.display_name(name)
    suffix = PurePath(file).suffix.lower()
    if suffix == ".zip":
        return read_shapefile_zip(file, content, limits=LAND_LIMITS)
    if suffix in {".geojson", ".json"}:
        return read_geojson(file, content, limits=LAND_LIMITS)
    if suffix in {".xlsx", ".csv"}:
        return read_wkt_rows(files.read_table(file, content, limits=LAND_LIMITS), crs=crs)
    raise FileRefused.one(
        file,
        f"不支持的文件类型 {suffix or '（无扩展名）'}，请上传 Shapefile（.zip）、GeoJSON 或带 WKT 列的 .xlsx / .csv",
    )


def _attribute_issues(layer: RawLayer) -> tuple[list[CellIssue], dict[int, dict[str, Any]]]:
    issues: list[CellIssue] = []
    fields: dict[int, dict[str, Any]] = {}
    for feature in layer.features:
        values, problems = read_attributes(feature.attributes)
        if len(feature.fid) > REF_MAX:
            problems.append(f"编号超过 {REF_MAX} 个字符")
        if not feature.fid or feature.fid.startswith("第 "):
            problems.append("没有编号（宗地代码 ZDDM 或 id 列为空）")
        issues += [describe(layer, feature.number, feature.fid, p) for p in problems]
        fields[feature.number] = values
    return issues, fields


def check_file(
    name: str,
    content: bytes,
    *,
    method: LandMethod,
    crs: int | None = None,
    boundary: shapely.Geometry | None = None,
    known: Mapping[str, str] | None = None,
) -> Checked:
    """Read and check a parcel file; raise :class:`FileRefused` with every fault (geometry and attributes).

    ``boundary`` is the zone's boundary (EPSG:4490); ``known`` the zone's parcels (编号 → WKT): those the
    file does not replace may not be overlapped by its parcels."""
    layer = read_layer(name, content, crs=crs)
    issues, fields = _attribute_issues(layer)
    first = layer.features[0].attributes if layer.features else {}
    area_field, area_unit = cert_area_field(first)
    replaced = {f.fid for f in layer.features}
    kept = [(ref, wkt) for ref, wkt in (known or {}).items() if ref not in replaced and wkt]
    others = list(zip([r for r, _ in kept], shapely.from_wkt([w for _, w in kept]).tolist(), strict=True))
    try:
        checked = check_layer(layer, method=method, boundary=boundary, known=others, cert_area_field=area_field,
                              cert_area_unit=area_unit)  # type: ignore[arg-type]  # fmt: skip
    except FileRefused as exc:
        issues += exc.issues
        raise FileRefused(sorted(issues, key=_order)) from exc
    if issues:
        raise FileRefused(sorted(issues, key=_order))
    return Checked(checked, tuple(fields[p.number] for p in checked.parcels))


def _order(issue: CellIssue) -> tuple[int, str]:
    """Issues by feature: the number in ``第 N 个要素`` or the row, then the reason."""
    if issue.row:
        return issue.row, issue.reason
    head = issue.reason.removeprefix("第 ").split(" ", 1)[0]
    return (int(head) if head.isdigit() else 0), issue.reason


@atomic_with_files()
def store_parcels(
    checked: Checked, *, zone: Zone, name: str, content: bytes, actor: User | None, source: str
) -> LandImport:
    """Keep the file, create or update the zone's parcels, audit the batch and the parcels written."""
    layer = checked.layer
    source_crs = crs_in_words(layer.source_crs)[:200]
    batch = LandImport(
        zone=zone, original_name=name[:200], sha256=hashlib.sha256(content).hexdigest(),
        source_crs=source_crs, calc_epsg=layer.calc_epsg, parcels=len(layer.parcels),
        created_by=actor if actor is not None and actor.pk else None,
    )  # fmt: skip
    save_file(batch.file, PurePath(name).name or "parcels", ContentFile(content))
    batch.save()
    existing = {p.ref: p for p in Parcel.objects.filter(zone=zone)}
    holders = dict(Enterprise.objects.filter(zone=zone).values_list("uscc", "pk"))
    new: list[dict[str, Any]] = []
    changed: list[Parcel] = []
    names: set[str] = set()
    now = timezone.now()
    blank = {f.attname: f.get_default() for f in Parcel._meta.concrete_fields if not f.primary_key}
    wkts = shapely.to_wkt([p.geometry for p in layer.parcels], rounding_precision=9, trim=True).tolist()
    for shape, wkt, values in zip(layer.parcels, wkts, checked.fields, strict=True):
        data = {
            **values, "geom_wkt": wkt, "source_crs": source_crs, "calc_epsg": layer.calc_epsg,
            "area_calc_m2": shape.area_calc_m2, "area_cert_m2": shape.area_cert_m2,
            "area_flag": shape.area_flag[:300], "land_import_id": batch.pk,
            "holder_id": holders.get(values.get("holder_uscc") or ""),
        }  # fmt: skip
        parcel = existing.get(shape.fid)
        if parcel is None:  # new rows go in through one prepared INSERT (core.bulk), not model instances
            new.append(
                {**blank, "zone_id": zone.pk, "ref": shape.fid, "created_at": now, "updated_at": now} | data
            )
            continue
        for key, value in data.items():
            setattr(parcel, key, value)
        names.update(data)
        changed.append(parcel)
    bulk.insert(Parcel, new)
    if changed:
        Parcel.objects.bulk_update(changed, sorted(n.removesuffix("_id") for n in names), batch_size=500)
    detail = {"file": name, "import": batch.pk, "created": len(new), "updated": len(changed)}
    created(batch, actor=actor, source=source, extra={"counts": detail})
    bulk_written(Parcel, zone_id=zone.pk, label=f"{zone.name} 宗地导入：{name}", actor=actor, source=source,
                 detail=detail)  # fmt: skip
    return batch


def zone_boundary(zone: Zone) -> shapely.Geometry | None:
    """The zone's boundary in EPSG:4490, if one was imported."""
    wkt = ZoneBoundary.objects.filter(zone=zone).values_list("geom_wkt", flat=True).first()
    return shapely.from_wkt(wkt) if wkt else None


def import_parcels(
    *,
    zone: Zone,
    name: str,
    content: bytes,
    actor: User | None,
    source: str,
    crs: int | None = None,
    method: LandMethod | None = None,
    progress: Progress | None = None,
) -> LandImport:
    """Import a parcel file for ``zone``: whole or not at all (:class:`FileRefused` lists every fault)."""
    if progress is not None:
        progress.stage("读取并检查宗地文件")
    checked = check_file(name, content, method=method or resolve(DEFAULT_METHOD), crs=crs,
                         boundary=zone_boundary(zone),
                         known=dict(Parcel.objects.filter(zone=zone).values_list("ref", "geom_wkt")))  # fmt: skip
    if progress is not None:
        progress.stage(f"写入数据库（{len(checked.layer.parcels):,} 宗）")
    return store_parcels(checked, zone=zone, name=files.display_name(name), content=content, actor=actor,
                         source=source)  # fmt: skip
