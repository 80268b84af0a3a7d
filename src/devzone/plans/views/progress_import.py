"""进展批量报送: the template of the assignments a user reports on, and its upload (a background job)."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from devzone.core import document_jobs, jobs
from devzone.core.files import CellIssue, FileRefused, read_upload
from devzone.core.models import Job
from devzone.plans import actions
from devzone.plans.actions.bulk_reports import LIMITS, last_percents
from devzone.plans.forms import ProgressImportForm, current_period
from devzone.plans.models import OwnerRole
from devzone.plans.progress import due_expression, live
from devzone.plans.progress_sheet import Listed, template
from devzone.plans.views.common import reportable

if TYPE_CHECKING:
    from devzone.accounts.models import User

JOB_KIND = "plans.progress_import"
SHOWN_ISSUES = 500  # a page lists this many; the count says how many more there are
ROLES = dict(OwnerRole.choices)
PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _page(
    request: HttpRequest, form: ProgressImportForm, issues: tuple[CellIssue, ...] = (), *, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "count": live(reportable(request.user)).count(),
        "issues": issues[:SHOWN_ISSUES],
        "issue_count": len(issues),
        "more": max(0, len(issues) - SHOWN_ISSUES),
    }
    return render(request, "plans/progress_import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def progress_import(request: HttpRequest) -> HttpResponse:
    form = ProgressImportForm(request.POST or None, request.FILES or None)
    if request.method == "GET":
        return _page(request, form)
    if not reportable(request.user).exists():
        raise PermissionDenied
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        name, content = read_upload(form.cleaned_data["file"], LIMITS)  # the bytes now, before the job
    except FileRefused as exc:
        return _page(request, form, exc.issues, status=422)
    period = form.cleaned_data["period"]
    job = jobs.start(
        kind=JOB_KIND,
        owner=request.user,
        label=f"进展批量报送 {period} · {name}",
        params={"period": period},
        work=partial(_import, actor=request.user, name=name, content=content, period=period),
    )
    return jobs.answer(request, job, url=_job_url(job), finished=_finished)


def _import(progress: jobs.Progress, *, actor: User, name: str, content: bytes, period: str) -> jobs.Outcome:
    """The upload's work, in the background: read, check every row, store all or nothing."""
    try:
        count = actions.import_progress(
            name=name,
            content=content,
            period=period,
            assignments=reportable(actor),
            actor=actor,
            source="web",
            progress=progress,
        )
    except FileRefused as exc:
        return jobs.Outcome(issues=exc.issues)
    message = _("已报送 %(n)d 项任务进展（报告期 %(period)s）") % {"n": count, "period": period}
    return jobs.Outcome(url=reverse("plans:progress_import"), message=message)


def _job_url(job: Job) -> str:
    return reverse("plans:progress_import_job", kwargs={"job_id": job.pk})


def _finished(request: HttpRequest, job: Job, outcome: jobs.Outcome) -> HttpResponse:
    """Every issue of a refused file beside the form, or the message of a stored one."""
    if outcome.issues:
        form = ProgressImportForm(initial={"period": job.params.get("period") or current_period()})
        return _page(request, form, tuple(outcome.issues), status=422)
    messages.success(request, outcome.message)
    return redirect(outcome.url)


@login_required
@require_GET
def progress_import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.owned(request, job_id, JOB_KIND)
    return jobs.page(request, job, url=_job_url(job), finished=_finished)


@login_required
@require_GET
def progress_template(request: HttpRequest) -> HttpResponse:
    """The template of the assignments the user reports on (20,000 take seconds: a background document)."""
    period = request.GET.get("period", "")
    if not PERIOD.fullmatch(period):
        period = current_period()
    user = request.user

    def build(progress: jobs.Progress) -> bytes:
        return template(listed(user), period=period)

    return document_jobs.offer(request, filename=f"任务进展填报表-{period}.xlsx", build=build)


def listed(user: Any) -> list[Listed]:
    """The assignments ``user`` reports on, as the template lists them (by plan, task, unit)."""
    assignments = live(reportable(user))
    last = last_percents(assignments)
    values = (
        assignments.annotate(due=due_expression("task__"))
        .order_by("task__plan__title", "task__plan_id", "task__order", "task__key", "unit__name", "pk")
        .values_list(
            "pk", "task__plan__title", "task__key", "task__heading", "task__text", "unit__name", "role", "due"
        )
    )
    return [
        Listed(
            assignment_id=pk, plan=plan, task_key=key, task=(heading or text)[:300], unit=unit,
            role=str(ROLES.get(role, role)), due=due, last_percent=last.get(pk),
        )
        for pk, plan, key, heading, text, unit, role, due in values
    ]  # fmt: skip
