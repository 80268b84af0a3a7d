from __future__ import annotations

from devzone.plans.deadlines import cell_deadlines, find_deadlines, keyed_deadlines
from devzone.plans.parse import parse_text
from devzone.plans.text import normalise


def dates(text: str) -> list[tuple[str, int | None, int | None, int | None, bool]]:
    norm = normalise(text)
    return [
        (text[h.start : h.end], h.value.year, h.value.month, h.value.day, h.value.recurring)
        for h in find_deadlines(norm)
    ]


def test_month_with_unknown_year() -> None:
    assert dates("20xx年9月底前理顺关系") == [("20xx年9月底前", None, 9, None, False)]


def test_year_month_and_day() -> None:
    assert dates("2023年6月底前完成") == [("2023年6月底前", 2023, 6, None, False)]
    assert dates("于2024年3月31日前报送") == [("于2024年3月31日前", 2024, 3, 31, False)]


def test_year_end_forms() -> None:
    assert dates("2022年底前") == [("2022年底前", 2022, 12, None, False)]
    assert dates("2022年年底前") == [("2022年年底前", 2022, 12, None, False)]
    assert dates("年内建成") == [("年内", None, 12, None, False)]
    assert dates("今年内建成") == [("今年内", None, 12, None, False)]


def test_five_year_plan_periods() -> None:
    assert dates("“十四五”期间实现") == [("“十四五”期间", 2025, None, None, False)]
    assert dates("到“十四五”末") == [("“十四五”末", 2025, None, None, False)]
    assert dates("十三五末") == [("十三五末", 2020, None, None, False)]
    assert dates("“十五五”期间") == [("“十五五”期间", 2030, None, None, False)]


def test_by_year_and_recurring() -> None:
    assert dates("到2025年,建成") == [("到2025年", 2025, None, None, False)]
    assert dates("每年至少进1位") == [("每年", None, None, None, True)]
    assert dates("每季度通报") == [("每季度", None, None, None, True)]
    assert dates("每月调度") == [("每月", None, None, None, True)]
    assert dates("每两个月召开一次联席会") == [("每两个月", None, None, None, True)]
    assert dates("每学期联合交警大队开展宣传") == [("每学期", None, None, None, True)]
    assert dates("中程施政计划以每四年订定为原则") == [("每四年", None, None, None, True)]


def test_not_deadlines() -> None:
    for text in (
        "长期坚持",
        "持续推进",
        "三年内完成",
        "2023年6月起施行",
        "《“十四五”规划》",
        "利用五年时间",
        "连续两年退位",
    ):
        assert dates(text) == [], text


def test_half_year_and_quarter() -> None:
    assert dates("2023年上半年完成") == [("2023年上半年", 2023, 6, None, False)]
    assert dates("第三季度末前") == [("第三季度末前", None, 9, None, False)]


def test_bare_date_fills_a_time_limit_cell_only() -> None:
    cells = [(h.value.year, h.value.month, h.value.recurring) for h in cell_deadlines("2024年6月")]
    assert cells == [(2024, 6, False)]
    assert [(h.value.year, h.value.month) for h in cell_deadlines(" 2025年 ")] == [(2025, None)]
    assert [(h.value.year, h.value.month) for h in cell_deadlines("2024年第二季度")] == [(2024, 6)]
    assert [h.value.recurring for h in cell_deadlines("每半年")] == [True]
    assert cell_deadlines("长期") == []
    assert cell_deadlines("2024年13月") == []
    # in running text a bare month is only a date
    assert dates("2024年6月召开会议") == []


def limits(text: str) -> list[tuple[int | None, int | None, bool]]:
    return [(h.value.year, h.value.month, h.value.recurring) for h in keyed_deadlines(normalise(text))]


def test_year_span_in_a_time_limit_is_due_by_its_last_year() -> None:
    assert limits("（责任单位：甲局；完成时限：2024—2025年）") == [(2025, None, False)]
    assert [(h.value.year, h.value.month) for h in cell_deadlines(normalise("2023—2024年"))] == [(2024, None)]


def test_time_limit_with_frequency_and_bare_date() -> None:
    assert limits("（责任单位：甲局；完成时限：每季度调度，2025年12月）") == [
        (None, None, True),
        (2025, 12, False),
    ]
    assert limits("（责任单位：甲局；完成时限：长期）") == []


def test_from_today_gives_no_deadline_but_its_end_point_does() -> None:
    assert dates("自即日起开展专项行动") == []
    assert [d[1:3] for d in dates("即日起至2024年12月底")] == [(2024, 12)]


def test_the_number_of_a_cited_document_is_not_the_plans_year() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the year comes from the whole plan

    text = "根据《关于印发若干政策措施的通知》(某政发〔2016〕13号),结合实际,提出如下措施。\n1.精简审批手续。5月底前完成。(责任单位:区发改局)"
    task = parse_text(text).plans[0].tasks[0]
    assert [(d.year, d.month) for d in task.deadlines] == [(None, 5)]


def test_a_bare_month_followed_by_what_is_due_is_a_deadline() -> None:
    from devzone.plans.deadlines import find_deadlines  # noqa: PLC0415

    assert [
        (h.value.year, h.value.month) for h in find_deadlines("力争10月份建成投用,2024年6月完成验收")
    ] == [
        (None, 10),
        (2024, 6),
    ]
    # a narrative date, with nothing due after it, stays unread
    assert find_deadlines("2023年6月,市政府印发实施意见") == []


def test_a_plan_year_written_in_chinese_digits() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the year comes from the whole plan

    task = (
        parse_text("二○一九年重点工作\n一、主要任务\n1.推进园区建设,9月底前开工。(区发改委)")
        .plans[0]
        .tasks[0]
    )
    assert [(d.year, d.month) for d in task.deadlines] == [(2019, 9)]
    signed = "重点工作安排\n一、主要任务\n1.推进园区建设,9月底前开工。(区发改委)\n某市人民政府办公室\n二○○九年二月二十七日"
    assert [(d.year, d.month) for d in parse_text(signed).plans[0].tasks[0].deadlines] == [(2009, 9)]


def test_the_year_of_a_section_title_or_a_dotted_date_when_the_plan_shows_none() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the year comes from the whole plan

    task = (
        parse_text("工作安排\n一、2021年主要任务\n1.推进园区建设,9月底前完成。(区发改委)").plans[0].tasks[0]
    )
    assert [(d.year, d.month) for d in task.deadlines] == [(2021, 9)]
    task = (
        parse_text("发布时间:2021.09.16\n工作方案\n一、主要任务\n1.推进园区建设,9月底前完成。(区发改委)")
        .plans[0]
        .tasks[0]
    )
    assert [(d.year, d.month) for d in task.deadlines] == [(2021, 9)]


def test_a_months_plan_dates_what_it_lists_in_that_month() -> None:
    # 全椒: "经开区3月份重点工作安排", published 2023-03-01; an item with a date of its own keeps it

    text = (
        "【规划计划】经开区3月份重点工作安排\n发布时间:2023-03-01 15:02\n"
        "一、扎实开展招商引资。完善招商项目信息库。(责任单位:招商局)\n"
        "二、聚力推进项目建设。4月底前完成方案设计。(责任单位:建设局)\n"
    )
    first, second = parse_text(text).plans[0].tasks
    assert [(d.year, d.month, d.year_inferred) for d in first.deadlines] == [(2023, 3, True)]
    assert [(d.year, d.month) for d in second.deadlines] == [(2023, 4)]


def test_work_done_on_a_schedule_by_period_recurs_and_a_policy_paying_by_month_does_not() -> None:
    # 北京 区 政务公开工作要点: "按季度公开重点项目建设进展情况", "按月度公开财政收支情况"
    text = (
        "二、重点任务\n(一)做好项目信息公开。按季度公开重点项目建设进展情况。(区发改委)\n"
        "(二)做好财政信息公开。按月度公开财政收支情况。(区财政局)\n"
        "(三)落实留抵退税政策。实施按月全额退还增值税增量留抵税额。(区税务局)\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[d.recurring for d in t.deadlines] for t in tasks] == [[True], [True], []]


def test_a_list_of_problems_to_rectify_is_due_by_the_date_its_notice_sets_once() -> None:
    # 四平 铁西 督查通知单: the notice sets 5月20日 for the 存在问题 its attachment lists; a date to report by
    # sets none
    text = (
        "四平市铁西区人民政府督查通知单\n四铁西政督字〔2019〕7 号\n"
        "共梳理出2条问题,请各事涉部门对存在的问题立即进行整改,并于5月20日前将问题整改完成,整改情况报区政府督查室。\n"
        "附件:存在问题\n1.春江医院附近北侧胡同内垃圾。(责任单位:英雄街道)\n2.天桥下路面破损。(责任单位:住建局)\n"
    )
    tasks = parse_text(text).plans[-1].tasks
    assert [[(d.year, d.month) for d in t.deadlines] for t in tasks] == [[(2019, 5)], [(2019, 5)]]
    reported = text.replace(
        "并于5月20日前将问题整改完成,整改情况报区政府督查室", "整改情况于5月20日前报区政府督查室"
    )
    assert [t.deadlines for t in parse_text(reported).plans[-1].tasks] == [(), ()]


def test_a_notice_dates_every_matter_of_the_list_it_sends_once() -> None:
    # "确保列入目录的决策事项于2022年12月31日前完成" in the notice over a 重大行政决策事项目录: each matter of the list
    # is due then, unless it names its own date
    text = (
        "各村居(社区)、镇直各部门:\n现将《八湖镇人民政府2022年度重大行政决策事项目录》印发给你们。"
        "各决策事项承办单位要把握时间节点,确保列入目录的决策事项于2022年12月31日前完成。\n"
        "八湖镇人民政府2022年度重大行政决策事项目录\n1.驻地临东线亮化提升工程(承办单位:镇规划建设办公室)\n"
        "2.中学男生公寓楼建设项目(承办单位:镇中心中学)\n3.安全生产专项整治行动实施方案,2022年8月底前(承办单位:镇应急管理办公室)\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [[(d.year, d.month) for d in t.deadlines] for t in tasks] == [
        [(2022, 12)],
        [(2022, 12)],
        [(2022, 8)],
    ]


def test_the_period_a_report_covers_is_no_deadline() -> None:
    # "撰写上半年工作总结", "完成第二季度林业统计报表": the half or the quarter the report is about, not a date
    assert find_deadlines(normalise("撰写林业局2024年度上半年工作总结。")) == []
    assert find_deadlines(normalise("完成2024年第二季度林业统计报表。")) == []
    assert [h.value.month for h in find_deadlines(normalise("上半年完成招商引资10亿元"))] == [6]


def test_months_that_repeat_a_duty_through_the_year_are_a_routine() -> None:
    # "於四月、七月、十月及隔年一月分別填報": a quarterly report, one recurring deadline, not four dates; two months
    # of two works ("9月底前、10月底前分别完成") stay two dates
    hits = find_deadlines(normalise("地方政府應於四月、七月、十月及隔年一月分別填報"))
    assert [(h.value.month, h.value.recurring) for h in hits] == [(None, True)]
    hits = find_deadlines(normalise("分署應於七月及隔年一月分別提供"))
    assert [(h.value.month, h.value.recurring) for h in hits] == [(None, True)]
    hits = find_deadlines(normalise("9月底前、10月底前分别完成A和B"))
    assert [(h.value.month, h.value.recurring) for h in hits] == [(9, False), (10, False)]


def test_the_day_a_work_ends_is_its_deadline() -> None:
    hits = find_deadlines("排查工作即日起开始,4月25日结束。")
    assert [(h.value.year, h.value.month) for h in hits] == [(None, 4)]
