"""The row-wise input checks as they were before issue 16: the reference the set-based checks of
:mod:`devzone.enterprises.inputs` are compared with (``test_inputs_setbased.py``). Kept small and plain on
purpose — one Python call per cell — so it reads as the specification; not used by the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import ibis.expr.types as ir

from devzone.core.files import CellIssue as InputIssue
from devzone.enterprises import input_reasons as wording  # the wording: shared, not re-typed
from devzone.enterprises.inputs import (
    NON_NEGATIVE,
    PER_MU_LIMITS,
    SCALES,
    industry_problem,
    normalize_industry_code,
)
from devzone.enterprises.inputs_columns import (  # what one cell means: shared, not re-derived
    PARSERS,
)
from devzone.enterprises.inputs_schema import COLUMNS, NAMES, Column
from devzone.enterprises.uscc import problem


def _parse(column: Column, value: Any) -> tuple[Any, str | None]:
    """Parse one cell into the column's kind; returns (value, error)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, (wording.REQUIRED if column.required and column.kind != "bool" else None)
    try:
        return PARSERS[column.kind](value), None
    except (TypeError, ValueError):
        return None, wording.not_of_kind(value, column.kind)


def _row_checks(r: dict[str, Any], known: frozenset[str] | None) -> Iterator[tuple[str, str]]:
    if r.get("uscc") and (p := problem(r["uscc"])):
        yield "uscc", wording.uscc_refused(r["uscc"], p.reason)
    if r.get("scale") and r["scale"] not in SCALES:
        yield "scale", wording.scale(r["scale"])
    if r.get("industry_code") and (p2 := industry_problem(r["industry_code"], known)):
        yield "industry_code", p2
    land = r.get("land_mu")
    if land is not None and land <= 0:
        yield "land_mu", wording.land_not_positive(land)
    for name in NON_NEGATIVE:
        if r.get(name) is not None and r[name] < 0:
            yield name, wording.negative(r[name])
    if land is not None and land > 0:
        for name, limit in PER_MU_LIMITS.items():
            if r.get(name) is not None and r[name] / land > limit:
                yield name, wording.per_mu_slip(r[name], land)


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
            InputIssue(file=source, sheet=sheet, row=number, column=str(key), reason=wording.UNKNOWN_COLUMN)
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
                                     reason=wording.duplicate_of(seen[key], key[0])))  # fmt: skip
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
    ['91350100M000100Y44：校验码为 4，按 GB 32100—2015 应为 3']
    """
    issues: list[InputIssue] = []
    seen: set[tuple[Any, Any]] = set()
    first = 1
    columns = [c.name for c in COLUMNS if c.name in table.columns]
    for batch in table.select(*columns).to_pyarrow().to_batches(max_chunksize=batch_rows):
        records = batch.to_pylist()
        _, found = parse_records(records, source=source, first_row=first)
        issues.extend(i for i in found if not wording.is_duplicate(i.reason))
        for offset, r in enumerate(records):
            key = (r.get("year"), r.get("uscc"))
            if key in seen:
                issues.append(InputIssue(file=source, sheet="", row=first + offset, column="uscc",
                                         reason=wording.duplicate(key[0])))  # fmt: skip
            seen.add(key)
        first += len(records)
    return issues
