"""Sending files: the one attachment helper, so that every download keeps its Chinese name.

A browser is told the name through ``Content-Disposition``; an ASCII-only ``filename="…"`` turns
``督办单-市发改委-2025-06-30.docx`` into ``board.xlsx`` or mojibake. Django's ``content_disposition_header``
writes both forms (``filename`` for old clients, ``filename*=UTF-8''…`` per RFC 6266), and this module is
the only place that calls it.
"""

from __future__ import annotations

from typing import IO

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"
PARQUET = "application/vnd.apache.parquet"
OCTET = "application/octet-stream"
BY_SUFFIX = {".xlsx": XLSX, ".docx": DOCX, ".csv": CSV, ".pdf": PDF, ".parquet": PARQUET}


def content_type_of(filename: str) -> str:
    """The content type a download of ``filename`` is sent with.

    >>> content_type_of("督办单.docx") == DOCX, content_type_of("x.bin")
    (True, 'application/octet-stream')
    """
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    return BY_SUFFIX.get(suffix, OCTET)


def attachment(content: bytes, *, filename: str, content_type: str | None = None) -> HttpResponse:
    """A download of ``content`` named ``filename`` (any script), never shown inline."""
    response = HttpResponse(content, content_type=content_type or content_type_of(filename))
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_attachment(handle: IO[bytes], *, filename: str) -> FileResponse:
    """A stored file (evidence, an uploaded plan) streamed as a download named ``filename``."""
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type_of(filename)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
