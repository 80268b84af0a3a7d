"""Every export the system makes, produced from the demo through the web and opened as a bureau opens it.

A document a bureau sends on must print on A4 (wide tables on landscape pages, as
``core/documents.py`` sets them), link only to official sites, and carry no developer text: no
mirror URL, no ``spec §``, no ``ASSUMED``, no field name, no file path, no ``None``/``nan``, no raw
float. The exports are found by walking the URL patterns: a view whose code sends an attachment must
be listed in :data:`EXPORTS` (made from the demo here) or in :data:`USER_FILES` (a user's own upload,
sent back as it was), so a new export is checked without editing this file — or the test fails and
says which route to add.
"""

from __future__ import annotations

import inspect
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import docx
import docx.document
import openpyxl
import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from docx.oxml.ns import qn
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from devzone.accounts.models import Role, User
from devzone.assessment.demo import build_assessment_demo
from devzone.assessment.models import AssessmentRun
from devzone.core.citations import official_host
from devzone.core.documents import WIDE_TABLE_COLUMNS, heading_number
from devzone.enterprises.demo import build_enterprises_demo
from devzone.enterprises.method_load import resolve, shipped_methods
from devzone.enterprises.models import MuRun
from devzone.enterprises.report import EvalRow, LandCount, MuReport, run_report
from devzone.indicators.demo import build_indicators_demo
from devzone.indicators.models import Target
from devzone.land.demo import build_land_demo
from devzone.orgs.demo import build_directory
from devzone.orgs.models import Zone
from devzone.plans.demo import build_plans
from devzone.plans.models import Assignment, Plan, ProgressReport
from devzone.pools.demo import build_pools_demo
from devzone.projects.demo import build_projects_demo
from tests.personas import make_user

# ------------------------------------------------------------------------------------------------
# What may appear. Kept small and explicit: a word added here is a decision, not a convenience.

# English words a Chinese document may carry: a method's proper name, units and standards.
ALLOWED_WORDS = {"Sobol"}
# Removed before the scan, each for a stated reason.
ALLOWED_PATTERNS = (
    re.compile(r"\b[0-9a-f]{64}\b"),  # SHA-256 校验值 of a method file or data snapshot (reproducibility)
    re.compile(r"\b[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}\b"),  # 统一社会信用代码 (GB 32100)
    re.compile(r"GB/T\s?\d+(?:\.\d+)?-\d{4}"),  # a national standard's number (行业分类 GB/T 4754-2017)
)
URL = re.compile(r"(?:https?://|www\.)[^\s，。；、）)」】<>\"']+", re.IGNORECASE)
DEVELOPER_TOKENS = {
    "snake_case identifier": re.compile(r"\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+\b"),
    "spec section": re.compile(r"spec\s*§|§\s*\d"),
    "developer note": re.compile(r"\b(?:ASSUMED|TODO|FIXME|XXX|TBD)\b"),
    "file name": re.compile(r"[\w/]+\.(?:ya?ml|py|txt|json|csv|parquet)\b", re.IGNORECASE),
    "raw Python value": re.compile(r"\b(?:None|nan|NaN|inf|True|False)\b"),
    "raw float": re.compile(r"\d+\.\d{5,}"),
    # an acronym in a plan's own words (RCEP, GDP) is the plan's; a lower-case word is ours
    "English word": re.compile(r"\b(?=[A-Za-z]*[a-z])[A-Za-z]{4,}\b"),
}

# ------------------------------------------------------------------------------------------------
# The exports: route name → how to fill it from the demo (each yields (path, query) pairs).


@dataclass(frozen=True)
class Demo:
    plans: list[int]
    units: list[int]
    zones: list[int]
    assessment_runs: list[int]
    mu_runs: list[int]
    period: str


def _a_pool(demo: Demo) -> int:
    """The demo's 高企后备库 of its first zone (members in every state)."""
    from devzone.pools.models import Pool

    pool, _ = Pool.objects.get_or_create(zone_id=demo.zones[0], name="高企后备库", defaults={"kind": "hte"})
    return pool.pk


EXPORTS: dict[str, Callable[[Demo], Iterator[dict[str, str]]]] = {
    "plans:breakdown": lambda d: ({"plan_id": str(p), "fmt": f} for p in d.plans for f in ("docx", "xlsx")),
    "plans:supervision": lambda d: ({"unit_id": str(u)} for u in d.units),
    "plans:progress_docx": lambda d: iter([{"?period": d.period}]),
    "plans:progress_xlsx": lambda d: iter([{"?period": d.period}]),
    "plans:progress_template": lambda d: iter([{"?period": d.period}]),
    "plans:flagged_export": lambda d: iter([{}]),
    "assessment:data_template": lambda d: iter([{}]),
    "indicators:export": lambda d: iter([{}]),
    "indicators:zone_export": lambda d: ({"zone_id": str(z)} for z in d.zones),
    "indicators:template": lambda d: ({"zone_id": str(z)} for z in d.zones),
    "assessment:run_xlsx": lambda d: ({"run_id": str(r)} for r in d.assessment_runs),
    "assessment:run_docx": lambda d: ({"run_id": str(r)} for r in d.assessment_runs),
    "enterprises:import_template": lambda d: iter([{"?year": "2024"}]),
    "enterprises:run_final_list": lambda d: ({"mu_run_id": str(r)} for r in d.mu_runs),
    "enterprises:run_policy_list": lambda d: ({"mu_run_id": str(r)} for r in d.mu_runs),
    "enterprises:run_report": lambda d: ({"mu_run_id": str(r)} for r in d.mu_runs),
    "land:indicators_xlsx": lambda d: ({"zone_id": str(z)} for z in d.zones),
    "land:candidates_xlsx": lambda d: ({"zone_id": str(z)} for z in d.zones),
    "land:report_docx": lambda d: ({"zone_id": str(z), "?year": "2025"} for z in d.zones),
    "projects:ledger_xlsx": lambda d: ({"zone_id": str(z)} for z in d.zones),
    "projects:supervision": lambda d: ({"zone_id": str(z), "?year": "2025"} for z in d.zones),
    "projects:monthly_report": lambda d: iter(
        [{"?month": "2024-12"}, {"?month": "2025-12", "?zone": str(d.zones[0])}]
    ),
    "pools:pool_xlsx": lambda d: iter([{"pool_id": str(_a_pool(d))}]),
    "pools:supplement_xlsx": lambda d: ({"zone_id": str(z), "?year": "2024"} for z in d.zones),
    "pools:candidates_xlsx": lambda d: ({"zone_id": str(z), "?kind": "hte"} for z in d.zones),
    "pools:report_docx": lambda d: ({"zone_id": str(z), "?year": "2025"} for z in d.zones),
}
# Files a user uploaded, sent back byte for byte: not ours to format.
USER_FILES = {
    "plans:source",
    "plans:evidence",
    "enterprises:import_file",
    "enterprises:objection_evidence",
    "projects:milestone_evidence",
    "projects:node_evidence",
}

# Machine records for the audit administrator, not documents to send: the audit log as CSV carries the
# stored record types, raw values and chain hashes on purpose, so that it can be verified elsewhere.
RECORDS = {
    "audit:export",
    "land:geojson",
    "land:boundary_geojson",
}  # and the parcel and boundary layers, for a GIS program
# A document built in the background (core.document_jobs) is sent by its job's file route; the export
# that offered it is the one checked above.
BUILT = {"documents:file"}


def _routes() -> Iterator[tuple[str, str, Callable[..., object]]]:
    def walk(
        patterns: list[object], prefix: str, namespace: str
    ) -> Iterator[tuple[str, str, Callable[..., object]]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{namespace}{entry.name}", prefix + str(entry.pattern), entry.callback

    yield from walk(get_resolver().url_patterns, "", "")


def _sends_a_file(view: Callable[..., object]) -> bool:
    target = inspect.unwrap(view)
    try:
        source = inspect.getsource(target)
    except (OSError, TypeError):
        return False
    return bool(re.search(r"\b(?:file_)?attachment\(|\bdownload\(|\bdocument_jobs\.offer\(", source))


def test_every_view_that_sends_a_file_is_checked_here() -> None:
    sending = {name for name, _pattern, view in _routes() if _sends_a_file(view)}
    unchecked = sending - EXPORTS.keys() - USER_FILES - RECORDS - BUILT
    assert unchecked == set(), "add the new export to EXPORTS (or USER_FILES, RECORDS)"
    assert EXPORTS.keys() - sending == set(), "an export listed here no longer sends a file"


# ------------------------------------------------------------------------------------------------
# Reading what a user opens.


def _docx_parts(content: bytes) -> tuple[list[str], list[str]]:
    """(every text run of every part — body, tables, headers, footers, notes; every external link)."""
    texts: list[str] = []
    links: list[str] = []
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        for name in z.namelist():
            data = z.read(name).decode("utf-8", errors="replace")
            if name.startswith("word/") and name.endswith(".xml"):
                paragraphs = re.findall(r"<w:p[ >].*?</w:p>", data, flags=re.DOTALL)
                texts.extend("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs)
                links += re.findall(r'<w:instrText[^>]*>\s*HYPERLINK\s+"([^"]+)"', data)
            if name.endswith(".rels"):
                links += re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', data)
    return texts, links


def _shown(sheet: Worksheet) -> Iterator[Cell]:
    """The cells a user reads and prints: hidden rows and columns (a template's machine keys) left out."""
    hidden_columns = {letter for letter, d in sheet.column_dimensions.items() if d.hidden}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell):  # the rest of a merged group row: its text is in the first cell
                continue
            if get_column_letter(cell.column) in hidden_columns or sheet.row_dimensions[cell.row].hidden:
                continue
            yield cell


def _visible_sheets(book: openpyxl.Workbook) -> list[Worksheet]:
    return [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]


def _xlsx_parts(content: bytes) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    links: list[str] = []
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in _visible_sheets(book):
        texts.append(sheet.title)
        for cell in _shown(sheet):
            if isinstance(cell.value, str):
                texts.append(cell.value)
            if cell.hyperlink is not None and cell.hyperlink.target:
                links.append(cell.hyperlink.target)
        for part in (sheet.oddHeader, sheet.oddFooter):
            texts += [t for t in (part.left.text, part.center.text, part.right.text) if t]
    return texts, links


def _text_problems(texts: list[str], links: list[str]) -> list[str]:
    problems = [f"link to {u}" for u in links if not official_host(u)]
    for text in texts:
        problems.extend(
            f"url {url!r} in {text[:80]!r}"
            for url in URL.findall(text)
            if not official_host(url if "://" in url else f"http://{url}")
        )
        scrubbed = URL.sub(" ", text)
        for pattern in ALLOWED_PATTERNS:
            scrubbed = pattern.sub(" ", scrubbed)
        for kind, pattern in DEVELOPER_TOKENS.items():
            for hit in pattern.findall(scrubbed):
                if kind == "English word" and hit in ALLOWED_WORDS:
                    continue
                problems.append(f"{kind} {hit!r} in {text[:80]!r}")
    return problems


def _orient(width: int, height: int) -> str:
    return "landscape" if width > height else "portrait"


def _docx_problems(content: bytes) -> list[str]:
    """A4 on every section, and every table wider than WIDE_TABLE_COLUMNS on a landscape section."""
    document = docx.Document(io.BytesIO(content))
    problems = []
    for k, section in enumerate(document.sections):
        size = sorted((round(section.page_width.cm, 1), round(section.page_height.cm, 1)))
        if size != [21.0, 29.7]:
            problems.append(f"section {k} is {size} cm, not A4")
    # A table belongs to the section whose sectPr comes next in the body (the last one: the body's own).
    body = document.element.body
    pending: list[int] = []
    for child in body.iterchildren():
        if child.tag.endswith("}tbl"):
            pending.append(len(child.findall(".//{*}tr[1]/{*}tc")) or len(child.findall(".//{*}gridCol")))
        sect = child.find("./{*}pPr/{*}sectPr") if child.tag.endswith("}p") else None
        if child.tag.endswith("}sectPr"):
            sect = child
        if sect is not None:
            size = sect.find("./{*}pgSz")
            w, h = (int(size.get(f"{{{size.nsmap['w']}}}{a}")) for a in ("w", "h"))
            problems.extend(
                f"a table of {columns} columns on a portrait page"
                for columns in pending
                if columns > WIDE_TABLE_COLUMNS and _orient(w, h) != "landscape"
            )
            pending = []
    return problems


# Text that is a number a spreadsheet cannot sum or sort: "12.5", "1,200", "45%". A column of codes or
# keys (序号 "2.1", 行业代码 "0610") or of period labels (基期 "2020", 统计期 "2025Q2") is text on purpose.
NUMBER_AS_TEXT = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")
CODE_HEADERS = re.compile(r"序号|代码|编号|统计期|基期|期限")


def _xlsx_problems(content: bytes) -> list[str]:
    """Each sheet a user sees: A4, landscape when wide, fitted to the page width, its header row repeated
    and frozen, an autofilter over the table, thin borders, numbers stored as numbers in a number format."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    problems = []
    for sheet in _visible_sheets(book):
        name = sheet.title
        setup = sheet.page_setup
        if str(setup.paperSize) != "9":
            problems.append(f"sheet {name!r} paper size {setup.paperSize}, not A4 (9)")
        if sheet.max_column > WIDE_TABLE_COLUMNS and setup.orientation != "landscape":
            problems.append(f"sheet {name!r} has {sheet.max_column} columns but prints portrait")
        if not (sheet.sheet_properties.pageSetUpPr.fitToPage and str(setup.fitToWidth) == "1"):
            problems.append(f"sheet {name!r} is not fitted to the page width")
        if not sheet.auto_filter.ref:
            problems.append(f"sheet {name!r} has no autofilter")
            continue
        first = int(re.match(r"[A-Z]+(\d+)", sheet.auto_filter.ref)[1])
        if not sheet.print_title_rows or f"${first}" not in sheet.print_title_rows:
            problems.append(
                f"sheet {name!r} does not repeat its header row {first} ({sheet.print_title_rows})"
            )
        if sheet.freeze_panes is None or int(re.sub(r"[A-Z]+", "", sheet.freeze_panes)) <= first:
            problems.append(f"sheet {name!r} does not freeze its header row {first}")
        if sheet.cell(row=first + 1 if sheet.max_row > first else first, column=1).border.left.style is None:
            problems.append(f"sheet {name!r} has no borders")
        problems += _cell_problems(sheet, first)
    return problems


def _cell_problems(sheet: Worksheet, first: int) -> list[str]:
    """Below the header row ``first``: no number kept as text, every number and date in a format."""
    name = sheet.title
    header = {c.column: str(c.value or "") for c in sheet[first]}
    problems = []
    for cell in _shown(sheet):
        if cell.row <= first or CODE_HEADERS.search(header.get(cell.column, "")):
            continue
        if isinstance(cell.value, str) and NUMBER_AS_TEXT.match(cell.value.strip()):
            problems.append(f"sheet {name!r} {cell.coordinate} holds the number {cell.value!r} as text")
        elif cell.data_type == "n" and cell.value is not None and cell.number_format == "General":
            problems.append(f"sheet {name!r} {cell.coordinate} has a number without a number format")
        elif cell.is_date and cell.number_format == "General":
            problems.append(f"sheet {name!r} {cell.coordinate} has a date without a date format")
    return problems


# 公文 headings (GB/T 9704-2012): level → (how its number looks, its East Asian font)
HEADING_LEVELS = {
    "Heading 1": (re.compile(r"^[一二三四五六七八九十]+、"), "黑体"),
    "Heading 2": (re.compile(r"^（[一二三四五六七八九十]+）"), "楷体"),
    "Heading 3": (re.compile(r"^\d+\."), "仿宋"),
    "Heading 4": (re.compile(r"^（\d+）"), "仿宋"),
}
UNNUMBERED = re.compile(r"^附录")


def _east_asian(run: object, paragraph: object) -> str | None:
    for element in (run._element, paragraph.style.element):  # type: ignore[attr-defined]
        fonts = element.find(".//{*}rFonts")
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return str(fonts.get(qn("w:eastAsia")))
    return None


def heading_problems(document: docx.document.Document) -> list[str]:
    """The title in 小标宋 2号 centred; every heading numbered as its level is (一、 （一） 1. （1）),
    in sequence under its parent, in its level's font; the body in 仿宋."""
    problems: list[str] = []
    first = document.paragraphs[0]
    if first.style.name != "Title" or _east_asian(first.runs[0], first) != "方正小标宋简体":
        problems.append(f"the first paragraph {first.text[:30]!r} is not a 公文 title")
    elif first.runs[0].font.size is None or first.runs[0].font.size.pt != 22:
        problems.append("the title is not 2号 (22 pt)")
    body = document.styles["Normal"].element.find(".//{*}rFonts")
    if body is None or body.get(qn("w:eastAsia")) != "仿宋":
        problems.append("the body is not in 仿宋")
    counts = [0, 0, 0, 0]
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        if style not in HEADING_LEVELS:
            continue
        level = int(style[-1])
        pattern, font = HEADING_LEVELS[style]
        text = paragraph.text
        counts[level:] = [0] * (4 - level)
        if level == 1 and UNNUMBERED.match(text):
            continue
        counts[level - 1] += 1
        number = heading_number(level, counts[level - 1])
        if not pattern.match(text) or not text.startswith(number):
            problems.append(f"heading {text[:30]!r} ({style}) is not numbered {number}")
        fonts = {_east_asian(run, paragraph) for run in paragraph.runs}
        if fonts != {font}:
            problems.append(f"heading {text[:30]!r} is in {fonts}, not {font}")
    return problems


def problems_of(content: bytes, filename: str) -> list[str]:
    if filename.endswith(".docx"):
        document = docx.Document(io.BytesIO(content))
        return _docx_problems(content) + heading_problems(document) + _text_problems(*_docx_parts(content))
    if filename.endswith(".xlsx"):
        return _xlsx_problems(content) + _text_problems(*_xlsx_parts(content))
    return [f"unexpected file type {filename}"]


# ------------------------------------------------------------------------------------------------
# The walk.


def _build_demo() -> Demo:
    build_directory()
    build_plans(seed=3)
    build_indicators_demo(seed=3)
    build_assessment_demo(seed=3)
    build_enterprises_demo(seed=3, scale=0.05)
    build_projects_demo(seed=3)
    build_pools_demo(seed=3)
    build_land_demo(seed=3)
    plans = list(Plan.objects.order_by("pk").values_list("pk", flat=True)[:3])
    busiest = (
        Assignment.objects.values_list("unit", flat=True).order_by("unit").distinct()[:3]
    )  # a few units that have tasks, for their 督办单
    zones = list(Target.objects.exclude(zone=None).values_list("zone", flat=True).distinct()[:2])
    runs = list(AssessmentRun.objects.order_by("year").values_list("pk", flat=True))
    period = ProgressReport.objects.order_by("-period").values_list("period", flat=True).first()
    return Demo(
        plans=plans, units=list(busiest), zones=zones or list(Zone.objects.values_list("pk", flat=True)[:1]),
        assessment_runs=[runs[0], runs[-1]], mu_runs=list(MuRun.objects.values_list("pk", flat=True)),
        period=period or "2025-06",
    )  # fmt: skip


def _url(pattern: str, fill: dict[str, str]) -> str:
    path = pattern
    query = "&".join(f"{k[1:]}={v}" for k, v in fill.items() if k.startswith("?"))
    for name, value in fill.items():
        path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
    assert "<" not in path, f"unfilled parameter in {path}"
    return "/" + path + (f"?{query}" if query else "")


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[Demo]:
    """The demo, built once for the module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        built = _build_demo()
        yield built
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(EXPORTS))
def test_export_is_a4_landscape_where_wide_and_free_of_developer_text(demo: Demo, name: str) -> None:
    client = Client()
    admin = User.objects.filter(username="exports-admin").first() or make_user("exports-admin", Role.ADMIN)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    pattern = {n: p for n, p, _view in _routes()}[name]
    found: list[str] = []
    fills = list(EXPORTS[name](demo))
    assert fills, f"the demo gives nothing to export for {name}"
    for fill in fills:
        url = _url(pattern, fill)
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        disposition = response["Content-Disposition"]
        filename = re.search(r"filename\*=UTF-8''(\S+)|filename=\"?([^\";]+)", disposition, re.IGNORECASE)
        assert filename is not None, disposition
        ext = (filename[1] or filename[2]).rsplit(".", 1)[-1]
        content = b"".join(response.streaming_content) if response.streaming else response.content
        found += [f"{url}: {p}" for p in dict.fromkeys(problems_of(content, f"x.{ext}"))]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("method_id", shipped_methods())
def test_every_shipped_method_appendix_is_fit_to_send(method_id: str) -> None:
    """The demo evaluates with one method; the appendix of each shipped method is opened here too."""
    method = resolve(method_id)
    segment = method.segments[0].code
    rows = (
        EvalRow(zone="甲区", industry_code="3311", segment=segment, score=90.0, final_class="A", land_mu=10.0, tax=200.0, sales=1000.0),
        EvalRow(zone="乙区", industry_code="2611", segment=segment, score=10.0, final_class="D", land_mu=12.5, tax=20.0, sales=100.0),
    )  # fmt: skip
    report = MuReport(
        title="2024年度亩均效益综合评价报告", year=2024, method=method, method_sha256="c" * 64,
        input_sha256="d" * 64, input_rows=2, created_by="评价员", created_at="2025-03-01 10:00", status="已定级",
        scope="全部开发区", rows=rows, land=(LandCount(rule="zombie", label="僵尸企业", enterprises=1, land_mu=8.0),),
    )  # fmt: skip
    assert problems_of(run_report(report), "x.docx") == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("见 http://m.greekporn.net/news/shwx/28033681.html", "url"),
        ("spec §1.8 (news excerpt, no URL)", "spec section"),
        ("ASSUMED: weights 45/20/15/15/5", "developer note"),
        ("seeds/000_c61f569e063078fd.txt 篇三", "file name"),
        ("公式 tax / land_mu", "snake_case identifier"),
        ("得分 53.25110870844907", "raw float"),
        ("基准值 None", "raw Python value"),
        ("minmax · arithmetic", "English word"),
    ],
)
def test_the_scan_finds_what_the_finding_named(text: str, problem: str) -> None:
    found = _text_problems([text], [])
    assert any(p.startswith(problem) for p in found), found


def test_the_scan_lets_a_chinese_document_through() -> None:
    text = (
        "《昌乐县亩产效益评价政策问答》（昌乐县人民政府，2023年11月16日）：http://www.changle.gov.cn/CLXXXGK/t.html；"
        "鲁发改价格〔2022〕56号；亩均税收 24.10 万元/亩，占比 3.02%，用电量 1200 kWh，行业 GB/T 4754-2017，"
        "统一社会信用代码 91320700MA1XY81234，校验值 " + "a" * 64
    )
    assert _text_problems([text], ["https://www.gov.cn/zhengce/"]) == []


@pytest.mark.django_db
def test_progress_report_summarises_by_unit_and_plan_then_each_latest_narrative(demo: Demo) -> None:
    """The 进展报告 of the demo: who and which plan is behind first, then every assignment's last word."""
    from devzone.plans.documents import PROGRESS_HEADER, PROGRESS_WIDTHS_CM, summary_header

    client = Client()
    client.force_login(
        make_user("progress-admin", Role.ADMIN), backend="django.contrib.auth.backends.ModelBackend"
    )
    document = docx.Document(io.BytesIO(client.get(f"/plans/progress.docx?period={demo.period}").content))
    assert all(s.page_width > s.page_height for s in document.sections)
    by_unit, by_plan, detail = document.tables
    cells = [[[c.text for c in row.cells] for row in t.rows] for t in (by_unit, by_plan, detail)]
    assert cells[0][0] == summary_header("责任单位") and cells[1][0] == summary_header("方案")
    assert cells[2][0] == list(PROGRESS_HEADER)
    live = Assignment.objects.filter(task__plan__status="published")
    for table in cells[:2]:
        assert sum(int(r[2]) for r in table[1:]) == live.count() == len(cells[2]) - 1
        assert all(int(r[2]) == sum(int(v) for v in r[3:]) for r in table[1:])  # every status counted once
    units = {r[1] for r in cells[0][1:]}
    assert units == set(live.values_list("unit__name", flat=True))
    overdue = [int(r[-1]) for r in cells[0][1:]]
    assert overdue == sorted(overdue, reverse=True)  # the units with most 逾期 first
    for table in (by_unit, by_plan, detail):
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert [round(c.width.cm, 1) for c in detail.columns] == list(PROGRESS_WIDTHS_CM)
    # the latest 进展情况 of each assignment up to the period, marked with its period when older
    latest: dict[int, tuple[str, str]] = {}
    for report in ProgressReport.objects.filter(
        assignment__in=live, period__lte=demo.period, returned_at=None
    ).order_by("period", "reported_at", "pk"):
        latest[report.assignment_id] = (report.period, report.narrative)
    expected = [
        "本期未报送" if a not in latest
        else latest[a][1] if latest[a][0] == demo.period else f"（{latest[a][0]}报送）{latest[a][1]}"
        for a in live.values_list("pk", flat=True)
    ]  # fmt: skip
    assert sorted(r[-1] for r in cells[2][1:]) == sorted(expected)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/plans/progress.xlsx?period={demo.period}").content)
    )
    assert book.sheetnames == ["按单位汇总", "按方案汇总", "进展明细"]
    sheet = book["进展明细"]
    assert sheet.max_row - 2 == live.count()
    assert {sheet.cell(row=r, column=7).number_format for r in range(3, sheet.max_row + 1)} == {"0%"}
