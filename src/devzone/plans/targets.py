"""Quantitative targets (目标值) in plan text: indicator, comparator, value, unit and kind.

A target is a quantity (``devzone.plans.quantities``) read with the nearest comparator before it
(突破 ">", 达到 ">=", 不超过 "<=", …) and the modifiers after it (以上 ">=", 以下/以内 "<=");
a comparator with 以上 keeps its strictness (超过50%以上 → ">"). Kinds come from a registry of
small rules tried in order; "level" is the default. 翻N番 is a multiple of 2**N and 增长N倍 a
multiple of N+1. Lists expand: relative kinds (multiple, growth, share, rank change) apply to
each listed indicator; absolute levels expand only with a distributive 均/各/分别/都; "分别" pairs
listed indicators with listed values in order. Ranges (3—4个) give two targets (>= low, <= high).
Money granted (奖励, 补助, 资金, 基金 …) and method parameters (权重, 系数) are not targets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from devzone.plans.comparators import COMPARATORS, combine_ops, comparator
from devzone.plans.kinds import target_kind
from devzone.plans.numerals import doubling_factor, number_value
from devzone.plans.quantities import (
    CREATE_VERBS,
    DONE_VERBS,
    MONEY,
    POST_MODIFIERS,
    TIME_UNITS,
    Quantity,
    counted_list,
    protected_spans,
    quantities,
)
from devzone.plans.schema import Target

_STRONG_MONEY_EXCLUDE = (
    "奖励",
    "奖补",
    "补助",
    "补贴",
    "资助",
    "经费",
    "资金",
    "基金",
    "贴息",
    "奖金",
    "注册资本",
    "加价",
    "电价",
    "水价",
    "收费",
    "罚款",
    # an allowance per person paid out ("低保人均最低补差水平…提高到每人每月609元", "孤儿养育标准"): a subsidy
    "补差",
    "标准",
    # money left with enterprises ("减轻企业各类负担200亿元", "减税降费"): relief, like a subsidy
    "负担",
    "减税",
    "降费",
    "让利",
)
_ATTRACTED_RE = re.compile(r"(?:引进|招引|引入|利用|到位)[^,;。、]{0,4}资金")
# "计划投入1000万元,完善园区绿化": the plan's own spending on a work, a budget ("完成投资35亿元" is a target)
_WEAK_MONEY_EXCLUDE = (
    "给予",
    "安排",
    "一次性",
    "最高",
    "扶持",
    "支持",
    "兑现",
    "拨付",
    "奖",
    "计划投入",
    "拟投入",
    "计划投资",
    "拟投资",
)
_NOT_TARGET_WORDS = (
    "权重",
    "系数",
    "分值",
    "评分",
    "满分",
    "扣分",
    "加分",
    "加价",
    "电价",
    "水价",
    "单价",
    "费率",
)
_COUNTER_RE = re.compile(r"(?:浏览|访问|阅读|点击|查看|下载)(?:次数|量|数)?\s*[:]?\s*$")
_DONE_RE = re.compile(
    r"已(?:经)?(?:完成|建成|实现|达到|累计|引进|签约|开工|投产|落地|培育|新增|达|推荐|上报|认定|开通|入库)"
)
_REPORTED_RE = re.compile(
    r"\s*(?:截至|截止|截至到|到目前为止|目前|今年以来|\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月份?)"
)
_DIVIDED_WORDS = ("分解为", "细化为", "梳理为", "归纳为")
_FOUND_RE = re.compile(
    r"经(?:督查|检查|核查|核实|排查)[^。,]{0,6}[,:]|[欠超达]进度的?有|占(?:总任务|任务总数|总数)的?"
)
_FOUND_REACH = 200
# (and who fills its seats: "其餘委員由本府遴聘本市議員二人", "當然委員三人", "另置幹事三人")
_COMPOSED_RE = re.compile(
    r"(?:置|设)(?:委员|成员|组员|干事)|组成人数|(?:委员|成员)(?:的)?任期|(?:委员|成员)(?:人数)?为$"
    r"|遴聘|派兼|聘兼|当然委员"
)
_DOUBLE_RE = re.compile(r"翻(?P<n>[一两二三四]?)番|(?P<dbl>双)?倍增")
_NAME_AFTER_DOUBLE = ("计划", "行动", "工程", "专项", "战略", "示范", "试点", "方案", "政策")
_CLAUSE_STOPS = frozenset(",:;。!?\n")
_RELATIVE = frozenset({"multiple", "growth", "share", "rank_change"})
_DISTRIBUTIVE = ("均", "各", "分别", "都")
_SUBJECT_ENDS = (
    "开发区",
    "高新区",
    "新区",
    "园区",
    "产业园",
    "综保区",
    "全市",
    "全省",
    "全区",
    "全县",
    "各县区",
)


def _segments(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in _SEGMENT_RE.finditer(norm, start, end):
        if m.start() > s:
            spans.append((s, m.start()))
        s = m.end()
    if end > s:
        spans.append((s, end))
    return spans


_SEGMENT_RE = re.compile(r"[。;!?\n]")


def _clause_start(norm: str, seg_start: int, pos: int) -> int:
    i = pos
    depth = 0
    while i > seg_start:
        ch = norm[i - 1]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_STOPS and depth == 0:
            break
        i -= 1
    return i


def _split_list(text: str) -> list[tuple[int, int]]:
    """Offsets of 、-separated items of ``text`` outside quotes and parentheses."""
    items: list[tuple[int, int]] = []
    depth = 0
    s = 0
    for i, ch in enumerate(text):
        if ch in "(“《":
            depth += 1
        elif ch in ")”》":
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            items.append((s, i))
            s = i + 1
    items.append((s, len(text)))
    return [(a, b) for a, b in items if b > a]


def _split_subject(indicator: str) -> tuple[str | None, str]:
    best = -1
    for word in _SUBJECT_ENDS:
        idx = indicator.rfind(word)
        if idx >= 0 and idx + len(word) < len(indicator):
            best = max(best, idx + len(word))
    if best <= 0:
        return None, indicator
    return indicator[:best], indicator[best:]


_LEAD_DATE_RE = re.compile(
    r"(?:到|至|截至)?(?:\d{2}[\dxX×]{2}年|[“\"]?十[一二三四五六七八九]五[”\"]?)(?:年底|年末|底|末|期间|时期)?"
)
_LEAD_WORDS = ("到", "至", "力争", "确保", "其中", "同时", "期间", "并", "使", "将", "全年", "实现", "在")
_TRAIL_WORDS = (
    "至少",
    "力争",
    "实现了",
    "实现",
    "达到",
    "均",
    "分别",
    "各",
    "将",
    "要",
    "确保",
    "达",
    "总量",
    "都",
    "也",
    "累计",
    "要达",
    "每年",
    "可",
    "应",
)
_KIND_WORDS = (
    "年均增长",
    "年均",
    "增长",
    "增速",
    "占全",
    "占比",
    "占",
    "比重",
    "累计",
    "净增",
    "新增",
    "每年",
    "每季度",
    "提升",
    "提高",
    "进",
    "前移",
    "下降",
    "降低",
)


def _indicator_span(text: str) -> tuple[int, int]:
    """Trim lead-ins ("到2025年", "力争") and trailing verbs from an indicator phrase; offsets."""
    s, e = 0, len(text)
    changed = True
    while changed and s < e:
        changed = False
        m = _LEAD_DATE_RE.match(text, s, e)
        if m and m.end() > s:
            s = m.end()
            changed = True
        for w in _LEAD_WORDS:
            if text.startswith(w, s) and e - s > len(w):
                s += len(w)
                changed = True
    changed = True
    while changed and e > s:
        changed = False
        for w in _TRAIL_WORDS:
            if text[s:e].endswith(w) and e - s > len(w):
                e -= len(w)
                changed = True
        # "地区生产总值增5%", "财政总收入可比增3%": the 增 of the growth, not a part of the name
        if e - s > 3 and text[s:e].endswith("增") and not text[s:e].endswith(("新增", "净增", "递增")):
            e -= 1
            for w in ("同比", "可比"):
                if text[s:e].endswith(w) and e - s > len(w) + 1:
                    e -= len(w)
            changed = True
    return s, e


_JIN_COMPOUNDS = frozenset("引推促先改增跟精演")


def _kind_marker_start(before: str) -> int:
    """Offset in ``before`` where the kind words begin ("年均增长", "占全市比重", "累计")."""
    best = len(before)
    for word in _KIND_WORDS:
        idx = before.find(word)
        while word == "进" and idx > 0 and before[idx - 1] in _JIN_COMPOUNDS:
            idx = before.find(word, idx + 1)  # 引进 / 推进 / 先进 are words of their own, no rank move
        if 0 < idx < best:
            best = idx
    return best


@dataclass(frozen=True, kw_only=True)
class _Where:
    """Where a group of values sits: its sentence, and the text that may name its indicator."""

    seg: tuple[int, int]
    c_start: int  # start of the indicator window (after the previous target of the clause)
    before_kind: str  # clause text before the value, for kind rules
    by: tuple[int | None, str | None]


# what every target holds: a figure in Arabic or Chinese digits (quantities, 前十, 翻两番), or 翻番 / 倍增
_ANY_FIGURE_RE = re.compile(r"[0-9零〇一二两三四五六七八九十百千]|番|倍增")


def find_targets(
    norm: str,
    start: int,
    end: int,
    *,
    original: str,
    deadline_at: Callable[[int], tuple[int | None, str | None]] | None = None,
) -> list[Target]:
    """Quantitative targets in ``norm[start:end]`` (normalised text; names come from ``original``).

    ``deadline_at(pos)`` gives the (year, text) of the deadline governing position ``pos``.

    >>> t = "市开发区地区生产总值突破800亿元,其他开发区至少翻一番"
    >>> [(x.indicator, x.kind, x.op, x.value, x.unit) for x in find_targets(t, 0, len(t), original=t)]
    [('地区生产总值', 'level', '>', 800.0, '亿元'), ('其他开发区', 'multiple', '>=', 2.0, '倍')]
    >>> t = "期间年均增长20%以上;占全市比重达到50%以上"
    >>> [(x.kind, x.op, x.value, x.unit) for x in find_targets(t, 0, len(t), original=t)]
    [('growth', '>=', 20.0, '%'), ('share', '>=', 50.0, '%')]
    >>> t = "对建设成效明显的科技城给予奖励1000万元"
    >>> find_targets(t, 0, len(t), original=t)
    []
    """
    if _ANY_FIGURE_RE.search(norm, start, end) is None:
        return []  # no figure (Arabic or Chinese), no 翻番/倍增: nothing any reader below could take
    protected = protected_spans(norm, start, end)
    targets: list[Target] = []
    for seg in _segments(norm, start, end):
        found: list[Target] = []
        qtys = quantities(norm, seg[0], seg[1], protected)
        used_until = seg[0]
        i = 0
        while i < len(qtys):
            group = [qtys[i]]
            while (
                i + 1 < len(qtys)
                and norm[group[-1].end : qtys[i + 1].low_start].strip() in ("、", "和", "及")
                and qtys[i + 1].unit == group[0].unit
            ):
                i += 1
                group.append(qtys[i])
            i += 1
            first_start = group[0].low_start
            clause = _clause_start(norm, seg[0], first_start)
            before_kind = norm[clause:first_start]
            if before_kind.lstrip().startswith("其中") and clause - 1 > seg[0]:
                before_kind = norm[_clause_start(norm, seg[0], clause - 1) : clause] + before_kind
            where = _Where(
                seg=seg,
                c_start=max(clause, used_until),
                before_kind=before_kind,
                by=deadline_at(first_start) if deadline_at is not None else (None, None),
            )
            read = _read_group(norm, original, group, where)
            if found and read and _bare_stretch(before_kind) and found[-1].unit == read[0].unit:
                # "收入增长2%,力争3%": the stretch value of the target just read, same indicator and kind
                prev = found[-1]
                read = [
                    replace(t, kind=prev.kind, indicator=prev.indicator, subject=prev.subject) for t in read
                ]
            found.extend(read)
            used_until = group[-1].end
        if norm.find("番", seg[0], seg[1]) >= 0 or norm.find("倍增", seg[0], seg[1]) >= 0:
            found.extend(_doublings(norm, original, seg, protected, deadline_at))
        if norm.find("前", seg[0], seg[1]) >= 0 or norm.find("强", seg[0], seg[1]) >= 0:
            found.extend(_ranks(norm, original, seg, deadline_at))
        found.sort(key=lambda t: t.span[0])
        targets.extend(found)
    return targets


_STRETCH_WORDS = ("力争", "争取", "确保", "达到", "实现", "突破", "超过")


def _bare_stretch(clause: str) -> bool:
    """A clause that is only a stretch word before its value ("力争3%"): it names no indicator.

    >>> _bare_stretch("力争"), _bare_stretch("力争达到"), _bare_stretch("税收收入可比增")
    (True, True, False)
    """
    rest = clause.strip(" ,")
    changed = True
    while changed and rest:
        changed = False
        for w in _STRETCH_WORDS:
            if rest.startswith(w):
                rest, changed = rest[len(w) :], True
    return clause.strip(" ,") != "" and rest == ""


_NOUN_STOP_RE = re.compile(r"[、,;。:()\n]|[和及](?=\d)|" + "|".join(DONE_VERBS) + r"|成功|用地")


def _noun_after(norm: str, original: str, q: Quantity) -> str | None:
    """What a count stated before its noun counts ("确保40个项目开工" → 项目, "29个地块、…" → 地块)."""
    if q.tail:
        return None
    m = _NOUN_STOP_RE.search(norm, q.end, min(len(norm), q.end + 24))
    stop = m.start() if m is not None else min(len(norm), q.end + 24)
    noun = original[q.end : stop].strip()
    return noun if 2 <= len(noun) <= 20 else None


def _composed_or_found(norm: str, before: str, start: int) -> bool:
    """A figure telling how a body is made up ("本小組置委員十一至十六人", "組成人數為…", "委員任期為二年": its
    rules), or what a 督查 found, counted by the tasks' state ("经督查核实,欠进度的有17个,占总任务的7.7%;…")."""
    if _COMPOSED_RE.search(before):
        return True
    sentence = norm[norm.rfind("。", max(0, start - _FOUND_REACH), start) + 1 : start]
    return _FOUND_RE.search(sentence) is not None


def _excluded(norm: str, group: list[Quantity], where: _Where) -> bool:
    first = group[0]
    start = first.low_start
    before = norm[where.c_start : start]
    if first.unit in TIME_UNITS and first.post_op is None and first.low is None:
        op, _ = comparator(norm, where.c_start, start)
        if op is None:
            return True
    # money attracted ("引进域外资金30亿元", "到位资金") is an outcome, not money paid out
    lead = _ATTRACTED_RE.sub("", norm[where.seg[0] : start]) if first.unit.startswith(MONEY) else ""
    if first.unit.startswith(MONEY) and (
        any(w in lead for w in _STRONG_MONEY_EXCLUDE)
        or any(w in before for w in _WEAK_MONEY_EXCLUDE)
        or before.strip() == "投资"  # "投资5000万元,提升改造低等级公路": what a work costs
    ):
        return True
    if any(w in before for w in _NOT_TARGET_WORDS) or before.endswith("扣"):
        return True
    # "围绕电子、化工等5个产业": the count of a list names its size; "建成投用A、B等8家卫生院": what is delivered
    delivered = before.endswith("等") and counted_list(norm, where.seg[0], start)
    if before.endswith("等") and not delivered:
        return True
    # "浏览次数:1234次": the page's counter, copied with the text
    if _COUNTER_RE.search(norm, where.seg[0], start):
        return True
    # "今年以来已完成投资50亿元": what is already done is reported, not set; so is a sentence telling
    # where things stand ("截至10月全区电信业务总量累计完成2912亿元", "截至目前,全区共有…506家")
    if _DONE_RE.search(before) or _REPORTED_RE.match(norm, where.seg[0], start):
        return True
    if _composed_or_found(norm, norm[where.seg[0] : start], start):
        return True
    # "主要工作任务分解为7大方面、80项": how the document itself is divided, no target
    if any(w in norm[where.seg[0] : start] for w in _DIVIDED_WORDS):
        return True
    # the scoring rule of an assessment: "增长18%计5分,每增(减)1个百分点加(减)0.2分,加(减)分不超过5分"
    bare = before.replace("(减)", "").replace("(加)", "").rstrip()
    if first.unit == "分" and (
        bare.endswith(("计", "加", "减")) or any(w in bare for w in _NOT_TARGET_WORDS)
    ):
        return True
    # "评价指标为A、B、C 3项": a count of the items just listed, not a target
    listed = _split_list(before)
    if delivered or len(group) > 1 or first.low is not None or len(listed) < 2 or first.value != len(listed):
        return False
    last_item = before[listed[-1][0] :]
    return not any(w in last_item for w in (*CREATE_VERBS, *COMPARATORS, "每"))


def _read_group(norm: str, original: str, group: list[Quantity], where: _Where) -> list[Target]:  # noqa: C901 — the reading of one target phrase, kept in the order the gold set checks it
    if _excluded(norm, group, where):
        return []
    first = group[0]
    start = first.low_start
    before = norm[where.c_start : start]
    op, op_start = comparator(norm, where.c_start, start)
    kind = target_kind(before=where.before_kind, unit=first.unit)
    top_rank = first.unit in ("位", "名") and before.endswith("前")
    if top_rank:
        kind, op = "level", "<="
    ind_end = min(op_start - where.c_start if op is not None else len(before), _kind_marker_start(before))
    raw = norm[where.c_start : where.c_start + ind_end]
    rs, re_ = _indicator_span(raw)
    while rs < re_ and raw[rs] in "、和及与 ":
        rs += 1
    if re_ - rs < 2 and ind_end < len(before):
        # "新增国家级企业10家": the indicator follows the kind word
        tail = before[ind_end:]
        mark = next((w for w in _KIND_WORDS if tail.startswith(w)), "")
        cut = (
            op_start - where.c_start if op is not None and op_start - where.c_start > ind_end else len(before)
        )
        raw = norm[where.c_start : where.c_start + cut]
        rs, re_ = _indicator_span(raw[ind_end + len(mark) :])
        rs, re_ = rs + ind_end + len(mark), re_ + ind_end + len(mark)
    phrase = raw[rs:re_]
    listed = _split_list(phrase)
    if len(listed) > 1 and "等" in phrase[listed[-1][0] :]:
        listed = [(0, len(phrase))]
    base = where.c_start + rs
    items = [(base + a, base + b) for a, b in listed] or [(base, base + max(0, re_ - rs))]
    after_last = norm[items[-1][0] + 1 : start]
    each = any(w in after_last for w in _DISTRIBUTIVE)
    if len(group) > 1 and len(items) == len(group):
        pairs = list(zip(items, group, strict=True))
    elif len(group) > 1:
        pairs = [((items[0][0], items[-1][1]), q) for q in group]
    elif len(items) > 1 and (kind in _RELATIVE or each):
        pairs = [(it, first) for it in items]
    else:
        pairs = [((items[0][0], items[-1][1]), first)]
    last_post = group[-1].post_op
    text = original[where.seg[0] : where.seg[1]].strip()
    out: list[Target] = []
    subject: str | None = None
    for (a, b), q in pairs:
        phrase_text = original[a:b].strip()
        sub, indicator = _split_subject(phrase_text)
        subject = sub or subject
        value = q.value
        final_op = combine_ops(op, q.post_op or last_post, kind=kind)
        if kind == "multiple" and any(w in where.before_kind[-4:] for w in ("增长", "提高", "增加")):
            value += 1.0
        if kind == "growth" and any(w in where.before_kind[-8:] for w in ("下降", "降低", "减少")):
            value = -value
            final_op = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}.get(final_op, final_op)
        bounds = [(final_op, value)] if q.low is None else [(">=", q.low), ("<=", value)]
        for bound_op, bound_value in bounds:
            out.append(
                Target(
                    text=text,
                    subject=subject,
                    indicator=_noun_after(norm, original, q) or indicator or phrase_text,
                    kind=kind,
                    op=bound_op,
                    value=bound_value,
                    unit=q.unit,
                    by_year=where.by[0],
                    by_text=where.by[1],
                    span=(min(a, q.low_start), q.end),
                )
            )
    return out


# a place in a ranking written without a unit: "达到全市前3水平", "进入全省前10行列", "重返全省30强"
_RANK_RE = re.compile(
    r"前(?P<front>\d{1,3})(?:水平|行列|方阵|名次)|(?<=[省市县区国])(?P<top>\d{1,3})强(?=[,;。、)\n]|$)"
    r"|前(?P<cn>[一二三四五六七八九十]{1,3})(?=[,;。、)\n]|$)"  # "挺进全省高新区前十五"
)


def _ranks(
    norm: str,
    original: str,
    seg: tuple[int, int],
    deadline_at: Callable[[int], tuple[int | None, str | None]] | None,
) -> list[Target]:
    """Rank targets without a unit: level ``<=`` N 位 (like "进入全省前10位").

    >>> t = "力争重返全省30强,达到全市前3水平"
    >>> [(x.kind, x.op, x.value, x.unit) for x in _ranks(t, t, (0, len(t)), None)]
    [('level', '<=', 30.0, '位'), ('level', '<=', 3.0, '位')]
    >>> _ranks("引进世界500强企业", "引进世界500强企业", (0, 9), None)
    []
    >>> t = "挺进全省高新区前十五。前三季度增长5%"
    >>> [(x.op, x.value, x.unit) for x in _ranks(t, t, (0, len(t)), None)]
    [('<=', 15.0, '位')]
    """
    out: list[Target] = []
    for m in _RANK_RE.finditer(norm, seg[0], seg[1]):
        c_start = _clause_start(norm, seg[0], m.start())
        by = deadline_at(m.start()) if deadline_at is not None else (None, None)
        out.append(
            Target(
                text=original[seg[0] : seg[1]].strip(),
                subject=None,
                indicator=original[c_start : m.start()].strip() or original[m.start() : m.end()],
                kind="level",
                op="<=",
                value=float(m["front"] or m["top"] or number_value(m["cn"]) or 0),
                unit="位",
                by_year=by[0],
                by_text=by[1],
                span=(c_start, m.end()),
            )
        )
    return out


def _doublings(
    norm: str,
    original: str,
    seg: tuple[int, int],
    protected: list[tuple[int, int]],
    deadline_at: Callable[[int], tuple[int | None, str | None]] | None,
) -> list[Target]:
    """翻番/翻两番/倍增 targets of a sentence, one per listed indicator."""
    out: list[Target] = []
    for m in _DOUBLE_RE.finditer(norm, seg[0], seg[1]):
        if any(s <= m.start() < e and norm[s] == "《" for s, e in protected):
            continue
        if norm.startswith(_NAME_AFTER_DOUBLE, m.end()) or norm.startswith(
            tuple("”" + w for w in _NAME_AFTER_DOUBLE), m.end()
        ):
            continue  # a programme's name ("倍增计划")
        factor = 2.0 if m.group(0).endswith("倍增") else doubling_factor(m.group("n") or "")
        if factor is None:
            continue
        c_start = _clause_start(norm, seg[0], m.start())
        raw = norm[c_start : m.start()].rstrip('“" ')
        rs, re_ = _indicator_span(raw)
        body = raw[rs:re_]
        offsets = _split_list(body)
        if m.group("dbl"):
            offsets = [(mm.start(), mm.end()) for mm in re.finditer(r"[^和与及、]+", body)]
        offsets = offsets or [(0, 0)]
        by = deadline_at(m.start()) if deadline_at is not None else (None, None)
        subject: str | None = None
        for a, b in offsets:
            s, e = c_start + rs + a, c_start + rs + b
            phrase = original[s:e].strip()
            sub, indicator = _split_subject(phrase)
            subject = sub or subject
            out.append(
                Target(
                    text=original[seg[0] : seg[1]].strip(),
                    subject=subject,
                    indicator=indicator or phrase,
                    kind="multiple",
                    op=">=",
                    value=factor,
                    unit="倍",
                    by_year=by[0],
                    by_text=by[1],
                    span=(s if e > s else m.start(), m.end()),
                )
            )
    return out


_CELL_VALUE_RE = re.compile(r"(?P<op>[≥≤><]=?)?=? ?(?P<num>\d+(?:\.\d+)?)(?P<unit>%|‰)?")
_CELL_OPS = {"≥": ">=", "≤": "<=", ">": ">", "<": "<", ">=": ">=", "<=": "<="}


def column_target(
    norm: str, original: str, *, name: tuple[int, int], measure: tuple[int, int], value: tuple[int, int]
) -> Target | None:
    """A target written across the columns of an assessment row: 考核内容 / 单位 / 年度目标.

    The value cell holds only a number, maybe with a comparator ("≥2%"); the unit is the 单位 cell
    (the value's own % where that cell is "-"). A value 0 assigns nothing and is no target; a text
    value ("全市统筹") is none either.

    >>> t = "粮食播种面积\\n万亩\\n0.07"
    >>> x = column_target(t, t, name=(0, 6), measure=(7, 9), value=(10, 14))
    >>> (x.indicator, x.kind, x.op, x.value, x.unit)
    ('粮食播种面积', 'level', '=', 0.07, '万亩')
    >>> t = "农林牧渔业增加值增幅\\n%\\n≥2%"
    >>> x = column_target(t, t, name=(0, 10), measure=(11, 12), value=(13, 16))
    >>> (x.kind, x.op, x.value, x.unit)
    ('growth', '>=', 2.0, '%')
    >>> column_target(t, t, name=(0, 10), measure=(11, 12), value=(11, 12)) is None
    True
    """
    m = _CELL_VALUE_RE.fullmatch(norm[value[0] : value[1]].strip())
    if m is None or float(m["num"]) == 0:
        return None
    unit = norm[measure[0] : measure[1]].strip()
    if unit in ("-", ""):
        unit = m["unit"] or ""
    if not unit or (m["unit"] and m["unit"] != unit):
        return None
    kind = target_kind(before=_squash(norm[name[0] : name[1]]), unit=unit)
    return _cells_target(
        original, name, value, kind=kind, op=_CELL_OPS.get(m["op"] or "", "="), num=m["num"], unit=unit
    )


def _cells_target(
    original: str, name: tuple[int, int], value: tuple[int, int], *, kind: str, op: str, num: str, unit: str
) -> Target:
    """The target a row states across its name cell and its value cell."""
    return Target(
        text=original[name[0] : value[1]].strip(),
        subject=None,
        indicator=original[name[0] : name[1]].strip(),
        kind=kind,
        op=op,
        value=float(num),
        unit=unit,
        by_year=None,
        by_text=None,
        span=(name[0], value[1]),
    )


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


_GOAL_VALUE_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?) ?(?P<unit>[^\d\s以左]{0,4}?) ?(?P<post>以上|以下|以内|左右)?"
)
_BRACKET_UNIT_RE = re.compile(r"\((?P<unit>[^()]{1,6})\)")


def goal_target(
    norm: str, original: str, *, name: tuple[int, int], header: tuple[int, int], value: tuple[int, int]
) -> Target | None:
    """The target of an indicator table's row: indicator cell, goal cell ("6左右", "2.7万人以上") under
    a goal column ("预期增长(%)") whose name gives the kind and the unit the cell leaves out.

    >>> t = "预期增长(%)\\n地区生产总值\\n6左右"
    >>> x = goal_target(t, t, name=(8, 14), header=(0, 7), value=(15, 18))
    >>> (x.indicator, x.kind, x.op, x.value, x.unit)
    ('地区生产总值', 'growth', '=', 6.0, '%')
    >>> t = "预期增长(%)\\n城镇新增就业\\n2.7万人以上"
    >>> x = goal_target(t, t, name=(8, 14), header=(0, 7), value=(15, 22))
    >>> (x.kind, x.op, x.value, x.unit)
    ('net_increase', '>=', 2.7, '万人')
    >>> goal_target("预期(%)\\n粮食产量\\n完成省下达任务", "", name=(6, 10), header=(0, 5), value=(11, 18)) is None
    True
    """
    m = _GOAL_VALUE_RE.fullmatch(norm[value[0] : value[1]].strip())
    if m is None or float(m["num"]) == 0:
        return None
    head = norm[header[0] : header[1]].strip()
    bracket = _BRACKET_UNIT_RE.search(head)
    unit = m["unit"] or (bracket["unit"] if bracket is not None else "")
    if not unit:
        return None
    word = _BRACKET_UNIT_RE.sub("", head)
    kind = target_kind(before=_squash(norm[name[0] : name[1]]) + word, unit=unit)
    return _cells_target(
        original, name, value, kind=kind, op=POST_MODIFIERS.get(m["post"] or "", "="), num=m["num"], unit=unit
    )
