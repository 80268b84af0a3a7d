from __future__ import annotations

from devzone.plans.parse import parse_text
from devzone.plans.texttable import RowIndex, column_roles, split_cells, table_rows

TABLE = (
    "序号\t任务\t牵头单位\t配合单位\t完成时限\n"
    "一、政务服务提质（共2项）\n"
    "1\t推行企业开办一日办结\t区行政审批局\t区市场监管局、区税务局\t2024年3月底前\n"
    "2   深化一网通办   区行政审批局   —   2024年6月\n"
    "\n"
    "说明：完成时限为“每月”的任务，按月报送进展。\n"
    "3\t不是表格的行\t甲\t乙\t丙\n"
)


def test_header_needs_known_columns_with_a_task_and_an_owner_or_time_column() -> None:
    assert column_roles(["序号", "重点任务", "责任部门", "完成时间"]) == {
        0: "no",
        1: "task",
        2: "责任单位",
        3: "完成时限",
    }
    assert column_roles(["序号", "任务", "协同部门"]) == {0: "no", 1: "task", 2: "配合单位"}
    assert column_roles(["序号", "牵头单位", "完成时限"]) is None


def test_cells_split_on_tabs_and_runs_of_spaces() -> None:
    line = "4    设立反映窗口\t区行政审批局  —\t长期"
    assert [line[a:b] for a, b in split_cells(line, 0, len(line))] == [
        "4",
        "设立反映窗口",
        "区行政审批局",
        "—",
        "长期",
    ]
    # one space is part of a cell
    line = "甲 乙\t丙"
    assert [line[a:b] for a, b in split_cells(line, 0, len(line))] == ["甲 乙", "丙"]


def test_rows_under_a_header_until_a_long_line_ends_the_table() -> None:
    rows = table_rows(TABLE)
    assert [TABLE[r.cells[1].start : r.cells[1].end] for r in rows] == [
        "推行企业开办一日办结",
        "深化一网通办",
    ]
    assert [(c.role, TABLE[c.start : c.end]) for c in rows[1].cells] == [
        ("no", "2"),
        ("task", "深化一网通办"),
        ("牵头单位", "区行政审批局"),
        ("配合单位", "—"),
        ("完成时限", "2024年6月"),
    ]


def test_row_without_its_number() -> None:
    text = "序号\t任务\t责任单位\n推行一日办结\t区行政审批局、区税务局\n"
    (row,) = table_rows(text)
    assert [(c.role, text[c.start : c.end]) for c in row.cells] == [
        ("task", "推行一日办结"),
        ("责任单位", "区行政审批局、区税务局"),
    ]


def test_no_header_no_rows_and_index_lookup() -> None:
    assert table_rows("1\t推行\t区行政审批局\t年内\n") == []
    index = RowIndex.of(TABLE)
    first = TABLE.index("1\t推行")
    assert index.at(first + 3) is not None and index.at(first + 3).start == first
    assert index.at(0) is None
    assert index.at(TABLE.index("说明")) is None


def test_header_names_are_read_by_their_words() -> None:
    # 主要责任单位 / 协同配合单位: the first column leads; a person column is named, not an owner
    assert column_roles(["序号", "重点工作任务", "主要责任单位", "协同配合单位"]) == {
        0: "no",
        1: "task",
        2: "牵头单位",
        3: "配合单位",
    }
    assert column_roles(["序号", "重点工作", "责任领导", "责任单位", "完成时限", "监督方式"]) == {
        0: "no",
        1: "task",
        2: "person",
        3: "责任单位",
        4: "完成时限",
        5: "other",
    }
    # one name it cannot read, beside a 序号 and an owner column, is the item text
    assert column_roles(["序号", "民生实事", "责任单位", "完成时限"])[1] == "task"


def test_bar_separated_rows() -> None:
    text = "序号 | 任 务 名 称 | 指 标 要 求 | 牵 头 部 门 |\n1 | 地区生产总值 | 增长5.5% | 区发改局 |\n"
    (row,) = table_rows(text)
    assert [(c.role, text[c.start : c.end]) for c in row.cells] == [
        ("no", "1"),
        ("task", "地区生产总值"),
        ("target", "增长5.5%"),
        ("牵头单位", "区发改局"),
    ]


def test_single_spaced_row_with_cells_wrapped_over_lines() -> None:
    # a web page copied as text: one space between cells, the lead cell broken over two lines
    text = (
        "序号 重点工作任务 主要责任单位 协同配合单位\n"
        "2 一般公共预算收入增长5%左右。 区财政局\n区税务局\n区政府有关部门,各乡镇人民政府。\n"
        "3 固定资产投资增长7.5%左右。 区发改委 区工信局、区住建局。\n"
    )
    first, second = table_rows(text)
    assert [(c.role, text[c.start : c.end]) for c in first.cells] == [
        ("no", "2"),
        ("task", "一般公共预算收入增长5%左右。"),
        ("牵头单位", "区财政局"),
        ("牵头单位", "区税务局"),
        ("配合单位", "区政府有关部门,各乡镇人民政府。"),
    ]
    assert [c.role for c in second.cells] == ["no", "task", "牵头单位", "配合单位"]


def test_a_numbered_bar_row_may_lack_its_last_cells() -> None:
    text = "序号 | 任务名称 | 牵头部门 | 配合部门 | 目标类型 |\n2 | 服务业增加值 | 区发改局 | 区财政局、区统计局\n"
    (row,) = table_rows(text)
    assert [c.role for c in row.cells] == ["no", "task", "牵头单位", "配合单位"]


def test_quarter_columns_give_each_node_its_quarters_end_in_the_plan_year() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - deadlines need the plan's year

    text = (
        "2024年重点任务清单\n序号\t重点任务\t责任单位\t一季度\t二季度\t三季度\t四季度\n"
        "1\t建设产业园\t县发改局\t完成选址\t开工建设\t主体完工\t投入使用\n"
        "2\t招商引资\t县商务局\t—\t签约2个项目\t—\t签约5个项目\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(d.year, d.month, d.text) for d in t.deadlines] for t in tasks] == [
        [(2024, 3, "完成选址"), (2024, 6, "开工建设"), (2024, 9, "主体完工"), (2024, 12, "投入使用")],
        [(2024, 6, "签约2个项目"), (2024, 12, "签约5个项目")],
    ]
    assert [o.name for o in tasks[1].owners] == ["县商务局"]


def test_a_bracketed_column_name_reads_as_its_words() -> None:
    assert column_roles(["序号", "重点工作（任务）", "牵头单位", "完成时间"]) == {
        0: "no",
        1: "task",
        2: "牵头单位",
        3: "完成时限",
    }


def test_an_owner_name_cut_by_the_end_of_the_excerpt_is_left_out() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the cut is at the end of the whole text

    text = "序号\t任务\t完成时限\t责任单位\n1\t建设园区\t年底前\t区发改委、区财政局\n2\t增加收入\t年底前\t区人社局、谯城经开"
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["区发改委", "区财政局"], ["区人社局"]]


def test_rows_under_a_task_cell_that_spans_rows_and_the_roles_of_a_responsibility_cell() -> None:
    # 政务公开 分工表: the 工作任务 cell is written in the group's first row only (its heading "(一)…"),
    # the next rows start at 具体要求. "A、B,C负责" → all lead; "A牵头,B,C负责" → A lead, B and C support
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the layout is read by the whole pipeline

    text = (
        "工作任务 | 具体要求 | 责任单位 |\n"
        "(一)推进政务公开 | 1.及时公开常务会议决定的事项。 | 市政府办公室、市有关单位,各县(市、区)人民政府负责 |\n"
        "2. 制定政策文件要明确公开规定。 | 市法制局牵头,市有关单位,各县(市、区)人民政府负责 |\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("市政府办公室", "lead"), ("市有关单位", "lead"), ("各县（市、区）人民政府", "lead")],
        [("市法制局", "lead"), ("市有关单位", "support"), ("各县（市、区）人民政府", "support")],
    ]
    assert "及时公开常务会议决定的事项" in tasks[0].text


def test_a_bar_row_whose_owner_cell_wrapped_onto_the_next_line_is_one_row() -> None:
    # "| |" closing the header and the rows; the last cell of a long row on the next line; every unit
    # of a 牵头落实科室 cell leads
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the layout is read by the whole pipeline

    text = (
        "全市工作任务 | 具体要求 | 具体措施 | 牵头落实科室 | |\n"
        "一、加大主动公开力度 | (一)决策前公布草案。 | 1.重大决策预公开。公开征集意见。 |\n产业政策科 | |\n"
        "(二)推进提案办理结果公开。 | 在平台及时公开答复。 | 办公室 | ||\n"
        "(三)把重点领域信息纳入目录 | 1.纳入目录; 2.在年报中公布。 |\n各科室、办公室 | ||\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("产业政策科", "lead")],
        [("办公室", "lead")],
        [("各科室", "lead"), ("办公室", "lead")],
    ]
    assert [len(r.cells) for r in table_rows(text)] == [4, 3, 3]
    # a row is read whole, from its first cell: "(三)把…" tells it apart from its 具体要求 "1.纳入目录"
    assert tasks[2].text.startswith("(三)把重点领域")


def test_a_bar_line_with_text_in_its_first_cell_only_continues_the_row_above() -> None:
    # 一季度目标 column: the row is due at the end of the first quarter of the plan year
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the layout is read by the whole pipeline

    text = (
        "2023年度民生实事一季度进展情况\n序号 | 工作任务 | 责任单位 | 一季度目标 | 进展情况 |\n"
        "1 | 新改扩建公办中小学校1所 | 教体局 | 室内安装 | 完成80%。 |\n新增学位810个 | ||||\n"
        "2 | 完成结对帮扶学校2所 | 教体局 | 互派人员 | 已互派。 |\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(x.kind, x.value) for x in t.targets] for t in tasks] == [
        [("level", 1.0), ("net_increase", 810.0)],
        [("level", 2.0)],
    ]
    assert [[(d.year, d.month) for d in t.deadlines] for t in tasks] == [[(2023, 3)], [(2023, 3)]]


def test_cells_separated_by_single_ideographic_spaces() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the rows become tasks

    text = "序号　重点工作　牵头单位　配合单位　完成时限\n1　建设园区道路。　区住建局　区财政局　6月底前\n2　推进招商。　区商务局　—　年底前"
    tasks = parse_text("2023年重点工作\n" + text).plans[0].tasks
    assert [([o.name for o in t.owners], [(d.year, d.month) for d in t.deadlines]) for t in tasks] == [
        (["区住建局", "区财政局"], [(2023, 6)]),
        (["区商务局"], [(2023, 12)]),
    ]


def test_a_rate_cell_reads_its_kind_from_the_rows_name_cell() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the rows become tasks

    text = "2023年目标任务分解表\n序号 工作任务 目标值 责任单位\n1 地区生产总值增长 6%以上 区发改局\n2 固定资产投资增长 8% 区发改局"
    tasks = parse_text(text).plans[0].tasks
    assert [[(x.kind, x.op, x.value) for x in t.targets] for t in tasks] == [
        [("growth", ">=", 6.0)],
        [("growth", "=", 8.0)],  # the last row at the end of the text is a row, not a sign-off
    ]


def test_an_indicator_table_with_a_unit_and_a_value_column() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the rows become tasks

    text = "\n".join(
        ["2023年目标任务分解表", "序号", "指标名称", "单位", "目标值", "责任单位",
         "1", "地区生产总值增速", "%", "6", "区发改局", "2", "规上工业增加值", "亿元", "120", "区工信局", "附件"]
    )  # fmt: skip
    tasks = parse_text(text).plans[0].tasks
    assert [[(x.kind, x.value, x.unit) for x in t.targets] for t in tasks] == [
        [("growth", 6.0, "%")],
        [("level", 120.0, "亿元")],
    ]


def test_a_table_with_bars_at_both_ends_and_a_rule_under_its_header() -> None:
    # as a page converted to text draws it: "| 序号 | … |", then "| --- | --- |"
    text = (
        "2023年重点工作任务分解表\n| 序号 | 重点工作 | 牵头单位 | 配合单位 | 完成时限 |\n| --- | --- | --- | --- | --- |\n"
        "| 1 | 推进园区建设 | 区发改委 | 区财政局 | 9月底前 |\n| 2 | 强化招商引资 | 区商务局 | 区财政局、区税务局 | 年底前 |"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [
        (t.heading, [(o.name, o.role) for o in t.owners], [(d.year, d.month) for d in t.deadlines])
        for t in tasks
    ] == [
        ("推进园区建设", [("区发改委", "lead"), ("区财政局", "support")], [(2023, 9)]),
        (
            "强化招商引资",
            [("区商务局", "lead"), ("区财政局", "support"), ("区税务局", "support")],
            [(2023, 12)],
        ),
    ]


def test_a_group_cell_before_the_serial_spans_rows_and_each_row_is_a_task() -> None:
    # 大类 | 序号 | …: the group cell opens the first row only; the rows under it start at their 序号; the
    # 牵头单位及主要负责人 column names the unit, then its head; "每人每月609元" is an amount, not a schedule
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the layout is read by the whole pipeline

    text = (
        "大类 | 序号 | 工作任务 | 分管 市领导 | 牵头单位及 主要负责人 | 落实进展情况 |\n"
        "一、提高民生保障水平 | 1 | 将低保补差水平提高到每人每月609元。 | 陈宣群 | 市民政局 伍泽国 | 已完成。 |\n"
        "2 | 特困供养人员基本生活标准不低于低保标准的1.6倍。 | 陈宣群 | 市民政局 伍泽国 | 已完成。 |\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [[("市民政局", "lead")]] * 2
    assert "特困供养" in tasks[1].text and not any(t.deadlines for t in tasks)


def test_the_rows_of_a_project_under_its_spanning_name_cell_are_one_task() -> None:
    # 项目名称 | 工作任务 | 计划完成时间 | 牵头单位: a project's name cell spans its rows; a row short of
    # cells sits where its cells fit ("2021.8" under the time column, "经开区" under the owner column)
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the layout is read by the whole pipeline

    text = (
        "项目名称 | 工作任务 | 计划完成时间 | 牵头单位 |\n"
        "1.城市人居环境提升项目 | 改造3条城区道路; | 11月 | 建设局 |\n"
        "2021.8 | 城投集团 | ||\n"
        "新建城市口袋公园2处; | 2021.12 | 经开区 | |\n"
        "2.生态公墓建设项目 | 新增墓穴10000穴。 | 10月底 | 民政局 |\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["建设局", "城投集团", "经开区"], ["民政局"]]
    assert [(d.year, d.month) for d in tasks[0].deadlines] == [(None, 11), (2021, 8), (2021, 12)]


def test_a_lead_marked_by_a_lost_type_face_leaves_the_roles_unknown_and_flags_the_task() -> None:
    # 济南 市中区: "责任单位 (加黑为牵头单位)" — the bold is gone from the copied text, so no unit is lead
    # by its place in the list; the reviewer is asked to name the lead
    text = (
        "序号 | 重点任务 | 完成情况 | 责任单位 (加黑为牵头单位) |\n"
        "1 | 积极申报省级经济开发区,加快建设产业载体。 | 已完成申报。 | 区发展改革局、区投资促进局 |\n"
    )
    (task,) = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in task.owners] == [("区发展改革局", "owner"), ("区投资促进局", "owner")]
    assert task.flags == ("unknown_lead",)


def test_a_decision_lists_milestones_date_its_rows_not_when_a_matter_was_taken_up() -> None:
    # a 重大行政决策目录 beside its 承办时间 (when the matter was taken up, often the year before) prints the
    # 实施计划: each dated milestone there is the row's deadline, the 承办时间 none
    text = (
        "2019年度松阳县人民政府重大行政决策目录\n序号 | 事项名称 | 承办 单位 | 承办时间 | 实施计划 |\n"
        "1 | 松阳县产业发展及布局规划 | 县发改局 | 2018年10月 | 2019年3月完成初稿; 2019年8月确定编制单位; |\n"
    )
    task = parse_text(text).plans[0].tasks[0]
    assert [o.name for o in task.owners] == ["县发改局"]
    assert [(d.year, d.month) for d in task.deadlines] == [(2019, 3), (2019, 8)]


def test_rows_under_spanning_cells_whose_first_cell_is_numbered() -> None:
    # a "|" table whose 建设任务 and 工作事项 cells span rows: the rows below the first hold only their last cells,
    # each opening with its "(2)" — a row all the same where every cell fits its column and the owner and date
    # are among them; a group row closed by its bar ("一、体系建设 |") does not end the table
    text = (
        "建设任务 | 工作事项 | 工作指标 | 任务清单 | 责任清单 | 时限清单 |\n一、体系建设 |\n"
        "(一)组织指挥 | 1.组织机构 | (1)乡镇党政主要负责人是防汛工作第一责任人。 | 1.落实行政首长负责制; | 党政办 应消站 | 4月 |\n"
        "(2)乡镇应急消防管理站承担防汛防台统筹协调工作。 | 1.明确应消站防汛工作职责; | 应消站 | 5月 |\n"
    )
    rows = table_rows(text)
    assert [[c.role for c in r.cells] for r in rows][1] == ["target", "content", "责任单位", "完成时限"]
    tasks = parse_text("2025年防汛任务清单\n" + text).plans[0].tasks
    assert [[o.name for o in t.owners] for t in tasks] == [["党政办", "应消站"], ["应消站"]]
    assert [[d.month for d in t.deadlines] for t in tasks] == [[4], [5]]


def test_a_progress_table_parted_by_single_spaces() -> None:
    # a page that parts a table's cells by single spaces, its first column a leader (a person, no owner): a row
    # where the line holds as many cells as columns (or one fewer) and its owner cells name units
    text = (
        "舒城县农业农村局2021年9月份重点工作完成情况\n负责领导 重点工作 基本要求 牵头部门 协同部门 完成情况\n"
        "王波 分管领域投资工作(按序时进度推进牵头联系的重点项目) 桃溪农村产业融合发展示范园(项目规划上报规委会审批) "
        "县农业农村局、县林业局 县科技局、县城投公司 已完成规划编制\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("县农业农村局", "lead"), ("县林业局", "lead"), ("县科技局", "support"), ("县城投公司", "support")]
    ]
