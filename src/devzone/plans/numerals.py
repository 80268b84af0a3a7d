"""Chinese and Arabic numerals (数字) as plain floats.

Chinese numerals in their written form (两千五百, 三十, 一百零五, 二〇二三) are read here by place value;
any other sequence is handed to cn2an (``cn2an.cn2an(s, "smart")``), guarded: cn2an raises
``ValueError`` on odd input and cannot read a leading 十/百/千 without 一, which is supplied
here ("百" = 一百 = 100). cn2an is imported on that first odd numeral only: its import takes a
tenth of a second, a fifth of the ``devzone`` command's start-up, for numerals the place-value
reading gives the same value of (``tests/test_numerals.py`` checks every numeral of up to four
characters against cn2an, and longer ones drawn at random). 翻N番 means ×2^N (翻一番 = ×2, 翻两番 = ×4), the usual reading in
plan documents (e.g. 党的十六大报告: "国内生产总值到2020年力争比2000年翻两番").
"""

from __future__ import annotations

from functools import lru_cache

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
    written = _place_value(text)
    if written is not None:
        return float(written)
    import cn2an  # noqa: PLC0415 — the odd numeral only: see the module's docstring

    probe = "一" + text if text[0] in "十百千" else text
    try:
        value = cn2an.cn2an(probe, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if not isinstance(value, int | float):
        return None
    return float(value)


_UNITS = {"十": 10, "百": 100, "千": 1000}


def _place_value(text: str) -> int | None:
    """A numeral written by place value ("两千五百", "十四", "一百零五") or digit by digit ("二〇二三"), or
    ``None`` for any other sequence.

    >>> _place_value("两千五百"), _place_value("十四"), _place_value("一百零五"), _place_value("二〇二三")
    (2500, 14, 105, 2023)
    >>> _place_value("百十"), _place_value("五五十")
    (None, None)
    """
    if all(ch in _SIMPLE for ch in text):
        return int("".join(str(_SIMPLE[ch]) for ch in text))  # "二〇二三": a year, digit by digit
    value = 0
    digit: int | None = None
    last_unit = 10_000
    zero = False  # a 零 since the last unit: the places it skips ("一百零五", "一千零五十")
    for ch in text:
        if ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit or (digit is None and value) or (zero and unit * 10 >= last_unit):
                return None  # "百十", "一百十", "一百零五十": not written by place value
            value += (1 if digit is None else digit) * unit
            last_unit, digit, zero = unit, None, False
        elif ch in "零〇":
            if digit is not None or zero or last_unit < 100 or last_unit == 10_000:
                return None  # (a 零 skips a place: after 百 or 千 only)
            zero = True
        elif digit is not None:
            return None  # "五五十"
        else:
            digit = _SIMPLE[ch]
    if digit is not None:
        if last_unit > 10 and not zero and value:
            return None  # "两千五": the colloquial short form, cn2an's to read
        value += digit
    elif zero:
        return None
    return value


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
