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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from devzone.plans.schema import PlanParseError
from devzone.plans.texttable import KEY_COLUMNS, QUARTER_MONTHS, column_roles

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph


def docx_text(data: bytes, *, source: str) -> str:
    """Linear text of a .docx document; ``PlanParseError`` naming ``source`` when unreadable.

    >>> import docx
    >>> buf = io.BytesIO(); d = docx.Document(); _ = d.add_paragraph("一、主要任务"); d.save(buf)
    >>> docx_text(buf.getvalue(), source="a.docx")
    '一、主要任务'
    >>> docx_text(b"not a zip", source="b.docx")
    Traceback (most recent call last):
    ...
    devzone.plans.schema.PlanParseError: b.docx：无法读取 .docx 文件（File is not a zip file）
    """
    # (python-docx is imported here, in the parse child that reads a .docx: the rendering of tables,
    # ``table_lines``, serves every format and needs none of it)
    import docx  # noqa: PLC0415
    from docx.table import Table  # noqa: PLC0415
    from docx.text.paragraph import Paragraph  # noqa: PLC0415

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/document.xml" not in zf.namelist():
                raise PlanParseError(f"{source}：不是 Word 文档（缺少正文 word/document.xml）")
        document = docx.Document(io.BytesIO(data))
        numbering = _numbering_levels(document)
        counters: dict[str, list[int]] = {}
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(_list_label(block, numbering, counters) + block.text)
            elif isinstance(block, Table):
                lines.extend(table_lines(_rows(block)))
    except (PlanParseError, MemoryError):  # out of memory is the parse child's limit, not a bad file
        raise
    except Exception as exc:  # any failure inside zip/XML/python-docx is a bad file
        reason = str(exc) or type(exc).__name__
        raise PlanParseError(f"{source}：无法读取 .docx 文件（{reason}）") from exc
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"

Level = tuple[str, str, int]  # (numFmt, lvlText, start)


def _cn(n: int) -> str:
    """Chinese counting numeral for 0 < n < 100 (十一, 二十, 二十三)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


# Word list number formats (ECMA-376 ST_NumberFormat) → renderer
NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": str,
    "decimalHalfWidth": str,
    "chineseCounting": lambda n: _cn(n) if 0 < n < 100 else str(n),
    "chineseCountingThousand": lambda n: _cn(n) if 0 < n < 100 else str(n),
    "chineseLegalSimplified": lambda n: _cn(n) if 0 < n < 100 else str(n),
    "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10],
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
}


def _numbering_levels(document: Any) -> dict[str, dict[int, Level]]:
    """numId → level → (format, level text, start) from the document's numbering part."""
    try:
        root = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return {}
    abstract: dict[str | None, dict[int, Level]] = {}
    for a in root.iter(f"{_W}abstractNum"):
        levels: dict[int, Level] = {}
        for lvl in a.iter(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            text = lvl.find(f"{_W}lvlText")
            start = lvl.find(f"{_W}start")
            start_val = start.get(f"{_W}val") if start is not None else "1"
            levels[int(lvl.get(f"{_W}ilvl") or 0)] = (
                (fmt.get(f"{_W}val") if fmt is not None else None) or "decimal",
                (text.get(f"{_W}val") if text is not None else None) or "",
                int(start_val) if start_val and start_val.isdigit() else 1,
            )
        abstract[a.get(f"{_W}abstractNumId")] = levels
    nums: dict[str, dict[int, Level]] = {}
    for n in root.iter(f"{_W}num"):
        ref = n.find(f"{_W}abstractNumId")
        num_id = n.get(f"{_W}numId")
        if ref is not None and num_id is not None:
            nums[num_id] = abstract.get(ref.get(f"{_W}val"), {})
    return nums


def _list_label(
    paragraph: Paragraph, numbering: dict[str, dict[int, Level]], counters: dict[str, list[int]]
) -> str:
    """The automatic list number Word shows before a paragraph ("一、", "(一)", "1."), or ""."""
    num_pr = paragraph._p.find(f"{_W}pPr/{_W}numPr")
    if num_pr is None:
        return ""
    id_el = num_pr.find(f"{_W}numId")
    lvl_el = num_pr.find(f"{_W}ilvl")
    num_id = id_el.get(f"{_W}val") if id_el is not None else None
    ilvl_text = lvl_el.get(f"{_W}val") if lvl_el is not None else "0"
    levels = numbering.get(num_id or "", {})
    ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else 0
    if num_id is None or ilvl not in levels or ilvl > 8:
        return ""
    fmt, text, start = levels[ilvl]
    if fmt not in NUMBER_FORMATS:
        return ""
    state = counters.setdefault(num_id, [0] * 9)
    state[ilvl] = state[ilvl] + 1 if state[ilvl] else start
    for deeper in range(ilvl + 1, 9):
        state[deeper] = 0
    label = text
    for k in range(ilvl + 1):
        k_fmt = levels.get(k, (fmt, "", 1))[0]
        render = NUMBER_FORMATS.get(k_fmt, str)
        label = label.replace(f"%{k + 1}", render(state[k] or levels.get(k, (fmt, "", 1))[2]))
    return label.replace("（", "(").replace("）", ")")


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
    header_at = next((i for i, r in enumerate(rows[:3]) if column_roles(r) is not None), None)
    if header_at is None:
        return [
            " ".join(_clean(c, joiner=" ") for c in r if c.strip()) for r in rows if any(c.strip() for c in r)
        ]
    roles = column_roles(rows[header_at]) or {}
    lines = [" ".join(_clean(c, joiner=" ") for c in r if c.strip()) for r in rows[:header_at]]
    last_task = None
    counter = 0
    for row in rows[header_at + 1 :]:
        cells = {
            role: _clean(row[i], joiner="、" if role in KEY_COLUMNS else "")
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
    """The owner and time cells of a row as one annotation; quarter columns (一季度 … 四季度) join the
    time limit as "一季度完成选址", so each node is due at its quarter's end.

    >>> _notes({"责任单位": "县发改局", "q1": "完成选址", "q3": "主体完工"})
    '(责任单位:县发改局;完成时限:一季度完成选址,三季度主体完工)'
    """
    nodes = [f"{'一二三四'[int(q[1]) - 1]}季度{cells[q]}" for q in QUARTER_MONTHS if cells.get(q)]
    limit = ",".join([c for c in (cells.get("完成时限", ""),) if c] + nodes)
    parts = [f"{key}:{cells[key]}" for key in KEY_COLUMNS if cells.get(key) and key != "完成时限"]
    parts += [f"完成时限:{limit}"] * bool(limit)
    return f"({';'.join(parts)})" if parts else ""
