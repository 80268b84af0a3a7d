"""The engine's input: a long table (zone, indicator, year, value) and zone attributes (peer groups).

The table is column-oriented and immutable; :func:`pivot` turns one year into a zones × columns matrix.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.errors import DataError

FloatArray = NDArray[np.float64]
ZoneAttributes = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class LongTable:
    """Observations in long form; ``source`` names the file in errors. NaN = reported missing."""

    zone: tuple[str, ...]
    indicator: tuple[str, ...]
    year: tuple[int, ...]
    value: tuple[float, ...]
    source: str = "<data>"

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, str, int, float | None]], *, source: str = "<data>"
    ) -> LongTable:
        """Build from (zone, indicator, year, value) rows; None becomes NaN.

        >>> t = LongTable.from_rows([("A", "gdp", 2024, 1.0), ("B", "gdp", 2024, None), ("A", "gdp", 2023, 2.0)])
        >>> t.years, t.zones
        ((2023, 2024), ('A', 'B'))
        """
        z: list[str] = []
        i: list[str] = []
        y: list[int] = []
        v: list[float] = []
        for zone, ind, year, value in rows:
            z.append(str(zone))
            i.append(str(ind))
            y.append(int(year))
            v.append(float("nan") if value is None else float(value))
        return cls(zone=tuple(z), indicator=tuple(i), year=tuple(y), value=tuple(v), source=source)

    @property
    def years(self) -> tuple[int, ...]:
        """Distinct years, ascending."""
        return tuple(sorted(set(self.year)))

    @property
    def zones(self) -> tuple[str, ...]:
        """Distinct zones, sorted."""
        return tuple(sorted(set(self.zone)))

    @property
    def indicators(self) -> frozenset[str]:
        """Distinct indicator codes."""
        return frozenset(self.indicator)

    def sha256(self) -> str:
        """Snapshot id: sha256 of the sorted rows (zone, indicator, year, repr(value)); row order is irrelevant.

        >>> a = LongTable.from_rows([("A", "x", 2024, 1.0), ("B", "x", 2024, 2.0)])
        >>> b = LongTable.from_rows([("B", "x", 2024, 2.0), ("A", "x", 2024, 1.0)])
        >>> a.sha256() == b.sha256()
        True
        """
        rows = sorted(zip(self.zone, self.indicator, self.year, (repr(v) for v in self.value), strict=True))
        h = hashlib.sha256()
        for r in rows:
            h.update("\x1f".join(map(str, r)).encode("utf-8") + b"\x1e")
        return h.hexdigest()


@dataclass(frozen=True)
class Panel:
    """One year as a matrix: ``values[z, c]`` for zone ``zones[z]`` and column ``columns[c]``."""

    year: int
    zones: tuple[str, ...]
    columns: tuple[str, ...]
    values: FloatArray

    def column(self, code: str) -> FloatArray:
        """The values of one column."""
        return self.values[:, self.columns.index(code)]


def pivot(table: LongTable, *, year: int, columns: Sequence[str]) -> Panel:
    """The zones × columns matrix of ``year`` (zones sorted; absent cells NaN); duplicates are an error.

    >>> p = pivot(LongTable.from_rows([("B", "x", 2024, 2.0), ("A", "x", 2024, 1.0), ("A", "y", 2024, 5.0)]),
    ...           year=2024, columns=["x", "y"])
    >>> p.zones, p.values.tolist()
    (('A', 'B'), [[1.0, 5.0], [2.0, nan]])
    """
    col_index = {c: j for j, c in enumerate(columns)}
    zone_set = sorted({z for z, y in zip(table.zone, table.year, strict=True) if y == year})
    zone_index = {z: i for i, z in enumerate(zone_set)}
    out = np.full((len(zone_set), len(columns)), np.nan)
    seen = np.zeros(out.shape, dtype=bool)
    for z, ind, y, v in zip(table.zone, table.indicator, table.year, table.value, strict=True):
        if y != year or ind not in col_index:
            continue
        i, j = zone_index[z], col_index[ind]
        if seen[i, j]:
            raise DataError(source=table.source, key=f"开发区 {z}，指标 {ind}，{y} 年", reason="重复的行")
        seen[i, j] = True
        out[i, j] = v
    return Panel(year=year, zones=tuple(zone_set), columns=tuple(columns), values=out)


def group_labels(
    attributes: ZoneAttributes, *, zones: Sequence[str], attribute: str, source: str
) -> tuple[str, ...]:
    """Each zone's label for ``attribute`` (``all`` gives one group); a missing label is an error.

    >>> group_labels({"A": {"region3": "苏南"}, "B": {"region3": "苏北"}}, zones=["A", "B"], attribute="region3",
    ...              source="zones.csv")
    ('苏南', '苏北')
    """
    if attribute == "all":
        return tuple("all" for _ in zones)
    out = []
    for z in zones:
        label = attributes.get(z, {}).get(attribute)
        if label is None or label == "":
            raise DataError(source=source, key=f"开发区 {z}，属性 {attribute}", reason="没有同类组标签")
        out.append(str(label))
    return tuple(out)
