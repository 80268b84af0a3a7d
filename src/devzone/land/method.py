"""Land methods: typed, frozen objects for one method file (``methods/*.yaml``).

A land method holds every threshold and convention the slice uses — the area tolerance, the options
of 工业用地产出强度 and 标准厂房使用率, the clocks and fee of 闲置土地 (《闲置土地处置办法》), the
低效用地 rules a zone picks, the 租大用小 limits, how 盘活 is counted and how the map is simplified —
so that none of them is a constant in code. The objects are pydantic dataclasses that check themselves
(an unknown key is refused, shares lie in (0, 1], a rule id must be one the engine has); the loader in
:mod:`devzone.land.method_load` names the file and the key path of the first fault.

The rule ids below are the keys of the registries in :mod:`devzone.land.rules`; a test keeps both in step.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, ValidationInfo, model_validator
from pydantic.dataclasses import dataclass

from devzone.core.citations import Assumption, Citation
from devzone.core.strict import (
    CONFIG,
    UNKNOWN_KEY,
    FileKeyError,
    Integer,
    NonNegative,
    Number,
    Positive,
    Refusal,
    Share,
    Text,
    one_of,
)

OUTPUT_MEASURES = ("output", "revenue")  # 工业总产值 or 总收入
OUTPUT_DENOMINATORS = ("built", "supplied")  # A2, or all supplied industrial land
FACTORY_USE_BASES = ("operating", "leased", "inspected", "units")
FEE_KINDS = ("flat", "monthly")
TARGET_METRICS = ("disposal", "use")  # 处置口径, 利用口径
INEFFICIENT_RULES = ("tax_floor_2y", "no_tax_2y", "far_below", "late_finish_2y", "zombie")

Years = Annotated[Integer, Field(ge=1, le=10)]


class LandMethodError(FileKeyError):
    """A land method file is invalid. The message starts with ``<file>: <key>:``."""


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class AreaRules:
    """How computed and registered (证载) areas are compared, and what overlaps are tolerated (m²)."""

    tolerance: Annotated[Number, Field(gt=0, lt=1)] = 0.005  # |calc − cert| / cert
    overlap_m2: NonNegative = 1.0
    outside_boundary_m2: NonNegative = 1.0


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class OutputIntensity:
    """工业用地产出强度 (万元/亩): the measure, the denominator and the targets by zone level."""

    measure: Annotated[str, one_of(OUTPUT_MEASURES)] = "output"
    denominator: Annotated[str, one_of(OUTPUT_DENOMINATORS)] = "built"
    national_target: Positive = 500.0
    provincial_target: Positive = 300.0

    @model_validator(mode="after")
    def _ordered(self) -> OutputIntensity:
        if self.provincial_target > self.national_target:
            raise Refusal("provincial_target", "省级开发区目标不应高于国家级开发区目标")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class FactoryUse:
    """标准厂房使用率: which m² count (``operating`` = leased to tenants producing), and the target."""

    basis: Annotated[str, one_of(FACTORY_USE_BASES)] = "operating"
    target: Share = 0.9
    vacancy_months: Annotated[Integer, Field(ge=1, le=60)] = 6


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class ZoneType:
    """Zone type from land shares: 工业主导型 when A2/A > industrial_share and 住宅/A < residential_share."""

    industrial_share: Share = 0.30
    residential_share: Share = 0.25


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class IdleFee:
    """土地闲置费: ``flat`` = share × 价款; ``monthly`` = monthly_share × months idle, at most share × 价款."""

    kind: Annotated[str, one_of(FEE_KINDS)] = "flat"
    share: Share = 0.2
    monthly_share: Share | None = None

    @model_validator(mode="after")
    def _monthly(self) -> IdleFee:
        if (self.kind == "monthly") != (self.monthly_share is not None):
            raise Refusal(
                "monthly_share", "按月计征（monthly）须给出 monthly_share，一次计征（flat）不设此项"
            )
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class IdleRules:
    """闲置土地 (《闲置土地处置办法》第二条、第十四条): clocks in years and the stalled-development shares."""

    fee_after_years: Years = 1
    recover_after_years: Years = 2
    stalled_built_share: Share = 1 / 3
    stalled_invest_share: Share = 0.25
    stalled_recover: bool = True  # 满2年 收回 also counted from 中止 for stalled land
    extension_max_years: Years = 1  # R3 延长动工期限
    fee: IdleFee = Field(default_factory=IdleFee)

    @model_validator(mode="after")
    def _clocks(self) -> IdleRules:
        if self.recover_after_years <= self.fee_after_years:
            raise Refusal("recover_after_years", "收回年限应长于征缴闲置费的年限")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class FarMinimum:
    """A 容积率 floor by industry: ``code`` is a GB/T 4754 prefix (longest prefix wins)."""

    code: Annotated[str, Field(pattern=r"^\d{2,4}$")]
    label: Text
    min: Positive


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class InefficientRules:
    """低效用地 candidate rules a zone uses (ids of :data:`INEFFICIENT_RULES`) and their thresholds."""

    rules: Annotated[tuple[Annotated[str, one_of(INEFFICIENT_RULES)], ...], Field(min_length=1)]
    tax_per_mu_floor: Positive = 1.0  # 万元/亩
    floor_class: Text | None = "D"
    consecutive_evaluations: Annotated[Integer, Field(ge=1, le=5)] = 2
    no_tax_years: Years = 2
    late_finish_years: Years = 2
    coverage_min: Share = 0.30
    office_max: Share = 0.07
    far_min: tuple[FarMinimum, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> InefficientRules:
        for key, values in (("rules", list(self.rules)), ("far_min", [f.code for f in self.far_min])):
            if twice := sorted({v for v in values if values.count(v) > 1}):
                raise Refusal(key, f"“{twice[0]}”重复")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class FactoryRules:
    """租大用小: used m² / leased m² below ``used_share_min`` or tax per leased m² below the floor (元/m²)."""

    used_share_min: Share = 0.5
    tax_per_m2_min_yuan: Positive = 50.0


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Revitalise:
    """盘活 counting: the target metric (处置口径 or 利用口径) and whether R3 extensions count."""

    target_metric: Annotated[str, one_of(TARGET_METRICS)] = "disposal"
    count_extensions: bool = False


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class MapRules:
    """The map's GeoJSON: simplification tolerance (m, in the zone's GK CRS), decimals of lon/lat."""

    simplify_m: NonNegative = 0.5
    decimals: Annotated[Integer, Field(ge=5, le=9)] = 7
    stale_months: Annotated[Integer, Field(ge=1, le=60)] = 13


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class LandMethod:
    """A whole land method; ``digest`` is the SHA-256 of the file text (given by the loader).

    ``sources`` cite documents (a url only on an official host); ``assumptions`` state in Chinese what
    no source fixes; ``assumed`` lists the dotted key paths of those values.
    """

    id: Text
    title: Text
    version: Integer
    sources: Annotated[tuple[Citation, ...], Field(min_length=1)]
    assumptions: tuple[Assumption, ...] = ()
    assumed: tuple[str, ...] = ()
    area: AreaRules = Field(default_factory=AreaRules)
    output_intensity: OutputIntensity = Field(default_factory=OutputIntensity)
    factory_use: FactoryUse = Field(default_factory=FactoryUse)
    zone_type: ZoneType = Field(default_factory=ZoneType)
    idle: IdleRules = Field(default_factory=IdleRules)
    inefficient: InefficientRules
    factory: FactoryRules = Field(default_factory=FactoryRules)
    revitalise: Revitalise = Field(default_factory=Revitalise)
    map: MapRules = Field(default_factory=MapRules)
    digest: str

    @model_validator(mode="wrap")
    @classmethod
    def _whole_file(cls, data: Any, handler: Any, info: ValidationInfo) -> LandMethod:
        """Take the digest from the loader, then check that ``assumed`` names values of the file."""
        if isinstance(data, dict) and info.context is not None:
            if "digest" in data:
                raise Refusal("digest", UNKNOWN_KEY)
            data = {**data, "digest": info.context["digest"]}
        method: LandMethod = handler(data)
        if isinstance(data, dict):
            for path in method.assumed:
                if not _names_a_value(data, path):
                    raise Refusal("assumed", f"路径“{path}”不是本文件中的某个取值")
        return method

    def far_minimum(self, industry_code: str) -> FarMinimum | None:
        """The 容积率 floor of the longest ``far_min`` prefix of ``industry_code`` (None: no floor)."""
        hits = [f for f in self.inefficient.far_min if industry_code.startswith(f.code)]
        return max(hits, key=lambda f: len(f.code)) if hits else None


def _names_a_value(data: dict[str, Any], path: str) -> bool:
    """Whether dotted ``path`` names a value written in the file (list items are found by ``code``)."""
    node: Any = data
    for token in path.split("."):
        if isinstance(node, list):
            node = next((x for x in node if isinstance(x, dict) and str(x.get("code")) == token), None)
        elif isinstance(node, dict):
            node = node.get(token)
        else:
            return False
        if node is None:
            return False
    return True
