"""Importing parcel files into a zone through the action: the worked example lands whole; a bad file
is refused with every fault named and nothing written; a second import updates by 编号."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import shapely
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.core.files import FileRefused
from devzone.land.actions import import_parcels
from devzone.land.method_load import resolve
from devzone.land.models import LandImport, Parcel
from devzone.land.store import zone_year
from devzone.land.tests.files import geojson, shapefile_zip
from devzone.land.tests.world_db import import_worked, uscc_of

METHOD = resolve("zunyi-seed")
ORIGIN = (391_600.0, 3_066_000.0)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def rect(x: float, y: float, w: float, h: float) -> shapely.Polygon:
    return shapely.box(ORIGIN[0] + x, ORIGIN[1] + y, ORIGIN[0] + x + w, ORIGIN[1] + y + h)


def test_the_worked_example_imports_whole_and_gives_the_spec_indicators(world: World) -> None:
    import_worked(world.zone_a, actor=world.staff_a)
    parcels = {p.ref: p for p in Parcel.objects.filter(zone=world.zone_a)}
    assert len(parcels) == 10
    p1 = parcels["P1"]
    assert p1.area_calc_m2 == pytest.approx(40_000, abs=0.01)
    assert p1.calc_epsg == 4545 and p1.source_crs == "EPSG:4545（CGCS2000 3°高斯-克吕格投影，中央经线 108°E）"
    assert p1.build_class == "A2" and p1.is_industrial and p1.holder_uscc == uscc_of("F1")
    assert parcels["P4"].stopped_on == dt.date(2023, 3, 1) and parcels["P8"].reserve
    assert shapely.from_wkt(p1.geom_wkt).bounds[0] == pytest.approx(106.9009671, abs=1e-6)
    figures = zone_year(world.zone_a, year=2024, on=dt.date(2024, 12, 31), method=METHOD).land.figures
    assert round(figures["land_development_rate"].value, 2) == 85.92
    assert round(figures["land_supply_rate"].value, 2) == 78.14
    assert round(figures["land_built_rate"].value, 2) == 73.43
    assert round(figures["industrial_land_rate"].value, 2) == 71.43
    assert round(figures["far"].value, 3) == 0.876
    assert round(figures["industrial_coverage"].value, 2) == 46.67
    batch = LandImport.objects.get(zone=world.zone_a)
    assert batch.parcels == 10 and batch.calc_epsg == 4545
    logged = AuditEntry.objects.filter(zone=world.zone_a, model__in=["land.LandImport", "land.Parcel"])
    assert sorted(logged.values_list("model", flat=True)) == ["land.LandImport", "land.Parcel"]


def test_a_second_import_updates_parcels_by_their_number(world: World) -> None:
    import_worked(world.zone_a)
    content = geojson([("P1", shapely.box(106.9009852, 27.7028878, 106.9030126, 27.7047084))])
    import_parcels(zone=world.zone_a, name="p1.geojson", content=content, actor=None, source="test")
    assert Parcel.objects.filter(zone=world.zone_a).count() == 10
    assert Parcel.objects.get(zone=world.zone_a, ref="P1").land_import.original_name == "p1.geojson"


def test_a_bad_file_is_refused_with_every_fault_and_nothing_is_written(world: World) -> None:
    bowtie = shapely.Polygon(
        [
            (ORIGIN[0], ORIGIN[1]),
            (ORIGIN[0] + 100, ORIGIN[1] + 100),
            (ORIGIN[0] + 100, ORIGIN[1]),
            (ORIGIN[0], ORIGIN[1] + 100),
        ]
    )
    content = shapefile_zip(
        [("G1", rect(0, 0, 100, 100), 10_000.0), ("G2", bowtie, None), ("G3", rect(50, 50, 100, 100), None),
         ("G4", None, None)],
    )  # fmt: skip
    with pytest.raises(FileRefused) as refused:
        import_parcels(zone=world.zone_a, name="宗地.zip", content=content, actor=None, source="test")
    text = [str(i) for i in refused.value.issues]
    assert any("第 2 个要素（编号 G2）：边界自相交" in t for t in text), text
    assert any("第 3 个要素（编号 G3）：与第 1 个（编号 G1）重叠" in t for t in text), text
    assert any("第 4 个要素（编号 G4）：几何为空" in t for t in text), text
    assert all(t.startswith("宗地.zip") for t in text)
    assert not Parcel.objects.exists() and not LandImport.objects.exists()


def test_bad_attribute_values_are_named_by_feature_and_column(world: World) -> None:
    content = geojson([("Q1", rect(0, 0, 100, 100))]).replace(
        b'"properties": {"ZDDM": "Q1"}', b'"properties": {"ZDDM": "Q1", "JSZK": "Z9", "DGRQ": "2024-13-01", "QLRDM": "123"}'
    )  # fmt: skip
    content = content.replace(b'"type": "FeatureCollection"', b'"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4545"}}')  # fmt: skip
    with pytest.raises(FileRefused) as refused:
        import_parcels(zone=world.zone_a, name="q.geojson", content=content, actor=None, source="test")
    reasons = [i.reason for i in refused.value.issues]
    assert any(r.startswith("第 1 个要素（编号 Q1）：建设状况：建设状况“Z9”不是可选值") for r in reasons), (
        reasons
    )
    assert any("动工日期：“2024-13-01”不是日期" in r for r in reasons), reasons
    assert any("使用权人统一社会信用代码：统一社会信用代码“123”长度为 3 位" in r for r in reasons), reasons
    assert not Parcel.objects.exists()


def test_a_file_that_is_not_a_zip_is_refused_as_a_shapefile_zip(world: World) -> None:
    with pytest.raises(FileRefused, match=r"宗地\.zip：不是 zip 压缩包"):
        import_parcels(zone=world.zone_a, name="宗地.zip", content=b"plain text", actor=None, source="test")
