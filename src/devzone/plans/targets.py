"""Quantitative targets (目标值) in plan text: indicator, comparator, value, unit and kind.

A target is a quantity (Arabic or Chinese numeral + unit) that ends its clause or follows a
verb of creation, read with the nearest comparator before it (突破 ">", 达到 ">=", 不超过 "<=",
…) and the modifiers after it (以上 ">=", 以下/以内 "<="). Kinds are decided by a registry of
small rules, in order (rank change before count per period before growth …). 翻N番 is a
multiple of 2**N. Lists expand: relative kinds (multiple, growth, share, rank change) apply to
each listed indicator; absolute levels expand only with 均/各/分别; "分别" pairs listed
indicators with listed values in order. Money granted (奖励, 补助, 资金, 基金 …) is not a target.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from devzone.plans.numerals import doubling_factor, number_value
from devzone.plans.schema import Target

COMPARATORS: dict[str, str] = {
    "不低于": ">=",
    "不少于": ">=",
    "不小于": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "不多于": "<=",
    "不大于": "<=",
    "控制在": "<=",
    "力争达到": ">=",
    "力争突破": ">",
    "力争超过": ">",
    "力争实现": ">=",
    "提高到": ">=",
    "提升到": ">=",
    "提高至": ">=",
    "提升至": ">=",
    "增加到": ">=",
    "增加至": ">=",
    "增长到": ">=",
    "增长至": ">=",
    "扩大到": ">=",
    "扩大至": ">=",
    "降低到": "<=",
    "降低至": "<=",
    "下降到": "<=",
    "下降至": "<=",
    "压缩到": "<=",
    "压缩至": "<=",
    "减少到": "<=",
    "减少至": "<=",
    "增至": ">=",
    "突破": ">",
    "超过": ">",
    "高于": ">",
    "多于": ">",
    "大于": ">",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "达到": ">=",
    "至少": ">=",
    "力争": ">=",
    "确保": ">=",
    "实现": "=",
}
# one-character comparators count only right before the number ("超400家", "达300个")
SHORT_COMPARATORS: dict[str, str] = {"超": ">", "逾": ">", "达": ">=", "为": "=", "是": "="}
POST_MODIFIERS: dict[str, str] = {
    "以上": ">=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "左右": "=",
    "多": ">",
}

_MONEY = ("万亿元", "亿美元", "万美元", "亿欧元", "亿元", "万元", "美元", "元")
_PER = ("/平方公里", "/公顷", "/亩", "/人", "/年", "/吨", "/平方米")
_COUNT = (
    "个百分点",
    "个工作日",
    "个月",
    "人次",
    "万人",
    "万户",
    "万家",
    "万亩",
    "万吨标准煤",
    "吨标准煤",
    "万平方米",
    "平方米",
    "平方公里",
    "公顷",
    "万吨",
    "吨",
    "万千瓦",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "万标箱",
    "标箱",
    "公里",
    "千米",
    "工作日",
    "小时",
    "百分点",
    "家",
    "个",
    "户",
    "项",
    "所",
    "座",
    "条",
    "名",
    "人",
    "位",
    "件",
    "套",
    "台",
    "辆",
    "次",
    "宗",
    "种",
    "处",
    "亩",
    "倍",
    "年",
    "天",
    "%",
    "‰",
)
_TIME_UNITS = frozenset({"年", "天", "小时", "工作日", "个工作日", "个月"})
_UNIT_RE = "|".join(
    sorted([m + p for m in _MONEY for p in _PER] + list(_MONEY) + list(_COUNT), key=len, reverse=True)
)
_UNIT_RE = _UNIT_RE.replace("%", "%").replace("/", "/")
_QTY_RE = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|百分之[零〇一二两三四五六七八九十百点]{1,6}|[零〇一二两三四五六七八九十百千]{1,8})"
    r"\s?(?P<unit>" + _UNIT_RE + r")?"
)
_DOUBLE_RE = re.compile(r"翻(?P<n>[一两二三四]?)番|(?P<dbl>双)?倍增")
_EXCLUDED_MONEY = (
    "奖励",
    "奖补",
    "补助",
    "补贴",
    "资助",
    "经费",
    "资金",
    "基金",
    "给予",
    "安排",
    "一次性",
    "最高",
    "贴息",
    "扶持",
    "奖金",
    "拨付",
    "注册资本",
    "兑现",
    "奖",
    "支持",
)
_CREATE_VERBS = (
    "建成",
    "建设",
    "培育",
    "引进",
    "新增",
    "打造",
    "创建",
    "认定",
    "新建",
    "设立",
    "组建",
    "招引",
    "引育",
    "形成",
    "达到",
    "达",
    "实现",
    "主攻",
    "完成",
    "争创",
    "获批",
    "储备",
    "落地",
    "签约",
    "开工",
    "投产",
    "培养",
    "孵化",
    "举办",
    "召开",
    "开展",
    "新培育",
    "新引进",
    "新认定",
    "净增",
    "累计",
    "建立",
    "举行",
    "组织",
    "入选",
    "突破",
    "超过",
    "超",
    "增加",
    "发展",
    "壮大",
    "推动",
    "支持",
    "扶持",
    "遴选",
    "评选",
)
_FILLER = frozenset(' 各共约了到至在“”"')
_SEGMENT_STOPS = "。;!?\n"
_CLAUSE_STOPS = frozenset(",:;。!?\n")
_RELATIVE = frozenset({"multiple", "growth", "share", "rank_change"})
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


@dataclass(frozen=True, kw_only=True)
class _Qty:
    start: int
    end: int  # after unit and post modifier
    num_end: int
    value: float
    unit: str
    post_op: str | None
    tail_ok: bool  # the quantity ends its clause


@dataclass(frozen=True, kw_only=True)
class KindContext:
    """What a kind rule sees: the clause text before the quantity and the unit."""

    before: str
    unit: str


def _is_rank(ctx: KindContext) -> bool:
    return ctx.unit in ("位", "名") and any(
        w in ctx.before[-8:] for w in ("进", "提升", "前移", "上升", "提高")
    )


def _is_multiple(ctx: KindContext) -> bool:
    return ctx.unit == "倍"


def _is_count_per_period(ctx: KindContext) -> bool:
    return ctx.unit not in ("%", "‰", "个百分点", "百分点") and any(
        w in ctx.before for w in ("每年", "每季度", "每月", "每半年", "每个季度", "年均引进", "年均新增")
    )


def _is_growth(ctx: KindContext) -> bool:
    if ctx.unit in ("个百分点", "百分点"):
        return True
    if ctx.unit not in ("%", "‰"):
        return False
    recent = ctx.before[-12:]
    if any(w in recent for w in ("增长", "增速", "增幅", "递增", "下降", "降低", "减少")):
        return True
    return ctx.before.rstrip(" ").endswith(("提高", "提升"))


def _is_share(ctx: KindContext) -> bool:
    return ctx.unit in ("%", "‰") and any(w in ctx.before for w in ("占", "比重", "占比", "比例"))


def _is_cumulative(ctx: KindContext) -> bool:
    return "累计" in ctx.before


def _is_net_increase(ctx: KindContext) -> bool:
    return any(
        w in ctx.before
        for w in ("净增", "新增", "新培育", "新引进", "新认定", "新建", "新落地", "新设立", "新入选", "增加")
    ) and not any(w in ctx.before for w in ("增加到", "增加至"))


# kind → rule; the first rule that holds decides, "level" is the default
KIND_RULES: dict[str, Callable[[KindContext], bool]] = {
    "rank_change": _is_rank,
    "multiple": _is_multiple,
    "count_per_period": _is_count_per_period,
    "growth": _is_growth,
    "share": _is_share,
    "cumulative": _is_cumulative,
    "net_increase": _is_net_increase,
}


def target_kind(*, before: str, unit: str) -> str:
    """Kind of a target from the clause text before its value and the unit.

    >>> target_kind(before="期间年均增长", unit="%")
    'growth'
    >>> target_kind(before="占全市比重达到", unit="%")
    'share'
    >>> target_kind(before="每年各引进百亿元以上项目", unit="个")
    'count_per_period'
    """
    ctx = KindContext(before=before, unit=unit)
    for kind, rule in KIND_RULES.items():
        if rule(ctx):
            return kind
    return "level"


def _protected_spans(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside “quotes” and 《book titles》 where numbers are names, not targets."""
    return [
        (m.start(), m.end())
        for m in re.finditer(r"《[^《》\n]{0,120}》|“[^“”\n]{0,40}”", norm[:end])
        if m.end() > start
    ]


def _segments(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in re.finditer(r"[。;!?\n]", norm[start:end]):
        e = start + m.start()
        if e > s:
            spans.append((s, e))
        s = start + m.end()
    if end > s:
        spans.append((s, end))
    return spans


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


def _after_quantity(norm: str, pos: int, seg_end: int) -> tuple[str | None, int, bool, bool]:
    """Read modifiers after a quantity: (post op, new end, ends clause, qualifier)."""
    post = None
    for word, op in POST_MODIFIERS.items():
        if norm.startswith(word, pos) and word != "多":
            post = op
            pos += len(word)
            break
    qualifier = False
    if norm.startswith("级", pos):
        return post, pos, False, True
    probe = pos
    # skip a parenthesised note "(贵州苟江经济开发区)" or "(含)"
    if probe < seg_end and norm[probe] == "(":
        close = norm.find(")", probe, min(seg_end, probe + 120))
        if close > 0:
            probe = close + 1
    if (
        probe >= seg_end
        or norm[probe] in ",、;。:)\n"
        or norm.startswith(("和", "及", "等", "的目标"), probe)
    ):
        return post, pos, True, False
    if post is not None and post != "=":
        qualifier = True
    return post, pos, False, qualifier


def _quantities(norm: str, seg_start: int, seg_end: int, protected: list[tuple[int, int]]) -> list[_Qty]:
    found: list[_Qty] = []
    for m in _QTY_RE.finditer(norm, seg_start, seg_end):
        unit = m.group("unit")
        num = m.group("num")
        if not unit:
            if num.startswith("百分之"):
                unit = "%"
            else:
                continue
        start = m.start()
        if any(s <= start < e for s, e in protected):
            continue
        prev = norm[start - 1] if start > 0 else ""
        nxt = norm[m.end("num")] if m.end("num") < len(norm) else ""
        if prev == "第" or (prev.isascii() and (prev.isalnum() or prev in ".-~/")) or nxt in "xX×":
            continue
        if (
            prev in "-~至到"
            and start >= 2
            and (norm[start - 2].isdigit() or norm[start - 2] in "一二两三四五六七八九十")
        ):
            continue
        if num.startswith("百分之"):
            value = number_value(num[3:].replace("点", "."))
            value = value if value is not None else number_value(num[3:])
        else:
            value = number_value(num)
        if value is None:
            continue
        if num == "一" and unit in ("个", "项", "家", "条", "种", "处", "件", "批", "座", "名", "位", "人"):
            continue
        if unit == "年" and (value >= 1900 or (not num.isascii() and value > 100)):
            continue
        # Chinese numerals glued to a preceding word ("统一", "唯一") are not quantities
        if not num[0].isdigit() and not num.startswith("百分之") and prev and prev in "统唯万之第单专同逐":
            continue
        post, end, tail_ok, qualifier = _after_quantity(norm, m.end(), seg_end)
        if qualifier:
            continue
        found.append(
            _Qty(
                start=start,
                end=end,
                num_end=m.end("num"),
                value=value,
                unit=unit,
                post_op=post,
                tail_ok=tail_ok,
            )
        )
    return found


def _comparator(norm: str, window_start: int, num_start: int) -> tuple[str | None, int]:
    """Nearest comparator before the number: (op, start of comparator) or (None, num_start)."""
    window = norm[window_start:num_start]
    k = len(window)
    while k > 0 and window[k - 1] in _FILLER:
        k -= 1
    if (
        k > 0
        and window[k - 1] in SHORT_COMPARATORS
        and not window[:k].endswith(tuple(COMPARATORS))
        and not (window[k - 1] == "达" and k >= 2 and window[k - 2] == "到")
    ):
        return SHORT_COMPARATORS[window[k - 1]], window_start + k - 1
    best: tuple[int, str, int] | None = None
    for word, op in COMPARATORS.items():
        idx = window.rfind(word)
        if idx < 0:
            continue
        if word in ("力争", "确保", "实现") and idx + len(word) < k - 2:
            # a bare 力争/确保/实现 governs only what follows closely
            continue
        if (
            idx > 0
            and word in ("低于", "高于", "超过", "少于", "多于", "大于", "小于")
            and window[idx - 1] == "不"
        ):
            continue
        key = (idx + len(word), len(word), idx)
        if best is None or key[:2] > best[:2]:
            best = (key[0], op, idx)
    if best is None:
        return None, num_start
    end, op, idx = best
    # "力争达到" beats "达到" at the same end via length; a comparator far back loses to none
    if end < k - 14:
        return None, num_start
    return op, window_start + idx


def _combine(op: str | None, post: str | None) -> str:
    if op is None:
        return post or "="
    if post is None or post == "=":
        return op
    if op in (">", ">=") and post == ">=":
        return op
    if op in ("<", "<=") and post == "<=":
        return op
    if op == "=":
        return post
    return op


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
    "力争",
    "确保",
    "达",
    "总量",
    "都",
    "也",
    "累计",
    "要达",
)


def _indicator_text(text: str) -> tuple[int, int]:
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
    return s, e


def _expand(
    *,
    norm: str,
    original: str,
    clause_start: int,
    ind_end: int,
    qtys: list[_Qty],
    op: str | None,
    kind_before: str,
    seg: tuple[int, int],
    respectively: bool,
    each: bool,
    by: tuple[int | None, str | None],
) -> list[Target]:
    raw = norm[clause_start:ind_end]
    rs, re_ = _indicator_text(raw)
    phrase_raw = raw[rs:re_]
    listed = _split_list(phrase_raw)
    if len(listed) > 1 and "等" in phrase_raw[listed[-1][0] :]:
        listed = [(0, len(phrase_raw))]
    items = [(clause_start + rs + a, clause_start + rs + b) for a, b in listed]
    if not items:
        items = [(clause_start + rs, clause_start + max(rs, re_))]
    text = original[seg[0] : seg[1]].strip()
    kind = target_kind(before=kind_before, unit=qtys[0].unit)
    targets: list[Target] = []
    pairs: list[tuple[tuple[int, int], _Qty]]
    if len(qtys) > 1 and len(items) == len(qtys):
        pairs = list(zip(items, qtys, strict=True))
    elif len(qtys) > 1:
        whole = (items[0][0], items[-1][1])
        pairs = [(whole, q) for q in qtys]
    elif len(items) > 1 and (kind in _RELATIVE or each or respectively):
        pairs = [(it, qtys[0]) for it in items]
    else:
        pairs = [((items[0][0], items[-1][1]), qtys[0])]
    subject: str | None = None
    for (a, b), q in pairs:
        phrase = original[a:b].strip()
        sub, ind = _split_subject(phrase)
        subject = sub or subject
        value = q.value
        final_op = _combine(op, q.post_op)
        unit = q.unit
        if kind == "multiple" and any(w in kind_before[-4:] for w in ("增长", "提高", "增加")):
            value += 1.0
        if kind == "growth" and any(w in kind_before[-8:] for w in ("下降", "降低", "减少")):
            value = -value
            final_op = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}.get(final_op, final_op)
        targets.append(
            Target(
                text=text,
                subject=subject,
                indicator=ind or phrase,
                kind=kind,
                op=final_op,
                value=value,
                unit=unit,
                by_year=by[0],
                by_text=by[1],
                span=(min(a, q.start), q.end),
            )
        )
    return targets


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
    protected = _protected_spans(norm, start, end)
    targets: list[Target] = []
    for seg in _segments(norm, start, end):
        seg_targets: list[tuple[int, Target]] = []
        qtys = _quantities(norm, seg[0], seg[1], protected)
        used_until = seg[0]
        i = 0
        while i < len(qtys):
            group = [qtys[i]]
            while (
                i + 1 < len(qtys)
                and norm[group[-1].end : qtys[i + 1].start].strip() in ("、", "和", "及")
                and qtys[i + 1].unit == group[0].unit
            ):
                i += 1
                group.append(qtys[i])
            i += 1
            first, last = group[0], group[-1]
            if not last.tail_ok and not _created(norm, seg[0], first.start):
                continue
            c_start = max(_clause_start(norm, seg[0], first.start), used_until)
            before = norm[c_start : first.start]
            unit = first.unit
            op, op_start = _comparator(norm, c_start, first.start)
            if unit in _TIME_UNITS and op is None and first.post_op is None:
                continue
            if unit.startswith(_MONEY) and any(w in before for w in _EXCLUDED_MONEY):
                continue
            if any(w in before for w in ("零的突破", "等")) and before.endswith("等"):
                continue
            kind_marker = _kind_marker_start(before)
            ind_end = (
                c_start + min(op_start - c_start, kind_marker) if op is not None else c_start + kind_marker
            )
            respectively = "分别" in before
            each = any(w in before for w in ("均", "各", "分别", "都"))
            if last.post_op and len(group) > 1:
                group = [
                    _Qty(
                        start=q.start,
                        end=q.end,
                        num_end=q.num_end,
                        value=q.value,
                        unit=q.unit,
                        post_op=q.post_op or last.post_op,
                        tail_ok=q.tail_ok,
                    )
                    for q in group
                ]
            by = deadline_at(first.start) if deadline_at is not None else (None, None)
            expanded = _expand(
                norm=norm,
                original=original,
                clause_start=c_start,
                ind_end=max(c_start, ind_end),
                qtys=group,
                op=op,
                kind_before=before,
                seg=seg,
                respectively=respectively,
                each=each,
                by=by,
            )
            seg_targets.extend((t.span[0], t) for t in expanded)
            used_until = last.end
        for m in _DOUBLE_RE.finditer(norm, seg[0], seg[1]):
            if any(s <= m.start() < e and norm[s] == "《" for s, e in protected):
                continue
            factor = 2.0 if m.group(0).endswith("倍增") else doubling_factor(m.group("n") or "")
            if factor is None:
                continue
            c_start = _clause_start(norm, seg[0], m.start())
            by = deadline_at(m.start()) if deadline_at is not None else (None, None)
            seg_targets.extend(
                (t.span[0], t)
                for t in _doubling(
                    norm=norm, original=original, c_start=c_start, m=m, factor=factor, seg=seg, by=by
                )
            )
        seg_targets.sort(key=lambda p: p[0])
        targets.extend(t for _, t in seg_targets)
    return targets


def _created(norm: str, seg_start: int, num_start: int) -> bool:
    """True when a verb of creation stands right before a count ("培育10家龙头企业")."""
    window = norm[max(seg_start, num_start - 4) : num_start]
    k = len(window)
    while k > 0 and window[k - 1] in _FILLER:
        k -= 1
    return window[:k].endswith(_CREATE_VERBS)


def _kind_marker_start(before: str) -> int:
    """Offset in ``before`` where the kind words begin ("年均增长", "占全市比重", "累计")."""
    best = len(before)
    for word in (
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
    ):
        idx = before.find(word)
        if 0 < idx < best:
            best = idx
    return best


def _doubling(
    *,
    norm: str,
    original: str,
    c_start: int,
    m: re.Match[str],
    factor: float,
    seg: tuple[int, int],
    by: tuple[int | None, str | None],
) -> list[Target]:
    raw = norm[c_start : m.start()]
    rs, re_ = _indicator_text(raw.rstrip('“" '))
    body = raw[rs:re_]
    if m.group("dbl"):
        parts = [p for p in re.split(r"和|与|及|、", body) if p]
        offsets: list[tuple[int, int]] = []
        pos = 0
        for p in parts:
            idx = body.find(p, pos)
            offsets.append((idx, idx + len(p)))
            pos = idx + len(p)
    else:
        offsets = _split_list(body)
    if not offsets:
        offsets = [(0, 0)]
    text = original[seg[0] : seg[1]].strip()
    out: list[Target] = []
    subject: str | None = None
    for a, b in offsets:
        s = c_start + rs + a
        e = c_start + rs + b
        phrase = original[s:e].strip()
        sub, ind = _split_subject(phrase)
        subject = sub or subject
        out.append(
            Target(
                text=text,
                subject=subject,
                indicator=ind or phrase,
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
