"""A zone's staff import a parcel Shapefile, see the map coloured by the holders' 亩均 class, open a
parcel's card by clicking it, take an idle-land candidate through 认定 and a disposal plan to 盘活, and
see the zone's 盘活面积 target move on the board (issue 19 criterion 4)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import shapefile
import shapely
from playwright.sync_api import Page, expect

from devzone.enterprises.demo import build_enterprises_demo
from devzone.enterprises.models import MuResult, RunStatus
from devzone.indicators.actions import sync_catalogue
from devzone.indicators.tests.factories import target
from devzone.land.models import DisposalCase, Parcel
from devzone.land.tests.files import prj
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser
E, N = 391_600.0, 3_066_000.0  # EPSG:4545, the spec's worked example


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def parcel_zip(holders: list[tuple[str, str, str]]) -> bytes:
    """Six parcels of 200 × 150 m in a row (pyshp), one per holder, and a 160 × 100 m idle parcel."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding="utf-8")
    for name, size in (("ZDDM", 40), ("JSZK", 4), ("GYZK", 4), ("GYYD", 4), ("QLRDM", 18), ("QLR", 60),
                       ("JK", 12), ("HTRQ", 10), ("YDDGRQ", 10), ("JZMJ", 12), ("JDMJ", 12)):  # fmt: skip
        writer.field(name, "C", size=size)
    for k, (uscc, firm, _) in enumerate(holders):
        box = shapely.box(E + k * 220, N, E + k * 220 + 200, N + 150)
        writer.poly([list(shapely.geometry.polygon.orient(box, -1).exterior.coords)])
        writer.record(f"GD{k + 1}", "A2", "D21", "是", uscc, firm, "", "", "", "36000", "15000")
    idle = shapely.box(E, N + 200, E + 160, N + 300)
    writer.poly([list(shapely.geometry.polygon.orient(idle, -1).exterior.coords)])
    writer.record(
        "XZ1", "B21", "D21", "是", "", "闲置地块使用权人有限公司", "720", "2021-06-30", "2022-06-30", "0", "0"
    )
    writer.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for suffix, data in (("shp", shp), ("shx", shx), ("dbf", dbf)):
            archive.writestr(f"宗地.{suffix}", data.getvalue())
        archive.writestr("宗地.prj", prj(4545))
        archive.writestr("宗地.cpg", "UTF-8")
    return out.getvalue()


def step(page: Page, state: str, on: str, **fields: str) -> None:
    page.select_option("#id_state", state)
    page.fill("#id_on", on)
    for name, value in fields.items():
        if name == "route":
            page.select_option("#id_route", value)
        else:
            page.fill(f"#id_{name}", value)
    page.click("#step-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已登记")


def test_import_map_card_and_a_candidate_taken_to_revitalised_moves_the_board(
    page: Page, live_server: object, transactional_db: None, world: World, tmp_path: Path
) -> None:
    build_enterprises_demo(seed=11, scale=0.05, zones=[world.zone_a])
    results = MuResult.objects.filter(zone=world.zone_a, run__status=RunStatus.FINAL).exclude(final_class="")
    by_class: dict[str, tuple[str, str, str]] = {}
    for r in results.select_related("run").order_by("-year"):
        by_class.setdefault(r.final_class, (r.uscc, r.name, r.final_class))
    holders = [by_class[k] for k in sorted(by_class)][:6]
    assert len(holders) >= 3, by_class
    sync_catalogue(actor=None, source="test")
    row = target(world.zone_a, code="revitalised_land_area", kind="cumulative", value=100.0, unit="亩", base_period="2024",
                 deadline="2026", text="盘活存量土地100亩")  # fmt: skip
    file = tmp_path / "宗地.zip"
    file.write_bytes(parcel_zip(holders))
    base = str(live_server)
    sign_in(page, base, "staff_a", PASSWORD)
    page.goto(f"{base}/indicators/zones/{world.zone_a.pk}/")
    current = page.locator(f"tr[data-target='{row.pk}'] td.current")
    expect(current).to_have_text("—")  # nothing disposed yet

    page.goto(f"{base}/land/imports/")
    page.select_option("#id_zone", str(world.zone_a.pk))
    page.set_input_files("#id_file", str(file))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(f"{base}/land/zones/{world.zone_a.pk}/map/", timeout=60_000)
    expect(page.locator("#parcel-map")).to_have_attribute("data-ready", "1")
    expect(page.locator("#map-status")).to_contain_text(f"{len(holders) + 1} 宗地")
    legend = page.locator("#map-legend")
    for _, _, klass in holders:
        expect(legend).to_contain_text(klass)
    colours = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('parcel-map')).getOption().series[0].data"
        ".map((d) => [d.name, d.shown, d.itemStyle.areaColor])"
    )
    shown = {name: (klass, colour) for name, klass, colour in colours}
    a_colour = {"A": "#1a9850", "B": "#91cf60", "C": "#fee08b", "D": "#d73027"}
    for k, (_, _, klass) in enumerate(holders):
        assert shown[f"GD{k + 1}"][0] == klass
        if klass in a_colour:
            assert shown[f"GD{k + 1}"][1] == a_colour[klass]
    page.screenshot(path=str(tmp_path / "map.png"))

    # click the first parcel where the chart draws it: its card comes up beside the map
    first = Parcel.objects.get(zone=world.zone_a, ref="GD1")
    lon, lat = shapely.from_wkt(first.geom_wkt).centroid.coords[0]
    x, y = page.evaluate(
        "([lon, lat]) => echarts.getInstanceByDom(document.getElementById('parcel-map'))"
        ".convertToPixel({seriesIndex: 0}, [lon, lat])",
        [lon, lat],
    )
    box = page.locator("#parcel-map").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)
    card = page.locator(f"#card-{first.pk}")
    expect(card).to_contain_text("GD1")
    expect(card).to_contain_text(f"{holders[0][2]} 类")

    page.goto(f"{base}/land/zones/{world.zone_a.pk}/candidates/?year=2025")
    idle = page.locator("#idle-table tr[data-parcel='XZ1']")
    expect(idle).to_contain_text("144.00")  # 闲置费 20 % × 720 万元
    idle.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/land/cases/**")
    step(page, "1", "2025-01-10", document="闲置土地调查通知书")
    step(page, "2", "2025-02-20", document="闲置土地认定书（2025）1号")
    step(
        page,
        "3",
        "2025-03-05",
        document="处置方案",
        route="R2",
        owner="市自然资源和规划局",
        deadline="2025-09-30",
    )
    step(page, "4", "2025-04-15", document="收回国有建设用地使用权决定书")
    step(page, "5", "2025-05-20", document="注销登记")
    expect(page.locator(".alert-info")).to_contain_text("2025 年土地指标已写入指标监测")
    step(page, "6", "2025-08-01", document="开工核实记录", new_holder_uscc=holders[0][0])
    expect(page.locator("#case-state")).to_have_text("盘活")
    case = DisposalCase.objects.get(zone=world.zone_a, parcel__ref="XZ1")
    assert (case.state, case.closed_on.isoformat(), case.used_on.isoformat()) == (
        6,
        "2025-05-20",
        "2025-08-01",
    )

    page.goto(f"{base}/indicators/zones/{world.zone_a.pk}/")
    expect(current).to_contain_text("24 亩")  # 16,000 m² = 24 亩 disposed in 2025
    page.screenshot(path=str(tmp_path / "board.png"), full_page=True)
