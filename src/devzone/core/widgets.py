"""Form widgets for long choice lists: a province's 3,000 zones in a select.

Django writes each ``<option>`` through a template of its own; for thousands of options that is
seconds of a page's time. :class:`QuickSelect` writes the same markup in Python (the same escaping,
the same attributes), and the field should read only what an option shows (``only("pk", "name")``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> SafeString:
    # as Django's attrs.html: True is a bare attribute, False and None leave it out (flatatt escapes)
    return flatatt({k: v for k, v in attrs.items() if v is not False and v is not None})


class QuickSelect(forms.Select):
    """A ``Select`` whose options are written in Python, not one template each.

    It walks ``choices`` once as Django's ``optgroups`` does (a group is a (name, [choices]) pair; the first
    option whose value matches is the selected one) without building an option dict per choice: 3,000
    options take milliseconds, not the 0.3 s of ``optgroups`` and one ``format_html`` each.
    """

    def _option(self, value: Any, label: Any, chosen: set[str], state: list[bool]) -> str:
        text = str(value)
        selected = text in chosen and (not state[0] or self.allow_multiple_selected)
        state[0] |= selected
        return f'<option value="{escape(text)}"{" selected" if selected else ""}>{conditional_escape(label)}</option>'

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        if self.allow_multiple_selected:
            widget["attrs"]["multiple"] = True
        chosen, state, parts = set(widget["value"]), [False], []
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                options = "".join(self._option(v, label, chosen, state) for v, label in option_label)
                parts.append(f'<optgroup label="{conditional_escape(option_value)}">{options}</optgroup>')
            else:
                parts.append(
                    self._option("" if option_value is None else option_value, option_label, chosen, state)
                )
        body = mark_safe("".join(parts))  # noqa: S308 — every value and label above is escaped
        return format_html('<select name="{}"{}>{}</select>', widget["name"], _attrs(widget["attrs"]), body)
