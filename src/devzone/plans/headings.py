"""Heading markers of Chinese government documents (公文) and plan title lines.

GB/T 9704-2012《党政机关公文格式》7.3.3: "文中结构层次序数依次可以用'一、''（一）''1.''（1）'标注".
Plans also use 1、, ①, 1) and 第X章/第X部分/第X条. The nesting of styles is not assumed from
the standard: a document's levels are the order in which styles first open (a style already
open closes everything below it), which also reads documents that skip a level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from devzone.plans.numerals import number_value

_CN_CHARS = "一二三四五六七八九十百零〇"
_CN = f"[{_CN_CHARS}]{{1,4}}"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# parenthesised numbers as one character (U+2474…U+2487): ⑴ ⑵ ⑶ …
PAREN_DIGITS = "".join(chr(c) for c in range(0x2474, 0x2488))

# style name → pattern of the marker at line start (normalised text)
STYLES: dict[str, re.Pattern[str]] = {
    # (a law page spaces its numbers: "第 15 條", "第 3 章")
    "chapter": re.compile(r"\s*第 ?(?P<n>" + _CN + r"|\d{1,3}) ?(?:章|部分|篇)\s*"),
    "section": re.compile(r"\s*第 ?(?P<n>" + _CN + r"|\d{1,3}) ?节\s*"),
    "article": re.compile(r"\s*第 ?(?P<n>" + _CN + r"|\d{1,3}) ?条\s*"),
    # "第一项:落实…" (a list of pledges or measures counted in words); a line "第一项工作是…" is prose
    "item": re.compile(r"\s*第(?P<n>" + _CN + r"|\d{1,3})项(?:\s*[:、.]\s*|\s+|$)"),
    "cn": re.compile(r"\s*(?P<n>" + _CN + r")\s*(?:、|\.(?!\d))\s*"),
    # "一 人民團體科:…": a law page's item counted in words, a blank for its 、 (the item names a body
    # and its duties: a unit's name and a colon must follow)
    "cn_blank": re.compile(r"\s*(?P<n>" + _CN + r") (?=[^\s,。;:()]{2,20}:)"),
    "pcn": re.compile(r"\s*\(\s*(?P<n>" + _CN + r")\s*\)\s*[、.]?\s*"),
    "num_dot": re.compile(r"\s*(?P<n>\d{1,3})\s*\.(?!\d)\s*"),
    "num_dun": re.compile(r"\s*(?P<n>\d{1,3})\s*、\s*"),
    "pnum": re.compile(r"\s*\(\s*(?P<n>\d{1,3})\s*\)\s*[、.]?\s*"),
    "num_rparen": re.compile(r"\s*(?P<n>\d{1,3})\)\s*"),
    "circled": re.compile(r"\s*(?P<n>[" + CIRCLED + r"])\s*[、.]?\s*"),
    "pchar": re.compile(r"\s*(?P<n>[" + PAREN_DIGITS + r"])\s*[、.]?\s*"),
}

# the markers that may stand alone on their line, their text below
_ALONE_STYLES = frozenset(("chapter", "section", "article"))
# what every marker above opens with, after its blanks: a line opening with anything else has none
# (most lines of a plan: one test instead of twelve patterns)
_MARK_OPENS = frozenset("第(" + _CN_CHARS + CIRCLED + PAREN_DIGITS)

_VOLUME_RE = re.compile(
    r"\s*\S.{0,40}?(?:篇|卷)\s*[一二三四五六七八九十\d]{1,3}\s*$|\s*第[一二三四五六七八九十\d]{1,3}篇\s*$"
)
_TITLE_END_RE = re.compile(
    r"(?:方案|计划|规划|意见|办法|细则|纲要|要点|若干措施|政策措施|举措|通知|决定|实施方案|工作方案|任务分工表?)"
    r"\s*(?:\([^()]{1,20}\))?\s*$"
)
_YEAR_START = re.compile(r"\d{4}年")
# a list bullet a web page puts before its numbered items ("- 一、…", "• 二、…"), copied with them
_BULLET_RE = re.compile(r"\s*[-•·]\s+")
_TEXT_START = re.compile(r"[\u3400-\u9fff“\"《‘\[A-Za-z]")


@dataclass(frozen=True, kw_only=True)
class HeadingMark:
    """A numbered heading: ``style``, ``number`` as written, ``ordinal`` value, content offset."""

    style: str
    number: str
    ordinal: int
    content_start: int


_FILE_NAME_RE = re.compile(r"[\w-]+(?:\.[A-Za-z0-9]{2,5})+", re.ASCII)


def heading_mark(norm_line: str) -> HeadingMark | None:
    """The heading marker at the start of a normalised line, or ``None``.

    >>> heading_mark("二、主要任务").style
    'cn'
    >>> (heading_mark("(一)体制机制优化工程").number, heading_mark("(一)体制机制优化工程").ordinal)
    ('一', 1)
    >>> heading_mark("2.5亿元投资") is None
    True
    >>> heading_mark("一、2021年经济社会发展主要预期目标").style
    'cn'
    >>> heading_mark("640.webp.jpg") is None
    True
    >>> heading_mark("- 三、本会任务如下:").content_start, heading_mark("-3.6 |") is None
    (4, True)

    """
    bullet = _BULLET_RE.match(norm_line)
    at = bullet.end() if bullet is not None else 0
    first = norm_line[at:].lstrip()[:1]
    if not first or (first not in _MARK_OPENS and not first.isdecimal()):
        return None
    if _FILE_NAME_RE.fullmatch(norm_line.strip()):
        return None  # "640.webp.jpg": the name of a picture a page shows, copied with its text
    for style, pattern in STYLES.items():
        m = pattern.match(norm_line, at)
        if m is None:
            continue
        rest = norm_line[m.end() : m.end() + 1]
        # "一、2021年经济社会发展主要预期目标": a chapter title may open with its year
        year_title = style == "cn" and _YEAR_START.match(norm_line, m.end()) is not None
        # "第 6 條" alone on its line: a law page's article number, its text on the lines below
        alone = not rest and style in _ALONE_STYLES
        if not alone and (not rest or not (_TEXT_START.match(rest) or year_title)):
            continue
        number = m.group("n")
        ordinal = _ordinal(number)
        if ordinal is None:
            continue
        return HeadingMark(style=style, number=number, ordinal=ordinal, content_start=m.end())
    return None


def number_only(norm_line: str) -> bool:
    """A line holding only a heading's number ("(一)", "二、", "(3)"): in a table, the cell a group of
    rows is numbered by, its name on the next line.

    >>> number_only("(一)"), number_only("二、"), number_only("(一)体制机制优化工程"), number_only("12")
    (True, True, False, False)
    """
    return any(STYLES[s].fullmatch(norm_line) for s in ("cn", "pcn", "pnum"))


def _ordinal(number: str) -> int | None:
    if number in CIRCLED:
        return CIRCLED.index(number) + 1
    if number in PAREN_DIGITS:
        return PAREN_DIGITS.index(number) + 1
    value = number_value(number)
    if value is None or value < 0 or value != int(value):
        return None
    return int(value)


def is_volume_line(norm_line: str) -> bool:
    """True for a line that starts a new plan of a collection ("高新区行动方案范文 篇三").

    >>> is_volume_line("高新区行动方案范文 篇三")
    True
    >>> is_volume_line("第二篇")
    True
    >>> is_volume_line("三、重点任务")
    False
    """
    return len(norm_line) <= 50 and bool(_VOLUME_RE.match(norm_line))


def is_title_line(norm_line: str) -> bool:
    """True for a document title line ("高新区创新发展行动方案"): short, unpunctuated, title ending.

    >>> is_title_line("高新区创新发展行动方案")
    True
    >>> is_title_line("关于促进开发区高质量发展的实施意见(试行)")
    True
    >>> is_title_line("制定本行动方案。")
    False
    """
    line = norm_line.strip()
    if not 6 <= len(line) <= 60 or heading_mark(line) is not None:
        return False
    if any(ch in line for ch in "。,;:!?、"):
        return False
    return bool(_TITLE_END_RE.search(line))


def split_heading(content: str) -> tuple[str, int | None]:
    """Split heading content into (title, body offset); offset ``None`` when there is no body.

    The title is the first sentence (to 。) or the words before a colon within 30 characters.

    >>> split_heading("规范职能定位,理顺职责关系。按照权责一致原则")
    ('规范职能定位,理顺职责关系', 14)
    >>> split_heading("加强创新能力:通过设立研发中心")
    ('加强创新能力', 7)
    >>> split_heading("体制机制优化工程")
    ('体制机制优化工程', None)
    >>> split_heading("推进园区建设(牵头单位:区发改委)")
    ('推进园区建设', 6)
    """
    stop = content.find("。")
    colon = content.find(":")
    opened = content.find("(", 0, colon) if colon > 0 else -1
    if opened > 0 and (stop < 0 or opened < stop) and content.find(")", opened, colon) < 0:
        # "推进园区建设(牵头单位:区发改委;…)": the colon is the bracket's, the title ends before it
        return content[:opened].strip(), opened
    if 0 < colon <= 30 and (stop < 0 or colon < stop):
        body = colon + 1
        return content[:colon].strip(), body if content[body:].strip() else None
    if stop < 0:
        return content.strip(), None
    body = stop + 1
    rest = content[body:].strip()
    if stop > 60:
        return content[:stop].strip(), None if not rest else body
    return content[:stop].strip(), body if rest else None


def inline_heading(content: str) -> str | None:
    """The first sentence of an unnumbered paragraph when it reads as a task name, else ``None``.

    >>> inline_heading("打造特色产业园区。根据产业发展需要,稳妥推进开发区四至调整。")
    '打造特色产业园区'
    >>> inline_heading("为贯彻落实省市党代会精神,以大格局推进开发区高质量发展。制定本方案。") is None
    True
    >>> inline_heading("加快创新平台建设") is None
    True
    """
    stop = content.find("。")
    if stop <= 1 or stop > 30 or not content[stop + 1 :].strip():
        return None
    first = content[:stop]
    if ":" in first or first.count(",") > 1 or first.startswith(("为", "根据", "按照", "通过", "经")):
        return None
    return first.strip()


# one-character markers: a line opening with one and holding the next ones is several items
RUN_TOGETHER = {"pchar": PAREN_DIGITS, "circled": CIRCLED}


_COLLAPSED_STYLES = ("cn", "pcn", "num_dot", "num_dun")
_MIN_COLLAPSED_LINE = 120
_MIN_COLLAPSED_CUTS = 3
_MARK_WINDOW = 24
_MID_MARK_RE = re.compile(
    r"(?<=[ \u3000])(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、](?!\d))"
)


def collapsed_items(norm_line: str) -> list[int]:
    """Offsets where the items of a page whose line breaks were lost start: a long line holding, each
    after a blank, numbers that run in order within their style ("… 一、王丹县长牵头重点工作 1.全县… 2.落实…
    二、曹惠明…牵头重点工作 1.坚持…"; a higher style starts the lower ones again at 1).

    >>> t = "通知正文。 " + "甲" * 200 + " 一、甲组 1.推进甲。 2.推进乙。 二、乙组 1.推进丙。"
    >>> [t[c : c + 4] for c in collapsed_items(t)]
    ['一、甲组', '1.推进', '2.推进', '二、乙组', '1.推进']
    >>> collapsed_items("增长 1.5%以上," + "甲" * 300)
    []
    """
    if len(norm_line) < _MIN_COLLAPSED_LINE or norm_line.count(" ") < _MIN_COLLAPSED_CUTS:
        return []
    cuts: list[int] = []
    expected: dict[str, int] = {}
    order: list[str] = []  # styles in the order they first appear: outer before inner
    for m in _MID_MARK_RE.finditer(norm_line):
        mark = heading_mark(norm_line[m.start() : m.start() + _MARK_WINDOW])  # (a slice: lines may be long)
        if mark is None or mark.style not in _COLLAPSED_STYLES:
            continue
        if mark.ordinal != expected.get(mark.style, 1):
            continue
        if mark.style not in order:
            order.append(mark.style)
        for inner in order[order.index(mark.style) + 1 :]:
            expected[inner] = 1  # "二、" starts its items at "1." again
        expected[mark.style] = mark.ordinal + 1
        cuts.append(m.start())
    return cuts if len(cuts) >= _MIN_COLLAPSED_CUTS else []


def run_together(norm_line: str) -> list[int]:
    """Offsets where items numbered ⑴ ⑵ ⑶ … (or ① ② ③ …) written on one line start, after the first.

    Single-character markers cannot be part of other text, so a line that opens with ⑴ and
    holds ⑵ (then ⑶ …) in order is several items.

    >>> run_together("⑴紧盯目标任务。力争增长10%。⑵推进项目投资。⑶培育企业。")
    [16, 24]
    >>> run_together("①宣传推介园区;②理顺体制机制;③完成其他工作。")
    [8, 16]
    >>> run_together("⑴只有一项。")
    []
    """
    mark = heading_mark(norm_line)
    if mark is None or mark.style not in RUN_TOGETHER:
        return []
    digits = RUN_TOGETHER[mark.style]
    cuts: list[int] = []
    pos = mark.content_start
    for ordinal in range(mark.ordinal + 1, len(digits) + 1):
        at = norm_line.find(digits[ordinal - 1], pos)
        if at < 0:
            break
        cuts.append(at)
        pos = at + 1
    return cuts
