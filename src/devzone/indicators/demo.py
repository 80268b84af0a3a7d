"""Demo targets and five years of figures (2020–2024) for the demo zones, from a fixed seed.

The targets are typed from the seed plans (``data/demo_targets.yaml``) and go through
``targets_from_plan`` like a parsed plan. The figures follow each target's story — met, on track,
at risk, off track — with small noise from ``numpy.random.default_rng(seed)``, so the board tells
the same story on every first start. Idempotent: indicators and targets are matched by key, and
figures are generated only when no demo figure exists yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import yaml

from devzone.indicators.actions import record_observations, sync_catalogue, targets_from_plan
from devzone.indicators.models import Coverage, Observation, Origin, Target
from devzone.indicators.periods import Period
from devzone.indicators.targets import plan_figure
from devzone.indicators.units import convert, parse_unit
from devzone.indicators.validate import CleanRow
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User

DEMO_FILE = Path(__file__).with_name("data") / "demo_targets.yaml"
DEMO_SOURCE = "演示数据（随机生成）"
YEARS = tuple(range(2020, 2025))
BASE_YEAR = 2020
PLAN_YEARS = 5
STORY_FACTORS: Mapping[str, float] = {"met": 1.35, "on_track": 1.06, "at_risk": 0.95, "off_track": 0.7}
"""Pace of each story as a multiple of the pace the plan needs."""
NOISE = 0.008
MAX_FILL_ZONES = 7
"""Zones a 全市开发区 total is spread over: enough for every national and provincial zone of 连云港市,
so the assessment demo finds each of its zones' GDP here and shows the same figure (collect once)."""

Key = tuple[str, int | None, str]
Series = dict[int, float]


@dataclass
class DemoCounts:
    indicators: int = 0
    targets: int = 0
    unmatched: int = 0
    observations: int = 0


@dataclass
class Generator:
    """Builds the figure series target by target; a series once made is kept for later targets."""

    rng: np.random.Generator
    zones_by_city: dict[str, list[Zone]]
    series: dict[Key, Series] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    totals: set[tuple[str, str]] = field(default_factory=set)

    def noisy(self, value: float, year: int) -> float:
        return value if year == BASE_YEAR else value * (1.0 + float(self.rng.normal(0.0, NOISE)))

    def path(self, target: Target, base: float, factor: float) -> Series:
        """The indicator's figures for a level-like target, before any split over zones."""
        indicator = target.indicator
        assert indicator is not None
        plan_value = target.value
        if target.kind in {"level", "net_increase", "cumulative"}:
            plan_value = convert(target.value, source=target.unit, target=indicator.unit)
        out: Series = {}
        for year in YEARS:
            f = (year - BASE_YEAR) / PLAN_YEARS
            if target.kind == "level":
                value = base + (plan_value - base) * f * factor
            elif target.kind == "multiple":
                value = base + (base * plan_value - base) * f * factor
            elif target.kind == "growth":
                rate = plan_figure(kind="growth", value=target.value, unit=target.unit)
                value = base * (1.0 + rate * factor) ** (year - BASE_YEAR)
            elif target.kind == "net_increase":
                value = base + plan_value * f * factor
            elif target.kind == "cumulative":
                value = base if year == BASE_YEAR else plan_value / PLAN_YEARS * factor
            else:  # count_per_period
                short = factor < 1 and int(self.rng.integers(BASE_YEAR + 1, YEARS[-1] + 1)) == year
                value = (
                    base if year == BASE_YEAR else max(plan_value - (1 if short or factor < 0.8 else 0), 0)
                )
                out[year] = float(value)
                continue
            out[year] = self.noisy(value, year)
        return out

    def put(self, key: Key, values: Series, unit: str) -> None:
        counted = parse_unit(unit).dimension.startswith("count")
        self.series[key] = {y: float(round(v)) if counted else round(v, 4) for y, v in values.items()}
        self.units[key[0]] = unit

    def spread(self, code: str, city: str, total: Series, unit: str) -> None:
        """Split a 全市开发区 total over the city's zones that have no figures of this indicator yet."""
        taken = {zone for (c, zone, place) in self.series if c == code and place == city and zone is not None}
        given: Series = dict.fromkeys(total, 0.0)
        for (c, zone, place), values in self.series.items():
            if c == code and place == city and zone is not None:
                for year in given:
                    given[year] += values.get(year, 0.0)
        self.totals.add((code, city))
        free = [zone for zone in self.zones_by_city.get(city, []) if zone.pk not in taken][:MAX_FILL_ZONES]
        if not free:
            return
        weights = self.rng.dirichlet(np.ones(len(free)) * 4.0)
        for zone, weight in zip(free, weights, strict=True):
            share = {
                year: max(total[year] - given[year], 0.05 * total[year]) * float(weight) for year in total
            }
            self.put((code, zone.pk, city), share, unit)

    def target(self, target: Target, demo: Mapping[str, Any]) -> None:
        indicator = target.indicator
        story = str(demo.get("story", "none"))
        if indicator is None or story not in STORY_FACTORS or target.kind == "rank_change":
            return
        factor = STORY_FACTORS[story]
        base = float(demo["base"])
        city = target.city
        if target.kind == "share":
            self.share(target, base, factor, float(demo.get("part_base", 0.0)))
            return
        if target.coverage == Coverage.ZONE and target.zone is not None:
            key: Key = (indicator.code, target.zone.pk, city)
        elif target.coverage == Coverage.CITY or indicator.aggregation != "sum":
            key = (indicator.code, None, city)
        else:
            if (indicator.code, city) not in self.totals:
                self.spread(indicator.code, city, self.path(target, base, factor), indicator.unit)
            return
        if key not in self.series:
            self.put(key, self.path(target, base, factor), indicator.unit)

    def share(self, target: Target, base: float, factor: float, part_base: float) -> None:
        """Numerator over the area, denominator over the whole city, so that the share tells the story."""
        indicator = target.indicator
        assert indicator is not None
        numerator = indicator.numerator or indicator.code
        denominator = indicator.denominator or indicator.code
        city = target.city
        area: Series = {}
        for (code, zone, place), values in self.series.items():
            if (
                code == numerator
                and place == city
                and (zone is not None) == (target.coverage != Coverage.CITY)
            ):
                for year, value in values.items():
                    area[year] = area.get(year, 0.0) + value
        if not area:
            part_unit = parse_unit(self.units.get(numerator, "亿元")).symbol
            grown = {year: self.noisy(part_base * 1.08 ** (year - BASE_YEAR), year) for year in YEARS}
            self.spread(numerator, city, grown, part_unit)
            area = {
                year: sum(
                    v.get(year, 0.0)
                    for (c, z, p), v in self.series.items()
                    if c == numerator and p == city and z is not None
                )
                for year in YEARS
            }
        goal = target.value
        city_values: Series = {}
        for year in YEARS:
            f = (year - BASE_YEAR) / PLAN_YEARS
            percent = base + (goal - base) * f * factor
            city_values[year] = area[year] / (percent / 100.0)
        self.put((denominator, None, city), city_values, self.units.get(numerator, "亿元"))

    def zones_sum(self, code: str, city: str) -> Series:
        """Σ over the city's zones of one indicator's figures."""
        total: Series = dict.fromkeys(YEARS, 0.0)
        for (c, zone, place), values in self.series.items():
            if c == code and place == city and zone is not None:
                for year in YEARS:
                    total[year] += values.get(year, 0.0)
        return total


def _plan_document(plan: Mapping[str, Any]) -> dict[str, Any]:
    targets = [{k: v for k, v in item.items() if k != "demo"} for item in plan["targets"]]
    return {
        "schema": "devzone.plan/1",
        "source": DEMO_FILE.name,
        "plans": [{"title": plan["title"], "targets": targets}],
    }


def _find(plan: Mapping[str, Any], item: Mapping[str, Any]) -> Target | None:
    return (
        Target.objects.filter(
            city=plan["city"],
            origin=Origin.PLAN,
            plan_title=plan["title"],
            text=item["text"],
            indicator_text=item["indicator"],
            subject=item.get("subject") or "",
            kind=item["kind"],
            value=float(item["value"]),
        )
        .select_related("indicator", "zone")
        .first()
    )


def _store(generator: Generator, *, actor: User | None) -> int:
    created = 0
    zones = {zone.pk: zone for zones in generator.zones_by_city.values() for zone in zones}
    for (code, zone_id, city), values in sorted(
        generator.series.items(), key=lambda kv: (kv[0][2], kv[0][1] or 0, kv[0][0])
    ):
        unit = generator.units[code]
        rows = [
            CleanRow(
                sheet="demo",
                row=index,
                indicator=code,
                period=Period(year=year),
                value=value,
                unit=unit,
                entered_value=value,
                entered_unit=unit,
                status="final" if year < YEARS[-1] else "preliminary",
                source=DEMO_SOURCE,
            )
            for index, (year, value) in enumerate(sorted(values.items()), start=1)
        ]
        zone = zones.get(zone_id) if zone_id is not None else None
        created += record_observations(rows, zone=zone, city=city, actor=actor, source="demo").created
    return created


def build_indicators_demo(*, seed: int, actor: User | None = None, path: Path = DEMO_FILE) -> DemoCounts:
    """Catalogue, seed-plan targets and generated figures; a second run creates nothing."""
    counts = DemoCounts()
    counts.indicators = sync_catalogue(actor=actor, source="demo").created
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    rng = np.random.default_rng(seed)
    cities = sorted({plan["city"] for plan in spec["plans"]})
    generator = Generator(
        rng=rng, zones_by_city={c: list(Zone.objects.filter(city=c).order_by("pk")) for c in cities}
    )
    for plan in spec["plans"]:
        if not Zone.objects.filter(city=plan["city"]).exists():
            continue
        result = targets_from_plan(
            _plan_document(plan),
            zone=None,
            city=plan["city"],
            actor=actor,
            source="demo",
            base_period=str(plan["base_period"]),
            default_deadline=str(plan["default_deadline"]),
        )
        counts.targets += len(result.linked) + len(result.unmatched)
        counts.unmatched += len(result.unmatched)
        for item in plan["targets"]:
            target = _find(plan, item)
            if target is not None:
                generator.target(target, item.get("demo", {}))
    if not Observation.objects.filter(source=DEMO_SOURCE).exists():
        counts.observations = _store(generator, actor=actor)
    return counts
