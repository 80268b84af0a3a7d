"""Demo assessment: five years (2020–2024) of zone data for the demo's Jiangsu zones, generated from the
seed, and a run of the shipped 江苏 framework for each year, so 进位/退位, streaks and rule outcomes show.

Collect once, as on the 考评数据 page: a code the indicator catalogue tracks (gdp, industrial_output)
takes the zone's annual figure from the indicators slice where its demo made one, and the generated
figures it lacks are written there as observations, so a zone-year shows one value on the target
board and in 考评数据. The years are the indicators demo's, and this demo runs after it.

Idempotent: values that exist are kept, and a year that already has a demo run is not run again.
The numbers are synthetic (labelled 演示数据 as their source), never real statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db import transaction

from devzone.assessment.actions import load_shipped_frameworks, needed_indicators, run_assessment
from devzone.assessment.models import AssessmentRun, AssessmentValue, Framework
from devzone.assessment.sources import annual_figures
from devzone.audit.actions import created
from devzone.indicators.collect import YearFigure, observe_year_figures
from devzone.orgs.models import Zone

YEARS = (2020, 2021, 2022, 2023, 2024)
"""The indicators demo's years (``indicators.demo.YEARS``): the figures both demos show are the same."""
DEMO_FRAMEWORK = "jiangsu-2021"
DEMO_NOTE = "演示"
DEMO_SOURCE = "演示数据（随机生成）"
DEMO_SAMPLES = 500
# indicator → (typical level of an average zone, elasticity to zone strength); negative = lower is better
SCALES: dict[str, tuple[float, float]] = {
    "gdp": (300.0, 1.0), "industrial_output": (400.0, 1.1), "hitech_trade": (40.0, 1.3),
    "hitech_trade_share": (25.0, 0.4), "private_trade": (30.0, 1.0), "private_trade_share": (35.0, 0.3),
    "smart_workshops": (12.0, 1.0), "leading_talent": (20.0, 1.2), "basic_talent": (800.0, 0.9),
    "pollution_per_va": (1.2, -0.5), "carbon_per_va": (0.9, -0.4), "tax_revenue": (25.0, 1.0),
}  # fmt: skip


@dataclass
class DemoCounts:
    values: int = 0
    runs: int = 0


def demo_zones() -> list[Zone]:
    """The demo's Jiangsu development zones (national and provincial level)."""
    return list(Zone.objects.filter(province="江苏省", level__in=["national", "provincial"]).order_by("name"))


def generate(zones: list[str], indicators: list[str], *, seed: int) -> dict[tuple[str, str, int], float]:
    """Synthetic values: a level per zone (strength), a trend per zone, yearly noise; deterministic in seed.

    >>> v = generate(["A", "B"], ["gdp"], seed=1)
    >>> sorted(v) == [(z, "gdp", y) for z in "AB" for y in YEARS], v == generate(["A", "B"], ["gdp"], seed=1)
    (True, True)
    """
    rng = np.random.default_rng(seed)
    strength = rng.lognormal(0.0, 0.3, size=len(zones))
    trend = rng.normal(0.0, 0.15, size=len(zones))
    out: dict[tuple[str, str, int], float] = {}
    for i, code in enumerate(indicators):
        level, elasticity = SCALES.get(code, (100.0, 1.0))
        noise = rng.normal(0.0, 0.08, size=(len(YEARS), len(zones)))
        for t, year in enumerate(YEARS):
            for k, zone in enumerate(zones):
                growth = np.exp((0.06 + trend[k] * np.sign(elasticity)) * t + noise[t, k])
                value = level * strength[k] ** elasticity * growth * (1.0 + 0.01 * i)
                out[(zone, code, year)] = round(float(value), 2)
    return out


def build_assessment_demo(*, seed: int) -> DemoCounts:
    """Create the demo values and runs that are missing (audited with source "demo")."""
    counts = DemoCounts()
    zones = demo_zones()
    if len(zones) < 3:
        return counts
    load_shipped_frameworks(actor=None, source="demo")
    framework = Framework.objects.filter(code=DEMO_FRAMEWORK, shipped=True).first()
    if framework is None:
        return counts
    indicators = sorted(needed_indicators(framework.engine()))
    by_name = {z.name: z for z in zones}
    values = generate([z.name for z in zones], indicators, seed=seed)
    existing = set(
        AssessmentValue.objects.filter(zone__in=zones, year__in=YEARS).values_list(
            "zone__name", "indicator", "year"
        )
    )
    monitored = annual_figures(indicators, years=YEARS, zone_ids=[z.pk for z in zones])
    figures: list[YearFigure] = []
    with transaction.atomic():
        for (zone, indicator, year), generated in sorted(values.items()):
            if (zone, indicator, year) in existing:
                continue
            found = monitored.get((by_name[zone].pk, indicator, year))
            value = found[0] if found is not None else generated
            obj = AssessmentValue.objects.create(
                zone=by_name[zone], indicator=indicator, year=year, value=value, source=DEMO_SOURCE
            )
            created(obj, actor=None, source="demo")
            counts.values += 1
            figures.append(
                YearFigure(zone=by_name[zone], code=indicator, year=year, value=value, source=DEMO_SOURCE)
            )
        observe_year_figures(figures, previous={}, actor=None, source="demo")
    ids = {z.pk for z in zones}
    for year in YEARS:
        if AssessmentRun.objects.filter(framework=framework, year=year, note=DEMO_NOTE).exists():
            continue
        samples = DEMO_SAMPLES if year == YEARS[-1] else 0
        run_assessment(
            framework, year=year, actor=None, samples=samples, seed=seed if samples else None, note=DEMO_NOTE,
            zone_ids=ids, source="demo",
        )  # fmt: skip
        counts.runs += 1
    return counts
