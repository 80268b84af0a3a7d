"""Build ``zhaoshang_table.docx``: a plan whose tasks sit in a 任务分工表 table (written for devzone tests).

Run: ``.venv/bin/python src/devzone/plans/tests/gold/make_docx.py`` — rewrites the .docx next to this file.
The text is fixed here so the document is reproducible; ``zhaoshang_table.gold.json`` annotates it.
Core properties and zip member times are fixed, so two runs write identical bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parent / "zhaoshang_table.docx"

BEFORE = (
    "××经济开发区2023年招商引资攻坚行动方案",
    "为深入实施“项目为王”战略，全力推动招商引资攻坚，推进项目早签约、早落地、早投产，制定本方案。",
    "一、目标任务",
    "2023年，全区新签约项目80个以上，其中亿元以上项目40个；新开工项目50个，完成固定资产投资120亿元，"
    "增长15%以上；新增规上工业企业20家。",
    "二、任务分工",
    "各项重点任务的牵头单位、配合单位和完成时限见下表。",
)

HEADER = ("序号", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限")

ROWS = (
    (
        "1",
        "产业链精准招商",
        "编制主导产业链招商图谱，明确目标企业清单，每年引进亿元以上产业项目不少于30个，其中10亿元以上项目5个以上。",
        "投资促进局",
        "经发局、科技局",
        "每年",
    ),
    (
        "2",
        "产业链精准招商",
        "完成新能源汽车、生物医药两条产业链招商图谱编制并动态更新。",
        "投资促进局",
        "经发局",
        "2023年6月底前",
    ),
    (
        "3",
        "项目全周期管理",
        "建立签约、入园、开工、投产全流程台账，签约项目履约率达到85%以上，当年签约项目开工率不低于60%。",
        "经发局",
        "投资促进局、规划建设局",
        "2023年12月底前",
    ),
    (
        "4",
        "项目全周期管理",
        "在投资协议中明确亩均投资强度、容积率、亩均税收等控制性指标，新签约工业项目亩均投资强度不低于300万元/亩。",
        "自然资源分局",
        "投资促进局、经发局",
        "长期坚持",
    ),
    (
        "5",
        "招商队伍建设",
        "组建4支产业链专业招商小分队，每季度开展外出招商活动不少于2次。",
        "党政办公室",
        "投资促进局",
        "每季度",
    ),
    (
        "6",
        "招商激励",
        "出台招商引资激励办法，对引进固定资产投资5亿元以上项目的中介机构和个人给予最高100万元奖励。",
        "财政局",
        "投资促进局",
        "2023年底前",
    ),
    (
        "7",
        "外资外贸",
        "全年实际使用外资达到1.5亿美元，外贸进出口总额增长10%。",
        "经发局",
        "海关办事处、税务分局",
        "2023年12月底前",
    ),
    (
        "8",
        "外资外贸",
        "组织企业参加进博会、广交会等重点展会，拓展国际市场。",
        "经发局",
        "投资促进局",
        "持续推进",
    ),
)

AFTER = (
    "三、保障措施",
    "（一）建立调度机制。每月召开一次招商项目调度会，通报项目推进情况。（投资促进局负责）",
    "（二）强化考核激励。将招商引资完成情况纳入部门年度考核，考核结果与绩效奖励挂钩。（党政办公室牵头，投资促进局配合）",
)


def build(path: Path) -> None:
    """Write the document: paragraphs, the 任务分工表 table, paragraphs."""
    document = Document()
    for text in BEFORE:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for text in AFTER:
        document.add_paragraph(text)
    fixed = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    document.core_properties.created = fixed
    document.core_properties.modified = fixed
    document.core_properties.author = "devzone tests"
    document.core_properties.last_modified_by = "devzone tests"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """Re-pack the .docx zip with a fixed timestamp on every member so the bytes are reproducible."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2023, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    build(OUT)
