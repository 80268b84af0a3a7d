"""Validate enterprise-year input rows against the canonical columns, collecting every error at once.

Checks per cell: required values present; numbers, whole numbers and booleans parse; ``scale`` is
``above``/``below``; ``land_mu`` > 0; quantities ≥ 0 (tax may be negative: refunds); the USCC check
character (GB 32100-2015, :mod:`devzone.enterprises.uscc`); the industry code (GB/T 4754-2017 division
01–97, optional section letter, or a caller's list); duplicates of (year, uscc); and unit slips — money
per 亩 far above any published 亩均 figure means 元 was entered where 万元 is expected (the highest county
亩均税收 in Zhejiang 2021 was 55.29 万元/亩, spec §5; the limits below are ~40× that).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from devzone.core.files import CellIssue, FileRefused
from devzone.enterprises import input_reasons as wording
from devzone.enterprises.inputs_columns import FALSE_WORDS, TRUE_WORDS, Parsed, parse_column, string_bytes
from devzone.enterprises.inputs_schema import COLUMNS, NAMES
from devzone.enterprises.uscc import CHARSET, WEIGHTS, problem

if TYPE_CHECKING:
    import ibis.expr.types as ir

# 万元 per 亩 above which a money column is taken for a 元 slip (×10,000)
PER_MU_LIMITS: dict[str, float] = {
    "tax": 2_000.0,
    "sales": 100_000.0,
    "value_added": 30_000.0,
    "rd_expense": 5_000.0,
}
NON_NEGATIVE = (
    "sales",
    "value_added",
    "energy_tce",
    "emission_equiv",
    "rd_expense",
    "employees",
    "electricity_kwh",
)
SCALES = ("above", "below")
__all__ = [
    "FALSE_WORDS",
    "TRUE_WORDS",
    "InputError",
    "InputIssue",
    "check_arrow",
    "check_table",
    "parse_records",
]
# GB/T 4754-2017 sections by division range
SECTIONS = (("A", 1, 5), ("B", 6, 12), ("C", 13, 43), ("D", 44, 46), ("E", 47, 50), ("F", 51, 52), ("G", 53, 60),
            ("H", 61, 62), ("I", 63, 65), ("J", 66, 69), ("K", 70, 70), ("L", 71, 72), ("M", 73, 75),
            ("N", 76, 79), ("O", 80, 82), ("P", 83, 83), ("Q", 84, 85), ("R", 86, 90), ("S", 91, 96),
            ("T", 97, 97))  # fmt: skip


# A refused cell and the refusal are the shared reader's types (core/files.py), so the CLI, the web import
# and the API report a bad cell the same way.
InputIssue = CellIssue
InputError = FileRefused


def section_of(division: int) -> str | None:
    """GB/T 4754-2017 section letter of a two-digit division, or None.

    >>> section_of(33), section_of(44), section_of(98)
    ('C', 'D', None)
    >>> section_of(1)
    'A'
    >>> section_of(0) is None
    True
    """
    return next((s for s, lo, hi in SECTIONS if lo <= division <= hi), None)


def normalize_industry_code(code: str) -> str:
    """Strip blanks and a leading section letter: ``C3311`` → ``3311``.

    >>> normalize_industry_code(" C3311 ")
    '3311'
    >>> normalize_industry_code("4411")
    '4411'
    >>> normalize_industry_code("c13")
    '13'
    """
    code = code.strip().upper()
    return code[1:] if code[:1].isalpha() else code


def industry_problem(raw: str, known: frozenset[str] | None = None) -> str | None:
    """Why ``raw`` is not an industry code, or None.

    >>> industry_problem("C3311") is None
    True
    >>> industry_problem("A3311")
    '门类 A 与大类 33 不符（大类 33 属门类 C）'
    >>> industry_problem("9911")
    '行业大类 99 不存在（GB/T 4754—2017 的大类为 01—97）'
    """
    code = normalize_industry_code(raw)
    if not code.isdigit() or len(code) not in {2, 3, 4}:
        return wording.industry_digits(raw)
    section = section_of(int(code[:2]))
    if section is None:
        return wording.industry_division(code[:2])
    letter = raw.strip().upper()[:1]
    if letter.isalpha() and letter != section:
        return wording.industry_section(letter, code[:2], section)
    if known is not None and code not in known and code[:2] not in known:
        return wording.industry_unknown(code)
    return None


# A row's issues come in this order: unknown columns, refused cells in column order, the checks below in
# this order, the duplicate last. Checks run on whole columns; only the issues found are formatted.
CELL_STAGE = 1
USCC_STAGE = CELL_STAGE + len(COLUMNS)
SCALE_STAGE, INDUSTRY_STAGE, LAND_STAGE = USCC_STAGE + 1, USCC_STAGE + 2, USCC_STAGE + 3
NEGATIVE_STAGE = LAND_STAGE + 1
PER_MU_STAGE = NEGATIVE_STAGE + len(NON_NEGATIVE)
DUPLICATE_STAGE = PER_MU_STAGE + len(PER_MU_LIMITS)
STAGES = DUPLICATE_STAGE + 1
# the value of each byte in the GB 32100 character set; 255 for a byte outside it
_USCC_VALUE = np.full(256, 255, dtype=np.uint8)
_USCC_VALUE[[ord(c) for c in CHARSET]] = np.arange(len(CHARSET))
_NAME_SET = frozenset(NAMES)

Positions = npt.NDArray[np.int64]


class _Found:
    """Issues gathered check by check as (positions, stage, column, reasons), put in row order at the end."""

    def __init__(self) -> None:
        self.parts: list[tuple[Positions, int, str | list[str], list[str]]] = []
        self.offset = 0  # the position of the first row of the batch being checked

    def add(self, at: Positions, stage: int, column: str | list[str], reasons: list[str]) -> None:
        """Issues at ``at`` (positions, not row numbers), one column for all or one each."""
        if len(at):
            self.parts.append((np.asarray(at, dtype=np.int64) + self.offset, stage, column, reasons))

    def issues(self, numbers: Sequence[int] | Positions, *, source: str, sheet: str) -> list[InputIssue]:
        if not self.parts:
            return []
        at = np.concatenate([p[0] for p in self.parts])
        key = at * STAGES + np.concatenate([np.full(len(p[0]), p[1]) for p in self.parts])
        column = [c for p in self.parts for c in ([p[2]] * len(p[0]) if isinstance(p[2], str) else p[2])]
        reasons = [r for p in self.parts for r in p[3]]
        rows = np.asarray(numbers)[at].tolist()
        return [InputIssue(file=source, sheet=sheet, row=rows[i], column=column[i], reason=reasons[i])
                for i in np.argsort(key, kind="stable").tolist()]  # fmt: skip


def _flags(array: pa.Array | pa.ChunkedArray) -> npt.NDArray[np.bool_]:
    """A boolean Arrow result as numpy, null as False."""
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=np.bool_)


def _uscc_refused(codes: pa.Array) -> Positions:
    """Positions of present codes that fail GB 32100, found on the UTF-8 bytes: 18 bytes of the character
    set (digits in 3-8) and the check character, in numpy; why each fails is :func:`uscc.problem`'s."""
    fine = np.zeros(len(codes), dtype=np.bool_)
    starts, lengths, data = string_bytes(codes)
    sized = np.flatnonzero(lengths == 18)
    if len(sized):
        if len(sized) == len(codes) and starts[-1] - starts[0] == 18 * (len(codes) - 1):
            cells = data[starts[0] : starts[0] + 18 * len(codes)].reshape(
                -1, 18
            )  # every cell 18 bytes, in a row
        else:
            cells = data[starts[sized, None] + np.arange(18)]
        values = _USCC_VALUE[cells]
        shaped = (values < len(CHARSET)).all(axis=1) & (values[:, 2:8] < 10).all(axis=1)
        total = np.zeros(len(sized), dtype=np.int32)
        for i, weight in enumerate(WEIGHTS):
            total += values[:, i].astype(np.int32) * weight
        fine[sized] = shaped & (values[:, 17] == (31 - total % 31) % 31)
    return np.flatnonzero(codes.is_valid().to_numpy(zero_copy_only=False) & ~fine).astype(np.int64)


def _text_at(values: pa.Array | pa.ChunkedArray, at: Positions) -> list[Any]:
    return list(values.take(pa.array(at, type=pa.int64())).to_pylist())


def _industries(codes: pa.Array, known: frozenset[str] | None) -> tuple[Positions, list[str], pa.Array]:
    """Every distinct industry code checked once: (refused positions, reasons, normalised codes)."""
    encoded = pc.dictionary_encode(codes)
    distinct = encoded.dictionary.to_pylist()
    why = np.asarray([industry_problem(c, known) for c in distinct] + [None], dtype=object)
    bad = np.asarray([w is not None for w in why], dtype=np.bool_)
    normal = pa.array([normalize_industry_code(c) for c in distinct], type=pa.string())
    index = np.asarray(encoded.indices.fill_null(len(distinct)).to_numpy(zero_copy_only=False))
    at = np.flatnonzero(bad[index]).astype(np.int64)
    return at, why[index[at]].tolist(), pc.take(normal, encoded.indices)


def _row_checks(cols: Mapping[str, Parsed], found: _Found, known: frozenset[str] | None) -> pa.Array:
    """The checks across cells of a row (the per-cell parse is done); returns the normalised industry codes."""
    codes = cols["uscc"].values
    at = _uscc_refused(codes)
    found.add(
        at,
        USCC_STAGE,
        "uscc",
        [wording.uscc_refused(c, p.reason) for c in _text_at(codes, at) if (p := problem(c))],
    )
    scale = cols["scale"].values
    at = np.flatnonzero(cols["scale"].present & ~_flags(pc.is_in(scale, pa.array(SCALES)))).astype(np.int64)
    found.add(at, SCALE_STAGE, "scale", [wording.scale(s) for s in _text_at(scale, at)])
    at, reasons, industry = _industries(cols["industry_code"].values, known)
    found.add(at, INDUSTRY_STAGE, "industry_code", reasons)
    land, has_land = cols["land_mu"].values, cols["land_mu"].present
    at = np.flatnonzero(has_land & (land <= 0)).astype(np.int64)
    found.add(at, LAND_STAGE, "land_mu", [wording.land_not_positive(x) for x in land[at].tolist()])
    for offset, name in enumerate(NON_NEGATIVE):
        values = cols[name].values
        at = np.flatnonzero(cols[name].present & (values < 0)).astype(np.int64)
        found.add(at, NEGATIVE_STAGE + offset, name, [wording.negative(x) for x in values[at].tolist()])
    positive = has_land & (land > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        for offset, (name, limit) in enumerate(PER_MU_LIMITS.items()):
            values = cols[name].values
            at = np.flatnonzero(
                positive & cols[name].present & (values / np.where(positive, land, 1) > limit)
            )
            found.add(at.astype(np.int64), PER_MU_STAGE + offset, name, [
                wording.per_mu_slip(v, a)
                for v, a in zip(values[at].tolist(), land[at].tolist(), strict=True)
            ])  # fmt: skip
    return industry


def _codes(array: pa.Array | pa.ChunkedArray, *, with_nulls: bool) -> Positions:
    """Dense integer codes of a column's values (equal values, equal codes); null is -1 or its own code.

    One dictionary serves every chunk of a chunked column, so the codes are comparable across chunks."""
    encoded = pc.dictionary_encode(array, null_encoding="encode" if with_nulls else "mask")
    chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
    parts = [
        np.asarray(c.indices.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64) for c in chunks
    ]
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)


def _repeats(year: Positions, uscc: Positions, keep: npt.NDArray[np.bool_]) -> tuple[Positions, Positions]:
    """(positions repeating an earlier (year, uscc) among ``keep``, the position of that first row)."""
    where = np.flatnonzero(keep).astype(np.int64)
    if np.bincount(uscc[where]).max(initial=0) <= 1:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)  # every code once: nothing repeats
    key = year[where] * (int(uscc.max(initial=0)) + 2) + uscc[where]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    first_at = where[first][inverse.reshape(-1)]
    again = first_at != where
    return where[again], first_at[again]


def _year_codes(parsed: Parsed) -> Positions:
    values = parsed.values if isinstance(parsed.values, np.ndarray) else np.asarray(parsed.pylist())
    _, codes = np.unique(np.where(parsed.present, values, 0), return_inverse=True)
    return np.asarray(codes, dtype=np.int64).reshape(-1)


def _check(
    cells: Mapping[str, pa.Array | Sequence[Any]], size: int, found: _Found, known: frozenset[str] | None
) -> dict[str, Parsed]:
    """Parse every canonical column (an absent one is all empty) and run the row checks."""
    cols: dict[str, Parsed] = {}
    for offset, column in enumerate(COLUMNS):
        raw = cells.get(column.name)
        parsed = parse_column(column, raw if raw is not None else pa.nulls(size))
        found.add(parsed.error_at, CELL_STAGE + offset, column.name, parsed.errors)
        cols[column.name] = parsed
    industry = _row_checks(cols, found, known)
    cols["industry_code"] = Parsed(
        column=cols["industry_code"].column, values=industry, present=cols["industry_code"].present,
        error_at=np.empty(0, dtype=np.int64), errors=[],
    )  # fmt: skip
    return cols


def parse_records(
    records: Iterable[Mapping[str, Any]],
    *,
    source: str,
    sheet: str = "",
    first_row: int = 2,
    row_numbers: Sequence[int] | None = None,
    known_industries: frozenset[str] | None = None,
) -> tuple[list[dict[str, Any]], list[InputIssue]]:
    """Parse and check every row; returns (typed rows, every issue).

    Issues name the record's row: ``row_numbers[i]`` when given (a file's own numbers, blank rows
    skipped), else ``first_row + i``.

    >>> good = {"year": 2022, "uscc": "91350100M000100Y43", "name": "甲", "zone": "Z", "industry_code": "C3311",
    ...         "scale": "above", "land_mu": 10, "leased": "否", "tax": 30, "sales": 900}
    >>> rows, issues = parse_records([good, good | {"land_mu": 0, "tax": 3_000_000}], source="a.csv")
    >>> rows[0]["industry_code"], rows[0]["leased"]
    ('3311', False)
    >>> [str(i) for i in issues]
    ['a.csv，第 3 行，land_mu 列：用地面积应大于 0 亩，填的是 0', 'a.csv，第 3 行，uscc 列：与第 2 行重复（同一年度 2022、同一统一社会信用代码）']
    """
    records = list(records)
    numbers = np.asarray(
        row_numbers if row_numbers is not None else range(first_row, first_row + len(records))
    )
    found = _Found()
    unknown = [(i, str(k)) for i, r in enumerate(records) if not r.keys() <= _NAME_SET
               for k in r if k not in _NAME_SET and not str(k).startswith("_")]  # fmt: skip
    found.add(
        np.asarray([i for i, _ in unknown]),
        0,
        [k for _, k in unknown],
        [wording.UNKNOWN_COLUMN] * len(unknown),
    )
    cols = _check({c.name: [r.get(c.name) for r in records] for c in COLUMNS}, len(records), found,
                  known_industries)  # fmt: skip
    year, uscc = cols["year"], cols["uscc"]
    again, first = _repeats(_year_codes(year), _codes(uscc.values, with_nulls=False),
                            year.present & uscc.present)  # fmt: skip
    years = year.pylist()
    found.add(again, DUPLICATE_STAGE, "uscc", [
        wording.duplicate_of(numbers[f], years[a]) for a, f in zip(again.tolist(), first.tolist(), strict=True)
    ])  # fmt: skip
    issues = found.issues(numbers, source=source, sheet=sheet)
    values = {name: p.pylist() for name, p in cols.items()}
    values["leased"] = [bool(v) for v in values["leased"]]
    return [dict(zip(values, row, strict=True)) for row in zip(*values.values(), strict=True)], issues


def check_arrow(data: pa.Table, *, source: str) -> list[InputIssue]:
    """Check an Arrow table in the canonical columns (row numbers count from 1 in the table's order).

    Cells are checked batch by batch as the table holds them (no copy); two rows repeat each other when
    their cells are the same as given (before parsing).
    """
    found = _Found()
    known = [n for n in data.column_names if n in _NAME_SET]
    for batch in data.select(known).to_batches():
        _check({n: batch[n] for n in known}, batch.num_rows, found, None)
        found.offset += batch.num_rows
    found.offset = 0
    null = pa.nulls(data.num_rows)
    raw_year = data["year"] if "year" in known else null
    uscc = data["uscc"] if "uscc" in known else null
    # every code given once (null counted as one value): no row repeats another — found in half the time of
    # encoding the codes, which only a file with a repeated code then pays
    if len(pc.unique(uscc)) < data.num_rows:
        again, _ = _repeats(_codes(raw_year, with_nulls=True), _codes(uscc, with_nulls=True),
                            np.ones(data.num_rows, dtype=np.bool_))  # fmt: skip
        found.add(again, DUPLICATE_STAGE, "uscc", [wording.duplicate(y) for y in _text_at(raw_year, again)])
    return found.issues(np.arange(1, data.num_rows + 1), source=source, sheet="")


def check_table(table: ir.Table, *, source: str) -> list[InputIssue]:
    """Check an Ibis table (row numbers count from 1 in the table's order), on whole columns.

    >>> import ibis
    >>> t = ibis.memtable({"year": [2022], "uscc": ["91350100M000100Y44"], "name": ["甲"], "zone": ["Z"],
    ...     "industry_code": ["3311"], "scale": ["above"], "land_mu": [5.0], "leased": [False],
    ...     "tax": [10.0], "sales": [100.0]})
    >>> [i.reason for i in check_table(t, source="t")]
    ['91350100M000100Y44：校验码为 4，按 GB 32100—2015 应为 3']
    """
    return check_arrow(table.select(*[c.name for c in COLUMNS if c.name in table.columns]).to_pyarrow(),
                       source=source)  # fmt: skip
