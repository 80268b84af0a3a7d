"""Plans at scale: 50 plans, 5,000 tasks, 20,000 assignments; "my tasks" and the dashboard server time.

Goal (issue 4): both pages under 300 ms. Data is generated from a fixed seed straight into a
throw-away SQLite database (``python -m benchmarks`` gives each module its own).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from collections.abc import Callable

import django
import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
django.setup()

from django.core.management import call_command  # noqa: E402  (after django.setup)
from django.test import Client  # noqa: E402

from devzone.accounts.demo import create_demo_users  # noqa: E402
from devzone.accounts.models import User  # noqa: E402
from devzone.orgs.demo import build_directory  # noqa: E402
from devzone.orgs.models import Unit  # noqa: E402
from devzone.plans.models import (  # noqa: E402
    Assignment,
    Deadline,
    Plan,
    PlanStatus,
    ProgressReport,
    SourceDocument,
    Task,
)

SEED = 20261124
PLANS, TASKS_PER_PLAN, ASSIGNMENTS_PER_TASK = 50, 100, 4
REPEATS = 7


def generate(rng: np.random.Generator, *, city: str = "") -> None:
    """The plans, tasks, deadlines and assignments (to units of ``city``, or any unit), half reported."""
    units = list((Unit.objects.filter(city=city) if city else Unit.objects.all()).order_by("pk"))
    start = dt.date(2025, 1, 1)
    for p in range(PLANS):
        doc = SourceDocument.objects.create(
            name=f"bench-{p}.txt", text="x", sha256="0" * 64, parse_method="bench", engine_version="bench"
        )
        plan = Plan.objects.create(
            document=doc,
            version=1,
            status=PlanStatus.PUBLISHED,
            title=f"压力测试方案{p}",
            city="连云港市",
            province="江苏省",
            year=2026,
            start_date=start,
            end_date=dt.date(2027, 12, 31),
            parsed={},
        )
        tasks = Task.objects.bulk_create(
            Task(plan=plan, key=f"{p}.{t}", heading=f"任务{t}", text=f"方案{p}的第{t}项任务", order=t)
            for t in range(TASKS_PER_PLAN)
        )
        days = rng.integers(30, 1000, size=len(tasks))
        Deadline.objects.bulk_create(
            Deadline(task=task, text="到期", due_date=start + dt.timedelta(days=int(d)))
            for task, d in zip(tasks, days, strict=True)
        )
        assignments = Assignment.objects.bulk_create(
            Assignment(task=task, unit=units[int(u)], role="lead" if i == 0 else "support")
            for task in tasks
            for i, u in enumerate(rng.choice(len(units), size=ASSIGNMENTS_PER_TASK, replace=False))
        )
        percents = rng.integers(0, 101, size=len(assignments))
        ProgressReport.objects.bulk_create(
            ProgressReport(assignment=a, period="2026-06", percent=int(pc), narrative="进展")
            for a, pc in zip(assignments, percents, strict=True)
            if pc % 2 == 0
        )


def median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def figure(name: str, value: float, baseline_value: float) -> dict[str, object]:
    return {
        "name": name,
        "value": value,
        "unit": "ms",
        "baseline": "login page (no data)",
        "baseline_value": baseline_value,
        "ratio": value / baseline_value,
    }


def run() -> list[dict[str, object]]:
    call_command("devzone_setup")
    build_directory()
    create_demo_users()
    generate(np.random.default_rng(SEED))
    assert Assignment.objects.count() == PLANS * TASKS_PER_PLAN * ASSIGNMENTS_PER_TASK
    login = median_ms(lambda: Client().get("/accounts/login/"))
    coordinator, staff = Client(), Client()
    coordinator.force_login(User.objects.get(username="lyg_coord"))
    staff.force_login(User.objects.get(username="lyg_kfq"))
    for client, path in ((staff, "/plans/my/"), (coordinator, "/plans/dashboard/")):
        assert client.get(path).status_code == 200
    return [
        figure("plans.my_tasks_20k_assignments", median_ms(lambda: staff.get("/plans/my/")), login),
        figure(
            "plans.dashboard_20k_assignments", median_ms(lambda: coordinator.get("/plans/dashboard/")), login
        ),
    ]
