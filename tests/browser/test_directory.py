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


def new_bureau(page: Page, *, short_name: str = "", aliases: str = "") -> None:
    """Fill and send the new-unit form for 连云港's 发改委 (a bureau of the city)."""
    page.fill("#id_name", "连云港市发展和改革委员会")
    page.fill("#id_short_name", short_name)
    page.select_option("#id_kind", label="部门")
    page.fill("#id_province", "江苏省")
    page.fill("#id_city", "连云港市")
    page.fill("#id_aliases", aliases)
    page.click("main button[type=submit]")


def test_coordinator_builds_the_unit_directory_on_the_web(
    page: Page, live_server: object, transactional_db: None, world: World
) -> None:
    base = str(live_server)
    sign_in(page, base, "coord", PASSWORD)
    # a new unit with its aliases
    page.goto(f"{base}/orgs/units/")
    page.click("#unit-new")
    new_bureau(page, short_name="市发改委", aliases="市发展改革委、发改委")
    expect(page.locator(".alert-success")).to_contain_text("已新建责任单位“连云港市发展和改革委员会”")
    # the same name again is refused next to the field, and nothing is added
    page.goto(f"{base}/orgs/units/new/")
    new_bureau(page)
    expect(page.locator("main .text-danger").first).to_contain_text(
        "已有名为“连云港市发展和改革委员会”的责任单位"
    )
    # a group of the two zone committees and the new unit
    page.goto(f"{base}/orgs/units/")
    page.click("#group-new")
    page.fill("#id_name", "各有关单位")
    page.fill("#id_province", "江苏省")
    page.fill("#id_city", "连云港市")
    page.select_option("#id_members", label=[world.unit_a.name, world.unit_b.name])
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已新建单位组“各有关单位”")
    # then a plan's wording resolves through the alias and the group
    page.goto(f"{base}/orgs/resolve/")
    page.fill("#id_text", "市发展改革委牵头，各有关单位配合")
    page.fill("#id_city", "连云港市")
    page.get_by_role("button", name="解析", exact=True).click()
    result = page.locator("#resolve-result")
    expect(result.locator("tr.table-success", has_text="市发展改革委")).to_contain_text(
        "连云港市发展和改革委员会"
    )
    expect(result.locator("tr.table-success", has_text="各有关单位")).to_contain_text(world.unit_b.name)
