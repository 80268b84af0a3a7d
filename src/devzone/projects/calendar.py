"""Calendar arithmetic on columns of day numbers (days since 1970-01-01), for deadlines and lights.
A period in months ends on the same day of the month, or on the month's last day when it has no such day
(民法典 第二百零三条), as :func:`devzone.land.dates.add_months` does for one date. Pure: no Django."""

from __future__ import annotations

import numpy as np

from devzone.projects.columns import NEVER, Days


def add_months(days: Days, months: int) -> Days:
    """``days`` plus ``months`` calendar months, element-wise (:data:`NEVER` stays NEVER).

    >>> from devzone.projects.pipeline import day, as_date
    >>> from datetime import date
    >>> [as_date(d) for d in add_months(np.array([day(date(2024, 8, 31)), day(date(2024, 5, 10))]), 6)]
    [datetime.date(2025, 2, 28), datetime.date(2024, 11, 10)]
    """
    never = days >= NEVER
    safe = np.where(never, 0, days).astype("datetime64[D]")
    month = safe.astype("datetime64[M]")
    dom = (safe - month).astype(np.int64)  # day of month − 1
    target = month + np.timedelta64(months, "M")
    length = (
        (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")
    ).astype(np.int64)
    out = target.astype("datetime64[D]").astype(np.int64) + np.minimum(dom, length - 1)
    result: Days = np.where(never, NEVER, out)
    return result


def month_index(days: Days) -> Days:
    """Months since 1970-01 of each day (NEVER stays NEVER)."""
    never = days >= NEVER
    out = np.where(never, 0, days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    result: Days = np.where(never, NEVER, out)
    return result


def month_ends_since(start: Days, on: np.int64) -> Days:
    """Month ends passed from the month of ``start`` to ``on`` (inclusive of ``on``'s month when ``on`` is
    its last day): the planned month counts once it is over.

    >>> from devzone.projects.pipeline import day
    >>> from datetime import date
    >>> s = np.array([day(date(2024, 11, 1))])
    >>> [int(month_ends_since(s, day(d))[0]) for d in (date(2024, 11, 15), date(2024, 12, 31), date(2025, 1, 31))]
    [0, 2, 3]
    """
    on_arr = np.array([on], dtype=np.int64)
    last_day = bool(add_months(on_arr + 1, 0)[0] == on + 1) and bool(
        month_index(on_arr + 1)[0] != month_index(on_arr)[0]
    )
    out: Days = month_index(on_arr)[0] - month_index(start) + (1 if last_day else 0)
    return np.where(start >= NEVER, 0, np.maximum(out, 0))
