"""Input validation, USCC and the .xlsx template round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from devzone.enterprises.inputs import InputError, parse_records
from devzone.enterprises.template import SHEET, read_template, write_template
from devzone.enterprises.uscc import CHARSET, check_character, is_valid, problem

GOOD = {"year": 2024, "uscc": "91350100M000100Y43", "name": "甲", "zone": "Z1", "industry_code": "3311",
        "scale": "above", "land_mu": 10, "leased": False, "tax": 30, "sales": 900}  # fmt: skip


def test_published_codes_pass_the_gb32100_check() -> None:
    # worked by hand: Σ C_i·W_i for 91350100M000100Y4 = 1640; 1640 mod 31 = 28; 31 − 28 = 3
    assert check_character("91350100M000100Y4") == "3"
    assert is_valid("91110000600037341L")


def test_letters_are_allowed_in_the_first_position() -> None:
    body = "N2110000MA0000001"
    assert is_valid(body + check_character(body))


@settings(max_examples=100)
@given(st.text(alphabet=CHARSET, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit()))
def test_changing_the_check_character_always_fails(body: str) -> None:
    good = body + check_character(body)
    assert is_valid(good)
    wrong = next(c for c in CHARSET if c != good[-1])
    assert problem(body + wrong) is not None


def test_every_error_is_reported_at_once() -> None:
    rows = [
        GOOD,
        GOOD | {"uscc": "91350100M000100Y44", "land_mu": -2},
        GOOD | {"uscc": "91110000600037341L", "tax": 450_000, "industry_code": "9911", "scale": "big"},
        GOOD,
    ]
    _, issues = parse_records(rows, source="in.csv")
    assert [(i.row, i.column) for i in issues] == [
        (3, "uscc"), (3, "land_mu"),
        (4, "scale"), (4, "industry_code"), (4, "tax"),
        (5, "uscc"),
    ]  # fmt: skip
    assert issues[4].reason.startswith("450,000 ÷ 10 亩 = 45,000 万元/亩，疑似按元填报")
    assert issues[5].reason == "与第 2 行重复（同一年度 2024、同一统一社会信用代码）"


def test_required_and_typed_cells() -> None:
    _, issues = parse_records([GOOD | {"name": "", "land_mu": "ten", "leased": "maybe"}], source="x")
    assert [(i.column, i.reason) for i in issues] == [
        ("name", "必填，不能为空"),
        ("land_mu", "“ten”不能读作数字"),
        ("leased", "“maybe”不能读作是/否"),
    ]


def test_template_reads_back_and_converts_square_metres(tmp_path: Path) -> None:
    path = write_template(year=2024, path=tmp_path / "t.xlsx")
    wb = load_workbook(path)
    ws = wb[SHEET]
    ws.cell(row=2, column=7, value="land_m2")
    ws.append([2024, "91350100M000100Y43", "甲", "Z1", "C3311", "above", 6666.7, "否", 30, 900])
    wb.save(path)
    rows = read_template(path)
    assert rows[0]["land_mu"] == pytest.approx(10.00005)
    assert rows[0]["leased"] is False


def test_template_errors_name_sheet_row_and_column(tmp_path: Path) -> None:
    path = write_template(year=2024, path=tmp_path / "t.xlsx")
    wb = load_workbook(path)
    wb[SHEET].append([2024, "91350100M000100Y43", "甲", "Z1", "3311", "above", 0, "false", 30, 900])
    wb[SHEET].append([2024, "91350100M000100Y43", "甲", "Z1", "3311", "above", 5, "false", 30, 900])
    wb.save(path)
    with pytest.raises(InputError) as caught:
        read_template(path)
    assert [str(i).split("”，", 1)[1] for i in caught.value.issues] == [
        "第 3 行，land_mu 列：用地面积应大于 0 亩，填的是 0",
        "第 4 行，uscc 列：与第 3 行重复（同一年度 2024、同一统一社会信用代码）",
    ]
    assert caught.value.issues[0].sheet == SHEET
