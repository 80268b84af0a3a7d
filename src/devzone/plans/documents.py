"""Documents of a plan at work: 任务分工表 (engine writer, DB content), 督办单, progress report.

Every document is written through ``core/documents.py``: A4, 公文 title and headings, CJK fonts.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH

from devzone.core.citations import chinese_date
from devzone.core.documents import (
    Outline,
    add_paragraph,
    add_signoff,
    add_table,
    document_bytes,
    new_document,
    save_workbook,
    table_sheet,
)
from devzone.orgs.models import Unit
from devzone.plans import exports as engine_exports
from devzone.plans import schema as engine
from devzone.plans.models import OwnerState, Plan, Task
from devzone.plans.progress import Row
from devzone.plans.status import STATUS_LABELS, Status


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


def breakdown(plan: Plan, *, fmt: str) -> bytes:
    """任务分工表 of the plan as .xlsx or .docx bytes (the engine's writer, titled with the plan)."""
    doc = engine_document(plan)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"breakdown.{fmt}"
        writer = engine_exports.write_xlsx if fmt == "xlsx" else engine_exports.write_docx
        writer(doc, path, title=f"{plan.title}任务分工表")
        return path.read_bytes()


# A letter to a unit fits portrait A4 (15.6 cm between the 公文 margins): the plan and the task share
# a column, so six columns of set widths keep every cell readable.
SUPERVISION_HEADER = ("序号", "方案及任务", "完成时限", "序时进度", "报送进度", "状态")
SUPERVISION_WIDTHS_CM = (1.2, 7.2, 2.8, 1.6, 1.6, 1.2)


def _task_label(task: Task) -> str:
    return f"{task.key} {task.heading or task.text[:40]}"


def _expected(row: Row) -> str:
    return "—" if row.expected is None else f"{row.expected:.0f}%"


def _reported(row: Row) -> str:
    return "未报送" if row.percent is None else f"{row.percent}%"


def supervision_notice(
    unit: Unit, unit_rows: Sequence[Row], *, as_of: dt.date, number: str, issuer: str | None = None
) -> bytes:
    """督办单: a letter to the unit listing its overdue and behind assignments on ``as_of``."""
    pending = [r for r in unit_rows if r.status in (Status.OVERDUE, Status.BEHIND)]
    document = new_document("督办单", letter=True)
    day = chinese_date(as_of.isoformat())
    add_paragraph(document, f"督办编号：{number}", indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_paragraph(document, f"{unit.name}：", indent=False)
    add_paragraph(
        document,
        f"截至{day}，贵单位承担的以下 {len(pending)} 项任务逾期或进度滞后于序时进度，"
        "请于收到本督办单后 5 个工作日内报送整改措施和进展情况。",
    )
    add_table(
        document,
        SUPERVISION_HEADER,
        [
            [
                str(i),
                f"{r.assignment.task.plan.title}：{_task_label(r.assignment.task)}",
                chinese_date(r.due.isoformat()),
                _expected(r),
                _reported(r),
                r.status_label,
            ]
            for i, r in enumerate(pending, 1)
        ],
        widths_cm=SUPERVISION_WIDTHS_CM,
        size=10.5,
    )
    add_signoff(document, issuer=issuer, day=day)
    return document_bytes(document)


# The progress report: what a bureau reads first is who and which plan is behind, then each assignment.
SUMMARY_STATUSES = (
    Status.DONE,
    Status.ON_TRACK,
    Status.DUE_SOON,
    Status.NOT_STARTED,
    Status.BEHIND,
    Status.OVERDUE,
)
PROGRESS_HEADER = ("序号", "方案", "任务", "责任单位", "完成时限", "序时进度", "报送进度", "状态", "进展情况")
# landscape A4 leaves 22.5 cm between the 公文 margins
PROGRESS_WIDTHS_CM = (1.1, 3.0, 4.4, 3.0, 2.3, 1.4, 1.4, 1.7, 4.2)
SUMMARY_WIDTHS_CM = (1.2, 7.0, 1.7, *(2.1,) * len(SUMMARY_STATUSES))


@dataclass(frozen=True)
class Narrative:
    """The latest 进展情况 of an assignment up to the report's period, and the period it was reported for."""

    period: str
    text: str


def summary_rows(report_rows: Sequence[Row], key: Callable[[Row], str]) -> list[list[Any]]:
    """One line per unit (or plan): 分工数, then the count in each status, worst first in the sort.

    Sorted by 逾期, then 滞后, descending, then name, so that the line a bureau acts on comes first.
    """
    groups: dict[str, list[Row]] = {}
    for row in report_rows:
        groups.setdefault(key(row), []).append(row)
    lines = [
        [name, len(rows), *(sum(1 for r in rows if r.status == s) for s in SUMMARY_STATUSES)]
        for name, rows in groups.items()
    ]
    lines.sort(key=lambda line: (-line[-1], -line[-2], line[0]))
    return [[i, *line] for i, line in enumerate(lines, 1)]


def summary_header(what: str) -> list[str]:
    return ["序号", what, "分工数", *(STATUS_LABELS[s] for s in SUMMARY_STATUSES)]


def _by_unit(row: Row) -> str:
    return row.assignment.unit.name


def _by_plan(row: Row) -> str:
    return row.assignment.task.plan.title


def _percent(share: float | None, missing: str) -> str:
    return missing if share is None else f"{share:.0%}"


def _narrative_text(period: str, narrative: Narrative | None) -> str:
    if narrative is None:
        return "本期未报送"
    return narrative.text if narrative.period == period else f"（{narrative.period}报送）{narrative.text}"


def _detail_rows(
    period: str, report_rows: Sequence[Row], narratives: dict[int, Narrative]
) -> list[list[Any]]:
    ordered = sorted(
        report_rows, key=lambda r: (_by_unit(r), _by_plan(r), r.assignment.task.key, r.assignment.pk)
    )
    return [
        [i, _by_plan(r), _task_label(r.assignment.task), _by_unit(r), r.due,
         None if r.expected is None else round(r.expected) / 100, None if r.percent is None else r.percent / 100,
         r.status_label, _narrative_text(period, narratives.get(r.assignment.pk))]
        for i, r in enumerate(ordered, 1)
    ]  # fmt: skip


def _overview(period: str, report_rows: Sequence[Row]) -> str:
    counts = {s: sum(1 for r in report_rows if r.status == s) for s in Status}
    units = len({r.assignment.unit_id for r in report_rows})
    plans = len({r.assignment.task.plan_id for r in report_rows})
    return (
        f"报告期{period}，{plans} 个方案、{units} 个责任单位共 {len(report_rows)} 项分工：已完成 {counts[Status.DONE]} 项，"
        f"正常推进 {counts[Status.ON_TRACK]} 项，即将到期 {counts[Status.DUE_SOON]} 项，未开始 {counts[Status.NOT_STARTED]} 项，"
        f"滞后 {counts[Status.BEHIND]} 项，逾期 {counts[Status.OVERDUE]} 项。"
    )


def progress_report_docx(
    title: str, period: str, report_rows: Sequence[Row], narratives: dict[int, Narrative]
) -> bytes:
    """进展报告: the overview, the summary by unit and by plan, then each assignment's latest 进展情况 — on
    landscape A4, tables of set column widths whose header rows repeat on every page."""
    document = new_document(title, landscape=True)
    outline = Outline(document)
    outline.heading("总体情况")
    add_paragraph(document, _overview(period, report_rows))
    for heading, what, key in (("分责任单位情况", "责任单位", _by_unit), ("分方案情况", "方案", _by_plan)):
        outline.heading(heading)
        add_table(
            document,
            summary_header(what),
            summary_rows(report_rows, key),
            widths_cm=SUMMARY_WIDTHS_CM,
            size=10.5,
        )
    outline.heading("各项分工进展情况")
    add_table(
        document,
        PROGRESS_HEADER,
        [
            [
                *line[:4],
                chinese_date(line[4].isoformat()),
                _percent(line[5], "—"),
                _percent(line[6], "未报送"),
                *line[7:],
            ]
            for line in _detail_rows(period, report_rows, narratives)
        ],
        widths_cm=PROGRESS_WIDTHS_CM,
        size=9,
    )
    return document_bytes(document)


def progress_report_xlsx(
    title: str, period: str, report_rows: Sequence[Row], narratives: dict[int, Narrative]
) -> bytes:
    """The same report as a workbook: 按单位汇总, 按方案汇总, 进展明细 — each a table fit to send."""
    workbook = openpyxl.Workbook()
    sheets = (
        ("按单位汇总", summary_header("责任单位"), summary_rows(report_rows, _by_unit), (6, 36, 10, *(10,) * len(SUMMARY_STATUSES))),
        ("按方案汇总", summary_header("方案"), summary_rows(report_rows, _by_plan), (6, 50, 10, *(10,) * len(SUMMARY_STATUSES))),
        ("进展明细", PROGRESS_HEADER, _detail_rows(period, report_rows, narratives), (6, 24, 36, 22, 12, 10, 10, 10, 60)),
    )  # fmt: skip
    for index, (name, header, rows, widths) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = name
        formats = {6: "0%", 7: "0%"} if header is PROGRESS_HEADER else None
        table_sheet(
            sheet, header, rows, title=f"{title}（报告期 {period}）· {name}", widths=widths, formats=formats
        )
    return save_workbook(workbook)
