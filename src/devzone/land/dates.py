"""Calendar steps of the land clocks (满1年, 满2年, 6 months vacant). Pure: no Django.

A period counted in years or months ends on the same day of the month; a month without that day ends
on its last day (民法典 第二百零三条), so 2020-02-29 + 1 year = 2021-02-28.
"""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months.

    >>> add_months(date(2023, 6, 1), 6), add_months(date(2024, 8, 31), 6), add_months(date(2024, 1, 31), 1)
    (datetime.date(2023, 12, 1), datetime.date(2025, 2, 28), datetime.date(2024, 2, 29))
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """``day`` plus ``years`` calendar years.

    >>> add_years(date(2022, 6, 30), 1), add_years(date(2020, 2, 29), 1)
    (datetime.date(2023, 6, 30), datetime.date(2021, 2, 28))
    """
    return add_months(day, 12 * years)


def whole_months(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when ``end`` is earlier).

    >>> whole_months(date(2024, 3, 1), date(2024, 12, 31)), whole_months(date(2024, 3, 31), date(2024, 4, 30))
    (9, 1)
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return max(months, 0)
