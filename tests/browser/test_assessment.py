"""A coordinator reads the latest assessment in a real browser; zone staff stay within their zone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from devzone.assessment.actions import run_assessment
from devzone.assessment.tests.factories import (
    crossing_framework,
    crossing_values,
    stored_framework,
    three_zone_values,
)
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser


def test_coordinator_reads_the_ranking_profile_and_downloads_the_xlsx(
    page: Page, live_server: object, transactional_db: None, world: World
) -> None:
    zone_c = three_zone_values(world)
    run = run_assessment(stored_framework(), year=2025, actor=world.coordinator, samples=100, seed=1)
    base = str(live_server)
    sign_in(page, base, "coord", PASSWORD)
    page.click("text=综合考评")
    page.click(f"text=2025 #{run.pk}")
    rows = page.locator("#ranking-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(world.zone_b.name)
    expect(rows.nth(1).locator(".rank-change")).to_have_text("↑ 进位 1")
    expect(rows.nth(2).locator(".rank-change")).to_have_text("↓ 退位 1")
    expect(page.locator("#interval-chart canvas")).to_have_count(1)
    with page.expect_download() as info:
        page.click("#download-xlsx")
    assert info.value.suggested_filename == f"开发区考评排名-2025年-{run.pk}.xlsx"
    ws = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))["排名"]
    assert [r[1].value for r in ws.iter_rows(min_row=2)] == [
        world.zone_b.name,
        zone_c.name,
        world.zone_a.name,
    ]
    page.click(f"text={zone_c.name}")
    expect(page.locator("h1")).to_contain_text(zone_c.name)
    expect(page.locator("#profile-head")).to_contain_text("↑ 进位 1")
    expect(page.locator("#category-chart canvas")).to_have_count(1)
    expect(page.locator("#history-chart canvas")).to_have_count(1)


def test_zone_staff_cannot_open_another_zones_profile(
    page: Page, live_server: object, transactional_db: None, world: World
) -> None:
    three_zone_values(world)
    run = run_assessment(stored_framework(), year=2025, actor=world.coordinator)
    base = str(live_server)
    sign_in(page, base, "staff_a", PASSWORD)
    page.goto(f"{base}/assessment/runs/{run.pk}/")
    expect(page.locator("#ranking-table tbody tr")).to_have_count(1)
    expect(page.locator("body")).not_to_contain_text(world.zone_b.name)
    response = page.goto(f"{base}/assessment/runs/{run.pk}/zones/{world.zone_b.pk}/")
    assert response is not None
    assert response.status == 404
    page.goto(f"{base}/assessment/runs/{run.pk}/zones/{world.zone_a.pk}/")
    expect(page.locator("#profile-head")).to_contain_text("↓ 退位 1")


def test_coordinator_ranks_by_one_indicator_and_reads_the_weight_sensitivity(
    page: Page, live_server: object, transactional_db: None, world: World
) -> None:
    zone_c = crossing_values(world)
    run = run_assessment(crossing_framework(), year=2025, actor=world.coordinator, samples=100, seed=1)
    base = str(live_server)
    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/assessment/runs/{run.pk}/")
    expect(page.locator("#sensitivity-chart canvas")).to_have_count(1)
    expect(page.locator("#sensitivity-table tbody tr").first).to_contain_text("权重：经济发展")
    page.select_option("#node-select", "hte")  # htmx swaps the ranking in place
    rows = page.locator("#node-ranking-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(world.zone_b.name)
    expect(rows.nth(0).locator(".rank-change")).to_have_text("↑ 进位 2")
    expect(rows.nth(2)).to_contain_text(zone_c.name)
    assert page.url.endswith("?node=hte")
