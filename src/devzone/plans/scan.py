"""Regex scans that skip to where a match can open.

Python's regex engine searches quickly only for a pattern that opens with a literal or a character
class: it then jumps from one such character to the next. A pattern opening with an optional group or
a choice of repeats ("(?P<pre>到|至)?(?:\\d{4}年)?9月底前", "\\d+|[一二三]{1,8}") is tried at every
character of the text, which made the deadline and quantity readers the slowest scans of a plan.
``Opened`` pairs such a pattern with the class of characters every match of it opens with, and tries
the pattern only where the class finds one: the same matches as ``finditer``, in a fraction of the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Opened:
    """``pattern`` with ``opener``, a character class matching the first character of its every match.

    >>> year = Opened(re.compile(r"(?:到|在)?\\d{4}年"), re.compile(r"[到在\\d]"))
    >>> [m.group() for m in year.finditer("力争在2025年、到2027年底")]
    ['在2025年', '到2027年']
    >>> [m.span() for m in year.finditer("2024年2025年", 1)]
    [(5, 10)]
    """

    pattern: re.Pattern[str]
    opener: re.Pattern[str]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The non-empty matches ``pattern.finditer(text, pos, endpos)`` gives, in order (the patterns
        given here match no empty string: each reads a word)."""
        end = len(text) if endpos is None else min(endpos, len(text))
        search, match = self.opener.search, self.pattern.match
        at = pos
        while True:
            found = search(text, at, end)
            if found is None:
                return
            start = found.start()
            m = match(text, start, end)
            if m is None or m.end() == start:
                at = start + 1
                continue
            yield m
            at = m.end()
