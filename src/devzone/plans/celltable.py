"""Task lists copied from a web page or a PDF reader: one cell a line.

A browser or a PDF reader copies a table cell by cell: each cell on its own line, often with a
line holding only "|" between cells, or " |" closing each cell. The header is a run of column
names, one a line (序号 / 重点工作 / 责任领导 / 责任单位 / 完成时限); a name broken over two lines
("责任" / "领导") is joined. Each row starts at its 序号, a line holding only a number, and runs
to the next one.

- With "|" marks the cells are exact: the cells after the 序号 fill the columns after it in order,
  and cells beyond them are the group label of the next row (池州's 工作任务 cell, written
  before the 序号 and spanning rows), which belongs to no row.
- Without marks a cell may wrap over lines (three units of one 责任单位 cell on three lines), so
  each line goes to the next column that can hold what it reads as: a unit list to an owner
  column, a date to the 完成时限 column, a short name to a person column, other text to a text
  column; a second text line after the date is a sub-row of the same 序号 and goes back to the
  text column (大竹 "开工建设县老年养护楼。… 开工建设老年大学。12月底前").

A header without a 序号 column places the 序号 where the first number line falls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import combinations

from devzone.plans.deadlines import cell_deadlines
from devzone.plans.headings import heading_mark, number_only
from devzone.plans.owner_words import KIND_NOUNS
from devzone.plans.owners import cell_names, looks_like_unit_cell, looks_like_units
from devzone.plans.text import normalise
from devzone.plans.texttable import (
    COLUMN_ROLES,
    OWNER_COLUMNS,
    QUARTER_MONTHS,
    TEXT_COLUMNS,
    TIME_COLUMNS,
    Cell,
    Row,
    column_role,
    column_roles,
)

_NUMBER_RE = re.compile(r"\d{1,3}")
_QUARTER_RE = re.compile(r"第?[一二三四1-4]季度")
_PERSON_RE = re.compile(r"[\u3400-\u9fff](?: *[\u3400-\u9fff]){1,2}")
_TEXT_ROLES = frozenset({"task", "content", "target", "unread", "other", "remark", *QUARTER_MONTHS})
# beside a 单位 (unit of measure) column: a unit line ("万亩", "亿斤", "万元/人", "%", "-") and a value
# line ("0.07", "≥2%") of the 年度目标 column
_MEASURE_RE = re.compile(
    r"[-%‰]|[万亿千百]?(?:[\u4e00-\u9fff]|个[\u4e00-\u9fff]{1,2})(?:/[\u4e00-\u9fff]{1,2})?"
)
_VALUE_RE = re.compile(r"[≥≤><]?=? ?\d+(?:\.\d+)?(?:%|‰)?")
_MAX_NAME = 12
# the first line of a unit name broken over two lines: a few characters, no figure or sign ("市生态")
_NAME_HEAD_RE = re.compile(r"[\u4e00-\u9fff]{2,6}")
_MIN_COLUMNS = 3


@dataclass(frozen=True, kw_only=True)
class _Cell:
    start: int
    end: int


# a table a page flattened into one line, its cells apart by runs of blanks ("序号   2025年度工作任务   责任单位
#    一、…   1   加快建设…   市市场监管局   2   …"): the runs stand where the cells' line breaks stood
_CELL_GAP_RE = re.compile(r"[ \u3000\xa0]{3,}")
_MIN_FLAT_CELLS = 6


def unflattened(text: str) -> str:
    """``text`` with each line that is a flattened table (a 序号 cell among runs of three or more blanks
    between its cells) broken into one cell a line, as a browser copies a table; every offset stays.

    >>> unflattened("序号   工作任务   责任单位   1   推进改革。   市财政局   2   完善机制。   市发改委")
    '序号\\n  工作任务\\n  责任单位\\n  1\\n  推进改革。\\n  市财政局\\n  2\\n  完善机制。\\n  市发改委'
    >>> unflattened("一、总体要求   坚持稳中求进。")  # no table: kept as written
    '一、总体要求   坚持稳中求进。'
    >>> unflattened("序号 | 事项名称 | 承办科室 | 1 | 杜鹃花节 | 社会事务办 |")  # cells parted by "|" on one line
    '序号 |\\n事项名称 |\\n承办科室 |\\n1 |\\n杜鹃花节 |\\n社会事务办 |'
    """
    if "序号" not in text:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if _PIPED_HEAD_RE.match(line) and _FIRST_ROW_RE.search(line) and line.count("|") >= _MIN_FLAT_CELLS:
            out.append(
                _AFTER_BAR_RE.sub("\n", line)
            )  # "序号 | 事项名称 | …": one cell a line, closed by its "|"
            continue
        cells = _CELL_GAP_RE.split(line)
        flat = len(cells) >= _MIN_FLAT_CELLS and any(c.strip() == "序号" for c in cells)
        out.append(_CELL_GAP_RE.sub(lambda m: "\n" + m.group()[1:], line) if flat else line)
    return "\n".join(out)


# a whole table copied as one line, its cells parted by "|": the 序号 column's name, later its first row's
# number (a header line alone, its rows a line each, is read as it is by ``texttable``)
_PIPED_HEAD_RE = re.compile(r"\s*序号\s*\|\s")
_FIRST_ROW_RE = re.compile(r"\|\s*1\s*\|")
_AFTER_BAR_RE = re.compile(r"(?<=\|) ")  # the blank after a "|": a line break there keeps every offset


_BULLET_RE = re.compile(r"[•●▪◆■]\s+")
_MIN_BARS = 3  # a table of three columns closes three cells; one "|" alone is page furniture


def _cells(text: str) -> tuple[list[_Cell], bool]:
    """The cells of ``text`` with whether "|" marks separate them (else one cell a line).

    A lone "|" (a page's "字体:【 默认 超大 |") marks no cells: marks count from three lines on.

    >>> t = "字体:大 |\\n• 序号\\n任务\\n责任单位"
    >>> cells, piped = _cells(t)
    >>> piped, [t[c.start:c.end] for c in cells]
    (False, ['字体:大 |', '序号', '任务', '责任单位'])
    >>> t = "• 设为首页|\\n• 加入收藏|\\n• 长辈版|\\n序号\\n任务"
    >>> cells, piped = _cells(t)
    >>> piped, [t[c.start:c.end] for c in cells][-2:]
    (False, ['序号', '任务'])
    """
    cells: list[_Cell] = []
    piped = False
    # (a page's menu, "• 设为首页|" / "• 加入收藏|", is bulleted: its bars part no cells)
    bars = sum(
        1 for line in text.split("\n") if _is_bar_line(s := line.strip()) and _BULLET_RE.match(s) is None
    )
    open_start: int | None = None
    open_end = 0
    pos = 0
    lines: list[tuple[int, int]] = []  # the lines of the open cell, while a "|" table may be about
    for line in text.split("\n"):
        stripped = line.strip()
        lead = pos + len(line) - len(line.lstrip())
        pos += len(line) + 1
        if (bullet := _BULLET_RE.match(stripped)) is not None:
            lead += bullet.end()  # "• 序号": a page's list bullet is furniture, not the cell's text
            stripped = stripped[bullet.end() :]
        if not stripped:
            continue
        bar = bars >= _MIN_BARS and bullet is None and _is_bar_line(stripped)
        if bar and (opened := _OPENED_RE.match(stripped)) is not None:
            lead += opened.end()  # "| 1 |": a cell the page closes on both sides, its bar before it
            stripped = stripped[opened.end() :]
        body = stripped.rstrip("| \t") if bar else stripped
        if bar:
            piped = True
        if bar and body and lines and _name(text, _Cell(start=lead, end=lead + len(body))) is not None:
            # "…印发给你们。" / "2021年1月18日" / "主要任务 |": the text over a table is no part of its first
            # column's name, which alone closes with the bar (a line each, as unbarred text is read)
            cells.extend(_Cell(start=a, end=b) for a, b in lines)
            lines, open_start = [], None
        if body:
            if open_start is None:
                open_start = lead
            open_end = lead + len(body)
            if bars >= _MIN_BARS:
                lines.append((lead, lead + len(body)))
        if open_start is not None and (bar or not piped):
            cells.append(_Cell(start=open_start, end=open_end))
            open_start, lines = None, []
    if open_start is not None:
        cells.append(_Cell(start=open_start, end=open_end))
    return cells, piped


def _is_bar_line(stripped: str) -> bool:
    """A line closed by one "|" ("|", "县民政局 |"), or by a cell's bar and the bars of the empty cells it
    spans ("一、推进重点领域信息公开 | ||", a group row over the table's columns); "浏览量:1 | | |" is page
    furniture.

    >>> _is_bar_line("县民政局 |"), _is_bar_line("一、推进重点领域信息公开 | ||"), _is_bar_line("浏览量:1 | | |")
    (True, True, False)
    >>> _is_bar_line("| 1 |"), _is_bar_line("| 序号 |")
    (True, True)
    """
    return stripped.endswith("|") and (
        "|" not in stripped.rstrip("|").rstrip()
        or _SPANNING_BARS_RE.fullmatch(stripped) is not None
        or _ENCLOSED_RE.fullmatch(stripped) is not None
    )


# (or by one empty cell after it: "各设区市 | |")
_SPANNING_BARS_RE = re.compile(r"[^|]+\|\s*\|{2,}|[^|]+\|[ \t]*\|")
# a cell barred on both sides ("| 1 |", "| 序号 |": a row's first cell as some pages copy it)
_ENCLOSED_RE = re.compile(r"\|[ \t]*[^|\s][^|]*\|")
_OPENED_RE = re.compile(r"\|[ \t]*(?=[^|\s][^|]*\|$)")


def _name(text: str, cell: _Cell) -> str | None:
    """The column role of a cell read as a header name, or ``None``."""
    if cell.end - cell.start > _MAX_NAME * 2:
        return None
    return column_role(text[cell.start : cell.end])


def _name_tail(name: str, one: str) -> str | None:
    """The column name ``name`` with the line ``one`` under it joined, when that line ends it:
    "攻坚目标" / "任务" (a bare 任务 or 内容 under a text column's name), "牵头责任" / "单位" (a bare unit
    noun under an owner column's name), "责任股室" / "(单位)" (a bracketed word qualifying a name).

    >>> _name_tail("牵头责任", "单位"), _name_tail("责任股室", "(单位)"), _name_tail("完成时限", "(单位)")
    ('牵头责任单位', '责任股室(单位)', None)
    >>> _name_tail("牵头负责", "领导")
    '牵头负责领导'
    """
    joined = name + one
    role = column_role(name)
    if len(one) <= 2 and COLUMN_ROLES.get(one) in ("task", "content"):
        return joined if role in ("task", "content", "target") and len(joined) <= _MAX_NAME // 2 else None
    if one in KIND_NOUNS and role in OWNER_COLUMNS:
        return joined if column_role(joined) == role and len(joined) <= _MAX_NAME // 2 else None
    if role in OWNER_COLUMNS and len(one) <= 3 and column_role(one) == "person":
        # "牵头负责" / "领导": the leader who answers for the row, a person's column
        return joined if column_role(joined) == "person" and len(joined) <= _MAX_NAME // 2 else None
    if one.startswith("(") and one.endswith(")") and len(one) <= _MAX_NAME // 2:
        return (
            joined
            if role in OWNER_COLUMNS and column_role(joined) == role and len(joined) <= _MAX_NAME
            else None
        )
    return None


def _header(text: str, cells: list[_Cell], k: int) -> tuple[list[str], int] | None:
    """(names, index after the header) when a run of column names starts at cell ``k``."""
    names: list[str] = []
    j = k
    while j < len(cells):
        one = normalise(text[cells[j].start : cells[j].end])  # "任務" reads as 任务
        if len(one) > _MAX_NAME * 2 or number_only(one):  # "(一)": a group's number, no column name
            break
        if names and (tail := _name_tail(names[-1], one)) is not None:
            names[-1] = tail
            j += 1
            continue
        # "责任" / "领导": a word too short to be a name of its own joins the next line
        # ("指标" / "工作任务", "类别" / "指标名称": a text column's word before a whole column name is a
        # column; an owner's word before one is part of it: "牵头" / "责任单位")
        if j + 1 < len(cells) and (column_role(one) is None or (len(one) <= 2 and one not in COLUMN_ROLES)):
            nxt = normalise(text[cells[j + 1].start : cells[j + 1].end])
            two = one + nxt
            whole = (
                column_role(one) in (*TEXT_COLUMNS, "other")
                and len(nxt) >= 3
                and column_role(nxt) is not None
            )
            if column_role(two) is not None and len(two) <= _MAX_NAME // 2 and not whole:
                names.append(two)
                j += 2
                continue
        if column_role(one) is None and not (names and _NUMBER_RE.fullmatch(one) is None and len(one) <= 8):
            break
        names.append(one)
        j += 1
    while names and column_role(names[-1]) is None:
        names.pop()
        j -= 1
    if len(names) < _MIN_COLUMNS or column_roles(names) is None:
        return None
    return names, j


def cell_rows(text: str) -> list[Row]:
    """Rows of every one-cell-a-line task list in ``text``, and of its indicator tables (``indicator_rows``).

    >>> t = "序号\\n|\\n重点工作\\n|\\n责任单位\\n|\\n完成时限\\n|\\n1\\n|\\n建成服务中心。\\n|\\n县民政局\\n|\\n年底前\\n|"
    >>> [(c.role, t[c.start:c.end]) for c in cell_rows(t)[0].cells]
    [('no', '1'), ('task', '建成服务中心。'), ('责任单位', '县民政局'), ('完成时限', '年底前')]
    >>> cell_rows("一、总体要求\\n正文。")
    []
    """
    if "\n" not in text:
        return []
    cells, piped = _cells(text)
    rows: list[Row] = []
    k = 0
    while k < len(cells):
        if cells[k].end - cells[k].start > _MAX_NAME or _name(text, cells[k]) is None:
            k += 1
            continue
        header = _header(text, cells, k)
        if header is None:
            k += 1
            continue
        names, end = header
        # "工作任务安排 / 第二季度": a quarter under a column name dates the rows, it is no column
        quarters = [c for c in cells[k:end] if _QUARTER_RE.fullmatch(text[c.start : c.end].strip())]
        if len(quarters) == 1:  # one quarter, a sub-header; 一季度 … 四季度 are columns of their own
            names = [n for n in names if not _QUARTER_RE.fullmatch(n.strip())]
        else:
            names = spanned_quarters(names)
        roles = column_roles(names) or {}
        # a 备注 column is read for nothing, like a 监督单位 one, but names no scorer (``_scorer_last``)
        listed = [
            "remark" if roles[i] == "other" and "备注" in names[i] else roles[i] for i in range(len(names))
        ]
        found, k = _table(text, cells, end, listed, piped=piped)
        if len(quarters) == 1:
            found = [replace(r, schedule=(quarters[0].start, quarters[0].end)) for r in found]
        rows.extend(found)
    rows += indicator_rows(text, cells)
    forms = [] if piped else form_rows(text, cells)
    return rows + [f for f in forms if not any(r.start < f.end and f.start < r.end for r in rows)]


# a record laid out as a form, each field's name on a line of its own over its value (a 整改 公示's "整改任务" /
# "河长巡查流于形式。…" / "责任单位" / "成安县水利局、…" / "整改时限" / "…"): a table's row turned on its side
_MAX_FORM_VALUES = 8  # the lines a field's value runs over before the form has ended


def form_rows(text: str, cells: list[_Cell] | None = None) -> list[Row]:
    """A row for each record of ``text`` laid out as a form: it opens at a task field's name that a value
    follows, and takes the fields after it, up to the same name again; it needs an owner field. Two names
    in a row are a table's header, no form.

    >>> t = "整改任务\\n河长巡查流于形式。\\n责任单位\\n县水利局、商城镇\\n整改措施\\n(一)强化履职监督。\\n(二)加强排查。"
    >>> [(c.role, t[c.start:c.end]) for c in form_rows(t)[0].cells]  # doctest: +NORMALIZE_WHITESPACE
    [('other', '河长巡查流于形式。'), ('责任单位', '县水利局、商城镇'),
     ('task', '(一)强化履职监督。\\n(二)加强排查。')]
    >>> form_rows("序号\\n整改任务\\n责任单位\\n1\\n河长巡查流于形式。\\n县水利局")  # a header
    []
    """
    if cells is None:
        cells, piped = _cells(text)
        if piped:  # (cells parted by "|" are a table's)
            return []
    roles = [_field_name(text, c) for c in cells]
    rows: list[Row] = []
    k = 0
    while k + 1 < len(cells):
        if (
            roles[k] != "task"
            or roles[k + 1] is not None
            or not _FORM_TASK_RE.search(text, cells[k].start, cells[k].end)
        ):
            k += 1
            continue
        opening = text[cells[k].start : cells[k].end].strip()
        fields: list[Cell] = []
        j, label = k + 1, k
        while j < len(cells) and j - label <= _MAX_FORM_VALUES and not _is_number(text, cells[j]):
            if roles[j] is not None:
                if text[cells[j].start : cells[j].end].strip() == opening or roles[j - 1] is not None:
                    break  # the next record, or names without a value between them
                label = j
            elif roles[label] is not None and j == label + 1:
                fields.append(Cell(role=roles[label] or "", start=cells[j].start, end=cells[j].end))
            else:
                fields[-1] = replace(fields[-1], end=cells[j].end)
            j += 1
        if any(f.role in OWNER_COLUMNS for f in fields):
            if any(f.role == "task" for f in fields[1:]):
                # "整改任务" over the problem, "整改措施" over what is done about it: the measures are the work
                # (the problem's figures, "巡查522次", are what was found, no target)
                fields[0] = replace(fields[0], role="other")
            rows.append(Row(start=cells[k].start, end=fields[-1].end, cells=tuple(fields)))
        k = max(j, k + 1)
    return rows


def _field_name(text: str, cell: _Cell) -> str | None:
    """The role of a form's field name alone on its line ("整改任务", "责任单位"), or ``None``."""
    if cell.end - cell.start > _MAX_FIELD_NAME:
        return None
    line = re.sub(r"\s+", "", text[cell.start : cell.end])  # ("完  成  情  况": a name spaced out)
    if not _FIELD_NAME_RE.fullmatch(line):
        return None
    role = column_role(line)
    return role if role not in (None, "no") else None


_FIELD_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,8}")
_MAX_FIELD_NAME = 16  # (with the blanks of a name spaced out: "完  成  情  况")
# what a form's record opens with: the task or the problem, not a page's 文件名称 or 标题
_FORM_TASK_RE = re.compile(r"任务|事项|问题|措施|工作")


def spanned_quarters(names: list[str]) -> list[str]:
    """Header names with quarter sub-columns put under the cell that spans them.

    A two-row header is copied as its first row, then the second: "阶段性目标 / 主责部门 / 配合部门 /
    第一季度 / … / 第四季度". The quarters closing the header are the columns of the last text column
    before the owner and time columns (its cell spans them), so they stand in its place.

    >>> spanned_quarters(["序号", "目标任务", "阶段性目标", "主责部门", "配合部门", "第一季度", "第二季度"])
    ['序号', '目标任务', '第一季度', '第二季度', '主责部门', '配合部门']
    >>> spanned_quarters(["序号", "任务", "责任单位", "一季度", "二季度"])  # nothing spans them
    ['序号', '任务', '责任单位', '一季度', '二季度']
    """
    roles = [column_role(n) for n in names]
    tail = len(names)
    while tail > 0 and roles[tail - 1] in QUARTER_MONTHS:
        tail -= 1
    if len(names) - tail < 2:
        return names
    keyed = [i for i in range(tail) if roles[i] in (*OWNER_COLUMNS, *TIME_COLUMNS)]
    if not keyed or keyed[0] == 0:
        return names
    first_text = next((i for i in range(keyed[0]) if roles[i] in ("task", "content")), None)
    parent = keyed[0] - 1
    if roles[parent] not in ("task", "content", "target") or parent == first_text:
        return names
    return [*names[:parent], *names[tail:], *names[parent + 1 : tail]]


# an indicator table (主要预期目标完成情况): 指标名称 / 预期增长(%) / 上半年完成(%)
_GOAL_RE = re.compile(r"[^()]{0,6}(?:预期|计划|目标)[^()]{0,6}(?:\([^()]{1,6}\))?")
_RESULT_RE = re.compile(r"[^()]{0,8}(?:完成|实际|进度|执行)[^()]{0,6}(?:\([^()]{1,6}\))?")
_MAX_INDICATOR = 30


def indicator_rows(text: str, cells: list[_Cell] | None = None) -> list[Row]:
    """Rows of an indicator table copied one cell a line: the indicator, the plan's goal for it (the
    goal column's name gives its kind and unit: "预期增长(%)"), then results columns, which are read
    for nothing. Rows run in groups of the header's width while the cells read as such rows.

    >>> t = "指标名称 |\\n预期增长(%) |\\n上半年完成(%) |\\n地区生产总值 |\\n6左右 |\\n4 |"
    >>> [[(c.role, t[c.start:c.end]) for c in r.cells] for r in indicator_rows(t)]
    [[('indicator', '地区生产总值'), ('goal', '6左右'), ('other', '4')]]
    """
    if "指标" not in text:
        return []
    if cells is None:
        cells, _ = _cells(text)
    rows: list[Row] = []
    for k in range(len(cells) - 1):
        if cells[k].end - cells[k].start > _MAX_NAME:
            continue  # a column name is short: most lines are read no further
        name = normalise(text[cells[k].start : cells[k].end])
        if "指标" not in name or column_role(name) != "target":
            continue
        goal = normalise(text[cells[k + 1].start : cells[k + 1].end])
        if not _GOAL_RE.fullmatch(goal):
            continue
        width = 2
        while k + width < len(cells) and _RESULT_RE.fullmatch(
            normalise(text[cells[k + width].start : cells[k + width].end])
        ):
            width += 1
        j = k + width
        while j + width <= len(cells):
            group = cells[j : j + width]
            first = text[group[0].start : group[0].end]
            if len(first) > _MAX_INDICATOR or any(ch in first for ch in "。;") or first.strip().isdigit():
                break
            roles = ["indicator", "goal", *["other"] * (width - 2)]
            rows.append(
                Row(
                    start=group[0].start,
                    end=group[-1].end,
                    cells=tuple(
                        Cell(role=r, start=c.start, end=c.end) for r, c in zip(roles, group, strict=True)
                    ),
                    goal=(cells[k + 1].start, cells[k + 1].end),
                )
            )
            j += width
    return rows


def _table(text: str, cells: list[_Cell], k: int, roles: list[str], *, piped: bool) -> tuple[list[Row], int]:
    """The rows under a header whose columns are ``roles``; returns (rows, index after the table)."""
    numbers = _serial(text, cells, k, stride=len(roles) if piped and "no" in roles else None)
    if not numbers:
        if piped:
            return (
                _numbered_task_rows(text, cells, k, roles)
                or _time_closed_rows(text, cells, k, roles)
                or _bar_rows(text, cells, k, roles)
            )
        # a 序号 column left empty on the page ("序号 / 重点工作任务 / 牵头领导 / 牵头单位" and no number
        # lines): the rows are read as a table without one
        return _unnumbered(text, cells, k, [r for r in roles if r != "no"])
    if "no" in roles:
        after = roles[roles.index("no") + 1 :]
    else:
        before = numbers[0] - k
        if before >= len(roles):
            return [], k
        after = roles[before:]
    rows: list[Row] = []
    longest = len(after)
    j = numbers[0]
    while j < len(cells) and _is_number(text, cells[j]):
        nxt, stop = _row_end(
            text, cells, j, next((n for n in numbers if n > j), None), longest=longest, columns=len(after)
        )
        body = _without_headings(text, cells[j + 1 : stop])
        cut = nxt is None and stop == len(cells) and len(body) < len(after)
        # between two 序号 of a table already found, a row is a row without an owner or time cell:
        # those cells span it from the row above ("2 / 开展好“三下乡”活动。" / "3")
        loose = bool(rows) and nxt is not None
        assigned = _piped(text, body, after) if piped else _typed(text, body, after, cut=cut or loose)
        if nxt is None and not piped:
            assigned = _last_row(after, assigned)
        if not assigned:
            break
        longest = max(longest, len(assigned))
        parts = _sub_rows(text, assigned, after)
        # a 序号 over numbered sub-items, each with its own owner cells: a row each
        rows.extend(_rows_of(cells[j], parts if parts is not None else [assigned]))
        # (a row much longer than the header is the table's end, unless what runs over is a list of units,
        # one a line, in its last owner column: "区教体局" / "东孝街道" / "孝顺镇" / … under 协同单位)
        # (nor is a "|" row whose sub-rows run long when the next 序号 opens a row of text)
        overlong = (
            len(body) > 2 * len(after) + 1
            and not all(looks_like_unit_cell(normalise(text[c.start : c.end])) for c in body[len(after) :])
            and not (piped and nxt is not None and not _value_next(text, cells, nxt))
        )
        if nxt is None or (parts is None and overlong):
            j = stop
            break
        j = nxt
    return rows, j


_ITEM_STYLES = frozenset({"num_dot", "num_dun", "pnum", "num_rparen"})  # a task numbered in its cell


def _numbered_task_rows(
    text: str, cells: list[_Cell], k: int, roles: list[str]
) -> tuple[list[Row], int] | None:
    """Rows of a "|" table whose first column is the task, numbered inside its cell, each cell closed by " |"
    (福建: 工作任务 / 牵头单位 / 责任单位, "1.…公开 |" / "省编办 |" / "省直各部门 |"): a numbered cell opens a row,
    the cells after it fill the next columns; a cell closed with the bars of the cells it spans ("2.…公开 | ||")
    ends its row early; a chapter's heading across the table ("一、…| ||", "(一)…| ||") is no row. ``None``
    when the table is not so laid out.

    >>> t = "工作任务 |\\n牵头单位 |\\n责任单位 |\\n一、推进重点领域信息公开 | ||\\n1.政府工作部门权力清单公开 |\\n"
    >>> t += "省编办 |\\n省直各部门 |\\n2.审批事项公开 | ||\\n3.财政预算决算公开 |\\n省财政厅 |\\n各设区市 |"
    >>> [[(c.role, t[c.start:c.end]) for c in r.cells] for r in cell_rows(t)]  # doctest: +NORMALIZE_WHITESPACE
    [[('task', '1.政府工作部门权力清单公开'), ('牵头单位', '省编办'), ('配合单位', '省直各部门')],
     [('task', '2.审批事项公开')], [('task', '3.财政预算决算公开'), ('牵头单位', '省财政厅'), ('配合单位', '各设区市')]]
    """
    if not roles or roles[0] not in ("task", "content") or "no" in roles:
        return None
    groups: list[list[Cell]] = []  # each row's cells, in column order
    filling = False  # whether the last row takes the next cells
    j = k
    while j < len(cells):
        cell = cells[j]
        mark = heading_mark(normalise(text[cell.start : cell.end]))
        bars = text.count("|", cell.end, cells[j + 1].start if j + 1 < len(cells) else len(text))
        if mark is not None and mark.style in _ITEM_STYLES:
            groups.append([Cell(role=roles[0], start=cell.start, end=cell.end)])
            filling = True
        elif mark is not None:
            # a chapter's heading across the table ("一、…| ||"), before the first row or closing the one above
            if bars < 2:
                break
            filling = False
        elif filling and bars >= 1:
            role = roles[len(groups[-1])]
            groups[-1].append(Cell(role=_OUT.get(role, role), start=cell.start, end=cell.end))
        else:
            break
        if bars >= 2 or (filling and len(groups[-1]) == len(roles)):
            filling = False
        j += 1
    rows = [Row(start=g[0].start, end=g[-1].end, cells=tuple(g)) for g in groups]
    return (rows, j) if len(rows) >= _MIN_COLUMNS - 1 else None


def _time_closed_rows(
    text: str, cells: list[_Cell], k: int, roles: list[str]
) -> tuple[list[Row], int] | None:
    """Rows of a "|" table without 序号 or bar lines between rows, whose last column is the time limit
    (亳州 医保: 重点工作 / 具体任务 / 责任单位 / 完成时限): a row runs to its time cell and its cells fill the
    columns from the right; one cell more than the columns opens a group, its label (the first column's
    cell, spanning the group's rows) no part of the row. The last row the excerpt cuts keeps the text
    cells it has. ``None`` when the table is not so laid out.

    >>> t = "重点工作\\n|\\n具体任务\\n|\\n责任单位\\n|\\n完成时限\\n|\\n一、强化监管\\n|\\n严格协议管理\\n|\\n加强内控。\\n|\\n"
    >>> t += "市医保局\\n|\\n2021年12月底前\\n|\\n强化医师管理\\n|\\n签订服务协议。\\n|\\n市医保局\\n|\\n每年开展\\n并长期坚持\\n|\\n实行联系督导"
    >>> [[(c.role, t[c.start:c.end]) for c in r.cells] for r in cell_rows(t)]  # doctest: +NORMALIZE_WHITESPACE
    [[('other', '一、强化监管'), ('task', '严格协议管理'), ('content', '加强内控。'), ('责任单位', '市医保局'),
      ('完成时限', '2021年12月底前')],
     [('task', '强化医师管理'), ('content', '签订服务协议。'), ('责任单位', '市医保局'), ('完成时限', '每年开展\\n并长期坚持')],
     [('task', '实行联系督导')]]
    """
    if len(roles) < _MIN_COLUMNS or roles[-1] != "完成时限" or "no" in roles:
        return None
    rows: list[Row] = []
    group: list[_Cell] = []
    used = k
    for j in range(k, len(cells)):
        group.append(cells[j])
        if len(group) > len(roles) + 1:
            break
        if len(group) < _MIN_COLUMNS - 1 or not _time_cell(text, cells[j], roles):
            continue
        placed = (["other"] if len(group) > len(roles) else []) + roles[max(0, len(roles) - len(group)) :]
        if not all(_fits(text, c, r, roles) for r, c in zip(placed[:-1], group, strict=False)):
            break
        rows.append(_row_of(list(zip(placed, group, strict=True))))
        group, used = [], j + 1
    if group and cells[-1] is group[-1] and all(_kind(text, c, roles) == "text" for c in group):
        # (the last row the excerpt cuts: its text cells, from the first text column)
        firsts = [r for r in roles if r in _TEXT_ROLES][: len(group)]
        if len(firsts) == len(group):
            rows.append(_row_of(list(zip(firsts, group, strict=True))))
            used = len(cells)
    return (rows, used) if len(rows) >= _MIN_COLUMNS - 1 else None


# a time cell that is a habit more than a date ("每年开展\n并长期坚持", "常态化推进")
_HABIT_RE = re.compile(r"长期|持续|常态|每年|每季|每月|全年")
_MAX_HABIT = 20


def _time_cell(text: str, cell: _Cell, roles: list[str]) -> bool:
    line = normalise(text[cell.start : cell.end]).strip()
    return _kind(text, cell, roles) == "date" or (
        len(line) <= _MAX_HABIT and "。" not in line and _HABIT_RE.search(line) is not None
    )


def _row_of(assigned: list[tuple[str, _Cell]]) -> Row:
    """A row of the cells assigned to its columns, spanning them all, each cell with the role it leaves with."""
    row_cells = tuple(Cell(role=_OUT.get(role, role), start=c.start, end=c.end) for role, c in assigned)
    return Row(start=assigned[0][1].start, end=max(c.end for _, c in assigned), cells=row_cells)


def _bar_rows(text: str, cells: list[_Cell], k: int, roles: list[str]) -> tuple[list[Row], int]:
    """Rows of a "|" table without 序号 (谯城 镇: 工作任务 / 具体内容 / 责任部门), where a bar line of
    its own opens each row ("…等\\n|\\n|\\n积极探索…").

    A row of fewer cells than columns lacks its first ones: the 工作任务 cell spans the group's rows, so
    written once, in the group's first row, it is the group's label, not the row's task, and reads as no
    column. The last row the excerpt cuts keeps the text cells it has.

    >>> t = "|\\n工作任务\\n|\\n具体内容\\n|\\n责任部门\\n|\\n|\\n推进公开\\n|\\n公开惠民资金。\\n|\\n财政所\\n|"
    >>> t += "\\n|\\n发布政策文件。\\n|\\n党政办公室\\n|\\n|\\n畅通咨询渠道"
    >>> [[(c.role, t[c.start:c.end]) for c in r.cells] for r in cell_rows(t)]  # doctest: +NORMALIZE_WHITESPACE
    [[('other', '推进公开'), ('content', '公开惠民资金。'), ('责任单位', '财政所')],
     [('content', '发布政策文件。'), ('责任单位', '党政办公室')], [('content', '畅通咨询渠道')]]
    """
    groups: list[list[_Cell]] = []
    for j in range(k, len(cells)):
        if text.count("|", cells[j - 1].end if j else 0, cells[j].start) >= 2:
            groups.append([])
        elif not groups and not _closes_header(text, cells, j):
            return [], k
        elif not groups:
            groups.append([])  # (the first row right under the header's last name)
        groups[-1].append(cells[j])
    placed: list[list[tuple[str, _Cell]]] = []
    used = k
    # the columns read for nothing at the table's end (完成进展, 备注) may be left empty on every row
    ends = len(roles) - next((i for i, r in enumerate(reversed(roles)) if r not in ("other", "remark")), 0)
    for n, group in enumerate(groups):
        if len(group) == 1 and heading_mark(normalise(text[group[0].start : group[0].end])) is not None:
            used += 1  # "一、加强…安排部署 |" / "||||": a group's heading across the table, no row
            continue
        last = n == len(groups) - 1 and cells[-1] is group[-1]
        at = next(
            (
                o
                for o in range(len(roles) - len(group), -1, -1)
                if all(_fits(text, c, roles[o + i], roles) for i, c in enumerate(group))
                and (last or ends <= o + len(group) <= len(roles))
            ),
            None,
        )
        if at is None or not any(roles[at + i] in _TEXT_ROLES for i in range(len(group))):
            break
        placed.append([(roles[at + i], c) for i, c in enumerate(group)])
        used += len(group)
    spans = any(len(row) < len(roles) for row in placed[:-1]) and "content" in roles
    rows: list[Row] = []
    for row in placed:
        labelled = spans and len(row) == len(roles) and row[0][0] == "task"
        kept = [("other", row[0][1]), *row[1:]] if labelled else row
        rows.append(_row_of(kept))
    return (rows, used) if len(rows) >= _MIN_COLUMNS - 1 else ([], k)


def _closes_header(text: str, cells: list[_Cell], j: int) -> bool:
    """Whether cell ``j`` follows a header's last name closed by its own bar ("完成进展 |" / "一、…")."""
    return (
        j > 0
        and text.count("|", cells[j - 1].end, cells[j].start) == 1
        and _name(text, cells[j - 1]) is not None
    )


def _row_end(
    text: str, cells: list[_Cell], j: int, nxt: int | None, *, longest: int, columns: int
) -> tuple[int | None, int]:
    """(next 序号, index after the row) for the row numbered at cell ``j``; the next 序号 is ``None`` when
    the row is its table's last."""
    stop = nxt if nxt is not None else min(len(cells), j + 1 + max(longest, 2 * columns))
    while nxt is None and stop < len(cells):
        # the last row's schedule runs on ("二季度:…", "三季度:…"; "2、…" / "二季度") however long, and
        # so do its numbered sub-items with their cells ("(7)…" / "应急管理局" / "(安委办)")
        if _sub_item_run(text, cells, j + 1, stop):
            stop += 1
            continue
        step = 1 if _schedule_line(text, cells[stop]) else _quarter_step(text, cells, stop)
        if not step:
            break
        stop += step
    header_at = _next_header(text, cells, j + 2, stop)
    return (None, header_at) if header_at is not None else (nxt, stop)


def _next_header(text: str, cells: list[_Cell], start: int, stop: int) -> int | None:
    """Where the next numbered table's header starts among cells ``[start, stop)``: a row, and its table,
    end there ("二、…牵头重点工作" / "序号" / "目标任务" / …)."""
    return next(
        (x for x in range(start, stop) if _name(text, cells[x]) == "no" and _header(text, cells, x)), None
    )


# a sub-item of a row's 工作标准 cell: "(1)地区生产总值增长5%左右。", "(2)…"
_SUB_ITEM_RE = re.compile(r"\s*[(（]\d{1,2}[)）]")
_MIN_SUB_ITEMS = 2


def _sub_rows(
    text: str, assigned: list[tuple[str, _Cell]], after: list[str]
) -> list[list[tuple[str, _Cell]]] | None:
    """A row's cells split at its numbered sub-items when each sub-item has owner cells after it
    (钟楼 分解表: "1 / 主要预期目标 / (1)…增长5%左右。/ 王旭锋 / 区发改局 / 经开区 / (2)…。/ 区财政局"): a
    sub-row each, the group's name (目标名称) no part of any; the first unit of a sub-row leads and those
    after it support, where the header has a 配合单位 column; a sub-item without units of its own has none
    (they span it from the one above). ``None`` when the row has no such sub-items."""
    marks = [
        i
        for i, (role, c) in enumerate(assigned)
        if role in _TEXT_ROLES and _SUB_ITEM_RE.match(text, c.start, c.end)
    ]
    owned = [i for i in marks if any(r in OWNER_COLUMNS for r, _ in assigned[i + 1 : i + 3])]
    if len(marks) < _MIN_SUB_ITEMS or len(owned) < _MIN_SUB_ITEMS:
        return None
    text_role = "task" if "task" in after else assigned[marks[0]][0]
    support = "配合单位" in after
    parts: list[list[tuple[str, _Cell]]] = []
    for a, b in zip(marks, [*marks[1:], len(assigned)], strict=True):
        part = [(text_role, assigned[a][1])]
        units = 0
        for role, c in assigned[a + 1 : b]:
            if role in OWNER_COLUMNS and text[c.start : c.end].lstrip().startswith(("(", "（")) and units:
                last_role, last = part[-1]  # "应急管理局" / "(安委办)": one name broken over two lines
                part[-1] = (last_role, _Cell(start=last.start, end=c.end))
                continue
            if role in OWNER_COLUMNS:
                units += 1
                role = "配合单位" if support and units > 1 and role != "配合单位" else role  # noqa: PLW2901
            elif role in _TEXT_ROLES:
                continue  # a line of text between the sub-items belongs to the one above: its own cell
            part.append((role, c))
        parts.append(part)
    return parts


def _rows_of(number: _Cell, parts: list[list[tuple[str, _Cell]]]) -> list[Row]:
    """The rows of one 序号: the first opens at the number, each further part (a sub-item) at its cell."""
    rows: list[Row] = []
    for part in parts:
        row_cells = [] if rows else [Cell(role="no", start=number.start, end=number.end)]
        row_cells.extend(Cell(role=_OUT.get(role, role), start=c.start, end=c.end) for role, c in part)
        at = part[0][1].start if rows else number.start
        rows.append(Row(start=at, end=max(c.end for _, c in part), cells=tuple(row_cells)))
    return rows


# the date a document is signed on, under the office signing it ("2024年2月1日", "二○二四年二月一日")
_SIGNED_RE = re.compile(r"\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月")


def _sub_item_run(text: str, cells: list[_Cell], first: int, k: int) -> bool:
    """Whether line ``k`` goes on a last row (its lines from ``first``) made of numbered sub-items: the row
    holds two already, and the line opens another or is one of its cells (a unit list, a bracket of a unit's
    name, a person) — not the office signing the document above its date."""
    if sum(1 for c in cells[first:k] if _SUB_ITEM_RE.match(text, c.start, c.end)) < _MIN_SUB_ITEMS:
        return False
    if k + 1 < len(cells) and _SIGNED_RE.match(text, cells[k + 1].start, cells[k + 1].end):
        return False
    said = text[cells[k].start : cells[k].end].strip()
    return bool(
        _SUB_ITEM_RE.match(said)
        or looks_like_units(normalise(said))
        or (said.startswith(("(", "（")) and len(said) <= _MAX_NAME)
        or _PERSON_RE.fullmatch(said)
    )


def _without_headings(text: str, body: list[_Cell]) -> list[_Cell]:
    """A row's lines without the chapter headings after it: a table broken into chapters
    ("二、全力以赴扩投资…" / "三、…" with no row of their own before the next 序号) names them on lines
    of their own, which are no cell of the row above.

    >>> t = "区发改委\\n区财政局\\n二、全力以赴扩投资\\n三、全力以赴延链条"
    >>> cells, _ = _cells(t)
    >>> [t[c.start : c.end] for c in _without_headings(t, cells)]
    ['区发改委', '区财政局']
    """
    end = len(body)
    while end > 1 and (mark := heading_mark(normalise(text[body[end - 1].start : body[end - 1].end]))):
        if mark.style not in ("chapter", "cn"):
            break
        end -= 1
    return body[:end]


_MAX_MISSING = 2
_OUT = {"remark": "other"}  # the roles a row's cells leave with


def _fits(text: str, cell: _Cell, role: str, after: list[str]) -> bool:
    if not text[cell.start : cell.end].strip():
        return True  # an empty cell fits any column
    return role in _ACCEPTS.get(_kind(text, cell, after), tuple(_TEXT_ROLES))


def _piped(text: str, body: list[_Cell], after: list[str]) -> list[tuple[str, _Cell]]:
    """A "|" row's cells in column order. A row may lack one or two text cells of the header (a
    merged or dropped cell: 主要任务 and 全年目标任务 written as one): then the text columns it lacks are
    the ones that let strictly more cells sit in a column that holds what they read as (徐国江 under
    分管领导, 城管局 under 牵头单位); otherwise the cells fill the columns in order.
    """
    filled = [c for c in body if text[c.start : c.end].strip()]
    positional = list(zip(after, body, strict=False))
    if len(filled) < _MIN_COLUMNS:
        return positional

    def score(kept: list[int]) -> int:
        return sum(_fits(text, c, after[i], after) for i, c in zip(kept, filled, strict=False))

    columns = range(len(after))
    best: list[int] | None = None
    best_score = sum(_fits(text, c, role, after) for role, c in positional)
    texts = [i for i in columns if after[i] in _TEXT_ROLES and after[i] != "task"]
    for missing in range(1, _MAX_MISSING + 1):
        for skipped in combinations(texts, missing):
            kept = [i for i in columns if i not in skipped]
            if (kept_score := score(kept)) > best_score:
                best, best_score = kept, kept_score
    if best is None:
        return positional
    placed = [(after[i], c) for i, c in zip(best, filled, strict=False)]
    # cells past the header's last column stay in the row, read as no column ("1-10月推进情况")
    return placed + [("other", c) for c in filled[len(best) :]]


def _last_row(after: list[str], assigned: list[tuple[str, _Cell]]) -> list[tuple[str, _Cell]]:
    """The last row of a table without its trailing text lines that go back to a column before its
    last owner or time cell: no 序号 follows, so they are the text after the table ("附件2" and the
    next table's title), not a sub-row (a sub-row has its own time cell after its text).

    >>> c = _Cell(start=0, end=1)
    >>> [r for r, _ in _last_row(["task", "责任单位"], [("task", c), ("责任单位", c), ("task", c), ("task", c)])]
    ['task', '责任单位']
    >>> [r for r, _ in _last_row(["task", "责任单位", "other"], [("task", c), ("责任单位", c), ("other", c)])]
    ['task', '责任单位', 'other']
    """
    keyed = [k for k, (role, _) in enumerate(assigned) if role in TIME_COLUMNS]
    if not keyed:
        return assigned
    last = keyed[-1]
    column = after.index(assigned[last][0])
    end = len(assigned)
    while end > last + 1 and after.index(assigned[end - 1][0]) < column:
        end -= 1
    return assigned[:end]


def _serial(text: str, cells: list[_Cell], k: int, *, stride: int | None = None) -> list[int]:
    """Indexes of the 序号 lines from cell ``k``: number lines counting up by one from the first.

    A value cell holding a bare number (年度目标 "0", "42") is no 序号: it breaks the count. With "|"
    marks the cells are exact and a row is ``stride`` cells: a number there is the next 序号 even when
    it does not count up (a report keeps the plan's own numbers of the tasks it picks: "145", "249").

    >>> t = "1\\n粮食播种面积\\n0\\n县农业农村局\\n2\\n水产品产量\\n42\\n县农业农村局"
    >>> cells, _ = _cells(t)
    >>> [t[cells[j].start : cells[j].end] for j in _serial(t, cells, 0)]
    ['1', '2']
    >>> t = "145 |\\n甲任务 |\\n市财政局 |\\n249 |\\n乙任务 |\\n市商务局 |"
    >>> cells, _ = _cells(t)
    >>> [t[cells[j].start : cells[j].end] for j in _serial(t, cells, 0, stride=3)]
    ['145', '249']
    """
    out: list[int] = []
    last = -1
    for j in range(k, len(cells)):
        if _is_number(text, cells[j]):
            value = int(text[cells[j].start : cells[j].end])
            if (
                last < 0
                or value == last + 1
                # (not a value a row's sub-row holds at that place: "4" / "4" / "100%")
                or (stride is not None and out and j - out[-1] == stride and not _value_next(text, cells, j))
                or (value > last and _opens_row(text, cells, j))
            ):
                out.append(j)
                last = value
    return out


_MIN_TASK_LINE = 8
_VALUE_CELL_RE = re.compile(r"[\d.,%\-\s]*")


def _value_next(text: str, cells: list[_Cell], j: int) -> bool:
    """Whether the cell after cell ``j`` holds a figure ("4", "100%", "-"), not a row's text."""
    return (
        j + 1 < len(cells)
        and _VALUE_CELL_RE.fullmatch(text[cells[j + 1].start : cells[j + 1].end]) is not None
    )


def _opens_row(text: str, cells: list[_Cell], j: int) -> bool:
    """A number line that skips ahead ("1", then "30", "37": a report picks the plan's tasks by their
    own numbers) opens a row when a task's text follows it, a sentence of its own.

    >>> t = "1\\n甲任务。\\n县科技局\\n30\\n放大人才集聚力。实施人才计划。\\n县人社局"
    >>> cells, _ = _cells(t)
    >>> [t[cells[j].start : cells[j].end] for j in _serial(t, cells, 0)]
    ['1', '30']
    """
    if j + 1 >= len(cells):
        return False
    line = normalise(text[cells[j + 1].start : cells[j + 1].end])
    return len(line) >= _MIN_TASK_LINE and any(ch in line for ch in "。,;")


def _is_number(text: str, cell: _Cell) -> bool:
    return _NUMBER_RE.fullmatch(text[cell.start : cell.end]) is not None


def _kind(text: str, cell: _Cell, roles: list[str]) -> str:
    """What a line of a row reads as: ``date``, ``units``, ``person`` or ``text``."""
    line = normalise(text[cell.start : cell.end])
    hits = cell_deadlines(line)
    if hits and sum(h.end - h.start for h in hits) * 2 >= len(line.strip()):
        return "date"
    if line.strip() in ("持续推进", "长期", "全年", "长期坚持"):
        return "date"
    if "measure" in roles and _MEASURE_RE.fullmatch(line.strip()):
        return "measure"
    if "target" in roles and _VALUE_RE.fullmatch(line.strip()):
        return "value"
    if looks_like_unit_cell(line.rstrip().rstrip("。")) and (
        not line.rstrip().endswith("。") or "、" in line or "," in line
    ):
        return "units"  # a sentence is text; a list of units closed by "。" ("A、B等。") is units
    if "person" in roles and _PERSON_RE.fullmatch(line.strip()):
        return "person"
    return "text"


_ACCEPTS: dict[str, tuple[str, ...]] = {
    "date": ("完成时限",),
    "units": tuple(OWNER_COLUMNS),
    "person": ("person",),
    "measure": ("measure",),
    "value": ("target",),
}


def _typed(text: str, body: list[_Cell], after: list[str], *, cut: bool = False) -> list[tuple[str, _Cell]]:
    """Lines of one row assigned to columns by what they read as (see the module docstring).

    A row without an owner or time cell is no row, unless it is ``cut``: the last row of a text that
    ends inside it (its owner cell lost with the rest of the page).
    """
    positional = _one_line_a_cell(text, body, after)
    if positional is not None:
        body = []  # (the loop below places wrapped cells; these need no placing)
    assigned: list[tuple[str, _Cell]] = positional or []
    at = 0
    filled: set[int] = set()
    for line in body:
        kind = _kind(text, line, after)
        closed = kind == "text" and _unit_closed(text, line, after, assigned)
        kind = "units" if closed else kind
        cell = _rejoined(text, line, assigned) if kind == "units" else line
        if (
            kind == "text"
            and at >= _last_owner(after)
            and "完成时限" in after[at:]
            and _schedule_line(text, line)
        ):
            kind = "date"  # after the owner cells, "一季度:…1月,…" / "全年完成。其中:" opens the time cell
        if kind in ("measure", "value") and not any(r in _ACCEPTS[kind] for r in after[at:]):
            kind = "text"  # a unit or value line past its column is text of a later one ("县", cut)
        ok = _ACCEPTS.get(kind, tuple(_TEXT_ROLES))
        if kind == "units" and assigned and at > _last_owner(after) and "other" in after[at + 1 :]:
            ok = ("other",)  # past the owner and time cells, a 监督方式 / 督办单位 cell names its supervisor
        if kind == "date" and "完成时限" not in after:
            ok = tuple(_TEXT_ROLES)
        listed = kind == "units" and any(ch in text[line.start : line.end] for ch in "、,;")
        later = next((i for i in range(at + 1, len(after)) if after[i] in ok and i not in filled), -1)
        if (
            kind == "units"
            and later > at
            and (closed or _named_again(text, line, [c for r, c in assigned if r == after[at]]))
        ):
            ok = (after[later],)  # "区经商局、…" / "区经商局": a unit named again is the next owner column's
            listed = True
        if kind != "text" and at < len(after) and after[at] in ok and not (listed and later > at):
            col = at  # a cell wrapping over lines: units or names one a line
        else:
            start = at + 1 if at in filled else at
            col = next((i for i in range(start, len(after)) if after[i] in ok), -1)
            if col < 0 and at < len(after) and after[at] in ok:
                col = at
            if col < 0:
                col = next((i for i in range(len(after)) if after[i] in ok), -1)  # a sub-row
            if col < 0:
                continue
        at = col
        filled.add(col)
        assigned.append((after[col], cell))
    assigned = _lead_then_support(text, after, assigned)
    _scorer_last(after, assigned)
    keyed = any(role in TIME_COLUMNS for role, _ in assigned)
    return assigned if keyed or (cut and any(role in TEXT_COLUMNS for role, _ in assigned)) else []


def _lead_then_support(
    text: str, after: list[str], assigned: list[tuple[str, _Cell]]
) -> list[tuple[str, _Cell]]:
    """A row whose unit lines all went to its 牵头单位 column, one unit a line, with its 配合单位 column after it
    left empty ("区教体局" / "东孝街道" / "孝顺镇" / … under 牵头单位 / 协同单位): the first line is the lead's
    cell, the lines after it the supporting units' (a lead cell wraps after "、", not between names).

    >>> t = "区教体局\\n东孝街道\\n孝顺镇"
    >>> cells, _ = _cells(t)
    >>> [r for r, _ in _lead_then_support(t, ["task", "牵头单位", "配合单位"], [("牵头单位", c) for c in cells])]
    ['牵头单位', '配合单位', '配合单位']
    """
    if "牵头单位" not in after or "配合单位" not in after[after.index("牵头单位") + 1 :]:
        return assigned
    if any(role == "配合单位" for role, _ in assigned):
        return assigned
    leads = [k for k, (role, _) in enumerate(assigned) if role == "牵头单位"]
    # (lines in one run: a row of sub-rows, each with its own lead after its own text, is not one cell)
    if (
        len(leads) < 2
        or leads[-1] - leads[0] != len(leads) - 1
        or any(text[assigned[k][1].start : assigned[k][1].end].rstrip()[-1:] in "、,," for k in leads)
    ):
        return assigned
    return [("配合单位", c) if k in leads[1:] else (r, c) for k, (r, c) in enumerate(assigned)]


def _unit_closed(text: str, line: _Cell, after: list[str], assigned: list[tuple[str, _Cell]]) -> bool:
    """A unit's name closed by "。" right after an owner cell, with an owner column still to fill
    ("区教育局" / "区投资促进中心。"): the next owner cell, written as the page closes a cell. Before the
    owner cells, such a line is a task ("迁建县政务服务中心。").

    >>> t = "区教育局\\n区投资促进中心。"
    >>> cells, _ = _cells(t)
    >>> _unit_closed(t, cells[1], ["task", "牵头单位", "配合单位"], [("task", cells[0]), ("牵头单位", cells[0])])
    True
    >>> _unit_closed(t, cells[1], ["task", "牵头单位", "配合单位"], [])
    False
    """
    if not assigned or assigned[-1][0] not in OWNER_COLUMNS:
        return False
    later = after[after.index(assigned[-1][0]) + 1 :]
    return any(role in OWNER_COLUMNS for role in later) and looks_like_unit_cell(
        normalise(text[line.start : line.end]).rstrip().rstrip("。")
    )


_SCHEDULE_START_RE = re.compile(r"全年|第?[一二三四1-4]季度\s*[::]|\d{1,2}月\s*[,,::]")


def _quarter_step(text: str, cells: list[_Cell], k: int) -> int:
    """Cells from ``k`` that are one more step of a row's schedule: an item of its work ("2、跟踪…")
    and the quarter it is due in ("二季度") — 2; the item alone when the text ends with it — 1; else 0.

    >>> t = "1、制定方案。\\n一季度\\n综合规划处\\n2、跟踪创建进度。\\n二季度\\n3、开展总结评估"
    >>> cells, _ = _cells(t)
    >>> [_quarter_step(t, cells, k) for k in (2, 3, 5)]
    [0, 2, 1]
    """
    mark = heading_mark(normalise(text[cells[k].start : cells[k].end]))
    if mark is None or mark.style not in ("num_dun", "num_dot") or mark.ordinal < 2:
        return 0
    if k + 1 == len(cells):
        return 1
    quarter = _QUARTER_RE.fullmatch(text[cells[k + 1].start : cells[k + 1].end].strip())
    return 2 if quarter is not None else 0


def _schedule_line(text: str, cell: _Cell) -> bool:
    """A line opening with its period ("一季度:制定方案。1月,…", "全年完成。其中:"): a schedule.

    >>> t = "二季度:召开推进会。4月,开展申报。"
    >>> _schedule_line(t, _Cell(start=0, end=len(t))), _schedule_line("开展申报", _Cell(start=0, end=4))
    (True, False)
    """
    return _SCHEDULE_START_RE.match(normalise(text[cell.start : cell.end]).strip()) is not None


def _rejoined(text: str, line: _Cell, assigned: list[tuple[str, _Cell]]) -> _Cell:
    """A unit line with the text line above it when the two are one name broken before its ending
    ("县发改" / "局", "市生态" / "环境局"); that line leaves ``assigned``."""
    if not assigned or assigned[-1][0] not in _TEXT_ROLES:
        return line
    prev = assigned[-1][1]
    head = text[prev.start : prev.end].strip()
    if (
        not any(ch in head for ch in "。,;,;")
        and prev.end - prev.start <= _MAX_NAME
        and (line.end - line.start <= 2 or _broken_name(head, text[line.start : line.end].strip()))
    ):
        assigned.pop()
        return _Cell(start=prev.start, end=line.end)
    return line


def _named_again(text: str, line: _Cell, cells: list[_Cell]) -> bool:
    """Whether every unit of ``line`` is named in ``cells`` already: one cell names a unit once, so
    the line is the next column's (责任单位 "区发改局、区经商局", then 牵头单位 "区发改局").

    >>> t = "区发改局、区经商局\\n区发改局"
    >>> _named_again(t, _Cell(start=10, end=14), [_Cell(start=0, end=9)])
    True
    """
    names = cell_names(normalise(text[line.start : line.end]))
    before = {n for c in cells for n in cell_names(normalise(text[c.start : c.end]))}
    return bool(names) and all(n in before for n in names)


def _one_line_a_cell(text: str, body: list[_Cell], after: list[str]) -> list[tuple[str, _Cell]] | None:
    """The row's lines one to each column, in order, when there are as many lines as columns and
    each reads as what its column holds: no cell wrapped, so "区发改委" / "区财政局" under 牵头单位 /
    配合单位 are one unit each, not one 牵头 cell over two lines."""
    if len(body) != len(after) or len(after) < _MIN_COLUMNS:
        return None
    placed = list(zip(after, body, strict=True))
    return placed if all(_fits(text, line, role, after) for role, line in placed) else None


def _cut_units(text: str, cell: _Cell) -> bool:
    """A list of units whose last name is cut ("区投促局、多福湾工作专" at the end of the text).

    >>> t = "区投促局、多福湾工作专"
    >>> _cut_units(t, _Cell(start=0, end=len(t))), _cut_units("推进、建设工作", _Cell(start=0, end=7))
    (True, False)
    """
    line = normalise(text[cell.start : cell.end]).strip()
    head, sep, _ = line.rpartition("、")
    return bool(sep) and looks_like_units(head)


def _last_owner(after: list[str]) -> int:
    return max((i for i, r in enumerate(after) if r in OWNER_COLUMNS), default=len(after))


def _broken_name(head: str, tail: str) -> bool:
    """Whether ``head`` / ``tail`` on two lines are one unit name ("市生态" / "环境局"): the head has
    no figure or sign, the tail cannot open a name of its own (no 省/市/区/县/各), and together they
    read as a unit.

    >>> _broken_name("市生态", "环境局"), _broken_name("全市统筹", "县海洋与渔业局")
    (True, False)
    """
    return (
        _NAME_HEAD_RE.fullmatch(head) is not None
        and not tail.startswith(("省", "市", "区", "县", "各"))
        and looks_like_units(normalise(head + tail))
    )


def _scorer_last(after: list[str], assigned: list[tuple[str, _Cell]]) -> None:
    """A column after the owner columns that names no owner (评分部门, 监督单位) holds the row's last
    unit line: of "县海洋与渔业局 / 县农业农村局 / 市农业农村局" under 责任部门 / 评分部门 the last is the scorer.

    Only when the row has two unit lines or more, so a row that leaves the scorer cell empty keeps
    its one owner.
    """
    owner_cols = [i for i, r in enumerate(after) if r in OWNER_COLUMNS]
    if not owner_cols or not any(r == "other" for r in after[owner_cols[-1] + 1 :]):
        return
    units = [k for k, (role, _) in enumerate(assigned) if role in OWNER_COLUMNS]
    if len(units) >= 2 and units[-1] == len(assigned) - 1:
        assigned[-1] = ("other", assigned[-1][1])


def _unnumbered(text: str, cells: list[_Cell], k: int, roles: list[str]) -> tuple[list[Row], int]:
    """Rows of a table with neither 序号 nor "|" marks (华容 清单: 任务名称 / 工作流程 / 限期时间 / 责任人 / 措施).

    A row is its text lines, then a block of dates, units or names, then at most one text line (the
    last column); the next text line starts the next row. The text lines before the block fill the
    columns before the block's first column, and lines beyond them join the first cell (a task name
    wrapped over lines).
    """
    rows: list[Row] = []
    j = k
    while j < len(cells) and _header(text, cells, j) is None:
        lead: list[_Cell] = []
        block: list[tuple[str, _Cell]] = []
        trail: list[_Cell] = []
        while j < len(cells) and not (lead and _header(text, cells, j) is not None):
            kind = _kind(text, cells[j], roles)
            if kind == "text" and (block or lead) and j == len(cells) - 1 and _cut_units(text, cells[j]):
                kind = "units"  # "区投促局、多福湾工作专": a unit list the end of the excerpt cuts
            if kind == "value" and not block and _before_owners(roles) not in ("target", None):
                kind = "text"  # "9.8%" in the 完成情况 column after the 年度目标 one: a result, in the row's text
            if kind == "text" and (trail or (block and len(trail) == 1)):
                break
            if kind == "text" and block and roles[-1] in OWNER_COLUMNS and _name_line(text, cells[j]):
                kind = (
                    "units"  # "未来科技城(海创园)" after the persons: the owner cell, a name it does not know
                )
            elif kind == "text" and block and roles[-1] not in _TEXT_ROLES:
                break  # the last column holds units, not text: the line starts the next row
            if kind == "text":
                (trail if block else lead).append(cells[j])
            elif trail:
                break
            else:
                block.append((kind, cells[j]))
            j += 1
        row = _unnumbered_row(text, roles, lead, block, trail) if block and lead else None
        if row is None:
            break
        rows.append(row)
    return rows, j


def _unnumbered_row(
    text: str, roles: list[str], lead: list[_Cell], block: list[tuple[str, _Cell]], trail: list[_Cell]
) -> Row | None:
    """A row of ``_unnumbered`` from its text lines, its block of dates, units or names and its last line."""
    first = next((i for i, r in enumerate(roles) if r in _ACCEPTS[block[0][0]]), -1)
    if first <= 0:
        return None
    lead = _without_group(text, lead, first)
    assigned: list[tuple[str, _Cell]] = []
    extra = max(0, len(lead) - first)
    # a 类别 column first, its cell spanning the group's rows: a row without it fills the columns
    # before the block from the right
    skip = first - len(lead) if roles[0] == "other" and len(lead) < first else 0
    for n, cell in enumerate(lead):
        assigned.append((roles[max(0, n - extra) + skip], cell))
    assigned.extend(_placed(roles, first, block))
    assigned.extend((roles[-1], cell) for cell in trail)
    return _row_of(assigned)


def _before_owners(roles: list[str]) -> str | None:
    """The role of the column just before the first owner column."""
    first = next((i for i, r in enumerate(roles) if r in OWNER_COLUMNS), 0)
    return roles[first - 1] if first > 0 else None


def _without_group(text: str, lead: list[_Cell], columns: int) -> list[_Cell]:
    """A row's text lines without the group cell that opens it: a line holding only a heading's
    number and the group's name after it ("(一)" / "经济社会发展主要预期目标"), written in the first
    column's cell, which spans the group's rows; the group is a heading, not the first row's task.

    >>> t = "(一)\\n经济目标\\n地区生产总值增长6.5%"
    >>> cells, _ = _cells(t)
    >>> [t[c.start : c.end] for c in _without_group(t, cells, 2)]
    ['地区生产总值增长6.5%']
    """
    if len(lead) < 2 or not number_only(normalise(text[lead[0].start : lead[0].end]).strip()):
        return lead
    return lead[2:] if len(lead) > columns else lead[1:]


_MAX_NAME_LINE = 20


def _name_line(text: str, cell: _Cell) -> bool:
    """A short line without a sentence in it: a name ("未来科技城(海创园)"), not a task's text."""
    line = text[cell.start : cell.end].strip()
    return (
        2 <= len(line) <= _MAX_NAME_LINE
        and not any(ch in line for ch in "。,;:,;:、")
        and not any(ch.isdigit() for ch in line)  # ("附件2" after the table is no name)
    )


def _placed(roles: list[str], first: int, block: list[tuple[str, _Cell]]) -> list[tuple[str, _Cell]]:
    """The columns of a row's block of dates, units or names, from column ``first`` on."""
    out: list[tuple[str, _Cell]] = []
    at = first
    columns = _spread_units(roles, first, [kind for kind, _ in block])
    for n, (kind, cell) in enumerate(block):
        if columns[n] is not None:
            at = columns[n]
        elif roles[at] not in _ACCEPTS[kind]:
            at = next((i for i in range(at, len(roles)) if roles[i] in _ACCEPTS[kind]), at)
        out.append((roles[at], cell))
    return out


def _spread_units(roles: list[str], first: int, kinds: list[str]) -> list[int | None]:
    """Columns of the unit lines that open a row's block, when owner columns stand side by side
    (牵头单位 / 责任单位): the last line fills the last owner column, each line before it one column, and
    lines beyond them join the first cell (a 牵头 cell of two units on two lines). ``None``: not a unit
    line of that run, placed by its kind.

    >>> _spread_units(["task", "牵头单位", "责任单位"], 1, ["units", "units", "units"])
    [1, 1, 2]
    >>> _spread_units(["task", "牵头单位", "责任单位"], 1, ["units", "units"])
    [1, 2]
    >>> _spread_units(["task", "责任单位", "完成时限"], 1, ["units", "units", "date"])
    [None, None, None]
    """
    cols = []
    i = first
    while i < len(roles) and roles[i] in OWNER_COLUMNS:
        cols.append(i)
        i += 1
    run = 0
    while run < len(kinds) and kinds[run] == "units":
        run += 1
    out: list[int | None] = [None] * len(kinds)
    if len(cols) < 2 or run < 2:
        return out
    extra = max(0, run - len(cols))
    for n in range(run):
        out[n] = cols[max(0, n - extra)]
    return out
