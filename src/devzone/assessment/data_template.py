"""The 考评数据 template: one row per zone, one column per indicator under its Chinese name.

The file reads back through :func:`devzone.assessment.imports.import_values`, which maps each Chinese
heading to its indicator code (``indicator_headers``), so nobody types an English code.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from devzone.assessment.imports import template_header
from devzone.assessment.spec import Node
from devzone.core.documents import print_setup, save_workbook

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD = PatternFill("solid", fgColor="DDEBF7")


def template_bytes(
    nodes: Sequence[Node], zone_names: Sequence[str], year: int, *, ambiguous: frozenset[str] = frozenset()
) -> bytes:
    """An .xlsx to fill in: 开发区 · 年度 · one column per indicator · 来源, and a sheet 指标说明.

    A heading in ``ambiguous`` (a name two codes share) is written as the code, which reads back unambiguously.
    """

    def heading(n: Node) -> str:
        text = template_header(n.name, n.unit)
        return n.code if text in ambiguous else text

    headers = ["开发区", "年度", *(heading(n) for n in nodes), "来源"]
    book = Workbook()
    sheet = book.active
    sheet.title = "考评数据"
    sheet.append(headers)
    for name in zone_names:
        sheet.append([name, year, *([None] * len(nodes)), ""])
    for i, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=i)
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        width = 30 if i == 1 else 8 if i == 2 else max(12, min(24, len(header) * 2 + 2))
        sheet.column_dimensions[get_column_letter(i)].width = width
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row, max_col=len(headers)):
        for cell in row:
            cell.border = BOX
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, sheet.max_row)}"
    print_setup(sheet, landscape=True)

    notes = book.create_sheet("指标说明")
    notes.append(["表头", "指标名称", "单位", "方向", "指标代码"])
    for n in nodes:
        notes.append(
            [
                template_header(n.name, n.unit),
                n.name,
                n.unit or "",
                "正向" if n.direction > 0 else "逆向",
                n.code,
            ]
        )
    notes.append([])
    notes.append(["填写说明：每个开发区每年一行；数值只填数字，缺失的值填“缺失”，空着的格不导入。"])
    for letter, width in zip("ABCDE", (28, 24, 10, 8, 24), strict=True):
        notes.column_dimensions[letter].width = width
    for cell in notes[1]:
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD, BOX
    print_setup(notes, landscape=False)
    return save_workbook(book)
