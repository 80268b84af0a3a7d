"""Owner annotations (责任单位) of plan items and their roles (牵头 lead / 配合 support).

Forms read: "(责任单位:A、B,C)", "责任单位:A,B" on its own line, "牵头单位:A;配合单位:B",
"(A牵头,B、C配合)", "(A负责)" and a bare unit list in parentheses at the end of a paragraph.
Lists split on 、,;; but never inside parentheses ("市商务局(自贸办)"). Role rule, as in a
任务分工表 (e.g. 国办发〔2019〕… 分工方案: "排在第一位的为牵头单位"): under 牵头 every unit
is lead, under 配合/协同 support, under a plain 责任单位 list the first unit is lead and the
rest support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from devzone.plans.schema import Owner

# key word → role of the units listed after it ("first" = first lead, rest support)
KEY_ROLES: dict[str, str] = {
    "牵头责任单位": "lead",
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主责单位": "lead",
    "主办单位": "lead",
    "责任牵头单位": "lead",
    "牵头": "lead",
    "配合单位": "support",
    "配合部门": "support",
    "责任配合单位": "support",
    "协办单位": "support",
    "参与单位": "support",
    "协同单位": "support",
    "协作单位": "support",
    "配合": "support",
    "责任单位": "first",
    "责任部门": "first",
    "责任主体": "first",
    "主体责任单位": "first",
    "实施单位": "first",
    "实施主体": "first",
    "承办单位": "first",
    "负责单位": "first",
    "落实单位": "first",
    "工作责任单位": "first",
    "责任单位及分工": "first",
    # keys whose content is not a unit list
    "完成时限": "skip",
    "完成时间": "skip",
    "时间节点": "skip",
    "时间进度": "skip",
    "进度安排": "skip",
    "时限要求": "skip",
    "时限": "skip",
    "责任领导": "skip",
    "责任人": "skip",
    "联系人": "skip",
}

# suffix after a unit name → role ("A牵头", "B、C配合")
SUFFIX_ROLES: dict[str, str] = {
    "按职责分工负责": "lead",
    "按职责负责": "lead",
    "共同牵头": "lead",
    "共同负责": "lead",
    "牵头负责": "lead",
    "牵头": "lead",
    "负责": "lead",
    "按职责配合": "support",
    "配合落实": "support",
    "配合实施": "support",
    "配合": "support",
    "参与": "support",
    "协同": "support",
    "协助": "support",
}

_KEY_RE = re.compile(r"(?P<key>" + "|".join(sorted(KEY_ROLES, key=len, reverse=True)) + r")\s*[:]")
_LINE_KEY_RE = re.compile(
    r"\s*[(\[]?\s*(?:" + "|".join(sorted(KEY_ROLES, key=len, reverse=True)) + r")\s*[:]"
)
_SUFFIXES = sorted(SUFFIX_ROLES, key=len, reverse=True)
_UNIT_ENDINGS = (
    "局",
    "委",
    "办",
    "厅",
    "部",
    "处",
    "科",
    "室",
    "院",
    "会",
    "所",
    "站",
    "队",
    "中心",
    "公司",
    "集团",
    "政府",
    "海关",
    "银行",
    "法院",
    "区",
    "县",
    "市",
    "省",
    "镇",
    "乡",
    "街道",
    "板块",
    "单位",
    "部门",
    "机构",
    "署",
    "馆",
    "社",
    "组",
    "团",
    "办公室",
    "小组",
    "分局",
    "支队",
    "县区",
    "园",
    "港",
    "校",
    "大学",
    "协会",
    "商会",
    "联",
    "行",
    "台",
    "局）",
    "办）",
    "委）",
)
_NOT_UNIT_WORDS = ("包括", "以下", "简称", "统称", "含", "详见", "见附件", "是", "如", "即", "年", "%")
_SEPARATORS = frozenset("、,;，；")
_ROLE_MARK_RE = re.compile(r"\((牵头|配合|负责|参与|协同|协助)\)$")
_PAREN_RE = re.compile(r"[()\[\]]")
_TIME_TOKEN_RE = re.compile(r"长期|持续|常态|年|月|季度|前|底|期间")
_VERBS = (
    "支持",
    "推动",
    "加强",
    "建设",
    "推进",
    "开展",
    "实施",
    "完善",
    "鼓励",
    "引导",
    "落实",
    "促进",
    "提升",
    "加快",
    "做好",
    "要",
    "将",
    "对",
    "把",
    "并",
    "通过",
    "按照",
    "以",
)
_STRONG_ENDINGS = (
    "局",
    "委",
    "办",
    "厅",
    "政府",
    "管委会",
    "中心",
    "公司",
    "集团",
    "海关",
    "银行",
    "部",
    "室",
    "委员会",
    "法院",
    "检察院",
    "分局",
    "支队",
    "办公室",
    "小组",
)


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
    """Split ``norm[start:end]`` on list separators outside parentheses."""
    names: list[_Name] = []
    depth = 0
    piece_start = start
    for i in range(start, end + 1):
        ch = norm[i] if i < end else "、"
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in _SEPARATORS and depth == 0:
            names.extend(_trimmed(norm, piece_start, i))
            piece_start = i + 1
    return names


def _trimmed(norm: str, start: int, end: int) -> list[_Name]:
    while start < end and norm[start] in " 由\n。.:":
        start += 1
    while end > start and norm[end - 1] in " \n。.:":
        end -= 1
    if end - start > 1 and norm[end - 1] == "等":
        end -= 1
    if end <= start:
        return []
    return [_Name(text=norm[start:end], start=start, end=end)]


def _looks_like_unit(name: str) -> bool:
    if len(name) < 2 or len(name) > 30 or any(w in name for w in _NOT_UNIT_WORDS):
        return False
    return name.endswith(_UNIT_ENDINGS) or name.startswith(("各", "市", "省", "区", "县"))


def _strict_unit(name: str) -> bool:
    """A unit name standing alone as a sentence: no verbs, a clear unit ending."""
    if len(name) > 20 or any(v in name for v in _VERBS):
        return False
    return name.endswith(_STRONG_ENDINGS) or (
        name.startswith(("市", "省", "区", "县", "各")) and name.endswith(_UNIT_ENDINGS)
    )


def _clean_name(name: str) -> str:
    return name.replace(" ", "").replace("\n", "").replace("(", "（").replace(")", "）")


def is_group(name: str) -> bool:
    """True for group owners ("各县区", "市相关部门") that stand for several units.

    >>> is_group("各县区")
    True
    >>> is_group("市有关部门")
    True
    >>> is_group("市委编办")
    False
    """
    return name.startswith("各") or "有关" in name or "相关" in name or "各有关" in name


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
    >>> t = "(包括国家和省级高新区)"
    >>> owners_in_group(t, 0, len(t), bare_allowed=True, original=t)
    []
    """
    inner_start, inner_end = start, end
    while inner_start < inner_end and norm[inner_start] in " ([":
        inner_start += 1
        if norm[inner_start - 1] in "([":
            break
    if inner_end > inner_start and norm[inner_end - 1] in ")]":
        inner_end -= 1
    keyed = list(_KEY_RE.finditer(norm, inner_start, inner_end))
    # only keys at the start of a segment count ("…;配合单位:B")
    keyed = [
        m
        for m in keyed
        if m.start() == inner_start or norm[m.start() - 1] in ";,。 、\n" or norm[m.start() - 1] == "("
    ]
    segments: list[tuple[str, int, int]] = []
    if keyed:
        if norm[inner_start : keyed[0].start()].strip(" ;,。"):
            return []
        for k, m in enumerate(keyed):
            seg_end = keyed[k + 1].start() if k + 1 < len(keyed) else inner_end
            segments.append((KEY_ROLES[m.group("key")], m.end(), seg_end))
    else:
        segments.append(("bare", inner_start, inner_end))
    owners: list[Owner] = []
    for mode, s, e in segments:
        if mode == "skip":
            continue
        names = _split_names(norm, s, e)
        roles: list[str | None] = []
        pending: list[int] = []
        cleaned: list[_Name] = []
        for name in names:
            role = None
            text = name.text
            if _TIME_TOKEN_RE.search(text) and not text.endswith(_STRONG_ENDINGS):
                continue  # "长期坚持", "2023年底前" beside the units
            marked = _ROLE_MARK_RE.search(text)
            if marked is not None and marked.start() > 0:  # "市发改委(牵头)"
                role = SUFFIX_ROLES[marked.group(1)]
                text = text[: marked.start()]
            for suffix in () if role else _SUFFIXES:
                if text.endswith(suffix) and len(text) > len(suffix):
                    role = SUFFIX_ROLES[suffix]
                    text = text[: -len(suffix)]
                    break
            stripped = _Name(text=text, start=name.start, end=name.start + len(text))
            cleaned.append(stripped)
            roles.append(None)
            pending.append(len(roles) - 1)
            if role is not None:
                for idx in pending:
                    roles[idx] = role
                pending = []
        if mode == "bare":
            if not cleaned:
                continue
            has_suffix = any(r is not None for r in roles)
            if not has_suffix and not bare_allowed:
                continue
            if not all(_looks_like_unit(_clean_name(n.text)) for n in cleaned):
                return []
            if strict and not all(_strict_unit(_clean_name(n.text)) for n in cleaned):
                return []
        lead_seen = any(r == "lead" for r in roles) or any(o.role == "lead" for o in owners)
        for name, role in zip(cleaned, roles, strict=True):
            final = role
            if final is None:
                if mode in ("lead", "support"):
                    final = mode
                elif not lead_seen:
                    final = "lead"
                    lead_seen = True
                else:
                    final = "support"
            clean = _clean_name(original[name.start : name.end])
            if not clean or len(clean) > 40:
                continue
            owners.append(Owner(name=clean, role=final, group=is_group(clean), span=(name.start, name.end)))
    return owners


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
    for g_start, g_end in paren_groups(segment):
        is_last = g_end >= tail
        found = owners_in_group(norm, start + g_start, start + g_end, bare_allowed=is_last, original=original)
        owners.extend(found)
    for line in _annotation_lines(norm, start, end):
        owners.extend(owners_in_group(norm, line[0], line[1], bare_allowed=True, original=original))
    if not owners:
        owners.extend(_last_sentence_owners(norm, start, end, original=original))
    return owners


def _last_sentence_owners(norm: str, start: int, end: int, *, original: str) -> list[Owner]:
    """Owners written as the item's last sentence: "由A负责,B、C参与。" or "…。A、B"."""
    body = norm[start:end].rstrip(" 。.;\n")
    cut = max(body.rfind("。"), body.rfind("\n"))
    if cut < 0:
        return []
    s = start + cut + 1
    e = start + len(body)
    if e - s > 80 or "(" in norm[s:e] or e <= s:
        return []
    return owners_in_group(norm, s, e, bare_allowed=True, original=original, strict=True)


def _annotation_lines(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of lines in ``norm[start:end]`` that start with an owner key and have no "(" group."""
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = norm.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = norm[pos:line_end]
        if _LINE_KEY_RE.match(line) and not line.lstrip().startswith("("):
            spans.append((pos, line_end))
        elif _LINE_KEY_RE.search(line) is None and pos == start:
            pass
        pos = line_end + 1
    # keys that start mid-line without parentheses ("…。责任单位:A、B")
    for m in re.finditer(r"[。;](?=\s*(?:责任单位|牵头单位|责任部门|牵头部门)\s*:)", norm[start:end]):
        key_start = start + m.end()
        nl = norm.find("\n", key_start, end)
        stop = end if nl < 0 else nl
        if norm.find("(", key_start, stop) < 0 and (key_start, stop) not in spans:
            spans.append((key_start, stop))
    return spans
