"""A zone's boundary and the parcels imported against it (issue 19 criterion 3), with real files written
by pyshp: parcels outside the boundary and parcels overlapping each other or a parcel the zone already
has are refused naming the feature's number and id; a missing .prj and a CRS it cannot place likewise;
nothing is written unless the whole file is valid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shapely
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.core.files import FileRefused
from devzone.land.actions import import_boundary, import_parcels
from devzone.land.models import LandImport, Parcel, ZoneBoundary
from devzone.land.tests.files import geojson, shapefile_zip

ORIGIN = (391_600.0, 3_066_000.0)  # EPSG:4545, the spec's worked example


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def rect(x: float, y: float, w: float, h: float) -> shapely.Polygon:
    return shapely.box(ORIGIN[0] + x, ORIGIN[1] + y, ORIGIN[0] + x + w, ORIGIN[1] + y + h)


def boundary_zip() -> bytes:
    """The zone's boundary: 500 × 300 m from the origin, as a one-feature Shapefile."""
    return shapefile_zip([("JX1", rect(0, 0, 500, 300), None)], stem="开发区边界")


def reasons(refused: pytest.ExceptionInfo[FileRefused]) -> list[str]:
    return [str(i) for i in refused.value.issues]


def test_a_boundary_is_imported_and_parcels_outside_it_are_refused(world: World) -> None:
    boundary = import_boundary(zone=world.zone_a, name="边界.zip", content=boundary_zip(), actor=world.staff_a,
                               source="test")  # fmt: skip
    assert boundary.area_m2 == pytest.approx(150_000, abs=0.5)
    assert boundary.calc_epsg == 4545
    assert AuditEntry.objects.filter(model="land.ZoneBoundary", object_pk=str(boundary.pk)).count() == 1
    rows = [("A1", rect(0, 0, 100, 100), None), ("A2", rect(450, 250, 100, 100), None),
            ("A3", rect(600, 0, 50, 50), None)]  # fmt: skip
    with pytest.raises(FileRefused) as refused:
        import_parcels(
            zone=world.zone_a, name="宗地.zip", content=shapefile_zip(rows), actor=None, source="test"
        )
    assert reasons(refused) == [
        "宗地.zip：第 2 个要素（编号 A2）：超出开发区边界 7,500.0 平方米",
        "宗地.zip：第 3 个要素（编号 A3）：超出开发区边界 2,500.0 平方米",
    ]
    assert not Parcel.objects.exists() and not LandImport.objects.exists()
    import_parcels(
        zone=world.zone_a, name="宗地.zip", content=shapefile_zip(rows[:1]), actor=None, source="test"
    )
    assert list(Parcel.objects.values_list("ref", flat=True)) == ["A1"]


def test_a_boundary_that_leaves_a_parcel_outside_is_refused(world: World) -> None:
    rows = [("A1", rect(0, 0, 100, 100), None), ("A2", rect(200, 0, 100, 100), None)]
    import_parcels(zone=world.zone_a, name="宗地.zip", content=shapefile_zip(rows), actor=None, source="test")
    small = shapefile_zip([("JX1", rect(-10, -10, 250, 200), None)], stem="开发区边界")
    with pytest.raises(FileRefused) as refused:
        import_boundary(zone=world.zone_a, name="边界.zip", content=small, actor=None, source="test")
    assert reasons(refused) == ["边界.zip：开发区已有宗地（编号 A2）有 6,000.0 平方米在新边界之外"]
    assert not ZoneBoundary.objects.exists()


def test_a_parcel_overlapping_one_the_zone_already_has_is_refused(world: World) -> None:
    import_parcels(zone=world.zone_a, name="一期.zip", content=shapefile_zip([("A1", rect(0, 0, 100, 100), None)]),
                   actor=None, source="test")  # fmt: skip
    second = shapefile_zip([("B1", rect(150, 0, 50, 50), None), ("B2", rect(80, 0, 50, 50), None)])
    with pytest.raises(FileRefused) as refused:
        import_parcels(zone=world.zone_a, name="二期.zip", content=second, actor=None, source="test")
    assert reasons(refused) == [
        "二期.zip：第 2 个要素（编号 B2）：与开发区已有宗地（编号 A1）重叠 1,000.0 平方米"
    ]
    assert Parcel.objects.count() == 1
    # the same parcel again, redrawn: it replaces itself, it does not overlap itself
    again = shapefile_zip([("A1", rect(0, 0, 110, 100), None)])
    import_parcels(zone=world.zone_a, name="一期.zip", content=again, actor=None, source="test")
    assert Parcel.objects.get(ref="A1").area_calc_m2 == pytest.approx(11_000, abs=0.01)


def test_a_missing_prj_and_a_crs_it_cannot_place_are_refused_and_nothing_is_written(world: World) -> None:
    no_prj = shapefile_zip([("A1", rect(0, 0, 100, 100), None)], epsg=None)
    with pytest.raises(FileRefused) as refused:
        import_parcels(zone=world.zone_a, name="宗地.zip", content=no_prj, actor=None, source="test")
    assert reasons(refused) == ["宗地.zip：压缩包中缺少 .prj（坐标系说明）：请与 .shp 一同打包后再上传"]
    mercator = shapefile_zip([("A1", rect(0, 0, 100, 100), None)], epsg=3857)
    with pytest.raises(FileRefused) as refused:
        import_parcels(zone=world.zone_a, name="宗地.zip", content=mercator, actor=None, source="test")
    assert reasons(refused) == [
        "宗地.zip：.prj：EPSG:3857（WGS 84 / Pseudo-Mercator）不能用于宗地：须为 CGCS2000（经纬度或 3° 高斯-克吕格投影）"
        "或 WGS84 经纬度"
    ]
    unplaced = geojson([("A1", rect(0, 0, 100, 100))])  # GK eastings without a zone number and no crs
    with pytest.raises(FileRefused) as refused:
        import_parcels(zone=world.zone_a, name="宗地.geojson", content=unplaced, actor=None, source="test")
    assert reasons(refused) == [
        "宗地.geojson：无法确定坐标系：横坐标 391700 不带带号，请在导入时指定坐标系（如 EPSG:4545）"
    ]
    assert not Parcel.objects.exists() and not LandImport.objects.exists()


def test_the_boundary_is_uploaded_on_the_import_page_and_served_to_the_map(world: World) -> None:
    client = world.client_for(world.staff_a)
    response = client.post(
        "/land/imports/boundary/",
        {"boundary-zone": world.zone_a.pk, "boundary-file": SimpleUploadedFile("边界.zip", boundary_zip())},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == f"/land/zones/{world.zone_a.pk}/map/"
    served = client.get(f"/land/zones/{world.zone_a.pk}/boundary.geojson").json()
    (feature,) = served["features"]
    assert feature["properties"] == {"name": "开发区边界", "kind": "boundary", "area_mu": 225.0}
    page = client.get(f"/land/zones/{world.zone_a.pk}/map/").content.decode()
    assert f'data-boundary="/land/zones/{world.zone_a.pk}/boundary.geojson"' in page
    bad = client.post(
        "/land/imports/boundary/",
        {"boundary-zone": world.zone_a.pk,
         "boundary-file": SimpleUploadedFile("边界.zip", shapefile_zip([("J", None, None)]))},
    )  # fmt: skip
    assert bad.status_code == 422
    assert "第 1 个要素（编号 J）：几何为空" in bad.content.decode()
    other = client.post(
        "/land/imports/boundary/",
        {"boundary-zone": world.zone_b.pk, "boundary-file": SimpleUploadedFile("边界.zip", boundary_zip())},
    )
    assert other.status_code == 200 and not ZoneBoundary.objects.filter(zone=world.zone_b).exists()
