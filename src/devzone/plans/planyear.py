"""The year a plan is for, so that "9月底前", "年底前" or "二季度" written without a year resolve.

A one-year plan states its year once: in its title ("2023年区政府工作报告重点任务分解"), else in the
文号 of the notice that issues it (竹府办〔2016〕20号), else in the document date (2016年2月26日,
发布时间: 2021-09-13). A title spanning years ("(2020-2022年)") names no single year, and the 文号 or
date then gives the year of issue. A year written as 20xx is redacted on purpose and stays open.
"""

from __future__ import annotations

import re

_YEAR = r"(?:19|20)\d{2}"
# the same year with no digit before it: the check stands after the century so that the pattern opens
# with a literal and the regex engine skips to the next 19 or 20 instead of trying every character
# (as "(?<!\d)(?:19|20)" would: a lookbehind first defeats the engine's prefix search)
_YEAR_AFTER_NO_DIGIT = r"(?:19|20)(?<!\d[12][09])\d{2}"
_TITLE_YEAR_RE = re.compile(r"(" + _YEAR_AFTER_NO_DIGIT + r")(?!\d)")
# 〔2016〕 / [2016] / (2016) right before a document number: the 文号 of GB/T 9704-2012 7.2.4
_DOC_NUMBER_RE = re.compile(r"[〔\[(](" + _YEAR + r")[〕\])]\s*\d{1,4}\s*号")
_DATE_RE = re.compile(
    r"("
    + _YEAR_AFTER_NO_DIGIT
    + r")(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|-\d{1,2}-\d{1,2}(?!\d)|\.\d{1,2}\.\d{1,2}(?![\d.]))"
)
# a 文号 right after a cited title: "》(昆政发" before the year
_CITED_RE = re.compile(r"》\s*\(?[\u4e00-\u9fff]{0,8}$")
_REDACTED_RE = re.compile(r"\d{2}[xX×]{2}|[xX×]{2,4}年")
_STAMP_BEFORE_RE = re.compile(r"(?:发布|成文|发文|印发|日期|时间)\s*[::]?\s*$")
_STAMP_AFTER_RE = re.compile(r"\s*\d{1,2}\s*(?:时|:)\s*\d{1,2}")
# a meeting numbered within its year ("召开县政府2021年第6次县长办公会议"): the year its record was written
_MEETING_YEAR_RE = re.compile(
    r"(" + _YEAR_AFTER_NO_DIGIT + r")年(?:度)?第\s*[一二三四五六七八九十\d]{1,3}\s*次[^,。;\n]{0,16}?会议"
)
# (a pattern opening with a literal each: one scan of the head for 民国, one for a three-digit year)
_ROC_DATE_RES = (
    re.compile(r"民国\s*(\d{2,3})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"),
    re.compile(r"(1(?<![\d.]1)[0-3]\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"),
)
_HEAD = 2000  # the 文号 and the date of a notice stand before or around the plan's first lines


def plan_year(title: str | None, norm: str, start: int, *, issued: int | None = None) -> int | None:
    """The year of the plan titled ``title`` whose text starts at ``start`` of normalised ``norm``
    (``issued``: its ``issue_year`` when already known).

    >>> plan_year("2016年民生实事目标任务分解表", "", 0)
    2016
    >>> plan_year("数字聊城建设三年行动计划(2020-2022年)", "聊政办字〔2020〕8号", 0)
    2020
    >>> plan_year(None, "发布时间: 2021-09-13\\n苍溪县冲刺三季度", 0)
    2021
    >>> plan_year("工作清单", "对文件进行清理", 0) is None
    True
    """
    year = title_year(title)
    if year is not None:
        return year
    return issued if issued is not None else issue_year(norm, start)


_CN_DIGITS = {ch: str(k) for k, ch in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0", "O": "0"}
# a year written in Chinese digits ("二○○九年"), as sign-off dates and some titles write it
_CN_YEAR_RE = re.compile(r"(?<![〇○零一二三四五六七八九十])([〇○零一二三四五六七八九]{4})年")
_CN_DATE_RE = re.compile(
    r"([〇○零一二三四五六七八九][〇○零一二三四五六七八九]{3})年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
)


def arabic_years(text: str) -> str:
    """``text`` with its years in Chinese digits written in figures (same length: offsets kept).

    >>> arabic_years("二○一九年重点工作"), arabic_years("十二五期间")
    ('2019年重点工作', '十二五期间')
    """
    if "年" not in text:
        return text
    return _CN_YEAR_RE.sub(lambda m: "".join(_CN_DIGITS[ch] for ch in m.group(1)) + "年", text)


def title_year(title: str | None) -> int | None:
    """The single year a title names ("2023年区政府工作报告重点任务分解", "二○一九年…"), or ``None``.

    >>> title_year("2023年重点工作"), title_year("三年行动计划(2020-2022年)"), title_year("二○一九年工作要点")
    (2023, None, 2019)
    """
    years = set(_TITLE_YEAR_RE.findall(arabic_years(title))) if title else set()
    return int(years.pop()) if len(years) == 1 else None


def issue_year(norm: str, start: int) -> int | None:
    """The year the document was issued: its 文号, else its date, near the plan start.

    "明年" in a plan signed 2022-12-27 is 2023, whatever year the title names.

    >>> issue_year("黄石港区人民政府\\n2022年12月27日\\n", 0), issue_year("发布时间:2021.09.16", 0)
    (2022, 2021)
    >>> issue_year("根据《关于印发若干措施的通知》(昆政发[2016]13号),结合实际", 0) is None
    True
    >>> issue_year("某市人民政府办公室\\n二○○九年二月二十七日", 0)
    2009
    >>> issue_year("2020-07-26\\n分工方案\\n2017年03月14日 11时17分\\n来源:省政府办公厅", 0)
    2017
    >>> issue_year("5月30日晚,县长主持召开县政府2021年第6次县长办公会议", 0)  # a record: its meeting's year
    2021
    >>> issue_year("公發布日: 民國 103 年 04 月 18 日", 0), issue_year("會議日期:109年11月24日", 0)
    (2014, 2020)
    """
    head = norm[max(0, start - _HEAD) : start + _HEAD]
    for m in _DOC_NUMBER_RE.finditer(head) if "号" in head else ():
        if _CITED_RE.search(head, max(0, m.start() - 12), m.start()):
            continue  # "根据《…的通知》(昆政发〔2016〕13号)": the number of the document cited
        return int(m.group(1))
    # a page's date stamp (labelled, or with its time: "2017年03月14日 11时17分") before a bare date
    # the page shows at its top, which is the day it was viewed
    first: re.Match[str] | None = None
    for m in _DATE_RE.finditer(head):
        if _STAMP_BEFORE_RE.search(head, max(0, m.start() - 8), m.start()) or _STAMP_AFTER_RE.match(
            head, m.end()
        ):
            return int(m.group(1))
        first = first or m
    if first is not None:
        return int(first.group(1))
    for pattern in _ROC_DATE_RES if "年" in head else ():
        roc = pattern.search(head)
        if roc is not None:  # "民國103年04月18日", "中華民國109年11月24日": the Republic of China calendar
            return int(roc.group(1)) + 1911
    meeting = _MEETING_YEAR_RE.search(head) if "次" in head else None
    if meeting is not None:
        return int(meeting.group(1))
    date = _CN_DATE_RE.search(head) if "年" in head else None  # a sign-off "二○○九年二月二十七日"
    return int(arabic_years(date.group(1) + "年")[:4]) if date is not None else None


def is_redacted(deadline_text: str) -> bool:
    """True for a year blanked out on purpose ("20xx年9月底前"): it is not filled in.

    >>> is_redacted("20xx年9月底前"), is_redacted("9月底前")
    (True, False)
    """
    return _REDACTED_RE.search(deadline_text) is not None
