"""The framework file as pydantic models (used by :mod:`devzone.assessment.framework`).

Each section refuses unknown keys and checks its own values; a model's ``spec()`` builds the frozen
engine object of :mod:`devzone.assessment.spec`. What needs the whole tree (node codes, weights by
group, the root) is checked by the framework loader. :data:`FRAMEWORK_KEYS` lists every accepted key
by section; docs/assessment.md documents each one.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PlainValidator, Strict, field_validator, model_validator
from pydantic.dataclasses import dataclass

from devzone.assessment.aggregate import AGGREGATORS
from devzone.assessment.impute import MISSING_RULES
from devzone.assessment.normalise import NORMALISERS, REQUIRED_PARAMS
from devzone.assessment.rules import RULE_KINDS
from devzone.assessment.spec import (
    ALL_ZONES,
    GroupsSpec,
    MissingSpec,
    NormaliseSpec,
    PayBand,
    PayBandsSpec,
    TiersSpec,
    TreatSpec,
    UncertaintySpec,
)
from devzone.assessment.treat import TREATMENTS
from devzone.assessment.weights import RI_TABLES
from devzone.core.citations import Assumption, Citation
from devzone.core.strict import CONFIG, UNKNOWN_KEY, Integer, Number, Refusal, Text, fields_of, one_of

SCHEMA = "devzone.framework/1"
DEFAULT_ROOT = "INDEX"
Flag = Annotated[bool, Strict()]


def _ordered(pair: tuple[float, float]) -> tuple[float, float]:
    if not pair[0] < pair[1]:
        raise ValueError(f"must be ordered low < high, got {list(pair)!r}")
    return pair


Pair = Annotated[tuple[Number, Number], AfterValidator(_ordered)]


def _by_name(data: Any) -> Any:
    """``treat: jrc_skew_kurt`` is short for ``treat: {method: jrc_skew_kurt}``."""
    return {"method": data} if isinstance(data, str) else data


def _fields_of(model: Any, spec: type) -> dict[str, Any]:
    return {f.name: getattr(model, f.name) for f in dataclasses.fields(spec)}


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Normalise:
    """``normalisation: minmax`` or a mapping with ``method`` and its parameters."""

    method: Annotated[str, one_of(sorted(NORMALISERS))] = "minmax"
    to: Pair = (0.0, 100.0)
    mean: Number = 0.0
    sd: Annotated[Number, Field(gt=0)] = 1.0
    target: Number | None = None
    cap: Flag = True
    goalposts: Pair | None = None
    satisfied: Number | None = None
    disallowed: Number | None = None
    clip: Flag = False
    benchmark: Number | None = None
    cap_multiple: Number | None = None
    scope: Annotated[str, one_of(("population", "weight_group"))] = "population"

    @model_validator(mode="before")
    @classmethod
    def _name(cls, data: Any) -> Any:
        return _by_name(data)

    @model_validator(mode="after")
    def _parameters(self) -> Normalise:
        for need in REQUIRED_PARAMS.get(self.method, ()):
            if getattr(self, need) is None:
                raise Refusal(need, f"方法 {self.method} 需要此项")
        return self

    def spec(self) -> NormaliseSpec:
        return NormaliseSpec(**_fields_of(self, NormaliseSpec))


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Treat:
    """``treat: jrc_skew_kurt`` or a mapping (``method``, ``winmax``, ``skew_max``, ``kurt_max``, ``quantiles``)."""

    method: Annotated[str, one_of(sorted(TREATMENTS))] = "none"
    winmax: Annotated[Integer, Field(ge=1)] = 5
    skew_max: Number = 2.0
    kurt_max: Number = 3.5
    quantiles: Pair = (0.05, 0.95)

    @model_validator(mode="before")
    @classmethod
    def _name(cls, data: Any) -> Any:
        return _by_name(data)

    @field_validator("quantiles")
    @classmethod
    def _unit_interval(cls, q: tuple[float, float]) -> tuple[float, float]:
        if not (q[0] >= 0.0 and q[1] <= 1.0):
            raise ValueError("must lie in [0, 1]")
        return q

    def spec(self) -> TreatSpec:
        return TreatSpec(**_fields_of(self, TreatSpec))


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Missing:
    """``missing``: ``rule``, ``group``, ``min_share``, ``empty_zone``."""

    rule: Annotated[str, one_of(sorted(MISSING_RULES))] = "available_case"
    group: Text | None = None
    min_share: Annotated[Number, Field(gt=0, le=1)] | None = None
    empty_zone: Annotated[str, one_of(("exclude", "error"))] = "exclude"

    @model_validator(mode="after")
    def _group(self) -> Missing:
        if self.rule == "impute_group_mean" and self.group is None:
            raise Refusal("group", "impute_group_mean 需要指明同类组所用的开发区属性")
        return self

    def spec(self) -> MissingSpec:
        return MissingSpec(**_fields_of(self, MissingSpec))


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Groups:
    """``groups``: ``weight_group`` (zone attribute), ``weight_groups`` (its labels), ``rank_groups``."""

    weight_group: Text | None = None
    weight_groups: tuple[Text, ...] = ()
    rank_groups: Annotated[tuple[Text, ...], Field(min_length=1)] = (ALL_ZONES,)

    @model_validator(mode="after")
    def _labels(self) -> Groups:
        if len(set(self.weight_groups)) != len(self.weight_groups):
            raise Refusal("weight_groups", "应为不重复的标签列表")
        if self.weight_groups and self.weight_group is None:
            raise Refusal("weight_group", "请指明存放权重组标签的开发区属性")
        return self

    def spec(self) -> GroupsSpec:
        return GroupsSpec(**_fields_of(self, GroupsSpec))


_RULE_PARAMS = sorted({p for _, defaults in RULE_KINDS.values() for p in defaults})


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Rule:
    """A consequence rule: ``{id, kind, action, node?, rank_group?, <kind parameters>}``."""

    id: Text
    kind: Annotated[str, one_of(sorted(RULE_KINDS))]
    action: Text
    node: Text | None = None
    rank_group: Text = ALL_ZONES
    assumed: str | None = None
    params: tuple[tuple[str, float], ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _parameters(cls, data: Any) -> Any:
        """The kind's parameters sit beside the common keys; each is a whole number ≥ 1."""
        if not isinstance(data, Mapping) or data.get("kind") not in RULE_KINDS:
            return data
        defaults = RULE_KINDS[data["kind"]][1]
        common = {k: v for k, v in data.items() if k in fields_of(cls) and k != "params"}
        params = {k: float(v) for k, v in defaults.items()}
        for k, v in data.items():
            if k in common:
                continue
            if k not in defaults:
                raise Refusal(str(k), f"不是 {data['kind']} 的参数（可用：{'、'.join(sorted(defaults))}）")
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise Refusal(str(k), f"应为不小于 1 的整数，现为 {v!r}")
            params[k] = float(v)
        return common | {"params": sorted(params.items())}


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Band:
    """Zones whose rank share is at most ``upto_share`` get ``coef``."""

    upto_share: Number
    coef: Number


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class PayBands:
    """``pay_bands``: ``bands`` [{upto_share, coef}] ascending, ``step``, ``clip``, ``rank_group``, ``node``."""

    bands: Annotated[tuple[Band, ...], Field(min_length=1)]
    step: Number = 0.01
    clip: Pair = (0.8, 1.2)
    rank_group: Text = ALL_ZONES
    node: Text | None = None
    assumed: str | None = None

    @field_validator("bands")
    @classmethod
    def _ascending(cls, bands: tuple[Band, ...]) -> tuple[Band, ...]:
        for i, (a, b) in enumerate(itertools.pairwise(bands), start=1):
            if b.upto_share <= a.upto_share:
                raise Refusal(f"[{i}].upto_share", "各档应按 upto_share 从小到大排列")
        if abs(bands[-1].upto_share - 1.0) > 1e-12:
            raise ValueError("the last band must reach upto_share 1.0 (every rank gets a band)")
        return bands

    def spec(self, node: str) -> PayBandsSpec:
        return PayBandsSpec(
            bands=tuple(PayBand(upto_share=b.upto_share, coef=b.coef) for b in self.bands),
            step=self.step, clip=self.clip, rank_group=self.rank_group, node=node, assumed=self.assumed,
        )  # fmt: skip


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Tiers:
    """``tiers``: ``metric``, ``unit``, ``thresholds`` (descending), ``labels`` (one per threshold)."""

    metric: Text
    unit: str = ""
    thresholds: Annotated[tuple[Number, ...], Field(min_length=1)]
    labels: tuple[str, ...]
    assumed: str | None = None

    @model_validator(mode="after")
    def _descending(self) -> Tiers:
        if any(a <= b for a, b in itertools.pairwise(self.thresholds)):
            raise Refusal("thresholds", "应严格从大到小排列")
        if len(self.labels) != len(self.thresholds):
            raise Refusal("labels", f"应列出 {len(self.thresholds)} 个标签，每个阈值一个")
        return self

    def spec(self) -> TiersSpec:
        return TiersSpec(**_fields_of(self, TiersSpec))


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Uncertainty:
    """``uncertainty``: samples, spread, perturb, normalisation/aggregation/winmax choices, chunk, Sobol."""

    samples: Annotated[Integer, Field(ge=1)] = 1000
    spread: Annotated[Number, Field(ge=0, lt=1)] = 0.25
    perturb: Annotated[str, one_of(("aggregates", "indicators", "all", "none"))] = "aggregates"
    normalisation: tuple[Normalise, ...] = ()
    aggregation: tuple[Annotated[str, one_of(("arithmetic", "geometric"))], ...] = ()
    winmax: tuple[Annotated[Integer, Field(ge=1)], ...] = ()
    chunk: Annotated[Integer, Field(ge=1)] = 1000
    sobol_samples: Annotated[Integer, Field(ge=2)] = 256
    sobol_weights: Annotated[str, one_of(("each", "grouped"))] = "each"

    def spec(self) -> UncertaintySpec:
        return UncertaintySpec(
            **_fields_of(self, UncertaintySpec)
            | {"normalisation": tuple(n.spec() for n in self.normalisation)}
        )


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Ahp:
    """``ahp``: the pairwise ``matrix`` of a node's children and the ``ri_table`` of random indices."""

    matrix: list[list[Any]]
    ri_table: Annotated[str, one_of(sorted(RI_TABLES))] = "saaty1980"


def _weight(value: object) -> float | dict[str, float]:
    """A number, or a mapping weight group → number."""

    def number(w: object, key: str) -> float:
        if isinstance(w, bool) or not isinstance(w, int | float) or math.isnan(w):
            raise Refusal(key, f"应为数字，现为 {w!r}")
        return float(w)

    if isinstance(value, Mapping):
        return {str(g): number(w, str(g)) for g, w in value.items()}
    return number(value, "")


def _direction(value: int) -> int:
    if value not in (1, -1):
        raise ValueError(f"must be 1 or -1, got {value}")
    return value


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class NodeEntry:
    """A node of ``tree`` as written: nested under ``children`` or flat with ``parent``."""

    code: Text
    name: Text | None = None
    weight: Annotated[float | dict[str, float], PlainValidator(_weight)] | None = None
    children: Annotated[tuple[NodeEntry, ...], Field(min_length=1)] | None = None
    parent: Text | None = None
    direction: Annotated[Integer, AfterValidator(_direction)] | None = None
    indicator: Text | None = None
    denominator: Text | None = None
    treat: Treat | None = None
    normalise: Normalise | None = None
    unit: str | None = None
    assumed: str | None = None
    source: str | None = None
    weighting: Annotated[str, one_of(("equal", "ahp"))] | None = None
    ahp: Ahp | None = None


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Root:
    """``root``: the code and name of the synthetic root above several top nodes."""

    code: Text = DEFAULT_ROOT
    name: Text | None = None


def _aggregation(value: object) -> object:
    if isinstance(value, Mapping):
        if set(value) - {"method"}:
            raise Refusal(str(sorted(set(value) - {"method"})[0]), UNKNOWN_KEY)
        return value.get("method")
    return value


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class FrameworkFile:
    """A whole framework file (``schema: devzone.framework/1``)."""

    schema: str | None = None
    id: Text | None = None
    name: Text
    version: str | int | float = ""
    description: str | None = None
    sources: tuple[Citation, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    normalisation: Normalise = Field(default_factory=Normalise)
    aggregation: Annotated[str, one_of(sorted(AGGREGATORS))] = "arithmetic"
    tree: Annotated[tuple[NodeEntry, ...], Field(min_length=1)]
    root: Root | None = None
    weight_scale: Annotated[str, one_of(("relative", "percent"))] = "relative"
    groups: Groups = Field(default_factory=Groups)
    missing: Missing = Field(default_factory=Missing)
    treat: Treat = Field(default_factory=Treat)
    tie_decimals: Annotated[Integer, Field(ge=0)] | None = None
    rules: tuple[Rule, ...] = ()
    pay_bands: PayBands | None = None
    tiers: Tiers | None = None
    uncertainty: Uncertainty = Field(default_factory=Uncertainty)

    @field_validator("aggregation", mode="before")
    @classmethod
    def _method(cls, value: object) -> object:
        return _aggregation(value)

    @field_validator("schema")
    @classmethod
    def _schema(cls, schema: str | None) -> str | None:
        if schema != SCHEMA:
            raise ValueError(f"must be {SCHEMA!r}, got {schema!r}")
        return schema


def _keys(model: Any) -> frozenset[str]:
    return frozenset(fields_of(model))


FRAMEWORK_KEYS: dict[str, frozenset[str]] = {
    "": _keys(FrameworkFile),
    "root": _keys(Root),
    "tree[]": _keys(NodeEntry),
    "tree[].ahp": _keys(Ahp),
    "groups": _keys(Groups),
    "missing": _keys(Missing),
    "treat": _keys(Treat),
    "normalisation": _keys(Normalise),
    "aggregation": frozenset({"method"}),
    "rules[]": (_keys(Rule) - {"params"}) | frozenset(_RULE_PARAMS),
    "pay_bands": _keys(PayBands),
    "pay_bands.bands[]": _keys(Band),
    "tiers": _keys(Tiers),
    "uncertainty": _keys(Uncertainty),
}
"""Every key the loader accepts, by section (``""`` is the top level, ``tree[]`` a node)."""


def documented_name(section: str, key: str) -> str:
    """The name under which docs/assessment.md documents ``key`` of ``section``.

    >>> documented_name("", "schema"), documented_name("missing", "rule"), documented_name("tree[]", "code")
    ('schema', 'missing.rule', 'tree[].code')
    """
    return key if section == "" else f"{section}.{key}"
