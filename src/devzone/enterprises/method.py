"""亩均效益 evaluation methods: typed, frozen objects for one method file (``methods/*.yaml``).

A method says who is evaluated in which segment (规上, 规下 ≥ 3 亩, …), which indicators count with
which weight and benchmark, how points are given, what a veto or an exemption does, how classes are
cut, and what each class gets (the policy matrix). The objects are pydantic dataclasses: they check
themselves (weights sum to 100, shares to 1, thresholds decrease, an unknown key is refused), and the
loader in :mod:`devzone.enterprises.method_load` validates a file's mapping into :class:`Method` and
names the file and the key path of the first fault.

The family names below are the keys of the Ibis registries in :mod:`devzone.enterprises.rules`; a test
keeps both in step.

References
----------
See ``docs/mu-methods.md`` and the spec ``specs/mu_efficiency.md`` (Huangyan 2022, Huai'an 2024,
Changle 2023, Jingde 2022).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, PlainValidator, ValidationInfo, field_validator, model_validator
from pydantic.dataclasses import dataclass

from devzone.core.citations import Assumption, Citation
from devzone.core.strict import (
    CONFIG,
    UNKNOWN_KEY,
    FileKeyError,
    Integer,
    Number,
    Refusal,
    Text,
    one_of,
)
from devzone.enterprises.formula import Formula, parse
from devzone.enterprises.inputs_schema import TEXT

BENCHMARK_KINDS = ("mean", "median", "percentile", "previous_year_mean", "fixed")
SCORE_RULE_KINDS = ("ratio", "minmax", "percentile")
DIRECTIONS = ("higher", "lower")
MISSING_RULES = ("zero", "segment_mean_points")
VETO_EFFECTS = ("lowest_class", "not_above")
EXEMPTION_EFFECTS = ("exempt", "not_below")
CLASSING_KINDS = ("shares", "thresholds")
TIE_RULES = ("better",)
FALLBACKS = ("none", "current_year")


class MethodError(FileKeyError):
    """A method file is invalid. The message starts with ``<file>: <key>:``."""


def _formula(want: str) -> PlainValidator:
    def check(value: object) -> Formula:
        if isinstance(value, Formula):
            return value
        if not isinstance(value, str) or not value.strip():
            raise ValueError("不能为空")
        return parse(value, want=want)  # a FormulaError is a ValueError: pydantic reports it at this key

    return PlainValidator(check)


NumFormula = Annotated[Formula, _formula("num")]
Condition = Annotated[Formula, _formula("bool")]


def _pairs(value: object) -> object:
    """A file's ``{A: 0.2, B: 0.4}`` → ``[("A", 0.2), ("B", 0.4)]`` in the file's order (code passes pairs)."""
    if isinstance(value, tuple | list):
        return value
    if not isinstance(value, Mapping) or not value:
        raise ValueError("应为“等级代码: 数字”的映射")
    for name, number in value.items():
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise Refusal(str(name), "应为数字")
    return [(str(name), float(number)) for name, number in value.items()]


def _unique(key: str, codes: list[str]) -> None:
    if twice := sorted({c for c in codes if codes.count(c) > 1}):
        raise Refusal(key, f"代码“{twice[0]}”重复")


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class ClassDef:
    """A class such as ``A`` 优先发展类."""

    code: Text
    label: Text


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Benchmark:
    """The value an indicator is compared with (基准值).

    ``mean``/``median``/``percentile`` (``q``) of the segment's graded enterprises in the same year,
    times ``factor``; ``previous_year_mean``: ``factor`` × the segment mean of the previous year
    (Huai'an: 2 × 上年度平均值), with ``fallback`` when that year is absent; ``fixed``: ``value``.
    """

    kind: Annotated[str, one_of(BENCHMARK_KINDS)]
    value: Number | None = None
    q: Number | None = None
    factor: Annotated[Number, Field(gt=0)] = 1.0
    fallback: Annotated[str, one_of(FALLBACKS)] = "none"

    @model_validator(mode="after")
    def _parameters(self) -> Benchmark:
        if self.kind == "fixed" and (self.value is None or self.value <= 0):
            raise Refusal("value", "固定基准值（fixed）须给出大于 0 的 value")
        if self.kind == "percentile" and (self.q is None or not 0 <= self.q <= 1):
            raise Refusal("q", "分位数基准（percentile）须给出 0 到 1 之间的 q")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class ScoreRule:
    """How an indicator value becomes points (单项得分).

    ``ratio``: ``w × clamp(r, floor, cap)`` with ``r = x / B`` (``B / x`` for ``lower``), ``cap``/``floor``
    as multiples of the weight. ``minmax`` (旌德): ``w × [base + (100 − base) × (x − min)/(max − min)] / 100``.
    ``percentile``: ``w × cume_dist(x)`` within the segment.
    """

    kind: Annotated[str, one_of(SCORE_RULE_KINDS)]
    cap: Number | None = None
    floor: Number | None = None
    base: Annotated[Number, Field(ge=0, lt=100)] = 0.0

    @model_validator(mode="after")
    def _ordered(self) -> ScoreRule:
        if self.cap is not None and self.floor is not None and self.cap < self.floor:
            raise Refusal("cap", f"上限 cap {self.cap} 低于下限 floor {self.floor}")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Indicator:
    """One indicator of a segment (单项指标); ``score_rule`` and ``missing`` default to the segment's."""

    code: Text
    label: Text
    formula: NumFormula
    unit: Text
    direction: Annotated[str, one_of(DIRECTIONS)] = "higher"
    weight: Annotated[Number, Field(ge=0)]
    benchmark: Benchmark
    score_rule: ScoreRule
    missing: Annotated[str, one_of(MISSING_RULES)] = "zero"


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Segment:
    """A group scored and ranked on its own (规上, 规下 ≥ 3 亩, …); first matching ``when`` wins.

    ``score_rule`` and ``missing`` are the defaults its indicators inherit.
    """

    code: Text
    label: Text
    when: Condition
    score_rule: ScoreRule | None = None
    missing: Annotated[str, one_of(MISSING_RULES)] = "zero"
    indicators: Annotated[tuple[Indicator, ...], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _inherit(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and isinstance(data.get("indicators"), list):
            defaults = {k: data[k] for k in ("score_rule", "missing") if data.get(k) is not None}
            indicators = [{**defaults, **i} if isinstance(i, Mapping) else i for i in data["indicators"]]
            data = {**data, "indicators": indicators}
        return data

    @field_validator("indicators")
    @classmethod
    def _weights(cls, indicators: tuple[Indicator, ...]) -> tuple[Indicator, ...]:
        total = sum(i.weight for i in indicators)
        if abs(total - 100) > 1e-9:
            raise ValueError(f"权重合计为 {total:g}，应为 100")
        _unique("", [i.code for i in indicators])
        return indicators


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Adjustment:
    """A bonus (points > 0) or penalty (points < 0) added when ``when`` holds (加分项/减分项)."""

    code: Text
    label: Text
    when: Condition
    points: Number
    segments: tuple[Text, ...] = ()


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class ClassRule:
    """A veto (一票否决) or an exemption (不定等级/T, protection from D).

    Veto effects: ``lowest_class`` (→ D) or ``not_above`` ``klass`` (never better than it). Exemption
    effects: ``exempt`` (not graded, exempt class) or ``not_below`` ``klass`` (never worse than it).
    """

    code: Text
    label: Text
    when: Condition
    effect: Annotated[str, one_of(VETO_EFFECTS + EXEMPTION_EFFECTS)]
    klass: Text | None = Field(default=None, alias="class")

    @model_validator(mode="after")
    def _class(self) -> ClassRule:
        if (self.effect in {"not_above", "not_below"}) != (self.klass is not None):
            raise Refusal("class", "只有 not_above 和 not_below 需要指明等级，其他效果不设 class")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Classing:
    """How classes are cut: by ``shares`` of the ranked segment, or by score ``thresholds``."""

    kind: Annotated[str, one_of(CLASSING_KINDS)]
    shares: tuple[tuple[str, float], ...] = ()
    thresholds: tuple[tuple[str, float], ...] = ()
    tie: Annotated[str, one_of(TIE_RULES)] = "better"

    @field_validator("shares", "thresholds", mode="before")
    @classmethod
    def _mapping(cls, value: object) -> object:
        return _pairs(value)

    @model_validator(mode="after")
    def _cuts(self) -> Classing:
        if self.kind == "shares":
            if not self.shares:
                raise Refusal("shares", "缺少此项（必填）")
            if any(s < 0 for _, s in self.shares) or abs(sum(s for _, s in self.shares) - 1) > 1e-9:
                raise Refusal("shares", "各等级比例应不小于 0 且合计为 1")
        elif not self.thresholds:
            raise Refusal("thresholds", "缺少此项（必填）")
        elif any(a <= b for (_, a), (_, b) in itertools.pairwise(self.thresholds)):
            raise Refusal("thresholds", "应从最好的等级起严格递减")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Policy:
    """What a class gets: a flat ``value`` or one by consecutive years in the class (3 means 3+)."""

    klass: Text = Field(alias="class")
    code: Text
    label: Text
    unit: Text
    value: Number | None = None
    by_consecutive_years: tuple[tuple[int, float], ...] = ()

    @field_validator("by_consecutive_years", mode="before")
    @classmethod
    def _year_counts(cls, value: object) -> object:
        pairs = _pairs(value)
        if isinstance(value, Mapping):
            for n, _ in pairs:  # type: ignore[attr-defined]
                if not n.isdigit() or int(n) < 1:
                    raise Refusal(n, "键应为连续年数 1、2、3……")
        return pairs

    @field_validator("by_consecutive_years")
    @classmethod
    def _consecutive(cls, years: tuple[tuple[int, float], ...]) -> tuple[tuple[int, float], ...]:
        if [n for n, _ in years] != list(range(1, len(years) + 1)):
            raise ValueError("键应为 1、2、3……且不能间断")
        return years

    @model_validator(mode="after")
    def _one_value(self) -> Policy:
        if self.value is not None and self.by_consecutive_years:
            raise Refusal("value", "value 与 by_consecutive_years 只能给一个（都不给表示只作标记）")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class LandRules:
    """Thresholds for inefficient-land candidates (低效用地)."""

    tax_per_mu_floor: Number = 1.0
    consecutive_evaluations: Integer = 2
    no_tax_years: Integer = 2
    idle_space_share: Number = 0.5


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Method:
    """A whole evaluation method; ``digest`` is the SHA-256 of the file text (given by the loader).

    ``sources`` cite documents (:class:`~devzone.core.citations.Citation`: a url only on an official
    host); ``assumptions`` state for the reader, in Chinese, what no source fixes; ``assumed`` lists the
    key paths of those values (for the method page's marks). English rationale stays in YAML comments.
    """

    id: Text
    title: Text
    version: Integer
    sources: Annotated[tuple[Citation, ...], Field(min_length=1)]
    assumptions: tuple[Assumption, ...] = ()
    assumed: tuple[str, ...] = ()
    classes: Annotated[tuple[ClassDef, ...], Field(min_length=1)]
    exempt_class: ClassDef
    score_decimals: Annotated[Integer, Field(ge=0, le=8)] = 4
    group_by: tuple[str, ...] = ()
    segments: Annotated[tuple[Segment, ...], Field(min_length=1)]
    adjustments: tuple[Adjustment, ...] = ()
    vetoes: tuple[ClassRule, ...] = ()
    exemptions: tuple[ClassRule, ...] = ()
    classing: Classing
    policies: tuple[Policy, ...] = ()
    land: LandRules = Field(default_factory=LandRules, alias="inefficient_land")
    digest: str

    @model_validator(mode="wrap")
    @classmethod
    def _whole_file(cls, data: Any, handler: Any, info: ValidationInfo) -> Method:
        """Take the digest from the loader, then check what spans sections, then ``assumed``."""
        if isinstance(data, Mapping) and info.context is not None:
            if "digest" in data:
                raise Refusal("digest", UNKNOWN_KEY)
            data = {**data, "digest": info.context["digest"]}
        method: Method = handler(data)
        method._check_across()
        if isinstance(data, Mapping):
            for path in method.assumed:
                if not _names_a_value(data, path):
                    raise Refusal("assumed", f"路径“{path}”不是本文件中的某个取值")
        return method

    def _check_across(self) -> None:  # noqa: C901 - a flat list of independent cross-field checks
        codes = self.class_codes
        _unique("classes", list(codes))
        _unique("segments", [s.code for s in self.segments])
        first: dict[str, str] = {}
        for si, seg in enumerate(self.segments):
            for ii, ind in enumerate(seg.indicators):
                key = f"{ind.formula.text} [{ind.unit}] {ind.direction}"
                if first.setdefault(ind.code, key) != key:
                    raise Refusal(
                        f"segments[{si}].indicators[{ii}].formula",
                        f"指标代码“{ind.code}”在别处用于不同的公式、单位或方向",
                    )
        for i, a in enumerate(self.adjustments):
            if unknown := set(a.segments) - {s.code for s in self.segments}:
                raise Refusal(f"adjustments[{i}].segments", f"未定义的分组“{sorted(unknown)[0]}”")
        if bad := [g for g in self.group_by if g not in TEXT - {"veto", "exempt", "uscc", "name"}]:
            raise Refusal("group_by", f"“{bad[0]}”不能用作排名分组")
        for section, rules, effects in (
            ("vetoes", self.vetoes, VETO_EFFECTS),
            ("exemptions", self.exemptions, EXEMPTION_EFFECTS),
        ):
            for i, r in enumerate(rules):
                if r.effect not in effects:
                    raise Refusal(
                        f"{section}[{i}].effect",
                        f"“{r.effect}”不是可选值，应为以下之一：{'、'.join(effects)}",
                    )
                if r.klass is not None and r.klass not in codes:
                    raise Refusal(
                        f"{section}[{i}].class", f"“{r.klass}”不是已定义的等级（{'、'.join(codes)}）"
                    )
        if self.classing.kind == "shares" and tuple(c for c, _ in self.classing.shares) != codes:
            raise Refusal("classing.shares", f"应按顺序给出每个等级：{'、'.join(codes)}")
        if self.classing.kind == "thresholds" and tuple(c for c, _ in self.classing.thresholds) != codes[:-1]:
            raise Refusal(
                "classing.thresholds",
                f"应按顺序给出除最后一级外的每个等级：{'、'.join(codes[:-1])}",
            )
        for i, p in enumerate(self.policies):
            if p.klass not in (*codes, self.exempt_class.code):
                raise Refusal(f"policies[{i}].class", f"“{p.klass}”不是已定义的等级")

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        """Every indicator code, in first-seen order over the segments."""
        return tuple(dict.fromkeys(i.code for s in self.segments for i in s.indicators))

    @property
    def class_codes(self) -> tuple[str, ...]:
        """Class codes best first, without the exempt class."""
        return tuple(c.code for c in self.classes)


def _names_a_value(data: Mapping[str, Any], path: str) -> bool:
    """Whether dotted ``path`` names a value written in the file (list items are found by ``code``)."""
    node: Any = data
    for token in path.split("."):
        if isinstance(node, list):
            node = next((x for x in node if isinstance(x, Mapping) and str(x.get("code")) == token), None)
        elif isinstance(node, Mapping):
            node = node.get(token)
        if node is None:
            return False
    return True
