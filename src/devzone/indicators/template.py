"""The .xlsx data-collection template (数据填报模板) of a zone and period, and reading it back.

The template has a data sheet (数据填报) with one row per indicator — code, name, unit, period,
value, status (初步/最终), source — a locked header and locked code/name columns, drop-down lists
for unit, period and status, a decimal check on the value column; a sheet of definitions
(指标说明); and a hidden sheet (``_meta``) recording zone and period; the code column, the key the reader matches on, is hidden,
so that what a zone officer reads and prints is Chinese so that a file sent back by
another zone is recognised (:mod:`devzone.indicators.validate`, ``wrong_zone``).
Writing uses openpyxl; reading goes through the shared upload reader (:mod:`devzone.core.files`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.worksheet.datavalidation import DataValidation

from devzone.core.documents import save_workbook, style_table, table_sheet
from devzone.core.files import XLSX_SUFFIXES, FileRefused, Table, read_table
from devzone.indicators.catalogue import Catalogue, Indicator
from devzone.indicators.periods import Period
from devzone.indicators.units import alternatives
from devzone.indicators.validate import COLUMNS, SubmittedRow, TemplateInfo

DATA_SHEET = "数据填报"
INFO_SHEET = "指标说明"
META_SHEET = "_meta"
TEMPLATE_FORMAT = "devzone.indicators.template/1"

HEADERS: dict[str, str] = {
    "code": "指标代码",
    "name": "指标名称",
    "unit": "单位",
    "period": "统计期",
    "value": "数值",
    "status": "数据状态",
    "source": "数据来源/备注",
}
STATUS_CHOICES: tuple[str, ...] = ("初步", "最终")
# the catalogue's frequency keys as a reader says them (models.Frequency is Django's; this module is not)
FREQUENCY_WORDS = {"year": "年度", "quarter": "季度", "month": "月度"}
_UNLOCKED = ("unit", "period", "value", "status", "source")


class TemplateError(ValueError):
    """A file that is not a readable devzone template."""


@dataclass(frozen=True, kw_only=True)
class TemplateSpec:
    """What a template is for."""

    zone_code: str
    zone_name: str
    period: Period
    indicators: tuple[Indicator, ...]
    periods: tuple[Period, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Submission:
    """A template read back: its hidden record (None when missing) and its data rows."""

    template: TemplateInfo | None
    rows: tuple[SubmittedRow, ...]


def template_spec(
    *, catalogue: Catalogue, zone_code: str, zone_name: str, period: Period, codes: Sequence[str] = ()
) -> TemplateSpec:
    """The spec of a template for ``codes`` (every catalogue indicator when empty).

    >>> from devzone.indicators.catalogue import load_catalogue
    >>> from devzone.indicators.periods import parse_period
    >>> spec = template_spec(catalogue=load_catalogue(), zone_code="Z1", zone_name="示例开发区",
    ...                      period=parse_period("2023"), codes=["gdp", "high_tech_enterprises"])
    >>> [indicator.unit for indicator in spec.indicators]
    ['亿元', '家']
    """
    chosen = tuple(catalogue.get(code) for code in codes) if codes else catalogue.indicators
    return TemplateSpec(zone_code=zone_code, zone_name=zone_name, period=period, indicators=chosen)


def _list_validation(choices: Sequence[str]) -> DataValidation:
    formula = '"' + ",".join(choices) + '"'
    if len(formula) > 255:
        raise TemplateError("a drop-down list is longer than Excel's 255 characters")
    return DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)


def build_template(spec: TemplateSpec) -> Workbook:
    """The template as an openpyxl workbook (see the module docstring for its layout).

    >>> from devzone.indicators.catalogue import load_catalogue
    >>> from devzone.indicators.periods import parse_period
    >>> book = build_template(template_spec(catalogue=load_catalogue(), zone_code="Z1", zone_name="示例",
    ...                                     period=parse_period("2023"), codes=["gdp"]))
    >>> (book.sheetnames, book["数据填报"]["C2"].value, book["_meta"].sheet_state)
    (['数据填报', '指标说明', '_meta'], '亿元', 'hidden')
    """
    book = Workbook()
    sheet = book.active
    if sheet is None:  # pragma: no cover - a new Workbook always has one sheet
        raise TemplateError("openpyxl created no sheet")
    sheet.title = DATA_SHEET
    for field_name, header in HEADERS.items():
        sheet[f"{COLUMNS[field_name]}1"] = header

    periods = spec.periods or (spec.period,)
    period_list = _list_validation([period.label for period in periods])
    status_list = _list_validation(STATUS_CHOICES)
    number_check = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")
    number_check.allow_blank = True
    number_check.error = "请填写数字"
    number_check.showErrorMessage = True
    unit_lists: dict[tuple[str, ...], DataValidation] = {}
    for validation in (period_list, status_list, number_check):
        sheet.add_data_validation(validation)

    for offset, indicator in enumerate(spec.indicators):
        row = offset + 2
        values = {
            "code": indicator.code,
            "name": indicator.name,
            "unit": indicator.unit,
            "period": spec.period.label,
            "status": STATUS_CHOICES[0],
        }
        for field_name, value in values.items():
            sheet[f"{COLUMNS[field_name]}{row}"] = value
        for field_name in _UNLOCKED:
            sheet[f"{COLUMNS[field_name]}{row}"].protection = Protection(locked=False)
        choices = alternatives(indicator.unit)
        if choices not in unit_lists:
            unit_lists[choices] = _list_validation(choices)
            sheet.add_data_validation(unit_lists[choices])
        unit_lists[choices].add(f"{COLUMNS['unit']}{row}")
        period_list.add(f"{COLUMNS['period']}{row}")
        status_list.add(f"{COLUMNS['status']}{row}")
        number_check.add(f"{COLUMNS['value']}{row}")
    widths = {"code": 12, "name": 36, "unit": 12, "period": 10, "value": 16, "status": 10, "source": 30}
    style_table(sheet, first=1, columns=len(HEADERS), widths=tuple(widths.values()))
    # the indicator code is the key the reader matches on, not something a zone officer reads or prints:
    # its column stays in the file (locked) but hidden
    sheet.column_dimensions[COLUMNS["code"]].hidden = True
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False

    info = book.create_sheet(INFO_SHEET)
    table_sheet(
        info,
        ["指标名称", "单位", "定义", "统计口径", "方向", "频率", "来源"],
        [
            [
                indicator.name,
                indicator.unit,
                indicator.definition,
                indicator.scope,
                "越高越好" if indicator.direction == "higher" else "越低越好",
                FREQUENCY_WORDS.get(indicator.frequency, indicator.frequency),
                "；".join(f"{source.plan} {source.section}" for source in indicator.source),
            ]
            for indicator in spec.indicators
        ],
        widths=(28, 10, 40, 30, 10, 8, 30),
    )
    info.protection.sheet = True
    info.protection.autoFilter = False

    meta = book.create_sheet(META_SHEET)
    for key, value in (
        ("format", TEMPLATE_FORMAT),
        ("zone_code", spec.zone_code),
        ("zone_name", spec.zone_name),
        ("period", spec.period.label),
    ):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    return book


def write_template(spec: TemplateSpec) -> bytes:
    """The template as .xlsx bytes (for a download response or a file).

    >>> from devzone.indicators.catalogue import load_catalogue
    >>> from devzone.indicators.periods import parse_period
    >>> data = write_template(template_spec(catalogue=load_catalogue(), zone_code="Z1", zone_name="示例",
    ...                                     period=parse_period("2023"), codes=["gdp"]))
    >>> data[:2]
    b'PK'
    """
    buffer = io.BytesIO()
    buffer.write(save_workbook(build_template(spec)))
    return buffer.getvalue()


def _open(source: Path | bytes | BinaryIO, name: str) -> Table:
    """The workbook through the shared reader (limits checked, parsed in a child process)."""
    if isinstance(source, Path):
        name, content = source.name, source.read_bytes()
    elif isinstance(source, bytes):
        content = source
    else:
        content = source.read()
    return read_table(name, content, suffixes=XLSX_SUFFIXES)


def _cell(row: Sequence[object], column: str) -> object:
    index = ord(column) - ord("A")
    value = row[index] if index < len(row) else None
    return None if value == "" else value


def read_template(source: Path | bytes | BinaryIO, *, name: str = "模板.xlsx") -> Submission:
    """Read a filled template back into rows for :func:`devzone.indicators.validate.validate_submission`.

    Row numbers are those of the spreadsheet (the header is row 1). An unreadable or oversized file, or
    one without the data sheet, raises :class:`devzone.core.files.FileRefused` naming ``name``.

    >>> from devzone.indicators.catalogue import load_catalogue
    >>> from devzone.indicators.periods import parse_period
    >>> data = write_template(template_spec(catalogue=load_catalogue(), zone_code="Z1", zone_name="示例",
    ...                                     period=parse_period("2023"), codes=["gdp"]))
    >>> submission = read_template(data)
    >>> (submission.template.zone, submission.rows[0].row, submission.rows[0].code, submission.rows[0].value)
    ('Z1', 2, 'gdp', None)
    """
    book = _open(source, name)
    names = book.sheet_names
    if DATA_SHEET not in names:
        raise FileRefused.one(book.file, f"没有工作表“{DATA_SHEET}”，请使用系统生成的填报模板")
    data = book.sheet(DATA_SHEET).rows
    rows = tuple(
        SubmittedRow(
            sheet=DATA_SHEET,
            row=number,
            code=_cell(cells, COLUMNS["code"]),
            name=_cell(cells, COLUMNS["name"]),
            unit=_cell(cells, COLUMNS["unit"]),
            period=_cell(cells, COLUMNS["period"]),
            value=_cell(cells, COLUMNS["value"]),
            status=_cell(cells, COLUMNS["status"]),
            source=_cell(cells, COLUMNS["source"]),
        )
        for number, cells in enumerate(data, start=1)
        if number > 1
    )
    template: TemplateInfo | None = None
    if META_SHEET in names:
        record: dict[str, tuple[object, int]] = {}
        for number, cells in enumerate(book.sheet(META_SHEET).rows, 1):
            key = _cell(cells, "A")
            if isinstance(key, str):
                record[key] = (_cell(cells, "B"), number)
        if "zone_code" in record and "period" in record:
            template = TemplateInfo(
                sheet=META_SHEET,
                zone=record["zone_code"][0],
                zone_cell=(record["zone_code"][1], "B"),
                period=record["period"][0],
                period_cell=(record["period"][1], "B"),
            )
    return Submission(template=template, rows=rows)
