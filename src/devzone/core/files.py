"""Reading uploaded tables: the one reader of every import (.xlsx through python-calamine, .csv in UTF-8,
UTF-8 with BOM or GB18030).

Why this module exists: an upload is the one input any user with an import role controls byte by byte.
A 1.5 KB .xlsx with cells at A1 and XFD1048576 makes calamine allocate a 16,384 × 1,048,576 grid and abort
the process (not a Python exception); a few MB of zip can expand to gigabytes of XML. So, before anything
parses a file:

1. its size in bytes is checked;
2. a zip (.xlsx, .docx) is opened by its directory only: every member's uncompressed size, the sum of
   them and the compression ratio are checked, and then each worksheet's XML is streamed (never held
   whole) to read its declared ``<dimension>`` and its real extent (highest row, highest column, number
   of cells) against the row, column and cell limits;
3. the parse itself runs in a child process with an address-space limit (``RLIMIT_AS``) and a time
   limit (:mod:`devzone.core.isolated`), so that if calamine still aborts or runs out of memory only the
   child dies and the server answers the next request.

Every refusal is a :class:`FileRefused` listing :class:`CellIssue` s — file, sheet, row, column, reason —
in Chinese, because the person who reads them is the one who typed the file. Pure module: no Django.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from devzone.core.isolated import Failed, preload, run_isolated

MiB = 1024 * 1024
XLSX_SUFFIXES = (".xlsx", ".xlsm")
TABLE_SUFFIXES = (*XLSX_SUFFIXES, ".csv")
ZIP_MAGIC = b"PK\x03\x04"

preload(["devzone.core.files", "python_calamine"])  # the parse children start with calamine loaded


@dataclass(frozen=True, kw_only=True)
class Limits:
    """Size and shape limits of one upload (defaults fit a whole city's yearly data with room to spare)."""

    max_bytes: int = 20 * MiB
    max_member_bytes: int = 200 * MiB  # one zip member, uncompressed
    max_total_bytes: int = 400 * MiB  # all members, uncompressed
    max_ratio: int = 150  # uncompressed : compressed, per member over 1 MiB
    max_members: int = 10_000  # entries in a zip's directory (a workbook has tens, a Shapefile zip a handful)
    max_member_name: int = 400  # characters of one entry's name
    max_rows: int = 500_000
    max_columns: int = 1_000
    max_cells: int = 10_000_000
    max_sheets: int = 50
    parse_memory_bytes: int = int(os.environ.get("DEVZONE_PARSE_MEMORY_MB", "3072")) * MiB
    parse_seconds: float = float(os.environ.get("DEVZONE_PARSE_SECONDS", "120"))


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, kw_only=True)
class CellIssue:
    """One reason a file or a cell was refused, and where: ``row`` 0 and ``column`` "" mean the whole file
    (or sheet); ``row`` is the file's own row number (the header is usually row 1)."""

    file: str
    sheet: str = ""
    row: int = 0
    column: str = ""
    reason: str
    code: str = ""  # a stable machine-readable kind (``not_a_number``, ``wrong_zone``…) for API clients

    @property
    def location(self) -> str:
        """``file: sheet!E7`` — the spreadsheet's own way of naming a cell.

        >>> CellIssue(file="a.xlsx", sheet="数据填报", row=7, column="E", reason="x").location
        'a.xlsx: 数据填报!E7'
        """
        prefix = f"{self.file}: " if self.file else ""
        return f"{prefix}{self.sheet}!{self.column}{self.row or ''}"

    def __str__(self) -> str:
        """The issue as a person reads it.

        >>> str(CellIssue(file="数据.xlsx", sheet="企业数据", row=5, column="uscc", reason="校验码错误"))
        '数据.xlsx，工作表“企业数据”，第 5 行，uscc 列：校验码错误'
        >>> str(CellIssue(file="数据.csv", reason="文件是空的"))
        '数据.csv：文件是空的'
        """
        parts = [self.file]
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.row:
            parts.append(f"第 {self.row} 行")
        if self.column:
            parts.append(f"{self.column} 列")
        return "，".join(parts) + f"：{self.reason}"


class FileRefused(Exception):
    """The file (or some of its cells) was refused; ``issues`` lists every reason, and nothing was written."""

    def __init__(self, issues: Sequence[CellIssue]) -> None:
        self.issues = tuple(issues)
        head = "\n".join(str(i) for i in self.issues[:50])
        more = f"\n……另有 {len(self.issues) - 50} 处问题" if len(self.issues) > 50 else ""
        super().__init__(f"{head}{more}")

    def __reduce__(self) -> tuple[type[FileRefused], tuple[tuple[CellIssue, ...]]]:
        return (FileRefused, (self.issues,))  # rebuilt from its issues when it comes back from a parse child

    @classmethod
    def one(cls, file: str, reason: str, **where: Any) -> FileRefused:
        return cls([CellIssue(file=file, reason=reason, **where)])


@dataclass(frozen=True)
class Sheet:
    """One sheet as read: ``rows[i]`` is the file's row ``i + 1``; an empty cell is ``""``."""

    name: str
    rows: list[list[Any]] = field(repr=False)


@dataclass(frozen=True)
class Table:
    """An uploaded table file: its name and its sheets in file order (a .csv has one sheet named "")."""

    file: str
    sheets: tuple[Sheet, ...]

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def sheet(self, name: str | None = None, *, fallback_first: bool = False) -> Sheet:
        """The sheet called ``name`` (or the first one when ``name`` is None or ``fallback_first``)."""
        for s in self.sheets:
            if name is None or s.name == name:
                return s
        if fallback_first and self.sheets:
            return self.sheets[0]
        raise FileRefused.one(self.file, f"文件中没有工作表“{name}”（现有：{'、'.join(self.sheet_names)}）")


def display_name(name: str) -> str:
    """The file's own name without any path a browser or client sent along.

    >>> display_name("C:\\\\Users\\\\me\\\\数据.xlsx"), display_name("../../etc/数据.csv")
    ('数据.xlsx', '数据.csv')
    """
    return PurePath(name.replace("\\", "/")).name or "上传文件"


def _mib(n: float) -> str:
    return f"{n / MiB:,.0f} MB" if n >= MiB else f"{n / 1024:,.0f} KB"


# ---------------------------------------------------------------------------------------------
# the checks made before parsing


def check_size(file: str, size: int, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse an empty file or one over ``limits.max_bytes``."""
    if size == 0:
        raise FileRefused.one(file, "文件是空的（0 字节）")
    if size > limits.max_bytes:
        raise FileRefused.one(file, f"文件大小 {_mib(size)} 超过上限 {_mib(limits.max_bytes)}")


NOT_OFFICE = "不是有效的 Office Open XML 文件（扩展名与内容不符，或文件已损坏）"


def check_zip(
    file: str, content: bytes, limits: Limits = DEFAULT_LIMITS, *, not_zip: str = NOT_OFFICE
) -> zipfile.ZipFile:
    """Open ``content`` as a zip by its directory and refuse members that would expand past the limits.

    ``not_zip`` is what a file that is no zip at all is told (an .xlsx or .docx by default; a Shapefile
    zip says so itself). The number of entries and the length of each entry's name are limited too: a
    directory of a million entries, or names of megabytes, cost every later step memory and time.
    The uncompressed sizes are the ones the directory declares; a member that lies about its size is
    cut at the declared size by :mod:`zipfile` when it is streamed, and the parse child's memory limit
    covers a reader that trusts the data instead.

    >>> check_zip("宗地.zip", b"text", not_zip="不是 zip 压缩包")
    Traceback (most recent call last):
    ...
    devzone.core.files.FileRefused: 宗地.zip：不是 zip 压缩包
    """
    if not content.startswith(ZIP_MAGIC):
        raise FileRefused.one(file, not_zip)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FileRefused.one(file, f"文件已损坏，无法打开（{exc.__class__.__name__}）") from exc
    if len(members) > limits.max_members:
        raise FileRefused.one(
            file, f"压缩包内有 {len(members):,} 个文件，超过上限 {limits.max_members:,} 个（疑似压缩炸弹）"
        )
    if long := next((m.filename for m in members if len(m.filename) > limits.max_member_name), None):
        raise FileRefused.one(
            file,
            f"压缩包内的文件名“{long[:40]}…”长 {len(long):,} 个字符，超过上限 {limits.max_member_name} 个",
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.max_member_bytes:
            raise FileRefused.one(
                file,
                f"文件内的 {member.filename} 解压后 {_mib(member.file_size)}，超过上限 "
                f"{_mib(limits.max_member_bytes)}（疑似压缩炸弹）",
            )
        if member.file_size > MiB and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            raise FileRefused.one(
                file,
                f"文件内的 {member.filename} 压缩比 {member.file_size // max(member.compress_size, 1):,}:1 "
                f"异常（上限 {limits.max_ratio}:1，疑似压缩炸弹）",
            )
    if total > limits.max_total_bytes:
        raise FileRefused.one(
            file, f"文件解压后共 {_mib(total)}，超过上限 {_mib(limits.max_total_bytes)}（疑似压缩炸弹）"
        )
    return archive


_DIMENSION = re.compile(rb"dimension\s[^>]*?ref=\"([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?\"")
# A row's ``r`` attribute is digits only; a cell's starts with its column letters. Regexes with a literal
# prefix keep the scan near memory speed (0.8 s for 3,000,000 cells). An attribute after a newline instead
# of a space escapes the count; the parse child's memory limit is the second wall for such a file.
_ROW = re.compile(rb" r=\"(\d+)\"")
# A cell reference is the only attribute named ``r`` whose value starts with letters (a row's ``r`` is
# digits; ``ref``/``sqref`` end in ``f``). Single letters are found with ``bytes.find`` (fast), wider
# columns with a regex that matches only the cells past column Z.
_WIDE_REF = re.compile(rb" r=\"([A-Z]{2,3})\d")
_LETTERS = [chr(c).encode() for c in range(ord("Z"), ord("A") - 1, -1)]
_SHEET_NAME = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"[^>]*?\br:id=\"([^\"]*)\"")
_REL = re.compile(rb"<Relationship\b[^>]*?\bId=\"([^\"]*)\"[^>]*?\bTarget=\"([^\"]*)\"")
_REL_ALT = re.compile(rb"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*?\bId=\"([^\"]*)\"")
_CHUNK = 4 * MiB
_OVERLAP = 256


def column_number(letters: str) -> int:
    """Spreadsheet column letters as a number.

    >>> column_number("A"), column_number("Z"), column_number("AA"), column_number("XFD")
    (1, 26, 27, 16384)
    """
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letters(number: int) -> str:
    """The letters of a 1-based column number.

    >>> column_letters(1), column_letters(28), column_letters(16384)
    ('A', 'AB', 'XFD')
    """
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class _Extent:
    rows: int = 0
    columns: int = 0
    cells: int = 0
    declared_rows: int = 0
    declared_columns: int = 0


def _chunks(stream: io.BufferedIOBase) -> Iterator[bytes]:
    """The stream in chunks that overlap by a little, so that no tag is cut between two of them."""
    tail = b""
    while block := stream.read(_CHUNK):
        data = tail + block
        yield data
        tail = data[-_OVERLAP:]


def _sheet_extent(archive: zipfile.ZipFile, member: str) -> _Extent:
    """Declared and real extent of one worksheet, streamed.

    Tags that straddle two chunks are seen twice in the overlap; counting them twice only errs towards
    refusing, never towards letting a file through.
    """
    extent = _Extent()
    with archive.open(member) as stream:
        for index, data in enumerate(_chunks(stream)):  # type: ignore[arg-type]
            first = index == 0  # the declared <dimension> comes before <sheetData>
            if first and (m := _DIMENSION.search(data, 0, 64 * 1024)):
                last_col, last_row = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
                extent.declared_columns = column_number(last_col.decode()) if last_col else 0
                extent.declared_rows = int(last_row) if last_row else 0
            if rows := _ROW.findall(data):
                extent.rows = max(extent.rows, *map(int, rows))
            extent.rows = max(extent.rows, data.count(b"<row") + data.count(b":row "))
            if wide := set(_WIDE_REF.findall(data)):
                extent.columns = max(extent.columns, *(column_number(x.decode()) for x in wide))
            elif extent.columns < 26:
                for letter in _LETTERS:
                    if data.find(b' r="' + letter) != -1:
                        extent.columns = max(extent.columns, column_number(letter.decode()))
                        break
            extent.cells += data.count(b"<c ") + data.count(b"<c>") + data.count(b":c ")
    return extent


def _worksheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip member) of every worksheet, in workbook order; members not named there follow."""
    names = set(archive.namelist())
    found: list[tuple[str, str]] = []
    try:
        workbook = archive.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
        rels = archive.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError):
        workbook, rels = b"", b""
    targets = dict(_REL.findall(rels)) | {i: t for t, i in _REL_ALT.findall(rels)}
    for raw_name, rel_id in _SHEET_NAME.findall(workbook):
        target = targets.get(rel_id, b"").decode("utf-8", "replace").lstrip("/")
        member = target if target.startswith("xl/") else f"xl/{target}"
        if member in names:
            found.append((raw_name.decode("utf-8", "replace"), member))
    seen = {m for _, m in found}
    found += [
        (n, n)
        for n in sorted(names)
        if n.startswith("xl/worksheets/") and n.endswith(".xml") and n not in seen
    ]
    return found


def check_xlsx(file: str, content: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse an .xlsx whose zip or sheets exceed ``limits``, without parsing a single cell value."""
    check_size(file, len(content), limits)
    archive = check_zip(file, content, limits)
    sheets = _worksheets(archive)
    if not sheets:
        raise FileRefused.one(file, "不是 Excel 工作簿（找不到工作表）")
    if len(sheets) > limits.max_sheets:
        raise FileRefused.one(file, f"工作表有 {len(sheets)} 个，超过上限 {limits.max_sheets} 个")
    cells = 0
    for name, member in sheets:
        try:
            extent = _sheet_extent(archive, member)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise FileRefused.one(
                file, f"工作表已损坏，无法读取（{exc.__class__.__name__}）", sheet=name
            ) from exc
        rows = max(extent.rows, extent.declared_rows)
        columns = max(extent.columns, extent.declared_columns)
        which = "实际" if (extent.rows, extent.columns) == (rows, columns) else "声明"
        if rows > limits.max_rows:
            raise FileRefused.one(
                file, f"工作表{which}有 {rows:,} 行，超过上限 {limits.max_rows:,} 行", sheet=name
            )
        if columns > limits.max_columns:
            raise FileRefused.one(
                file,
                f"工作表{which}用到第 {columns:,} 列（{column_letters(columns)} 列），超过上限 "
                f"{limits.max_columns:,} 列",
                sheet=name,
            )
        area = rows * columns
        if area > limits.max_cells or extent.cells > limits.max_cells:
            raise FileRefused.one(
                file,
                f"工作表范围 {rows:,} 行 × {columns:,} 列，超过 {limits.max_cells:,} 个单元格的上限",
                sheet=name,
            )
        cells += max(area, extent.cells)
    if cells > limits.max_cells:
        raise FileRefused.one(file, f"各工作表共 {cells:,} 个单元格，超过上限 {limits.max_cells:,} 个")


# ---------------------------------------------------------------------------------------------
# parsing


def _parse_xlsx_here(content: bytes) -> list[tuple[str, list[list[Any]]]]:
    """Every sheet's cells with python-calamine (in whatever process calls it)."""
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - the child imports only what it needs

    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return [
        (name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names
    ]


def _parse_xlsx_isolated(file: str, content: bytes, limits: Limits) -> list[tuple[str, list[list[Any]]]]:
    """Parse in a child process so that an abort or an out-of-memory there cannot stop the server."""
    try:
        sheets = run_isolated(
            "devzone.core.files:_parse_xlsx_here",
            (content,),
            memory_bytes=limits.parse_memory_bytes,
            seconds=limits.parse_seconds,
        )
    except Failed as failed:
        raise FileRefused.one(file, isolation_reason(failed)) from failed
    except Exception as exc:  # calamine raises its own error types for anything unreadable
        detail = f"{exc.__class__.__name__}: {exc}"[:300]
        raise FileRefused.one(file, f"不是可读取的 Excel 文件（{detail}）") from exc
    return list(sheets)


def isolation_reason(failed: Failed) -> str:
    """Why an isolated parse of an upload gave nothing, in the words the uploader reads."""
    if failed.why == "time":
        return f"文件解析超过 {failed.seconds:.0f} 秒仍未完成，已停止"
    if failed.why == "memory":
        return "文件解析时超出内存上限，已拒绝"
    return "文件解析时超出内存上限或异常终止（文件可能被构造过或已损坏），已拒绝"


def decode_text(file: str, content: bytes) -> str:
    """Text of a .csv/.txt upload in UTF-8 (with or without BOM), else GB18030.

    >>> decode_text("a.csv", "名称".encode("gb18030"))
    '名称'
    >>> decode_text("a.csv", b"\\xef\\xbb\\xbfuscc")
    'uscc'
    """
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused.one(file, "文件编码无法识别（请另存为 UTF-8 或 GB18030 编码的 CSV）")


def _read_csv(file: str, content: bytes, limits: Limits) -> list[list[Any]]:
    if content.startswith(ZIP_MAGIC) or b"\x00" in content[:4096]:
        raise FileRefused.one(file, "不是文本格式的 CSV 文件（可能是改了扩展名的 Excel 或其他二进制文件）")
    text = decode_text(file, content)
    rows: list[list[Any]] = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if number > limits.max_rows:
                raise FileRefused.one(file, f"文件超过 {limits.max_rows:,} 行的上限", row=number)
            if len(row) > limits.max_columns:
                raise FileRefused.one(
                    file, f"该行有 {len(row):,} 列，超过上限 {limits.max_columns:,} 列", row=number
                )
            rows.append(row)
    except csv.Error as exc:
        raise FileRefused.one(file, f"CSV 格式错误（{exc}）") from exc
    return rows


def read_table(
    name: str,
    content: bytes,
    *,
    limits: Limits = DEFAULT_LIMITS,
    suffixes: Sequence[str] = TABLE_SUFFIXES,
) -> Table:
    """Read an uploaded .xlsx or .csv after checking it against ``limits``; raise :class:`FileRefused`.

    >>> table = read_table("数据.csv", "开发区,数值\\n甲,1\\n".encode("gb18030"))
    >>> table.sheet().rows
    [['开发区', '数值'], ['甲', '1']]
    >>> read_table("数据.csv", b"")
    Traceback (most recent call last):
    ...
    devzone.core.files.FileRefused: 数据.csv：文件是空的（0 字节）
    """
    file = display_name(name)
    suffix = PurePath(file).suffix.lower()
    if suffix not in suffixes:
        accepted = " / ".join(sorted(set(suffixes)))
        raise FileRefused.one(file, f"不支持的文件类型 {suffix or '（无扩展名）'}，请上传 {accepted}")
    check_size(file, len(content), limits)
    if suffix == ".csv":
        return Table(file, (Sheet("", _read_csv(file, content, limits)),))
    check_xlsx(file, content, limits)
    sheets = _parse_xlsx_isolated(file, content, limits)
    return Table(file, tuple(Sheet(n, [list(r) for r in rows]) for n, rows in sheets))


def read_upload(upload: Any, limits: Limits = DEFAULT_LIMITS) -> tuple[str, bytes]:
    """(file name, bytes) of a Django ``UploadedFile`` or any file-like with ``name`` and ``size``,
    refusing one over the byte limit before it is read into memory."""
    file = display_name(str(getattr(upload, "name", "") or "上传文件"))
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        check_size(file, size, limits)
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read(limits.max_bytes + 1)
    check_size(file, len(content), limits)
    return file, bytes(content)


# ---------------------------------------------------------------------------------------------
# evidence (佐证材料, 证明材料): stored, not parsed, but checked by content as well as by name

EVIDENCE_MAX_BYTES = 10 * MiB
_ZIP = (ZIP_MAGIC,)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
EVIDENCE_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".ofd": _ZIP,  # GB/T 33190 OFD is a zip package
    ".doc": _OLE,
    ".xls": _OLE,
    ".txt": (),  # text: no magic; checked for binary content instead
}
EVIDENCE_TYPES = frozenset(EVIDENCE_MAGIC)


def evidence_problem(name: str, head: bytes, size: int) -> str | None:
    """Why an evidence file cannot be kept (in Chinese, naming it), or None.

    The name's extension must be one of :data:`EVIDENCE_TYPES` and the first bytes must be what such a
    file starts with — an executable renamed ``证明.pdf`` is refused.

    >>> evidence_problem("证明.pdf", b"%PDF-1.7 ...", 100) is None
    True
    >>> evidence_problem("证明.pdf", b"\\x7fELF\\x02\\x01", 100)
    '证明.pdf：文件内容不是 .pdf 文件（扩展名与内容不符）'
    >>> evidence_problem("a.exe", b"MZ", 2)[:20]
    'a.exe：不接受的文件类型 .exe（'
    """
    file = display_name(name)
    suffix = PurePath(file).suffix.lower()
    if suffix not in EVIDENCE_MAGIC:
        return (
            f"{file}：不接受的文件类型 {suffix or '（无扩展名）'}（可用 {'、'.join(sorted(EVIDENCE_TYPES))}）"
        )
    if size == 0:
        return f"{file}：文件是空的（0 字节）"
    if size > EVIDENCE_MAX_BYTES:
        return f"{file}：文件大小 {_mib(size)} 超过上限 {_mib(EVIDENCE_MAX_BYTES)}"
    magic = EVIDENCE_MAGIC[suffix]
    if magic and not head.startswith(magic):
        return f"{file}：文件内容不是 {suffix} 文件（扩展名与内容不符）"
    if not magic and (b"\x00" in head or head.startswith((*_ZIP, *_OLE, b"\x7fELF", b"MZ"))):
        return f"{file}：文件内容不是文本（扩展名与内容不符）"
    return None


def upload_head(upload: Any, length: int = 8192) -> bytes:
    """The first bytes of an uploaded file, leaving it positioned at its start."""
    if hasattr(upload, "seek"):
        upload.seek(0)
    head = bytes(upload.read(length))
    if hasattr(upload, "seek"):
        upload.seek(0)
    return head
