"""Dashboard (ECharts) and the documents: 任务分工表, 督办单, progress report of a period."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from devzone.accounts.access import get_visible
from devzone.core import document_jobs
from devzone.core.documents import save_workbook, streamed_table
from devzone.core.jobs import Progress
from devzone.core.responses import attachment
from devzone.orgs.models import Unit
from devzone.plans import documents
from devzone.plans.models import Assignment, Plan, PlanStatus, ProgressReport
from devzone.plans.progress import live, rows
from devzone.plans.snapshot import snapshot
from devzone.plans.status import STATUS_LABELS, Status
from devzone.plans.views.common import visible_assignments, visible_plans

STATUS_COLOURS = {
    Status.DONE: "#198754",
    Status.ON_TRACK: "#0d6efd",
    Status.NOT_STARTED: "#adb5bd",
    Status.DUE_SOON: "#ffc107",
    Status.BEHIND: "#fd7e14",
    Status.OVERDUE: "#dc3545",
}


def _as_of(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


def _stacked(labels: list[str], series: dict[Status, list[int]]) -> dict[str, Any]:
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0, "type": "scroll"},  # one line, scrolled on a phone: never over the first bar
        "grid": {"left": 160, "right": 20, "top": 30, "bottom": 20},
        "xAxis": {"type": "value"},
        "yAxis": {"type": "category", "data": labels, "inverse": True},
        "series": [
            {
                "name": STATUS_LABELS[s],
                "type": "bar",
                "stack": "n",
                "data": series[s],
                "itemStyle": {"color": STATUS_COLOURS[s]},
            }
            for s in Status
        ],
    }


def _by(counts: Counter[tuple[Any, Status]], label: Any, limit: int = 30) -> dict[str, Any]:
    """A stacked bar chart of ``counts`` ((key, status) → n), keys named by ``label`` (names may merge)."""
    by_label: dict[str, Counter[Status]] = defaultdict(Counter)
    for (key, status), n in counts.items():
        by_label[label(key)][status] += n
    labels = sorted(by_label, key=lambda k: (-sum(by_label[k].values()), k))[:limit]
    return _stacked(labels, {s: [by_label[k][s] for k in labels] for s in Status})


def _timeline(months: Counter[str]) -> dict[str, Any]:
    labels = sorted(months)
    return {
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": {"type": "value", "name": "项"},
        "series": [{"type": "bar", "name": "到期分工", "data": [months[m] for m in labels]}],
    }


def on_time_ranking(
    on_time: dict[int, list[int]], unit_names: dict[int, str]
) -> list[tuple[str, float, int]]:
    """Units ranked by on-time completion: done by the deadline ÷ assignments due by now or done
    (``on_time``: unit id → [done on time, due or done]; units of one name count together)."""
    scored: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, (ok, total) in on_time.items():
        tally = scored[unit_names[unit_id]]
        tally[0] += ok
        tally[1] += total
    ranking = [(name, 100.0 * ok / total, total) for name, (ok, total) in scored.items() if total]
    return sorted(ranking, key=lambda x: (-x[1], -x[2], x[0]))


LISTED = 100  # overdue and behind rows shown on the page each; the 督办单 per unit lists them all
UNITS_LISTED = 50  # 督办单 links shown on the page each


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    as_of = _as_of(request)
    plan_id = request.GET.get("plan", "")
    # the figures of every plan the user reads, cached per scope and plan (plans/snapshot.py)
    shot = snapshot(request.user, as_of=as_of, plan_id=int(plan_id) if plan_id.isdigit() else None)
    figures = shot.figures
    ranking = on_time_ranking(figures.on_time, shot.names)
    page = Paginator(shot.flagged, LISTED).get_page(request.GET.get("page"))
    order = {pk: i for i, pk in enumerate(page.object_list)}
    listed = sorted(
        rows(Assignment.objects.filter(pk__in=order), as_of=as_of), key=lambda r: order[r.assignment.pk]
    )
    flagged_units = sorted(
        ((shot.names[pk], pk) for pk in figures.flagged_units), key=lambda named: (named[0], named[1])
    )
    units_page = Paginator(flagged_units, UNITS_LISTED).get_page(request.GET.get("units_page"))
    query = request.GET.copy()
    query.pop("page", None)
    units_query = request.GET.copy()
    units_query.pop("units_page", None)
    context = {
        "as_of": as_of,
        "plans": visible_plans(request.user).filter(status=PlanStatus.PUBLISHED),
        "plan_id": plan_id,
        "totals": [(s, STATUS_LABELS[s], figures.totals[s]) for s in Status],
        "count": sum(figures.totals.values()),
        "by_unit": _by(figures.by_unit, lambda pk: shot.short_names[pk]),
        "by_section": _by(figures.by_section, lambda section: section, limit=20),
        "timeline": _timeline(figures.months),
        "ranking_chart": {
            "tooltip": {},
            "grid": {"left": 160, "right": 20, "top": 10, "bottom": 20},
            "xAxis": {"type": "value", "max": 100, "name": "%"},
            "yAxis": {"type": "category", "inverse": True, "data": [n for n, _, _ in ranking[:20]]},
            "series": [{"type": "bar", "data": [round(p, 1) for _, p, _ in ranking[:20]]}],
        },
        "ranking": ranking[:20],
        "listed": LISTED,
        "page": page,
        "query": query.urlencode(),
        "overdue": [r for r in listed if r.status == Status.OVERDUE],
        "behind": [r for r in listed if r.status == Status.BEHIND],
        "units_page": units_page,
        "units_listed": UNITS_LISTED,
        "units_query": units_query.urlencode(),
    }
    return render(request, "plans/dashboard.html", context)


FLAGGED_HEADER = (
    "状态",
    "方案",
    "任务编号",
    "任务",
    "责任单位",
    "完成时限",
    "报送进度（%）",
    "序时进度（%）",
)


@login_required
def flagged_export(request: HttpRequest) -> HttpResponse:
    """Every overdue and behind assignment the dashboard counts, as a table to send (.xlsx)."""
    as_of = _as_of(request)
    assignments = live(visible_assignments(request.user))
    plan_id = request.GET.get("plan", "")
    if plan_id.isdigit():
        assignments = assignments.filter(task__plan_id=int(plan_id))
    name = f"逾期与滞后任务-{as_of:%Y%m%d}.xlsx"

    # a province's list runs to thousands of rows (seconds): built in the background
    def build(progress: Progress) -> bytes:
        return _flagged_workbook(assignments, as_of)

    return document_jobs.offer(request, filename=name, build=build)


def _flagged_workbook(assignments: Any, as_of: dt.date) -> bytes:
    flagged = [r for r in rows(assignments, as_of=as_of) if r.status in (Status.OVERDUE, Status.BEHIND)]
    flagged.sort(key=lambda r: (r.status != Status.OVERDUE, r.due, r.assignment.unit.name, r.assignment.pk))
    # a province's list runs to thousands of rows: the streamed writer (openpyxl's normal mode took 4.5 s)
    book = Workbook(write_only=True)
    streamed_table(
        book,
        "逾期与滞后",
        FLAGGED_HEADER,
        [
            (
                r.status_label,
                r.assignment.task.plan.title,
                r.assignment.task.key,
                r.assignment.task.heading or r.assignment.task.text,
                r.assignment.unit.name,
                r.due,
                r.percent,
                None if r.expected is None else round(r.expected, 1),
            )
            for r in flagged
        ],
        title=f"逾期与滞后任务清单（截至 {as_of:%Y年%m月%d日}，共 {len(flagged)} 项）",
        widths=(8, 30, 8, 50, 24, 12, 12, 12),
    )
    return save_workbook(book)


@login_required
def breakdown(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "docx"):
        raise Http404
    plan = get_visible(request.user, visible_plans(request.user), pk=plan_id)
    data = documents.breakdown(plan, fmt=fmt)
    return attachment(data, filename=f"任务分工表-{plan.title}.{fmt}")


@login_required
def supervision(request: HttpRequest, unit_id: int) -> HttpResponse:
    # a unit's 督办单 is for those who see its assignments: zone staff never get another unit's
    assigned = Unit.objects.filter(pk__in=visible_assignments(request.user).values("unit_id"))
    unit = get_visible(request.user, assigned, pk=unit_id)
    as_of = _as_of(request)
    assigned_here = live(visible_assignments(request.user)).filter(unit=unit)
    # in the plan's own order (PostgreSQL returns an unordered join in any order)
    unit_rows = rows(assigned_here.order_by("task__plan_id", "task__order", "pk"), as_of=as_of)
    number = f"DB-{as_of:%Y%m%d}-{unit.pk}"
    own = getattr(request.user, "unit", None)  # the issuing unit: the user's own (its seal goes over it)
    data = documents.supervision_notice(
        unit, unit_rows, as_of=as_of, number=number, issuer=own.name if own is not None else None
    )
    return attachment(data, filename=f"督办单-{unit.name}-{as_of}.docx")


@login_required
@require_GET
def progress_report(request: HttpRequest, fmt: str) -> HttpResponse:
    """进展报告 of a period (.docx/.xlsx): seconds for a province, so built in the background."""
    if fmt not in ("xlsx", "docx"):
        raise Http404
    period = request.GET.get("period") or timezone.localdate().strftime("%Y-%m")
    try:
        year, month = (int(x) for x in period.split("-"))
        period_end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    except ValueError as exc:
        raise Http404 from exc
    plan_id = request.GET.get("plan", "")
    plan = (
        get_visible(request.user, visible_plans(request.user), pk=int(plan_id)) if plan_id.isdigit() else None
    )
    user = request.user

    def build(progress: Progress) -> bytes:
        return _progress_document(user, fmt=fmt, period=period, period_end=period_end, plan=plan)

    return document_jobs.offer(request, filename=f"进展报告-{period}.{fmt}", build=build)


def _progress_document(user: Any, *, fmt: str, period: str, period_end: dt.date, plan: Plan | None) -> bytes:
    """The report of the assignments ``user`` reads (of ``plan`` alone when given)."""
    assignments = live(visible_assignments(user))
    title = "行动方案任务进展报告"
    if plan is not None:
        assignments = assignments.filter(task__plan=plan)
        title = f"{plan.title}进展报告"
    report_rows = rows(assignments, as_of=period_end)
    # the latest 进展情况 of each assignment up to the period (a unit that skipped a month keeps its last word)
    reports = ProgressReport.objects.filter(
        assignment__in=[r.assignment.pk for r in report_rows], period__lte=period, returned_at=None
    ).order_by("period", "reported_at", "pk")
    narratives = {
        assignment: documents.Narrative(period=p, text=text)
        for assignment, p, text in reports.values_list("assignment_id", "period", "narrative")
    }
    writer = documents.progress_report_xlsx if fmt == "xlsx" else documents.progress_report_docx
    return writer(title, period, report_rows, narratives)
