"""Float sums and means that come out bit-identical whatever the order of the rows (issue 16, criterion 3).

A float sum depends on the order it adds in, and a parallel engine adds in whatever order its threads
finish: the same run gave another last bit from one time to the next. Here each value is rounded to
``SCALE`` decimal places (10⁻¹² — far below any published figure: money has 4 places, scores 1-2) and
summed as a DECIMAL(38, 12), which both DuckDB and Spark add in exact integer arithmetic, so the sum is the
same in any order; the mean is that sum over the count. A value too large for the exact sum (|x| ≥ 10¹⁸,
NaN, ±inf) makes its group fall back to the plain float sum, as before.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.datatypes as dt

Expr = Any  # an Ibis value expression (see rules.Expr)

SCALE = 12
LIMIT = 1e18  # 10¹⁸ with 12 places is 30 digits: a million of them still fit in DECIMAL(38)
DECIMAL = dt.Decimal(38, SCALE)


def exact_sum(value: Expr, window: Any = None) -> Expr:
    """The order-independent sum of a float column (an aggregate, or a window one with ``window``).

    >>> t = ibis.memtable({"x": [0.1, 0.2, 0.3, None]})
    >>> t.aggregate(s=exact_sum(t.x)).to_pyarrow()["s"].to_pylist()
    [0.6]
    """

    def over(aggregate: Expr) -> Expr:
        return aggregate if window is None else aggregate.over(window)

    fits = value.abs() < LIMIT  # false for NaN and ±inf too
    exact = over(ibis.ifelse(fits, value, ibis.null("float64")).cast(DECIMAL).sum()).cast("float64")
    return ibis.ifelse(over((~fits).any()).fill_null(False), over(value.sum()), exact)


def exact_mean(value: Expr, window: Any = None) -> Expr:
    """The order-independent mean of a float column: :func:`exact_sum` over the count of values.

    >>> t = ibis.memtable({"x": [0.1, 0.2, 0.4, None]})
    >>> t.aggregate(m=exact_mean(t.x)).to_pyarrow()["m"].to_pylist()
    [0.2333333333333333]
    >>> 0.7 / 3  # the exact sum 0.7 over 3; the float sum 0.1 + 0.2 + 0.4 would be 0.7000000000000001
    0.2333333333333333
    """
    count = value.count() if window is None else value.count().over(window)
    return exact_sum(value, window) / count.nullif(0).cast("float64")
