from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from devzone.plans.parse import parse_bytes, parse_file, parse_text, to_json
from devzone.plans.schema import PlanParseError

PLAN = """高新区行动方案
一、总体要求
(一)发展目标
到2025年,高新区营业收入突破1500亿元。
二、主要任务
(一)体制机制优化工程
1.规范职能定位。20xx年9月底前理顺关系。(责任单位:各县区、功能板块,市委编办)
2.规范内部架构。机构比例不低于60%。(责任单位:市委编办)
(二)产业集聚工程
打造特色产业园区。根据产业发展需要推进调整。(责任单位:市工信局)
提升产业链竞争力。“十四五”末上市公司总数达到16家。(责任单位:市工信局、市地方金融局)
三、保障措施
加强组织领导。每年召开一次推进会。
"""


def test_sections_tasks_and_paths() -> None:
    doc = parse_text(PLAN, source="p.txt")
    (plan,) = doc.plans
    assert plan.title == "高新区行动方案"
    assert [(s.number, s.title, s.level) for s in plan.sections] == [
        ("一", "总体要求", 1),
        ("二", "主要任务", 1),
        ("三", "保障措施", 1),
    ]
    assert [(c.number, c.title, c.level) for c in plan.sections[1].children] == [
        ("一", "体制机制优化工程", 2),
        ("二", "产业集聚工程", 2),
    ]
    assert [(t.id, t.heading) for t in plan.tasks] == [
        ("2.1.1", "规范职能定位"),
        ("2.1.2", "规范内部架构"),
        ("2.2.1", "打造特色产业园区"),
        ("2.2.2", "提升产业链竞争力"),
        ("3.1", "加强组织领导"),
    ]
    assert plan.tasks[0].section_path == ("二、主要任务", "(一)体制机制优化工程")


def test_task_owners_deadlines_targets() -> None:
    plan = parse_text(PLAN).plans[0]
    first = plan.tasks[0]
    assert [(o.name, o.role) for o in first.owners] == [
        ("各县区", "lead"),
        ("功能板块", "support"),
        ("市委编办", "support"),
    ]
    assert [(d.text, d.year, d.month) for d in first.deadlines] == [("20xx年9月底前", None, 9)]
    assert [(t.kind, t.op, t.value, t.unit) for t in plan.tasks[1].targets] == [("share", ">=", 60.0, "%")]
    assert [(d.year, d.month) for d in plan.tasks[3].deadlines] == [(2025, None)]
    assert [(d.recurring) for d in plan.tasks[4].deadlines] == [True]
    assert plan.tasks[4].owners == ()


def test_goal_targets_belong_to_plan_not_tasks() -> None:
    plan = parse_text(PLAN).plans[0]
    assert [(t.indicator, t.value, t.by_year) for t in plan.targets][:1] == [("营业收入", 1500.0, 2025)]
    assert all(t.span[0] > plan.sections[1].span[0] for task in plan.tasks for t in task.targets)


def test_spans_point_into_text() -> None:
    doc = parse_text(PLAN)
    task = doc.plans[0].tasks[0]
    assert doc.text[task.span[0] : task.span[1]].startswith("规范职能定位。")
    for owner in task.owners:
        assert doc.text[owner.span[0] : owner.span[1]] == owner.name
    deadline = task.deadlines[0]
    assert doc.text[deadline.span[0] : deadline.span[1]] == "20xx年9月底前"


def test_several_plans_split_on_volume_lines() -> None:
    text = "方案范文 篇一\n一、主要任务\n1.甲任务。\n方案范文 篇二\n一、主要任务\n1.乙任务。\n"
    doc = parse_text(text)
    assert [p.title for p in doc.plans] == ["方案范文 篇一", "方案范文 篇二"]
    assert [[t.heading for t in p.tasks] for p in doc.plans] == [["甲任务"], ["乙任务"]]


def test_owner_line_after_item_and_inline_heading_items() -> None:
    text = "一、强化招商\n(一)推行平台招商。搭建对接平台。\n责任单位:区投资促进局\n(二)推行窗口招商。出台政策。\n责任单位:区投资促进局,区财政局\n"
    plan = parse_text(text).plans[0]
    assert [(t.id, [(o.name, o.role) for o in t.owners]) for t in plan.tasks] == [
        ("1.1", [("区投资促进局", "lead")]),
        ("1.2", [("区投资促进局", "lead"), ("区财政局", "support")]),
    ]


def test_empty_and_headingless_text() -> None:
    assert parse_text("").plans == ()
    plan = parse_text("只是一段说明文字。").plans[0]
    assert plan.tasks == ()


def test_to_json_shape() -> None:
    j = to_json(parse_text(PLAN, source="p.txt"))
    assert j["schema"] == "devzone.plan/1"
    task = j["plans"][0]["tasks"][0]
    assert set(task) == {
        "id",
        "section_path",
        "heading",
        "text",
        "span",
        "owners",
        "deadlines",
        "targets",
        "flags",
    }
    assert task["owners"][0] == {
        "name": "各县区",
        "role": "lead",
        "group": True,
        "span": task["owners"][0]["span"],
    }
    assert task["deadlines"][0]["month"] == 9
    target = j["plans"][0]["targets"][0]
    assert set(target) == {"text", "subject", "indicator", "kind", "op", "value", "unit", "by", "span"}
    assert target["by"] == {"year": 2025, "text": "到2025年"}


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("招商引资行动方案")
    d.add_paragraph("一、任务分工")
    table = d.add_table(rows=3, cols=6)
    header = ["序号", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限"]
    rows = [
        ["1", "产业链招商", "编制招商图谱", "投资促进局", "经发局、科技局", "2023年6月底前"],
        ["2", "项目管理", "建立全流程台账", "经发局", "投资促进局", "2023年12月底前"],
    ]
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        cell.text = value
    for r, values in enumerate(rows, start=1):
        for cell, value in zip(table.rows[r].cells, values, strict=True):
            cell.text = value
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_table_rows_become_tasks(tmp_path: Path) -> None:
    path = tmp_path / "方案.docx"
    path.write_bytes(_docx_bytes())
    plan = parse_file(path).plans[0]
    assert plan.title == "招商引资行动方案"
    assert [
        (t.heading, [(o.name, o.role) for o in t.owners], [(d.year, d.month) for d in t.deadlines])
        for t in plan.tasks
    ] == [
        ("产业链招商", [("投资促进局", "lead"), ("经发局", "support"), ("科技局", "support")], [(2023, 6)]),
        ("项目管理", [("经发局", "lead"), ("投资促进局", "support")], [(2023, 12)]),
    ]


def test_gbk_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode("gbk"))
    assert len(parse_file(path).plans[0].tasks) == 5


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.docx", b"plain text", r"^a\.docx：不是有效的 Office Open XML 文件"),
        ("b.docx", _docx_bytes()[:300], r"^b\.docx：文件已损坏，无法打开"),
        ("c.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, r"^c\.doc：LibreOffice 无法打开此文件"),
        ("d.txt", b"\xff\xfe\xfd\x80\x80", r"^d\.txt：不是有效的 utf-16 文本"),
    ],
)
def test_bad_files_raise_named_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlanParseError, match=message):
        parse_file(path)


def test_missing_file() -> None:
    with pytest.raises(PlanParseError, match=r"^nope\.txt：无法读取文件"):
        parse_file("/nonexistent/nope.txt")


def test_zip_without_document_xml() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "x")
    with pytest.raises(PlanParseError, match=r"^e\.docx：不是 Word 文档（缺少正文 word/document\.xml"):
        parse_bytes(buf.getvalue(), source="e.docx")


def test_chapters_articles_and_owner_lines() -> None:
    text = (
        "一、重点任务\n"
        "1.推进改革。完善机制。（责任单位：市发改委（牵头）、市财政局；完成时限：2023年9月）\n"
        "2.强化保障。加强资金保障。\n牵头单位：市财政局\n配合单位：市发改委\n完成时限：每年\n"
        "第三章 保障措施\n"
        "第十条 加强组织领导。各部门一是加强领导；二是压实责任。（市委办公室负责）\n"
    )
    plan = parse_text(text).plans[0]
    assert [
        (
            t.id,
            t.heading,
            [(o.name, o.role) for o in t.owners],
            [(d.year, d.month, d.recurring) for d in t.deadlines],
        )
        for t in plan.tasks
    ] == [
        ("1.1", "推进改革", [("市发改委", "lead"), ("市财政局", "support")], [(2023, 9, False)]),
        ("1.2", "强化保障", [("市财政局", "lead"), ("市发改委", "support")], [(None, None, True)]),
        ("3.10", "加强组织领导", [("市委办公室", "lead")], []),
    ]
    assert plan.tasks[2].section_path == ("第三章 保障措施",)


def _numbered_docx() -> bytes:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.append(parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{lvl_xml}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    rows = [
        ("主要任务", 0),
        ("体制机制", 1),
        ("规范职能定位。理顺关系。（责任单位：市委编办）", 2),
        ("优化管理架构。完善机制。（责任单位：市财政局、各县区）", 2),
        ("保障措施", 0),
    ]
    for text, level in rows:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_automatic_list_numbers_become_headings() -> None:
    doc = parse_bytes(_numbered_docx(), source="n.docx")
    assert doc.text.splitlines()[:3] == [
        "一、主要任务",
        "(一)体制机制",
        "1.规范职能定位。理顺关系。（责任单位：市委编办）",
    ]
    plan = doc.plans[0]
    assert [(t.id, t.heading, t.section_path, [o.name for o in t.owners]) for t in plan.tasks] == [
        ("1.1.1", "规范职能定位", ("一、主要任务", "(一)体制机制"), ["市委编办"]),
        ("1.1.2", "优化管理架构", ("一、主要任务", "(一)体制机制"), ["市财政局", "各县区"]),
    ]


PASTED_LIST = (
    "××区2024年优化营商环境重点任务清单\n\n"
    "序号\t任务\t牵头单位\t配合单位\t完成时限\n"
    "一、政务服务提质（共2项）\n"
    "1\t推行企业开办一日办结，网上可办率达到98%以上\t区行政审批局\t区市场监管局、区税务局\t2024年6月\n"
    "2    深化一网通办，年内集成服务事项20项以上    区行政审批局    —    长期\n"
    "二、组织保障有力（共1项）\n"
    "3\t将营商环境纳入年度考核\t区委组织部、区考核办\t—\t每季度\n"
    "\n"
    "说明：完成时限为“每月”“每年”的任务，按期报送进展。\n\n"
    "各牵头单位要把优化营商环境作为“一把手”工程，主要负责同志亲自抓。\n"
)


def test_pasted_task_list_rows_are_tasks_with_cell_owners_and_deadlines() -> None:
    (plan,) = parse_text(PASTED_LIST, source="list.txt").plans
    assert [t.heading for t in plan.tasks] == [
        "推行企业开办一日办结，网上可办率达到98%以上",
        "深化一网通办，年内集成服务事项20项以上",
        "将营商环境纳入年度考核",
    ]
    assert [[(o.name, o.role) for o in t.owners] for t in plan.tasks] == [
        [("区行政审批局", "lead"), ("区市场监管局", "support"), ("区税务局", "support")],
        [("区行政审批局", "lead")],
        [("区委组织部", "lead"), ("区考核办", "lead")],
    ]
    # "年内" takes the year of the list's heading line (the plan's year), marked as inferred
    assert [[(d.year, d.month, d.recurring) for d in t.deadlines] for t in plan.tasks] == [
        [(2024, 6, False)],
        [(2024, 12, False)],
        [(None, None, True)],
    ]
    assert plan.tasks[1].deadlines[0].year_inferred
    # targets come from the task cells; "(共2项)" and the closing paragraph give none
    assert [(t.op, t.value, t.unit) for t in plan.targets] == [(">=", 98.0, "%"), (">=", 20.0, "项")]


def test_note_paragraph_is_not_a_task() -> None:
    text = "二、主要任务\n1.甲任务。（责任单位：市财政局）\n注：本表由市发改委负责解释。\n"
    (plan,) = parse_text(text, source="n.txt").plans
    assert [t.heading for t in plan.tasks] == ["甲任务"]


def test_pasted_list_with_dotted_numbers_and_a_responsibility_column() -> None:
    text = (
        "某区2024年招商引资重点任务分工\n"
        "序号  重点任务  责任单位  完成时间\n"
        "1.  新引进亿元以上项目30个以上  区投促局、区发改局  2024年12月\n"
        "2.  开展驻点招商活动  区投促局  每季度\n"
    )
    (plan,) = parse_text(text, source="t.txt").plans
    assert [(t.heading, [(o.name, o.role) for o in t.owners]) for t in plan.tasks] == [
        ("新引进亿元以上项目30个以上", [("区投促局", "lead"), ("区发改局", "support")]),
        ("开展驻点招商活动", [("区投促局", "lead")]),
    ]
    assert [[(d.year, d.month, d.recurring) for d in t.deadlines] for t in plan.tasks] == [
        [(2024, 12, False)],
        [(None, None, True)],
    ]


def test_time_limit_in_bracket_and_note_after_last_item() -> None:
    text = (
        "一、重点任务\n"
        "1.推动上市。入库企业达到30家。（责任单位：园区金融办（牵头）；完成时限：每季度调度，2025年12月）\n"
        "2.加强党建。深化党建品牌建设。（责任单位：园区党群部（牵头）、各街道；完成时限：长期）\n"
        "说明：各责任单位于每季度结束后5日内报送进展。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(d.year, d.month, d.recurring) for d in t.deadlines] for t in tasks] == [
        [(None, None, True), (2025, 12, False)],
        [],
    ]
    assert "说明" not in tasks[-1].text


def test_flags_name_what_the_reviewer_checks_first() -> None:
    # an item with no owner and a month whose year the plan does not give
    text = "二、主要任务\n1.甲任务。9月底前完成。\n2.乙任务。(责任单位:市财政局)\n"
    first, second = parse_text(text).plans[0].tasks
    assert first.flags == ("no_owner", "unresolved_date")
    assert second.flags == ()
    assert to_json(parse_text(text))["plans"][0]["tasks"][0]["flags"] == ["no_owner", "unresolved_date"]


def test_unread_column_flag() -> None:
    text = "序号\t任务\t责任单位\t推进方式\n1\t建设平台\t市科技局\t专班\n"
    (task,) = parse_text(text).plans[0].tasks
    assert task.flags == ("unread_column",)


def test_month_only_deadline_takes_the_plan_year() -> None:
    # the title's year, else the 文号's, else the document date; a redacted 20xx stays open
    titled = parse_text(
        "2016年民生实事目标任务分解方案\n一、主要任务\n1.建成中心。12月底前。(县民政局负责)\n"
    )
    (d,) = titled.plans[0].tasks[0].deadlines
    assert (d.year, d.month, d.year_inferred) == (2016, 12, True)
    numbered = parse_text("竹府办〔2016〕20号\n一、主要任务\n1.建成中心。年底前。(县民政局负责)\n")
    assert [(d.year, d.month) for d in numbered.plans[0].tasks[0].deadlines] == [(2016, 12)]
    redacted = parse_text("2016年工作方案\n一、主要任务\n1.建成中心。20xx年9月底前。(县民政局负责)\n")
    assert [(d.year, d.year_inferred) for d in redacted.plans[0].tasks[0].deadlines] == [(None, False)]


def test_indented_items_under_a_year_titled_chapter_with_division_of_work_lines() -> None:
    # 广东 分工方案: "一、2021年…目标" is a chapter, items indented, a person line and a 部门分工 line
    text = (
        "一、2021年经济社会发展主要预期目标\n\n  1.地区生产总值增长6%以上。\n\n  分管省领导:林克庆\n\n"
        "  部门分工:省发展改革委牵头,各地、各部门配合。\n"
    )
    (task,) = parse_text(text).plans[0].tasks
    assert task.heading == "地区生产总值增长6%以上"
    assert [(o.name, o.role) for o in task.owners] == [
        ("省发展改革委", "lead"),
        ("各地", "support"),
        ("各部门", "support"),
    ]
    assert [(t.kind, t.value) for t in task.targets] == [("growth", 6.0)]


def test_a_standing_owner_note_owns_this_task_and_every_later_one() -> None:
    text = (
        "二、主要任务\n1.建立体系。(责任部门:市大数据局。以下任务均需各县(市、区)落实,不再列出)\n"
        "2.构建规范。(市工信局负责)\n"
    )
    first, second = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in first.owners] == [("市大数据局", "lead"), ("各县（市、区）", "support")]
    assert [(o.name, o.role) for o in second.owners] == [("市工信局", "lead"), ("各县（市、区）", "support")]


def test_a_notice_sign_off_and_page_fields_are_no_tasks() -> None:
    text = (
        "发布机构: 区政府(办公室)\n一、报送进展\n各单位每季度报送进展。\n蔡甸区人民政府办公室\n2023年1月3日\n"
    )
    assert [t.text for t in parse_text(text).plans[0].tasks] == ["报送进展\n各单位每季度报送进展。"]


def test_items_numbered_with_one_character_markers_run_together_on_one_line() -> None:
    text = "二、主要措施\n⑴推进项目投资。计划开工22个项目。⑵培育企业。全年17家企业入库。\n"
    tasks = parse_text(text).plans[0].tasks
    assert [t.heading for t in tasks] == ["推进项目投资", "培育企业"]


def test_a_chapter_over_plain_paragraphs_is_one_item() -> None:
    # 安排意见: "一、确定专职招商人员" over a paragraph that carries its numbers is one task
    text = "一、确定专职招商人员\n2009年,各部门要实现当年开工项目31项,签约项目53项。\n二、做好考核工作\n市经委要组织协调。\n"
    tasks = parse_text(text).plans[0].tasks
    assert [t.heading for t in tasks] == ["确定专职招商人员", "做好考核工作"]
    assert [x.value for x in tasks[0].targets] == [31.0, 53.0]


def test_measures_written_one_after_another_each_closed_by_its_owners() -> None:
    # 国务院 分工意见: "…效应。(A牵头,B等按职责分工负责)实施…政策。(C牵头,D按职责分工负责)"
    text = (
        "(五)释放创业创新潜能。\n"
        "发挥乘数效应。(发展改革委牵头,科技部等按职责分工负责)实施更积极的人才引进政策。"
        "(外专局牵头,外交部按职责分工负责)\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("发展改革委", "lead"), ("科技部", "support")],
        [("外专局", "lead"), ("外交部", "support")],
    ]


def test_next_year_counts_from_the_date_the_document_was_issued() -> None:
    # signed 2022-12-27 for the 2023 plan: "明年7月份建成" is July 2023, not 2024
    text = "2023年重点任务分解\n2022年12月27日\n一、主要任务\n1.确保仓储物流区明年7月份建成。(区商务局负责)\n"
    (d,) = parse_text(text).plans[0].tasks[0].deadlines
    assert (d.year, d.month, d.year_inferred) == (2023, 7, True)


def test_the_instructions_of_a_notice_sending_a_plan_are_no_tasks() -> None:
    text = (
        "区政府办公室关于印发2023年重点任务分解方案的通知\n一、高度重视\n各单位要切实加强领导。\n"
        "2023年重点任务分解方案\n一、主要任务\n1.建成中心。(区民政局负责)\n"
    )
    notice, plan = parse_text(text).plans
    assert notice.tasks == ()
    assert [t.heading for t in plan.tasks] == ["建成中心"]


def test_an_item_whose_title_acts_on_goals_is_a_task_not_a_goal_section() -> None:
    # "⑴紧盯目标任务。…" is the first of three run-together items, not a 目标任务 chapter
    doc = parse_text(
        "⑴紧盯目标任务。力争GDP增长10%以上。⑵推进项目投资。开工10个项目。⑶培育企业。建立培育库。"
    )
    assert [t.heading for t in doc.plans[0].tasks] == ["紧盯目标任务", "推进项目投资", "培育企业"]
    assert [(x.kind, x.value) for x in doc.plans[0].tasks[0].targets] == [("growth", 10.0)]


def test_a_goal_chapter_in_traditional_script_is_no_task() -> None:
    doc = parse_text(
        "行動計劃\n一、總體目標\n到2027年,規上工業企業數字化改造全覆蓋。\n二、重點任務\n1.開展改造。(責任單位:市工信局)"
    )
    assert [t.heading for t in doc.plans[0].tasks] == ["開展改造"]


def test_a_numbered_sentence_without_a_body_is_an_item_a_bare_chapter_title_is_not() -> None:
    text = (
        "1、积极培育人才团队。认定人才团队1个以上。\n"
        "2、围绕产业链补强创新链,力争平台认定1家以上。\n"
        "3、完成县委县政府下达的基础工作及中心工作任务。\n"
        "4、保障措施\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.id for t in tasks] == ["1", "2", "3"]
    assert [(x.op, x.value) for x in tasks[1].targets] == [(">=", 1.0)]


def test_a_percentage_listed_per_quarter_is_the_schedule_of_the_growth_before_it() -> None:
    text = "二、主要任务\n1.做强园区。园区高新技术产业增加值增长18%;一、二、三、四季度分别完成9%、12%、15%、18%。(责任单位:园区管委会)"
    targets = parse_text(text).plans[0].tasks[0].targets
    assert [(x.kind, x.value) for x in targets] == [
        ("growth", 18.0), ("growth", 9.0), ("growth", 12.0), ("growth", 15.0), ("growth", 18.0),
    ]  # fmt: skip
    assert {x.indicator for x in targets} == {"高新技术产业增加值"}


def test_a_progress_reports_prose_tells_results_and_its_rows_keep_their_targets() -> None:
    # "…落实情况": "上半年,地区生产总值增长4%" is a result; the task row's "增长7.5%左右" is the plan's
    text = (
        "2024年上半年重点工作落实情况\n上半年,全市地区生产总值846.2亿元,增长4%。\n"
        "序号\n\n重点工作\n\n牵头责任单位\n\n上半年落实情况\n\n1\n\n地区生产总值增长7.5%左右。\n\n市发改委\n\n增长4.1%。\n"
    )
    plan = parse_text(text).plans[0]
    assert [(t.kind, t.value) for t in plan.targets] == [("growth", 7.5)]
    assert [(t.kind, t.value) for t in plan.tasks[0].targets] == [("growth", 7.5)]


def test_one_sentence_opening_a_chapter_of_items_is_its_introduction() -> None:
    text = (
        "重点工作责任分解\n一、加快转型升级\n坚持调优调强,推进产业高端化发展,加快构筑现代产业高地。\n"
        "突出工业主体地位。投资200亿元,实施工业项目工程。\n壮大服务业。推进物流园建设。\n"
    )
    assert [t.heading for t in parse_text(text).plans[0].tasks] == ["突出工业主体地位", "壮大服务业"]


def test_a_stray_space_before_the_clause_end_keeps_the_target() -> None:
    text = "主要预期目标是:社会消费品零售总额增长11%左右 ;城镇登记失业率控制在4.5%以内;"
    assert [(t.kind, t.value) for t in parse_text(text).plans[0].targets] == [
        ("growth", 11.0),
        ("level", 4.5),
    ]


def test_a_chapter_title_over_one_owned_paragraph_is_one_task_named_by_the_title() -> None:
    text = (
        "一、推进重大项目建设\n建立健全领导联系重点项目制度,形成全程服务机制。"
        "(省发展改革委牵头;财政厅配合)\n"
        "二、加强城市基础设施投入\n省财政筹措3亿元资金支持城市重大基础设施建设。\n"
        "三、保障措施\n加强组织领导。每年召开一次推进会。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [(t.heading, [o.name for o in t.owners]) for t in tasks] == [
        ("推进重大项目建设", ["省发展改革委", "财政厅"]),
        ("加强城市基础设施投入", []),
        ("加强组织领导", []),
    ]
    assert tasks[0].text.startswith("推进重大项目建设")


def test_a_month_without_a_plan_year_takes_the_year_the_task_wrote_before_it() -> None:
    text = "一、加快资金拨付\n专项资金须于2017年6月底前下达60%以上、9月底前下达80%以上。(财政厅负责)"
    task = parse_text(text).plans[0].tasks[0]
    assert [(d.year, d.month) for d in task.deadlines] == [(2017, 6), (2017, 9)]
    # with no year written anywhere the month stays open and is flagged
    task = parse_text("一、加快资金拨付\n9月底前下达80%以上。(财政厅负责)").plans[0].tasks[0]
    assert [(d.year, d.month) for d in task.deadlines] == [(None, 9)]
    assert "unresolved_date" in task.flags


def test_a_notices_numbered_attachment_list_is_no_heading_of_the_plan() -> None:
    # "附件:1.…" / "2.…" name the documents sent; the plan's own 一、 / 1. items follow
    text = (
        "各区县人民政府:\n现将两个文件印发给你们。\n附件:1.2020年重点工作责任分解\n2.十方面民生实事责任分解\n"
        "某市人民政府办公室\n2020年5月22日\n附件1\n2020年重点工作责任分解\n一、市长主抓重点工作\n"
        "1.坚定不移支持企业发展。认真落实各项政策措施。\n责任单位:市经信局、市财政局\n"
        "2.开展项目双进双产。推动项目落地。\n责任单位:市发展改革委\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [(t.heading, [o.name for o in t.owners]) for t in tasks] == [
        ("坚定不移支持企业发展", ["市经信局", "市财政局"]),
        ("开展项目双进双产", ["市发展改革委"]),
    ]


def test_a_short_numbered_sentence_closed_by_a_full_stop_is_an_item_not_a_chapter() -> None:
    text = "园区重点工作安排\n1.推进园区道路建设。预计3月份完工。\n2.做好招商工作。\n3.保障措施\n"
    tasks = parse_text(text).plans[0].tasks
    assert [t.heading for t in tasks] == ["推进园区道路建设", "做好招商工作"]
    assert [(d.year, d.month) for d in tasks[0].deadlines] == [(None, 3)]  # "3月份完工": due in March


def test_a_key_line_with_its_value_on_the_next_line() -> None:
    # a form copied from a page: "牵头单位:" / "区发改委"; the unit line is no sign-off of a notice
    text = "一、主要任务\n1.推进园区建设。\n牵头单位:\n区发改委\n配合单位:\n区财政局\n2.完善配套设施。\n牵头单位:\n区住建局\n"
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("区发改委", "lead"), ("区财政局", "support")],
        [("区住建局", "lead")],
    ]


def test_lines_wrapped_mid_sentence_are_no_items_of_their_own() -> None:
    # a gazette or PDF page breaks its lines anywhere: "之路。对外开放…" continues the heading above
    text = (
        "(四)蹚出产业与人口竞相汇聚的开放共赢\n之路。对外开放是提升经济发展能级的现实选\n择,是全方位推动高质量发展的必由之路。我\n"
        "们将紧紧盯住产业转移,持续深化区域合作,更\n加精准对接市场需求,持续拓展开放合作成果。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.heading for t in tasks] == ["蹚出产业与人口竞相汇聚的开放共赢"]


def test_the_plan_a_notice_sends_starts_at_the_short_line_after_its_sign_off() -> None:
    # the notice's own 一、二、 are instructions to the addressees; the plan's title ends in no title word
    text = (
        "关于印发2023年重点工作任务的通知\n各镇(街道),区直各单位:\n现将《2023年重点工作任务》印发给你们,并提出如下要求:\n"
        "一、提高思想认识。各单位要高度重视。\n二、强化督查考核。请于每季度末5日前报送进展。\n某区人民政府办公室\n2023年2月1日\n"
        "2023年重点工作任务\n一、推进园区建设。9月底前完成。(区发改委)\n二、强化招商。新签约项目30个。(区商务局)"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [(t.heading, [(d.year, d.month) for d in t.deadlines]) for t in tasks] == [
        ("推进园区建设", [(2023, 9)]),
        ("强化招商", []),
    ]


def test_a_pages_task_records_are_tasks_with_their_stage_dates_and_no_progress() -> None:
    # a 督办 page lists each task as labelled fields; its 进展落实情况 tells what was done
    text = (
        "2019年重点工作\n重点工作: | 推进园区同城化建设。 |\n牵头单位: | 市发展改革委 |\n年度阶段性工作目标:\n"
        "第一季度:制定年度计划。\n第三季度:召开联席会议。\n进展落实情况:\n第一季度:\n按计划推进中。\n"
        "1.已编制完成年度计划,6月印发。\n2.已召开联席会议。\n重点工作: | 优化营商环境。 |\n牵头单位: | 市政务服务数据管理局 |\n"
    )
    tasks = parse_text(text).plans[0].tasks
    read = [
        (t.heading, [(o.name, o.role) for o in t.owners], [(d.year, d.month) for d in t.deadlines])
        for t in tasks
    ]
    assert read == [
        ("推进园区同城化建设", [("市发展改革委", "lead")], [(2019, 3), (2019, 9)]),
        ("优化营商环境", [("市政务服务数据管理局", "lead")], []),
    ]


def test_a_progress_report_is_known_by_its_title_line_below_the_pages_navigation() -> None:
    # "当前位置:" and the record fields come first; the report's lines under a task tell what was done
    text = (
        "当前位置:\n首页> 政府信息公开> 市政府工作报告执行>\n索引号 001008009/2021-187464\n"
        "2021年度市政府工作报告重点工作任务半年度完成情况\n序号\n工作内容\n半年度完成情况\n1\n"
        "加快建设滨海城市带,打造海上画廊。(牵头单位:市住建局)\n①客运码头建设工程累计完成工程量的20%。\n②渔港码头美化亮化工程一期完工。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [(t.heading, [o.name for o in t.owners], len(t.targets)) for t in tasks] == [
        ("加快建设滨海城市带,打造海上画廊", ["市住建局"], 0)
    ]


def test_a_pictures_file_name_on_the_page_is_no_numbered_item() -> None:
    # "640.webp.jpg" (a picture the news page shows) opened a level of its own and took the items below
    text = (
        "时间:2025-02-07\n640.webp.jpg\n2025年工作要点\n一、汤飞帆市长牵头重点工作\n1.一般公共预算收入增长2%。\n"
        "牵头单位:市财政局\n2.探索设立产业链集群发展基金。\n牵头单位:市财政局\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [(t.heading, [o.name for o in t.owners]) for t in tasks] == [
        ("一般公共预算收入增长2%", ["市财政局"]),
        ("探索设立产业链集群发展基金", ["市财政局"]),
    ]


def test_a_page_whose_line_breaks_were_lost_is_split_at_its_numbers() -> None:
    # the whole 分解 on one line: "一、…牵头重点工作 1.… 责任单位:… 2.… 二、… 1.…"
    text = (
        "海盐县人民政府办公室关于印发2022年重点工作责任分解的通知 各镇人民政府:现印发给你们,请认真贯彻执行。"
        + "确保按时完成既定的目标任务。" * 8
        + " 2022年重点工作责任分解 一、王丹县长牵头重点工作 1.全县生产总值增长7.5%左右。 责任单位:县发改局、县财政局"
        " 2.落实党政机关过紧日子的要求,努力降低行政运行成本。 责任单位:县财政局"
        " 二、曹惠明常务副县长牵头重点工作 1.坚持县政府常务会议集体学法。 责任单位:县司法局"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [(t.heading[:8], [o.name for o in t.owners]) for t in tasks] == [
        ("全县生产总值增长", ["县发改局", "县财政局"]),
        ("落实党政机关过紧", ["县财政局"]),
        ("坚持县政府常务会", ["县司法局"]),
    ]


def test_an_unowned_item_telling_the_owners_how_to_carry_the_plan_out_is_no_task() -> None:
    # 赤壁, 湖州: the notice's closing safeguards address every owner; the owned item stays a task
    text = (
        "一、重点任务\n1.推进园区建设。(责任单位:市发改局)\n二、保障措施\n"
        "1.加强组织领导。要按照责任分工,一把手负总责、亲自抓。\n"
        "2.要高效推进落实。各责任单位要按照“能早则早”的标准推进。\n"
    )
    assert [t.text.split("。")[0] for t in parse_text(text).plans[0].tasks] == ["推进园区建设"]


def test_an_item_the_end_of_the_text_cuts_inside_its_first_words_is_no_task() -> None:
    # 三门峡, 滕州: an excerpt ending "11.粮"; a cut item that says what to do stays a task
    text = "一、重点任务\n10.居民收入与经济增长同步。(市人社局)\n11.粮"
    assert [t.text for t in parse_text(text).plans[0].tasks] == ["居民收入与经济增长同步。(市人社局)"]
    assert len(parse_text(text + "食生产稳定在180万吨").plans[0].tasks) == 2


def test_a_sections_closing_owner_line_owns_the_whole_section() -> None:
    # 湛江: each chapter is one task — its measures, a 工作效果 line, then one line in brackets naming the
    # lead before the keys ("由A牵头落实。配合单位:…"), and a supervisor who is no owner
    text = (
        "城乡建设精细化管理工作责任落实方案\n"
        "一、建立长效机制,减少工业粉尘污染\n"
        "建立严格的考核问责制度,加强对工业企业大气污染控制和治理。\n"
        "工作效果:2014年8月底前划定市区高污染燃料禁燃区。\n"
        "(由市环境保护局牵头落实。配合单位:各区政府、市财政局。效能监督单位:市监察局)\n"
        "二、建立长效机制,减少施工工地粉尘污染\n"
        "加强施工扬尘污染控制。\n"
        "(由市住房城乡建设局牵头落实。配合单位:各区政府)\n"
    )
    first, second = parse_text(text).plans[0].tasks
    assert first.heading == "建立长效机制,减少工业粉尘污染"
    assert [(o.name, o.role) for o in first.owners] == [
        ("市环境保护局", "lead"),
        ("各区政府", "support"),
        ("市财政局", "support"),
    ]
    assert [(d.year, d.month) for d in first.deadlines] == [(2014, 8)]
    assert [o.name for o in second.owners] == ["市住房城乡建设局", "各区政府"]


def test_a_decision_recording_an_approval_is_no_task() -> None:
    text = "決定:\n(一)准予備查。\n(二)請經濟部儘速研議修正草案。\n"
    (task,) = parse_text(text).plans[0].tasks
    assert [o.name for o in task.owners] == ["經濟部"]


def test_the_conditions_under_a_rule_are_no_tasks_and_its_purpose_clause_none() -> None:
    # a regulation (作業注意事項): "(一)符合下列原則之一,由院列管:" lists conditions, not work
    text = (
        "一、為使本部施政計畫管制作業有所依循,特訂定本注意事項。\n"
        "二、年度施政計畫分級列管:\n(一)符合下列原則之一,由院列管:\n1.當前重大政策。\n2.跨部會執行之重要計畫。\n"
        "(二)各計畫主辦單位應於每年10月12日前填報列管建議項目。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.heading for t in tasks] == ["各計畫主辦單位應於每年10月12日前填報列管建議項目"]


def test_a_meeting_records_bullets_under_its_sections_are_its_decisions() -> None:
    text = (
        "局務會報\n第86次主管會報\n  • 重大工作計畫報告(略)\n"
        "    • 國土計畫法審查會議非常重要,請指派固定人員與會。\n"
        "    • 經發會白皮書列管案執行表請二、四科本週內速交一科彙整。\n"
        "    • 一壽橋案請三科依據交通會報所作決議審慎處理,並請與二科協商。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [],
        [("二科", "lead"), ("四科", "lead"), ("一科", "support")],
        [("三科", "lead"), ("二科", "support")],
    ]


def test_an_approvals_clauses_are_owned_by_their_subjects_and_its_addressee() -> None:
    # a 复函 annotates no owner: each clause names who is to act as its subject ("X要…", "A要会同B…"), and
    # a clause that speaks to the addressee ("由你省…", "望你市…") is the addressee's
    text = (
        "国务院办公厅关于同意某某经济技术开发区升级的复函\n"
        "四川省人民政府:\n"
        "你省《关于请求批准某某经济技术开发区为国家级经济技术开发区的请示》收悉。现函复如下:\n"
        "一、同意某某经济技术开发区升级为国家级经济技术开发区。\n"
        "二、建设发展资金由你省自筹解决。\n"
        "三、某某经济技术开发区要坚持以工业项目为主,积极改善投资环境。\n"
        "四、省发展改革委要会同省直有关部门加强指导和服务。\n"
        "五、要加强领导和管理。\n"
    )
    owned = {t.heading[:6]: [(o.name, o.role) for o in t.owners] for t in parse_text(text).plans[0].tasks}
    assert "同意某某经济" not in owned  # the clause granting the request is the decision, no task
    assert owned["建设发展资金"] == [("四川省人民政府", "lead")]
    assert owned["某某经济技术"] == [("某某经济技术开发区", "lead")]
    assert owned["省发展改革委"] == [("省发展改革委", "lead"), ("省直有关部门", "support")]
    assert owned["要加强领导和"] == []


def test_a_sentences_subject_is_no_owner_where_the_plan_annotates_owners() -> None:
    text = "一、市发改委要加快项目审批。\n二、推进园区建设。(责任单位:市工信局)\n"
    first, second = parse_text(text).plans[0].tasks
    assert first.owners == () and "no_owner" in first.flags
    assert [o.name for o in second.owners] == ["市工信局"]


def test_a_plan_of_bulleted_measures_under_plain_headings_reads_each_bullet_as_a_task() -> None:
    # a policy address (施政方针): plain headings, "- " measures, no owner or numbered section anywhere
    text = (
        "2019年财政年度施政方针\n"
        "深化电子政务发展\n"
        "- 继续通过“一窗式”服务模式,选取性质相似的服务。\n"
        "- 至2019年底,预计约有90项服务实现全程电子化。\n"
        "稳步重整职能架构\n"
        "- 将完成消费者权益保护谘询组织的重组。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.heading[:8] for t in tasks] == ["继续通过“一窗式", "至2019年底,", "将完成消费者权益"]
    assert [(d.year, d.month) for d in tasks[1].deadlines] == [(2019, 12)]
    assert [t.id for t in tasks] == ["1", "2", "3"]  # numbered as a list's items, no internal "p3"


def test_a_pages_bulleted_menu_and_metadata_are_no_tasks() -> None:
    text = "• 设为首页\n• 无障碍阅读\n- 索引号:002943395/2023-87632\n- 成文日期:2023-02-10\n"
    assert [t for p in parse_text(text).plans for t in p.tasks] == []


def test_a_replys_commitment_to_what_comes_next_is_its_task_owned_by_the_signer() -> None:
    text = (
        "2024年1月,我厅积极动员符合条件的经开区申报升级。下一步,我厅将与商务部紧密对接,争取今年升级成功。\n"
        "某某自治区商务厅\n"
        "2024年4月26日\n"
    )
    (task,) = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in task.owners] == [("某某自治区商务厅", "lead")]
    assert "no_owner" not in task.flags
    text = "经研究,现答复如下。下一步,省开发区工作领导小组办公室将研究制定考核评价办法。\n"
    (task,) = parse_text(text).plans[0].tasks
    assert [o.name for o in task.owners] == ["省开发区工作领导小组办公室"]


def test_a_notices_clauses_opened_by_the_units_charged_name_them_where_nothing_else_does() -> None:
    text = (
        "关于实行县长招商项目洽谈日制度的通知\n"
        "1、各镇、经济区、县直各部门、招商分局负责协调联系各地企业负责人。\n"
        "2、招商分局要于每周三前报送本周需会见的项目。\n"
    )
    first, second = parse_text(text).plans[0].tasks
    assert [o.name for o in first.owners] == ["各镇", "经济区", "县直各部门", "招商分局"]
    assert [(o.name, o.role) for o in second.owners] == [("招商分局", "lead")]


def test_a_page_of_one_bodys_duties_makes_the_body_owner_of_each() -> None:
    text = (
        "某某开发区园区发展局机构职能\n"
        "(一)负责统筹开发区“一区多园”发展管理工作;\n"
        "(二)会同有关部门编制“一区多园”发展规划;\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["某某开发区园区发展局"], ["某某开发区园区发展局"]]


def test_a_meeting_records_decisions_in_prose_are_its_tasks() -> None:
    text = (
        "第十八届人民政府第65次常务会议\n"
        "2019年11月12日下午,县长主持召开常务会议,研究了有关议题。\n"
        "会议原则同意县财政局拟草的《关于加快财政扶贫资金支出进度相关事项》,修改完善后,批复实施。\n"
        "在听取完县生态环境局工作情况汇报后,县长要求:要抓住政策机遇,补齐生态环境基础建设短板。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.heading[:6] for t in tasks] == ["会议原则同意", "在听取完县生"]
    assert [t.id for t in tasks] == ["1", "2"]


def test_a_records_counted_demands_are_items_owned_by_whom_each_names() -> None:
    text = (
        "会议要求:一要积极准备、把握质量。各园区要积极走访拟入库企业。"
        "二要认真查找、积极联系。各园区要结合清查工作,深度挖掘线索单位。三要强化沟通、精准指导。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["各园区"], ["各园区"], []]


def test_a_measure_named_in_a_short_sentence_is_owned_by_the_next_sentences_subject() -> None:
    text = "二、下步工作要求\n提高认识,广泛宣传。各村要充分认识到环境整治的必要性。\n完善机制,标本兼治。建立长效管护机制。\n"
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["各村"], []]


def test_a_section_listing_one_bodys_duties_makes_it_owner_of_the_items_under_it() -> None:
    text = (
        "某某县政府招商专案办公室设置要点\n"
        "一、为建构招商服务平台,特设招商专案办公室。\n"
        "二、专案办公室办理事项如下:\n(一)招商机制及环境之建立并办理宣导。\n(二)提供投资厂商咨询及资讯服务。\n"
    )
    tasks = [t for t in parse_text(text).plans[0].tasks if t.section_path]
    assert [[o.name for o in t.owners] for t in tasks] == [["专案办公室"], ["专案办公室"]]


def test_a_speakers_counted_demands_are_tasks_though_the_plan_annotates_owners_elsewhere() -> None:
    text = (
        "就做好招商引资工作,县长强调,一要聚焦主导产业。各级各部门要切实把招商作为出发点。"
        "二要加快推进步伐。各单位要增强招商工作紧迫感。三要发挥平台作用。县招商促进中心要发挥平台作用。(县商务局)\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["各级各部门"], ["各单位"], ["县商务局"]]


def test_a_meeting_records_request_to_every_department_makes_them_lead() -> None:
    text = (
        "臺南市政府市政會議紀錄\n市長提示:\n"
        "一、目前民眾接種疫苗的踴躍程度不足,請各局處加強宣導接種疫苗。\n"
        "二、汛期即將來臨,請相關局處加強注意防洪及防汛。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.group) for o in t.owners] for t in tasks] == [
        [("各局處", True)],
        [("相關局處", True)],
    ]
    notice = "关于做好防汛工作的通知\n一、请各部门认真贯彻执行。\n二、加强值守。(责任单位:市应急局)\n"
    assert [o.name for t in parse_text(notice).plans[0].tasks for o in t.owners] == ["市应急局"]


def test_measures_counted_in_words_a_line_each_are_the_tasks_of_a_plan_without_other_structure() -> None:
    text = (
        "县发展改革委 “三举措”抓好高技术项目投资放量\n"
        "一是深挖潜力,跟进招商项目落地。建立招商引资项目清单。\n"
        "二是对标上位,督促招标项目开工。每月定期跟踪项目开工情况。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.heading[:6] for t in tasks] == ["一是深挖潜力", "二是对标上位"]


def test_a_meeting_records_sentences_that_charge_someone_are_its_decisions() -> None:
    # a 县长办公会议 in prose: each sentence charging a unit is a decision that unit leads; a sentence only
    # telling why a matter counts charges nobody; the meeting's numbered session gives the year
    text = (
        "5月30日,县长主持召开县政府2021年第6次县长办公会议,各镇及有关部门负责人参加。\n"
        "会议指出,大力扶持养鸡产业发展是推进县域经济发展的关键举措。县农业农村局要认真谋划、精心布局。\n"
        "会议强调,县统计局要紧盯主要经济指标。各镇、各部门要压实责任,奋力实现上半年“双过半”目标。\n"
    )
    (plan,) = parse_text(text).plans
    assert [(t.text[:6], [(o.name, o.role) for o in t.owners]) for t in plan.tasks] == [
        ("县农业农村局", [("县农业农村局", "lead")]),
        ("县统计局要紧", [("县统计局", "lead")]),
        ("各镇、各部门", [("各镇", "lead"), ("各部门", "lead")]),
    ]
    assert [(d.year, d.month) for d in plan.tasks[2].deadlines] == [(2021, 6)]


def test_a_chapters_overall_lead_and_a_lead_rule_written_after_the_first_list() -> None:
    text = (
        "一、加快调整能源结构(省发改委总牵头)\n"
        "1.制订煤炭消费总量控制方案。(省经信委、省发改委(省能源局)。列第一位者为牵头部门,下同)\n"
        "2.新建项目禁止配套建设自备燃煤电站。(省发改委、省环保厅)\n"
    )
    first, second = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in first.owners] == [
        ("省经信委", "lead"),
        ("省发改委（省能源局）", "support"),
    ]
    assert [(o.name, o.role) for o in second.owners] == [("省发改委", "lead"), ("省环保厅", "support")]


def test_an_item_opening_with_the_unit_that_answers_for_it_is_owned_by_that_unit() -> None:
    # in a plan that annotates owners elsewhere, "1.县应急管理局负责…" names its own owner as its subject
    text = (
        "三、任务分工\n"
        "各乡镇负责本辖区排查工作(责任单位:各乡镇)。\n"
        "1.县应急管理局负责尾矿库、危险化学品等行业的隐患排查治理工作。\n"
        "2.加强宣传引导。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks[1:]] == [[("县应急管理局", "lead")], []]


def test_taiwan_keys_and_republic_of_china_years() -> None:
    # 主辦機關 / 協辦機關 / 權責機關 read as lead / support / first-lead keys, 完成期限 as a time limit; a year of
    # the Republic of China calendar ("113年12月底前", "民國114年6月30日") is the year + 1911
    text = (
        "臺北市政府推動淨零排放行動方案\n"
        "一、推動策略\n"
        "(一)推廣綠色運具。(主辦機關:交通局;協辦機關:環保局、產業局)預定113年12月底前完成。\n"
        "(二)建築節能改善。主辦機關:都市發展局 協辦機關:工務局 完成期限:民國114年6月30日\n"
        "(三)推動再生能源設置(權責機關:產業發展局,114年底前)\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("交通局", "lead"), ("環保局", "support"), ("產業局", "support")],
        [("都市發展局", "lead"), ("工務局", "support")],
        [("產業發展局", "lead")],
    ]
    assert [[(d.year, d.month) for d in t.deadlines] for t in tasks] == [
        [(2024, 12)],
        [(2025, 6)],
        [(2025, 12)],
    ]


def test_a_law_pages_competent_authority_field_names_no_owner() -> None:
    text = "主管機關: 雲林縣政府建設處\n發文日期: 100.05.13\n一、設置要點\n(一)招商機制之建立。\n(二)提供投資諮詢服務。\n"
    assert all(not t.owners for p in parse_text(text).plans for t in p.tasks)


def test_a_laws_articles_numbered_alone_and_the_office_whose_duties_they_list() -> None:
    # a law page numbers its articles alone on a line with blanks ("第 6 條"); the article's opening line
    # names the office whose duties the items are ("綜合規劃司掌理事項如下:"); a post (主任秘書) is no owner
    text = (
        "勞動部處務規程\n第 3 條\n主任秘書權責如下:\n一、文稿之綜核及代判。\n二、重要會議之籌辦。\n"
        "第 6 條\n綜合規劃司掌理事項如下:\n一、勞動政策之研究發展、規劃及宣導。\n二、國際組織之參與及交流合作。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.text.rstrip("。") for t in tasks] == [
        "文稿之綜核及代判", "重要會議之籌辦", "勞動政策之研究發展、規劃及宣導", "國際組織之參與及交流合作",
    ]  # fmt: skip
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [[], [], *[[("綜合規劃司", "lead")]] * 2]


def test_a_list_of_offices_each_before_its_duties() -> None:
    # "本局設下列各科、室,分別掌理下列事項:" / "一 人民團體科:…事項" (counted with a blank for its 、)
    text = (
        "第 3 條\n本局設下列各科、室,分別掌理下列事項:\n一 人民團體科:社會團體會務輔導等事項。\n"
        "二 社會救助科:低收入戶生活扶助與照顧等事項。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("人民團體科", "lead")],
        [("社會救助科", "lead")],
    ]


def test_a_short_line_holding_counted_items_and_the_body_they_are_given_to() -> None:
    # a page that lost its line breaks: "(一)本部: 1.… 2.… (二)…局(以下簡稱…): 1.…" on one line
    text = (
        "二、本計畫主辦機關及其任務如下: (一)本部: 1.本計畫之訂定、修正及發布。 2.本計畫之政策指導。 "
        "3.其他與本計畫相關事項。 (二)本部勞動力發展局(以下簡稱勞發局): 1.本計畫之統籌規劃及推動。 "
        "2.資訊管理系統規劃、建置及管理。 3.執行績效之統計分析及檢討。"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["本部"]] * 3 + [["本部勞動力發展局"]] * 3


def test_a_record_whose_counted_demands_stand_among_its_speakers_charges() -> None:
    # "会议强调,…各级各部门要…。一要…。二要…。" / "会议要求,…市工业和信息化局要…": the charges around the
    # counted demands are decisions too, each led by the unit it charges
    text = (
        "市政府召开常务会议\n"
        "会议强调,制造业是立市之本。各级各部门要结合工作实际、抓好贯彻落实。一要充分发挥政策的牵引作用,推动政策落地。"
        "二要继续掀起大招商工作热潮,着力引进一批大项目。\n"
        "会议要求,市工业和信息化局要强化统筹协调,加快推进产业集群建设。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks if t.owners] == [["各级各部门"], ["市工业和信息化局"]]
    assert any(t.text.startswith("一要") for t in tasks) and any(t.text.startswith("二要") for t in tasks)


def test_a_body_named_by_the_short_name_the_document_defines_for_it() -> None:
    # "特設置性別平等專案小組(以下簡稱本小組)" (wrapped over two lines) / "二、本小組之任務如下" / items: the
    # heading opening the list gives the items to the body, named in full
    text = (
        "一、設置目的\n    本所為推動性別平等業務,特設置性別平等專案小\n    組(以下簡稱本小組),並訂定本要點。\n"
        "二、本小組之任務如下\n   (一)性別平等觀念之宣導及推動事項。\n   (二)其他性別平等促進事宜。\n"
    )
    tasks = [t for t in parse_text(text).plans[0].tasks if t.owners]
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [[("性別平等專案小組", "lead")]] * 2


def test_a_leaders_division_of_work_in_clauses_parted_by_semicolons() -> None:
    # "曲道凯要求,由A牵头,B、C配合,在9月底前完成…;由D街道牵头,E配合,在12月底前完成…": a task per clause
    text = (
        "发布时间:2022-06-16\n县召开土地处置工作推进会。\n"
        "为完成目标任务,曲道凯要求,由县发展和改革局牵头,县委党校、县自然资源局配合,在9月底前完成60.58亩供地工作;"
        "由丹凤街道牵头,县自然资源局配合,在12月底前完成50.06亩土地处置任务。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("县发展和改革局", "lead"), ("县委党校", "support"), ("县自然资源局", "support")],
        [("丹凤街道", "lead"), ("县自然资源局", "support")],
    ]
    assert [[(d.year, d.month) for d in t.deadlines] for t in tasks] == [[(2022, 9)], [(2022, 12)]]


def test_a_ranking_of_units_names_no_owner() -> None:
    text = "一、评比结果\n7月份各单位综合得分排名:第一名白鹤镇,第二名七里桥街道,第三名柳叶湖街道。\n二、下步要求\n各单位要继续加大宣传力度。\n"
    assert all(not o.name.startswith("第") for p in parse_text(text).plans for t in p.tasks for o in t.owners)


def test_a_records_charge_goes_on_after_a_semicolon() -> None:
    # "会议要求,各有关单位要…;要在年底对…进行反馈评估;各部门要…": the subject carries over ";要…"
    text = (
        "区政府常务会议\n2010年8月23日,区长主持召开常务会议。\n"
        "会议要求,各有关单位要对新举措进行大力宣传;要在年底对配套文件的实施情况进行反馈评估;"
        "各部门要齐抓共管,确保取得实效。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["各有关单位"], ["各有关单位"], ["各部门"]]
    assert [(d.year, d.month) for d in tasks[1].deadlines] == [(2010, 12)]


def test_a_plan_titled_by_the_bureau_that_drew_it_up_gives_it_the_items() -> None:
    # "教育体育局2020年为民办实事" / "1.实施校舍安全工程…": the bureau's own list, its items the bureau's; a zone's
    # plan ("舒城经济开发区2021年政府工作计划") is its government's, the work of all its offices
    text = "教育体育局2020年为民办实事\n来源: 教育体育局\n1.实施校舍安全工程,完成加固校舍3.03万平方米。\n2.开工建设新城小学。\n"
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [[("教育体育局", "lead")]] * 2
    zone = "舒城经济开发区2021年政府工作计划\n一、树立大目标。全年计划实现工业总产值220亿元。\n二、实施大提升。进一步提升园区品位。\n"
    assert all(not t.owners for p in parse_text(zone).plans for t in p.tasks)


def test_a_section_whose_paragraph_opens_with_the_unit_leading_it() -> None:
    # "(二)消防安全领域" / "镇应急办牵头,组织各村(居)委会…": the unit named before 牵头 leads the section's work
    text = (
        "三、排查整治重点内容及责任分工\n(一)消防安全领域\n镇应急办牵头,组织各村(居)委会及网格员开展“敲门行动”,逐户排查隐患。\n"
        "(二)建筑施工领域\n镇规划办牵头,对在建工地开展全面排查。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners][:1] for t in tasks] == [
        [("镇应急办", "lead")],
        [("镇规划办", "lead")],
    ]


def test_a_regulations_subject_after_its_purpose_and_its_short_named_body() -> None:
    # "為使…,各機關業務、研考、人事、主計等權責單位應…": the units after why; "本小組每半年召開會議一次" after
    # "設本局節約能源推動小組(以下簡稱本小組)": the body it stands for; composition and funding clauses: none
    text = (
        "一、本局為推動節約能源,設本局節約能源推動小組(以下簡稱本小組),並訂定本要點。\n"
        "二、為使預算能有效執行,各機關業務、研考、人事、主計等權責單位應依本要點規定辦理有關業務。\n"
        "三、本小組置委員七至十一人,其中一人為召集人。\n"
        "四、本小組每半年召開會議一次。\n"
        "五、本小組所需經費,由本局相關預算項下支應。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [
        ["各機關業務", "研考", "人事", "主計"],
        ["本局節約能源推動小組"],
    ]


def test_a_pages_bars_alone_are_no_item() -> None:
    text = "|\n一、本小組任務如下:\n(一)督導本局節約能源之執行事項。\n|\n|\n(二)考核本局節約能源成效。 |\n|\n"
    assert all(t.text.strip(" |\n") for p in parse_text(text).plans for t in p.tasks)


def test_a_reply_to_a_deputys_suggestion_promises_the_replying_bodys_work() -> None:
    # "X委员会关于…第337号建议办理情况的答复函": what was done ("一、工作开展情况") is progress, no task; what
    # comes next ("二、下一步工作打算") is the replying body's, named before 关于 in the title
    text = (
        "重庆市巴南区经济和信息化委员会关于区十九届人大四次会议第337号建议办理情况的答复函\n李杰代表:\n"
        "您提出的《关于提请成立南彭食品工业园的建议》收悉,现将有关意见答复如下:\n"
        "一、工作开展情况\n(一)强化规划支撑,提供空间保障。已完成园区规划编制。\n"
        "二、下一步工作打算\n(一)协调相关部门和园区,对产业用地进行成本测算。\n(二)研究入园惠企政策,畅通对接渠道。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.text[:6] for t in tasks] == ["协调相关部门", "研究入园惠企"]
    assert {o.name for t in tasks for o in t.owners} == {"重庆市巴南区经济和信息化委员会"}


def test_meeting_news_whose_speaker_is_named_mid_paragraph() -> None:
    # "…做了全面安排和部署,他指出,要…。他强调,各级各部门要…" / "冯耀黎说,各相关部门单位要…" / "会议明确,由马娜
    # 牵头,区收储办、区自然资源和规划分局负责,…" (a person leads, the units answer for it)
    text = (
        "全县沟渠疏浚行动推进会召开\n9月19日,全县沟渠疏浚行动推进会召开。\n"
        "副县长周虎光做了全面安排和部署,他指出,要把沟渠疏浚行动作为一项重大民生工程来抓。"
        "他强调,各级各部门要高度重视,抓紧落实。\n"
        "会议听取了进展情况。会议明确,由马娜牵头,区收储办、区自然资源和规划分局负责,及时收集汇总全区的土地规划需求。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [
        [],
        ["各级各部门"],
        ["区收储办", "区自然资源和规划分局"],
    ]


def test_a_list_of_problems_grouped_under_their_owners_key_lines() -> None:
    # "一、责任单位:综合执法局" / "1、…;" / "2、…。": the heading's key line gives the unit every problem under it
    text = (
        "现将检查中发现的问题交办相关单位进行整改。\n一、责任单位:综合执法局\n1、官渡大街围墙乱涂乱画;\n2、建设路小广告乱贴乱画。\n"
        "二、责任单位:住建局\n1、东风路保洁不到位。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("综合执法局", "lead")], [("综合执法局", "lead")], [("住建局", "lead")],
    ]  # fmt: skip


def test_a_speakers_charge_to_whom_it_speaks_without_a_stop() -> None:
    # "常务副区长李雷要求各街道各部门要落实好任务,…": the units spoken to lead the charge
    text = "溪湖区召开工作调度会\n会议听取了汇报。\n常务副区长李雷要求各街道各部门要落实好任务,全力完成各项指标双过半任务。\n"
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["各街道各部门"]]


def test_a_lead_ins_counted_parts_go_to_the_unit_it_speaks_to() -> None:
    # "…同时对县道交专班指出:一是…;二是…;三是…": a task each, led by the unit spoken to
    text = (
        "督导组到县开展督查指导工作\n督导组组长对工作表示肯定,同时对县道交专班指出:一是需要完善会议纪要等材料;"
        "二是要严格落实安全责任制规划;三是要加强与县交警队对接,对数据进行分析研判。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.text[:2] for t in tasks] == ["一是", "二是", "三是"]
    assert {o.name for t in tasks for o in t.owners} == {"县道交专班"}


def test_a_reply_that_promises_without_a_next_step_heading() -> None:
    # a reply's sentences saying what is planned ("…计划投入1.18亿元…", "…将对小区做…改造") are the replying
    # body's tasks; its title, thanks and the suggestion received are not; a page's bulleted record fields
    # ("• 640104-107/2019-00169", "• 兴庆区住房和城乡建设局") make no list of measures
    text = (
        "  • 640104-107/2019-00169\n  • 兴庆区住房和城乡建设局\n  • 2019年07月26日\n"
        "关于第16号“关于将健康社区纳入老旧小区改造项目的建议”的答复\n尊敬袁大金代表:\n"
        "您提出的建议已收悉,现就办理情况复函如下:\n"
        "2019年,兴庆区计划投入1.18亿元,对102个老旧小区进行改造。其中健康社区纳入第二期改造项目,将对小区做路面铺装。\n"
        "再次感谢您对我们工作的关心和支持。\n兴庆区住房和城乡建设局\n2019年7月26日\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [t.text[:6] for t in tasks] == ["2019年,", "其中健康社区"]
    assert {o.name for t in tasks for o in t.owners} == {"兴庆区住房和城乡建设局"}


def test_an_item_laying_a_duty_on_its_subject_with_ying() -> None:
    # "1.各单位应高度重视…" in a plan annotating owners elsewhere: the subject the duty is laid on leads it
    text = (
        "一、任务分工\n数字化转型评估服务工作由省联通牵头负责。(责任单位:省工信厅)\n"
        "二、工作要求\n1.各单位应高度重视,认真组织企业完成评估。\n2.各相关单位实施重大行政决策必须依法进行。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [o.name for t in tasks for o in t.owners] == ["省工信厅", "各单位"]


def test_a_replys_next_steps_with_partners_and_a_page_below_its_sign_off() -> None:
    # a proposal's 复函: its items are the replying body's, named over the sign-off's date (not the page's
    # "返回顶部" under it); units it acts together with ("与A、B等部门开展联合执法") support, one it only
    # speaks with is none
    text = (
        "关于县政协第46号提案答复的函\n邓碧蓉委员:\n你提出的建议已转交我们办理,现将办理情况复函如下:\n"
        "一、与有条件建客运站的乡镇联系对接,研究建站事宜。\n"
        "二、与交警、综合执法局等部门开展联合执法,规范场镇秩序。\n"
        "感谢你们对交通运输工作的关注。\n蓬溪县交通运输局\n2021716日\n返回顶部\n"
    )
    tasks = parse_text(text).plans[-1].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("蓬溪县交通运输局", "lead")],
        [("蓬溪县交通运输局", "lead"), ("交警", "support"), ("综合执法局", "support")],
    ]


def test_items_opening_with_their_actor_and_a_set_up_notices_duties() -> None:
    # in a plan annotating no owner, an item opening with a unit and its verb ("市县两级政府组织开展…") is
    # led by it; a notice setting a body up ("关于成立…的通知") lists the duties of that body
    text = "铁岭市2023年度消防工作任务清单\n1.各级政府及时传达有关论述。\n2.市县两级政府组织开展消防宣传月活动。\n"
    assert [[o.name for o in t.owners] for t in parse_text(text).plans[0].tasks] == [
        ["各级政府"],
        ["市县两级政府"],
    ]
    text = (
        "关于成立县消防安全管理中心的通知\n各乡(镇)人民政府:\n二、主要工作职责\n"
        "(一)常态化组织开展消防安全检查、宣传教育培训等工作;\n(二)完成上级部署的其他消防安全工作。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["县消防安全管理中心"]] * 2


def test_a_bulletins_closing_charges_are_its_tasks() -> None:
    # a 督查通报 tells what it found (no task) and charges its readers in its closing paragraph: each sentence
    # of "下一步,…" or "请…" charging someone is a task, led by the units it names
    text = (
        "2019年县政府工作报告三季度完成情况通报\n"
        "从督查情况看,大多数责任单位对分解的目标任务均能高度重视,各项目标任务取得了新的突破。\n"
        "下一步,各园区、各乡镇(街道)、各相关部门要严格按照各项目标任务,倒排时间节点。\n"
        "请各乡镇、县直有关单位在剩下的半年时间里,要进一步细化工作措施。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [
        ["各园区", "各乡镇（街道）", "各相关部门"],
        ["各乡镇", "县直有关单位"],
    ]


def test_a_speakers_counted_demands_run_on_in_one_paragraph() -> None:
    # meeting news: "会议最后,X提出三点要求:一是…。…二是…。三是…" in one paragraph gives a task each (the round-12
    # convention: each 一是… is a task), the first led by the units it charges
    text = (
        "洛宁县召开全县土地利用突出问题推进会\n7月24日上午,县政府召开推进会,县国土局等相关单位参加会议。\n"
        "会议最后,赵红艺县长对百日攻坚行动提出三点要求:一是提高站位,统一思想。各乡镇、各相关部门要提升站位。"
        "二是密切配合,合力攻坚。要加强沟通协调。三是严格督查,确保完成。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.text[:4] for t in tasks] == ["一是提高", "二是密切", "三是严格"]
    assert [o.name for o in tasks[0].owners] == ["各乡镇", "各相关部门"]


def test_a_notice_publishing_a_list_instructs_and_its_list_holds_the_tasks() -> None:
    # "关于公布…目录的通知" (or its title broken over two lines): the notice's numbered paragraphs tell the
    # addressees how to carry the list out; the list's rows are the tasks
    for title in (
        "关于公布嘉祥县人民政府2025年度重大行政决策事项目录的通知",
        "关于印发2025年度重大行政决策\n事项目录的通知",
    ):
        text = (
            f"嘉祥县人民政府\n{title}\n各镇人民政府,县政府各部门:\n现将目录予以公布,并就有关事项通知如下:\n"
            "一、列入目录的重大行政决策事项应当履行公众参与、专家论证等法定程序。\n"
            "二、目录实行动态管理,确需调整的,承办单位要提出调整建议。\n嘉祥县人民政府\n2025年5月14日\n"
            "嘉祥县人民政府2025年度重大行政决策事项目录\n序号 | 事项名称 | 承办单位 | 完成时限 |\n"
            "1 | 嘉祥县河湖岸线保护与利用规划 | 县水务局 | 2025年12月 |\n"
        )
        tasks = [t for p in parse_text(text).plans for t in p.tasks]
        assert [[o.name for o in t.owners] for t in tasks] == [["县水务局"]], title


def test_a_bulletin_under_a_pages_menu_charges_the_plans_lead_units() -> None:
    # the 通报's title under a page's menu line; "各牵头单位要…" charges that group (the bulletin speaks to the
    # units leading its list), "县发改委要会同县督查落实办…" the unit and its partner
    text = (
        "关怀版 无障碍\n关于2023年10月份民生实事项目进展情况的通报\n截至10月31日,65件民生实事已完成26件,完成率40%。\n"
        "下一步,各牵头单位要切实负起牵头抓总的主体责任,抢抓工作进度。县发改委要会同县督查落实办对相关工作进行督导。\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("各牵头单位", "lead")],
        [("县发改委", "lead"), ("县督查落实办", "support")],
    ]


def test_a_replys_promise_naming_the_unit_that_will_act() -> None:
    # a reply's promise that names its actor ("项目开工后,区住房城乡建委将…") is that unit's, as written there; one
    # in the letter's own voice ("我局将…") is the signing body's
    text = (
        "关于区人大代表建议的复函\n张代表:\n您提出的建议收悉,现答复如下:\n"
        "项目开工后,区住房城乡建委将加强施工监管,确保如期完工。\n我局将逐年加大对学校的投入。\n"
        "重庆市铜梁区住房和城乡建设委员会\n2024年5月20日\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [[o.name for o in t.owners] for t in tasks] == [
        ["区住房城乡建委"],
        ["重庆市铜梁区住房和城乡建设委员会"],
    ]


def test_a_rules_body_named_by_its_short_name_over_its_tasks() -> None:
    # "二、本會為…組織,其任務如下:" in a 設置要點 that defined 本會: the items are the tasks of the body, under
    # the full name the document gave it
    text = (
        "宜蘭縣社區營造推動委員會設置要點\n一、宜蘭縣政府為建構社區營造永續推動機制,設置宜蘭縣社區營造推動委員會"
        "(以下簡稱本會),並訂定本要點。\n二、本會為社區營造推動與諮詢審議組織,其任務如下:\n"
        "(一)本縣重大社區營造政策及發展策略之議定。\n(二)跨單位協調整合相關資源。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks][-2:] == [["宜蘭縣社區營造推動委員會"]] * 2


def test_a_notices_section_on_how_a_body_is_made_up_is_no_task() -> None:
    # "一、组织机构" / "县消防安全管理中心作为…实体化运行机构。" / "主任:…": who sits in the body, no work; its
    # duties under "二、主要工作职责" are the tasks
    text = (
        "关于成立县消防安全管理中心的通知\n各乡(镇)人民政府:\n一、组织机构\n"
        "县消防安全管理中心作为县消防安全委员会实体化运行机构。\n主任:高文标 县委常委、政府副县长\n"
        "二、主要工作职责\n(一)常态化组织开展消防安全检查等工作;\n(二)完成上级部署的其他消防安全工作。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.text[:6] for t in tasks] == ["常态化组织开", "完成上级部署"]
