"""The yearly .xlsx data template (written with openpyxl) and reading it back (python-calamine).

Sheet ``企业数据``: row 1 the Chinese labels, row 2 (hidden) the column keys the importer matches on, data
from row 3, with drop-downs in Chinese (规上/规下, 是/否) and checks on year, land and the money columns.
Sheet ``说明`` documents each column.
On reading, the English header row is found by its ``uscc`` cell; land given in square metres (header
``land_m2``, or a label with 平方米/m²) is converted to 亩 with 1 亩 = 2000/3 m² (≈ 666.67 m²).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from devzone.core.documents import save_workbook, style_table, table_sheet
from devzone.core.files import Limits, MiB, read_table
from devzone.enterprises.inputs import InputError, InputIssue, parse_records
from devzone.enterprises.inputs_schema import COLUMNS, Column

SHEET = "企业数据"
NOTES_SHEET = "说明"
M2_PER_MU = 2000 / 3
DATA_ROWS = 5000


# what a user picks in the template, and the value the importer reads for it
SCALE_WORDS = {"规上": "above", "规下": "below"}
KIND_WORDS = {"int": "整数", "float": "数字", "str": "文本", "bool": "是/否"}


def _validation(column: Column, year: int) -> DataValidation | None:
    rules: dict[str, DataValidation] = {
        "year": DataValidation(type="whole", operator="equal", formula1=str(year)),
        "scale": DataValidation(type="list", formula1='"' + ",".join(SCALE_WORDS) + '"'),
        "leased": DataValidation(type="list", formula1='"是,否"'),
        "land_mu": DataValidation(type="decimal", operator="greaterThan", formula1="0"),
        "uscc": DataValidation(type="textLength", operator="equal", formula1="18"),
        "employees": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0"),
    }
    rule = rules.get(column.name)
    if rule is None and column.kind == "float" and column.name != "tax":
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    if rule is not None:
        rule.error = f"{_label(column)}：请填写{KIND_WORDS[column.kind]}"
        rule.errorTitle = "填写有误"
        rule.showErrorMessage = True
    return rule


def _label(column: Column) -> str:
    """The Chinese heading of a column (规模 without the machine words the CSV format names)."""
    return "规模(规上/规下)" if column.name == "scale" else column.label


def write_template(*, year: int, path: Path) -> Path:
    """Write the data template for ``year`` to ``path`` and return it.

    Row 1 carries the Chinese headings a user reads; row 2, hidden, the column keys the importer
    matches on (the same keys a CSV file uses), so a filled template reads back as it was handed out.

    >>> import tempfile
    >>> p = write_template(year=2024, path=Path(tempfile.mkdtemp()) / "t.xlsx")
    >>> read_table(p.name, p.read_bytes()).sheet_names
    ['企业数据', '说明']
    >>> read_table(p.name, p.read_bytes()).sheet("企业数据").rows[1][:3]
    ['year', 'uscc', 'name']
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    for index, column in enumerate(COLUMNS, start=1):
        ws.cell(row=1, column=index, value=_label(column) + ("" if column.required else "（可空）"))
        ws.cell(row=2, column=index, value=column.name)
        rule = _validation(column, year)
        if rule is not None:
            ws.add_data_validation(rule)
            letter = get_column_letter(index)
            rule.add(f"{letter}3:{letter}{DATA_ROWS + 2}")
    style_table(
        ws,
        first=1,
        columns=len(COLUMNS),
        widths=[max(12, len(c.label) * 2) for c in COLUMNS],
        freeze_columns=2,
    )
    ws.row_dimensions[2].hidden = True
    ws.freeze_panes = "C3"
    notes = wb.create_sheet(NOTES_SHEET)
    table_sheet(
        notes,
        ["列", "单位", "是否必填"],
        [[_label(c), c.unit if c.name != "scale" else "", "必填" if c.required else "可空"] for c in COLUMNS],
        title=f"{year} 年度企业数据填写说明",
        widths=(30, 20, 12),
    )
    notes.append([])
    notes.append(
        [
            "金额单位为万元，用电量单位为千瓦时；用地面积可按平方米填写（在第一行表头中写明“平方米”），导入时按 1 亩 = 2000/3 平方米换算。"
        ]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(wb, path)
    return path


def header_row(rows: Sequence[Sequence[Any]]) -> int | None:
    """Index of the English header row: the one with a ``uscc`` cell among the first 10 rows."""
    for index, cells in enumerate(rows[:10]):
        if "uscc" in [str(c).strip() for c in cells]:
            return index
    return None


def _square_metre_columns(names: Sequence[str], labels: Sequence[str]) -> set[int]:
    """Columns giving land in m²: header ``land_m2``, or ``land_mu`` under a label with 平方米/m²."""
    return {
        i
        for i, name in enumerate(names)
        if name == "land_m2"
        or (name == "land_mu" and i < len(labels) and any(u in labels[i] for u in ("平方米", "m²", "m2")))
    }


def _to_mu(value: Any) -> Any:
    try:
        return float(str(value).replace(",", "")) / M2_PER_MU
    except ValueError:
        return value  # parse_records reports it as not a number


def numbered_records(rows: Sequence[Sequence[Any]], header_at: int) -> list[tuple[int, dict[str, Any]]]:
    """(the file's 1-based row number, {column: cell}) of every non-blank row below the header row.

    Land given in m² is converted to 亩 (1 亩 = 2000/3 m²); blank rows are skipped but keep their numbers.
    """
    names = [str(c).strip() for c in rows[header_at]]
    labels = [str(c) for c in rows[header_at - 1]] if header_at > 0 else []
    metres = _square_metre_columns(names, labels)
    out = []
    for number, cells in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if all(c in ("", None) for c in cells):
            continue
        record: dict[str, Any] = {}
        for i, name in enumerate(names):
            if not name or i >= len(cells):
                continue
            value = None if cells[i] in ("", None) else cells[i]
            if name == "scale" and isinstance(value, str):
                value = SCALE_WORDS.get(value.strip(), value)
            if i in metres:
                record["land_mu"] = None if value is None else _to_mu(value)
            else:
                record[name] = value
        out.append((number, record))
    return out


def read_template(path: Path) -> list[dict[str, Any]]:
    """Read and validate a filled template; raise :class:`InputError` listing every bad cell.

    >>> import tempfile
    >>> p = write_template(year=2024, path=Path(tempfile.mkdtemp()) / "t.xlsx")
    >>> read_template(p)
    []
    >>> from openpyxl import load_workbook
    >>> wb = load_workbook(p); wb[SHEET].append([2024, "91350100M000100Y43", "甲", "Z", "C3311", "above", 6.5,
    ...     "false", 30, 900]); wb.save(p)
    >>> read_template(p)[0]["land_mu"], read_template(p)[0]["industry_code"]
    (6.5, '3311')
    """
    source = str(path)
    table = read_table(Path(path).name, Path(path).read_bytes(), limits=Limits(max_bytes=200 * MiB))
    data = table.sheet(SHEET, fallback_first=True)
    sheet, rows = data.name, data.rows
    header_at = header_row(rows)
    if header_at is None:
        raise InputError(
            [
                InputIssue(
                    file=source,
                    sheet=sheet,
                    row=0,
                    column="uscc",
                    reason="找不到英文表头行（含 uscc 的一行）",
                )
            ]
        )
    numbered = numbered_records(rows, header_at)
    parsed, issues = parse_records(
        [r for _, r in numbered], source=source, sheet=sheet, row_numbers=[n for n, _ in numbered]
    )
    if issues:
        raise InputError(issues)
    return parsed
