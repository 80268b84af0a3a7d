"""Collect once: a zone's year figure typed elsewhere (考评数据) is the indicator's observation.

When another slice records a zone's figure for a year under a code the catalogue tracks, the figure
is written here as the observation of period ``Y`` (in the catalogue's unit: the code is the
catalogue's; a value outside the catalogue's plausible range is refused, as the data template refuses
it), unless the zone already has an annual figure for that year (``annual.py``):

- the same value (to 1e-9 relative): nothing to write;
- a different value: refused (:class:`FigureConflict`, every conflict in Chinese), because one
  zone-year has one value everywhere — unless that annual figure is the year observation this
  same source wrote before (its value equals ``previous``), which makes the new figure a revision.

A figure left empty (reported missing) writes nothing. Codes the catalogue does not know stay the
caller's alone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from devzone.indicators.actions import ImportResult, record_observations
from devzone.indicators.annual import AnnualFigure, annual_figures
from devzone.indicators.locks import PeriodLocked
from devzone.indicators.models import Indicator, Observation, ObservationStatus
from devzone.indicators.periods import Period
from devzone.indicators.validate import CleanRow
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User

Key = tuple[int, str, int]
"""(zone id, indicator code, year)"""


@dataclass(frozen=True, kw_only=True)
class YearFigure:
    """A zone's figure of one code for one year, as another slice recorded it."""

    zone: Zone
    code: str
    year: int
    value: float | None
    source: str


class FigureConflict(Exception):
    """Figures that would give a zone-year a second value; ``errors`` names each one, in Chinese."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


def same_figure(first: float, second: float) -> bool:
    return math.isclose(first, second, rel_tol=1e-9, abs_tol=1e-12)


def _current(figures: Sequence[YearFigure], indicators: Mapping[str, Indicator]) -> dict[Key, AnnualFigure]:
    rows = Observation.objects.filter(
        indicator__code__in=list(indicators),
        zone__in=[f.zone for f in figures],
        period_end__in=sorted({float(f.year) for f in figures}),
    )
    return {(int(a.zone_id), a.code, a.year): a for a in annual_figures(rows) if a.zone_id is not None}


def observe_year_figures(
    figures: Sequence[YearFigure],
    *,
    previous: Mapping[Key, float | None],
    actor: User | None,
    source: str,
) -> ImportResult:
    """Write the catalogue-tracked figures as observations, or refuse them all (FigureConflict).

    ``previous`` holds the caller's own earlier value of each key (its stored cell before this
    change), so that a figure it wrote before can be revised through it. Atomic; every write audited
    by ``record_observations``.
    """
    indicators = {row.code: row for row in Indicator.objects.filter(code__in={f.code for f in figures})}
    tracked = [f for f in figures if f.code in indicators and f.value is not None]
    if not tracked:
        return ImportResult()
    with transaction.atomic():
        current = _current(tracked, indicators)
        errors: list[str] = []
        writes: dict[Zone, list[tuple[YearFigure, float]]] = {}
        for figure in tracked:
            value = float(figure.value or 0.0)  # tracked figures have a value
            key = (figure.zone.pk, figure.code, figure.year)
            indicator = indicators[figure.code]
            low, high = indicator.plausible_min, indicator.plausible_max
            if (low is not None and value < low) or (high is not None and value > high):
                errors.append(
                    f"{figure.zone.name} {figure.year} 年“{indicator.name}”（{figure.code}）：{value:g} "
                    f"{indicator.unit} 不在指标目录的合理范围 [{low:g}, {high:g}] 内"
                    if low is not None and high is not None
                    else f"{figure.zone.name} {figure.year} 年“{indicator.name}”（{figure.code}）：{value:g} "
                    f"{indicator.unit} 超出指标目录的合理范围"
                )
                continue
            found = current.get(key)
            if found is not None and same_figure(found.value, value):
                continue
            before = previous.get(key)
            revises_own = (
                found is not None
                and found.period == str(figure.year)
                and before is not None
                and same_figure(found.value, before)
            )
            if found is not None and not revises_own:
                errors.append(
                    f"{figure.zone.name} {figure.year} 年“{indicator.name}”（{figure.code}）："
                    f"指标监测已有数值 {found.value:g} {indicator.unit}（统计期 {found.period}），"
                    f"与填报值 {value:g} 不一致；同一数据只采集一次，请填写相同数值或先在指标数据中修订"
                )
                continue
            writes.setdefault(figure.zone, []).append((figure, value))
        if errors:
            raise FigureConflict(errors)
        created = revised = 0
        for zone, items in writes.items():
            rows = [
                CleanRow(
                    sheet="",
                    row=number,
                    indicator=item.code,
                    period=Period(year=item.year),
                    value=value,
                    unit=indicators[item.code].unit,
                    entered_value=value,
                    entered_unit=indicators[item.code].unit,
                    status=ObservationStatus.FINAL,
                    source=item.source,
                )
                for number, (item, value) in enumerate(items, start=1)
            ]
            try:
                result = record_observations(rows, zone=zone, city=zone.city, actor=actor, source=source)
            except PeriodLocked as locked:
                raise FigureConflict([issue.reason for issue in locked.issues]) from locked
            created += result.created
            revised += result.revised
    return ImportResult(created=created, revised=revised)
