"""任务分工表 (task breakdown table) of a parsed plan, written as .xlsx or .docx.

Columns: 序号 · 重点任务 · 具体内容 · 牵头单位 · 配合单位 · 完成时限 · 量化目标. Section headings are
group rows (merged across the table), then one row per task.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from devzone.core.documents import (
    add_table,
    add_title,
    new_document,
    save_workbook,
    set_run_font,
    table_sheet,
)
from devzone.plans.schema import ParsedDocument, Target, Task

HEADER = ("序号", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限", "量化目标")
# landscape A4 leaves 22.5 cm between the 公文 margins; the content column takes what the others leave
COLUMN_WIDTHS_CM = (1.2, 3.5, 7.0, 2.8, 3.0, 2.2, 2.8)
OP_SIGNS = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<"}


@dataclass(frozen=True, kw_only=True)
class BreakdownRow:
    """One row of the table: a group row (``group`` set, cells empty) or a task row."""

    group: str | None
    cells: tuple[str, ...]


def format_target(target: Target) -> str:
    """A target as a short formula ("地区生产总值>800亿元").

    >>> t = Target(text="", subject=None, indicator="地区生产总值", kind="level", op=">", value=800.0,
    ...            unit="亿元", by_year=None, by_text=None, span=(0, 0))
    >>> format_target(t)
    '地区生产总值>800亿元'
    >>> format_target(Target(text="", subject=None, indicator="外资", kind="multiple", op=">=",
    ...            value=2.0, unit="倍", by_year=None, by_text=None, span=(0, 0)))
    '外资≥2倍'
    """
    return f"{target.indicator}{OP_SIGNS.get(target.op, target.op)}{target.value:g}{target.unit}"


def _task_cells(task: Task) -> tuple[str, ...]:
    leads = "、".join(o.name for o in task.owners if o.role in ("lead", "owner"))
    supports = "、".join(o.name for o in task.owners if o.role == "support")
    deadlines = "；".join(d.text for d in task.deadlines)
    targets = "；".join(format_target(t) for t in task.targets)
    return (task.id, task.heading, task.text, leads, supports, deadlines, targets)


def breakdown_rows(doc: ParsedDocument) -> list[BreakdownRow]:
    """Group rows for plan titles and section headings, then one row per task, in order.

    >>> from devzone.plans.parse import parse_text
    >>> rows = breakdown_rows(parse_text("二、主要任务\\n1.甲任务。(牵头单位:市委编办;配合单位:市财政局)"))
    >>> [(r.group, r.cells[:1], r.cells[3:5]) for r in rows]
    [('二、主要任务', (), ()), (None, ('2.1',), ('市委编办', '市财政局'))]
    """
    rows: list[BreakdownRow] = []
    for plan in doc.plans:
        if len(doc.plans) > 1 and plan.title and plan.tasks:
            rows.append(BreakdownRow(group=plan.title, cells=()))
        previous: tuple[str, ...] = ()
        for task in plan.tasks:
            path = task.section_path
            shared = 0
            while shared < min(len(path), len(previous)) and path[shared] == previous[shared]:
                shared += 1
            rows.extend(BreakdownRow(group=label, cells=()) for label in path[shared:])
            previous = path
            rows.append(BreakdownRow(group=None, cells=_task_cells(task)))
    return rows


def write_xlsx(doc: ParsedDocument, path: str | Path, *, title: str = "任务分工表") -> None:
    """Write the 任务分工表 of ``doc`` to an .xlsx file: the title, the table (a group row merged across
    it for each section) through the shared table writer.

    >>> import tempfile, os, openpyxl
    >>> from devzone.plans.parse import parse_text
    >>> p = os.path.join(tempfile.mkdtemp(), "t.xlsx"); write_xlsx(parse_text("一、任务\\n1.甲。"), p)
    >>> [c.value for c in openpyxl.load_workbook(p).active[2]][:3]
    ['序号', '重点任务', '具体内容']
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "任务分工表"
    rows = breakdown_rows(doc)
    first = table_sheet(
        ws,
        HEADER,
        [
            [row.group] + [None] * (len(HEADER) - 1) if row.group is not None else list(row.cells)
            for row in rows
        ],
        title=title,
        widths=(8, 20, 60, 18, 24, 14, 24),
    )
    for offset, row in enumerate(rows, start=first + 1):
        if row.group is not None:
            ws.merge_cells(start_row=offset, start_column=1, end_row=offset, end_column=len(HEADER))
            ws.cell(row=offset, column=1).font = Font(bold=True)
            ws.cell(row=offset, column=1).alignment = Alignment(vertical="center")
    save_workbook(wb, path)


def write_docx(doc: ParsedDocument, path: str | Path, *, title: str = "任务分工表") -> None:
    """Write the 任务分工表 of ``doc`` to a .docx file: the 公文 title, then the table on landscape A4.

    >>> import tempfile, os, docx
    >>> from devzone.plans.parse import parse_text
    >>> p = os.path.join(tempfile.mkdtemp(), "t.docx"); write_docx(parse_text("一、任务\\n1.甲。"), p)
    >>> [c.text for c in docx.Document(p).tables[0].rows[0].cells][:2]
    ['序号', '重点任务']
    """
    document = new_document(landscape=True)
    add_title(document, title)
    rows = breakdown_rows(doc)
    table = add_table(
        document,
        HEADER,
        [[""] * len(HEADER) if row.group is not None else row.cells for row in rows],
        widths_cm=COLUMN_WIDTHS_CM,
        size=10,
    )
    for row, line in zip(rows, table.rows[1:], strict=True):
        if row.group is not None:
            merged = line.cells[0].merge(line.cells[-1])
            for extra in merged.paragraphs[1:]:  # a merge keeps every cell's empty paragraph
                extra._element.getparent().remove(extra._element)
            run = merged.paragraphs[0].add_run(row.group)
            run.font.bold = True
            run.font.size = Pt(11)
            set_run_font(run)
    document.save(str(path))
