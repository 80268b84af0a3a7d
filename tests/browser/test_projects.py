"""招商项目 in a real browser (issue 17 criterion 5): the coordinator imports a ledger, zone staff add a
开工 milestone with its evidence, a second unit (the city's 商务局) verifies it, the quota board and the
开工率 change, and the monthly 项目调度 report downloads and opens."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from devzone.projects.actions.imports import MILESTONE_COLUMNS, PROJECT_COLUMNS
from devzone.projects.models import Milestone, Project
from tests.browser.conftest import sign_in
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser
PDF = "%PDF-1.4\n入库证明\n%%EOF\n".encode()


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _ledger(path: Path, lead: str) -> Path:
    """Two 2025 projects of zone A: a 60 亿元 one (registered and landed, both verified), a small one."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    sheet = book.create_sheet("项目")
    sheet.append([c.header for c in PROJECT_COLUMNS])
    rows = [
        {"code": "BR-1", "name": "浏览器新材料产业园", "lead_unit": lead, "agreement": "正式合同",
         "signed_on": dt.date(2025, 2, 10), "total_wan": 600_000, "investor_name": "浏览器集团"},
        {"code": "BR-2", "name": "浏览器配套项目", "lead_unit": lead, "agreement": "正式合同",
         "signed_on": dt.date(2025, 4, 1), "total_wan": 8_000, "investor_name": "配套公司"},
    ]  # fmt: skip
    for r in rows:
        sheet.append([r.get(c.field, "") for c in PROJECT_COLUMNS])
    nodes = book.create_sheet("节点")
    nodes.append([c.header for c in MILESTONE_COLUMNS])
    for stage, on, evidence in (
        ("注册", dt.date(2025, 3, 1), "营业执照"),
        ("入园", dt.date(2025, 4, 15), "出让合同"),
    ):
        m = {
            "project": "BR-1",
            "stage": stage,
            "reached_on": on,
            "evidence": evidence,
            "verified_by": "市商务局",
        }
        nodes.append([m.get(c.field, "") for c in MILESTONE_COLUMNS])
    book.save(path)
    return path


def _quota_cells(page: Page) -> tuple[str, str]:
    achieved = page.locator("#quota-table tbody tr").first.locator("td").nth(2).inner_text()
    rate = page.locator("#rate-table tbody tr", has_text="开工率").locator("td").nth(1).inner_text()
    return achieved.strip(), rate.strip()


def test_import_add_a_milestone_with_evidence_verify_by_another_unit_and_download_the_report(
    page: Page, live_server: Any, transactional_db: None, world: World, tmp_path: Path
) -> None:
    base = str(live_server)
    world.coordinator.unit = world.bureau  # the coordinator works for 连云港市商务局
    world.coordinator.save()
    world.staff_a.unit = world.unit_a  # zone A's staff work for its 管委会, the projects' lead unit
    world.staff_a.save()
    zone = world.zone_a.pk

    # 1. the coordinator imports the ledger in the browser; a bad file first: every error, nothing written
    sign_in(page, base, "coord", PASSWORD)
    page.click("text=招商项目")
    page.click("#import-link")
    page.select_option("#id_zone", label=world.zone_a.name)
    bad = tmp_path / "坏台账.csv"
    bad.write_text(
        "项目编号,项目名称,招商责任单位,协议总投资(万元)\nX1,某项目,不存在的局,abc\n", encoding="utf-8"
    )
    page.set_input_files("#id_file", str(bad))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#issue-table")).to_contain_text("不在单位名录中")
    expect(page.locator("#issue-table")).to_contain_text("应为数字")
    assert not Project.objects.exists()
    page.select_option("#id_zone", label=world.zone_a.name)
    page.set_input_files("#id_file", str(_ledger(tmp_path / "甲区项目台账.xlsx", world.unit_a.name)))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(f"{base}/projects/zones/{zone}/")
    expect(page.locator("#board")).to_contain_text("浏览器新材料产业园")
    assert Project.objects.filter(zone=world.zone_a).count() == 2

    page.goto(f"{base}/projects/zones/{zone}/quotas/?year=2025")
    assert _quota_cells(page) == ("0", "0.0%")

    # 2. zone A's staff add the 开工 milestone with the statistics bureau's 入库 record as evidence
    page.context.clear_cookies()
    sign_in(page, base, "staff_a", PASSWORD)
    project = Project.objects.get(code="BR-1")
    page.goto(f"{base}/projects/{project.pk}/?year=2025")
    expect(page.locator("#verify-rule")).to_contain_text("未隶属任何单位的账号不能核验")
    page.click("text=登记节点")
    page.select_option("#id_stage", "开工")
    page.fill("#id_reached_on", "2025-06-01")
    page.select_option("#id_evidence", "入库")
    evidence = tmp_path / "入库证明.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("#id_evidence_file", str(evidence))
    page.fill("#id_evidence_on", "2025-07-01")
    page.click("#milestone-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("待其他单位核验后计入")
    started = Milestone.objects.get(project=project, stage="开工")
    assert started.verified_by is None and started.evidence_file
    # the lead unit's own staff are offered no verify button for it
    expect(page.locator(f"form[action='/projects/milestones/{started.pk}/verify/']")).to_have_count(0)

    # 3. the city's 商务局 (a unit other than the lead unit) verifies it; the quota and the rate move
    page.context.clear_cookies()
    sign_in(page, base, "coord", PASSWORD)
    page.goto(f"{base}/projects/{project.pk}/?year=2025")
    with page.expect_download() as download:
        page.click(f"a[href='/projects/milestones/{started.pk}/evidence/']")
    assert Path(download.value.path()).read_bytes() == PDF
    verify = page.locator(f"form[action='/projects/milestones/{started.pk}/verify/']")
    verify.locator("select").select_option(label=world.bureau.name)
    verify.locator("button").click()
    expect(page.locator(".alert-success")).to_contain_text("已核验")
    started.refresh_from_db()
    assert started.verified_by == world.bureau
    page.goto(f"{base}/projects/zones/{zone}/quotas/?year=2025")
    assert _quota_cells(page) == ("1", "50.0%")  # BR-1 counts (≥50 亿, started in 2025); 1 of 2 started
    expect(page.locator("#quota-table")).to_contain_text("已完成")

    # 4. the monthly 项目调度 report downloads and opens
    page.goto(f"{base}/projects/")
    with page.expect_download() as download:
        page.click("#report-link")  # last month's report of every zone the coordinator reads
    assert download.value.suggested_filename.endswith(".docx")
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "招商项目调度情况" in text and "引进目标完成情况" in text and "卡点项目" in text
    page.goto(f"{base}/projects/zones/{zone}/?year=2025")
    with page.expect_download() as download:  # and June's, from the zone's board link with a month
        page.evaluate(
            "() => { window.location.href = document.querySelector('#zone-report-link').href + '&month=2025-06'; }"
        )
    assert download.value.suggested_filename == f"{world.zone_a.name}-招商项目调度-202506.docx"
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "招商项目调度情况（2025年6月）" in text and "本月经核验的节点：开工 1 个" in text
    assert round(document.sections[0].page_height.cm, 1) == 29.7
