"""The demo's projects (issue 17 criterion 7): five years for the 连云港 zones, plausible and mixed — log-normal
sizes, stage delays, terminations, re-signings and 达产复核 breaches — with one zone meeting and one missing
its 篇三 quota in 2025. Read back through the same engine and pages a coordinator uses."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
import pytest

from devzone.accounts.demo import create_demo_users
from devzone.enterprises.models import Enterprise, EnterpriseYear
from devzone.orgs.demo import build_directory
from devzone.orgs.models import Zone
from devzone.projects.demo import YEARS, build_projects_demo
from devzone.projects.method_load import resolve
from devzone.projects.models import Milestone, Project, SigningEvent
from devzone.projects.quotas import quota_results
from devzone.projects.store import contract_checks, table

pytestmark = pytest.mark.django_db
SEED = 20261124


def _firms() -> None:
    """A few 亩均 firms of 2024 in every zone (the 亩均 demo's place, kept small here)."""
    for zone in Zone.objects.filter(city="连云港市"):
        for k in range(12):
            firm = Enterprise.objects.create(zone=zone, uscc=f"91320700MA{zone.pk:02d}{k:04d}X", name=f"企业{zone.pk}-{k}",
                                             industry_code="2614")  # fmt: skip
            EnterpriseYear.objects.create(enterprise=firm, zone=zone, year=2024, scale="above", land_mu=50 + k,
                                          tax=200.0 + 30 * k, sales=9000.0)  # fmt: skip


def test_the_demo_has_five_years_of_mixed_projects_and_one_zone_meets_its_quota_one_misses() -> None:
    build_directory()
    create_demo_users()
    _firms()
    start = time.perf_counter()
    counts = build_projects_demo(seed=SEED)
    seconds = time.perf_counter() - start
    assert seconds < 15, f"the demo's projects took {seconds:.1f} s"
    zones = list(Zone.objects.filter(city="连云港市"))
    projects = Project.objects.filter(zone__in=zones)
    assert counts.projects == projects.count() > 200
    years = {p.signed_on.year for p in projects if p.signed_on}
    assert years == set(YEARS)
    sizes = np.log([p.total_wan for p in projects if p.total_wan < 45 * 10_000])
    assert 1.0 < float(np.exp(np.median(sizes))) / 10_000 < 6.0  # median of the ordinary ones: a few 亿元
    assert projects.filter(status="终止").count() == counts.terminated > 5
    assert SigningEvent.objects.filter(project__zone__in=zones).count() == counts.resignings > 0
    assert projects.filter(agreement="框架协议").exists()
    assert Milestone.objects.filter(
        project__zone__in=zones, verified_by__isnull=True
    ).exists()  # pending ones
    delays = [
        (m.reached_on - m.project.signed_on).days
        for m in Milestone.objects.filter(project__zone__in=zones, stage="开工").select_related("project")
    ]
    assert 60 < float(np.median(delays)) < 400  # 开工 some months after 签约, not the same day

    method = resolve("lyg-seed")
    t = table(zones, method)
    results = {q.zone: q for q in quota_results(t, method, year=2025, zones=[z.name for z in zones])}
    assert results["连云港经济技术开发区"].met and results["连云港经济技术开发区"].achieved == 2
    assert not results["徐圩新区"].met and results["徐圩新区"].achieved == 1

    checks = contract_checks(zones, method, 2024)
    met = [r.met for c in checks for r in c.results]
    assert True in met and False in met, met  # some 达产复核 met, some breached


def test_the_demo_is_the_same_from_the_same_seed_and_leaves_a_built_zone_alone() -> None:
    build_directory()
    create_demo_users()
    first = build_projects_demo(seed=SEED)
    codes = sorted(Project.objects.values_list("code", "total_wan"))
    again = build_projects_demo(seed=SEED)
    assert again.projects == 0 and sorted(Project.objects.values_list("code", "total_wan")) == codes
    assert first.projects == len(codes)
    assert min(p.signed_on for p in Project.objects.all() if p.signed_on) >= dt.date(2021, 1, 1)
