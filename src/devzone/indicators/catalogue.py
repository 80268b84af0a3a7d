"""The indicator catalogue (指标目录): typed, validated indicators loaded from YAML.

The starter catalogue ``catalogue.yaml`` covers every indicator the six seed plans name. Loading is
strict: an unknown key, a missing key, an unknown unit, direction, frequency or aggregation rule, a
duplicate code or name, or a share whose parts are not in the catalogue raises
:class:`CatalogueError` naming the file and the entry.

Aggregation over zones (汇总) is a rule per indicator, from :data:`AGGREGATIONS`:

    sum           Σ over zones (总量: 亿元, 家, 个)
    not_additive  refused: ratios, rates and intensities (%, 万元/亩) are recomputed from their
                  parts, never summed or averaged
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from devzone.indicators.targets import DIRECTIONS
from devzone.indicators.units import UnitError, parse_unit


class CatalogueError(ValueError):
    """A catalogue file or entry that does not load."""


class NotAdditiveError(ValueError):
    """A sum asked of an indicator whose aggregation rule is ``not_additive``."""


DEFAULT_PATH = Path(__file__).with_name("catalogue.yaml")

FREQUENCIES: tuple[str, ...] = ("year", "quarter", "month")
"""Reporting frequencies, coarsest first."""

DENOMINATOR_SCOPES: tuple[str, ...] = ("zone", "city")
"""Where a share's denominator is taken: the same zone, or the whole city (占全市比重)."""

INDICATOR_FIELDS: MappingProxyType[str, bool] = MappingProxyType(
    {
        "code": True,
        "name": True,
        "aliases": False,
        "unit": True,
        "definition": True,
        "scope": True,
        "direction": True,
        "frequency": True,
        "aggregation": True,
        "plausible": False,
        "numerator": False,
        "denominator": False,
        "denominator_scope": False,
        "source": True,
    }
)
"""Every key an indicator entry may have → whether it is required."""

TOP_LEVEL_FIELDS: tuple[str, ...] = ("version", "plans", "indicators")


def sum_over_zones(values: Iterable[float]) -> float:
    """Σ values."""
    return float(sum(values))


def refuse_sum(values: Iterable[float]) -> float:
    """A ratio is not summed: recompute it from its numerator and denominator."""
    raise NotAdditiveError("a not-additive indicator is recomputed from its parts, not summed")


AGGREGATIONS: MappingProxyType[str, Callable[[Iterable[float]], float]] = MappingProxyType(
    {"sum": sum_over_zones, "not_additive": refuse_sum}
)


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where an indicator comes from: a seed plan (篇三) and its section."""

    plan: str
    section: str


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One catalogue indicator; see docs/indicators.md for each field."""

    code: str
    name: str
    aliases: tuple[str, ...]
    unit: str
    definition: str
    scope: str
    direction: str
    frequency: str
    aggregation: str
    source: tuple[Source, ...]
    plausible: tuple[float | None, float | None] = (None, None)
    numerator: str | None = None
    denominator: str | None = None
    denominator_scope: str = "zone"

    @property
    def is_share(self) -> bool:
        """Whether the indicator is a share computed from a numerator and a denominator."""
        return self.numerator is not None


@dataclass(frozen=True, kw_only=True)
class Catalogue:
    """The indicators by code, and the plans they cite."""

    indicators: tuple[Indicator, ...]
    plans: MappingProxyType[str, str]
    version: int

    def get(self, code: str) -> Indicator:
        """The indicator with ``code``; :class:`KeyError` naming it otherwise."""
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(f"no indicator {code!r} in the catalogue")

    @property
    def codes(self) -> tuple[str, ...]:
        """Codes in catalogue order."""
        return tuple(indicator.code for indicator in self.indicators)


def aggregate(indicator: Indicator, values: Iterable[float]) -> float:
    """Combine the zones' values of one indicator by its aggregation rule.

    >>> aggregate(load_catalogue().get("gdp"), [300.0, 500.0])
    800.0
    >>> aggregate(load_catalogue().get("high_tech_enterprises"), [12.0, 30.0, 8.0])
    50.0
    >>> aggregate(load_catalogue().get("rd_intensity"), [2.0, 3.0])
    Traceback (most recent call last):
    ...
    devzone.indicators.catalogue.NotAdditiveError: a not-additive indicator is recomputed from its parts, not summed
    """
    return AGGREGATIONS[indicator.aggregation](values)


def _fail(origin: str, where: str, message: str) -> CatalogueError:
    return CatalogueError(f"{origin}: {where}: {message}")


def _text(entry: Mapping[str, object], key: str, *, origin: str, where: str) -> str:
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        raise _fail(origin, where, f"{key!r} must be non-empty text")
    return value.strip()


def _plausible(value: object, *, origin: str, where: str) -> tuple[float | None, float | None]:
    if not isinstance(value, list) or len(value) != 2:
        raise _fail(origin, where, "'plausible' must be a list [min, max]")
    bounds: list[float | None] = []
    for bound in value:
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int | float)):
            raise _fail(origin, where, "'plausible' bounds must be numbers or null")
        bounds.append(None if bound is None else float(bound))
    low, high = bounds
    if low is not None and high is not None and low > high:
        raise _fail(origin, where, f"'plausible' min {low} exceeds max {high}")
    return low, high


def _sources(value: object, *, plans: Mapping[str, str], origin: str, where: str) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(origin, where, "'source' must be a non-empty list of {plan, section}")
    sources: list[Source] = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"plan", "section"}:
            raise _fail(origin, where, "each source has exactly the keys 'plan' and 'section'")
        plan, section = item["plan"], item["section"]
        if plan not in plans:
            raise _fail(origin, where, f"source plan {plan!r} is not listed under 'plans'")
        if not isinstance(section, str) or not section.strip():
            raise _fail(origin, where, "a source section must be non-empty text")
        sources.append(Source(plan=str(plan), section=section.strip()))
    return tuple(sources)


def _indicator(entry: object, *, plans: Mapping[str, str], origin: str, position: int) -> Indicator:
    where = f"indicator #{position}"
    if not isinstance(entry, dict):
        raise _fail(origin, where, "an indicator is a mapping")
    if isinstance(entry.get("code"), str):
        where = f"indicator {entry['code']!r}"
    unknown = sorted(set(entry) - set(INDICATOR_FIELDS))
    if unknown:
        raise _fail(origin, where, f"unknown key {unknown[0]!r}")
    missing = [key for key, required in INDICATOR_FIELDS.items() if required and key not in entry]
    if missing:
        raise _fail(origin, where, f"missing key {missing[0]!r}")
    unit = _text(entry, "unit", origin=origin, where=where)
    try:
        parsed_unit = parse_unit(unit)
    except UnitError as error:
        raise _fail(origin, where, str(error)) from error
    choices = {
        "direction": tuple(DIRECTIONS),
        "frequency": FREQUENCIES,
        "aggregation": tuple(AGGREGATIONS),
        "denominator_scope": DENOMINATOR_SCOPES,
    }
    for key, allowed in choices.items():
        if key in entry and entry[key] not in allowed:
            raise _fail(origin, where, f"{key} {entry[key]!r} is not one of {', '.join(allowed)}")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(alias, str) and alias for alias in aliases):
        raise _fail(origin, where, "'aliases' must be a list of text")
    if parsed_unit.dimension == "ratio" and entry["aggregation"] == "sum":
        raise _fail(origin, where, f"a {unit} indicator cannot be summed; use not_additive")
    if ("numerator" in entry) != ("denominator" in entry):
        raise _fail(origin, where, "a share names both 'numerator' and 'denominator'")
    return Indicator(
        code=_text(entry, "code", origin=origin, where=where),
        name=_text(entry, "name", origin=origin, where=where),
        aliases=tuple(str(alias).strip() for alias in aliases),
        unit=parsed_unit.symbol,
        definition=_text(entry, "definition", origin=origin, where=where),
        scope=_text(entry, "scope", origin=origin, where=where),
        direction=str(entry["direction"]),
        frequency=str(entry["frequency"]),
        aggregation=str(entry["aggregation"]),
        source=_sources(entry["source"], plans=plans, origin=origin, where=where),
        plausible=_plausible(entry["plausible"], origin=origin, where=where)
        if "plausible" in entry
        else (None, None),
        numerator=_text(entry, "numerator", origin=origin, where=where) if "numerator" in entry else None,
        denominator=_text(entry, "denominator", origin=origin, where=where)
        if "denominator" in entry
        else None,
        denominator_scope=str(entry.get("denominator_scope", "zone")),
    )


def parse_catalogue(data: object, *, origin: str) -> Catalogue:
    """Build a catalogue from parsed YAML; ``origin`` names the file in errors.

    >>> plans = {"篇三": "连云港"}
    >>> entry = {"code": "gdp", "name": "地区生产总值", "unit": "亿元", "definition": "d", "scope": "s",
    ...          "direction": "higher", "frequency": "year", "aggregation": "sum",
    ...          "source": [{"plan": "篇三", "section": "一"}]}
    >>> parse_catalogue({"version": 1, "plans": plans, "indicators": [entry]}, origin="x.yaml").codes
    ('gdp',)
    >>> parse_catalogue({"version": 1, "plans": plans, "indicators": [entry | {"colour": "red"}]}, origin="x.yaml")
    Traceback (most recent call last):
    ...
    devzone.indicators.catalogue.CatalogueError: x.yaml: indicator 'gdp': unknown key 'colour'
    """
    if not isinstance(data, dict):
        raise CatalogueError(f"{origin}: the catalogue is a mapping with keys {', '.join(TOP_LEVEL_FIELDS)}")
    unknown = sorted(set(data) - set(TOP_LEVEL_FIELDS))
    if unknown:
        raise CatalogueError(f"{origin}: unknown key {unknown[0]!r}")
    missing = [key for key in TOP_LEVEL_FIELDS if key not in data]
    if missing:
        raise CatalogueError(f"{origin}: missing key {missing[0]!r}")
    version, plans, entries = data["version"], data["plans"], data["indicators"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise CatalogueError(f"{origin}: 'version' must be an integer")
    if not isinstance(plans, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in plans.items()
    ):
        raise CatalogueError(f"{origin}: 'plans' maps a plan id to its title")
    if not isinstance(entries, list):
        raise CatalogueError(f"{origin}: 'indicators' must be a list")
    indicators = tuple(
        _indicator(entry, plans=plans, origin=origin, position=position)
        for position, entry in enumerate(entries, start=1)
    )
    _check_unique(indicators, origin=origin)
    _check_shares(indicators, origin=origin)
    return Catalogue(indicators=indicators, plans=MappingProxyType(dict(plans)), version=version)


def _check_unique(indicators: tuple[Indicator, ...], *, origin: str) -> None:
    codes: set[str] = set()
    labels: dict[str, str] = {}
    for indicator in indicators:
        if indicator.code in codes:
            raise CatalogueError(f"{origin}: indicator {indicator.code!r}: duplicate code")
        codes.add(indicator.code)
        for label in (indicator.name, *indicator.aliases):
            owner = labels.setdefault(label, indicator.code)
            if owner != indicator.code:
                raise CatalogueError(
                    f"{origin}: indicator {indicator.code!r}: name or alias {label!r} already used by {owner!r}"
                )


def _check_shares(indicators: tuple[Indicator, ...], *, origin: str) -> None:
    by_code = {indicator.code: indicator for indicator in indicators}
    for indicator in indicators:
        if not indicator.is_share:
            continue
        for part in (indicator.numerator, indicator.denominator):
            if part not in by_code:
                raise CatalogueError(
                    f"{origin}: indicator {indicator.code!r}: share part {part!r} is not in the catalogue"
                )
        numerator, denominator = by_code[str(indicator.numerator)], by_code[str(indicator.denominator)]
        if parse_unit(numerator.unit).dimension != parse_unit(denominator.unit).dimension:
            raise CatalogueError(
                f"{origin}: indicator {indicator.code!r}: numerator and denominator have different dimensions"
            )
        if parse_unit(indicator.unit).dimension != "ratio":
            raise CatalogueError(f"{origin}: indicator {indicator.code!r}: a share is in %, ‰ or 1")


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and validate a catalogue file (the starter catalogue by default).

    >>> catalogue = load_catalogue()
    >>> catalogue.get("gdp").unit
    '亿元'
    >>> catalogue.get("assessment_rank").direction
    'lower'
    """
    file = path if path is not None else DEFAULT_PATH
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CatalogueError(f"{file}: not valid YAML: {error}") from error
    return parse_catalogue(data, origin=str(file))
