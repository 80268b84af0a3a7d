"""The projects pages as a zone's staff use them: the board, quota board, 达产复核 and stuck lists show
the zone's project; a milestone is added with an evidence file through the web (a renamed executable is
refused by the shared evidence check), the lead unit cannot verify it, another unit can."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from tests.personas import ZONE_B_MARK, World

from devzone.audit.models import AuditEntry
from devzone.projects.models import Milestone, NodeRecord, Project
from devzone.projects.supervision import late_nodes
from devzone.projects.templatetags.projects_tags import money
from devzone.projects.tests.world_db import PDF, zone_b_projects
from devzone.projects.views.common import _method


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_money_reads_as_wan_or_yi() -> None:
    assert money(1_200_000) == "120.00亿元"
    assert money(850) == "850万元"
    assert money(1234.5) == "1,234.5万元"


def test_the_zone_pages_show_the_project(world: World) -> None:
    made = zone_b_projects(world)
    client = world.client_for(world.staff_b)
    zone = world.zone_b.pk
    board = client.get(f"/projects/zones/{zone}/?year=2024").content.decode()
    assert f"{ZONE_B_MARK}新材料项目" in board and "120.00亿元" in board
    assert ZONE_B_MARK in client.get("/projects/").content.decode()
    # the filters: a channel the project does not have hides it, its own leader keeps it
    assert "新材料项目" not in client.get(f"/projects/zones/{zone}/?channel=平台").content.decode()
    assert "新材料项目" in client.get(f"/projects/zones/{zone}/?leader={ZONE_B_MARK}领导").content.decode()
    # one stage's list counts that stage's projects; every stage's count stays in view above it
    one = client.get(f"/projects/zones/{zone}/?year=2024&stage=签约").content.decode()
    assert "显示 0 个项目，共 1 个" in one and 'id="stage-counts"' in one and "竣工" in one
    quotas = client.get(f"/projects/zones/{zone}/quotas/?year=2021").content.decode()
    assert "引进项目任务" in quotas and "履约率" in quotas
    reviews = client.get(f"/projects/zones/{zone}/reviews/?year=2024").content.decode()
    assert "亩均税收" in reviews
    stuck = client.get(f"/projects/zones/{zone}/stuck/?year=2024").content.decode()
    assert "新材料项目" in stuck  # 竣工 verified, 投产 not: on 竣工未投产
    page = client.get(f"/projects/{made.project.pk}/?year=2024").content.decode()
    assert "竣工验收备案" in page and "节点计划" in page and "亩均税收" in page
    assert client.get(f"/projects/zones/{zone}/?year=abc").status_code == 404


def test_a_milestone_added_on_the_web_with_evidence_then_verified_by_another_unit(world: World) -> None:
    made = zone_b_projects(world)
    client = world.client_for(world.staff_b)
    url = f"/projects/{made.project.pk}/milestones/new/"
    assert client.get(url).status_code == 200
    fake = SimpleUploadedFile("营业执照.pdf", b"MZ\x90\x00 not a pdf")
    refused = client.post(
        url, {"stage": "注册", "reached_on": "2021-04-01", "evidence": "营业执照", "evidence_file": fake}
    )
    assert refused.status_code == 200
    assert "扩展名与内容不符" in refused.content.decode()
    assert not Milestone.objects.filter(project=made.project, stage="注册").exists()
    wrong = client.post(url, {"stage": "注册", "reached_on": "2021-04-01", "evidence": "竣工验收备案",
                              "evidence_file": SimpleUploadedFile("执照.pdf", PDF)})  # fmt: skip
    assert (
        wrong.status_code == 200 and not Milestone.objects.filter(project=made.project, stage="注册").exists()
    )
    ok = client.post(url, {"stage": "注册", "reached_on": "2021-04-01", "evidence": "营业执照",
                           "evidence_file": SimpleUploadedFile("执照.pdf", PDF)})  # fmt: skip
    assert ok.status_code == 302
    milestone = Milestone.objects.get(project=made.project, stage="注册")
    assert milestone.evidence_file and milestone.verified_by is None
    assert AuditEntry.objects.filter(
        zone=world.zone_b, object_pk=str(milestone.pk), model__iendswith="milestone"
    ).exists()
    download = client.get(f"/projects/milestones/{milestone.pk}/evidence/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    verify = f"/projects/milestones/{milestone.pk}/verify/"
    client.post(verify, {"unit": world.unit_b.pk})  # the lead unit is not offered: refused
    milestone.refresh_from_db()
    assert milestone.verified_by is None
    # a user without a unit cannot sign for one (the loophole: pick any unit from a list)
    no_unit = client.post(verify, {"unit": world.bureau.pk}, follow=True).content.decode()
    assert "未隶属任何单位" in no_unit
    milestone.refresh_from_db()
    assert milestone.verified_by is None
    coordinator = world.coordinator
    coordinator.unit = world.bureau
    coordinator.save()
    second = world.client_for(coordinator)
    page = second.get(f"/projects/{made.project.pk}/").content.decode()
    assert "核验规则" in page and f'action="{verify}"' in page
    second.post(verify, {"unit": world.unit_b.pk})  # not the coordinator's own unit: refused
    milestone.refresh_from_db()
    assert milestone.verified_by is None
    second.post(verify, {"unit": world.bureau.pk})
    milestone.refresh_from_db()
    assert milestone.verified_by == world.bureau and milestone.verified_at.date() <= dt.date.today()
    assert milestone.verified_by_user == coordinator


def test_the_ledger_downloads_with_its_projects_and_formula_text_kept_as_text(world: World) -> None:
    made = zone_b_projects(world)
    made.project.investor_name = '=HYPERLINK("http://x")'
    made.project.save()
    response = world.client_for(world.staff_b).get(f"/projects/zones/{world.zone_b.pk}/ledger.xlsx?year=2024")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["项目台账", "节点", "说明"]
    rows = list(wb["项目台账"].iter_rows(min_row=3, values_only=True))
    assert rows[0][:2] == ("B-001", f"{ZONE_B_MARK}新材料项目")
    assert rows[0][9] == 1_200_000 and rows[0][13] == "竣工"
    investor = wb["项目台账"].cell(row=3, column=12)
    assert investor.data_type == "s" and investor.value.startswith("=HYPERLINK")
    stages = [r[2] for r in wb["节点"].iter_rows(min_row=3, values_only=True)]
    assert stages == ["竣工", "投产"]


def test_the_lead_unit_cannot_verify_its_own_project(world: World) -> None:
    made = zone_b_projects(world)
    world.staff_b.unit = world.unit_b
    world.staff_b.save()
    client = world.client_for(world.staff_b)
    response = client.post(
        f"/projects/milestones/{made.pending.pk}/verify/", {"unit": world.unit_b.pk}, follow=True
    )
    assert "须由其他单位核验" in response.content.decode()
    made.pending.refresh_from_db()
    assert made.pending.verified_by is None


def test_another_zone_cannot_read_it(world: World) -> None:
    made = zone_b_projects(world)
    client = world.client_for(world.viewer_a)
    assert client.get(f"/projects/{made.project.pk}/").status_code == 404


def test_the_zone_switcher_keeps_the_tab_and_offers_only_readable_zones(world: World) -> None:
    zone_b_projects(world)
    a, b = world.zone_a.pk, world.zone_b.pk
    coordinator = world.client_for(world.coordinator)
    page = coordinator.get(f"/projects/zones/{a}/quotas/?year=2022").content.decode()
    # one select grouped by city, the zone shown chosen, the tab, year and method carried along
    assert '<optgroup label="连云港市">' in page and f'<option value="{a}" selected>' in page
    assert f'<option value="{b}">' in page and 'name="tab" value="quotas"' in page
    answer = coordinator.get(f"/projects/switch/?zone={b}&tab=quotas&year=2022&method=lyg-seed")
    assert answer.status_code == 302
    assert answer["Location"] == f"/projects/zones/{b}/quotas/?year=2022&method=lyg-seed"
    # a tab that is none of the four falls back to the board
    assert coordinator.get(f"/projects/switch/?zone={b}&tab=admin")["Location"] == f"/projects/zones/{b}/"
    staff = world.client_for(world.staff_a)
    own = staff.get(f"/projects/zones/{a}/").content.decode()
    assert f'<option value="{b}"' not in own  # zone A's staff are offered their own zone only
    for asked in (str(b), "", "x", "9" * 40):
        assert staff.get(f"/projects/switch/?zone={asked}&tab=board").status_code == 404


def test_the_home_page_finds_a_zone_by_name_or_city_a_page_at_a_time(world: World) -> None:
    zone_b_projects(world)
    client = world.client_for(world.coordinator)
    found = client.get("/projects/", {"q": world.zone_b.name}).content.decode()
    assert f"/projects/zones/{world.zone_b.pk}/" in found
    assert f'/projects/zones/{world.zone_a.pk}/"' not in found
    assert "没有名称或城市含" in client.get("/projects/", {"q": "不存在的园区"}).content.decode()
    assert client.get("/projects/", {"page": "999"}).status_code == 200  # past the end: the last page


def test_the_monthly_report_downloads_as_a_word_document_of_the_users_zones_only(world: World) -> None:
    made = zone_b_projects(world)
    response = world.client_for(world.staff_b).get("/projects/report.docx?month=2024-06")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "招商项目调度情况（2024年6月）" in text and "引进目标完成情况" in text and "卡点项目" in text
    assert made.project.name in cells  # on 竣工未投产 since 2022
    assert round(document.sections[0].page_width.cm, 1) == 21.0
    other = world.client_for(world.staff_a).get(f"/projects/report.docx?zone={world.zone_b.pk}")
    assert other.status_code == 404
    assert world.client_for(world.staff_b).get("/projects/report.docx?month=2024-13").status_code == 404


def test_my_projects_lists_the_projects_of_my_unit_and_those_i_am_the_linked_leader_of(world: World) -> None:
    made = zone_b_projects(world)
    client = world.client_for(world.staff_b)
    assert "没有您负责的项目" in client.get("/projects/mine/").content.decode()  # no unit, no name yet
    world.staff_b.unit = world.unit_b
    world.staff_b.save()
    page = client.get("/projects/mine/?year=2024").content.decode()
    assert made.project.name in page and "竣工" in page
    leader = world.staff_a
    leader.first_name = f"{ZONE_B_MARK}领导"
    leader.save()
    assert made.project.name not in world.client_for(leader).get("/projects/mine/").content.decode()  # zone B


def test_the_supervision_notice_lists_the_late_nodes_for_the_lead_unit(world: World) -> None:
    made = zone_b_projects(world)
    world.staff_b.unit = world.unit_b  # the issuing unit named at the foot of the letter
    world.staff_b.save(update_fields=["unit"])
    response = world.client_for(world.staff_b).get(
        f"/projects/zones/{world.zone_b.pk}/supervision.docx?year=2024"
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert "督办单" in text and f"{world.unit_b.name}：" in text
    assert cells[0] == ["序号", "项目", "节点", "责任部门", "计划完成", "逾期天数"]
    assert all(r[1] == made.project.name and int(r[5]) > 0 for r in cells[1:]) and len(cells) > 1
    assert "竣工验收备案" not in [r[2] for r in cells[1:]]  # done (verified): not late
    assert f"督办单位：{world.unit_b.name}（盖章）" in text  # the issuing unit is the user's own
    # a page number at the foot of every page
    assert "PAGE" in "".join(document.sections[0].footer._element.itertext())
    assert (
        world.client_for(world.staff_a).get(f"/projects/zones/{world.zone_b.pk}/supervision.docx").status_code
        == 404
    )


def test_the_monthly_report_of_a_user_whose_zones_have_no_project_is_a_report_not_a_failure(
    world: World,
) -> None:
    # zone A has no project: the report says so (the job failed on "zone IN ()" before)
    response = world.client_for(world.staff_a).get("/projects/report.docx?month=2024-06")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "招商项目调度情况（2024年6月）" in text


def test_a_terminated_project_warns_nobody_and_takes_no_later_milestone(world: World) -> None:
    made = zone_b_projects(world)
    Project.objects.filter(pk=made.project.pk).update(status="终止", terminated_on=dt.date(2023, 6, 30))
    client = world.client_for(world.staff_b)
    page = client.get(f"/projects/{made.project.pk}/?year=2024").content.decode()
    assert "已终止" in page and 'title="红灯"' not in page and 'title="黄灯"' not in page
    url = f"/projects/{made.project.pk}/milestones/new/"
    late = client.post(url, {"stage": "投产", "reached_on": "2024-01-10", "evidence": "投产记录",
                             "evidence_file": SimpleUploadedFile("投产.pdf", PDF)})  # fmt: skip
    assert (
        late.status_code == 200 and "项目已于 2023年6月30日 终止，此后的节点不再登记" in late.content.decode()
    )
    assert not Milestone.objects.filter(project=made.project, reached_on=dt.date(2024, 1, 10)).exists()


def test_a_node_that_is_no_stage_is_marked_done_with_its_document_and_leaves_the_supervision_list(
    world: World,
) -> None:
    made = zone_b_projects(world)
    client = world.client_for(world.staff_b)
    page = client.get(f"/projects/{made.project.pk}/?year=2024").content.decode()
    assert 'id="node-form"' in page and '<option value="备案立项">' in page
    assert '<option value="开工">' not in page  # a stage node is done by its verified milestone
    before = late_nodes(world.zone_b, _method("lyg-seed"), dt.date(2024, 12, 31))
    assert any(node == "备案立项" for rows in before.values() for _, node, *_ in rows)
    url = f"/projects/{made.project.pk}/nodes/done/"
    fake = client.post(url, {"node": "备案立项", "done_on": "2021-04-01",
                             "evidence_file": SimpleUploadedFile("备案.pdf", b"MZ\x90\x00 not a pdf")})  # fmt: skip
    assert fake.status_code == 302 and not NodeRecord.objects.filter(node="备案立项").exists()
    done = client.post(url, {"node": "备案立项", "done_on": "2021-04-01",
                             "evidence_file": SimpleUploadedFile("备案.pdf", PDF)})  # fmt: skip
    assert done.status_code == 302
    record = NodeRecord.objects.get(project=made.project, node="备案立项")
    assert AuditEntry.objects.filter(model="projects.NodeRecord", object_pk=str(record.pk)).exists()
    after = late_nodes(world.zone_b, _method("lyg-seed"), dt.date(2024, 12, 31))
    assert not any(node == "备案立项" for rows in after.values() for _, node, *_ in rows)
    page = client.get(f"/projects/{made.project.pk}/?year=2024").content.decode()
    assert "备案立项（2021年4月1日" in page and '<option value="备案立项">' not in page
    assert b"".join(client.get(f"/projects/nodes/{record.pk}/evidence/").streaming_content) == PDF
    # twice, or a stage node: refused, nothing written
    again = client.post(
        url, {"node": "开工", "done_on": "2021-04-01", "evidence_file": SimpleUploadedFile("a.pdf", PDF)}
    )
    assert (
        again.status_code == 302 and NodeRecord.objects.filter(project=made.project).count() == 2
    )  # 环评 + 备案立项
