"""Every key a project method file may write, as dotted paths (``tier_sets[].tiers[].min``)."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any

from devzone.core.strict import fields_of
from devzone.projects.method import ProjectMethod


def _unwrap(t: Any) -> Any:
    while True:
        origin = typing.get_origin(t)
        if origin is Annotated:
            t = typing.get_args(t)[0]
        elif origin in (typing.Union, types.UnionType):
            t = next(a for a in typing.get_args(t) if a is not type(None))
        else:
            return t


def keys(model: Any, prefix: str = "") -> Iterator[str]:
    for key, info in fields_of(model).items():
        if key == "digest":
            continue
        path = f"{prefix}{key}"
        yield path
        t = _unwrap(info.annotation)
        if dataclasses.is_dataclass(t):
            yield from keys(t, f"{path}.")
        elif typing.get_origin(t) is tuple:
            item = _unwrap(typing.get_args(t)[0])
            if dataclasses.is_dataclass(item):
                yield from keys(item, f"{path}[].")


METHOD_KEYS = tuple(keys(ProjectMethod))
