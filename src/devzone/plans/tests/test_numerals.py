"""Chinese numerals read by place value give cn2an's value, and cn2an still reads the odd ones."""

from __future__ import annotations

import itertools

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.plans.numerals import CN_DIGITS, _place_value, chinese_number


def _cn2an(text: str) -> float | None:
    probe = "一" + text if text[0] in "十百千" else text
    try:
        value = cn2an.cn2an(probe, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value) if isinstance(value, int | float) else None


def test_every_short_numeral_read_by_place_value_is_cn2ans() -> None:
    read = 0
    for size in range(1, 5):
        for chars in itertools.product(CN_DIGITS, repeat=size):
            text = "".join(chars)
            value = _place_value(text)
            if value is not None:
                read += 1
                assert _cn2an(text) == float(value), text
    assert read > 3000  # (most well-formed numerals are read here, not by cn2an)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=CN_DIGITS, min_size=5, max_size=9))
def test_a_long_numeral_reads_as_cn2an_reads_it(text: str) -> None:
    value = _place_value(text)
    assert value is None or _cn2an(text) == float(value)


def test_a_colloquial_numeral_is_still_read_by_cn2an() -> None:
    # "两千五" (2500 in speech) is no place-value form: cn2an, imported then, reads it
    assert _place_value("两千五") is None
    assert chinese_number("两千五") == _cn2an("两千五")
