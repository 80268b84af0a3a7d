"""Deadlines (完成时限) in plan text: a registry of small readers, one per written form.

Each reader is a compiled pattern plus a function from the match to ``(year, month, day,
recurring)``; readers run in registry order and a later reader never takes characters an
earlier one took. Five-year plan periods: the N-th plan (第N个五年规划, "十N五") ends in
1955 + 5·N for N ≥ 3 (十三五 = 2016–2020, 十四五 = 2021–2025, 十五五 = 2026–2030;
《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》). A plan period
"期间" or "末" is due by the period's last year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from devzone.plans.numerals import chinese_number, number_value
from devzone.plans.scan import Opened

# a year of the Republic of China calendar, as Taiwan's documents date ("民國113年", "113年12月底前"): the
# year + 1911; a bare three-digit year only before a month or 底/末, where no other reading fits (a few
# blanks may part 民国 from its year: bounded, so that a reader's match stays within reach of its word)
_ROC_YEAR = r"民国\s{0,8}\d{2,3}|(?<![\d.])1[0-3]\d(?=年(?:[01]?\d月|[一二三四五六七八九十]{1,2}月|底|末))"
# (a PDF's text spaces its figures from their words: "2016 年底前", "2016 年 6 月底前")
_YEAR = (
    r"(?P<y>\d{4}|\d{2}[xX×]{2}|[12][0-9xX×][xX×]{2}|[零〇一二两三四五六七八九]{4}|"
    + _ROC_YEAR
    + r")(?:[ \t](?=年))?"
)
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?P<d>[0-3]?[0-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_NOT_NUM_BEFORE = r"(?<![0-9零〇一二两三四五六七八九十几多半每上下本全])"


@dataclass(frozen=True, kw_only=True)
class DeadlineValue:
    """The date part of a deadline: open fields are ``None``."""

    year: int | None
    month: int | None
    day: int | None
    recurring: bool
    next_year: bool = False  # "明年7月份": the year after the document's own


@dataclass(frozen=True, kw_only=True)
class DeadlineHit:
    """A deadline found at ``start:end`` of the searched text."""

    start: int
    end: int
    value: DeadlineValue


def _year(token: str | None) -> int | None:
    """Year from "2023", "20xx" (unknown → None) or "二〇二三"."""
    if not token:
        return None
    if token[0] in "零〇一二两三四五六七八九":
        digits = "".join(str(int(chinese_number(ch) or 0)) for ch in token)
        return int(digits)
    if token.startswith("民国"):
        return int(token[2:].strip()) + _ROC_OFFSET
    if token.isdigit():
        return int(token) + (_ROC_OFFSET if len(token) == 3 else 0)
    return None


_ROC_OFFSET = 1911  # 民國元年 = 1912


def _small(token: str | None) -> int | None:
    if not token:
        return None
    value = number_value(token)
    return None if value is None else int(value)


# what a plan schedules for a month written bare: "10月份完成", "2024年6月建成投用" (a due date, unlike
# a narrative date "2023年6月,市政府印发…")
_DUE_VERBS = (
    "完成",
    "建成",
    "投用",
    "投入使用",
    "投产",
    "开工",
    "动工",
    "启动",
    "竣工",
    "上线",
    "出台",
    "验收",
    "交付",
    "完工",
    "通车",
    "投运",
    "结束",  # ("排查工作即日起开始,4月25日结束": when the work ends)
)


def _month_day(m: re.Match[str]) -> DeadlineValue | None:
    month = _small(m.group("m"))
    day = _small(m.group("d"))
    if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    has_tail = bool(m.group("tail"))
    has_pre = bool(m.group("pre")) or bool(m.group("next")) or m.group("done") is not None
    if not (has_tail or has_pre):
        return None
    return DeadlineValue(
        year=_year(m.group("y")), month=month, day=day, recurring=False, next_year=bool(m.group("next"))
    )


def _year_end(m: re.Match[str]) -> DeadlineValue | None:
    return DeadlineValue(year=_year(m.group("y")), month=12, day=None, recurring=False)


def _half_year(m: re.Match[str]) -> DeadlineValue | None:
    month = 6 if m.group("h") == "上" else 12
    return DeadlineValue(year=_year(m.group("y")), month=month, day=None, recurring=False)


def _quarter(m: re.Match[str]) -> DeadlineValue | None:
    q = _small(m.group("q"))
    if q is None or not 1 <= q <= 4:
        return None
    return DeadlineValue(year=_year(m.group("y")), month=3 * q, day=None, recurring=False)


def _by_year(m: re.Match[str]) -> DeadlineValue | None:
    if not (m.group("pre") or m.group("post")):
        return None
    return DeadlineValue(year=_year(m.group("y")), month=None, day=None, recurring=False)


def _five_year(m: re.Match[str]) -> DeadlineValue | None:
    n = _small(m.group("n"))
    if n is None:
        return None
    return DeadlineValue(year=1955 + 5 * (10 + n), month=None, day=None, recurring=False)


def _within_year(m: re.Match[str]) -> DeadlineValue | None:
    return DeadlineValue(year=None, month=12, day=None, recurring=False)


def _recurring(m: re.Match[str]) -> DeadlineValue | None:
    return DeadlineValue(year=None, month=None, day=None, recurring=True)


def _each_cycle(m: re.Match[str]) -> DeadlineValue | None:
    """Months that repeat a duty through the year ("四月、七月、十月及隔年一月分别"), running into the next year or
    three and more; two months of two works ("9月、10月分别完成A和B") are two dates, read as such."""
    said = m.group()
    if any(w in said for w in ("隔年", "次年", "翌年")) or said.count("月") >= _CYCLE_MONTHS:
        return _recurring(m)
    return None


_CYCLE_MONTHS = 3


Reader = tuple[re.Pattern[str], Callable[[re.Match[str]], DeadlineValue | None]]
_NOT_REPORTED = r"(?![\u4e00-\u9fff]{0,4}(?:工作总结|总结|报表|统计|报告))"

_ONE_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
READERS: dict[str, Reader] = {
    # a schedule of months, each the same duty ("于四月、七月、十月及隔年一月分别填报"): a routine, not one date
    "months_each": (
        re.compile(r"(?:于|在)?" + _ONE_MONTH + r"(?:[、和及](?:隔年|次年|翌年)?" + _ONE_MONTH + r")+分别"),
        _each_cycle,
    ),
    # not a rate: "每人每月609元", "每户每年", "每月574元" (an amount per period, no schedule)
    "recurring": (
        # ("每两个月召开一次联席会", "每学期联合开展…", "以每四年訂定為原則": every few months, years, terms)
        re.compile(
            r"(?<![人户亩])每(?:年度|[两三四五]?年|季度|季|[两三四六]?个月|月|半年|周|学期)(?!\d+(?:\.\d+)?万?元)"
        ),
        _recurring,
    ),
    # work on a schedule by period ("按季度公开重点项目进展", "按月调度"): the periodic report, publication or
    # review; not how a policy pays ("按月全额退还留抵税额"), nor 按年度, which names a plan ("按年度计划推进")
    "by_period": (
        re.compile(
            r"按(?:季度|季|月度|月|周|旬)(?:定期)?"
            r"(?:公开|调度|通报|报送|上报|报告|发布|更新|统计|督查|督办|检查|召开|研究|分析|汇总|梳理)"
        ),
        _recurring,
    ),
    "month_day": (
        re.compile(
            r"(?P<pre>到|至|于|在|截至|截止|[限间点]: ?)?(?:"
            + _YEAR
            + r"年[ \t]?|(?P<next>明年|次年))?(?<![0-9])(?:本\((?=[0-9]{1,2}\)月))?"  # "本(1)月底前": this month, January
            + _MONTH
            + r"(?:(?<=[0-9])\)|[ \t](?=月))?月份?"
            r"(?:" + _DAY + r"[日号])?"
            r"(?P<tail>底前|底以前|底之前|末前|底|末|以前|之前|前|上旬|中旬|下旬)?"
            r"(?P<done>(?=(?:全面|基本|力争|正式)?(?:" + "|".join(_DUE_VERBS) + r")))?"
        ),
        _month_day,
    ),
    "year_end": (
        re.compile(_YEAR + r"年(?:年底|年末|底|末)(?:以前|之前|前)?"),
        _year_end,
    ),
    # (not the period a report covers: "上半年工作总结", "第二季度林业统计报表")
    "half_year": (
        re.compile(r"(?<!每)(?:" + _YEAR + r"年)?(?P<h>[上下])半年" + _NOT_REPORTED),
        _half_year,
    ),
    "quarter": (
        re.compile(
            r"(?<!每)(?:"
            + _YEAR
            + r"年)?第?(?P<q>[一二三四1-4])季度(?:末|底)?(?:以前|之前|前)?"
            + _NOT_REPORTED
        ),
        _quarter,
    ),
    "year_inside": (re.compile(_YEAR + r"年内"), _year_end),
    "by_year": (
        re.compile(
            r"(?P<pre>到|至|截至|截止到|截止|于|在|[限间点]: ?)?" + _YEAR + r"年(?P<post>以前|之前|前)?"
        ),
        _by_year,
    ),
    "five_year": (
        re.compile(r"[“\"‘「]?十(?P<n>[一二三四五六七八九])五[”\"’」]?(?:规划)?(?:期间|末期|期末|时期|末)"),
        _five_year,
    ),
    "within_year": (
        re.compile(_NOT_NUM_BEFORE + r"(?:今年|当年|本年|年)(?:内|底前|底|末前|末)"),
        _within_year,
    ),
}


# a substring every match of the reader contains
REQUIRED: dict[str, str] = {
    "months_each": "分别",
    "recurring": "每",
    "by_period": "按",
    "month_day": "月",
    "year_end": "年",
    "half_year": "半年",
    "quarter": "季度",
    "year_inside": "年内",
    "by_year": "年",
    "five_year": "五",
    "within_year": "年",
}


# Where each reader's match can open: the characters it opens with, and how far after its start the
# reader's required word stands at most (its pattern opens with an optional word, a year or a lookbehind,
# which the regex engine would try at every character: the readers skip to an opening character with
# the word close after it). Distances: 截止到/限: 3, a year 13 (民国, 8 blanks, 3 digits), 年 1, 本( 2, a
# month 2 and its ")" 1 — "month_day" 3 + 14 + 2 + 2 + 1 = 22 to its 月.
_YEAR_OPENS = "\\d零〇一二两三四五六七八九民"
OPENS: dict[str, tuple[str, int]] = {
    "months_each": ("于在十" + "\\d一二三四五六七八九", 40),
    "recurring": ("每", 0),
    "by_period": ("按", 0),
    "month_day": ("到至于在截限间点明次本十" + _YEAR_OPENS, 22),
    "year_end": (_YEAR_OPENS, 13),
    "half_year": ("上下" + _YEAR_OPENS, 15),
    "quarter": ("第" + _YEAR_OPENS, 16),
    "year_inside": (_YEAR_OPENS, 13),
    "by_year": ("到至截于在限间点" + _YEAR_OPENS, 16),
    "five_year": ('“"‘「十', 3),
    "within_year": ("今当本年", 1),
}


def _opener(chars: str, far: int, word: str) -> re.Pattern[str]:
    """An opening character with ``word`` at most ``far`` characters after it (at it: the word's own
    first character, "每", "年内").

    >>> [m.start() for m in _opener("到0-9", 16, "年").finditer("到2025年,在2026年底")]
    [0, 1, 2, 3, 4, 8, 9, 10, 11]
    """
    after = f"(?=[\\s\\S]{{0,{far - 1}}}?{re.escape(word)})|" if far else ""
    return re.compile(f"[{chars}](?:{after}(?<={re.escape(word[0])})(?={re.escape(word[1:])}))")


_SCANS = {
    name: Opened(pattern, _opener(*OPENS[name], REQUIRED[name])) for name, (pattern, _) in READERS.items()
}


# any reader's required word: a text holding none is read by none of them
_ANY_REQUIRED_RE = re.compile("|".join(sorted({re.escape(w) for w in REQUIRED.values()})))
_BASE_BEFORE = frozenset("以比较")


def _book_title_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"《[^《》]{0,200}》", text)]


def find_deadlines(text: str) -> list[DeadlineHit]:
    """Every deadline in normalised ``text``, in text order; none inside 《book titles》.

    >>> [(h.value.year, h.value.month) for h in find_deadlines("20xx年9月底前理顺关系")]
    [(None, 9)]
    >>> [(h.value.year, h.value.month) for h in find_deadlines("2022年底前完成;“十四五”末达到")]
    [(2022, 12), (2025, None)]
    >>> [h.value.recurring for h in find_deadlines("每年至少进1位")]
    [True]
    >>> [h.value.recurring for h in find_deadlines("按季度公开重点项目建设进展情况")], find_deadlines("按年度计划推进")
    ([True], [])
    >>> find_deadlines("实施按月全额退还增值税增量留抵税额")  # how a policy pays, no schedule of work
    []
    >>> find_deadlines("以2015年末人口数为依据")
    []
    >>> [(h.value.year, h.value.month) for h in find_deadlines("希望于本(1)月底前能上网招标")]
    [(None, 1)]
    >>> [(h.value.year, h.value.month) for h in find_deadlines("預定113年12月底前完成;民國114年6月30日前")]
    [(2024, 12), (2025, 6)]
    >>> [(h.value.year, h.value.month) for h in find_deadlines("2016 年底前;2016 年 6 月底前;2016—2017 年底前")]
    [(2016, 12), (2016, 6), (2017, 12)]
    """
    if _ANY_REQUIRED_RE.search(text) is None:
        return []  # no reader's required word: most sentences of a plan, ruled out in one scan
    taken = bytearray(len(text))  # 1 where a book title or an earlier reader's match lies
    for s, e in _book_title_spans(text) if "《" in text else ():
        taken[s:e] = b"\x01" * (e - s)
    hits: list[DeadlineHit] = []
    for name, (_, reader) in READERS.items():
        if REQUIRED[name] not in text:
            continue  # cheap prefilter: the reader's pattern cannot match
        for m in _SCANS[name].finditer(text):
            start, end = m.start(), m.end()
            if start == end or taken.find(1, start, end) >= 0:
                continue
            value = reader(m)
            if value is None or (start and text[start - 1] in _BASE_BEFORE and not value.recurring):
                continue  # "以2015年末人口数为依据", "比2020年底增长": a base date ("以每四年…": a routine)
            taken[start:end] = b"\x01" * (end - start)
            hits.append(DeadlineHit(start=start, end=end, value=value))
    hits.sort(key=lambda h: h.start)
    return hits


_BARE_CELL_RE = re.compile(
    r"\s*" + _YEAR + r"年(?:" + _MONTH + r"月份?(?:" + _DAY + r"[日号])?)?(?:底|末)?\s*"
)
# a span of years "2024—2025年" (normalised dash "-"): due by the end of the last year
_YEAR_SPAN_RE = re.compile(r"\s*(?:\d{4})年?\s*(?:-|~|至|到)\s*(?P<y>\d{4})年\s*")
_CELL_PART_RE = re.compile(r"[^,;，；、。:：]+")
# an item number in a time cell listing dates: "1.2021年8月 2.2021年12月", "1、…7月1日… 2、…"
_CELL_ITEM_RE = re.compile(r"(?:^|(?<=\s))\s*\d{1,2}\s*[.、](?!\d{1,2}(?!\d))")
# a time-limit key inside running text: "(责任单位:A;完成时限:每季度调度,2025年12月)"
_LIMIT_KEY_RE = re.compile(r"(?:完成时限|完成时间|时间节点|时限要求|时限)\s*:\s*(?P<v>[^;()\n]*)")


# a month opening a 完成时限 cell: "9月投入使用", "2024年5月动工" — due that month
_CELL_MONTH_RE = re.compile(r"\s*(?:" + _YEAR + r"年)?" + _MONTH + r"月份?(?![0-9])")
# a dotted month filling a 完成时限 cell: "2021.8", "2021.12", "2023.06" (a form a table writes dates in)
_DOTTED_CELL_RE = re.compile(r"\s*(?P<y>(?:19|20)\d{2})\.(?P<m>\d{1,2})\s*")


# a range of months opening a step of a schedule cell: "①1-3月份,…", "4—6月:…"
_MONTH_RANGE_RE = re.compile(
    r"(?:^|(?<=[\u2460-\u2473;,。\s]))(?P<a>\d{1,2})\s*[-~至到]\s*(?P<b>\d{1,2})\s*月份?"
)
_MONTHS = 12


def _bare_cell(part: str) -> DeadlineValue | None:
    """The date filling a part of a 完成时限 cell: "2024年6月", "2025年", "2024—2025年", "9月投入使用"."""
    span = _YEAR_SPAN_RE.fullmatch(part)
    if span is not None:
        return DeadlineValue(year=_year(span.group("y")), month=None, day=None, recurring=False)
    m = _BARE_CELL_RE.fullmatch(part) or _DOTTED_CELL_RE.fullmatch(part) or _CELL_MONTH_RE.match(part)
    if m is None:
        return None
    month = _small(m.group("m"))
    day = _small(m.group("d")) if "d" in m.re.groupindex else None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    return DeadlineValue(year=_year(m.group("y")), month=month, day=day, recurring=False)


def cell_deadlines(text: str) -> list[DeadlineHit]:
    """Deadlines of a 完成时限 cell: the text readers, and a bare date filling a comma part.

    In a time-limit column a bare "2024年6月" is due by that month (and "2025年" by that year, a
    span "2024—2025年" by its last year), although in running text it would only be a date.
    Each part between commas is read: "每季度调度,2025年12月" is recurring and due 2025-12.

    >>> [(h.value.year, h.value.month) for h in cell_deadlines("2024年6月")]
    [(2024, 6)]
    >>> [(h.value.year, h.value.month, h.value.recurring) for h in cell_deadlines("每季度调度,2025年12月")]
    [(None, None, True), (2025, 12, False)]
    >>> [(h.value.year, h.value.month) for h in cell_deadlines("2024-2025年")]
    [(2025, None)]
    >>> [(h.value.year, h.value.month) for h in cell_deadlines("9月投入使用")]
    [(None, 9)]
    >>> [(h.value.year, h.value.month) for h in cell_deadlines("2021.8")], cell_deadlines("2021.13")
    ([(2021, 8)], [])
    >>> [(h.value.year, h.value.month) for h in cell_deadlines("1.2021年8月 2.2021年12月")]
    [(2021, 8), (2021, 12)]
    >>> [(h.value.year, h.value.month) for h in cell_deadlines("①1-3月份,完成审核;②4-6月份,完成审核")]
    [(None, 3), (None, 6)]
    """
    marks = list(_CELL_ITEM_RE.finditer(text))
    if len(marks) >= 2:  # "1.2021年8月 2.2021年12月": a numbered list of dates, each item read alone
        bounds = [m.end() for m in marks] + [len(text)]
        starts = [m.start() for m in marks[1:]] + [len(text)]
        out: list[DeadlineHit] = []
        for a, b in zip(bounds, starts, strict=False):
            out.extend(replace(h, start=h.start + a, end=h.end + a) for h in cell_deadlines(text[a:b]))
        return out
    hits = find_deadlines(text)
    for m in _MONTH_RANGE_RE.finditer(text) if "月" in text else ():
        # ("①1-3月份,及时完成…;②4-6月份,…": a schedule cell's steps, each due at its range's last month)
        month = int(m["b"])
        if int(m["a"]) < month <= _MONTHS and not any(h.start < m.end() and m.start() < h.end for h in hits):
            due = DeadlineValue(year=None, month=month, day=None, recurring=False)
            hits.append(DeadlineHit(start=m.start("a"), end=m.end(), value=due))
    for part in _CELL_PART_RE.finditer(text):
        if any(h.start < part.end() and part.start() < h.end for h in hits):
            continue
        value = _bare_cell(part.group())
        if value is None:
            continue
        body = part.group()
        start = part.start() + len(body) - len(body.lstrip())
        end = part.start() + len(body.rstrip())
        hits.append(DeadlineHit(start=start, end=end, value=value))
    hits.sort(key=lambda h: h.start)
    return hits


def keyed_deadlines(text: str) -> list[DeadlineHit]:
    """Deadlines of "完成时限:X" written inside running text, X read as a 完成时限 cell.

    >>> [(h.value.year, h.value.month) for h in keyed_deadlines("(责任单位:A局;完成时限:2024-2025年)")]
    [(2025, None)]
    >>> [h.value.recurring for h in keyed_deadlines("(完成时限:每季度调度,2025年12月)")]
    [True, False]
    >>> keyed_deadlines("(完成时限:长期)")
    []
    """
    hits: list[DeadlineHit] = []
    for m in _LIMIT_KEY_RE.finditer(text):
        at = m.start("v")
        hits.extend(
            DeadlineHit(start=at + h.start, end=at + h.end, value=h.value)
            for h in cell_deadlines(m.group("v"))
        )
    return hits
