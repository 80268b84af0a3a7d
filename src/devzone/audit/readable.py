"""An audit entry as a person reads it: the record type and field names in Chinese, values shown as
the record's own page shows them (choices by their label, 是/否, numbers without float noise).

The entry stores the model label and raw field values (what the hash chain covers); the words are
looked up here, at display time, from the models' own ``verbose_name`` and ``choices``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, FileField, Model

EMPTY = "（空）"
STRUCTURED = "（结构化数据，见原始记录）"
SITE_PATH = re.compile(r"^/[a-z][\w/-]*/(?:\?.*)?$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


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


# Subjects of events that concern no model: the whole installation (backup and restore).
EVENT_SUBJECTS = {"devzone.Installation": "整个系统（数据库、上传文件和密钥）"}
# What those events keep (``after``), by name; a key not named here stays in the raw record only.
EVENT_DETAILS = {
    "archive": "备份文件",
    "sha256": "备份文件校验值（SHA-256）",
    "bytes": "大小（字节）",
    "database": "数据库",
    "media_files": "上传文件数",
    "backup_created": "备份时间",
    "backup_devzone": "备份时的软件版本",
    "operator": "服务器上的操作账号",
}


def model_name(label: str) -> str:
    """``plans.Task`` → 任务 (the model's verbose name), or the label when the model is gone."""
    if label in EVENT_SUBJECTS:
        return EVENT_SUBJECTS[label]
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


def _by_field(value: object, field: Field[Any, Any]) -> str | None:
    """A value as its field names it: a related record by its own name, a choice by its label."""
    if (
        (field.many_to_one or field.one_to_one)
        and field.related_model is not None
        and isinstance(value, int | str)
    ):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}（已删除）"
    if field.choices:
        labels = {str(key): str(label) for key, label in field.flatchoices}
        return labels.get(str(value))
    return None


def shown(value: object, field: Field[Any, Any] | None = None) -> str:
    """One stored value as text.

    >>> shown(True), shown(None), shown(57.45119312), shown(3.0), shown(["a", "b"])
    ('是', '（空）', '57.4512', '3', 'a、b')
    >>> shown("2026-12-02T08:08:07.312614+00:00"), shown({"kind": "level"})
    ('2026-12-02 08:08', '（结构化数据，见原始记录）')
    """
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if field is not None and (named := _by_field(value, field)) is not None:
        return named
    if isinstance(value, float):
        if not math.isfinite(value):
            return EMPTY
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    if isinstance(value, list) and all(not isinstance(item, (dict, list)) for item in value):
        return "、".join(shown(item) for item in value) or EMPTY
    if isinstance(value, (dict, list)):
        return STRUCTURED
    text = str(value)
    if SITE_PATH.match(text):
        return "（站内页面链接）"
    if ISO_DATETIME.match(text):
        return f"{text[:10]} {text[11:16]}"
    if field is not None and isinstance(field, FileField):
        return PurePosixPath(text).name
    return text


def readable_changes(label: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[Change]:
    """The fields that changed, named and shown in Chinese (fields without a name of their own — hashes,
    internal keys — are left out: the entry's own page keeps the raw record)."""
    model = model_of(label)
    old, new = before or {}, after or {}
    if label in EVENT_SUBJECTS:
        return [Change(EVENT_DETAILS[k], EMPTY, shown(new[k])) for k in EVENT_DETAILS if k in new]
    changes = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key):
            continue
        field = _field(model, key)
        if field is None or field.primary_key or str(field.verbose_name) == field.name.replace("_", " "):
            continue  # the record's own number is in its title; unnamed fields stay in the raw record
        changes.append(
            Change(str(field.verbose_name), shown(old.get(key), field), shown(new.get(key), field))
        )
    return changes
