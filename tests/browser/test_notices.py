"""Zone staff report progress; the coordinator sees the bell's count, opens the notice, lands on the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from devzone.plans.tests.factories import zone_b_plan
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_a_report_reaches_the_coordinator_through_the_bell(
    page: Page, live_server: Any, transactional_db: None, world: World
) -> None:
    base = str(live_server)
    assignment = zone_b_plan(world).assignment
    sign_in(page, base, "staff_b", PASSWORD)
    page.goto(f"{base}/plans/assignments/{assignment.pk}/")
    page.fill("#id_period", "2026-07")
    page.fill("#id_percent", "60")
    page.fill("#id_narrative", "完成主体工程")
    page.click("#report-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("进展已报送")

    page.context.clear_cookies()
    sign_in(page, base, "coord", PASSWORD)
    expect(page.locator("#notices-unread")).to_have_text("2")  # the factory's report and this one
    page.click("#notices-link")
    expect(page.locator("#notices li").first).to_contain_text("2026-07 完成 60%")
    page.locator("#notices li").first.locator("button", has_text="查看").click()
    expect(page).to_have_url(f"{base}/plans/assignments/{assignment.pk}/")
    expect(page.locator("#notices-unread")).to_have_text("1")
    page.click("#notices-link")
    page.click("#notices-read-all")
    expect(page.locator(".alert-success")).to_contain_text("已将 1 条通知标为已读")
    expect(page.locator("#notices-unread")).to_have_count(0)
