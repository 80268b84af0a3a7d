"""Project methods: typed, frozen objects for one method file (``methods/*.yaml``).

A project method holds every convention the engines use — which evidence makes a 开工 count, the 达产
threshold, the rate denominators and windows, the investment tiers and the realisation gate, the quotas
of a plan, the scoring items of a 考核 scheme, the warning preset and the contract defaults of 标准地 —
so none is a constant in code. The objects are pydantic dataclasses that check themselves (an unknown
key is refused; bands may not overlap; a quota or score item must name a tier that exists); the loader in
:mod:`devzone.projects.method_load` names the file and the key path of the first fault. Tier bounds are
written in 亿元 (as the plans write them) and compared with 协议投资 in 万元.
"""

from __future__ import annotations

import itertools
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
from devzone.projects.stages import MILESTONE_STAGES, STUCK_LISTS

RATE_NAMES = ("履约率", "入园率", "开工率", "投产率", "达产率", "资金到位率", "固投转化率")
START_EVIDENCE = ("入库", "site")
DENOMINATORS = ("cohort", "chain")
WINDOWS = ("in_year", "carry", "event", "since")
PERFORMANCE = ("composite", "not_terminated", "landed")
FUNDS_RATES = ("cohort", "dynamic")
GATES = ("signed", "started", "fai5", "landed")
TIER_KINDS = ("threshold", "band")
PRESETS = ("ratio", "sign_mix", "band_min", "overdue", "efficacy", "bonus_per_project")
FAI_MEASURES = ("pp_below", "share")
REVIEW_PENALTIES = ("none", "forfeit_deposit")
YI = 10_000.0  # 万元 per 亿元

Months = Annotated[Integer, Field(ge=1, le=120)]


class ProjectMethodError(FileKeyError):
    """A project method file is invalid. The message starts with ``<file>: <key>:``."""


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Counting:
    """When a milestone counts: the 开工 evidence (``入库`` = the statistics project library; ``site`` = 施工许可
    or 施工合同 + dated photos, or 入库), the stages that need a second unit's verification, the 达产 threshold."""

    start_evidence: Annotated[str, one_of(START_EVIDENCE)] = "入库"
    verified_stages: tuple[Annotated[str, one_of(MILESTONE_STAGES)], ...] = MILESTONE_STAGES
    capacity_threshold: Annotated[Number, Field(gt=0, le=2)] = 1.0
    funds_evidence: tuple[Annotated[str, one_of(("银行进账单", "验资报告"))], ...] = (
        "银行进账单",
        "验资报告",
    )
    fai_sources: tuple[Annotated[str, one_of(("统计", "项目单位"))], ...] = ("统计",)


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class RateRules:
    """Rate conventions: denominators (``cohort`` or ``chain``, 河南 三个一批), window, 履约, 资金到位率."""

    denominator: Annotated[str, one_of(DENOMINATORS)] = "cohort"
    window: Annotated[str, one_of(WINDOWS)] = "in_year"
    since_year: Integer | None = None
    performance: Annotated[str, one_of(PERFORMANCE)] = "composite"
    funds: Annotated[str, one_of(FUNDS_RATES)] = "cohort"
    report: tuple[Annotated[str, one_of(RATE_NAMES)], ...] = RATE_NAMES  # the rates a board shows

    @model_validator(mode="after")
    def _since(self) -> RateRules:
        if (self.window == "since") != (self.since_year is not None):
            raise Refusal("since_year", "起算年份只用于（也必须用于）“since”口径")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Tier:
    """A tier on 协议总投资 in 亿元: ``≥ min`` (a threshold, cumulative) or ``[min, max)`` (a band)."""

    code: Text
    label: Text
    min: NonNegative
    max: Positive | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Tier:
        if self.max is not None and self.max <= self.min:
            raise Refusal("max", "上限应大于下限")
        return self

    def holds(self, total_wan: float) -> bool:
        return total_wan >= self.min * YI and (self.max is None or total_wan < self.max * YI)


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class TierSet:
    """Tiers counted together: ``threshold`` tiers are cumulative (a 120亿 project is ≥100亿 and ≥50亿);
    ``band`` tiers are disjoint (each project in one band)."""

    id: Text
    kind: Annotated[str, one_of(TIER_KINDS)]
    tiers: Annotated[tuple[Tier, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _disjoint(self) -> TierSet:
        codes = [t.code for t in self.tiers]
        if twice := sorted({c for c in codes if codes.count(c) > 1}):
            raise Refusal("tiers", f"档次“{twice[0]}”重复")
        if self.kind == "threshold":
            for k, t in enumerate(self.tiers):
                if t.max is not None:
                    raise Refusal(f"tiers[{k}].max", "累计档（threshold）只设下限")
        else:
            ordered = sorted(enumerate(self.tiers), key=lambda kt: kt[1].min)
            for (_, a), (k, b) in itertools.pairwise(ordered):
                if a.max is None or a.max > b.min:
                    raise Refusal(f"tiers[{k}].min", f"档次“{b.code}”与“{a.code}”重叠")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Gate:
    """The realisation gate a project passes to count in year N: ``signed`` (正式合同 in N); ``started``
    (plus 开工 in N); ``fai5`` (plus FAI in N ≥ ``fai_share`` of the total); ``landed`` (plus 注册 and land paid)."""

    kind: Annotated[str, one_of(GATES)] = "signed"
    fai_share: Share = 0.05
    exclude_kinds: tuple[Annotated[str, one_of(("新建", "增资扩产", "技改", "二期", "迁建"))], ...] = (
        "二期",
        "迁建",
    )


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Quota:
    """A plan's yearly quota: ``target`` projects of ``tier`` in ``tier_set`` for the zones named, or for
    every other zone (``others``)."""

    tier_set: Text
    tier: Text
    target: Annotated[Integer, Field(ge=1)]
    zones: tuple[Text, ...] = ()
    others: bool = False
    label: Text | None = None

    @model_validator(mode="after")
    def _scope(self) -> Quota:
        if bool(self.zones) == self.others:
            raise Refusal("zones", "须列出开发区（zones），或注明适用于其他开发区（others: true），二者择一")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class ScoreItem:
    """A 考核 item scored with a preset (:data:`PRESETS`); targets come with the year's assignment."""

    code: Text
    label: Text
    preset: Annotated[str, one_of(PRESETS)]
    points: Positive
    cap: bool = True  # score at most ``points`` (实际投资 and 外资 items are not capped)
    count_weight: Share = 0.5  # sign_mix
    amount_weight: Share = 0.5
    tier_set: Text | None = None  # band_min, bonus_per_project
    per_missing: Positive = 0.1  # band_min
    band_targets: tuple[tuple[Text, Annotated[Integer, Field(ge=0)]], ...] = ()
    late_penalty: NonNegative = 0.1  # overdue: per 超时限未开工
    fake_penalty: NonNegative = 0.2  # overdue: per 弄虚作假
    efficacy_base: Share = 0.6
    bonus: tuple[tuple[Text, Positive], ...] = ()  # bonus_per_project: (tier, points)

    @model_validator(mode="after")
    def _needs(self) -> ScoreItem:
        if self.preset == "sign_mix" and abs(self.count_weight + self.amount_weight - 1) > 1e-9:
            raise Refusal("amount_weight", "个数与金额的权重之和应为 1")
        if self.preset in ("band_min", "bonus_per_project") and self.tier_set is None:
            raise Refusal("tier_set", f"“{self.preset}”须指明档次组（tier_set）")
        if self.preset == "bonus_per_project" and not self.bonus:
            raise Refusal("bonus", "须列出每档的加分")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class FaiLight:
    """FAI against 序时 (month m: m / 12 of the year's plan): ``pp_below`` compares percentage points below
    序时 (yellow > ``yellow``, red > ``red``); ``share`` compares progress ÷ 序时 (yellow < ``yellow``, red < ``red``)."""

    measure: Annotated[str, one_of(FAI_MEASURES)] = "pp_below"
    yellow: NonNegative = 10.0
    red: NonNegative = 30.0

    @model_validator(mode="after")
    def _ordered(self) -> FaiLight:
        wrong = self.red < self.yellow if self.measure == "pp_below" else self.red > self.yellow
        if wrong:
            raise Refusal("red", "红灯界限应比黄灯界限更严重")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class Warnings:
    """Warning lights (银川 2025 by default): months without a start after the planned month, months
    without 入库 after 开工, FAI against 序时, days before a contractual deadline."""

    preset: Text = "银川"
    start_yellow_months: Months = 1
    start_red_months: Months = 3
    ledger_yellow_months: Months = 1
    ledger_red_months: Months = 2
    fai: FaiLight = Field(default_factory=FaiLight)
    deadline_yellow_days: Annotated[Integer, Field(ge=0, le=365)] = 30
    stale_days: Annotated[Integer, Field(ge=1, le=3650)] = 60

    @model_validator(mode="after")
    def _ordered(self) -> Warnings:
        if self.start_red_months < self.start_yellow_months:
            raise Refusal("start_red_months", "红灯月数不应少于黄灯月数")
        if self.ledger_red_months < self.ledger_yellow_months:
            raise Refusal("ledger_red_months", "红灯月数不应少于黄灯月数")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class ContractRules:
    """标准地 contract defaults (温州 滨海): 开工 ≤ 交地 + 6 months, 竣工 ≤ 交地 + 24, 达产验收 ≤ 竣工 + 24;
    breach rules of GF-2008-2601 and 《闲置土地处置办法》."""

    start_months: Months = 6
    finish_months: Months = 24
    review_months: Months = 24
    late_permille_per_day: Positive | None = None  # r ‰ of 出让金 per day, blank in the model contract
    idle_fee_share: Share = 0.2
    idle_fee_years: Annotated[Integer, Field(ge=1, le=10)] = 1
    recover_years: Annotated[Integer, Field(ge=1, le=10)] = 2
    rectify_months: Months = 12
    review_penalty: Annotated[str, one_of(REVIEW_PENALTIES)] = "none"

    @model_validator(mode="after")
    def _clocks(self) -> ContractRules:
        if self.recover_years <= self.idle_fee_years:
            raise Refusal("recover_years", "无偿收回年限应长于征缴闲置费的年限")
        return self


@dataclass(frozen=True, kw_only=True, config=CONFIG)
class ProjectMethod:
    """A whole project method; ``digest`` is the SHA-256 of the file text (given by the loader).

    ``sources`` cite documents (a url only on an official host); ``assumptions`` state in Chinese what no
    source fixes; ``assumed`` lists the dotted key paths of those values (the *unverified* ones).
    """

    id: Text
    title: Text
    version: Integer
    sources: Annotated[tuple[Citation, ...], Field(min_length=1)]
    assumptions: tuple[Assumption, ...] = ()
    assumed: tuple[str, ...] = ()
    counting: Counting = Field(default_factory=Counting)
    rates: RateRules = Field(default_factory=RateRules)
    tier_sets: tuple[TierSet, ...] = ()
    gate: Gate = Field(default_factory=Gate)
    quotas: tuple[Quota, ...] = ()
    scoring: tuple[ScoreItem, ...] = ()
    warnings: Warnings = Field(default_factory=Warnings)
    contract: ContractRules = Field(default_factory=ContractRules)
    stuck: tuple[Annotated[str, one_of(tuple(STUCK_LISTS))], ...] = tuple(STUCK_LISTS)
    digest: str

    @model_validator(mode="after")
    def _references(self) -> ProjectMethod:
        sets = {s.id: {t.code for t in s.tiers} for s in self.tier_sets}
        if len(sets) != len(self.tier_sets):
            raise Refusal("tier_sets", "档次组 id 重复")
        for k, q in enumerate(self.quotas):
            if q.tier_set not in sets:
                raise Refusal(f"quotas[{k}].tier_set", f"没有档次组“{q.tier_set}”")
            if q.tier not in sets[q.tier_set]:
                raise Refusal(f"quotas[{k}].tier", f"档次组“{q.tier_set}”中没有档次“{q.tier}”")
        for k, item in enumerate(self.scoring):
            if item.tier_set is None:
                continue
            if item.tier_set not in sets:
                raise Refusal(f"scoring[{k}].tier_set", f"没有档次组“{item.tier_set}”")
            named = [t for t, _ in item.band_targets] + [t for t, _ in item.bonus]
            if unknown := [t for t in named if t not in sets[item.tier_set]]:
                raise Refusal(f"scoring[{k}].tier_set", f"档次组“{item.tier_set}”中没有档次“{unknown[0]}”")
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _whole_file(cls, data: Any, handler: Any, info: ValidationInfo) -> ProjectMethod:
        """Take the digest from the loader, then check that ``assumed`` names values of the file."""
        if isinstance(data, dict) and info.context is not None:
            if "digest" in data:
                raise Refusal("digest", UNKNOWN_KEY)
            data = {**data, "digest": info.context["digest"]}
        method: ProjectMethod = handler(data)
        if isinstance(data, dict):
            for path in method.assumed:
                if not _names_a_value(data, path):
                    raise Refusal("assumed", f"路径“{path}”不是本文件中的某个取值")
        return method

    def tier_set(self, id: str) -> TierSet:
        return next(s for s in self.tier_sets if s.id == id)

    def score_item(self, code: str) -> ScoreItem:
        return next(s for s in self.scoring if s.code == code)


def _names_a_value(data: dict[str, Any], path: str) -> bool:
    """Whether dotted ``path`` names a value written in the file (list items are found by ``code``/``id``)."""
    node: Any = data
    for token in path.split("."):
        if isinstance(node, list):
            node = next(
                (x for x in node if isinstance(x, dict) and token in (str(x.get("code")), str(x.get("id")))),
                None,
            )
        elif isinstance(node, dict):
            node = node.get(token)
        else:
            return False
        if node is None:
            return False
    return True
