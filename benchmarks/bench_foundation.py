"""Foundation figures: building the demo province, and the first page loads.

Run in its own process by ``python -m benchmarks`` with a throw-away SQLite database.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
django.setup()

from django.core.management import call_command  # noqa: E402  (after django.setup)
from django.test import Client  # noqa: E402

from devzone.accounts.demo import create_demo_users  # noqa: E402
from devzone.accounts.models import User  # noqa: E402
from devzone.orgs.demo import build_directory  # noqa: E402

REPEATS = 20


def best_of(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def figure(
    name: str, value: float, unit: str, baseline: str | None = None, baseline_value: float | None = None
) -> dict[str, object]:
    ratio = value / baseline_value if baseline_value else None
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "baseline_value": baseline_value,
        "ratio": ratio,
    }


def run() -> list[dict[str, object]]:
    call_command("devzone_setup")
    start = time.perf_counter()
    build_directory()
    directory_s = time.perf_counter() - start
    start = time.perf_counter()
    create_demo_users()
    users_s = time.perf_counter() - start

    client = Client()
    client.force_login(User.objects.get(username="lyg_coord"))
    anonymous = Client()
    login_page = best_of(lambda: anonymous.get("/accounts/login/"))
    figures = [
        figure("demo.directory_build", directory_s, "s"),
        figure("demo.users_argon2", users_s, "s"),
    ]
    for path in ("/", "/orgs/zones/", "/orgs/units/", "/api/zones"):
        seconds = best_of(lambda path=path: client.get(path))
        figures.append(figure(f"page{path}", seconds * 1000, "ms", "login page (no data)", login_page * 1000))
    return figures
