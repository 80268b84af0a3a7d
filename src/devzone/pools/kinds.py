"""Qualification kinds (资质/称号) and their validity rules (spec §1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Kind:
    """A kind of title: its code, Chinese name and validity in years (None: no expiry by default)."""

    code: str
    name: str
    years: int | None
    calendar_year: bool = False  # 科技型: "登记编号当年有效"


KINDS: tuple[Kind, ...] = (
    Kind(code="hte", name="高新技术企业", years=3),
    Kind(code="tsme", name="科技型中小企业", years=None, calendar_year=True),
    Kind(code="innov_sme", name="创新型中小企业", years=3),
    Kind(code="srdi_sme", name="专精特新中小企业", years=3),
    Kind(code="little_giant", name="专精特新“小巨人”企业", years=3),
    Kind(code="champion", name="制造业单项冠军企业", years=3),
    Kind(code="smart_factory", name="智能工厂", years=None),
    Kind(code="smart_workshop", name="智能车间", years=None),
    Kind(code="gazelle", name="瞪羚企业", years=1),
    Kind(code="gazelle_seed", name="瞪羚培育企业", years=1),
)
BY_CODE: dict[str, Kind] = {k.code: k for k in KINDS}


def default_valid_to(kind: str, issued_on: dt.date) -> dt.date | None:
    """The last valid day when none is printed: issue date + the kind's years − 1 day (*unverified*).

    >>> default_valid_to("hte", dt.date(2020, 9, 1)), default_valid_to("hte", dt.date(2020, 2, 29))
    (datetime.date(2023, 8, 31), datetime.date(2023, 2, 27))
    >>> default_valid_to("tsme", dt.date(2024, 5, 6)), default_valid_to("smart_factory", dt.date(2024, 5, 6))
    (datetime.date(2024, 12, 31), None)
    """
    k = BY_CODE[kind]
    if k.calendar_year:
        return dt.date(issued_on.year, 12, 31)
    if k.years is None:
        return None
    year = issued_on.year + k.years
    # 29 February has no anniversary in a common year: the certificate then runs to 28 February, less a day.
    day = (
        issued_on.replace(year=year)
        if not (issued_on.month == 2 and issued_on.day == 29)
        else dt.date(year, 2, 28)
    )
    return day - dt.timedelta(days=1)
