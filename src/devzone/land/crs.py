"""Coordinate systems of parcel files: placing a file's CRS, the zone's 3° Gauss-Krüger CRS, transforms.

Parcels are stored in EPSG:4490 (CGCS2000 geographic) in lon/lat order; areas are planar areas in the
zone's CGCS2000 3° GK CRS (坐标法), never in Web Mercator (+28 % at 27.7°N) or another zone. GK axes are
X = north, Y = east officially, so every transform here is built ``always_xy`` (east, north / lon, lat).

EPSG codes (CGCS2000): 4513–4533 3° GK zones 25–45 with the zone number prefixed to the easting
(36 391 600); 4534–4554 the same zones by central meridian 75°E–135°E, easting ≈ 500 000; 6° systems
4491–4512 are accepted only when a file's .prj names them. 北京54 / 西安80 / local grids are refused: such
data arrive converted by 自然资源 (their parameters are not public). WGS84 (EPSG:4326) is taken as
CGCS2000 (the two differ by centimetres, well inside the area tolerance).

References
----------
CGCS2000 3-degree Gauss-Kruger definitions in the EPSG dataset (as shipped with PROJ through pyproj).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

GEOGRAPHIC = 4490
WGS84 = 4326
GK3_PREFIXED = range(4513, 4534)  # zones 25..45
GK3_CM = range(4534, 4555)  # CM 75E..135E
GK6 = range(4491, 4513)
# Mainland China with its islands, generously: a lon/lat outside is not a parcel of a zone here.
CHINA_LON = (73.0, 136.0)
CHINA_LAT = (3.0, 54.0)
_REFUSED_DATUMS = {
    "beijing": "北京54",
    "xian": "西安80",
    "xi'an": "西安80",
    "new_beijing": "新北京54",
}
_URN = re.compile(r"EPSG:{1,2}(\d{4,5})$", re.IGNORECASE)


class CrsRefused(ValueError):
    """The coordinate system could not be placed or may not be used; the message is the Chinese reason."""


@dataclass(frozen=True)
class Placed:
    """A file's coordinate system as placed: its EPSG code (or None for a custom TM) and its label."""

    crs: CRS
    epsg: int | None
    label: str


def gk3_zone(lon: float) -> int:
    """The 3° zone number n = ⌊(λ + 1.5) / 3⌋ of a longitude (central meridian 3n).

    >>> gk3_zone(106.900985), gk3_zone(119.2), gk3_zone(109.5)
    (36, 40, 37)
    """
    return math.floor((lon + 1.5) / 3)


def gk3_epsg(lon: float, *, prefixed: bool = False) -> int:
    """The CGCS2000 3° GK EPSG code of the zone holding ``lon`` (central-meridian form by default).

    >>> gk3_epsg(106.900985), gk3_epsg(106.900985, prefixed=True), gk3_epsg(119.2)
    (4545, 4524, 4549)
    """
    n = gk3_zone(lon)
    if not 25 <= n <= 45:
        raise CrsRefused(f"经度 {lon:.4f}° 不在 CGCS2000 3° 带（25–45 带）范围内")
    return 4513 + (n - 25) if prefixed else 4534 + (3 * n - 75) // 3


def _label(crs: CRS, epsg: int | None) -> str:
    return f"EPSG:{epsg}（{crs.name}）" if epsg else crs.name


def from_epsg(code: int) -> Placed:
    """Place an EPSG code a user or a file gave; refuse what parcels may not be in.

    >>> from_epsg(4545).label
    'EPSG:4545（CGCS2000 / 3-degree Gauss-Kruger CM 108E）'
    >>> from_epsg(3857)
    Traceback (most recent call last):
    ...
    devzone.land.crs.CrsRefused: EPSG:3857（WGS 84 / Pseudo-Mercator）不能用于宗地：须为 CGCS2000（经纬度或 3° 高斯-克吕格投影）或 WGS84 经纬度
    """
    try:
        crs = CRS.from_epsg(code)
    except CRSError as exc:
        raise CrsRefused(f"无法识别的坐标系 EPSG:{code}") from exc
    if code in (GEOGRAPHIC, WGS84) or code in GK3_PREFIXED or code in GK3_CM or code in GK6:
        return Placed(crs, code, _label(crs, code))
    raise CrsRefused(
        f"{_label(crs, code)}不能用于宗地：须为 CGCS2000（经纬度或 3° 高斯-克吕格投影）或 WGS84 经纬度"
    )


def from_text(text: str) -> Placed:
    """Place a CRS written as ``EPSG:4545``, ``urn:ogc:def:crs:EPSG::4490`` or a .prj's WKT.

    A .prj names its datum in words; 北京54 / 西安80 are refused by name, any other datum than CGCS2000
    or WGS84 is refused, and a transverse Mercator on CGCS2000 that EPSG does not list is kept as is.

    >>> from_text("urn:ogc:def:crs:EPSG::4490").epsg
    4490
    >>> from_text('PROJCS["Xian_1980_3_Degree_GK_CM_108E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",'
    ...           'SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
    ...           'PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],'
    ...           'PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],'
    ...           'UNIT["Meter",1.0]]')
    Traceback (most recent call last):
    ...
    devzone.land.crs.CrsRefused: 坐标系为西安80，须先由自然资源部门转换为 CGCS2000 后再导入
    """
    stripped = text.strip()
    if match := _URN.search(stripped):
        return from_epsg(int(match.group(1)))
    if not stripped:
        raise CrsRefused("坐标系说明是空的")
    lowered = stripped.lower().replace(" ", "_")
    for token, name in _REFUSED_DATUMS.items():
        if token in lowered and "2000" not in lowered:
            raise CrsRefused(f"坐标系为{name}，须先由自然资源部门转换为 CGCS2000 后再导入")
    try:
        crs = CRS.from_user_input(stripped)
    except CRSError as exc:
        raise CrsRefused("无法识别 .prj 中的坐标系说明") from exc
    epsg = crs.to_epsg(min_confidence=70)
    if epsg is not None:
        return from_epsg(epsg)
    datum = (crs.datum.name if crs.datum else "").lower()
    on_cgcs = "2000" in datum and "china" in datum
    projection = crs.coordinate_operation.method_name.lower() if crs.coordinate_operation else ""
    if on_cgcs and (crs.is_geographic or "transverse mercator" in projection):
        return Placed(crs, None, crs.name)
    raise CrsRefused(
        f"坐标系“{crs.name}”不能用于宗地：须为 CGCS2000（经纬度或高斯-克吕格投影）或 WGS84 经纬度"
    )


def guess(xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64]) -> Placed:
    """Place coordinates that came with no CRS: lon/lat in China → EPSG:4490; an easting prefixed by
    a 3° zone number (n = ⌊E / 10⁶⌋, 25–45) → that zone. Anything else cannot be placed.

    >>> guess(np.array([106.9]), np.array([27.7])).epsg
    4490
    >>> guess(np.array([36_391_600.0]), np.array([3_066_000.0])).epsg
    4524
    >>> guess(np.array([391_600.0]), np.array([3_066_000.0]))
    Traceback (most recent call last):
    ...
    devzone.land.crs.CrsRefused: 无法确定坐标系：横坐标 391600 不带带号，请在导入时指定坐标系（如 EPSG:4545）
    """
    if xs.size == 0:
        raise CrsRefused("没有坐标，无法确定坐标系")
    if in_china(xs, ys):
        return from_epsg(GEOGRAPHIC)
    zones = np.unique(np.floor(xs / 1e6))
    if zones.size == 1 and 25 <= zones[0] <= 45 and bool(np.all((ys > 0) & (ys < 6e6))):
        return from_epsg(4513 + int(zones[0]) - 25)
    if zones.size > 1:
        raise CrsRefused("无法确定坐标系：横坐标的带号不一致，请在导入时指定坐标系")
    if 13 <= zones[0] <= 23:
        zone = int(zones[0])
        raise CrsRefused(
            f"无法确定坐标系：横坐标 {xs.flat[0]:.0f} 的带号 {zone} 是 6° 带，6° 坐标须附 .prj 或在导入时指定坐标系"
            f"（如 EPSG:{4491 + zone - 13}）"
        )
    raise CrsRefused(
        f"无法确定坐标系：横坐标 {xs.flat[0]:.0f} 不带带号，请在导入时指定坐标系（如 EPSG:4545）"
    )


def in_china(lons: npt.NDArray[np.float64], lats: npt.NDArray[np.float64]) -> bool:
    """Whether every lon/lat lies in the generous box of China (:data:`CHINA_LON`, :data:`CHINA_LAT`)."""
    return bool(
        np.all(
            (lons >= CHINA_LON[0]) & (lons <= CHINA_LON[1]) & (lats >= CHINA_LAT[0]) & (lats <= CHINA_LAT[1])
        )
    )


@functools.lru_cache(maxsize=64)
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(CRS.from_user_input(source), CRS.from_user_input(target), always_xy=True)


def transformer(source: CRS | int, target: CRS | int) -> Callable[[shapely.Geometry], shapely.Geometry]:
    """A function moving a shapely geometry from ``source`` to ``target`` (east/lon first, always).

    >>> to_gk = transformer(4490, 4545)
    >>> [round(v, 3) for v in to_gk(shapely.Point(106.900985, 27.702888)).coords[0]]
    [391599.983, 3066000.019]
    """
    src = source.to_wkt() if isinstance(source, CRS) else f"EPSG:{source}"
    dst = target.to_wkt() if isinstance(target, CRS) else f"EPSG:{target}"
    if src == dst:
        return lambda geometry: geometry
    move = _transformer(src, dst)

    def apply(geometry: shapely.Geometry) -> shapely.Geometry:
        def coords(xy: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
            x, y = move.transform(xy[:, 0], xy[:, 1], errcheck=True)
            return np.column_stack([x, y])

        return shapely.transform(geometry, coords)

    return apply
