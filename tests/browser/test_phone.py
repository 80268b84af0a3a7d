"""Zone staff work from a phone: the home page, 我的任务, the assignment page and the progress form fit
a 390 × 844 screen with no sideways scrolling, and a report can be sent from it (issue 14, criterion 7)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from devzone.indicators.actions import sync_catalogue
from devzone.plans import actions
from devzone.plans.models import Assignment
from devzone.plans.tests.factories import import_plan
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def fits(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{page.url} scrolls sideways by {overflow}px at 390px"


def test_zone_staff_report_progress_from_a_phone(
    page: Page, live_server: object, transactional_db: None, world: World
) -> None:
    text = (
        "甲区开发区提升行动方案\n一、主要任务\n"
        "1.优化营商环境，全面推行企业开办全程网上办理，压缩审批时限至1个工作日以内。"
        f"2026年12月底前完成。(责任单位:{world.unit_a.name})\n"
    )
    plan = import_plan(text, zone=world.zone_a, year=2026)
    actions.publish_plan(plan, actor=None, source="test")
    sync_catalogue(actor=None, source="test")  # the indicator catalogue, with its long definitions
    assignment = Assignment.objects.get(task__plan=plan, unit=world.unit_a)
    page.set_viewport_size(PHONE)
    base = str(live_server)
    sign_in(page, base, world.staff_a.username, PASSWORD)
    fits(page)
    expect(page.locator("#my-work")).to_be_visible()
    # the zone's page too: its 修改记录 names the plan's long tasks (a table that pushed the page 142 px wide)
    for path in (
        f"/orgs/zones/{world.zone_a.pk}/",
        "/plans/dashboard/",
        "/indicators/catalogue/",  # its definitions column pushed the page 192 px wide
        "/plans/my/",
        f"/plans/assignments/{assignment.pk}/",
    ):
        page.goto(f"{base}{path}")
        fits(page)
    page.fill("#report-form [name=percent]", "40")
    page.fill("#report-form [name=narrative]", "已完成网上办理系统对接，正在试运行。")
    fits(page)
    page.click("#report-form button[type=submit]")
    expect(page.locator("#reports")).to_contain_text("已完成网上办理系统对接")
    fits(page)
