"""The land pages as a zone's own staff: indicators, map GeoJSON, candidates, a parcel card, a case
taken through 立案 and its steps, the upload (whole or refused), the downloads."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import shapely
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from tests.personas import ZONE_B_MARK, World

from devzone.land.models import CaseState, DisposalCase, LandImport, Parcel
from devzone.land.tests.files import shapefile_zip
from devzone.land.tests.world_db import import_worked, worked_geojson, zone_b_land


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def zone_a(world: World) -> World:
    import_worked(world.zone_a, actor=world.staff_a)
    return world


def test_the_zone_page_shows_the_worked_indicators(zone_a: World) -> None:
    page = zone_a.client_for(zone_a.staff_a).get(f"/land/zones/{zone_a.zone_a.pk}/?year=2024")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-code="land_development_rate"><td>土地开发率</td><td class="text-end"><strong>85.92' in text
    assert 'data-code="far"><td>综合容积率</td><td class="text-end"><strong>0.88' in text
    assert "工业主导型" in text


def test_the_map_geojson_carries_every_parcel_simplified_and_labelled(zone_a: World) -> None:
    client = zone_a.client_for(zone_a.staff_a)
    page = client.get(f"/land/zones/{zone_a.zone_a.pk}/map/?year=2024")
    assert page.status_code == 200 and 'id="parcel-map"' in page.content.decode()
    response = client.get(f"/land/zones/{zone_a.zone_a.pk}/parcels.geojson?year=2024")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["as_of"] == "2024-12-31" and len(data["features"]) == 10
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert by_name["P3"]["properties"]["candidate"] == "闲置土地线索"
    assert by_name["P2"]["properties"]["candidate"] == "低效用地线索"  # 容积率 0.60 < 0.8 (纺织)
    p1 = shapely.geometry.shape(by_name["P1"]["geometry"])
    assert p1.is_valid and p1.bounds[0] == pytest.approx(106.9009671, abs=1e-6)
    download = client.get(f"/land/zones/{zone_a.zone_a.pk}/parcels.geojson?year=2024&download=1")
    assert "attachment" in download["Content-Disposition"]


def test_candidates_are_listed_and_one_is_taken_through_steps(zone_a: World) -> None:
    client = zone_a.client_for(zone_a.staff_a)
    zone = zone_a.zone_a
    page = client.get(f"/land/zones/{zone.pk}/candidates/?year=2024").content.decode()
    assert 'data-parcel="P3"' in page and 'data-parcel="P4"' in page and "144.00" in page
    assert "P5（未按约定交付土地" in page  # the exemption shown, not a candidate
    p3 = Parcel.objects.get(zone=zone, ref="P3")
    response = client.post(
        f"/land/zones/{zone.pk}/candidates/open/", {"kind": "idle", "parcel": p3.pk, "year": 2024}
    )
    case = DisposalCase.objects.get(parcel=p3)
    assert response.status_code == 302 and response["Location"] == f"/land/cases/{case.pk}/"
    refused = client.post(f"/land/cases/{case.pk}/advance/", {"state": 2, "on": "2024-09-30"})
    assert refused.status_code == 422 and "下一步应为“调查”" in refused.content.decode()
    ok = client.post(
        f"/land/cases/{case.pk}/advance/", {"state": 1, "on": "2024-07-01", "document": "调查通知书"}
    )
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.INVESTIGATE
    card = client.get(f"/land/parcels/{p3.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "闲置土地 · 调查" in card and "<html" not in card


def test_a_viewer_reads_but_cannot_open_a_case(zone_a: World) -> None:
    client = zone_a.client_for(zone_a.viewer_a)
    zone = zone_a.zone_a
    assert "立案调查" not in client.get(f"/land/zones/{zone.pk}/candidates/?year=2024").content.decode()
    p3 = Parcel.objects.get(zone=zone, ref="P3")
    response = client.post(
        f"/land/zones/{zone.pk}/candidates/open/", {"kind": "idle", "parcel": p3.pk, "year": 2024}
    )
    assert response.status_code == 403 and not DisposalCase.objects.exists()


def test_an_upload_is_imported_whole_or_refused_with_every_fault(world: World) -> None:
    client = world.client_for(world.staff_a)
    good = SimpleUploadedFile("宗地.geojson", worked_geojson())
    response = client.post("/land/imports/upload/", {"zone": world.zone_a.pk, "file": good})
    assert response.status_code == 302 and response["Location"] == f"/land/zones/{world.zone_a.pk}/map/"
    assert Parcel.objects.filter(zone=world.zone_a).count() == 10
    box = shapely.box(391_600, 3_066_000, 391_700, 3_066_100)
    bad = SimpleUploadedFile("坏.zip", shapefile_zip([("G1", box, 10_000.0), ("G1", None, None)]))
    response = client.post("/land/imports/upload/", {"zone": world.zone_a.pk, "file": bad})
    text = response.content.decode()
    assert response.status_code == 422 and "未导入任何宗地" in text
    assert "第 2 个要素（编号 G1）：几何为空" in text and "编号与第 1 个重复" in text
    assert LandImport.objects.count() == 1


def test_the_workbooks_download_with_chinese_names(zone_a: World) -> None:
    client = zone_a.client_for(zone_a.staff_a)
    zone = zone_a.zone_a
    response = client.get(f"/land/zones/{zone.pk}/indicators.xlsx?year=2024")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content))["土地指标"]
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert round(rows["土地供应率"], 2) == 78.14
    response = client.get(f"/land/zones/{zone.pk}/candidates.xlsx?year=2024")
    book = load_workbook(io.BytesIO(response.content))
    idle = list(book["闲置土地线索"].iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in idle] == ["P3", "P4"] and [r[6] for r in idle] == [144.0, 108.0]


def test_zone_b_land_is_its_staffs_and_nobody_elses(world: World) -> None:
    """The URL walk's zone-B land records: zone B's staff reach them, zone A's get 404 on each."""
    made = zone_b_land(world)
    urls = [f"/land/parcels/{made.parcel.pk}/", f"/land/cases/{made.case.pk}/",
            f"/land/zones/{world.zone_b.pk}/map/", f"/land/zones/{world.zone_b.pk}/parcels.geojson"]  # fmt: skip
    own, other = world.client_for(world.staff_b), world.client_for(world.staff_a)
    for url in urls:
        assert own.get(url).status_code == 200, url
        assert other.get(url).status_code == 404, url
    assert ZONE_B_MARK in own.get(f"/land/zones/{world.zone_b.pk}/parcels.geojson").content.decode()
