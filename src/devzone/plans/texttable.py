"""Task lists (任务分工表) pasted as plain text: a header line of column names, then rows.

A header is a line whose every whitespace-separated word is a known column name (序号 · 任务 ·
牵头单位 · 配合单位 · 完成时限 …), with a task or content column and an owner or time column.
Rows below it split into cells on a tab or on a run of two or more spaces (both may occur in one
table); a row has the header's number of cells, or one fewer when it has no 序号. Numbered or
short sentence-free lines without separators (group rows such as "一、政务服务提质(共6项)") are
headings inside the table; any other line ("说明:…", a closing paragraph) ends it. The same column names are read from .docx tables (``docx_in``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from devzone.plans.headings import heading_mark
from devzone.plans.text import normalise

# header cell → column role
COLUMN_ROLES: dict[str, str] = {
    **dict.fromkeys(("序号", "编号"), "no"),
    **dict.fromkeys(("重点任务", "主要任务", "工作任务", "任务名称", "重点工作", "工作事项", "任务"), "task"),
    **dict.fromkeys(("具体内容", "工作内容", "主要内容", "任务内容", "具体措施", "工作措施"), "content"),
    **dict.fromkeys(("主要措施", "具体任务", "内容"), "content"),
    **dict.fromkeys(("牵头单位", "牵头部门"), "牵头单位"),
    **dict.fromkeys(("责任单位", "责任部门"), "责任单位"),
    **dict.fromkeys(("配合单位", "配合部门", "协同单位", "协同部门", "协办单位"), "配合单位"),
    **dict.fromkeys(("完成时限", "完成时间", "时间节点", "时限"), "完成时限"),
    **dict.fromkeys(("量化目标", "目标"), "target"),
}
KEY_COLUMNS = ("牵头单位", "责任单位", "配合单位", "完成时限")
# owner column → role mode of its units (see ``owners.owners_in_cells``)
OWNER_COLUMNS: dict[str, str] = {"牵头单位": "lead", "责任单位": "first", "配合单位": "support"}
TEXT_COLUMNS = ("task", "content", "target")
_SEP_RE = re.compile(r"[ \u3000]*\t[ \u3000]*|[ \u3000]{2,}")
_MAX_GROUP_ROW = 40
_MAX_HEADER = 80


@dataclass(frozen=True, kw_only=True)
class Cell:
    """A cell ``[start, end)`` of a row and its column role."""

    role: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Row:
    """A table row ``[start, end)`` (one line) and its cells."""

    start: int
    end: int
    cells: tuple[Cell, ...]

    def cells_of(self, *roles: str) -> list[Cell]:
        """The row's cells whose role is one of ``roles``."""
        return [c for c in self.cells if c.role in roles]


def column_roles(cells: list[str]) -> dict[int, str] | None:
    """Column roles of a header row, or ``None`` when it is not a task-list header.

    >>> column_roles(["序号", "任务", "牵头单位", "配合单位", "完成时限"])
    {0: 'no', 1: 'task', 2: '牵头单位', 3: '配合单位', 4: '完成时限'}
    >>> column_roles(["甲", "乙"]) is None
    True
    >>> column_roles(["任务", "备注"]) is None
    True
    """
    roles: dict[int, str] = {}
    for i, cell in enumerate(cells):
        key = re.sub(r"\s+", "", cell)
        if key in COLUMN_ROLES:
            roles[i] = COLUMN_ROLES[key]
    values = set(roles.values())
    if ("task" in values or "content" in values) and values & set(KEY_COLUMNS):
        return roles
    return None


def split_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cells of the line ``text[start:end]`` split on tabs and runs of 2+ spaces (offsets).

    >>> t = "1\\t甲任务\\t\\t年内"
    >>> [t[a:b] for a, b in split_cells(t, 0, len(t))]
    ['1', '甲任务', '', '年内']
    >>> t = "2   乙任务  市财政局"
    >>> [t[a:b] for a, b in split_cells(t, 0, len(t))]
    ['2', '乙任务', '市财政局']
    >>> split_cells("一行", 0, 2)
    [(0, 2)]
    """
    cells: list[tuple[int, int]] = []
    pos = start
    for m in _SEP_RE.finditer(text, start, end):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, end))
    return cells


def table_rows(text: str) -> list[Row]:
    """Rows of every plain-text task list in ``text``, in order.

    >>> t = "序号 任务 牵头单位 配合单位 完成时限\\n一、政务服务\\n1\\t推行一日办结\\t区审批局\\t—\\t年内\\n说明:略"
    >>> [(t[r.start:r.end], [c.role for c in r.cells]) for r in table_rows(t)]
    [('1\\t推行一日办结\\t区审批局\\t—\\t年内', ['no', 'task', '牵头单位', '配合单位', '完成时限'])]
    >>> table_rows("1\\t甲\\t乙")
    []
    >>> table_rows("")
    []
    """
    rows: list[Row] = []
    roles: dict[int, str] | None = None
    width = 0
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        line = text[pos:line_end]
        stripped = line.strip()
        if stripped:
            lead = pos + len(line) - len(line.lstrip())
            tail = pos + len(line.rstrip())
            words = stripped.split() if len(stripped) <= _MAX_HEADER else []
            header = column_roles(words) if len(words) >= 3 else None
            if header is not None and len(header) == len(words):
                roles, width = header, len(words)
            elif roles is not None:
                row = _row(text, lead, tail, roles, width)
                if row is not None:
                    rows.append(row)
                elif not _group_row(stripped):
                    roles = None  # the table has ended
        if nl < 0:
            break
        pos = nl + 1
    return rows


def _group_row(line: str) -> bool:
    """A heading row inside a table ("一、政务服务提质(共6项)"): numbered, or short and sentence-free."""
    if _SEP_RE.search(line) or len(line) > _MAX_GROUP_ROW:
        return False
    norm = normalise(line)
    return heading_mark(norm) is not None or not any(ch in norm for ch in "。,:;")


def _row(text: str, start: int, end: int, roles: dict[int, str], width: int) -> Row | None:
    spans = split_cells(text, start, end)
    offset = 0
    if len(spans) == width - 1 and roles.get(0) == "no" and not text[spans[0][0] : spans[0][1]].isdigit():
        offset = 1  # a row without its 序号
    elif len(spans) != width:
        return None
    cells = tuple(
        Cell(role=roles[i + offset], start=a, end=b)
        for i, (a, b) in enumerate(spans)
        if i + offset in roles and b > a
    )
    return Row(start=start, end=end, cells=cells)


@dataclass(frozen=True, kw_only=True)
class RowIndex:
    """Rows looked up by a position inside them (binary search on their starts)."""

    rows: tuple[Row, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> RowIndex:
        """Index of the plain-text task-list rows of ``text``."""
        rows = tuple(table_rows(text)) if "\t" in text or "  " in text else ()
        return cls(rows=rows, starts=tuple(r.start for r in rows))

    def at(self, pos: int) -> Row | None:
        """The row containing ``pos``, or ``None``.

        >>> idx = RowIndex.of("序号 任务 牵头单位 完成时限\\n1\\t甲\\t市财政局\\t年内")
        >>> (idx.at(18).start, idx.at(0))
        (16, None)
        >>> idx.at(99) is None
        True
        """
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0 or not self.rows[k].start <= pos < self.rows[k].end:
            return None
        return self.rows[k]
