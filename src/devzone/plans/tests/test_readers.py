"""Input formats on real files: each reader gives the same tasks and owners as the text of the document.

The fixtures in ``formats/`` are made by ``formats/make_fixtures.py`` from two tuning documents (sources
in ``formats/README.md``): one written as numbered paragraphs, one a 任务分工表 table.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest

from devzone.plans.parse import parse_bytes, parse_file
from devzone.plans.readers import SUFFIXES, office, read_bytes, read_source
from devzone.plans.readers.html import read as read_html
from devzone.plans.schema import ParsedDocument, PlanParseError

FORMATS = Path(__file__).parent / "formats"
TUNING = Path(__file__).parent / "real" / "tuning"
PROSE = "huangshigang_2023_fenjie"
TABLE = "huoshan_kaifaqu_qingdan_2025"
needs_soffice = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice (soffice) is not installed")


def _tasks(doc: ParsedDocument) -> list[tuple[str, list[str]]]:
    return [(t.heading, [o.name for o in t.owners]) for plan in doc.plans for t in plan.tasks]


@pytest.mark.parametrize(
    "suffix",
    [".pdf", ".html", pytest.param(".odt", marks=needs_soffice), pytest.param(".rtf", marks=needs_soffice),
     pytest.param(".doc", marks=needs_soffice)],
)  # fmt: skip
def test_format_reads_the_same_tasks_and_owners_as_the_text(suffix: str) -> None:
    expected = _tasks(parse_file(TUNING / f"{PROSE}.txt"))
    assert (
        len(expected) == 11 and sum(len(owners) for _, owners in expected) == 19
    )  # the 2 of an unclosed bracket included
    assert _tasks(parse_file(FORMATS / f"{PROSE}{suffix}")) == expected


def test_saved_page_in_gb2312_drops_scripts_styles_and_navigation() -> None:
    data = (FORMATS / f"{PROSE}.html").read_bytes()
    assert b"charset=gb2312" in data
    text = read_bytes(data, source=f"{PROSE}.html")
    assert text.splitlines()[0] == "当前位置:首页 > 通知公告"
    assert "统计代码" not in text and "政务公开" not in text and ".nav" not in text


@pytest.mark.parametrize("suffix", [".html", ".pdf"])
def test_table_is_read_as_a_table(suffix: str) -> None:
    """The table's rows are tasks, its 责任单位 cells their owners; the 责任领导 (a person) is no owner."""
    gold = json.loads((TUNING / f"{TABLE}.gold.json").read_text("utf-8"))["plans"][0]["tasks"]
    tasks = _tasks(parse_file(FORMATS / f"{TABLE}{suffix}"))
    assert [owners for _, owners in tasks] == [[o["name"] for o in t["owners"]] for t in gold]
    assert all(heading.startswith(t["anchor"]) for (heading, _), t in zip(tasks, gold, strict=True))


def test_table_reads_alike_in_every_format() -> None:
    html_doc = parse_file(FORMATS / f"{TABLE}.html")
    pdf_doc = parse_file(FORMATS / f"{TABLE}.pdf")
    assert _tasks(html_doc) == _tasks(pdf_doc)


def test_rowspan_cell_repeats_down_its_rows() -> None:
    page = (
        "<table><tr><th>序号</th><th>重点任务</th><th>具体内容</th><th>责任单位</th></tr>"
        '<tr><td>1</td><td rowspan="2">优化机制</td><td>理顺职责</td><td>市委编办</td></tr>'
        "<tr><td>2</td><td>精简程序</td><td>市政务服务局</td></tr></table>"
    )
    assert read_html(page.encode(), "a.html").text.splitlines() == [
        "1.优化机制",
        "理顺职责(责任单位:市委编办)",
        "精简程序(责任单位:市政务服务局)",
    ]


def test_layout_table_around_the_article_is_read_as_paragraphs() -> None:
    page = (
        "<table><tr><td>栏目</td><td><table><tr><td>一、主要任务</td></tr></table>"
        "<p>1.优化机制。(责任单位:市委编办)</p></td></tr></table>"
    )
    assert read_html(page.encode(), "a.html").text.splitlines() == [
        "栏目",
        "一、主要任务",
        "1.优化机制。(责任单位:市委编办)",
    ]


# --- bad input ---------------------------------------------------------------------------------------


def test_scanned_pdf_is_refused_as_having_no_text_layer() -> None:
    with pytest.raises(PlanParseError, match=rf"^{PROSE}\.scan\.pdf：PDF 没有文字层（扫描件或图片）"):
        parse_file(FORMATS / f"{PROSE}.scan.pdf")


def test_encrypted_pdf_is_refused() -> None:
    with pytest.raises(PlanParseError, match=rf"^{PROSE}\.encrypted\.pdf：PDF 已加密（需要密码才能打开）"):
        parse_file(FORMATS / f"{PROSE}.encrypted.pdf")


def test_page_with_no_text_is_refused() -> None:
    page = b"<html><head><script>go()</script><style>p{}</style></head><body><nav>\xe9\xa6\x96\xe9\xa1\xb5</nav></body></html>"
    with pytest.raises(PlanParseError, match=r"^空页\.html：网页中没有正文文字"):
        parse_bytes(page, source="空页.html")


def test_word_processor_file_without_libreoffice_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no soffice on it
    with pytest.raises(
        PlanParseError, match=r"^方案\.wps：读取此格式需要 LibreOffice（soffice），本机未安装"
    ):
        parse_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, source="方案.wps")


def test_fifty_megabyte_text_file_is_refused_by_the_size_limit() -> None:
    data = "一、主要任务\n".encode() * (50 * 1024 * 1024 // 19 + 1)
    with pytest.raises(PlanParseError, match=r"^大文件\.txt：文件大小 50 MB 超过上限 20 MB"):
        parse_bytes(data, source="大文件.txt")


def test_zip_bomb_docx_is_refused_before_parsing() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<" + b"a" * (300 * 1024 * 1024))
    with pytest.raises(PlanParseError, match=r"^炸弹\.docx：文件内的 word/document\.xml 解压后"):
        parse_bytes(buf.getvalue(), source="炸弹.docx")


def test_docx_with_tracked_changes_is_refused() -> None:
    document = docx.Document()
    document.add_paragraph("一、主要任务")
    buf = io.BytesIO()
    document.save(buf)
    source = io.BytesIO(buf.getvalue())
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:p>", b'<w:p><w:ins w:id="1" w:author="x"/>', 1)
            zout.writestr(item, data)
    with pytest.raises(PlanParseError, match=r"^改\.docx：文件含有修订痕迹"):
        parse_bytes(out.getvalue(), source="改.docx")


def test_every_suffix_has_a_reader() -> None:
    assert set(SUFFIXES) == {".txt", ".docx", ".pdf", ".html", ".htm", ".doc", ".wps", ".rtf", ".odt"}


def test_readers_note_tables_whose_columns_have_no_name() -> None:
    page = "<table><tr><td>栏目</td><td>说明</td></tr><tr><td>甲</td><td>乙</td></tr></table>"
    assert read_source(page.encode(), source="a.html").unnamed_tables == (("栏目", "说明"),)
    named = FORMATS / f"{TABLE}.pdf"
    assert read_source(named.read_bytes(), source=named.name).unnamed_tables == ()
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "栏目", (0, 1): "说明", (1, 0): "甲", (1, 1): "乙"}.items():
        table.cell(r, c).text = text
    buf = io.BytesIO()
    document.save(buf)
    assert read_source(buf.getvalue(), source="a.docx").unnamed_tables == (("栏目", "说明"),)
