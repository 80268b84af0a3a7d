"""Importing a zone's project ledger through the shared reader: whole or not at all, every error at once
with sheet, row and column, one deal never imported twice; milestones added and verified by a second unit."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from tests.personas import World

from devzone.audit.models import AuditEntry
from devzone.projects.actions import (
    ImportRejected,
    ProjectActionError,
    Upload,
    add_milestone,
    import_projects,
    verify_milestone,
)
from devzone.projects.actions.imports import FUND_COLUMNS, MILESTONE_COLUMNS, PROJECT_COLUMNS
from devzone.projects.method_load import resolve
from devzone.projects.models import FundsArrival, Milestone, Project, ProjectImport
from devzone.projects.rates import rates
from devzone.projects.store import table

LEAD = "甲区经济开发区管委会"
OTHER = "市商务局"  # the shared bureau's short name
USCC = "91320700MA1X2Y3W4T"


def project(code: str, *, total: float = 120_000, **values: Any) -> dict[str, Any]:
    base = {"协议总投资(万元)": total, "项目编号": code, "项目名称": f"项目{code}", "招商责任单位": LEAD, "协议类型": "正式合同",
            "签约日期": date(2024, 2, 20), "投资方": f"投资方{code}"}  # fmt: skip
    return base | values


def xlsx(projects: list[dict[str, Any]], milestones: list[dict[str, Any]] = (), funds: list[dict[str, Any]] = (),
         name: str = "项目台账.xlsx") -> Upload:  # fmt: skip
    wb = Workbook()
    sheets = [("项目", PROJECT_COLUMNS, projects), ("节点", MILESTONE_COLUMNS, milestones),
              ("到位资金", FUND_COLUMNS, funds)]  # fmt: skip
    wb.remove(wb.active)
    for title, columns, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append([c.header for c in columns])
        for r in rows:
            ws.append([r.get(c.header) for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return Upload(name=name, content=out.getvalue())


GOOD = xlsx(
    [project("P1", total=1_200_000, 投资方统一社会信用代码=USCC, 地块编号="G-1"), project("P2", total=50_000, 签约日期="2024-05")],
    [
        {"项目编号": "P1", "阶段": "注册", "日期": date(2024, 3, 15), "佐证材料": "营业执照", "核验单位": OTHER},
        {"项目编号": "P1", "阶段": "开工", "日期": date(2024, 6, 18), "佐证材料": "入库", "佐证日期": date(2024, 7, 5),
         "核验单位": OTHER},
    ],
    [{"项目编号": "P1", "到位日期": date(2024, 9, 30), "金额(万元)": 18_000, "佐证": "银行进账单"}],
)  # fmt: skip


def test_a_ledger_imports_whole_and_is_audited_once(world: World) -> None:
    batch = import_projects(zone=world.zone_a, upload=GOOD, actor=world.staff_a, source="test")
    assert (batch.rows, Project.objects.filter(zone=world.zone_a).count()) == (2, 2)
    assert Milestone.objects.filter(project__zone=world.zone_a).count() == 2
    assert FundsArrival.objects.get().amount_wan == 18_000
    p1 = Project.objects.get(code="P1")
    assert (p1.lead_unit, p1.signed_on, p1.investor_uscc) == (world.unit_a, date(2024, 2, 20), USCC)
    assert Project.objects.get(code="P2").signed_on == date(2024, 5, 1)  # a month alone is its first day
    entries = AuditEntry.objects.filter(
        zone_id=world.zone_a.pk, model__in=["projects.ProjectImport", "projects.Project"]
    )
    assert sorted(e.model for e in entries) == ["projects.Project", "projects.ProjectImport"]
    method = resolve("lyg-seed")
    r = rates(table([world.zone_a], method), method, year=2024)
    assert r.value("开工率", (world.zone_a.name,)) == 1 / 2  # P1 started (入库, verified by the bureau)


def test_every_error_at_once_and_nothing_written(world: World) -> None:
    bad = xlsx(
        [
            project("P1", total=12_000_000_000, 行业代码="X99"),
            project("P2", 签约日期="去年", 项目公司统一社会信用代码="91320700MA1X2Y3W4A", 招商责任单位="不存在的局"),
            project("P3", 投资方="甲集团", 地块编号="G-9"),
            project("P4", 投资方="甲集团", 地块编号="G-9"),
        ],
        [
            {"项目编号": "P1", "阶段": "开工", "日期": date(2024, 1, 5), "佐证材料": "入库", "核验单位": OTHER},
            {"项目编号": "P3", "阶段": "注册", "日期": date(2024, 3, 1), "佐证材料": "营业执照", "核验单位": LEAD},
            {"项目编号": "P3", "阶段": "注册", "日期": date(2024, 3, 1), "核验单位": OTHER},
        ],
    )  # fmt: skip
    with pytest.raises(ImportRejected) as error:
        import_projects(zone=world.zone_a, upload=bad, actor=world.staff_a, source="test")
    got = [(i.sheet, i.row, i.column, i.reason) for i in error.value.issues]
    assert got == [
        ("项目", 2, "", "协议总投资 1.2e+10 万元超过 1000 亿元，是否误填为元？（应以万元填写）"),
        ("项目", 2, "", "行业代码“X99”不是国民经济行业分类（GB/T 4754）代码"),
        (
            "项目",
            3,
            "",
            "项目公司统一社会信用代码 91320700MA1X2Y3W4A 有误（校验码为 A，按 GB 32100—2015 应为 T）",
        ),
        ("项目", 3, "C", "单位“不存在的局”不在单位名录中"),
        ("项目", 3, "E", "“签约日期”应为日期（如 2024-02-20；只有月份时写 2024-05）"),
        ("项目", 5, "", "与第 4 行是同一投资方在同一地块的同一项目（再次签约请记为签约活动）"),
        ("节点", 2, "", "开工日期 2024-01-05 早于签约日期 2024-02-20"),
        ("节点", 3, "", "核验单位 甲区经济开发区管委会 是本项目的招商责任单位，须由其他单位核验"),
        ("节点", 4, "", "已核验但没有佐证材料"),
    ]
    assert "项目台账.xlsx，工作表“项目”，第 3 行，C 列：" in str(error.value)
    assert (Project.objects.count(), ProjectImport.objects.count(), Milestone.objects.count()) == (0, 0, 0)


def test_one_deal_is_never_imported_twice(world: World) -> None:
    import_projects(zone=world.zone_a, upload=GOOD, actor=world.staff_a, source="test")
    again = xlsx([project("P9", 投资方统一社会信用代码=USCC, 地块编号="G-1"), project("P1")])
    with pytest.raises(ImportRejected) as error:
        import_projects(zone=world.zone_a, upload=again, actor=world.staff_a, source="test")
    assert [(i.row, i.reason) for i in error.value.issues] == [
        (2, "与已登记的项目 P1 是同一项目，不能重复导入"),
        (3, "项目编号 P1 已在本开发区登记"),
    ]
    assert Project.objects.count() == 2


def test_a_csv_of_projects_goes_through_the_same_reader(world: World) -> None:
    lines = [
        "项目编号,项目名称,招商责任单位,签约日期,协议总投资(万元)",
        f'C1,项目C1,{LEAD},2024/3/1,"60,000"',
    ]
    upload = Upload(name="projects.csv", content="\n".join(lines).encode("gb18030"))
    import_projects(zone=world.zone_a, upload=upload, actor=world.staff_a, source="test")
    assert Project.objects.get(code="C1").total_wan == 60_000


def test_a_milestone_is_verified_by_another_unit_only(world: World) -> None:
    import_projects(zone=world.zone_a, upload=GOOD, actor=world.staff_a, source="test")
    p2 = Project.objects.get(code="P2")
    with pytest.raises(ProjectActionError, match="须附佐证材料"):
        add_milestone(
            p2, stage="开工", reached_on=date(2024, 8, 1), evidence="", actor=world.staff_a, source="test"
        )
    m = add_milestone(p2, stage="开工", reached_on=date(2024, 8, 1), evidence="入库", actor=world.staff_a,
                      source="test")  # fmt: skip
    method = resolve("lyg-seed")
    zone = (world.zone_a.name,)
    assert rates(table([world.zone_a], method), method, year=2024).value("开工率", zone) == 1 / 2
    with pytest.raises(ProjectActionError, match="是本项目的招商责任单位"):
        verify_milestone(m, unit=world.unit_a, actor=world.staff_a, source="test")
    m.refresh_from_db()
    assert m.verified_by_id is None
    with pytest.raises(ProjectActionError, match="未隶属任何单位"):  # a user of no unit signs for none
        verify_milestone(m, unit=world.bureau, actor=world.coordinator, source="test")
    world.staff_a.unit = world.unit_a
    world.staff_a.save()
    with pytest.raises(ProjectActionError, match="只能以本人所属单位的名义核验"):
        verify_milestone(m, unit=world.bureau, actor=world.staff_a, source="test")
    world.coordinator.unit = world.bureau
    world.coordinator.save()
    verify_milestone(m, unit=world.bureau, actor=world.coordinator, source="test")
    assert rates(table([world.zone_a], method), method, year=2024).value("开工率", zone) == 2 / 2
    assert (
        AuditEntry.objects.filter(model="projects.Milestone", action="update", object_pk=str(m.pk)).count()
        == 1
    )
    with pytest.raises(ProjectActionError, match="已由"):
        verify_milestone(m, unit=world.bureau, actor=world.coordinator, source="test")


def test_the_coordinator_imports_a_ledger_in_the_browser_form_whole_or_not_at_all(world: World) -> None:
    client = world.client_for(world.coordinator)
    page = client.get("/projects/imports/").content.decode()
    assert "上传项目台账" in page and world.zone_a.name in page
    bad = xlsx([project("P1", 签约日期="去年"), project("P1")], name="坏台账.xlsx")
    refused = client.post("/projects/imports/upload/",
                          {"zone": world.zone_a.pk, "file": SimpleUploadedFile(bad.name, bad.content)})  # fmt: skip
    text = refused.content.decode()
    assert refused.status_code == 422
    assert "坏台账.xlsx" in text and "项目编号 P1 与第 2 行重复" in text and "“签约日期”应为日期" in text
    assert Project.objects.count() == 0
    done = client.post("/projects/imports/upload/",
                       {"zone": world.zone_a.pk, "file": SimpleUploadedFile(GOOD.name, GOOD.content)})  # fmt: skip
    assert done.status_code == 302 and done["Location"] == f"/projects/zones/{world.zone_a.pk}/"
    assert Project.objects.filter(zone=world.zone_a).count() == 2
    assert "项目台账.xlsx" in client.get("/projects/imports/").content.decode()
    # zone A's staff may not import into zone B: zone B is not offered, and a forged post is refused
    staff = world.client_for(world.staff_a)
    assert world.zone_b.name not in staff.get("/projects/imports/").content.decode()
    forged = staff.post("/projects/imports/upload/",
                        {"zone": world.zone_b.pk, "file": SimpleUploadedFile(GOOD.name, GOOD.content)})  # fmt: skip
    assert forged.status_code in (200, 403, 422) and not Project.objects.filter(zone=world.zone_b).exists()


def test_the_counts_and_rates_become_indicator_observations_a_plan_target_tracks(world: World) -> None:
    from devzone.indicators.models import Observation  # noqa: PLC0415
    from devzone.indicators.tests.factories import catalogue  # noqa: PLC0415
    from devzone.projects.actions.observations import record_figures  # noqa: PLC0415

    catalogue()
    import_projects(zone=world.zone_a, upload=GOOD, actor=world.staff_a, source="test")
    method = resolve("lyg-seed")
    done = record_figures([2024], method=method, actor=None, source="test", zones=[world.zone_a])
    got = dict(
        Observation.objects.filter(zone=world.zone_a, period="2024", is_current=True).values_list(
            "indicator__code", "value"
        )
    )
    # P1 (120 亿, signed and started in 2024) counts in both tiers; 1 of 2 started: 开工率 50 %
    assert got["projects_10bn_introduced"] == 1 and got["projects_5bn_introduced"] == 1
    assert got["construction_start_rate"] == 50.0
    assert done.written == 0 and done.unchanged == len(got) == 6  # the import already wrote them


def test_an_import_and_a_verification_keep_the_observations_up_to_date(world: World) -> None:
    from devzone.indicators.models import Observation  # noqa: PLC0415
    from devzone.indicators.tests.factories import catalogue  # noqa: PLC0415

    catalogue()
    import_projects(zone=world.zone_a, upload=GOOD, actor=world.staff_a, source="test")

    def started() -> float:
        return Observation.objects.get(zone=world.zone_a, period="2024", is_current=True,
                                       indicator__code="construction_start_rate").value  # fmt: skip

    assert started() == 50.0
    m = add_milestone(Project.objects.get(code="P2"), stage="开工", reached_on=date(2024, 8, 1), evidence="入库",
                      actor=world.staff_a, source="test")  # fmt: skip
    world.coordinator.unit = world.bureau
    world.coordinator.save()
    verify_milestone(m, unit=world.bureau, actor=world.coordinator, source="test")
    assert started() == 100.0
