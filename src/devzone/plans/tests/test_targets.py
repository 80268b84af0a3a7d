from __future__ import annotations

import pytest

from devzone.plans.parse import parse_text
from devzone.plans.targets import find_targets
from devzone.plans.text import normalise

Row = tuple[str, str, float, str]


def targets(text: str) -> list[Row]:
    norm = normalise(text)
    return [(t.kind, t.op, t.value, t.unit) for t in find_targets(norm, 0, len(norm), original=text)]


def test_levels_with_comparators() -> None:
    assert targets("市开发区地区生产总值突破800亿元。") == [("level", ">", 800.0, "亿元")]
    assert targets("全市开发区地区生产总值力争达到3500亿元。") == [("level", ">=", 3500.0, "亿元")]
    assert targets("规模工业企业数达到1300户以上;") == [("level", ">=", 1300.0, "户")]
    assert targets("机构比例不低于60%。") == [("share", ">=", 60.0, "%")]
    assert targets("审批时限压缩至5个工作日以内。") == [("level", "<=", 5.0, "个工作日")]
    assert targets("全年实际使用外资达到1.5亿美元。") == [("level", ">=", 1.5, "亿美元")]
    assert targets("综合能耗控制在50万吨标准煤以内。") == [("level", "<=", 50.0, "万吨标准煤")]


def test_comparator_with_yishang_stays_strict() -> None:
    assert targets("占比超过50%以上。") == [("share", ">", 50.0, "%")]


def test_exact_values_without_comparator() -> None:
    assert targets("全市开发区工业总产值实现5500亿元。") == [("level", "=", 5500.0, "亿元")]
    assert targets("建成500亿级开发区2个(甲、乙)。") == [("level", "=", 2.0, "个")]


def test_kinds() -> None:
    assert targets("期间年均增长20%以上。") == [("growth", ">=", 20.0, "%")]
    assert targets("占全市比重达到50%以上。") == [("share", ">=", 50.0, "%")]
    assert targets("净增高新技术企业数超400家。") == [("net_increase", ">", 400.0, "家")]
    assert targets("累计实际利用外资超40亿美元。") == [("cumulative", ">", 40.0, "亿美元")]
    assert targets("每年各引进百亿元以上项目2个。") == [("count_per_period", "=", 2.0, "个")]
    assert targets("每年至少进1位。") == [("rank_change", ">=", 1.0, "位")]
    assert targets("到2025年进入全省前10位。") == [("level", "<=", 10.0, "位")]


def test_multiples() -> None:
    assert targets("其他开发区至少翻一番。") == [("multiple", ">=", 2.0, "倍")]
    assert targets("工业总产值翻两番。") == [("multiple", ">=", 4.0, "倍")]
    assert targets("工业总产值增长1倍。") == [("multiple", ">=", 2.0, "倍")]
    assert targets("实施高新技术企业“倍增计划”。") == []


def test_chinese_numerals() -> None:
    assert targets("每年引进项目两个。") == [("count_per_period", "=", 2.0, "个")]
    assert targets("研发投入占比达到百分之三。") == [("share", ">=", 3.0, "%")]


def test_list_expansion_for_relative_kinds() -> None:
    assert (
        targets("一般公共预算收入、外贸进出口总额、高新技术企业数量实现翻番;")
        == [("multiple", ">=", 2.0, "倍")] * 3
    )
    assert targets("制造业增加值、实际利用外资占全市比重达80%以上。") == [("share", ">=", 80.0, "%")] * 2


def test_absolute_list_is_one_total_unless_distributive() -> None:
    assert targets("智能车间、工厂、“专精特新”小巨人数量突破160家。") == [("level", ">", 160.0, "家")]
    assert targets("甲园区、乙园区每年各引进项目2个。") == [("count_per_period", "=", 2.0, "个")] * 2


def test_respectively_pairs_values() -> None:
    norm_text = "国家级、省级开发区工业用地产出强度分别达到500万元/亩、300万元/亩以上,"
    assert targets(norm_text) == [("level", ">=", 500.0, "万元/亩"), ("level", ">=", 300.0, "万元/亩")]


def test_ranges_give_two_bounds() -> None:
    assert targets("国家级开发区确定3—4个主导产业方向。") == [
        ("level", ">=", 3.0, "个"),
        ("level", "<=", 4.0, "个"),
    ]


def test_not_targets() -> None:
    for text in (
        "对建设成效明显的科技城给予奖励1000万元。",
        "协同创新经费提高到5000万元。",
        "设立发展基金,首期规模5亿元。",
        "每年引进百亿元以上项目。",
        "发展提升现有公司等4家区属国有企业。",
        "建成1000亿级开发区。",
        "根据《意见》(黔府办发〔20xx〕6号)要求。",
        "深入推进人才“十个一工程”。",
        "对连续两年退位的开发区进行约谈。",
        "评价指标为亩均税收、亩均营业收入2项。",
        "权重分别为40%、60%。",
        "实现零的突破。",
    ):
        assert targets(text) == [], text


def test_target_text_and_span() -> None:
    text = "“十四五”末,市开发区地区生产总值突破800亿元;其他"
    norm = normalise(text)
    (t,) = find_targets(norm, 0, len(norm), original=text)
    assert t.text == "“十四五”末,市开发区地区生产总值突破800亿元"
    assert text[t.span[0] : t.span[1]] == "市开发区地区生产总值突破800亿元"
    assert (t.subject, t.indicator) == ("市开发区", "地区生产总值")


def test_range_with_unit_on_both_ends_gives_two_bounds() -> None:
    assert targets("工业总产值达到1500亿元—1800亿元。") == [
        ("level", ">=", 1500.0, "亿元"),
        ("level", "<=", 1800.0, "亿元"),
    ]
    assert targets("每年新增“小巨人”企业3家至5家。") == [
        ("count_per_period", ">=", 3.0, "家"),
        ("count_per_period", "<=", 5.0, "家"),
    ]


def test_range_low_needs_the_same_unit() -> None:
    # "3批" is not the low end of a range of 家
    assert targets("第3批企业达到5家。") == [("level", ">=", 5.0, "家")]


def test_strive_to_break_through_is_strict_and_value_added_is_not_an_increase() -> None:
    assert targets("工业增加值力争突破400亿元。") == [("level", ">", 400.0, "亿元")]
    assert targets("新增工业增加值50亿元。") == [("net_increase", "=", 50.0, "亿元")]


def test_compound_units_and_scores() -> None:
    assert targets("单位工业增加值能耗控制在0.5吨标准煤/万元以内。") == [
        ("level", "<=", 0.5, "吨标准煤/万元")
    ]
    assert targets("营商环境评价综合得分达到85分以上。") == [("level", ">=", 85.0, "分")]
    assert targets("审批时限由10个工作日压缩至2个工作日。") == [("level", "<=", 2.0, "个工作日")]
    # 十分 (very) and 三分之一 are not scores; scoring rules are method parameters
    assert targets("这项工作十分重要。") == []
    assert targets("考核满分100分,每发现一个问题扣2分。") == []


def test_about_is_exact_even_after_a_ceiling() -> None:
    assert targets("A类企业比例控制在20%左右。") == [("share", "=", 20.0, "%")]
    assert targets("年均增长15%左右。") == [("growth", "=", 15.0, "%")]


def test_people_counts_are_not_rank_changes() -> None:
    assert targets("全年为开发区引进高层次人才300名。") == [("level", "=", 300.0, "名")]
    assert targets("综合排名每年至少进1位。") == [("rank_change", ">=", 1.0, "位")]
    assert targets("全省排名提升2位。") == [("rank_change", "=", 2.0, "位")]


def test_count_of_listed_items_in_a_heading_is_not_a_target() -> None:
    assert targets("一、政务服务提质(共6项)") == []
    assert targets("二、要素保障（合计5项）") == []


def test_close_following_is_not_a_deduction() -> None:
    assert targets("紧扣主导产业,培育龙头企业10家。") == [("level", "=", 10.0, "家")]


def test_energy_unit_wan_kilowatt_hours() -> None:
    assert targets("光伏年发电量达到3000万千瓦时。") == [("level", ">=", 3000.0, "万千瓦时")]


def test_newly_cultivated_or_certified_counts_are_levels_only_xinzeng_is_an_increase() -> None:
    assert targets("新培育科技型中小企业50家以上,新增高新技术企业1家以上") == [
        ("level", ">=", 50.0, "家"),
        ("net_increase", ">=", 1.0, "家"),
    ]


def test_lizheng_and_quebao_only_mark_an_aim_the_verb_after_them_decides() -> None:
    # real/CONVENTIONS.md: 力争 / 确保 give no comparator of their own
    assert targets("工业总产值力争实现370亿元。") == [("level", "=", 370.0, "亿元")]
    assert targets("到2022年,力争完成建设5G基站6000个。") == [("level", "=", 6000.0, "个")]
    assert targets("力争突破400亿元。") == [("level", ">", 400.0, "亿元")]
    assert targets("力争达到3500亿元。") == [("level", ">=", 3500.0, "亿元")]
    assert targets("力争新增高新技术企业2家以上。") == [("net_increase", ">=", 2.0, "家")]


def test_a_count_before_its_noun_is_read_when_the_clause_says_what_is_done_to_it() -> None:
    # "确保40个项目开工": the count is followed by the noun and what happens to it
    assert targets("确保40个项目开工、40个项目投产。") == [
        ("level", "=", 40.0, "个"),
        ("level", "=", 40.0, "个"),
    ]
    assert targets("全年17家企业成功入库。") == [("level", "=", 17.0, "家")]
    # a grouping before the count ("3批次22个") and a size qualifier in money are no targets
    assert targets("计划完成总投资107.39亿元的3批次22个重点项目开工建设。") == [("level", "=", 22.0, "个")]
    # the noun alone, with nothing done to it, stays unread
    assert targets("围绕20条产业链开展招商。") == []


def test_a_count_after_a_one_character_comparator_and_the_next_counts_of_its_list() -> None:
    assert targets("抽调逾200名人员组成招商队伍。") == [("level", ">", 200.0, "名")]
    assert targets("建立600家A类企业、500家B类企业、200家C类企业培育库。") == [
        ("level", "=", 600.0, "家"),
        ("level", "=", 500.0, "家"),
        ("level", "=", 200.0, "家"),
    ]


def test_a_time_limit_written_with_nei_is_a_ceiling() -> None:
    assert targets("环评报告书14个工作日内、环评登记表3个工作日内完成审批。") == [
        ("level", "<=", 14.0, "个工作日"),
        ("level", "<=", 3.0, "个工作日"),
    ]
    assert targets("研发人员达到209人年以上。") == [("level", ">=", 209.0, "人年")]


def test_counts_in_ten_thousands_and_a_list_with_bracketed_notes() -> None:
    assert targets("新增10G-PON端口2.7万个。") == [("net_increase", "=", 2.7, "万个")]
    assert targets("建立600家A企业(以下简称甲)、500家B企业(以下简称乙)培育库。") == [
        ("level", "=", 600.0, "家"),
        ("level", "=", 500.0, "家"),
    ]


def test_the_scoring_rule_of_an_assessment_gives_only_the_assessed_goal() -> None:
    text = "园区高新技术产业增加值增长18%计5分,每增(减)1个百分点加(减)0.2分,加(减)分不超过5分。"
    assert targets(text) == [("growth", "=", 18.0, "%")]
    assert targets("综合得分85分以上。") == [("level", ">=", 85.0, "分")]


def test_money_attracted_is_an_outcome_money_granted_is_not_a_target() -> None:
    assert targets("当年引进域外资金30亿元。") == [("level", "=", 30.0, "亿元")]
    assert targets("全年争取国家、省、市科技项目资金200万元以上。") == []
    assert targets("安排专项资金500万元。") == []


def test_a_rank_without_a_unit_is_a_place_at_most_n() -> None:
    assert targets("力争重返全省30强。") == [("level", "<=", 30.0, "位")]
    assert targets("区域创新能力达到全市前3水平。") == [("level", "<=", 3.0, "位")]
    assert targets("引进世界500强企业3家。") == [("level", "=", 3.0, "家")]


def test_the_first_count_of_a_list_of_counts_is_read_with_the_rest() -> None:
    text = "完成对13.32平方公里核心区的29个地块、青港湖起步区的6个地块用地调整。"
    # the area is a size qualifier of the place; the parcels are the counted deliverable
    assert targets(text) == [("level", "=", 29.0, "个"), ("level", "=", 6.0, "个")]


def test_a_count_before_its_noun_is_named_by_that_noun() -> None:
    norm = "确保40个项目开工、29个地块、青港湖起步区的6个地块用地调整。"
    found = find_targets(norm, 0, len(norm), original=norm)
    assert [t.indicator for t in found] == ["项目", "地块", "地块"]


def test_yinjin_is_a_verb_not_a_rank_move_in_the_indicator() -> None:
    norm = "当年引进域外资金30亿元。"
    assert [t.indicator for t in find_targets(norm, 0, len(norm), original=norm)] == ["当年引进域外资金"]


def test_a_list_of_counts_joined_by_he() -> None:
    norm = "到2025年,培育形成2个千亿级产业集群和6个五百亿级产业集群。"
    found = find_targets(norm, 0, len(norm), original=norm)
    assert [(t.indicator, t.value) for t in found] == [("千亿级产业集群", 2.0), ("五百亿级产业集群", 6.0)]


def test_a_fraction_of_the_whole_is_a_share_in_percent() -> None:
    assert targets("规模工业应税销售占全市1/8") == [("share", "=", 12.5, "%")]
    assert targets("“小巨人”企业占全市1/3,占全市比重超1/4。") == [
        ("share", "=", 33.33, "%"),
        ("share", ">", 25.0, "%"),
    ]
    assert targets("截至2023/12/01") == []  # a date, not a fraction


def test_a_rank_in_chinese_numerals_and_articles_counted_in_pian() -> None:
    assert targets("挺进全省高新区前十五。") == [("level", "<=", 15.0, "位")]
    assert targets("前三季度增长5%。") == [("growth", "=", 5.0, "%")]
    assert targets("在主要媒体上稿2篇以上;") == [("level", ">=", 2.0, "篇")]


def test_a_contribution_in_percent_is_a_share() -> None:
    assert targets("对全市重大项目开工、竣工贡献度分别达40%、20%。") == [
        ("share", ">=", 40.0, "%"),
        ("share", ">=", 20.0, "%"),
    ]


def test_a_measure_of_what_is_built_is_the_deliverable() -> None:
    assert targets("确保今年完成15万平方米标准厂房建设;") == [("level", "=", 15.0, "万平方米")]
    assert targets("建设10万平方米的展厅,提升服务。") == []  # a size qualifier of the noun


def indicators(text: str) -> list[tuple[str, str, float]]:
    norm = normalise(text)
    return [(t.indicator, t.kind, t.value) for t in find_targets(norm, 0, len(norm), original=text)]


def test_zeng_alone_before_a_rate_is_growth() -> None:
    # "增5%" / "可比增3%" / "同比增3%": 增 written without 长 reads as 增长
    assert indicators("地区生产总值增5%左右;财政总收入可比增3%;非房地产开发税收收入同比增3%") == [
        ("地区生产总值", "growth", 5.0),
        ("财政总收入", "growth", 3.0),
        ("非房地产开发税收收入", "growth", 3.0),
    ]


def test_a_stretch_value_after_a_comma_keeps_the_indicator_and_kind() -> None:
    # "增长2%,力争3%": the set value and the stretch value of one indicator
    assert indicators("区级一般公共预算收入增长2%,力争3%。") == [
        ("区级一般公共预算收入", "growth", 2.0),
        ("区级一般公共预算收入", "growth", 3.0),
    ]
    # a stretch value in another unit is a target of its own ("力争达到190亿元" after a growth rate)
    assert targets("地区生产总值增长5%左右,力争达到190亿元") == [
        ("growth", "=", 5.0, "%"),
        ("level", ">=", 190.0, "亿元"),
    ]


def test_volumes_in_cubic_metres_are_units() -> None:
    assert targets("全市用水总量控制在117亿立方米以内") == [("level", "<=", 117.0, "亿立方米")]


def test_a_count_pushed_forward_is_the_deliverable_and_the_sums_sizing_it_are_not_targets() -> None:
    # "推进全省20个…重点项目": the level (全省) between the verb and the count does not hide the verb
    assert targets("全力推进全省20个具有支撑性、关键性的重点项目;") == [("level", "=", 20.0, "个")]
    # the sums before "的N个" size the set the clause's verb works on
    assert targets("全力推进总投资480.5亿元,年度计划投资90.4亿元的240个区级重点项目") == [
        ("level", "=", 240.0, "个")
    ]
    # "3批次22个": the first count groups the second
    assert targets("计划完成总投资107.39亿元的3批次22个重点项目开工建设") == [("level", "=", 22.0, "个")]
    # without a verb of creation the set is described, not a target
    assert targets("实施本年度总投资6000万元的19个项目") == []


def test_a_value_before_an_owner_bracket_cut_by_the_excerpt_ends_its_clause() -> None:
    assert targets("生态环境进一步改善,万元GDP能耗下降2.5%(省发展改革委牵头,省工业和信息化厅、省") == [
        ("growth", "=", -2.5, "%")
    ]


def test_how_the_document_is_divided_is_no_target() -> None:
    assert targets("2008年区政府主要工作任务分解为7大方面、80项") == []
    # classes an assessment sorts into are not the document's division: their shares are targets
    assert targets("评价结果分为A、B、C、D四类,A类企业比例原则上控制在20%以内") == [
        ("share", "<=", 20.0, "%")
    ]


def test_reported_relief_and_bracketed_bounds_are_no_targets() -> None:
    assert targets("今年以来已完成投资50亿元") == []  # done already: a report
    assert targets("力争减轻企业各类负担200亿元") == []  # money left with enterprises, like a subsidy
    assert targets("辖区范围内6亩以下(不含6亩)的土地使用") == []  # the bracket restates the bound
    assert targets("全年完成投资50亿元") == [("level", "=", 50.0, "亿元")]


def test_a_page_counter_copied_with_the_text_is_no_target() -> None:
    assert targets("浏览次数:1234次") == []
    assert targets("访问量:2345次") == []
    assert targets("全年组织培训20次") == [("level", "=", 20.0, "次")]


def test_a_rate_lowered_or_raised_to_a_value_is_the_level_reached() -> None:
    assert targets("城镇调查失业率降低至4%以内") == [("level", "<=", 4.0, "%")]
    assert targets("城镇化率提高到65%以上") == [("level", ">=", 65.0, "%")]
    assert targets("单位能耗下降3%") == [("growth", "=", -3.0, "%")]


def test_points_added_every_year_are_a_count_per_period() -> None:
    assert targets("全市森林覆盖率每年至少提升0.5个百分点") == [("count_per_period", ">=", 0.5, "个百分点")]
    # a change in points is added to the rate's base: an increase, not a growth in percent (two typists of
    # the real corpus read "城镇化率提高1.2个百分点" so, independently)
    assert targets("森林覆盖率提高2个百分点") == [("net_increase", "=", 2.0, "个百分点")]


def test_the_count_closing_a_list_of_things_delivered_is_a_target() -> None:
    # "建成投用A、B等8家卫生院": the count of what is delivered; a list's size alone is none
    assert targets("建成投用沿浦、宜山、灵溪等8家卫生院。") == [("level", "=", 8.0, "家")]
    assert targets("引进机数科技等8家。") == [("level", "=", 8.0, "家")]
    assert targets("围绕电子、化工等5个产业。") == []
    assert targets("在已实施制造业等6个行业留抵退税政策的基础上。") == []
    # a list as long as its count, and a bracket inside it, are still what is delivered
    assert targets("建成投用沿浦、宜山、莒溪、炎亭、望里、赤溪、岱岭、灵溪浦亭等8家卫生院。") == [
        ("level", "=", 8.0, "家")
    ]
    assert targets("打通县城人民大道(苍南大道至山海大道)等12条断头路。") == [("level", "=", 12.0, "条")]
    # a count listed after a thing the clause delivers
    assert targets("完成县应急广播指挥中心、18个乡镇应急广播分控中心、376个村居广播室。") == [
        ("level", "=", 18.0, "个"),
        ("level", "=", 376.0, "个"),
    ]


def test_a_bound_between_the_verb_and_the_count() -> None:
    assert targets("建成不少于30个社区嵌入式服务设施。") == [("level", ">=", 30.0, "个")]
    assert targets("启动100个社区嵌入式服务设施建设。") == [("level", "=", 100.0, "个")]


def test_a_rate_raised_by_points_and_a_price_rise() -> None:
    # points are added to the rate's base (net_increase); a 涨幅 is the index's growth
    assert targets("常住人口城镇化率提高1.2个百分点。") == [("net_increase", "=", 1.2, "个百分点")]
    assert targets("居民消费价格涨幅3%左右。") == [("growth", "=", 3.0, "%")]


def test_counts_after_jiakuai_and_zhuahao_and_events_in_changci() -> None:
    assert targets("加快10个商贸项目建设。") == [("level", "=", 10.0, "个")]
    assert targets("集中力量抓好132个省市重点项目建设。") == [("level", "=", 132.0, "个")]
    assert targets("开展促消费活动150场次。") == [("level", "=", 150.0, "场次")]


def test_an_assessment_items_weight_in_brackets_is_no_target() -> None:
    # 杨凌 目标责任书: "(20分)" after an item and "(每项5分)" before a quarter's work weigh the items
    assert targets("省部共建工作成效(20分)") == []
    assert targets("第一季度(每项5分):完成8座运动场地基础工程。") == [("level", "=", 8.0, "座")]
    assert targets("群众满意度达到90分以上。") == [("level", ">=", 90.0, "分")]


def test_the_plans_own_spending_on_a_work_is_a_budget() -> None:
    # 舒城: "计划投入1000万元,完善园区绿化" spends; "完成固定资产投资35亿元以上" is what the zone achieves
    assert targets("计划投入1000万元,完善园区绿化、亮化。") == []
    assert targets("完成固定资产投资35亿元以上。") == [("level", ">=", 35.0, "亿元")]
    assert targets("投资5000万元,提升改造低等级公路。") == []
    assert targets("计划投资1067万元,完成22所学校改造。") == [("level", "=", 22.0, "所")]


def test_an_allowance_per_person_is_a_subsidy() -> None:
    # 肇庆: raising 低保 补差 and 养育标准 pays people; it is no target of the plan
    assert targets("将城镇低保人均最低补差水平从每人每月574元提高到每人每月609元。") == []
    assert targets("将集中供养孤儿养育标准提高到每人每月2200元。") == []


def test_where_things_stand_sets_no_target() -> None:
    # a report's figures: "截至10月…累计完成", "截至目前,全区共有…", "一季度已推荐上报…"
    assert targets("截至10月全区电信业务总量累计完成2912亿元。") == []
    assert targets("截至目前,全区共有高新技术企业506家。") == []
    assert targets("一季度已推荐上报科技型企业92家。") == []
    assert targets("到2025年,高新技术企业达到600家。") == [("level", ">=", 600.0, "家")]


def test_a_chapter_telling_what_was_done_sets_no_target() -> None:
    # "一、半年度调整情况" / "新增项目共14个,总投资20亿元": what the adjustment did; "二、工作举措" sets work
    text = "一、半年度调整情况\n新增项目共14个,总投资20亿元。\n二、工作举措\n(一)加快推进。确保全年完成投资50亿元。(责任单位:区发改局)\n"
    found = [(t.value, t.unit) for p in parse_text(text).plans for t in p.targets]
    assert found == [(50.0, "亿元")]


def test_what_an_inspection_found_is_no_target() -> None:
    # a 督查's count of the tasks by their state ("经督查核实,欠进度的有17个,占总任务的7.7%;…") tells what was
    # found; the plan's own figure after it is still read
    text = "经督查核实,欠进度的有17个,占总任务的7.7%;超进度的有10个,占总任务的4.5%;其它类9个,占总任务的4.1%。全年新增就业1.2万人。"
    assert targets(text) == [("net_increase", "=", 1.2, "万人")]


def test_how_a_body_is_made_up_is_no_target() -> None:
    # a 設置要點's composition and term ("本小組置委員十一至十六人", "委員任期為二年") are its rules, not targets
    assert targets("本小組置委員十一至十六人,其中一人為召集人。委員任期為二年。") == []
    assert targets("本小組組成人數為十九至二十三人。") == []


def test_grain_output_and_signs_counted_in_pieces() -> None:
    # 亿斤 / 万斤 (grain output) and 块 (signs, boards) are units of a plan's figures
    assert targets("粮食总产量2.825亿斤以上。") == [("level", ">=", 2.825, "亿斤")]
    assert targets("更换旅游交通标志32块。") == [("level", "=", 32.0, "块")]


def test_who_fills_a_bodys_seats_sets_no_target() -> None:
    for said in (
        "其餘委員由本府遴聘本市議員二人、專家學者五人至七人。",
        "當然委員三人,由市長指派。",
        "另置幹事三人,由本府派員兼任。",
    ):
        assert targets(said) == []


def test_beds_books_and_rooms_are_counted() -> None:
    assert targets("新增认知障碍照护专区床位100张") == [("net_increase", "=", 100.0, "张")]
    assert targets("补充图书5000册以上") == [("level", ">=", 5000.0, "册")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("优化改造50条背街后巷。", 50.0, "条"),  # work on what there is: a count to reach
        ("提升改造12个农贸市场。", 12.0, "个"),
        ("每个站点配备1名专职人员。", 1.0, "名"),
        ("新建安置房建筑面积96万平米。", 96.0, "万平米"),  # the short form a page writes
        ("维修渠道415米。", 415.0, "米"),  # upkeep by length or count
        ("整修农路380条。", 380.0, "条"),
    ],
)
def test_a_count_of_works_on_what_there_is_is_a_target(text: str, value: float, unit: str) -> None:
    norm = normalise(text)
    assert [(t.kind, t.value, t.unit) for t in find_targets(norm, 0, len(norm), original=text)] == [
        ("level", value, unit)
    ]
