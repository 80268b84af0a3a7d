"""The ranking workbook and the report, re-opened and read."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from devzone.assessment.tests.conftest import Assessed
from devzone.assessment.tests.factories import zone_b_run


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
    assert len(doc.inline_shapes) == 2  # score chart and rank-interval chart (PNG)
    ranking = doc.tables[0]
    assert [c.text for c in ranking.rows[1].cells][:3] == ["1", w.zone_b.name, "100.0"]
    outcomes = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert [w.zone_a.name, "约谈整改", "是", "2023年第1名；2024年第2名；2025年第3名"] in outcomes
    method = {r.cells[0].text: r.cells[1].text for r in doc.tables[2].rows}
    assert method["框架 sha256"] == assessed.run.framework_sha256
    assert method["数据快照 sha256"] == assessed.run.data_sha256
    assert method["标准化方法"] == "minmax"
    assert method["合成方法"] == "arithmetic"
    tree = [[c.text for c in r.cells] for r in doc.tables[3].rows]
    assert ["1", "ECO", "经济发展", "", "default: 60", "default: 60.0%"] in tree
    assert ["2", "energy", "　单位GDP能耗", "逆向", "default: 1", "default: 50.0%"] in tree


def test_exports_of_another_zones_run_are_refused(assessed: Assessed) -> None:
    w = assessed.world
    run = zone_b_run(w)
    client = w.client_for(w.staff_a)
    assert client.get(f"/assessment/runs/{run.pk}/ranking.xlsx").status_code == 404
    assert client.get(f"/assessment/runs/{run.pk}/report.docx").status_code == 404
