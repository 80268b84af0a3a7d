"""亩均 evaluation in a real browser: import, run, score card, 公示, objection with evidence, decision, final list."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from devzone.enterprises.models import MuRun
from devzone.enterprises.template import SHEET, write_template
from devzone.enterprises.uscc import check_character
from tests.browser.conftest import confirming, sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser


def _uscc(n: int) -> str:
    body = f"91320700MA{n:07d}"
    return body + check_character(body)


def _filled_template(path: Path) -> Path:
    """The 2024 template with six 规上 firms of zone A: 亩均税收 1, 2, …, 6 万元/亩 on 10 亩 each."""
    write_template(year=2024, path=path)
    book = load_workbook(path)
    sheet = book[SHEET]
    for i in range(1, 7):
        sheet.append([
            2024, _uscc(i), f"浏览器企业{i}", "", "C3311", "above", 10, "false", 10.0 * i, 100.0 * i,
            30.0 * i, 50, 20, 3.0 * i, 50, 100000,
        ])  # fmt: skip
    book.save(path)
    return path


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_coordinator_and_zone_staff_take_a_run_from_import_to_final_list(
    page: Page, live_server: Any, transactional_db: None, world: World, tmp_path: Path
) -> None:
    base = str(live_server)
    sign_in(page, base, "coord", PASSWORD)
    page.click("text=亩均评价")
    page.click("text=数据导入")
    page.select_option("#id_zone", label=world.zone_a.name)
    page.fill("#id_year", "2024")
    page.set_input_files("#id_file", str(_filled_template(tmp_path / "甲区2024.xlsx")))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#record-table tbody tr")).to_have_count(6)

    page.click("text=评价批次")
    page.select_option("#id_zone", label=world.zone_a.name)
    page.fill("#id_year", "2024")
    page.select_option("#id_method", "lyg-seed")
    page.click("#run-form button[type=submit]")
    expect(page.locator("#result-table tbody tr")).to_have_count(6)
    expect(page.locator("#distribution-chart canvas")).to_have_count(1)
    run = MuRun.objects.get()

    page.click("text=浏览器企业1")  # the lowest 亩均税收: rank 6 of 6
    expect(page.locator("#indicator-table tbody tr")).to_have_count(5)
    expect(page.locator("#card-chart canvas")).to_have_count(1)
    page.goto(f"{base}/enterprises/runs/{run.pk}/")
    page.fill("#id_days", "7")
    with confirming(page, "确定开始公示"):
        page.click("#publicise-form button[type=submit]")
    expect(page.locator("h1 .run-status")).to_have_text("公示中")

    page.context.clear_cookies()
    sign_in(page, base, "staff_a", PASSWORD)
    page.goto(f"{base}/enterprises/runs/{run.pk}/")
    page.click("text=浏览器企业1")
    page.fill("#id_reason", "研发费用少报，附审计报告")
    evidence = tmp_path / "审计报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 audit")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("#objection-form button[type=submit]")
    expect(page.locator(".objection")).to_have_count(1)
    expect(page.locator(".objection")).to_contain_text("待处理")

    page.context.clear_cookies()
    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/enterprises/runs/{run.pk}/")
    page.click("#pending-objections a")
    with page.expect_download() as evidence_download:
        page.click(".evidence-link")
    assert Path(evidence_download.value.path()).read_bytes() == b"%PDF-1.4 audit"
    form = page.locator(".decide-form")
    form.locator("select[name$=upheld]").select_option("1")
    form.locator("select[name$=new_class]").select_option("B")
    form.locator("textarea").fill("经核实，上调为B类")
    form.locator("button[type=submit]").click()
    expect(page.locator(".objection")).to_contain_text("成立")
    expect(page.locator("#card-final-class")).to_contain_text("B")

    page.goto(f"{base}/enterprises/runs/{run.pk}/")
    with confirming(page, "确定定级"):
        page.click("#finalise-form button[type=submit]")
    expect(page.locator("h1 .run-status")).to_have_text("已定级")
    with page.expect_download() as info:
        page.click("#download-final-list")
    assert info.value.suggested_filename == f"亩均效益定级名单-2024年-{run.pk}.xlsx"
    rows = list(
        load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))["评价名单"].iter_rows(
            values_only=True
        )
    )
    by_name = {r[2]: r for r in rows[1:]}
    assert len(by_name) == 6
    assert by_name["浏览器企业1"][8] == "B 支持发展类"
    assert by_name["浏览器企业6"][7] == "A 优先发展类"
