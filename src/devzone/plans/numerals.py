"""Chinese and Arabic numerals (数字) as plain floats.

Chinese numerals are read by cn2an (``cn2an.cn2an(s, "smart")``), guarded: cn2an raises
``ValueError`` on odd input and cannot read a leading 十/百/千 without 一, which is supplied
here ("百" = 一百 = 100). 翻N番 means ×2^N (翻一番 = ×2, 翻两番 = ×4), the usual reading in
plan documents (e.g. 党的十六大报告: "国内生产总值到2020年力争比2000年翻两番").
"""

from __future__ import annotations

from functools import lru_cache

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千"
_SIMPLE = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


@lru_cache(maxsize=4096)  # (cn2an checks and converts in Python: 15 µs a call; a plan repeats its numerals)
def chinese_number(text: str) -> float | None:
    """Value of a Chinese numeral made of 零〇一二两三四五六七八九十百千, or ``None``.

    >>> chinese_number("百")
    100.0
    >>> chinese_number("两千五百")
    2500.0
    >>> chinese_number("十四")
    14.0
    """
    if not text or any(ch not in CN_DIGITS for ch in text):
        return None
    if len(text) == 1 and text in _SIMPLE:
        return float(_SIMPLE[text])
    probe = "一" + text if text[0] in "十百千" else text
    try:
        value = cn2an.cn2an(probe, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if not isinstance(value, int | float):
        return None
    return float(value)


def number_value(text: str) -> float | None:
    """Value of an Arabic (``1,200.5``) or Chinese numeral, or ``None`` when it is neither.

    >>> number_value("800")
    800.0
    >>> number_value("1,200.5")
    1200.5
    >>> number_value("三")
    3.0
    """
    plain = text.replace(",", "")
    if plain and plain[0].isascii() and plain[0].isdigit():
        try:
            return float(plain)
        except ValueError:
            return None
    return chinese_number(text)


def doubling_factor(times: str) -> float | None:
    """Multiple for 翻N番: 2 ** N (翻一番 → 2, 翻两番 → 4, 翻番 → 2).

    >>> doubling_factor("")
    2.0
    >>> doubling_factor("一")
    2.0
    >>> doubling_factor("两")
    4.0
    """
    if not times:
        return 2.0
    n = number_value(times)
    if n is None or n < 0 or n > 10:
        return None
    return float(2**n)
