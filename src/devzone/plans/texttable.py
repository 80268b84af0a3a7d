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
from functools import lru_cache

from devzone.plans.deadlines import cell_deadlines
from devzone.plans.headings import heading_mark
from devzone.plans.owners import looks_like_unit_cell
from devzone.plans.text import normalise

# header cell → column role, for the names used most; other names are read by ``column_role``
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
    # an assessment list (考核清单): the indicator assessed names the item; a bare 单位 is the unit
    # of measure beside a value column, not a unit responsible
    **dict.fromkeys(("考核指标", "考核任务"), "task"),
    **dict.fromkeys(("考核内容",), "content"),
    **dict.fromkeys(("单位", "计量单位"), "measure"),
    # a decision catalog's deciding body (the government that decides), beside the 承办 unit that owns it
    "决策主体": "other",
    "实施计划": "完成时限",  # a 决策目录's dated milestones ("2018年6月完成项目授权; 2019年3月完成…")
}
# a header word → the role of its column, tried in order on a name not in COLUMN_ROLES:
# persons (责任领导, 分管县领导, 责任人) and supervisors / progress / scoring columns (监督方式,
# 完成情况, 评分部门, 目标类型) are named but carry no owner; 牵头 before 责任 ("牵头责任单位")
ROLE_WORDS: tuple[tuple[str, str], ...] = (
    *((w, "no") for w in ("序号", "编号")),
    *((w, "person") for w in ("领导", "责任人", "联系人", "负责人", "包保人")),
    *(
        (w, "other")
        for w in (
            "监督",
            "督办",
            "评分",
            "考核",
            "情况",
            "进展",
            "备注",
            "类型",
            "类别",
            "分类",
            "分值",
            "是否",
        )
    ),
    # a progress report's columns beside the task it reports on: 进度(百分比), 问题与困难, 下一步工作打算
    ("进度安排", "完成时限"),
    # a row's schedule ("月度工作计划" / "4月:完成筛查…", "推进计划" / "①一季度目标…"): it dates the row
    *((w, "完成时限") for w in ("月度", "推进计划", "进度计划")),
    # ("分月序时进度" / "①1-3月份,…;②4-6月份,…", "实施步骤" / "按季度序时推进": the row's schedule)
    *((w, "完成时限") for w in ("序时进度", "分月", "步骤", "时间进度")),
    # when a matter was taken up, not when it is due ("承办时间" / "2017年7月" beside its "实施计划")
    *((w, "other") for w in ("承办时间", "受理时间", "交办时间", "立项时间", "启动时间")),
    *((w, "other") for w in ("进度", "困难", "打算", "下一步", "成效")),
    # a 重大行政决策事项目录's columns beside the matter and its owner: 法律政策依据, 履行程序要求
    *((w, "other") for w in ("依据", "程序")),
    *((w, "牵头单位") for w in ("牵头", "主办", "主责", "主政")),
    *((w, "配合单位") for w in ("配合", "协同", "协办", "协助", "参与")),
    *((w, "完成时限") for w in ("时限", "时间", "期限", "时间节点", "限期", "进度安排")),
    *((w, "责任单位") for w in ("单位", "部门", "科室", "处室", "责任", "机关", "权责", "承办")),
    ("指标", "target"),
    *((w, "task") for w in ("任务", "工作", "事项", "内容", "措施", "要求", "实事", "名称", "清单", "举措")),
    ("目标", "target"),
)
# "责任单位(加黑为牵头单位)": the lead is marked by a type face the copied text has lost, so the units'
# roles are unknown ("owner"), not guessed from their order
UNMARKED = "责任单位(未标)"
_LOST_MARK_RE = re.compile(r"(?:加黑|加粗|黑体|粗体|下划线|斜体|红色|蓝色)(?:的|者|字)?(?:为|是|表示)?牵头")
KEY_COLUMNS = ("牵头单位", "责任单位", "配合单位", "完成时限", UNMARKED)
# a column per quarter (一季度 … 四季度, 二季度节点): each cell is the row's node due at that quarter's end
QUARTER_MONTHS = {"q1": 3, "q2": 6, "q3": 9, "q4": 12}
_QUARTER_NAME_RE = re.compile(r"第?(?P<q>[一二三四1-4])季度(?:末|节点|目标|进度|任务|计划|工作)?")
_QUARTER_ROLE = {"一": "q1", "二": "q2", "三": "q3", "四": "q4", "1": "q1", "2": "q2", "3": "q3", "4": "q4"}
TIME_COLUMNS = frozenset((*KEY_COLUMNS, *QUARTER_MONTHS))
# owner column → role mode of its units (see ``owners.owners_in_cells``)
OWNER_COLUMNS: dict[str, str] = {
    "牵头单位": "lead",
    "责任单位": "first",
    "配合单位": "support",
    UNMARKED: "owner",
}
TEXT_COLUMNS = ("task", "content", "target")
_SEP_RE = re.compile(r"[ \u3000]*\t[ \u3000]*|[ \u3000]{2,}|[ \u3000]*\|[ \u3000]*")
_SPACE_RE = re.compile(r"[ \u3000]+")
_MAX_GROUP_ROW = 40
_MAX_HEADER = 80
_MAX_NAME = 12
_MAX_TIME_CELL = 20
_YEAR_PREFIX_RE = re.compile(r"^(?:19|20)\d{2}年度?")
_PERIOD_PREFIX_RE = re.compile(r"\d{1,2}(?:[-—–~至]\d{1,2})?月份?")


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
    # a header cell that dates every row: "工作任务安排 / 第二季度" (a quarter's schedule)
    schedule: tuple[int, int] | None = None
    # an indicator table's goal column name ("预期增长(%)"): what the row's goal cell sets, and its unit
    goal: tuple[int, int] | None = None

    def cells_of(self, *roles: str) -> list[Cell]:
        """The row's cells whose role is one of ``roles``."""
        return [c for c in self.cells if c.role in roles]


# what names a document, not a column: "2021年任务清单" over a table is its title
_DOCUMENT_NOUNS = ("清单", "方案", "计划", "要点", "安排", "分解表", "一览表")


@lru_cache(maxsize=4096)  # (every header cell and every candidate header line asks: the same few names)
def column_role(name: str) -> str | None:
    """The role of a header cell, or ``None`` when it names no column devzone knows.

    >>> column_role("主要责任单位"), column_role("协同配合单位"), column_role("分 管 县领导")
    ('责任单位', '配合单位', 'person')
    >>> column_role("牵头责任单位"), column_role("完成期限"), column_role("监督方式")
    ('牵头单位', '完成时限', 'other')
    >>> column_role("地区") is None, column_role("三季度"), column_role("二季度节点")
    (True, 'q3', 'q2')
    >>> column_role("重点工作（任务）"), column_role("牵头单位及 主要负责人")
    ('task', '牵头单位')
    >>> column_role("2022年预期目标"), column_role("2021年任务清单")  # a year dates a target or task column
    ('target', None)
    >>> column_role("2025年度工作任务")
    'task'
    >>> column_role("进度(百分比)"), column_role("问题与困难"), column_role("下一步工作打算"), column_role("进度安排")
    ('other', 'other', 'other', '完成时限')
    >>> column_role("月度工作计划"), column_role("推进计划")
    ('完成时限', '完成时限')
    >>> column_role("6月份推进情况"), column_role("1-6月份工作情况"), column_role("工作成效"), column_role("6月")
    ('other', 'other', 'other', None)
    >>> column_role("责任单位 (加黑为牵头单位)")
    '责任单位(未标)'
    """
    key = normalise(re.sub(r"\s+", "", name))
    if _LOST_MARK_RE.search(key):
        return UNMARKED
    dated = _YEAR_PREFIX_RE.match(key)
    if dated is not None and dated.end() < len(key):
        # a year dates a target column ("2022年预期目标") and a task column ("2025年度工作任务"); a
        # document's name with its year is a title ("2021年任务清单")
        role = column_role(key[dated.end() :])
        task_column = role == "task" and not key.endswith(_DOCUMENT_NOUNS)
        return role if role == "target" or task_column else None
    if key in COLUMN_ROLES:
        return COLUMN_ROLES[key]
    key = key.replace("(", "").replace(")", "")  # "重点工作(任务)" names the 重点工作任务 column
    head, joined, _ = key.partition("及")
    if joined and COLUMN_ROLES.get(head) in OWNER_COLUMNS:
        return COLUMN_ROLES[head]  # "牵头单位及主要负责人": the unit, then the person who heads it
    quarter = _QUARTER_NAME_RE.fullmatch(key)
    if quarter is not None:
        return _QUARTER_ROLE[quarter["q"]]
    period = _PERIOD_PREFIX_RE.match(key)
    if period is not None and period.end() < len(key):
        # "6月份推进情况", "1-6月份工作情况": what a period's report says, read for nothing
        return "other" if column_role(key[period.end() :]) == "other" else None
    if not 2 <= len(key) <= _MAX_NAME or not all("\u3400" <= ch <= "\u9fff" for ch in key):
        return None
    return next((role for word, role in ROLE_WORDS if word in key), None)


def column_roles(cells: list[str]) -> dict[int, str] | None:
    """Column roles of a header row, or ``None`` when it is not a task-list header.

    A header names a task (or content) column and an owner or time column. One cell it cannot
    name is allowed beside a 序号 and a known owner or time column: it is the item text when no
    task column is named ("民生实事"), else an ``unread`` column. A 责任单位 column beside a
    配合 column leads (主要责任单位 / 协同配合单位); beside a 牵头 column it supports.

    >>> column_roles(["序号", "任务", "牵头单位", "配合单位", "完成时限"])
    {0: 'no', 1: 'task', 2: '牵头单位', 3: '配合单位', 4: '完成时限'}
    >>> column_roles(["序号", "重点工作任务", "主要责任单位", "协同配合单位"])
    {0: 'no', 1: 'task', 2: '牵头单位', 3: '配合单位'}
    >>> column_roles(["序号", "民生实事", "责任单位", "完成时限"])[1]
    'task'
    >>> column_roles(["甲", "乙"]) is None
    True
    >>> column_roles(["任务", "备注"]) is None
    True
    >>> column_roles(["序号", "预期目标", "责任单位"])  # a list of targets with owners: each target is the item
    {0: 'no', 1: 'task', 2: '责任单位'}
    >>> column_roles(["序号", "指标名称", "单位", "目标值", "责任单位"])
    {0: 'no', 1: 'task', 2: 'measure', 3: 'target', 4: '责任单位'}
    >>> column_roles(["类别", "指标名称", "年度目标", "完成情况", "责任部门"])
    {0: 'other', 1: 'task', 2: 'target', 3: 'other', 4: '责任单位'}
    >>> column_roles(["序号", "目标任务", "牵头负责领导", "完成情况"])  # leaders only: the title names the body
    {0: 'no', 1: 'task', 2: 'person', 3: 'other'}
    """
    roles: dict[int, str] = {}
    unknown: list[int] = []
    for i, cell in enumerate(cells):
        role = column_role(cell)
        if role is None:
            unknown.append(i)
        else:
            roles[i] = "content" if role == "task" and "task" in roles.values() else role
    values = set(roles.values())
    if len(unknown) > 1 or (unknown and not ("no" in values and values & TIME_COLUMNS)):
        return None
    for i in unknown:
        roles[i] = "unread" if "task" in values or "content" in values else "task"
    values = set(roles.values())
    if not values & {"task", "content"} and "target" in values and values & set(OWNER_COLUMNS):
        # 指标名称 / 单位 / 目标值: the column after the unit of measure holds the values, the one
        # before it names the item
        # (without a 单位 column: 指标名称 / 年度目标 — the first names the item, the next holds its value)
        first = min(i for i, r in roles.items() if r == "target")
        measure = next((i for i, r in roles.items() if r == "measure"), len(cells))
        if measure == len(cells) and sum(1 for r in roles.values() if r == "target") > 1:
            measure = first + 1
        roles = {i: "task" if r == "target" and i < measure else r for i, r in roles.items()}
        values = set(roles.values())
    # a progress table naming its leaders only (序号 / 目标任务 / 牵头负责领导 / 完成情况): its rows are
    # the tasks, their owner the body the title names
    led = "no" in values and "person" in values and "task" in values
    if not (("task" in values or "content" in values) and (values & TIME_COLUMNS or led)):
        return None
    if "责任单位" in values and ("配合单位" in values) != ("牵头单位" in values):
        mode = "牵头单位" if "配合单位" in values else "配合单位"
        roles = {i: mode if r == "责任单位" else r for i, r in roles.items()}
    return dict(sorted(roles.items()))


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


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped of surrounding blanks."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = pos + len(line) - len(line.lstrip())
            out.append((lead, lead + len(stripped)))
        pos += len(line) + 1
    return out


def header_roles(text: str, start: int, end: int) -> tuple[dict[int, str], int] | None:
    """(roles, width) when the line ``text[start:end]`` is a header of column names.

    Names are split on tabs, runs of spaces or "|", else on single spaces
    ("序号 | 任 务 名 称 | 牵 头 部 门 |" or "序号 重点工作任务 主要责任单位 协同配合单位").

    >>> header_roles("序号 | 任 务 名 称 | 牵 头 部 门 |", 0, 22)
    ({0: 'no', 1: 'task', 2: '牵头单位'}, 3)
    """
    if end - start > _MAX_HEADER:
        return None
    line = text[start:end].strip().strip("|")
    cells = [line[a:b] for a, b in split_cells(line, 0, len(line))]
    while cells and not cells[-1].strip():
        cells.pop()  # "牵头落实科室 | |": an empty column closes the header
    if len(cells) < 3:
        cells = line.split()
    if len(cells) < 3 or (column_role(cells[0]) is None and column_role(cells[1]) is None):
        return None  # (a header names all its cells but one: two unnamed first cells end the check)
    roles = column_roles(cells)
    return (roles, len(cells)) if roles is not None and len(roles) == len(cells) else None


# (each further cell opens with its "|": no two ways to split a long run of dashes)
_RULE_LINE_RE = re.compile(r"\|?[ \u3000]*:?-{3,}:?[ \u3000]*(?:\|[ \u3000]*:?-{3,}:?[ \u3000]*)*\|?")


def table_rows(text: str) -> list[Row]:
    """Rows of every plain-text task list in ``text``, in order (one row a line).

    Cells split on tabs, runs of spaces or "|". Under a header of names, a line whose cells
    split only on single spaces is a row too, and the next lines that are neither rows nor
    headings are its cells wrapped over lines (see ``_wrapped_row``).

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
    lines = _lines(text)
    k = 0
    while k < len(lines):
        start, end = lines[k]
        k += 1
        if _RULE_LINE_RE.fullmatch(text, start, end):
            continue  # "| --- | --- |": the rule a page or an editor draws under the header
        header = header_roles(text, start, end)
        if header is not None:
            roles, width = header
            continue
        if roles is None:
            continue
        if rows and _continues_cell(text, start, end, rows[-1]):
            last = rows[-1]  # "新增学位810个 | |||||": the first text cell of the row above, wrapped
            role = next(c.role for c in last.cells if c.role in TEXT_COLUMNS)
            cell = Cell(
                role=role, start=start, end=start + len(text[start:end].split("|", maxsplit=1)[0].rstrip())
            )
            rows[-1] = Row(start=last.start, end=end, cells=(*last.cells, cell), schedule=last.schedule)
            continue
        row = _row(text, start, end, roles, width)
        if row is None and _is_spaced_row(text, start, end):
            row, k = _wrapped_row(text, lines, k - 1, roles, width)
        if row is None and "|" in text[start:end] and k < len(lines):
            row, k = _barred_row(text, lines, k - 1, roles, width)
        if row is None:
            row = _single_spaced_row(text, start, end, roles, width)
        if row is not None and rows and _under_spanning_name(text, row, rows[-1], roles):
            last = rows[-1]  # one project, several lines of its 工作任务 (the 项目名称 cell spans them)
            rows[-1] = Row(
                start=last.start, end=row.end, cells=(*last.cells, *row.cells), schedule=last.schedule
            )
        elif row is not None:
            rows.append(row)
        elif not _group_row(text[start:end]):
            roles = None  # the table has ended
    return rows


def _under_spanning_name(text: str, row: Row, last: Row, roles: dict[int, str]) -> bool:
    """A "|" row without the name cell of a table that names each item (项目名称) before its
    content (工作任务), right under a named row: the name cell spans both, so they are one item. A
    row whose first cell opens with its own number ("2. 制定…", "(二)推进…") is an item of its own
    under a group cell (工作任务 | 具体要求), not more of the row above.

    >>> t = "项目名称 | 工作任务 | 计划完成时间 | 牵头单位 |\\n1.人居环境项目 | 改造3条道路; | 11月 | 建设局 |\\n"
    >>> t += "新建口袋公园2处; | 11月 | 城投集团 | |\\n2021.8 | 经开区 | ||"
    >>> [[c.role for c in r.cells] for r in table_rows(t)]
    [['task', 'content', '完成时限', '牵头单位', 'content', '完成时限', '牵头单位', '完成时限', '牵头单位']]
    >>> t = "工作任务 | 具体要求 | 责任单位 |\\n(一)围绕法治政府 | 1.及时公开。 | 市政府办公室 |\\n2. 制定政策。 | 市法制局 |"
    >>> len(table_rows(t))
    2
    """
    return (
        roles.get(0) == "task"
        and "content" in roles.values()
        and "|" in text[row.start : row.end]
        and not row.cells_of("task", "no")
        and bool(row.cells)
        and heading_mark(normalise(text[row.cells[0].start : row.cells[0].end])) is None
        and bool(last.cells_of("task"))
        and not text[last.end : row.start].strip()
    )


def _continues_cell(text: str, start: int, end: int, last: Row) -> bool:
    """A "|" line right under a row with text in its first cell only, no 序号: that cell wrapped.

    >>> t = "序号 | 工作任务 | 责任单位 | 完成时限 |\\n1 | 新建学校1所 | 教体局 | 年底 |\\n新增学位810个 | |||"
    >>> [(r.cells[-1].role, t[r.cells[-1].start:r.cells[-1].end]) for r in table_rows(t)]
    [('task', '新增学位810个')]
    """
    line = text[start:end]
    cells = [c.strip() for c in line.split("|")]
    return (
        "|" in line
        and not text[last.end : start].strip()
        and bool(cells[0])
        and not cells[0].isdigit()
        and not any(cells[1:])
        and any(c.role in TEXT_COLUMNS for c in last.cells)
    )


def _is_spaced_row(text: str, start: int, end: int) -> bool:
    """A line opening with a 序号 and single-spaced cells ("6 城镇居民收入增长5%。 区人社局"), not a "|" row
    the excerpt cut ("7 | 增设10家过期药品定点回收单位,定期开展过期": its bar is no cell).

    >>> _is_spaced_row("6 城镇居民收入增长5%。 区人社局", 0, 19), _is_spaced_row("7 | 增设10家回收单位", 0, 14)
    (True, False)
    """
    first = _SPACE_RE.split(text[start:end], maxsplit=1)  # an ideographic space "　" separates as well
    return len(first) == 2 and first[0].isdigit() and len(first[0]) <= 3 and not first[1].startswith("|")


def _single_spaced_row(text: str, start: int, end: int, roles: dict[int, str], width: int) -> Row | None:
    """A row whose cells a page parted by single spaces, under a header parted so ("负责领导 重点工作 基本要求
    牵头部门 协同部门 完成情况" / "王波 分管领域投资工作(…) 桃溪…示范园(…) 县农业农村局、县林业局 县科技局、…"):
    as many cells as columns, or one fewer where the last is left out, and its owner cells names of units.

    >>> roles = {0: "person", 1: "task", 2: "content", 3: "牵头单位", 4: "配合单位"}
    >>> t = "王波 分管领域投资工作(按序时进度推进) 桃溪示范园(项目规划上报) 县农业农村局、县林业局 县科技局、有关乡镇"
    >>> [c.role for c in _single_spaced_row(t, 0, len(t), roles, 5).cells]
    ['person', 'task', 'content', '牵头单位', '配合单位']
    >>> _single_spaced_row("推进 138 工程", 0, 10, roles, 5) is None
    True
    """
    spans, at = [], start
    for part in text[start:end].split(" "):
        if part:
            spans.append((at, at + len(part)))
        at += len(part) + 1
    if not width - 1 <= len(spans) <= width or roles.get(0) == "no":
        return None
    owners = [(a, b) for i, (a, b) in enumerate(spans) if roles.get(i) in OWNER_COLUMNS]
    if not owners or not all(looks_like_unit_cell(normalise(text[a:b])) for a, b in owners):
        return None
    cells = tuple(Cell(role=roles[i], start=a, end=b) for i, (a, b) in enumerate(spans) if i in roles)
    return Row(start=start, end=end, cells=cells)


def _wrapped_row(
    text: str, lines: list[tuple[int, int]], k: int, roles: dict[int, str], width: int
) -> tuple[Row | None, int]:
    """A single-spaced row and its cells wrapped onto the next lines; returns (row, next line).

    Web pages copied as text put one space between cells, and a cell holding several units
    breaks over lines. The next lines up to the next row, heading or header are the row's
    remaining cells: the last line's cells fill the last columns, each line before it one
    column, and lines beyond the free columns join the cell they continue (区财政局 /
    区税务局 both in the 主要责任单位 cell).
    """
    start, end = lines[k]
    first = _space_cells(text, start, end)
    more: list[list[tuple[int, int]]] = []
    j = k + 1
    while j < len(lines):
        s, e = lines[j]
        line = text[s:e]
        if (
            _is_spaced_row(text, s, e)
            or _row(text, s, e, roles, width) is not None
            or heading_mark(normalise(line)) is not None
            or header_roles(text, s, e) is not None
            or len(more) >= width
        ):
            break
        more.append(_space_cells(text, s, e))
        j += 1
    if len(first) > width:  # spaces inside the text cell: the surplus words belong to it
        surplus = len(first) - width
        first = [first[0], (first[1][0], first[1 + surplus][1]), *first[2 + surplus :]]
    columns: list[list[tuple[int, int]]] = [[c] for c in first]
    free = width - len(columns)
    if more and free > 0:
        last = more[-1][-free:]
        between = more[:-1]
        slots = free - len(last)
        head = max(0, len(between) - slots + 1) if slots else len(between)
        if head and slots:
            columns.append([c for line in between[:head] for c in line])
            between = between[head:]
        elif head:
            columns[-1].extend(c for line in between[:head] for c in line)
            between = between[head:]
        columns.extend(list(line) for line in between)
        columns.extend([c] for c in last)
    elif more:
        columns[-1].extend(c for line in more for c in line)
    if len(columns) > width:
        return None, k + 1
    cells = tuple(
        Cell(role=roles[i], start=a, end=b) for i, spans in enumerate(columns) if i in roles for a, b in spans
    )
    row_end = lines[j - 1][1]
    return Row(start=start, end=row_end, cells=cells), j


def _space_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cells: list[tuple[int, int]] = []
    pos = start
    for m in _SPACE_RE.finditer(text, start, end):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, end))
    return [(a, b) for a, b in cells if b > a]


def _group_row(line: str) -> bool:
    """A heading row inside a table ("一、政务服务提质(共6项)", "一、体系建设 |" closed by its cell's bar):
    numbered, or short and sentence-free.

    >>> _group_row("一、体系建设 |"), _group_row("一、体系建设 | 1.组织机构 |")
    (True, False)
    """
    line = re.sub(r"[ \u3000]*\|[ |\u3000]*$", "", line)
    if _SEP_RE.search(line) or len(line) > _MAX_GROUP_ROW:
        return False
    norm = normalise(line)
    return heading_mark(norm) is not None or not any(ch in norm for ch in "。,:;")


def _barred_row(
    text: str, lines: list[tuple[int, int]], k: int, roles: dict[int, str], width: int
) -> tuple[Row | None, int]:
    """A "|" row whose last cells wrapped onto the next line ("一、… | (一)… | 1.… |" then
    "产业政策科 | |"): the lines' cells, without the empty ones closing each line, are one row."""
    spans: list[tuple[int, int]] = []
    j = k
    while j < len(lines) and j <= k + 1:
        s, e = lines[j]
        if "|" not in text[s:e] or (j > k and heading_mark(normalise(text[s:e])) is not None):
            break
        line_spans = split_cells(text, s, e)
        while len(line_spans) > 1 and line_spans[-1][1] == line_spans[-1][0]:
            line_spans.pop()
        if j > k and len(spans) + len(line_spans) > width:
            break
        spans.extend(line_spans)
        j += 1
    if j == k + 1 or not width - 1 <= len(spans) <= width:
        return None, k + 1
    row = _cells_row(text, spans, start=lines[k][0], end=lines[j - 1][1], roles=roles, width=width)
    return (row, j) if row is not None else (None, k + 1)


def _row(text: str, start: int, end: int, roles: dict[int, str], width: int) -> Row | None:
    spans = split_cells(text, start, end)
    if len(spans) > 1 and spans[0][0] == spans[0][1] and text[start] == "|":
        spans = spans[1:]  # "| 1 | 甲 | 乙 |": the opening bar starts the first cell
    if len(spans) > 1 and text[spans[-1][0] : spans[-1][1]] == "" and text[end - 1] == "|":
        spans = spans[:-1]  # "1 | 甲 | 乙 |": the closing bar ends the last cell
        while len(spans) > width - 1 and spans[-1][1] == spans[-1][0]:
            spans.pop()  # "办公室 | ||": empty cells closing the row
    return _cells_row(text, spans, start=start, end=end, roles=roles, width=width)


def _cells_row(
    text: str, spans: list[tuple[int, int]], *, start: int, end: int, roles: dict[int, str], width: int
) -> Row | None:
    offset = 0
    numbered = text[spans[0][0] : spans[0][1]].isdigit()
    filled = len(spans)
    while filled > 1 and spans[filled - 1][0] == spans[filled - 1][1]:
        filled -= 1  # "2021.8 | 城投集团 | ||": the empty cells closing a "|" row
    spanned = 2 <= filled < width - 1 and roles.get(0) == "task" and not numbered and "|" in text[start:end]
    if spanned:
        # under cells that span rows (the 项目名称 and 工作任务 of the row above): the cells are the
        # last ones, where what they read as fits ("2021.8" under 完成时限, "城投集团" under 牵头单位)
        offset, fitting = _spanned_offset(text, spans[:filled], roles, width)
        # ("(三)…" opening the line: an item wrapped, its owner cell on the next line, unless every cell
        # fits where it sits and the owner or the date is among them, "(2)… | 1.… | 应消站 | 4月 |" under
        # its 建设任务 and 工作事项)
        marked = heading_mark(normalise(text[spans[0][0] : spans[0][1]])) is not None
        spanned = not marked or (len(fitting) == filled and any(r in TIME_COLUMNS for r in fitting))
        offset = offset if spanned else 0
    if spanned:
        spans = spans[:filled]
    elif numbered and (serial := _serial_column(roles)) and len(spans) <= width - serial:
        offset = serial  # "2 | 特困…": under a 大类 cell spanning rows, the row starts at its 序号
    elif len(spans) == width - 1 and roles.get(0) in ("no", "task") and not numbered:
        offset = 1  # a row without its 序号, or under a 工作任务 cell that spans rows
    elif len(spans) != width and not (numbered and "|" in text[start:end] and 3 <= len(spans) < width):
        return None  # (a numbered "|" row may lack its last cells: empty, or cut by the excerpt's end)
    cells = tuple(
        Cell(role=roles[i + offset], start=a, end=b)
        for i, (a, b) in enumerate(spans)
        if i + offset in roles and b > a
    )
    if (
        offset
        and roles[0] == "task"
        and any(_is_sentences(text, c) for c in cells if c.role in OWNER_COLUMNS)
    ):
        return None  # the cells are one short because the row wraps, not under a spanning task cell
    return Row(start=start, end=end, cells=cells)


def _serial_column(roles: dict[int, str]) -> int:
    """The 序号 column's index when columns come before it (大类 | 序号 | 工作任务 …), else 0."""
    return next((i for i, r in sorted(roles.items()) if r == "no"), 0)


def _spanned_offset(
    text: str, spans: list[tuple[int, int]], roles: dict[int, str], width: int
) -> tuple[int, list[str | None]]:
    """The first column of a row short of cells under cells spanning rows: the offset at which most
    cells sit in a column that holds what they read as (a date under a time column, unit names under
    an owner column, other text under a text column), the nearest to the left on a tie; and the roles
    of the cells that fit there."""

    def fits(role: str | None, a: int, b: int) -> bool:
        cell = normalise(text[a:b]).strip()
        if role in OWNER_COLUMNS:  # (before the time columns: TIME_COLUMNS holds the owner columns too)
            return looks_like_unit_cell(cell)
        if role in TIME_COLUMNS:
            return bool(cell_deadlines(cell)) and len(cell) <= _MAX_TIME_CELL
        return role in TEXT_COLUMNS and not looks_like_unit_cell(cell) and not cell_deadlines(cell)

    def fitting(offset: int) -> list[str | None]:
        return [r for i, (a, b) in enumerate(spans) if fits(r := roles.get(i + offset), a, b)]

    def score(offset: int) -> int:
        # (a date under the time column counts twice: a short name may or may not read as a unit, "应消站",
        # but "4月" is a date wherever it stands)
        return sum(2 if r in TIME_COLUMNS and r not in OWNER_COLUMNS else 1 for r in fitting(offset))

    best = max(range(1, width - len(spans) + 1), key=lambda o: (score(o), -o))
    return best, fitting(best)


def _is_sentences(text: str, cell: Cell) -> bool:
    """A cell holding sentences ("1.重大决策预公开。重大决策…"): no owner cell."""
    return "。" in text[cell.start : cell.end].rstrip().rstrip("。")


@dataclass(frozen=True, kw_only=True)
class RowIndex:
    """Rows looked up by a position inside them (binary search on their starts)."""

    rows: tuple[Row, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str, *more: list[Row]) -> RowIndex:
        """Index of the plain-text task-list rows of ``text`` and of other readers' rows
        (``more``); a row overlapping one already taken is left out."""
        rows: list[Row] = []
        for r in sorted([*table_rows(text), *(r for rs in more for r in rs)], key=lambda r: r.start):
            if not rows or r.start >= rows[-1].end:
                rows.append(r)
        return cls(rows=tuple(rows), starts=tuple(r.start for r in rows))

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

    def between(self, pos: int) -> bool:
        """Whether ``pos`` lies outside every row, after one row and before another (a table's group
        line, on a line of its own between its rows).

        >>> idx = RowIndex.of("序号 任务 牵头单位 完成时限\\n1\\t甲\\t市财政局\\t年内\\n二、乙\\n2\\t丙\\t市商务局\\t年内")
        >>> idx.between(28), idx.between(20), idx.between(40)
        (True, False, False)
        """
        k = bisect.bisect_right(self.starts, pos) - 1
        return 0 <= k < len(self.rows) - 1 and self.rows[k].end <= pos
