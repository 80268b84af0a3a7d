"""Plan engine: read an action plan (行动方案) and return its plans, sections, tasks, owners,
deadlines and quantitative targets, each with a character span into the decoded text.

Pipeline: decode (``devzone.plans.text`` / ``devzone.plans.docx_in``) → normalise punctuation
(same offsets) → logical paragraphs and plan boundaries → heading tree
(``devzone.plans.structure``) → items (a leaf heading with its paragraphs, or a paragraph of a
section) → tasks (items of task sections, or items with their own owners) → owners, deadlines and
targets read inside each task (``owners``, ``deadlines``, ``targets``). A task is a unit of
responsibility as in a 任务分工表; items of 总体要求/指导思想/发展目标/背景 sections are not tasks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path

from devzone.plans.celltable import cell_rows, unflattened
from devzone.plans.deadlines import (
    DeadlineHit,
    DeadlineValue,
    cell_deadlines,
    find_deadlines,
    keyed_deadlines,
)
from devzone.plans.fanout import fan_out
from devzone.plans.headings import heading_mark, inline_heading, split_heading
from devzone.plans.jsonform import to_json
from devzone.plans.kinds import target_kind
from devzone.plans.layout import (
    LED_BY,
    charged_clauses,
    is_signoff,
    owned_sentences,
    quoted_charges,
    row_paragraphs,
    task_records,
    task_value_start,
)
from devzone.plans.owner_words import POSTS, STRONG_ENDINGS, VERBS, ZONE_ENDINGS
from devzone.plans.owners import (
    ALIAS_NOTE,
    SET_UP_WORDS,
    addressed_units,
    before_alias,
    clean_name,
    defined_names,
    find_owners,
    is_duty_holder,
    is_group,
    is_single_unit,
    is_unit_title,
    notice_support,
    owners_in_cells,
    owners_in_group,
    paren_groups,
    partner_owners,
    requested_units,
    standing_owners,
    subject_owners,
)
from devzone.plans.planyear import is_redacted, issue_year, title_year
from devzone.plans.readers import read_bytes
from devzone.plans.schema import (
    FLAGS,
    Deadline,
    Owner,
    ParsedDocument,
    Plan,
    PlanParseError,
    Section,
    Target,
    Task,
)
from devzone.plans.structure import Node, Para, PlanBlock, heading_tree, is_footer, paragraphs, split_plans
from devzone.plans.targets import column_target, find_targets, goal_target
from devzone.plans.text import normalise
from devzone.plans.texttable import OWNER_COLUMNS, QUARTER_MONTHS, TEXT_COLUMNS, Row, RowIndex

__all__ = ["PlanParseError", "parse_bytes", "parse_file", "parse_text", "to_json"]

_NON_TASK_RE = re.compile(
    r"(?:目标任务|总体要求|指导思想|总体思路|原则|目标|目标定位|指标|背景|预期效果|预期成效|意义|现状|形势"
    r"|适用范围|编制依据|依据|目的|总则|基本情况|总体情况|发展基础|附则"
    # a reply's or a report's account of what was done ("一、工作开展情况", "一、办理情况"): progress
    r"|工作开展情况|开展情况|办理情况|工作进展情况|主要做法|工作成效|取得成效|执行成果|主要成果|工作成果"
    # how a body is made up ("一、组织机构" / "主任:…" / "暂设在…"): its composition, no work
    r"|组织机构|机构组成|人员组成|组成人员)$|^背景"
)
_MAX_SECTION_TITLE = 16
_WORD_RE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
_MAX_HEADING = 40
# a note under a table or a list ("说明:…", "注:…") is never a task
_NOTE_RE = re.compile(r"\s*(?:说明|注|备注|附注|注释)\s*\d?\s*[:.]")


@dataclass(frozen=True, kw_only=True)
class _Item:
    """An item of a plan: its span, heading, section path and id parts, and whether it is a task."""

    start: int
    end: int
    heading: str
    section_path: tuple[str, ...]
    id_parts: tuple[str, ...]
    in_task_section: bool
    # the owners a section gives the items under it that name none: its heading names a unit
    # ("(一)综合办公室(党群工作部…)") or carries a note ("(总牵头单位:X)")
    section_owners: tuple[Owner, ...] = ()


@dataclass(frozen=True, kw_only=True)
class _Ctx:
    text: str
    norm: str
    rows: RowIndex
    owner_cache: dict[tuple[int, int], list[Owner]] = field(default_factory=dict)
    # where the text's last word ends (measured once: a cut name is looked for at every item)
    text_end: int = -1
    deadline_cache: dict[tuple[int, int], list[DeadlineHit]] = field(default_factory=dict)

    @cached_property
    def defined(self) -> dict[str, tuple[int, int]]:
        """The short names the text defines for bodies (read once a document)."""
        return defined_names(self.norm)

    def deadlines(self, start: int, end: int) -> list[DeadlineHit]:
        """Deadlines written in ``norm[start:end]`` (memoised: a paragraph is read for its targets'
        dates and again as a task)."""
        key = (start, end)
        if key not in self.deadline_cache:
            self.deadline_cache[key] = find_deadlines(self.norm[start:end])
        return self.deadline_cache[key]

    def owners(self, start: int, end: int) -> list[Owner]:
        """Owners annotated in ``text[start:end]`` (memoised: items are asked twice).

        A row of a pasted task list takes its owners from its 牵头/责任/配合 cells.
        """
        key = (start, end)
        if key not in self.owner_cache:
            row = self.rows.at(start)
            if row is not None:
                cells = [(OWNER_COLUMNS[c.role], c.start, c.end) for c in row.cells_of(*OWNER_COLUMNS)]
                found = owners_in_cells(self.norm, cells, original=self.text)
            else:
                found = find_owners(self.norm, start, end, original=self.text)
            # a name the end of the excerpt cuts ("…,谯城经开", "责任单位:县财") is no owner
            # (a zone's name is whole where the excerpt ends, "…、达州高新区、达州经开区", as a 局 or a 委 is)
            if (
                found
                and found[-1].span[1] >= (self.text_end if self.text_end >= 0 else len(self.text.rstrip()))
                and not found[-1].name.endswith((*STRONG_ENDINGS, *ZONE_ENDINGS))
            ):
                found = found[:-1]
            self.owner_cache[key] = found
        return self.owner_cache[key]

    def text_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Where targets are read in a paragraph: a task-list row's text cells, else all of it."""
        row = self.rows.at(start)
        if row is None:
            return [(start, end)]
        # beside a 单位 (unit of measure) column the value cells are read by ``column_targets``
        columns = ("task", "content") if row.cells_of("measure") else TEXT_COLUMNS
        return [(c.start, c.end) for c in row.cells_of(*columns)]

    def column_targets(self, start: int) -> list[Target]:
        """The target of an assessment row: its last text cell, 单位 cell and 年度目标 cell."""
        row = self.rows.at(start)
        if row is None:
            return []
        if row.goal is not None:  # an indicator table's row: indicator / goal under "预期增长(%)"
            name, value = row.cells_of("indicator"), row.cells_of("goal")
            hit = (
                goal_target(self.norm, self.text, name=(name[0].start, name[0].end), header=row.goal,
                            value=(value[0].start, value[0].end))
                if name and value
                else None
            )  # fmt: skip
            return [hit] if hit is not None else []
        measure = row.cells_of("measure")
        value = row.cells_of("target")
        names = [c for c in row.cells_of("task", "content") if c.end <= measure[0].start] if measure else []
        if not (measure and value and names):
            return []
        found = column_target(
            self.norm,
            self.text,
            name=(names[-1].start, names[-1].end),
            measure=(measure[0].start, measure[0].end),
            value=(value[0].start, value[-1].end),
        )
        return [found] if found is not None else []


def parse_text(text: str, *, source: str = "<text>", workers: int = 1) -> ParsedDocument:
    """Parse decoded plan text; a long text's plans on up to ``workers`` processes (``fanout``), read
    apart after the document's shared context is built, so the result is the one of a single process.

    >>> doc = parse_text("二、主要任务\\n1.优化机制。20xx年9月底前完成。(责任单位:市委编办)")
    >>> [(t.id, t.heading, [o.name for o in t.owners]) for t in doc.plans[0].tasks]
    [('2.1', '优化机制', ['市委编办'])]
    >>> [(d.year, d.month) for d in doc.plans[0].tasks[0].deadlines]
    [(None, 9)]
    """
    shown = text
    text = unflattened(text)  # a table flattened into a line, broken into its cells (offsets kept)
    norm = normalise(text)
    ctx = _Ctx(text=text, norm=norm, rows=RowIndex.of(text, cell_rows(text)), text_end=len(text.rstrip()))
    paras = task_records(
        norm,
        charged_clauses(
            norm, quoted_charges(norm, owned_sentences(norm, row_paragraphs(paragraphs(norm), ctx.rows)))
        ),
    )
    blocks = split_plans(paras)
    jobs: list[tuple[PlanBlock, bool, tuple[Owner, ...], Deadline | None]] = []
    notice: tuple[Owner, ...] = ()  # the support owners a notice names for every task of what it sends
    sent_due: Deadline | None = None  # the date a notice sets once for every matter it lists, in or above it
    for k, block in enumerate(blocks):
        wrapper = k + 1 < len(blocks) and _is_notice(ctx, block)
        listed_due = _listed_due(ctx, block)
        jobs.append((block, wrapper, notice, listed_due or sent_due))
        sent_due = listed_due
        if wrapper:
            notice = tuple(
                o for p in block.paras for o in notice_support(norm, p.start, p.end, original=text)
            )
    if len(text) < _FAN_OUT_CHARS:
        workers = 1
    elif workers > 1:
        _ = ctx.defined  # (read once here, not once in every worker)
    plans = fan_out(
        lambda k: _plan(ctx, jobs[k][0], wrapper=jobs[k][1], notice=jobs[k][2], sent_due=jobs[k][3]),
        len(jobs),
        workers=workers,
        weights=[b.paras[-1].last_end - b.paras[0].start if b.paras else 0 for b, *_ in jobs],
    )
    return ParsedDocument(source=source, text=shown, plans=tuple(plans))


_FAN_OUT_CHARS = (
    1_000_000  # below a million characters (a long plan is 100 000) forking costs more than it saves
)


def parse_bytes(data: bytes, *, source: str, workers: int = 1) -> ParsedDocument:
    """Parse a file's bytes in any format :mod:`devzone.plans.readers` reads (.txt, .docx, .pdf, .html, …).

    >>> parse_bytes("一、主要任务".encode("gbk"), source="a.txt").plans[0].sections[0].title
    '主要任务'
    >>> parse_bytes(b"", source="a.txt").plans
    ()
    >>> parse_bytes(b"PK\\x03\\x04broken", source="a.docx")
    Traceback (most recent call last):
    ...
    devzone.plans.schema.PlanParseError: a.docx：文件已损坏，无法打开（BadZipFile）
    """
    name = Path(source).name
    return parse_text(read_bytes(data, source=name), source=name, workers=workers)


def parse_file(path: str | Path, *, workers: int = 1) -> ParsedDocument:
    """Parse a plan file in any format :func:`parse_bytes` reads; raises ``PlanParseError`` naming the file.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "plan.txt")
    >>> _ = open(p, "wb").write("一、主要任务\\n1.甲任务。(责任单位:市财政局)".encode("gb18030"))
    >>> parse_file(p).plans[0].tasks[0].owners[0].name
    '市财政局'
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise PlanParseError(f"{p.name}：无法读取文件（{exc.strerror or exc}）") from exc
    return parse_bytes(data, source=p.name, workers=workers)


# --- plans -----------------------------------------------------------------------------------


_NOTICE_RE = re.compile(r"关于(?:印发|转发|下达|分解|公布|发布)[^\n]{2,80}通知\s*$")


def _is_notice(ctx: _Ctx, block: PlanBlock) -> bool:
    """A notice that sends the plan after it ("关于印发…的通知"): its numbered paragraphs are
    instructions to the addressees, and only items with their own owners are tasks."""
    if block.title is None:
        return False
    if _NOTICE_RE.search(ctx.norm, block.title.start, block.title.end) is not None:
        return True
    # a title broken over two lines ("关于印发2022年度市政府重大行政决策" / "公众参与事项目录的通知"), the first left
    # above the plan
    above = ctx.norm.rfind("\n", 0, max(0, block.title.start - 1)) + 1
    return _NOTICE_RE.search(ctx.norm[above : block.title.end].replace("\n", "")) is not None


# a chapter's title that tells what was done, not what is to be: its figures are results
_TOLD_RE = re.compile(
    r"(?:开展|调整|完成|进展|落实|办理|执行|推进)情况\s*$|(?:主要做法|工作成效|取得成效)\s*$"
)


def _plan_targets(ctx: _Ctx, block: PlanBlock, *, report: bool) -> list[Target]:
    """The targets a plan's paragraphs set: not in a progress report's prose, nor under a chapter telling
    what was done ("一、半年度调整情况", "一、工作开展情况"), which tell results; a table's rows set theirs."""
    targets: list[Target] = []
    told = False
    for p in block.paras:
        if p.mark is not None and p.mark.style == "cn":
            told = _TOLD_RE.search(ctx.norm, p.start + p.mark.content_start, p.end) is not None
        if p.kind == "annotation" or ((report or told) and ctx.rows.at(p.start) is None):
            continue
        hits = [(h.start, h.end, h.value.year) for h in ctx.deadlines(p.start, p.end)]
        by = _by_finder(ctx, p.start, hits)
        # a heading's targets are read after its marker ("1.地区生产总值增长6%": the task starts there)
        at = p.start + _content_offset(ctx, p) if p.mark is not None else p.start
        before = len(targets)
        for s, e in ctx.text_spans(at, p.end):
            targets.extend(find_targets(ctx.norm, s, e, original=ctx.text, deadline_at=by))
        _value_cell_kinds(ctx, at, targets, before)
        targets.extend(ctx.column_targets(at))
        _schedule_kinds(targets, before)
    return targets


def _plan(
    ctx: _Ctx,
    block: PlanBlock,
    *,
    wrapper: bool = False,
    notice: tuple[Owner, ...] = (),
    sent_due: Deadline | None = None,
) -> Plan:
    root = heading_tree(block.paras)
    items: list[_Item] = []
    sections = tuple(_walk(ctx, root, path=(), ids=(), task_ok=not wrapper, items=items))
    items = _inline_listed(ctx, _inline_duties(ctx, items))
    start = block.title.start if block.title is not None else (block.paras[0].start if block.paras else 0)
    end = max([p.last_end for p in block.paras] + [block.title.end if block.title else start])
    title = ctx.text[block.title.start : block.title.end].strip() if block.title is not None else None
    year = title_year(title and normalise(title))
    head = _lead_line(ctx, block.paras) if title is None else None
    report = is_progress_report(normalise(title) if title is not None else head)
    targets = _plan_targets(ctx, block, report=report)
    issued = issue_year(ctx.norm, start)
    if title is None and block.paras:
        year = title_year(head)
    year = issued if year is None else year  # the title's year, else the 文号's or the date's
    if report:  # a progress report's prose items tell what was done; its tasks are its rows
        items = [i for i in items if ctx.rows.at(i.start) is not None or ctx.owners(i.start, i.end)]
    years = (year, None if issued is None else issued + 1)  # the plan's year, and the one after its issue
    tasks, told = _read_tasks(ctx, block, items, targets, years=years, notice=notice, wrapper=wrapper)
    if told and tasks:
        # a record's or a reply's figures outside its charges and promises are what it reports (the
        # quarter's investment, the projects signed), unless their sentence sets them ("全年引进80个…")
        targets = [
            g for g in targets if any(t.span[0] <= g.span[0] < t.span[1] for t in tasks) or _aimed(ctx, g)
        ]
    if tasks and not any(t.owners for t in tasks):
        tasks = _subject_owned(
            ctx,
            tasks,
            addressee=_addressee_line(ctx, block),
            duties=_duties_of(ctx, block) or _replier(ctx, block) or _set_up_body(ctx, block),
        )
    else:
        tasks = _demands_owned(ctx, tasks)
    if _MEETING_RE.search(ctx.norm, start, start + _RECORD_HEAD) is not None:
        tasks = _record_groups(ctx, tasks)
    tasks = _defined_owners(ctx, tasks)
    tasks = tuple(t for t in tasks if (t.owners or not _not_work(t.text)) and not _permits(t.text))
    tasks = _defined_subjects(ctx, tasks)
    tasks = _convened_groups(ctx, tasks)
    if tasks and _cut_before_it_says(ctx, tasks[-1]):
        tasks = tasks[:-1]
    due = _month_plan_due(ctx, title if title is not None else head, start, year)
    if due is None:  # a list of problems to rectify, all due by the date its notice sets once
        due = _rectified_by(ctx, block, tasks, years=years) or (
            sent_due if len(tasks) >= _MIN_LISTED else None
        )
    if due is not None:  # a month's plan: what it lists is due within that month
        tasks = tuple(t if t.deadlines else replace(t, deadlines=(due,)) for t in tasks)
    return Plan(title=title, span=(start, end), sections=sections, tasks=tasks, targets=tuple(targets))


# a rule's article setting up its offices and listing their duties in one paragraph ("本局設下列各科、室,分別掌理
# 各有關事項: 一 第一科:掌理… 二 第二科:掌理…"): each office's line is an item of its own
_SETS_UP_LIST_RE = re.compile(r"设下列[^。:]{0,20}?(?:分别)?(?:掌理|办理|负责)[^。:]{0,20}:")
_INLINE_DUTY_RE = re.compile(r"(?<=[\s:])[一二三四五六七八九十]{1,3}[ \t\u3000]+(?=[^\s,。;:()]{2,12}:)")
_MIN_INLINE = 2


def _inline_duties(ctx: _Ctx, items: list[_Item]) -> list[_Item]:
    """The items, each article listing its offices' duties inline parted into one item per office.

    >>> t = "本局设下列各科,分别掌理各有关事项: 一 第一科:掌理区划。 二 秘书室:掌理综合业务。"
    >>> i = _Item(start=0, end=len(t), heading="", section_path=(), id_parts=("3",), in_task_section=True)
    >>> [(t[j.start : j.end], j.id_parts) for j in _inline_duties(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), [i])]
    [('第一科:掌理区划。', ('3', '1')), ('秘书室:掌理综合业务。', ('3', '2'))]
    """
    out: list[_Item] = []
    for i in items:
        opened = _SETS_UP_LIST_RE.search(ctx.norm, i.start, i.end)
        marks = list(_INLINE_DUTY_RE.finditer(ctx.norm, opened.end(), i.end)) if opened else []
        if len(marks) < _MIN_INLINE:
            out.append(i)
            continue
        ends = [m.start() for m in marks[1:]] + [i.end]
        out.extend(_parted(ctx, i, [(m.end(), stop) for m, stop in zip(marks, ends, strict=True)]))
    return out


def _parted(ctx: _Ctx, item: _Item, parts: list[tuple[int, int]]) -> list[_Item]:
    """``item`` parted into one item per span of ``parts``, each numbered after it, without trailing blanks."""
    out = []
    for k, (a, stop) in enumerate(parts, start=1):
        b = a + len(ctx.norm[a:stop].rstrip())
        heading = ctx.text[a : a + _MAX_HEADING]
        out.append(replace(item, start=a, end=b, heading=heading, id_parts=(*item.id_parts, str(k))))
    return out


# a list numbered inside one paragraph, each item closed by its owner's bracket ("主要内容为:1.…纲要(发改委);2. 2020年
# …计划(发改委);3. …(财政局)"): each numbered part is an item of its own
# (the break before the number is matched, not looked behind for: the scan then skips to the breaks)
_INLINE_NUMBER_RE = re.compile(r"[:;。]\s*(?P<n>\d{1,2})[.、]\s*")
_OWNED_END_RE = re.compile(r"\([^()]{2,30}\)\s*[;。]?\s*$")
_MIN_LISTED_INLINE = 3


def _inline_listed(ctx: _Ctx, items: list[_Item]) -> list[_Item]:
    """The items, each paragraph listing numbered parts inline, each closed by an owner's bracket, parted
    into one item per part.

    >>> t = "主要内容为:1.发展规划(发改委);2. 财政预算(财政局);3.水土保持规划(水利局)"
    >>> i = _Item(start=0, end=len(t), heading="", section_path=(), id_parts=("2",), in_task_section=True)
    >>> [t[j.start : j.end] for j in _inline_listed(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), [i])]
    ['发展规划(发改委);', '财政预算(财政局);', '水土保持规划(水利局)']
    """
    out: list[_Item] = []
    for i in items:
        # (a paragraph with no "3." or "3、" lists no three parts: no scan of it)
        if ctx.norm.find("3.", i.start, i.end) < 0 and ctx.norm.find("3、", i.start, i.end) < 0:
            out.append(i)
            continue
        marks = list(_INLINE_NUMBER_RE.finditer(ctx.norm, i.start, i.end))
        ends = [m.start() + 1 for m in marks[1:]] + [i.end]
        parts = [(m.end(), stop) for m, stop in zip(marks, ends, strict=False)]
        if (
            len(marks) < _MIN_LISTED_INLINE
            or [int(m["n"]) for m in marks] != list(range(1, len(marks) + 1))
            or not all(_OWNED_END_RE.search(ctx.norm, a, b) for a, b in parts[:-1])
        ):
            out.append(i)
            continue
        out.extend(_parted(ctx, i, parts))
    return out


def _lead_at(ctx: _Ctx, a: int, b: int) -> Owner:
    """The unit named at ``text[a:b]`` as the lead of what a later reader of the plan gives it."""
    return Owner(name=clean_name(ctx.text[a:b]), role="lead", group=False, span=(a, b))


def _owned(task: Task, owners: tuple[Owner, ...]) -> Task:
    """``task`` with the owners a later reader found for it, no longer flagged as owned by nobody."""
    return replace(task, owners=owners, flags=tuple(f for f in task.flags if f != "no_owner"))


# a working group made up of units, one of them convening it ("社會交流組:由民政處、社會處、人事處組成,召集人由
# 民政處處長兼任"): the units do its work, the convening one leads
_CONVENED_RE = re.compile(
    r"由(?P<members>[^。:;]{2,80}?)组成\s*,\s*召集人由(?P<head>[^,。;]{2,20}?)(?:处长|局长|主任|首长|主管)?兼任"
)


def _convened_groups(ctx: _Ctx, tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """A task of a working group made up of units and convened by one of them: its owners are the units,
    the convening one lead, the others support (the group itself is their meeting, not a body of its own).

    >>> t = "社会交流组:由民政处、社会处、人事处组成,召集人由民政处处长兼任,综理有关本组业务。"
    >>> ctx = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> task = Task(id="1", section_path=(), heading="", text=t, span=(0, len(t)), owners=(), deadlines=(), targets=())
    >>> [(o.name, o.role) for o in _convened_groups(ctx, (task,))[0].owners]
    [('民政处', 'lead'), ('社会处', 'support'), ('人事处', 'support')]
    """
    out: list[Task] = []
    for t in tasks:
        m = _CONVENED_RE.search(ctx.norm, t.span[0], t.span[1]) if "召集人" in t.text else None
        names = (
            owners_in_group(ctx.norm, *m.span("members"), bare_allowed=True, original=ctx.text) if m else []
        )
        head = m["head"] if m else ""
        if not names or not any(head.startswith(normalise(o.name)) for o in names):
            out.append(t)
            continue
        owners = tuple(
            replace(o, role="lead" if head.startswith(normalise(o.name)) else "support") for o in names
        )
        out.append(_owned(t, owners))
    return tuple(out)


_MAX_SHORT_NAME = 12


def _defined_subjects(ctx: _Ctx, tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """A provision naming no owner that opens with a short name the document defines ("本小組每半年召開
    會議一次", after "設本局節約能源推動小組(以下簡稱本小組)"): the body it stands for does what it says.
    (Composition, term, quorum and funding clauses are gone by now: ``_not_work``.)"""
    names = ctx.defined
    if not names:
        return tasks
    out: list[Task] = []
    for t in tasks:
        opening = ctx.norm[t.span[0] : t.span[0] + _MAX_SHORT_NAME].lstrip()
        short = None if t.owners else next((n for n in names if opening.startswith(n)), None)
        # (a name going on after the short one, "本府建設處", is another body)
        if short is None or is_duty_holder(re.split(r"[,。;:]", opening, maxsplit=1)[0]):
            out.append(t)
            continue
        a, b = names[short]
        out.append(_owned(t, (_lead_at(ctx, a, b),)))
    return tuple(out)


def _defined_owners(ctx: _Ctx, tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """Owners named by the short name the document defines for them ("本小組" after "特設置性別平等專案小組
    (以下簡稱本小組)") under their full name: the reviewer reads who the body is."""
    names = ctx.defined
    if not names:
        return tasks
    out: list[Task] = []
    for t in tasks:
        owners = tuple(
            replace(o, name=clean_name(ctx.text[slice(*names[short])]))
            if (short := normalise(o.name)) in names
            else o
            for o in t.owners
        )
        out.append(replace(t, owners=_dedupe_owners(list(owners))) if owners != t.owners else t)
    return tuple(out)


# a rule's provision that only permits ("本會依任務需要得設工作分組,…", "開會時,得邀請相關單位主管列席"): what the
# body may do, no duty and no task
_PERMITS_RE = re.compile(
    # (after its subject, or after a clause saying when: "…開會時,得邀請…"; not after a duty: "每半年召開會議一次,
    # 必要時得召開臨時會議" is the routine)
    r"[^。,;]{0,30}?(?:时\s*,\s*)?得(?:设|邀请|邀|聘|请|视需要|咨询|谘询|召开临时)[^。]*。?"
)


def _permits(text: str) -> bool:
    """Whether a task's text is one sentence that only permits.

    >>> _permits("本會依任務需要得設工作分組,以推動社區營造相關議題;各工作分組置召集人一人。")
    True
    >>> _permits("本會每半年召開會議一次,必要時得召開臨時會議。"), _permits("县政府得到省里支持后开工。")
    (False, False)
    """
    if "得" not in text[:_PERMIT_REACH]:
        return False  # (most tasks: read no further)
    said = normalise(text).strip()
    mark = heading_mark(said)
    return _PERMITS_RE.fullmatch(said, mark.content_start if mark is not None else 0) is not None


_PERMIT_REACH = 60


# what sets a figure as a goal, in its sentence: 要, 确保, 力争, 目标, 全年, 计划, 争取, 将
_AIMED_RE = re.compile(r"要|确保|力争|目标|全年|计划|争取|将|预计|达到")


def _aimed(ctx: _Ctx, target: Target) -> bool:
    """Whether the sentence holding ``target`` sets it as a goal, not reports it.

    >>> t = "一季度到位内资15.25亿元。要确保全年引进80个产业项目。"
    >>> c = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> g = lambda a: Target(text="", subject=None, indicator="", kind="level", op="=", value=0.0, unit="个",
    ...     by_year=None, by_text=None, span=(a, a + 2))
    >>> _aimed(c, g(6)), _aimed(c, g(21))
    (False, True)
    """
    start = max(ctx.norm.rfind("。", 0, target.span[0]), ctx.norm.rfind("\n", 0, target.span[0])) + 1
    stops = [i for i in (ctx.norm.find("。", target.span[0]), ctx.norm.find("\n", target.span[0])) if i >= 0]
    return _AIMED_RE.search(ctx.norm, start, min(stops) if stops else len(ctx.norm)) is not None


def _read_tasks(
    ctx: _Ctx,
    block: PlanBlock,
    items: list[_Item],
    targets: list[Target],
    *,
    years: tuple[int | None, int | None],
    notice: tuple[Owner, ...],
    wrapper: bool,
) -> tuple[tuple[Task, ...], bool]:
    """The tasks of a plan's items: as its structure gives them, else as a plan without structure does;
    and whether they were told in prose (a record's decisions, a reply's promises), not listed."""
    tasks = _tasks(ctx, items, targets, years=years, notice=notice)
    if wrapper:
        return tasks, False
    if not tasks:
        return _unstructured_tasks(ctx, block, items, targets, years=years, notice=notice)
    if all(t.id.startswith("p") for t in tasks):
        # a record in prose whose only items are the demands it counts ("一要…", read as paragraphs of no
        # heading): its speakers' charges around them ("会议强调,…各级各部门要…。一要…") are its decisions
        decided = _record_decisions(ctx, items)
        if len(decided) > len(tasks):
            return _tasks(ctx, decided, targets, years=years, notice=notice), True
        # (as many, but the record names whose work they are: "…分别到被巡察党组织开展了巡察情况反馈…会议要求,一要…")
        if len(decided) == len(tasks) and not any(t.owners for t in tasks):
            read = _tasks(ctx, decided, targets, years=years, notice=notice)
            if any(t.owners for t in read):
                return read, True
    return tasks, False


def _unstructured_tasks(
    ctx: _Ctx,
    block: PlanBlock,
    items: list[_Item],
    targets: list[Target],
    *,
    years: tuple[int | None, int | None],
    notice: tuple[Owner, ...],
) -> tuple[tuple[Task, ...], bool]:
    """Tasks of a plan whose structure gave none, and whether they were told in prose: its bulleted
    measures under plain headings (a policy address: "深化电子政务发展" / "- 继续通过…" / "- 促进…", no owner or
    numbered task section anywhere), else a meeting record's decisions ("会议同意…"), else a sentence's
    parallel or counted parts (``_parallel_measures``), else a reply's commitments (``_commitments``)."""
    # each reader: the items it takes, and how many make the plan's list (a lone bullet is no list) —
    # bullets under plain headings; measures counted in words, a line each ("一是深挖潜力,…" / "二是…");
    # a meeting's record in prose (常务会议): "会议同意…", "会议要求…", its decisions
    readers = ((_BULLET_ITEM_RE, _MIN_BULLETS), (_COUNTED_LINE_RE, _MIN_BULLETS))
    for pattern, least in readers:
        picked = _listed_items(ctx, items, pattern)
        # (a page's bulleted record fields, "• 兴庆区住房和城乡建设局", make no list: the next reader's turn)
        if len(picked) >= least and (listed := _tasks(ctx, picked, targets, years=years, notice=notice)):
            return listed, False
    decided = _record_decisions(ctx, items)
    if decided:
        return _tasks(ctx, decided, targets, years=years, notice=notice), True
    parallel = _parallel_measures(ctx, items)
    if parallel:
        return _tasks(ctx, parallel, targets, years=years, notice=notice), True
    closing = _closing_charges(ctx, block)
    if closing:
        return _tasks(ctx, closing, targets, years=years, notice=notice), True
    return _commitments(ctx, block, items, targets, years=years), True


# a bulletin on how the work stands (督查通报, 完成情况通报) charges its readers in its closing words: a paragraph
# opening "下一步," or "请…" ("下一步,各园区、各乡镇(街道)、各相关部门要严格按照…"); what it found is no task
_BULLETIN_RE = re.compile(r"通报[ \t]*$", re.MULTILINE)  # a line ending so: the title, under a page's menus
_CLOSING_RE = re.compile(r"\s*(?:(?P<next>下一步|下步|下阶段)\s*,|(?=请[^。]{2,60}?要))")


def _closing_charges(ctx: _Ctx, block: PlanBlock) -> list[_Item]:
    """A bulletin's closing charges: each sentence of its closing paragraphs that charges someone (要), an
    item led by the units it names after 下一步 or 请 (its paragraphs in prose are no items of its structure)."""
    first = block.title if block.title is not None else (block.paras[0] if block.paras else None)
    if first is None or _BULLETIN_RE.search(ctx.norm, first.start, first.start + _RECORD_HEAD) is None:
        return []
    out: list[_Item] = []
    for p in block.paras:
        m = _CLOSING_RE.match(ctx.norm, p.start, p.end)
        if m is None:
            continue
        for sentence in re.finditer(r"[^。]+。?", ctx.norm[p.start : p.end]):
            a, b = p.start + sentence.start(), p.start + sentence.end()
            if _CHARGE_RE.search(ctx.norm, a, b) is None:
                continue
            said = m.end() if a == p.start else a
            # (a bulletin's "各牵头单位要…" charges that group: the plan's word for its owners is its addressee)
            named = (
                requested_units(ctx.norm, said, b, original=ctx.text)
                or subject_owners(ctx.norm, said, b, original=ctx.text)
                or _clause_subjects(ctx, (said - 1, b))
            )
            heading = ctx.text[a : a + _MAX_HEADING].strip()
            out.append(_Item(start=a, end=b, heading=heading, section_path=(), id_parts=(str(len(out) + 1),),
                             in_task_section=True, section_owners=tuple(named)))  # fmt: skip
    return out


_MIN_PARALLEL = 3
_COUNTED_PART_RE = re.compile(r"\s*(?:[二三四五六七八九十]是|\([二三四五六七八九十]\))")
# the body whose duties a lead-in lists ("办公室职责包括:"), and the fuller name the text gave it before
_DUTIES_BEFORE_RE = re.compile(
    r"(?P<who>[^,。;:()\s]{2,20}?)(?:的)?(?:主要)?(?:职责|职能|职权|任务)(?:包括|如下|是)\s*:\s*$"
)
_NAME_REACH = 300


def _duties_before(ctx: _Ctx, start: int, end: int) -> tuple[Owner, ...]:
    """The body a lead-in ending at ``end`` lists the duties of, under the fullest name the text gave it
    before ("设立…政府发言人办公室。…办公室职责包括:" → 政府发言人办公室).

    >>> t = "设立政府发言人办公室。办公室职责包括:(一)"
    >>> [o.name for o in _duties_before(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 11, len(t) - 3)]
    ['政府发言人办公室']
    """
    m = _DUTIES_BEFORE_RE.search(ctx.norm, start, end)
    if m is None or not is_duty_holder(m["who"]):
        return ()
    a, b = m.span("who")
    base = max(0, a - _NAME_REACH)
    fuller = list(re.finditer(r"[\u4e00-\u9fff]{2,16}" + re.escape(m["who"]), ctx.norm[base:a]))
    if fuller:
        # (the name after the words that set the body up or describe it: "设立…性质的政府发言人办公室")
        f = fuller[-1]
        cut = max((f.group().rfind(w) + len(w) for w in _SETTING_WORDS if w in f.group()), default=0)
        if f.end() - f.start() - cut > len(m["who"]):
            return (_lead_at(ctx, base + f.start() + cut, base + f.end()),)
    return (_lead_at(ctx, a, b),)


_SETTING_WORDS = (*SET_UP_WORDS, "的")


# the unit a lead-in speaks to before its counted parts ("同时对县道交专班指出:")
_ADDRESSED_BEFORE_RE = re.compile(r"对(?P<who>[^,。;:对]{2,20}?)(?:指出|提出|要求|强调)\s*:\s*$")


def _addressed_before(ctx: _Ctx, start: int, end: int) -> tuple[Owner, ...]:
    """The unit a lead-in ending at ``end`` speaks to ("…对县道交专班指出:"), as the lead of its parts.

    >>> t = "督导组同时对县道交专班指出:一是"
    >>> [o.name for o in _addressed_before(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 0, len(t) - 2)]
    ['县道交专班']
    """
    m = _ADDRESSED_BEFORE_RE.search(ctx.norm, start, end)
    if m is None or not (is_duty_holder(m["who"]) or m["who"].endswith(("专班", "小组"))):
        return ()
    return (_lead_at(ctx, *m.span("who")),)


_WHOLE_PLACE_RE = re.compile(r"全(?P<level>镇|乡|区|县|市|街道)")
_PLACE_REACH = 400


def _place_meant(ctx: _Ctx, at: int, subject: str) -> tuple[Owner, ...]:
    """The place a subject "全镇" (the whole town) stands for: the town the text named last before ``at``.

    >>> t = "近日,洼里镇传达区两会精神。全镇聚焦党建引领"
    >>> [o.name for o in _place_meant(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 14, "全镇")]
    ['洼里镇']
    """
    m = _WHOLE_PLACE_RE.fullmatch(subject)
    if m is None:
        return ()
    # (a name after a break or a stop, not a word's end: "洼里镇传达…", not "抓好今年镇域发展")
    named = list(
        re.finditer(
            r"(?:(?<=[,。;:!?\n])|^)[\u4e00-\u9fff]{2,3}" + m["level"] + r"(?!域|内|级|里)",
            ctx.norm[max(0, at - _PLACE_REACH) : at],
        )
    )
    if not named:
        return ()
    base = max(0, at - _PLACE_REACH)
    a, b = base + named[-1].start(), base + named[-1].end()
    return (
        (_lead_at(ctx, a, b),) if is_single_unit(ctx.norm[a:b]) or ctx.norm[a:b].endswith(m["level"]) else ()
    )


def _parallel_measures(ctx: _Ctx, items: list[_Item]) -> list[_Item]:
    """A news item's measures told as one sentence's parts, parted by ";" and each opening with the same
    word ("全镇聚焦党建引领,…;聚焦项目建设,…;聚焦产业振兴,…"): a measure each, the first from that word.

    >>> t = "全镇聚焦党建引领,推进创A;聚焦项目建设,助推落地;聚焦产业振兴,带动增收。"
    >>> c = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> item = _Item(start=0, end=len(t), heading="", section_path=(), id_parts=("p1",), in_task_section=False)
    >>> [t[i.start : i.end] for i in _parallel_measures(c, [item])]
    ['聚焦党建引领,推进创A;', '聚焦项目建设,助推落地;', '聚焦产业振兴,带动增收。']
    >>> t = "设立“海域管理统筹委员会”,委员会的职权包括:检视海域管理情况;推动开展研究;推动制定法规。"
    >>> c = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> item = _Item(start=0, end=len(t), heading="", section_path=(), id_parts=("p1",), in_task_section=False)
    >>> [(t[i.start : i.end], [o.name for o in i.section_owners]) for i in _parallel_measures(c, [item])][0]
    ('检视海域管理情况;', ['海域管理统筹委员会'])
    """
    out: list[_Item] = []
    for i in items:
        for sentence in re.finditer(r"[^。]+。?", ctx.norm[i.start : i.end]):
            a = i.start + sentence.start()
            parts = [(a + m.start(), a + m.end()) for m in re.finditer(r"[^;]+;?", sentence.group())]
            if len(parts) < _MIN_PARALLEL:
                continue
            word = ctx.norm[parts[1][0] : parts[1][0] + 2].strip()
            first = (
                ctx.norm.find(word, parts[0][0], min(parts[0][1], parts[0][0] + 8)) if len(word) == 2 else -1
            )
            counted = all(_COUNTED_PART_RE.match(ctx.norm, p[0]) for p in parts[1:])
            if counted:
                # "…对县道交专班指出:一是…;二是…": the counted parts after a lead-in speaking to a unit, or
                # naming the body whose duties they are ("办公室职责包括:(一)…;(二)…;(三)…")
                opener = "一是" if ctx.norm.startswith("二是", parts[1][0]) else "(一)"
                first = ctx.norm.find(opener, parts[0][0], parts[0][1])
                place = (
                    (_addressed_before(ctx, a, first) or _duties_before(ctx, a, first)) if first >= 0 else ()
                )
                if not place:
                    continue
            elif (colon := ctx.norm.find(":", parts[0][0], parts[0][1])) >= 0 and (
                listed := _duties_before(ctx, a, colon + 1)
            ):
                # "…委員會的職權包括:檢視海域管理情況;推動…;…": the powers of the body the lead-in names, uncounted
                first, place = colon + 1, listed
            elif first < 0 or not all(ctx.norm.startswith(word, p[0]) for p in parts[1:]):
                continue
            else:
                place = _place_meant(ctx, a, ctx.norm[a:first].strip())
            for b, e in [(first, parts[0][1]), *parts[1:]]:
                heading = ctx.text[b : b + _MAX_HEADING].strip()
                out.append(
                    replace(
                        i,
                        start=b,
                        end=e,
                        heading=heading,
                        id_parts=(str(len(out) + 1),),
                        in_task_section=True,
                        section_owners=place,
                    )
                )
    return out if len(out) >= _MIN_PARALLEL else []


def _listed_items(ctx: _Ctx, items: list[_Item], pattern: re.Pattern[str]) -> list[_Item]:
    """The items a reader of plans without structure takes as tasks, numbered in their order as a list's
    items are ("1", "2", …: a reviewer reads no "p3"), named without their bullet."""
    taken = (i for i in items if pattern.match(ctx.norm, i.start))
    return [
        replace(i, in_task_section=True, heading=i.heading.lstrip(_BULLET_MARKS), id_parts=(str(n),))
        for n, i in enumerate(taken, start=1)
    ]


# (and a leader's charge after hearing a report: "在听取完…汇报后,某某要求:…A、B等部门要分工协作")
# (and the demands a record counts, "一要积极准备…", "二要认真查找…", each an item of its own: ``charged_clauses``)
_DECIDED_RE = re.compile(
    r"\s*(?:会议(?:原则)?(?:同意|决定|议定|要求|明确|强调|确定)|[^。\n]{0,60}?要求\s*:|[一二三四五六七八九十]要)"
)


# a record's paragraph opened by who spoke ("会议强调,", "会议指出,", "关于…工作,余飞宇强调,"): each sentence in
# it that charges someone ("县统计局要紧盯…。", "要加强领导,…") is a decision of its own ("《总体方案》明确," is
# what a document says, no speaker)
# (a speaker is no clause charging someone itself: "各部门要认真按照…要求," opens a notice's instruction)
# (nor is the matter it speaks on: "关于农房建设质量安全鉴定相关工作,余飞宇强调,")
_RECORD_LEAD_RE = re.compile(
    r"\s*(?:关于[^。;:\n]{2,40}?,\s*)?(?:(?:会议最后|最后|会上|会议上)\s*,\s*)?(?:会议(?:指出|强调|要求|明确)|[^,。;:\n要《》]{2,40}?(?:指出|强调|要求|指示|裁示|说|表示))\s*(?:[,:]|(?=[一二三四五六七八九十][是要]))"
    # ("副局长蔡宇志强调一要树危机意识,加压力;二要…": the count right after the speaker's word)
    # "常务副区长李雷要求各街道各部门要落实好任务": the speaker and, with no stop, whom the charge speaks to
    r"|\s*[^,。;:\n要《》]{2,40}?要求(?=[^,。;:\n要]{2,20}要(?!求))"
    # ("要求一是要深入…;二是要…": the visit's demands, the speaker told the line before)
    r"|\s*要求\s*(?:[,:]|(?=[一二三四五六七八九十][是要]))"
)
# the speaker named in the paragraph after what was heard or praised ("…给予充分肯定。戴明指出,")
# ("…做了全面安排和部署,他指出," after a comma too; "会议明确,由马娜牵头…"; "冯耀黎说,各相关部门单位要…")
_SPEAKER_AFTER_RE = re.compile(
    # (";会议强调,…": a record telling the meeting's parts in one paragraph)
    r"(?:(?<=[。!?])\s*(?:会议|他|她|[\u4e00-\u9fff]{2,4})|(?<=;)\s*会议|(?<=,)\s*(?:他|她))(?:指出|强调|要求|明确|指示|说|表示)\s*[,:]"
    # "…给予充分肯定,并对下步民政工作提出了六点要求:一是…": the demands the speaker counts, wherever told
    # ("会上,…介绍了总体思路,县人大常委会主任要求各城建口单位要坚持…": the speaker, then whom the charge is to)
    r"|(?<=[,。])\s*[^,。;:\n要《》]{2,30}?要求(?=[^,。;:\n要]{2,20}要(?!求))"
    # ("…进行了安排布置,提出了具体要求。一是要…")
    r"|(?:提出|作出|讲了)了?(?:(?:以下|如下)?[一二三四五六七八九十两几\d]{1,2}(?:点|条|项)|具体|明确)(?:整改)?(?:要求|意见|希望)(?:建议)?"
    r"\s*[,:。]"
)
# measures or demands the speaker counts ("一是力度要更大。…二是…"): the record's items as counted, kept whole
_COUNTED_IN_RECORD_RE = re.compile(r"[一二三四五六七八九十][是要]")
# a sentence charging its subject, or the meeting's hearers ("要…"): 要 as a verb of duty, not inside
# 主要, 重要, 需要, 只要, 纲要, … nor 要求, 要点, 要素, …
_CHARGE_RE = re.compile(
    r"\s*(?P<who>(?:[^,。;:()“”\n]|\([^()\n]{1,8}\)){0,20}?)"
    # ("民政局党组务必高度重视": a charge as strong as 要)
    r"(?:(?<![主重需必首只紧次纲摘概提显险不])要(?!求|点|素|件|闻|害|务|是|么)|务必)"
)
_SENTENCE_END = "。;!?"
# a charge naming who leads it ("会议明确,由马娜牵头,区收储办…负责,及时收集…"), with no 要 in it
_LED_CHARGE_RE = re.compile(r"\s*(?P<who>)" + LED_BY)


def _record_charges(ctx: _Ctx, start: int, end: int, *, continued: bool = False) -> list[tuple[int, int]]:
    """The spans of a record paragraph's sentences that charge someone, each up to the next one; the
    paragraph's words before the speaker's (who spoke, why it matters) and before the first charge belong
    to none. The speaker may open the paragraph ("会议强调,") or a sentence in it ("…给予充分肯定。戴明指出,");
    a paragraph ``continued`` from a record paragraph above needs no speaker when it opens by charging a
    unit ("区商务局要集中精力…").

    A charge starts a sentence's first clause that charges ("…已经基本确定,要抓紧推进…"); a later clause of
    the same sentence only where it charges a unit ("…,各部门要主动配合").

    >>> t = "会议强调,县统计局要紧盯指标。各镇、各部门要压实责任,全力加快建设。"
    >>> c = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> [t[a:b] for a, b in _record_charges(c, 0, len(t))]
    ['县统计局要紧盯指标。', '各镇、各部门要压实责任,全力加快建设。']
    >>> t = "座谈会上,戴明对成绩给予肯定。戴明指出,今年是开局之年,区规划自然资源局要优化布局。"
    >>> [t[a:b] for a, b in _record_charges(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 0, len(t))]
    ['区规划自然资源局要优化布局。']
    >>> t = "会议指出,做好规划编制工作意义重大。"  # nobody charged
    >>> _record_charges(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 0, len(t))
    []
    >>> t = "区商务局要抓好服务业攻坚。"  # under a record paragraph
    >>> [t[a:b] for a, b in _record_charges(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 0, len(t), continued=True)]
    ['区商务局要抓好服务业攻坚。']
    """
    lead = (
        _RECORD_LEAD_RE.match(ctx.norm, start, end)
        or _SPEAKER_AFTER_RE.search(ctx.norm, start, end)
        or _INSTRUCTIONS_HEARD_RE.match(ctx.norm, start, end)
    )
    if lead is not None:
        begin = lead.end()
    elif continued and (m := _CHARGE_RE.match(ctx.norm, start, end)) is not None and _charges_unit(ctx, m):
        begin = start
    else:
        return _counted_after_meeting(ctx, start, end)
    if _COUNTED_IN_RECORD_RE.match(ctx.norm, begin, end):
        return _counted_parts(ctx, begin, end)
    if parts := _led_into_count(ctx, begin, end):
        return parts
    if (
        lead is not None
        and _INSTRUCTED_RE.search(lead.group())
        and (listed := _listed_instructions(ctx, begin, end))
    ):
        return listed
    starts: list[int] = []
    charged = False  # whether the sentence so far has charged someone
    sentence = begin
    for at in _clause_starts(ctx.norm, begin, end, _CLAUSE_BREAK_RE):
        if at == begin or ctx.norm[at - 1] in _SENTENCE_END:
            charged, sentence = False, at
        m = _CHARGE_RE.match(ctx.norm, at, end) or _LED_CHARGE_RE.match(ctx.norm, at, end)
        if m is not None and (not charged or _charges_unit(ctx, m)):
            first = at + len(m.group()) - len(m.group().lstrip())
            if not charged and not m.group("who").strip() and sentence < at:
                # a sentence's first charge naming no one takes the words before it ("推动全市商务工作高质量
                # 发展,要在工作中落实…": what the charge is for)
                first = sentence
                while first < at and ctx.norm[first].isspace():
                    first += 1
            starts.append(first)
            charged = True
    return list(zip(starts, [*starts[1:], end], strict=False))


# the speaker's counted demands run on in one paragraph ("提出三点要求:一是提高站位,统一思想。各乡镇…。二是…"):
# each a decision (CONVENTIONS, round 12: each 一要… directive and each 一是… measure is a task)
_RUN_ON_PART_RE = re.compile(r"(?<=[。;!?])\s*[二三四五六七八九十][是要]")
_FIRST_COUNTED_RE = re.compile(r"(?<=[。:;!?])\s*一[是要]")


# a meeting the paragraph tells of, before the parts it counts ("县农业农村局组织召开党组会议…,做好“三农”工作。一是…")
_MEETING_HELD_RE = re.compile(r"召开[^。]{0,40}?(?:会议|大会|座谈会|推进会|部署会|调度会)")


def _counted_after_meeting(ctx: _Ctx, start: int, end: int) -> list[tuple[int, int]]:
    """The parts a paragraph counts after telling of the meeting that set them, with no speaker between
    ("…组织召开党组会议和全体干部职工大会,…谋划2022年重点工作…。一是扛稳粮食安全重任。…二是…"): each a decision.

    >>> t = "县农业局召开党组会议,谋划重点工作。一是扛稳粮食安全。新建农田。二是抓好特色产业。"
    >>> [t[a:b] for a, b in _counted_after_meeting(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 0, len(t))]
    ['一是扛稳粮食安全。新建农田。', '二是抓好特色产业。']
    """
    counted = _FIRST_COUNTED_RE.search(ctx.norm, start, end)
    if counted is None or _MEETING_HELD_RE.search(ctx.norm, start, counted.start()) is None:
        return []
    return _counted_parts(ctx, counted.end() - 2, end)


def _led_into_count(ctx: _Ctx, begin: int, end: int) -> list[tuple[int, int]]:
    """The counted parts after the words leading into them ("张文副局长强调,…各县(市、区)务必高度重视,要抓细抓实
    各项工作。一是…二是…": those words' subject leads the parts, ``_record_decisions``); the leading words
    too where they address units by name ("会议强调,各行政村(社区)、镇直各单位,高度重视…。一要…": a charge of
    their own). None where no count follows, or it does not go on and nobody is addressed.

    >>> t = "会议强调,各村、镇直各单位,高度重视安全生产。一要加强领导。"
    >>> [t[a:b] for a, b in _led_into_count(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 5, len(t))]
    ['各村、镇直各单位,高度重视安全生产。', '一要加强领导。']
    """
    counted = _FIRST_COUNTED_RE.search(ctx.norm, begin, end)
    if counted is None:
        return []
    at = counted.end() - 2
    parts = _counted_parts(ctx, at, end)
    if addressed_units(ctx.norm, begin, at, original=ctx.text):
        return [(begin, at), *(parts or [(at, end)])]
    return parts


def _counted_parts(ctx: _Ctx, begin: int, end: int) -> list[tuple[int, int]]:
    """The speaker's counted demands told in one paragraph, a span each from its 一是 / 二是; none (the
    paragraph kept whole, its parts read as the record's counted items) where the count does not go on in it.

    >>> t = "赵县长提出三点要求:一是提高站位。各乡镇要提升站位。二是密切配合。三是严格督查。"
    >>> [t[a:b] for a, b in _counted_parts(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 10, len(t))]
    ['一是提高站位。各乡镇要提升站位。', '二是密切配合。', '三是严格督查。']
    """
    starts = [begin, *(m.end() - 2 for m in _RUN_ON_PART_RE.finditer(ctx.norm, begin, end))]
    return list(zip(starts, [*starts[1:], end], strict=False)) if len(starts) > 1 else []


# a chair's instructions listed in one sentence, parted by semicolons ("縣長李炷烽指示,…相關單位應多加宣導;資源
# 要愛惜使用;…應改善;…應嚴予規劃等。"): each part is a decision, with or without 要 or 应 in it
_INSTRUCTED_RE = re.compile(r"(?:指示|裁示|指裁示|事项,?包括)\s*[,:]$")
# the report of the last meeting's instructions ("會中,研考室也報告上次會議主席指裁示事項,包括:")
_INSTRUCTIONS_HEARD_RE = re.compile(r"[^。]{0,60}?(?:指示|裁示|指裁示)事项,?包括\s*:")
_MIN_LISTED = 3
_MIN_INSTRUCTION = 4


def _listed_instructions(ctx: _Ctx, begin: int, end: int) -> list[tuple[int, int]]:
    """The parts of the sentence after a chair's 指示, when it lists three or more parted by ";", each
    part a span; none when the sentence lists fewer.

    >>> t = "县长指示,夏天到,相关单位应多加宣导;资源要爱惜使用;菜市场很脏乱,应改善。另外…"
    >>> [t[a:b] for a, b in _listed_instructions(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 5, len(t))]
    ['夏天到,相关单位应多加宣导;', '资源要爱惜使用;', '菜市场很脏乱,应改善。']
    """
    stop = ctx.norm.find("。", begin, end)
    stop = end if stop < 0 else stop + 1
    if ctx.norm.count(";", begin, stop) + 1 < _MIN_LISTED:
        return []
    parts: list[tuple[int, int]] = []
    at = begin
    for m in re.finditer(r";", ctx.norm[begin:stop]):
        parts.append((at, begin + m.end()))
        at = begin + m.end()
    parts.append((at, stop))
    return [(a, b) for a, b in parts if b - a >= _MIN_INSTRUCTION]


_CLAUSE_BREAK_RE = re.compile(r"[。;!?,]")
# what a unit opening a clause of an instruction is told it should, may or is to do next
_OUGHT = ("应", "应当", "可", "再", "须", "即", "要")


def _clause_subject(ctx: _Ctx, start: int, end: int) -> list[Owner]:
    """The unit a clause of a decision opens with, before 应/可/再 ("警政預算,警察局再向警政署強烈要求…",
    "教育局可配合教師節活動…"), when no clause names one before 要.

    >>> t = "警政预算,警察局再向警政署强烈要求补助;"
    >>> [o.name for o in _clause_subject(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 0, len(t))]
    ['警察局']
    """
    for at in _clause_starts(ctx.norm, start, end, _CLAUSE_BREAK_RE):
        unit_end = _opening_unit(ctx.norm, at, end)
        if unit_end and ctx.norm.startswith(_OUGHT, unit_end) and _strict_enough(ctx.norm[at:unit_end]):
            return [_lead_at(ctx, at, unit_end)]
    return []


def _strict_enough(name: str) -> bool:
    """A name that is a unit however short it is written ("警察局", "教育局"), not a post or a group."""
    return name.endswith(STRONG_ENDINGS) and not is_group(name)


_CLAUSE_OR_COLON_RE = re.compile(r"[。;!?,:]")  # a decision kept whole: "…周建平要求:要抓住…" too


def _clause_starts(norm: str, start: int, end: int, breaks: re.Pattern[str]) -> list[int]:
    """Where the clauses of ``norm[start:end]`` start: ``start``, and after each break (one scan)."""
    return [start, *(m.end() for m in breaks.finditer(norm, start, end) if m.end() < end)]


def _charges_unit(ctx: _Ctx, m: re.Match[str]) -> bool:
    """Whether a clause's subject before 要 names units ("各部门要主动配合"), not a clause's own words."""
    return bool(m.group("who")) and bool(subject_owners(ctx.norm, m.start("who"), m.end(), original=ctx.text))


def _charged_units(ctx: _Ctx, start: int, end: int) -> list[Owner]:
    """The units a decision kept whole charges in its clauses ("在听取完…汇报后,周建平要求:要抓住…,A、B、C等部门
    要分工协作,…"): each leads.

    >>> t = "在听取汇报后,周建平要求:要抓住机遇,县住建局、县水务局等部门要分工协作,全力做好项目包装。"
    >>> [(o.name, o.role) for o in _charged_units(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), 0, len(t))]
    [('县住建局', 'lead'), ('县水务局', 'lead')]
    """
    return [
        o
        for at in _clause_starts(ctx.norm, start, end, _CLAUSE_OR_COLON_RE)
        for o in subject_owners(ctx.norm, at, end, original=ctx.text)
    ]


# a leader's visit to a unit the news opens with ("县长彭鉴到县民政局调研指导民政工作"): the demands made there
# are the visited unit's (CONVENTIONS, round 18)
# ("区安委办负责人一行赴广兴洲镇开展安全生产大检查,重点督导该镇…": a town visited to inspect it)
_VISIT_RE = re.compile(
    r"(?:到|赴|深入)(?P<who>[^,。;:、“”()\s]{2,20}?)(?:调研|视察|督导|走访|检查指导|开展[^,。;:]{0,12}?(?:大检查|督查|督导))"
)
_VISIT_HEAD = 300
# a unit's own meeting named in the record's title line ("区招商促进中心召开阶段性工作调度会", "市商务委主任办公会议
# 研究…", "召开市生态环境局局长办公会议"): the charges made there are the unit's own work
_OWN_MEETING_RE = re.compile(
    r"(?m)(?:^[ \t]*(?:[^,。;:\n]{2,16}日[上下]?午?,?|近日,|日前,)?|(?<=日,)|(?<=[上下]午,))"
    # ("大明宫街道7月24日召开…": the day between the unit and its meeting)
    r"(?:召开了?)?(?P<who>[^,。;:、“”()\s]{2,20}?)(?:\d{1,2}月\d{1,2}日)?(?:组织)?(?:在[^,。;:\s]{2,12}?)?(?:(?P<held>召开)(?!全)|(?:主任|局长|党组|局务|委务|办公)(?:办公)?会议?)"
)
# (and the body an inspection's findings are told to, at the feedback meeting: "市委第三巡察组向市政府办公室党组反馈了
# 巡察情况", "县委各巡察组分别到被巡察党组织开展了巡察情况反馈": the 整改 demands made there are its own)
_FEEDBACK_RE = re.compile(
    r"(?:向|到)(?P<who>[^,。;:、“”()\s]{2,20}?)(?:开展了?)?(?:集中)?"
    r"(?:反馈了?(?:巡察|巡视|督查|审计|检查)|(?:巡察|巡视)(?:情况)?反馈)"
    # ("县委第五巡察组巡察县民政局党组情况反馈会召开": the meeting named by whom it inspected)
    r"|(?<=组)(?:巡察|巡视)(?P<seen>[^,。;:、“”()\s]{2,20}?)(?:情况)?反馈会"
)
# (and the meeting of the system it heads: "市水利局召开全市水利系统水旱灾害防御工作会议", "市商务局组织召开全市
# 商务经济重点工作座谈会": its own field's meeting)
_SYSTEM_MEETING_RE = re.compile(
    r"(?P<who>[^,。;:、“”()\s]{2,20}?)(?:组织)?召开(?:了)?全(?:省|市|县|区)"
    r"(?:(?P<field>[\u4e00-\u9fff]{2,8}?)系统|(?P<own>[\u4e00-\u9fff]{2}))"
)
# (a meeting it convenes is its own when its staff is who attends: "中心全体干部职工参加会议")
# ("…对我局的工作进行了部署": the unit's own work)
# ("局市容科、宣教科…主要负责同志…参加", "要求各科室、直属机构…": its own offices)
_OWN_STAFF_RE = re.compile(
    r"全体(?:干部|职工|工作人员|干部职工)|对我局的?工作|局机关各|各(?:科室|股室|处室)|局[\u4e00-\u9fff]{2,4}科、"
)
# (a government's or a place's meeting, "县政府召开常务会议", "园区召开…推进会" (a 区), is held for others: no owner)
_CONVENERS_FOR_OTHERS = ("政府", "党委", "县委", "市委", "区委", "县", "市", "区")
_INTERNAL_MEETING_RE = re.compile(
    r"召开[^,。;]{0,20}?(?:领导班子|班子|党组|党工委|局务|委务|主任办公)(?:\(?扩大\)?)?会议"
)
# (a 领导小组's plenary named by the group, "县委统战工作领导小组2023年第一次全体会议召开")
_GROUP_MEETING_RE = re.compile(
    r"(?P<who>[^,。;:、“”()\s]{2,20}?领导小组)[^,。;:\s]{0,12}?全体(?:成员)?会议(?:在[^,。;:]{2,12})?(?P<held>召开)?"
)
# (a town's meeting, of its own cadres, and a 党组's are the convener's own work: CONVENTIONS, round 19; and a
# 领导小组's, of its own members: round 20)
_OWN_CONVENERS = ("镇", "乡", "街道", "党组", "领导小组")


def _host_unit(ctx: _Ctx, items: list[_Item]) -> tuple[Owner, ...]:
    """The unit whose work a record's charges are when they name no one: the unit its speaker visited, or the
    one holding its own meeting (its system's, a town's, a 党组's, its leaders'), the one an inspection reports
    to; none for a meeting held for others (layouts: ``test_owners.py``).

    >>> t = "12月5日,县长彭鉴到县民政局调研指导民政工作,提出要求:一是梳理。"
    >>> i = _Item(start=0, end=len(t), heading="", section_path=(), id_parts=("p1",), in_task_section=False)
    >>> [o.name for o in _host_unit(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), [i])]
    ['县民政局']
    >>> t = "区招商促进中心召开阶段性工作调度会\\n中心全体干部职工参加会议。会议指出,要统一思想。"
    >>> i = _Item(start=18, end=len(t), heading="", section_path=(), id_parts=("p1",), in_task_section=False)
    >>> [o.name for o in _host_unit(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), [i])]
    ['区招商促进中心']
    >>> t = "3月1日,县政府召开常务会议。会议要求,要抓好春耕。"  # held for others: no owner
    >>> i = _Item(start=15, end=len(t), heading="", section_path=(), id_parts=("p1",), in_task_section=False)
    >>> _host_unit(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), [i])
    ()
    """
    if not items:
        return ()
    head = max(0, items[0].start - _VISIT_HEAD)
    m = _VISIT_RE.search(ctx.norm, items[0].start, min(items[0].end, items[0].start + _VISIT_HEAD))
    if m is None or not (is_single_unit(m["who"]) or _town_name(m["who"])):
        m = _FEEDBACK_RE.search(ctx.norm, head, items[0].start + _VISIT_HEAD)
        seen = "who" if m is None or m["who"] else "seen"
        if m is not None and (is_single_unit(m[seen]) or m[seen].endswith("党组织")):
            return (_lead_at(ctx, *m.span(seen)),)
        m = _SYSTEM_MEETING_RE.search(ctx.norm, head, items[0].start + _VISIT_HEAD)
        if m is not None and (m["field"] or m["own"]) in m["who"]:
            return (_lead_at(ctx, *m.span("who")),) if is_single_unit(m["who"]) else ()
        m = _GROUP_MEETING_RE.search(ctx.norm, head, items[0].start + _VISIT_HEAD) or _OWN_MEETING_RE.search(
            ctx.norm, head, items[0].start + _VISIT_HEAD
        )
        # (a town's or a 党组's meeting is its own, "马栏镇组织召开镇村干部会议", "市政府机关党组召开会议", and so is a
        # body's meeting of its leaders, "高新区召开党工委、管委会领导班子会议")
        own = m is not None and (
            m["who"].endswith(_OWN_CONVENERS) or _INTERNAL_MEETING_RE.match(ctx.norm, m.end() - 2) is not None
        )
        if (
            m is not None
            and not own
            and (
                m["who"].endswith(_CONVENERS_FOR_OTHERS)
                or (m["held"] and not _OWN_STAFF_RE.search(ctx.norm, head, items[0].start + 2 * _VISIT_HEAD))
            )
        ):
            return ()
    if m is None or not (is_single_unit(m["who"]) or _town_name(m["who"])):
        return ()
    return (_lead_at(ctx, *m.span("who")),)


_MAX_TOWN = 8


def _town_name(name: str) -> bool:
    """A town's or a street's name standing alone ("马栏镇", "两罾乡", "蜀山街道"), as its own meeting names it."""
    return (
        len(name) <= _MAX_TOWN
        and name.endswith(("镇", "乡", "街道"))
        and not is_group(name)
        and "、" not in name
    )


def _record_decisions(ctx: _Ctx, items: list[_Item]) -> list[_Item]:
    """A meeting record's decisions: each "会议同意…" (``_DECIDED_RE``) paragraph, and in a paragraph opened by
    who spoke each sentence that charges someone (``_record_charges``), the unit it charges its lead (naming
    none, the unit whose work the record is: ``_host_unit``)."""
    out: list[_Item] = []
    host = _host_unit(ctx, items)
    continued = False  # the paragraph above charged someone: this one may go on with the speaker's words
    addressed: tuple[Owner, ...] = ()  # the units a lead-in named, for the count it leads into
    for i in items:
        spans = _titled_charges(ctx, _record_charges(ctx, i.start, i.end, continued=continued))
        continued = bool(spans)
        whole = not spans and _DECIDED_RE.match(ctx.norm, i.start) is not None
        if whole:
            spans = [(i.start, i.end)]
        carried: list[Owner] = []  # the subject a clause after ";" goes on with ("A要…;要在年底…")
        # (the subject the words leading into counted parts charge: "…各县(市、区)务必高度重视,要…。一是…")
        lead_in = (
            tuple(_clause_subjects(ctx, (i.start, spans[0][0])))
            if spans and _COUNTED_IN_RECORD_RE.match(ctx.norm, spans[0][0])
            else ()
        )
        if len(spans) > 1 and not lead_in and _COUNTED_IN_RECORD_RE.match(ctx.norm, spans[1][0]):
            # (the units a lead-in charge addresses by name, or charges as its subject in the speaker's first
            # words, "…强调,全县组织系统务必…。", lead the counted parts after it, in the paragraphs the count
            # goes on in too)
            lead_in = addressed = tuple(
                addressed_units(ctx.norm, spans[0][0], spans[0][1], original=ctx.text)
                or (
                    subject_owners(ctx.norm, spans[0][0], spans[0][1], original=ctx.text)
                    if "。" not in ctx.norm[i.start : spans[0][0]]
                    else ()
                )
            )
        elif spans and _COUNTED_IN_RECORD_RE.match(ctx.norm, spans[0][0]):
            # (a lead-in's subject leads the count in the paragraphs it goes on in too: "…强调,全县组织系统
            # 务必…。一要…;" + "二要…;")
            lead_in = addressed = lead_in or addressed
        else:
            addressed = ()
        for a, written_end in spans:
            b = a + len(ctx.norm[a:written_end].rstrip())
            heading, _ = split_heading(ctx.norm[a:b])
            subject = (
                subject_owners(ctx.norm, a, b, original=ctx.text)
                # ("…周建平要求:要抓住…,A、B、C等部门要…": the units a charge opening with 要 names later)
                or (_charged_units(ctx, a, b) if whole or ctx.norm.startswith("要", a) else [])
                or (_demanded_of(ctx, (a, b)) if _CHARGE_TITLE_RE.match(ctx.norm, a, b) else [])
                or _clause_subject(ctx, a, b)
                # ("三是做好绿色社区创建,各县(市、区)住建局要…": a counted part naming its own unit)
                or (_clause_subjects(ctx, (a, b)) if lead_in else [])
            )
            if not subject and carried and ctx.norm.startswith("要", a):
                subject = carried  # (only the clause just before, ended by ";", leaves a subject carried)
            carried = subject if ctx.norm[a:b].endswith(";") else []
            out.append(
                replace(
                    i,
                    start=a,
                    end=b,
                    heading=ctx.text[a : a + len(heading[:_MAX_HEADING])],
                    id_parts=(str(len(out) + 1),),
                    in_task_section=True,
                    section_owners=tuple(subject) or i.section_owners or lead_in or host,
                )
            )
    return out


# a speaker's charge named in a short sentence of its own ("要严格台账资料收集节点。", "二是要严把责任关。"):
# the sentences after it, up to the next such, say how and by whom
_SPOKEN_RE = re.compile(r"(?:指出|强调|要求|明确|指示|说)\s*[,:]")
# ("一方面要高度重视,精心组织。": the side of the work it opens, a title of two short clauses)
_CHARGE_TITLE_RE = re.compile(
    r"\s*(?:[一二三四五六七八九十]是)?要[^。,;:]{2,20}。|\s*(?:另)?一方面\s*,?\s*要[^。,;:]{2,10},[^。,;:]{2,10}。"
)
_CLAUSE_TITLE_RE = re.compile(r"\s*要[^。,;:]{2,12},\s*")


def _titled_charges(ctx: _Ctx, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A record's charges with each one named by a short sentence of its own taking the ones after it
    that are not so named ("要把握市级验收启动节点。" + "市级验收责任单位要迅速组建验收专班…"): one task.

    >>> t = "要把握验收节点。市级验收责任单位要组建专班。要确保完成节点。验收单位要按时完成。"
    >>> c = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> [t[a:b] for a, b in _titled_charges(c, [(0, 8), (8, 22), (22, 30), (30, len(t))])]
    ['要把握验收节点。市级验收责任单位要组建专班。', '要确保完成节点。验收单位要按时完成。']
    >>> t = "一是要直面问题。对辖区企业走访。二是深入挖掘。"
    >>> [t[a:b] for a, b in _titled_charges(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), [(0, 16), (16, len(t))])]
    ['一是要直面问题。对辖区企业走访。', '二是深入挖掘。']
    """
    out: list[tuple[int, int]] = []
    titled = False  # the charge being extended opened with its short title
    clause_titled = False  # the charge before is a clause alone, titling the unit's charge after it
    for a, b in spans:
        title = _CHARGE_TITLE_RE.match(ctx.norm, a, b) is not None
        # (a charge a speaker introduces anew, "…来抓。他强调,各级各部门要…", is a charge of its own)
        spoken = out and _SPOKEN_RE.search(ctx.norm, out[-1][0], a) is not None
        # (nor is a demand the speaker counts: "一是要直面问题。…二是深入挖掘。…" are two)
        counted = _COUNTED_IN_RECORD_RE.match(ctx.norm, a) is not None
        if out and (titled or clause_titled) and not title and not spoken and not counted:
            out[-1] = (out[-1][0], b)
            clause_titled = False
            continue
        out.append((a, b))
        titled = title
        # (the clause alone before a unit's charge in its sentence, "要加强组织领导," + "领导小组和办公室要…":
        # that charge's title)
        clause_titled = _CLAUSE_TITLE_RE.fullmatch(ctx.norm, a, b) is not None
    return out


# a bulleted line ("- 继续协助…", "• 建立…"): a measure of a list under a plain heading
# (a page's metadata as a bulleted list, "- 索引号:…", "- 成文日期:2023-02-10", is no measure, nor its
# menu, "• 设为首页", "• 无障碍阅读": a measure is a clause of ten characters or more)
_BULLET_ITEM_RE = re.compile(r"[-•●▪◆■]\s+(?![^,。;:\n]{1,12}:)(?![\d/\-年月日 ]+$)[^\n]{10}", re.MULTILINE)
_MIN_BULLETS = 2
_COUNTED_LINE_RE = re.compile(r"\s*[一二三四五六七八九十]是[^\n]{4}")
_BULLET_MARKS = "-•●▪◆■ \t"  # what a bulleted task's name is read without

# a reply's commitment to what comes next ("下一步,我厅将与商务部紧密对接…", "今后,我委还将…", "下一步,省开发区
# 工作领导小组办公室将…"): who will act, the replier itself ("我厅") or a body it names
_NEXT_STEP_RE = re.compile(
    r"(?:下一步|下步|今后|下阶段)\s*,\s*(?P<who>我(?:局|厅|委|办|部|院|会)|[^,。;:“”()]{2,30}?)(?:还|也|将继续)?将"
)
# (or as a page garbles it, "2021716日")
_SIGNED_DATE_RE = re.compile(
    r"\s*(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年[^。,]{1,8}|(?:19|20)\d{3,5})日\s*"
)


def _signer(ctx: _Ctx, block: PlanBlock) -> Owner | None:
    """The body that signs a letter: a line that is one unit's name, followed by the date line."""
    for date, line in pairwise(reversed(block.paras)):
        written = ctx.norm[line.start : line.end]
        if _SIGNED_DATE_RE.fullmatch(ctx.norm, date.start, date.end) and is_single_unit(written.strip()):
            a = line.start + len(written) - len(written.lstrip())
            b = line.start + len(written.rstrip())
            return _lead_at(ctx, a, b)
    return None


def _commitments(
    ctx: _Ctx,
    block: PlanBlock,
    items: list[_Item],
    targets: list[Target],
    *,
    years: tuple[int | None, int | None],
) -> tuple[Task, ...]:
    """A reply with no task of its own (to a 人大建议 or 政协提案, a department's 答复): what it commits to do
    next is its task, owned by the body it names or, for "我厅", by the body that signs it."""
    said = [(i, m) for i in items if (m := _NEXT_STEP_RE.search(ctx.norm, i.start, i.end)) is not None]
    if not said:
        return _promised(ctx, block, items, targets, years=years)
    signer = _signer(ctx, block)
    owners: dict[int, Owner] = {}
    for i, m in said:
        who = m["who"]
        if who.startswith("我") and signer is not None:
            owners[i.start] = signer
        elif is_single_unit(who):
            a, b = m.span("who")
            owners[i.start] = _lead_at(ctx, a, b)
    picked = [replace(i, in_task_section=True, id_parts=(str(n),)) for n, (i, _) in enumerate(said, start=1)]
    tasks = _tasks(ctx, picked, targets, years=years)
    return tuple(_owned(t, (owners[t.span[0]],)) if t.span[0] in owners else t for t in tasks)


# a reply's sentence promising work ("兴庆区计划投入1.18亿元…", "…将对小区做…改造"), not what is done or known
_PROMISE_RE = re.compile(r"计划|(?<![即必])将(?!军|来)|拟|力争|争取")
_MAX_PROMISES = 6
# what a reply says to the deputy, not what it promises: its title, the suggestion received, thanks, hopes
_REPLY_TALK_RE = re.compile(r"答复|复函|您提出|收悉|感谢|希望|建议》|的建议”")


def _promised(
    ctx: _Ctx,
    block: PlanBlock,
    items: list[_Item],
    targets: list[Target],
    *,
    years: tuple[int | None, int | None],
) -> tuple[Task, ...]:
    """A reply to a suggestion that promises without a "下一步" ("…计划投入1.18亿元…。其中…将对小区做…"): each
    sentence of its body saying what is planned is a task of the replying body."""
    replier = _replier(ctx, block)
    if replier is None:
        return ()
    picked: list[_Item] = []
    for i in items:
        # (a ";" parts promises about different works: "…教学综合楼…适时启动项目建设;男生宿舍…我局将…;运动场…")
        for m in re.finditer(r"[^。;]+[。;]?", ctx.norm[i.start : i.end]):
            a, b = i.start + m.start(), i.start + m.end()
            said = ctx.norm[a:b]
            if _PROMISE_RE.search(said) and not _REPLY_TALK_RE.search(said):
                lead = len(said) - len(said.lstrip())
                heading = ctx.text[a + lead : a + lead + _MAX_HEADING].strip()
                picked.append(replace(i, start=a + lead, end=b, heading=heading, in_task_section=True,
                                      id_parts=(str(len(picked) + 1),)))  # fmt: skip
    if not picked or len(picked) > _MAX_PROMISES:
        return ()
    return tuple(
        _owned(t, _body_owners(ctx, t.span, replier)) for t in _tasks(ctx, picked, targets, years=years)
    )


# the line an approval or a reply is addressed by ("四川省人民政府:", "省发展改革委:"), and the clauses that
# speak to it ("由你省自筹解决", "望你市引导开发区…")
_ADDRESSEE_RE = re.compile(r"\s*(?P<who>[^,。;:()\s]{2,30})\s*:\s*")
_YOU_RE = re.compile(r"你(?:省|市|区|县|州|盟|旗|委|厅|局|办|们)")
# a clause granting what was asked ("一、同意…", "国务院同意…", "原则同意…")
_GRANT_RE = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}[、.]\s*)?(?:[^,。;:\s]{0,6}?(?:院|政府|委|厅|部))?(?:原则)?同意"
)
_ADDRESSEE_REACH = 6  # the addressee stands within the first paragraphs, after the title and 文号


def _addressee_line(ctx: _Ctx, block: PlanBlock) -> Owner | None:
    """The single unit a plan is addressed to, from a paragraph that is only its name and a colon."""
    for p in block.paras[:_ADDRESSEE_REACH]:
        m = _ADDRESSEE_RE.fullmatch(ctx.norm, p.start, p.end)
        if m is not None and is_single_unit(m["who"]):
            a, b = m.span("who")
            return _lead_at(ctx, a, b)
    return None


# a page listing one body's duties ("增城经济技术开发区园区发展局机构职能", "XX局主要职责"): the body does each
_DUTIES_RE = re.compile(r"\s*(?P<who>[^,。;:()\s]{2,40}?)(?:的)?(?:主要|机构)?(?:职能|职责)(?:配置)?\s*")


# a section listing what one body does ("二、專案辦公室辦理事項如下:", "(三)管委会主要职责"): the body does each
_SECTION_DUTIES_RE = re.compile(
    # a short label may stand before the body ("二、任務:花蓮縣災害應變中心之任務如下:")
    r"(?:[^,。;:()\s]{2,4}:\s*)?(?P<who>[^,。;:()\s]{2,30}?)(?:" + ALIAS_NOTE + r")?(?:的|之)?"
    r"(?:办理|负责|承担|主要|掌理)?(?:下列)?(?:事项|职责|职能|职掌|任务)"
    r"(?:如下)?\s*:?\s*"
)


@lru_cache(maxsize=512)  # a section's items ask for the same title, one after another
def _section_duties(label: str) -> tuple[Owner, ...]:
    """The body a section's title says the items under it are the duties of, or none."""
    said = normalise(label)
    mark = heading_mark(said)
    m = _SECTION_DUTIES_RE.fullmatch(said, mark.content_start if mark is not None else 0)
    if m is None or not is_single_unit(m["who"]):
        return ()
    a, b = m.span("who")  # (normalising keeps the offsets: the name as the title writes it)
    return (Owner(name=clean_name(label[a:b]), role="lead", group=False, span=(0, 0)),)


def _intro_charge(ctx: _Ctx, p: Para) -> tuple[Owner, ...]:
    """The units a section's opening paragraph charges ("三、工作要求" / "各环保所要汇报所在办事处,…" /
    "(一)建立台账。…"): they lead the items under it that name no one.

    >>> t = "各环保所要汇报所在办事处,组织开展排查。"
    >>> [o.name for o in _intro_charge(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), Para(start=0, end=len(t), kind="body"))]
    ['各环保所']
    >>> t = "要高度重视,科学安排。"
    >>> _intro_charge(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), Para(start=0, end=len(t), kind="body"))
    ()
    """
    if p.kind != "body" or p.mark is not None:
        return ()
    m = _CHARGE_RE.match(ctx.norm, p.start, p.end)
    if m is None or not m.group("who").strip():
        return ()
    return tuple(subject_owners(ctx.norm, m.start("who"), m.end(), original=ctx.text))


def _list_opener(ctx: _Ctx, p: Para) -> tuple[Owner, ...]:
    """The body whose duties the list after line ``p`` is, when the line opens that list by naming it: a
    heading ("二、屏東縣災害應變中心(以下簡稱本中心)之任務如下:") or an article's first line ("第 6 條" /
    "綜合規劃司掌理事項如下:" / "一、…"); none for a heading naming a matter ("二、依法全面履行政府职能").

    >>> t = "第6条\\n综合规划司掌理事项如下:\\n一、劳动政策之研究。\\n二、依法全面履行政府职能"
    >>> c, ps = _Ctx(text=t, norm=t, rows=RowIndex.of(t)), paragraphs(t)
    >>> [o.name for o in _list_opener(c, ps[1])], _list_opener(c, ps[3])
    (['综合规划司'], ())
    >>> t = "二、屏东县灾害应变中心(以下简称本中心)之任务如下:"
    >>> [o.name for o in _list_opener(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), paragraphs(t)[0])]
    ['屏东县灾害应变中心']
    >>> t = "二、任务:花莲县灾害应变中心(以下简称本中心)之任务如下:"
    >>> [o.name for o in _list_opener(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), paragraphs(t)[0])]
    ['花莲县灾害应变中心']
    """
    start = p.start + (p.mark.content_start if p.mark is not None else 0)
    if not ctx.norm[start : p.end].rstrip().endswith((":", "如下")):
        return ()
    m = _SECTION_DUTIES_RE.fullmatch(ctx.norm, start, p.end)
    if m is not None and is_duty_holder(m["who"]):
        return (_lead_at(ctx, *m.span("who")),)
    if _DUTIES_FOLLOW_RE.search(ctx.norm, start, p.end) is None:
        return _defined_tasks_follow(ctx, start, p.end)
    # "第三条 区工业信息化和科技局贯彻落实…。主要职责是:": the body the article opens with, or the short name
    # the document gave it ("本會為…組織,其任務如下:", read under its full name by ``_defined_owners``)
    end = _opening_unit(ctx.norm, start, p.end) or next(
        (start + len(short) for short in ctx.defined if ctx.norm.startswith(short, start)), 0
    )
    return (_lead_at(ctx, start, end),) if end else ()


# the last sentence of a paragraph opening a body's list of tasks by the short name the paragraph gave it
# ("…設屏東縣政府災害防救辦公室(以下簡稱本府災防辦)…。本府災防辦所執行任務包含…共計19項,陳述如下:")
_TASKS_LISTED_RE = re.compile(
    r"所?(?:执行|办理|负责)?的?(?:任务|职责|工作|事项)(?:包含|包括|如下)[^。]*[:]\s*$"
)


def _defined_tasks_follow(ctx: _Ctx, start: int, end: int) -> tuple[Owner, ...]:
    """The body whose tasks the list after a paragraph are, when its last sentence opens with the short name
    the document defined and says its tasks follow; none else.

    >>> t = "本府为办理防救业务,设屏东县政府灾害防救办公室(以下简称本府灾防办)。本府灾防办所执行任务包含下列事项,陈述如下:"
    >>> c = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> [o.name for o in _defined_tasks_follow(c, 0, len(t))]
    ['屏东县政府灾害防救办公室']
    """
    last = ctx.norm.rfind("。", start, end) + 1 or start
    short = next((n for n in ctx.defined if ctx.norm.startswith(n, last)), None)
    if short is None or _TASKS_LISTED_RE.search(ctx.norm, last + len(short), end) is None:
        return ()
    return (_lead_at(ctx, *ctx.defined[short]),)


# the end of an article opening a body's list of duties (三定: "…。主要职责是:")
# (or of a body's tasks: "本會為社區營造推動與諮詢審議組織,其任務如下:")
_DUTIES_FOLLOW_RE = re.compile(r"(?:(?:主要|基本)?(?:职责|职能)|其(?:主要)?任务)(?:是|为|如下)?\s*:\s*$")
_UNIT_END_RE = re.compile(r"局|委员会|委|办公室|办|厅|中心|管委会|部|署|处|会|院|所|站")
_MAX_OPENING_UNIT = 30


def _opening_unit(norm: str, start: int, end: int) -> int:
    """Where the unit a sentence opens with ends ("区工业信息化和科技局贯彻落实…" → after 局), or 0: the
    longest opening of its first clause that is one unit's name.

    >>> t = "区工业信息化和科技局贯彻落实党中央、省委关于…的方针政策。主要职责是:"
    >>> t[: _opening_unit(t, 0, len(t))], _opening_unit("坚持党的领导,主要职责是:", 0, 12)
    ('区工业信息化和科技局', 0)
    """
    clause = re.search(r"[,。;:]", norm[start : min(end, start + _MAX_OPENING_UNIT)])
    stop = start + (clause.start() if clause is not None else min(end - start, _MAX_OPENING_UNIT))
    best = 0
    for m in _UNIT_END_RE.finditer(norm, start, stop):
        if is_single_unit(norm[start : m.end()]):
            best = m.end()
    return best


# a plan titled by the body that drew it up and its year ("教育体育局2020年为民办实事", "市文化和旅游局
# 2021年6月…推进情况"): the body's own list; a government's or a zone's (人民政府2023年…) lists the work
# of all its offices
_TITLE_UNIT_RE = re.compile(r"\s*(?P<who>[^\s,。;:()《》“”]{2,30}?)(?:19|20)\d{2}年")
_MAX_TITLE_LINE = 60
# (a zone's plan, "舒城经济开发区2021年政府工作计划", is its government's: the work of all its offices)
_GOVERNING = ("政府", "管委会", *ZONE_ENDINGS)


# a notice setting a body up ("关于成立县消防安全管理中心的通知"): the duties and routines it lists are that body's
_SET_UP_TITLE_RE = re.compile(
    r"\s*关于(?:" + "|".join(SET_UP_WORDS) + r")(?P<who>[^,。;:()《》“”\s]{2,30}?)的(?:通知|决定|批复)\s*"
)


def _duties_of(ctx: _Ctx, block: PlanBlock) -> Owner | None:
    """The body whose duties or measures a plan lists: its title, or a line above the list (a page's
    heading the reader took for no title), is that body's name and 职能 or 职责, or its name and the
    plan's year."""
    lines = [block.title] if block.title is not None else []
    for p in [*lines, *block.paras[:_ADDRESSEE_REACH]]:
        m = _DUTIES_RE.fullmatch(ctx.norm, p.start, p.end)
        if m is None and p.end - p.start <= _MAX_TITLE_LINE and "。" not in ctx.norm[p.start : p.end]:
            m = _TITLE_UNIT_RE.match(ctx.norm, p.start, p.end) or _SET_UP_TITLE_RE.fullmatch(
                ctx.norm, p.start, p.end
            )
        if m is not None and is_single_unit(m["who"]) and not m["who"].endswith(_GOVERNING):
            a, b = m.span("who")
            return _lead_at(ctx, a, b)
    return None


# a reply to a deputy's suggestion or a proposal ("…的答复函", "现将有关意见答复如下:"): what it promises to do
# next is the replying body's, named before 关于 in its title or alone on a line of its sign-off
# ("您提出的《…的建议》已收悉,现回复如下:")
_REPLY_RE = re.compile(r"答复如下|复函如下|回复如下|答复的?函|的答复")
# (to a deputy's suggestion or a member's proposal: an approval's 复函 to a government directs the addressee)
_SUGGESTION_RE = re.compile(r"建议|提案|议案")
# ("南宫市文化广电体育和旅游局对南宫市第十届人民代表大会第三次会议第99号建议的答复")
_REPLIER_RE = re.compile(
    r"\s*(?P<who>[^,。;:()《》“”\s]{2,40}?)(?:关于|对(?=[^。:]{2,60}?(?:建议|提案|议案)的?(?:答复|复函)))"
)
_SIGN_OFF_REACH = 8  # the sign-off's lines, at the end of the reply


def _replier(ctx: _Ctx, block: PlanBlock) -> Owner | None:
    """The body a reply is from: the name before 关于 in its title, else a sign-off line of one unit's name."""
    first = block.title if block.title is not None else (block.paras[0] if block.paras else None)
    if (
        first is None
        or _REPLY_RE.search(ctx.norm, first.start, first.start + _RECORD_HEAD) is None
        or _SUGGESTION_RE.search(ctx.norm, first.start, first.start + _RECORD_HEAD) is None
    ):
        return None
    lines = [block.title] if block.title is not None else []
    for p in [*lines, *block.paras[:_ADDRESSEE_REACH]]:
        m = _REPLIER_RE.match(ctx.norm, p.start, p.end)
        if m is not None and is_single_unit(m["who"]):
            return _lead_at(ctx, *m.span("who"))
    signer = _signer(ctx, block)  # the name over the date, not a page's "返回顶部" below it
    if signer is not None:
        return signer
    for p in reversed(block.paras[-_SIGN_OFF_REACH:]):
        name = ctx.norm[p.start : p.end].strip()
        if is_single_unit(name):
            a = p.start + len(ctx.norm[p.start : p.end]) - len(ctx.norm[p.start : p.end].lstrip())
            return _lead_at(ctx, a, a + len(name))
    return None


# a reply's promise naming the unit that will act ("项目开工后,区住房城乡建委将…", "下一步县卫生健康局将会同…"):
# that unit, as the sentence writes it, not the full name the letter signs with
_WILL_ACT_RE = re.compile(
    r"(?:^|(?<=[,。;\n]))\s*(?:下一步|下步|今后|下阶段)?\s*(?P<who>[^,。;:“”()\s]{2,20}?)(?:还|也|将继续)?将"
)


# the body a notice sets up ("经研究,决定成立高端装备…创建工作领导小组,现将…通知如下:"): its 主要职责 and 工作机制
# are its work (CONVENTIONS, round 19)
_SET_UP_BODY_RE = re.compile(
    r"决定成立(?P<who>[^,。;:“”]{4,60}?(?:领导小组|工作小组|工作专班|指挥部|委员会))(?:\([^()]{1,12}\))?[,。]"
)
_SET_UP_REACH = 400


def _set_up_body(ctx: _Ctx, block: PlanBlock) -> Owner | None:
    """The body a notice says it sets up, near its start, or none.

    >>> t = "各部门:\\n经研究,决定成立示范园区创建工作领导小组,现将有关事项通知如下:\\n一、主要职责\\n负责编制规划。"
    >>> b = PlanBlock(title=None, paras=[Para(start=0, end=len(t), kind="body")])
    >>> _set_up_body(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), b).name
    '示范园区创建工作领导小组'
    """
    start = block.paras[0].start if block.paras else 0
    m = _SET_UP_BODY_RE.search(ctx.norm, start, start + _SET_UP_REACH)
    return _lead_at(ctx, *m.span("who")) if m is not None else None


def _body_owners(ctx: _Ctx, span: tuple[int, int], body: Owner) -> tuple[Owner, ...]:
    """Who does the work a body's page or letter lists: the unit the sentence names as acting, else the body
    (supporting the unit it says leads the work, when it calls itself the helper); and the partners it acts
    with ("与A、B等部门开展联合执法"), support."""
    acting = _acting_unit(ctx, span)
    if not acting and (helped := _helped(ctx, span)) is not None:
        return (helped, replace(body, role="support"))
    return (*(acting or (body,)), *partner_owners(ctx.norm, *span, original=ctx.text))


# a replier that calls itself the helper of the unit it names as leading the work ("…工作由市建设主管部门牵头
# 负责,我局为配合部门。"): that unit leads what the reply promises, the replier supports (CONVENTIONS, round 17)
_HELPER_RE = re.compile(
    r"由(?P<who>[^,。;:“”()由]{2,20}?)牵头(?:负责)?\s*[,;。]\s*我(?:局|委|厅|办|中心|们)(?:为|是|作为)配合(?:部门|单位)"
)


_HELPER_REACH = 2000  # the letter's words before the promise (not another letter of a long text)


def _helped(ctx: _Ctx, span: tuple[int, int]) -> Owner | None:
    """The unit a reply names, before or in the promise at ``span``, as leading the work it helps with.

    >>> t = "我市城市体检工作由市建设主管部门牵头负责,我局为配合部门。我局将做好配合工作。"
    >>> _helped(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), (29, len(t))).name
    '市建设主管部门'
    """
    m = _HELPER_RE.search(ctx.norm, max(0, span[0] - _HELPER_REACH), span[1])
    # ("市建设主管部门": a unit named by its charge)
    named = m is not None and (is_duty_holder(m["who"]) or m["who"].endswith(("部门", "单位")))
    return _lead_at(ctx, *m.span("who")) if m is not None and named else None


def _acting_unit(ctx: _Ctx, span: tuple[int, int]) -> list[Owner]:
    """The unit a reply's promise names as the one that will act, or none.

    >>> t = "施工总承包单位已进场。项目开工后,区住房城乡建委将加强监管。"
    >>> [o.name for o in _acting_unit(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), (0, len(t)))]
    ['区住房城乡建委']
    >>> _acting_unit(_Ctx(text="我局将逐年加大投入。", norm="我局将逐年加大投入。", rows=RowIndex.of("")), (0, 10))
    []
    """
    for m in _WILL_ACT_RE.finditer(ctx.norm, span[0], span[1]):
        if is_single_unit(m["who"]) and not m["who"].startswith(
            ("我", "本", "贵", "你")
        ):  # ("我局将": the replier)
            return [_lead_at(ctx, *m.span("who"))]
    return []


# a demand or a measure named in a short first sentence ("会议要求:一要认真查找、积极联系。", "提高认识,广泛宣传。")
_DEMAND_RE = re.compile(
    # (or the title alone on its line: "(一)道路交通领域" / "镇派出所强化执法力度…")
    r"\s*(?:[^。:\n]{0,30}[:,])?\s*(?:[一二三四五六七八九十]?要[^。]{2,40}。|[^。:\n]{2,20}(?:。|\n))"
)


def _demanded_of(ctx: _Ctx, span: tuple[int, int]) -> list[Owner]:
    """Who a demand or a measure names in the sentence after its title ("二要认真查找、积极联系。各园区要
    结合…", "提高认识,广泛宣传。各村要充分认识…"): the subject of that sentence."""
    m = _DEMAND_RE.match(ctx.norm, span[0], span[1])
    return subject_owners(ctx.norm, m.end(), span[1], original=ctx.text) if m is not None else []


# a meeting record's request to every department ("請各局處…", "請相關局處加強…"): in a record the chair's
# word to the departments is the decision's charge (in a notice, "请各部门…" is how it is sent)
_RECORD_HEAD = 1500  # where a plan names its record: after a page's banner, weather and menus
_RECORD_GROUP_RE = re.compile(r"请(?P<who>(?:各|相关|有关)(?:局处|单位|部门|机关|科室|处室|区公所))")


def _record_groups(ctx: _Ctx, tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """A meeting record's decisions that name no unit but ask every department, or the ones concerned,
    to act: that group leads."""
    out: list[Task] = []
    for t in tasks:
        m = None if t.owners else _RECORD_GROUP_RE.search(ctx.norm, t.span[0], t.span[1])
        if m is None:
            out.append(t)
            continue
        a, b = m.span("who")
        owner = Owner(name=clean_name(ctx.text[a:b]), role="lead", group=True, span=(a, b))
        out.append(_owned(t, (owner,)))
    return tuple(out)


def _demands_owned(ctx: _Ctx, tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """A counted demand with no owner of its own ("二要加快推进步伐。各单位要…") is owned by the subject of
    the sentence after its title, a counted measure ("二是X要…") by its own subject, in a plan that annotates
    owners elsewhere too."""
    out: list[Task] = []
    for t in tasks:
        found: list[Owner] = []
        if t.owners:
            pass
        elif _COUNTED_DEMAND_RE.match(ctx.norm, t.span[0]) is not None:
            found = _demanded_of(ctx, t.span)
        elif _COUNTED_LINE_RE.match(ctx.norm, t.span[0]) is not None:
            # a measure counted in words that names who acts ("二是由芦卫同志牵头,县发改、财政等部门要…")
            found = subject_owners(ctx.norm, t.span[0], t.span[1], original=ctx.text)
        elif assigned := _assigned_to(ctx, t.span):
            found = assigned  # "4、重大交通事故:警察局。"
        elif (m := _CHARGED_UNIT_RE.match(ctx.norm, t.span[0], t.span[1])) is not None:
            # an item that opens by naming the unit answering for it ("1.县应急管理局负责尾矿库…的隐患排查")
            found = [  # (a group named with what it does is no name: "各相关单位实施重大行政决策必须…")
                o
                for o in subject_owners(ctx.norm, t.span[0], m.end(), original=ctx.text)
                if not any(v in o.name for v in _NAMED_VERBS)
            ]
        out.append(_owned(t, _dedupe_owners(found)) if found else t)
    return tuple(out)


# an item assigning a matter to one body after its colon ("4、重大交通事故:警察局。", a list of who opens
# the centre for which disaster): the body is the item's lead
_ASSIGNED_RE = re.compile(r"\s*(?P<what>[^:。]{2,80}?):\s*(?P<who>[^\s,。;:、()]{2,20})\s*[。.;]?\s*")
# a field naming a role, not a matter ("主办单位:…", "发布机构:…", "来源:…"): the page's record
_ROLE_LABEL_ENDINGS = ("单位", "机构", "机关", "部门", "科室", "处室", "来源", "主办", "承办")


def _assignee(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether ``norm[start:end]`` is only a body's name, as an assignment's colon is followed by."""
    name = ctx.norm[start:end].strip().rstrip("。.;")
    return bool(name) and is_duty_holder(name)


def _assigned_to(ctx: _Ctx, span: tuple[int, int]) -> list[Owner]:
    """The body an item assigns its matter to, after its colon ("重大交通事故:警察局。"), or none.

    >>> t = "重大交通事故:\\n   警察局。"
    >>> ctx = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> [o.name for o in _assigned_to(ctx, (0, len(t)))], _assigned_to(ctx, (0, 7))
    (['警察局'], [])
    >>> t = "承办单位:重庆市铜梁区商务委员会"
    >>> _assigned_to(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), (0, len(t)))
    []
    """
    m = _ASSIGNED_RE.fullmatch(ctx.norm, *span)
    if m is None or m["what"].rstrip().endswith(_ROLE_LABEL_ENDINGS) or not is_duty_holder(m["who"]):
        return []
    return [_lead_at(ctx, *m.span("who"))]


_MAX_MEMBER = 16
_POST_RE = re.compile(r"(?:副|常务副)?(?:" + "|".join(POSTS) + r")$")


def _member_line(said: str) -> bool:
    """Whether an item is only an office's name ("本府民政處。"), as a list of a body's members is.

    >>> _member_line("本府民政处。"), _member_line("重大交通事故:警察局。"), _member_line("其他主要经济指标不低于全市平均水平")
    (True, False, False)
    >>> _member_line("臺中市政府研究發展考核委員會副主任委員。"), _member_line("臺中市政府文化局副局長。")  # a post
    (True, True)
    """
    name = normalise(said).strip().rstrip("。.;")
    post = _POST_RE.search(name)
    if post is not None and post.start() > 0:  # "臺中市政府文化局副局長": who holds a post in it, a member
        name = name[: post.start()]
    return (
        len(name) <= _MAX_MEMBER
        and not any(ch in name for ch in ":,、 \n")
        and not any(ch.isdigit() for ch in name)
        and is_duty_holder(name)
    )


def _numbered(item: _Item) -> bool:
    """Whether an item is one of a numbered list ("4、…"), not a paragraph or a page's field."""
    return bool(item.id_parts) and item.id_parts[-1].isdigit() and item.id_parts[-1] != "0"


# an item naming a body and then its duties ("人民團體科:社會團體…等事項", a law's list of its offices)
_HOLDER_RE = re.compile(r"\s*(?P<who>[^\s,。;:()“”]{2,20}):")


def _holder_of(ctx: _Ctx, span: tuple[int, int]) -> list[Owner]:
    """The body an item of duties opens with, before its colon ("社會救助科:低收入戶生活扶助…"), or none.

    >>> t = "人民团体科:社会团体会务辅导事项。"
    >>> [o.name for o in _holder_of(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), (0, len(t)))]
    ['人民团体科']
    >>> _holder_of(_Ctx(text="工作目标:建成", norm="工作目标:建成", rows=RowIndex.of("")), (0, 7))
    []
    """
    m = _HOLDER_RE.match(ctx.norm, span[0], span[1])
    return [_lead_at(ctx, *m.span("who"))] if m is not None and is_duty_holder(m["who"]) else []


def _subject_owned(
    ctx: _Ctx, tasks: tuple[Task, ...], *, addressee: Owner | None, duties: Owner | None = None
) -> tuple[Task, ...]:
    """A plan annotating no owner anywhere (an approval, a reply: "三、X开发区要…", "四、Y市政府要…") names
    who is to act as the subject of each clause: the tasks read their owners there, and a clause that
    speaks to the addressee ("由你省自筹解决", "望你市…") is the addressee's; a clause granting the request
    ("一、同意…") is the decision, no task. Where a plan annotates owners at all, a sentence's subject is no
    owner of its own (``subject_owners``)."""
    out: list[Task] = []
    for t in tasks:
        if _GRANT_RE.match(ctx.norm, t.span[0], t.span[1]):
            continue  # "一、同意…升级为国家级经济技术开发区": the approval itself, no work for anyone
        if _rule_clause(ctx.norm[t.span[0] : t.span[1]].strip().rstrip("。.;")):
            out.append(t)  # a rule's basis or its body's make-up: no one's work, whoever its words name
            continue
        found = _dedupe_owners(
            _holder_of(ctx, t.span)
            or _assigned_to(ctx, t.span)
            or [
                *(
                    subject_owners(ctx.norm, t.span[0], t.span[1], original=ctx.text)
                    or _demanded_of(ctx, t.span)
                ),
                *_clause_subjects(ctx, t.span),
            ]
            or _opening_actor(ctx, t.span)
        )
        if not found and addressee is not None and _YOU_RE.search(ctx.norm, t.span[0], t.span[1]):
            found = (addressee,)
        if not found and duties is not None:
            # "(二)会同有关部门编制…发展规划" on the 园区发展局's page of duties; a reply's "与A等部门开展联合执法"
            found = _body_owners(ctx, t.span, duties)
        if not found and t.section_path:
            found = _section_duties(t.section_path[-1])  # "二、专案办公室办理事项如下:" / "(一)…"
        out.append(_owned(t, found) if found else t)
    return tuple(out)


_ACTS = (
    *("建立", "健全", "完善", "落实", "组织", "开展", "推进", "加强", "深入", "及时", "制定", "做好", "实施"),
    *("强化", "统筹", "督促", "指导", "定期", "每年", "按照", "结合"),
)
# an item opening with who acts, the verb right after the name, no 要 between ("1.各级政府及时传达…",
# "4.市县级政府健全年度消防工作考核评价机制", "乡镇街道建立完善本级消防安全委员会")
_ACTOR_RE = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、])?\s*"
    r"(?P<who>[^,。;:()“”《》\s]{2,16}?(?:政府|街道|乡镇|局|委员会|委|办|中心|管委会))(?="
    + "|".join(_ACTS)
    + ")"
)


def _opening_actor(ctx: _Ctx, span: tuple[int, int]) -> list[Owner]:
    """The unit, or the group of units, an item of a plan annotating no owner opens with, acting at once.

    >>> t = "6.市县两级政府组织开展“119”消防宣传月。"
    >>> [o.name for o in _opening_actor(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), (0, len(t)))]
    ['市县两级政府']
    >>> t = "1.各级政府及时传达有关论述。"
    >>> [o.name for o in _opening_actor(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), (0, len(t)))]
    ['各级政府']
    >>> _opening_actor(_Ctx(text="2.完善政府落实机制。", norm="2.完善政府落实机制。", rows=RowIndex.of("")), (0, 10))
    []
    """
    m = _ACTOR_RE.match(ctx.norm, span[0], span[1])
    if m is None:
        return []
    who = m["who"]
    if who.startswith((*_ACTS, *VERBS)):  # "2.完善政府落实机制": the item opens with its work, not a unit
        return []
    named = is_single_unit(who) or (is_group(who) and who.endswith(STRONG_ENDINGS))
    return [_lead_at(ctx, *m.span("who"))] if named else []


_SUBJECT_BREAK_RE = re.compile(r"[。;,\n]")
_CHARGE_WORD_RE = re.compile(r"要|务必")  # ("各县(市、区)务必高度重视": a charge as strong as 要)


def _clause_subjects(ctx: _Ctx, span: tuple[int, int]) -> list[Owner]:
    """Every unit an item's clauses charge as their subject ("…是集中时段,各级、各有关部门要高度重视…。各县(市、
    区)人民政府要…"), in a plan annotating no owner: a notice's section charges each body it names.

    >>> t = "8月下旬至10月是集中时段,各级、各有关部门要高度重视。市城管执法、公安等相关职能部门要加强巡查。"
    >>> [o.name for o in _clause_subjects(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), (0, len(t)))]
    ['各级', '各有关部门', '市城管执法', '公安']
    """
    found: list[Owner] = []
    for at in _clause_starts(ctx.norm, span[0], span[1], _SUBJECT_BREAK_RE):
        if at > span[0] and _CHARGE_WORD_RE.search(ctx.norm, at, min(span[1], at + 50)) is not None:
            # (not the plan's word for its owners, "各责任单位要…": a notice's charge to whoever owns a task)
            found.extend(
                o
                for o in subject_owners(ctx.norm, at, span[1], original=ctx.text)
                if not _OWNERS_WORD_RE.fullmatch(normalise(o.name))
            )
    return found


_OWNERS_WORD_RE = re.compile(r"(?:各|有关|相关)?(?:责任|牵头|承办|配合|协办)(?:单位|部门)")


# an unowned item telling every owner how to carry the plan out ("加强组织领导。要按照责任分工,一把手负总责",
# "要高效推进落实。各责任单位要…", "市政府督查室将对…"): the plan's own safeguards, no task of it
_ABOUT_THE_PLAN_RE = re.compile(
    r"(?:各|有关)(?:责任|牵头|承办|配合)单位|按照?责任分工|督查室将|纳入.{0,8}督查"
)
_ABOUT_REACH = 80
# "为…,特订定本注意事项": why a regulation or plan is written, nothing to do
_PURPOSE_RE = re.compile(  # (a body may be named first: "勞動部(以下簡稱本部)為…,特訂定本規程")
    # ("为了保障…,根据《…》,制定本办法": the purpose, its basis, then the rule)
    r"^(?:(?:[^。,为]{2,40}?(?:\([^()]{1,20}\))?)?为[^。]{2,300}?(?:特|并|,)|(?:根据|依据|依照)[^。]{2,200}?)"
    r"(?:订定|制定|制订|订立)本"
    r"(?:注意事项|办法|规定|细则|要点|方案|制度|规则|规程)$"
    # the rule's basis said of itself ("本規程依臺中市政府組織自治條例第八條規定訂定之")
    r"|^本(?:注意事项|办法|规定|细则|要点|方案|制度|规则|规程)(?:依|根据|依据|依照)[^。]{2,120}?(?:订定|制定|制订|订立)之$"
)
# a rule's clause on how its body is made up and run ("本小組置委員七至十一人", "委員任期三年", "本小組所需經費,
# 由…支應", "會議應有委員過半數之出席", "委員應親自出席"): how the body is composed, nothing it does
_COMPOSITION_RE = re.compile(
    r"^[^。,]{0,12}?(?:(?:置|设)(?:委员|召集人|副召集人|执行秘书|指挥官|副指挥官|成员|主任委员)|委员任期|任期[一二三四五六七八九十两\d]+年"
    r"|所需经费|委员应亲自出席|会议应有委员|(?:委员|人员)均为无给职"
    r"|,分[一二三四五六七八九十\d]{1,3}(?:科|组|股|课|处)办事)"
)
# a rule's scope or meaning clause ("…各機關單位預算之執行,依本要點之規定辦理。", "本要點所稱主計機關,指…"):
# what the rule covers and what its words mean, nothing to do
_SCOPE_RE = re.compile(
    r"(?:依|按|适用)本(?:要点|办法|规定|细则|条例|注意事项|方案)(?:之|的)?规定(?:办理|执行)?$"
)
# (and a defined term, "中程施政計畫:指各機關就其職掌…"; a 三定's own standing, "本规定确定的主要职责…是…基本依据";
# its transfer of duties, "将原市城乡规划管理局的职责,划入市自然资源局")
_MEANING_RE = re.compile(
    r"^本(?:要点|办法|规定|细则|条例|注意事项|方案|法)(?:所称|确定的)|^[^。,;:]{2,20}:\s*(?:系|是)?指"
    r"|^将原[^。,;]{2,40}?职责\s*,?\s*(?:划入|划转)"
)
# a 三定 article's status of the body ("区工业信息化和科技局是区政府工作部门,为正科级"): what it is, nothing to do
_STATUS_RE = re.compile(r"^[^。,;]{2,30}是[^。,;]{0,20}(?:工作部门|组成部门|直属机构|派出机构|议事协调机构)")
# a rule's definition field ("范围:本意见适用于…", "类型:基础设施、…等五大类"): what words mean, nothing to do
_DEFINITION_RE = re.compile(r"(?:适用范围|范围|类型|分类|定义|名词解释|术语)\s*:")
# "(一)符合下列原则之一,由院列管:": the sub-items are the conditions of a rule, not tasks
_CRITERIA_RE = re.compile(r"(?:符合|具有|具备|有|属于)下列[^。:]{0,8}(?:之一|情形|条件|原则|标准)")
# a decision that records an approval ("(一)准予備查。", "原则同意。"): nothing for anyone to do
_APPROVAL_RE = re.compile(r"(?:准予|予以|原则)?(?:备查|备案|核备|同意|通过|照案通过|洽悉|知悉)")


# a field of the page's metadata ("[成文日期] 2019-08-09", "[索引号] …"), and a 通报's line rating the units
# on duty ("本周执勤表现好的单位:…,表现较差的单位:…"): nothing for anyone to do
_PAGE_FIELD_RE = re.compile(
    r"\s*[\[【](?:成文日期|发布日期|发文日期|公开日期|印发日期|生效日期|索引号|文号|发文字号|发文机关|主题分类|有效性)[\]】]"
)
_RATING_RE = re.compile(r"表现(?:好|较好|突出|较差|差)的单位")


def _not_work(text: str) -> bool:
    """An owner-less item that is no task: a note about the plan itself ("各责任单位要…", "纳入督查"),
    a decision that only records an approval, a field of the page's metadata, or a rating of units.

    >>> _not_work("准予備查。"), _not_work("原则同意。"), _not_work("同意建设服务中心。")
    (True, True, False)
    >>> _not_work("[成文日期] 2019-08-09"), _not_work("志愿岗本周执勤表现好的单位:县委组织部,表现较差的单位:…")
    (True, True)
    >>> _not_work("为使本部施政计画管制作业有所依循,特订定本注意事项。")  # a regulation's purpose clause
    True
    >>> _not_work("为了保障常委会依法开展监督,根据《监督法》,结合本县实际,制定本办法。")
    True
    >>> _not_work("根据《…机构改革方案》,制定本规定。"), _not_work("区工信局是区政府工作部门,为正科级。")
    (True, True)
    >>> _not_work("各机关单位预算之执行,依本要点之规定办理。"), _not_work("本要点所称主计机关,指主计处。")
    (True, True)
    >>> _not_work("中程施政计画:指各机关就其职掌订定之计画。"), _not_work("将原市规划局的职责,划入市自然资源局。")
    (True, True)
    >>> _not_work("本小组置委员七至十一人,其中一人为召集人。"), _not_work("本小组所需经费,由本局相关预算项下支应。")
    (True, True)
    >>> _not_work("本小组每半年召开会议一次。")
    False
    >>> _not_work("劳动部(以下简称本部)为处理内部单位之分工职掌,特订定本规程。"), _not_work("秘书处,分四科办事。")
    (True, True)
    >>> _not_work("本局为推动节约能源,设本局节约能源推动小组(以下简称本小组),并订定本要点。")
    True
    >>> _not_work("范围:本意见适用于开发区管辖范围内的所有园区。"), _not_work("类型:基础设施、管理秩序等五大类。")
    (True, True)
    """
    said = normalise(text).strip().rstrip("。.;")
    return (
        _ABOUT_THE_PLAN_RE.search(text, 0, _ABOUT_REACH) is not None
        or _rule_clause(said)
        or _APPROVAL_RE.fullmatch(said) is not None
        or _PAGE_FIELD_RE.match(said) is not None
        or _RATING_RE.search(said, 0, _ABOUT_REACH) is not None
    )


def _rule_clause(said: str) -> bool:
    """A regulation's clause on itself or its body (its basis or purpose, the body's status, scope, make-up,
    the meaning of its words), normalised: what the rule is, nothing anyone is to do.

    >>> _rule_clause("本规程依台中市政府组织自治条例第八条规定订定之"), _rule_clause("本局设下列各科")
    (True, False)
    """
    return (
        _PURPOSE_RE.search(said) is not None
        or _STATUS_RE.search(said) is not None
        or _SCOPE_RE.search(said) is not None
        or _COMPOSITION_RE.match(said) is not None
        or _MEANING_RE.match(said) is not None
        or _DEFINITION_RE.match(said) is not None
    )


_MIN_SAID = 6


def _cut_before_it_says(ctx: _Ctx, task: Task) -> bool:
    """The last item of a text that ends inside its first words ("11.粮", "5.提升招商"): the text was
    cut (a page's excerpt), and the item names nothing to do and no one to do it."""
    said = re.sub(r"\W", "", task.text)
    return (
        not task.owners
        and not task.deadlines
        and len(said) < _MIN_SAID
        and not task.text.rstrip().endswith(("。", ";", "；", ")", "）", "!", "！"))  # a whole short item
        and not ctx.text[task.span[1] :].strip()
    )


# the notice of a list of problems sets one date for them all ("请各事涉部门对存在的问题立即进行整改,并于5月20日
# 前将问题整改完成", "上述责任单位要…于4月19日前整改完毕"); a date to report by ("整改情况于…前报送") sets none
_ALL_RECTIFIED_RE = re.compile(r"(?:问题|上述|以上|所列)[^。]{0,40}?整改(?:完成|完毕|到位)|完成整改")
_MIN_LISTED = 2


def _rectified_by(
    ctx: _Ctx, block: PlanBlock, tasks: tuple[Task, ...], *, years: tuple[int | None, int | None]
) -> Deadline | None:
    """The date by which every listed problem is to be rectified, stated once outside the items."""
    if len(tasks) < _MIN_LISTED:
        return None
    for p in block.paras:
        said = ctx.norm[p.start : p.end]
        m = _ALL_RECTIFIED_RE.search(said) if "整改" in said else None
        if m is None or any(t.span[0] <= p.start < t.span[1] for t in tasks):
            continue  # (an item's own words: its dates are its own)
        a = said.rfind("。", 0, m.start()) + 1
        b = said.find("。", m.end())
        due = _last_dated(ctx, p.start + a, p.start + (b if b >= 0 else len(said)), years=years)
        if due is not None:
            return due
    return None


def _last_dated(ctx: _Ctx, start: int, end: int, *, years: tuple[int | None, int | None]) -> Deadline | None:
    """The last one-off date with a month in ``text[start:end]``: the date a notice sets once for a whole list."""
    dated = [d for d in _deadlines(ctx, start, end, years=years) if d.month is not None and not d.recurring]
    return dated[-1] if dated else None


# a notice sending a list of matters sets one date for them all ("确保列入目录的决策事项于2022年12月31日前完成",
# "列入清单管理的决策事项须于2022年12月31日前完成"), or before it opens the list ("为确保在今年8月底前全面完成办理
# 工作,…现就加快办理工作通知如下:")
_ALL_LISTED_DUE_RE = re.compile(
    r"(?:列入|纳入)[^。,]{0,12}?(?:目录|清单)[^。]{0,30}?(?:前|底)完成"
    r"|为确保[^。,]{0,12}?(?:前|底)(?:全面)?完成[^。]{0,160}?如下"
)


def _listed_due(ctx: _Ctx, block: PlanBlock) -> Deadline | None:
    """The date a notice sets once for every matter of the list it sends, or ``None``.

    >>> t = "各有关单位:\\n要把握时间节点,确保列入目录的决策事项于2022年12月31日前完成。\\n附件:目录"
    >>> d = _listed_due(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), PlanBlock(title=None, paras=paragraphs(t)))
    >>> (d.year, d.month)
    (2022, 12)
    >>> t = "2019年8月16日\\n为确保在今年8月底前全面完成办理工作,现就有关事项通知如下:\\n一、加快办理。"
    >>> d = _listed_due(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), PlanBlock(title=None, paras=paragraphs(t)))
    >>> (d.year, d.month)
    (2019, 8)
    """
    for p in block.paras:
        m = (
            _ALL_LISTED_DUE_RE.search(ctx.norm, p.start, p.end)
            if ctx.norm.find("完成", p.start, p.end) >= 0
            else None
        )
        if m is None:
            continue
        issued = issue_year(ctx.norm, block.paras[0].start)  # (looked for only here: it reads the whole head)
        due = _last_dated(ctx, m.start(), m.end(), years=(issued, None))
        if due is not None:
            return due
    return None


_MONTH_PLAN_RE = re.compile(r"(?<!\d)(?P<month>(?P<n>\d{1,2})月份?)(?:重点)?工作(?:安排|计划|要点|任务)")


def _month_plan_due(ctx: _Ctx, line: str | None, start: int, year: int | None) -> Deadline | None:
    """The month a plan of one month's work is due by ("经开区3月份重点工作安排" of 2023: 2023-03).

    >>> t = "经开区3月份重点工作安排\\n一、开展招商。"
    >>> d = _month_plan_due(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), "经开区3月份重点工作安排", 0, 2023)
    >>> (d.year, d.month, d.text, d.year_inferred)
    (2023, 3, '3月份', True)
    """
    said = normalise(line) if line and year is not None else ""
    m = _MONTH_PLAN_RE.search(said)
    at = ctx.norm.find(said, max(0, start - _MAX_HEADING * 4)) if m is not None else -1
    if m is None or at < 0 or not 1 <= int(m.group("n")) <= 12:
        return None
    span = (at + m.start("month"), at + m.end("month"))
    return Deadline(
        text=ctx.text[span[0] : span[1]], year=year, month=int(m.group("n")), day=None, recurring=False,
        span=span, year_inferred=True,
    )  # fmt: skip


_VALUE_CELL_RE = re.compile(r"[≥≤><]?=?\s*\d+(?:\.\d+)?\s*[%‰]\s*(?:以上|以下|左右|以内)?")


def _value_cell_kinds(ctx: _Ctx, at: int, targets: list[Target], new: int) -> None:
    """A row's target cell holding only a rate ("6%以上") beside its name cell ("地区生产总值增长"): the
    name tells the kind and the indicator, as one sentence would."""
    row = ctx.rows.at(at)
    if row is None or new >= len(targets):
        return
    names = row.cells_of("task", "content")
    for cell in row.cells_of("target"):
        if not names or _VALUE_CELL_RE.fullmatch(ctx.norm[cell.start : cell.end].strip()) is None:
            continue
        name = names[0]
        said = "".join(ctx.norm[name.start : name.end].split())
        for k in range(new, len(targets)):
            t = targets[k]
            if cell.start <= t.span[0] < cell.end:
                kind = target_kind(before=said, unit=t.unit)
                value = -t.value if kind == "growth" and said.endswith(("下降", "降低", "减少")) else t.value
                targets[k] = replace(
                    t, kind=kind, value=value, indicator=ctx.text[name.start : name.end].strip()
                )


_PROGRESS_RE = re.compile(r"(?:执行|落实|进展|完成)情况(?:的?(?:报告|通报|汇总表|表))?$")


def is_progress_report(title: str | None) -> bool:
    """A plan titled as a report on its progress ("…上半年落实情况", "…计划执行情况的报告").

    >>> is_progress_report("2024年上半年市政府重点工作落实情况"), is_progress_report("关于…计划执行情况的报告")
    (True, True)
    >>> is_progress_report("2024年工作要点"), is_progress_report(None)
    (False, False)
    """
    return title is not None and _PROGRESS_RE.search(title.strip()) is not None


# what a milestone list distributes over: periods, not indicators ("一、二、三、四季度分别完成9%、…")
_PERIOD_RE = re.compile(r"(?:第?[一二三四1-4](?:季度)?|[上下]半年|全年)(?:分别)?(?:完成|达到|实现|达)?")


def _schedule_kinds(targets: list[Target], new: int) -> None:
    """A percentage listed per period, after a growth or share target ("增长18%" then "一、二、三、四季度
    分别完成9%、12%、15%、18%"), is the schedule of that target: its kind and indicator.

    >>> t = lambda ind, kind: Target(text="", subject=None, indicator=ind, kind=kind, op="=", value=9.0,
    ...     unit="%", by_year=None, by_text=None, span=(0, 1))
    >>> ts = [t("高新技术产业增加值", "growth"), t("一", "level"), t("四季度分别完成", "level")]
    >>> _schedule_kinds(ts, 1)
    >>> [(x.indicator, x.kind) for x in ts]
    [('高新技术产业增加值', 'growth'), ('高新技术产业增加值', 'growth'), ('高新技术产业增加值', 'growth')]
    """
    if new >= len(targets):
        return
    prev = targets[new - 1] if new > 0 else None
    if prev is not None and (prev.unit != "%" or prev.kind not in ("growth", "share")):
        prev = None
    for k in range(new, len(targets)):
        t = targets[k]
        period = (
            t.kind == "level"
            and t.unit == "%"
            and _PERIOD_RE.fullmatch(normalise(t.indicator).strip()) is not None
        )
        if period and t.unit == "%" and prev is not None:
            targets[k] = replace(t, kind=prev.kind, indicator=prev.indicator)
        elif t.unit == "%" and t.kind in ("growth", "share"):
            prev = t
        else:
            prev = None


def _heading_line(ctx: _Ctx, p: Para) -> str | None:
    """The first line of a plan read without a title when it reads as one: short, no sentence in it
    ("泗洲头镇2024年度重点工作计划二季度执行情况"), so its year is the plan's.

    >>> t = "某镇2024年度重点工作计划执行情况\\n序号"
    >>> _heading_line(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), Para(start=0, end=18, kind="body", mark=None))
    '某镇2024年度重点工作计划执行情况'
    """
    line = ctx.norm[p.start : p.end].strip()
    if p.mark is not None or len(line) > _MAX_HEADING or any(ch in line for ch in "。,;:!?"):
        return None
    if _DATE_LINE_RE.fullmatch(line):
        return None  # "2020-07-26": the page's date at its top (the day it was viewed), no title
    return line


_DATE_LINE_RE = re.compile(r"\d{4}(?:[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?)?(?:\s*星期.)?")


_MAX_LEAD_PARAS = 8


def _lead_line(ctx: _Ctx, paras: list[Para]) -> str | None:
    """The line a plan without a title is named by: a progress report's title among the page's first
    lines (after its navigation and record fields: "当前位置:" / "索引号 …" / "2021年度…半年度完成情况"), else
    its first line when that reads as a title."""
    for p in paras[:_MAX_LEAD_PARAS]:
        if p.mark is not None:
            break
        line = _heading_line(ctx, p)
        if line is not None and is_progress_report(line):
            return line
    return _heading_line(ctx, paras[0]) if paras else None


def _by_finder(
    ctx: _Ctx, offset: int, hits: list[tuple[int, int, int | None]]
) -> Callable[[int], tuple[int | None, str | None]]:
    """The deadline (year, text) written last before a position of the paragraph at ``offset``."""

    def at(pos: int) -> tuple[int | None, str | None]:
        best: tuple[int | None, str | None] = (None, None)
        for s, e, year in hits:
            if offset + e <= pos:
                text = ctx.text[offset + s : offset + e]
                if not text.startswith("每"):
                    best = (year, text)
        return best

    return at


def _label(ctx: _Ctx, node: Node) -> tuple[str, str, int | None]:
    """(section label as written, title, body offset) of a heading node."""
    assert node.para is not None and node.para.mark is not None
    p = node.para
    content_start = p.start + _content_offset(ctx, p)
    content = ctx.norm[content_start : p.end]
    title, body = split_heading(content)
    label = ctx.text[p.start : content_start + len(title)]
    return label.strip(), ctx.text[content_start : content_start + len(title)].strip(), body


def _content_offset(ctx: _Ctx, p: Para) -> int:
    """Offset of a heading's content from the paragraph start.

    The marker is matched on the paragraph itself, which starts after the line's indent
    (``structure.paragraphs``), so an indented "  1.地区生产总值…" loses no first character.
    """
    assert p.mark is not None
    return p.mark.content_start


# a title that opens with a verb acts on its goals ("紧盯目标任务", "完成年度目标"): an item, not a
# 目标 section
_ACTING_VERBS = (
    "紧盯",
    "锚定",
    "冲刺",
    "完成",
    "实现",
    "确保",
    "聚焦",
    "围绕",
    "对标",
    "落实",
    "压实",
    "分解",
    "树立",  # "树立大目标。全年计划实现…": a zone's own work, its figures the task's
)


def _is_non_task_title(title: str) -> bool:
    """A section title (normalised) that names no task: 主要目标, 总体要求, 指导思想, 基本原则 …

    >>> _is_non_task_title("主要目标"), _is_non_task_title("紧盯目标任务。"), _is_non_task_title("目标任务")
    (True, False, True)
    >>> _is_non_task_title("总体目标"), _is_non_task_title("目标定位"), _is_non_task_title("树立大目标。")
    (True, True, False)
    >>> _is_non_task_title("分工原则"), _is_non_task_title("落实分工原则。"), _is_non_task_title("总  则")
    (True, False, True)
    >>> _is_non_task_title("总体情况")  # a 督查通报's status: items done and in hand, no task
    True
    >>> _is_non_task_title("依据 依据台北市政府九十一年八月二十日函办理"), _is_non_task_title("目的 为落实执行本府")
    (True, True)
    """
    # "一、依據 依據…辦理" / "二、目的 為落實…": a regulation's point titled by a word, its text after a space
    first = title.split(maxsplit=1)
    if len(first) == 2 and len(first[0]) <= 4 and _is_non_task_title(first[0]):
        return True
    t = re.sub(r"\s+", "", title).strip("。.:")  # "总  则": a title spaced out to fill its line
    return len(t) <= _MAX_SECTION_TITLE and bool(_NON_TASK_RE.search(t)) and not t.startswith(_ACTING_VERBS)


# an item opening with the units that answer for it: "县应急管理局负责…", "县公安局、县交警大队牵头…"
_NAMED_VERBS = tuple(v for v in VERBS if len(v) == 2)
_CHARGED_UNIT_RE = re.compile(
    # ("1.各单位应高度重视…", "规上工业企业应在…": the subject a duty is laid on, before 应/须 as before 负责)
    r"\s*(?:\d{1,2}[.、]\s*)?[^,。;:()“”\n]{2,40}?(?:负责(?!人|同志)|牵头|应(?!用|急|对|当事)|须|必须)"
)
_COUNTED_DEMAND_RE = re.compile(r"\s*(?:[^。:\n]{0,30}[:,])?\s*[一二三四五六七八九十]要")

# a meeting's record (主管会报, 局务会报, 市政会议纪录): the bullets under its report sections are its decisions
_MEETING_RE = re.compile(r"(?:主管|局务|县务|市务|市政|府)会(?:报|议纪录|议记录)|会议(?:纪录|记录|纪要)")
_MEETING_HEAD = 400  # where a page names its record, before the decisions


def _bullet_indent(ctx: _Ctx, p: Para) -> int | None:
    """How far a "•" bullet paragraph stands in from its line's start, or ``None`` for no bullet."""
    if not ctx.norm.startswith("•", p.start):
        return None
    return p.start - (ctx.norm.rfind("\n", 0, p.start) + 1)


def _nested_bullets(ctx: _Ctx, paras: list[Para]) -> list[bool]:
    """For each paragraph, whether it is a "•" bullet indented under an earlier bullet (a section of the
    record): "  • 各科重大事项提报" / "    • 新年度的委办案请赶办。" — the inner bullet is an item of the section.

    >>> t = "主管会报\\n  • 各科重大事项提报\\n    • 新年度的委办案请赶办。"
    >>> from devzone.plans.structure import paragraphs
    >>> _nested_bullets(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), paragraphs(t))
    [False, False, True]
    """
    out: list[bool] = []
    outermost: int | None = None  # the least indent of the bullets so far
    for p in paras:
        indent = _bullet_indent(ctx, p)
        out.append(indent is not None and outermost is not None and outermost < indent)
        if indent is not None:
            outermost = indent if outermost is None else min(outermost, indent)
    return out


def _walk(
    ctx: _Ctx,
    node: Node,
    *,
    path: tuple[str, ...],
    ids: tuple[str, ...],
    task_ok: bool,
    items: list[_Item],
    owners: tuple[Owner, ...] = (),
) -> list[Section]:
    """Emit items of ``node``'s subtree into ``items``; return the sections among its children.

    ``owners``: the owners the sections above give the items under them (``section_owners``)."""
    sections: list[Section] = []
    if node.para is None and node.paras and not owners:
        # "…本府災防辦所執行任務包含…,陳述如下:" over the plan's items: that body's tasks
        owners = _defined_tasks_follow(ctx, node.paras[-1].start, node.paras[-1].end)
    # paragraphs right under a section (or the plan) before its first sub-heading are an
    # introduction: items, but tasks only when they carry their own owners
    record = node.para is None and _MEETING_RE.search(ctx.norm, 0, _MEETING_HEAD) is not None
    nested = _nested_bullets(ctx, node.paras) if record else [False] * len(node.paras)
    for k, (p, decision) in enumerate(zip(node.paras, nested, strict=True), start=1):
        # a demand a speaker counts ("二要加快推进步伐。各单位要…", split by ``charged_clauses``) is work asked
        # of someone, an item with or without its owners
        demand = _COUNTED_DEMAND_RE.match(ctx.norm, p.start) is not None
        items.append(_para_item(ctx, p, path, (*ids, f"p{k}"), in_task=decision or demand))
    for child in node.children:
        label, title, body = _label(ctx, child)
        # the title as normalised ("總體目標" reads as 总体目标): same offsets in ``ctx.norm``
        content_start = child.para.start + _content_offset(ctx, child.para) if child.para is not None else 0
        child_ok = (
            task_ok
            and not _is_non_task_title(ctx.norm[content_start : content_start + len(title)])
            and not (
                child.children
                and child.para is not None
                and _CRITERIA_RE.search(ctx.norm, content_start, child.para.end)
            )
        )
        child_id = (*ids, str(child.para.mark.ordinal if child.para and child.para.mark else 0))
        if child.children:
            assert child.para is not None
            heading_row = ctx.rows.at(child.para.start) is not None
            given = (
                owners
                if heading_row
                else section_owners(ctx, child.para, title)
                or _list_opener(ctx, child.para)
                or (_list_opener(ctx, child.paras[0]) if len(child.paras) == 1 else ())
                or (_intro_charge(ctx, child.paras[0]) if child.paras else ())
                or owners
            )
            if heading_row:
                # a table row opening with the group's heading cell ("(一)围绕… | 1.政府… | 责任单位") is
                # the group's first item as well
                items.append(_para_item(ctx, child.para, (*path, label), (*child_id, "0"), in_task=child_ok))
            sub = _walk(
                ctx, child, path=(*path, label), ids=child_id, task_ok=child_ok, items=items, owners=given
            )
            sections.append(_section(ctx, child, title, sub))
            continue
        # a notice's sign-off under its last instruction (office, date) is no part of it
        # (a unit alone under an item ending in a colon is the one it assigns the item to:
        # "1、風災、震災…事故:" / "消防局。")
        assigns = child.para is not None and ctx.norm[child.para.start : child.para.end].rstrip().endswith(
            ":"
        )
        body_paras = [
            p
            for k, p in enumerate(child.paras)
            if not is_signoff(ctx.norm[p.start : p.last_end])
            or (assigns and k == 0 and _assignee(ctx, p.start, p.end))
        ]
        row = ctx.rows.at(child.para.start) if child.para is not None else None
        notes = child.para.notes if child.para is not None else []
        # an empty chapter ("三、保障措施" with nothing under it) is not an item; a heading that is a
        # whole sentence ("8、完成县委县政府下达的基础工作及中心工作任务。") is one
        written = ctx.norm[content_start : child.para.end].rstrip() if child.para is not None else title
        # a table's group line between its rows ("二、全力以赴扩投资、优服务…" / "三、…" / "68"): a chapter
        # however long, when no row of its own follows it
        chapter = (
            len(title) <= _MAX_SECTION_TITLE
            or (child.para is not None and ctx.rows.between(child.para.start))
        ) and not (title.endswith("。") or written.endswith("。"))
        if body is None and not body_paras and child.level == 1 and row is None and not notes and chapter:
            sections.append(_section(ctx, child, title, []))
            continue
        # a bare heading over paragraphs that are items of their own (with their own owners, or
        # opening with a task name: "三、保障措施" / "加强组织领导。…") splits into them; over plain
        # paragraphs ("一、确定专职招商人员" / "2009年,在市直60个部门中抽调…") it is one item
        # one plain paragraph under a chapter title ("一、推进重大项目建设" / "建立健全…(A牵头)") is the
        # chapter's body: one item named by the title, not an item of its own
        # ("三、保障措施" / "加强组织领导。…" stays two: the paragraph opens with a task name of its own)
        lone = (
            len(body_paras) == 1
            and ctx.rows.at(body_paras[0].start) is None
            and not _named(ctx, body_paras[0])
        )
        # "(一)市场准入(牵头单位:市市场监管局)" over a task list's rows: the heading's body is only its owner
        # note, which the rows under it take (the heading names a group, no task of its own)
        note_only = body is not None and _owner_note_only(ctx, content_start + body, child.para)
        split = (body is None or note_only) and (
            (
                child.level == 1
                and not lone
                and any(_opens_item(ctx, child, k) for k in range(len(child.paras)))
            )
            # a group row over a task list's rows ("一、经济发展" / "1 稳增长 …"): each row is an item
            or any(ctx.rows.at(p.start) is not None for p in body_paras)
            or (len(body_paras) >= 2 and _paragraph_items(ctx, child, title))
        )
        # a row opening with its group's cell ("一、继续提高… | 1 | 将城镇…") over the group's other rows
        # ("2 | 特困供养…"): the row is the group's first item, and each row under it an item
        grouped_row = (
            row is not None and body is not None and any(ctx.rows.at(p.start) is not None for p in body_paras)
        )
        if grouped_row:
            assert child.para is not None  # a row was found at its start
            items.append(_para_item(ctx, child.para, (*path, label), (*child_id, "0"), in_task=child_ok))
        if split or grouped_row:
            # beside the rows of a pasted task list, other paragraphs (说明, closing words) are not tasks
            table = any(ctx.rows.at(p.start) is not None for p in body_paras)
            # one sentence opening a chapter whose items follow ("坚持调优调强,…。" then "突出工业主体
            # 地位。…"): the chapter's introduction, not an item
            intro = (
                child.level == 1
                and len(body_paras) >= 2
                and not _is_item(ctx, body_paras[0])
                and ctx.norm.count("。", body_paras[0].start, body_paras[0].last_end) <= 1
                and _is_item(ctx, body_paras[1])
            )
            # the rows under a heading of only an owner note take its owners, others the sections' above
            given = (section_owners(ctx, child.para, title) if note_only and child.para else ()) or owners
            for k, p in enumerate(body_paras, start=1):
                in_task = (
                    child_ok and (not table or ctx.rows.at(p.start) is not None) and not (intro and k == 1)
                )
                item = _para_item(ctx, p, (*path, label), (*child_id, str(k)), in_task=in_task)
                items.append(replace(item, section_owners=given) if in_task else item)
            sections.append(_section(ctx, child, title, []))
            continue
        assert child.para is not None
        content_start = child.para.start + _content_offset(ctx, child.para)
        # a note after the last item ("说明:…") belongs to no item
        end = max([child.para.last_end] + [p.last_end for p in body_paras if not _is_note(ctx, p)])
        items.append(
            _Item(
                # a one-character marker ("①") stays with its item: it tells apart items written alike;
                # a table row is the whole row, from its first cell ("(五)把…", as "1" of a 序号 row)
                start=child.para.start
                if row is not None or (child.para.mark is not None and child.para.mark.style == "circled")
                else content_start,
                end=end,
                heading=_row_heading(ctx, row) or title,
                section_path=path,
                id_parts=child_id,
                in_task_section=child_ok,
                section_owners=owners if child_ok else (),
            )
        )
    return sections


def _owner_note_only(ctx: _Ctx, at: int, heading: Para | None) -> bool:
    """Whether a heading's words from ``at`` are only a bracket naming owners ("(牵头单位:A)", "。(A牵头)")."""
    if heading is None:
        return False
    rest = ctx.norm[at : heading.end].strip(" 。.")
    if not rest.startswith("(") or not rest.endswith(")"):
        return False
    return paren_groups(rest) == [(0, len(rest))] and bool(ctx.owners(heading.start, heading.end))


def section_owners(ctx: _Ctx, heading: Para, title: str) -> tuple[Owner, ...]:
    """The owners a section heading gives the items under it: a note in the heading ("(一)构建法治
    环境(总牵头单位:县委依法治县委员会办公室)"), or the heading's title when it names a unit (a
    department's duties: "(一)综合办公室(党群工作部、监察室)" → that office leads every item).

    >>> from devzone.plans.headings import heading_mark
    >>> t = "(一)综合办公室(党群工作部、监察室)"
    >>> c = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> [(o.name, o.role) for o in section_owners(c, Para(start=0, end=len(t), kind="heading",
    ...     mark=heading_mark(t)), "综合办公室(党群工作部、监察室)")]
    [('综合办公室（党群工作部、监察室）', 'lead')]
    >>> t = "(二)加强组织领导"
    >>> c = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> section_owners(c, Para(start=0, end=len(t), kind="heading", mark=heading_mark(t)), "加强组织领导")
    ()
    >>> t = "二、办公室(人事教育)工作"
    >>> c = _Ctx(text=t, norm=t, rows=RowIndex.of(t))
    >>> [o.name for o in section_owners(c, Para(start=0, end=len(t), kind="heading", mark=heading_mark(t)), t[2:])]
    ['办公室（人事教育）']
    >>> t = "三、财务工作"
    >>> section_owners(_Ctx(text=t, norm=t, rows=RowIndex.of(t)), Para(start=0, end=len(t), kind="heading",
    ...     mark=heading_mark(t)), "财务工作")
    ()
    """
    # the title as the heading writes it, with the colon that opens the body's list ("(一)本府秘書處(會議
    # 管理系統):"), which the title lost
    opens = ":" if ctx.norm[heading.start : heading.end].rstrip().endswith(":") else ""
    said = normalise(title)
    office = re.sub(r"\([^()]*\)$", "", said[: -len(_WORK_OF)])  # ("(人事教育)": what the office deals with)
    if said.endswith(_WORK_OF) and is_unit_title(office) and heading.mark is not None:
        # "一、机关党委工作", "二、办公室(人事教育)工作": an office's part of its bureau's plan ("三、财务工作" names none)
        start = heading.start + heading.mark.content_start
        return (_lead_at(ctx, start, start + len(said) - len(_WORK_OF)),)
    if not is_unit_title(said + opens):
        # (the heading's words after its number: "一、责任单位:综合执法局" is a key line there)
        content = heading.start + (heading.mark.content_start if heading.mark is not None else 0)
        return tuple(ctx.owners(content, heading.end))
    assert heading.mark is not None
    start = heading.start + heading.mark.content_start
    body = before_alias(said)  # "…發展署(以下簡稱勞發署)": the body, not its short name
    if opens and (bracket := said.find("(", 0, body)) > 0 and not is_unit_title(said[:body]):
        body = bracket  # "本府秘書處(會議管理系統):": the bracket names what the body runs
    end = start + body
    name = clean_name(ctx.text[start:end])
    return (Owner(name=name, role="lead", group=is_group(name), span=(start, end)),)


_WORK_OF = "工作"


def _is_note(ctx: _Ctx, p: Para) -> bool:
    return _NOTE_RE.match(ctx.norm, p.start) is not None


def _row_heading(ctx: _Ctx, row: Row | None) -> str | None:
    """The 任务 (or 内容) cell naming a task-list row."""
    cells = row.cells_of("task", "content") if row is not None else []
    return ctx.text[cells[0].start : cells[0].end].strip()[:_MAX_HEADING] if cells else None


def _paragraph_items(ctx: _Ctx, node: Node, title: str) -> bool:
    """Whether the paragraphs under a bare leaf heading are separate items."""
    with_owners = sum(1 for p in node.paras if _has_owners(ctx, p))
    if with_owners >= 2:
        return True
    if title.endswith("。"):
        return False
    # a line after one that stops mid-sentence continues it (a PDF or a gazette page wraps its lines):
    # "之路。对外开放是…" under "(四)蹚出…开放共赢" opens with no task name of its own
    lines = [node.para, *node.paras] if node.para is not None else list(node.paras)
    headed = sum(
        1
        for before, p in pairwise(lines)
        if _ends_sentence(ctx, before) and inline_heading(ctx.norm[p.start : p.end]) is not None
    )
    return headed >= 2


# a labelled field of an item: what is required or done about it ("整改要求:", "整改措施:", "工作措施:")
_FIELD_RE = re.compile(r"\s*(?:整改|工作|具体|主要|落实)?(?:要求|措施|举措|办法)\s*:")


def _opens_item(ctx: _Ctx, node: Node, k: int) -> bool:
    """Whether paragraph ``k`` under ``node`` is an item of its own: it has owners, or opens with a task
    name after a line that closed its sentence (a sign-off among them is no item)."""
    p = node.paras[k]
    if is_signoff(ctx.norm[p.start : p.last_end]):
        return False
    if _FIELD_RE.match(ctx.norm, p.start, p.end):
        return False  # "整改要求:由A负责…" under "5、…问题较为突出。": a field of the item above, no item of its own
    if _has_owners(ctx, p):
        return not _closes_section(ctx, node, k)
    before = node.paras[k - 1] if k > 0 else node.para
    return (before is None or _ends_sentence(ctx, before)) and inline_heading(
        ctx.norm[p.start : p.end]
    ) is not None


def _closes_section(ctx: _Ctx, node: Node, k: int) -> bool:
    """Paragraph ``k`` is the last under its heading, its owners are only in an annotation line of its
    own after it, and no paragraph before it has owners: the line names the owners of the whole
    section ("一、减少工业粉尘污染" / measures / "工作效果:…" / "(由市环境保护局牵头落实。配合单位:…)")."""
    p = node.paras[k]
    if k + 1 != len(node.paras) or not p.notes or ctx.owners(p.start, p.end):
        return False
    return not any(_has_owners(ctx, q) for q in node.paras[:k])


def _ends_sentence(ctx: _Ctx, p: Para) -> bool:
    """Whether a paragraph's last line closes a sentence (or a heading stands alone on it)."""
    end = ctx.norm[p.start : p.last_end].rstrip()
    return (
        not end
        or end[-1] in '。;:!?)”"'
        or (p.mark is not None and p.last_end == p.end and len(end) <= _MAX_NAME)
    )


_MAX_NAME = 12


def _named(ctx: _Ctx, p: Para) -> bool:
    """A paragraph opening with a task's name: a short first sentence without figures ("加强组织领导。…");
    "省财政筹措3亿元资金支持城市重大基础设施建设。…" opens with a sentence of the chapter's body."""
    head = inline_heading(ctx.norm[p.start : p.end])
    return head is not None and len(head) <= _MAX_NAME and not any(ch.isdigit() for ch in head)


def _is_item(ctx: _Ctx, p: Para) -> bool:
    """A paragraph that is an item of its own: it has owners or opens with a task name."""
    return _has_owners(ctx, p) or inline_heading(ctx.norm[p.start : p.end]) is not None


def _has_owners(ctx: _Ctx, p: Para) -> bool:
    return bool(ctx.owners(p.start, p.last_end))


def _para_item(ctx: _Ctx, p: Para, path: tuple[str, ...], ids: tuple[str, ...], *, in_task: bool) -> _Item:
    content = ctx.norm[p.start : p.end]
    row = ctx.rows.at(p.start)
    cells = row.cells_of("task", "content") if row is not None else []
    value = task_value_start(ctx.norm, p) if not cells else None
    # a task-list row is named by its 任务 cell, a page's task record by its task field's value
    at = cells[0].start if cells else (value if value is not None else p.start)
    named = ctx.norm[at : cells[0].end] if cells else ctx.norm[at : p.end]
    heading = named if cells and len(named) <= _MAX_HEADING else inline_heading(named)
    if heading is None:
        heading, _ = split_heading(named)
        heading = heading[:_MAX_HEADING]
    return _Item(
        start=p.start,
        end=p.last_end,
        heading=ctx.text[at : at + len(heading)].strip() if heading else "",
        section_path=path,
        id_parts=ids,
        # an indicator table's row is a plan target, an item only with owners of its own
        in_task_section=(in_task or (row is not None and row.goal is None))
        and _NOTE_RE.match(content) is None,
    )


def _section(ctx: _Ctx, node: Node, title: str, children: list[Section]) -> Section:
    assert node.para is not None and node.para.mark is not None
    end = _node_end(node)
    return Section(
        number=node.para.mark.number,
        title=title,
        level=node.level,
        span=(node.para.start, end),
        children=tuple(children),
    )


def _node_end(node: Node) -> int:
    ends = [node.para.last_end] if node.para is not None else [0]
    ends.extend(p.last_end for p in node.paras)
    ends.extend(_node_end(c) for c in node.children)
    return max(ends)


# --- tasks -----------------------------------------------------------------------------------


def _tasks(
    ctx: _Ctx,
    items: list[_Item],
    targets: list[Target],
    *,
    years: tuple[int | None, int | None],
    notice: tuple[Owner, ...] = (),
) -> tuple[Task, ...]:
    tasks: list[Task] = []
    used: set[str] = set()
    # targets by start offset, so each task finds its own by binary search (linear overall)
    order = sorted(range(len(targets)), key=lambda k: targets[k].span[0])
    starts = [targets[k].span[0] for k in order]
    standing: list[Owner] = []  # owners a standing note gave to this task and every later one
    for item in items:
        standing.extend(standing_owners(ctx.norm, item.start, item.end, original=ctx.text))
        owners = _dedupe_owners((ctx.owners(item.start, item.end) or list(item.section_owners)) + standing)
        if (not owners and not item.in_task_section) or _NOTE_RE.match(ctx.norm, item.start):
            continue
        # the notice's supporting bodies join a task, they do not make one ("附件1" stays no task)
        owners = _dedupe_owners([*owners, *notice]) if notice else owners
        said = ctx.norm[item.start : item.end]
        if (
            not said.strip(" |\n\t")
            or is_footer(said)
            or (is_signoff(said) and not (_numbered(item) and _assigned_to(ctx, (item.start, item.end))))
        ):
            continue
        if (
            len(said) <= _MAX_MEMBER + 12
            and _numbered(item)
            and ctx.rows.at(item.start) is None
            and _member_line(said)
        ):
            continue  # "(三)本府民政處。": a member of the body the list composes, nothing to do
        task_id = ".".join(item.id_parts) or "0"
        base, k = task_id, 1
        while task_id in used:
            k += 1
            task_id = f"{base}-{k}"
        used.add(task_id)
        deadlines = _deadlines(ctx, item.start, item.end, years=_section_years(item, years))
        tasks.append(
            Task(
                id=task_id,
                section_path=item.section_path,
                heading=item.heading,
                text=ctx.text[item.start : item.end].strip(),
                span=(item.start, item.end),
                owners=owners,
                deadlines=deadlines,
                targets=tuple(
                    targets[k]
                    for k in sorted(order[bisect_left(starts, item.start) : bisect_left(starts, item.end)])
                ),
                flags=_flags(ctx, item, owners, deadlines),
            )
        )
    return tuple(tasks)


def _section_years(item: _Item, years: tuple[int | None, int | None]) -> tuple[int | None, int | None]:
    """The plan's years for an item, or, when the plan shows none, the year its section's title names
    ("一、2021年主要任务": its items' "9月底前" are 2021's)."""
    if years[0] is not None:
        return years
    for label in reversed(item.section_path):
        if "年" not in label:
            continue  # most section titles name no year: nothing to normalise
        year = title_year(normalise(label))
        if year is not None:
            return (year, years[1])
    return years


def _dedupe_owners(owners: list[Owner]) -> tuple[Owner, ...]:
    """Each unit once, where it is first named; a unit named both to lead and to support (in the
    责任单位 column and again in the 牵头单位 one) leads.

    >>> o = lambda name, role: Owner(name=name, role=role, group=False, span=(0, 1))
    >>> [(x.name, x.role) for x in _dedupe_owners([o("甲局", "support"), o("乙局", "support"), o("甲局", "lead")])]
    [('甲局', 'lead'), ('乙局', 'support')]
    """
    first: dict[str, int] = {}
    out: list[Owner] = []
    for o in owners:
        k = first.get(o.name)
        if k is None:
            first[o.name] = len(out)
            out.append(o)
        elif o.role == "lead" and out[k].role == "support":
            out[k] = replace(out[k], role="lead")
    return tuple(out)


def _flags(
    ctx: _Ctx, item: _Item, owners: tuple[Owner, ...], deadlines: tuple[Deadline, ...]
) -> tuple[str, ...]:
    """What the reviewer should check first in a task (``schema.FLAGS``)."""
    row = ctx.rows.at(item.start)
    found = {
        "no_owner": not owners,
        "unknown_lead": any(o.role == "owner" for o in owners) and not any(o.role == "lead" for o in owners),
        "unresolved_date": any(d.year is None and d.month is not None and not d.recurring for d in deadlines),
        "unread_column": row is not None and bool(row.cells_of("unread")),
    }
    return tuple(f for f in FLAGS if found[f])


def _deadlines(
    ctx: _Ctx, start: int, end: int, *, years: tuple[int | None, int | None]
) -> tuple[Deadline, ...]:
    """The task's deadlines; ``years`` = (the plan's year, the year after the document's issue)."""
    seen: set[tuple[int | None, int | None, int | None, bool]] = set()
    out: list[Deadline] = []
    written: int | None = None  # the year the task itself wrote last ("2017年6月底前…、9月底前…")
    for at, hit in _deadline_hits(ctx, start, end):
        v = hit.value
        s, e = at + hit.start, at + hit.end
        # "9月底前" / "年底前" in a one-year plan: the plan's year (a redacted "20xx" stays open); in a
        # plan whose year is not shown, the year written before it in the same task
        year = years[1] if v.next_year else (years[0] if years[0] is not None else written)
        if v.year is not None and not v.recurring:
            written = v.year
        inferred = (
            year is not None
            and v.year is None
            and v.month is not None
            and not v.recurring
            and not is_redacted(ctx.norm[s:e])
        )
        if inferred:
            v = replace(v, year=year)
        key = (v.year, v.month, v.day, v.recurring)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Deadline(
                text=ctx.text[s:e],
                year=v.year,
                month=v.month,
                day=v.day,
                recurring=v.recurring,
                span=(s, e),
                year_inferred=inferred,
            )
        )
    return tuple(out)


def _deadline_hits(ctx: _Ctx, start: int, end: int) -> list[tuple[int, DeadlineHit]]:
    """The dates of a task as (offset, hit), in reading order: its text's, then its time cells'."""
    found: list[tuple[int, DeadlineHit]] = [(start, h) for h in ctx.deadlines(start, end)]
    row = ctx.rows.at(start)
    if row is not None:
        # a row's dates are read in its text cells (and its time cells, below): a 落实情况 / 完成情况
        # column reports progress ("上半年,…") and sets no deadline
        spans = ctx.text_spans(start, end)
        found = [(at, h) for at, h in found if any(a <= at + h.start < b for a, b in spans)]
    # "完成时限:每季度调度,2025年12月" inside the text: its bare dates are due dates, as in a cell
    for h in keyed_deadlines(ctx.norm[start:end]):
        if not any(g.start < h.end and h.start < g.end for _, g in found):
            found.append((start, h))
    found.sort(key=lambda f: f[0] + f[1].start)
    for cell in row.cells_of("完成时限") if row is not None else []:
        if not any(cell.start <= at + h.start < cell.end for at, h in found):
            found.extend((cell.start, h) for h in cell_deadlines(ctx.norm[cell.start : cell.end]))
    for cell in row.cells_of(*QUARTER_MONTHS) if row is not None else []:
        if _WORD_RE.search(ctx.norm, cell.start, cell.end):  # a node in the quarter's column ("—": none)
            due = DeadlineValue(year=None, month=QUARTER_MONTHS[cell.role], day=None, recurring=False)
            found.append((cell.start, DeadlineHit(start=0, end=cell.end - cell.start, value=due)))
    if row is not None and row.schedule is not None and not found:
        s0, e0 = row.schedule  # the quarter the header schedules the row for
        found.extend((s0, h) for h in cell_deadlines(ctx.norm[s0:e0]))
    return found
