"""The row-wise input checks as they were before issue 16: the reference the set-based checks of
:mod:`devzone.enterprises.inputs` are compared with (``test_inputs_setbased.py``). Kept small and plain on
purpose — one Python call per cell — so it reads as the specification; not used by the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import ibis.expr.types as ir

from devzone.core.files import CellIssue as InputIssue
from devzone.enterprises.inputs import (
    NON_NEGATIVE,
    PER_MU_LIMITS,
    SCALES,
    industry_problem,
    normalize_industry_code,
)
from devzone.enterprises.inputs_columns import (  # what one cell means: shared, not re-derived
    ARTICLES,
    PARSERS,
)
from devzone.enterprises.inputs_schema import COLUMNS, NAMES, Column
from devzone.enterprises.uscc import problem


def _parse(column: Column, value: Any) -> tuple[Any, str | None]:
    """Parse one cell into the column's kind; returns (value, error)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ("is required" if column.required and column.kind != "bool" else None)
    try:
        return PARSERS[column.kind](value), None
    except (TypeError, ValueError) as exc:
        return None, f"{value!r} is not {ARTICLES[column.kind]} ({exc.__class__.__name__})"


def _row_checks(r: dict[str, Any], known: frozenset[str] | None) -> Iterator[tuple[str, str]]:
    if r.get("uscc") and (p := problem(r["uscc"])):
        yield "uscc", f"{r['uscc']}: {p.reason}"
    if r.get("scale") and r["scale"] not in SCALES:
        yield "scale", f"{r['scale']!r} is not above or below"
    if r.get("industry_code") and (p2 := industry_problem(r["industry_code"], known)):
        yield "industry_code", p2
    land = r.get("land_mu")
    if land is not None and land <= 0:
        yield "land_mu", f"land must be > 0 亩, got {land:g}"
    for name in NON_NEGATIVE:
        if r.get(name) is not None and r[name] < 0:
            yield name, f"must be >= 0, got {r[name]:g}"
    if land is not None and land > 0:
        for name, limit in PER_MU_LIMITS.items():
            if r.get(name) is not None and r[name] / land > limit:
                yield name, (f"{r[name]:g} over {land:g} 亩 is {r[name] / land:,.0f} 万元/亩 — "
                             "looks like 元 where 万元 is expected (divide by 10,000)")  # fmt: skip


def parse_records(
    records: Iterable[Mapping[str, Any]],
    *,
    source: str,
    sheet: str = "",
    first_row: int = 2,
    row_numbers: Sequence[int] | None = None,
    known_industries: frozenset[str] | None = None,
) -> tuple[list[dict[str, Any]], list[InputIssue]]:
    """Parse and check every row, one cell at a time; returns (typed rows, every issue)."""
    rows: list[dict[str, Any]] = []
    issues: list[InputIssue] = []
    seen: dict[tuple[Any, Any], int] = {}
    for offset, record in enumerate(records):
        number = row_numbers[offset] if row_numbers is not None else first_row + offset
        issues.extend(
            InputIssue(file=source, sheet=sheet, row=number, column=str(key), reason="unknown column")
            for key in record
            if key not in NAMES and not str(key).startswith("_")
        )
        parsed: dict[str, Any] = {}
        for column in COLUMNS:
            value, error = _parse(column, record.get(column.name))
            parsed[column.name] = value
            if error:
                issues.append(
                    InputIssue(file=source, sheet=sheet, row=number, column=column.name, reason=error)
                )
        if parsed["leased"] is None:
            parsed["leased"] = False
        issues.extend(
            InputIssue(file=source, sheet=sheet, row=number, column=name, reason=reason)
            for name, reason in _row_checks(parsed, known_industries)
        )
        if parsed.get("industry_code"):
            parsed["industry_code"] = normalize_industry_code(parsed["industry_code"])
        key = (parsed["year"], parsed["uscc"])
        if None not in key and key in seen:
            issues.append(InputIssue(file=source, sheet=sheet, row=number, column="uscc",
                                     reason=f"duplicate of row {seen[key]} (year {key[0]})"))  # fmt: skip
        seen.setdefault(key, number)
        rows.append(parsed)
    return rows, issues


def check_table(table: ir.Table, *, source: str, batch_rows: int = 200_000) -> list[InputIssue]:
    """Check an Ibis table in batches of rows (row numbers count from 1 in the table's order).

    >>> import ibis
    >>> t = ibis.memtable({"year": [2022], "uscc": ["91350100M000100Y44"], "name": ["甲"], "zone": ["Z"],
    ...     "industry_code": ["3311"], "scale": ["above"], "land_mu": [5.0], "leased": [False],
    ...     "tax": [10.0], "sales": [100.0]})
    >>> [i.reason for i in check_table(t, source="t")]
    ['91350100M000100Y44: check character is 4, expected 3']
    """
    issues: list[InputIssue] = []
    seen: set[tuple[Any, Any]] = set()
    first = 1
    columns = [c.name for c in COLUMNS if c.name in table.columns]
    for batch in table.select(*columns).to_pyarrow().to_batches(max_chunksize=batch_rows):
        records = batch.to_pylist()
        _, found = parse_records(records, source=source, first_row=first)
        issues.extend(i for i in found if not i.reason.startswith("duplicate"))
        for offset, r in enumerate(records):
            key = (r.get("year"), r.get("uscc"))
            if key in seen:
                issues.append(InputIssue(file=source, sheet="", row=first + offset, column="uscc",
                                         reason=f"duplicate (year {key[0]})"))  # fmt: skip
            seen.add(key)
        first += len(records)
    return issues
