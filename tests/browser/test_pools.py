"""梯度培育 in a real browser: a province's 高企 list imported, a near miss pooled with a reason and certified,
and the zone's 高企 count and its 翻番 target move on the board."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from devzone.enterprises.models import Enterprise
from devzone.indicators.tests.factories import target
from devzone.pools.models import PoolMember, PoolState, Qualification, SupplementYear
from devzone.pools.tests.factories import seed_examples, uscc
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser


def _province_list(path: Path, issued: dt.date) -> Path:
    """The province's list: two of zone A's firms and one firm elsewhere in the province."""
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"],
            [1, "甲区高企一", uscc(901), f"GR{issued.year}32000901", issued.isoformat()],
            [2, "甲区高企二", uscc(902), f"GR{issued.year}32000902", issued.isoformat()],
            [3, "省内他区企业", uscc(903), f"GR{issued.year}32000903", issued.isoformat()],
        ])  # fmt: skip
    return path


def test_import_screen_pool_certify_and_the_board_counts_it(
    page: Page, live_server: object, transactional_db: None, world: World, tmp_path: Path
) -> None:
    this_year = dt.date.today().year
    firms = seed_examples(world.zone_a)  # the five worked firms of the spec, with their 2022–2024 data
    # E4 spends a little more on R&D in 2024: 180 万元 short of 4 % over three years, within the margin
    e4 = SupplementYear.objects.get(enterprise=firms["E4"], year=2024)
    e4.values = {**e4.values, "rd_expense": 750.0, "rd_domestic": 750.0}
    e4.save()
    for n, name in ((901, "甲区高企一"), (902, "甲区高企二")):
        Enterprise.objects.create(zone=world.zone_a, uscc=uscc(n), name=name, industry_code="3311")
    doubling = target(world.zone_a, code="high_tech_enterprises", kind="multiple", value=2.0, unit="倍",
                      base_period=str(this_year - 2), deadline=str(this_year + 1),
                      text="高新技术企业数量实现翻番")  # fmt: skip
    base = str(live_server)
    zone = world.zone_a.pk
    sign_in(page, base, "staff_a", PASSWORD)

    # 1. the province's 认定名单, uploaded on the zone's 导入 tab
    page.goto(f"{base}/pools/zones/{zone}/")
    page.click("text=导入")
    page.select_option("#id_kind", "hte")
    page.set_input_files(
        "#certificates-form #id_file",
        str(_province_list(tmp_path / "省高企名单.csv", dt.date(this_year - 2, 11, 6))),
    )
    page.click("#certificates-form button[type=submit]")
    page.wait_for_url(f"{base}/pools/zones/{zone}/qualifications/")
    expect(page.locator(".alert-success")).to_contain_text("新增 2 条")
    expect(page.locator(".alert-success")).to_contain_text("另有 1 家不是")
    assert Qualification.objects.filter(zone=world.zone_a).count() == 2

    # the board: the counted 高企 figure of this year is 2, the base year's too — the 翻番 not begun
    page.goto(f"{base}/indicators/zones/{zone}/")
    row = page.locator(f"tr[data-target='{doubling.pk}']")
    before = row.inner_text()
    assert row.locator("td.current").inner_text().startswith("2 家"), before

    # 2. the pre-screen: the near misses of 2024, each criterion with its gap
    page.goto(f"{base}/pools/zones/{zone}/screen/")
    page.select_option("#kind", "hte")
    page.select_option("#verdict", "near_miss")
    page.click("form[method=get] button[type=submit]")
    card = page.locator(".card", has=page.locator("form[action$='/enter/']")).first
    expect(card).to_contain_text("接近达标")
    card.locator("summary").click()
    expect(card).to_contain_text("才达到")  # the gap in plain words

    # 3. into the 后备库 with a reason
    name = card.locator(".card-header strong").inner_text()
    card.locator("input[name=reason]").fill("研发费用差距不大，今年加大投入后申报")
    card.locator("button[type=submit]").click()
    expect(page.locator("h2")).to_contain_text("高企后备库")
    expect(page.locator(".alert-success")).to_contain_text(f"已将 {name} 纳入高企后备库")
    expect(page.locator(".list-group-item")).to_contain_text("研发费用差距不大，今年加大投入后申报")

    # 4. applied, then certified with the certificate
    item = page.locator(".list-group-item", has_text=name)
    item.locator("select[name=state]").select_option("applied")
    item.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("已申报")
    item = page.locator(".list-group-item", has_text=name)
    item.locator("select[name=state]").select_option("certified")
    item.locator("input[name=certificate_no]").fill(f"GR{this_year}32000999")
    item.locator("input[name=issued_on]").fill(f"{this_year}-01-15")
    item.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("已认定")
    member = PoolMember.objects.get(enterprise__name=name)
    assert (member.state, member.reason) == (PoolState.CERTIFIED, "研发费用差距不大，今年加大投入后申报")

    # 5. the zone's count: 3 高企 at this year's end, the new one behind 首次认定
    page.goto(f"{base}/pools/zones/{zone}/counts/?year={this_year}")
    hte = page.locator("tr", has_text="高新技术企业").first
    expect(hte).to_contain_text("3")
    page.goto(f"{base}/pools/zones/{zone}/counts/?year={this_year}&kind=hte&flow=first")
    expect(page.locator("body")).to_contain_text(name)

    # 6. and the board moved: the figure is the count, the 翻番 target's progress with it
    page.goto(f"{base}/indicators/zones/{zone}/")
    after = row.inner_text()
    assert "50.0%" in before and "75.0%" in after, (before, after)  # 2 → 3 of the doubled 4
    assert row.locator("td.current").inner_text().startswith("3 家"), after
