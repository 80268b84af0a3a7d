"""Reading parcel files: a Shapefile zip (.shp/.dbf/.prj/.cpg), GeoJSON, or table rows with a WKT column.

Each reader returns :class:`RawLayer` — the features in their source CRS, numbered as the file numbers
them (a Shapefile record and a GeoJSON feature from 1, a table row by its row in the sheet) — or raises
:class:`~devzone.core.files.FileRefused` listing every fault in Chinese. The bytes go through the shared
limits of :mod:`devzone.core.files` first (size; a zip's members by its directory). A zip is never
extracted to disk: its members are read in memory, and a member whose name climbs out of the archive
(``../``, an absolute path, a drive letter) refuses the whole file all the same, since a tool that
unpacks it after us would write outside its folder. Validation of the geometries is in
:mod:`devzone.land.geometry`. Pure: no Django.
"""

from __future__ import annotations

import io
import json
import re
import struct
import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import shapefile
import shapely
from shapely.errors import GEOSException, ShapelyError

from devzone.core.files import (
    DEFAULT_LIMITS,
    CellIssue,
    FileRefused,
    Limits,
    Table,
    check_size,
    check_zip,
    display_name,
)
from devzone.land.crs import CrsRefused, Placed, from_epsg, from_text

ID_FIELDS = ("ZDDM", "zddm", "宗地代码", "BSM", "id", "ID")
WKT_COLUMNS = ("WKT", "wkt", "geometry", "几何", "空间坐标")
_POLYGON_TYPES = {shapefile.POLYGON, shapefile.POLYGONZ, shapefile.POLYGONM, shapefile.NULL}
# dBASE language driver ids (byte 29 of the .dbf header) that name a Chinese code page.
_LDID = {0x4D: "gbk", 0x7A: "gbk"}
_CPG = {"936": "gbk", "cp936": "gbk", "gbk": "gbk", "gb2312": "gbk", "gb18030": "gb18030", "utf-8": "utf-8",
        "utf8": "utf-8", "65001": "utf-8"}  # fmt: skip
_EWKT = re.compile(r"^\s*SRID=(\d{4,5});", re.IGNORECASE)


@dataclass(frozen=True)
class RawFeature:
    """One feature as read: its number in the file, its id, its geometry in the source CRS."""

    number: int
    fid: str
    geometry: shapely.Geometry | None
    attributes: Mapping[str, Any] = field(default_factory=dict)
    problem: str = ""  # why the geometry could not be read at all (then ``geometry`` is None)


@dataclass(frozen=True)
class RawLayer:
    """A parcel file as read: its display name, its CRS (placed, or None when it has to be guessed),
    its features, and what the rows are called in messages (``要素`` or ``行``)."""

    file: str
    crs: Placed | None
    features: tuple[RawFeature, ...]
    unit: str = "要素"


def _issue(file: str, reason: str, *, number: int = 0, fid: str = "", unit: str = "要素") -> CellIssue:
    """``第 3 个要素（编号 P3）：…`` for a feature; a table row is named by the row, its id after the reason."""
    tag = f"（编号 {fid}）" if fid and not fid.startswith("第 ") else ""
    if unit == "行":
        return CellIssue(file=file, row=number, reason=f"{reason}{tag}")
    return CellIssue(file=file, reason=f"第 {number} 个要素{tag}：{reason}" if number else reason)


def _fid(attributes: Mapping[str, Any], id_field: str | None, fallback: object) -> str:
    for key in (id_field,) if id_field else ID_FIELDS:
        value = attributes.get(key) if key else None
        if value not in (None, ""):
            return str(value).strip()
    return "" if fallback is None else str(fallback)


# ---------------------------------------------------------------------------------------------
# Shapefile in a zip


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not (path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", name))


def _encoding(file: str, archive: zipfile.ZipFile, members: Mapping[str, str], dbf: bytes) -> str:
    """The .dbf's text encoding: the .cpg if there is one, else the LDID byte, else UTF-8 if it decodes."""
    if ".cpg" in members:
        declared = archive.read(members[".cpg"]).decode("ascii", "replace").strip().lower()
        if declared not in _CPG:
            raise FileRefused.one(file, f".cpg 声明的编码“{declared}”无法识别（可用 UTF-8、GBK、GB18030）")
        return _CPG[declared]
    if len(dbf) > 29 and dbf[29] in _LDID:
        return _LDID[dbf[29]]
    try:
        dbf.decode("utf-8")
    except UnicodeDecodeError:
        raise FileRefused.one(
            file, "属性表（.dbf）的编码无法确定：请在压缩包中附上 .cpg 文件（内容为 GBK 或 UTF-8）"
        ) from None
    return "utf-8"


def _layer_members(file: str, archive: zipfile.ZipFile) -> dict[str, str]:
    """The members of the one Shapefile layer in the zip, by suffix (``.shp`` → its member name)."""
    issues = [
        CellIssue(file=file, reason=f"压缩包内的文件名“{i.filename}”含上级目录或绝对路径，已拒绝整个文件")
        for i in archive.infolist()
        if not _safe_member(i.filename)
    ]
    if issues:
        raise FileRefused(issues)
    names = [
        i.filename for i in archive.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX/")
    ]
    layers = sorted({n[:-4] for n in names if n.lower().endswith(".shp")})
    if not layers:
        raise FileRefused.one(file, "压缩包中没有 .shp 文件（应包含同名的 .shp、.shx、.dbf、.prj）")
    if len(layers) > 1:
        shown = "、".join(PurePosixPath(n).name + ".shp" for n in layers[:5])
        raise FileRefused.one(file, f"压缩包中有 {len(layers)} 个图层（{shown}），每次只能导入一个")
    stem = layers[0]
    members = {n[len(stem) :].lower(): n for n in names if n[: len(stem)] == stem and len(n) == len(stem) + 4}
    missing = [s for s in (".shp", ".dbf", ".prj") if s not in members]
    if missing:
        what = {".dbf": "属性表", ".prj": "坐标系说明", ".shp": "图形"}
        listed = "、".join(f"{s}（{what[s]}）" for s in missing)
        raise FileRefused.one(file, f"压缩包中缺少 {listed}：请与 .shp 一同打包后再上传")
    return members


def read_shapefile_zip(
    name: str, content: bytes, *, id_field: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> RawLayer:
    """Read a zipped Shapefile of polygons (the .prj is required; the .dbf's encoding from .cpg or LDID)."""
    file = display_name(name)
    check_size(file, len(content), limits)
    archive = check_zip(
        file,
        content,
        limits,
        not_zip="不是 zip 压缩包（Shapefile 请将 .shp、.shx、.dbf、.prj 打包为 .zip 上传）",
    )
    members = _layer_members(file, archive)
    try:
        placed = from_text(archive.read(members[".prj"]).decode("utf-8", "replace"))
    except CrsRefused as exc:
        raise FileRefused.one(file, f".prj：{exc}") from exc
    dbf = archive.read(members[".dbf"])
    encoding = _encoding(file, archive, members, dbf)
    shx = io.BytesIO(archive.read(members[".shx"])) if ".shx" in members else None
    corrupt = getattr(shapefile, "PossiblyCorruptFileHeader", UserWarning)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", corrupt)
            reader = shapefile.Reader(
                shp=io.BytesIO(archive.read(members[".shp"])), dbf=io.BytesIO(dbf), shx=shx,
                encoding=encoding, encodingErrors="strict",
            )  # fmt: skip
            if reader.shapeType not in _POLYGON_TYPES:
                raise FileRefused.one(file, f"图层类型为 {reader.shapeTypeName}，宗地须为面（Polygon）图层")
            features = tuple(_shapefile_features(file, reader, id_field))
    except FileRefused:
        raise
    except Warning as exc:  # the filter above: pyshp only warns on a header that lies about the size
        raise FileRefused.one(file, "Shapefile 已损坏或格式不符：文件头与内容不符（可能被截断）") from exc
    except (UnicodeDecodeError, shapefile.ShapefileException) as exc:
        if not isinstance(exc, UnicodeDecodeError) and "decode" not in str(exc):
            raise FileRefused.one(
                file, f"Shapefile 已损坏或格式不符，无法读取（{exc.__class__.__name__}）"
            ) from exc
        raise FileRefused.one(
            file, f"属性表（.dbf）中的文字不是 {encoding.upper()} 编码：请核对 .cpg 文件或按实际编码另存"
        ) from exc
    except (struct.error, ValueError) as exc:
        raise FileRefused.one(
            file, f"Shapefile 已损坏或格式不符，无法读取（{exc.__class__.__name__}）"
        ) from exc
    return RawLayer(file, placed, features)


def _shapefile_features(file: str, reader: shapefile.Reader, id_field: str | None) -> list[RawFeature]:
    fields = [f[0] for f in reader.fields[1:]]
    if id_field and id_field not in fields:
        raise FileRefused.one(file, f"属性表中没有编号字段“{id_field}”（现有：{'、'.join(fields)}）")
    out: list[RawFeature] = []
    for number, item in enumerate(reader.iterShapeRecords(), start=1):
        shape, record = item.shape, item.record
        attributes = dict(zip(fields, record if record is not None else [], strict=False))
        fid = _fid(attributes, id_field, number)
        if shape is None or shape.shapeType == shapefile.NULL or not shape.points:
            out.append(RawFeature(number, fid, None, attributes, "几何为空"))
            continue
        geometry = shapely.geometry.shape(shape.__geo_interface__)
        out.append(RawFeature(number, fid, geometry, attributes))
    return out


# ---------------------------------------------------------------------------------------------
# GeoJSON


def _declared_crs(file: str, data: Mapping[str, Any]) -> Placed | None:
    """The legacy ``crs`` member (``{"type": "name", "properties": {"name": "EPSG:4545"}}``), if any."""
    crs = data.get("crs")
    if crs is None:
        return None
    declared = crs.get("properties", {}).get("name") if isinstance(crs, Mapping) else None
    if not isinstance(declared, str):
        raise FileRefused.one(file, 'GeoJSON 的 crs 成员无法识别（应为 {"type": "name", ...}）')
    try:
        return from_text(declared)
    except CrsRefused as exc:
        raise FileRefused.one(file, f"crs：{exc}") from exc


def read_geojson(
    name: str, content: bytes, *, id_field: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> RawLayer:
    """Read a GeoJSON FeatureCollection of polygons. RFC 7946 GeoJSON is WGS84 lon/lat; a legacy
    ``crs`` member (EPSG:4490, a GK zone) is honoured; with neither the CRS is guessed later."""
    file = display_name(name)
    check_size(file, len(content), limits)
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FileRefused.one(file, f"不是有效的 GeoJSON（{exc.__class__.__name__}）") from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise FileRefused.one(
            file, "不是 GeoJSON 要素集合（应为 type 为 FeatureCollection 且有 features 列表）"
        )
    placed = _declared_crs(file, data)
    features: list[RawFeature] = []
    for number, item in enumerate(data["features"], start=1):
        if not isinstance(item, dict) or item.get("type") != "Feature":
            features.append(RawFeature(number, "", None, {}, "不是 GeoJSON 要素（Feature）"))
            continue
        given = item.get("properties")
        properties: dict[str, Any] = given if isinstance(given, dict) else {}
        fid = _fid(properties, id_field, item.get("id", number))
        raw = item.get("geometry")
        if raw is None:
            features.append(RawFeature(number, fid, None, properties, "几何为空"))
            continue
        try:
            geometry = shapely.geometry.shape(raw)
        except (
            GEOSException,
            ShapelyError,
            ValueError,
            TypeError,
            KeyError,
            AttributeError,
            IndexError,
        ) as exc:
            features.append(
                RawFeature(number, fid, None, properties, f"几何无法解析（{exc.__class__.__name__}）")
            )
            continue
        features.append(RawFeature(number, fid, geometry, properties))
    return RawLayer(file, placed, tuple(features))


# ---------------------------------------------------------------------------------------------
# rows with a WKT column (.xlsx / .csv read by core.files.read_table)


def read_wkt_rows(
    table: Table,
    *,
    sheet: str | None = None,
    wkt_column: str | None = None,
    id_field: str | None = None,
    crs: int | None = None,
) -> RawLayer:
    """Read rows of a table whose ``wkt_column`` holds WKT (or EWKT ``SRID=4545;POLYGON(...)``).

    The header is the sheet's first row; a row is named by its row number in the sheet. The CRS is
    ``crs`` if given, else the EWKT SRID (one for the whole file), else guessed later.
    """
    rows = table.sheet(sheet, fallback_first=True).rows
    file = table.file
    if not rows:
        raise FileRefused.one(file, "表格是空的")
    header = [str(h).strip() for h in rows[0]]
    column = wkt_column if wkt_column else next((c for c in WKT_COLUMNS if c in header), None)
    if column is None or column not in header:
        wanted = wkt_column or "、".join(WKT_COLUMNS)
        raise FileRefused.one(file, f"表头中没有几何列（{wanted}）", row=1)
    at = header.index(column)
    features: list[RawFeature] = []
    srids: set[int] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in row):
            continue
        attributes = {h: row[i] if i < len(row) else "" for i, h in enumerate(header) if i != at and h}
        fid = _fid(attributes, id_field, None) or f"第 {number} 行"
        text = str(row[at]).strip() if at < len(row) else ""
        if match := _EWKT.match(text):
            srids.add(int(match.group(1)))
            text = text[match.end() :]
        if not text:
            features.append(RawFeature(number, fid, None, attributes, f"{column} 列为空（几何为空）"))
            continue
        try:
            geometry = shapely.from_wkt(text)
        except (GEOSException, ShapelyError) as exc:
            features.append(
                RawFeature(number, fid, None, attributes, f"{column} 列不是有效的 WKT（{exc}）"[:200])
            )
            continue
        features.append(RawFeature(number, fid, geometry, attributes))
    if len(srids) > 1:
        raise FileRefused.one(
            file, f"几何列的 SRID 不一致（{'、'.join(map(str, sorted(srids)))}），每个文件只能用一种坐标系"
        )
    placed = None
    try:
        if crs is not None:
            placed = from_epsg(crs)
        elif srids:
            placed = from_epsg(srids.pop())
    except CrsRefused as exc:
        raise FileRefused.one(file, str(exc)) from exc
    return RawLayer(file, placed, tuple(features), unit="行")


def problems(layer: RawLayer) -> list[CellIssue]:
    """The features the reader could not turn into a geometry, as issues naming number and id."""
    return [
        _issue(layer.file, f.problem, number=f.number, fid=f.fid, unit=layer.unit)
        for f in layer.features
        if f.problem
    ]


def describe(layer: RawLayer, number: int, fid: str, reason: str) -> CellIssue:
    """An issue about feature ``number`` (``fid``) of ``layer``, worded as the layer names its rows."""
    return _issue(layer.file, reason, number=number, fid=fid, unit=layer.unit)
