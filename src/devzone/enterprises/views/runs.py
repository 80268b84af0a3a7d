"""Evaluation runs (评价批次): list, start one, the run page with its results, 复核, 公示, 定级, land."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.access import (
    WRITING_ROLES,
    can_change,
    can_change_shared,
    changeable_zone_ids,
    city_wide_city,
    is_admin,
    require_change,
    require_shared_change,
    scope,
    sees_all_zones,
)
from devzone.core.throttle import expensive
from devzone.enterprises import charts
from devzone.enterprises.actions import WorkflowError, finalise, publicise, reproduce, run_evaluation
from devzone.enterprises.forms import PubliciseForm, ResultFilterForm, RunForm
from devzone.enterprises.inputs import normalize_industry_code
from devzone.enterprises.method import Method, MethodError
from devzone.enterprises.models import MuResult, MuRun, Objection, ObjectionStatus, RunStatus
from devzone.enterprises.report import class_counts, class_labels, class_order, league, segment_summaries
from devzone.enterprises.views.common import (
    eval_rows_of,
    get_run,
    land_candidates,
    land_counts,
    method_of,
    snapshot_of,
    visible_results,
    visible_runs,
    year_rows,
)
from devzone.orgs.models import Zone


def _run_zones(request: HttpRequest) -> QuerySet[Zone]:
    ids = changeable_zone_ids(request.user)
    zones = Zone.objects.order_by("name")
    return zones if ids is None else zones.filter(pk__in=ids)


def _run_form(request: HttpRequest, data: Any = None) -> RunForm | None:
    zones = _run_zones(request)
    all_zones = can_change_shared(request.user)
    if not all_zones and not zones.exists():
        return None
    initial = {"year": timezone.localdate().year - 1, "method": "lyg-seed"}
    return RunForm(data, zones=zones, all_zones=all_zones, initial=initial)


def _list_page(request: HttpRequest, form: RunForm | None) -> HttpResponse:
    runs = visible_runs(request.user)
    page = Paginator(runs, 50).get_page(request.GET.get("page"))
    for run in page:
        run.method_title = str(method_of(run).title)
    return render(request, "enterprises/runs.html", {"page": page, "form": form})


@login_required
@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, _run_form(request))


@login_required
@require_POST
def run_create(request: HttpRequest) -> HttpResponse:
    form = _run_form(request, request.POST)
    if form is None:
        raise PermissionDenied
    if not form.is_valid():
        return _list_page(request, form)
    zone_id = form.zone_id()
    zone = None
    city = ""
    if zone_id is None:
        require_shared_change(request.user)
        found = city_wide_city(request.user)
        if found is None:
            form.add_error(None, _("全市评价由市级主管部门发起，请选择一个开发区"))
            return _list_page(request, form)
        city = found
    else:
        zone = _run_zones(request).get(pk=zone_id)
        require_change(request.user, zone)
    data = form.cleaned_data
    try:
        run = run_evaluation(
            zone=zone, year=data["year"], method_id_or_yaml=data["method"], actor=request.user, source="web",
            title=data["title"], city=city,
        )  # fmt: skip
    except (WorkflowError, MethodError) as exc:
        form.add_error(None, str(exc))
        return _list_page(request, form)
    messages.success(request, _("评价完成：%(n)d 家企业") % {"n": run.results.count()})
    return redirect("enterprises:run", mu_run_id=run.pk)


def class_choices(method: Method) -> list[tuple[str, str]]:
    """(code, "code label") of the method's classes, the exempt class last."""
    labels = class_labels(method)
    return [(c, f"{c} {labels[c]}") for c in class_order(method)]


def _filtered(
    request: HttpRequest, run: MuRun, method: Method
) -> tuple[ResultFilterForm, QuerySet[MuResult]]:
    results = visible_results(request.user, run)
    zone_ids = set(results.values_list("zone_id", flat=True).distinct())
    form = ResultFilterForm(
        request.GET or None,
        zones=Zone.objects.filter(pk__in=zone_ids).order_by("name"),
        classes=class_choices(method),
        segments=[(s.code, s.label) for s in method.segments],
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["zone"]:
            results = results.filter(zone=data["zone"])
        if data["industry"]:
            results = results.filter(industry_code__startswith=normalize_industry_code(data["industry"]))
        if data["klass"]:
            results = results.filter(final_class=data["klass"])
        if data["segment"]:
            results = results.filter(segment=data["segment"])
        if data["q"]:
            results = results.filter(Q(name__icontains=data["q"]) | Q(uscc__icontains=data["q"]))
    return form, results.order_by("segment", "rank", "uscc")


def _result_page(request: HttpRequest, run: MuRun, method: Method) -> dict[str, Any]:
    form, results = _filtered(request, run, method)
    segments = {s.code: s.label for s in method.segments}
    page = Paginator(results, 50).get_page(request.GET.get("page"))
    rows = [{"result": r, "segment": segments.get(r.segment, r.segment)} for r in page]
    query = request.GET.copy()
    query.pop("page", None)
    return {"filter": form, "page": page, "rows": rows, "query": query.urlencode()}


def _summaries(run: MuRun, method: Method, results: QuerySet[MuResult]) -> dict[str, Any]:
    rows = eval_rows_of(results, year_rows(run, snapshot_of(run)))
    classes = class_order(method)
    seg_labels = {s.code: s.label for s in method.segments}
    counts = class_counts(rows)
    zones = sorted({r.zone for r in rows})
    by_zone = league(rows, by="zone")
    by_industry = league(rows, by="industry")
    segments = segment_summaries(rows, order=list(seg_labels))
    histogram: dict[str, list[float]] = {}
    for r in rows:
        if r.segment and r.graded and r.score is not None:
            histogram.setdefault(seg_labels.get(r.segment, r.segment), []).append(r.score)
    return {
        "classes": classes,
        "zone_classes": [(z, [counts.get((z, c), 0) for c in classes]) for z in zones],
        "segments": [
            (seg_labels.get(s.segment, s.segment), s, [s.counts.get(c, 0) for c in classes]) for s in segments
        ],
        "by_zone": by_zone,
        "by_industry": by_industry,
        "distribution_chart": charts.class_distribution_chart(zones, classes, counts),
        "distribution_height": 90 + 36 * len(zones),
        "histogram_chart": charts.score_histogram_chart(
            histogram, width=charts.nice_width([x for scores in histogram.values() for x in scores])
        ),
        "zone_league_chart": charts.league_chart(
            [r.key for r in by_zone], [r.tax_per_mu for r in by_zone], label=_("亩均税收(万元/亩)")
        ),
        "zone_league_height": 60 + 30 * len(by_zone),
        "industry_league_chart": charts.league_chart(
            [r.key for r in by_industry[:20]],
            [r.tax_per_mu for r in by_industry[:20]],
            label=_("亩均税收(万元/亩)"),
        ),
        "industry_league_height": 60 + 26 * len(by_industry[:20]),
    }


def may_recompute(user: Any) -> bool:
    """复核 recomputes a whole run: for people who may change data, not for read-only accounts."""
    return bool(user.is_authenticated and (user.role in WRITING_ROLES or is_admin(user)))


def can_manage(user: Any, run: MuRun) -> bool:
    """Whether the user runs the workflow of ``run`` (公示, 定级): who may change the run itself."""
    return run.status != RunStatus.FINAL and can_change(user, run)


@login_required
@require_GET
def run_detail(request: HttpRequest, mu_run_id: int) -> HttpResponse:
    run = get_run(request.user, mu_run_id)
    method = method_of(run)
    page = _result_page(request, run, method)
    if request.headers.get("HX-Request"):
        return render(request, "enterprises/_result_rows.html", {"run": run, **page})
    results = visible_results(request.user, run)
    pending = scope(
        request.user,
        Objection.objects.filter(result__run=run, status=ObjectionStatus.PENDING).select_related("result"),
    )
    context = {
        "run": run,
        "method": method,
        "scope_name": run.zone.name if run.zone else _("全部开发区"),
        "visible_count": results.count(),
        "sees_all": sees_all_zones(request.user) or run.zone_id is not None,
        "can_manage": can_manage(request.user, run),
        "can_decide": can_change_shared(request.user),
        "can_reproduce": may_recompute(request.user),
        "publicise_form": PubliciseForm(),
        "pending": pending,
        **page,
        **_summaries(run, method, results),
    }
    return render(request, "enterprises/run_detail.html", context)


@login_required
@require_POST
@expensive("reproduce")
def run_reproduce(request: HttpRequest, mu_run_id: int) -> HttpResponse:
    run = get_run(request.user, mu_run_id)
    if not may_recompute(request.user):
        raise PermissionDenied
    try:
        identical, differences = reproduce(run)
    except (OSError, ValueError) as exc:
        identical, differences = False, [str(exc)]
    if identical:
        messages.success(
            request,
            _("复核一致：按存档的评价办法（%(m)s）和输入快照（%(d)s）重算，所有结果完全相同")
            % {"m": run.method_sha256[:12], "d": run.input_sha256[:12]},
        )
    elif sees_all_zones(request.user) or run.zone_id is not None:
        messages.error(request, _("复核不一致：%s") % "；".join(differences[:10]))
    else:
        messages.error(request, _("复核不一致：%(n)d 处差异，请联系主管部门") % {"n": len(differences)})
    return redirect("enterprises:run", mu_run_id=run.pk)


@login_required
@require_POST
def run_publicise(request: HttpRequest, mu_run_id: int) -> HttpResponse:
    run = get_run(request.user, mu_run_id)
    require_change(request.user, run)
    form = PubliciseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("公示天数须为 1–60 天"))
        return redirect("enterprises:run", mu_run_id=run.pk)
    try:
        run = publicise(run, days=form.cleaned_data["days"], actor=request.user, source="web")
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("已开始公示，截止 %(d)s") % {"d": run.publicity_end.isoformat() if run.publicity_end else ""},
        )
    return redirect("enterprises:run", mu_run_id=run.pk)


@login_required
@require_POST
def run_finalise(request: HttpRequest, mu_run_id: int) -> HttpResponse:
    run = get_run(request.user, mu_run_id)
    require_change(request.user, run)
    try:
        finalise(run, actor=request.user, source="web")
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已定级，最终名单已冻结"))
    return redirect("enterprises:run", mu_run_id=run.pk)


@login_required
@require_GET
def run_land(request: HttpRequest, mu_run_id: int) -> HttpResponse:
    run = get_run(request.user, mu_run_id)
    method = method_of(run)
    visible = dict(visible_results(request.user, run).values_list("uscc", "zone__name"))
    rows = land_candidates(run, method, None, visible)
    context = {"run": run, "method": method, "rows": rows, "counts": land_counts(rows), "land": method.land}
    return render(request, "enterprises/run_land.html", context)
