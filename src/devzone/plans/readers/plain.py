"""Plain text (.txt): UTF-8, UTF-8/UTF-16 with BOM, or GB18030/GBK (see :mod:`devzone.plans.text`)."""

from __future__ import annotations

from devzone.plans.text import decode_bytes


def read(data: bytes, name: str) -> str:
    """The decoded text, offsets unchanged.

    >>> read("规划".encode("gb18030"), "a.txt")
    '规划'
    """
    return decode_bytes(data, source=name)
