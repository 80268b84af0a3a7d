"""The ranking workbook and the report, re-opened and read."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from openpyxl import load_workbook

from devzone.assessment.actions import SHIPPED_DIR
from devzone.assessment.framework import parse_framework
from devzone.assessment.models import AssessmentRun
from devzone.assessment.report import Report, assessment_report
from devzone.assessment.tests.conftest import Assessed
from devzone.assessment.tests.factories import zone_b_run
from devzone.core.citations import assumptions_of, citations_of, record


def _tables(doc: Any) -> dict[str, Any]:
    """The report's tables by the text of their first header cell."""
    return {t.rows[0].cells[0].text: t for t in doc.tables}


def test_ranking_xlsx_holds_the_ranking(assessed: Assessed) -> None:
    w = assessed.world
    response = w.client_for(w.coordinator).get(f"/assessment/runs/{assessed.run.pk}/ranking.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["排名"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][:7] == ["排名", "开发区", "综合得分", "上年排名", "位次变化", "进退位", "连续"]
    assert rows[0][7:9] == ["经济发展排名", "科技创新排名"]
    assert [r[:7] for r in rows[1:]] == [
        [1, w.zone_b.name, 100.0, 1, 0, "— 持平", 0],
        [2, assessed.zone_c.name, 50.0, 3, 1, "↑ 进位 1", 1],
        [3, w.zone_a.name, 0.0, 2, -1, "↓ 退位 1", -2],
    ]
    info = {r[0].value: r[1].value for r in wb["说明"].iter_rows()}
    assert info["框架 sha256"] == assessed.run.framework_sha256
    assert info["数据 sha256"] == assessed.run.data_sha256
    assert info["随机种子"] == 7


def test_zone_staff_xlsx_has_only_their_row(assessed: Assessed) -> None:
    w = assessed.world
    response = w.client_for(w.staff_a).get(f"/assessment/runs/{assessed.run.pk}/ranking.xlsx")
    ws = load_workbook(io.BytesIO(response.content))["排名"]
    assert [r[1].value for r in ws.iter_rows(min_row=2)] == [w.zone_a.name]


def test_report_docx_has_ranking_charts_outcomes_and_method_appendix(assessed: Assessed) -> None:
    w = assessed.world
    response = w.client_for(w.coordinator).get(f"/assessment/runs/{assessed.run.pk}/report.docx")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2025年度开发区综合考评报告" in text
    assert "附录 方法说明" in text
    assert len(doc.inline_shapes) == 2  # score chart and rank-interval chart (PNG); the ranks never move
    assert "各次抽样的排名都没有变化，敏感度指数无定义。" in text
    tables = _tables(doc)
    ranking = tables["排名"]
    assert [c.text for c in ranking.rows[1].cells][:3] == ["1", w.zone_b.name, "100"]
    outcomes = [[c.text for c in r.cells] for r in tables["开发区"].rows]
    assert [w.zone_a.name, "约谈整改", "是", "2023年第1名；2024年第2名；2025年第3名"] in outcomes
    method = {r.cells[0].text: r.cells[1].text for r in tables["项目"].rows}
    assert method["框架 sha256"] == assessed.run.framework_sha256
    assert method["数据快照 sha256"] == assessed.run.data_sha256
    assert method["标准化方法"] == "最小—最大值标准化"
    assert method["合成方法"] == "加权算术平均"
    tree = [[c.text for c in r.cells] for r in tables["层级"].rows]
    assert ["1", "经济发展", "", "默认 60", "默认 60.0%"] in tree
    assert ["2", "　单位GDP能耗", "逆向", "默认 1", "默认 50.0%"] in tree


def test_report_cites_the_shipped_framework_by_document_and_states_its_assumptions() -> None:
    fw = parse_framework(
        (SHIPPED_DIR / "jiangsu_2021.yaml").read_text(encoding="utf-8"), source="jiangsu_2021.yaml"
    )
    summary = {"sources": [record(c) for c in fw.sources], "assumptions": [record(a) for a in fw.assumptions]}
    report = Report(
        title="2025年度开发区综合考评报告", year=2025, framework=fw.name, framework_code=fw.id,
        framework_sha256=fw.sha256, data_sha256="0" * 64, engine_version="1", samples=0, seed=None, categories=(),
        rows=(), sources=citations_of(summary["sources"]), assumptions=assumptions_of(summary["assumptions"]),
    )  # fmt: skip
    doc = Document(io.BytesIO(assessment_report(report)))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "苏政办发〔2021〕10号（江苏省人民政府办公厅，2021年2月26日）" in text
    assert "假设：“持续进位”指连续2年进位。理由：行动方案未量化“持续”。" in text
    for developer_text in ("http", "ASSUMED", "spec", "§", "dingqianjf", "region3"):
        assert developer_text not in text, developer_text


def test_exports_of_another_zones_run_are_refused(assessed: Assessed) -> None:
    w = assessed.world
    run = zone_b_run(w)
    client = w.client_for(w.staff_a)
    assert client.get(f"/assessment/runs/{run.pk}/ranking.xlsx").status_code == 404
    assert client.get(f"/assessment/runs/{run.pk}/report.docx").status_code == 404


def test_ranking_xlsx_has_a_sheet_per_category_with_indicator_ranks(crossed: Assessed) -> None:
    w = crossed.world
    response = w.client_for(w.coordinator).get(f"/assessment/runs/{crossed.run.pk}/ranking.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["排名", "经济发展", "科技创新", "权重敏感度", "说明"]
    rows = [[c.value for c in r] for r in wb["科技创新"].iter_rows()]
    assert rows == [
        ["排名", "开发区", "得分", "上年排名", "位次变化", "高新技术企业数原始值", "高新技术企业数排名"],
        [1, w.zone_b.name, 100.0, 3, 2, 100.0, 1],
        [2, w.zone_a.name, 20.0, 1, -1, 20.0, 2],
        [3, crossed.zone_c.name, 0.0, 2, -1, 0.0, 3],
    ]
    eco = [[c.value for c in r] for r in wb["经济发展"].iter_rows(min_row=2)]
    assert eco == [
        [1, w.zone_a.name, 100.0, 2, 1, 100.0, 1],
        [2, crossed.zone_c.name, 0.0, 3, 1, 0.0, 2],
        [2, w.zone_b.name, 0.0, 1, -1, 0.0, 2],
    ]
    sens = [[c.value for c in r] for r in wb["权重敏感度"].iter_rows()]
    assert sens[0] == ["因素", "S1（一阶）", "ST（总效应）", "S1 置信半宽", "ST 置信半宽"]
    assert [r[0] for r in sens[1:3]] == ["权重：经济发展", "权重：科技创新"]
    assert abs(sens[1][2] - 64 / 81) < 0.03 and abs(sens[2][2] - 56 / 81) < 0.03
    info = {r[0].value: r[1].value for r in wb["说明"].iter_rows()}
    assert info["权重敏感度（Sobol）"] == "见“权重敏感度”表"


def test_zone_staff_category_sheets_have_only_their_row(crossed: Assessed) -> None:
    w = crossed.world
    response = w.client_for(w.staff_a).get(f"/assessment/runs/{crossed.run.pk}/ranking.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    for title in ("排名", "经济发展", "科技创新"):
        assert [r[1].value for r in wb[title].iter_rows(min_row=2)] == [w.zone_a.name]


def test_report_docx_has_the_sensitivity_chart_and_table(crossed: Assessed) -> None:
    w = crossed.world
    response = w.client_for(w.coordinator).get(f"/assessment/runs/{crossed.run.pk}/report.docx")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "图 3 权重敏感度（按总效应排序）" in text
    assert "S1（一阶指数）：只让这一项权重变动时" in text
    assert len(doc.inline_shapes) == 3
    sens = [[c.text for c in r.cells] for r in _tables(doc)["因素"].rows]
    assert [r[0] for r in sens[1:]] == ["权重：经济发展", "权重：科技创新"]


def test_report_of_a_run_without_sensitivity_says_not_computed(crossed: Assessed) -> None:
    w = crossed.world
    AssessmentRun.objects.filter(pk=crossed.run.pk).update(sensitivity=None)
    response = w.client_for(w.coordinator).get(f"/assessment/runs/{crossed.run.pk}/report.docx")
    doc = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in doc.paragraphs]
    i = next(k for k, p in enumerate(paragraphs) if p.endswith("）权重敏感度（Sobol）：哪些权重最能改变排名"))
    assert paragraphs[i + 1] == "未计算"
    assert "因素" not in _tables(doc)
    wb = load_workbook(
        io.BytesIO(w.client_for(w.coordinator).get(f"/assessment/runs/{crossed.run.pk}/ranking.xlsx").content)
    )
    assert "权重敏感度" not in wb.sheetnames
