"""Web imports at size (issue 16, criterion 4): 100,000 enterprise-years (亩均), 100,000 indicator figures.

Each import posts a real file through the page a user submits (the Django test client, signed in as the
city coordinator), follows the progress page until the import is done, and is compared with a
hand-written bulk insert of the same rows (``executemany`` on the same connection) in the same run.
Files come from fixed seeds (the demo's own generators). ``DEVZONE_BENCH_SCALE`` shrinks the sizes.
Each file is imported once more with one bad cell in row 99,999: the time to the refusal, which must
name that row and column, with nothing written. The third import is the progress of 20,000 plan
assignments (进展批量报送, ``/plans/progress/import/``), posted by the city coordinator who reports on
all of them, with a bad cell in row 19,999 for the refusal.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import time
from collections.abc import Callable
from typing import Any

import django
import numpy as np
from openpyxl import Workbook

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402  (after django.setup)
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from benchmarks import bench_plans_scale  # noqa: E402
from devzone.accounts.demo import create_demo_users  # noqa: E402
from devzone.accounts.models import User  # noqa: E402
from devzone.core.files import read_table  # noqa: E402
from devzone.enterprises import demo as mu_demo  # noqa: E402
from devzone.enterprises.actions.imports import YEAR_FIELDS  # noqa: E402
from devzone.enterprises.inputs_schema import BY_NAME  # noqa: E402
from devzone.enterprises.models import Enterprise, EnterpriseYear  # noqa: E402
from devzone.indicators.actions import sync_catalogue  # noqa: E402
from devzone.indicators.models import Indicator, Observation  # noqa: E402
from devzone.indicators.periods import Period  # noqa: E402
from devzone.indicators.store import plan_span, zone_code  # noqa: E402
from devzone.indicators.template import DATA_SHEET, HEADERS, META_SHEET, TEMPLATE_FORMAT  # noqa: E402
from devzone.orgs.demo import build_directory  # noqa: E402
from devzone.orgs.models import Zone  # noqa: E402
from devzone.plans.models import ProgressReport  # noqa: E402
from devzone.plans.progress_sheet import HEADER as PROGRESS_HEADER  # noqa: E402
from devzone.plans.progress_sheet import SHEET as PROGRESS_SHEET  # noqa: E402
from devzone.plans.progress_sheet import template as progress_template  # noqa: E402
from devzone.plans.views.common import reportable  # noqa: E402
from devzone.plans.views.progress_import import listed  # noqa: E402

SEED = 20261202
YEAR = 2024
POLL_SECONDS = 0.25


def _scale() -> float:
    return float(os.environ.get("DEVZONE_BENCH_SCALE", "1"))


def enterprise_rows(n: int) -> tuple[Zone, list[dict[str, Any]]]:
    zone = Zone.objects.filter(city=mu_demo.DEMO_CITY).order_by("name").first()
    assert zone is not None
    rows = mu_demo.population(np.random.default_rng(SEED), zone=zone, size=n, years=[YEAR])[YEAR]
    return zone, rows


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def finish(client: Client, response: Any) -> Any:
    """Follow the upload's answer as a browser does: redirects, and the progress page's htmx polls (which
    send ``X-Devzone-Poll``) until the job is over and the page reloads into its outcome."""
    poll = {"HX-Request": "true", "X-Devzone-Poll": "1"}
    while True:
        if response.status_code == 302:
            path = response["Location"]
            response = client.get(path)
        elif response.status_code == 200 and b"data-import-running" in response.content:
            time.sleep(POLL_SECONDS)
            polled = client.get(path, headers=poll)
            if polled.status_code == 204:
                response = client.get(polled["HX-Redirect"])
        else:
            return response


def enterprise_baseline(zone: Zone, rows: list[dict[str, Any]]) -> None:
    """The same rows straight into the two tables with executemany, in one transaction (rolled back).

    Table and column names come from the models, never from input (hence the noqa on the SQL).
    """
    now = "2026-01-01 00:00:00"
    ent = Enterprise._meta.db_table
    year_table = EnterpriseYear._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {ent} (zone_id, uscc, name, industry_code, created_at, updated_at) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [(zone.pk, r["uscc"], r["name"], r["industry_code"], now, now) for r in rows],
        )
        cursor.execute(f"SELECT uscc, id FROM {ent} WHERE zone_id = %s", [zone.pk])  # noqa: S608
        ids = dict(cursor.fetchall())
        columns = ", ".join(YEAR_FIELDS)
        marks = ", ".join(["%s"] * (len(YEAR_FIELDS) + 5))
        cursor.executemany(
            f"INSERT INTO {year_table} (enterprise_id, zone_id, year, veto, exempt, {columns}) VALUES ({marks})",  # noqa: S608
            [
                (ids[r["uscc"]], zone.pk, YEAR, r["veto"] or "", r["exempt"] or "",
                 *(bool(r[f]) if f == "leased" else r[f] for f in YEAR_FIELDS))
                for r in rows
            ],
        )  # fmt: skip
        transaction.set_rollback(True)


def figure(name: str, value: float, baseline: str, baseline_value: float) -> dict[str, object]:
    return {
        "name": name,
        "value": value,
        "unit": "s",
        "baseline": baseline,
        "baseline_value": baseline_value,
        "ratio": value / baseline_value if baseline_value else None,
    }


def bench_enterprises(client: Client, n: int) -> list[dict[str, object]]:
    zone, rows = enterprise_rows(n)
    content = mu_demo._csv(rows)
    base, _ = timed(lambda: enterprise_baseline(zone, rows))
    upload = SimpleUploadedFile("亩均数据.csv", content, content_type="text/csv")
    seconds, response = timed(
        lambda: finish(
            client,
            client.post("/enterprises/imports/upload/", {"zone": zone.pk, "year": YEAR, "file": upload}),
        )
    )
    assert EnterpriseYear.objects.filter(zone=zone, year=YEAR).count() == n, response.content[:2000]
    # the next year's file with one bad cell in row n - 1 (99,999; the header is row 1): named, nothing written
    bad = [r | {"year": YEAR + 1} for r in rows]
    bad[-3] = bad[-3] | {"tax": "十万"}
    upload = SimpleUploadedFile("亩均数据-错.csv", mu_demo._csv(bad), content_type="text/csv")
    refused, response = timed(
        lambda: finish(
            client,
            client.post("/enterprises/imports/upload/", {"zone": zone.pk, "year": YEAR + 1, "file": upload}),
        )
    )
    # the error table names the column by the template's Chinese label (enterprises/views/imports.py)
    label = BY_NAME["tax"].label
    assert response.status_code == 422 and f"<td>{n - 1}</td><td>{label}</td>".encode() in response.content
    assert not EnterpriseYear.objects.filter(year=YEAR + 1).exists()
    return [
        figure(f"imports.enterprise_years_{n}", seconds, "executemany of the same rows", base),
        figure(
            f"imports.enterprise_years_{n}_bad_cell_row_{n - 1}",
            refused,
            "executemany of the same rows",
            base,
        ),
    ]


INDICATORS = 1_000  # the catalogue's 74, and copies of them, so that one zone's file holds 100,000 figures
PERIODS = 100  # years, quarters and months of the zone's span (6 + 24 + 72 without targets)


def bench_catalogue() -> list[Indicator]:
    sync_catalogue(actor=None, source="bench")
    stock = list(Indicator.objects.order_by("pk"))
    copies = [
        Indicator(
            **{
                f.attname: getattr(base, f.attname)
                for f in Indicator._meta.concrete_fields
                if not f.primary_key
            }
            | {"code": f"{base.code}_b{n}", "name": f"{base.name}（基准{n}）"}
        )
        for n, base in ((n, stock[n % len(stock)]) for n in range(INDICATORS - len(stock)))
    ]
    Indicator.objects.bulk_create(copies, batch_size=500)
    return list(Indicator.objects.order_by("pk"))


def periods_of(zone: Zone) -> list[Period]:
    first, last = plan_span(zone, city=zone.city)
    years = range(first.year, last.year + 1)
    spans = [
        *(Period(year=y) for y in years),
        *(Period(year=y, quarter=q) for y in years for q in range(1, 5)),
        *(Period(year=y, month=m) for y in years for m in range(1, 13)),
    ]
    return spans[:PERIODS]


def figures_file(
    zone: Zone, indicators: list[Indicator], periods: list[Period], *, bad_row: int = 0
) -> bytes:
    """The zone's data template filled with one figure per indicator and period (row 2 on), as .xlsx."""
    rng = np.random.default_rng(SEED)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(DATA_SHEET)
    sheet.append(list(HEADERS.values()))
    number = 1
    for indicator in indicators:
        low = indicator.plausible_min if indicator.plausible_min is not None else 1.0
        high = indicator.plausible_max if indicator.plausible_max is not None else low * 10 + 1000
        values = rng.uniform(low + 0.2 * (high - low), low + 0.8 * (high - low), len(periods))
        for period, value in zip(periods, values, strict=True):
            number += 1
            cell: object = "约五百" if number == bad_row else round(float(value), 2)
            sheet.append(
                [indicator.code, indicator.name, indicator.unit, period.label, cell, "初步", "统计局"]
            )
    meta = book.create_sheet(META_SHEET)
    for key, value in (
        ("format", TEMPLATE_FORMAT),
        ("zone_code", zone_code(zone)),
        ("zone_name", zone.name),
        ("period", str(periods[0].year)),
    ):
        meta.append([key, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def figures_baseline(zone: Zone, indicators: list[Indicator], periods: list[Period]) -> None:
    """The same figures straight into the observation table with executemany (rolled back)."""
    rng = np.random.default_rng(SEED)
    now = dt.datetime.now(dt.UTC).isoformat(" ")
    rows = []
    for indicator in indicators:
        values = rng.uniform(1, 1000, len(periods))
        rows += [
            (indicator.pk, zone.pk, zone.city, p.label, p.end, float(v), float(v), indicator.unit, "preliminary",
             "统计局", now, True)
            for p, v in zip(periods, values, strict=True)
        ]  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Observation._meta.db_table} (indicator_id, zone_id, city, period, period_end, "  # noqa: S608
            "value, entered_value, entered_unit, status, source, entered_at, is_current) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
        transaction.set_rollback(True)


def bench_figures(client: Client, scale: float) -> list[dict[str, object]]:
    zone = Zone.objects.filter(city=mu_demo.DEMO_CITY).order_by("name").first()
    assert zone is not None
    indicators = bench_catalogue()[: max(1, int(INDICATORS * scale))]
    periods = periods_of(zone)
    n = len(indicators) * len(periods)
    content = figures_file(zone, indicators, periods)
    base, _ = timed(lambda: figures_baseline(zone, indicators, periods))
    url = f"/indicators/zones/{zone.pk}/import/"
    upload = SimpleUploadedFile("指标数据.xlsx", content)
    seconds, response = timed(lambda: finish(client, client.post(url, {"file": upload})))
    stored = Observation.objects.filter(zone=zone, is_current=True).count()
    assert stored == n, (stored, n, response.content.decode()[:3000])
    # the same file with one bad cell in row n - 1 (99,999; the header is row 1)
    upload = SimpleUploadedFile("指标数据-错.xlsx", figures_file(zone, indicators, periods, bad_row=n - 1))
    refused, response = timed(lambda: finish(client, client.post(url, {"file": upload})))
    assert response.status_code == 422 and f"指标数据-错.xlsx: 数据填报!E{n - 1}".encode() in response.content
    assert Observation.objects.filter(zone=zone).count() == n
    return [
        figure(f"imports.indicator_figures_{n}", seconds, "executemany of the same rows", base),
        figure(
            f"imports.indicator_figures_{n}_bad_cell_row_{n - 1}",
            refused,
            "executemany of the same rows",
            base,
        ),
    ]


PROGRESS_PERIOD = "2026-07"


def progress_file(answers: list[tuple[int, int, str]], *, bad_row: int = 0) -> bytes:
    """The progress template (title row 1, header row 2) with every assignment's percent and words filled."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(PROGRESS_SHEET)
    sheet.append([f"任务进展填报表（报告期 {PROGRESS_PERIOD}）"])
    sheet.append(list(PROGRESS_HEADER))
    for number, (pk, percent, words) in enumerate(answers, start=3):
        cell: object = "约八成" if number == bad_row else percent
        sheet.append([pk, "方案", "1.1", "任务", "单位", "牵头", None, None, cell, words])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def progress_baseline(answers: list[tuple[int, int, str]], user: User) -> None:
    """The same reports straight into the report table with executemany (rolled back)."""
    now = dt.datetime.now(dt.UTC).isoformat(" ")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {ProgressReport._meta.db_table} (assignment_id, period, percent, narrative, "  # noqa: S608
            "reported_by_id, reported_at, return_comment) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(pk, PROGRESS_PERIOD, p, w, user.pk, now, "") for pk, p, w in answers],
        )
        transaction.set_rollback(True)


def fetch_document(client: Client, path: str) -> bytes:
    """A download as a browser takes it: the link opens the document's job page, which offers the file."""
    page = finish(client, client.get(path))
    found = re.search(rb'href="(/documents/\d+/file/)"', page.content)
    assert page.status_code == 200 and found is not None, page.content[:2000]
    return b"".join(client.get(found[1].decode()).streaming_content)


def bench_progress(client: Client, user: User, scale: float) -> list[dict[str, object]]:
    """20,000 assignments' progress through the upload page, and the refusal of a bad cell in row 19,999;
    the template of the 20,000 (a background document) against its writer called directly."""
    bench_plans_scale.generate(np.random.default_rng(SEED), city=mu_demo.DEMO_CITY)
    path = f"/plans/progress/import/template.xlsx?period={PROGRESS_PERIOD}"
    writer, _ = timed(lambda: progress_template(listed(user), period=PROGRESS_PERIOD))
    made, content = timed(lambda: fetch_document(client, path))
    assert len(read_table("t.xlsx", content).sheet(PROGRESS_SHEET).rows) == 2 + reportable(user).count()
    rng = np.random.default_rng(SEED)
    ids = sorted(reportable(user).values_list("pk", flat=True))[: max(10, int(20_000 * scale))]
    n = len(ids)
    last = dict(ProgressReport.objects.filter(assignment_id__in=ids).values_list("assignment_id", "percent"))
    # never below the last report (the generator reported half of them), as a user fills it in
    answers = [
        (pk, max(last.get(pk, 0), int(p)), f"第{i}项：已完成年度建设内容的{int(p)}%，正在推进")
        for i, (pk, p) in enumerate(zip(ids, rng.integers(0, 101, size=n), strict=True))
    ]
    base, _ = timed(lambda: progress_baseline(answers, user))
    before = ProgressReport.objects.count()
    upload = SimpleUploadedFile("进展填报.xlsx", progress_file(answers))
    url = "/plans/progress/import/"
    seconds, response = timed(
        lambda: finish(client, client.post(url, {"period": PROGRESS_PERIOD, "file": upload}))
    )
    assert ProgressReport.objects.count() - before == n, response.content.decode()[:3000]
    bad_row = min(19_999, n + 2)
    upload = SimpleUploadedFile("进展填报-错.xlsx", progress_file(answers, bad_row=bad_row))
    refused, response = timed(lambda: finish(client, client.post(url, {"period": "2026-08", "file": upload})))
    assert response.status_code == 422 and f"<td>{bad_row}</td><td>I</td>".encode() in response.content
    assert ProgressReport.objects.count() - before == n
    return [
        figure(f"documents.progress_template_{n}", made, "the template writer alone", writer),
        figure(f"imports.plan_progress_{n}", seconds, "executemany of the same rows", base),
        figure(
            f"imports.plan_progress_{n}_bad_cell_row_{bad_row}", refused, "executemany of the same rows", base
        ),
    ]


def run() -> list[dict[str, object]]:
    call_command("devzone_setup")
    build_directory()
    create_demo_users()
    client = Client()
    client.force_login(User.objects.get(username="lyg_coord"))
    # a running server has its URLs (and their imports: SciPy, DuckDB…) loaded before the first upload
    assert client.get("/enterprises/imports/").status_code == 200
    n = int(100_000 * _scale())
    only = os.environ.get("DEVZONE_BENCH_IMPORTS", "enterprises,figures,progress").split(",")
    figures = []
    if "enterprises" in only:
        figures += bench_enterprises(client, n)
    if "figures" in only:
        figures += bench_figures(client, _scale())
    if "progress" in only:
        figures += bench_progress(client, User.objects.get(username="lyg_coord"), _scale())
    return figures
