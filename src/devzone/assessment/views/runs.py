"""Runs: start one, the ranking with rank changes, the rank intervals, rule outcomes, zone profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from devzone.accounts.access import (
    can_change_shared,
    changeable_zone_ids,
    get_visible,
    require_shared_change,
    scope,
    sees_all_zones,
)
from devzone.assessment import charts
from devzone.assessment.actions import reproduce, run_assessment
from devzone.assessment.forms import RunForm
from devzone.assessment.models import AssessmentRun, RuleOutcome, ZoneResult
from devzone.assessment.node_ranking import node_choices, node_ranking
from devzone.assessment.results import indicator_cells, source_counts
from devzone.assessment.sensitivity import sensitivity_rows
from devzone.assessment.views.common import (
    change_label,
    get_run,
    node_names,
    plain_row,
    raw_values,
    snapshot_values,
    visible_runs,
)
from devzone.core.throttle import expensive

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from devzone.accounts.models import User

    Reader: TypeAlias = User | AnonymousUser


def _run_list_page(request: HttpRequest, form: RunForm | None) -> HttpResponse:
    runs = visible_runs(request.user).defer("snapshot", "framework_yaml")
    return render(
        request,
        "assessment/runs.html",
        {
            "runs": runs[:200],
            "form": form,
            "can_run": can_change_shared(request.user),
            "sees_all": sees_all_zones(request.user),
        },
    )


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    form = RunForm() if can_change_shared(request.user) else None
    return _run_list_page(request, form)


@login_required
@require_POST
def run_create(request: HttpRequest) -> HttpResponse:
    require_shared_change(request.user)
    form = RunForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            run = run_assessment(
                data["framework"], year=data["year"], samples=data["samples"], seed=data["seed"],
                note=data["note"], actor=request.user,
                # a coordinator ranks the zones of their own jurisdiction, never another city's
                zone_ids=changeable_zone_ids(request.user),
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("考评已完成"))
            return redirect("assessment:run", run_id=run.pk)
    return _run_list_page(request, form)


def result_rows(run: AssessmentRun, results: list[ZoneResult]) -> list[dict[str, Any]]:
    """Rows of the ranking table (also used by the exports)."""
    group = run.summary.get("primary_group", "all")
    cats = run.summary.get("categories", [])
    rows = []
    for r in results:
        ranks = r.node_ranks.get(group, {})
        rows.append(
            {
                "result": r, "zone": r.zone, "change": change_label(r.rank_change, r.rank_prev),
                "categories": [(ranks.get(c), r.node_scores.get(c)) for c in cats],
                "peer_rank": [
                    (r.profile.get("groups", {}).get(g, ""), r.node_ranks.get(g, {}).get(run.summary.get("root")))
                    for g in run.summary.get("rank_groups", [])
                    if g != group
                ],
                "interval": None if r.rank_p05 is None else (r.rank_p05, r.rank_p50, r.rank_p95),
            }
        )  # fmt: skip
    return rows


RANKED = 100  # ranking rows per page; the .xlsx and the report list them all


def ranked(user: Reader, run: AssessmentRun) -> QuerySet[ZoneResult]:
    """The run's results the user may see, by rank (unranked last), ordered in SQL."""
    results = scope(user, run.results.select_related("zone"))
    return results.order_by(F("rank").asc(nulls_last=True), "zone__name", "pk")


def ordered_results(user: Reader, run: AssessmentRun) -> list[ZoneResult]:
    """The run's results the user may see, by rank (unranked last)."""
    return list(ranked(user, run))


def node_rows(run: AssessmentRun, results: list[ZoneResult], node: str) -> list[dict[str, Any]]:
    """The ranking of one node (category or indicator): rank, raw value, score, rank change."""
    summary = run.summary
    fallback = snapshot_values(run) if any(not r.raw_values for r in results) else {}
    ranked = node_ranking(
        [plain_row(r, raw=raw_values(r, fallback)) for r in results], node=node, root=summary.get("root", ""),
        group=summary.get("primary_group", "all"),
    )  # fmt: skip
    by_zone = {r.zone_id: r for r in results}
    peers = [g for g in summary.get("rank_groups", []) if g != summary.get("primary_group", "all")]
    out = []
    for x in ranked:
        r = by_zone[x.zone.pk]
        out.append(
            {
                "line": x,
                "change": change_label(x.rank_change, x.rank_prev) if x.prev_known else None,
                "peer_rank": [
                    (r.profile.get("groups", {}).get(g, ""), r.node_ranks.get(g, {}).get(node)) for g in peers
                ],
            }
        )
    return out


def _sensitivity_context(run: AssessmentRun, names: dict[str, str]) -> dict[str, Any]:
    rows = sensitivity_rows(run.sensitivity, names=names)
    defined = [r for r in rows if r.st is not None]
    return {
        "sensitivity": rows if run.sensitivity is not None else None,
        "sensitivity_chart": charts.sensitivity_chart(
            [r.label for r in defined], [r.s1 for r in defined], [r.st for r in defined]
        )
        if defined
        else None,
        "sensitivity_height": 70 + 34 * len(defined),
        "sensitivity_meta": {
            "n_base": (run.sensitivity or {}).get("n_base"),
            "runs": (run.sensitivity or {}).get("runs"),
            "spread_pct": f"{100 * (run.sensitivity or {}).get('spread', 0.0):g}",
        },
    }


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_run(request.user, run_id)
    page = Paginator(ranked(request.user, run), RANKED).get_page(request.GET.get("page"))
    names = node_names(run)
    root = run.summary.get("root", "")
    choices = node_choices(run.nodes, root=root) if run.nodes else [(root, root, "index")]
    node = request.GET.get("node", root)
    if node not in {c for c, _n, _k in choices}:
        node = root
    leaf = next((n for n in run.nodes if n["code"] == node), {})
    outcomes = scope(request.user, run.outcomes.select_related("zone")).order_by(
        "rule", "-hit", "zone__name", "pk"
    )
    outcome_page = Paginator(outcomes, RANKED).get_page(request.GET.get("outcomes_page"))
    with_interval = list(
        ranked(request.user, run)
        .filter(rank_p05__isnull=False)
        .values_list("zone__name", "rank", "rank_p05", "rank_p50", "rank_p95")
    )
    interval = charts.rank_interval_chart(with_interval)
    context = {
        "run": run,
        "rows": result_rows(run, list(page.object_list)),
        "page": page,
        "query": _query_without_page(request),
        "outcome_query": _query_without_page(request, "outcomes_page"),
        "categories": [(c, names.get(c, c)) for c in run.summary.get("categories", [])],
        "outcomes": _outcome_rows(outcome_page.object_list),
        "outcome_page": outcome_page,
        "interval_chart": interval if with_interval else None,
        "interval_height": 80 + 28 * len(with_interval),
        "sees_all": sees_all_zones(request.user),
        "can_run": can_change_shared(request.user),
        "nodes": run.nodes,
        "peer_groups": [
            g for g in run.summary.get("rank_groups", []) if g != run.summary.get("primary_group")
        ],
        "node": node,
        "node_name": names.get(node, node),
        "node_unit": leaf.get("unit") or "",
        "node_is_leaf": bool(leaf.get("leaf")),
        "node_choices": {
            kind: [(c, n) for c, n, k in choices if k == kind] for kind in ("index", "category", "indicator")
        },
        "node_rows": node_rows(run, ordered_results(request.user, run), node) if node != root else None,
        "data_sources": run.summary.get("data_sources") or source_counts(run.snapshot),
        "data_warnings": run.summary.get("data_warnings", []),
        **_sensitivity_context(run, names),
    }
    return render(request, "assessment/run_detail.html", context)


def _query_without_page(request: HttpRequest, name: str = "page") -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


def _outcome_rows(outcomes: Any) -> list[dict[str, Any]]:
    rows = []
    for o in outcomes:
        evidence = o.detail.get("evidence", [])
        rows.append({"outcome": o, "evidence": "；".join(f"{y}: 第{r}名" for y, r, _d in evidence if r)})
    return rows


@login_required
@require_POST
@expensive("reproduce")
def run_reproduce(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_run(request.user, run_id)
    require_shared_change(request.user)
    try:
        diffs = reproduce(run)
    except ValidationError as exc:
        diffs = exc.messages
    if diffs:
        messages.error(request, _("复算结果与存档不一致：%s") % "；".join(diffs[:10]))
    else:
        messages.success(request, _("复算结果与存档完全一致（框架 %(f)s，数据 %(d)s）") % {
            "f": run.framework_sha256[:12], "d": run.data_sha256[:12]})  # fmt: skip
    return redirect("assessment:run", run_id=run.pk)


@login_required
@require_http_methods(["GET"])
def zone_profile(request: HttpRequest, run_id: int, zone_id: int) -> HttpResponse:
    run = get_run(request.user, run_id)
    result = get_visible(request.user, run.results.select_related("zone"), zone_id=zone_id)
    names = node_names(run)
    summary = run.summary
    cats = summary.get("categories", [])
    leaves = [n for n in run.nodes if n["leaf"]]
    contrib = {c["node"]: c for c in result.profile.get("contributions", [])}
    group = summary.get("primary_group", "all")
    category_rows = [
        {"code": c, "name": names.get(c, c), "score": result.node_scores.get(c),
         "ranks": {g: v.get(c) for g, v in result.node_ranks.items()},
         "weight": contrib.get(c, {}).get("weight"), "contribution": contrib.get(c, {}).get("contribution")}
        for c in cats
    ]  # fmt: skip
    values = raw_values(result, {} if result.raw_values else snapshot_values(run))
    taken = indicator_cells(run.snapshot, year=run.year)
    zone_key = str(result.zone_id)
    leaf_rows = [
        {"code": n["code"], "name": n["name"], "unit": n.get("unit") or "", "direction": n["direction"],
         "indicators": "、".join(
             f"{taken[(zone_key, c)].get('period', '')}（#{taken[(zone_key, c)].get('id', '')}）"
             for c in (str(n.get("indicator") or n["code"]), str(n.get("denominator") or "")) if (zone_key, c) in taken
         ),
         "raw": values.get(n["code"]), "score": result.node_scores.get(n["code"]),
         "rank": result.node_ranks.get(group, {}).get(n["code"]),
         "weight": contrib.get(n["code"], {}).get("weight"),
         "contribution": contrib.get(n["code"], {}).get("contribution")}
        for n in leaves
    ]  # fmt: skip
    profile = result.profile
    context = {
        "run": run,
        "result": result,
        "change": change_label(result.rank_change, result.rank_prev),
        "categories": category_rows,
        "leaves": leaf_rows,
        "strengths": [(names.get(c, c), r) for c, r in profile.get("strengths", [])],
        "weaknesses": [(names.get(c, c), r) for c, r in profile.get("weaknesses", [])],
        "imputed": [names.get(c, c) for c in profile.get("imputed", [])],
        "treated": [names.get(c, c) for c in profile.get("treated", [])],
        "notes": profile.get("notes", []),
        "groups": profile.get("groups", {}),
        "outcomes": _outcome_rows(RuleOutcome.objects.filter(run=run, zone_id=result.zone_id).select_related("zone")),
        "category_chart": charts.category_chart([r["name"] for r in category_rows], [r["score"] for r in category_rows]),
        "history_chart": charts.rank_history_chart(result.history),
        "contribution_chart": charts.contribution_chart(
            [r["name"] for r in leaf_rows], [r["contribution"] or 0.0 for r in leaf_rows]
        ),
        "contribution_height": 60 + 24 * len(leaf_rows),
        "ranked": summary.get("ranked"),
        "sees_all": sees_all_zones(request.user),
    }  # fmt: skip
    return render(request, "assessment/profile.html", context)
