"""A zone's expiry calendar, its candidates list (.xlsx) and its 梯度培育 report (.docx)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from devzone.core.responses import attachment
from devzone.enterprises.models import Enterprise
from devzone.orgs.models import Zone
from devzone.pools.counts import FLOWS
from devzone.pools.criteria import CriteriaSet
from devzone.pools.gradient import DueRow, GradientReport, KindCount, NearMiss, gradient_docx
from devzone.pools.kinds import BY_CODE
from devzone.pools.models import Pool, PoolMember, PoolState, Qualification, QualificationStatus
from devzone.pools.outlook import FUNNEL, Due, expiring, funnel
from devzone.pools.report import explained, long_xlsx_bytes
from devzone.pools.screen import Screen, screen
from devzone.pools.store import enterprise_years, year_counts
from devzone.pools.views.common import int_param, sets_today, zone_context, zone_of
from devzone.pools.words import VERDICT_WORDS

PROPOSED = ("near_miss", "candidate")
OPEN_STATUSES = ("unmet", "unknown", "manual")  # what is left to do for a proposed firm
CANDIDATE_HEADER = ["企业名称", "统一社会信用代码", "结论", "得分（至少）", "得分（至多）", "条件", "结果", "数值", "门槛", "单位",
                    "差距", "待核实"]  # fmt: skip


def _due(zone: Zone, today: dt.date, months: int) -> list[Due]:
    titles = Qualification.objects.filter(zone=zone, status=QualificationStatus.VALID).select_related(
        "enterprise"
    )
    return expiring(((q, q.kind, q.valid_to) for q in titles), today=today, months=months)


def _renewing(zone: Zone) -> set[tuple[int, str]]:
    """(enterprise, kind) of the firms already in 已申请重新认定或复核 in one of the zone's pools."""
    return set(
        PoolMember.objects.filter(
            zone=zone, state=PoolState.RENEWAL_APPLIED, left_on__isnull=True
        ).values_list("enterprise_id", "pool__kind")
    )


@login_required
@require_GET
def expiry_page(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request, zone_id)
    months = 6 if request.GET.get("months") == "6" else 12
    kind = request.GET.get("kind", "")
    today = timezone.localdate()
    due = [d for d in _due(zone, today, months) if not kind or d.kind == kind]
    renewing = _renewing(zone)
    rows = [{"due": d, "q": d.record, "kind_name": BY_CODE[d.kind].name,
             "applied": (d.record.enterprise_id, d.kind) in renewing} for d in due]  # type: ignore[attr-defined]  # fmt: skip
    kinds = sorted({d.kind for d in _due(zone, today, 12)}, key=list(BY_CODE).index)
    context = {
        **zone_context(request, zone, "expiry"), "rows": rows, "months": months, "today": today,
        "six": sum(1 for d in due if d.within == 6), "kind": kind,
        "kinds": [(k, BY_CODE[k].name) for k in kinds],
    }  # fmt: skip
    return render(request, "pools/expiry.html", context)


def zone_funnel(zone: Zone, pools: Any) -> list[dict[str, Any]]:
    """Each pool's members (open and closed) per pipeline state, as bars."""
    counts: dict[int, dict[str, int]] = {}
    for pool_id, state, n in (
        PoolMember.objects.filter(zone=zone).values_list("pool_id", "state").annotate(n=Count("pk"))
    ):
        counts.setdefault(pool_id, {})[state] = n
    return [
        {"pool": p, "steps": [(PoolState(s).label, n, w) for s, n, w in funnel(counts.get(p.pk, {}))]}
        for p in pools
    ]


def screened(zone: Zone, cs: CriteriaSet, year: int | None) -> tuple[list[int], int | None, Screen | None]:
    """(data years, the year screened, the pre-screen of the zone's firms against ``cs``)."""
    table = enterprise_years([zone.pk])
    years = sorted(set(table.column("year").to_pylist())) if table.num_rows else []
    if not years:
        return years, None, None
    year = year if year in years else years[-1]
    return years, year, screen(ibis.memtable(table), [cs], year=year)


def _names(zone: Zone, usccs: list[str]) -> dict[str, str]:
    return dict(Enterprise.objects.filter(zone=zone, uscc__in=usccs).values_list("uscc", "name"))


def _number(value: Any, unit: str) -> tuple[float | None, str]:
    """A value as a number cell and its unit: a ratio in percent, so a spreadsheet sums what a person reads."""
    if value is None:
        return None, unit if unit != "比例" else "%"
    if unit == "比例":
        return round(float(value) * 100, 2), "%"
    return round(float(value), 2), unit


@login_required
@require_GET
def candidates_xlsx(request: HttpRequest, zone_id: int) -> HttpResponse:
    """候选企业名单: every candidate and near miss with each criterion still open, its value, threshold and gap."""
    from devzone.pools.report import _unit  # noqa: PLC0415 - the unit a criterion is read in

    zone = zone_of(request, zone_id)
    sets = sets_today()
    kind = request.GET.get("kind", "hte")
    cs = sets.get(kind) or next(iter(sets.values()))
    _, year, result = screened(zone, cs, int_param(request, "year", 0) or None)
    rows: list[list[Any]] = []
    if result is not None:
        verdicts = [v for v in result.verdicts.to_pylist() if v["verdict"] in PROPOSED]
        names = _names(zone, [str(v["uscc"]) for v in verdicts])
        by_firm = {str(v["uscc"]): v for v in verdicts}
        for r in explained(result, {cs.id: cs}, uscc=list(by_firm)) if by_firm else []:
            if r["status"] not in OPEN_STATUSES:
                continue
            v = by_firm[str(r["uscc"])]
            unit = _unit(cs, r)
            value, shown_unit = _number(r["value"], unit)
            threshold, _ = _number(r["threshold"], unit)
            points = [v["points_lo"], v["points_hi"]]  # the range the open items leave
            rows.append([names.get(str(r["uscc"]), "—"), str(r["uscc"]), VERDICT_WORDS[str(v["verdict"])], *points,
                         r["label"], r["status_words"], value, threshold, shown_unit, r["words"],
                         "待核实" if r["unverified"] else ""])  # fmt: skip
        order = {"near_miss": 0, "candidate": 1}
        rows.sort(
            key=lambda row: (order.get(next(k for k, w in VERDICT_WORDS.items() if w == row[2]), 2), row[0])
        )
    title = f"{zone}{BY_CODE[cs.kind].name}候选企业名单（{year or '—'}年度数据）"
    widths = (28, 21, 10, 8, 8, 36, 10, 10, 10, 6, 60, 8)
    return attachment(long_xlsx_bytes(title, CANDIDATE_HEADER, rows, widths), filename=f"{title}.xlsx")


def _kind_counts(zone: Zone, year: int) -> tuple[list[KindCount], list[tuple[int, int]]]:
    result = year_counts(range(year - 4, year + 1)).counts
    if "year" not in result.column_names:
        return [], [(y, 0) for y in range(year - 4, year + 1)]
    mine = [r for r in result.to_pylist() if str(r["zone"]) == str(zone.pk)]
    stock = {(str(r["kind"]), r["year"]): r["stock"] for r in mine}
    kinds = [
        KindCount(name=BY_CODE[str(r["kind"])].name, stock=r["stock"],
                  previous=stock.get((str(r["kind"]), year - 1), r["stock"] - r["net_increase"]),
                  **{f: r[f] for f in FLOWS if f != "continuing"})
        for r in sorted(mine, key=lambda r: list(BY_CODE).index(str(r["kind"])))
        if r["year"] == year and str(r["kind"]) in BY_CODE
    ]  # fmt: skip
    series = [(y, stock.get(("hte", y), 0)) for y in range(year - 4, year + 1)]
    return kinds, series


@login_required
@require_GET
def report_docx(request: HttpRequest, zone_id: int) -> HttpResponse:
    """梯度培育工作报告 of a zone and year (.docx, A4, 公文)."""
    zone = zone_of(request, zone_id)
    today = timezone.localdate()
    year = int_param(request, "year", today.year - 1)
    kinds, series = _kind_counts(zone, year)
    pools = list(Pool.objects.filter(zone=zone).order_by("name"))
    funnel_rows = [
        (f["pool"].name, [(label, n) for label, n, _ in f["steps"] if n]) for f in zone_funnel(zone, pools)
    ]
    due = [DueRow(firm=d.record.enterprise.name, kind=BY_CODE[d.kind].name,  # type: ignore[attr-defined]
                  certificate_no=d.record.certificate_no, valid_to=d.valid_to,  # type: ignore[attr-defined]
                  renewal=d.renewal, within=d.within) for d in _due(zone, today, 12)]  # fmt: skip
    report = GradientReport(zone=str(zone), year=year, today=today, kinds=kinds, hte_series=series,
                            funnel=funnel_rows, due=due)  # fmt: skip
    sets = sets_today()
    if "hte" in sets:
        cs = sets["hte"]
        _, screened_year, result = screened(zone, cs, None)
        if result is not None:
            verdicts = result.verdicts.to_pylist()
            report.screened_year = screened_year
            report.verdicts = [(w, n) for k, w in VERDICT_WORDS.items()
                               if (n := sum(1 for v in verdicts if v["verdict"] == k))]  # fmt: skip
            near = [str(v["uscc"]) for v in verdicts if v["verdict"] == "near_miss"]
            names = _names(zone, near)
            gaps: dict[str, list[str]] = {u: [] for u in near}
            for r in explained(result, {cs.id: cs}, uscc=near) if near else []:
                if r["status"] == "unmet":
                    gaps[str(r["uscc"])].append(str(r["words"]))
            report.near = sorted(
                (NearMiss(firm=names.get(u, u), verdict=VERDICT_WORDS["near_miss"], gaps="；".join(g) or "—")
                 for u, g in gaps.items()), key=lambda n: n.firm,
            )  # fmt: skip
    return attachment(gradient_docx(report), filename=f"{report.title}.docx")


__all__ = ["FUNNEL", "candidates_xlsx", "expiry_page", "report_docx", "screened", "zone_funnel"]
