"""Real parcel files built in the tests: zipped Shapefiles written with pyshp, GeoJSON, CSV with WKT."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

import shapefile
import shapely
from pyproj import CRS
from pyproj.enums import WktVersion


def prj(epsg: int) -> str:
    """The ESRI WKT a GIS writes into a .prj for ``epsg``."""
    return CRS.from_epsg(epsg).to_wkt(WktVersion.WKT1_ESRI)


def shapefile_zip(
    rows: Sequence[tuple[str, shapely.Geometry | None, float | None]],
    *,
    epsg: int | None = 4545,
    cpg: str | None = "UTF-8",
    encoding: str = "utf-8",
    stem: str = "宗地",
    extra: Sequence[tuple[str, bytes]] = (),
    ldid: int | None = None,
    with_prj_text: str | None = None,
) -> bytes:
    """A zip of one polygon layer: ``rows`` are (宗地代码, geometry, 证载面积 m²); a None geometry is a null
    shape. ``epsg`` None leaves the .prj out; ``extra`` adds members (name, bytes) as they are."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding=encoding)
    writer.field("ZDDM", "C", size=40)
    writer.field("ZZMJ", "N", size=18, decimal=2)
    writer.field("QLR", "C", size=60)
    for code, geometry, area in rows:
        if geometry is None:
            writer.null()
        else:
            polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
            rings: list[list[tuple[float, float]]] = []
            for polygon in polygons:
                # Shapefile outer rings run clockwise
                rings.append(list(shapely.geometry.polygon.orient(polygon, -1).exterior.coords))
                rings += [list(r.coords) for r in shapely.geometry.polygon.orient(polygon, -1).interiors]
            writer.poly(rings)
        writer.record(code, area, "示范企业有限公司")
    writer.close()
    data = bytearray(dbf.getvalue())
    if ldid is not None:
        data[29] = ldid
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}.shp", shp.getvalue())
        archive.writestr(f"{stem}.shx", shx.getvalue())
        archive.writestr(f"{stem}.dbf", bytes(data))
        if epsg is not None or with_prj_text is not None:
            archive.writestr(f"{stem}.prj", with_prj_text if with_prj_text is not None else prj(epsg or 0))
        if cpg is not None:
            archive.writestr(f"{stem}.cpg", cpg)
        for name, content in extra:
            archive.writestr(name, content)
    return out.getvalue()


def geojson(features: Sequence[tuple[str, Any]], *, crs: str | None = None) -> bytes:
    """A FeatureCollection of (宗地代码, geometry mapping or shapely geometry or None)."""
    items = [
        {
            "type": "Feature",
            "id": code,
            "properties": {"ZDDM": code},
            "geometry": shapely.geometry.mapping(g) if isinstance(g, shapely.Geometry) else g,
        }
        for code, g in features
    ]
    data: dict[str, Any] = {"type": "FeatureCollection", "features": items}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def wkt_csv(rows: Sequence[tuple[str, str]], *, header: tuple[str, str] = ("宗地代码", "WKT")) -> bytes:
    """A CSV (UTF-8) of (宗地代码, WKT text) rows under ``header``."""
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    for code, text in rows:
        out.write(f'{code},"{text}"\n')
    return out.getvalue().encode("utf-8")
