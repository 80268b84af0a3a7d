"""The shared upload reader: every hostile file is refused before parsing, with the file named; a parse
that dies takes only its child process with it; ordinary files read exactly."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from devzone.core import files
from devzone.core.files import CellIssue, FileRefused, Limits, read_table, read_upload
from devzone.core.tests import hostile


def _xlsx(rows: list[list[object]], *, sheet: str = "数据") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("attack", sorted(hostile.HOSTILE_XLSX))
def test_every_hostile_xlsx_is_refused_quickly_with_the_file_named(attack: str) -> None:
    content = hostile.HOSTILE_XLSX[attack]()
    started = time.perf_counter()
    with pytest.raises(FileRefused) as refused:
        read_table(f"攻击-{attack}.xlsx", content)
    assert time.perf_counter() - started < 5
    (issue,) = refused.value.issues
    assert issue.file == f"攻击-{attack}.xlsx"
    assert str(issue).startswith(f"攻击-{attack}.xlsx")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in issue.reason)


def test_the_1_5_kb_far_corner_file_names_its_sheet_and_the_row_count() -> None:
    content = hostile.far_corner()
    assert len(content) < 2000
    with pytest.raises(FileRefused) as refused:
        read_table("企业数据.xlsx", content)
    (issue,) = refused.value.issues
    assert (issue.sheet, issue.row) == ("Sheet1", 0)
    assert "1,048,576 行" in issue.reason


def test_a_lying_dimension_does_not_hide_the_real_extent() -> None:
    with pytest.raises(FileRefused, match="实际有 1,048,576 行"):
        read_table("a.xlsx", hostile.far_corner_undeclared())


def test_sixteen_thousand_columns_are_refused_with_the_column_letters() -> None:
    with pytest.raises(FileRefused, match="XFD 列"):
        read_table("a.xlsx", hostile.all_columns())


def test_a_compression_bomb_is_refused_by_ratio_even_under_the_size_cap() -> None:
    with pytest.raises(FileRefused, match="压缩比"):
        read_table("a.xlsx", hostile.bomb(megabytes=120))


def test_a_docx_bomb_is_refused_by_the_zip_check() -> None:
    with pytest.raises(FileRefused, match=r"word/document\.xml"):
        files.check_zip("方案.docx", hostile.docx_bomb(megabytes=300))


def _zip_of(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, b"")
    return out.getvalue()


def test_a_zip_of_too_many_members_or_too_long_names_is_refused_before_any_is_read() -> None:
    with pytest.raises(FileRefused, match=r"宗地\.zip：压缩包内有 10,001 个文件，超过上限 10,000 个"):
        files.check_zip("宗地.zip", _zip_of([f"{i}.txt" for i in range(10_001)]))
    with pytest.raises(FileRefused, match=r"长 401 个字符，超过上限 400 个"):
        files.check_zip("宗地.zip", _zip_of(["a" * 401]))
    assert files.check_zip("宗地.zip", _zip_of(["a" * 400])).namelist() == ["a" * 400]


def test_a_file_that_is_no_zip_is_told_what_its_caller_expected() -> None:
    with pytest.raises(FileRefused, match="不是有效的 Office Open XML 文件"):
        files.check_zip("a.xlsx", b"plain")
    with pytest.raises(FileRefused, match=r"^宗地\.zip：不是 zip 压缩包$"):
        files.check_zip("宗地.zip", b"plain", not_zip="不是 zip 压缩包")


def test_a_parse_that_runs_out_of_memory_kills_only_the_child() -> None:
    """Past the checks (called directly), calamine would build the 16,384 × 1,048,576 grid: the child's
    address-space limit ends it, and this process carries on with a refusal."""
    limits = Limits(parse_memory_bytes=1024 * files.MiB)
    with pytest.raises(FileRefused, match="内存上限"):
        files._parse_xlsx_isolated("a.xlsx", hostile.far_corner(), limits)
    assert read_table("ok.csv", b"a\n1\n").sheet().rows == [["a"], ["1"]]


def test_wrong_types_and_sizes_are_refused_before_reading() -> None:
    with pytest.raises(FileRefused, match=r"不支持的文件类型 \.exe"):
        read_table("a.exe", b"MZ")
    with pytest.raises(FileRefused, match="改了扩展名"):
        read_table("a.csv", hostile.renamed_binary())
    with pytest.raises(FileRefused, match="超过上限 1 KB"):
        read_table("a.csv", b"x" * 2048, limits=Limits(max_bytes=1024))


def test_csv_rows_and_columns_limits_name_the_row() -> None:
    with pytest.raises(FileRefused) as refused:
        read_table("a.csv", b"a,b\n" * 11, limits=Limits(max_rows=10))
    assert refused.value.issues[0].row == 11
    with pytest.raises(FileRefused) as refused:
        read_table("a.csv", b"a\n" + b",".join([b"x"] * 20) + b"\n", limits=Limits(max_columns=10))
    assert refused.value.issues[0].row == 2


def test_csv_in_utf8_bom_and_gb18030_read_the_same() -> None:
    text = "开发区,数值\n连云港经济技术开发区,12.5\n"
    for encoding in ("utf-8", "utf-8-sig", "gb18030"):
        table = read_table("数据.csv", text.encode(encoding))
        assert table.sheet().rows == [["开发区", "数值"], ["连云港经济技术开发区", "12.5"]]


def test_xlsx_rows_keep_the_file_row_numbers_and_types() -> None:
    content = _xlsx([["名称", "数值"], [], ["甲", 1.5], ["乙", 2]])
    table = read_table("C:\\fakepath\\数据.xlsx", content)
    assert table.file == "数据.xlsx"
    assert table.sheet_names == ["数据"]
    rows = table.sheet("数据").rows
    assert rows[0] == ["名称", "数值"]
    assert rows[2] == ["甲", 1.5]
    assert rows[3][0] == "乙"
    assert float(rows[3][1]) == 2.0


def test_a_missing_sheet_is_named_with_the_ones_there() -> None:
    table = read_table("a.xlsx", _xlsx([["x"]], sheet="第一页"))
    with pytest.raises(FileRefused, match=r"没有工作表“企业数据”.*第一页"):
        table.sheet("企业数据")
    assert table.sheet("企业数据", fallback_first=True).name == "第一页"


def test_read_upload_refuses_by_declared_size_before_reading() -> None:
    class Big(io.BytesIO):
        name = "../大文件.xlsx"
        size = 50 * files.MiB

        def read(self, *args: object) -> bytes:
            raise AssertionError("an oversized upload must not be read")

    with pytest.raises(FileRefused, match=r"大文件\.xlsx：文件大小 50 MB 超过上限 20 MB"):
        read_upload(Big())


def test_cell_issue_reads_as_a_sentence() -> None:
    issue = CellIssue(file="a.xlsx", sheet="数据", row=3, column="B", reason="不是数字")
    assert str(issue) == "a.xlsx，工作表“数据”，第 3 行，B 列：不是数字"
    refused = FileRefused([issue] * 60)
    assert "另有 10 处问题" in str(refused)
