"""A zone user downloads the data template, fills it, uploads it and sees the board move; a bad file changes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from devzone.indicators.models import Observation
from devzone.indicators.tests.factories import figure, target
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser


def fill(path: Path, value: object, tmp_path: Path, name: str) -> Path:
    book = load_workbook(io.BytesIO(path.read_bytes()))
    book["数据填报"]["E2"] = value
    out = tmp_path / name
    book.save(out)
    return out


def test_zone_user_fills_the_template_and_the_board_updates(
    page: Page, live_server: object, transactional_db: None, world: World, tmp_path: Path
) -> None:
    row = target(world.zone_a, text="甲区地区生产总值突破800亿元")
    figure(world.zone_a, "2020", 400.0)
    figure(world.zone_a, "2021", 480.0)
    base = str(live_server)
    sign_in(page, base, "staff_a", PASSWORD)
    page.goto(f"{base}/indicators/zones/{world.zone_a.pk}/")
    current = page.locator(f"tr[data-target='{row.pk}'] td.current")
    expect(current).to_contain_text("480")
    page.click("#data-link")
    page.fill("#id_period", "2022")
    with page.expect_download() as download:
        page.click("#download-template")
    template = Path(download.value.path())

    bad = fill(template, "约五百", tmp_path, "bad.xlsx")
    before = list(Observation.objects.order_by("pk").values_list("pk", "value", "is_current"))
    page.set_input_files("#id_file", str(bad))
    page.click("#upload")
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("bad.xlsx: 数据填报!E2")
    expect(errors.locator("tr[data-code='not_a_number']")).to_have_count(1)
    assert list(Observation.objects.order_by("pk").values_list("pk", "value", "is_current")) == before

    good = fill(template, 560, tmp_path, "good.xlsx")
    page.set_input_files("#id_file", str(good))
    page.click("#upload")
    page.wait_for_url(f"{base}/indicators/zones/{world.zone_a.pk}/")
    expect(page.locator(".alert-success")).to_contain_text("新增 1 条")
    expect(current).to_contain_text("560")
    expect(page.locator(f"tr[data-target='{row.pk}']")).to_have_attribute("data-status", "on track")
    page.click(f"tr[data-target='{row.pk}'] a")
    expect(page.locator("[data-chart='chart-progress'] canvas")).to_have_count(1)
