"""A coordinator reads which zone reported which year, reminds the zone that has not, locks the year;
the zone's staff then cannot upload figures for it and are told who locked it; unlocked, they can."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from devzone.indicators.models import Observation
from devzone.indicators.tests.factories import figure, target
from devzone.notices.models import Notice
from tests.browser.conftest import confirming, sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser


def filled(template: Path, value: object, folder: Path) -> Path:
    book = load_workbook(io.BytesIO(template.read_bytes()))
    book["数据填报"]["E2"] = value
    out = folder / "甲区2022.xlsx"
    book.save(out)
    return out


def test_coordinator_reminds_and_locks_a_year_and_the_zone_is_refused_until_unlocked(  # noqa: PLR0917 - fixtures
    page: Page, browser: Browser, live_server: object, transactional_db: None, world: World, tmp_path: Path
) -> None:
    # given a city target over both zones, zone B has reported 2022 and zone A has not
    target(None, text="全市开发区地区生产总值突破2000亿元", value=2000.0)
    target(world.zone_a, text="甲区地区生产总值突破800亿元")
    figure(world.zone_b, "2022", 300.0)
    base = str(live_server)
    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/indicators/reporting/")
    grid = page.locator("#reporting-grid")
    head = grid.locator("thead th", has_text="2022")
    expect(head).to_contain_text("1/2 个开发区已报齐")
    expect(grid.locator("tbody tr", has_text="甲区").locator("td[data-state='missing']").last).to_be_visible()
    # when the coordinator reminds the zones that have not reported 2022
    head.get_by_role("button", name="提醒未报").click()
    expect(page.locator(".alert-success")).to_contain_text("已提醒 1 个未报齐的开发区")
    assert Notice.objects.filter(user=world.staff_a).exists()
    assert not Notice.objects.filter(user=world.staff_b).exists()
    # and locks 2022, confirming the question first
    page.fill("#lock-period", "2022年")
    page.fill("#lock-note", "年报已核定")
    with confirming(page, "确定锁定"):
        page.get_by_role("button", name="锁定").click()
    expect(page.locator(".alert-success")).to_contain_text("已锁定 连云港市 2022 的数据")
    expect(grid.locator("thead th", has_text="2022").locator(".bi-lock-fill")).to_have_count(1)

    # then zone A's staff, template in hand, are refused for 2022 with who locked it, and nothing is stored
    staff = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    staff.set_default_timeout(15_000)
    sign_in(staff, base, "staff_a", PASSWORD)
    staff.goto(f"{base}/indicators/zones/{world.zone_a.pk}/import/")
    staff.fill("#id_period", "2022")
    with staff.expect_download() as download:
        staff.click("#download-template")
    upload = filled(Path(download.value.path()), 500, tmp_path)
    before = Observation.objects.count()
    staff.set_input_files("#id_file", str(upload))
    staff.click("#upload")
    refusal = staff.locator("#import-errors")
    expect(refusal).to_contain_text("甲区2022.xlsx")
    expect(refusal).to_contain_text("锁定，不能再填报或修订")
    expect(refusal.locator("tr[data-code='period_locked']")).to_have_count(1)
    assert Observation.objects.count() == before

    # when the coordinator unlocks it, the same file lands
    with confirming(page, "确定解锁"):
        page.get_by_role("button", name="解锁").click()
    expect(page.locator(".alert-success")).to_contain_text("已解锁")
    staff.set_input_files("#id_file", str(upload))
    staff.click("#upload")
    staff.wait_for_url(f"{base}/indicators/zones/{world.zone_a.pk}/")
    expect(staff.locator(".alert-success")).to_contain_text("新增 1 条")
    assert Observation.objects.count() == before + 1
    staff.context.close()
