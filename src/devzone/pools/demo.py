"""Demo 梯度培育 data: five years of titles for the 连云港 zones, pools in every state, the 高企 target counted.

Deterministic from the seed (``numpy.random.default_rng(seed)``); idempotent (a zone that has titles is
left alone); the rows are written in bulk with one audit entry per zone and table, source "demo".

* 高企 histories 2018–2025: each zone's year-end stock follows the figures the indicators demo drew for
  高新技术企业数量 (2020–2024, the seed's 翻番 target), or 8 % of its firms growing 15.5 % a year where it
  drew none; in 2025 each zone reaches 2.05 × its 2020 stock, so the city's 翻番 is met in the last year. A certificate is issued in a November batch and runs three years
  (国科发火〔2016〕32号); at its end 80 % of the holders are 重新认定 (a new certificate the same month),
  the others lapse, and some of those come back a year or two later (中断后再认定). One title is
  revoked (counted out from its year), and one certified firm moves whole to another zone (整体迁移:
  a second enterprise record there, the certificate kept).
* A few 专精特新 and 小巨人 titles (three years) per zone, so the expiry calendar and the combined
  智能车间、工厂、小巨人 count have something to show.
* Supplement data for 2022–2024 for some firms that hold no title, with R&D, staff and IP near the 高企
  thresholds: the pre-screen finds candidates and near misses.
* Each zone's 高企后备库 with members in every pipeline state (the certified, renewed, lapsed and
  revoked ones are the firms whose titles say so), each with a reason.
* Then the counts are written as indicator observations (``record_counts``): the target board's 高企
  figures are the counted ones, with their source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from devzone.audit.actions import bulk_written
from devzone.enterprises.models import Enterprise, EnterpriseYear
from devzone.indicators.models import Observation
from devzone.orgs.models import Zone
from devzone.pools.actions.members import builtin_pool
from devzone.pools.actions.observations import record_counts
from devzone.pools.kinds import default_valid_to
from devzone.pools.models import (
    EntryPath,
    PoolMember,
    PoolState,
    Qualification,
    QualificationStatus,
    SupplementYear,
)

DEMO_CITY = "连云港市"
SOURCE = "demo"
FIRST_YEAR, LAST_YEAR = 2018, 2025  # titles issued from 2018 make up the 2020 stock
COUNTED = range(2020, LAST_YEAR + 1)
RENEW_SHARE = 0.8
COME_BACK_SHARE = 0.3  # of the lapsed, re-certified a year or two later
BATCH_DAYS = (6, 20, 28)  # November days of the province's batches
GROWTH = 1.155  # a zone the indicators demo drew no 高企 figures for: ×2.05 over 2020–2025
DOUBLED = 2.05
CAP = 0.6  # of a zone's firms at most hold the title
NEAR_MISSES = 24  # firms per zone with supplement data near the 高企 thresholds
REASONS = {
    PoolState.POOLED: "研发投入接近门槛，知识产权已有Ⅰ类专利",
    PoolState.PREPARING: "已委托中介开展专项审计，准备申报材料",
    PoolState.APPLIED: "已提交高企认定申报",
    PoolState.PUBLICIZED: "在本批次公示名单中",
    PoolState.CERTIFIED: "入库培育后认定为高新技术企业",
    PoolState.RENEWAL_APPLIED: "证书将到期，已申请重新认定",
    PoolState.RENEWED: "重新认定通过",
    PoolState.LAPSED: "证书到期未重新认定",
    PoolState.REVOKED: "因年报异常被取消资格",
    PoolState.REJECTED: "专家评审未通过，高新技术产品收入占比不足",
    PoolState.EXITED: "企业迁出本区，出库",
}


@dataclass
class PoolsDemo:
    qualifications: int = 0
    members: int = 0
    supplements: int = 0
    figures: int = 0


@dataclass
class _Title:
    firm: Enterprise
    kind: str
    issued: dt.date
    path: str
    revoked: int | None = None


def _stock_path(zone: Zone, firms: int) -> dict[int, int]:
    """The zone's 高企 year-end stock 2020–2025: the indicators demo's figures, else 8 % growing 15.5 %;
    at most 60 % of its firms."""
    drawn = {
        int(o.period): int(o.value)
        for o in Observation.objects.filter(
            indicator__code="high_tech_enterprises", zone=zone, is_current=True, period__regex=r"^\d{4}$"
        )
    }
    path = {y: drawn[y] for y in COUNTED if y in drawn}
    if not path:
        path = {2020: max(3, round(firms * 0.08))}
    for y in COUNTED:
        if y not in path:
            path[y] = round(path.get(y - 1, path[min(path)]) * GROWTH)
    cap = int(firms * CAP)
    return {y: min(v, cap) for y, v in sorted(path.items())}


def _doubled(paths: dict[int, dict[int, int]], firms: dict[int, int]) -> None:
    """The seed's story: "高新技术企业数量实现翻番" is met by the zones together in 2025 — a zone at its cap
    leaves its share to the zones with room."""
    need = round(DOUBLED * sum(p[min(p)] for p in paths.values())) - sum(p[LAST_YEAR] for p in paths.values())
    for zone_id in sorted(paths, key=lambda z: firms[z] * CAP - paths[z][LAST_YEAR], reverse=True):
        if need <= 0:
            break
        room = max(0, int(firms[zone_id] * CAP) - paths[zone_id][LAST_YEAR])
        paths[zone_id][LAST_YEAR] += min(room, need)
        need -= min(room, need)


def _batch(rng: np.random.Generator, year: int) -> dt.date:
    return dt.date(year, 11, int(rng.choice(BATCH_DAYS)))


def _hte_history(rng: np.random.Generator, firms: list[Enterprise], path: dict[int, int]) -> list[_Title]:
    """Titles whose year-end stock is ``path`` from 2020 on (three cohorts 2018–2020 make the 2020 stock)."""
    order = list(rng.permutation(len(firms)))
    fresh: Iterator[int] = iter(order)
    titles: list[_Title] = []
    holding: dict[int, int] = {}  # firm index → the year its current certificate was issued
    lapsed: list[tuple[int, int]] = []  # (firm index, year it lapsed)
    base = path[min(path)]
    thirds = [base // 3, base // 3, base - 2 * (base // 3)]
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        issued: list[tuple[int, str]] = []
        for i, since in list(holding.items()):
            if since == year - 3:  # the certificate ends this November
                del holding[i]
                if rng.random() < RENEW_SHARE:
                    issued.append((i, EntryPath.CONSECUTIVE))
                else:
                    lapsed.append((i, year))
        back = [(i, y) for i, y in lapsed if year - y in (1, 2) and rng.random() < COME_BACK_SHARE / 2]
        for i, y in back:
            lapsed.remove((i, y))
            issued.append((i, EntryPath.RE_ENTRY))
        want = thirds[year - FIRST_YEAR] if year < min(path) else path[year] - len(holding) - len(issued)
        for _ in range(max(0, want)):
            i = next(fresh, None)
            if i is None:
                break
            issued.append((int(i), EntryPath.FIRST))
        for i, entry in issued:
            holding[i] = year
            titles.append(_Title(firm=firms[i], kind="hte", issued=_batch(rng, year), path=entry))
    return titles


def _certificate_no(kind: str, year: int, n: int) -> str:
    prefix = {"hte": "GR", "srdi_sme": "ZJTX", "little_giant": "XJR"}[kind]
    return f"{prefix}{year}32{n:06d}"


def _write_titles(zone: Zone, titles: list[_Title], numbers: Iterator[int]) -> list[Qualification]:
    rows = [
        Qualification(
            zone=zone, enterprise=t.firm, kind=t.kind, issued_on=t.issued, valid_from=t.issued,
            valid_to=default_valid_to(t.kind, t.issued), entry_path=t.path,
            certificate_no=_certificate_no(t.kind, t.issued.year, next(numbers)),
            issuer="江苏省高新技术企业认定管理机构" if t.kind == "hte" else "江苏省工业和信息化厅",
            doc_no=f"苏高企认〔{t.issued.year}〕批次" if t.kind == "hte" else f"苏工信〔{t.issued.year}〕公告",
            status=QualificationStatus.REVOKED if t.revoked else QualificationStatus.VALID,
            revoked_on=dt.date(t.revoked, 6, 30) if t.revoked else None, revoked_effective_year=t.revoked,
            criteria_version="hte-2016" if t.kind == "hte" else "",
        )
        for t in titles
    ]  # fmt: skip
    return Qualification.objects.bulk_create(rows)


def _near_miss_values(rng: np.random.Generator, sales: float, year: int) -> dict[str, Any]:
    """A non-holder whose 高企 figures sit around the thresholds (R&D share, 科技人员, IP)."""
    threshold = 0.05 if sales < 5000 else 0.04 if sales <= 20000 else 0.03
    employees = int(rng.integers(40, 400))
    return {
        "sales": round(sales, 1), "main_revenue": round(sales * 0.96, 1),
        "rd_expense": round(sales * threshold * float(rng.uniform(0.8, 1.15)), 1),
        "rd_domestic": round(sales * threshold * 0.95, 1),
        "total_income": round(sales * 1.02, 1),
        "hightech_income": round(sales * 1.02 * float(rng.uniform(0.5, 0.8)), 1),
        "employees": employees, "st_staff": int(employees * float(rng.uniform(0.07, 0.16))),
        "rd_staff": int(employees * 0.06), "ip_i": int(rng.integers(0, 3)), "ip_i_self": 0,
        "ip_ii": int(rng.integers(0, 8)), "ip_ii_unused": 0,
        "registered_on": f"{int(rng.integers(2006, 2021))}-03-01",
        "major_incident": False, "credit_abnormal": False, "holds_hte": False,
        "net_assets": round(sales * 0.4, 1), "cost_total": round(sales * 0.92, 1), "year_": year,
    }  # fmt: skip


def _supplements(rng: np.random.Generator, zone: Zone, firms: list[Enterprise]) -> int:
    sales = {
        (eid, y): s
        for eid, y, s in EnterpriseYear.objects.filter(enterprise__in=firms).values_list("enterprise_id", "year", "sales")
    }  # fmt: skip
    rows = []
    for firm in firms:
        last = float(sales.get((firm.pk, 2024)) or rng.uniform(3000, 30000))
        static = _near_miss_values(rng, last, 2024)
        for k, year in enumerate((2022, 2023, 2024)):
            values = dict(static)
            year_sales = float(sales.get((firm.pk, year)) or last * (0.85 + 0.07 * k))
            values.update({key: v for key, v in _near_miss_values(rng, year_sales, year).items()
                           if key in ("sales", "main_revenue", "rd_expense", "rd_domestic", "total_income",
                                      "hightech_income")})  # fmt: skip
            values.pop("year_", None)
            rows.append(SupplementYear(zone=zone, enterprise=firm, year=year, values=values))
    SupplementYear.objects.bulk_create(rows)
    return len(rows)


def _members(zone: Zone, titles: list[Qualification], waiting: list[Enterprise]) -> int:
    """The zone's 高企后备库, a member in every state (those with titles match their records)."""
    pool = builtin_pool(zone, "hte")
    last = {}
    for q in sorted(titles, key=lambda q: q.issued_on):
        if q.kind == "hte":
            last[q.enterprise_id] = q
    certified = [
        q for q in last.values() if q.issued_on.year == LAST_YEAR and q.entry_path == EntryPath.FIRST
    ]
    renewed = [
        q for q in last.values() if q.issued_on.year == LAST_YEAR and q.entry_path == EntryPath.CONSECUTIVE
    ]
    expiring = [q for q in last.values() if q.issued_on.year == LAST_YEAR - 2]  # ends next November
    lapsed = [q for q in last.values() if q.valid_to is not None and q.valid_to.year < LAST_YEAR
              and q.status == QualificationStatus.VALID]  # fmt: skip
    revoked = [q for q in last.values() if q.status == QualificationStatus.REVOKED]
    picks: list[tuple[str, Enterprise, dt.date]] = []
    for state, found in ((PoolState.CERTIFIED, certified[:3]), (PoolState.RENEWED, renewed[:2]),
                         (PoolState.RENEWAL_APPLIED, expiring[:2]), (PoolState.LAPSED, lapsed[:1]),
                         (PoolState.REVOKED, revoked[:1])):  # fmt: skip
        picks += [(state, q.enterprise, q.valid_from - dt.timedelta(days=240)) for q in found]
    waiting_states = (PoolState.POOLED, PoolState.POOLED, PoolState.POOLED, PoolState.PREPARING,
                      PoolState.PREPARING, PoolState.APPLIED, PoolState.APPLIED, PoolState.PUBLICIZED,
                      PoolState.REJECTED, PoolState.EXITED)  # fmt: skip
    for k, (state, firm) in enumerate(zip(waiting_states, waiting, strict=False)):
        picks.append((state, firm, dt.date(2025, 3 + k % 8, 10)))
    rows = [
        PoolMember(zone=zone, pool=pool, enterprise=firm, state=state, reason=REASONS[PoolState(state)],
                   entered_on=entered, left_on=dt.date(2025, 12, 1) if state == PoolState.EXITED else None)
        for state, firm, entered in picks
    ]  # fmt: skip
    PoolMember.objects.bulk_create(rows)
    return len(rows)


def build_pools_demo(*, seed: int, zones: Sequence[Zone] | None = None) -> PoolsDemo:
    """The titles, supplement data and pools of ``zones`` (the 连云港 zones by default), then the counts."""
    rng = np.random.default_rng(seed + 18)
    done = PoolsDemo()
    zones = list(zones if zones is not None else Zone.objects.filter(city=DEMO_CITY).order_by("pk"))
    firms_of = {z.pk: list(Enterprise.objects.filter(zone=z).order_by("uscc")) for z in zones}
    zones = [z for z in zones if firms_of[z.pk] and not Qualification.objects.filter(zone=z).exists()]
    if not zones:
        return done
    numbers = iter(range(1, 10**6))
    written: dict[int, list[Qualification]] = {}
    paths = {z.pk: _stock_path(z, len(firms_of[z.pk])) for z in zones}
    _doubled(paths, {z.pk: len(firms_of[z.pk]) for z in zones})
    for zone in zones:
        firms = firms_of[zone.pk]
        titles = _hte_history(rng, firms, paths[zone.pk])
        holders = {t.firm.pk for t in titles}
        others = [f for f in firms if f.pk not in holders]
        for k, kind in enumerate(("srdi_sme", "srdi_sme", "srdi_sme", "little_giant")):
            f = others[k] if k < len(others) else firms[k]
            titles.append(
                _Title(firm=f, kind=kind, issued=dt.date(2023 + k % 3, 7, 15), path=EntryPath.FIRST)
            )
        if zone is zones[0]:  # one title revoked from 2024 (a firm whose certificate ran 2022–2025)
            last = {t.firm.pk: t for t in titles if t.kind == "hte"}
            for t in titles:
                if t.kind == "hte" and t.issued.year == 2022 and last[t.firm.pk] is t:
                    t.revoked = 2024
                    break
        written[zone.pk] = _write_titles(zone, titles, numbers)
        done.qualifications += len(titles)
        near = others[4 : 4 + NEAR_MISSES]
        done.supplements += _supplements(rng, zone, near)
        done.members += _members(zone, written[zone.pk], near)
    done.qualifications += _move(zones, written, numbers)
    for zone in zones:
        bulk_written(Qualification, zone_id=zone.pk, label=f"{zone} 资质记录（演示）", actor=None, source=SOURCE,
                     detail={"written": len(written[zone.pk])})  # fmt: skip
    recorded = record_counts(COUNTED, actor=None, source=SOURCE)
    done.figures = recorded.written
    return done


def _move(zones: list[Zone], written: dict[int, list[Qualification]], numbers: Iterator[int]) -> int:
    """One certified firm of the second zone moves whole to the first in 2024 (整体迁移), title kept;
    its 2025 重新认定 is issued in the new zone."""
    if len(zones) < 2:
        return 0
    src, dst = zones[1], zones[0]
    held = {q.enterprise_id: q for q in written[src.pk] if q.kind == "hte"}
    moving = next(
        (q for q in written[src.pk] if q.kind == "hte" and q.issued_on.year == 2022
         and held[q.enterprise_id] is q and q.status == QualificationStatus.VALID),
        None,
    )  # fmt: skip
    if moving is None:
        return 0
    old = moving.enterprise
    new = Enterprise.objects.create(zone=dst, uscc=old.uscc, name=old.name, industry_code=old.industry_code)
    SupplementYear.objects.create(zone=dst, enterprise=new, year=2024, values={"employees": 120})
    issued = dt.date(2025, 11, 20)
    Qualification.objects.create(
        zone=dst, enterprise=new, kind="hte", issued_on=issued, valid_from=issued,
        valid_to=default_valid_to("hte", issued), entry_path=EntryPath.CONSECUTIVE,
        certificate_no=_certificate_no("hte", 2025, next(numbers)), issuer="江苏省高新技术企业认定管理机构",
        doc_no="苏高企认〔2025〕批次", criteria_version="hte-2016",
    )  # fmt: skip
    return 1
