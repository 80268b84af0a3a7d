"""Word .docx: zip limits first (a few KB of zip can expand to gigabytes), then tracked changes, then text."""

from __future__ import annotations

import io
import zipfile
import zlib

import docx

from devzone.core.files import DEFAULT_LIMITS, FileRefused, check_zip
from devzone.plans.docx_in import docx_text
from devzone.plans.readers.tables import SourceText, unnamed_header
from devzone.plans.schema import PlanParseError

_INSERT_OR_DELETE = (b"<w:ins ", b"<w:del ")


def read(data: bytes, name: str) -> SourceText:
    """Text of a .docx; refused when it is not a zip, expands past the limits, or has tracked changes.

    >>> read(b"plain", "a.docx")
    Traceback (most recent call last):
    ...
    devzone.plans.schema.PlanParseError: a.docx：不是有效的 Office Open XML 文件（扩展名与内容不符，或文件已损坏）
    """
    try:
        archive = check_zip(name, data, DEFAULT_LIMITS)
    except FileRefused as exc:
        raise PlanParseError(str(exc)) from exc
    with archive:
        try:
            xml = archive.read("word/document.xml")
        except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise PlanParseError(
                f"{name}：不是 Word 文档（缺少正文 word/document.xml，或文件已损坏）"
            ) from exc
    # a revision the author has not accepted would be read as if it were agreed text
    if any(mark in xml for mark in _INSERT_OR_DELETE):
        raise PlanParseError(f"{name}：文件含有修订痕迹（tracked changes），请接受或拒绝全部修订后再上传")
    text = docx_text(data, source=name)  # the file is readable: the checks below cannot fail on it
    tables = docx.Document(io.BytesIO(data)).tables
    headers = (unnamed_header([[c.text for c in row.cells] for row in t.rows]) for t in tables)
    return SourceText(text, tuple(h for h in headers if h is not None))
