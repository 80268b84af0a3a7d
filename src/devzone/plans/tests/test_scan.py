"""The readers that skip to where a match opens find exactly what a scan of every character finds.

Each reader's opening characters are written by hand beside its pattern; a rule that lets a pattern open
with a character not listed would make the reader miss those matches silently. These tests draw texts
from the characters the patterns read and compare every match with the pattern's own ``finditer``.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.plans import deadlines, quantities
from devzone.plans.scan import Opened

# the characters the deadline and quantity patterns read, and a few they do not
_ALPHABET = (
    "0123456789零〇一二两三四五六七八九十百千民国年月日号份底前末内以之上中下旬半季度第到至于在截止限间点"
    '明次本今当每按周个期五规划“”"‘「」(): xX×.,/%完成建成开工亿万元人户亩家项个工作实现'
)
_TEXTS = st.text(alphabet=_ALPHABET, max_size=60)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches if m.end() > m.start()]  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.integers(min_value=0, max_value=8))
def test_deadline_readers_find_what_a_full_scan_finds(text: str, pos: int) -> None:
    for name, (pattern, _) in deadlines.READERS.items():
        scan = deadlines._SCANS[name]
        assert _spans(scan.finditer(text, pos)) == _spans(pattern.finditer(text, pos)), name


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.integers(min_value=0, max_value=8), st.integers(min_value=0, max_value=60))
def test_quantity_scan_finds_what_a_full_scan_finds(text: str, pos: int, end: int) -> None:
    scan = quantities._QTY_SCAN
    assert _spans(scan.finditer(text, pos, end)) == _spans(scan.pattern.finditer(text, pos, end))


def test_real_deadline_phrases() -> None:
    text = "力争于2025年6月底前完成;到“十四五”末,民国113年12月底前,每季度调度,年内建成,2024年上半年"
    for name, (pattern, _) in deadlines.READERS.items():
        assert _spans(deadlines._SCANS[name].finditer(text)) == _spans(pattern.finditer(text)), name


def test_an_opener_missing_a_character_misses_its_matches() -> None:
    # the guard the tests above keep: a match opening with an unlisted character is not found
    scan = Opened(re.compile(r"(?:到|在)?\d{4}年"), re.compile(r"[\d]"))
    assert [m.group() for m in scan.finditer("到2025年")] == ["2025年"]
