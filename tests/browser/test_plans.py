"""A coordinator imports the seed plans, settles owners, publishes; a zone reports; the coordinator supervises."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from devzone.accounts.models import Role
from devzone.orgs.demo import build_directory
from devzone.orgs.models import Zone
from devzone.plans.demo import SEED_FILE
from tests.browser.conftest import confirming, sign_in
from tests.personas import PASSWORD, World, make_user

pytestmark = pytest.mark.browser


def fix(page: Page, written: str, name: str) -> None:
    row = page.locator(".owner-row.owner-unresolved", has_text=written).first
    row.locator("input[name=name]").fill(name)
    row.locator("button", has_text="匹配").click()
    page.wait_for_load_state()


def test_plan_from_upload_to_supervision_notice(
    page: Page, live_server: object, transactional_db: None, world: World
) -> None:
    base = str(live_server)
    build_directory()
    zone = Zone.objects.get(name="连云港经济技术开发区")
    make_user("kfq", Role.ZONE_STAFF, [zone])

    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/plans/")
    page.set_input_files("#id_file", str(SEED_FILE))
    page.fill("#id_city", "连云港市")
    page.fill("#id_province", "江苏省")
    page.click("#upload-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("审核")
    page.goto(f"{base}/plans/")
    page.click("text=高新区行动方案范文 篇三")
    expect(page.locator("#unresolved-count")).to_have_attribute("data-count", "3")
    field = page.locator("[data-span^=src-owner]").first
    field.click()
    expect(page.locator("#plan-source .flash")).to_have_count(1)  # the span lights up in the source
    with confirming(page, "确定发布"):
        page.click("#publish-btn")
    expect(page.locator(".alert", has_text="未匹配")).to_have_count(1)  # refused while owners are unresolved
    fix(page, "市市场_", "连云港市市场监管局")
    fix(page, "相关省级开发区", "各省级开发区")
    page.locator(".owner-row.owner-unresolved", has_text="市_").first.locator("button", has_text="×").click()
    expect(page.locator("#unresolved-count")).to_have_attribute("data-count", "0")
    with confirming(page, "确定发布"):
        page.click("#publish-btn")
    expect(page.locator("h1")).to_contain_text("v1")
    # the published plan's targets are tracked by picking the plan (no file), once however often asked
    page.get_by_role("link", name="跟踪目标").click()
    page.locator("main form").get_by_role("button", name="跟踪目标").click()
    expect(page.locator(".alert-success").first).to_be_visible()
    tracked = page.locator("#tracked-targets tbody tr[data-target]")
    expect(tracked.first).to_be_visible()
    count = tracked.count()
    page.locator("main form").get_by_role("button", name="跟踪目标").click()
    expect(page.locator(".alert").first).to_be_visible()
    expect(tracked).to_have_count(count)

    page.context.clear_cookies()
    sign_in(page, base, "kfq", PASSWORD)
    page.goto(f"{base}/plans/my/")
    page.locator("#my-tasks tbody a").first.click()
    assignment_url = page.url
    expect(page.locator("#assignment-status")).to_contain_text("逾期")
    page.fill("#id_period", "2026-11")
    page.fill("#id_percent", "100")
    page.fill("#id_narrative", "已全部完成")
    page.set_input_files(
        "#id_evidence", files=[{"name": "完成证明.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    page.click("#report-form button[type=submit]")
    expect(page.locator("#reports")).to_contain_text("完成证明.pdf")

    page.context.clear_cookies()
    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/plans/dashboard/")
    done_before = int(page.locator("#total-done").inner_text())
    page.goto(assignment_url)
    with confirming(page, "已完成"):
        page.click("text=确认完成")
    expect(page.locator("#assignment-status")).to_contain_text("已完成")
    page.goto(f"{base}/plans/dashboard/")
    expect(page.locator("#total-done")).to_have_text(str(done_before + 1))
    expect(page.locator("[data-chart] canvas")).to_have_count(4)
    with page.expect_download() as download:
        page.locator("#supervision-links a").first.click()
    assert download.value.suggested_filename.startswith("督办单")
