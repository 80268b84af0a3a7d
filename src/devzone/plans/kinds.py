"""Kinds of targets: a registry of small rules on the clause before the value and the unit.

Kinds (plan-gold conventions): level (a stock or flow reaching a value, the default), multiple
(翻番, ×N), growth (年均增长/增长 x%), share (占…比重/占比/比例 x%), net_increase (净增/新增 N),
cumulative (累计 N), count_per_period (每年/每季度 … N), rank_change (进N位/提升N位/前移N位).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from devzone.plans.comparators import COMPARATORS, SHORT_COMPARATORS

FILLER = ' 各共约了到至在“”"'
_RANK_WORDS = ("进", "提升", "前移", "上升", "提高", "前进", "跃升", "晋升")
_NOT_RANK_WORDS = ("引进", "推进", "促进", "先进", "改进", "新进", "增进", "演进", "招进")
_PERIODS = (
    "每年",
    "每季度",
    "每月",
    "每半年",
    "每个季度",
    "每周",
    "每两年",
    "每学期",
    "每个月",
    "每两个月",
    "每三个月",
)


@dataclass(frozen=True, kw_only=True)
class KindContext:
    """What a kind rule sees: the clause text before the value, the unit and the char before."""

    before: str
    unit: str


def _is_rank(ctx: KindContext) -> bool:
    """A rank word right before the value ("进1位", "排名提升2位"), comparators aside.

    "引进人才300名" is a people count, not a rank change.
    """
    if ctx.unit not in ("位", "名") or ctx.before.endswith("前"):
        return False
    head = ctx.before.rstrip(FILLER)
    changed = True
    while changed:
        changed = False
        for word in (*COMPARATORS, *SHORT_COMPARATORS, "每年", "年均", "平均"):
            if head.endswith(word) and len(head) > len(word):
                head, changed = head[: -len(word)].rstrip(FILLER), True
    return head.endswith(_RANK_WORDS) and not head.endswith(_NOT_RANK_WORDS)


def _is_multiple(ctx: KindContext) -> bool:
    return ctx.unit == "倍"


def _is_count_per_period(ctx: KindContext) -> bool:
    """A count each period ("每年引进5家"), also an increment in points each period ("森林覆盖率每年至少提升
    0.5个百分点": what every year adds, not the plan's change).

    >>> _is_count_per_period(KindContext(before="森林覆盖率每年至少提升", unit="个百分点"))
    True
    >>> _is_count_per_period(KindContext(before="每两个月召开", unit="次"))
    True
    """
    if ctx.unit in ("个百分点", "百分点"):
        return any(w in ctx.before for w in _PERIODS)
    return ctx.unit not in ("%", "‰") and any(w in ctx.before for w in _PERIODS)


_REACHED_RE = re.compile(r"(?:增长|增加|提高|提升|下降|降低|减少|压减|压降|降|减)(?:至|到)(?:[^,;。]{0,4})$")


def _is_growth(ctx: KindContext) -> bool:
    if ctx.unit not in ("%", "‰"):
        return False
    if _REACHED_RE.search(ctx.before.rstrip(" ")):
        return False  # "失业率降低至4%以内", "增长到": the level reached, not the change
    recent = ctx.before[-12:]
    if any(w in recent for w in ("增长", "增速", "增幅", "涨幅", "递增", "下降", "降低", "减少")):
        return True
    # "地区生产总值增5%左右", "财政总收入可比增3%": 增 alone before the rate reads as 增长
    return ctx.before.rstrip(" ").endswith(("提高", "提升", "增"))


def _is_share(ctx: KindContext) -> bool:
    """A part of a whole in percent: 占…比重, 占比, 比例, and a contribution (贡献度/贡献率: the part of
    the whole's result that one source gives).

    >>> _is_share(KindContext(before="重大项目竣工贡献度分别达", unit="%"))
    True
    """
    return ctx.unit in ("%", "‰") and any(
        w in ctx.before for w in ("占", "比重", "占比", "比例", "贡献度", "贡献率")
    )


def _is_cumulative(ctx: KindContext) -> bool:
    return "累计" in ctx.before


def _is_net_increase(ctx: KindContext) -> bool:
    if ctx.unit in ("个百分点", "百分点"):
        return True  # "城镇化率提高1.2个百分点": the rate's change in points, added to its base
    if "/" in ctx.unit or ctx.unit in ("%", "‰", "倍"):
        return False
    before = ctx.before.replace("增加值", "")  # 工业增加值 is an indicator, not an increase
    # 新培育/新认定 N家 count what the year adds to a register, but state the number reached, a
    # level (real/CONVENTIONS.md: only 新增/净增 are increases over the stock)
    return any(w in before for w in ("净增", "新增", "新引进", "新设立", "新入选", "增加")) and not any(
        w in before for w in ("增加到", "增加至")
    )


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
    >>> target_kind(before="财政总收入可比增", unit="%")
    'growth'
    >>> target_kind(before="失业率降低至", unit="%"), target_kind(before="研发投入强度提高到", unit="%")
    ('level', 'level')
    >>> target_kind(before="常住人口城镇化率提高", unit="个百分点"), target_kind(before="居民消费价格涨幅", unit="%")
    ('net_increase', 'growth')
    """
    ctx = KindContext(before=before, unit=unit)
    for kind, rule in KIND_RULES.items():
        if rule(ctx):
            return kind
    return "level"
