"""Saved web pages (.html/.htm): the page's text in reading order, its data tables read as tables.

Encoding: a BOM, then the page's own ``<meta charset>`` (or ``http-equiv`` Content-Type), then the plain
text decoding order; GB2312 and GBK are read as GB18030, their superset, because pages labelled GB2312
routinely hold GBK characters. Scripts, styles, ``<nav>`` and the ``<head>`` are dropped. A ``<table>``
with no table inside it is a data table: its cells (rowspan/colspan spread over the grid, as a merged
Word cell is) go through :func:`~devzone.plans.docx_in.table_lines`; a table that holds tables is page
layout, and its cells are read as blocks.
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from devzone.plans.readers.tables import SourceText, render
from devzone.plans.schema import PlanParseError
from devzone.plans.text import decode_bytes

_DROP = frozenset(
    {"script", "style", "noscript", "template", "nav", "head", "iframe", "object", "svg", "select"}
)
_BLOCK = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5",
        "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "tr", "form", "center", "address",
        "hr", "figure", "figcaption", "caption", "body", "html",
    }
)  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_MAX_SPAN = 1000  # a rowspan/colspan larger than any real table is a malformed (or hostile) page


def decode_page(data: bytes, name: str) -> str:
    """The page's characters, in the encoding it declares.

    >>> decode_page('<meta charset="gb2312"><p>牵头单位</p>'.encode("gbk"), "a.html")[-11:]
    '<p>牵头单位</p>'
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, source=name)
    declared = _CHARSET.search(data[:4096])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        try:
            encoding = codecs.lookup(_ALIASES.get(label, label)).name
        except LookupError:
            encoding = ""
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass  # a page whose label lies: fall back to the bytes' own evidence
    return decode_bytes(data, source=name)


def read(data: bytes, name: str) -> SourceText:
    """Lines of a saved web page.

    >>> page = '''<html><head><title>x</title><script>var a=1;</script></head><body><nav>首页</nav>
    ... <p>一、主要任务</p><table><tr><td>序号</td><td>重点工作</td><td>责任单位</td></tr>
    ... <tr><td>1</td><td>优化机制</td><td>市委编办</td></tr></table></body></html>'''
    >>> print(read(page.encode(), "a.html").text)
    一、主要任务
    1.优化机制(责任单位:市委编办)
    """
    text = _XML_DECLARATION.sub("", decode_page(data, name))
    if not text.strip():
        return SourceText("")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise PlanParseError(f"{name}：无法读取网页文件（{exc or type(exc).__name__}）") from exc
    lines: list[str] = []
    current: list[str] = []
    unnamed: list[tuple[str, ...]] = []
    _walk(root, lines, current, unnamed)
    _flush(lines, current)
    if not lines:
        raise PlanParseError(f"{name}：网页中没有正文文字（只有脚本、样式或导航），不是方案页面")
    return SourceText("\n".join(lines), tuple(unnamed))


def _flush(lines: list[str], current: list[str]) -> None:
    line = _SPACES.sub(" ", "".join(current)).strip()
    if line:
        lines.append(line)
    current.clear()


def _walk(
    element: etree._Element, lines: list[str], current: list[str], unnamed: list[tuple[str, ...]]
) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in _DROP or not tag:  # comments and processing instructions have a non-string tag
        if element.tail:
            current.append(element.tail.replace("\n", " "))
        return
    if tag == "table" and not element.xpath(".//table"):
        _flush(lines, current)
        lines.extend(line for line in render(_grid(element), unnamed) if line.strip())
    else:
        block = tag in _BLOCK or tag == "table" or tag in ("td", "th")
        if block:
            _flush(lines, current)
        if tag == "br":
            _flush(lines, current)
        if element.text:
            current.append(element.text.replace("\n", " "))
        for child in element:
            _walk(child, lines, current, unnamed)
        if block:
            _flush(lines, current)
    if element.tail:
        current.append(element.tail.replace("\n", " "))


def _cell_text(cell: etree._Element) -> str:
    """A cell's text, its paragraphs and line breaks kept as newlines (as a Word cell's paragraphs are)."""
    lines: list[str] = []
    current: list[str] = []
    _walk(cell, lines, current, [])  # a data table holds no table, so nothing is noted here
    _flush(lines, current)
    return "\n".join(lines)


def _span(cell: etree._Element, attribute: str) -> int:
    value = (cell.get(attribute) or "1").strip()
    return min(int(value), _MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def _grid(table: etree._Element) -> list[list[str]]:
    """Rows of cell texts; a cell spanning rows repeats below, one spanning columns is given once.

    That is how python-docx gives a merged Word cell, so :func:`table_lines` sees the same rows.

    >>> t = lxml.html.fragment_fromstring(
    ...     '<table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr><tr><td>丙</td><td>丁</td></tr></table>')
    >>> _grid(t)
    [['甲', '乙'], ['甲', '丙', '丁']]
    """
    rows: list[list[str]] = []
    # column → (rows still covered, text, whether the column is given in a row) from a rowspan above
    pending: dict[int, tuple[int, str, bool]] = {}
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        row: list[str] = []
        column = 0
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        for cell in [*cells, None]:
            while column in pending:
                left, text, given = pending[column]
                if given:
                    row.append(text)
                if left <= 1:
                    del pending[column]
                else:
                    pending[column] = (left - 1, text, given)
                column += 1
            if cell is None:
                break
            text = _cell_text(cell)
            down, across = _span(cell, "rowspan"), _span(cell, "colspan")
            row.append(text)
            if down > 1:
                for k in range(across):
                    pending[column + k] = (down - 1, text, k == 0)
            column += across
        rows.append(row)
    return rows
