"""The unit-slip reference (median of the indicator's history and the file's other values) computed once
per indicator gives exactly what the row-by-row median gave, so a 100,000-figure file is checked in
seconds, not minutes."""

from __future__ import annotations

import statistics

from hypothesis import given
from hypothesis import strategies as st

from devzone.indicators.validate import median_without

values = st.floats(min_value=-1e6, max_value=1e9, allow_nan=False, allow_infinity=False)


def reference(history: list[float], others: list[float]) -> float | None:
    """The old row-by-row rule: the median of the positive history and other values of the indicator."""
    pool = [v for v in (*history, *others) if v > 0]
    return statistics.median(pool) if pool else None


@given(history=st.lists(values, max_size=6), file_values=st.lists(values, min_size=1, max_size=30))
def test_each_rows_reference_is_the_median_of_everything_but_itself(
    history: list[float], file_values: list[float]
) -> None:
    pool = sorted(v for v in (*history, *file_values) if v > 0)
    for i, value in enumerate(file_values):
        others = file_values[:i] + file_values[i + 1 :]
        assert median_without(pool, value) == reference(history, others)
