"""Text of a .docx plan: body paragraphs and tables in document order.

A 任务分工表 table (columns such as 序号/重点任务/具体内容/牵头单位/配合单位/完成时限) becomes
lines in the standard text layout, so the text grammar reads it: "1.重点任务" then, per row,
"具体内容(牵头单位:A;配合单位:B;完成时限:C)". Other tables become one line per row. The
returned string is the document's decoded text: spans of the parse refer to it.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from devzone.plans.schema import PlanParseError

# header cell → column role
COLUMN_ROLES: dict[str, str] = {
    "序号": "no",
    "编号": "no",
    "重点任务": "task",
    "主要任务": "task",
    "工作任务": "task",
    "任务名称": "task",
    "重点工作": "task",
    "工作事项": "task",
    "任务": "task",
    "具体内容": "content",
    "工作内容": "content",
    "主要内容": "content",
    "任务内容": "content",
    "具体措施": "content",
    "工作措施": "content",
    "主要措施": "content",
    "具体任务": "content",
    "内容": "content",
    "牵头单位": "牵头单位",
    "牵头部门": "牵头单位",
    "责任单位": "责任单位",
    "责任部门": "责任单位",
    "配合单位": "配合单位",
    "配合部门": "配合单位",
    "完成时限": "完成时限",
    "完成时间": "完成时限",
    "时间节点": "完成时限",
    "时限": "完成时限",
    "量化目标": "target",
    "目标": "target",
}
_KEY_COLUMNS = ("牵头单位", "责任单位", "配合单位", "完成时限")


def docx_text(data: bytes, *, source: str) -> str:
    """Linear text of a .docx document; ``PlanParseError`` naming ``source`` when unreadable.

    >>> buf = io.BytesIO(); d = docx.Document(); _ = d.add_paragraph("一、主要任务"); d.save(buf)
    >>> docx_text(buf.getvalue(), source="a.docx")
    '一、主要任务'
    >>> docx_text(b"not a zip", source="b.docx")
    Traceback (most recent call last):
    ...
    devzone.plans.schema.PlanParseError: b.docx: not a readable .docx file (File is not a zip file)
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/document.xml" not in zf.namelist():
                raise PlanParseError(f"{source}: not a .docx file (no word/document.xml)")
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(table_lines(_rows(block)))
    except PlanParseError:
        raise
    except Exception as exc:  # any failure inside zip/XML/python-docx is a bad file
        reason = str(exc) or type(exc).__name__
        raise PlanParseError(f"{source}: not a readable .docx file ({reason})") from exc
    return "\n".join(lines)


def _rows(table: Table) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        last = None
        for cell in row.cells:
            if cell._tc is last:  # a horizontally merged cell repeats
                continue
            last = cell._tc
            cells.append(cell.text)
        rows.append(cells)
    return rows


def _clean(cell: str, *, joiner: str) -> str:
    parts = [p.strip() for p in re.split(r"[\r\n]+", cell) if p.strip()]
    return joiner.join(parts)


def table_lines(rows: list[list[str]]) -> list[str]:
    """Lines for a table given as rows of cell texts.

    >>> table_lines([["序号", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限"],
    ...              ["1", "优化机制", "理顺职责关系", "市委编办", "各县区", "2023年6月底前"]])
    ['1.优化机制', '理顺职责关系(牵头单位:市委编办;配合单位:各县区;完成时限:2023年6月底前)']
    >>> table_lines([["甲", "乙"], ["丙", "丁"]])
    ['甲 乙', '丙 丁']
    >>> table_lines([])
    []
    """
    header_at = next((i for i, r in enumerate(rows[:3]) if _roles(r) is not None), None)
    if header_at is None:
        return [
            " ".join(_clean(c, joiner=" ") for c in r if c.strip()) for r in rows if any(c.strip() for c in r)
        ]
    roles = _roles(rows[header_at]) or {}
    lines = [" ".join(_clean(c, joiner=" ") for c in r if c.strip()) for r in rows[:header_at]]
    last_task = None
    counter = 0
    for row in rows[header_at + 1 :]:
        cells = {
            role: _clean(row[i], joiner="、" if role in _KEY_COLUMNS else "")
            for i, role in roles.items()
            if i < len(row)
        }
        filled = {c.strip() for c in row if c.strip()}
        if not filled:
            continue
        if len(filled) == 1 and len(row) > 1:
            lines.append(filled.pop())  # a group row (section heading) spanning the table
            continue
        task = cells.get("task", "")
        content = cells.get("content", "")
        number = cells.get("no", "")
        if task and task != last_task:
            counter += 1
            label = number if number.isdigit() else str(counter)
            lines.append(f"{label}.{task}" if content else f"{label}.{task}{_notes(cells)}")
            last_task = task
            if not content:
                continue
        elif not task:
            counter += 1
            label = number if number.isdigit() else str(counter)
            lines.append(f"{label}.{content}{_notes(cells)}")
            continue
        lines.append(f"{content}{_notes(cells)}")
    return lines


def _notes(cells: dict[str, str]) -> str:
    parts = [f"{key}:{cells[key]}" for key in _KEY_COLUMNS if cells.get(key)]
    return f"({';'.join(parts)})" if parts else ""


def _roles(row: list[str]) -> dict[int, str] | None:
    roles: dict[int, str] = {}
    for i, cell in enumerate(row):
        key = re.sub(r"\s+", "", cell)
        if key in COLUMN_ROLES:
            roles[i] = COLUMN_ROLES[key]
    values = set(roles.values())
    if ("task" in values or "content" in values) and values & set(_KEY_COLUMNS):
        return roles
    return None
