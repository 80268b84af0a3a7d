"""Layout passes over a plan's paragraphs, before the heading tree is built.

Documents copied from a web page or a PDF reader, and 分工 documents, lay items out in ways the line
reader (``structure.paragraphs``) does not see: a table row over several lines, measures each closed
by an owner bracket on one line, a notice's sign-off and a page's record fields. These passes turn
them into one paragraph per item, or mark them as no item at all.
"""

from __future__ import annotations

import re
from itertools import pairwise

from devzone.plans.owners import (
    QUOTED_CHARGE_RE,
    is_annotation_line,
    looks_like_units,
    owners_in_group,
    paren_groups,
    quoted_units,
)
from devzone.plans.structure import Para
from devzone.plans.texttable import OWNER_COLUMNS, TIME_COLUMNS, Row, RowIndex, column_role

# "…(责任单位:市教育局);二是提高…(责任单位:市医保局)": the next of a list of clauses, each with its owners
_ENUMERATED_RE = re.compile(r"\s*[;,]\s*[一二三四五六七八九十]是")


def owned_sentences(norm: str, paras: list[Para]) -> list[Para]:
    """Unnumbered paragraphs split after each owner bracket that more owned text follows.

    A 分工 document writes its measures one after another, each closed by its owners: "…效应。
    (发展改革委牵头,…按职责分工负责)实施更积极的人才引进政策。(外专局牵头,…)" is two items, and so
    are clauses "一是…(A);二是…(B)" each closed by its own. A numbered item keeps its brackets together
    (its later sentences have no number of their own).

    >>> t = "任务有2个:一是维修校舍13所(责任单位:市教育局);二是提高报销比例(责任单位:市医保局)。"
    >>> [t[p.start : p.end] for p in owned_sentences(t, [Para(start=0, end=len(t), kind="body")])]
    ['任务有2个:一是维修校舍13所(责任单位:市教育局)', '二是提高报销比例(责任单位:市医保局)。']
    """
    out: list[Para] = []
    for p in paras:
        if p.kind != "body" or p.mark is not None or norm.count("(", p.start, p.end) < 2:
            out.append(p)
            continue
        start = p.start
        groups = [(start + a, start + b) for a, b in paren_groups(norm[p.start : p.end])]
        for (g0, g1), (n0, n1) in pairwise(groups):
            rest = norm[g1:n0].strip()
            owned = owners_in_group(norm, g0, g1, bare_allowed=False, original=norm)
            clause = _ENUMERATED_RE.match(norm, g1)
            if len(rest) >= 6 and (rest.endswith("。") or clause) and owned and n1 > n0:
                out.append(Para(start=start, end=g1, kind="body"))
                start = clause.end() - 2 if clause else g1  # the clause from its 一是, without the ";"
        out.append(Para(start=start, end=p.end, kind=p.kind, notes=p.notes) if start != p.start else p)
    return out


# "…。一是成立…专班。由创建办具体负责…。二是成立…,由党建办负责…": clauses counted in words, each charging a unit
_COUNTED_CLAUSE_RE = re.compile(r"(?:(?<=[。;,:])|^)\s*[一二三四五六七八九十][是要]")
_CHARGE_IN_CLAUSE_RE = re.compile(r"由[^,。;:由]{2,40}?(?:具体)?(?:负责|牵头)")
_MIN_CHARGED_CLAUSES = 2


def charged_clauses(norm: str, paras: list[Para]) -> list[Para]:
    """Unnumbered paragraphs split at each counted clause ("一是…", "二是…") when the clauses charge units
    of their own ("由A负责…", "由B牵头…"), or at each counted demand ("一要…", "二要…"): each clause is an
    item; the paragraph's opening stays with the first.

    >>> t = "成立工作专班2个。一是成立小区专班,由社区中心负责排查。二是成立实践站专班,由党建办负责达标工作。"
    >>> [t[p.start : p.end] for p in charged_clauses(t, [Para(start=0, end=len(t), kind="body")])]
    ['成立工作专班2个。一是成立小区专班,由社区中心负责排查。', '二是成立实践站专班,由党建办负责达标工作。']
    >>> t = "会议要求:一要积极准备、把握质量。各园区要积极走访。二要认真查找、积极联系。"  # demands counted
    >>> [t[p.start : p.end] for p in charged_clauses(t, [Para(start=0, end=len(t), kind="body")])]
    ['会议要求:一要积极准备、把握质量。各园区要积极走访。', '二要认真查找、积极联系。']
    >>> t = "一是加强领导。二是强化保障。"  # clauses charging nobody stay one paragraph
    >>> len(charged_clauses(t, [Para(start=0, end=len(t), kind="body")]))
    1
    """
    out: list[Para] = []
    for p in paras:
        if p.kind != "body" or p.mark is not None:
            out.append(p)
            continue
        if _COUNTED_CLAUSE_RE.search(norm, p.start, p.end) is None:
            out.extend(_led_clauses(norm, p))
            continue
        starts = [m.end() - 2 for m in _COUNTED_CLAUSE_RE.finditer(norm, p.start, p.end)]
        bounds = list(pairwise([*starts, p.end]))
        charged = sum(1 for a, b in bounds if _CHARGE_IN_CLAUSE_RE.search(norm, a, b))
        # "会议要求:一要积极准备…。二要认真查找…": demands counted in words are items whatever they charge
        demands = sum(1 for a in starts if norm[a + 1] == "要")
        if len(starts) < _MIN_CHARGED_CLAUSES or max(charged, demands) < _MIN_CHARGED_CLAUSES:
            out.append(p)
            continue
        cuts = [p.start, *starts[1:], p.end]
        out.extend(
            Para(
                start=a,
                end=a + len(norm[a:b].rstrip()) if b < p.end else b,  # the clause, not the text before it
                kind="body",
                notes=p.notes if b == p.end else [],
            )
            for a, b in pairwise(cuts)
        )
    return out


# a clause after a semicolon that opens by charging its units ("…;由县工业园区管委会牵头,县自然资源局配合,在12月底前
# 完成…"): a meeting's division of work, written as one sentence
# "由A牵头", "由B具体负责": a clause naming who leads it
LED_BY = r"由[^,。;:由]{2,40}?(?:具体)?(?:负责|牵头)"
_LED_CLAUSE_RE = re.compile(r";\s*(?P<led>" + LED_BY + ")")
_FIRST_LED_RE = re.compile(LED_BY)


def _led_clauses(norm: str, p: Para) -> list[Para]:
    """A paragraph whose clauses, parted by semicolons, each open by charging units of their own ("由A牵头,
    B、C配合,在9月底前完成…;由D牵头,…"): an item per clause, the paragraph's opening with the first.

    >>> t = "会议要求,由县发改局牵头,县财政局配合,在9月底前完成供地;由丹凤街道牵头,在12月底前完成处置。"
    >>> [t[q.start : q.end] for q in _led_clauses(t, Para(start=0, end=len(t), kind="body"))]
    ['会议要求,由县发改局牵头,县财政局配合,在9月底前完成供地;', '由丹凤街道牵头,在12月底前完成处置。']
    >>> len(_led_clauses("由A局牵头完成甲;乙要推进。", Para(start=0, end=12, kind="body")))
    1
    """
    first = _FIRST_LED_RE.search(norm, p.start, p.end) if ";" in norm[p.start : p.end] else None
    if first is None:
        return [p]
    starts = [m.start("led") for m in _LED_CLAUSE_RE.finditer(norm, first.end(), p.end)]
    if not starts:
        return [p]
    cuts = [p.start, *starts, p.end]
    return [
        Para(start=a, end=a + len(norm[a:b].rstrip()), kind="body", notes=p.notes if b == p.end else [])
        for a, b in pairwise(cuts)
    ]


def quoted_charges(norm: str, paras: list[Para]) -> list[Para]:
    """Body paragraphs split before each quoted charge after the first ("…如县发改局负责的“严格落实…。”截至
    目前,…;县自然资源局负责的“紧盯…。”…"): a 督查通报 reports each decided item, quoted after the units it
    charged, with its progress after the quotation — one item each.

    >>> t = "发现3件:如县发改局负责的“严格落实前期工作计划。”已完成;县水利局负责的“加快推进项目实施。”"
    >>> [t[p.start : p.end] for p in quoted_charges(t, [Para(start=0, end=len(t), kind="body")])]
    ['发现3件:如县发改局负责的“严格落实前期工作计划。”已完成;', '县水利局负责的“加快推进项目实施。”']
    """
    out: list[Para] = []
    for p in paras:
        if p.kind != "body" or norm.find("负责的“", p.start, p.end) < 0:
            out.append(p)
            continue
        cuts = [
            span[0]
            for m in QUOTED_CHARGE_RE.finditer(norm, p.start, p.end)
            if (span := quoted_units(norm, m.start("who"), m.end("who"))) is not None
        ]
        if len(cuts) < 2:
            out.append(p)
            continue
        bounds = [p.start, *cuts[1:], p.end]
        out.extend(Para(start=a, end=b, kind="body") for a, b in pairwise(bounds))
    return out


def row_paragraphs(paras: list[Para], rows: RowIndex) -> list[Para]:
    """Paragraphs with each table row that spans several lines joined into one body paragraph.

    A row copied from a web page or a PDF holds one cell a line; it is one item all the same.
    """
    out: list[Para] = []
    current: Row | None = None
    for p in paras:
        row = rows.at(p.start)
        if row is not None and row is current and out:
            out[-1].end = max(out[-1].last_end, p.last_end)
            continue
        current = row
        joined = row is not None and row.end > p.end
        # a row opening with a heading cell ("(五)把…  | 1.… |" then "各科室 | ||") stays that heading
        kind, mark = ("heading", p.mark) if p.kind == "heading" else ("body", None)
        out.append(Para(start=p.start, end=p.last_end, kind=kind, mark=mark) if joined else p)
    return out


# a field of a task record on a web page: "重点工作: | 支持…。 |", "牵头单位:市发展改革委",
# "年度阶段性工作目标:", "第一季度:1.制定…", "进展落实情况:"
_FIELD_LABEL_RE = re.compile(r"\s*(?P<label>[\u3400-\u9fff]{2,10})\s*:")
_SCHEDULE_WORDS = ("目标", "安排", "计划", "节点", "进度", "时限", "时间")
_REPORT_RE = re.compile(r"进展|情况$")


def _field(norm: str, p: Para) -> str | None:
    """What a record field is: ``task`` (opens a record), ``schedule`` (its stages and dates),
    ``owner``, ``report`` (what was done), ``other`` (a field devzone does not read), or ``None``."""
    m = _FIELD_LABEL_RE.match(norm, p.start, p.end)
    if m is None or p.mark is not None:
        return None
    label = m["label"]
    if _REPORT_RE.search(label):
        return "report"
    role = column_role(label)
    if role in TIME_COLUMNS or role == "target" or any(w in label for w in _SCHEDULE_WORDS):
        return "schedule"
    if role in ("task", "content"):
        return "task"
    if role in OWNER_COLUMNS or p.kind == "annotation":
        return "owner"
    return "other" if role is not None else None


def task_value_start(norm: str, p: Para) -> int | None:
    """Where the value of a record's task field starts ("重点工作: | 推进…": at 推进), else ``None``."""
    if _field(norm, p) != "task":
        return None
    m = _FIELD_LABEL_RE.match(norm, p.start, p.end)
    assert m is not None
    at = m.end()
    while at < p.end and norm[at] in " |\n":
        at += 1
    return at


def task_records(norm: str, paras: list[Para]) -> list[Para]:
    """Each task record of a page (a 督办 page lists its tasks as labelled fields) as one paragraph.

    A record opens with its task field ("重点工作:…"); its owner fields and its schedule — a field
    such as "年度阶段性工作目标:" and the stage lines under it ("第一季度:…") — are part of the task, so
    the stages' dates are its deadlines. A progress field ("进展落实情况:") and what follows it, up to
    the next record, tell what was done: neither tasks nor deadlines, so they are left out.

    >>> from devzone.plans.structure import paragraphs
    >>> t = "重点工作:推进甲。\\n牵头单位:市发展改革委\\n年度阶段性工作目标:\\n第一季度:制定计划。\\n进展落实情况:\\n1.已编制。"
    >>> [t[p.start : p.end] for p in task_records(t, paragraphs(t))]
    ['重点工作:推进甲。\\n牵头单位:市发展改革委\\n年度阶段性工作目标:\\n第一季度:制定计划。']
    >>> len(task_records("一、主要任务\\n进展情况:良好", paragraphs("一、主要任务\\n进展情况:良好")))
    2
    """
    out: list[Para] = []
    record: Para | None = None  # the open record, last in ``out``
    reporting = scheduling = False
    for p in paras:
        field = _field(norm, p)
        if field == "task" and p.kind in ("body", "annotation"):
            record = Para(start=p.start, end=p.last_end, kind="body")
            out.append(record)
            reporting = scheduling = False
            continue
        if record is None or p.kind == "title":
            record = None
            out.append(p)
            continue
        if field == "report":
            reporting = True
        if reporting:
            continue
        joins = field in ("owner", "schedule") or (scheduling and field is None and p.mark is None)
        if not joins:
            record = None
            out.append(p)
            continue
        scheduling = scheduling or field == "schedule"
        record.end = max(record.end, p.last_end)
    return out


_DATE_LINE_RE = re.compile(r"\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*|\s*\d{4}-\d{1,2}-\d{1,2}\s*")


# a web page's record field: "发布机构: 谯城区政府(办公室)", "索引号: 113416…" (a label, a short value)
_FIELD_RE = re.compile(r"\s*[\u3400-\u9fff ]{2,8}:[^。,;:]{0,40}")


_MAX_SIGNOFF = 50  # an office name or a field: a sign-off is one short line


def is_signoff(text: str) -> bool:
    """A notice's sign-off or a page's record field, not a task: the issuing office alone on its
    line, the date alone ("2023年1月3日"), or a "label: value" field without a sentence in it."""
    line = text.strip()
    if len(line) > _MAX_SIGNOFF or "\n" in line:
        return False
    return (
        _DATE_LINE_RE.fullmatch(line) is not None
        or looks_like_units(line)
        or (_FIELD_RE.fullmatch(line) is not None and not is_annotation_line(line))
    )
