"""Documents of a plan at work: 任务分工表 (engine writer, DB content), 督办单, progress report.

Every document sets a CJK font (宋体/SimSun, w:eastAsia) so Chinese renders in Word, WPS and LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path

import docx
import openpyxl
from openpyxl.styles import Alignment, Font

from devzone.core.documents import add_table, new_document, save_workbook, set_fonts
from devzone.orgs.models import Unit
from devzone.plans import exports as engine_exports
from devzone.plans import schema as engine
from devzone.plans.models import OwnerState, Plan, Task
from devzone.plans.progress import Row
from devzone.plans.status import Status

CJK_FONT = "宋体"
LATIN_FONT = "SimSun"


def engine_document(plan: Plan) -> engine.ParsedDocument:
    """The plan as the engine's dataclasses, with owners as settled by the review (unit names)."""
    tasks = []
    for task in plan.tasks.prefetch_related("owners__unit", "owners__owner_group", "deadlines", "targets"):
        owners = tuple(
            engine.Owner(
                name=(o.unit.name if o.unit else o.owner_group.name if o.owner_group else o.name),
                role=o.role,
                group=o.owner_group_id is not None,
                span=(o.span_start, o.span_end),
            )
            for o in task.owners.all()
            if o.state != OwnerState.DISMISSED
        )
        deadlines = tuple(
            engine.Deadline(
                text=d.text,
                year=d.year,
                month=d.month,
                day=d.day,
                recurring=d.recurring,
                span=(d.span_start, d.span_end),
            )
            for d in task.deadlines.all()
        )
        targets = tuple(
            engine.Target(
                text=t.text,
                subject=None,
                indicator=t.indicator,
                kind=t.kind,
                op=t.op,
                value=t.value,
                unit=t.unit,
                by_year=t.by_year,
                by_text=None,
                span=(t.span_start, t.span_end),
            )
            for t in task.targets.all()
        )
        tasks.append(
            engine.Task(
                id=task.key,
                section_path=tuple(task.section_path),
                heading=task.heading,
                text=task.text,
                span=(task.span_start, task.span_end),
                owners=owners,
                deadlines=deadlines,
                targets=targets,
            )
        )
    body = engine.Plan(
        title=plan.title, span=(plan.span_start, plan.span_end), sections=(), tasks=tuple(tasks), targets=()
    )
    return engine.ParsedDocument(source=plan.document.name, text="", plans=(body,))


def set_docx_fonts(document: docx.document.Document) -> None:
    """宋体 for East Asian text in every style and run, through the shared writer."""
    set_fonts(document)


def set_xlsx_fonts(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.font = Font(name=CJK_FONT, bold=cell.font.bold, size=cell.font.size)
    save_workbook(workbook, path)


def breakdown(plan: Plan, *, fmt: str) -> bytes:
    """任务分工表 of the plan as .xlsx or .docx bytes (the engine's writer, then CJK fonts)."""
    doc = engine_document(plan)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"breakdown.{fmt}"
        if fmt == "xlsx":
            engine_exports.write_xlsx(doc, path)
            set_xlsx_fonts(path)
        else:
            engine_exports.write_docx(doc, path)
            document = docx.Document(str(path))
            document.paragraphs[0].insert_paragraph_before(plan.title)
            set_docx_fonts(document)
            document.save(str(path))
        return path.read_bytes()


def _new_docx(title: str, *, landscape: bool = False) -> docx.document.Document:
    return new_document(title, landscape=landscape, size=10.5)


def _table(document: docx.document.Document, header: Sequence[str], body: Sequence[Sequence[str]]) -> None:
    add_table(document, header, body, size=10)


def _save(document: docx.document.Document) -> bytes:
    set_docx_fonts(document)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.docx"
        document.save(str(path))
        return path.read_bytes()


SUPERVISION_HEADER = ("序号", "方案", "任务", "完成时限", "序时进度", "报送进度", "状态")


def _task_label(task: Task) -> str:
    return f"{task.key} {task.heading or task.text[:40]}"


def _row_cells(index: int, row: Row) -> list[str]:
    return [
        str(index),
        row.assignment.task.plan.title,
        _task_label(row.assignment.task),
        row.due.isoformat(),
        "—" if row.expected is None else f"{row.expected:.0f}%",
        "未报送" if row.percent is None else f"{row.percent}%",
        row.status_label,
    ]


def supervision_notice(unit: Unit, unit_rows: Sequence[Row], *, as_of: dt.date, number: str) -> bytes:
    """督办单: the unit's overdue and behind assignments on ``as_of``."""
    pending = [r for r in unit_rows if r.status in (Status.OVERDUE, Status.BEHIND)]
    document = _new_docx("督办单")
    document.add_paragraph(f"督办编号：{number}        日期：{as_of.isoformat()}")
    document.add_paragraph(f"{unit.name}：")
    document.add_paragraph(
        f"截至 {as_of.isoformat()}，贵单位承担的以下 {len(pending)} 项任务逾期或进度滞后于序时进度，"
        "请于收到本督办单后 5 个工作日内报送整改措施和进展情况。"
    )
    _table(document, SUPERVISION_HEADER, [_row_cells(i, r) for i, r in enumerate(pending, 1)])
    document.add_paragraph("督办单位：（盖章）")
    return _save(document)


PROGRESS_HEADER = (
    "序号",
    "方案",
    "任务",
    "责任单位",
    "角色",
    "完成时限",
    "序时进度",
    "报送进度",
    "状态",
    "进展情况",
)


def _progress_cells(index: int, row: Row, narratives: dict[int, str]) -> list[str]:
    a = row.assignment
    cells = _row_cells(index, row)
    return [*cells[:3], a.unit.name, a.get_role_display(), *cells[3:], narratives.get(a.pk, "")]


def progress_report_docx(
    title: str, period: str, report_rows: Sequence[Row], narratives: dict[int, str]
) -> bytes:
    document = _new_docx(title, landscape=True)  # ten columns: a portrait page squeezes them to characters
    counts = {s: sum(1 for r in report_rows if r.status == s) for s in Status}
    document.add_paragraph(
        f"报告期：{period}。共 {len(report_rows)} 项分工，已完成 {counts[Status.DONE]} 项，"
        f"逾期 {counts[Status.OVERDUE]} 项，滞后 {counts[Status.BEHIND]} 项。"
    )
    _table(
        document, PROGRESS_HEADER, [_progress_cells(i, r, narratives) for i, r in enumerate(report_rows, 1)]
    )
    return _save(document)


def progress_report_xlsx(
    title: str, period: str, report_rows: Sequence[Row], narratives: dict[int, str]
) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "进展报告"
    sheet.append([f"{title}（报告期 {period}）"])
    sheet.append(list(PROGRESS_HEADER))
    for i, row in enumerate(report_rows, 1):
        sheet.append(_progress_cells(i, row, narratives))
    for row in sheet.iter_rows():
        for cell in row:
            cell.font = Font(name=CJK_FONT, bold=cell.row <= 2)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHIJ", (6, 24, 40, 24, 8, 12, 10, 10, 10, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.xlsx"
        save_workbook(workbook, path)
        return path.read_bytes()
