"""Who reported which year (数据报送情况): a city's zones against the figures their targets need.

A zone needs, for each year, the indicators its own targets and its city's 全市开发区合计 targets are
measured on — of a share, the numerator, and the denominator only when it is taken over the zones
(a denominator over the whole city is the city's figure, not the zone's); a zone without any such
target needs what it has reported before. A cell is complete when the zone has an annual figure (``annual.py``) of every needed
indicator for that year, partial with some, missing with none. The grid is what a coordinator reads
before locking a year or reminding the zones that have not reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from devzone.indicators.annual import annual_figures
from devzone.indicators.models import Observation, PeriodLock, Target
from devzone.indicators.periods import PeriodError, parse_period
from devzone.orgs.models import Zone

YEARS_SHOWN = 6


@dataclass(frozen=True)
class Cell:
    year: int
    reported: int
    needed: int

    @property
    def state(self) -> str:
        """``complete``, ``partial`` or ``missing``."""
        if self.needed and self.reported >= self.needed:
            return "complete"
        return "partial" if self.reported else "missing"


@dataclass
class ZoneRow:
    zone: Zone
    codes: list[str]
    cells: list[Cell]


@dataclass
class Grid:
    city: str
    years: list[int]
    rows: list[ZoneRow] = field(default_factory=list)
    locks: dict[int, PeriodLock] = field(default_factory=dict)

    def complete_count(self, year: int) -> int:
        return sum(
            1 for row in self.rows for cell in row.cells if cell.year == year and cell.state == "complete"
        )

    def missing_zones(self, year: int) -> list[Zone]:
        """Zones whose figures for ``year`` are not complete (the ones a reminder goes to)."""
        return [
            row.zone
            for row in self.rows
            for cell in row.cells
            if cell.year == year and cell.state != "complete"
        ]

    @property
    def summary(self) -> list[tuple[int, int, int, PeriodLock | None]]:
        """(year, complete zones, zones, lock) per year, for the heading row."""
        return [
            (year, self.complete_count(year), len(self.rows), self.locks.get(year)) for year in self.years
        ]


def zone_codes(targets: Sequence[Target]) -> list[str]:
    """The indicator codes a zone reports for these targets (see the module docstring)."""
    codes: set[str] = set()
    for target in targets:
        indicator = target.indicator
        if indicator is None or target.coverage == "city":
            continue
        if indicator.is_share:
            codes.add(indicator.numerator)
            if indicator.denominator_scope != "city":
                codes.add(indicator.denominator)
        else:
            codes.add(indicator.code)
    return sorted(code for code in codes if code)


def _years(city: str, zones: Sequence[Zone], today: dt.date) -> list[int]:
    seen = set(
        Observation.objects.filter(city=city, zone__in=zones, is_current=True)
        .values_list("period", flat=True)
        .distinct()
    )
    years = {today.year - 1}
    for label in seen:
        try:
            years.add(parse_period(label).year)
        except PeriodError:
            continue
    last = max(years)
    return list(range(max(min(years), last - YEARS_SHOWN + 1), last + 1))


def reporting_grid(city: str, zones: Sequence[Zone], *, today: dt.date | None = None) -> Grid:
    """The reporting grid of ``zones`` (those of ``city`` the user may see)."""
    years = _years(city, zones, today or dt.date.today())
    figures = annual_figures(
        Observation.objects.filter(city=city, zone__in=zones, period_end__in=[float(y) for y in years])
    )
    have: dict[int, dict[int, set[str]]] = {}
    for figure in figures:
        if figure.zone_id is not None:
            have.setdefault(figure.zone_id, {}).setdefault(figure.year, set()).add(figure.code)
    grid = Grid(city=city, years=years)
    # The targets of every zone and of the city, and the codes of zones without targets, in three
    # queries: the same codes ``targets_for`` gives zone by zone (a city has hundreds of zones).
    city_targets = list(Target.objects.filter(zone__isnull=True, city=city).select_related("indicator"))
    zone_targets: dict[int, list[Target]] = {}
    for target in Target.objects.filter(zone__in=zones).select_related("indicator"):
        zone_targets.setdefault(target.zone_id, []).append(target)  # type: ignore[arg-type]
    codes_of = {z.pk: zone_codes([*zone_targets.get(z.pk, []), *city_targets]) for z in zones}
    observed: dict[int, set[str]] = {}
    untargeted = [z.pk for z in zones if not codes_of[z.pk]]
    for zone_id, code in (
        Observation.objects.filter(zone__in=untargeted, is_current=True)
        .values_list("zone_id", "indicator__code")
        .distinct()
    ):
        observed.setdefault(zone_id, set()).add(code)
    for zone in zones:
        codes = codes_of[zone.pk] or sorted(observed.get(zone.pk, set()))
        by_year = have.get(zone.pk, {})
        cells = [Cell(year, len(by_year.get(year, set()) & set(codes)), len(codes)) for year in years]
        grid.rows.append(ZoneRow(zone=zone, codes=codes, cells=cells))
    for lock in PeriodLock.objects.filter(city=city).select_related("locked_by"):
        try:
            period = parse_period(lock.period)
        except PeriodError:
            continue
        if period.frequency == "year":
            grid.locks[period.year] = lock
    return grid
