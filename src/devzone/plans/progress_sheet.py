"""The progress template (进展填报表) of many assignments, and reading it back: every bad cell at once.

A zone that reports on hundreds of assignments a month fills one sheet instead of hundreds of forms: the
template lists the assignments the person may report on (分工编号, 方案, 任务, 责任单位, the last percent
reported) with two columns to fill, 本次进度（%） and 进展情况. Reading it back checks each row the way
the single form does (a whole percent from 0 to 100, not lower than the last report, a 进展情况, an
assignment the person may report on, each assignment once) and returns every issue with its sheet, row
(the file's own number) and column letter, so that the person fixes the file in one pass. A row with
both columns empty is left out (nothing to report for it this month).

Pure module: no Django; the caller passes what the database knows (who may report on what, the last
percent of each) and writes what comes back.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from devzone.core.documents import save_workbook, streamed_table
from devzone.core.files import CellIssue, column_letters

SHEET = "进展填报"
ID = "分工编号"
PERCENT = "本次进度（%）"
NARRATIVE = "进展情况"
HEADER = (ID, "方案", "任务编号", "任务", "责任单位", "分工", "完成时限", "上次进度（%）", PERCENT, NARRATIVE)
WIDTHS = (10, 28, 9, 44, 22, 7, 12, 10, 10, 50)
NARRATIVE_MAX = 5000  # the single form's limit
HEADER_SEARCH_ROWS = 10  # the header is the first row (of these) whose cells include 分工编号


@dataclass(frozen=True, kw_only=True)
class Listed:
    """One assignment as the template lists it."""

    assignment_id: int
    plan: str
    task_key: str
    task: str
    unit: str
    role: str
    due: dt.date | None
    last_percent: int | None


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One row to store: the assignment, the percent and the words, and the file's row it came from."""

    assignment_id: int
    percent: int
    narrative: str
    row: int


def template(listed: Sequence[Listed], *, period: str) -> bytes:
    """The .xlsx template listing ``listed`` for ``period`` (年-月).

    >>> from devzone.core.files import read_table
    >>> one = Listed(assignment_id=7, plan="方案", task_key="1.1", task="任务", unit="甲单位", role="牵头",
    ...              due=None, last_percent=40)
    >>> rows = read_table("t.xlsx", template([one], period="2026-06")).sheet(SHEET).rows
    >>> rows[1][:3], rows[2][0], rows[2][7]
    (['分工编号', '方案', '任务编号'], 7.0, 40.0)
    """
    book = Workbook(write_only=True)
    streamed_table(
        book,
        SHEET,
        HEADER,
        [
            (a.assignment_id, a.plan, a.task_key, a.task, a.unit, a.role, a.due, a.last_percent, None, None)
            for a in listed
        ],
        title=f"任务进展填报表（报告期 {period}；填写“{PERCENT}”和“{NARRATIVE}”两列，不报送的行留空）",
        widths=WIDTHS,
    )
    return save_workbook(book)


def _header(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]] | None:
    """(0-based index of the header row, header text → 0-based column) of the first row naming 分工编号."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {str(v).strip(): c for c, v in enumerate(row) if v not in (None, "")}
        if ID in names:
            return index, names
    return None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _whole(value: Any) -> int | None:
    """A cell as a whole number (``85``, ``85.0``, ``"85"``, ``"85%"``), else None.

    >>> _whole(85.0), _whole(" 85% "), _whole("85.5"), _whole("八十"), _whole(True)
    (85, 85, None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    text = str(value).strip().removesuffix("%").removesuffix("％").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number.is_integer() else None


@dataclass(frozen=True)
class _Columns:
    """0-based columns of the three cells a row is read by."""

    id: int
    percent: int
    text: int


def _problems(
    cells: Sequence[Any], c: _Columns, *, last: Mapping[int, int | None], seen: dict[int, int], number: int
) -> tuple[Entry | None, list[tuple[int, str, str]]]:
    """One filled row: its entry, or its problems as (column, reason, code)."""
    raw_id, raw_percent, raw_text = (cells[i] if i < len(cells) else None for i in (c.id, c.percent, c.text))
    assignment = _whole(raw_id)
    if assignment is None or assignment not in last:
        shown = "（空）" if _blank(raw_id) else f"“{raw_id}”"
        return None, [
            (c.id, f"{ID} {shown} 不是你可以报送的分工（请使用下载的模板，勿改动此列）", "not_yours")
        ]
    if assignment in seen:
        return None, [
            (c.id, f"{ID} {assignment} 已在第 {seen[assignment]} 行填报，同一分工只能填一行", "duplicate")
        ]
    seen[assignment] = number
    percent = _whole(raw_percent)
    text = "" if raw_text is None else str(raw_text).strip()
    problems: list[tuple[int, str, str]] = []
    before = last[assignment]
    if _blank(raw_percent):
        problems.append((c.percent, f"{PERCENT}未填（已填写{NARRATIVE}）", "required"))
    elif percent is None or not 0 <= percent <= 100:
        problems.append((c.percent, f"{PERCENT}应为 0 到 100 的整数，填的是“{raw_percent}”", "not_a_percent"))
    elif before is not None and percent < before:
        problems.append((c.percent, f"{PERCENT}{percent} 低于上次报送的 {before}%，不能降低", "lower"))
    if not text:
        problems.append((c.text, f"{NARRATIVE}未填（已填写{PERCENT}）", "required"))
    elif len(text) > NARRATIVE_MAX:
        problems.append(
            (c.text, f"{NARRATIVE}有 {len(text):,} 字，超过 {NARRATIVE_MAX:,} 字的上限", "too_long")
        )
    if problems or percent is None:
        return None, problems
    return Entry(assignment_id=assignment, percent=percent, narrative=text, row=number), []


def read_entries(
    rows: Sequence[Sequence[Any]],
    *,
    file: str,
    sheet: str,
    last: Mapping[int, int | None],
) -> tuple[list[Entry], list[CellIssue]]:
    """The filled rows of a template and every issue found; ``last`` maps each assignment the person may
    report on to its last percent (None: never reported). Nothing is to be stored unless the issues are
    empty.

    >>> rows = [["分工编号", "本次进度（%）", "进展情况"], [7, 50, "已完成招标"], [8, "", ""], [9, 30, "开工"]]
    >>> entries, issues = read_entries(rows, file="f.xlsx", sheet="进展填报", last={7: 40, 8: None, 9: 60})
    >>> [(e.assignment_id, e.percent, e.row) for e in entries]
    [(7, 50, 2)]
    >>> [str(i) for i in issues]
    ['f.xlsx，工作表“进展填报”，第 4 行，B 列：本次进度（%）30 低于上次报送的 60%，不能降低']
    """
    found = _header(rows)
    if found is None:
        reason = f"找不到表头行（含“{ID}”的一行）"
        return [], [CellIssue(file=file, sheet=sheet, row=1, reason=reason, code="no_header")]
    at, names = found
    missing = [n for n in (ID, PERCENT, NARRATIVE) if n not in names]
    if missing:
        reason = f"表头缺少列：{'、'.join(missing)}（请使用下载的模板）"
        return [], [CellIssue(file=file, sheet=sheet, row=at + 1, reason=reason, code="missing_column")]
    columns = _Columns(names[ID], names[PERCENT], names[NARRATIVE])
    entries: list[Entry] = []
    issues: list[CellIssue] = []
    seen: dict[int, int] = {}
    for index in range(at + 1, len(rows)):
        cells = rows[index]
        if all(_blank(cells[i]) if i < len(cells) else True for i in (columns.percent, columns.text)):
            continue  # nothing reported on this row
        entry, problems = _problems(cells, columns, last=last, seen=seen, number=index + 1)
        if entry is not None:
            entries.append(entry)
        issues += [
            CellIssue(file=file, sheet=sheet, row=index + 1, column=column_letters(col + 1), reason=r, code=k)
            for col, r, k in problems
        ]
    if not entries and not issues:
        reason = f"没有填报任何进展（“{PERCENT}”和“{NARRATIVE}”两列都是空的）"
        issues.append(CellIssue(file=file, sheet=sheet, reason=reason, code="empty"))
    return entries, issues
