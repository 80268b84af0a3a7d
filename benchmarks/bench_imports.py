"""Web imports at size (issue 16, criterion 4): 100,000 enterprise-years (亩均), 100,000 indicator figures.

Each import posts a real file through the page a user submits (the Django test client, signed in as the
city coordinator), follows the progress page until the import is done, and is compared with a
hand-written bulk insert of the same rows (``executemany`` on the same connection) in the same run.
Files come from fixed seeds (the demo's own generators). ``DEVZONE_BENCH_SCALE`` shrinks the sizes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import django
import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402  (after django.setup)
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from devzone.accounts.demo import create_demo_users  # noqa: E402
from devzone.accounts.models import User  # noqa: E402
from devzone.enterprises import demo as mu_demo  # noqa: E402
from devzone.enterprises.actions.imports import YEAR_FIELDS  # noqa: E402
from devzone.enterprises.models import Enterprise, EnterpriseYear  # noqa: E402
from devzone.orgs.demo import build_directory  # noqa: E402
from devzone.orgs.models import Zone  # noqa: E402

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
    """Follow the upload's answer as a browser does: redirects, and the progress page until it is over."""
    path = ""
    while True:
        if response.status_code == 302:
            path = response["Location"]
        elif response.status_code == 200 and b"data-import-running" in response.content:
            time.sleep(POLL_SECONDS)
        else:
            return response
        response = client.get(path)


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
    return [figure(f"imports.enterprise_years_{n}", seconds, "executemany of the same rows", base)]


def run() -> list[dict[str, object]]:
    call_command("devzone_setup")
    build_directory()
    create_demo_users()
    client = Client()
    client.force_login(User.objects.get(username="lyg_coord"))
    n = int(100_000 * _scale())
    return bench_enterprises(client, n)
