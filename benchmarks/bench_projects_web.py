"""Benchmark: the pipeline board and the quota board of a 20,000-project zone through the Django layer
(issue 17 criterion 8: each under 300 ms server time).

The zone's projects (signed 2016–2025, log-normal sizes) and their milestones (注册 … 达产, gamma
delays, verified by the city bureau) are written with ``bulk_create``; then each page is fetched through
the Django test client as the zone's staff (the request runs in this process: the time is the server's —
database reads, the engine over the zone's table, the template — without a network or a browser).

The zone's columns are kept in memory while nothing changed (``store_columns.state``), and after a write
only the rows it touched are read again: each page is timed as it is usually viewed, and right after a
write (a project saved before each request).

Baseline, in the same run: a hand-written query that a developer would write for the board's counts —
one ``GROUP BY`` over the milestones giving each project's highest verified stage, then a count per
stage — with no engine, lights, tiers or HTML.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
django.setup()

import numpy as np  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from devzone.accounts.models import Role, User  # noqa: E402
from devzone.orgs.models import Unit, Zone  # noqa: E402
from devzone.projects.models import Milestone, Project  # noqa: E402

SEED = 20261202
N = int(os.environ.get("DEVZONE_BENCH_PROJECTS", "20000"))
REPEATS = 5
STEPS = (("注册", 2, "营业执照"), ("入园", 3, "出让合同"), ("开工", 3, "入库"), ("竣工", 16, "竣工验收备案"),
         ("投产", 2, "投产记录"), ("达产", 12, "达产复核"))  # fmt: skip


def populate(zone: Zone, lead: Unit, bureau: Unit, n: int) -> int:
    rng = np.random.default_rng(SEED)
    start = dt.date(2016, 1, 1).toordinal()
    signed = rng.integers(start, dt.date(2025, 12, 31).toordinal(), n)
    sizes = rng.lognormal(np.log(30_000), 1.1, n)
    projects = [
        Project(zone=zone, code=f"B{k:06d}", name=f"基准项目{k}", lead_unit=lead, signed_on=dt.date.fromordinal(int(s)),
                total_wan=float(min(w, 2_000_000)), fixed_wan=float(min(w, 2_000_000) * 0.7),
                industry_code="2614", investor_name=f"投资方{k}", channel="精准" if k % 3 else "平台",
                linked_leader="主任" if k % 50 == 0 else "")
        for k, (s, w) in enumerate(zip(signed, sizes, strict=True))
    ]  # fmt: skip
    Project.objects.bulk_create(projects, batch_size=2000)
    ids = list(Project.objects.filter(zone=zone).order_by("code").values_list("pk", "signed_on"))
    milestones = []
    cutoff = dt.date(2026, 6, 30)
    for pk, signed_on in ids:
        on = signed_on
        for stage, months, evidence in STEPS:
            on = on + dt.timedelta(days=int(rng.gamma(3.0, months * 10)))
            if on > cutoff or rng.random() < 0.1:
                break
            milestones.append(Milestone(project_id=pk, stage=stage, reached_on=on, evidence=evidence,
                                        verified_by=bureau))  # fmt: skip
    Milestone.objects.bulk_create(milestones, batch_size=5000)
    return len(milestones)


def _timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _touch(zone: Zone) -> None:
    """A write between two views (a project saved), so the next view reads the zone's columns afresh."""
    project = Project.objects.filter(zone=zone).order_by("pk").first()
    assert project is not None
    project.save(update_fields=["updated_at"])


def _baseline(zone: Zone) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT top, COUNT(*) FROM (SELECT p.id, MAX(CASE m.stage WHEN '注册' THEN 4 WHEN '入园' THEN 5 "
            "WHEN '开工' THEN 6 WHEN '竣工' THEN 7 WHEN '投产' THEN 8 WHEN '达产' THEN 9 ELSE 3 END) AS top "
            "FROM projects_project p LEFT JOIN projects_milestone m ON m.project_id = p.id "
            "AND m.verified_by_id IS NOT NULL WHERE p.zone_id = %s GROUP BY p.id) GROUP BY top",
            [zone.pk],
        )
        return dict(cursor.fetchall())


def _figure(name: str, value: float, baseline: str, base: float) -> dict[str, Any]:
    return {"name": name, "value": value, "unit": "s", "baseline": baseline, "baseline_value": base,
            "ratio": base / value if value else None}  # fmt: skip


def run() -> list[dict[str, Any]]:
    call_command("devzone_setup")
    zone = Zone.objects.create(name="基准开发区", short_name="基准", level="provincial", kind="etdz",
                               region_code="320700", province="江苏省", city="连云港市")  # fmt: skip
    lead = Unit.objects.create(name="基准开发区管委会", zone=zone, kind="zone_committee")
    bureau = Unit.objects.create(name="基准市商务局", kind="bureau", province="江苏省", city="连云港市")
    milestones = populate(zone, lead, bureau, N)
    staff = User.objects.create_user("projects_bench", role=Role.ZONE_STAFF)
    staff.zones.add(zone)
    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    out = []
    base = statistics.median(_timed(lambda: _baseline(zone)) for _ in range(REPEATS))
    for label, url in (("pipeline board", f"/projects/zones/{zone.pk}/?year=2025"),
                       ("quota board", f"/projects/zones/{zone.pk}/quotas/?year=2025")):  # fmt: skip
        response = client.get(url)  # warm-up (method load, template compile)
        assert response.status_code == 200, response.status_code
        times = sorted(_timed(lambda u=url: client.get(u)) for _ in range(REPEATS))
        cold = sorted(_timed(lambda u=url: (_touch(zone), client.get(u))) for _ in range(REPEATS))
        print(f"{label}: {[round(t * 1000) for t in times]} ms; right after a write "
              f"{[round(t * 1000) for t in cold]} ms; {len(response.content) // 1024} KB", flush=True)  # fmt: skip
        what = f"projects {label}, {N} projects × {milestones / N:.1f} milestones (server)"
        out.append(_figure(what, statistics.median(times), "one GROUP BY of stages (hand-written SQL)", base))
        out.append(_figure(f"{what}, first view after a write", statistics.median(cold),
                           "one GROUP BY of stages (hand-written SQL)", base))  # fmt: skip
    return out


if __name__ == "__main__":
    print("load:", os.getloadavg())
    for figure in run():
        print(figure)
    print("load:", os.getloadavg())
