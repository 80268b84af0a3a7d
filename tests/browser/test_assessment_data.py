"""Zone staff send their 考评数据 in a real browser: the template downloaded with Chinese headings, filled in
as a zone does, uploaded back, and the figures listed under their indicators' names (issue 14, criterion 5)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from devzone.assessment.models import AssessmentValue
from devzone.assessment.tests.factories import stored_framework
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser


def test_zone_staff_fill_the_chinese_template_and_see_their_figures(
    page: Page, live_server: object, transactional_db: None, world: World, tmp_path: Path
) -> None:
    stored_framework()
    base = str(live_server)
    sign_in(page, base, world.staff_a.username, PASSWORD)
    page.goto(f"{base}/assessment/data/")
    with page.expect_download() as info:
        page.locator("#template-form button[type=submit]").click()
    book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    sheet = book["考评数据"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["开发区", "年度"] and "地区生产总值" in header  # names, never codes
    assert sheet["A2"].value == world.zone_a.name
    sheet["B2"] = 2025
    sheet.cell(row=2, column=header.index("地区生产总值") + 1, value=1234.5)
    filled = tmp_path / "填报.xlsx"
    book.save(filled)

    page.set_input_files("#upload-form input[type=file]", str(filled))
    page.locator("#upload-form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("新增 1 条")
    row = page.locator("#value-table tbody tr", has_text="地区生产总值")
    expect(row).to_contain_text(world.zone_a.name)
    expect(row.locator("td.text-end")).to_have_text("1,234.5")
    assert list(AssessmentValue.objects.values_list("indicator", "year", "value")) == [("gdp", 2025, 1234.5)]

    # a row of another zone refuses the whole file, in Chinese, beside the form; nothing is written
    sheet.append([world.zone_b.name, 2025])
    sheet.cell(row=3, column=header.index("地区生产总值") + 1, value=1)
    book.save(filled)
    page.set_input_files("#upload-form input[type=file]", str(filled))
    page.locator("#upload-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("第 3 行")
    assert AssessmentValue.objects.count() == 1
