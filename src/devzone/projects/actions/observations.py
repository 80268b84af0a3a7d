"""The quota counts and rates written as indicator observations, so that a plan target such as
"每年引进百亿元以上项目2个" or "提高项目开工率" tracks itself on the target board.

DESIGN.md: a slice that computes a figure writes it as an observation with its source. The counts are the
method's tier counts with its realisation gate (under ``lyg-seed``: signed and started in the year); the
rates are those of the year's signing cohort, in per cent. Each zone's figures go through the indicators
slice's one writer (``record_observations``: a changed figure supersedes the current one, kept as
history); a period its city has locked is left as it is and reported.
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
from devzone.projects.method import ProjectMethod
from devzone.projects.quotas import tier_counts
from devzone.projects.rates import rates
from devzone.projects.store import table

# catalogue indicator → (tier set, tier) of the method
COUNTS = {"projects_10bn_introduced": ("lyg", "ge100"), "projects_5bn_introduced": ("lyg", "ge50")}
# catalogue indicator → the engine's rate
RATES = {
    "contract_fulfilment_rate": "履约率",
    "park_entry_rate": "入园率",
    "construction_start_rate": "开工率",
    "production_start_rate": "投产率",
}


RECORD_METHOD = "lyg-seed"  # the method the observations are kept under (篇三's quotas are the seed's)


def record_after_write(zone: Zone, years: Iterable[int], *, actor: Any, source: str) -> Recorded:
    """Bring ``zone``'s observations of ``years`` up to date after a write (an import, a verification):
    collect once — nobody types the counts and rates into the indicators again."""
    from devzone.projects.method_load import resolve  # noqa: PLC0415  (the method files load lazily)

    return record_figures(years, method=resolve(RECORD_METHOD), actor=actor, source=source, zones=[zone])


@dataclass
class Recorded:
    written: int = 0
    unchanged: int = 0
    locked: list[str] = field(default_factory=list)


def figures(zone: Zone, method: ProjectMethod, years: Iterable[int]) -> list[tuple[str, int, float, str]]:
    """(indicator code, year, value, unit) of ``zone``: the counts (个) and the rates (%) it has."""
    t = table([zone], method)
    key = (zone.name,)
    out = []
    sets = {s.id for s in method.tier_sets}
    for year in years:
        for code, (tier_set, tier) in COUNTS.items():
            if tier_set in sets:
                c = tier_counts(t, method, year=year, tier_set=tier_set)
                out.append((code, year, float(c.count(tier, key) if key in c.groups.keys else 0), "个"))
        r = rates(t, method, year=year)
        if key in r.groups.keys:
            for code, name in RATES.items():
                value = r.value(name, key)
                if value is not None:
                    out.append((code, year, round(100 * value, 4), "%"))
    return out


def record_figures(
    years: Iterable[int],
    *,
    method: ProjectMethod,
    actor: Any,
    source: str,
    zones: Iterable[Zone] | None = None,
) -> Recorded:
    """Write each zone's counts and rates of ``years`` as observations."""
    years = sorted(set(years))
    known = set(Indicator.objects.filter(code__in=[*COUNTS, *RATES]).values_list("code", flat=True))
    done = Recorded()
    this_year = timezone.localdate().year
    text = f"招商项目库（按“{method.title}”口径计算）"[:200]
    for zone in zones if zones is not None else Zone.objects.filter(projects__isnull=False).distinct():
        rows = [
            CleanRow(sheet="", row=i, indicator=code, period=Period(year=year), value=value, unit=unit,
                     entered_value=value, entered_unit=unit, status="final" if year < this_year else "preliminary",
                     source=text)
            for i, (code, year, value, unit) in enumerate(figures(zone, method, years), start=1)
            if code in known
        ]  # fmt: skip
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
