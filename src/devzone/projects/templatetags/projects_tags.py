"""Money as a Chinese reader expects it: 万元 below 1 亿元, 亿元 from there (the records hold 万元)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def money(wan: float | None) -> str:
    """``12345.6`` → ``1.23亿元``; ``850`` → ``850万元``; None → ``—``.

    >>> money(123456.0), money(850.0), money(None)
    ('12.35亿元', '850万元', '—')
    """
    if wan is None:
        return "—"
    if abs(wan) >= 1e4:
        return f"{wan / 1e4:,.2f}亿元"
    return f"{wan:,.2f}".rstrip("0").rstrip(".") + "万元"


@register.filter
def percent(share: float | None) -> str:
    """``0.5`` → ``50.0%``; None → ``—``."""
    return "—" if share is None else f"{100 * share:.1f}%"
