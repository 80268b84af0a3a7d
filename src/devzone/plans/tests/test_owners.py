from __future__ import annotations

import time

import pytest

from devzone.plans.owners import (
    _MAX_DEFINED,
    addressed_owners,
    defined_names,
    find_owners,
    is_annotation_line,
    is_group,
    paren_groups,
    subject_owners,
)
from devzone.plans.parse import parse_text
from devzone.plans.text import normalise


def owners(text: str) -> list[tuple[str, str, bool]]:
    norm = normalise(text)
    return [(o.name, o.role, o.group) for o in find_owners(norm, 0, len(norm), original=text)]


def test_responsibility_list_first_lead_rest_support() -> None:
    assert owners("理顺关系。(责任单位:各县区、功能板块,市委编办)") == [
        ("各县区", "lead", True),
        ("功能板块", "support", False),
        ("市委编办", "support", False),
    ]


def test_single_responsible_unit_is_lead() -> None:
    assert owners("理顺关系。（责任单位：市考核办）") == [("市考核办", "lead", False)]


def test_lead_and_support_keys() -> None:
    assert owners("建设平台。（牵头单位：市科技局、市发改委；配合单位：市财政局）") == [
        ("市科技局", "lead", False),
        ("市发改委", "lead", False),
        ("市财政局", "support", False),
    ]


def test_suffix_roles() -> None:
    assert owners("推进改革。(市发改委牵头,市财政局、市商务局配合)") == [
        ("市发改委", "lead", False),
        ("市财政局", "support", False),
        ("市商务局", "support", False),
    ]
    assert owners("营造氛围。（党政办公室、督查室负责，长期坚持）") == [
        ("党政办公室", "lead", False),
        ("督查室", "lead", False),
    ]


def test_nested_parentheses_kept_and_fullwidth() -> None:
    assert owners("开放。(责任单位:市商务局(自贸办),各县区)") == [
        ("市商务局（自贸办）", "lead", False),
        ("各县区", "support", True),
    ]
    assert owners("申报。［牵头单位：市科技局；配合单位：各县（市、区）人民政府］") == [
        ("市科技局", "lead", False),
        ("各县（市、区）人民政府", "support", True),
    ]


def test_line_break_inside_annotation() -> None:
    assert owners("提高效率。(责任单位:各县区\n、功能板块,市自然资源局)") == [
        ("各县区", "lead", True),
        ("功能板块", "support", False),
        ("市自然资源局", "support", False),
    ]


def test_redacted_name_kept() -> None:
    assert owners("加大支持。(责任单位:市财政局、市_,各县区)")[1] == ("市_", "support", False)


def test_bare_list_at_end_only() -> None:
    assert owners("完善政策。(市发改委、市财政局)") == [
        ("市发改委", "lead", False),
        ("市财政局", "support", False),
    ]
    assert owners("依托(市发改委、市财政局)开展工作。") == []
    assert owners("加快推进高新区(包括国家和省级高新区)发展。") == []


def test_owner_line_and_last_sentence_forms() -> None:
    assert owners("推行平台招商。\n责任单位:区党群工作部,各乡镇人民政府") == [
        ("区党群工作部", "lead", False),
        ("各乡镇人民政府", "support", True),
    ]
    assert owners("开展复核。由市工信局负责,市应急管理局、市生态环境局参与。") == [
        ("市工信局", "lead", False),
        ("市应急管理局", "support", False),
        ("市生态环境局", "support", False),
    ]
    assert owners("扩区调区。支持各县区建设。") == []


def test_annotation_line_detection() -> None:
    assert is_annotation_line("牵头单位:市发改委;配合单位:市财政局")
    assert is_annotation_line("(市发改委牵头,市财政局配合)")
    assert not is_annotation_line("(一)指导思想")


def test_groups_and_parens() -> None:
    assert is_group("各开发区管委会")
    assert is_group("相关省级开发区")
    assert not is_group("功能板块")
    assert paren_groups("a(b[c]d)e[f]") == [(1, 8), (9, 12)]


def test_more_role_keys_department_and_support_words() -> None:
    assert owners("培育企业。（牵头部门：科技创新局；协同部门：财政局、税务分局）") == [
        ("科技创新局", "lead", False),
        ("财政局", "support", False),
        ("税务分局", "support", False),
    ]
    assert owners("建设平台。（主办单位：市商务局；协办单位：市财政局；参与单位：各园区）") == [
        ("市商务局", "lead", False),
        ("市财政局", "support", False),
        ("各园区", "support", True),
    ]
    assert owners("优化服务。（责任部门：经济发展局、财政局）") == [
        ("经济发展局", "lead", False),
        ("财政局", "support", False),
    ]


def test_person_key_is_not_an_owner_and_responsibility_list_supports_a_lead() -> None:
    text = "加强人才引育。（牵头领导：市委常委、组织部部长王××；牵头单位：市委组织部（人才办）；责任单位：市人社局、市财政局）"
    assert owners(text) == [
        ("市委组织部（人才办）", "lead", False),
        ("市人社局", "support", False),
        ("市财政局", "support", False),
    ]


def test_responsibility_key_inside_parentheses_is_read_once() -> None:
    assert owners("壮大主体。（牵头单位：市科技局；责任单位：市财政局、市税务局）") == [
        ("市科技局", "lead", False),
        ("市财政局", "support", False),
        ("市税务局", "support", False),
    ]


def test_responsible_after_a_lead_is_support_and_role_words_leave_the_name() -> None:
    assert owners("提高水平。（省自然资源厅牵头，各市州人民政府负责落实）") == [
        ("省自然资源厅", "lead", False),
        ("各市州人民政府", "support", True),
    ]
    assert owners("优化环境。（省政务服务管理局牵头，各地各部门负责落实）") == [
        ("省政务服务管理局", "lead", False),
        ("各地各部门", "support", True),
    ]
    assert owners("扩大开放。（省商务厅、省发展改革委按职责分工负责，各地各部门配合）") == [
        ("省商务厅", "lead", False),
        ("省发展改革委", "lead", False),
        ("各地各部门", "support", True),
    ]
    assert owners("抓好落实。（各市州人民政府负责落实）") == [("各市州人民政府", "lead", True)]


def test_lead_line_then_responsibility_line_gives_one_lead() -> None:
    text = "（二）完善配套。建设厂房。\n牵头单位：县住建局\n责任单位：县水利局、县财政局，各乡镇（街道）\n责任人：县住建局局长 李某某"
    assert owners(text) == [
        ("县住建局", "lead", False),
        ("县水利局", "support", False),
        ("县财政局", "support", False),
        ("各乡镇（街道）", "support", True),
    ]


def test_bracket_inside_a_unit_name_is_not_a_split_or_an_owner() -> None:
    text = "（八）强化监管。每季度检查一次。\n责任单位：县应急管理局，各乡镇（街道）"
    assert owners(text) == [("县应急管理局", "lead", False), ("各乡镇（街道）", "support", True)]


def test_bracketed_lead_marker_marks_only_its_unit_wherever_it_stands() -> None:
    assert owners("盘活用地。（责任单位：园区资源分局、园区经发局（牵头）；完成时限：2025年6月）") == [
        ("园区资源分局", "support", False),
        ("园区经发局", "lead", False),
    ]
    assert owners("强化安全。(责任单位:甲局(牵头)、乙局(牵头)、各街道;完成时限:2025年12月)") == [
        ("甲局", "lead", False),
        ("乙局", "lead", False),
        ("各街道", "support", True),
    ]


def test_a_trailing_etc_closes_the_list_before_the_role_words() -> None:
    text = "强化企业创新。(科技部牵头,发展改革委、工业和信息化部、税务总局等按职责分工负责)"
    assert [(o.name, o.role) for o in find_owners(text, 0, len(text), original=text)] == [
        ("科技部", "lead"),
        ("发展改革委", "support"),
        ("工业和信息化部", "support"),
        ("税务总局", "support"),
    ]


def test_a_lost_separator_between_two_unit_names_is_restored() -> None:
    text = "增长7%。(责任单位:区财政局区税务局)"
    assert [(o.name, o.role) for o in find_owners(text, 0, len(text), original=text)] == [
        ("区财政局", "lead"),
        ("区税务局", "support"),
    ]


def test_a_one_character_fragment_cut_by_the_excerpt_is_no_owner() -> None:
    text = "增长12%以上。(责任单位:区发改局、区"
    assert [o.name for o in find_owners(text + ")", 0, len(text) + 1, original=text + ")")] == ["区发改局"]


def test_units_that_share_the_work_all_lead() -> None:
    text = "加快部署。(市工业和信息化局、中国移动聊城分公司分工负责)"
    assert [(o.name, o.role) for o in find_owners(text, 0, len(text), original=text)] == [
        ("市工业和信息化局", "lead"),
        ("中国移动聊城分公司", "lead"),
    ]


def test_a_tortoise_shell_bracket_is_an_owner_bracket() -> None:
    assert owners("加强组织领导。〔责任单位:市政府办、市发改委等〕") == [
        ("市政府办", "lead", False),
        ("市发改委", "support", False),
    ]


def test_a_role_note_in_brackets_after_the_last_name_is_no_part_of_it() -> None:
    assert owners("完善机制。\n责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)") == [
        ("市发改委", "lead", False),
        ("市财政局", "support", False),
    ]


def test_a_standing_area_note_gives_support_owners_to_this_and_every_later_task() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the note spans tasks: read the plan

    text = (
        "二、主要任务\n"
        "(一)加强组织领导。统筹推进。〔责任单位:市工信局;各县(市、区)人民政府、经济开发区管委会"
        "负责本辖区范围内的工作推进,以下不再单独列出〕\n"
        "(二)实施梯度培育。建立培育库。〔责任单位:市科技局〕\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in tasks[0].owners] == [
        ("市工信局", "lead"),
        ("各县（市、区）人民政府", "support"),
        ("经济开发区管委会", "support"),
    ]
    assert [(o.name, o.role) for o in tasks[1].owners] == [
        ("市科技局", "lead"),
        ("各县（市、区）人民政府", "support"),
        ("经济开发区管委会", "support"),
    ]


def test_a_bracket_left_open_keeps_its_complete_names() -> None:
    # its ")" lost before the next item: every name is whole
    text = "6.服务业增加值增长7.5%以上。(责任单位:区发改局、区商务办\n7.收入增长8%以上。"
    norm = normalise(text)
    found = find_owners(norm, 0, text.index("\n"), original=text)
    assert [(o.name, o.role, o.group) for o in found] == [
        ("区发改局", "lead", False),
        ("区商务办", "support", False),
    ]
    # the excerpt ends inside it: the last name may be cut and is left out
    assert owners("加快平台建设。(县科技局牵头,县") == [("县科技局", "lead", False)]


def test_labelled_lines_lead_and_support_the_leader_is_no_owner() -> None:
    text = "建设平台。\n牵头负责领导:张三\n牵头责任单位:市科技局\n协同责任单位:市财政局、市发改委"
    assert owners(text) == [
        ("市科技局", "lead", False),
        ("市财政局", "support", False),
        ("市发改委", "support", False),
    ]


def test_units_that_each_lead_and_units_joined_by_he_or_ji() -> None:
    assert owners("建设平台。(市科技局、市财政局分别牵头)") == [
        ("市科技局", "lead", False),
        ("市财政局", "lead", False),
    ]
    assert owners("建设平台。(市科技局及市财政局)") == [
        ("市科技局", "lead", False),
        ("市财政局", "support", False),
    ]
    assert owners("建设平台。(市科技局和市财政局按职责分工负责)") == [
        ("市科技局", "lead", False),
        ("市财政局", "lead", False),
    ]
    # 和 inside one name stays: the part before it is no unit
    assert owners("建设平台。(县教育和体育局)") == [("县教育和体育局", "lead", False)]


def test_the_documents_lead_rule_in_brackets_names_no_unit() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the note must not become a task

    tasks = (
        parse_text("2023年工作方案\n(列第一位的为牵头单位)\n二、主要任务\n1.建设平台。(市科技局、市财政局)")
        .plans[0]
        .tasks
    )
    assert [(t.heading, [o.name for o in t.owners]) for t in tasks] == [
        ("建设平台", ["市科技局", "市财政局"])
    ]


def _task_owners(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the layout is read by the whole pipeline

    return [(t.text[:6], [(o.name, o.role) for o in t.owners]) for t in parse_text(text).plans[0].tasks]


def test_a_department_heading_leads_its_run_together_duties() -> None:
    # a zone's 部室简介: each office's duties ①②③ on one line; the office leads each of them
    text = (
        "(一)综合办公室(党群工作部、监察室)\n(1)年度主要任务与要求:\n①积极宣传推介园区;②理顺体制机制;③完成其他工作。\n"
        "(二)招商合作局\n(1)年度主要任务与要求:\n①积极宣传推介园区;②服务企业。\n"
    )
    office, bureau = [("综合办公室（党群工作部、监察室）", "lead")], [("招商合作局", "lead")]
    # the marker stays with its item: "①积极宣传推介园区" tells the two offices' first duties apart
    assert _task_owners(text) == [
        ("①积极宣传推", office),
        ("②理顺体制机", office),
        ("③完成其他工", office),
        ("①积极宣传推", bureau),
        ("②服务企业。", bureau),
    ]


def test_a_section_note_names_the_lead_of_the_items_under_it() -> None:
    text = "二、任务分工\n(一)构建法治环境(总牵头单位:县委依法治县委员会办公室)\n1.领导干部带头尊法学法。\n2.规范执法。(责任单位:县司法局)\n"
    assert _task_owners(text) == [
        ("领导干部带头", [("县委依法治县委员会办公室", "lead")]),
        ("规范执法。(", [("县司法局", "lead")]),  # an item's own owners come first
    ]


def test_units_answering_each_for_its_part_all_lead() -> None:
    assert owners("(责任单位:县政府办公室、县司法局,乡镇人民政府按职责分工分别负责)") == [
        ("县政府办公室", "lead", False),
        ("县司法局", "lead", False),
        ("乡镇人民政府", "lead", False),
    ]


def test_a_group_written_as_a_list_of_levels_is_one_owner() -> None:
    assert owners("(协同责任单位:市经信局、滁州经开区管委会等,各县、市、区政府)") == [
        ("市经信局", "support", False),
        ("滁州经开区管委会", "support", False),
        ("各县、市、区政府", "support", True),
    ]


def test_a_name_cut_by_the_end_of_the_excerpt_is_no_owner() -> None:
    text = (
        "一、重点工作\n1.收入与经济增长基本同步。\n责任单位:县财政局。\n2.防范化解金融风险。\n责任单位:县财"
    )
    assert _task_owners(text) == [("收入与经济增", [("县财政局", "lead")]), ("防范化解金融", [])]


def test_a_bank_branch_is_a_unit() -> None:
    # a cell line of units only (an owner cell of a table copied one cell a line)
    from devzone.plans.owners import looks_like_units  # noqa: PLC0415 - one helper of the table reader

    assert looks_like_units("市发改委、市税务局、人行六安市中心支行等")
    assert not looks_like_units("支持银行设立支行")


def test_a_group_of_levels_closed_by_its_government_and_a_unit_joined_by_ji() -> None:
    # "各州、市人民政府" is one group owner; after "各区、县(市)政府" the 及 starts a unit of its own
    assert owners("(省发展改革委牵头;林业厅,各州、市人民政府配合)") == [
        ("省发展改革委", "lead", False),
        ("林业厅", "support", False),
        ("各州、市人民政府", "support", True),
    ]
    assert owners("责任单位:市财政局等有关部门,各区、县(市)政府及开发区管委会") == [
        ("市财政局", "lead", False),
        ("各区、县（市）政府", "support", True),
        ("开发区管委会", "support", False),
    ]


def test_persons_named_by_their_post_in_an_owner_bracket_are_left_out() -> None:
    # a leader is a person, not an owner: the units of the same bracket keep their roles
    assert owners(
        "万元GDP能耗下降2.5%(分管副省长、协管副秘书长负责,省发展改革委牵头,省工业和信息化厅配合)"
    ) == [
        ("省发展改革委", "lead", False),
        ("省工业和信息化厅", "support", False),
    ]


def test_zhuban_and_xieban_read_like_lead_and_support() -> None:
    assert owners("推进园区建设。(区发改委主办,区财政局、区住建局协办)") == [
        ("区发改委", "lead", False),
        ("区财政局", "support", False),
        ("区住建局", "support", False),
    ]
    assert owners("推进园区建设。(主办:区发改委;协办:区财政局)") == [
        ("区发改委", "lead", False),
        ("区财政局", "support", False),
    ]


def test_a_closing_clause_you_a_fuze_names_the_owner() -> None:
    assert owners("推进园区建设,由区发改委负责。") == [("区发改委", "lead", False)]


def test_a_bracket_cut_by_the_end_of_the_excerpt_is_read_up_to_the_cut_name() -> None:
    # the last name ("城建集") is a fragment; a unit named by a verb (区建设局) is a unit all the same
    assert owners("4.完善重大项目推进机制。(区发改委主办,区教育局、区建设局、城建集") == [
        ("区发改委", "lead", False),
        ("区教育局", "support", False),
        ("区建设局", "support", False),
    ]


def test_the_cell_rules_of_a_table_copied_from_a_page_are_no_part_of_a_name() -> None:
    assert owners("牵头单位: | 广州开发区管委会 |") == [("广州开发区管委会", "lead", False)]


def test_a_sign_before_a_unit_marks_the_lead() -> None:
    # "▲为牵头单位" / "带*的为牵头单位": the marked unit leads wherever it stands, the others support
    assert owners("推进。(▲发改局,各部门,各镇乡(街道))") == [
        ("发改局", "lead", False),
        ("各部门", "support", True),
        ("各镇乡（街道）", "support", True),
    ]
    assert owners("推进。(区政府办公室*、区财政局)") == [
        ("区政府办公室", "lead", False),
        ("区财政局", "support", False),
    ]
    assert owners("推进。(发改局、★财政局、税务局)") == [
        ("发改局", "support", False),
        ("财政局", "lead", False),
        ("税务局", "support", False),
    ]


def test_tortoise_shell_brackets_in_a_name_are_written_full_width() -> None:
    assert owners("增长7%以上。(市发展改革委,各县〔市、区〕政府)") == [
        ("市发展改革委", "lead", False),
        ("各县（市、区）政府", "support", True),
    ]


def test_a_role_note_after_the_first_unit_of_a_key_inside_the_line() -> None:
    # 海盐: "…缩小。 责任单位:县发改局(首位单位为牵头单位,下同)、县财政局" on the item's own line
    assert [
        (n, r)
        for n, r, _ in owners(
            "1.全县生产总值增长7.5%左右。 责任单位:县发改局(首位单位为牵头单位,下同)、县财政局"
        )
    ] == [
        ("县发改局", "lead"),
        ("县财政局", "support"),
    ]


def test_a_directive_names_its_addressee_as_lead_and_those_it_asks_to_help_as_support() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - a whole plan is read

    # 行政院 院會決議: "請A會同B…", "請A督導C…" (C is told, not asked), "並請D與E提供協助"; the notice's
    # own "请认真贯彻执行" names no one
    text = (
        "決定:\n(一)准予備查。\n"
        "(二)本案請內政部會同法務部先行研議修法方向。\n"
        "(三)請經濟部督導台電公司儘速完成復工,並請環保署與內政部營建署提供協助。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    owners = [[(o.name, o.role) for o in t.owners] for t in tasks]
    assert [("內政部", "lead"), ("法務部", "support")] in owners
    assert [("經濟部", "lead"), ("環保署", "support"), ("內政部營建署", "support")] in owners
    notice = "现将方案印发给你们,请认真贯彻执行。执行中遇到的问题,请径向市政府办公室反映。"
    assert addressed_owners(notice, 0, len(notice), original=notice) == []


def test_a_unit_before_huitong_in_an_owner_cell_leads_the_units_after_it() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - a whole plan is read

    # 武汉 经信委: the 责任处室 cell "综合规划处会同" / "科学技术处、" / "新兴产业处", one name a line
    text = (
        "序号\n重点工作\n完成时限\n责任处室\n"
        "1\n加快发展先进制造业,深化试点示范城市建设。\n一季度\n综合规划处会同\n科学技术处、\n新兴产业处\n"
        "2\n推进军民融合深度发展。\n二季度\n投资技改处\n"
    )
    task = parse_text(text).plans[0].tasks[0]
    assert [(o.name, o.role) for o in task.owners] == [
        ("综合规划处", "lead"),
        ("科学技术处", "support"),
        ("新兴产业处", "support"),
    ]


def test_a_bare_list_closing_a_sentence_inside_an_item_names_that_sentences_owners() -> None:
    # 北京 区 政务公开工作要点: "(二)…。发布…情况。(区经信办、区商务委。)做好…公开。(区住房城乡建设委、…。)…"
    text = "发布疏解进展情况。(区经信办、区商务委。)做好拆除违法建设信息公开。(区住房城乡建设委、区城管委。)编制规划。"
    assert owners(text) == [
        ("区经信办", "lead", False),
        ("区商务委", "support", False),
        ("区住房城乡建设委", "lead", False),
        ("区城管委", "support", False),
    ]
    # a parenthesis after a noun is no owner list, wherever it stands
    assert owners("依托(市发改委、市财政局)开展工作。再推进。") == []


def test_units_that_each_answer_for_their_part_all_lead_also_before_a_time_limit() -> None:
    assert owners("做好信息公开。(区发改委、区经信委、区卫计委分别负责落实)") == [
        ("区发改委", "lead", False),
        ("区经信委", "lead", False),
        ("区卫计委", "lead", False),
    ]
    text = (
        "推进改革。(区发展改革委、区市场监管局、区金融服务办、区政务服务管理局负责落实,完成时限:2022年10月)"
    )
    assert [name for name, role, _ in owners(text) if role == "lead"] == [
        "区发展改革委",
        "区市场监管局",
        "区金融服务办",
        "区政务服务管理局",
    ]


def test_a_problem_list_charges_its_units_in_a_field_under_each_problem() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - a whole plan is read

    # 平利 双创 巡查交办: "n、<problem>" / "整改要求:由(包片单位)A负责…"; the closing request is no item's
    text = (
        "关于巡查问题的交办通知\n"
        "4、迎宾大道南侧旱厕外露。\n整改要求:由城关镇负责拆除旱厕。\n"
        "5、沿线商户出店占道经营问题较为突出。\n"
        "整改要求:按照先劝阻、再强制的要求,由沿线包片单位县职教中心、县交通局负责劝阻教育。\n"
        "请各相关单位认真整改,整改落实情况及时报县双创办。\n"
    )
    tasks = parse_text(text).plans[-1].tasks
    assert [(t.id, [(o.name, o.role) for o in t.owners]) for t in tasks] == [
        ("4", [("城关镇", "lead")]),
        ("5", [("县职教中心", "lead"), ("县交通局", "lead")]),
    ]
    closing = "本方案自印发之日起施行,由县工业园区管委会负责解释。"
    assert owners(closing) == []


def test_a_unit_list_closed_by_its_duty_without_the_verb_supports_the_lead() -> None:
    # "按职责分工" with 负责 left out reads as "按职责分工负责": after a 牵头 unit, the units support
    text = "2.组织参加专题培训活动。(市委组织部牵头,市各有关单位按职责分工)\n"
    (task,) = parse_text(text).plans[0].tasks
    assert [(o.name, o.role) for o in task.owners] == [("市委组织部", "lead"), ("市各有关单位", "support")]


def test_a_standing_note_inside_the_owner_bracket_names_no_owner_of_its_own() -> None:
    text = (
        "1.做强集群。(牵头单位:市发改委;配合单位:各县区政府;以下配合单位均含各载体,不再列出)\n"
        "2.壮大产业。(牵头单位:市工信局)\n"
    )
    first, second = parse_text(text).plans[0].tasks
    assert [o.name for o in first.owners] == ["市发改委", "各县区政府", "各载体"]
    assert [(o.name, o.role) for o in second.owners] == [("市工信局", "lead"), ("各载体", "support")]


def test_a_documents_status_or_a_pages_label_in_brackets_is_no_owner() -> None:
    for text in ("(试行)", "【市政府文件】", "(征求意见稿)"):
        assert find_owners(text, 0, len(text), original=text) == [], text
    text = "1.推进政务公开。(市政府办公室)\n"
    assert [o.name for o in find_owners(text, 0, len(text), original=text)] == ["市政府办公室"]


def test_a_ministrys_department_ending_in_si_is_a_unit() -> None:
    # a ministry's plan names its departments (法制司, 财务司) in the heading's bracket; the items under it
    text = (
        "2015年某部工作要点\n"
        "一、推进重点领域信息公开\n"
        "(一)推进行政权力运行信息公开。(法制司牵头,有关单位负责)\n"
        "1.全面建立行政管理权力清单制度。\n"
        "2.建立行政审批动态调整机制。\n"
    )
    tasks = parse_text(text).plans[0].tasks
    assert [[(o.name, o.role) for o in t.owners] for t in tasks] == [
        [("法制司", "lead"), ("有关单位", "support")]
    ] * 2


def test_units_that_take_part_support_the_lead() -> None:
    text = "做好工作。(市发展改革委、市人社局牵头,市委组织部、国家统计局某调查队参加)"
    assert [(o.name, o.role) for o in find_owners(text, 0, len(text), original=text)] == [
        ("市发展改革委", "lead"),
        ("市人社局", "lead"),
        ("市委组织部", "support"),
        ("国家统计局某调查队", "support"),
    ]


def test_short_names_are_read_back_from_their_note_not_by_a_scan_of_every_character() -> None:
    # a 2 MB text of long name runs, and one of thousands of short-name notes: the notes are walked back
    # from (a scan trying every character took 5 s on the first text), and only the first 200 are read
    runs = ("为推动工作,特设置工作专班(以下简称专班)。" + "甲" * 200 + "\n") * 9000
    notes = "".join(f"设第{k}工作办公室(以下简称{k}办)," for k in range(5000))
    started = time.perf_counter()
    assert defined_names(runs) == {}
    named = defined_names(notes)
    assert time.perf_counter() - started < 1.0
    assert len(named) == _MAX_DEFINED and notes[slice(*named["0办"])] == "第0工作办公室"


def test_a_bureaus_offices_and_the_bodies_under_it_in_one_list() -> None:
    # "(责任处室及单位:A,B,…、C)": one 责任单位 list, its first lead
    text = "稳定粮食生产。(责任处室及单位:种植业管理处,发展规划处,农村乱占耕地工作专班、农技中心)"
    norm = normalise(text)
    owners = [(o.name, o.role) for o in find_owners(norm, 0, len(norm), original=text)]
    assert owners == [
        ("种植业管理处", "lead"), ("发展规划处", "support"), ("农村乱占耕地工作专班", "support"), ("农技中心", "support"),
    ]  # fmt: skip


def _owners_read(text: str) -> list[list[tuple[str, str]]]:
    return [[(o.name, o.role) for o in t.owners] for p in parse_text(text).plans for t in p.tasks]


def test_the_unit_a_leader_visits_leads_the_demands_counted_there() -> None:
    text = (
        "12月5日,县长彭鉴到县民政局调研指导民政工作,对成绩给予充分肯定,并对下步工作提出了三点要求:"
        "一是认真梳理对照省州出台的方案。二是兜牢民生底线。三是强化自身建设。"
    )
    assert _owners_read(text) == [[("县民政局", "lead")]] * 3


def test_a_units_own_meeting_named_in_the_title_makes_it_lead_its_charges() -> None:
    text = (
        "区招商促进中心召开阶段性工作调度会\n\n10月25日,区招商促进中心召开调度会,中心全体干部职工参加会议。\n\n"
        "会议指出,全体工作人员要认真贯彻落实指示精神;要进一步统一思想。"
    )
    assert _owners_read(text) == [[("区招商促进中心", "lead")]] * 2
    # a government's meeting is held for others: its charges name their own units or none
    text = "县政府召开城建项目工作推进会\n\n会议要求,各相关部门要明确城建目标;同时要加快进度。"
    assert all(("县政府", "lead") not in owners for owners in _owners_read(text))


def test_a_committee_defined_on_a_wrapped_line_leads_its_bulleted_duties() -> None:
    text = (
        "- 一、本府為推動資訊化,特設臺北市政府資訊化推動委員會(以下簡稱本 會),並訂定本要點。\n"
        "- 二、本會任務如下:\n(一)策訂本府整體資訊系統發展綱要計畫。\n(二)推動本府地理資訊系統之規劃。\n"
    )
    assert _owners_read(text) == [[("臺北市政府資訊化推動委員會", "lead")]] * 2


def test_the_unit_charged_before_a_speakers_count_leads_the_parts_naming_none() -> None:
    text = (
        "最后,张文副局长强调,改造是为民办实事项目,各县(市、区)务必高度重视,要抓细抓实各项工作。"
        "一是做好项目策划申报工作。二是做好绩效评价工作。三是做好绿色社区创建,各县(市、区)住建局要制定方案。"
    )
    assert _owners_read(text) == [
        [("各县（市、区）", "lead")],
        [("各县（市、区）", "lead")],
        [("各县（市、区）住建局", "lead")],
    ]


def test_a_bureaus_meeting_on_its_own_work_makes_it_lead_the_counted_demands() -> None:
    text = (
        "鼎城区城管局部署文明城市测评工作\n"
        "2016年8月17日下午,鼎城区城管局召开测评工作部署会。\n"
        "会上,副局长伍伟对我局的工作进行了部署。他强调,一是要高度重视,集中力量;二是要抓住重点;三是强化督导。"
    )
    assert _owners_read(text) == [[("鼎城区城管局", "lead")]] * 3


def test_a_reply_that_answers_below_is_the_signing_bureaus_promises() -> None:
    text = (
        "张吉权委员:\n您提出的《关于加快旅游公共厕所建设管理的建议》已收悉,现回复如下:\n"
        "1.我局已拟定旅游厕所革命三年行动计划,确定2018-2020年度新建35座。\n"
        "2.对已建成的公共旅游厕所形成管理制度,预计12月底前全面完成。\n"
        "竹溪县文化和旅游局\n2018年10月20日\n"
    )
    assert _owners_read(text) == [[("竹溪县文化和旅游局", "lead")]] * 2


def test_a_word_stressing_the_charge_is_no_part_of_who_is_charged() -> None:
    for said in (
        "各县市一定要树立项目谋划意识。",
        "各县市都要树立项目谋划意识。",
        "各县市作为牵头单位更要树立意识。",
    ):
        assert [o.name for o in subject_owners(said, 0, len(said), original=said)] == ["各县市"]


def test_a_body_whose_tasks_the_intro_says_follow_leads_them_by_its_full_name() -> None:
    text = (
        "本府為辦理災害防救業務,設屏東縣政府災害防救辦公室(以下簡稱本府災防辦),並訂定設置要點。"
        "本府災防辦所執行任務包含下列事項,陳述如下:\n(一)執行本縣災害防救會報事務。\n(二)督考本縣緊急應變體系。\n"
    )
    assert _owners_read(text) == [[("屏東縣政府災害防救辦公室", "lead")]] * 2


def test_persons_charged_by_their_post_are_no_owners() -> None:
    for said in ("各驻外招商办事处主任要争做招商先锋。", "各乡镇党委书记要亲自抓。"):
        assert subject_owners(said, 0, len(said), original=said) == []
    said = "各驻外招商办事处要争做招商先锋。"
    assert [o.name for o in subject_owners(said, 0, len(said), original=said)] == ["各驻外招商办事处"]


def test_a_speaker_asking_a_group_mid_paragraph_charges_it() -> None:
    text = (
        "3月1日,县人大常委会召开城建工作座谈会。会上,副县长介绍了城建工作的总体思路,"
        "县人大常委会主任要求各城建口单位要坚持目标导向,完善交通体系建设。"
    )
    assert _owners_read(text) == [[("各城建口单位", "lead")]]


def test_a_charge_naming_no_one_keeps_what_it_is_for() -> None:
    text = "9月5日,副市长杨淼到市商务局调研指导工作。她强调,推动全市商务工作高质量发展,要在工作中落实好新发展理念。"
    (task,) = [t for p in parse_text(text).plans for t in p.tasks]
    assert task.text.startswith("推动全市商务工作高质量发展")
    assert [(o.name, o.role) for o in task.owners] == [("市商务局", "lead")]


def test_a_replys_promises_about_different_works_parted_by_semicolons_are_tasks_each() -> None:
    text = (
        "关于对平江县政协十届五次会议第57号提案的答复\n李娟娟代表:\n您提出的议案收悉,现答复如下:\n"
        "第十一中教学综合楼已完成图纸设计,待资金计划落实后会适时启动项目建设;男生宿舍改造成教师住房,我局将会综合考虑;"
        "运动场及相关附属工程,将会根据规划适时拿出方案。\n感谢您对教育工作的关心和支持。\n平江县教育局\n2021年5月10日\n"
    )
    assert _owners_read(text) == [[("平江县教育局", "lead")]] * 3


def test_a_count_right_after_the_speakers_word_is_read_as_its_parts() -> None:
    text = "最后,副局长蔡宇志强调一要树危机意识,加压力;二要树科学意识,调方法;三要树务实意识,强措施。"
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [t.text[:2] for t in tasks] == ["一要", "二要", "三要"]


def test_a_reply_titled_as_one_bodys_answer_to_a_suggestion_is_that_bodys() -> None:
    text = (
        "南宫市文化广电体育和旅游局对南宫市第十届人民代表大会第三次会议第99号建议的答复\n\n张磊代表:\n\n"
        "您提出的“关于进一步做好乡村文化建设”的建议收悉,现答复如下:\n\n"
        "今后,我们将继续加大投入,建设农村文化阵地,完善设施。\n"
    )
    assert _owners_read(text) == [[("南宫市文化广电体育和旅游局", "lead")]]


def test_a_replier_calling_itself_the_helper_supports_the_unit_it_names() -> None:
    text = (
        "对市政协第十四届第四次会议第2025D048号集体提案的答复\n民建长春市委员会:\n"
        "贵会提出的《关于做好城市体检工作的建议》收悉,现答复如下:\n"
        "我市城市体检工作由市建设主管部门牵头负责,我局为配合部门。我局作为配合部门,将按照专班办公室的要求做好配合工作。\n"
        "长春市住房保障和房屋管理局\n2025年7月23日\n"
    )
    assert _owners_read(text)[-1] == [("市建设主管部门", "lead"), ("长春市住房保障和房屋管理局", "support")]


def test_a_records_parts_told_in_one_paragraph_after_semicolons_are_read() -> None:
    text = (
        "3月7号,地区住房和城乡建设工作会议召开。\n"
        "会上,传达学习了重要批示精神;会议指出,2018年工作稳步推进;会议强调,仍然存在不足,要引起高度重视,"
        "各县市要谋划好城市发展思路;会议要求,要以美丽生态宜居为目标抓好城市建设工作。\n"
    )
    owners = _owners_read(text)
    assert [("各县市", "lead")] in owners and len(owners) == 3


def test_a_sites_footer_names_no_owner() -> None:
    text = (
        "一、加快推进整改\n1.完成工地扬尘整治。(牵头单位:区住建委)\n2.完成柴油车淘汰。\n"
        "主办:北京市通州区人民政府     承办:北京市通州区人民政府办公室     政府网站标识码:1101120001\n"
    )
    owners = _owners_read(text)
    assert owners[0] == [("区住建委", "lead")]
    assert all("北京市通州区人民政府" not in name for task in owners for name, _ in task)


# round 20: whose work a record's charges are when they name no one (CONVENTIONS, round 19)
@pytest.mark.parametrize(
    ("text", "host"),
    [
        # the body an inspection's findings are fed back to
        (
            "7月19日,市委第三巡察组向市政府办公室党组反馈了巡察情况。\n"
            "胡军提出了五点整改意见建议:一是提高政治站位;二是聚焦职能职责;三是压实整改责任。\n",
            "市政府办公室党组",
        ),
        # the unit holding its own system's meeting
        (
            "3月19日,市水利局召开全市水利系统水旱灾害防御工作会议。\n"
            "会议要求,一是责任上要落实到位。要落实责任制。二是体系上要高效运转。要抓实监测。\n",
            "市水利局",
        ),
        # a town's meeting held in its meeting room, after a date inside the sentence
        (
            "为抓好禁烧工作,10月18日上午,劝农山镇在镇三楼会议室召开秸秆禁烧工作会议。\n"
            "张立明强调,一是加强思想认识。二是严密值守加强巡查。三是科学有序处置秸秆。\n",
            "劝农山镇",
        ),
        # a body's meeting of its own leaders
        (
            "2月18日上午,高新区召开党工委、管委会领导班子会议。\n"
            "会议强调,要全力以赴拼经济。加强统筹。要凝心聚力谋发展。综合发力。\n",
            "高新区",
        ),
        # a town visited to inspect it
        (
            "8月9日,区安委办负责人一行赴广兴洲镇开展安全生产大检查。\n"
            "要求一是要深入开展安全生产大检查;二是要落实重大隐患整改责任;三是要纳入考核。\n",
            "广兴洲镇",
        ),
        # (round 21: more meetings that are their convener's own, CONVENTIONS round 20)
        # the meeting of the field the bureau heads, with no 系统 in its name
        (
            "11月11日,市商务局组织召开全市商务经济重点工作座谈会。\n"
            "会议强调,要把握发展主动,聚焦发展全局。要加强精准调度,紧盯全年目标。\n",
            "市商务局",
        ),
        # a 领导小组's plenary, named by the group
        (
            "3月19日,县委统战工作领导小组2023年第一次全体会议召开。\n"
            "唐明强调,要强化政治引领,全力把准方向。要聚焦双招双引,发挥法宝作用。\n",
            "县委统战工作领导小组",
        ),
        # a body's 党工委(扩大)会议: its leaders' own meeting
        (
            "3月19日,巴中文旅示范区召开第84次党工委(扩大)会议。\n"
            "会议要求,要加强与市级部门对接,积极对接重点项目。要提高政治站位,强化组织保障。\n",
            "巴中文旅示范区",
        ),
        # a bureau's meeting its own offices attend
        (
            "8月27日下午,县城管局组织召开环境卫生品质提升行动布置会,局市容科、宣教科、环管科主要负责同志参加了会议。\n"
            "会议要求,一要围绕职责抓提升。抓好主责主业。二要紧盯标准抓提升。对照标准抓好提升。\n",
            "县城管局",
        ),
        # the meeting named after the date, with 召开 before the bureau's name
        (
            "2025年7月31日,召开市生态环境局局长办公会议\n"
            "会议要求,一是坚决守住生态环境安全底线,开展排查。二是组织重点河流入河排污口再排查。\n",
            "市生态环境局",
        ),
        # a street's meeting with its day between its name and 召开, and a date with no comma before the name
        (
            "大明宫街道7月24日召开防汛工作专题调度会\n"
            "2024年7月24日大明宫街道召开防汛工作专题调度会,对街道防汛工作进行安排部署。一是筑牢防汛思想堡垒,做好准备。"
            "二是紧盯安全风险隐患,重点排查。\n",
            "大明宫街道",
        ),
        # the feedback meeting named by whom the inspection saw
        (
            "2024年8月21日,县委第五巡察组巡察县民政局党组情况反馈会召开。\n"
            "会议强调,要转变观念、适应形势,全力整改到位;要主动担当,照单全收;要压实责任,强力整改。\n",
            "县民政局党组",
        ),
    ],
)
def test_the_unit_whose_work_a_records_charges_are_leads_them(text: str, host: str) -> None:
    owners = _owners_read(text)
    assert len(owners) >= 2 and all(task == [(host, "lead")] for task in owners)


def test_a_government_meeting_is_held_for_others() -> None:
    owners = _owners_read("3月1日,县政府召开常务会议。\n会议要求,一是要抓好春耕。二是要做好防汛。\n")
    assert owners and all(task == [] for task in owners)


def test_units_a_speaker_addresses_by_name_lead_the_count_after() -> None:
    text = (
        "近日,紫云镇召开安全生产推进会。\n"
        "会议强调,各行政村(社区)、镇直各单位,高度重视安全生产工作,确保取得实效。一要加强组织领导。"
        "二要加强宣传引导。三要加强督查考核。\n"
    )
    owners = _owners_read(text)
    assert len(owners) == 4
    assert all(task == [("各行政村（社区）", "lead"), ("镇直各单位", "lead")] for task in owners)


def test_a_record_telling_of_its_meeting_then_counting_its_parts() -> None:
    text = (
        "县农业农村局组织召开党组会议和全体干部职工大会,谋划2022年重点工作。一是扛稳粮食安全重任。"
        "新建高标准农田2.53万亩。二是抓好特色产业发展。三是培育新型农业经营主体。\n"
    )
    assert _owners_read(text) == [[("县农业农村局", "lead")]] * 3


def test_an_article_listing_its_offices_duties_inline() -> None:
    text = (
        "第 3 條\n本局設下列各科、室,分別掌理各有關事項: 一 第一科:掌理行政區劃、區政監督等事項。"
        " 二 第二科:掌理地方自治等事項。 三 秘書室:掌理綜合業務等事項。\n"
    )
    assert _owners_read(text) == [[("第一科", "lead")], [("第二科", "lead")], [("秘書室", "lead")]]


def test_the_body_a_notice_sets_up_does_its_duties() -> None:
    text = (
        "各部门:\n经研究,决定成立示范园区创建工作领导小组,现将有关事项通知如下:\n"
        "一、主要职责\n负责编制产业发展规划,推进项目建设。\n二、工作机制\n1、分工合作机制。明确分工。\n"
        "2、牵头协调机制。全面负责协调工作。\n"
    )
    owners = _owners_read(text)
    assert owners and all(task == [("示范园区创建工作领导小组", "lead")] for task in owners)


# round 21: more ways a record charges (CONVENTIONS, round 20)
def test_a_fields_system_is_a_group_that_can_be_charged() -> None:
    text = "全区政法系统要坚定不移贯彻落实好重要指示。"
    assert [(o.name, o.role, o.group) for o in subject_owners(text, 0, len(text), original=text)] == [
        ("全区政法系统", "lead", True)
    ]
    assert subject_owners("全面推进系统要加强。", 0, 10, original="全面推进系统要加强。") == []


def test_a_lead_in_subject_leads_the_count_in_the_paragraphs_it_goes_on_in() -> None:
    text = (
        "3月24日,全县组织工作会议召开。\n"
        "部长彭益玲强调,全县组织系统务必把思想和行动统一到部署上来。一要突出政治建设,扎实开展主题教育;\n"
        "二要强化干部担当,建立积分制;\n三要建强基层堡垒,实施头雁培育计划。\n"
    )
    owners = _owners_read(text)
    assert len(owners) >= 3 and all(task == [("全县组织系统", "lead")] for task in owners)


def test_a_units_party_body_charged_with_wubi_leads() -> None:
    text = "会议强调,巡察反馈意见是一份政治体检报告,民政局党组务必高度重视,坚决扛牢整改主体责任。\n"
    assert _owners_read(text) == [[("民政局党组", "lead")]]


def test_a_clause_alone_titles_the_units_charge_after_it() -> None:
    text = (
        "市场监管局召开全体会议\n"
        "会议要求,要加强组织领导,领导小组和办公室要充分发挥作用,加强统筹协调。要突出工作重点,聚焦专项行动。\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [t.text[:7] for t in tasks] == ["要加强组织领导", "要突出工作重点"]
    assert [(o.name, o.role) for o in tasks[0].owners] == [("领导小组", "lead"), ("办公室", "lead")]


def test_every_unit_an_undertaking_key_lists_leads() -> None:
    # CONVENTIONS: 承办单位 → lead (an activity plan's 主办/承办 lead, 协办 supports)
    assert owners("开展促消费活动。(承办单位:县工信局、县财政局;协办单位:县统计局)") == [
        ("县工信局", "lead", False),
        ("县财政局", "lead", False),
        ("县统计局", "support", False),
    ]


def test_a_side_of_the_work_titles_the_units_charge_after_it() -> None:
    # "一方面要高度重视,精心组织。" + "市级相关部门、各县(区)及钒钛高新区要…": one charge, the units it names lead;
    # a group and a zone joined by 及 are two owners
    text = (
        "市财政局召开申报动员会\n"
        "会议要求,一方面要高度重视,精心组织。市级相关部门、各县(区)及钒钛高新区要高度重视此次申报工作。"
        "另一方面要通力协作,注重成效。要树立全市一盘棋的思想,对标申报要求,倒排工期。\n"
    )
    tasks = [t for p in parse_text(text).plans for t in p.tasks]
    assert [t.text[:3] for t in tasks] == ["一方面", "另一方"]
    assert [o.name for o in tasks[0].owners] == ["市级相关部门", "各县（区）", "钒钛高新区"]
