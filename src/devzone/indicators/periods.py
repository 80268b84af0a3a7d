"""Reporting periods (统计期): a year, a quarter or a month, and their place on the time axis.

The target maths works on a decimal-year axis on which the figure *for year Y* sits at ``t = Y``:
a plan that says "以2020年为基期, 到2025年翻一番" spans five years, from t = 2020 to t = 2025. A
period ends at

    end(Y)      = Y
    end(Y, Qq)  = Y − 1 + q/4
    end(Y, Mm)  = Y − 1 + m/12

so the year-to-date figure of Q4 (or December) sits where the annual figure sits.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


class PeriodError(ValueError):
    """A period label that cannot be read or lies outside a range."""


_YEAR = re.compile(r"^(\d{4})(?:年)?$")
_QUARTER = re.compile(r"^(\d{4})(?:年)?(?:[-\s]?Q|年?第?)([1-4])(?:季度?)?$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})(?:年|-|/|M|\.)(\d{1,2})(?:月)?$", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Period:
    """A year, or a quarter or a month of a year."""

    year: int
    quarter: int | None = None
    month: int | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and self.month is not None:
            raise PeriodError("a period has a quarter or a month, not both")
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise PeriodError(f"quarter {self.quarter} is not 1–4")
        if self.month is not None and not 1 <= self.month <= 12:
            raise PeriodError(f"month {self.month} is not 1–12")
        if not 1900 <= self.year <= 2200:
            raise PeriodError(f"year {self.year} is not plausible")

    @property
    def frequency(self) -> str:
        """``year``, ``quarter`` or ``month``."""
        if self.quarter is not None:
            return "quarter"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def end(self) -> float:
        """The period's end on the decimal-year axis (see the module docstring)."""
        if self.quarter is not None:
            return self.year - 1 + self.quarter / 4
        if self.month is not None:
            return self.year - 1 + self.month / 12
        return float(self.year)

    @property
    def label(self) -> str:
        """``2023``, ``2023Q2`` or ``2023-06``."""
        if self.quarter is not None:
            return f"{self.year}Q{self.quarter}"
        if self.month is not None:
            return f"{self.year}-{self.month:02d}"
        return str(self.year)


def parse_period(text: str | int | float) -> Period:
    """Read a period label: ``2023``, ``2023年``, ``2023Q2``, ``2023年第2季度``, ``2023-06``, ``2023年6月``.

    A float is accepted when it is a whole year (a spreadsheet cell typed as number).

    >>> parse_period("2023Q2").end
    2022.5
    >>> parse_period(2023.0).label
    '2023'
    >>> parse_period("2023年6月").label
    '2023-06'
    """
    if isinstance(text, bool):
        raise PeriodError(f"not a period: {text!r}")
    if isinstance(text, float):
        if not text.is_integer():
            raise PeriodError(f"not a period: {text!r}")
        text = int(text)
    if isinstance(text, int):
        return Period(year=text)
    cleaned = text.strip()
    if match := _YEAR.match(cleaned):
        return Period(year=int(match.group(1)))
    if match := _QUARTER.match(cleaned):
        return Period(year=int(match.group(1)), quarter=int(match.group(2)))
    if match := _MONTH.match(cleaned):
        return Period(year=int(match.group(1)), month=int(match.group(2)))
    raise PeriodError(f"not a period: {text!r}")


ANNUAL_PREFERENCE: tuple[str, ...] = ("year", "quarter", "month")
"""Which figure of a year is its annual figure, first found wins: the year, else Q4, else December."""


def annual_rank(period: Period) -> int | None:
    """Where ``period`` stands among the candidates for its year's annual figure (0 best), or None.

    The candidates are the periods that end at the year on the time axis (module docstring): the
    year itself, its Q4 and its December. Quarters and months are reported year-to-date (累计) for
    flows and at the period's end for stocks, so the Q4 or December figure is the year's figure
    when the year itself was not reported — the rule the assessment has always used.

    >>> [annual_rank(parse_period(p)) for p in ("2024", "2024Q4", "2024-12", "2024Q3", "2024-06")]
    [0, 1, 2, None, None]
    """
    if period.end != float(period.year):
        return None
    return ANNUAL_PREFERENCE.index(period.frequency)


def period_within(period: Period, *, first: Period, last: Period) -> bool:
    """Whether ``period`` ends inside the span from the start of ``first`` to the end of ``last``.

    >>> period_within(parse_period("2023"), first=parse_period("2021"), last=parse_period("2025"))
    True
    >>> period_within(parse_period("2020Q4"), first=parse_period("2021"), last=parse_period("2025"))
    False
    >>> period_within(parse_period("2021-01"), first=parse_period("2021"), last=parse_period("2025"))
    True
    """
    start = first.end - _LENGTH[first.frequency]
    return start < period.end <= last.end


def time_label(t: float) -> str:
    """A point of the time axis in words (a quarter's end and its last month's end are one point).

    >>> time_label(2024.0), time_label(2023.5), time_label(2023 + 7 / 12)
    ('2024年', '2024年第2季度', '2024年7月')
    """
    year = math.floor(t + 1e-9)
    rest = t - year
    if abs(rest) < 1e-9:
        return f"{year}年"
    quarter = rest * 4
    if abs(quarter - round(quarter)) < 1e-9:
        return f"{year + 1}年第{round(quarter)}季度"
    return f"{year + 1}年{round(rest * 12)}月"


_LENGTH: dict[str, float] = {"year": 1.0, "quarter": 0.25, "month": 1.0 / 12.0}
