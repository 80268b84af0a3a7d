"""Demo 亩均 data: a plausible enterprise population for the 连云港 zones, a finished and a running evaluation.

Deterministic from the seed (``numpy.random.default_rng(seed)``); idempotent (a zone-year that has data
is left alone, a run that exists is not made again); everything goes through the actions — the data as
one CSV import per zone and year — audited with source "demo".

Figures (``../shared/specs/mu_efficiency.md`` §5, "published statistics"), used to place the 亩均税收 of
the generated firms:

* 浙江 2021 规上 亩均税收 28.1 万元/亩, 亩均增加值 135.7 万元/亩 (浙江日报) — an upper reference;
* 黄岩 2022 benchmarks: 规上 亩均税收 24.10, 亩均增加值 136.16, 劳动生产率 18.14 万元/人, R&D 3.02 %;
  规下 亩均税收 11.59 万元/亩;
* 铜陵 2021: 亩均税收 14.05 万元/亩, 亩均销售收入 603.7 万元/亩 (tax ≈ 2.3 % of sales);
* 安徽 county-level 开发区 2021: 亩均税收 15 万元/亩.

连云港 (northern Jiangsu) is set between the Anhui and the Zhejiang figures: a 规上 median of
12 万元/亩 with a log-normal spread σ = 0.8 gives a mean of about 16.5 万元/亩, times an industry factor
(chemicals and pharmaceuticals above, textiles and food below); 规下 firms get about half of that,
near the Huangyan 规下 figure. Sales follow from a tax/sales ratio around 2.5 % (铜陵), value added is
about 22 % of sales (亩均增加值/亩均税收 ≈ 5.6 in 黄岩), labour productivity about 18 万元/人 (黄岩).
1 tce = 8,137 kWh (0.1229 kgce/kWh, GB/T 2589-2020) converts part of the energy use to electricity.

The method is ``lyg-seed``: it is typed from the seed plan of 连云港 itself (篇三's indicators), so it is
the one a 连云港 亩均办 would run; the demo runs it city-wide for 2023 (finalised, one upheld objection)
and for 2024 (in 公示 with one pending and one rejected objection).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from devzone.accounts.models import User
from devzone.enterprises import actions
from devzone.enterprises.inputs_schema import NAMES
from devzone.enterprises.models import EnterpriseYear, MuResult, MuRun
from devzone.enterprises.uscc import CHARSET, check_character
from devzone.orgs.models import Zone, ZoneLevel

if TYPE_CHECKING:
    from collections.abc import Sequence

DEMO_CITY = "连云港市"
YEARS = (2023, 2024)
METHOD_ID = "lyg-seed"
SOURCE = "demo"
SIZES = {ZoneLevel.NATIONAL: 420, ZoneLevel.PROVINCIAL: 250, ZoneLevel.OTHER: 120}
TAX_PER_MU_MEDIAN = 12.0  # 万元/亩, 规上 (see the module docstring)
TAX_SIGMA = 0.8
TAX_TO_SALES = 0.025  # 铜陵 2021: 14.05 / 603.7 ≈ 2.3 %
VALUE_ADDED_SHARE = 0.22
LABOUR_PRODUCTIVITY = 18.0  # 万元/人, 黄岩 2022
RD_SHARE = 0.025  # 黄岩 2022: 3.02 %
KWH_PER_TCE = 8137.0
ABOVE_SALES = 2000.0  # 万元: 规上 = main-business revenue ≥ 20 M CNY
COORDINATOR, STAFF_KFQ, STAFF_XW = "lyg_coord", "lyg_kfq", "lyg_xw"


@dataclass(frozen=True, kw_only=True)
class Industry:
    """A GB/T 4754-2017 class with the shape of its firms."""

    code: str
    word: str
    share: float
    tax_factor: float
    land_median: float
    sales_per_tce: float


INDUSTRIES = (
    Industry(code="2614", word="化工", share=0.10, tax_factor=1.3, land_median=80, sales_per_tce=2.5),
    Industry(code="2631", word="农化", share=0.04, tax_factor=1.2, land_median=70, sales_per_tce=3.0),
    Industry(code="2710", word="医药", share=0.07, tax_factor=1.7, land_median=50, sales_per_tce=12),
    Industry(code="2720", word="制药", share=0.05, tax_factor=1.8, land_median=40, sales_per_tce=15),
    Industry(code="2922", word="塑业", share=0.05, tax_factor=0.8, land_median=25, sales_per_tce=8),
    Industry(code="3011", word="建材", share=0.03, tax_factor=0.9, land_median=90, sales_per_tce=1.5),
    Industry(code="3130", word="钢铁", share=0.04, tax_factor=1.0, land_median=150, sales_per_tce=1.2),
    Industry(code="3311", word="钢构", share=0.07, tax_factor=0.8, land_median=35, sales_per_tce=10),
    Industry(code="3484", word="机械", share=0.10, tax_factor=0.9, land_median=30, sales_per_tce=14),
    Industry(code="3562", word="装备", share=0.05, tax_factor=1.1, land_median=40, sales_per_tce=16),
    Industry(code="3670", word="汽配", share=0.05, tax_factor=1.0, land_median=35, sales_per_tce=12),
    Industry(code="3733", word="海工", share=0.03, tax_factor=1.0, land_median=120, sales_per_tce=9),
    Industry(code="3825", word="光伏", share=0.05, tax_factor=1.1, land_median=60, sales_per_tce=7),
    Industry(code="3981", word="电子", share=0.06, tax_factor=1.2, land_median=25, sales_per_tce=20),
    Industry(code="1391", word="食品", share=0.05, tax_factor=0.7, land_median=25, sales_per_tce=9),
    Industry(code="1713", word="纺织", share=0.04, tax_factor=0.6, land_median=30, sales_per_tce=6),
    Industry(code="1810", word="服饰", share=0.03, tax_factor=0.6, land_median=15, sales_per_tce=25),
    Industry(code="2211", word="纸业", share=0.02, tax_factor=0.7, land_median=70, sales_per_tce=3),
    Industry(code="4411", word="电力", share=0.01, tax_factor=2.0, land_median=150, sales_per_tce=1.0),
    Industry(code="4430", word="热力", share=0.01, tax_factor=1.0, land_median=30, sales_per_tce=1.5),
    Industry(code="4610", word="水务", share=0.01, tax_factor=0.8, land_median=40, sales_per_tce=20),
)
NAME_HEADS = "华恒盛泰润鑫瑞德金海港宏达新远通丰元嘉正天兴隆凯昌安中东海连云"
NAME_TAILS = ("有限公司", "股份有限公司", "科技有限公司", "集团有限公司")
VETO_TEXTS = ("发生一般生产安全事故", "环境违法行为被行政处罚", "未完成节能减排任务")
NEW_FIRM = "新建企业（2024年投产）"


@dataclass
class DemoCounts:
    enterprises: int = 0
    years: int = 0
    runs: int = 0
    objections: int = 0


def demo_zones() -> list[Zone]:
    """The zones of the demo city (连云港市)."""
    return list(Zone.objects.filter(city=DEMO_CITY).order_by("name"))


def _uscc(rng: np.random.Generator, region: str, taken: set[str]) -> str:
    while True:
        body = "91" + region + "".join(CHARSET[int(i)] for i in rng.integers(0, len(CHARSET), 9))
        code = body + check_character(body)
        if code not in taken:
            taken.add(code)
            return code


def _name(rng: np.random.Generator, city: str, word: str, taken: set[str]) -> str:
    for _ in range(50):
        head = "".join(NAME_HEADS[int(i)] for i in rng.integers(0, len(NAME_HEADS), 2))
        name = f"{city.removesuffix('市')}{head}{word}{NAME_TAILS[int(rng.integers(0, len(NAME_TAILS)))]}"
        if name not in taken:
            taken.add(name)
            return name
    name = f"{city.removesuffix('市')}{word}{len(taken) + 1}号有限公司"
    taken.add(name)
    return name


def _lognormal(rng: np.random.Generator, median: float, sigma: float) -> float:
    return float(median * np.exp(rng.normal(0.0, sigma)))


def population(
    rng: np.random.Generator, *, zone: Zone, size: int, years: Sequence[int] = YEARS
) -> dict[int, list[dict[str, Any]]]:
    """Canonical rows of ``size`` firms of ``zone`` for each of ``years`` (a few firms only in the last year)."""
    shares = np.array([i.share for i in INDUSTRIES])
    usccs: set[str] = set()
    names: set[str] = set()
    out: dict[int, list[dict[str, Any]]] = {y: [] for y in years}
    for _ in range(size):
        industry = INDUSTRIES[int(rng.choice(len(INDUSTRIES), p=shares / shares.sum()))]
        kind = rng.random()
        small = kind < 0.35
        land = min(max(_lognormal(rng, industry.land_median * (0.25 if small else 1.0), 0.7), 1.2), 2000.0)
        tax_per_mu = _lognormal(
            rng, TAX_PER_MU_MEDIAN * industry.tax_factor * (0.5 if small else 1.0), TAX_SIGMA
        )
        firm = {
            "uscc": _uscc(rng, zone.region_code, usccs),
            "name": _name(rng, zone.city, industry.word, names),
            "zone": zone.short_name or zone.name,
            "industry_code": industry.code,
            "land_mu": round(land, 2),
            "leased": bool(rng.random() < 0.08),
            "tax_per_mu": tax_per_mu,
            "tax_to_sales": _lognormal(rng, TAX_TO_SALES, 0.35),
            "sales_per_tce": _lognormal(rng, industry.sales_per_tce, 0.5),
            "productivity": _lognormal(rng, LABOUR_PRODUCTIVITY, 0.4),
            "rd_share": min(_lognormal(rng, RD_SHARE, 0.7), 0.08),
            "emission_per_tce": _lognormal(rng, 0.4, 0.5),
            "power_share": float(rng.uniform(0.3, 0.9)),
            "zombie": 0.35 <= kind < 0.38,
            "weak": 0.38 <= kind < 0.42,  # 亩均税收 below the 1 万元/亩 floor both years
            "new": 0.42 <= kind < 0.45,
            "no_emission_record": bool(rng.random() < 0.1),
        }
        growth = 1.0
        for index, year in enumerate(years):
            growth *= 1.0 if index == 0 else _lognormal(rng, 1.05, 0.12)
            if firm["new"] and index < len(years) - 1:
                continue
            row = _year_row(rng, firm, year=year, growth=growth)
            out[year].append(row)
    return out


def _year_row(rng: np.random.Generator, firm: dict[str, Any], *, year: int, growth: float) -> dict[str, Any]:
    land = firm["land_mu"]
    row: dict[str, Any] = dict.fromkeys(NAMES)
    row.update(
        {k: firm[k] for k in ("uscc", "name", "zone", "industry_code", "land_mu", "leased")},
        year=year,
    )
    if firm["zombie"]:
        row.update(scale="below", tax=0.0, sales=0.0, electricity_kwh=0.0, employees=int(rng.integers(0, 5)))
        return row
    tax_per_mu = float(rng.uniform(0.1, 0.9)) if firm["weak"] else firm["tax_per_mu"] * growth
    tax = tax_per_mu * land
    sales = tax / firm["tax_to_sales"]
    energy = sales / firm["sales_per_tce"]
    above = sales >= ABOVE_SALES
    value_added = sales * VALUE_ADDED_SHARE
    row.update(
        scale="above" if above else "below",
        tax=round(tax, 2),
        sales=round(sales, 2),
        value_added=round(value_added, 2),
        energy_tce=round(energy, 2),
        emission_equiv=None if firm["no_emission_record"] else round(energy * firm["emission_per_tce"], 3),
        rd_expense=round(sales * firm["rd_share"], 2) if above else None,
        employees=max(int(value_added / firm["productivity"]), 5),
        electricity_kwh=round(energy * KWH_PER_TCE * firm["power_share"]),
        veto=VETO_TEXTS[int(rng.integers(0, len(VETO_TEXTS)))] if rng.random() < 0.015 else None,
        exempt=NEW_FIRM if firm["new"] else None,
    )
    return row


def _csv(rows: Sequence[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(NAMES), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return buffer.getvalue().encode("utf-8")


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _populate(rng: np.random.Generator, zones: Sequence[Zone], *, scale: float, counts: DemoCounts) -> None:
    coordinator = _user(COORDINATOR)
    for zone in zones:
        size = max(round(SIZES.get(zone.level, SIZES[ZoneLevel.OTHER]) * scale), 4)
        generated = population(rng, zone=zone, size=size)
        for year, rows in generated.items():
            if EnterpriseYear.objects.filter(zone=zone, year=year).exists():
                continue
            before = zone.enterprises.count()
            batch = actions.import_year_data(
                zone=zone,
                year=year,
                upload=actions.Upload(name=f"{zone.short_name or zone.name}-{year}.csv", content=_csv(rows)),
                actor=coordinator,
                source=SOURCE,
            )
            counts.enterprises += zone.enterprises.count() - before
            counts.years += batch.rows


def _pick(run: MuRun, *, zone_name: str, klass: str) -> MuResult | None:
    return (
        run.results.filter(zone__name=zone_name, klass=klass, veto=False)
        .order_by("segment", "rank", "uscc")
        .first()
    )


def _workflow(run: MuRun, *, final: bool, counts: DemoCounts) -> None:
    """公示 the run; file objections from two zones; decide them; finalise the earlier year."""
    coordinator, kfq, xw = _user(COORDINATOR), _user(STAFF_KFQ), _user(STAFF_XW)
    start = dt.date(run.year + 1, 3, 2)
    actions.publicise(run, days=7, actor=coordinator, source=SOURCE, start=start)
    if coordinator is not None:
        # filed on the 3rd day of the 公示期, not the day the demo is built: an objection after the
        # 公示期 is refused, and the demo is the same whenever it is made
        filed_on = start + dt.timedelta(days=2)
        _objections(run, coordinator=coordinator, kfq=kfq, xw=xw, final=final, counts=counts, on=filed_on)
    if final:
        actions.finalise(run, actor=coordinator, source=SOURCE)


def _objections(
    run: MuRun,
    *,
    coordinator: User,
    kfq: User | None,
    xw: User | None,
    final: bool,
    counts: DemoCounts,
    on: dt.date,
) -> None:
    first = _pick(run, zone_name="连云港经济技术开发区", klass="D")
    second = _pick(run, zone_name="徐圩新区", klass="C")
    if first is not None and kfq is not None:
        objection = actions.file_objection(
            first,
            reason="企业当年新增技改投资 1.2 亿元，能耗数据口径含试生产期，申请复核单位能耗销售收入。",
            evidence=actions.Upload(
                name="技改项目备案及能耗说明.txt", content="技改项目备案证明（演示）".encode()
            ),
            actor=kfq,
            source=SOURCE,
            on=on,
        )
        counts.objections += 1
        if final:
            actions.decide_objection(
                objection,
                upheld=True,
                decision="经核实，试生产期能耗应剔除，调整为 C 类。",
                new_class="C",
                actor=coordinator,
                source=SOURCE,
            )
    if second is not None and xw is not None:
        objection = actions.file_objection(
            second,
            reason="企业认为用地面积含代征道路用地，申请按实际用地面积核算亩均税收。",
            actor=xw,
            source=SOURCE,
            on=on,
        )
        counts.objections += 1
        actions.decide_objection(
            objection,
            upheld=False,
            decision="用地面积以不动产权证记载为准，异议不成立，维持原类别。",
            actor=coordinator,
            source=SOURCE,
        )


def demo_title(year: int) -> str:
    return f"{DEMO_CITY} {year} 年度亩均效益综合评价（演示）"


def build_enterprises_demo(
    *, seed: int, scale: float = 1.0, zones: Sequence[Zone] | None = None
) -> DemoCounts:
    """Generate the population and the two evaluation runs; ``scale`` shrinks the population (tests)."""
    counts = DemoCounts()
    rng = np.random.default_rng(seed)
    chosen = list(zones) if zones is not None else demo_zones()
    if not chosen:
        return counts
    _populate(rng, chosen, scale=scale, counts=counts)
    coordinator = _user(COORDINATOR)
    for year in YEARS:
        if MuRun.objects.filter(title=demo_title(year), zone__isnull=True).exists():
            continue
        run = actions.run_evaluation(
            zone=None,
            year=year,
            method_id_or_yaml=METHOD_ID,
            actor=coordinator,
            source=SOURCE,
            title=demo_title(year),
        )
        counts.runs += 1
        _workflow(run, final=year != YEARS[-1], counts=counts)
    return counts
