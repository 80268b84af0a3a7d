"""Checking a parcel layer: geometry validity, transform to CGCS2000, area in 亩, 证载 area, overlaps, boundary.

:func:`check_layer` takes what a reader of :mod:`devzone.land.readers` returned and either gives every
parcel in EPSG:4490 with its area computed in the zone's 3° GK CRS, or raises one
:class:`~devzone.core.files.FileRefused` listing every fault — invalid, self-intersecting or empty
geometries, a CRS it cannot place, coordinates outside China (a wrong CRS), parcels outside the zone's
boundary, overlapping parcels, duplicate ids, a 证载 area typed in m² where 亩 is expected — each naming
the feature's number and id, so that nothing is written unless the whole file is valid.

Areas: 亩 = m² × 0.0015 (1 公顷 = 15 亩); ``area_calc_m2`` is the planar area in the GK CRS (坐标法,
as 宗地 areas are registered), not the ellipsoidal area of a 国土调查 图斑. Pure: no Django.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import shapely
from pyproj.exceptions import ProjError

from devzone.core.files import CellIssue, FileRefused
from devzone.land.crs import (
    CHINA_LAT,
    CHINA_LON,
    GEOGRAPHIC,
    CrsRefused,
    Placed,
    gk3_epsg,
    guess,
    in_china,
    transformer,
)
from devzone.land.method import LandMethod
from devzone.land.readers import RawFeature, RawLayer, describe, problems

MU_PER_M2 = 0.0015
HA_PER_M2 = 1e-4
# GEOS's reasons (shapely.is_valid_reason) in the words of the person who drew the parcel.
_VALIDITY = (
    ("Ring Self-intersection", "边界环自相交"),
    ("Self-intersection", "边界自相交（如“8”字形或蝴蝶结形）"),
    ("Too few points", "顶点太少，不能构成面"),
    ("Hole lies outside shell", "内环（洞）在外环之外"),
    ("Nested holes", "内环互相嵌套"),
    ("Interior is disconnected", "内环把面分割成了不相连的部分"),
    ("Nested shells", "多个外环互相嵌套"),
    ("Duplicate Rings", "有重复的环"),
    ("Invalid Coordinate", "坐标无效（非数字）"),
    ("Ring is not closed", "边界环未闭合"),
)


def mu(m2: float) -> float:
    """Square metres in 亩 (× 0.0015).

    >>> mu(40_000), mu(666.6666666666666)
    (60.0, 1.0)
    """
    return m2 * MU_PER_M2


def validity_reason(geometry: shapely.Geometry) -> str:
    """Why ``geometry`` is not a valid parcel, in Chinese (empty text when it is one).

    >>> validity_reason(shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)]))
    '边界自相交（如“8”字形或蝴蝶结形），位于 (1, 1)'
    >>> validity_reason(shapely.Polygon()), validity_reason(shapely.box(0, 0, 1, 1))
    ('几何为空', '')
    >>> validity_reason(shapely.LineString([(0, 0), (1, 1)]))
    '几何类型为 LineString，宗地须为面（Polygon 或 MultiPolygon）'
    """
    if geometry.is_empty:
        return "几何为空"
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return f"几何类型为 {geometry.geom_type}，宗地须为面（Polygon 或 MultiPolygon）"
    if shapely.is_valid(geometry):
        return ""
    reason = shapely.is_valid_reason(geometry)
    words = next((zh for en, zh in _VALIDITY if reason.startswith(en)), f"几何无效（{reason}）")
    if "[" in reason and words != "坐标无效（非数字）":
        x, _, y = reason[reason.index("[") + 1 : reason.rindex("]")].partition(" ")
        words += f"，位于 ({float(x):.7g}, {float(y):.7g})"
    return words


@dataclass(frozen=True)
class ParcelShape:
    """One parcel as checked: geometry in EPSG:4490 (lon, lat), areas in m², and a flag when the
    computed area differs from the 证载 one by more than the method's tolerance."""

    number: int
    fid: str
    geometry: shapely.Geometry
    area_calc_m2: float
    area_cert_m2: float | None = None
    area_flag: str = ""
    attributes: Mapping[str, Any] = field(default_factory=dict)

    @property
    def area_m2(self) -> float:
        """The legal area: 证载 where registered, else computed."""
        return self.area_cert_m2 if self.area_cert_m2 is not None else self.area_calc_m2


@dataclass(frozen=True)
class CheckedLayer:
    """A whole valid parcel file: where it came from, the CRS areas were computed in, its parcels."""

    file: str
    source_crs: str
    calc_epsg: int
    parcels: tuple[ParcelShape, ...]


def planar_area_m2(geometry: shapely.Geometry, calc_epsg: int) -> float:
    """Area (m²) of an EPSG:4490 geometry in the planar CRS ``calc_epsg`` (坐标法).

    >>> ring = [(106.9009852, 27.7028878), (106.9030126, 27.7029039), (106.9029945, 27.7047084),
    ...         (106.9009671, 27.7046923)]
    >>> round(planar_area_m2(shapely.Polygon(ring), 4545))
    40000
    """
    return float(transformer(GEOGRAPHIC, calc_epsg)(geometry).area)


def _coordinates(layer: RawLayer) -> tuple[np.ndarray, np.ndarray]:
    usable = [f.geometry for f in layer.features if f.geometry is not None and not f.geometry.is_empty]
    xy = shapely.get_coordinates(usable) if usable else np.empty((0, 2))
    return xy[:, 0], xy[:, 1]


def _place(layer: RawLayer) -> Placed:
    if layer.crs is not None:
        return layer.crs
    try:
        return guess(*_coordinates(layer))
    except CrsRefused as exc:
        raise FileRefused.one(layer.file, str(exc)) from exc


def _to_4490(layer: RawLayer, placed: Placed, feature: RawFeature) -> tuple[shapely.Geometry | None, str]:
    """The feature in EPSG:4490, or why not (no geometry, invalid, cannot be transformed, not in China)."""
    assert feature.geometry is not None
    if reason := validity_reason(feature.geometry):
        return None, reason
    try:
        moved = transformer(placed.crs, GEOGRAPHIC)(feature.geometry)
    except ProjError:
        return None, f"坐标无法从 {placed.label} 转换为 CGCS2000（坐标系可能有误）"
    xy = shapely.get_coordinates(moved)
    if not np.all(np.isfinite(xy)) or not in_china(xy[:, 0], xy[:, 1]):
        lon, lat = xy[0] if len(xy) else (float("nan"), float("nan"))
        return None, (
            f"按 {placed.label}换算后坐标为经度 {lon:.4f}、纬度 {lat:.4f}，不在中国境内：文件的坐标系可能有误"
        )
    if reason := validity_reason(moved):
        return None, f"换算为 CGCS2000 后{reason}"
    return moved, ""


def _certified(
    value: object, calc_m2: float, unit: Literal["m2", "mu"], field_name: str
) -> tuple[float | None, str]:
    """The 证载 area in m², or a refusal reason (not a number; typed in the other unit)."""
    if value in (None, ""):
        return None, ""
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return None, f"{field_name}“{value}”不是数字"
    if not np.isfinite(number) or number <= 0:
        return None, f"{field_name}“{value}”应为大于 0 的数字"
    as_m2 = number / MU_PER_M2 if unit == "mu" else number
    other = number if unit == "mu" else number / MU_PER_M2
    if abs(other - calc_m2) <= 0.05 * calc_m2 < abs(as_m2 - calc_m2):
        wrong, right = ("平方米", "亩") if unit == "mu" else ("亩", "平方米")
        return None, (
            f"{field_name} {number:g} 应以{right}填写，看来填写的是{wrong}（按图形计算为 {calc_m2:,.1f} 平方米，"
            f"即 {mu(calc_m2):,.2f} 亩）"
        )
    return as_m2, ""


def _overlaps(calc: list[tuple[int, shapely.Geometry]], tolerance_m2: float) -> list[tuple[int, int, float]]:
    """Pairs of positions whose interiors overlap by more than ``tolerance_m2`` (shared edges do not)."""
    geoms = [g for _, g in calc]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    found = []
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i < j and (area := shapely.intersection(geoms[i], geoms[j]).area) > tolerance_m2:
            found.append((calc[i][0], calc[j][0], float(area)))
    return found


def _ordinal(layer: RawLayer) -> str:
    return "行" if layer.unit == "行" else "个"


def _fast(placed: Placed, geometries: list[shapely.Geometry]) -> tuple[list[shapely.Geometry], np.ndarray]:
    """All geometries moved to EPSG:4490 in one transform, and which of them passed every check
    (the others go through :func:`_to_4490` one by one for their reason)."""
    arr = np.array(geometries, dtype=object)
    ok = ~shapely.is_empty(arr) & shapely.is_valid(arr) & np.isin(shapely.get_type_id(arr), (3, 6))
    moved = np.full(len(arr), None, dtype=object)
    try:
        moved[ok] = transformer(placed.crs, GEOGRAPHIC)(arr[ok])
    except ProjError:
        return list(moved), np.zeros(len(arr), dtype=bool)
    bounds = shapely.bounds(moved[ok])
    inside = (
        np.isfinite(bounds).all(axis=1)
        & (bounds[:, 0] >= CHINA_LON[0]) & (bounds[:, 2] <= CHINA_LON[1])
        & (bounds[:, 1] >= CHINA_LAT[0]) & (bounds[:, 3] <= CHINA_LAT[1])
    )  # fmt: skip
    ok[ok] = inside & shapely.is_valid(moved[ok])
    return list(moved), ok


def _moved(
    layer: RawLayer, placed: Placed, issues: list[CellIssue]
) -> list[tuple[RawFeature, shapely.Geometry]]:
    """Every readable feature in EPSG:4490; the others (and duplicate ids) added to ``issues``."""
    readable = [f for f in layer.features if f.geometry is not None]
    moved_all, ok = _fast(placed, [f.geometry for f in readable])
    moved: list[tuple[RawFeature, shapely.Geometry]] = []
    for feature, geometry, passed in zip(readable, moved_all, ok.tolist(), strict=True):
        if passed:
            moved.append((feature, geometry))
            continue
        slow, reason = _to_4490(layer, placed, feature)
        if slow is None:
            issues.append(describe(layer, feature.number, feature.fid, reason))
        else:
            moved.append((feature, slow))
    for fid, count in Counter(f.fid for f in layer.features if f.fid).items():
        if count > 1:
            first, second = [f.number for f in layer.features if f.fid == fid][:2]
            issues.append(describe(layer, second, fid, f"编号与第 {first} {_ordinal(layer)}重复"))
    return moved


@dataclass(frozen=True)
class _Measure:
    """How one feature is measured: the method, the zone boundary in GK, the 证载 area's field and unit."""

    method: LandMethod
    edge: shapely.Geometry | None
    field_name: str
    unit: Literal["m2", "mu"]

    def parcel(
        self, feature: RawFeature, geometry: shapely.Geometry, planar: shapely.Geometry, covered: bool
    ) -> tuple[ParcelShape | None, str]:
        """The parcel with its areas (or the reason it is refused); ``planar`` is it in the GK CRS."""
        area = float(planar.area)
        if (
            not covered
            and self.edge is not None
            and (outside := planar.difference(self.edge).area) > self.method.area.outside_boundary_m2
        ):
            return None, f"超出开发区边界 {outside:,.1f} 平方米"
        cert, reason = _certified(feature.attributes.get(self.field_name), area, self.unit, self.field_name)
        if reason:
            return None, reason
        flag = ""
        tolerance = self.method.area.tolerance
        if cert is not None and abs(area - cert) > tolerance * cert:
            flag = (
                f"计算面积 {area:,.1f} 平方米与证载面积 {cert:,.1f} 平方米相差 {abs(area - cert) / cert:.2%}"
                f"（超过 {tolerance:.1%}），请核对"
            )
        shape = ParcelShape(feature.number, feature.fid, geometry, area, cert, flag, feature.attributes)
        return shape, ""


def _overlaps_known(
    calc: list[tuple[int, shapely.Geometry]],
    known: Sequence[tuple[str, shapely.Geometry]],
    to_calc: Callable[[shapely.Geometry], shapely.Geometry],
    tolerance_m2: float,
) -> list[tuple[int, str, float]]:
    """(position, known ref, area) for each new parcel overlapping a parcel the zone already has."""
    if not known or not calc:
        return []
    others = to_calc(np.array([g for _, g in known], dtype=object))
    tree = shapely.STRtree(others)
    mine, theirs = tree.query(np.array([g for _, g in calc], dtype=object), predicate="intersects")
    found = []
    for i, j in zip(mine.tolist(), theirs.tolist(), strict=True):
        if (area := shapely.intersection(calc[i][1], others[j]).area) > tolerance_m2:
            found.append((calc[i][0], known[j][0], float(area)))
    return found


def check_layer(
    layer: RawLayer,
    *,
    method: LandMethod,
    calc_epsg: int | None = None,
    boundary: shapely.Geometry | None = None,
    known: Sequence[tuple[str, shapely.Geometry]] = (),
    cert_area_field: str | None = None,
    cert_area_unit: Literal["m2", "mu"] = "m2",
) -> CheckedLayer:
    """Check every feature of ``layer`` and compute its area; raise :class:`FileRefused` with every fault.

    ``calc_epsg`` is the zone's GK CRS (default: the 3° zone of the layer's centre); ``boundary`` the
    zone's boundary in EPSG:4490; ``known`` the zone's parcels (编号, EPSG:4490 geometry) that this file
    does not replace — a new parcel may not overlap them either.
    """
    issues: list[CellIssue] = problems(layer)
    placed = _place(layer)
    moved = _moved(layer, placed, issues)
    if not moved:
        raise FileRefused(issues or [CellIssue(file=layer.file, reason="文件中没有宗地")])
    if calc_epsg is None:
        west, _, east, _ = shapely.total_bounds(np.array([g for _, g in moved], dtype=object))
        calc_epsg = gk3_epsg((west + east) / 2)
    to_calc = transformer(GEOGRAPHIC, calc_epsg)
    edge = to_calc(boundary) if boundary is not None else None
    measure = _Measure(method, edge, cert_area_field or "", cert_area_unit)
    planars = list(to_calc(np.array([g for _, g in moved], dtype=object)))
    if edge is not None:
        shapely.prepare(edge)
        covered = shapely.covered_by(np.array(planars, dtype=object), edge).tolist()
    else:
        covered = [True] * len(planars)
    parcels: list[ParcelShape] = []
    calc: list[tuple[int, shapely.Geometry]] = []
    for (feature, geometry), planar, inside in zip(moved, planars, covered, strict=True):
        shape, reason = measure.parcel(feature, geometry, planar, inside)
        if shape is None:
            issues.append(describe(layer, feature.number, feature.fid, reason))
            continue
        calc.append((len(parcels), planar))
        parcels.append(shape)
    for i, j, area in _overlaps(calc, method.area.overlap_m2) if calc else []:
        a, b = parcels[i], parcels[j]
        issues.append(
            describe(
                layer,
                b.number,
                b.fid,
                f"与第 {a.number} {_ordinal(layer)}（编号 {a.fid}）重叠 {area:,.1f} 平方米",
            )
        )
    for i, ref, area in _overlaps_known(calc, known, to_calc, method.area.overlap_m2):
        issues.append(
            describe(
                layer,
                parcels[i].number,
                parcels[i].fid,
                f"与开发区已有宗地（编号 {ref}）重叠 {area:,.1f} 平方米",
            )
        )
    if issues:
        raise FileRefused(issues)
    return CheckedLayer(layer.file, placed.label, calc_epsg, tuple(parcels))


@dataclass(frozen=True)
class CheckedBoundary:
    """A zone boundary as checked: one (multi)polygon in EPSG:4490 and its planar area."""

    file: str
    source_crs: str
    calc_epsg: int
    geometry: shapely.Geometry
    area_m2: float


def check_boundary(layer: RawLayer) -> CheckedBoundary:
    """The zone boundary a file draws (the union of its polygons: a zone may have several 片区), or
    :class:`FileRefused` naming every feature that is not a valid polygon, as for parcels."""
    issues: list[CellIssue] = problems(layer)
    placed = _place(layer)
    moved = _moved(layer, placed, issues)
    if issues:
        raise FileRefused(issues)
    if not moved:
        raise FileRefused.one(layer.file, "文件中没有边界面")
    union = shapely.union_all([g for _, g in moved])
    west, _, east, _ = union.bounds
    calc_epsg = gk3_epsg((west + east) / 2)
    area = planar_area_m2(union, calc_epsg)
    return CheckedBoundary(layer.file, placed.label, calc_epsg, union, area)
