"""进展批量报送: a zone downloads the template of its assignments, fills it and uploads it whole.

The upload runs inline here (``DEVZONE_JOBS_INLINE``); the background path is core.jobs' own and is
tested through the 亩均 import and the documents (test_document_jobs.py).
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.core.files import read_table
from devzone.notices.models import Notice, NoticeKind
from devzone.plans import actions
from devzone.plans.models import Assignment, ProgressReport
from devzone.plans.progress_sheet import HEADER, NARRATIVE, PERCENT, SHEET
from devzone.plans.tests.factories import import_plan, plan_text, zone_b_plan
from devzone.plans.views.common import can_report, reportable, visible_assignments

URL = "/plans/progress/import/"
PERIOD = "2026-07"
PERCENT_COLUMN = "ABCDEFGHIJ"[HEADER.index(PERCENT)]
NARRATIVE_COLUMN = "ABCDEFGHIJ"[HEADER.index(NARRATIVE)]
FIRST_DATA_ROW = 3  # row 1 the title, row 2 the header


@pytest.fixture
def zone_a_plan(world: World) -> list[Assignment]:
    """Zone A's published plan: its unit's assignments, a bureau's (not zone A's to report on)."""
    plan = import_plan(plan_text(owner=world.unit_a.name), zone=world.zone_a)
    actions.publish_plan(plan, actor=None, source="test")
    return list(Assignment.objects.filter(task__plan=plan).order_by("pk"))


def template_rows(client: Client) -> list[list[Any]]:
    response = client.get(f"{URL}template.xlsx?period={PERIOD}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return read_table("t.xlsx", response.content).sheet(SHEET).rows


def filled(client: Client, answers: dict[int, tuple[Any, Any]]) -> bytes:
    """The user's template with ``answers`` (assignment id → (percent, words)) typed in."""
    response = client.get(f"{URL}template.xlsx?period={PERIOD}")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book[SHEET]
    for row in sheet.iter_rows(min_row=FIRST_DATA_ROW):
        if row[0].value in answers:
            percent, words = answers[row[0].value]
            sheet[f"{PERCENT_COLUMN}{row[0].row}"] = percent
            sheet[f"{NARRATIVE_COLUMN}{row[0].row}"] = words
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: Client, content: bytes, *, name: str = "进展.xlsx", period: str = PERIOD) -> Any:
    return client.post(URL, {"period": period, "file": SimpleUploadedFile(name, content)}, follow=True)


def test_the_template_lists_exactly_the_assignments_the_user_may_report_on(
    world: World, zone_a_plan: list[Assignment]
) -> None:
    zone_b_plan(world)
    for user in (world.staff_a, world.staff_b, world.coordinator, world.admin, world.viewer_a):
        # the single form's rule: an assignment its page shows (visible_assignments), then can_report
        expected = {a.pk for a in visible_assignments(user).select_related("unit") if can_report(user, a)}
        assert set(reportable(user).values_list("pk", flat=True)) == expected, user.username
    rows = template_rows(world.client_for(world.staff_a))
    assert tuple(rows[1]) == HEADER
    listed = {int(r[0]) for r in rows[FIRST_DATA_ROW - 1 :]}
    mine = {a.pk for a in zone_a_plan if a.unit_id == world.unit_a.pk}
    assert listed == mine and mine  # not the bureau's, not zone B's unit's in the same plan
    assert not listed & {zone_b_plan(world).assignment.pk}


def test_a_filled_template_lands_whole_with_one_audit_entry_and_a_notice(
    world: World, zone_a_plan: list[Assignment]
) -> None:
    client = world.client_for(world.staff_a)
    mine = [a for a in zone_a_plan if a.unit_id == world.unit_a.pk]
    answers = {a.pk: (40 + i, f"第{i}项已完成招标") for i, a in enumerate(mine)}
    audits = AuditEntry.objects.filter(model="plans.ProgressReport").count()
    response = upload(client, filled(client, answers))
    assert response.status_code == 200
    assert f"已报送 {len(mine)} 项任务进展（报告期 {PERIOD}）" in response.content.decode()
    stored = {
        r.assignment_id: (r.percent, r.narrative, r.period, r.reported_by_id)
        for r in ProgressReport.objects.filter(assignment__in=mine)
    }
    assert stored == {pk: (p, w, PERIOD, world.staff_a.pk) for pk, (p, w) in answers.items()}
    entries = AuditEntry.objects.filter(model="plans.ProgressReport").order_by("pk")[audits:]
    assert [(e.after["reports"], e.after["period"], e.zone_id) for e in entries] == [
        (len(mine), PERIOD, world.zone_a.pk)
    ]  # one entry for the batch, not one per report
    notice = Notice.objects.get(kind=NoticeKind.REPORT_SUBMITTED, user=world.coordinator)
    assert f"批量报送了 {len(mine)} 项任务进展" in notice.text
    # the next month's template shows what was reported as the last percent
    rows = template_rows(client)
    assert {int(r[0]): r[HEADER.index("上次进度（%）")] for r in rows[2:]} == {
        pk: float(p) for pk, (p, _) in answers.items()
    }


def test_every_bad_row_is_named_with_its_row_and_column_and_nothing_is_written(
    world: World, zone_a_plan: list[Assignment]
) -> None:
    client = world.client_for(world.staff_a)
    first, second = [a for a in zone_a_plan if a.unit_id == world.unit_a.pk][:2]
    actions.report_progress(first, period="2026-06", percent=60, narrative="过半", actor=None, source="test")
    content = filled(client, {first.pk: (50, "倒退"), second.pk: ("八十", "")})
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book[SHEET]
    rows = {c.value: c.row for c in sheet["A"][FIRST_DATA_ROW - 1 :]}
    # someone else's assignment typed into a spare row, and the same assignment twice
    extra = sheet.max_row + 1
    sheet[f"A{extra}"] = zone_b_plan(world).assignment.pk
    sheet[f"{PERCENT_COLUMN}{extra}"] = 10
    sheet[f"{NARRATIVE_COLUMN}{extra}"] = "冒报"
    sheet[f"A{extra + 1}"] = second.pk
    sheet[f"{PERCENT_COLUMN}{extra + 1}"] = 10
    sheet[f"{NARRATIVE_COLUMN}{extra + 1}"] = "重复"
    out = io.BytesIO()
    book.save(out)
    before = (ProgressReport.objects.count(), AuditEntry.objects.count())
    response = upload(client, out.getvalue(), name="错误.xlsx")
    assert response.status_code == 422
    page = response.content.decode()
    found = [
        (row, column)
        for row, column in (
            (rows[first.pk], PERCENT_COLUMN),  # lower than the last report (60 %)
            (rows[second.pk], PERCENT_COLUMN),  # not a number
            (rows[second.pk], NARRATIVE_COLUMN),  # no words
            (extra, "A"),  # zone B's assignment
            (extra + 1, "A"),  # the same assignment twice
        )
        if f"<td>{row}</td><td>{column}</td>" in page
    ]
    assert len(found) == 5, page[page.find("import-errors") :][:3000]
    assert "低于上次报送的 60%" in page and "“八十”" in page and "不是你可以报送的分工" in page
    assert "文件有 5 处问题，未报送任何进展" in page
    assert (ProgressReport.objects.count(), AuditEntry.objects.count()) == before


def test_a_file_that_is_no_template_is_refused_in_chinese(
    world: World, zone_a_plan: list[Assignment]
) -> None:
    client = world.client_for(world.staff_a)
    response = upload(client, b"%PDF-1.4 not a sheet", name="进展.xlsx")
    assert response.status_code == 422
    assert "不是有效的 Office Open XML 文件" in response.content.decode()
    response = upload(client, "分工编号,本次进度（%）\n1,2\n".encode(), name="进展.csv")
    assert response.status_code == 422 and "表头缺少列：进展情况" in response.content.decode()
    response = upload(client, b"x", period="2026年7月")
    assert response.status_code == 400 and "报告期应写成“年-月”，如 2025-06" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_viewer_may_not_upload(world: World, zone_a_plan: list[Assignment]) -> None:
    client = world.client_for(world.viewer_a)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"period": PERIOD, "file": SimpleUploadedFile("a.xlsx", b"x")})
    assert response.status_code == 403


def test_a_returned_report_does_not_hold_the_percent_up(world: World, zone_a_plan: list[Assignment]) -> None:
    """As on the single form: after 退回 the unit may report lower than the returned report said."""
    client = world.client_for(world.staff_a)
    first = next(a for a in zone_a_plan if a.unit_id == world.unit_a.pk)
    report = actions.report_progress(
        first, period="2026-06", percent=90, narrative="夸大", actor=None, source="test"
    )
    actions.return_report(report, comment="与实际不符", actor=world.coordinator, source="test")
    response = upload(client, filled(client, {first.pk: (50, "按实际填报")}))
    assert response.status_code == 200
    assert ProgressReport.objects.filter(assignment=first, returned_at=None).get().percent == 50
