"""The year-end counts written as indicator observations, so that a 高企 target tracks itself.

DESIGN.md: a slice that computes a count writes it as an observation with its source. Two catalogue
indicators are counted here: 高新技术企业数量 (the year-end stock of valid 高企 titles) and 智能车间、工厂、
“专精特新”小巨人数量 (distinct firms holding any of the three, ``count_unit: enterprise``, the default
of spec §5 since the plan says "家"). Each zone's figure goes through the indicators slice's one
writer (``record_observations``: a changed figure supersedes the current one, kept as history);
a period its city has locked is left as it is and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from devzone.indicators.actions import record_observations
from devzone.indicators.locks import PeriodLocked
from devzone.indicators.models import Indicator
from devzone.indicators.periods import Period
from devzone.indicators.validate import CleanRow
from devzone.orgs.models import Zone
from devzone.pools.store import year_counts

INDICATORS: dict[str, tuple[str, ...]] = {
    "high_tech_enterprises": ("hte",),
    "smart_factories_little_giants": ("smart_workshop", "smart_factory", "little_giant"),
}
SOURCE = "梯度培育 年末统计（按资质记录计算）"


@dataclass
class Recorded:
    """Figures written (created or revised), unchanged, and the zones whose period is locked."""

    written: int = 0
    unchanged: int = 0
    locked: list[str] = field(default_factory=list)


def figures(years: Iterable[int]) -> dict[tuple[str, str, int], int]:
    """(indicator code, zone id, year) → the computed figure; a zone with no title that year counts 0."""
    years = sorted(set(years))
    flows = year_counts(years).flows
    out: dict[tuple[str, str, int], int] = {}
    if "year" not in flows.column_names:
        return out
    held: dict[tuple[str, str, int], set[str]] = {}
    for f in flows.to_pylist():
        if not f["in_stock"]:
            continue
        for code, kinds in INDICATORS.items():
            if str(f["kind"]) in kinds:
                held.setdefault((code, str(f["zone"]), int(f["year"])), set()).add(str(f["uscc"]))
    for key, firms in held.items():
        out[key] = len(firms)
    return out


def record_counts(
    years: Iterable[int], *, actor: Any, source: str, zones: Iterable[Zone] | None = None
) -> Recorded:
    """Write each zone's counts of ``years`` as observations (0 where a zone has titles in no year asked)."""
    years = sorted(set(years))
    computed = figures(years)
    known = set(Indicator.objects.filter(code__in=INDICATORS).values_list("code", flat=True))
    done = Recorded()
    this_year = timezone.localdate().year
    counted_zones = {z for _, z, _ in computed}
    for zone in zones if zones is not None else Zone.objects.filter(pk__in=[int(z) for z in counted_zones]):
        rows = [
            CleanRow(
                sheet="",
                row=i,
                indicator=code,
                period=Period(year=year),
                value=float(value),
                unit="家",
                entered_value=float(value),
                entered_unit="家",
                status="final" if year < this_year else "preliminary",
                source=SOURCE,
            )
            for i, (code, year, value) in enumerate(
                ((c, y, computed.get((c, str(zone.pk), y), 0)) for c in sorted(known) for y in years), start=1
            )
        ]
        if not rows:
            continue
        try:
            result = record_observations(rows, zone=zone, city=zone.city, actor=actor, source=source)
        except PeriodLocked:
            done.locked.append(str(zone))
            continue
        done.written += result.created + result.revised
        done.unchanged += result.unchanged
    return done
