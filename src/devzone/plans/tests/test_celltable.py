from __future__ import annotations

from devzone.plans.celltable import cell_rows
from devzone.plans.parse import parse_text


def _cells(text: str, row: int) -> list[tuple[str, str]]:
    return [(c.role, text[c.start : c.end]) for c in cell_rows(text)[row].cells]


def test_cells_between_bar_lines_fill_the_columns_after_the_number() -> None:
    text = "序号\n|\n重点工作\n|\n责任领导\n|\n责任单位\n|\n完成时限\n|\n1\n|\n建成服务中心。\n|\n张三\n|\n县民政局\n|\n年底前\n|\n"
    assert _cells(text, 0) == [
        ("no", "1"),
        ("task", "建成服务中心。"),
        ("person", "张三"),
        ("责任单位", "县民政局"),
        ("完成时限", "年底前"),
    ]


def test_cells_closed_by_a_trailing_bar_may_wrap_over_lines() -> None:
    text = "序号 |\n重点工作 |\n责任单位 |\n完成时限 |\n1 |\n推进污水处理厂\n建设。 |\n规划建设局 |\n全年 |\n"
    assert _cells(text, 0)[1] == ("task", "推进污水处理厂\n建设。")


def test_a_group_label_before_the_number_belongs_to_no_row() -> None:
    # 池州: the 工作任务 cell spans rows and is written before the 序号; the header has no 序号
    text = (
        "工作任务\n|\n具体要求\n|\n责任科室\n|\n时限要求\n|\n"
        "做好公开\n|\n1\n|\n清理文件。\n|\n办公室\n|\n年底前\n|\n做好解读\n|\n2\n|\n丰富形式。\n|\n各科室\n|\n持续推进\n|\n"
    )
    rows = cell_rows(text)
    assert [text[c.start : c.end] for c in rows[0].cells] == ["1", "清理文件。", "办公室", "年底前"]
    assert [c.role for c in rows[1].cells] == ["no", "content", "责任单位", "完成时限"]


def test_without_marks_lines_go_to_the_column_that_can_hold_them() -> None:
    # 大竹: units one a line in the 责任单位 cell; a second text line after the date is a sub-row
    text = (
        "序号\n民生实事\n责任单位\n完成时限\n"
        "1\n启动水库建设。\n县水务局\n县住建局\n12月底前\n"
        "2\n开工建设养护楼。\n县民政局\n5月底前动工\n开工建设老年大学。\n12月底前\n"
    )
    assert _cells(text, 0) == [
        ("no", "1"),
        ("task", "启动水库建设。"),
        ("责任单位", "县水务局"),
        ("责任单位", "县住建局"),
        ("完成时限", "12月底前"),
    ]
    assert [r for r, _ in _cells(text, 1)] == ["no", "task", "责任单位", "完成时限", "task", "完成时限"]
    (task_1, task_2) = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in task_1.owners] == [("县水务局", "lead"), ("县住建局", "support")]
    assert [d.month for d in task_2.deadlines] == [5, 12]


def test_a_header_name_broken_over_two_lines_is_joined() -> None:
    text = "序号\n重点工作\n责任\n领导\n责任\n科室\n1\n建设水库\n李四\n县水利站\n"
    assert [r for r, _ in _cells(text, 0)] == ["no", "task", "person", "责任单位"]


def test_prose_is_no_cell_table() -> None:
    assert cell_rows("一、总体要求\n正文。\n二、主要任务\n1.甲。(责任单位:市财政局)") == []


def test_rows_without_numbers_or_marks_end_after_their_names_and_one_text_line() -> None:
    # 华容 清单: text cells, then the 限期时间 and 责任人 cells, then the 措施 cell; the next text starts a row
    text = (
        "任务名称\n工作流程\n限期时间\n责任人\n主要工作措施\n"
        "强化科技创新\n每季度完成发明专利30件\n每季度末\n朱先涛\n刘继军\n①分解任务。\n"
        "开展技术创新\n占比达到21%\n每季度末\n张炳炎\n①协调配合。\n"
    )
    rows = cell_rows(text)
    assert [[c.role for c in r.cells] for r in rows] == [
        ["task", "content", "完成时限", "person", "person", "content"],
        ["task", "content", "完成时限", "person", "content"],
    ]
    assert text[rows[1].start : rows[1].start + 6] == "开展技术创新"


def test_a_line_of_several_bars_is_page_furniture_not_a_cell_mark() -> None:
    text = "浏览量:1 | | | |\n任务名称\n工作流程\n限期时间\n责任人\n推进甲项任务。\n完成乙项流程。\n年底前\n张三\n"
    assert [c.role for c in cell_rows(text)[0].cells] == ["task", "content", "完成时限", "person"]
