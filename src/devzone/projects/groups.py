"""Group rows of the project table by zone, lead unit, channel, … in one pass (codes, then bincount).
Pure: no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from devzone.projects.columns import Floats, Texts
from devzone.projects.pipeline import Table

GROUP_COLUMNS = ("zone", "lead_unit", "channel", "kind", "event_name")


@dataclass(frozen=True, eq=False)
class Groups:
    """``keys[g]`` is the tuple of group *g*'s values; ``of[p]`` the group of row *p*."""

    by: tuple[str, ...]
    keys: tuple[tuple[str, ...], ...]
    of: npt.NDArray[np.intp]

    def sum(self, values: Floats, mask: npt.NDArray[np.bool_] | None = None) -> Floats:
        """Σ values per group over the rows in ``mask``."""
        weights = values if mask is None else np.where(mask, values, 0.0)
        out: Floats = np.bincount(self.of, weights, minlength=len(self.keys)).astype(np.float64)
        return out

    def count(self, mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
        out: npt.NDArray[np.int64] = np.bincount(self.of, mask.astype(np.int64), minlength=len(self.keys))
        return out

    def index(self, key: tuple[str, ...]) -> int:
        return self.keys.index(key)


def group(table: Table, by: Sequence[str]) -> Groups:
    """The groups of ``table`` by the columns ``by`` (of :data:`GROUP_COLUMNS`; empty: one group).

    >>> from datetime import date
    >>> from devzone.projects.method_load import resolve
    >>> from devzone.projects.pipeline import build
    >>> from devzone.projects.records import Project
    >>> ps = [Project(code=c, zone=z, lead_unit="U") for c, z in (("a", "Z2"), ("b", "Z1"), ("c", "Z2"))]
    >>> g = group(build(ps, [], resolve("zunyi-seed")), ["zone"])
    >>> g.keys, g.of.tolist()
    ((('Z1',), ('Z2',)), [1, 0, 1])
    """
    for name in by:
        if name not in GROUP_COLUMNS:
            raise ValueError(f"unknown group column {name!r} (one of {', '.join(GROUP_COLUMNS)})")
    if not by:
        return Groups((), ((),), np.zeros(table.n, dtype=np.intp))
    codes = np.zeros(table.n, dtype=np.int64)
    levels: list[Texts] = []
    for name in by:
        column: Texts = getattr(table, name)
        values, inverse = np.unique(column.astype(str), return_inverse=True)
        levels.append(values)
        codes = codes * len(values) + inverse
    used, of = np.unique(codes, return_inverse=True)
    keys = []
    for packed in used.tolist():
        parts, rest = [], packed
        for values in reversed(levels):
            rest, k = divmod(rest, len(values))
            parts.append(str(values[k]))
        keys.append(tuple(reversed(parts)))
    return Groups(tuple(by), tuple(keys), of.astype(np.intp))
