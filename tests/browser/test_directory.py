"""A person signs in and browses the zone directory in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser


def test_coordinator_browses_and_filters_the_zone_directory(
    page: Page, live_server: object, transactional_db: None, world: World
) -> None:
    base = str(live_server)
    sign_in(page, base, "coord", PASSWORD)
    expect(page.locator("#zone-count")).to_have_text("2")
    expect(page.locator("[data-chart] canvas")).to_have_count(1)  # ECharts drew the city chart
    page.click("text=开发区")
    rows = page.locator("#zone-table tbody tr")
    expect(rows).to_have_count(2)
    page.fill("#id_q", "甲区")  # htmx filters as one types
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(world.zone_a.name)
    page.click(f"text={world.zone_a.name}")
    expect(page.locator("h1")).to_contain_text(world.zone_a.name)
    expect(page.locator("body")).to_contain_text(world.unit_a.name)


def test_zone_staff_sees_only_their_zone(
    page: Page, live_server: object, transactional_db: None, world: World
) -> None:
    base = str(live_server)
    sign_in(page, base, "staff_a", PASSWORD)
    page.goto(f"{base}/orgs/zones/")
    rows = page.locator("#zone-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(world.zone_a.name)
    expect(page.locator("body")).not_to_contain_text(world.zone_b.name)
    response = page.goto(f"{base}/orgs/zones/{world.zone_b.pk}/")
    assert response is not None
    assert response.status == 404
