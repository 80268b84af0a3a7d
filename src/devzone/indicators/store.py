"""Read the stored indicators, observations and targets into the engine's types (no writes here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from types import MappingProxyType

from devzone.indicators import catalogue as engine_catalogue
from devzone.indicators.models import Indicator, Observation, Target
from devzone.indicators.periods import Period, PeriodError, parse_period
from devzone.orgs.models import Zone

FALLBACK_SPAN_YEARS = 5


def engine_indicator(row: Indicator) -> engine_catalogue.Indicator:
    """The engine's frozen Indicator for a stored one (admin edits included)."""
    sources = tuple(
        engine_catalogue.Source(plan=str(item.get("plan", "")), section=str(item.get("section", "")))
        for item in row.source
        if isinstance(item, dict)
    )
    return engine_catalogue.Indicator(
        code=row.code,
        name=row.name,
        aliases=tuple(str(alias) for alias in row.aliases),
        unit=row.unit,
        definition=row.definition,
        scope=row.scope,
        direction=row.direction,
        frequency=row.frequency,
        aggregation=row.aggregation,
        source=sources,
        plausible=(row.plausible_min, row.plausible_max),
        numerator=row.numerator or None,
        denominator=row.denominator or None,
        denominator_scope=row.denominator_scope,
    )


def stored_catalogue(rows: Iterable[Indicator] | None = None) -> engine_catalogue.Catalogue:
    """The catalogue as stored in the database, for validation, matching and templates."""
    indicators = tuple(
        engine_indicator(row) for row in (rows if rows is not None else Indicator.objects.all())
    )
    return engine_catalogue.Catalogue(indicators=indicators, plans=MappingProxyType({}), version=1)


def zone_code(zone: Zone | None, *, city: str = "") -> str:
    """The code a template carries for its zone (ids only: a refused file must not show names)."""
    return f"zone-{zone.pk}" if zone is not None else f"city-{city}"


def targets_for(zone: Zone | None, *, city: str) -> list[Target]:
    """The targets a zone's data feeds: its own, and those of its city (全市开发区合计/全市)."""
    rows = Target.objects.filter(zone=zone) if zone is not None else Target.objects.none()
    city_rows = Target.objects.filter(zone__isnull=True, city=city)
    return [*rows, *city_rows]


def plan_span(zone: Zone | None, *, city: str) -> tuple[Period, Period]:
    """First and last period data may be reported for: base period to deadline of the zone's targets.

    Without targets: the last five years up to this year.
    """
    firsts: list[Period] = []
    lasts: list[Period] = []
    for target in targets_for(zone, city=city):
        try:
            firsts.append(parse_period(target.base_period))
            lasts.append(parse_period(target.deadline))
        except PeriodError:
            continue
    if firsts and lasts:
        return min(firsts, key=lambda p: p.end), max(lasts, key=lambda p: p.end)
    year = dt.date.today().year
    return Period(year=year - FALLBACK_SPAN_YEARS), Period(year=year)


def history(zone: Zone | None, *, city: str) -> dict[str, list[float]]:
    """Current values per indicator code for a zone (or the city), the unit-slip reference."""
    found: dict[str, list[float]] = {}
    rows = Observation.objects.filter(is_current=True, zone=zone).select_related("indicator")
    if zone is None:
        rows = rows.filter(city=city)
    for row in rows:
        found.setdefault(row.indicator.code, []).append(row.value)
    return found


def needed_codes(targets: Iterable[Target]) -> list[str]:
    """Indicator codes a set of targets is measured on, parts of shares included, in catalogue order."""
    codes: set[str] = set()
    for target in targets:
        if target.indicator is None:
            continue
        codes.add(target.indicator.code)
        if target.indicator.is_share:
            codes.update({target.indicator.numerator, target.indicator.denominator})
    order = list(Indicator.objects.values_list("code", flat=True))
    return [code for code in order if code in codes]
