"""Load a project method YAML file into a :class:`~devzone.projects.method.ProjectMethod`, loudly.

The objects of :mod:`devzone.projects.method` validate themselves (pydantic); this module reads the file,
hands over its digest, and turns the first fault into a :class:`ProjectMethodError` naming the file and the
key path (``tier_sets[0].tiers[1].min``).
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from devzone.core.strict import first_issue
from devzone.projects.method import ProjectMethod, ProjectMethodError

METHODS_DIR = resources.files("devzone.projects") / "methods"
_METHOD = TypeAdapter(ProjectMethod)


def load_text(text: str, *, file: str) -> ProjectMethod:
    """Parse project method YAML ``text``; ``file`` is used in error messages.

    >>> m = load_method(METHODS_DIR / "zunyi-seed.yaml")
    >>> (m.id, m.counting.start_evidence, [t.min for t in m.tier_sets[0].tiers])
    ('zunyi-seed', '入库', [50.0, 20.0, 10.0])
    >>> load_text("id: x\\nweird: 1", file="bad.yaml")
    Traceback (most recent call last):
    ...
    devzone.projects.method.ProjectMethodError: bad.yaml: weird: 不认识的键（是否拼写有误？）
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProjectMethodError(file=file, key="(yaml)", reason=f"不是有效的 YAML（{exc}）") from exc
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        return _METHOD.validate_python(data, context={"digest": digest})
    except ValidationError as exc:
        key, reason = first_issue(exc)
        raise ProjectMethodError(file=file, key=key, reason=reason) from exc


def load_method(path: Path | Any) -> ProjectMethod:
    """Load the method file at ``path`` (a path or an importlib resource)."""
    return load_text(path.read_text(encoding="utf-8"), file=str(path))


def shipped_methods() -> tuple[str, ...]:
    """Ids of the project method files shipped in ``methods/``.

    >>> shipped_methods()
    ('lyg-seed', 'qianlima-2024', 'zunyi-seed')
    """
    return tuple(
        sorted(p.name.removesuffix(".yaml") for p in METHODS_DIR.iterdir() if p.name.endswith(".yaml"))
    )


def resolve(id_or_file: str) -> ProjectMethod:
    """Load a shipped method by id, or a method file by path.

    >>> resolve("no-such-method")
    Traceback (most recent call last):
    ...
    devzone.projects.method.ProjectMethodError: no-such-method: (file): 没有这个名称的内置招商项目办法或文件
    """
    if id_or_file in shipped_methods():
        return load_method(METHODS_DIR / f"{id_or_file}.yaml")
    path = Path(id_or_file)
    if not path.is_file():
        raise ProjectMethodError(file=id_or_file, key="(file)", reason="没有这个名称的内置招商项目办法或文件")
    return load_method(path)
