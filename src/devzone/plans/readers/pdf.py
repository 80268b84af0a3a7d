"""PDF with a text layer, through pdfplumber: body lines re-joined into paragraphs, ruled tables as tables.

A PDF has no paragraphs, only placed lines, so a paragraph that wraps is re-joined here: a line that
reaches the right margin continues on the next line unless that line is indented (a new paragraph in
Chinese official documents starts two characters in, GB/T 9704-2012 §7.3.3) or starts with a heading
number. A ruled table found by pdfplumber is rebuilt as a grid of cells (a merged cell repeats down its
rows and is given once across its columns, as python-docx gives a merged Word cell) and rendered by
:func:`~devzone.plans.docx_in.table_lines`; the line breaks inside a cell are wraps, so they are dropped.

Refused: a PDF that needs a password to open, and one with no text layer at all (a scan): reading it
would need OCR, and an empty plan would look like a plan with no tasks.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from itertools import pairwise
from types import UnionType
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from devzone.plans.headings import heading_mark
from devzone.plans.readers.tables import SourceText, render
from devzone.plans.schema import PlanParseError
from devzone.plans.text import normalise

MAX_PAGES = 2000
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef，。、；：！？）》”’]")


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float  # character height, the unit of indents and margins


def read(data: bytes, name: str) -> SourceText:
    """Text of a PDF's text layer; ``PlanParseError`` for a damaged, encrypted or scanned file.

    >>> read(b"%PDF-1.4 broken", "a.pdf")
    Traceback (most recent call last):
    ...
    devzone.plans.schema.PlanParseError: a.pdf：无法读取 PDF 文件（文件已损坏或不是 PDF）
    """
    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            pages = document.pages
            if len(pages) > MAX_PAGES:
                raise PlanParseError(f"{name}：PDF 共 {len(pages)} 页，超过上限 {MAX_PAGES} 页")
            blocks = [block for page in pages for block in _page_blocks(page)]
    except (PlanParseError, MemoryError):  # out of memory is the parse child's limit, not a damaged file
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged files; all mean "cannot read"
        if _caused_by(exc, MemoryError):  # pdfplumber wraps pdfminer's errors, this one included
            raise MemoryError from exc
        if _caused_by(exc, PDFPasswordIncorrect | PDFEncryptionError):
            raise PlanParseError(f"{name}：PDF 已加密（需要密码才能打开），请上传未加密的版本") from exc
        raise PlanParseError(f"{name}：无法读取 PDF 文件（文件已损坏或不是 PDF）") from exc
    if not any(isinstance(b, _Line) or any(c.strip() for r in b for c in r) for b in blocks):
        raise PlanParseError(
            f"{name}：PDF 没有文字层（扫描件或图片），无法读取文字；请上传带文字的 PDF、Word 或文本版本"
        )
    unnamed: list[tuple[str, ...]] = []
    return SourceText("\n".join(_lines(blocks, unnamed)), tuple(unnamed))


def _caused_by(exc: BaseException, kind: type[BaseException] | UnionType) -> bool:
    """Whether ``exc`` is, wraps (as an argument) or was raised from an exception of ``kind``."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _page_blocks(page: Any) -> list[_Line | list[list[str]]]:
    """The page's lines and tables, top to bottom."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    body = page.filter(outside) if boxes else page
    placed: list[tuple[float, _Line | list[list[str]]]] = []
    for line in body.extract_text_lines(return_chars=True, strip=True):
        if not line["text"].strip():
            continue
        sizes = [c["size"] for c in line["chars"] if c["text"].strip()] or [10.0]
        size = sorted(sizes)[len(sizes) // 2]
        placed.append((line["top"], _Line(line["text"], line["x0"], line["x1"], line["top"], size)))
    placed.extend((table.bbox[1], _table_rows(page, table)) for table in tables)
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _join(parts: list[str]) -> str:
    """Wrapped pieces of one text: glued between Chinese characters, a space between Latin words."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(part[0])):
            out += " "
        out += part
    return out


def _table_rows(page: Any, table: Any) -> list[list[str]]:
    cells = [c for c in table.cells if c]
    xs = sorted({round(v, 1) for c in cells for v in (c[0], c[2])})
    ys = sorted({round(v, 1) for c in cells for v in (c[1], c[3])})
    texts: dict[tuple[float, float, float, float], str] = {}
    rows: list[list[str]] = []
    for top, bottom in pairwise(ys):
        row: list[str] = []
        last = None
        for left, right in pairwise(xs):
            cx, cy = (left + right) / 2, (top + bottom) / 2
            cell = next((c for c in cells if c[0] <= cx <= c[2] and c[1] <= cy <= c[3]), None)
            if cell is None or cell is last:  # a cell spanning columns is given once
                continue
            last = cell
            if cell not in texts:
                text = page.crop(cell, strict=False).extract_text() or ""
                texts[cell] = _join(text.split("\n"))
            row.append(texts[cell])
        if row:
            rows.append(row)
    return rows


def _lines(blocks: list[_Line | list[list[str]]], unnamed: list[tuple[str, ...]]) -> list[str]:
    """Paragraph lines: wrapped body lines re-joined, tables rendered."""
    body = [b for b in blocks if isinstance(b, _Line)]
    left = min((b.x0 for b in body), default=0.0)
    right = max((b.x1 for b in body), default=0.0)
    out: list[str] = []
    paragraph: list[str] = []
    previous: _Line | None = None
    for block in blocks:
        if not isinstance(block, _Line):
            if paragraph:
                out.append(_join(paragraph))
                paragraph = []
            out.extend(render(block, unnamed))
            previous = None
            continue
        continues = (
            previous is not None
            and previous.x1 >= right - 1.5 * previous.size
            and block.x0 <= left + 0.5 * block.size
            and heading_mark(normalise(block.text)) is None
        )
        if paragraph and not continues:
            out.append(_join(paragraph))
            paragraph = []
        paragraph.append(block.text)
        previous = block
    if paragraph:
        out.append(_join(paragraph))
    return out
