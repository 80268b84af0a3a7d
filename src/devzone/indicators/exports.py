"""The board as an .xlsx workbook (openpyxl): one row per target, status cells coloured."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from devzone.core.documents import save_workbook, table_sheet
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
    lines = []
    for row in rows:
        target = row.target
        indicator = (
            target.indicator.name if target.indicator is not None else f"（待确认）{target.indicator_text}"
        )
        lines.append(
            [
                target.zone_label, indicator, target.get_kind_display(), target.op, target.value, target.unit,
                target.base_period, target.deadline, row.unit, row.current, row.as_of_label, row.expected,
                row.completion_percent, row.forecast, row.label,
                "；".join(f"{year.label}，合计暂不计入" for year in row.pending), target.text,
            ]
        )  # fmt: skip
    first = table_sheet(
        sheet,
        HEADERS,
        lines,
        title=f"{title}（{as_of_heading(rows)}）",
        widths=(22, 28, 12, 6, 10, 10, 8, 8, 10, 12, 12, 12, 10, 12, 10, 24, 60),
        formats={7: "0", 8: "0"},
        freeze_columns=2,
    )
    status_column = HEADERS.index("状态") + 1
    for offset, row in enumerate(rows, start=first + 1):
        colour = FILLS[row.status]
        sheet.cell(row=offset, column=status_column).fill = PatternFill(
            fill_type="solid", start_color=colour, end_color=colour
        )
    buffer = io.BytesIO()
    buffer.write(save_workbook(book))
    return buffer.getvalue()
