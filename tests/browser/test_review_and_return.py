"""On a phone (390×844): the reviewer keeps the plan's dates and retitles it; a coordinator returns a report
with a comment and the zone sees 已退回 with the comment."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from devzone.plans import actions
from devzone.plans.models import Assignment
from devzone.plans.tests.factories import import_plan, plan_text
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser


def _phone(browser: Browser) -> Page:
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    # generous: the shared test machine serves the first page slowly under load
    page.set_default_timeout(60_000)
    return page


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
        ".slice(0, 5).map(e => e.tagName + '#' + e.id)"
    )
    assert width <= 390, f"page is {width}px wide at a 390px viewport: {wide}"


def test_review_on_a_phone_keeps_the_dates_and_saves_the_title(
    browser: Browser, live_server: object, transactional_db: None, world: World
) -> None:
    base = str(live_server)
    plan = import_plan(plan_text(owner="市商务局"), name="方案.txt")
    page = _phone(browser)
    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/plans/{plan.pk}/review/")
    expect(page.locator("#id_start_date")).to_have_value("2026-01-01")
    expect(page.locator("#id_end_date")).to_have_value("2026-12-31")
    _no_sideways_scroll(page)
    page.fill("#id_title", "连云港开发区2026年提升行动方案")
    page.click("#context-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("连云港开发区2026年提升行动方案")
    expect(page.locator("#id_start_date")).to_have_value("2026-01-01")


def test_coordinator_returns_a_report_and_the_zone_sees_why(
    browser: Browser, live_server: object, transactional_db: None, world: World
) -> None:
    base = str(live_server)
    plan = import_plan(plan_text(owner=world.unit_b.name), zone=world.zone_b)
    actions.publish_plan(plan, actor=None, source="test")
    assignment = Assignment.objects.get(task__plan=plan, unit=world.unit_b, task__key="1.1")
    actions.report_progress(
        assignment, period="2026-06", percent=30, narrative="推进中", actor=None, source="test"
    )
    page = _phone(browser)
    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/plans/assignments/{assignment.pk}/")
    page.locator(".return-box summary").click()
    page.fill(".return-box textarea[name=comment]", "请补充合同扫描件")
    page.locator(".return-box button[type=submit]").click()
    expect(page.locator(".return-note")).to_contain_text("请补充合同扫描件")
    _no_sideways_scroll(page)
    staff = _phone(browser)
    sign_in(staff, base, "staff_b", PASSWORD)
    staff.goto(f"{base}/plans/assignments/{assignment.pk}/")
    expect(staff.locator(".report-returned")).to_contain_text("已退回")
    expect(staff.locator(".return-note")).to_contain_text("请修改后重新报送")
    _no_sideways_scroll(staff)


def test_unmatched_owners_settled_on_a_phone_by_a_new_unit_or_all_at_once(
    browser: Browser, live_server: object, transactional_db: None, world: World
) -> None:
    base = str(live_server)
    plan = import_plan(
        "开发区方案\n一、主要任务\n1.甲。(责任单位:市招商局)\n2.乙。(牵头单位:市招商局;配合单位:商务局)\n3.丙。(责任单位:商务局)\n"
    )
    page = _phone(browser)
    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/plans/{plan.pk}/review/")
    expect(page.locator("#unresolved-count")).to_have_attribute("data-count", "4")
    _no_sideways_scroll(page)
    row = page.locator(".owner-row.owner-unresolved", has_text="市招商局").first
    row.locator(".owner-new-unit summary").click()
    row.locator(".owner-new-unit button[type=submit]").click()
    expect(page.locator("#unresolved-count")).to_have_attribute("data-count", "2")
    row = page.locator(".owner-row.owner-unresolved", has_text="商务局").first
    row.locator("input[name=name]").fill("连云港市商务局")
    row.locator("button", has_text="全部同名应用").click()
    expect(page.locator("#unresolved-count")).to_have_attribute("data-count", "0")
    expect(page.locator(".alert")).to_contain_text("已记住别名“商务局”")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_reviewer_names_the_lead_a_table_lost_and_the_flag_goes(
    browser: Browser, live_server: object, transactional_db: None, world: World, width: int
) -> None:
    base = str(live_server)
    plan = import_plan(
        "方案\n序号 | 重点任务 | 责任单位 (加黑为牵头单位) |\n"
        "1 | 积极申报省级经济开发区。 | 市商务局、各开发区管委会 |\n",
        name="表.txt",
    )
    page = _phone(browser) if width == 390 else browser.new_context(locale="zh-CN").new_page()
    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/plans/{plan.pk}/review/")
    expect(page.locator("[data-flag=unknown_lead]")).to_have_text("牵头单位未标明")
    first = page.locator(".owner-row").first
    expect(first.locator(".badge").first).to_have_text("责任")
    first.locator(".owner-role select").select_option("lead")
    first.locator(".owner-role button").click()
    expect(page.locator(".owner-row").first.locator(".badge").first).to_have_text("牵头")
    expect(page.locator("[data-flag=unknown_lead]")).to_have_count(0)
    if width == 390:
        _no_sideways_scroll(page)
