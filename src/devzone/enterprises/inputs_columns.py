"""Parse one input column at a time into its canonical kind, with every refused cell (issue 16, criterion 1).

A column arrives as an Arrow array (Parquet/CSV read by the engine) or as a list of Python cells (a
spreadsheet, the API). Cells already of the column's kind — numbers in a number column, text in a text
column, booleans in ``leased`` — are parsed as whole arrays (numpy / Arrow compute). Every other cell goes
through :func:`parse_cell`, the one definition of what a cell means, once per distinct value (a column of
1,000,000 texts in a number column is a few thousand distinct values, or one Python call per value at
worst), so both paths give exactly what :func:`parse_cell` gives for every cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from devzone.enterprises import input_reasons as wording
from devzone.enterprises.inputs_schema import Column

TRUE_WORDS = {"true", "1", "yes", "y", "是", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "否", "f", ""}
# every character str.strip() removes (str.isspace): Arrow's trim knows Unicode White_Space, which lacks
# \x1c-\x1f, so text is trimmed by Python only where it starts or ends with one of these
PY_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
_EDGE_SPACE = "^[{0}]|[{0}]$".format("".join(f"\\x{{{ord(c):x}}}" for c in PY_SPACE))
EXACT_INT = 2**53  # beyond this a float64 cannot hold every whole number, and int(float(v)) would round

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


def _int(value: Any) -> int:
    number = float(value)
    if number != int(number):
        raise ValueError(value)
    return int(number)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(value)


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError(value)
    return float(str(value).replace(",", "")) if isinstance(value, str) else float(value)


PARSERS: dict[str, Callable[[Any], Any]] = {
    "int": _int,
    "float": _float,
    "str": lambda v: str(v).strip(),
    "bool": _bool,
}


def parse_cell(column: Column, value: Any) -> tuple[Any, str | None]:
    """Parse one cell into the column's kind; returns (value, error).

    >>> from devzone.enterprises.inputs_schema import BY_NAME
    >>> parse_cell(BY_NAME["land_mu"], "1,250.5"), parse_cell(BY_NAME["leased"], " 是 ")
    ((1250.5, None), (True, None))
    >>> parse_cell(BY_NAME["year"], 2022.5)
    (None, '“2022.5”不能读作整数')
    >>> parse_cell(BY_NAME["name"], "  ")
    (None, '必填，不能为空')
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, (wording.REQUIRED if column.required and column.kind != "bool" else None)
    try:
        return PARSERS[column.kind](value), None
    except (TypeError, ValueError, OverflowError):
        # OverflowError: int(float("inf")) — a whole number that is not finite
        return None, wording.not_of_kind(value, column.kind)


@dataclass(frozen=True, kw_only=True)
class Parsed:
    """One parsed column: ``values`` (numpy for numbers, Arrow for text and booleans; nulls where
    ``present`` is False) and the refused cells as positions with their reasons."""

    column: Column
    values: Any
    present: BoolArray
    error_at: IntArray
    errors: list[str]

    def pylist(self) -> list[Any]:
        """The parsed cells as Python values (None where absent)."""
        if isinstance(self.values, np.ndarray):
            cells = self.values.tolist()
            return [v if p else None for v, p in zip(cells, self.present.tolist(), strict=True)]
        return list(self.values.to_pylist())


def _numbers(array: pa.Array) -> npt.NDArray[Any]:
    """An Arrow number array as numpy, nulls as 0 (``present`` says which cells are there)."""
    return np.asarray(pc.fill_null(array, 0).to_numpy(zero_copy_only=False))


def _mixed(column: Column, cells: Sequence[Any]) -> Parsed:
    """Cells of any Python types, each distinct text parsed once."""
    seen: dict[str, tuple[Any, str | None]] = {}
    values: list[Any] = []
    error_at: list[int] = []
    errors: list[str] = []
    for i, cell in enumerate(cells):
        if type(cell) is str:
            done = seen.get(cell)
            if done is None:
                done = seen[cell] = parse_cell(column, cell)
        else:
            done = parse_cell(column, cell)
        values.append(done[0])
        if done[1]:
            error_at.append(i)
            errors.append(done[1])
    present = np.fromiter((v is not None for v in values), dtype=np.bool_, count=len(values))
    return Parsed(column=column, values=_typed(column, values, present), present=present,
                  error_at=np.asarray(error_at, dtype=np.int64), errors=errors)  # fmt: skip


def _typed(column: Column, values: list[Any], present: BoolArray) -> Any:
    if column.kind in {"str", "bool"}:
        return pa.array(values, type=pa.string() if column.kind == "str" else pa.bool_())
    dtype = np.float64 if column.kind == "float" else np.int64
    filled = [0 if v is None else v for v in values]
    try:
        return np.asarray(filled, dtype=dtype)
    except OverflowError:  # a whole number beyond int64: kept as Python ints
        return np.asarray(filled, dtype=object)


def _by_distinct(column: Column, array: pa.Array) -> Parsed:
    """A typed array whose cells are not of the column's kind: each distinct value parsed once."""
    try:
        encoded = pc.dictionary_encode(array).combine_chunks() if isinstance(
            array, pa.ChunkedArray) else pc.dictionary_encode(array)  # fmt: skip
    except pa.ArrowNotImplementedError:
        return _mixed(column, array.to_pylist())
    distinct = _mixed(column, encoded.dictionary.to_pylist())
    size = len(encoded.dictionary)
    index = np.asarray(encoded.indices.fill_null(size).to_numpy(zero_copy_only=False), dtype=np.int64)
    # a null cell parses like None (entry ``size``): absent, and "is required" where it must be filled
    none_value, none_error = parse_cell(column, None)
    reasons = np.empty(size + 1, dtype=object)
    reasons[distinct.error_at] = distinct.errors
    reasons[size] = none_error
    bad = np.zeros(size + 1, dtype=np.bool_)
    bad[distinct.error_at] = True
    bad[size] = none_error is not None
    refused = np.flatnonzero(bad[index]).astype(np.int64)
    present = np.append(distinct.present, none_value is not None)[index]
    if isinstance(distinct.values, np.ndarray):
        values: Any = np.append(distinct.values, np.zeros(1, dtype=distinct.values.dtype))[index]
    else:
        missing = index == size
        values = pc.take(distinct.values, pa.array(np.where(missing, 0, index), mask=missing))
    return Parsed(column=column, values=values, present=present, error_at=refused,
                  errors=reasons[index[refused]].tolist())  # fmt: skip


def _required(column: Column, present: BoolArray) -> tuple[IntArray, list[str]]:
    if not column.required or column.kind == "bool":
        return np.empty(0, dtype=np.int64), []
    at = np.flatnonzero(~present).astype(np.int64)
    return at, [wording.REQUIRED] * len(at)


def _number_column(column: Column, array: pa.Array) -> Parsed | None:
    kind = array.type
    if not (pa.types.is_integer(kind) or pa.types.is_floating(kind)):
        return None
    present = np.asarray(array.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
    raw = _numbers(array)
    if column.kind == "float":
        values = raw.astype(np.float64)
        at, reasons = _required(column, present)
        return Parsed(column=column, values=values, present=present, error_at=at, errors=reasons)
    if pa.types.is_integer(kind):
        if len(raw) and np.abs(raw.astype(np.float64)).max() > EXACT_INT:
            return None
        at, reasons = _required(column, present)
        return Parsed(
            column=column, values=raw.astype(np.int64), present=present, error_at=at, errors=reasons
        )
    number = raw.astype(np.float64)
    whole = np.isfinite(number) & (number == np.trunc(number))
    if np.any(whole & (np.abs(number) > EXACT_INT)):
        return None
    bad = np.flatnonzero(present & ~whole)
    cells = array.take(pa.array(bad)).to_pylist()
    why = [parse_cell(column, cell)[1] or "" for cell in cells]
    at, reasons = _required(column, present)
    order = np.argsort(np.concatenate([bad, at]), kind="stable")
    return Parsed(column=column, values=np.where(whole, number, 0).astype(np.int64), present=present & whole,
                  error_at=np.concatenate([bad, at]).astype(np.int64)[order],
                  errors=[(why + reasons)[i] for i in order])  # fmt: skip


def string_bytes(array: pa.Array) -> tuple[IntArray, IntArray, npt.NDArray[np.uint8]]:
    """A string array's UTF-8 bytes: (start, length) of each cell in ``data`` (null cells have length 0)."""
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset : array.offset + len(array) + 1]
    data = array.buffers()[2]
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    lengths = np.diff(offsets).astype(np.int64) * np.asarray(array.is_valid().to_numpy(zero_copy_only=False))
    return offsets[:-1].astype(np.int64), lengths, raw


# bytes that can open a space character (first byte of its UTF-8) or close one (last byte): a text
# starting or ending with none of them has nothing for str.strip() to take
_OPEN = np.zeros(256, dtype=np.bool_)
_CLOSE = np.zeros(256, dtype=np.bool_)
for _c in PY_SPACE:
    _OPEN[_c.encode()[0]] = _CLOSE[_c.encode()[-1]] = True


def _edged(array: pa.Array) -> BoolArray:
    """Cells that start or end with a character str.strip() removes: bytes first, the exact test on those."""
    starts, lengths, data = string_bytes(array)
    filled = lengths > 0
    maybe = np.zeros(len(array), dtype=np.bool_)
    maybe[filled] = _OPEN[data[starts[filled]]] | _CLOSE[data[starts[filled] + lengths[filled] - 1]]
    at = np.flatnonzero(maybe)
    if len(at):
        exact = pc.match_substring_regex(array.take(pa.array(at)), _EDGE_SPACE)
        maybe[at] = np.asarray(pc.fill_null(exact, False).to_numpy(zero_copy_only=False), dtype=np.bool_)
    return maybe


def _text_column(column: Column, array: pa.Array) -> Parsed:
    edged = _edged(array)
    if edged.any():
        at = np.flatnonzero(edged)
        trimmed = [s.strip() for s in array.take(pa.array(at)).to_pylist()]
        array = pc.replace_with_mask(array, pa.array(edged), pa.array(trimmed, type=pa.string()))
    array = pc.if_else(pc.equal(array, ""), pa.scalar(None, pa.string()), array)
    present = np.asarray(array.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
    at, reasons = _required(column, present)
    return Parsed(column=column, values=array, present=present, error_at=at, errors=reasons)


PYTHON_KINDS: dict[str, set[type]] = {
    "int": {int, float, type(None)},
    "float": {int, float, type(None)},
    "str": {str, type(None)},
    "bool": {bool, type(None)},
}


def parse_column(column: Column, cells: pa.Array | Sequence[Any]) -> Parsed:
    """Parse a column of cells into ``column``'s kind; refused cells are listed in row order.

    >>> from devzone.enterprises.inputs_schema import BY_NAME
    >>> p = parse_column(BY_NAME["land_mu"], [2, "3.5", None, "ten"])
    >>> p.pylist(), p.error_at.tolist(), p.errors
    ([2.0, 3.5, None, None], [2, 3], ['必填，不能为空', '“ten”不能读作数字'])
    >>> parse_column(BY_NAME["zone"], pa.array([" Z1 ", "Z2", "\\x1c"])).pylist()
    ['Z1', 'Z2', None]
    """
    if not isinstance(cells, pa.Array | pa.ChunkedArray):
        # Arrow converts a list only where every cell is of the column's own Python kind (it would take
        # True for 1.0 beside a float, or 1 for "1" in a text column); any other list is parsed as given
        if not {type(c) for c in cells} <= PYTHON_KINDS[column.kind]:
            return _mixed(column, cells)
        try:
            cells = pa.array(cells)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):  # a whole number beyond int64
            return _mixed(column, cells)
    array = cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells
    if pa.types.is_null(array.type):
        present = np.zeros(len(array), dtype=np.bool_)
        at, reasons = _required(column, present)
        values = np.zeros(len(array), dtype=np.float64 if column.kind == "float" else np.int64)
        if column.kind in {"str", "bool"}:
            values = pa.nulls(len(array), pa.string() if column.kind == "str" else pa.bool_())
        return Parsed(column=column, values=values, present=present, error_at=at, errors=reasons)
    if pa.types.is_large_string(array.type) or pa.types.is_string_view(array.type):
        array = array.cast(pa.string())
    if column.kind in {"int", "float"}:
        parsed = _number_column(column, array)
        if parsed is not None:
            return parsed
    elif column.kind == "str" and pa.types.is_string(array.type):
        return _text_column(column, array)
    elif column.kind == "bool" and pa.types.is_boolean(array.type):
        present = np.asarray(array.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
        return Parsed(column=column, values=array, present=present, error_at=np.empty(0, dtype=np.int64),
                      errors=[])  # fmt: skip
    return _by_distinct(column, array)
