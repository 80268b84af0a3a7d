"""The plan's source text as HTML with every task and field wrapped in an element named by its span."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True, kw_only=True)
class Mark:
    start: int
    end: int
    element_id: str
    css: str


def _nested(marks: list[Mark]) -> list[Mark]:
    """Keep marks that are disjoint or nested (first come wins); drop ones that cross."""
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if mark.end <= mark.start:
            continue
        crossing = any(
            k.start < mark.start < k.end < mark.end or (k.start == mark.start and k.end == mark.end)
            for k in kept
        )
        if not crossing:
            kept.append(mark)
    return kept


def source_html(text: str, *, offset: int, marks: list[Mark]) -> SafeString:
    """``text`` starts at ``offset`` of the document; marks use document offsets."""
    kept = _nested([m for m in marks if offset <= m.start and m.end <= offset + len(text)])
    opens: dict[int, list[Mark]] = {}
    closes: dict[int, int] = {}
    for m in kept:
        opens.setdefault(m.start - offset, []).append(m)
        closes[m.end - offset] = closes.get(m.end - offset, 0) + 1
    out: list[str] = []
    points = sorted({0, len(text), *opens, *closes})
    for a, b in itertools.pairwise(points):
        out.append("</span>" * closes.get(a, 0))
        out.extend(
            f'<span id="{m.element_id}" class="{m.css}" data-field="{m.element_id}">'
            for m in opens.get(a, [])
        )
        out.append(escape(text[a:b]))
    out.append("</span>" * closes.get(len(text), 0))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above
