"""QuickSelect writes the markup Django's Select writes: the same options, attributes and escaping."""

from __future__ import annotations

import re

from django import forms
from django.utils.safestring import mark_safe

from devzone.core.widgets import QuickSelect

CHOICES = [
    ("", "---------"),
    ("1", '甲区 <b>"&"</b>'),
    ("地区", [("2", "乙区"), ("3", "丙区"), ("1", "甲区（重复）")]),
    (None, "无"),
    (4, mark_safe("<i>丁区</i>")),
]


def _same(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_quick_select_writes_what_select_writes() -> None:
    for value in ("", "1", "3", None, 4, "x"):
        attrs = {"class": "form-select", "id": "id_zone", "required": True, "disabled": False}
        quick = QuickSelect(choices=CHOICES).render("zone", value, attrs=attrs)
        plain = forms.Select(choices=CHOICES).render("zone", value, attrs=attrs)
        assert _same(quick) == _same(plain)
    assert "&lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;" in QuickSelect(choices=CHOICES).render("zone", None)
