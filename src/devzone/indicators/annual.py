"""The annual figure of a zone's indicator: one rule, read by the target board and the assessment.

Of the current observations of one indicator for one zone (or for the city, ``zone`` empty) and
one year Y, the annual figure is the figure of period ``Y``; without it the Q4 figure, without that
the December figure (:func:`devzone.indicators.periods.annual_rank`, where the reason is given).
A zone that reports GDP only by quarter therefore has an annual figure — its 2024Q4 year-to-date —
on the board (``board.load_figures``) exactly as in the assessment's data merge
(``assessment.sources.build_snapshot``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from devzone.indicators.models import Observation
from devzone.indicators.periods import PeriodError, annual_rank, parse_period


@dataclass(frozen=True, kw_only=True)
class AnnualFigure:
    """One annual figure and the observation it is (its id and period label, e.g. ``2024Q4``)."""

    indicator_id: int
    code: str
    zone_id: int | None
    city: str
    year: int
    value: float
    observation_id: int
    period: str


def annual_figures(observations: QuerySet[Observation]) -> list[AnnualFigure]:
    """The annual figure of every (indicator, zone, city, year) among the current ``observations``.

    Callers narrow ``observations`` to what they read (codes, zones, cities, years as ``period_end``);
    superseded rows are left out here. One query.
    """
    rows = (
        observations.filter(is_current=True)
        .order_by("-entered_at", "-pk")
        .values_list("indicator_id", "indicator__code", "zone_id", "city", "period", "value", "pk")
    )
    best: dict[tuple[int, int | None, str, int], tuple[int, AnnualFigure]] = {}
    for indicator_id, code, zone_id, city, period, value, pk in rows:
        try:
            parsed = parse_period(period)
        except PeriodError:
            continue
        rank = annual_rank(parsed)
        if rank is None:
            continue
        key = (int(indicator_id), zone_id, str(city), parsed.year)
        if key not in best or rank < best[key][0]:
            figure = AnnualFigure(
                indicator_id=int(indicator_id),
                code=str(code),
                zone_id=None if zone_id is None else int(zone_id),
                city=str(city),
                year=parsed.year,
                value=float(value),
                observation_id=int(pk),
                period=parsed.label,
            )
            best[key] = (rank, figure)
    return [figure for _rank, figure in best.values()]
