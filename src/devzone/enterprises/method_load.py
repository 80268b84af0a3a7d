"""Load a method YAML file into a :class:`~devzone.enterprises.method.Method`, loudly.

The objects of :mod:`devzone.enterprises.method` validate themselves (pydantic); this module reads the
file, hands over its digest, and turns the first fault into a :class:`MethodError` naming the file and
the key path (``segments[1].indicators[0].weight``). :data:`METHOD_KEYS` lists every accepted key path.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import typing
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from devzone.core.citations import record
from devzone.core.strict import fields_of, first_issue
from devzone.enterprises.method import Method, MethodError

METHODS_DIR = resources.files("devzone.enterprises") / "methods"
_METHOD = TypeAdapter(Method)


def _keys(cls: type, prefix: str) -> list[str]:
    """Key paths of a pydantic dataclass as a file writes them (``segments[].indicators[].weight``)."""
    keys: list[str] = []
    for name, info in fields_of(cls).items():
        if name == "digest":  # the loader's, not the file's
            continue
        key, inner = f"{prefix}{name}", info.annotation
        many = typing.get_origin(inner) is tuple
        for candidate in (*typing.get_args(inner), inner):
            arg = (
                typing.get_args(candidate)[0]
                if typing.get_origin(candidate) is typing.Annotated
                else candidate
            )
            if dataclasses.is_dataclass(arg) and hasattr(arg, "__pydantic_fields__"):
                key += "[]" if many else ""
                keys.append(key)
                keys.extend(_keys(arg, f"{key}."))  # type: ignore[arg-type]
                break
        else:
            keys.append(key)
    return keys


METHOD_KEYS: tuple[str, ...] = tuple(_keys(Method, ""))
"""Every key path a method file may contain; a test checks each has an entry in docs/mu-methods.md."""


def load_text(text: str, *, file: str) -> Method:
    """Parse method YAML ``text``; ``file`` is used in error messages.

    >>> m = load_method(METHODS_DIR / "zj-huangyan-2022.yaml")
    >>> (m.id, [s.code for s in m.segments], m.class_codes)
    ('zj-huangyan-2022', ['above', 'below'], ('A', 'B', 'C', 'D'))
    >>> load_text("id: x\\nweird: 1", file="bad.yaml")
    Traceback (most recent call last):
    ...
    devzone.enterprises.method.MethodError: bad.yaml: weird: 不认识的键（是否拼写有误？）
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MethodError(file=file, key="(yaml)", reason=str(exc)) from exc
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        return _METHOD.validate_python(data, context={"digest": digest})
    except ValidationError as exc:
        key, reason = first_issue(exc)
        raise MethodError(file=file, key=key, reason=reason) from exc


def load_method(path: Path | Any) -> Method:
    """Load the method file at ``path`` (a path or an importlib resource).

    >>> load_method(METHODS_DIR / "js-huaian-2024.yaml").exempt_class.code
    'T'
    >>> load_method(METHODS_DIR / "lyg-seed.yaml").classing.shares[0]
    ('A', 0.2)
    >>> len(load_method(METHODS_DIR / "zj-huangyan-2022.yaml").digest)
    64
    """
    return load_text(path.read_text(encoding="utf-8"), file=str(path))


def shipped_methods() -> tuple[str, ...]:
    """Ids of the method files shipped in ``methods/``.

    >>> shipped_methods()
    ('js-huaian-2024', 'lyg-seed', 'zj-huangyan-2022')
    >>> "lyg-seed" in shipped_methods()
    True
    >>> len(shipped_methods())
    3
    """
    return tuple(
        sorted(p.name.removesuffix(".yaml") for p in METHODS_DIR.iterdir() if p.name.endswith(".yaml"))
    )


def resolve(id_or_file: str) -> Method:
    """Load a shipped method by id, or a method file by path.

    >>> resolve("lyg-seed").id
    'lyg-seed'
    >>> resolve("zj-huangyan-2022").segments[1].label
    '规下'
    >>> resolve("no-such-method")
    Traceback (most recent call last):
    ...
    devzone.enterprises.method.MethodError: no-such-method: (file): 没有这个名称的内置评价办法或文件
    """
    if id_or_file in shipped_methods():
        return load_method(METHODS_DIR / f"{id_or_file}.yaml")
    path = Path(id_or_file)
    if not path.is_file():
        raise MethodError(file=id_or_file, key="(file)", reason="没有这个名称的内置评价办法或文件")
    return load_method(path)


@functools.cache
def method_title(method_id: str) -> str:
    """The title of a shipped method, for choosing it by name (``lyg-seed`` → its 中文 title)."""
    return str(resolve(method_id).title)


def _earlier_format(data: object) -> bool:
    """Whether a stored method text is of the format before sources were typed (``notes``, ``section``)."""
    if not isinstance(data, dict):
        return False
    listed = data.get("sources")
    sources: list[Any] = listed if isinstance(listed, list) else []
    return "notes" in data or any(isinstance(s, dict) and "section" in s for s in sources)


def load_stored(text: str, *, file: str) -> Method:
    """Load the method text a run stored when it was made.

    A run made before sources were typed stored ``{title, url, section}`` sources (mirror urls among
    them) and English ``notes``. Such a text loads with every rule value as stored — the digest is still
    the stored text's — but with the citations and 假设 of the shipped method of the same id (or, for a
    method not shipped, its title as the only citation and no 假设), so the run's report and lists open
    and show no mirror and no developer note. Any other fault is refused as :func:`load_text` refuses it.
    """
    try:
        return load_text(text, file=file)
    except MethodError:
        data = yaml.safe_load(text)
        if not _earlier_format(data):
            raise
    shipped = resolve(data["id"]) if data.get("id") in shipped_methods() else None
    data = {k: v for k, v in data.items() if k != "notes"}
    data["sources"] = [record(c) for c in shipped.sources] if shipped else [{"title": str(data.get("title"))}]
    data["assumptions"] = [record(a) for a in shipped.assumptions] if shipped else []
    if shipped is None:
        data.pop("assumed", None)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        return _METHOD.validate_python(data, context={"digest": digest})
    except ValidationError as exc:
        key, reason = first_issue(exc)
        raise MethodError(file=file, key=key, reason=reason) from exc
