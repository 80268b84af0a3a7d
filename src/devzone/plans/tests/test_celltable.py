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


# an assessment list (考核清单) copied one cell a line: 考核指标 / 考核内容 / 单位 / 年度目标 / 责任部门 / 评分部门
_ASSESSMENT = (
    "考核项目\n序号\n考核指标\n考核内容\n单位\n年度目标\n责任部门\n评分部门\n"
    "农业\n1\n粮食供给\n农业增加值增幅\n%\n≥2%\n县渔业局\n县农业局\n市农业局\n"
    "2\n粮食播种面积\n万亩\n0.07\n县农业局\n市农业局\n"
    "3\n生猪存栏\n万头\n0\n县农业局\n市农业局\n"
    "4\n水产品产量\n万吨\n42\n县农业局\n"
)


def test_a_value_line_is_no_serial_number_and_the_last_unit_line_is_the_scorer() -> None:
    rows = cell_rows(_ASSESSMENT)
    assert [_ASSESSMENT[r.cells[0].start : r.cells[0].end] for r in rows] == ["1", "2", "3", "4"]
    assert _cells(_ASSESSMENT, 0) == [
        ("no", "1"),
        ("task", "粮食供给"),
        ("content", "农业增加值增幅"),
        ("measure", "%"),
        ("target", "≥2%"),
        ("责任单位", "县渔业局"),
        ("责任单位", "县农业局"),
        ("other", "市农业局"),
    ]
    # one unit line only: it is the owner (the scorer cell left empty)
    assert _cells(_ASSESSMENT, 3)[-1] == ("责任单位", "县农业局")


def test_an_assessment_row_gives_its_owners_and_a_target_from_the_unit_and_value_cells() -> None:
    plan = parse_text("2021年任务清单\n" + _ASSESSMENT).plans[0]
    assert [[(o.name, o.role) for o in t.owners] for t in plan.tasks] == [
        [("县渔业局", "lead"), ("县农业局", "support")],
        [("县农业局", "lead")],
        [("县农业局", "lead")],
        [("县农业局", "lead")],
    ]
    # a value 0 assigns nothing: no target
    assert [[(x.kind, x.op, x.value, x.unit) for x in t.targets] for t in plan.tasks] == [
        [("growth", ">=", 2.0, "%")],
        [("level", "=", 0.07, "万亩")],
        [],
        [("level", "=", 42.0, "万吨")],
    ]


def test_the_last_row_cut_by_the_end_of_the_text_is_still_a_row() -> None:
    text = _ASSESSMENT + "5\n推广新品种面积\n万亩\n由市科技局统筹安排\n县"
    plan = parse_text("2021年任务清单\n" + text).plans[0]
    assert plan.tasks[-1].heading.startswith("推广新品种面积")
    assert plan.tasks[-1].owners == ()


def test_a_quarter_under_a_column_name_dates_every_row_and_progress_is_not_read() -> None:
    # 工作任务安排 / 第二季度 (a two-row header), then 完成情况: the arrangement is due at the quarter's
    # end in the plan year (the first line names it); the progress column gives no target
    text = (
        "某镇2024年度重点工作计划二季度执行情况\n序号\n重点工作\n责任\n领导\n责任\n科室\n攻坚目标\n任务\n"
        "工作任务安排\n第二季度\n完成情况\n"
        "1\n水库工程政策处理\n张三\n工作领导小组\n完成政策处理工作。\n推进迁移工作。\n迁移进度达60%。\n"
        "2\n美丽城镇\n李四\n乡村振兴办\n创建美丽城镇。\n开展项目建设。\n完成投资3000万元。\n"
    )
    assert [c.role for c in cell_rows(text)[0].cells] == [
        "no", "task", "person", "责任单位", "content", "content", "other",
    ]  # fmt: skip
    plan = parse_text(text).plans[0]
    assert [[(d.year, d.month) for d in t.deadlines] for t in plan.tasks] == [[(2024, 6)], [(2024, 6)]]
    assert plan.targets == ()


def test_quarter_columns_one_cell_a_line() -> None:
    text = (
        "2024年重点任务清单\n序号\n|\n重点任务\n|\n责任单位\n|\n一季度\n|\n二季度\n|\n三季度\n|\n四季度\n|\n"
        "1\n|\n建设产业园\n|\n县发改局\n|\n完成选址\n|\n开工建设\n|\n主体完工\n|\n投入使用\n|\n"
    )
    assert [c.role for c in cell_rows(text)[0].cells] == ["no", "task", "责任单位", "q1", "q2", "q3", "q4"]
    task = parse_text(text).plans[0].tasks[0]
    assert [(d.year, d.month) for d in task.deadlines] == [(2024, 3), (2024, 6), (2024, 9), (2024, 12)]


def test_an_assessment_list_in_traditional_script_reads_the_same() -> None:
    import opencc  # noqa: PLC0415 - the converter the traditional-script gold was made with

    traditional = opencc.OpenCC("s2t").convert(_ASSESSMENT)
    assert [c.role for c in cell_rows(traditional)[0].cells] == [
        c.role for c in cell_rows(_ASSESSMENT)[0].cells
    ]


def test_a_unit_name_broken_before_its_ending_is_joined() -> None:
    text = "序号\n重点工作\n责任单位\n完成时限\n1\n建设产业园\n县发改\n局\n9月底前\n2\n引进项目5个\n县商务局\n年底前\n"
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["县发改局"], ["县商务局"]]
    assert tasks[0].heading == "建设产业园"


def test_a_list_of_dated_targets_with_an_owner_column_is_a_task_list() -> None:
    # 沙坪坝 附件1: "2022年预期目标" names the item column; each owned target row is a task
    text = "序号\n\n2022年预期目标\n\n责任单位\n\n1\n\n地区生产总值增长5.5%左右\n\n区发展改革委\n\n2\n\n区级税收增长6%左右\n\n区税务局\n"
    tasks = parse_text(text).plans[0].tasks
    assert [(t.heading, [(o.name, o.role) for o in t.owners]) for t in tasks] == [
        ("地区生产总值增长5.5%左右", [("区发展改革委", "lead")]),
        ("区级税收增长6%左右", [("区税务局", "lead")]),
    ]
    assert [(x.kind, x.value) for x in tasks[0].targets] == [("growth", 5.5)]


def test_the_last_row_stops_before_the_text_after_the_table() -> None:
    # "附件2" and the next table's title are not a sub-row of the last row; a lone "|" on a page
    # line ("字体:【 默认 超大 |") marks no cells
    text = (
        "字体:【 默认 超大 |\n序号\n工作任务\n责任单位\n1\n建设水库。\n县水务局\n附件2\n重点工作任务分解表\n"
        "序号\n工作任务\n牵头单位\n配合单位\n1\n联动共建科学城\n推动实验室落地,引进研发机构、中科"
    )
    rows = cell_rows(text)
    assert [text[c.start : c.end] for c in rows[0].cells] == ["1", "建设水库。", "县水务局"]
    # the text ends inside the first row of the second table: a row all the same, its owners cut
    assert [c.role for c in rows[1].cells] == ["no", "task", "task"]


def test_a_progress_report_row_reads_its_lead_and_support_cells() -> None:
    # 落实情况 table: "牵头责任" / "单位" is one column name; a list of units closed by "。" is the
    # 协同 cell (a one-unit line before it filled the 牵头 cell); the progress columns give nothing
    text = (
        "序号\n\n督查内容\n\n牵头责任\n\n单位\n\n协同责任单位\n\n落实情况\n\n完成状态\n\n"
        "1\n\n地区生产总值增长8.5%以上。\n\n市发改委\n\n市政府各部门、各直属机构。\n\n全年增长11%,居全省第2位\n\n已完成\n"
    )
    (task,) = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in task.owners] == [
        ("市发改委", "lead"),
        ("市政府各部门", "support"),
        ("各直属机构", "support"),
    ]
    assert [(x.kind, x.value) for x in task.targets] == [("growth", 8.5)]


def test_a_report_keeps_the_plans_numbers_and_spaces_separate_the_lead_units() -> None:
    # 落实情况 with "|" marks: rows 145 and 249 of the plan; every unit of the 牵头单位 cell leads, also
    # when only a space separates them; the progress column ("上半年,…达99.69%") gives no deadline or target
    text = (
        "序号 |\n主要任务 |\n牵头单位 |\n落实情况 |\n"
        "145 |\n严格执行公共空间治理导则。 |\n市自规局、市住建局 市商务局 |\n开展净城行动,解决问题2.2万余个。 |\n"
        "249 |\n支持地震、气象事业发展。 |\n市地震局 市气象局 |\n上半年,监测台站综合运行率达99.69%。 |\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("市自规局", "lead"), ("市住建局", "lead"), ("市商务局", "lead")],
        [("市地震局", "lead"), ("市气象局", "lead")],
    ]
    assert [(t.deadlines, t.targets) for t in tasks] == [((), ()), ((), ())]


def test_a_unit_name_broken_over_two_lines_is_one_name() -> None:
    # "市生态" / "环境局": the second line cannot open a name; "全市统筹" / "县海洋与渔业局" are two cells
    text = (
        "序号\n\n重点工作\n\n牵头责任单位\n\n上半年落实情况\n\n"
        "1\n\n生活污水治理率达30%。\n\n市生态\n\n环境局\n\n截至6月底,已完成50个。\n"
    )
    (task,) = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in task.owners] == [("市生态环境局", "lead")]


def test_an_unnumbered_row_ends_at_its_owner_cell_and_a_cut_item_after_it_is_its_own_task() -> None:
    # 工作任务 / 具体要求 / 牵头落实单位 one cell a line: a text line after the owner cell is not in
    # it (the last column holds units), it opens the next item
    text = (
        "分工方案\n\n工作任务\n\n具体要求\n\n牵头落实单位\n\n一、加强预期引导\n\n1.科学制定年度计划。\n\n"
        "市发展改革局\n\n2.以网站、公众号等为主渠道,"
    )
    assert [(t.text[:8], [o.name for o in t.owners]) for t in parse_text(text).plans[0].tasks] == [
        ("一、加强预期引导", ["市发展改革局"]),
        ("以网站、公众号等", []),
    ]


def test_a_report_picks_tasks_by_the_plans_own_numbers() -> None:
    # 进展情况表 one cell a line: rows 1, 30, 37 of the plan; each number before a task's sentence opens a row
    text = (
        "序号\n\n具体任务与要求\n\n进展情况\n\n牵头单位\n\n牵头领导\n\n"
        "1\n\n确保新增规上工业企业25家。\n\n已指导24家企业申报。\n\n县发改局\n\n县科技局\n\n刘海韵\n\n"
        "30\n\n放大人才集聚力。新增高层次人才30人。\n\n组织5名人才申报。\n\n县科技局\n\n县人社局\n\n"
        "37\n\n健全平台建设全链条,新增省市级科研平台14家。\n\n新增市级以上创新平台6个。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("县发改局", "lead"), ("县科技局", "lead")],
        [("县科技局", "lead"), ("县人社局", "lead")],
        [],
    ]
    assert [[x.value for x in t.targets] for t in tasks] == [[25.0], [30.0], [14.0]]


def test_an_indicator_table_gives_plan_targets_from_its_goal_column() -> None:
    # 主要预期目标完成情况: the goal column's name gives kind and unit; the results column gives
    # nothing; a report's prose items ("1.有效内需持续扩大。…") and its prose figures are results
    text = (
        "关于2025年上半年计划执行情况的报告\n1.有效内需持续扩大。消费需求增长5.9%。\n"
        "主要预期目标完成情况\n|\n指标名称 |\n预期增长(%) |\n上半年完成(%) |\n|\n"
        "地区生产总值 |\n6左右 |\n4 |\n|\n城镇新增就业 |\n2.7万人以上 |\n1.34万人 |\n|\n"
        "居民消费价格涨幅 |\n与全省保持一致 |\n低于控制目标 |\n"
    )
    plan = parse_text(text).plans[0]
    assert plan.tasks == ()
    assert [(t.indicator, t.kind, t.op, t.value, t.unit) for t in plan.targets] == [
        ("地区生产总值", "growth", "=", 6.0, "%"),
        ("城镇新增就业", "net_increase", ">=", 2.7, "万人"),
    ]


def test_quarter_columns_of_a_two_row_header_stand_under_the_cell_spanning_them() -> None:
    # the header's first row names "阶段性目标" over four quarter columns, which the copy lists last
    text = "\n\n".join(
        ["序号", "目标任务", "阶段性目标", "主责部门", "配合部门", "第一季度", "第二季度", "第三季度", "第四季度",
         "1", "制定并部署稳增长方案。", "下发方案。", "召开会议。", "完成评估。", "总结。", "区发改委", "—"]
    )  # fmt: skip
    assert _cells(text, 0) == [
        ("no", "1"),
        ("task", "制定并部署稳增长方案。"),
        ("q1", "下发方案。"),
        ("q2", "召开会议。"),
        ("q3", "完成评估。"),
        ("q4", "总结。"),
        ("牵头单位", "区发改委"),
    ]
    task = parse_text("2019年重点工作目标\n\n一、经济发展\n\n" + text).plans[0].tasks[0]
    assert [(d.year, d.month) for d in task.deadlines] == [(2019, 3), (2019, 6), (2019, 9), (2019, 12)]


def test_unit_lines_of_a_row_without_serial_fill_the_owner_columns_from_the_last() -> None:
    # 主要工作任务 / 牵头单位 / 责任单位 with no 序号: the last unit line is the 责任 cell, the lines
    # before it the 牵头 cell (one unit a line)
    text = "\n\n".join(
        ["主要工作任务", "牵头单位", "责任单位",
         "1.壮大支撑企业,加快形成新质生产力。", "区发改局", "区工信局、区商务局",
         "2.大力发展战略性新兴产业。", "发改局", "区工信局", "各街道办事处"]
    )  # fmt: skip
    tasks = parse_text("2024年主要工作任务分解表\n\n" + text + "\n\n附件2").plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("区发改局", "lead"), ("区工信局", "support"), ("区商务局", "support")],
        [("发改局", "lead"), ("区工信局", "lead"), ("各街道办事处", "support")],
    ]


def test_a_unit_closed_by_a_bracket_is_a_unit_line() -> None:
    text = "\n\n".join(
        ["序号", "主要工作举措", "牵头单位", "配合单位",
         "1", "聚焦装备制造产业,扶持重点增资项目扩产。", "区工业和信息化局", "区管委会、各镇政府(街道办事处)"]
    )  # fmt: skip
    # (the column name "主要工作举措" is no title of a plan of its own)
    (plan,) = parse_text("2024年任务分解表\n\n" + text + "\n\n附件2").plans
    task = plan.tasks[0]
    assert [(o.name, o.role) for o in task.owners] == [
        ("区工业和信息化局", "lead"),
        ("区管委会", "support"),
        ("各镇政府（街道办事处）", "support"),
    ]


def test_a_supervisor_cell_after_the_time_cell_names_no_owner() -> None:
    text = "\n\n".join(
        ["序号", "重点工作", "责任领导", "责任单位", "完成时限", "监督方式",
         "1", "推进招商。", "李四", "区商务局、区发改委", "年底前", "区政府督查室", "附件2"]
    )  # fmt: skip
    task = parse_text("2023年重点工作任务分解表\n\n" + text).plans[0].tasks[0]
    assert [(o.name, o.role) for o in task.owners] == [("区商务局", "lead"), ("区发改委", "support")]


def test_a_unit_list_cut_by_the_end_of_the_excerpt_keeps_its_whole_names() -> None:
    text = "\n\n".join(
        ["主要工作任务", "牵头单位", "责任单位",
         "1.开展数字核心产业提升行动。", "区发改局", "区工信局", "区投促局、多福湾工作专"]
    )  # fmt: skip
    task = parse_text("2024年主要工作任务分解表\n\n" + text).plans[0].tasks[0]
    assert [(o.name, o.role) for o in task.owners] == [
        ("区发改局", "lead"),
        ("区工信局", "lead"),
        ("区投促局", "support"),  # the cut "多福湾工作专" is no owner
    ]


def test_as_many_lines_as_columns_is_one_line_a_cell() -> None:
    # one unit under 牵头单位 and one under 配合单位: not one 牵头 cell wrapped over two lines
    text = (
        "序号\n重点工作\n责任领导\n牵头单位\n配合单位\n完成时限\n1\n推进园区建设。\n张三\n区发改委\n区财政局\n2023年9月底前\n"
        "2\n强化招商引资。\n李四\n区商务局\n区财政局、区税务局\n年底前"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("区发改委", "lead"), ("区财政局", "support")],
        [("区商务局", "lead"), ("区财政局", "support"), ("区税务局", "support")],
    ]


def test_a_barred_row_one_text_cell_short_of_its_header() -> None:
    # 主要任务 and 全年目标任务 written as one cell: the person and the units still go under 分管领导 and
    # 牵头单位; the progress cells past the header's names are no column and give no target
    text = (
        "2023年民生实事项目推进情况\n序号 |\n主要任务 |\n全年目标任务 |\n分管 领导 |\n牵头 单位 |\n责任主体与协同单位 |\n"
        "1-10月推进情况 |\n24 |\n优化提升50条背街后巷交通组织。 |\n徐国江 |\n城管局 |\n市政局、相关街道 |\n"
        "已进场施工,完成30%。 |\n25 |\n新建建筑垃圾中转站8个。 |\n徐国江 |\n城管局 |\n相关街道 |\n已建成中转站3个。 |\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [([(o.name, o.role) for o in t.owners], [x.value for x in t.targets]) for t in tasks] == [
        ([("城管局", "lead"), ("市政局", "support"), ("相关街道", "support")], []),
        ([("城管局", "lead"), ("相关街道", "support")], [8.0]),
    ]


def test_short_unit_names_without_a_level_fill_the_owner_column() -> None:
    # a 责任单位 cell of "万盛街道" / "东林街道" / "万东镇" (one a line) or "消防救援大队" is units
    text = (
        "万盛经开区2026年重点民生实事工作目标任务\n序号\n事项名称\n责任单位\n事项内容\n"
        "1\n实施中心城区生活服务圈建设\n万盛街道\n东林街道\n万东镇\n完成生活服务圈建设。\n"
        "2\n开展高层建筑消防安全能力建设\n消防救援大队\n全区高层建筑感知设备接入率达80%。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("万盛街道", "lead"), ("东林街道", "support"), ("万东镇", "support")],
        [("消防救援大队", "lead")],
    ]


def test_a_numbered_header_over_rows_without_numbers() -> None:
    # the 序号 column left empty on the page; the owner cell after the persons is a name the reader does
    # not know as a unit ("未来科技城(海创园)"), short and without a sentence
    text = (
        "2018年《政府工作报告》工作任务分解表\n序号\n重点工作任务\n牵头领导\n牵头单位\n"
        "未来科技城要围绕打造创新驱动策源地,深化与浙江大学的合作。\n祝振伟\n陈夏林\n未来科技城(海创园)\n"
        "临平新城要围绕打造时尚产业新地标,启动建设数字商贸城。\n祝振伟\n李敏华\n临平新城\n"
        "良渚新城要坚持城北副中心发展定位,加快建设。\n祝振伟\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [(t.heading[:6], [(o.name, o.role) for o in t.owners]) for t in tasks] == [
        ("未来科技城要", [("未来科技城（海创园）", "lead")]),
        ("临平新城要围", [("临平新城", "lead")]),
        ("良渚新城要坚", []),
    ]


def test_a_group_number_line_under_the_header_opens_a_group_not_a_column() -> None:
    # 拱墅: 项目名称 / 项目内容 / 责任单位 / 进展情况, then "(一)" and the group's name, which span its rows
    text = (
        "项目名称\n项目内容\n责任单位\n进展情况\n(一)\n经济社会发展主要预期目标\n"
        "地区生产总值增长6.5%以上\n区发改局、各街道\n正常进行中\n"
        "财政收入与经济增长基本同步\n区财政局、各街道\n正常进行中\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.text.split("\n")[0] for t in tasks] == [
        "地区生产总值增长6.5%以上",
        "财政收入与经济增长基本同步",
    ]
    assert [(o.name, o.role) for o in tasks[1].owners] == [("区财政局", "lead"), ("各街道", "support")]


def test_rows_between_two_numbers_keep_no_cell_of_the_spanning_columns() -> None:
    # 略阳: 责任股室 / (单位) is one column name; 指标 and 工作任务 two; the 完成时限 and owner cells of row 1
    # span rows 2 and 3, which are rows all the same; a 备注 column names no scorer
    text = (
        "序号\n指标\n工作任务\n完成时限\n责任领导\n责任股室\n(单位)\n备注\n"
        "1\n公共文化服务\n免费开放服务人次增长15%。\n12月底前\n夏俊贵\n文化宣传股\n文化馆\n图书馆\n"
        "2\n开展好“三下乡”活动。\n3\n推进总分馆制建设。\n"
    )
    assert [r for r, _ in _cells(text, 0)] == [
        "no",
        "target",
        "task",
        "完成时限",
        "person",
        *["责任单位"] * 3,
    ]
    tasks = parse_text(text).plans[0].tasks
    assert len(tasks) == 3
    assert [(o.name, o.role) for o in tasks[0].owners] == [
        ("文化宣传股", "lead"),
        ("文化馆", "support"),
        ("图书馆", "support"),
    ]
    assert tasks[1].owners == () and tasks[2].owners == ()


def test_a_unit_named_again_is_the_next_owner_column_and_leads() -> None:
    # 莲都: 责任单位 lists every unit, the lead among them; the 牵头单位 cell after it names the lead again
    text = (
        "序号\n事项\n责任单位\n牵头单位\n"
        "1\n地区生产总值增长6.5%以上。\n区农业农村局、区经商局、区发改局\n区发改局\n"
        "2\n区本级固定资产投资增长25%。\n区发改局\n区发改局\n"
    )
    assert [r for r, _ in _cells(text, 0)] == ["no", "task", "配合单位", "牵头单位"]
    first, second = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in first.owners] == [
        ("区农业农村局", "support"),
        ("区经商局", "support"),
        ("区发改局", "lead"),
    ]
    assert [(o.name, o.role) for o in second.owners] == [("区发改局", "lead")]


def test_a_schedule_cell_after_the_owners_gives_its_months_in_the_page_year() -> None:
    # 四川: "• 序号" (a page bullet), the 进度安排 cell "全年完成。其中:" then a paragraph per quarter, each
    # naming months; the page's date at its top (the day it was viewed) is no plan year, its stamp is
    text = (
        "2020-07-26\n分工方案\n• 2017年03月14日 11时17分\n• 序号\n重点工作\n牵头单位\n责任单位\n进度安排\n"
        "24\n抓好清单的实施,确保取得阶段性成效。\n科技厅\n省发展改革委、教育厅\n全年完成。其中:\n"
        "一季度:制定专项工作方案。1月,制定认定办法。\n二季度:召开推进会。4月,开展申报工作。\n"
        "三季度:督促检查。9月,组织实施清单项目。\n"
    )
    (task,) = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in task.owners][:2] == [("科技厅", "lead"), ("省发展改革委", "support")]
    assert sorted((d.year, d.month) for d in task.deadlines) == [(2017, m) for m in (1, 3, 4, 6, 9)]


def test_a_spanning_category_column_leaves_later_rows_filled_from_the_right() -> None:
    # 普陀: 类别 / 指标名称 / 年度目标 / 完成情况 / 责任部门; the 类别 cell only in its group's first row, the
    # 完成情况 value a result beside the 年度目标 one
    text = (
        "类别\n指标名称\n年度目标\n完成情况\n责任部门\n"
        "高质量发展\n1、地区生产总值增长率\n与市保持同步\n9.8%\n区发改委\n"
        "2、区级财政收入增长率\n6%以上\n28.97%\n区财政局\n"
    )
    assert [r for r, _ in _cells(text, 0)] == ["other", "task", "target", "other", "责任单位"]
    assert _cells(text, 1) == [
        ("task", "2、区级财政收入增长率"),
        ("target", "6%以上"),
        ("other", "28.97%"),
        ("责任单位", "区财政局"),
    ]


def test_chapter_lines_between_rows_are_headings_and_kind_named_units_are_owners() -> None:
    # 谯城: a 分解表 broken into chapters, where chapters without a row of the unit's own stand one after
    # another between two 序号; a 协同配合单位 cell lists named units and units named by kind alone
    text = (
        "序号\n重点工作任务\n主要责任单位\n协同配合单位\n一、主要预期目标\n"
        "3\n固定资产投资增长7.5%左右。\n区发改委\n区工信局、区住建局,各乡镇人民政府、街道办事处,区经开区管委会。\n"
        "二、全力以赴扩投资、优服务,筑牢经济增长根基\n三、全力以赴延链条、壮集群,构建现代产业体系\n"
        "68\n持续推进学前教育普及普惠。\n区教育局\n区政府有关部门。\n"
        "69\n深化教育合作,积极引进优质教育资源。\n区教育局\n区投资促进中心。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [t.text.split("\n")[0] for t in tasks] == ["3", "68", "69"]
    assert [(o.name, o.role) for o in tasks[0].owners] == [
        ("区发改委", "lead"),
        ("区工信局", "support"),
        ("区住建局", "support"),
        ("各乡镇人民政府", "support"),
        ("街道办事处", "support"),
        ("区经开区管委会", "support"),
    ]
    assert [(o.name, o.role) for o in tasks[2].owners] == [
        ("区教育局", "lead"),
        ("区投资促进中心", "support"),
    ]


def test_a_rows_work_items_each_with_its_quarter_stay_in_the_row() -> None:
    # 武汉 经信委: 序号 / 重点工作 / 工作措施 / 完成时限 / 责任领导 / 责任处室, the row's 工作措施 items
    # "1、…" / "一季度" then, after the owner cells, "2、…" / "二季度" and "3、…" / "三季度"
    text = (
        "2018年重点工作\n序号\n重点工作\n工作措施\n完成时限\n责任领导\n责任处室\n"
        "1\n加快发展先进制造业。\n1、研究制定示范区创建方案。\n一季度\n祝方东\n综合规划处会同\n科学技术处、\n"
        "新兴产业处、\n投资技改处\n"
        "2、跟踪示范区创建工作进度。\n二季度\n3、开展试点示范城市建设总结评估。\n三季度\n"
    )
    (task,) = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in task.owners][:2] == [("综合规划处", "lead"), ("科学技术处", "support")]
    assert sorted((d.year, d.month) for d in task.deadlines) == [(2018, 3), (2018, 6), (2018, 9)]


def test_a_table_flattened_into_one_line_reads_as_its_rows_under_the_groups_owner_note() -> None:
    # 重庆 营商环境 任务清单: the page flattened the table, cells apart by runs of blanks; a dated task column;
    # a group heading whose only words after its title are its 牵头 note
    text = (
        "序号   2025年度工作任务   责任单位   一、对标先进优化提升专项行动   (一)市场准入(牵头单位:市市场监管局)"
        "   1   加快建设数字应用,强化服务企业支撑。   市市场监管局   2   深化注册资本认缴登记制度改革,规范出资。"
        "   市市场监管局\n"
    )
    doc = parse_text(text)
    assert doc.text == text  # the reviewer sees the page as copied
    tasks = doc.plans[0].tasks
    assert [(t.heading[:8], [(o.name, o.role) for o in t.owners]) for t in tasks] == [
        ("加快建设数字应用", [("市市场监管局", "lead")]),
        ("深化注册资本认缴", [("市市场监管局", "lead")]),
    ]
    assert all(text[t.span[0] : t.span[1]].strip() for t in tasks)


def test_numbered_sub_items_of_a_row_each_with_their_owner_cells_are_rows_of_their_own() -> None:
    # 钟楼 分解表: 序号 / 目标名称 / 工作标准 / 分管领导 / 牵头单位 / 配合单位; under one 序号 each "(n)" sub-item is
    # followed by its own cells; a unit broken over two lines ("应急管理局" / "(安委办)") is one; a sub-item
    # with no cells of its own has no owner (they span it from the one above)
    text = (
        "序号\n目标名称\n工 作 标 准\n区政府\n分管领导\n牵头单位\n配合单位\n"
        "1\n全区经济社会发展的主要预期目标\n(1)地区生产总值增长6%左右。\n王旭锋\n发改局\n经开区\n各街道\n"
        "(2)一般公共预算收入增长3%以上。\n财政局\n(3)居民人均可支配收入增速与经济增速同步。\n"
        "(4)安全生产形势平稳向好。\n谢志诚\n应急管理局\n(安委办)\n区安委会各成员单位\n"
    )
    # (a text ending in a name not closed as a unit's would read as cut by the excerpt: a sign-off closes it)
    tasks = parse_text(text + "\n区政府办公室\n2024年2月1日\n").plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("发改局", "lead"), ("经开区", "support"), ("各街道", "support")],
        [("财政局", "lead")],
        [],
        [("应急管理局（安委办）", "lead"), ("区安委会各成员单位", "support")],
    ]
    assert [t.heading[:6] for t in tasks] == ["(1)地区生", "(2)一般公", "(3)居民人", "(4)安全生"]


def test_the_last_row_of_a_table_ends_where_the_next_tables_header_starts() -> None:
    # 鄞州 分解清单: a table per leader's group, each under its heading and its own header
    text = (
        "一、区长牵头重点工作\n序号\n目标任务\n牵头单位\n配合单位\n1\n推进乡债县管\n区财政局\n各镇(街道)\n\n"
        "二、常务副区长牵头重点工作\n序号\n目标任务\n牵头单位\n配合单位\n1\n地区生产总值增长6%左右\n区发改局\n"
        "各镇(街道、园区)\n2\n居民收入增速与经济增长同步\n区发改局\n"
    )
    assert _cells(text, 0)[-1] == ("配合单位", "各镇(街道)")
    tasks = parse_text(text).plans[0].tasks
    owners = {t.heading: [(o.name, o.role) for o in t.owners] for t in tasks}
    assert owners["推进乡债县管"] == [("区财政局", "lead"), ("各镇（街道）", "support")]
    assert owners["地区生产总值增长6%左右"] == [("区发改局", "lead"), ("各镇（街道、园区）", "support")]
    assert owners["居民收入增速与经济增长同步"] == [("区发改局", "lead")]


def test_a_barred_table_without_numbers_reads_a_row_at_each_bar_line_of_its_own() -> None:
    # 谯城 镇: 工作任务 spans its group's rows; the excerpt cuts the last row before its owner cell
    text = (
        "|\n工作任务\n|\n具体内容\n|\n责任部门\n|\n|\n推进政策公开\n|\n公开惠民资金发放等领域信息。\n|\n"
        "财政所、便民综合服务中心等\n|\n|\n积极探索特定群体的线下公开渠道。\n|\n便民综合服务中心\n|\n"
        "|\n提升解读咨询水平\n|\n拓展线下解读渠道,提供面对面政策解读。\n|\n党政办公室\n|\n|\n畅通政策咨询渠道,整合"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [(t.heading[:8], [(o.name, o.role) for o in t.owners]) for t in tasks] == [
        ("公开惠民资金发放", [("财政所", "lead"), ("便民综合服务中心", "support")]),
        ("积极探索特定群体", [("便民综合服务中心", "lead")]),
        ("拓展线下解读渠道", [("党政办公室", "lead")]),
        ("畅通政策咨询渠道", []),
    ]


def test_a_decision_catalog_reads_its_matter_owner_and_planned_date() -> None:
    # a 重大行政决策事项目录, one line as a page copies it: 承办科室 owns the matter, 计划完成时间 dates it;
    # 法律政策依据, 履行程序要求 and 决策主体 are columns of nothing devzone tracks
    text = (
        "2025年度某镇重大行政决策事项目录\n"
        "序号 | 重大行政决策事项名称 | 决策主体 | 承办科室 | 法律政策依据 | 履行程序要求 | 计划完成时间 | "
        "1 | 2025年杜鹃花节 | 某镇人民政府 | 某镇社会事务服务办公室 | 某县全域旅游实施意见 | "
        "1.公众参与 2.合法性审查 | 2025年4月 |\n"
    )
    (task,) = parse_text(text).plans[0].tasks
    assert "杜鹃花节" in task.text
    assert [(o.name, o.role) for o in task.owners] == [("某镇社会事务服务办公室", "lead")]
    assert [(d.year, d.month) for d in task.deadlines] == [(2025, 4)]


def test_a_record_laid_out_as_a_form_is_one_task_of_its_owner_field() -> None:
    # a 整改 公示 prints its record as a form, each field's name on a line over its value: one task, owned as
    # a 责任单位 cell is (first unit lead, the rest support), dated by its 整改时限; the problem's figures are
    # what was found, and the measures under 整改措施 are part of the task, not tasks of their own
    text = (
        "关于督察整改任务销号的公示\n整改任务\n河长巡查流于形式。2025年,镇、村两级河长巡查522次。\n"
        "责任单位\n成安县水利局、市生态环境局成安县分局、商城镇\n整改时限\n2025年12月底前\n"
        "整改措施\n(一)强化履职监督。加强河长履职能力培训。\n(二)加强排查整治。\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert len(tasks) == 1
    assert [(o.name, o.role) for o in tasks[0].owners] == [
        ("成安县水利局", "lead"),
        ("市生态环境局成安县分局", "support"),
        ("商城镇", "support"),
    ]
    assert [(d.year, d.month) for d in tasks[0].deadlines] == [(2025, 12)]
    assert not tasks[0].targets


def test_a_barred_table_under_its_notice_with_an_empty_progress_column() -> None:
    # the notice's lines over a "|" table are no part of its first column's name ("…印发给你们。" / "主要任务 |"),
    # the first row follows the header's last name, a group's heading across the table ("一、… |" / "||||") is
    # no row, and the 完成进展 column left empty on every row does not stop the rows: each row's 责任单位 and
    # 完成时限 cells are read
    text = (
        "安康市安全生产委员会办公室\n关于印发任务清单的通知\n现将任务清单印发给你们,请认真抓好贯彻落实。\n"
        "2021年1月18日\n2021年安康市安全生产工作任务清单\n"
        "主要任务 |\n重点工作和要求 |\n责任单位 |\n完成时限 |\n完成进展 |\n一、加强安全生产工作安排部署 |\n||||\n"
        "(一)制定工作任务清单。 |\n1.制定全市安全生产工作任务清单,分解落实到县区、部门。 |\n市安委办 |\n1月20日前 |\n|\n|\n"
        "2.制定行业领域安全生产工作任务清单,并报市安委办。 |\n市级各专委会办公室、市生态环境局 |\n2月10日前 |\n|\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("市安委办", "lead")],
        [("市级各专委会办公室", "lead"), ("市生态环境局", "support")],
    ]
    assert [[(d.year, d.month) for d in t.deadlines] for t in tasks] == [[(2021, 1)], [(2021, 2)]]


def test_a_number_cell_barred_on_both_sides_opens_its_row() -> None:
    # 谯城: "| 序号 |" and "| 1 |", the other cells closed by " |"; 实施部门 supports, 实施步骤 is a schedule
    text = (
        "| 序号 |\n责任单位 |\n考核指标 |\n实施部门 |\n实施步骤 |\n完成时限 |\n"
        "| 1 |\n区民政局 |\n按月发放临时救助金。 |\n低保中心 |\n按季度序时推进 |\n2025年12月底 |\n"
        "| 2 |\n区民政局 |\n按月发放低保金。 |\n低保中心 |\n按季度序时推进 |\n2025年12月底 |\n"
    )
    assert [text[c.start : c.end] for c in cell_rows(text)[1].cells][:3] == [
        "2",
        "区民政局",
        "按月发放低保金。",
    ]
    task = parse_text(text).plans[0].tasks[0]
    assert [(o.name, o.role) for o in task.owners] == [("区民政局", "lead"), ("低保中心", "support")]
    assert (task.deadlines[0].year, task.deadlines[0].month) == (2025, 12)


def test_a_time_progress_column_dates_its_rows_even_with_spaced_figures() -> None:
    # 遂宁: 时间进度 is when the row is due; a PDF spaced the year from 年 ("2016 年底前")
    text = "|\n序号\n|\n工作任务\n|\n负责部门\n|\n时间进度\n|\n|\n1\n|\n完善城市工作机制\n|\n市住建局\n|\n2016 年底前\n|\n"
    task = parse_text(text).plans[0].tasks[0]
    assert [(d.year, d.month) for d in task.deadlines] == [(2016, 12)]


def test_a_barred_rows_sub_row_figures_are_no_serial_numbers() -> None:
    # "1 | 促进就业 | … | 县人社局 | 1063 | 4 | 4 | 100% | 2 | …": a sub-row's figures at a row's length from the
    # 序号 are values, not the next 序号 (a 序号 opens a row of text); a row whose sub-rows run long is not the
    # table's end while the next 序号 follows
    text = (
        "序号 |\n项目名称 |\n目标任务 |\n牵头单位 |\n累计完成 |\n"
        "1 |\n促进重点群体稳定就业 |\n城镇新增就业1100人 |\n县人社局 |\n1063 |\n4 |\n4 |\n100% |\n"
        "2 |\n支持毕业生求职创业 |\n发放求职创业补贴 |\n县人社局 |\n600 |\n"
        "3 |\n放心家政行动 |\n培训家政服务人员613人次 |\n县科商工信局 |\n626 |\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [[o.name for o in t.owners] for t in tasks] == [["县人社局"], ["县人社局"], ["县科商工信局"]]
    assert [t.text.split("|")[1].strip() for t in tasks] == [
        "促进重点群体稳定就业",
        "支持毕业生求职创业",
        "放心家政行动",
    ]
