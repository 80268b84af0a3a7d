"""An audit entry as a person reads it: the record type and field names in Chinese, values shown as
the record's own page shows them (choices by their label, 是/否, numbers without float noise).

The entry stores the model label and raw field values (what the hash chain covers); the words are
looked up here, at display time, from the models' own ``verbose_name`` and ``choices``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model

EMPTY = "（空）"


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def model_of(label: str) -> type[Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_name(label: str) -> str:
    """``plans.Task`` → 任务 (the model's verbose name), or the label when the model is gone."""
    model = model_of(label)
    return str(model._meta.verbose_name) if model is not None else label


def _field(model: type[Model] | None, name: str) -> Field[Any, Any] | None:
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            found = model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
        if isinstance(found, Field):
            return found
    return None


def shown(value: object, field: Field[Any, Any] | None = None) -> str:
    """One stored value as text.

    >>> shown(True), shown(None), shown(57.45119312), shown(3.0), shown(["a", "b"])
    ('是', '（空）', '57.4512', '3', 'a、b')
    """
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if field is not None and field.choices:
        labels = {str(key): str(label) for key, label in field.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, float):
        if not math.isfinite(value):
            return EMPTY
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    if isinstance(value, list):
        return "、".join(shown(item) for item in value) or EMPTY
    if isinstance(value, dict):
        return "；".join(f"{key}：{shown(item)}" for key, item in value.items()) or EMPTY
    return str(value)


def readable_changes(label: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[Change]:
    """The fields that changed, named and shown in Chinese (fields without a name of their own — hashes,
    internal keys — are left out: the entry's own page keeps the raw record)."""
    model = model_of(label)
    old, new = before or {}, after or {}
    changes = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key):
            continue
        field = _field(model, key)
        if field is None or not field.verbose_name or str(field.verbose_name) == field.name.replace("_", " "):
            continue
        changes.append(
            Change(str(field.verbose_name), shown(old.get(key), field), shown(new.get(key), field))
        )
    return changes
