"""The indicator catalogue (指标目录): typed, validated indicators loaded from YAML.

The starter catalogue ``catalogue.yaml`` covers every indicator the six seed plans name. Loading is
strict (pydantic models of the file): an unknown key, a missing key, an unknown unit, direction,
frequency or aggregation rule, a duplicate code or name, or a share whose parts are not in the
catalogue raises :class:`CatalogueError` naming the file, the entry and the key path.

Aggregation over zones (汇总) is a rule per indicator, from :data:`AGGREGATIONS`:

    sum           Σ over zones (总量: 亿元, 家, 个)
    not_additive  refused: ratios, rates and intensities (%, 万元/亩) are recomputed from their
                  parts, never summed or averaged
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

import pydantic
import yaml
from pydantic import Field, ValidationError, model_validator

from devzone.core.strict import CONFIG, Integer, Number, Refusal, Text, fields_of, first_issue, one_of
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


@pydantic.dataclasses.dataclass(frozen=True, kw_only=True, config=CONFIG)
class _SourceEntry:
    plan: Text
    section: Text


@pydantic.dataclasses.dataclass(frozen=True, kw_only=True, config=CONFIG)
class _Entry:
    """One indicator as the file writes it; builds the engine's :class:`Indicator`."""

    code: Text
    name: Text
    aliases: tuple[Text, ...] = ()
    unit: Text
    definition: Text
    scope: Text
    direction: Annotated[str, one_of(tuple(DIRECTIONS))]
    frequency: Annotated[str, one_of(FREQUENCIES)]
    aggregation: Annotated[str, one_of(tuple(AGGREGATIONS))]
    plausible: tuple[Number | None, Number | None] = (None, None)
    numerator: Text | None = None
    denominator: Text | None = None
    denominator_scope: Annotated[str, one_of(DENOMINATOR_SCOPES)] = "zone"
    source: Annotated[tuple[_SourceEntry, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> _Entry:
        try:
            dimension = parse_unit(self.unit).dimension
        except UnitError as error:
            raise Refusal("unit", str(error)) from error
        if dimension == "ratio" and self.aggregation == "sum":
            raise Refusal("aggregation", f"单位为 {self.unit} 的指标不能相加，aggregation 应为 not_additive")
        low, high = self.plausible
        if low is not None and high is not None and low > high:
            raise Refusal("plausible", f"下限 {low} 大于上限 {high}")
        if (self.numerator is None) != (self.denominator is None):
            raise Refusal("numerator", "比重须同时写明 numerator（分子）和 denominator（分母）")
        return self

    def build(self) -> Indicator:
        return Indicator(
            code=self.code.strip(),
            name=self.name.strip(),
            aliases=tuple(alias.strip() for alias in self.aliases),
            unit=parse_unit(self.unit).symbol,
            definition=self.definition.strip(),
            scope=self.scope.strip(),
            direction=self.direction,
            frequency=self.frequency,
            aggregation=self.aggregation,
            source=tuple(Source(plan=s.plan, section=s.section.strip()) for s in self.source),
            plausible=self.plausible,
            numerator=None if self.numerator is None else self.numerator.strip(),
            denominator=None if self.denominator is None else self.denominator.strip(),
            denominator_scope=self.denominator_scope,
        )


@pydantic.dataclasses.dataclass(frozen=True, kw_only=True, config=CONFIG)
class _File:
    """The catalogue file: its version, the plans it cites, and the indicators."""

    version: Integer
    plans: dict[Text, Text]
    indicators: tuple[_Entry, ...]

    @model_validator(mode="after")
    def _across_entries(self) -> _File:  # noqa: C901 - a flat list of independent cross-entry checks
        labels: dict[str, str] = {}
        by_code: dict[str, _Entry] = {}
        for i, entry in enumerate(self.indicators):
            for j, source in enumerate(entry.source):
                if source.plan not in self.plans:
                    raise Refusal(
                        f"indicators[{i}].source[{j}].plan",
                        f"出处方案“{source.plan}”未列在 plans 中",
                    )
            if entry.code in by_code:
                raise Refusal(f"indicators[{i}].code", "指标代码重复")
            by_code[entry.code] = entry
            for label in (entry.name, *entry.aliases):
                if labels.setdefault(label, entry.code) != entry.code:
                    raise Refusal(f"indicators[{i}]", f"名称或别名“{label}”已被指标 {labels[label]} 使用")
        for i, entry in enumerate(self.indicators):
            if entry.numerator is None or entry.denominator is None:
                continue
            for key, part in (("numerator", entry.numerator), ("denominator", entry.denominator)):
                if part not in by_code:
                    raise Refusal(f"indicators[{i}].{key}", f"比重的分子或分母“{part}”不在指标目录中")
            dimensions = {
                parse_unit(by_code[part].unit).dimension for part in (entry.numerator, entry.denominator)
            }
            if len(dimensions) > 1:
                raise Refusal(f"indicators[{i}]", "分子与分母的量纲不同")
            if parse_unit(entry.unit).dimension != "ratio":
                raise Refusal(f"indicators[{i}].unit", "比重的单位应为 %、‰ 或 1")
        return self


INDICATOR_FIELDS: MappingProxyType[str, bool] = MappingProxyType(
    {key: info.is_required() for key, info in fields_of(_Entry).items()}
)
"""Every key an indicator entry may have → whether it is required."""

_FILE = pydantic.TypeAdapter(_File)


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
    devzone.indicators.catalogue.CatalogueError: x.yaml: 指标 gdp 的 indicators[0].colour: 不认识的键（是否拼写有误？）
    """
    try:
        file = _FILE.validate_python(data)
    except ValidationError as error:
        key, reason = first_issue(error)
        raise CatalogueError(f"{origin}: {_entry_named(data, key)}: {reason}") from error
    return Catalogue(
        indicators=tuple(entry.build() for entry in file.indicators),
        plans=MappingProxyType(dict(file.plans)),
        version=file.version,
    )


def _entry_named(data: Any, key: str) -> str:
    """Put the indicator's code before a key path inside ``indicators`` (a file is read by code)."""
    found = re.match(r"indicators\[(\d+)\]", key)
    if found and isinstance(data, dict) and isinstance(data.get("indicators"), list):
        entries = data["indicators"]
        entry = entries[int(found[1])] if int(found[1]) < len(entries) else None
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            return f"指标 {entry['code']} 的 {key}"
    return key


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
