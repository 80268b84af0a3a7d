"""Word-processor formats python-docx cannot open (.doc, .wps, .rtf, .odt), converted through LibreOffice.

``soffice --headless --convert-to docx`` runs in a temporary directory with its own user profile (two
conversions at once would otherwise fight over one profile's lock) and a time limit; the .docx it writes
is then read by :mod:`devzone.plans.readers.word`, so the converted file passes the same checks as an
uploaded one. Without ``soffice`` on ``PATH`` the file is refused with a message saying LibreOffice is
needed, never read half-way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from devzone.core.files import DEFAULT_LIMITS, FileRefused, check_zip
from devzone.plans.readers import OFFICE_SUFFIXES, word
from devzone.plans.readers.tables import SourceText
from devzone.plans.schema import PlanParseError

SUFFIXES = OFFICE_SUFFIXES
TIMEOUT_SECONDS = float(os.environ.get("DEVZONE_SOFFICE_SECONDS", "120"))
_ZIP = b"PK\x03\x04"


def soffice() -> str | None:
    """The LibreOffice executable on ``PATH``, or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(data: bytes, name: str) -> SourceText:
    """Text of a .doc/.wps/.rtf/.odt file, converted to .docx by LibreOffice first."""
    if data.startswith(_ZIP):  # .odt is a zip: its members are checked before LibreOffice expands them
        try:
            check_zip(name, data, DEFAULT_LIMITS).close()
        except FileRefused as exc:
            raise PlanParseError(str(exc)) from exc
    program = soffice()
    if program is None:
        raise PlanParseError(
            f"{name}：读取此格式需要 LibreOffice（soffice），本机未安装；请另存为 .docx 或 .txt 后上传"
        )
    return word.read(_to_docx(program, data, name), name)


def _to_docx(program: str, data: bytes, name: str) -> bytes:
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in SUFFIXES else ".doc"
    with tempfile.TemporaryDirectory(prefix="devzone-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"upload{suffix}"
        source.write_bytes(data)
        command = [
            program,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            raise PlanParseError(
                f"{name}：LibreOffice 转换超过 {TIMEOUT_SECONDS:.0f} 秒未完成，请另存为 .docx 后上传"
            ) from exc
        result = work / "out" / "upload.docx"
        if not result.is_file():
            raise PlanParseError(f"{name}：LibreOffice 无法打开此文件（文件已损坏，或不是文字处理文档）")
        return result.read_bytes()
