"""Uploaded files live only as long as the rows that name them.

An action that keeps a file writes it inside its transaction, so a failed write rolls the rows back
too, and the file goes again when the transaction rolls back::

    with atomic_with_files():            # or @atomic_with_files() on the action
        save_file(document.file, name, ContentFile(data))
        document.save()

A process killed between the write and the commit leaves a file no row names; ``devzone media clean``
(:func:`unreferenced`) finds those. Writing the file after the commit instead would trade that harmless
orphan for a committed row whose file is missing.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import ContextDecorator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

_local = threading.local()


def _frames() -> list[list[FieldFile]]:
    if not hasattr(_local, "frames"):
        _local.frames = []
    frames: list[list[FieldFile]] = _local.frames
    return frames


class atomic_with_files(ContextDecorator):
    """``transaction.atomic()`` that also deletes the files :func:`save_file` wrote in it if it rolls back.

    Nested inside another ``atomic_with_files``, its files are handed to the outer block, whose
    rollback removes them as well.
    """

    def __init__(self, using: str | None = None) -> None:
        self.using = using
        # One instance serves every call of a decorated action, in every thread: its state is per thread.
        self._atomics = threading.local()

    def __enter__(self) -> None:
        atomic = transaction.atomic(using=self.using)
        self._atomics.__dict__.setdefault("stack", []).append(atomic)
        _frames().append([])
        atomic.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        atomic = self._atomics.stack.pop()
        saved = _frames().pop()
        try:
            atomic.__exit__(exc_type, exc, tb)
        except BaseException:
            _delete(saved)  # the commit itself failed
            raise
        if exc_type is not None:
            _delete(saved)
        elif _frames():
            _frames()[-1].extend(saved)


def save_file(field_file: FieldFile, name: str, content: File) -> None:
    """Write an upload into its file field inside the current :class:`atomic_with_files` block.

    The row is not saved here (the caller saves it with its other fields).
    """
    frames = _frames()
    if not frames:
        raise RuntimeError("save_file() must run inside atomic_with_files()")
    field_file.save(name, content, save=False)
    frames[-1].append(field_file)


def _delete(saved: list[FieldFile]) -> None:
    for field_file in saved:
        if field_file.name:
            field_file.storage.delete(field_file.name)


# ---- devzone media clean -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Orphan:
    """A file under MEDIA_ROOT that no file field names."""

    name: str  # relative to MEDIA_ROOT, with forward slashes
    size: int
    age_minutes: float


def file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    """Every (model, file field) of the installed apps."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def referenced_names() -> set[str]:
    """The names stored in every file field of every row."""
    names: set[str] = set()
    for model, field in file_fields():
        names.update(
            model._default_manager.exclude(**{field.attname: ""})
            .exclude(**{f"{field.attname}__isnull": True})
            .values_list(field.attname, flat=True)
        )
    return names


def stored_files(root: Path | None = None) -> Iterator[Path]:
    """Every regular file under MEDIA_ROOT."""
    base = Path(root if root is not None else settings.MEDIA_ROOT)
    if not base.is_dir():
        return
    for folder, _dirs, files in os.walk(base):
        for name in files:
            yield Path(folder) / name


def unreferenced(*, grace_minutes: int, now: float | None = None) -> list[Orphan]:
    """Files under MEDIA_ROOT that no row names and that are older than ``grace_minutes``.

    The grace period spares the file of an upload whose transaction is still open.
    """
    base = Path(settings.MEDIA_ROOT)
    names = referenced_names()
    moment = time.time() if now is None else now
    orphans = []
    for path in stored_files(base):
        name = path.relative_to(base).as_posix()
        if name in names:
            continue
        stat = path.stat()
        age = (moment - stat.st_mtime) / 60
        if age >= grace_minutes:
            orphans.append(Orphan(name=name, size=stat.st_size, age_minutes=age))
    return sorted(orphans, key=lambda o: o.name)


def remove(orphans: list[Orphan]) -> int:
    """Delete the listed files (a name referenced meanwhile is kept) and the folders they leave empty."""
    base = Path(settings.MEDIA_ROOT)
    names = referenced_names()
    removed = 0
    for orphan in orphans:
        if orphan.name in names:
            continue
        path = base / orphan.name
        path.unlink(missing_ok=True)
        removed += 1
        folder = path.parent
        while folder != base and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed
