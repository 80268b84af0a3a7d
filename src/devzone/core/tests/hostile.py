"""Hostile upload files, built byte by byte so that each is exactly the attack it names.

Used by the shared reader's own tests and by every slice's import tests: each import must refuse each
file with a Chinese message naming it, write nothing, and leave the server answering.
"""

from __future__ import annotations

import io
import zipfile
import zlib

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx(sheet_xml: str | bytes, *, sheet: str = "Sheet1") -> bytes:
    """A minimal valid .xlsx whose one worksheet is ``sheet_xml``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK.format(name=sheet))
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def worksheet(rows: str, *, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{rows}</sheetData></worksheet>"
    )


def far_corner() -> bytes:
    """About 1.5 KB: cells at A1 and XFD1048576 (calamine would build a 16,384 × 1,048,576 grid)."""
    rows = f'<row r="1">{_inline("A1", "x")}</row><row r="1048576">{_inline("XFD1048576", "y")}</row>'
    return xlsx(worksheet(rows, dimension="A1:XFD1048576"))


def far_corner_undeclared() -> bytes:
    """The same two cells with a small, lying ``<dimension>``: only the real extent gives it away."""
    rows = f'<row r="1">{_inline("A1", "x")}</row><row r="1048576">{_inline("XFD1048576", "y")}</row>'
    return xlsx(worksheet(rows, dimension="A1:B2"))


def all_rows() -> bytes:
    """1,048,576 rows (one cell in the last)."""
    return xlsx(
        worksheet(f'<row r="1">{_inline("A1", "x")}</row><row r="1048576">{_inline("A1048576", "y")}</row>')
    )


def all_columns() -> bytes:
    """16,384 columns (a cell in XFD1)."""
    return xlsx(worksheet(f'<row r="1">{_inline("A1", "x")}{_inline("XFD1", "y")}</row>'))


def bomb(megabytes: int = 400) -> bytes:
    """A few hundred KB that expand to ``megabytes`` MB of worksheet XML (whitespace inside a cell)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK.format(name="Sheet1"))
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(
                worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>').encode()[
                    : -len("</sheetData></worksheet>")
                ]
            )
            chunk = b" " * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</t></is></c></row></sheetData></worksheet>")
    return buffer.getvalue()


def docx_bomb(megabytes: int = 400) -> bytes:
    """A .docx whose ``word/document.xml`` expands to ``megabytes`` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            )
            chunk = b" " * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def renamed_binary() -> bytes:
    """An ELF header and random-looking bytes, as a file renamed to .xlsx/.csv/.pdf would carry."""
    return b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8


HOSTILE_XLSX = {
    "far_corner": far_corner,
    "far_corner_undeclared": far_corner_undeclared,
    "all_rows": all_rows,
    "all_columns": all_columns,
    "bomb": bomb,
    "renamed_binary": renamed_binary,
    "empty": lambda: b"",
}


def pdf_bomb(megabytes: int = 400) -> bytes:
    """A one-page PDF whose page stream is ``megabytes`` of spaces deflated to about 1/1000 of that: no
    zip to check from outside; pdfminer inflates the stream whole and walks it (400 MB: 870 MB, 14 s)."""
    raw = b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n" + b" " * (megabytes * 1024 * 1024)
    stream = zlib.compress(raw, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    count = len(objects) + 1
    return (
        out
        + b"xref\n0 %d\n0000000000 65535 f \n%strailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (
            count,
            table,
            count,
            len(out),
        )
    )
