from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from devzone.plans.exports import HEADER, write_docx, write_xlsx
from devzone.plans.parse import parse_text

PLAN = """二、主要任务
(一)体制机制优化工程
1.规范职能定位。20xx年9月底前理顺关系。(牵头单位:市委编办;配合单位:各县区、功能板块)
2.优化管理架构。机构比例不低于60%。(责任单位:市商务局(自贸办))
(二)产业集聚发展工程
打造特色产业园区。上市公司总数达到16家。(责任单位:市工信局、市地方金融局)
提升产业链竞争力。推动协同发展。(责任单位:市工信局)
"""


def test_xlsx_breakdown_table(tmp_path: Path) -> None:
    path = tmp_path / "任务分工表.xlsx"
    write_xlsx(parse_text(PLAN), path)
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert ws["A1"].value == "任务分工表"  # the title line, then the table
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert rows[0] == list(HEADER)
    assert rows[1][0] == "二、主要任务"
    assert rows[2][0] == "(一)体制机制优化工程"
    assert rows[3][:6] == [
        "2.1.1",
        "规范职能定位",
        rows[3][2],
        "市委编办",
        "各县区、功能板块",
        "20xx年9月底前",
    ]
    assert rows[3][2].startswith("规范职能定位。20xx年9月底前理顺关系。")
    assert rows[4][3] == "市商务局（自贸办）"
    assert rows[4][6] == "机构比例≥60%"
    assert rows[5][0] == "(二)产业集聚发展工程"
    assert rows[6][:5] == ["2.2.1", "打造特色产业园区", rows[6][2], "市工信局", "市地方金融局"]
    assert rows[7][:2] == ["2.2.2", "提升产业链竞争力"]
    assert len(rows) == 8
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A3:G3", "A4:G4", "A7:G7"} <= merged
    assert (ws.auto_filter.ref, ws.freeze_panes, ws.page_setup.orientation) == ("A2:G9", "A3", "landscape")


def test_docx_breakdown_table(tmp_path: Path) -> None:
    path = tmp_path / "任务分工表.docx"
    write_docx(parse_text(PLAN), path)
    table = docx.Document(str(path)).tables[0]
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert texts[0] == list(HEADER)
    assert texts[1] == ["二、主要任务"] * 7  # merged group row repeats across cells
    assert texts[2] == ["(一)体制机制优化工程"] * 7
    assert texts[3][:2] == ["2.1.1", "规范职能定位"]
    assert texts[3][3:6] == ["市委编办", "各县区、功能板块", "20xx年9月底前"]
    assert texts[6][3:5] == ["市工信局", "市地方金融局"]
    assert len(texts) == 8
