"""The 考评数据 template: one row per zone, one column per indicator under its Chinese name.

The file reads back through :func:`devzone.assessment.imports.import_values`, which maps each Chinese
heading to its indicator code (``indicator_headers``), so nobody types an English code.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook

from devzone.assessment.imports import template_header
from devzone.assessment.spec import Node
from devzone.core.documents import save_workbook, style_table, table_sheet


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
    widths = [30, 8, *(max(12, min(24, len(h) * 2 + 2)) for h in headers[2:])]
    style_table(
        sheet,
        first=1,
        columns=len(headers),
        widths=widths,
        formats={2: "0"},
        freeze_columns=2,
        landscape=True,
    )

    notes = book.create_sheet("指标说明")
    table_sheet(
        notes,
        ["表头", "指标名称", "单位", "方向", "指标代码"],
        [
            [
                template_header(n.name, n.unit),
                n.name,
                n.unit or "",
                "正向" if n.direction > 0 else "逆向",
                n.code,
            ]
            for n in nodes
        ],
        widths=(28, 24, 10, 8, 24),
        landscape=False,
    )
    # the codes are for a CSV written by another system; a user reading or printing the sheet needs the names
    notes.column_dimensions["E"].hidden = True
    notes.append([])
    notes.append(["填写说明：每个开发区每年一行；数值只填数字，缺失的值填“缺失”，空着的格不导入。"])
    return save_workbook(book)
