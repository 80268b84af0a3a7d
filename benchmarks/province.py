"""The benchmark province: the demo province grown to the size issue 16 names, from a fixed seed.

* plans: the six demo plans plus 50 generated ones (5,000 tasks, 20,000 assignments; ``bench_plans_scale``);
* enterprises: 3,000 firms of the 连云港 zones × 5 years (2020–2024), imported per zone and year through the
  import action as a user's file would be, then the demo's 2023 (final) and 2024 (公示) runs;
* assessment: 3,000 zones of 江苏省 (the demo's zones plus generated ones over the province's cities),
  five years of values and the demo's five runs of the 江苏 framework (the last with 500 MC samples).

Everything goes into the configured database (``python -m benchmarks`` gives each module its own).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
django.setup()

import numpy as np  # noqa: E402  (after django.setup)
from django.core.management import call_command  # noqa: E402

from benchmarks import bench_plans_scale  # noqa: E402
from devzone.accounts.actions import create_user  # noqa: E402
from devzone.accounts.demo import create_demo_users  # noqa: E402
from devzone.accounts.models import Role, User  # noqa: E402
from devzone.assessment.actions import load_shipped_frameworks, needed_indicators, run_assessment  # noqa: E402
from devzone.assessment.demo import DEMO_FRAMEWORK, DEMO_SOURCE, build_assessment_demo  # noqa: E402
from devzone.assessment.demo import YEARS as ASSESSMENT_YEARS  # noqa: E402
from devzone.assessment.demo import generate as assessment_values  # noqa: E402
from devzone.assessment.models import AssessmentValue, Framework  # noqa: E402
from devzone.enterprises import actions as mu_actions  # noqa: E402
from devzone.enterprises.demo import _csv, build_enterprises_demo, population  # noqa: E402
from devzone.enterprises.demo import demo_zones as mu_zones  # noqa: E402
from devzone.enterprises.models import EnterpriseYear  # noqa: E402
from devzone.indicators.demo import build_indicators_demo  # noqa: E402
from devzone.orgs.demo import build_directory  # noqa: E402
from devzone.orgs.models import Zone, ZoneKind, ZoneLevel  # noqa: E402
from devzone.plans.demo import build_plans  # noqa: E402

SEED = 20261124
ENTERPRISES = 3000
ENTERPRISE_YEARS = (2020, 2021, 2022, 2023, 2024)
ASSESSED_ZONES = 3000
# 江苏省's prefecture cities and their GB/T 2260 codes; generated zones are spread over them.
JIANGSU = {
    "南京市": "320100", "无锡市": "320200", "徐州市": "320300", "常州市": "320400", "苏州市": "320500",
    "南通市": "320600", "连云港市": "320700", "淮安市": "320800", "盐城市": "320900", "扬州市": "321000",
    "镇江市": "321100", "泰州市": "321200", "宿迁市": "321300",
}  # fmt: skip
PROVINCE_USER = "bench_js"  # a 江苏省 coordinator: sees the whole 3,000-zone assessment
PASSWORD = "Bench-Province-2026!"  # a throw-away database


@dataclass(frozen=True)
class Province:
    seconds: float
    assignments: int
    enterprise_years: int
    assessed_zones: int


def _enterprises(rng: np.random.Generator) -> None:
    zones = mu_zones()
    coordinator = User.objects.get(username="lyg_coord")
    per_zone = ENTERPRISES // len(zones)
    for index, zone in enumerate(zones):
        size = per_zone + (1 if index < ENTERPRISES % len(zones) else 0)
        for year, rows in population(rng, zone=zone, size=size, years=ENTERPRISE_YEARS).items():
            mu_actions.import_year_data(
                zone=zone,
                year=year,
                upload=mu_actions.Upload(name=f"{zone.short_name}-{year}.csv", content=_csv(rows)),
                actor=coordinator,
                source="bench",
            )
    build_enterprises_demo(seed=SEED, zones=zones)  # the 2023 and 2024 runs with their objections


def _assessment_zones() -> None:
    """Generated national and provincial zones of 江苏省 up to ASSESSED_ZONES, and their five years of values
    (bulk: the demo's audited one-by-one path is for the demo's own dozen zones)."""
    assessed = Zone.objects.filter(province="江苏省", level__in=[ZoneLevel.NATIONAL, ZoneLevel.PROVINCIAL])
    have = assessed.count()
    cities = list(JIANGSU.items())
    made = Zone.objects.bulk_create(
        Zone(
            name=f"{cities[i % len(cities)][0].removesuffix('市')}第{i + 1:04d}号压测开发区",
            short_name=f"压测{i + 1:04d}",
            level=ZoneLevel.NATIONAL if i % 5 == 0 else ZoneLevel.PROVINCIAL,
            kind=ZoneKind.ETDZ if i % 3 else ZoneKind.HITECH,
            region_code=cities[i % len(cities)][1],
            province="江苏省",
            city=cities[i % len(cities)][0],
        )
        for i in range(ASSESSED_ZONES - have)
    )
    load_shipped_frameworks(actor=None, source="bench")
    framework = Framework.objects.get(code=DEMO_FRAMEWORK, shipped=True)
    indicators = sorted(needed_indicators(framework.engine()))
    values = assessment_values([z.name for z in made], indicators, seed=SEED)
    by_name = {z.name: z for z in made}
    zone_ids = assessed.values_list("pk", flat=True)
    AssessmentValue.objects.bulk_create(
        (
            AssessmentValue(zone=by_name[z], indicator=code, year=year, value=value, source=DEMO_SOURCE)
            for (z, code, year), value in values.items()
        ),
        batch_size=5000,
    )
    # Without Monte Carlo: on 3,000 generated zones the shipped framework's z-score × geometric-mean
    # choice meets values ≤ 0 and the engine refuses it (the demo's Monte Carlo run covers its dozen zones).
    for year in ASSESSMENT_YEARS:
        run_assessment(framework, year=year, actor=None, note="压测", zone_ids=set(zone_ids), source="bench")


def build() -> Province:
    """Build the province into the configured database (kept as it is when it holds one already)."""
    started = time.perf_counter()
    call_command("devzone_setup")
    if not User.objects.filter(username=PROVINCE_USER).exists():
        _build()
    assessed = Zone.objects.filter(province="江苏省", level__in=[ZoneLevel.NATIONAL, ZoneLevel.PROVINCIAL])
    return Province(
        seconds=time.perf_counter() - started,
        assignments=bench_plans_scale.Assignment.objects.count(),
        enterprise_years=EnterpriseYear.objects.count(),
        assessed_zones=assessed.count(),
    )


def _build() -> None:
    build_directory()
    create_demo_users()
    build_plans(seed=SEED)
    bench_plans_scale.generate(np.random.default_rng(SEED))
    build_indicators_demo(seed=SEED)
    _enterprises(np.random.default_rng(SEED))
    build_assessment_demo(seed=SEED)  # the demo's zones: values, five runs, Monte Carlo on the last
    _assessment_zones()
    create_user(
        actor=None,
        username=PROVINCE_USER,
        password=PASSWORD,
        role=Role.COORDINATOR,
        display_name="江苏省 协调员（压测）",
        province="江苏省",
        source="bench",
    )
