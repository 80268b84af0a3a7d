from __future__ import annotations

from devzone.plans.headings import heading_mark, inline_heading, is_title_line, is_volume_line, split_heading


def test_heading_styles_of_gbt_9704() -> None:
    cases = {
        "一、总体要求": ("cn", "一", 1),
        "十二、附则": ("cn", "十二", 12),
        "(三)布局建设福厦泉科技城。": ("pcn", "三", 3),
        "1.规范职能定位": ("num_dot", "1", 1),
        "2、培育优质企业梯队": ("num_dun", "2", 2),
        "(4)强化督查": ("pnum", "4", 4),
        "③建立台账": ("circled", "③", 3),
        "第二章 主要任务": ("chapter", "二", 2),
        "第十条 本方案自印发之日起施行": ("article", "十", 10),
    }
    for line, (style, number, ordinal) in cases.items():
        mark = heading_mark(line)
        assert mark is not None, line
        assert (mark.style, mark.number, mark.ordinal) == (style, number, ordinal), line


def test_not_headings() -> None:
    for line in ("2.5亿元投资", "一带一路", "1000亿级开发区", "(责任单位:市委编办)", "20xx年9月底前", "①"):
        assert heading_mark(line) is None, line


def test_heading_content_offset() -> None:
    mark = heading_mark("  (一) 指导思想")
    assert mark is not None
    assert mark.content_start == 6


def test_split_heading_sentence_colon_bare() -> None:
    assert split_heading("规范职能定位,理顺职责关系。按照权责一致原则") == ("规范职能定位,理顺职责关系", 14)
    assert split_heading("加强创新能力:通过设立研发中心") == ("加强创新能力", 7)
    assert split_heading("布局建设福厦泉科技城。") == ("布局建设福厦泉科技城", None)
    assert split_heading("主要任务") == ("主要任务", None)


def test_inline_heading() -> None:
    assert inline_heading("提升产业链稳定性和竞争力。发挥石化产业基地优势。") == "提升产业链稳定性和竞争力"
    assert inline_heading("按照优化、协同、高效的原则,完成内设机构优化。其他。") is None
    assert inline_heading("促进外贸稳增长。") is None


def test_volume_and_title_lines() -> None:
    assert is_volume_line("高新区行动方案范文 篇一")
    assert not is_volume_line("一、背景和目标")
    assert is_title_line("××新区推进开发区高质量发展三年行动计划(2023—2025年)")
    assert is_title_line("关于促进开发区高质量发展的若干措施")
    assert not is_title_line("三、保障措施")
    assert not is_title_line("制定本行动方案,推动发展。")


def test_items_counted_in_words_di_n_xiang() -> None:
    from devzone.plans.parse import parse_text  # noqa: PLC0415 - the items become tasks

    text = "政见及成果如下:\n第一項:落實離島綜合建設計畫,奠定發展根基。\n第二項:賡續爭取興建跨海大橋。\n第三項:加速改善機場。\n第四項"
    assert [t.heading for t in parse_text(text).plans[0].tasks] == [
        "落實離島綜合建設計畫,奠定發展根基",
        "賡續爭取興建跨海大橋",
        "加速改善機場",
    ]
    assert heading_mark("第一项工作是招商") is None  # prose opening with 第一项
