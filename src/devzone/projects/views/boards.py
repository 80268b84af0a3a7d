"""The zone pages: the pipeline board by stage (with filters), the quota board with the rates, the
达产复核 list with breaches, and the stuck lists. Each reads the engine over the zone's table."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from devzone.core.responses import XLSX, attachment
from devzone.core.widgets import QuickSelect
from devzone.orgs.models import Zone
from devzone.orgs.zone_lists import readable_zones, zone_list
from devzone.projects.contracts import deadline_states, idle_land
from devzone.projects.exports import ledger_workbook
from devzone.projects.lights import lights
from devzone.projects.method import ProjectMethod
from devzone.projects.models import Milestone, Project
from devzone.projects.pipeline import current_stage, stale, stuck_lists
from devzone.projects.quotas import in_tier, quota_results, tier_counts
from devzone.projects.rates import rates
from devzone.projects.stages import CHANNELS, STAGES, STATUSES
from devzone.projects.store import contract_checks, table
from devzone.projects.views.common import as_of, method_of, methods, year_of, zone_of

NOT_SIGNED = "未签约"
FILTERS = ("industry", "tier", "channel", "leader", "status")


TABS = ("board", "quotas", "reviews", "stuck")


def _picker(request: HttpRequest, zone: Zone) -> SafeString:
    """The zone switcher: one select grouped by city (a province reads 3,000 zones: no list of links)."""
    by_city: dict[str, list[tuple[int, str]]] = {}
    for pk, name, city in readable_zones(request).values_list("pk", "name", "city"):
        by_city.setdefault(city or "其他", []).append((pk, name))
    select = QuickSelect(attrs={"class": "form-select form-select-sm w-auto mw-100", "aria-label": "开发区"})
    select.choices = list(by_city.items())
    return select.render("zone", zone.pk)


def _common(request: HttpRequest, zone: Zone, tab: str) -> dict[str, Any]:
    method = method_of(request)
    year = year_of(request)
    return {"zone": zone, "picker": _picker(request, zone), "year": year, "on": as_of(year), "method": method,
            "methods": methods(), "tab": tab}  # fmt: skip


@login_required
@require_GET
def switch(request: HttpRequest) -> HttpResponse:
    """The switcher's answer: the same tab, year and method for the zone chosen (one the user reads)."""
    raw = request.GET.get("zone", "")
    if not raw.isdigit() or len(raw) > 18:
        raise Http404("zone")
    zone = zone_of(request.user, int(raw))
    tab = request.GET.get("tab", "")
    kept = {k: request.GET[k] for k in ("year", "method") if request.GET.get(k)}
    url = reverse(f"projects:{tab if tab in TABS else 'board'}", kwargs={"zone_id": zone.pk})
    return redirect(f"{url}?{urlencode(kept)}" if kept else url)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    listed = zone_list(request)
    rows = listed.counted(request, Project)
    return render(request, "projects/home.html", {"rows": rows, **listed.context})


def _cards(zone: Zone, method: ProjectMethod, on: dt.date) -> tuple[Any, list[dict[str, Any]]]:
    """The zone's projects as the ledger shows them on ``on``: stage, light and tier of each."""
    t = table([zone], method)
    row_of = {str(c): k for k, c in enumerate(t.code)}
    stage, light, tier_of = stages_of(t, method, on)
    cards = []
    for p in Project.objects.filter(zone=zone).select_related("lead_unit").order_by("code"):
        k = row_of.get(p.code)
        cards.append({
            "project": p,
            "stage": STAGES[int(stage[k])] if k is not None and stage[k] >= 0 else NOT_SIGNED,
            "light": light.colour(k) if k is not None else "",
            "tier": tier_of.get(k, "") if k is not None else "",
        })  # fmt: skip
    return t, cards


def stages_of(t: Any, method: ProjectMethod, on: dt.date) -> tuple[Any, Any, dict[int, str]]:
    """Each table row's current stage, lights, and tier label (the highest tier it reaches)."""
    stage = current_stage(t, on)
    light = lights(t, method, on)
    tier_set = method.tier_sets[0] if method.tier_sets else None
    tier_of: dict[int, str] = {}
    if tier_set is not None:
        for tier in sorted(tier_set.tiers, key=lambda x: -x.min):  # the highest tier reached names it
            for k in (int(i) for i in in_tier(t, tier_set)[tier.code].nonzero()[0]):
                tier_of.setdefault(k, tier.label)
    return stage, light, tier_of


CARDS_PER_COLUMN = 30  # a column shows its first cards; the rest are paged in that stage's own list
PAGE = 60


@login_required
@require_GET
def board(request: HttpRequest, zone_id: int) -> HttpResponse:
    """The board by stage. At 20,000 projects every card cannot be drawn: the stages, counts and filters run
    over light rows of the whole zone (no model instances), and only the cards shown are read in full."""
    zone = zone_of(request.user, zone_id)
    context = _common(request, zone, "board")
    method, on = context["method"], context["on"]
    t = table([zone], method)
    stage, light, tier_of = stages_of(t, method, on)
    row_of = {str(c): k for k, c in enumerate(t.code)}
    chosen = {f: request.GET.get(f, "").strip() for f in (*FILTERS, "stage")}
    tier_set = method.tier_sets[0] if method.tier_sets else None
    names = [NOT_SIGNED, *STAGES[STAGES.index("签约") :]]
    rows = (
        Project.objects.filter(zone=zone)
        .order_by("code")
        .values_list("pk", "code", "industry_code", "channel", "linked_leader", "status")
    )
    columns: dict[str, list[tuple[int, int]]] = {s: [] for s in names}
    leaders: set[str] = set()
    total = 0
    for pk, code, industry, channel, leader, status in rows:
        total += 1
        if leader:
            leaders.add(leader)
        k = row_of.get(code)
        if (
            (chosen["industry"] and not industry.startswith(chosen["industry"]))
            or (chosen["tier"] and tier_of.get(k if k is not None else -1, "") != chosen["tier"])
            or (chosen["channel"] and channel != chosen["channel"])
            or (chosen["leader"] and chosen["leader"] not in leader)
            or (chosen["status"] and status != chosen["status"])
        ):
            continue
        name = STAGES[int(stage[k])] if k is not None and stage[k] >= 0 else NOT_SIGNED
        columns.setdefault(name, []).append((pk, -1 if k is None else k))
    # the projects the filters keep — of the one stage asked for, when one is
    shown = (
        len(columns[chosen["stage"]]) if chosen["stage"] in columns else sum(len(v) for v in columns.values())
    )
    page = None
    if chosen["stage"] in columns:  # one stage's list, paged
        page = Paginator(columns[chosen["stage"]], PAGE).get_page(request.GET.get("page"))
        picked = {chosen["stage"]: list(page.object_list)}
    else:
        picked = {s: v[:CARDS_PER_COLUMN] for s, v in columns.items()}
    wanted = [pk for v in picked.values() for pk, _ in v]
    projects = Project.objects.select_related("lead_unit").in_bulk(wanted)
    drawn = [
        (s, len(columns[s]), [{"project": projects[pk], "light": light.colour(k) if k >= 0 else "",
                               "tier": tier_of.get(k, "")} for pk, k in v],
         0 if page else len(columns[s]) - len(v))
        for s, v in picked.items()
    ]  # fmt: skip
    query = {k: v for k, v in chosen.items() if v and k != "stage"} | {
        "year": context["year"],
        "method": method.id,
    }
    context |= {
        "columns": drawn, "stage_counts": [(s, len(v)) for s, v in columns.items()],
        "chosen": chosen, "shown": shown, "total": total, "page": page,
        "per_column": CARDS_PER_COLUMN, "query": urlencode(query),
        "channels": CHANNELS, "statuses": STATUSES,
        "tiers": [t.label for t in tier_set.tiers] if tier_set else [],
        "leaders": sorted(leaders), "stale": len(stale(t, method, on)),
    }  # fmt: skip
    return render(request, "projects/board.html", context)


@login_required
@require_GET
def ledger_xlsx(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    method, on = method_of(request), as_of(year_of(request))
    _, cards = _cards(zone, method, on)
    milestones = (
        Milestone.objects.filter(project__zone=zone)
        .select_related("project", "verified_by")
        .order_by("project__code", "reached_on", "pk")
    )
    content = ledger_workbook(
        zone.name, on, [(c["project"], c["stage"], c["light"]) for c in cards], list(milestones), method
    )
    return attachment(content, filename=f"{zone.name}-招商项目台账-{on:%Y%m%d}.xlsx", content_type=XLSX)


@login_required
@require_GET
def quotas(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    context = _common(request, zone, "quotas")
    method, year = context["method"], context["year"]
    t = table([zone], method)
    key = (zone.name,)
    found = quota_results(t, method, year=year, zones=[zone.name])
    named = {c for q in found for c in q.codes}
    names = {p.code: p for p in Project.objects.filter(zone=zone, code__in=named)}
    labels = {(s.id, t.code): t.label for s in method.tier_sets for t in s.tiers}
    results = [
        {
            "quota": q.quota,
            "label": q.quota.label or labels[(q.quota.tier_set, q.quota.tier)],
            "achieved": q.achieved,
            "met": q.met,
            "projects": [names[c] for c in q.codes if c in names],
        }
        for q in found
    ]
    tiers = []
    for s in method.tier_sets:
        counts = tier_counts(t, method, year=year, tier_set=s.id)
        tiers += [
            (tier.label, counts.count(tier.code, key) if key in counts.groups.keys else 0) for tier in s.tiers
        ]
    r = rates(t, method, year=year)
    shown_rates = []
    if key in r.groups.keys:
        shown_rates = [(name, r.value(name, key)) for name in method.rates.report]
    context |= {"results": results, "tier_rows": tiers, "rates": shown_rates}
    return render(request, "projects/quotas.html", context)


@login_required
@require_GET
def reviews(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    context = _common(request, zone, "reviews")
    method, year, on = context["method"], context["year"], context["on"]
    t = table([zone], method)
    names = {p.code: p for p in Project.objects.filter(zone=zone)}
    checks = [(names.get(c.code), c) for c in contract_checks([zone], method, year)]
    deadlines = [(names.get(s.code), s) for s in deadline_states(t, method, on) if s.state == "breach"]
    idle = [(names.get(i.code), i) for i in idle_land(t, method, on)]
    missed = sum(1 for _, c in checks for r in c.results if r.met is False)
    penalty = sum(r.penalty_wan or 0 for _, c in checks for r in c.results if r.met is False)
    context |= {"checks": checks, "deadlines": deadlines, "idle": idle, "missed": missed, "penalty": penalty}
    return render(request, "projects/reviews.html", context)


@login_required
@require_GET
def stuck(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    context = _common(request, zone, "stuck")
    method, on = context["method"], context["on"]
    t = table([zone], method)
    names = {p.code: p for p in Project.objects.filter(zone=zone).select_related("lead_unit")}
    lists = [
        (name, [(names.get(s.code), s) for s in rows]) for name, rows in stuck_lists(t, method, on).items()
    ]
    by_unit = Counter(s.lead_unit for _, rows in lists for _, s in rows)
    context |= {"lists": lists, "by_unit": by_unit.most_common()}
    return render(request, "projects/stuck.html", context)
