"""Plain text (.txt): UTF-8, UTF-8/UTF-16 with BOM, or GB18030/GBK (see :mod:`devzone.plans.text`)."""

from __future__ import annotations

from devzone.plans.readers.tables import SourceText
from devzone.plans.text import decode_bytes


def read(data: bytes, name: str) -> SourceText:
    """The decoded text, offsets unchanged.

    >>> read("规划".encode("gb18030"), "a.txt").text
    '规划'
    """
    return SourceText(decode_bytes(data, source=name))
