"""The .xlsx template round trip and the validation of submitted figures (real files in tmp_path)."""

from __future__ import annotations

import openpyxl
import pytest

from devzone.core.files import FileRefused
from devzone.indicators.catalogue import load_catalogue
from devzone.indicators.periods import parse_period
from devzone.indicators.template import (
    DATA_SHEET,
    META_SHEET,
    read_template,
    template_spec,
    write_template,
)
from devzone.indicators.validate import (
    ISSUE_CODES,
    Expectations,
    SubmittedRow,
    TemplateInfo,
    parse_number,
    validate_submission,
)

CODES = ["gdp", "high_tech_enterprises", "fdi_actual", "standard_factory_utilisation", "tax_per_mu"]


@pytest.fixture
def catalogue():
    return load_catalogue()


@pytest.fixture
def expect(catalogue):
    return Expectations(
        zone="LYG-ETDZ",
        first_period=parse_period("2021"),
        last_period=parse_period("2025"),
        catalogue=catalogue,
        history={"gdp": [610.0, 655.0, 702.0]},
    )


@pytest.fixture
def template_file(tmp_path, catalogue):
    spec = template_spec(
        catalogue=catalogue,
        zone_code="LYG-ETDZ",
        zone_name="连云港经济技术开发区",
        period=parse_period("2023"),
        codes=CODES,
    )
    path = tmp_path / "template.xlsx"
    path.write_bytes(write_template(spec))
    return path


def fill(path, values, *, extra_rows=(), zone=None):
    """Write values into column E (and optionally more rows) like a zone officer would."""
    book = openpyxl.load_workbook(path)
    sheet = book[DATA_SHEET]
    for row, value in values.items():
        sheet[f"E{row}"] = value
    for cells in extra_rows:
        sheet.append(cells)
    if zone is not None:
        book[META_SHEET]["B2"] = zone
    book.save(path)
    return path


def test_template_layout(template_file):
    book = openpyxl.load_workbook(template_file)
    sheet = book[DATA_SHEET]

    assert [cell.value for cell in sheet[1]] == [
        "指标代码",
        "指标名称",
        "单位",
        "统计期",
        "数值",
        "数据状态",
        "数据来源/备注",
    ]
    assert [sheet[f"A{row}"].value for row in range(2, 7)] == CODES
    assert sheet.column_dimensions["A"].hidden  # the key the reader matches on; a user reads the name
    assert [sheet[f"C{row}"].value for row in range(2, 7)] == ["亿元", "家", "亿美元", "%", "万元/亩"]
    assert sheet.protection.sheet is True
    assert sheet["A1"].protection.locked is True
    assert sheet["A2"].protection.locked is True
    assert sheet["E2"].protection.locked is False
    assert sheet.freeze_panes == "A2"
    lists = {validation.formula1 for validation in sheet.data_validations.dataValidation}
    assert '"亿元,元,千元,万元"' in lists
    assert '"初步,最终"' in lists
    assert '"2023"' in lists
    assert book[META_SHEET].sheet_state == "hidden"
    assert [book[META_SHEET][f"B{row}"].value for row in (2, 4)] == ["LYG-ETDZ", "2023"]


def test_round_trip_through_a_real_file(template_file, expect):
    fill(template_file, {2: 735.2, 3: 212, 4: 3.4, 5: "91.5", 6: 62.0})

    submission = read_template(template_file)
    report = validate_submission(rows=submission.rows, template=submission.template, expect=expect)

    assert report.ok, report.issues
    assert [(row.indicator, row.value, row.unit, row.row) for row in report.rows] == [
        ("gdp", 735.2, "亿元", 2),
        ("high_tech_enterprises", 212.0, "家", 3),
        ("fdi_actual", 3.4, "亿美元", 4),
        ("standard_factory_utilisation", 91.5, "%", 5),
        ("tax_per_mu", 62.0, "万元/亩", 6),
    ]
    assert {row.period.label for row in report.rows} == {"2023"}
    assert {row.status for row in report.rows} == {"preliminary"}


def test_blank_values_are_not_submitted(template_file, expect):
    fill(template_file, {2: 735.2})

    submission = read_template(template_file)
    report = validate_submission(rows=submission.rows, template=submission.template, expect=expect)

    assert report.ok
    assert [row.indicator for row in report.rows] == ["gdp"]


def test_a_value_in_another_unit_of_the_dimension_is_converted(template_file, expect):
    book = openpyxl.load_workbook(template_file)
    book[DATA_SHEET]["C2"] = "万元"
    book[DATA_SHEET]["E2"] = 7352000
    book.save(template_file)

    submission = read_template(template_file)
    report = validate_submission(rows=submission.rows, template=submission.template, expect=expect)

    assert report.ok
    assert report.rows[0].value == 735.2
    assert (report.rows[0].entered_value, report.rows[0].entered_unit) == (7352000.0, "万元")


def test_every_bad_input_is_reported_at_once(template_file, expect):
    # E2: 万元 typed where 亿元 is expected (≈ 10,000 × history 655); E3: text; E5: above 100 %;
    # row 7: period outside the plan; row 8: duplicate of row 3's indicator and period with a valid
    # number; row 9: unknown code; row 10: a unit of another dimension; row 11: bad status.
    fill(
        template_file,
        {2: 7352000, 3: "二百一十二", 4: 3.4, 5: 915, 6: 62.0},
        extra_rows=[
            ["gdp", "地区生产总值", "亿元", "2030", 700, "初步"],
            ["fdi_actual", "实际利用外资", "亿美元", "2023", 3.5, "最终"],
            ["no_such_code", "?", "亿元", "2023", 1, "初步"],
            ["listed_companies", "上市公司总数", "个", "2023", 5, "初步"],
            ["rd_intensity", "研发经费投入强度", "%", "2023", 2.1, "待定"],
        ],
        zone="GY-ETDZ",
    )

    submission = read_template(template_file)
    report = validate_submission(
        rows=submission.rows, template=submission.template, expect=expect, file="t.xlsx"
    )

    found = [(issue.sheet, issue.row, issue.column, issue.code) for issue in report.issues]
    assert found == [
        (META_SHEET, 2, "B", "wrong_zone"),
        (DATA_SHEET, 3, "E", "not_a_number"),
        (DATA_SHEET, 7, "D", "period_outside_plan"),
        (DATA_SHEET, 9, "A", "unknown_indicator"),
        (DATA_SHEET, 10, "C", "incompatible_unit"),
        (DATA_SHEET, 11, "F", "bad_status"),
        (DATA_SHEET, 8, "A", "duplicate_row"),
        (DATA_SHEET, 2, "E", "unit_slip"),
        (DATA_SHEET, 5, "E", "out_of_range"),
    ]
    assert report.rows == ()
    assert not report.ok
    assert report.issues[0].location == "t.xlsx: _meta!B2"
    slip = report.issues[-2]
    assert "万元" in slip.reason
    assert all(issue.reason.startswith(ISSUE_CODES[issue.code]) for issue in report.issues)


def test_unit_slip_against_neighbouring_periods_without_history(catalogue):
    expect = Expectations(
        zone="Z", first_period=parse_period("2021"), last_period=parse_period("2025"), catalogue=catalogue
    )
    rows = [
        SubmittedRow(sheet="s", row=2, code="industrial_output", unit="亿元", period="2021", value=410.0),
        SubmittedRow(
            sheet="s", row=3, code="industrial_output", unit="亿元", period="2022", value=4_600_000.0
        ),
        SubmittedRow(sheet="s", row=4, code="industrial_output", unit="亿元", period="2023", value=505.0),
    ]
    info = TemplateInfo(sheet="_meta", zone="Z", zone_cell=(2, "B"), period="2023", period_cell=(4, "B"))

    report = validate_submission(rows=rows, template=info, expect=expect)

    assert [(issue.row, issue.column, issue.code) for issue in report.issues] == [(3, "E", "unit_slip")]


def test_a_ten_fold_jump_is_not_a_unit_slip(catalogue):
    expect = Expectations(
        zone="Z",
        first_period=parse_period("2021"),
        last_period=parse_period("2025"),
        catalogue=catalogue,
        history={"industrial_output": [40.0]},
    )
    rows = [SubmittedRow(sheet="s", row=2, code="industrial_output", unit="亿元", period="2023", value=400.0)]
    info = TemplateInfo(sheet="_meta", zone="Z", zone_cell=(2, "B"), period="2023", period_cell=(4, "B"))

    assert validate_submission(rows=rows, template=info, expect=expect).ok


def test_missing_template_record_is_an_issue(catalogue, expect):
    rows = [SubmittedRow(sheet="s", row=2, code="gdp", unit="亿元", period="2023", value=700.0)]

    report = validate_submission(rows=rows, template=None, expect=expect)

    assert [issue.code for issue in report.issues] == ["missing_template_info"]


def test_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")

    with pytest.raises(FileRefused, match=r"x\.xlsx：不是有效的 Office Open XML 文件"):
        read_template(path)


def test_a_workbook_without_the_data_sheet(tmp_path):
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)

    with pytest.raises(FileRefused, match=r"other\.xlsx：没有工作表“数据填报”"):
        read_template(path)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (12, 12.0),
        (12.5, 12.5),
        ("1,234", 1234.0),
        ("-3e2", -300.0),
        ("abc", None),
        (True, None),
        (float("nan"), None),
    ],
)
def test_parse_number(cell, expected):
    assert parse_number(cell) == expected
