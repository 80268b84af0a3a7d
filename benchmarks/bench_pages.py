"""Every page of the URL walk, timed as its users meet it, on the benchmark province (``province.py``).

Each route of ``tests/test_zone_isolation.py``'s walk is filled with ids of records the persona may read
(the newest such record, which is the largest: the 2024 runs, a generated 100-task plan) and fetched with
GET through the Django test client, as the 连云港 coordinator, as 开发区 staff (lyg_kfq) and as a 江苏省
coordinator who sees the whole 3,000-zone assessment. Server time per page: the median and p95 of
DEVZONE_BENCH_REPEATS fetches (default 5) after one warm-up (DEVZONE_BENCH_PERSONAS and DEVZONE_BENCH_ONLY,
comma-separated, narrow the walk to some personas and paths). Goals (issue 16 C5): median < 300 ms and
p95 < 600 ms on every page; the 督办看板 < 300 ms (issue 14 C8). Downloads (.xlsx/.docx/.csv) are listed
apart: documents over 2 s belong in the background (the other half of C5), not in the page figures; those
built in the background are built as under ``devzone serve``, by a runner process beside the walk.

``python -m benchmarks.bench_pages`` prints every page; ``make bench`` stores the figures.
"""

from __future__ import annotations

import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.db.models import Model
from django.test import Client
from django.urls import get_resolver

from benchmarks import province  # sets Django up
from devzone.accounts.access import scope
from devzone.accounts.models import User
from devzone.assessment.models import AssessmentRun, Framework
from devzone.audit.models import AuditEntry
from devzone.core import collector, document_runner
from devzone.enterprises.models import DataImport, Enterprise, MuResult, MuRun, Objection
from devzone.indicators.models import PeriodLock, Target
from devzone.land.models import DisposalCase, Parcel
from devzone.notices.models import Notice
from devzone.orgs.models import Unit, Zone
from devzone.orgs.zones import jurisdiction_paths
from devzone.plans.models import (
    Assignment,
    Deadline,
    Evidence,
    Plan,
    ProgressReport,
    Task,
    TaskOwner,
)
from devzone.plans.models import Target as PlanTarget

PERSONAS = {"coordinator": "lyg_coord", "staff": "lyg_kfq", "province": province.PROVINCE_USER}
MEDIAN_GOAL_MS, P95_GOAL_MS, DASHBOARD_GOAL_MS = 300.0, 600.0, 300.0
DOCUMENT_SUFFIXES = (".xlsx", ".docx", ".csv", "/file/", "/source/", "/evidence/", "template/")
# Not pages of devzone: Django's admin, the language switch, sign-out, and the API's catch-all 404.
SKIPPED_PREFIXES = ("/admin/", "/i18n/", "/accounts/logout/", "/api/no-such-operation")

# URL parameter → the model whose newest readable record fills it.
RECORDS: dict[str, type[Model]] = {
    "zone_id": Zone,
    "unit_id": Unit,
    "entry_id": AuditEntry,
    "framework_id": Framework,
    "run_id": AssessmentRun,
    "mu_run_id": MuRun,
    "enterprise_id": Enterprise,
    "import_id": DataImport,
    "result_id": MuResult,
    "objection_id": Objection,
    "target_id": Target,
    "plan_id": Plan,
    "task_id": Task,
    "owner_id": TaskOwner,
    "deadline_id": Deadline,
    "plan_target_id": PlanTarget,
    "assignment_id": Assignment,
    "report_id": ProgressReport,
    "evidence_id": Evidence,
    "lock_id": PeriodLock,
    "parcel_id": Parcel,
    "case_id": DisposalCase,
}


def repeats() -> int:
    return max(2, int(os.environ.get("DEVZONE_BENCH_REPEATS", "5")))


def newest_readable(user: User, model: type[Model]) -> int | None:
    paths = jurisdiction_paths(model)
    rows = model._default_manager.order_by("-pk")
    if paths is not None:
        rows = scope(user, rows, zone_field=paths.zone)
    return rows.values_list("pk", flat=True).first()


def parameters(user: User) -> dict[str, Callable[[object], str]]:
    values: dict[str, str] = {"fmt": "docx", "id": str(user.pk), "user_id": str(user.pk)}
    for name, model in RECORDS.items():
        pk = newest_readable(user, model)
        if pk is not None:
            values[name] = str(pk)
    if (notice := Notice.objects.filter(user=user).order_by("-pk").first()) is not None:
        values["notice_id"] = str(notice.pk)
    if (zone := scope(user, Zone.objects.order_by("pk"), zone_field="pk").first()) is not None:
        values["zone_id"] = str(zone.pk)  # the demo's first zone: the one with enterprises and a board
    return {name: (lambda _w, v=v: v) for name, v in values.items()}


@dataclass
class Timed:
    persona: str
    path: str
    status: int
    document: bool
    times_ms: list[float]
    queries: int

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def paths_for(user: User) -> list[str]:
    from tests.test_zone_isolation import Route, all_routes  # after Django is set up

    filled = parameters(user)
    out = []
    for route in all_routes():
        if not set(route.params) <= set(filled):
            continue  # no record of that kind for this persona (e.g. an API token)
        path = Route.fill(route, None, filled)  # type: ignore[arg-type]
        only = os.environ.get("DEVZONE_BENCH_ONLY", "")  # e.g. "/assessment/runs/,/indicators/reporting/"
        if not path.startswith(SKIPPED_PREFIXES) and (not only or any(p in path for p in only.split(","))):
            out.append(path)
    return out


def time_page(client: Client, persona: str, path: str, n: int) -> Timed:
    """Median and p95 of ``n`` fetches after a warm-up (template and URL caches, first query plans);
    a download is fetched once more, timed, as a person would wait for it once."""
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
        response = client.get(path)
    document = path.endswith(DOCUMENT_SUFFIXES) or response.get("Content-Disposition", "").startswith(
        "attachment"
    )
    times = []
    for _ in range(1 if document or response.status_code != 200 else n):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return Timed(persona, path, response.status_code, document, times, len(queries))


@contextmanager
def served_documents() -> Iterator[None]:
    """Documents built as under ``devzone serve``: queued here, built by a runner process of their own
    (``devzone build-documents``, core/document_runner.py) while the walk goes on."""
    os.environ[document_runner.ENV] = "1"
    devzone = Path(sys.executable).with_name("devzone")
    runner = subprocess.Popen(
        [str(devzone), "build-documents"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield
    finally:
        runner.terminate()
        runner.wait(timeout=60)
        del os.environ[document_runner.ENV]


def walk(n: int) -> list[Timed]:
    logging.disable(logging.WARNING)  # the refusals (403/404) a persona meets are expected, not news
    get_resolver().url_patterns  # noqa: B018 - as `devzone serve` does before it listens
    collector.freeze()  # the served process's collector (devzone/core/collector.py)
    with served_documents():
        return _walk(n)


def _walk(n: int) -> list[Timed]:
    timed = []
    chosen = os.environ.get("DEVZONE_BENCH_PERSONAS", ",".join(PERSONAS)).split(",")
    for persona, username in PERSONAS.items():
        if persona not in chosen:
            continue
        user = User.objects.get(username=username)
        client = Client(raise_request_exception=False)  # a 500 is a figure here, not a crash
        for path in paths_for(user):
            client.force_login(user)
            timed.append(time_page(client, persona, path, n))
            if os.environ.get("DEVZONE_BENCH_VERBOSE"):
                t = timed[-1]
                print(f"{t.median:8.1f} {t.p95:8.1f} {t.queries:5d} {t.status} {persona} {path}", flush=True)
    return timed


def figure(name: str, value: float, unit: str = "ms", goal: float | None = None) -> dict[str, object]:
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": None if goal is None else "goal",
        "baseline_value": goal,
        "ratio": None if not goal else value / goal,  # a goal of zero (no server error) has no ratio
    }


def run() -> list[dict[str, object]]:
    built = province.build()
    timed = walk(repeats())
    pages = [t for t in timed if t.status == 200 and not t.document]
    documents = [t for t in timed if t.status == 200 and t.document]
    slowest = sorted(pages, key=lambda t: -t.p95)[:10]
    dashboard = max(t.median for t in pages if t.path.startswith("/plans/dashboard/"))
    figures = [
        figure("pages.province_build", built.seconds, "s"),
        figure("pages.walked", len(pages), "pages (200, HTML or JSON)"),
        figure("pages.server_errors", sum(t.status >= 500 for t in timed), "pages", 0),
        figure("pages.worst_median", max(t.median for t in pages), goal=MEDIAN_GOAL_MS),
        figure("pages.worst_p95", max(t.p95 for t in pages), goal=P95_GOAL_MS),
        figure("pages.median_of_medians", statistics.median(t.median for t in pages)),
        figure("pages.over_median_goal", sum(t.median >= MEDIAN_GOAL_MS for t in pages), "pages", 0),
        figure("pages.over_p95_goal", sum(t.p95 >= P95_GOAL_MS for t in pages), "pages", 0),
        figure("pages.dashboard_median", dashboard, goal=DASHBOARD_GOAL_MS),
    ]
    figures += [
        figure(f"pages.slowest.{t.persona} {t.path} p95 (median {t.median:.0f}, {t.queries} queries)", t.p95)
        for t in slowest
    ]
    figures += [
        figure(f"documents.{t.persona} {t.path} median", t.median)
        for t in sorted(documents, key=lambda t: -t.median)[:10]
    ]
    return figures


def main() -> None:
    built = province.build()
    print(built)
    timed = walk(repeats())
    for t in sorted(timed, key=lambda t: -t.p95):
        kind = "doc " if t.document else "page"
        print(f"{t.median:8.1f} {t.p95:8.1f} {t.queries:5d} {t.status} {kind} {t.persona:<11} {t.path}")


if __name__ == "__main__":
    main()
