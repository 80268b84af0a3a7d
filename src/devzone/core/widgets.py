"""Form widgets for long choice lists: a province's 3,000 zones in a select.

Django writes each ``<option>`` through a template of its own; for thousands of options that is
seconds of a page's time. :class:`QuickSelect` writes the same markup in Python (the same escaping,
the same attributes), and the field should read only what an option shows (``only("pk", "name")``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def _attrs(attrs: dict[str, Any]) -> SafeString:
    # as Django's attrs.html: True is a bare attribute, False and None leave it out (flatatt escapes)
    return flatatt({k: v for k, v in attrs.items() if v is not False and v is not None})


def _options(options: list[dict[str, Any]]) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((o["value"], _attrs(o["attrs"]), o["label"]) for o in options),
    )


class QuickSelect(forms.Select):
    """A ``Select`` whose options are written in Python, not one template each."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        body = format_html_join(
            "",
            "{}",
            (
                (
                    format_html('<optgroup label="{}">{}</optgroup>', group, _options(options))
                    if group
                    else _options(options),
                )
                for group, options, _index in widget["optgroups"]
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], _attrs(widget["attrs"]), body)
