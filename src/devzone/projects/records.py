"""The plain tables the project engines take: projects, milestones, funds arrived and fixed-asset
investment (FAI). Frozen dataclasses (the Django slice fills them from its models, the tests from the
spec's worked example); money in 万元, dates as :class:`datetime.date`, a month as its first day.

:func:`check_rows` refuses rows that cannot be used, every fault at once, each in Chinese naming the
project and the reason (a 开工 before 签约, a verified milestone with no evidence, verification by the lead
unit itself, an amount that looks like 元, an invalid USCC). :func:`duplicate_deals` finds one deal entered
twice (spec rule "one deal, one project"). Pure: no Django.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from devzone.enterprises.uscc import problem as uscc_problem
from devzone.projects.stages import AGREEMENTS, CHANNELS, CONTRACT, EVIDENCE, KINDS, MILESTONE_STAGES

FUND_KINDS = ("固定资产", "流动")
FUND_EVIDENCE = ("银行进账单", "验资报告")
FAI_SOURCES = ("统计", "项目单位")
MAX_WAN = 10_000_000.0
"""A project above 1,000 亿元 (10⁷ 万元) is refused as an amount given in 元 (a 10,000× slip): the largest
single projects the sources name are a few hundred 亿元 (宜昌 "3511" counts 百亿级)."""


class ProjectInputError(ValueError):
    """Rows that cannot be used; ``issues`` are Chinese reasons, each naming the project."""

    def __init__(self, issues: Sequence[str]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(self.issues))


@dataclass(frozen=True, kw_only=True)
class Project:
    """One investment project (one deal). ``signing_events`` are later ceremonies re-signing the same deal:
    shown, never counted. ``planned_start`` is the planned 开工 month (its first day); ``deadline_*`` are the
    contract's own dates (None: derived from 交地 by the method). ``fai_plans`` = ((year, 万元), …)."""

    code: str
    name: str = ""
    zone: str
    lead_unit: str
    agreement: str = CONTRACT
    signed_on: date | None = None
    total_wan: float = 0.0
    fixed_wan: float = 0.0
    kind: str = "新建"
    channel: str = "其他"
    event: str = ""
    industry_code: str = ""
    investor_name: str = ""
    investor_uscc: str = ""
    company_uscc: str = ""  # the project company, after 注册 (links to the enterprises' yearly data)
    parcel_id: str = ""
    area_mu: float | None = None
    land_price_wan: float | None = None
    delivered_on: date | None = None
    land_paid_on: date | None = None
    in_zone: bool = True
    planned_start: date | None = None
    deadline_start: date | None = None
    deadline_finish: date | None = None
    deadline_review: date | None = None
    review_applied_on: date | None = None
    terminated_on: date | None = None
    fake: bool = False  # 弄虚作假, set by the verifier
    signing_events: tuple[date, ...] = ()
    fai_plans: tuple[tuple[int, float], ...] = field(default=())

    @property
    def contract(self) -> bool:
        """A 正式合同 (a framework agreement or an intent is never 签约)."""
        return self.agreement == CONTRACT and self.signed_on is not None

    def terminated(self, on: date) -> bool:
        return self.terminated_on is not None and self.terminated_on <= on

    def fai_plan(self, year: int) -> float | None:
        return next((amount for y, amount in self.fai_plans if y == year), None)


@dataclass(frozen=True, kw_only=True)
class Milestone:
    """A stage reached on ``reached_on`` with evidence of ``evidence`` kind (attached on ``evidence_on``, default
    ``reached_on``: for 开工 with 入库 evidence, the 入库 date), verified by ``verified_by`` (a unit; None: not yet).
    ``value`` is the 产能利用率 (0–1) of a 达产 milestone."""

    project: str
    stage: str
    reached_on: date
    evidence: str = ""
    evidence_on: date | None = None
    verified_by: str | None = None
    value: float | None = None

    @property
    def counted_from(self) -> date:
        return self.evidence_on or self.reached_on


@dataclass(frozen=True, kw_only=True)
class Funds:
    """资金到位: an amount arrived on ``arrived_on``, proven by ``evidence`` (银行进账单 or 验资报告)."""

    project: str
    arrived_on: date
    amount_wan: float
    kind: str = "固定资产"
    evidence: str = ""


@dataclass(frozen=True, kw_only=True)
class Fai:
    """固定资产投资 of a month (its first day), by source (统计 = the statistics bureau's figure)."""

    project: str
    month: date
    amount_wan: float
    source: str = "统计"


def _norm(text: str) -> str:
    return re.sub(r"[\s（）()·,，.。]", "", unicodedata.normalize("NFKC", text)).lower()


def deal_key(p: Project) -> tuple[str, str, str]:
    """The dedup key of a deal: (investor USCC or normalised name, zone, parcel or a hash of the content).

    >>> a = Project(code="A", zone="Z", lead_unit="U", investor_name="某某 (集团)", name="X", total_wan=10)
    >>> deal_key(a) == deal_key(Project(code="B", zone="Z", lead_unit="V", investor_name="某某（集团）",
    ...                                  name="X", total_wan=10))
    True
    """
    investor = p.investor_uscc or _norm(p.investor_name)
    content = f"{_norm(p.name)}|{p.industry_code}|{p.total_wan:.2f}"
    where = p.parcel_id or hashlib.sha256(content.encode()).hexdigest()[:16]
    return investor, p.zone, where


def duplicate_deals(projects: Iterable[Project]) -> tuple[tuple[str, ...], ...]:
    """Codes of projects that are one deal entered more than once (each group sorted, groups sorted).

    >>> p = Project(code="A", zone="Z", lead_unit="U", investor_uscc="X", parcel_id="G1")
    >>> duplicate_deals([p, Project(code="B", zone="Z", lead_unit="U", investor_uscc="X", parcel_id="G1")])
    (('A', 'B'),)
    """
    groups: dict[tuple[str, str, str], list[str]] = {}
    for p in projects:
        if p.investor_uscc or p.investor_name:
            groups.setdefault(deal_key(p), []).append(p.code)
    return tuple(sorted(tuple(sorted(g)) for g in groups.values() if len(g) > 1))


def project_issues(p: Project) -> list[str]:
    """What is wrong with one project row (Chinese, naming the project)."""
    where = f"项目 {p.code}"
    out = []
    for value, options, label in (
        (p.agreement, AGREEMENTS, "协议类型"),
        (p.kind, KINDS, "项目类型"),
        (p.channel, CHANNELS, "招商方式"),
    ):
        if value not in options:
            out.append(f"{where}：{label}“{value}”不是可选值（{'、'.join(options)}）")
    for amount, label in ((p.total_wan, "协议总投资"), (p.fixed_wan, "协议固定资产投资")):
        if amount < 0:
            out.append(f"{where}：{label}不能为负数（{amount:g} 万元）")
        elif amount > MAX_WAN:
            out.append(f"{where}：{label} {amount:g} 万元超过 1000 亿元，是否误填为元？（应以万元填写）")
    if p.industry_code and not re.fullmatch(r"[A-T]?\d{2,4}", p.industry_code):
        out.append(f"{where}：行业代码“{p.industry_code}”不是国民经济行业分类（GB/T 4754）代码")
    for code, label in ((p.investor_uscc, "投资方"), (p.company_uscc, "项目公司")):
        if code and (why := uscc_problem(code)) is not None:
            out.append(f"{where}：{label}统一社会信用代码 {code} 有误（{why.reason}）")
    if p.signed_on is None and p.agreement in ("框架协议", CONTRACT):
        out.append(f"{where}：已签{p.agreement}，但没有签约日期")
    if p.signed_on and any(e < p.signed_on for e in p.signing_events):
        out.append(f"{where}：重复签约活动早于签约日期 {p.signed_on.isoformat()}")
    return out


def milestone_issues(m: Milestone, p: Project | None) -> list[str]:
    """What is wrong with one milestone row, given its project (None: unknown)."""
    where = f"项目 {m.project} 的“{m.stage}”节点"
    if p is None:
        return [f"{where}：没有编号为 {m.project} 的项目"]
    if m.stage not in MILESTONE_STAGES:
        return [f"{where}：阶段“{m.stage}”不是可选值（{'、'.join(MILESTONE_STAGES)}）"]
    out = []
    if m.evidence and m.evidence not in EVIDENCE[m.stage]:
        out.append(f"{where}：佐证材料“{m.evidence}”不适用于此阶段（可用：{'、'.join(EVIDENCE[m.stage])}）")
    if m.verified_by is not None and not m.evidence:
        out.append(f"{where}：已核验但没有佐证材料")
    if m.verified_by is not None and m.verified_by == p.lead_unit:
        out.append(f"{where}：核验单位 {m.verified_by} 是本项目的招商责任单位，须由其他单位核验")
    if m.stage == "开工" and p.signed_on is not None and m.reached_on < p.signed_on:
        out.append(f"{where}：开工日期 {m.reached_on.isoformat()} 早于签约日期 {p.signed_on.isoformat()}")
    if m.evidence_on is not None and m.evidence_on < m.reached_on:
        out.append(f"{where}：佐证日期 {m.evidence_on.isoformat()} 早于节点日期 {m.reached_on.isoformat()}")
    if m.stage == "达产" and (m.value is None or not 0 <= m.value <= 2):
        out.append(f"{where}：须填写产能利用率（0–2 之间的比值，如 0.85）")
    return out


def check_rows(
    projects: Sequence[Project],
    milestones: Sequence[Milestone] = (),
    funds: Sequence[Funds] = (),
    fai: Sequence[Fai] = (),
) -> None:
    """Refuse rows that cannot be used, every fault at once (nothing is computed from a bad table).

    >>> p = Project(code="P1", zone="Z", lead_unit="招商局", signed_on=date(2024, 2, 20))
    >>> check_rows([p], [Milestone(project="P1", stage="开工", reached_on=date(2024, 1, 5), evidence="入库",
    ...                            verified_by="招商局")])
    Traceback (most recent call last):
    ...
    devzone.projects.records.ProjectInputError: 项目 P1 的“开工”节点：核验单位 招商局 是本项目的招商责任单位，须由其他单位核验
    项目 P1 的“开工”节点：开工日期 2024-01-05 早于签约日期 2024-02-20
    """
    issues: list[str] = []
    by_code: dict[str, Project] = {}
    for p in projects:
        if p.code in by_code:
            issues.append(f"项目编号 {p.code} 出现了两次")
        by_code[p.code] = p
        issues += project_issues(p)
    for group in duplicate_deals(projects):
        issues.append(
            f"项目 {'、'.join(group)} 是同一投资方在同一地块的同一项目，只能登记一次（再次签约请记为签约活动）"
        )
    for m in milestones:
        issues += milestone_issues(m, by_code.get(m.project))
    issues += ledger_issues(by_code, funds, fai)
    if issues:
        raise ProjectInputError(issues)


def ledger_issues(by_code: dict[str, Project], funds: Sequence[Funds], fai: Sequence[Fai]) -> list[str]:
    """What is wrong with funds and FAI rows."""
    issues = []
    for f in funds:
        where = f"项目 {f.project} 的到位资金（{f.arrived_on.isoformat()}）"
        if f.project not in by_code:
            issues.append(f"{where}：没有编号为 {f.project} 的项目")
        if f.kind not in FUND_KINDS:
            issues.append(f"{where}：资金类型“{f.kind}”不是可选值（{'、'.join(FUND_KINDS)}）")
        if f.evidence and f.evidence not in FUND_EVIDENCE:
            issues.append(f"{where}：佐证“{f.evidence}”不是可选值（{'、'.join(FUND_EVIDENCE)}）")
        if f.amount_wan > MAX_WAN:
            issues.append(
                f"{where}：金额 {f.amount_wan:g} 万元超过 1000 亿元，是否误填为元？（应以万元填写）"
            )
    for x in fai:
        where = f"项目 {x.project} 的固定资产投资（{x.month.isoformat()[:7]}）"
        if x.project not in by_code:
            issues.append(f"{where}：没有编号为 {x.project} 的项目")
        if x.source not in FAI_SOURCES:
            issues.append(f"{where}：来源“{x.source}”不是可选值（{'、'.join(FAI_SOURCES)}）")
        if x.amount_wan > MAX_WAN:
            issues.append(
                f"{where}：金额 {x.amount_wan:g} 万元超过 1000 亿元，是否误填为元？（应以万元填写）"
            )
    return issues
