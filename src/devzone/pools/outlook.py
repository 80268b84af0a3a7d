"""The expiry calendar (who holds which title until when, and what falls due) and the pool funnel.

Pure: no Django. A title ends on its ``valid_to``; what the holder must do before then depends on the
kind (spec §1): 高企 apply for 重新认定 (a new application; the 2008 复审 no longer exists), 科技型 register
again every year, the 工信 titles (创新型, 专精特新, 小巨人, 单项冠军) go through 复核. A title with no end
(智能工厂) never falls due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

RENEWAL = {"hte": "重新认定", "tsme": "年度入库登记", "gazelle": "年度复评", "gazelle_seed": "年度复评"}
DEFAULT_RENEWAL = "复核"
# The pipeline of spec §6 in the order a firm goes through it; the funnel is drawn in this order.
FUNNEL = ("pooled", "preparing", "applied", "publicized", "certified", "renewal_applied", "renewed",
          "lapsed", "revoked", "rejected", "exited")  # fmt: skip


def renewal_words(kind: str) -> str:
    """What a holder of ``kind`` does before the title ends.

    >>> renewal_words("hte"), renewal_words("srdi_sme"), renewal_words("tsme")
    ('重新认定', '复核', '年度入库登记')
    """
    return RENEWAL.get(kind, DEFAULT_RENEWAL)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved on by whole months, kept within the month (31 Aug + 6 → 28/29 Feb).

    >>> add_months(dt.date(2026, 8, 31), 6), add_months(dt.date(2026, 12, 2), 12)
    (datetime.date(2027, 2, 28), datetime.date(2027, 12, 2))
    """
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True, kw_only=True)
class Due:
    """One title falling due: its record, the day it ends, the days left and the window it falls in."""

    record: object
    kind: str
    valid_to: dt.date
    days_left: int
    within: int  # 6 or 12 (months)
    renewal: str


def expiring(
    titles: Iterable[tuple[object, str, dt.date | None]], *, today: dt.date, months: int = 12
) -> list[Due]:
    """The titles ``(record, kind, valid_to)`` that end from ``today`` to ``months`` months on, soonest first.

    >>> t = dt.date(2026, 12, 2)
    >>> [(d.record, d.within, d.renewal) for d in expiring(
    ...     [("a", "hte", dt.date(2027, 3, 1)), ("b", "srdi_sme", dt.date(2027, 9, 1)),
    ...      ("c", "hte", dt.date(2026, 11, 30)), ("d", "smart_factory", None),
    ...      ("e", "hte", dt.date(2028, 1, 1))], today=t)]
    [('a', 6, '重新认定'), ('b', 12, '复核')]
    """
    six, end = add_months(today, 6), add_months(today, months)
    out = [
        Due(record=r, kind=k, valid_to=v, days_left=(v - today).days, within=6 if v <= six else 12,
            renewal=renewal_words(k))
        for r, k, v in titles
        if v is not None and today <= v <= end
    ]  # fmt: skip
    return sorted(out, key=lambda d: (d.valid_to, d.kind))


def funnel(states: Mapping[str, int]) -> list[tuple[str, int, int]]:
    """(state, members, percent of the widest step) in pipeline order, for the bars of the funnel.

    >>> funnel({"pooled": 10, "applied": 4, "certified": 2})[:3]
    [('pooled', 10, 100), ('preparing', 0, 0), ('applied', 4, 40)]
    """
    widest = max(states.values(), default=0) or 1
    return [(s, states.get(s, 0), round(100 * states.get(s, 0) / widest)) for s in FUNNEL]
