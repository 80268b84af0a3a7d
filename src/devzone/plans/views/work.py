"""My tasks, one assignment with its reports, reporting progress, confirming completion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from devzone.accounts.access import (
    can_change,
    can_change_shared,
    get_visible,
    require_change,
    require_shared_change,
)
from devzone.core.responses import file_attachment
from devzone.plans import actions
from devzone.plans.forms import MilestonesForm, ReportForm, ReturnForm
from devzone.plans.models import Assignment, Evidence, ProgressReport, Task
from devzone.plans.progress import due_expression, live, milestone_nodes, rows
from devzone.plans.status import expected_progress
from devzone.plans.views.common import can_report, mine, require_report, visible_assignments, visible_plans

MY_TASKS_LISTED = 50  # 我的任务 rows a page


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # soonest deadline first, a page at a time: the ids in one narrow query, then the page's rows
    ordered = live(mine(request.user)).annotate(due=due_expression("task__")).order_by("due", "pk")
    # every id at once (narrow): a count of the grouped query would cost as much as the ids again
    page = Paginator(list(ordered.values_list("pk", flat=True)), MY_TASKS_LISTED).get_page(
        request.GET.get("page")
    )
    ids = list(page.object_list)
    my_rows = sorted(
        rows(Assignment.objects.filter(pk__in=ids), as_of=today), key=lambda r: ids.index(r.assignment.pk)
    )
    return render(request, "plans/my_tasks.html", {"rows": my_rows, "today": today, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_visible(
        request.user,
        visible_assignments(request.user).select_related("task__plan", "unit__zone"),
        zone_field="unit__zone",
        pk=assignment_id,
    )
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require_report(request.user, assignment)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.report_progress(
                    assignment,
                    period=data["period"],
                    percent=data["percent"],
                    narrative=data["narrative"],
                    files=data["evidence"],
                    actor=request.user,
                    source="web",
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("进展已报送"))
                return redirect("plans:assignment", assignment_id=assignment.pk)
    return _assignment_page(request, assignment, form, status=400 if request.method == "POST" else 200)


def _assignment_page(
    request: HttpRequest,
    assignment: Assignment,
    form: ReportForm,
    *,
    returning: tuple[int, ReturnForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """One assignment with its reports; ``returning`` is a refused 退回 shown under its report."""
    row = rows(visible_assignments(request.user).filter(pk=assignment.pk), as_of=timezone.localdate())[0]
    return render(
        request,
        "plans/assignment.html",
        {
            "a": assignment,
            "row": row,
            "reports": assignment.reports.prefetch_related("evidence").select_related(
                "reported_by", "confirmed_by", "returned_by"
            ),
            "form": form,
            "can_report": can_report(request.user, assignment),
            "can_confirm": can_change_shared(request.user),
            "can_plan": can_change(request.user, assignment.task.plan),
            "return_report_id": returning[0] if returning else None,
            "return_form": returning[1] if returning else ReturnForm(),
        },
        status=status,
    )


@login_required
@require_POST
def confirm(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_visible(
        request.user,
        ProgressReport.objects.select_related("assignment__unit"),
        zone_field="assignment__unit__zone",
        pk=report_id,
    )
    require_shared_change(request.user)
    try:
        actions.confirm_report(report, actor=request.user, source="web")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("已确认完成"))
    return redirect("plans:assignment", assignment_id=report.assignment_id)


@login_required
@require_POST
def return_report(request: HttpRequest, report_id: int) -> HttpResponse:
    """退回: a coordinator sends a report back to its unit with a comment (required)."""
    report = get_visible(
        request.user,
        ProgressReport.objects.select_related("assignment__unit"),
        zone_field="assignment__unit__zone",
        pk=report_id,
    )
    require_shared_change(request.user)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            actions.return_report(
                report, comment=form.cleaned_data["comment"], actor=request.user, source="web"
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已退回，报送单位可重新报送"))
            return redirect("plans:assignment", assignment_id=report.assignment_id)
    assignment = get_visible(
        request.user,
        visible_assignments(request.user).select_related("task__plan", "unit__zone"),
        zone_field="unit__zone",
        pk=report.assignment_id,
    )
    return _assignment_page(request, assignment, ReportForm(), returning=(report.pk, form), status=400)


@login_required
def evidence_file(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = get_visible(
        request.user, Evidence.objects.all(), zone_field="report__assignment__unit__zone", pk=evidence_id
    )
    get_visible(
        request.user,
        visible_assignments(request.user),
        zone_field="unit__zone",
        pk=evidence.report.assignment_id,
    )
    return file_attachment(evidence.file.open("rb"), filename=evidence.name)


@login_required
@require_http_methods(["GET", "POST"])
def milestones(request: HttpRequest, task_id: int) -> HttpResponse:
    """节点计划 of a task: the dates and percents 序时进度 follows instead of a straight line."""
    task = get_visible(
        request.user,
        Task.objects.filter(plan__in=visible_plans(request.user)).select_related("plan"),
        zone_field="plan__zone",
        pk=task_id,
    )
    require_change(request.user, task.plan)
    form = MilestonesForm(
        request.POST or None, initial={"lines": MilestonesForm.initial_text(task.milestones)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_milestones(
                task, milestones=form.cleaned_data["lines"], actor=request.user, source="web"
            )
        except ValidationError as exc:
            form.add_error("lines", exc.message_dict.get("milestones", exc.messages))
        else:
            messages.success(request, _("节点计划已保存"))
            return redirect("plans:milestones", task_id=task.pk)
    due = actions.task_due(task)
    today = timezone.localdate()
    curve = [
        (task.plan.start_date.isoformat(), 0.0),
        *[(d.isoformat(), p) for d, p in milestone_nodes(task.milestones)],
        (due.isoformat(), 100.0),
    ]
    return render(
        request,
        "plans/milestones.html",
        {
            "task": task,
            "due": due,
            "form": form,
            "assignments": task.assignments.select_related("unit").order_by("pk"),
            "expected_today": expected_progress(
                start=task.plan.start_date, due=due, as_of=today, milestones=milestone_nodes(task.milestones)
            ),
            "today": today,
            "curve": {
                "tooltip": {"trigger": "axis"},
                "grid": {"left": 50, "right": 20, "top": 20, "bottom": 30},
                "xAxis": {"type": "time"},
                "yAxis": {"type": "value", "max": 100, "name": "%"},
                "series": [{"type": "line", "name": str(_("序时进度")), "data": curve}],
            },
        },
        status=400 if request.method == "POST" else 200,
    )
