"""Parcel files read and checked: real Shapefile zips, GeoJSON and WKT rows, friendly and hostile.

Every refusal names the file, the feature's number and id, and the reason in Chinese, and lists all
the faults of the file at once (nothing is written unless the whole file is valid).
"""

from __future__ import annotations

import io
import zipfile

import pytest
import shapely

from devzone.core.files import FileRefused, read_table
from devzone.land.crs import transformer
from devzone.land.geometry import CheckedLayer, check_layer, mu
from devzone.land.method_load import resolve
from devzone.land.readers import read_geojson, read_shapefile_zip, read_wkt_rows
from devzone.land.tests.files import geojson, prj, shapefile_zip, wkt_csv
from devzone.land.tests.worked import world

METHOD = resolve("zunyi-seed")
SPEC_M2 = {"P1": 40_000, "P2": 20_000, "P3": 16_000, "P4": 12_000, "P5": 10_000, "P6": 15_000, "P7": 10_000,
           "P8": 40_000}  # fmt: skip
E, N = world().raw["origin"]
BOWTIE = shapely.Polygon([(E, N), (E + 50, N + 50), (E + 50, N), (E, N + 50)])


def rectangles() -> dict[str, shapely.Polygon]:
    return world().rectangles()


def reasons(error: pytest.ExceptionInfo[FileRefused]) -> list[str]:
    return [str(i) for i in error.value.issues]


def checked_zip(content: bytes, **kw: object) -> CheckedLayer:
    return check_layer(read_shapefile_zip("宗地.zip", content), method=METHOD, **kw)  # type: ignore[arg-type]


def test_the_worked_example_from_a_shapefile() -> None:
    rows = [(code, g, SPEC_M2[code]) for code, g in rectangles().items()]
    layer = checked_zip(shapefile_zip(rows), cert_area_field="ZZMJ")
    assert layer.calc_epsg == 4545
    assert layer.source_crs.startswith("EPSG:4545")
    for parcel in layer.parcels:
        assert parcel.area_calc_m2 == pytest.approx(SPEC_M2[parcel.fid], abs=0.01)
        assert parcel.area_flag == ""
    assert {p.fid: round(mu(p.area_m2), 6) for p in layer.parcels} == {
        "P1": 60, "P2": 30, "P3": 24, "P4": 18, "P5": 15, "P6": 22.5, "P7": 15, "P8": 60,
    }  # fmt: skip
    lon, lat = layer.parcels[0].geometry.exterior.coords[0]
    assert 106.9 < lon < 106.91 and 27.7 < lat < 27.71  # stored lon, lat in EPSG:4490


def test_a_gbk_table_without_cpg_is_read_by_its_language_driver() -> None:
    content = shapefile_zip([("甲地块", rectangles()["P1"], 40_000)], cpg=None, encoding="gbk", ldid=0x4D)
    layer = read_shapefile_zip("宗地.zip", content)
    assert layer.features[0].attributes["QLR"] == "示范企业有限公司"
    assert layer.features[0].fid == "甲地块"


def test_a_gbk_table_with_no_hint_is_refused() -> None:
    content = shapefile_zip([("甲地块", rectangles()["P1"], 40_000)], cpg=None, encoding="gbk")
    with pytest.raises(FileRefused) as error:
        read_shapefile_zip("宗地.zip", content)
    assert reasons(error) == [
        "宗地.zip：属性表（.dbf）的编码无法确定：请在压缩包中附上 .cpg 文件（内容为 GBK 或 UTF-8）"
    ]


def test_a_missing_prj_is_refused() -> None:
    with pytest.raises(FileRefused) as error:
        read_shapefile_zip("宗地.zip", shapefile_zip([("P1", rectangles()["P1"], None)], epsg=None))
    assert reasons(error) == ["宗地.zip：压缩包中缺少 .prj（坐标系说明）：请与 .shp 一同打包后再上传"]


def test_a_path_traversal_member_refuses_the_zip() -> None:
    content = shapefile_zip([("P1", rectangles()["P1"], None)], extra=[("../../etc/cron.d/x", b"* * * * *")])
    with pytest.raises(FileRefused) as error:
        read_shapefile_zip("宗地.zip", content)
    assert reasons(error) == [
        "宗地.zip：压缩包内的文件名“../../etc/cron.d/x”含上级目录或绝对路径，已拒绝整个文件"
    ]


def test_not_a_zip_and_two_layers_are_refused() -> None:
    with pytest.raises(FileRefused, match="不是 zip 压缩包"):
        read_shapefile_zip("宗地.zip", b"PK-not-really")
    one = shapefile_zip([("P1", rectangles()["P1"], None)])
    with zipfile.ZipFile(io.BytesIO(one)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    both = io.BytesIO()
    with zipfile.ZipFile(both, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
            archive.writestr(name.replace("宗地", "道路"), data)
    with pytest.raises(FileRefused, match="有 2 个图层"):
        read_shapefile_zip("宗地.zip", both.getvalue())


def test_a_beijing54_or_xian80_prj_is_refused() -> None:
    content = shapefile_zip(
        [("P1", rectangles()["P1"], None)], epsg=None, with_prj_text=prj(2383)
    )  # Xian 1980 GK
    with pytest.raises(FileRefused) as error:
        read_shapefile_zip("宗地.zip", content)
    assert reasons(error) == ["宗地.zip：.prj：坐标系为西安80，须先由自然资源部门转换为 CGCS2000 后再导入"]


def test_a_wrong_crs_puts_parcels_outside_china_and_is_refused() -> None:
    # the .prj says GK CM 108E, but the coordinates are lon/lat numbers
    lonlat = transformer(4545, 4490)(rectangles()["P1"])
    with pytest.raises(FileRefused) as error:
        checked_zip(shapefile_zip([("P1", lonlat, None)], epsg=4545))
    (reason,) = reasons(error)
    assert reason.startswith(
        "宗地.zip：第 1 个要素（编号 P1）：按 EPSG:4545（CGCS2000 / 3-degree Gauss-Kruger CM 108E）换算后"
    )
    assert reason.endswith("不在中国境内：文件的坐标系可能有误")


def test_every_bad_feature_is_named_at_once() -> None:
    r = rectangles()
    rows = [
        ("P1", r["P1"], 40_000),
        ("BOW", BOWTIE, None),
        ("NUL", None, None),
        ("P2", r["P2"], 20_000),
        ("OVL", shapely.box(E + 150, N + 150, E + 210, N + 210), None),  # overlaps P1 by 50 × 50
        ("P2", r["P3"], None),  # duplicate id
    ]
    with pytest.raises(FileRefused) as error:
        checked_zip(shapefile_zip(rows))
    assert reasons(error) == [
        "宗地.zip：第 3 个要素（编号 NUL）：几何为空",
        "宗地.zip：第 2 个要素（编号 BOW）：边界自相交（如“8”字形或蝴蝶结形），位于 (391625, 3066025)",
        "宗地.zip：第 6 个要素（编号 P2）：编号与第 4 个重复",
        "宗地.zip：第 5 个要素（编号 OVL）：与第 1 个（编号 P1）重叠 2,500.0 平方米",
    ]


def test_parcels_outside_the_zone_boundary_are_refused() -> None:
    r = rectangles()
    boundary = transformer(4545, 4490)(shapely.box(E - 10, N - 10, E + 430, N + 300))
    rows = [("P1", r["P1"], None), ("P4", r["P4"], None)]
    with pytest.raises(FileRefused) as error:
        checked_zip(shapefile_zip(rows), boundary=boundary)
    assert reasons(error) == ["宗地.zip：第 2 个要素（编号 P4）：超出开发区边界 12,000.0 平方米"]


def test_a_registered_area_off_by_more_than_the_tolerance_is_flagged() -> None:
    layer = checked_zip(shapefile_zip([("P1", rectangles()["P1"], 40_400)]), cert_area_field="ZZMJ")
    (parcel,) = layer.parcels
    assert parcel.area_m2 == 40_400  # 证载 is the legal area
    assert (
        parcel.area_flag
        == "计算面积 40,000.0 平方米与证载面积 40,400.0 平方米相差 0.99%（超过 0.5%），请核对"
    )


def test_an_area_in_square_metres_where_mu_is_expected_is_refused() -> None:
    content = shapefile_zip([("P1", rectangles()["P1"], 40_000)])
    with pytest.raises(FileRefused) as error:
        checked_zip(content, cert_area_field="ZZMJ", cert_area_unit="mu")
    assert reasons(error) == [
        "宗地.zip：第 1 个要素（编号 P1）：ZZMJ 40000 应以亩填写，看来填写的是平方米（按图形计算为 40,000.0 平方米，即 60.00 亩）"
    ]
    layer = checked_zip(
        shapefile_zip([("P1", rectangles()["P1"], 60)]), cert_area_field="ZZMJ", cert_area_unit="mu"
    )
    assert layer.parcels[0].area_cert_m2 == pytest.approx(40_000)


def test_geojson_in_lon_lat_is_placed_as_cgcs2000() -> None:
    to_ll = transformer(4545, 4490)
    layer = check_layer(read_geojson("宗地.geojson", geojson([(k, to_ll(g)) for k, g in rectangles().items()])),
                        method=METHOD)  # fmt: skip
    assert layer.source_crs.startswith("EPSG:4490")
    assert {p.fid: round(p.area_calc_m2, 2) for p in layer.parcels} == SPEC_M2


def test_geojson_with_a_legacy_crs_member() -> None:
    content = geojson(list(rectangles().items()), crs="urn:ogc:def:crs:EPSG::4545")
    layer = check_layer(read_geojson("宗地.geojson", content), method=METHOD)
    assert layer.parcels[0].area_calc_m2 == pytest.approx(40_000, abs=0.01)


def test_hostile_geojson() -> None:
    with pytest.raises(FileRefused, match="不是 GeoJSON 要素集合"):
        read_geojson("a.geojson", b'{"type": "Feature"}')
    with pytest.raises(FileRefused, match="不是有效的 GeoJSON"):
        read_geojson("a.geojson", b"\xff\xfe{")
    with pytest.raises(FileRefused, match="Pseudo-Mercator"):
        read_geojson("a.geojson", geojson([], crs="EPSG:3857"))
    broken = {"type": "Polygon", "coordinates": [[[1, 2], [3]]]}
    content = geojson([("P1", rectangles()["P1"]), ("X", broken), ("BOW", BOWTIE)], crs="EPSG:4545")
    with pytest.raises(FileRefused) as error:
        check_layer(read_geojson("宗地.geojson", content), method=METHOD)
    assert [r.split("：")[1] for r in reasons(error)] == ["第 2 个要素（编号 X）", "第 3 个要素（编号 BOW）"]


def test_wkt_rows_through_the_shared_table_reader() -> None:
    r = rectangles()
    rows = [(k, f"SRID=4545;{g.wkt}") for k, g in r.items()]
    table = read_table("宗地.csv", wkt_csv(rows))
    layer = check_layer(read_wkt_rows(table), method=METHOD)
    assert {p.fid: round(p.area_calc_m2, 2) for p in layer.parcels} == SPEC_M2


def test_wkt_rows_with_a_zone_prefixed_easting_are_placed_without_a_crs() -> None:
    shifted = shapely.affinity.translate(rectangles()["P1"], xoff=36_000_000)
    layer = check_layer(read_wkt_rows(read_table("宗地.csv", wkt_csv([("P1", shifted.wkt)]))), method=METHOD)
    assert layer.source_crs.startswith("EPSG:4524")
    assert layer.parcels[0].area_calc_m2 == pytest.approx(40_000, abs=0.01)


def test_hostile_wkt_rows() -> None:
    table = read_table("宗地.csv", wkt_csv([("P1", rectangles()["P1"].wkt)]))
    with pytest.raises(FileRefused) as error:
        check_layer(read_wkt_rows(table), method=METHOD)  # easting 391 600 carries no zone number
    assert reasons(error) == [
        "宗地.csv：无法确定坐标系：横坐标 391800 不带带号，请在导入时指定坐标系（如 EPSG:4545）"
    ]
    rows = [("P1", rectangles()["P1"].wkt), ("P2", "POLYGON((1 2, 3"), ("P3", BOWTIE.wkt), ("P4", "")]
    with pytest.raises(FileRefused) as error:
        check_layer(read_wkt_rows(read_table("宗地.csv", wkt_csv(rows)), crs=4545), method=METHOD)
    got = reasons(error)
    assert got[0].startswith("宗地.csv，第 3 行：WKT 列不是有效的 WKT")
    assert got[1] == "宗地.csv，第 5 行：WKT 列为空（几何为空）（编号 P4）"
    assert got[2] == "宗地.csv，第 4 行：边界自相交（如“8”字形或蝴蝶结形），位于 (391625, 3066025)（编号 P3）"
    with pytest.raises(FileRefused, match="表头中没有几何列"):
        read_wkt_rows(read_table("宗地.csv", wkt_csv([("P1", "x")], header=("宗地代码", "坐标"))))


def test_a_cpg_that_does_not_match_the_table_is_refused() -> None:
    content = shapefile_zip([("甲地块", rectangles()["P1"], 40_000)], cpg="UTF-8", encoding="gbk")
    with pytest.raises(FileRefused) as error:
        read_shapefile_zip("宗地.zip", content)
    assert reasons(error) == [
        "宗地.zip：属性表（.dbf）中的文字不是 UTF-8 编码：请核对 .cpg 文件或按实际编码另存"
    ]


def test_deeply_nested_geojson_is_refused_not_crashed() -> None:
    with pytest.raises(FileRefused, match="不是有效的 GeoJSON"):
        read_geojson("a.geojson", b"[" * 100_000 + b"]" * 100_000)


def test_a_truncated_shp_is_refused_as_damaged() -> None:
    whole = shapefile_zip([("P1", rectangles()["P1"], None), ("P2", rectangles()["P2"], None)])
    with zipfile.ZipFile(io.BytesIO(whole)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["宗地.shp"] = members["宗地.shp"][:150]
    cut = io.BytesIO()
    with zipfile.ZipFile(cut, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(FileRefused, match=r"^宗地.zip：Shapefile 已损坏或格式不符：文件头与内容不符"):
        read_shapefile_zip("宗地.zip", cut.getvalue())


def test_wgs84_and_a_declared_6_degree_zone_are_accepted_but_6_degree_eastings_are_not_guessed() -> None:
    to_ll = transformer(4545, 4490)
    p1 = rectangles()["P1"]
    wgs84 = check_layer(read_shapefile_zip("宗地.zip", shapefile_zip([("P1", to_ll(p1), None)], epsg=4326)),
                        method=METHOD)  # fmt: skip
    assert wgs84.parcels[0].area_calc_m2 == pytest.approx(40_000, abs=0.05)  # WGS84 taken as CGCS2000
    six = transformer(4490, 4497)(to_ll(p1))  # CGCS2000 6° zone 19 (CM 111E), zone-prefixed eastings
    declared = check_layer(
        read_shapefile_zip("宗地.zip", shapefile_zip([("P1", six, None)], epsg=4497)), method=METHOD
    )
    assert declared.parcels[0].area_calc_m2 == pytest.approx(40_000, abs=0.05)  # areas still in the 3° zone
    with pytest.raises(
        FileRefused, match=r"带号 19 是 6° 带，6° 坐标须附 \.prj 或在导入时指定坐标系（如 EPSG:4497）"
    ):
        check_layer(read_wkt_rows(read_table("宗地.csv", wkt_csv([("P1", six.wkt)]))), method=METHOD)
