"""Load criteria-set YAML files (``sets/*.yaml``) into :class:`~devzone.pools.criteria.CriteriaSet`, loudly.

A fault is reported as ``<file>: <key path>: <reason>`` (``criteria[4].threshold.bands[1].le: …``).
:func:`choose` picks, for a kind and an application date, the set in force on that date: 专精特新 and
小巨人 applications dated from 2026-04-01 use the 2026 sets, earlier ones the 2022 sets.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from devzone.core.strict import first_issue
from devzone.pools.criteria import CriteriaError, CriteriaSet

SETS_DIR = resources.files("devzone.pools") / "sets"
_SET = TypeAdapter(CriteriaSet)


def load_text(text: str, *, file: str) -> CriteriaSet:
    """Parse criteria YAML ``text``; ``file`` names it in errors.

    >>> load_text("id: x\\nkind: hte\\nweird: 1", file="bad.yaml")
    Traceback (most recent call last):
    ...
    devzone.pools.criteria.CriteriaError: bad.yaml: weird: 不认识的键（是否拼写有误？）
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CriteriaError(file=file, key="(yaml)", reason=str(exc)) from exc
    if isinstance(data, dict) and "digest" in data:
        raise CriteriaError(file=file, key="digest", reason="不认识的键（是否拼写有误？）")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        return _SET.validate_python(data, context={"digest": digest})
    except ValidationError as exc:
        key, reason = first_issue(exc)
        raise CriteriaError(file=file, key=key, reason=reason) from exc


def load_file(path: Path | Any) -> CriteriaSet:
    """Load the criteria file at ``path`` (a path or an importlib resource)."""
    return load_text(path.read_text(encoding="utf-8"), file=str(getattr(path, "name", path)))


def shipped() -> tuple[str, ...]:
    """Ids of the shipped sets, sorted."""
    return tuple(sorted(p.name.removesuffix(".yaml") for p in SETS_DIR.iterdir() if p.name.endswith(".yaml")))


@functools.cache
def resolve(set_id: str) -> CriteriaSet:
    """A shipped set by id, or a set file by path."""
    if set_id in shipped():
        return load_file(SETS_DIR / f"{set_id}.yaml")
    path = Path(set_id)
    if not path.is_file():
        raise CriteriaError(file=set_id, key="(file)", reason="没有这个名称的内置认定条件或文件")
    return load_file(path)


def all_shipped() -> tuple[CriteriaSet, ...]:
    """Every shipped set, loaded."""
    return tuple(resolve(s) for s in shipped())


def choose(kind: str, on: dt.date) -> CriteriaSet:
    """The shipped set of ``kind`` in force for an application dated ``on``.

    >>> choose("little_giant", dt.date(2026, 3, 31)).id, choose("little_giant", dt.date(2026, 4, 1)).id
    ('lg-2022', 'lg-2026')
    """
    found = [
        s for s in all_shipped()
        if s.kind == kind and s.effective.from_ <= on and (s.effective.until is None or on < s.effective.until)
    ]  # fmt: skip
    if not found:
        raise CriteriaError(file=kind, key="effective", reason=f"{on.isoformat()} 没有适用的认定条件")
    return max(found, key=lambda s: s.effective.from_)


def in_force(on: dt.date) -> tuple[CriteriaSet, ...]:
    """One set per kind, the one in force on ``on``."""
    kinds = dict.fromkeys(s.kind for s in all_shipped())
    out = []
    for kind in kinds:
        try:
            out.append(choose(kind, on))
        except CriteriaError:
            continue
    return tuple(out)
