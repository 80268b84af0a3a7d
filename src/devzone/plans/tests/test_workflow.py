"""Import → review → publish → report → confirm → status, through actions and pages (other zone refused)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from tests.personas import ZONE_B_MARK, World

from devzone.audit.models import AuditEntry
from devzone.notices.models import Notice
from devzone.plans import actions
from devzone.plans.models import (
    Assignment,
    OwnerState,
    Plan,
    PlanStatus,
    ProgressReport,
    TaskOwner,
)
from devzone.plans.notifications import deadline_pass
from devzone.plans.progress import facts, rows
from devzone.plans.status import Status
from devzone.plans.tests.factories import import_plan, plan_text, zone_b_plan
from devzone.plans.views import work


def test_import_resolves_owners_and_expands_groups_on_publish(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局、市_"))
    assert plan.status == PlanStatus.DRAFT and plan.version == 0
    assert plan.document.parse_method == actions.PARSE_METHOD
    owners = {o.written: o.state for o in TaskOwner.objects.filter(task__plan=plan)}
    assert owners == {
        "市商务局": OwnerState.RESOLVED,
        "市_": OwnerState.UNRESOLVED,
        "各开发区管委会": OwnerState.RESOLVED,
    }
    with pytest.raises(actions.PlanNotReady, match="市_"):
        actions.publish_plan(plan, actor=None, source="test")
    assert not Assignment.objects.filter(task__plan=plan).exists()
    redacted = TaskOwner.objects.get(task__plan=plan, written="市_")
    actions.fix_owner(redacted, actor=world.coordinator, source="test", name="甲区经济开发区管委会")
    actions.publish_plan(plan, actor=world.coordinator, source="test")
    assert plan.version == 1
    got = sorted((a.task.key, a.unit.name, a.role) for a in Assignment.objects.filter(task__plan=plan))
    assert got == [
        ("1.1", "甲区经济开发区管委会", "support"),  # the engine reads the first of 责任单位 as the lead
        ("1.1", "连云港市商务局", "lead"),
        ("1.2", f"{ZONE_B_MARK}管委会", "support"),
        ("1.2", "甲区经济开发区管委会", "support"),
        ("1.2", "连云港市商务局", "lead"),
    ]
    assert AuditEntry.objects.filter(model="plans.Assignment").count() == 5


def test_published_version_is_frozen_and_revision_makes_version_two(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局"))
    actions.publish_plan(plan, actor=None, source="test")
    owner = TaskOwner.objects.filter(task__plan=plan).first()
    with pytest.raises(actions.PlanFrozen):
        actions.fix_owner(owner, actor=None, source="test", dismiss=True)
    a = Assignment.objects.get(task__plan=plan, task__key="1.1", unit=world.bureau)
    actions.report_progress(a, period="2026-05", percent=40, narrative="过半", actor=None, source="test")
    draft = actions.revise_plan(plan, actor=None, source="test")
    assert (draft.version, draft.lineage_id, draft.status) == (0, plan.pk, PlanStatus.DRAFT)
    actions.publish_plan(draft, actor=None, source="test")
    plan.refresh_from_db()
    assert (plan.status, draft.version) == (PlanStatus.SUPERSEDED, 2)
    carried = ProgressReport.objects.get(assignment__task__plan=draft, assignment__unit=world.bureau)
    assert carried.percent == 40
    assert ProgressReport.objects.filter(assignment__task__plan=plan).count() == 1  # history kept


def test_status_follows_reports_and_confirmation(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局"))
    actions.publish_plan(plan, actor=None, source="test")
    a = Assignment.objects.filter(task__plan=plan, task__key="1.1")
    # due 2026-09-30; plan starts 2026-01-01 → on 2026-05-01 expected 120/272 = 44 %
    assert rows(a, as_of=dt.date(2026, 5, 1))[0].status == Status.BEHIND
    actions.report_progress(
        a.get(), period="2026-04", percent=40, narrative="进展", actor=None, source="test"
    )
    assert rows(a, as_of=dt.date(2026, 5, 1))[0].status == Status.ON_TRACK
    assert rows(a, as_of=dt.date(2026, 10, 1))[0].status == Status.OVERDUE
    report = actions.report_progress(
        a.get(), period="2026-09", percent=100, narrative="完成", actor=None, source="test"
    )
    actions.confirm_report(report, actor=world.coordinator, source="test")
    assert rows(a, as_of=dt.date(2026, 10, 1))[0].status == Status.DONE


def test_dashboard_facts_agree_with_rows_and_count_on_time_completion(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局"))
    actions.publish_plan(plan, actor=None, source="test")
    live_plan = Assignment.objects.filter(task__plan=plan)
    first = live_plan.get(task__key="1.1")
    actions.report_progress(first, period="2026-03", percent=20, narrative="起步", actor=None, source="test")
    late = actions.report_progress(
        first, period="2026-04", percent=100, narrative="完成", actor=None, source="test"
    )
    actions.confirm_report(late, actor=world.coordinator, source="test")
    april = dt.datetime(2026, 4, 30, 10, tzinfo=dt.UTC)
    ProgressReport.objects.filter(pk=late.pk).update(confirmed_at=april)  # confirmed back then
    for day in (dt.date(2026, 2, 1), dt.date(2026, 9, 25), dt.date(2027, 1, 5)):
        by_rows = {r.assignment.pk: (r.status, r.percent, r.due) for r in rows(live_plan, as_of=day)}
        by_facts = {f.assignment_id: (f.status, f.percent, f.due) for f in facts(live_plan, as_of=day)}
        assert by_facts == by_rows
    done = next(f for f in facts(live_plan, as_of=dt.date(2027, 1, 5)) if f.assignment_id == first.pk)
    assert done.status == Status.DONE
    assert done.confirmed_on == dt.date(2026, 4, 30)
    page = world.client_for(world.coordinator).get(f"/plans/dashboard/?plan={plan.pk}&as_of=2027-01-05")
    totals = {code: n for code, _, n in page.context["totals"]}
    assert totals[Status.DONE] == 1
    assert totals[Status.OVERDUE] == live_plan.count() - 1  # every other assignment is past its deadline
    ranking = {name: (share, due) for name, share, due in page.context["ranking"]}
    ok, due = ranking[first.unit.name]
    assert ok == pytest.approx(100.0 / due)  # one of its due assignments was done on time


def test_bad_reports_are_refused_and_nothing_is_saved(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局"))
    actions.publish_plan(plan, actor=None, source="test")
    a = Assignment.objects.filter(task__plan=plan).first()
    actions.report_progress(a, period="2026-04", percent=50, narrative="x", actor=None, source="test")
    for kwargs in (
        {"percent": 101},
        {"percent": 40},
        {"percent": 60, "files": [SimpleUploadedFile("a.exe", b"MZ")]},
    ):
        with pytest.raises(ValidationError):
            actions.report_progress(
                a, period="2026-05", narrative="y", actor=None, source="test", **{"percent": 60, **kwargs}
            )
    assert a.reports.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "文件为空"),
        ("photo.png", b"\x89PNG\r\n", "只接受"),
        ("sheet.docx", b"PK\x03\x04broken", "文件已损坏，无法打开"),
        ("notes.txt", "随便写的一段话。".encode(), "没有识别出任何任务"),
    ],
)
def test_files_that_are_not_plans_are_refused(world: World, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(actions.PlanImportError, match=reason):
        actions.import_document(data, name=name, actor=None, source="test")
    assert Plan.objects.count() == 0


def test_review_page_highlights_spans_and_refuses_other_zone(world: World) -> None:
    plan = import_plan(plan_text(owner="市商务局、市_"))
    client = world.client_for(world.coordinator)
    page = client.get(f"/plans/{plan.pk}/review/").content.decode()
    owner = TaskOwner.objects.get(task__plan=plan, written="市_")
    assert f'id="src-owner-{owner.pk}"' in page and f'data-span="src-owner-{owner.pk}"' in page
    assert 'id="unresolved-count" data-count="1"' in page
    response = client.post(f"/plans/{plan.pk}/publish/")
    plan.refresh_from_db()
    assert response.status_code == 302 and plan.status == PlanStatus.DRAFT
    client.post(f"/plans/owners/{owner.pk}/", {"name": "连云港市商务局"})
    client.post(f"/plans/{plan.pk}/publish/")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    other = zone_b_plan(world)
    assert world.client_for(world.staff_a).get(f"/plans/{other.plan.pk}/").status_code == 404
    assert world.client_for(world.staff_a).get(f"/plans/{plan.pk}/review/").status_code == 403


def test_zone_staff_report_on_their_units_only_and_viewers_not_at_all(world: World) -> None:
    b = zone_b_plan(world)
    payload = {"period": "2026-07", "percent": 50, "narrative": "推进中"}
    assert (
        world.client_for(world.staff_a).post(f"/plans/assignments/{b.assignment.pk}/", payload).status_code
        == 404
    )
    assert (
        world.client_for(world.viewer).post(f"/plans/assignments/{b.assignment.pk}/", payload).status_code
        == 403
    )
    bureau = Assignment.objects.get(task__plan=b.plan, unit=world.bureau)
    assert (
        world.client_for(world.staff_b).post(f"/plans/assignments/{bureau.pk}/", payload).status_code == 404
    )  # a bureau's assignment is not zone staff's to see, let alone report on
    reports_before = b.assignment.reports.count()
    renamed = SimpleUploadedFile("证明.pdf", b"\x7fELF\x02\x01\x01" + bytes(64))
    refused = world.client_for(world.staff_b).post(
        f"/plans/assignments/{b.assignment.pk}/", {**payload, "evidence": renamed}
    )
    assert refused.status_code == 400
    assert "证明.pdf：文件内容不是 .pdf 文件（扩展名与内容不符）" in refused.content.decode()
    assert b.assignment.reports.count() == reports_before
    file = SimpleUploadedFile("证明.pdf", b"%PDF-1.4")
    response = world.client_for(world.staff_b).post(
        f"/plans/assignments/{b.assignment.pk}/", {**payload, "evidence": file}
    )
    assert response.status_code == 302
    assert b.assignment.reports.order_by("-pk").first().evidence.get().name == "证明.pdf"
    assert (
        world.client_for(world.coordinator).post(f"/plans/assignments/{bureau.pk}/", payload).status_code
        == 302
    )
    mine = world.client_for(world.staff_b).get("/plans/my/").content.decode()
    assert f"/plans/assignments/{b.assignment.pk}/" in mine and f"/plans/assignments/{bureau.pk}/" not in mine


def test_my_tasks_are_paged_soonest_deadline_first(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    b = zone_b_plan(world)
    monkeypatch.setattr(work, "MY_TASKS_LISTED", 1)
    client = world.client_for(world.staff_b)
    mine = Assignment.objects.filter(task__plan=b.plan, unit=world.unit_b)
    ordered = sorted(rows(mine, as_of=dt.date(2026, 1, 1)), key=lambda r: (r.due, r.assignment.pk))
    by_due = [r.assignment.pk for r in ordered]
    assert len(by_due) == 2
    pages = [client.get("/plans/my/", {"page": n}).content.decode() for n in (1, 2)]
    assert 'id="my-tasks-pages"' in pages[0] and "1 / 2" in pages[0]
    for page, pk in zip(pages, by_due, strict=True):
        assert f"/plans/assignments/{pk}/" in page
    assert f"/plans/assignments/{by_due[1]}/" not in pages[0]


def test_exports_reopen_with_their_contents_and_cjk_fonts(world: World) -> None:
    b = zone_b_plan(world)
    client = world.client_for(world.coordinator)
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/plans/{b.plan.pk}/breakdown.xlsx").content)
    ).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][0] == f"{b.plan.title}任务分工表"  # the title line, then the table
    assert values[1][:4] == ["序号", "重点任务", "具体内容", "牵头单位"]
    assert any(r[0] == "1.1" and r[3] == f"{ZONE_B_MARK}管委会" for r in values)
    assert sheet["A2"].font.name == "宋体"
    word = docx.Document(io.BytesIO(client.get(f"/plans/{b.plan.pk}/breakdown.docx").content))
    assert word.paragraphs[0].text == f"{b.plan.title}任务分工表"
    east_asian = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert word.styles["Normal"].element.rPr.rFonts.get(east_asian) == "仿宋"  # 公文 body
    assert word.tables[0].rows[1].cells[0].paragraphs[0].runs[0]._element.rPr.rFonts.get(east_asian) == "宋体"
    notice = docx.Document(
        io.BytesIO(client.get(f"/plans/supervision/{world.unit_b.pk}.docx?as_of=2026-10-15").content)
    )
    assert notice.paragraphs[0].text == "督办单"
    table = [[c.text for c in r.cells] for r in notice.tables[0].rows]
    assert table[1][1].startswith(f"{b.plan.title}：1.1 ") and table[1][4] == "30%"  # 方案及任务
    assert table[1][5] == "逾期"
    report = openpyxl.load_workbook(io.BytesIO(client.get("/plans/progress.xlsx?period=2026-06").content))
    rows_ = [[c.value for c in r] for r in report["进展明细"].iter_rows()]
    assert rows_[1][:4] == ["序号", "方案", "任务", "责任单位"]
    assert any(r[3] == f"{ZONE_B_MARK}管委会" and r[8] == f"{ZONE_B_MARK}进展" for r in rows_[2:])
    assert (
        world.client_for(world.staff_a).get(f"/plans/supervision/{world.unit_b.pk}.docx").status_code == 404
    )


def test_dashboard_and_notifications(world: World) -> None:
    b = zone_b_plan(world)
    Notice.objects.all().delete()
    assert deadline_pass(dt.date(2026, 10, 15)) > 0
    key = f"plans.assignment:{b.assignment.pk}:2026-09-30"
    assert Notice.objects.filter(user=world.staff_b, key=key, kind="overdue").exists()
    assert not Notice.objects.filter(user=world.staff_a, key=key).exists()
    again = deadline_pass(dt.date(2026, 10, 15))
    assert again == 0
    page = world.client_for(world.staff_b).get("/plans/dashboard/?as_of=2026-10-15").content.decode()
    assert 'data-chart="chart-unit"' in page and 'id="notices-unread"' in page
    assert (
        ZONE_B_MARK
        not in world.client_for(world.staff_a).get("/plans/dashboard/?as_of=2026-10-15").content.decode()
    )


def test_api_lists_scoped_assignments_and_takes_reports(world: World) -> None:
    b = zone_b_plan(world)
    staff_b, staff_a = world.client_for(world.staff_b), world.client_for(world.staff_a)
    ids = {a["id"] for a in staff_b.get("/api/assignments?only_mine=true").json()["items"]}
    assert b.assignment.pk in ids
    assert b.assignment.pk not in {a["id"] for a in staff_a.get("/api/assignments").json()["items"]}
    body = {"period": "2026-08", "percent": 60, "narrative": "接口报送"}
    url = f"/api/assignments/{b.assignment.pk}/reports"
    assert staff_a.post(url, body, content_type="application/json").status_code == 404
    response = staff_b.post(url, body, content_type="application/json")
    assert response.status_code == 201 and response.json()["percent"] == 60
    low = staff_b.post(url, {**body, "percent": 10}, content_type="application/json")
    assert low.status_code == 422
    assert [t["key"] for t in staff_b.get(f"/api/plans/{b.plan.pk}/tasks").json()] == ["1.1", "1.2"]


def test_api_pages_assignments_in_full(world: World) -> None:
    plan = import_plan(plan_text(owner="各开发区管委会"))
    actions.publish_plan(plan, actor=None, source="test")
    client = world.client_for(world.coordinator)
    everyone = sorted(Assignment.objects.filter(task__plan=plan).values_list("pk", flat=True))
    assert len(everyone) >= 3
    pages = [client.get("/api/assignments", {"page": n, "page_size": 2}).json() for n in (1, 2, 3)]
    assert [p["count"] for p in pages] == [len(everyone)] * 3 and pages[0]["page_size"] == 2
    assert [a["id"] for p in pages for a in p["items"]][: len(everyone)] == everyone
    assert pages[0]["items"][0]["status"] and pages[0]["items"][0]["unit"]
    assert client.get("/api/assignments", {"page_size": 501}).status_code == 422
    assert client.get("/api/assignments", {"page": 0}).status_code == 422
    assert client.get("/api/assignments", {"page": 99}).json()["items"] == []


def test_import_command_prints_ids_and_unresolved(world: World, tmp_path: object) -> None:
    path = tmp_path / "p.txt"  # type: ignore[operator]
    path.write_text(plan_text(owner="市_"), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(Exception, match="not published"):
        call_command("plans_import", str(path), city="连云港市", publish=True, stdout=out)
    plan = Plan.objects.get()
    assert f"plan {plan.pk}\t" in out.getvalue() and "unresolved\ttask 1.1\t市_" in out.getvalue()
