"""The board as an .xlsx workbook (openpyxl): one row per target, status cells coloured."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from devzone.core.documents import save_workbook
from devzone.indicators.board import TargetRow, as_of_heading

BOARD_SHEET = "目标进度"
HEADERS = (
    "开发区/范围",
    "指标",
    "目标类型",
    "比较",
    "目标值",
    "目标单位",
    "基期",
    "期限",
    "度量单位",
    "当前值",
    "统计截至",
    "序时进度值",
    "完成率(%)",
    "期末预测",
    "状态",
    "数据完整性",
    "目标原文",
)
FILLS = {
    "met": "C6EFCE",
    "on track": "DDEBF7",
    "at risk": "FFEB9C",
    "off track": "FFC7CE",
    "no data": "EDEDED",
}


def board_workbook(rows: Sequence[TargetRow], *, title: str) -> bytes:
    """The board rows as .xlsx bytes; the first line names the board and its date(s)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = BOARD_SHEET
    sheet.append([title, as_of_heading(rows)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        target = row.target
        indicator = (
            target.indicator.name if target.indicator is not None else f"（待确认）{target.indicator_text}"
        )
        sheet.append(
            [
                target.zone_label,
                indicator,
                target.get_kind_display(),
                target.op,
                target.value,
                target.unit,
                target.base_period,
                target.deadline,
                row.unit,
                row.current,
                row.as_of_label,
                row.expected,
                row.completion_percent,
                row.forecast,
                row.label,
                "；".join(f"{year.label}，合计暂不计入" for year in row.pending),
                target.text,
            ]
        )
        status_cell = sheet.cell(row=sheet.max_row, column=HEADERS.index("状态") + 1)
        colour = FILLS[row.status]
        status_cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    for column, width in zip(
        "ABCDEFGHIJKLMNOPQ", (22, 28, 12, 6, 10, 10, 8, 8, 10, 12, 12, 12, 10, 12, 10, 24, 60), strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    buffer.write(save_workbook(book))
    return buffer.getvalue()
