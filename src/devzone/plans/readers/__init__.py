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

from pathlib import Path

from devzone.core.files import DEFAULT_LIMITS, FileRefused, Limits, check_size, isolation_reason
from devzone.core.isolated import Failed, preload, run_isolated
from devzone.plans.readers import plain
from devzone.plans.readers.tables import SourceText
from devzone.plans.schema import PlanParseError

__all__ = ["SUFFIXES", "SourceText", "read_bytes", "read_source"]

# The readers of formats a library expands (PDF, .docx, HTML, LibreOffice's) run in a parse child, named
# by module: the process that reads a plain text — the ``devzone plan parse`` command, a test — never
# imports pdfplumber, python-docx or lxml (a tenth of a second of its start-up); the parse children
# start with them loaded.
_PDF, _WORD, _HTML, _OFFICE = (f"devzone.plans.readers.{m}:read" for m in ("pdf", "word", "html", "office"))
#: what LibreOffice converts (named here, so that naming them imports no reader)
OFFICE_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")

#: file suffix → reader ("module:function"), for bytes whose content does not name their format
READERS: dict[str, str] = {
    ".txt": "devzone.plans.readers.plain:read",
    ".docx": _WORD,
    ".pdf": _PDF,
    ".html": _HTML,
    ".htm": _HTML,
    **dict.fromkeys(OFFICE_SUFFIXES, _OFFICE),
}
#: every suffix an upload may have, in the order the upload form lists them
SUFFIXES: tuple[str, ...] = tuple(READERS)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.wps/.xls (compound file)

preload([t.split(":")[0] for t in (_PDF, _WORD, _HTML, _OFFICE)])


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
    if reader == READERS[".txt"]:  # decoding text: bounded by the size check, nothing to expand
        return plain.read(data, name)
    # A PDF's streams, a .docx's XML and a web page are expanded by libraries that trust the file (a
    # 400 KB PDF deflate bomb took pdfminer to 870 MB): parsed where running out of memory or time hits
    # only that parse.
    try:
        text: SourceText = run_isolated(
            reader,
            (data, name),
            memory_bytes=limits.parse_memory_bytes,
            seconds=limits.parse_seconds,
        )
    except Failed as failed:
        raise PlanParseError(f"{name}：{isolation_reason(failed)}") from failed
    return text


def _reader(data: bytes, name: str) -> str:
    """The reader of a file ("module:function"), by its bytes, else by its name."""
    suffix = Path(name).suffix.lower()
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return _PDF
    if head.startswith(b"PK\x03\x04"):
        return _OFFICE if suffix in OFFICE_SUFFIXES else _WORD
    if head.startswith(_OLE) or data.lstrip()[:5] == b"{\\rtf":
        return _OFFICE
    return READERS.get(suffix, READERS[".txt"])
