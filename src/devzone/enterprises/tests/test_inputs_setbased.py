"""The set-based input checks give what the row-wise reference gives, on generated dirty tables (issue 16)."""

from __future__ import annotations

import math
from typing import Any

import ibis
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devzone.enterprises import inputs
from devzone.enterprises.inputs_columns import PY_SPACE
from devzone.enterprises.inputs_schema import ARROW_SCHEMA, COLUMNS
from devzone.enterprises.tests import inputs_reference as reference
from devzone.enterprises.uscc import CHARSET, check_character

BODIES = ("91350100M000100Y4", "91110000600037341", "N2110000MA0000001", "12345678901234567")
GOOD_USCC = tuple(b + check_character(b) for b in BODIES)
WRONG_USCC = tuple(b + next(c for c in CHARSET if c != check_character(b)) for b in BODIES)
USCC = st.sampled_from(GOOD_USCC + WRONG_USCC + (
    "9135010", "91350100M000100Y4O", "91350100M000100Y4o", "9135A100M000100Y43", " 91350100M000100Y43 ",
    "91350100M000100Y43\u3000", "９1350100M000100Y43", "", " ",
))  # fmt: skip
INDUSTRY = st.sampled_from(
    (
        "3311",
        "C3311",
        "c3311",
        "A3311",
        "9911",
        "33",
        "331",
        "33111",
        "x",
        "中33",
        " 4411 ",
        "D44",
        "",
        "0101",
    )
)
SPACES = st.sampled_from(("", " ", "\x1c", "\u3000", "\t", "\xa0"))
TEXT = st.builds(
    lambda a, t, b: a + t + b, SPACES, st.sampled_from(("甲", "Z1", "a b", "", "安全事故")), SPACES
)
FLOATS = st.one_of(
    st.floats(-1e3, 1e3, allow_nan=False),
    st.sampled_from((0.0, -0.0, 1e-9, 3.0, 12.5, 3e6, 450_000.0, 1e12, math.nan, math.inf)),
)
WHOLE = st.one_of(st.integers(-5, 3000), st.sampled_from((2022.0, 2022.5, -1.0, math.nan)))
NUMBER_TEXT = st.sampled_from(
    ("ten", "1,250.5", " 12 ", "3", "-4", "1e3", "", " ", "nan", "2022", "2022.5", "1_0")
)
ANY = st.sampled_from((None, True, False, 0, 1, 1.0, "是", "否", "maybe", " ", ""))


def cell(kind: str, name: str) -> st.SearchStrategy[Any]:
    """A dirty cell for a column: its own kind mostly, else text, numbers, booleans or nothing."""
    special = {
        "uscc": USCC, "industry_code": INDUSTRY,
        "scale": st.sampled_from(("above", "below", " above ", "big", "ABOVE")),
    }  # fmt: skip
    own = (
        special[name]
        if name in special
        else {"float": FLOATS, "int": WHOLE, "str": TEXT, "bool": st.booleans()}[kind]
    )
    return st.one_of(own, own, own, NUMBER_TEXT if kind != "str" else st.integers(0, 99), ANY, st.none())


@st.composite
def records(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Rows as a spreadsheet or the API gives them: repeats, unknown columns, absent cells."""
    n = draw(st.integers(0, 12))
    out: list[dict[str, Any]] = []
    for _ in range(n):
        if out and draw(st.integers(0, 5)) == 0:
            out.append(dict(draw(st.sampled_from(out))))  # a repeated row
            continue
        row = {c.name: draw(cell(c.kind, c.name)) for c in COLUMNS if draw(st.integers(0, 9))}
        if draw(st.integers(0, 7)) == 0:
            row[draw(st.sampled_from(("tax_yuan", "_note", "备注")))] = "x"
        out.append(row)
    return out


def same_rows(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    def key(rows: list[dict[str, Any]]) -> list[list[tuple[str, str, str]]]:
        return [[(k, type(v).__name__, repr(v)) for k, v in r.items()] for r in rows]

    return key(a) == key(b)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(), st.sampled_from((None, frozenset({"33", "4411"}))))
def test_records_give_the_references_rows_and_issues(rows: list[dict[str, Any]], known: Any) -> None:
    numbers = [2 * i + 5 for i in range(len(rows))]
    expected = reference.parse_records(rows, source="a.xlsx", sheet="数据", row_numbers=numbers,
                                       known_industries=known)  # fmt: skip
    got = inputs.parse_records(
        rows, source="a.xlsx", sheet="数据", row_numbers=numbers, known_industries=known
    )
    assert got[1] == expected[1]
    assert same_rows(got[0], expected[0])


def typed(kind: str, name: str) -> st.SearchStrategy[Any]:
    """A cell of the column's Arrow type (the engine's Parquet), or nothing."""
    own = {"uscc": USCC, "industry_code": INDUSTRY, "scale": st.sampled_from(("above", "below", "big", " "))}
    kinds = {"float": FLOATS, "int": st.integers(-5, 3000), "str": TEXT, "bool": st.booleans()}
    base = own[name] if name in own else kinds[kind]
    return st.one_of(base, base, st.none())


@st.composite
def tables(draw: st.DrawFn) -> pa.Table:
    """Tables as Parquet or CSV give them: canonical types, or a column read as text; a column missing."""
    n = draw(st.integers(1, 12))
    arrays, fields = [], []
    for field, column in zip(ARROW_SCHEMA, COLUMNS, strict=True):
        if column.name != "year" and not draw(st.integers(0, 14)):
            continue
        if column.kind != "str" and not draw(st.integers(0, 3)):
            values = draw(st.lists(st.one_of(NUMBER_TEXT, st.none()), min_size=n, max_size=n))
            fields.append(pa.field(field.name, pa.string()))
        else:
            values = draw(st.lists(typed(column.kind, column.name), min_size=n, max_size=n))
            fields.append(field)
        if draw(st.integers(0, 4)) == 0 and n > 1:
            values[-1] = values[0]  # a repeat of the first row's cell
        arrays.append(pa.array(values, type=fields[-1].type))
    if "year" in [f.name for f in fields] and "uscc" in [f.name for f in fields] and draw(st.booleans()):
        return pa.Table.from_arrays(arrays, schema=pa.schema(fields)).take([0, *range(n)])
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_tables_give_the_references_issues_in_row_order(data: pa.Table) -> None:
    table = ibis.memtable(data)
    expected = reference.check_table(table, source="in.parquet", batch_rows=4)
    # the reference lists duplicates after the other issues of its batch; the set-based checks by row
    assert inputs.check_table(table, source="in.parquet") == sorted(expected, key=lambda i: i.row)


def test_python_strip_is_what_the_column_parser_trims() -> None:
    assert "".join(c for c in map(chr, range(0x110000)) if c.isspace()) == PY_SPACE


def test_one_bad_cell_in_the_last_of_many_rows_is_the_only_issue() -> None:
    n = 100_000
    bodies = [f"91350100M{i:08d}" for i in range(n)]
    data = pa.table({"year": [2023] * n, "uscc": [b + check_character(b) for b in bodies], "name": ["甲"] * n,
                     "zone": ["Z"] * n, "industry_code": ["3311"] * n, "scale": ["above"] * (n - 1) + ["big"],
                     "land_mu": [5.0] * n, "leased": [False] * n, "tax": [1.0] * n, "sales": [10.0] * n})  # fmt: skip
    found = inputs.check_arrow(data, source="f.parquet")
    assert [(i.row, i.column, i.reason) for i in found] == [
        (n, "scale", "“big”不是规模的取值（规上填 above，规下填 below；模板的下拉框为 规上/规下）")
    ]
