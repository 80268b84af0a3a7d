"""Document structure of a plan text: logical paragraphs, plan boundaries and the heading tree.

Lines are joined into logical paragraphs while a parenthesis is still open ("(责任单位:各县区
\\n、功能板块,…)"). Plans split on volume lines ("…范文 篇三") and on document title lines. The
heading tree is built with a stack of heading styles: a style already open closes the levels
below it; a new style opens a level under the current one (see ``devzone.plans.headings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from devzone.plans.headings import (
    RUN_TOGETHER,
    HeadingMark,
    collapsed_items,
    heading_mark,
    inline_heading,
    is_title_line,
    is_volume_line,
    run_together,
)
from devzone.plans.owners import is_annotation_line, looks_like_units
from devzone.plans.texttable import column_role

_MAX_JOIN = 4
# styles that only nest in each other, in this order (章 > 节 > 条)
OUTER_STYLES: dict[str, int] = {"chapter": 0, "section": 1, "article": 2}


@dataclass(kw_only=True)
class Para:
    """A logical paragraph ``[start, end)`` of the text and what it is."""

    start: int
    end: int
    kind: str  # volume | title | heading | annotation | body
    mark: HeadingMark | None = None
    notes: list[Para] = field(default_factory=list)  # annotation lines attached to it

    @property
    def last_end(self) -> int:
        return max([self.end] + [n.end for n in self.notes])


@dataclass(kw_only=True)
class Node:
    """A heading and what lies under it (``para`` is ``None`` for the plan root)."""

    para: Para | None
    style: str
    level: int
    paras: list[Para] = field(default_factory=list)  # body paragraphs directly under it
    children: list[Node] = field(default_factory=list)


@dataclass(kw_only=True)
class PlanBlock:
    """The paragraphs of one plan with its title paragraph (if any)."""

    title: Para | None
    paras: list[Para]


def paragraphs(norm: str) -> list[Para]:
    """Logical paragraphs of normalised text, classified; blank lines are dropped.

    >>> [p.kind for p in paragraphs("一、总体要求\\n正文。\\n(责任单位:A局)")]
    ['heading', 'body', 'annotation']
    >>> [(p.start, p.end) for p in paragraphs("甲(乙\\n丙)丁\\n戊")]
    [(0, 7), (8, 9)]
    >>> paragraphs("  \\n") == []
    True
    """
    paras: list[Para] = []
    pos = 0
    n = len(norm)
    open_depth = 0
    joined = 0
    while pos <= n:
        nl = norm.find("\n", pos)
        line_end = n if nl < 0 else nl
        line = norm[pos:line_end]
        stripped = line.strip()
        if stripped:
            lead = pos + (len(line) - len(line.lstrip()))
            tail = pos + len(line.rstrip())
            mark = heading_mark(line)
            if open_depth > 0 and paras and joined < _MAX_JOIN and mark is None:
                paras[-1].end = tail
                joined += 1
            else:
                # "⑴…。⑵…。⑶…" (or "①…;②…") on one line: one paragraph per item
                cuts = (
                    [pos + c for c in run_together(line)]
                    if mark is not None and mark.style in RUN_TOGETHER
                    else [pos + c for c in collapsed_items(line)]
                )
                if not cuts:  # the marker is matched on the paragraph, after the line's indent
                    own = mark if lead == pos or mark is None else heading_mark(norm[lead:tail])
                    paras.append(_classify(line, lead, tail, own))
                for a, b in zip([lead, *cuts], [*cuts, tail], strict=True) if cuts else ():
                    piece = norm[a:b].rstrip()
                    paras.append(_classify(piece, a, a + len(piece), heading_mark(piece)))
                joined = 0
                open_depth = 0
            open_depth = max(0, open_depth + line.count("(") - line.count(")"))
        if nl < 0:
            break
        pos = nl + 1
    return _sent_titles(norm, _key_values(norm, _attachment_lists(norm, _header_names(norm, paras))))


def _header_names(norm: str, paras: list[Para]) -> list[Para]:
    """A short column name among the names of a table copied one cell a line ("序号" / "主要工作举措" /
    "牵头单位") names no plan, though it ends like a title.

    >>> [p.kind for p in paragraphs("2024年工作方案\\n序号\\n主要工作举措\\n牵头单位")]
    ['title', 'body', 'body', 'body']
    >>> [p.kind for p in paragraphs("进展行动方案\\n一、主要任务")]
    ['title', 'heading']
    """

    def named(k: int) -> bool:
        if not 0 <= k < len(paras) or paras[k].kind not in ("body", "title"):
            return False
        line = norm[paras[k].start : paras[k].end].strip()
        return len(line) <= _MAX_COLUMN_NAME and column_role(line) is not None

    for k, p in enumerate(paras):
        if p.kind == "title" and named(k) and (named(k - 1) or named(k + 1)):
            paras[k] = Para(start=p.start, end=p.end, kind="body", notes=p.notes)
    return paras


_SIGNED_RE = re.compile(
    r"\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日\s*"
)
_ATTACHMENT_LINE_RE = re.compile(r"\s*附件\s*\d{0,2}\s*[:]?\s*")
_MAX_SENT_TITLE = 40


def _sent_titles(norm: str, paras: list[Para]) -> list[Para]:
    """The title of the plan a notice sends, after the notice's sign-off date (and an "附件1" line): a
    short line without a sentence in it, whatever word ends it ("2023年重点工作任务").

    >>> t = "关于印发重点工作的通知\\n各单位:\\n现印发给你们。\\n某区人民政府\\n2023年2月1日\\n附件1\\n2023年重点工作任务\\n一、甲。"
    >>> [p.kind for p in paragraphs(t)]
    ['title', 'body', 'body', 'body', 'body', 'body', 'title', 'heading']
    """
    signed = False
    for k, p in enumerate(paras):
        line = norm[p.start : p.end]
        if p.kind == "body" and _SIGNED_RE.fullmatch(line):
            signed = True
            continue
        if signed and p.kind == "body" and _ATTACHMENT_LINE_RE.fullmatch(line):
            continue
        if (
            signed
            and p.kind == "body"
            and len(line.strip()) <= _MAX_SENT_TITLE
            and not any(ch in line for ch in "。,;:!?、")
            and not looks_like_units(line.strip())
            and k + 1 < len(paras)
            and paras[k + 1].kind in ("heading", "body", "annotation")
        ):
            paras[k] = Para(start=p.start, end=p.end, kind="title", notes=p.notes)
        signed = False
    return paras


def _key_values(norm: str, paras: list[Para]) -> list[Para]:
    """A key line with its value on the next line ("牵头单位:" / "区发改委", a form copied from a page)
    is one annotation: the unit line is no paragraph of its own (nor a notice's sign-off).

    >>> [(p.kind, p.end - p.start) for p in paragraphs("1.甲。\\n牵头单位:\\n区发改委\\n配合单位:\\n区财政局")]
    [('heading', 4), ('annotation', 10), ('annotation', 10)]
    """
    out: list[Para] = []
    for p in paras:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "annotation"
            and norm[prev.start : prev.end].rstrip().endswith(":")
            and p.kind == "body"
            and looks_like_units(norm[p.start : p.end].strip())
        ):
            out[-1] = Para(start=prev.start, end=p.end, kind="annotation", notes=prev.notes)
            continue
        out.append(p)
    return out


_ATTACHED_RE = re.compile(r"附件\s*[:]\s*1\s*[.、]")
_MAX_ATTACHED = 40


def _attachment_lists(norm: str, paras: list[Para]) -> list[Para]:
    """A notice's list of attachments ("附件:1.2020年重点工作责任分解" / "2.十方面民生实事责任分解"):
    the numbered lines continuing it name documents, they are no headings of the plan.

    >>> [p.kind for p in paragraphs("附件:1.甲方案\\n2.乙清单\\n某市人民政府\\n一、任务\\n1.甲。")]
    ['body', 'body', 'body', 'heading', 'heading']
    """
    listed = 0
    for k, p in enumerate(paras):
        line = norm[p.start : p.end]
        if p.kind == "body" and _ATTACHED_RE.match(line):
            listed = 1
            continue
        mark = p.mark
        if (
            listed
            and mark is not None
            and mark.style == "num_dot"
            and mark.ordinal == listed + 1
            and len(line) <= _MAX_ATTACHED
            and "。" not in line
        ):
            paras[k] = Para(start=p.start, end=p.end, kind="body", notes=p.notes)
            listed += 1
            continue
        listed = 0
    return paras


_MAX_COLUMN_NAME = 8


def _classify(line: str, start: int, end: int, mark: HeadingMark | None) -> Para:
    if mark is not None:
        return Para(start=start, end=end, kind="heading", mark=mark)
    if is_volume_line(line):
        return Para(start=start, end=end, kind="volume")
    if is_title_line(line):
        return Para(start=start, end=end, kind="title")
    if is_annotation_line(line) and not is_footer(line):
        return Para(start=start, end=end, kind="annotation")
    return Para(start=start, end=end, kind="body")


# a site's footer copied with the page ("主办:北京市通州区人民政府 承办:…办公室 政府网站标识码:…", "版权所有:…
# 蜀ICP备…"): who runs the website, no owner of any task
_FOOTER_RE = re.compile(r"网站标识码|ICP备|公网安备|版权所有|版权均属|版权与免责声明|免责声明")


def is_footer(line: str) -> bool:
    """Whether a line is a website's footer ("主办:XX人民政府 … 政府网站标识码:…"), no part of the plan.

    >>> is_footer("主办:北京市通州区人民政府  承办:区政府办公室  政府网站标识码:1101120001"), is_footer("主办单位:县商务局")
    (True, False)
    """
    return _FOOTER_RE.search(line) is not None


def split_plans(paras: list[Para]) -> list[PlanBlock]:
    """Group paragraphs into plans: a volume or title line starts a plan once the current one has content.

    >>> ps = paragraphs("文集 篇一\\n甲方案标题行动方案\\n一、任务\\n文集 篇二\\n正文")
    >>> [(b.title is not None, len(b.paras)) for b in split_plans(ps)]
    [(True, 1), (True, 1)]
    >>> [len(b.paras) for b in split_plans(paragraphs("正文一\\n正文二"))]
    [2]
    >>> split_plans([])
    []
    """
    blocks: list[PlanBlock] = []
    current: PlanBlock | None = None
    for p in paras:
        if p.kind in ("volume", "title"):
            if current is None or current.paras:
                current = PlanBlock(title=p, paras=[])
                blocks.append(current)
            elif p.kind == "title" or current.title is None:
                current.title = p
            continue
        if current is None:
            current = PlanBlock(title=None, paras=[])
            blocks.append(current)
        current.paras.append(p)
    return blocks


def heading_tree(paras: list[Para]) -> Node:
    """The heading tree of one plan's paragraphs; annotation lines attach to what precedes them.

    >>> root = heading_tree(paragraphs("一、任务\\n(一)甲\\n1.子项。正文\\n(二)乙\\n二、保障"))
    >>> [(c.style, len(c.children)) for c in root.children]
    [('cn', 2), ('cn', 0)]
    >>> [c.children[0].style for c in root.children[:1]]
    ['pcn']
    >>> heading_tree([]).children
    []
    """
    root = Node(para=None, style="", level=0)
    stack: list[Node] = [root]
    last: Para | None = None
    for p in paras:
        if p.kind == "heading" and p.mark is not None:
            style = p.mark.style
            styles = [node.style for node in stack]
            if style in styles:
                while stack[-1].style != style:
                    stack.pop()
                stack.pop()
            elif style in OUTER_STYLES:
                # 第X章/节/条 never nest inside 一、/(一)/1. items
                while len(stack) > 1 and OUTER_STYLES.get(stack[-1].style, 99) >= OUTER_STYLES[style]:
                    stack.pop()
            parent = stack[-1]
            node = Node(para=p, style=style, level=parent.level + 1)
            parent.children.append(node)
            stack.append(node)
            last = p
        elif p.kind == "annotation":
            if last is not None:
                last.notes.append(p)
            else:
                stack[-1].paras.append(p)
                last = p
        else:
            top = stack[-1]
            top.paras.append(p)
            last = p
    return root


def is_inline_headed(norm: str, para: Para) -> bool:
    """True when an unnumbered paragraph opens with a short task-name sentence."""
    return inline_heading(norm[para.start : para.end]) is not None
