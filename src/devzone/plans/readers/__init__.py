"""Plan readers: one per input format, each turning a file's bytes into the text the parser reads.

The format is sniffed from the bytes first (``%PDF-``, a zip, an OLE compound file, ``{\\rtf``) and from the
file name only when the bytes say nothing (HTML and plain text look alike). Every document check — size,
zip limits, tracked changes, encryption, a missing text layer, a page with no text — is made here, so an
action or a command never repeats it. Every refusal is a ``PlanParseError`` whose message names the file
and says why in Chinese, because the person who reads it is the one who has the file.

Tables are rendered by :func:`devzone.plans.docx_in.table_lines` whatever the format, so a 任务分工表 in a
.pdf or a saved web page reaches the parser in the same lines as the same table in a .docx.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from devzone.core.files import DEFAULT_LIMITS, FileRefused, Limits, check_size, isolation_reason
from devzone.core.isolated import Failed, preload, run_isolated
from devzone.plans.readers import html, office, pdf, plain, word
from devzone.plans.readers.tables import SourceText
from devzone.plans.schema import PlanParseError

__all__ = ["SUFFIXES", "SourceText", "read_bytes", "read_source"]

Reader = Callable[[bytes, str], SourceText]

#: file suffix → reader, for bytes whose content does not name their format
READERS: dict[str, Reader] = {
    ".txt": plain.read,
    ".docx": word.read,
    ".pdf": pdf.read,
    ".html": html.read,
    ".htm": html.read,
    **dict.fromkeys(office.SUFFIXES, office.read),
}
#: every suffix an upload may have, in the order the upload form lists them
SUFFIXES: tuple[str, ...] = tuple(READERS)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.wps/.xls (compound file)

preload(["devzone.plans.readers"])  # parse children start with pdfplumber, python-docx and lxml loaded


def read_bytes(data: bytes, *, source: str) -> str:
    """The text of a plan file, read by the reader of its format (:func:`read_source` without its notes).

    >>> read_bytes("一、主要任务".encode("gbk"), source="a.txt")
    '一、主要任务'
    >>> read_bytes("<html><body><p>一、主要任务</p></body></html>".encode(), source="a.html")
    '一、主要任务'
    >>> read_bytes(b"%PDF-1.4 broken", source="a.pdf")
    Traceback (most recent call last):
    ...
    devzone.plans.schema.PlanParseError: a.pdf：无法读取 PDF 文件（文件已损坏或不是 PDF）
    """
    return read_source(data, source=source).text


def read_source(data: bytes, *, source: str, limits: Limits = DEFAULT_LIMITS) -> SourceText:
    """The text of a plan file and what its reader noted (tables whose columns it could not name)."""
    name = Path(source.replace("\\", "/")).name
    if data:
        try:
            check_size(name, len(data), limits)
        except FileRefused as exc:
            raise PlanParseError(str(exc)) from exc
    reader = _reader(data, name)
    if reader is plain.read:  # decoding text: bounded by the size check, nothing to expand
        return reader(data, name)
    # A PDF's streams, a .docx's XML and a web page are expanded by libraries that trust the file (a
    # 400 KB PDF deflate bomb took pdfminer to 870 MB): parsed where running out of memory or time hits
    # only that parse.
    try:
        text: SourceText = run_isolated(
            f"{reader.__module__}:{reader.__name__}",
            (data, name),
            memory_bytes=limits.parse_memory_bytes,
            seconds=limits.parse_seconds,
        )
    except Failed as failed:
        raise PlanParseError(f"{name}：{isolation_reason(failed)}") from failed
    return text


def _reader(data: bytes, name: str) -> Reader:
    suffix = Path(name).suffix.lower()
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return pdf.read
    if head.startswith(b"PK\x03\x04"):
        return office.read if suffix in office.SUFFIXES else word.read
    if head.startswith(_OLE) or data.lstrip()[:5] == b"{\\rtf":
        return office.read
    return READERS.get(suffix, plain.read)
