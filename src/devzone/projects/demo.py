"""Demo 招商项目: five years (2021–2025) of plausible projects for the 连云港 zones.

Deterministic from the seed (``numpy.random.default_rng(seed)``); idempotent (a zone that has projects is
left alone). The ledger of each zone goes in as one .xlsx through the import action (项目, 节点, 到位资金
sheets: the same checks a coordinator's file meets), audited with source "demo"; the few records the
ledger has no sheet for (re-signings, 标准地 control indicators) are written with their own audit entries.

Shape (plausible, not measured — the sources give no distribution of project sizes):

* sizes: 协议总投资 log-normal, median 3 亿元, σ = 1.1 (most projects 1–10 亿元, a few above 50 亿元), plus the
  large projects 篇三 counts — a Poisson number a year of 百亿 (市开发区, 徐圩新区) or 50 亿 (the others);
* stage delays after 签约, in months, gamma-distributed: 注册 1.5, 入园 4, 开工 +3, 竣工 +16, 投产 +2, 达产 +12
  (the contracts here set 开工 14 and 竣工 40 months after 签约: met by most, missed by some);
* about 6 % terminated (终止) within two years, 3 % re-signed at a later ceremony (shown, never counted),
  5 % framework agreements only (shown, never 签约);
* milestones are verified by 连云港市商务局 (a unit other than the zone's own 管委会); of those reached in the
  last eight months some are left pending; 开工 carries the statistics bureau's 入库 as evidence;
* 2025 is set so that 市开发区 meets its quota (2 百亿 projects signed and started) and 徐圩新区 misses it (1);
* where the 亩均 demo has firms, a few projects completed in 2022 are linked to one of them (项目公司), with a
  contracted 亩均税收 checked at 达产复核 in 2024: some met, some missed (a breach with 整改).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import openpyxl

from devzone.accounts.models import User
from devzone.audit.actions import bulk_written
from devzone.core.documents import save_workbook
from devzone.enterprises.demo import INDUSTRIES
from devzone.enterprises.models import EnterpriseYear
from devzone.land.dates import add_months
from devzone.orgs.models import Unit, Zone
from devzone.projects.actions.imports import (
    FUND_COLUMNS,
    FUNDS,
    MILESTONE_COLUMNS,
    MILESTONES,
    PROJECT_COLUMNS,
    PROJECTS,
    Upload,
    import_projects,
)
from devzone.projects.models import ContractIndicator, Project, SigningEvent
from devzone.projects.stages import CHANNELS

if TYPE_CHECKING:
    from collections.abc import Sequence

DEMO_CITY = "连云港市"
YEARS = (2021, 2022, 2023, 2024, 2025)
CUTOFF = dt.date(2026, 6, 30)  # the demo's "today" for milestones: fixed, so the demo does not drift
SOURCE = "demo"
VERIFIER = "连云港市商务局"
COORDINATOR = "lyg_coord"
BIG_ZONES = {"连云港经济技术开发区": 2, "徐圩新区": 2}  # 篇三: 百亿 ×2 a year; others 50 亿 ×1
QUOTA_2025 = {"连云港经济技术开发区": 2, "徐圩新区": 1}  # one zone meets its quota in 2025, one misses it
PER_YEAR = {"national": 7, "provincial": 4, "other": 3}  # ordinary projects a zone signs a year
YI = 10_000.0  # 万元 in 1 亿元
MEDIAN_WAN, SIGMA = 3 * YI, 1.1
# (stage, mean months after the previous stage, evidence)
STEPS = (
    ("注册", 1.5, "营业执照"),
    ("入园", 2.5, "出让合同"),
    ("开工", 3.0, "入库"),
    ("竣工", 16.0, "竣工验收备案"),
    ("投产", 2.0, "投产记录"),
    ("达产", 12.0, "达产复核"),
)
PENDING_SHARE = 0.3  # recent milestones left for a second unit to verify
WORDS = (
    "新材料",
    "高端装备",
    "生物医药",
    "新能源",
    "精细化工",
    "智能制造",
    "港口物流",
    "电子信息",
    "食品加工",
)
INVESTORS = ("江苏", "上海", "浙江", "山东", "广东", "北京", "香港", "新加坡", "日本", "韩国")
LEADERS = ("党工委书记", "管委会主任", "分管副主任")


@dataclass
class ProjectsDemoCounts:
    projects: int = 0
    milestones: int = 0
    resignings: int = 0
    terminated: int = 0
    indicators: int = 0


@dataclass
class _Draft:
    row: dict[str, Any]
    milestones: list[dict[str, Any]]
    funds: list[dict[str, Any]]
    resigned_on: dt.date | None = None
    done_on: dt.date | None = None  # 竣工, when reached
    leader: str = ""  # 挂钩领导 of a large project (篇三: 主要领导直接挂钩); the ledger has no column for it


def _months(rng: np.random.Generator, mean: float) -> int:
    return max(1, round(float(rng.gamma(3.0, mean / 3.0))))


def _draft(rng: np.random.Generator, zone: Zone, *, code: str, year: int, total_wan: float, big: bool,
           number: int) -> _Draft:  # fmt: skip
    industry = INDUSTRIES[int(rng.integers(len(INDUSTRIES)))]
    word = WORDS[int(rng.integers(len(WORDS)))]
    signed = dt.date(year, int(rng.integers(1, 5 if big else 13)), int(rng.integers(1, 29)))
    framework = not big and rng.random() < 0.05
    terminated = (
        None if big or framework or rng.random() > 0.06 else add_months(signed, int(rng.integers(4, 24)))
    )
    investor = (
        f"{INVESTORS[number % len(INVESTORS)]}{word}{zone.short_name or zone.name}{code[-4:]}投资有限公司"
    )
    area = round(float(rng.uniform(40, 120) * (3 if big else 1) * (total_wan / (5 * YI)) ** 0.3), 1)
    row: dict[str, Any] = {
        "code": code, "name": f"{word}{'产业园' if big else '项目'}（{code[-4:]}）", "lead_unit": f"{zone.name}管委会",
        "agreement": "框架协议" if framework else "正式合同", "signed_on": signed,
        "total_wan": round(total_wan, 1), "fixed_wan": round(total_wan * float(rng.uniform(0.6, 0.85)), 1),
        "kind": "新建" if rng.random() < 0.85 else "增资扩产",
        "channel": CHANNELS[int(rng.integers(len(CHANNELS)))], "industry_code": industry.code,
        "investor_name": investor, "parcel_id": f"{zone.short_name or zone.name}-{code[-6:]}", "area_mu": area,
        "land_price_wan": round(area * float(rng.uniform(18, 30)), 1),
        "deadline_start": add_months(signed, 14), "deadline_finish": add_months(signed, 40),
    }  # fmt: skip
    if terminated is not None:
        row["terminated_on"] = terminated
    leader = f"{zone.short_name or zone.name}{LEADERS[number % len(LEADERS)]}" if big else ""
    draft = _Draft(row, [], [], leader=leader)
    if not framework:
        _stages(rng, draft, big=big, stop=terminated or CUTOFF)
    if terminated is None and not framework and rng.random() < 0.03:
        draft.resigned_on = add_months(signed, int(rng.integers(2, 9)))
    return draft


def _stages(rng: np.random.Generator, draft: _Draft, *, big: bool, stop: dt.date) -> None:
    """The milestones reached by ``stop``, each some gamma-distributed months after the one before."""
    row, code = draft.row, draft.row["code"]
    on = row["signed_on"]
    for stage, mean, evidence in STEPS:
        # a large project is followed closely (挂钩领导): it starts within its year, every stage verified
        months = _months(rng, mean)
        on = add_months(on, min(months, 2) if big and stage in ("注册", "入园", "开工") else months)
        if stage == "开工" and (rng.random() < 0.12 and not big):  # land delivered, never started
            break
        if on > stop or (stage == "达产" and rng.random() < 0.4):
            break
        if stage == "入园":
            draft.row["delivered_on"] = on
        milestone: dict[str, Any] = {"project": code, "stage": stage, "reached_on": on, "evidence": evidence}
        if stage == "开工":
            milestone["evidence_on"] = add_months(on, 1)  # the month the statistics bureau 入库s it
            draft.funds.append({"project": code, "arrived_on": add_months(on, 1), "kind": "固定资产",
                                "amount_wan": round(row["fixed_wan"] * float(rng.uniform(0.1, 0.4)), 1),
                                "evidence": "银行进账单"})  # fmt: skip
        if stage == "竣工":
            draft.done_on = on
        if stage == "达产":
            milestone["value"] = round(float(rng.uniform(1.0, 1.15)), 2)
        recent = on > add_months(CUTOFF, -8)  # an old milestone has long been verified; a recent one may wait
        if big or not recent or rng.random() > PENDING_SHARE:
            milestone["verified_by"] = VERIFIER
        draft.milestones.append(milestone)
        if "verified_by" not in milestone:
            break  # a later stage waits for this one to be verified


def _big_count(rng: np.random.Generator, zone: Zone, year: int) -> int:
    if year == YEARS[-1] and zone.name in QUOTA_2025:
        return QUOTA_2025[zone.name]
    return int(rng.poisson(1.6 if zone.name in BIG_ZONES else 0.9))


def zone_drafts(rng: np.random.Generator, zone: Zone) -> list[_Draft]:
    """Five years of a zone's projects: the ordinary ones and the large ones 篇三 counts."""
    drafts = []
    big_floor = 100 * YI if zone.name in BIG_ZONES else 50 * YI
    for year in YEARS:
        n = int(rng.poisson(PER_YEAR.get(str(zone.level), 3)))
        sizes = [(min(float(rng.lognormal(np.log(MEDIAN_WAN), SIGMA)), 45 * YI), False) for _ in range(n)]
        sizes += [
            (big_floor * float(rng.uniform(1.0, 1.8)), True) for _ in range(_big_count(rng, zone, year))
        ]
        for k, (size, big) in enumerate(sizes):
            code = f"{zone.pk:02d}{year}{k + 1:03d}"
            drafts.append(_draft(rng, zone, code=f"XM{code}", year=year, total_wan=size, big=big, number=k))
    return drafts


def _sheet(
    book: openpyxl.Workbook, title: str, columns: Sequence[Any], rows: Sequence[dict[str, Any]]
) -> None:
    sheet = book.create_sheet(title)
    sheet.append([c.header for c in columns])
    for row in rows:
        sheet.append([row.get(c.field, "") for c in columns])


def ledger_xlsx(drafts: Sequence[_Draft]) -> bytes:
    """A zone's ledger in the import's layout."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    _sheet(book, PROJECTS, PROJECT_COLUMNS, [d.row for d in drafts])
    _sheet(book, MILESTONES, MILESTONE_COLUMNS, [m for d in drafts for m in d.milestones])
    _sheet(book, FUNDS, FUND_COLUMNS, [f for d in drafts for f in d.funds])
    return save_workbook(book)


def _link_firms(rng: np.random.Generator, zone: Zone, drafts: Sequence[_Draft], actor: User | None,
                counts: ProjectsDemoCounts) -> None:  # fmt: skip
    """Projects completed in 2022 become a 亩均 firm of the zone, with a 亩均税收 checked at 达产复核 in 2024."""
    firms = list(
        EnterpriseYear.objects.filter(zone=zone, year=2024, land_mu__gt=0, tax__gt=0)
        .order_by("enterprise__uscc")
        .values_list("enterprise__uscc", "tax", "land_mu")[:40]
    )
    done = [d for d in drafts if d.done_on is not None and d.done_on.year == 2022]
    made = []
    for draft, (uscc, tax, land) in zip(done[:4], firms[::10], strict=False):
        project = Project.objects.get(zone=zone, code=draft.row["code"])
        Project.objects.filter(pk=project.pk).update(company_uscc=uscc, area_mu=land)
        actual = tax / land
        factor = 1.4 if (counts.indicators + len(made)) % 2 == 0 else 0.8  # every other one misses it
        made.append(ContractIndicator(project=project, name="亩均税收", op=">=", value=round(actual * factor, 1),
                                      check_at="达产复核"))  # fmt: skip
    ContractIndicator.objects.bulk_create(made)
    if made:
        bulk_written(ContractIndicator, zone_id=zone.pk, label="演示：标准地控制性指标", actor=actor,
                     source=SOURCE, detail={"rows": len(made)})  # fmt: skip
    counts.indicators += len(made)


def build_projects_demo(seed: int) -> ProjectsDemoCounts:
    """Create the demo projects of every 连云港 zone that has none yet."""
    rng = np.random.default_rng(seed)
    counts = ProjectsDemoCounts()
    actor = User.objects.filter(username=COORDINATOR).first()
    if not Unit.objects.filter(name=VERIFIER).exists():
        return counts
    for zone in Zone.objects.filter(city=DEMO_CITY).order_by("pk"):
        drafts = zone_drafts(rng, zone)
        if Project.objects.filter(zone=zone).exists() or not drafts:
            continue
        content = ledger_xlsx(drafts)
        name = f"{zone.short_name or zone.name}-招商项目台账.xlsx"
        import_projects(zone=zone, upload=Upload(name=name, content=content), actor=actor, source=SOURCE)
        counts.projects += len(drafts)
        counts.milestones += sum(len(d.milestones) for d in drafts)
        counts.terminated += sum(1 for d in drafts if "terminated_on" in d.row)
        ended = Project.objects.filter(zone=zone, terminated_on__isnull=False).update(status="终止")
        if ended:
            bulk_written(Project, zone_id=zone.pk, label="演示：终止项目状态", actor=actor, source=SOURCE,
                         detail={"rows": ended})  # fmt: skip
        for leader in sorted({d.leader for d in drafts if d.leader}):
            codes = [d.row["code"] for d in drafts if d.leader == leader]
            Project.objects.filter(zone=zone, code__in=codes).update(linked_leader=leader)
        if any(d.leader for d in drafts):
            bulk_written(Project, zone_id=zone.pk, label="演示：重大项目挂钩领导", actor=actor, source=SOURCE,
                         detail={"rows": sum(1 for d in drafts if d.leader)})  # fmt: skip
        resigned = [d for d in drafts if d.resigned_on is not None]
        ids = dict(Project.objects.filter(zone=zone).values_list("code", "pk"))
        SigningEvent.objects.bulk_create(
            [SigningEvent(project_id=ids[d.row["code"]], signed_on=d.resigned_on, event="重点项目集中签约活动")
             for d in resigned if d.resigned_on is not None]
        )  # fmt: skip
        if resigned:
            bulk_written(SigningEvent, zone_id=zone.pk, label="演示：重复签约活动", actor=actor, source=SOURCE,
                         detail={"rows": len(resigned)})  # fmt: skip
        counts.resignings += len(resigned)
        _link_firms(rng, zone, drafts, actor, counts)
    return counts
