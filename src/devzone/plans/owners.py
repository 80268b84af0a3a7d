"""Owner annotations (责任单位) of plan items and their roles (牵头 lead / 配合 support).

Forms read: "(责任单位:A、B,C)", "责任单位:A,B" on its own line, "牵头单位:A;配合单位:B",
"(A牵头,B、C配合)", "(A负责)" and a bare unit list in parentheses at the end of a paragraph.
Lists split on 、,;; but never inside parentheses ("市商务局(自贸办)"). Role rule, as in a
任务分工表 (e.g. 国办发〔2019〕… 分工方案: "排在第一位的为牵头单位"): under 牵头 every unit
is lead, under 配合/协同 support, under a plain 责任单位 list the first unit is lead and the
rest support.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from devzone.plans.owner_words import (
    KEY_PATTERN,
    KIND_NOUNS,
    NOT_UNIT_WORDS,
    POSTS,
    STRONG_ENDINGS,
    SUFFIX_ROLES,
    UNIT_ENDINGS,
    VERBS,
    ZONE_ENDINGS,
    key_role,
)
from devzone.plans.schema import Owner

_KEY_RE = re.compile(r"(?P<key>" + KEY_PATTERN + r")\s*[:]")
_LINE_KEY_RE = re.compile(r"\s*[(\[]?\s*(?:" + KEY_PATTERN + r")\s*[:]")
_MID_KEY_RE = re.compile(r"[。;](?=\s*(?:" + KEY_PATTERN + r")\s*:)")
_SUFFIXES = sorted(SUFFIX_ROLES, key=len, reverse=True)
_SUFFIX_ENDS = tuple(_SUFFIXES)
_SEPARATORS = frozenset("、,;，；")
_SPLIT_STOP_RE = re.compile(r"[(\[<)\]>、,;，；]|会同")
_ROLE_MARK_RE = re.compile(r"\((牵头|配合|负责|参与|协同|协助)\)$")
_LEAD_MARK_RE = re.compile(r"\(牵头\)$")
# a sign before a unit name that a document's note makes its lead ("▲为牵头单位", "带*的为牵头单位")
LEAD_MARKS = frozenset("▲△★☆*＊●◆")
_MARK_CHARS = "".join(sorted(LEAD_MARKS))
# what gives a bare list's units a role: a role word after a unit ("牵头", "负责", "配合") or a lead sign
_ROLE_HINT_RE = re.compile("|".join(re.escape(w) for w in _SUFFIXES) + "|[" + re.escape(_MARK_CHARS) + "]")
_PAREN_RE = re.compile(r"[()\[\]]")
_TIME_TOKEN_RE = re.compile(r"长期|持续|常态|年|月|季度|前|底|期间")
_WORD_RE = re.compile(r"[\u3400-\u9fffA-Za-z_]")


@dataclass(frozen=True, kw_only=True)
class _Name:
    text: str
    start: int
    end: int


def paren_groups(norm: str) -> list[tuple[int, int]]:
    """Top-level parenthesised groups of normalised text as (start, end) with end after ")".

    >>> paren_groups("A(B(C)D)E(F)")
    [(1, 8), (9, 12)]
    >>> paren_groups("a)b(")
    []
    >>> paren_groups("(x")
    []
    """
    groups: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _PAREN_RE.finditer(norm):
        if m.group() in "([":
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                groups.append((start, m.end()))
    return groups


def is_annotation_line(norm_line: str) -> bool:
    """True for a line that only carries owners or a time limit ("责任单位:A,B").

    >>> is_annotation_line("责任单位:区党群工作部,各乡镇人民政府")
    True
    >>> is_annotation_line("(牵头单位:市发改委;配合单位:市财政局)")
    True
    >>> is_annotation_line("一、总体要求")
    False
    """
    if _LINE_KEY_RE.match(norm_line):
        return True
    stripped = norm_line.strip().rstrip("。.")
    return (
        stripped.startswith("(")
        and stripped.endswith(")")
        and bool(paren_groups(stripped))
        and paren_groups(stripped)[0] == (0, len(stripped))
        and bool(owners_in_group(stripped, 0, len(stripped), bare_allowed=True, original=stripped))
    )


def _split_names(norm: str, start: int, end: int) -> list[_Name]:
    """Split ``norm[start:end]`` on list separators outside parentheses (and the angle brackets a page
    encloses a group's members in: "各区县政府<南太湖新区、长合区管委会>").

    >>> t = "市财政局、各区县政府<南太湖新区、长合区管委会>"
    >>> [n.text for n in _split_names(t, 0, len(t))]
    ['市财政局', '各区县政府<南太湖新区、长合区管委会>']
    >>> t = "综合规划处会同\\n科学技术处、投资技改处"
    >>> [n.text for n in _split_names(t, 0, len(t))]
    ['综合规划处会同', '科学技术处', '投资技改处']
    """
    names: list[_Name] = []
    depth = 0
    piece_start = start
    # only the brackets, separators and 会同 stop the scan (a character loop over every name is slow)
    for m in _SPLIT_STOP_RE.finditer(norm, start, end):
        ch, i = m.group(), m.start()
        if ch in "([<":
            depth += 1
        elif ch in ")]>":
            depth = max(0, depth - 1)
        elif ch in _SEPARATORS:
            if depth == 0:
                names.extend(_trimmed(norm, piece_start, i))
                piece_start = i + 1
        elif depth == 0 and i + 2 - piece_start >= 4:
            names.extend(_trimmed(norm, piece_start, i + 2))  # "A会同B、C": A leads (its suffix says so)
            piece_start = i + 2
    if depth == 0:  # (a bracket left open by a cut text closes no name)
        names.extend(_trimmed(norm, piece_start, end))
    return names


# a bracket after the last name that states the role rule is a note, not part of the name:
# "市财政局(第一责任单位为牵头单位,下同)"
# (a bare "(牵头)" marks its unit and stays: ``owners_in_group`` reads it)
# the document's rule for reading its lists ("排在首位的为牵头单位"), stated once: names no unit
_LEAD_RULE_RE = re.compile(r"[^,;、(]{0,6}(?:第一位|首位|第一个|前面)(?:的|者)?(?:单位|部门)?(?:为|是)牵头")
# the same rule written after the first list it governs ("(省经信委、省发改委。列第一位者为牵头部门,下同)")
_RULE_AFTER_RE = re.compile(
    r"[。;,]\s*[^,;、()。]{0,6}(?:第一位|首位|第一个|前面)(?:的|者)?(?:单位|部门)?(?:为|是)牵头"
)
_ROLE_NOTE_RE = re.compile(r"\([^()]*(?:下同|为牵头)[^()]*\)$")


def _trimmed(norm: str, start: int, end: int) -> list[_Name]:
    """A name without its surrounding blanks, a closing 等 or a role note in brackets.

    >>> [n.text for n in _trimmed("市财政局(第一责任单位为牵头单位,下同)", 0, 20)]
    ['市财政局']
    >>> [n.text for n in _trimmed("各乡镇(街道)", 0, 7)]
    ['各乡镇(街道)']
    """
    # ("|" is the cell rule of a table copied from a web page: "牵头单位: | 广州开发区管委会 |")
    while start < end and norm[start] in " 由\n。.:|":
        start += 1
    while end > start and norm[end - 1] in " \n。.:|":
        end -= 1
    note = _ROLE_NOTE_RE.search(norm, start, end) if end > start and norm[end - 1] == ")" else None
    if note is not None and note.start() > start:
        end = note.start()
    if end - start > 1 and norm[end - 1] == "等":
        end -= 1
    if end <= start:
        return []
    return [_Name(text=norm[start:end], start=start, end=end)]


_ETC_TAILS = ("部门", "单位", "机构", "科室")


def strip_etc(name: str) -> str:
    """A unit name without the trailing 等 that closes a list ("A等", "A等部门", "A等区政府有关部门").

    >>> strip_etc("区水务局等部门"), strip_etc("税务总局等"), strip_etc("等区政府有关部门")
    ('区水务局', '税务总局', '')
    >>> strip_etc("高新投公司等各部门"), strip_etc("市委编办")
    ('高新投公司', '市委编办')
    """
    at = name.rfind("等")
    if at < 0:
        return name
    tail = name[at + 1 :]
    if not tail or tail.endswith(_ETC_TAILS) or is_group(tail):
        return name[:at]
    return name


_LEVELS = "省市区县"
# "以下均需X负责,不再单独列出" / "以下任务均需X落实,不再一一列出": X owns this task and every later one;
# "以下配合单位均含X,不再列出": X is among the supporting units of every later task
# "; X、Y负责本辖区范围内的工作推进,以下不再单独列出": the same note with the owners before it
_NOT_LISTED = r"不再(?:单独|一一|逐一|逐项)?列出"
STANDING_RE = re.compile(
    r"[。;,]?\s*以下(?:各)?(?:任务|工作|配合单位|责任单位)?均(?:需|由|含|包括)?(?P<who>[^。;]{2,40}?)"
    r"(?:(?:负责|落实|承担|配合|协助|参与)[^。;()]{0,6}?|\s*,\s*)"
    + _NOT_LISTED
    + r"|(?<=[。;,:])\s*(?P<area>[^。;,:]{2,80}?)负责本(?:辖区|地区|地)[^。;,]{0,12},?\s*以下"
    + _NOT_LISTED
)


def standing_owners(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Support owners of a standing note in ``norm[start:end]`` ("以下均需各县、市、区人民政府负责,
    不再单独列出"): the note names them once for this task and every later one. A group name keeps
    its inner 、 ("各县、市、区人民政府" is one owner).

    >>> t = "(市工信局按职责分工负责。以下均需各县、市、区人民政府负责,不再单独列出)"
    >>> [(o.name, o.role) for o in standing_owners(t, 0, len(t), original=t)]
    [('各县、市、区人民政府', 'support')]
    >>> t = "[责任单位:市工信局;各县(市、区)人民政府、经济开发区负责本辖区范围内的工作推进,以下不再单独列出]"
    >>> [o.name for o in standing_owners(t, 0, len(t), original=t)]
    ['各县（市、区）人民政府', '经济开发区']
    >>> t = "(以下均需各县区政府和城乡一体化示范区管委会落实,不再列出)"
    >>> [o.name for o in standing_owners(t, 0, len(t), original=t)]
    ['各县区政府', '城乡一体化示范区管委会']
    >>> t = "(责任单位:市人社局,各区、市政府。以下任务均需各区、市政府落实,不再一一列出。)"
    >>> [o.name for o in standing_owners(t, 0, len(t), original=t)]
    ['各区、市政府']
    >>> t = "配合单位:局相关业务科室(以下均需各县(市、区)林业主管部门配合,不再列出)。"
    >>> [o.name for o in standing_owners(t, 0, len(t), original=t)]
    ['各县（市、区）林业主管部门']
    >>> t = "(牵头单位:市发改委;配合单位:各县、区人民政府;以下配合单位均含各载体,不再列出)"
    >>> [o.name for o in standing_owners(t, 0, len(t), original=t)]
    ['各载体']
    """
    out: list[Owner] = []
    if norm.find("以下", start, end) < 0:
        return out
    for m in STANDING_RE.finditer(norm, start, end):
        s, e = m.span("who") if m["who"] is not None else m.span("area")
        out.extend(_supporting(norm, s, e, original=original))
    return out


# a notice's rule for every task of the lists it sends: "除特别注明的外,A和B都是配合单位"
_NOTICE_SUPPORT_RE = re.compile(
    r"除(?:特别|另有|特殊)?(?:注明|说明|标明|列明)(?:的|者)?(?:以)?外,\s*(?P<who>[^。;]{2,80}?)"
    r"(?:都|均)(?:是|为|作为)配合(?:单位|部门)"
)


def notice_support(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Support owners a notice names for every task of the lists it sends, unless a task says otherwise
    ("除特别注明的外,各县(市、区)政府和金华开发区都是配合单位").

    >>> t = "请认真落实。除特别注明的外,各县(市、区)政府和开发区管委会都是配合单位。"
    >>> [(o.name, o.role) for o in notice_support(t, 0, len(t), original=t)]
    [('各县（市、区）政府', 'support'), ('开发区管委会', 'support')]
    """
    if norm.find("配合", start, end) < 0:
        return []
    out: list[Owner] = []
    for m in _NOTICE_SUPPORT_RE.finditer(norm, start, end):
        for o in _supporting(norm, *m.span("who"), original=original):
            # the rule lists bodies: "各县(市、区)政府和金华开发区" is two, a 政府 and a zone
            at = o.name.find("和")
            left, right = o.name[:at], o.name[at + 1 :]
            if at >= 3 and left.endswith(STRONG_ENDINGS) and right.endswith(UNIT_ENDINGS) and len(right) >= 3:
                a, b = o.span[0], o.span[0] + at + 1
                out.append(replace(o, name=left, group=is_group(left), span=(a, a + at)))
                out.append(replace(o, name=right, group=is_group(right), span=(b, o.span[1])))
            else:
                out.append(o)
    return out


def _supporting(norm: str, s: int, e: int, *, original: str) -> list[Owner]:
    """The support owners a standing note names in ``norm[s:e]``."""
    names = _split_names(norm, s, e)
    if any(len(n.text) <= 2 for n in names[:-1]):  # "各县、市、区人民政府": one group name
        names = [_Name(text=norm[s:e], start=s, end=e)]
    names = _joined_split(names)  # "各县区政府和城乡一体化示范区管委会": two bodies
    out: list[Owner] = []
    for n in names:
        name = clean_name(original[n.start : n.end])
        if len(name) >= 2:
            out.append(Owner(name=name, role="support", group=is_group(name), span=(n.start, n.end)))
    return out


def _unjoined(names: list[_Name]) -> list[_Name]:
    """Names with a lost separator restored: "区财政局区税务局" → "区财政局", "区税务局".

    Split only where both parts are complete unit names of a level (省/市/区/县 … 局/委/办), so a
    name like "市委组织部" or "各地各部门" stays whole.

    >>> [n.text for n in _unjoined([_Name(text="区财政局区税务局", start=0, end=8)])]
    ['区财政局', '区税务局']
    >>> [n.text for n in _unjoined([_Name(text="市税务局市地方金融局市人社局", start=0, end=14)])]
    ['市税务局', '市地方金融局', '市人社局']
    >>> [n.text for n in _unjoined([_Name(text="市委组织部", start=0, end=5)])]
    ['市委组织部']
    >>> [n.text for n in _unjoined([_Name(text="县工业园区管委会", start=0, end=8)])]
    ['县工业园区管委会']
    """
    return _cut_names(_joined_split(_spaced_split(names)), lambda t: None if "(" in t else _unit_cuts(t))


def _cut_names(names: list[_Name], cuts_of: Callable[[str], tuple[int, ...] | None]) -> list[_Name]:
    """Each name cut where ``cuts_of`` says its text holds several ("区财政局区税务局" → 4)."""
    out: list[_Name] = []
    for n in names:
        cuts = cuts_of(n.text)
        if not cuts:
            out.append(n)
            continue
        bounds = [0, *cuts, len(n.text)]
        out.extend(
            _Name(text=n.text[a:b], start=n.start + a, end=n.start + b) for a, b in itertools.pairwise(bounds)
        )
    return out


@functools.lru_cache(maxsize=4096)  # (a long run would be tried again from every cut)
def _unit_cuts(t: str) -> tuple[int, ...] | None:
    """Where ``t`` splits into two or more complete unit names of a level, run together
    ("市发改委市自规局市财政局" → [4, 8]), or ``None``.

    >>> _unit_cuts("市发改委市自规局市财政局"), _unit_cuts("市委组织部")
    ((4, 8), None)
    """
    if len(t) < 6 or t[0] not in _LEVELS or not t.endswith(STRONG_ENDINGS):
        return None
    for i in range(3, len(t) - 2):
        if t[i] in _LEVELS and t[:i].endswith(STRONG_ENDINGS) and _strict_unit(t[:i]):
            rest = _unit_cuts(t[i:])  # (a run of two reads as one unit too: split it first)
            if rest is not None:
                return (i, *(i + c for c in rest))
            if _strict_unit(t[i:]):
                return (i,)
    return None


# the bodies' endings a table's owner cell runs its names together at, when the copy lost their breaks
_RUN_END_RE = re.compile(r"局|委员会|办公室|管委会|中心|度假区|开发区|园区|街道|镇|乡|部")
_MIN_RUN_PART = 3
_MIN_RUN = 8


def _run_together(names: list[_Name]) -> list[_Name]:
    """An owner cell's names run together without a level on each ("区文广旅游体育局湘湖国家旅游度假区瓜沥镇临浦镇"):
    split after each body's ending where every part is a unit's name of three characters or more.

    >>> [n.text for n in _run_together([_Name(text="区文广旅游体育局湘湖国家旅游度假区瓜沥镇临浦镇", start=0, end=24)])]
    ['区文广旅游体育局', '湘湖国家旅游度假区', '瓜沥镇', '临浦镇']
    >>> [n.text for n in _run_together([_Name(text="城关镇人民政府", start=0, end=7)])]
    ['城关镇人民政府']
    >>> [n.text for n in _run_together([_Name(text="横溪镇社会事务服务办公室", start=0, end=12)])]
    ['横溪镇社会事务服务办公室']
    >>> [n.text for n in _run_together([_Name(text="市生态环境局成安县分局", start=0, end=11)])]
    ['市生态环境局成安县分局']
    """
    return _cut_names(names, lambda t: _run_cuts(t) if len(t) >= _MIN_RUN and "(" not in t else None)


def _run_cuts(t: str) -> tuple[int, ...] | None:
    """Where ``t`` splits into names each ending a body and each a unit, or ``None``."""
    cuts: list[int] = []
    last = 0
    places = [m.end() for m in _RUN_END_RE.finditer(t) if m.group() in _PLACES]
    for m in _RUN_END_RE.finditer(t):
        if m.end() - last < _MIN_RUN_PART or m.end() == len(t) or len(t) - m.end() < _MIN_RUN_PART:
            continue
        if t.startswith(tuple(_PLACELESS_BODIES), m.end()) or not _looks_like_unit(t[last : m.end()]):
            continue
        if _BRANCH_RE.fullmatch(t, m.end()):  # "市生态环境局成安县分局": a bureau's branch, one body
            continue
        # a town or a subdistrict ends a name only before another one ("瓜沥镇临浦镇"): before an office it
        # is that office's place ("横溪镇社会事务服务办公室"), inside a word none ("住房和城乡建设局")
        if m.group() in _PLACES and not any(m.end() < p <= m.end() + _MAX_PLACE for p in places):
            continue
        cuts.append(m.end())
        last = m.end()
    if not cuts or not _looks_like_unit(t[last:]) or not t.endswith(UNIT_ENDINGS):
        return None
    return tuple(cuts)


_PLACES = frozenset({"镇", "乡", "街道"})
# a branch of the body named before it, in a place or for a field ("成安县分局", "交警支队", "开发区分中心")
_BRANCH_RE = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:分局|支队|大队|分中心|分院|分所|分行|支行|分公司)")
_MAX_PLACE = 6  # a town's name after the one before it: "临浦镇", "蜀山街道"


# the level (or levels) and their 政府 that close a group begun by "各区、": "县(市)政府", "市人民政府"
_LEVEL_GOV_RE = re.compile(r"[省市区县州旗镇乡](?:\([^()]*\))?(?:人民)?政府")


def _group_runs(norm: str, names: list[_Name]) -> list[_Name]:
    """A group written as a list of levels is one owner: "各县、市、区政府" (its 、 kept), as in a
    standing note; "各县区、市财政局" stays two; "各州、市人民政府" is one, and in "各区、县(市)政府及
    开发区管委会" the 及 after the group's 政府 starts a unit of its own.

    >>> t = "市财政局、各县、市、区政府"
    >>> [n.text for n in _group_runs(t, _split_names(t, 0, len(t)))]
    ['市财政局', '各县、市、区政府']
    >>> t = "各县区、市财政局"
    >>> [n.text for n in _group_runs(t, _split_names(t, 0, len(t)))]
    ['各县区', '市财政局']
    >>> t = "各区、县(市)政府及开发区管委会"
    >>> [n.text for n in _group_runs(t, _split_names(t, 0, len(t)))]
    ['各区、县(市)政府', '开发区管委会']
    """
    out: list[_Name] = []
    i = 0
    while i < len(names):
        n = names[i]
        j = i + 1
        while n.text.startswith("各") and len(n.text) <= 2 and j < len(names) and len(names[j].text) <= 1:
            j += 1
        closing = (
            _LEVEL_GOV_RE.match(names[j].text)
            if n.text.startswith("各") and len(n.text) <= 2 and j < len(names)
            else None
        )
        if closing is not None:
            # "各区、县(市)政府及开发区管委会": the levels' 政府 closes the group; what 及 joins after it
            # is a unit of its own
            cut = names[j].start + closing.end()
            out.append(_Name(text=norm[n.start : cut], start=n.start, end=cut))
            rest = names[j].text[closing.end() :]
            if len(rest) >= 3 and rest[0] in "及和与":
                out.append(_Name(text=rest[1:], start=cut + 1, end=names[j].end))
            i = j + 1
            continue
        if j > i + 1:
            last = j if j < len(names) and names[j].text.endswith("政府") else j - 1
            out.append(_Name(text=norm[n.start : names[last].end], start=n.start, end=names[last].end))
            i = last + 1
            continue
        out.append(n)
        i += 1
    return out


def _spaced_split(names: list[_Name]) -> list[_Name]:
    """Names separated only by spaces split where every part is a unit name of its own: a 牵头单位
    cell "市委社会工作部 市广播电视台 市地震局" is three units; "各县 (市、区)" stays one.

    >>> [n.text for n in _spaced_split([_Name(text="市住建局 市商务局", start=0, end=9)])]
    ['市住建局', '市商务局']
    >>> [n.text for n in _spaced_split([_Name(text="各县 (市、区)", start=0, end=8)])]
    ['各县 (市、区)']
    >>> [n.text for n in _spaced_split([_Name(text="超限站 公路站 交警六中队", start=0, end=13)])]
    ['超限站', '公路站', '交警六中队']
    """
    out: list[_Name] = []
    for n in names:
        if " " not in n.text and "\n" not in n.text:
            out.append(n)  # most names: no space to split at
            continue
        parts = [(m.start(), m.end()) for m in _NAME_PART_RE.finditer(n.text)]
        # (a short name counts only between blanks on one line: across a break it is a name wrapped
        # in its cell, "市生态" / "环境局")
        unit = _strict_unit if "\n" in n.text else _spaced_unit
        if len(parts) < 2 or not all(unit(n.text[a:b]) for a, b in parts):
            out.append(n)
            continue
        out.extend(_Name(text=n.text[a:b], start=n.start + a, end=n.start + b) for a, b in parts)
    return out


_NAME_PART_RE = re.compile(r"[^\s]+")
_MAX_SHORT_UNIT = 8


def _spaced_unit(part: str) -> bool:
    """A part of a blank-separated list that is a unit of its own: a full name, or a short station's
    or office's name as a township writes its own ("安监站 安监所", "超限站 公路站 交警六中队")."""
    return _strict_unit(part) or (
        len(part) <= _MAX_SHORT_UNIT
        and part.endswith(UNIT_ENDINGS)
        and _looks_like_unit(part)
        and not is_group(part)
    )


# a body named without its place after 和 shares the place before it: "高新区党工委和管委会" is one owner
_PLACELESS_BODIES = frozenset({"管委会", "管理委员会", "人民政府", "政府", "党委", "党工委", "办事处"})


def _joined_split(names: list[_Name]) -> list[_Name]:
    """Names joined by 和/及/与 split where both sides are complete unit names: "市科技局和市财政局" →
    "市科技局", "市财政局"; "市场和质量监督管理局", "教育和体育局" stay whole (the left side is no unit).

    >>> [n.text for n in _joined_split([_Name(text="市科技局及市财政局按职责分工负责", start=0, end=16)])]
    ['市科技局', '市财政局按职责分工负责']
    >>> [n.text for n in _joined_split([_Name(text="县教育和体育局", start=0, end=7)])]
    ['县教育和体育局']
    >>> [n.text for n in _joined_split([_Name(text="高新区党工委和管委会", start=0, end=10)])]
    ['高新区党工委和管委会']
    >>> [n.text for n in _joined_split([_Name(text="发展改革委及各产业链责任单位", start=0, end=14)])]
    ['发展改革委', '各产业链责任单位']
    >>> [n.text for n in _joined_split([_Name(text="各乡镇和各企业", start=0, end=7)])]
    ['各乡镇', '各企业']
    >>> [n.text for n in _joined_split([_Name(text="各县(区)及钒钛高新区", start=0, end=11)])]
    ['各县(区)', '钒钛高新区']
    """
    out: list[_Name] = []
    for n in names:
        t = n.text
        if "和" not in t and "及" not in t and "与" not in t:
            out.append(n)
            continue
        cut = next(
            (
                i
                for i, ch in enumerate(t)
                if ch in "和及与"
                and (
                    (
                        i >= 3
                        and t[:i].endswith(STRONG_ENDINGS)
                        and _strict_unit(t[:i])
                        and len(core := _suffix_role(t[i + 1 :])[1]) >= 3
                        # a unit, or a group of units ("发展改革委及各产业链责任单位")
                        and (
                            core.endswith(STRONG_ENDINGS)
                            or (core.startswith("各") and core.endswith(UNIT_ENDINGS))
                        )
                        and core not in _PLACELESS_BODIES
                    )
                    # two groups ("各乡镇和各企业要…"): each is every body of its kind
                    or (t.startswith("各") and i >= 2 and t.startswith("各", i + 1) and len(t) - i >= 3)
                    # a group, then a unit or a zone ("各县(区)及钒钛高新区要…")
                    or (
                        t.startswith("各")
                        and i >= 2
                        and t[:i].count("(") == t[:i].count(")")
                        and (_strict_unit(t[i + 1 :]) or _zone_name(t[i + 1 :]))
                        and t[i + 1 :]
                        not in _PLACELESS_BODIES  # ("各县(市、区)党委和人民政府": one body's two)
                    )
                )
            ),
            None,
        )
        if cut is None or ("(" in t[cut:] or t[:cut].count("(") != t[:cut].count(")")):
            out.append(n)
            continue
        out.append(_Name(text=t[:cut], start=n.start, end=n.start + cut))
        out.append(_Name(text=t[cut + 1 :], start=n.start + cut + 1, end=n.end))
    return out


def _looks_like_unit(name: str) -> bool:
    if len(name) < 2 or len(name) > 30 or any(w in name for w in NOT_UNIT_WORDS):
        return False
    # ("相关部门(单位)": the bracket names what else it may be)
    bare = _END_BRACKET_RE.sub("", name) or name
    return bare.endswith(UNIT_ENDINGS) or name.startswith(("各", "市", "省", "区", "县"))


_END_BRACKET_RE = re.compile(r"\([^()]{1,8}\)$")


def looks_like_units(line: str) -> bool:
    """True when a normalised line is only a list of unit names ("县水务局", "区发改委、区财政局").

    >>> looks_like_units("县水务局"), looks_like_units("区财政局、区税务局等部门")
    (True, True)
    >>> looks_like_units("启动县图书馆新馆建设。"), looks_like_units("12月底前")
    (False, False)
    >>> looks_like_units("各单位每季度报送进展。"), looks_like_units("各科室")
    (False, True)
    >>> looks_like_units("沈阳近海经济区管委会、各镇政府(街道办事处)")
    True
    """
    names = cell_names(line)
    return bool(names) and all(_listed_unit(n) for n in names)


def cell_names(line: str) -> list[str]:
    """The names of a list as ``looks_like_units`` judges them: cleaned, unbracketed, lead signs off.

    >>> cell_names("区发改局、莲都经开区管委会")
    ['区发改局', '莲都经开区管委会']
    """
    return [_unbracketed(clean_name(n.text).strip(_MARK_CHARS)) for n in _split_names(line, 0, len(line))]


def _listed_unit(name: str) -> bool:
    return _strict_unit(name) or (is_group(name) and _looks_like_unit(name) and name.endswith(UNIT_ENDINGS))


_MAX_LOOSE_NAME = 6  # ("现代化美丽城镇" is a task name that ends like a unit)


def looks_like_unit_cell(line: str) -> bool:
    """A table cell holding only unit names, the short ones a 责任单位 column writes without a level
    ("万盛街道", "万东镇", "消防救援大队") as well as ``looks_like_units``'s.

    >>> looks_like_unit_cell("万盛街道"), looks_like_unit_cell("消防救援大队"), looks_like_unit_cell("建设智慧园区")
    (True, True, False)
    >>> looks_like_unit_cell("区工信局,各乡镇人民政府、街道办事处,谯城经开区管委会。")
    True
    """
    names = [_suffix_role(n)[1] for n in cell_names(line)]  # ("综合规划处会同": a unit and its role)
    return bool(names) and all(_listed_unit(n) or _short_unit(n) for n in names)


def _short_unit(name: str) -> bool:
    """A unit a cell names by its kind alone, in a list beside named ones ("各乡镇人民政府、街道办事处")."""
    return (
        2 <= len(name) <= _MAX_LOOSE_NAME
        and name.endswith(UNIT_ENDINGS)
        and not _has_verb(name)
        and not any(ch.isdigit() or ch in "。,;:" for ch in name)
        and not any(w in name for w in NOT_UNIT_WORDS)
    )


_TAIL_BRACKET_RE = re.compile(r"（[^（）]{1,12}）$")


def _unbracketed(name: str) -> str:
    """A name without the bracket closing it ("各镇政府（街道办事处）" → "各镇政府"): the bracket names
    what the unit also covers, and the unit's ending is before it."""
    cut = _TAIL_BRACKET_RE.sub("", name)
    return cut if len(cut) >= 2 else name


def _has_verb(name: str) -> bool:
    """A verb in a name, other than one the unit is named by ("区建设局", "住房和城乡建设局").

    >>> _has_verb("区建设局"), _has_verb("推进园区建设"), _has_verb("加快建设局")
    (False, True, True)
    >>> _has_verb("对外经济合作处"), _has_verb("对企业开展帮扶")
    (False, True)
    """
    if not any(verb in name for verb in VERBS):
        return False
    for verb in VERBS:
        at = name.find(verb)
        while at >= 0:
            named = name.startswith(_NAMING_WORDS, at)  # "对外经济合作处": 对外 names the office's field
            if not named and name[at + len(verb) :] not in STRONG_ENDINGS:
                return True
            at = name.find(verb, at + 1)
    return False


_NAMING_WORDS = ("对外",)


def _strict_unit(name: str) -> bool:
    """A unit name standing alone as a sentence: no verbs, no figures, a clear unit ending."""
    if len(name) > 20 or _has_verb(name) or any((ch.isascii() and ch.isdigit()) or ch == "%" for ch in name):
        return False  # ("2 固定资产投资增长 8% 区发改局" is a table row, not a unit)
    return (
        name.endswith(STRONG_ENDINGS)
        or (name.startswith(("市", "省", "区", "县", "各")) and name.endswith(UNIT_ENDINGS))
        # ("民政局党组", "局党组": a unit's party body, named by the unit)
        or (name.endswith(_PARTY_BODIES) and name[:-2].endswith(STRONG_ENDINGS))
    )


_PARTY_BODIES = ("党组", "党委")


def clean_name(name: str) -> str:
    """A unit name as written, without blanks, its brackets full-width ("各县〔市、区〕政府" → "各县（市、区）政府").

    (Chained ``replace`` calls: ``str.translate`` with a table is several times slower on short names.)"""
    name = name.replace(" ", "").replace("\n", "").replace("(", "（").replace(")", "）")
    return name.replace("〔", "（").replace("〕", "）") if "〔" in name or "〕" in name else name


_TITLE_VERBS = ("成立", "建立", "组建", "健全", "设立", "强化", "明确")
_MAX_UNIT_TITLE = 12


# the note giving a body its short name ("(以下简称劳发署)"), and the words that open it
ALIAS_WORDS = "(?:以下简称|以下称|简称)"
ALIAS_NOTE = r"\(" + ALIAS_WORDS + r"[^()]{1,20}\)"
_ALIAS_RE = re.compile(ALIAS_NOTE)


# a short name a document defines for a body ("特設置性別平等專案小組(以下簡稱本小組)", "設屏東縣政府災害防救辦公室
# (以下簡稱本府災防辦)"): the body's name runs back from the bracket to the clause's start (over a line a page
# wraps), after the verb that sets it up
# (a page wraps its lines anywhere: "(以⏎     下簡稱本會)", "(以下簡稱本 會)")
_ALIAS_NOTE_RE = re.compile(
    r"\((?:以\s*下\s*简\s*称|以\s*下\s*称|简\s*称)“?(?P<short>[^()\s,。;:“”](?:[^()\s,。;:“”]|[ \t]*\n?[ \t]*(?=[^()\s,。;:“”])){0,11})”?\)"
)
_NAME_STOPS = frozenset(",。;:()“”、")
_MAX_NAME_BACK = 40  # characters of a defined body's name
_ARTICLE_BEFORE_RE = re.compile(r"第\s*[\d一二三四五六七八九十百]{1,4}\s*$")
_WRAPPED_TAIL = 1  # ("…工作委员 会": the one character a wrapped line carries)
_MAX_DEFINED = 200  # short names a document defines (a hostile text's thousands are not all read)
# the words that set a body up ("特设置…小组", "成立…办公室"); a bare 设 only where the name starts
SET_UP_WORDS = ("设置", "设立", "成立", "组建")
_SET_UP_RE = re.compile(r"(?:特)?(?:" + "|".join((*SET_UP_WORDS, "设")) + ")")


def _name_start(norm: str, end: int) -> int:
    """Where the name ending at ``end`` starts: back over name characters and wrapped lines ("小⏎    组"),
    at most ``_MAX_NAME_BACK`` of them (a walk back from the bracket: no scan of the text before it)."""
    i, taken = end, 0
    while i > 0 and taken < _MAX_NAME_BACK:
        ch = norm[i - 1]
        if ch in " \t":
            j = i - 1
            while j > 0 and norm[j - 1] in " \t":
                j -= 1
            if 0 < end - i <= _WRAPPED_TAIL and taken == end - i and j > 0 and _WORD_RE.match(norm[j - 1]):
                i = j  # a name's last character a page wrapped onto the next line: "工作委员 会(简称…)"
                continue
            if j == 0 or norm[j - 1] != "\n":
                break
            i = j  # blanks that indent a wrapped line: the newline before them is stepped over next
            continue
        if ch == "\n":
            i -= 1
            continue
        if ch.isspace() or ch in _NAME_STOPS:
            break
        i -= 1
        taken += 1
    return i


def defined_names(norm: str) -> dict[str, tuple[int, int]]:
    """The short names a (normalised) text defines for bodies, each with where the full name stands.

    >>> t = "营造友善环境,特设置性别平等专案小\\n    组(以下简称本小组),并订定本要点。"
    >>> [(short, t[a:b]) for short, (a, b) in defined_names(t).items()]
    [('本小组', '性别平等专案小\\n    组')]
    >>> defined_names("依据《条例》(以下简称条例)办理")
    {}
    >>> [short for short in defined_names("特设嘉义市政府智慧城市推动委员会(以\\n     下简称本\\n会)")]
    ['本会']
    >>> t = "第二条 中共某市委某高新区工作委员 会(简称“高新区党工委”),为市委派出机关。"
    >>> [(short, t[a:b]) for short, (a, b) in defined_names(t).items()]
    [('高新区党工委', '中共某市委某高新区工作委员 会')]
    >>> t = "- 第 2 条台北市政府秘书处(以下简称本处)置处长"
    >>> [(short, t[a:b]) for short, (a, b) in defined_names(t).items()]
    [('本处', '台北市政府秘书处')]
    >>> t = "特设基隆市政府推动大\\n陆事务工作小组(以下简称本小组)"
    >>> [(short, t[a:b]) for short, (a, b) in defined_names(t).items()]
    [('本小组', '基隆市政府推动大\\n陆事务工作小组')]
    """
    found: dict[str, tuple[int, int]] = {}
    notes = _ALIAS_NOTE_RE.finditer(norm) if "简称" in norm or "以下称" in norm else iter(())
    for m in itertools.islice(notes, _MAX_DEFINED):
        end = m.start()
        while end > 0 and norm[end - 1] in " \t\n":
            end -= 1
        start = _name_start(norm, end)
        if norm.startswith("条", start) and _ARTICLE_BEFORE_RE.search(norm, max(0, start - 8), start):
            start += 1  # "第 2 條臺北市政府秘書處(以下簡稱本處)": the article's number is no part of the name
        setup = _SET_UP_RE.match(norm, start, end)
        if setup is not None:
            start = setup.end()
        name = re.sub(r"\s+", "", norm[start:end])
        # (a body set up by the text may be named by what it does: "推動大陸事務工作小組")
        if end - start >= 2 and (
            is_duty_holder(name) or (setup is not None and name.endswith(STRONG_ENDINGS))
        ):
            found.setdefault(
                re.sub(r"\s+", "", m["short"]), (start, end)
            )  # ("本 會": a line the page wrapped)
    return found


def before_alias(title: str) -> int:
    """Where the short name a (normalised) title gives its body starts, or its length when it gives none.

    >>> before_alias("劳动力发展局(以下简称劳发局)"), before_alias("综合办公室")
    (6, 5)
    """
    m = _ALIAS_RE.search(title)
    return m.start() if m is not None else len(title)


def is_unit_title(title: str) -> bool:
    """A heading title (normalised) that names a unit, not a task: "综合办公室(党群工作部、监察室)",
    "工程建设管理局(安全生产监督局)" — a department's section in a list of duties.

    >>> is_unit_title("综合办公室(党群工作部、监察室、督查室)"), is_unit_title("工程建设管理局(安全生产监督局)")
    (True, True)
    >>> is_unit_title("成立工作领导小组"), is_unit_title("加强组织领导"), is_unit_title("强化责任落实。")
    (False, False, False)
    >>> is_unit_title("劳动力发展局(以下简称劳发局)"), is_unit_title("本部"), is_unit_title("本年")
    (True, True, False)
    >>> is_unit_title("本府秘书处(会议管理系统):"), is_unit_title("本府秘书处(会议管理系统)")
    (True, False)
    """
    # "本部勞動力發展署(以下簡稱勞發署)": the short name a document gives a body is no part of the title
    # a title ending in a colon opens the list of what the body it names does ("(一)本府秘書處(會議管理
    # 系統):"): it vouches for a body (處, 會, 署 as an addressee's ending), and a bracket after the name
    # says what the body runs, not who else
    opens = title.rstrip().endswith(":")
    core = _ALIAS_RE.sub("", title.strip().rstrip(":"))
    if len(core) == 2 and core[0] == "本" and core.endswith(STRONG_ENDINGS):
        return True  # "(一)本部:": the issuing body itself (本部, 本局, 本府), its duties listed below
    bracket = core.find("(")
    if bracket > 0 and core.endswith(")"):
        inner = core[bracket + 1 : -1]
        core = core[:bracket]
        if not opens and not all(_looks_like_unit(n.text) for n in _split_names(inner, 0, len(inner))):
            return False
    return (
        2 < len(core) <= _MAX_UNIT_TITLE
        and (
            core.endswith(STRONG_ENDINGS)
            or (opens and core.endswith(_ADDRESSEE_ENDINGS) and not is_group(core))
        )
        and not core.startswith((*VERBS, *_TITLE_VERBS))
        and not any(ch in core for ch in "。,;:、")
    )


def is_group(name: str) -> bool:
    """True for group owners ("各县区", "市相关部门") that stand for several units.

    >>> is_group("各县区")
    True
    >>> is_group("市有关部门")
    True
    >>> is_group("市委编办"), is_group("镇直各单位"), is_group("全区政法系统")
    (False, True, True)
    """
    # ("镇直各单位", "县属各企事业单位": every unit directly under a place; "全县组织系统": every unit of a field)
    return (
        name.startswith("各")
        or "有关" in name
        or "相关" in name
        or "直各" in name
        or "属各" in name
        or _is_system(name)
    )


# a field's units in a place, named as its system ("全县组织系统", "全市规划自然资源系统"): a group
_SYSTEM_RE = re.compile(r"全(?:省|市|县|区|州|盟|旗|镇|乡)[\u4e00-\u9fff]{2,10}?系统")


def _is_system(name: str) -> bool:
    return name.endswith("系统") and _SYSTEM_RE.fullmatch(name) is not None


def owners_in_group(
    norm: str, start: int, end: int, *, bare_allowed: bool, original: str, strict: bool = False
) -> list[Owner]:
    """Owners annotated in ``norm[start:end]`` (a "(…)" group or an annotation line).

    ``original`` is the decoded text (same offsets) from which names are taken.

    >>> t = "(责任单位:A局、B委,C办)"
    >>> [(o.name, o.role) for o in owners_in_group(t, 0, len(t), bare_allowed=False, original=t)]
    [('A局', 'lead'), ('B委', 'support'), ('C办', 'support')]
    >>> t = "(市发改委牵头,市财政局配合)"
    >>> [(o.name, o.role) for o in owners_in_group(t, 0, len(t), bare_allowed=False, original=t)]
    [('市发改委', 'lead'), ('市财政局', 'support')]
    >>> t = "(责任单位:市发改委、市农业农村局;市教育局、市科技局等)"
    >>> [(o.name, o.role) for o in owners_in_group(t, 0, len(t), bare_allowed=False, original=t)]
    [('市发改委', 'lead'), ('市农业农村局', 'lead'), ('市教育局', 'support'), ('市科技局', 'support')]
    >>> t = "(省经信委、省发改委(省能源局)。列第一位者为牵头部门,下同)"
    >>> [(o.name, o.role) for o in owners_in_group(t, 0, len(t), bare_allowed=True, original=t)]
    [('省经信委', 'lead'), ('省发改委（省能源局）', 'support')]
    >>> owners_in_group("(单位)", 0, 4, bare_allowed=True, original="(单位)")
    []
    >>> t = "(包括国家和省级高新区)"
    >>> owners_in_group(t, 0, len(t), bare_allowed=True, original=t)
    []
    >>> owners_in_group("(来源:县优化办)", 0, 9, bare_allowed=True, original="(来源:县优化办)")
    []
    """
    inner_start, inner_end = start, end
    opened = False  # a "(" opens the group: its ")" closes it (a line "A、各乡镇(街道)" keeps its own)
    while inner_start < inner_end and norm[inner_start] in " ([":
        inner_start += 1
        if norm[inner_start - 1] in "([":
            opened = True
            break
    if opened and inner_end > inner_start and norm[inner_end - 1] in ")]":
        inner_end -= 1
    if norm[inner_start : inner_start + 1] in _SOURCE_FIRST and _SOURCE_NOTE_RE.match(
        norm, inner_start, inner_end
    ):
        return []  # "(来源:县优化办)": who wrote the news, not who does the work
    note = (
        STANDING_RE.search(norm, inner_start, inner_end)
        if norm.find("以下", inner_start, inner_end) >= 0
        else None
    )
    if note is not None:
        inner_end = note.start()  # the standing note is read by ``standing_owners``
    ruled = _before_lead_rule(norm, inner_start, inner_end)
    if ruled is None:
        return []  # "(列第一位的为牵头单位)": the document's rule for its lists, no unit in it
    inner_end = ruled
    if norm[inner_start:inner_end].strip() in KIND_NOUNS:
        return []  # "责任股室(单位)": a column name's qualifier names a kind of unit, no unit
    segments: list[tuple[str, int, int]] = []
    keyed = list(_KEY_RE.finditer(norm, inner_start, inner_end))
    # only keys at the start of a segment count ("…;配合单位:B")
    keyed = [
        m
        for m in keyed
        if m.start() == inner_start or norm[m.start() - 1] in ";,。 、\n" or norm[m.start() - 1] == "("
    ]
    if keyed:
        if norm[inner_start : keyed[0].start()].strip(" ;,。"):
            if not _led_before_keys(norm, inner_start, keyed[0].start()):
                return []
            # "(由市环境保护局牵头落实。配合单位:A、B)": the lead is named before the first key
            segments.append(("bare", inner_start, keyed[0].start()))
        for k, m in enumerate(keyed):
            seg_end = keyed[k + 1].start() if k + 1 < len(keyed) else inner_end
            segments.append((key_role(m.group("key")), m.end(), seg_end))
    else:
        segments.append(("bare", inner_start, inner_end))
    return _segment_owners(norm, segments, original=original, bare_allowed=bare_allowed, strict=strict)


def _before_lead_rule(norm: str, start: int, end: int) -> int | None:
    """Where a group's units end before the document's rule for reading its lists ("(省经信委、省发改委。列
    第一位者为牵头部门,下同)": the units before it are a bare list, its first unit the lead), ``end``
    without a rule, ``None`` when the group is only the rule ("(列第一位的为牵头单位)", "(除标注“分别牵头”外,
    列第一位为牵头单位)")."""
    if _LEAD_RULE_RE.match(norm, start, end):
        return None
    rule = _RULE_AFTER_RE.search(norm, start, end) if "牵头" in norm[start:end] else None
    if rule is None or norm.count("(", start, rule.start()) != norm.count(")", start, rule.start()):
        return end  # no rule, or one inside a bracket of its own
    return rule.start() if looks_like_units(norm[start : rule.start()]) else None


def _led_before_keys(norm: str, start: int, end: int) -> bool:
    """Whether ``norm[start:end]``, the words before a group's first key, name a unit and its lead
    role ("由市环境保护局牵头落实。"), not other words ("说明:…").

    >>> t = "由市环境保护局牵头落实。"
    >>> _led_before_keys(t, 0, len(t)), _led_before_keys("详见附件。", 0, 5)
    (True, False)
    >>> t = "区发展改革委、区市场监管局、区金融服务办、区政务服务管理局负责落实,"
    >>> _led_before_keys(t, 0, len(t))
    True
    >>> t = "市生态环境局、发展改革委、工业和信息化局等按职责分工负责。"
    >>> _led_before_keys(t, 0, len(t))
    True
    """
    words = norm[start:end].strip(" ;,。(").removeprefix("由")
    role, name = _suffix_role(words)
    # several units may lead ("区发展改革委、区市场监管局、区金融服务办、区政务服务管理局负责落实,完成时限:…"),
    # a list closed by 等 too ("市生态环境局、发展改革委等按职责分工负责。责任单位:…")
    return role in ("lead", "resp") and all(_strict_unit(unit) for unit in strip_etc(name).split("、"))


def owners_in_cells(norm: str, cells: list[tuple[str, int, int]], *, original: str) -> list[Owner]:
    """Owners of a task-list row: (column role, start, end) cells with role lead/support/first.

    Every unit of a 牵头单位 cell is lead, every unit of a 配合单位 cell support; a 责任单位 cell
    leads with its first unit unless a 牵头单位 cell named a lead. "—" or "无" is no owner.

    >>> t = "市发改委、市科技局 — 年内"
    >>> [(o.name, o.role) for o in owners_in_cells(t, [("lead", 0, 9), ("support", 10, 11)], original=t)]
    [('市发改委', 'lead'), ('市科技局', 'lead')]
    >>> t = "A局 B局、C局"
    >>> [(o.name, o.role) for o in owners_in_cells(t, [("first", 3, 8)], original=t)]
    [('B局', 'lead'), ('C局', 'support')]
    >>> owners_in_cells("无", [("support", 0, 1)], original="无")
    []
    >>> t = "★发改局、经信局"
    >>> [(o.name, o.role) for o in owners_in_cells(t, [("lead", 0, 8)], original=t)]
    [('发改局', 'lead'), ('经信局', 'support')]
    >>> t = "已完成。 完成筛查人数3495人,完成率47.23%。"  # a progress cell shifted into the owner column
    >>> owners_in_cells(t, [("lead", 0, len(t))], original=t)
    []
    """
    # a row whose empty cells the copy dropped shifts its progress text into the owner column: a cell
    # that reports (opens with 已, or holds a sentence's full stop before its end) names no unit
    cells = [c for c in cells if not _REPORT_CELL_RE.match(norm, c[1], c[2])]
    return _segment_owners(norm, cells, original=original, bare_allowed=False, strict=False, cell=True)


_REPORT_CELL_RE = re.compile(r"\s*(?:已|正在|目前|截至)|[^。]*。\s*\S")


# a unit, a space, then the person who heads it ("市民政局 伍泽国", as a 牵头单位及主要负责人 cell writes)
_UNIT_THEN_PERSON_RE = re.compile(r"(?P<unit>\S.*?)[ \u3000]+(?P<person>[\u4e00-\u9fff]{2,3})[ \u3000]*")


def _without_person(name: _Name) -> _Name:
    """A unit name without the person's name written after it.

    >>> _without_person(_Name(text="市民政局 伍泽国", start=0, end=8)).text
    '市民政局'
    >>> _without_person(_Name(text="市生态 环境局", start=0, end=7)).text
    '市生态 环境局'
    """
    m = _UNIT_THEN_PERSON_RE.fullmatch(name.text)
    if m is None or not m["unit"].endswith(STRONG_ENDINGS) or m["person"].endswith(UNIT_ENDINGS):
        return name
    return _Name(text=m["unit"], start=name.start, end=name.start + len(m["unit"]))


def _unmarked(name: _Name) -> tuple[_Name, bool]:
    """A name without the sign that marks it lead ("▲发改局", "区政府办公室*"), and whether it had one."""
    text = name.text
    if len(text) <= 2 or (text[:1] not in LEAD_MARKS and text[-1:] not in LEAD_MARKS):
        return name, False
    bare = text.strip(_MARK_CHARS).strip()
    skip = text.index(bare)
    return _Name(text=bare, start=name.start + skip, end=name.start + skip + len(bare)), True


def _segment_owners(  # noqa: C901 — one pass over the cell's segments; the 牵头/配合 rules share its state
    norm: str,
    segments: list[tuple[str, int, int]],
    *,
    original: str,
    bare_allowed: bool,
    strict: bool,
    cell: bool = False,
) -> list[Owner]:
    owners: list[Owner] = []
    explicit_lead = False  # a unit named lead by 牵头 (a key or a suffix)
    for mode, s, e in segments:
        if mode == "skip":
            continue
        if mode == "bare" and not bare_allowed and _ROLE_HINT_RE.search(norm, s, e) is None:
            continue  # a bracket inside the text with no role word nor lead sign ("(以下简称…)"): no owners
        cleaned: list[_Name] = []
        roles: list[str | None] = []
        pending: list[int] = []
        split = _unjoined(_group_runs(norm, _split_names(norm, s, e)))
        for written in _run_together(split) if cell else split:
            reading = _name_reading(written.text)
            if reading is None:
                continue
            at, text, marked, role, lead_marked = reading
            if role == "resp":
                role = "support" if explicit_lead else "lead"
            at += written.start
            cleaned.append(_Name(text=text, start=at, end=at + len(text)))
            roles.append(None)
            if marked or (role == "lead" and lead_marked):
                # "A、B(牵头)": the bracketed marker names B alone; unmarked units support it
                roles[-1] = "lead"
                explicit_lead = True
                continue
            pending.append(len(roles) - 1)
            if role is not None:
                for idx in pending:
                    roles[idx] = role
                pending = []
                explicit_lead = explicit_lead or role == "lead"
        if mode == "bare":
            if not cleaned or (not bare_allowed and all(r is None for r in roles)):
                continue
            if not all(_looks_like_unit(clean_name(n.text)) for n in cleaned):
                return []
            if strict and not all(_strict_unit(clean_name(n.text)) for n in cleaned):
                return []
        lead_seen = any(r == "lead" for r in roles) or any(o.role == "lead" for o in owners)
        # "责任单位:A、B;C、D": a 责任单位 list split by one ";" — the units before it lead, those after support
        semi = norm.find(";", s, e) if mode == "first" and not lead_seen else -1
        if semi >= 0 and sum(n.start < semi for n in cleaned) >= 2 and cleaned[-1].start > semi:
            roles = [
                ("lead" if n.start < semi else "support") if r is None else r
                for n, r in zip(cleaned, roles, strict=True)
            ]
            lead_seen = True
        # "★发改局、经信局" in a 牵头单位 cell: the sign names the lead, the units beside it support
        signed = mode == "lead" and any(r == "lead" for r in roles) and any(r is None for r in roles)
        for name, role in zip(cleaned, roles, strict=True):
            final = role
            if final is None:
                if signed:
                    final = "support"
                elif mode in ("lead", "support", "owner"):
                    final = mode
                elif not lead_seen:
                    final = "lead"
                    lead_seen = True
                else:
                    final = "support"
            clean = clean_name(original[name.start : name.end])
            if not clean or len(clean) > 40:
                continue
            owners.append(Owner(name=clean, role=final, group=is_group(clean), span=(name.start, name.end)))
        explicit_lead = explicit_lead or mode == "lead"
    return owners


_RANKED_RE = re.compile(r"\s*第[一二三四五六七八九十\d]{1,3}名")


@functools.lru_cache(maxsize=16384)
def _name_reading(written: str) -> tuple[int, str, bool, str | None, bool] | None:
    """How a name written in a list reads: (where the unit starts in it, the unit, whether a sign marks it
    lead, the role its suffix gives, whether it ends "(牵头)"), or ``None`` for no unit. (Memoised: a
    plan names the same units in row after row.)

    >>> _name_reading("▲市发改委(牵头)"), _name_reading("2023年底前"), _name_reading("分管副市长")
    ((1, '市发改委', True, 'lead', True), None, None)
    >>> _name_reading("第二名七里桥街道") is None
    True
    """
    name, marked = _unmarked(_without_person(_Name(text=written, start=0, end=len(written))))
    text = name.text
    if _RANKED_RE.match(text):
        return None  # "第一名白鹤镇,第二名七里桥街道": a ranking of the units, no charge to them
    if _TIME_TOKEN_RE.search(text) and not text.endswith(STRONG_ENDINGS):
        return None  # "长期坚持", "2023年底前" beside the units
    if not _WORD_RE.search(text) or text in ("无", "暂无"):
        return None  # "—", "/", "无": an empty cell
    role, text = _suffix_role(text)
    if _POST_RE.fullmatch(text):
        return None  # "(分管副省长、协管副秘书长负责,省发展改革委牵头,…)": persons, no owners
    text = strip_etc(text)
    if len(text) < 2:
        return None  # "…,等区政府有关部门": the list's closing words; "区": a name cut by the excerpt
    return name.start, text, marked, role, _LEAD_MARK_RE.search(name.text) is not None


# a person named by the post held ("分管副省长", "协管副秘书长", "县长", "市委书记"): no unit
_POST_RE = re.compile(
    r"(?:分管|协管|主管|联系|牵头)?[^、,;()]{0,6}?(?:省长|市长|县长|区长|镇长|秘书长|书记|领导|同志)"
)


def _suffix_role(text: str) -> tuple[str | None, str]:
    """(role, name) of "市发改委(牵头)", "A牵头", "B配合", "C负责落实"; (None, text) without one."""
    marked = _ROLE_MARK_RE.search(text) if text.endswith(")") else None
    if marked is not None and marked.start() > 0:
        return SUFFIX_ROLES[marked.group(1)], text[: marked.start()]
    if not text.endswith(_SUFFIX_ENDS):
        return None, text  # most names carry no role word: one C-level test
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return SUFFIX_ROLES[suffix], text[: -len(suffix)]
    return None, text


def find_owners(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Owners of the item text ``norm[start:end]``: keyed groups anywhere, a bare list at the end.

    >>> text = "规范职能定位。(责任单位:各县区、功能板块,市委编办)"
    >>> [(o.name, o.role, o.group) for o in find_owners(text, 0, len(text), original=text)]
    [('各县区', 'lead', True), ('功能板块', 'support', False), ('市委编办', 'support', False)]
    >>> text = "完善政策。(市发改委、市财政局)"
    >>> [(o.name, o.role) for o in find_owners(text, 0, len(text), original=text)]
    [('市发改委', 'lead'), ('市财政局', 'support')]
    """
    owners: list[Owner] = []
    segment = norm[start:end]
    tail = len(segment.rstrip(" 。.;\n"))
    lines = _merged_lines(norm, _annotation_lines(norm, start, end))
    for g_start, g_end in paren_groups(segment):
        if any(s <= start + g_start < e for s, e in lines):
            continue  # "(街道)" in a line "责任单位:A,各乡镇(街道)" is part of a name the line reads
        is_last = g_end >= tail
        # a bare list closing a sentence inside the item ("…进展情况。(区经信办、区商务委。)做好…") names
        # the owners of that sentence's work, as one at the item's end does: strict, names of units only
        closing = not is_last and g_start > 0 and segment[g_start - 1] in "。;"
        found = owners_in_group(
            norm, start + g_start, start + g_end, bare_allowed=is_last or closing, original=original,
            strict=closing and not is_last,
        )  # fmt: skip
        owners.extend(found)
    for line in lines:
        owners.extend(owners_in_group(norm, line[0], line[1], bare_allowed=True, original=original))
    # a quoted charge is read before the fallbacks: the report's progress after it may name other bodies
    quoted = norm.find("负责的“", start, end) >= 0
    if not owners and quoted:
        owners.extend(charged_owners(norm, start, end, original=original))
    if not owners:
        owners.extend(_unclosed_owners(norm, start, end, original=original))
    if not owners:
        owners.extend(_last_sentence_owners(norm, start, end, original=original))
    if not owners and not quoted:
        owners.extend(charged_owners(norm, start, end, original=original))
    if not owners:
        owners.extend(led_sentences(norm, start, end, original=original))
    if not owners:
        owners.extend(addressed_owners(norm, start, end, original=original))
    return owners


# "县发改局负责的“严格落实…。”": a 督查通报 quotes each decided item after the units it charged
QUOTED_CHARGE_RE = re.compile(r"(?P<who>[^,。;:“”()]{2,60}?)负责的“")


_REPORT_WORDS_RE = re.compile(r"\s*(?:例如|比如|其中|包括|主要是|如|即)")
# a news item's credit: its source, writer or editor
_SOURCE_FIRST = frozenset(
    "信稿文来作记通供编责撰"
)  # (the words' first characters: most groups open with none)
_SOURCE_NOTE_RE = re.compile(
    r"\s*(?:(?:信息|稿件|文章)?来源|稿源|作者|记者|通讯员|供稿|编辑|责任编辑|撰稿)\s*[:|]"
)


def quoted_units(norm: str, a: int, b: int) -> tuple[int, int] | None:
    """Where the unit names of a quoted charge start and end: the words before them ("如县发改局")
    are the report's, not a name's.

    >>> t = "如县发改局、县水利局"
    >>> quoted_units(t, 0, len(t))
    (1, 10)
    """
    lead = _REPORT_WORDS_RE.match(norm, a, b)
    for at in range(lead.end() if lead else a, b - 1):
        names = _split_names(norm, at, b)
        if names and all(_strict_unit(n.text) for n in names):
            return at, b
    return None


# "由A负责清除…", "由包片单位B负责督促…": the units charged with the work inside a sentence (a 整改要求 line)
_CHARGED_RE = re.compile(
    r"由(?P<who>[^,。;:由]{2,60}?)负责(?!人|同志|解释)"
)  # 负责解释: the plan's own closing clause


def charged_owners(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Units an item charges inside a sentence, "由A、B负责…": each leads. A descriptor before the units
    ("包片单位", "沿线包片单位") is no part of their names.

    >>> t = "1、河边有垃圾死角。\\n整改要求:由包片单位县气象局负责清除。"
    >>> [(o.name, o.role) for o in charged_owners(t, 0, len(t), original=t)]
    [('县气象局', 'lead')]
    >>> t = "整改要求:由陈家坝沿线包片单位县职教中心、县消防大队负责劝阻。"
    >>> [o.name for o in charged_owners(t, 0, len(t), original=t)]
    ['县职教中心', '县消防大队']
    >>> t = "由市工业和信息化局和市财政局负责组织实施。"  # 和 inside a unit's name, and between two
    >>> [o.name for o in charged_owners(t, 0, len(t), original=t)]
    ['市工业和信息化局', '市财政局']
    >>> t = "由企业负责建设,政府给予补助。"
    >>> charged_owners(t, 0, len(t), original=t)
    []
    >>> t = "如县自然资源局、县水利局负责的“紧盯国债项目6月底前开工。”截至目前,开工2个。"
    >>> [(o.name, o.role) for o in charged_owners(t, 0, len(t), original=t)]
    [('县自然资源局', 'lead'), ('县水利局', 'lead')]
    """
    owners: list[Owner] = []
    quoted = (
        [(m.start("who"), m.end("who")) for m in QUOTED_CHARGE_RE.finditer(norm, start, end)]
        if norm.find("负责的“", start, end) >= 0
        else []
    )
    charged = [m.span("who") for m in _CHARGED_RE.finditer(norm, start, end)]
    # a quoted charge first: the report's progress after it may name other bodies ("截至目前,A中心…")
    for first, b in [q for q in (quoted_units(norm, *q) for q in quoted) if q is not None] or charged:
        a = first
        kind = norm.rfind("单位", a, b)
        if kind >= 0 and kind + 2 < b:
            a = kind + 2  # "包片单位县气象局": the descriptor names what the unit is, not the unit
        names = _joined_split(_split_names(norm, a, b))
        if not names or not all(_looks_like_unit(n.text) and not _has_verb(n.text) for n in names):
            continue
        owners.extend(_named(names, "lead", original))
    return owners


# "。州行政审批服务局牵头,湘西高新区管委会及相关州、市直部门配合,…": a sentence opened by its lead
_LED_SENTENCE_RE = re.compile(
    # (opening a sentence, or a leader's charge: "曲道凯要求,由县发展和改革局牵头,…")
    r"(?:^|(?<=[。;])|(?<=要求,))\s*(?P<lead>[^,。;:()]{2,40}?)牵头,(?:(?P<support>[^,。;:()]{2,60}?)(?:配合|协同|参与),)?"
)


def led_sentences(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Owners a sentence names as it opens: "A牵头," leads, "B及C配合," after it supports.

    >>> t = "二、推进工作实施。州行政审批服务局牵头,湘西高新区管委会配合,完成窗口整体入驻。"
    >>> [(o.name, o.role) for o in led_sentences(t, 0, len(t), original=t)]
    [('州行政审批服务局', 'lead'), ('湘西高新区管委会', 'support')]
    >>> t = "坚持统筹推进,政府牵头,社会参与。"  # no unit opens the sentence
    >>> led_sentences(t, 0, len(t), original=t)
    []
    """
    if norm.find("牵头,", start, end) < 0:
        return []
    owners: list[Owner] = []
    for m in _LED_SENTENCE_RE.finditer(norm, start, end):
        for group, role in (("lead", "lead"), ("support", "support")):
            if m[group] is None:
                continue
            names = _joined_split(_split_names(norm, *m.span(group)))
            if not names or not all(
                _strict_unit(n.text) or (is_group(n.text) and _looks_like_unit(n.text)) for n in names
            ):
                break
            owners.extend(_named(names, role, original))
    return owners


# "四、赣州市政府要加强领导和管理,…": an item whose first sentence opens with the unit that is to act, as an
# approval's or a reply's clauses charge who carries them out; "A要会同B…" makes B support
_SUBJECT_RE = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、]|[一二三四五六七八九十]是)?\s*"
    # the leaders who answer for it ("由芦卫、李景涛同志牵头,县发改、农业农村等部门要…"): persons, no owners
    r"(?:由[^,。;:()]{2,30}?同志(?:牵头|负责|统筹)\s*,\s*)?"
    # why, before who ("为使各机关单位预算能有效执行,各机关…等权责单位应…")
    r"(?:为(?:使|了)?[^,。;:]{2,40},\s*)?"
    # ("各县市一定要树立…": the word that stresses the charge is no part of who is charged)
    # ("各产业链办公室作为牵头单位更要…": what it acts as is no part of its name)
    r"(?P<lead>(?:[^,。;:()“”\n]|\([^()\n]{1,8}\)){2,40}?)(?:作为[^,。;:]{2,12}?,?)?(?:一定|都|也|更|还)?(?:要(?!求|点|素|件|闻|害|务)|负责(?!人|同志)|须|必须|务必|应当?"
    # "镇应急办牵头,组织各村(居)委会…": the unit leading the work named first
    r"|牵头(?=,|组织|开展))"
)
_PERSON_LEADS_RE = re.compile(r"\s*由(?P<who>[\u4e00-\u9fff]{2,4})(?:牵头|统筹)\s*,\s*")
_VOUCHED_RE = re.compile(r"等(?:责任|有关|相关|职能|权责){0,2}(?:部门|单位)$")
_VOUCHED_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,12}")  # "县发改", "住建", "自然资源": a unit as abbreviated
_WITH_GROUP_RE = re.compile(r"[^,。;:()“”]{0,6}?(?:有关|相关)(?:部门|单位)")


def _named(names: list[_Name], role: str, original: str) -> list[Owner]:
    """Owners of ``role`` for names read in the normalised text, each named as the original writes it."""
    return [
        Owner(
            name=clean_name(original[n.start : n.end]),
            role=role,
            group=is_group(n.text),
            span=(n.start, n.end),
        )
        for n in names
    ]


def is_single_unit(name: str) -> bool:
    """One unit's name, as an approval's addressee line gives it ("四川省人民政府", "省发展改革委").

    >>> is_single_unit("四川省人民政府"), is_single_unit("各有关单位"), is_single_unit("市发改委、市财政局")
    (True, False, False)
    """
    return not is_group(name) and "、" not in name and (_strict_unit(name) or _zone_name(name))


def is_duty_holder(name: str) -> bool:
    """The body a list of duties opens with ("综合规划司掌理事项如下:"): one unit, its ending weaker than
    an addressee's may be (司, 处, 科), for the list's opening line vouches that a body is named.

    >>> is_duty_holder("综合规划司"), is_duty_holder("主任秘书"), is_duty_holder("技监、参事")
    (True, False, False)
    """
    return is_single_unit(name) or (
        name.endswith(UNIT_ENDINGS) and not is_group(name) and "、" not in name and not _has_verb(name)
    )


def _zone_name(name: str) -> bool:
    """A zone's name standing alone: "成都经济技术开发区" (no verb, no figure)."""
    return name.endswith(ZONE_ENDINGS) and not _has_verb(name) and not any(ch.isdigit() for ch in name)


def subject_owners(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Owners an item's opening sentence names as its subject: "A要…" leads, "要会同B" supports.

    >>> t = "四、赣州市政府要加强领导和管理,统筹推进城市和开发区规划。"
    >>> [(o.name, o.role) for o in subject_owners(t, 0, len(t), original=t)]
    [('赣州市政府', 'lead')]
    >>> t = "五、省发展改革委要会同省直有关部门加强指导和服务。"
    >>> [(o.name, o.role) for o in subject_owners(t, 0, len(t), original=t)]
    [('省发展改革委', 'lead'), ('省直有关部门', 'support')]
    >>> t = "四、成都经济技术开发区要坚持以工业项目为主。"  # a zone named to act
    >>> [(o.name, o.role) for o in subject_owners(t, 0, len(t), original=t)]
    [('成都经济技术开发区', 'lead')]
    >>> t = "1、各镇、县直各部门、招商分局负责协调联系各地企业负责人。"  # units charged, groups among them
    >>> [(o.name, o.role) for o in subject_owners(t, 0, len(t), original=t)]
    [('各镇', 'lead'), ('县直各部门', 'lead'), ('招商分局', 'lead')]
    >>> t = "二是由芦卫同志牵头,县发改、财政等部门要积极推进专项债券项目的申报。"  # a leader, then the units
    >>> [(o.name, o.role) for o in subject_owners(t, 0, len(t), original=t)]
    [('县发改', 'lead'), ('财政', 'lead')]
    >>> t = "由马娜牵头,区收储办、区自然资源和规划分局负责,及时收集汇总需求。"  # a person leads, units answer
    >>> [(o.name, o.role) for o in subject_owners(t, 0, len(t), original=t)]
    [('区收储办', 'lead'), ('区自然资源和规划分局', 'lead')]
    >>> t = "区发改委作为提案主办单位,要发挥牵头协调的作用。"  # what it acts as, set off by a comma
    >>> [(o.name, o.role) for o in subject_owners(t, 0, len(t), original=t)]
    [('区发改委', 'lead')]
    >>> t = "各乡镇(街道)、相关部门(单位)要严格落实。"  # a group's bracket says what else it may be
    >>> [o.name for o in subject_owners(t, 0, len(t), original=t)]
    ['各乡镇（街道）', '相关部门（单位）']
    >>> t = "各牵头单位要高度重视。"  # the plan's word for its owners, typed as the group it names
    >>> [(o.name, o.role) for o in subject_owners(t, 0, len(t), original=t)]
    [('各牵头单位', 'lead')]
    >>> t = "五、要加强领导和管理。"  # no subject: nobody named
    >>> subject_owners(t, 0, len(t), original=t)
    []
    >>> t = "全面推进乡村振兴要坚持农业农村优先发展。"  # a work, not a unit, opens the sentence
    >>> subject_owners(t, 0, len(t), original=t)
    []
    """
    led = _PERSON_LEADS_RE.match(norm, start, end) if "由" in norm[start : start + 3] else None
    if led is not None and not _looks_like_unit(led["who"]):
        start = (
            led.end()
        )  # "由马娜牵头,区收储办、区自然资源和规划分局负责,…": a person leads, the units answer
    m = _SUBJECT_RE.match(norm, start, end)
    if m is None:
        return []
    names = _unit_names(norm, *m.span("lead"))
    if not names:
        return []
    owners = _named(names, "lead", original)
    if norm.startswith("会同", m.end()):
        with_ = _WITH_GROUP_RE.match(norm, m.end() + 2, end)
        spans = (
            [(with_.start(), with_.end())]
            if with_ is not None
            else [(n.start, n.end) for n in _names_at(norm, m.end() + 2, end)[0]]
        )
        owners.extend(
            Owner(name=clean_name(original[a:b]), role="support", group=is_group(norm[a:b]), span=(a, b))
            for a, b in spans
        )
    return owners


def _unit_names(norm: str, a: int, b: int) -> list[_Name]:
    """The names ``norm[a:b]`` lists when every one is a unit's or a group of units', else none."""
    # "县发改、住建、自然资源等责任单位要…": the list's closing noun says its names are units, however short
    vouched = _VOUCHED_RE.search(norm, a, b)
    names = _joined_split(_split_names(norm, a, vouched.start() if vouched else b))
    if any(n.text.endswith(POSTS) for n in names):
        return []  # "各驻外招商办事处主任要…", "各乡镇党委书记要…": persons charged, no units
    if not names or not all(
        (
            vouched is not None
            and _VOUCHED_NAME_RE.fullmatch(n.text)
            and not any(w in n.text for w in NOT_UNIT_WORDS)
        )
        or _strict_unit(n.text)
        or _zone_name(n.text)
        or (is_group(n.text) and _looks_like_unit(n.text))
        or _is_system(n.text)
        for n in names
    ):
        return []
    return names


# the units a speaker addresses by name before a comma ("会议强调,各行政村(社区)、镇直各单位,高度重视…")
_ADDRESSED_RE = re.compile(r"\s*(?P<lead>(?:[^,。;:()“”\n要]|\([^()\n]{1,8}\)){2,40}?),")


def addressed_units(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """The units a clause names alone, before its comma, as whom the words after it speak to: each leads.

    >>> t = "各行政村(社区)、镇直各单位,高度重视安全生产工作。"
    >>> [o.name for o in addressed_units(t, 0, len(t), original=t)]
    ['各行政村（社区）', '镇直各单位']
    >>> addressed_units("安全生产工作,事关全局。", 0, 11, original="安全生产工作,事关全局。")
    []
    >>> addressed_units("各行业正处复工复产高峰期,必须引起高度警惕。", 0, 20, original="")
    []
    """
    m = _ADDRESSED_RE.match(norm, start, end)
    names = _unit_names(norm, *m.span("lead")) if m is not None else []
    # (a name standing alone must end as a body's does: "各行业正处复工复产高峰期," is what the words say of them)
    if not all(_END_BRACKET_RE.sub("", n.text).endswith((*UNIT_ENDINGS, "村", "社区")) for n in names):
        return []
    return _named(names, "lead", original)


# the units a body acts together with, the list closed by 等部门 ("下一步我们将连同县文旅、县农村公路事业发展中心、
# 各镇街等部门深度调研", "与交警、综合执法局等部门开展联合执法"): they support the work; a body only spoken with
# ("与上级部门汇报沟通") is no partner, so after 与 the joint work must follow
_PARTNERS_RE = re.compile(
    r"(?:(?:连同|会同|协同|联合)(?P<with>[^,。;:()“”]{2,60}?)"
    r"|与(?P<jointly>[^,。;:()“”与]{2,60}?))等(?:有关|相关|职能)?(?:部门|单位|部)"
    r"(?(jointly)(?=开展|联合|共同|一起|划定|组成))"
)


def partner_owners(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """The units a clause names as partners of its actor, each support.

    >>> t = "下一步我们将连同县文旅、县农村公路事业发展中心、各镇街等部门深度调研。"
    >>> [(o.name, o.role) for o in partner_owners(t, 0, len(t), original=t)]
    [('县文旅', 'support'), ('县农村公路事业发展中心', 'support'), ('各镇街', 'support')]
    >>> t = "三、与交警、综合执法局等部门开展联合执法。四、与上级等部门汇报沟通。"
    >>> [o.name for o in partner_owners(t, 0, len(t), original=t)]
    ['交警', '综合执法局']
    """
    out: list[Owner] = []
    for m in _PARTNERS_RE.finditer(norm, start, end):
        group = "with" if m.group("with") is not None else "jointly"
        names = _joined_split(_split_names(norm, *m.span(group)))
        if names and all(
            _VOUCHED_NAME_RE.fullmatch(n.text) and not any(w in n.text for w in NOT_UNIT_WORDS) for n in names
        ):
            out.extend(_named(names, "support", original))
    return out


# a bulletin's request to the units it is sent to ("请各乡镇、县直有关单位在剩下的半年时间里,要…")
_REQUESTED_RE = re.compile(r"\s*请(?P<who>[^,。;:()“”]{2,40}?)(?=在|于|务必|要|,)")


def requested_units(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """The units a sentence opening with 请 asks to act, each lead; none unless every name is a unit or
    a group of units.

    >>> t = "请各乡镇、县直有关单位在剩下的半年时间里,要进一步细化工作措施。"
    >>> [o.name for o in requested_units(t, 0, len(t), original=t)]
    ['各乡镇', '县直有关单位']
    >>> requested_units("请认真落实。", 0, 6, original="请认真落实。")
    []
    """
    m = _REQUESTED_RE.match(norm, start, end)
    if m is None:
        return []
    names = _joined_split(_split_names(norm, *m.span("who")))
    if not names or not all(_looks_like_unit(n.text) and not _has_verb(n.text) for n in names):
        return []
    return _named(names, "lead", original)


# a directive names who is to act after 请 ("请经济部督导台电公司…", "请内政部会同法务部先行研议"): the
# addressee leads; a unit 会同/会商 names, or one asked to help (予以协助), supports
_PLEASE_RE = re.compile(r"(?<![申邀提聘呈报敬恳])请(?!示|求|假|教|柬)")
_WITH_RE = re.compile(r"会同|会商|协同")
_HELP_RE = re.compile(r"(?:予以|提供|给予)?协助|配合")
_CONSULT_RE = re.compile(r"协商|会商|研商")
# "请四科…": a bureau's section; "请两区公所…": a district's office
_ADDRESSEE_ENDINGS = (*STRONG_ENDINGS, "会", "署", "总处", "处", "科", "公所")
# a short section named by its field ("建设处", "规划科"): the field's word is no verb of the directive
_SECTION_ENDINGS = ("处", "科", "股", "室")
_MAX_SECTION_NAME = 4


def _addressee(name: str) -> bool:
    """A named unit a directive speaks to: a unit name, or a short body name ending 会/署/处 ("工程会",
    "环保署", "主计总处"); no group ("请各部门…" is the notice's, not a task's) and no person."""
    if name.startswith("各") or is_group(name):
        return False
    field_section = len(name) <= _MAX_SECTION_NAME and name.endswith(_SECTION_ENDINGS)
    return _strict_unit(name) or (
        2 <= len(name) <= 8
        and name.endswith(_ADDRESSEE_ENDINGS)
        and (field_section or not _has_verb(name))
        and "%" not in name
    )


_ACTING_RE = re.compile(
    r"会同|会商|协同|督导|督促|协调|研议|研处|研拟|办理|尽速|尽快|尽早|先行|予以|提供|协助|配合|依|透过|通过"
    r"|加强|积极|于|就|针对|对|在|将|把|持续|立即|即|速|再|应|要|务必|妥|全力|共同|一起|分别|负责|主动"
    r"|根据|按照|结合|径"
)
_MAX_ADDRESSEE_NAME = 10
_COVERING_NOTICE_RE = re.compile(
    r"印发给你们|现(?:将|予)?印发|贯彻执行|遵照执行|认真贯彻|纳入.{0,10}考评|工作报告》"
)


def _name_at(norm: str, at: int, limit: int) -> int:
    """The end of the longest unit name from ``at`` that holds no sign and no directive verb, or ``at``."""
    for stop in range(min(limit, at + _MAX_ADDRESSEE_NAME), at + 1, -1):
        name = norm[at:stop]
        if any(not ("\u3400" <= ch <= "\u9fff") or ch in "及与" for ch in name) or _ACTING_RE.search(name):
            continue
        if any((m := _ACTING_RE.match(norm, q)) and m.end() > stop for q in range(max(at, stop - 2), stop)):
            continue  # "内政部会" of "内政部会同…": the name ends where the verb begins
        if _addressee(name):
            return stop
    return at


def _names_at(norm: str, at: int, limit: int) -> tuple[list[_Name], int]:
    """The unit names from ``at`` joined by 、及与和 ("经济部及台电公司", "工程会及交通部等") and where
    they end (after a closing 等)."""
    names: list[_Name] = []
    pos = at
    while True:
        stop = _name_at(norm, pos, limit)
        if stop == pos:
            break
        names.append(_Name(text=norm[pos:stop], start=pos, end=stop))
        pos = stop
        if pos + 1 < limit and norm[pos] in "、及与和" and _name_at(norm, pos + 1, limit) > pos + 1:
            pos += 1
            continue
        break
    if names and norm.startswith("等", pos):
        pos += 1
    return names, pos


# "六、七科": sections numbered in a list that shares its unit noun
_SHARED_SUFFIX_RE = re.compile(
    r"(?P<nums>[一二三四五六七八九十](?:、[一二三四五六七八九十])+)(?P<noun>科|股|组|处|室)"
)
_HANDED_RE = re.compile(
    r"[^。;,]{0,12}?交(?P<to>[一二三四五六七八九十]?[\u4e00-\u9fff]{0,8}?(?:科|股|组|处|室))汇(?:整|总)"
)


def _shared_suffix(norm: str, at: int, limit: int) -> tuple[list[_Name], int] | None:
    """The sections of "二、四科" at ``at``, each with the shared noun ("二科", "四科"), and where they end.

    >>> [n.text for n in _shared_suffix("二、四科本周内办理", 0, 9)[0]]
    ['二科', '四科']
    """
    m = _SHARED_SUFFIX_RE.match(norm, at, limit)
    if m is None:
        return None
    noun = m["noun"]
    names = [
        _Name(text=num + noun, start=m.start() + 2 * k, end=m.start() + 2 * k + 1)
        for k, num in enumerate(m["nums"].split("、"))
    ]
    names[-1] = _Name(text=names[-1].text, start=names[-1].start, end=m.end())
    return names, m.end()


def addressed_owners(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Owners a directive names: each "请A…" makes A lead, "会同B" / "会商B" after it and "请B予以协助"
    make B support; a unit both asked to act and to help leads. Names are kept once, in order.

    >>> t = "请内政部会同法务部先行研议。请经济部督导台电公司办理,并请环保署与内政部营建署提供协助。"
    >>> [(o.name, o.role) for o in addressed_owners(t, 0, len(t), original=t)]
    [('内政部', 'lead'), ('法务部', 'support'), ('经济部', 'lead'), ('环保署', 'support'), ('内政部营建署', 'support')]
    >>> t = "一寿桥案请三科依据决议审慎处理,并请与二科协商。"
    >>> [(o.name, o.role) for o in addressed_owners(t, 0, len(t), original=t)]
    [('三科', 'lead'), ('二科', 'support')]
    >>> t = "经发会白皮书列管案执行表请二、四科本周内速交一科汇整。"
    >>> [(o.name, o.role) for o in addressed_owners(t, 0, len(t), original=t)]
    [('二科', 'lead'), ('四科', 'lead'), ('一科', 'support')]
    >>> t = "(四)请建设处加速未登记工厂之稽查。(三)请两区公所关注民意动向。"
    >>> [(o.name, o.role) for o in addressed_owners(t, 0, len(t), original=t)]
    [('建设处', 'lead'), ('两区公所', 'lead')]
    >>> t = "请各地各部门认真贯彻执行。申请资金。"
    >>> addressed_owners(t, 0, len(t), original=t)
    []
    >>> t = "现印发给你们,请认真贯彻执行。执行中遇到的问题,请径向省政府办公厅反映。"
    >>> addressed_owners(t, 0, len(t), original=t)
    []
    """
    if _COVERING_NOTICE_RE.search(norm, start, end):
        return []  # the covering notice's own requests ("现印发给你们,请…") name who reads the plan
    roles: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for m in _PLEASE_RE.finditer(norm, start, end):
        consulted = norm.startswith("与", m.end())  # "并请与二科协商": the unit consulted supports
        names, after = _shared_suffix(norm, m.end(), end) or _names_at(norm, m.end() + consulted, end)
        if not names or (consulted and _CONSULT_RE.match(norm, after) is None):
            continue
        role = "support" if consulted or _HELP_RE.match(norm, after) else "lead"
        for n in names:
            if roles.get(n.text) != "lead":
                roles[n.text] = role
            spans.setdefault(n.text, (n.start, n.end))
        handed = _HANDED_RE.match(
            norm, after
        )  # "请二、四科本周内速交一科汇整": the unit that compiles supports
        if handed is not None:
            for n in _names_at(norm, handed.start("to"), end)[0]:
                roles.setdefault(n.text, "support")
                spans.setdefault(n.text, (n.start, n.end))
        with_ = _WITH_RE.match(norm, after)
        if with_ is not None and role == "lead":
            for n in _names_at(norm, with_.end(), end)[0]:
                roles.setdefault(n.text, "support")
                spans.setdefault(n.text, (n.start, n.end))
    return [
        # a section of "二、四科" is named by its number and the shared noun, not by its span
        Owner(
            name=clean_name(original[a:b]) if norm[a:b] == name else name,
            role=roles[name],
            group=False,
            span=(a, b),
        )
        for name, (a, b) in spans.items()
    ]


_MAX_UNCLOSED = 120


def _left_open(norm: str, start: int, end: int) -> int:
    """Where the bracket still open at ``end`` opened ("[牵头单位:县发改局(粮食局)、县农业农": the "["), or -1.

    >>> _left_open("[牵头单位:县发改局(粮食局)、县农业农", 0, 20), _left_open("(A局)", 0, 4)
    (0, -1)
    """
    last = max(norm.rfind("(", start, end), norm.rfind("[", start, end))
    if last < 0 or (norm.find(")", last, end) < 0 and norm.find("]", last, end) < 0):
        return last  # no bracket, or the last one still open: no depth to count
    depth = 0
    for at in range(end - 1, start - 1, -1):
        ch = norm[at]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                return at
            depth -= 1
    return -1


def _unclosed_owners(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Owners of a bracket left open at the end of the item: its ")" lost ("(责任单位:A、B" before the
    next item) or cut with the rest of the excerpt ("(责任单位:A、B、市住房" at the end of the text).

    Where the text itself ends inside the bracket, its last name may be cut and is left out.

    >>> t = "建设平台。(责任单位:市自然资源和规划局、市公安局、市住房"
    >>> [(o.name, o.role) for o in _unclosed_owners(t, 0, len(t), original=t)]
    [('市自然资源和规划局', 'lead'), ('市公安局', 'support')]
    >>> t = "完善机制。(区发改委主办,区教育局、区城管局、城建集"
    >>> [(o.name, o.role) for o in _unclosed_owners(t, 0, len(t), original=t)]
    [('区发改委', 'lead'), ('区教育局', 'support'), ('区城管局', 'support')]
    >>> t = "增长7.5%以上。(责任单位:区发改局、区商务办\\n\\n7.收入增长8%"
    >>> [(o.name, o.role) for o in _unclosed_owners(t, 0, 24, original=t)]
    [('区发改局', 'lead'), ('区商务办', 'support')]
    >>> t = "加强协同。(牵头单位:市商务局;责任单位:市贸促会、市工商联、市自然资源和"
    >>> [(o.name, o.role) for o in find_owners(t, 0, len(t), original=t)]
    [('市商务局', 'lead'), ('市贸促会', 'support'), ('市工商联', 'support')]
    >>> t = "增长7%以上。(预期性指标,牵头单位:市发改委;责任单位:市政府有关部门,各县市区,以下均需各县"
    >>> [(o.name, o.role) for o in _unclosed_owners(t, 0, len(t), original=t)]
    [('市发改委', 'lead'), ('市政府有关部门', 'support'), ('各县市区', 'support')]
    >>> t = "与经济增长同步。[牵头单位:县发改局(粮食局)、县农业农"
    >>> [(o.name, o.role) for o in _unclosed_owners(t, 0, len(t), original=t)]
    [('县发改局（粮食局）', 'lead')]
    """
    body_end = start + len(norm[start:end].rstrip())
    opened = _left_open(norm, max(start, body_end - _MAX_UNCLOSED), body_end)
    if opened < 0:
        return []
    # (only the text's last few characters are looked at: a slice to the end of a long text is a copy)
    cut = len(norm) - body_end <= _MAX_UNCLOSED and not norm[body_end:].strip()
    stop = body_end
    if cut:  # the cut name ("…、城建集") is no unit: the list is read up to the separator before it
        stop = max([opened + 1] + [norm.rfind(sep, opened, body_end) for sep in _SEPARATORS])
        stop = body_end if stop == opened + 1 else stop
    # read from inside the bracket: a ")" closing a name before the cut ("县发改局(粮食局)") is the name's
    found = owners_in_group(norm, opened + 1, stop, bare_allowed=True, original=original, strict=True)
    key = _KEY_RE.search(norm, opened + 2, stop) if not found else None
    if key is not None:  # "(预期性指标,牵头单位:A;…": a label before the first key is no unit
        found = owners_in_group(norm, key.start(), stop, bare_allowed=True, original=original, strict=True)
    if cut and found and found[-1].span[1] >= body_end:
        found = found[:-1]
    return found


def _last_sentence_owners(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Owners written as the item's last sentence: "由A负责,B、C参与。" or "…。A、B", or its last clause
    "…,由A负责".

    >>> t = "推进园区建设,由区发改委负责。"
    >>> [(o.name, o.role) for o in _last_sentence_owners(t, 0, len(t), original=t)]
    [('区发改委', 'lead')]
    """
    body = norm[start:end].rstrip(" 。.;\n")
    cut = max(body.rfind("。"), body.rfind("\n"))
    clause = max(body.rfind(","), body.rfind(";"))
    if clause > cut and body.startswith("由", clause + 1):
        cut = clause  # "推进园区建设,由区发改委负责": the closing clause names who answers for it
    if cut < 0:
        return []
    s = start + cut + 1
    e = start + len(body)
    with_ = _LED_WITH_RE.match(norm, s, e)
    if with_ is not None:
        return _led_with(norm, with_, original=original)
    if e - s > 80 or "(" in norm[s:e] or e <= s:
        return []
    return owners_in_group(norm, s, e, bare_allowed=True, original=original, strict=True)


# "由发展改革委会同中央农办、农业部、…、粮食局等部门研究提出落实意见": the State Council's way of dividing work —
# the unit before 会同 leads, the units after it, up to 等部门, support
_LED_WITH_RE = re.compile(
    r"\s*由(?P<lead>[^,。;()会]{2,30}?)会同(?P<with>[^,。;()]{2,200}?)等(?:有关|相关)?(?:部门|单位)"
)


def _led_with(norm: str, m: re.Match[str], *, original: str) -> list[Owner]:
    """The owners of a "由A会同B、C等部门…" clause: A leads, B and C support; none unless A is a unit.

    >>> t = "由发展改革委会同中央农办、农业部、粮食局等部门研究提出落实意见"
    >>> [(o.name, o.role) for o in _led_with(t, _LED_WITH_RE.match(t), original=t)]
    [('发展改革委', 'lead'), ('中央农办', 'support'), ('农业部', 'support'), ('粮食局', 'support')]
    >>> t = "由政府出资会同社会资本等单位建设"
    >>> _led_with(t, _LED_WITH_RE.match(t), original=t)
    []
    """
    leads = _split_names(norm, *m.span("lead"))
    helps = _split_names(norm, *m.span("with"))
    if (
        not leads
        or not all(_strict_unit(n.text) for n in leads)
        or not all(_looks_like_unit(n.text) for n in helps)
    ):
        return []
    return [*_named(leads, "lead", original), *_named(helps, "support", original)]


def _merged_lines(norm: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent annotation lines joined into one span, so "牵头单位:A" on one line and
    "责任单位:B、C" on the next read as one annotation (A the only lead, B and C support)."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and not norm[merged[-1][1] : s].strip():
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _annotation_lines(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of lines in ``norm[start:end]`` that start with an owner key and have no "(" group."""
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = norm.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = norm[pos:line_end]
        if _LINE_KEY_RE.match(line) and not line.lstrip().startswith("("):
            if line.rstrip().endswith(":") and line_end < end:
                # "牵头单位:" / "区发改委": a form copied from a page puts the value on the next line
                nxt = norm.find("\n", line_end + 1, end)
                value_end = end if nxt < 0 else nxt
                if looks_like_units(norm[line_end + 1 : value_end].strip()):
                    spans.append((pos, value_end))
                    pos = value_end + 1
                    continue
            spans.append((pos, line_end))
        pos = line_end + 1
    # keys that start mid-line without parentheses ("…。责任单位:A、B")
    groups = paren_groups(norm[start:end])
    for m in _MID_KEY_RE.finditer(norm, start, end):
        key_start = m.end()
        nl = norm.find("\n", key_start, end)
        stop = end if nl < 0 else nl
        inside = any(g0 < key_start - start < g1 for g0, g1 in groups)
        covered = any(s0 <= key_start < s1 for s0, s1 in spans)
        # "(牵头单位:A;责任单位:B、C" cut by the excerpt: the key is inside a bracket left open, read whole
        # by ``_unclosed_owners`` (its first key too)
        if stop > key_start and not inside and not covered and _left_open(norm, start, key_start) < 0:
            spans.append((key_start, stop))
    return spans
