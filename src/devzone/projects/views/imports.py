"""Project ledger imports (项目台账导入): upload a zone's ledger (checked whole, run as a background job),
and the past batches. The file goes through the shared reader; nothing is written unless it is valid."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.access import changeable_zone_ids, require_change, scope
from devzone.core import files, jobs
from devzone.core.files import CellIssue, FileRefused
from devzone.core.models import Job
from devzone.orgs.models import Zone
from devzone.projects.actions.imports import IMPORT_LIMITS, Upload, import_projects
from devzone.projects.forms import ProjectUploadForm
from devzone.projects.models import ProjectImport

JOB_KIND = "projects.import"


def _changeable_zones(request: HttpRequest) -> QuerySet[Zone]:
    ids = changeable_zone_ids(request.user)
    zones = Zone.objects.order_by("city", "name")
    return zones if ids is None else zones.filter(pk__in=ids)


def _page(
    request: HttpRequest, form: ProjectUploadForm | None, issues: tuple[CellIssue, ...] = ()
) -> HttpResponse:
    imports = scope(request.user, ProjectImport.objects.select_related("zone", "created_by"))
    context = {
        "page": Paginator(imports, 50).get_page(request.GET.get("page")),
        "form": form,
        "issues": issues,
    }
    return render(request, "projects/imports.html", context, status=422 if issues else 200)


@login_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    zones = _changeable_zones(request)
    return _page(request, ProjectUploadForm(zones=zones) if zones.exists() else None)


def _job_url(job: Job) -> str:
    return reverse("projects:import_job", kwargs={"job_id": job.pk})


def _finished(request: HttpRequest, job: Job, outcome: jobs.Outcome) -> HttpResponse:
    if outcome.issues:
        form = ProjectUploadForm(zones=_changeable_zones(request), initial={"zone": job.params.get("zone")})
        return _page(request, form, tuple(outcome.issues))
    messages.success(request, outcome.message)
    return redirect(outcome.url)


@login_required
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    zones = _changeable_zones(request)
    if not zones.exists():
        raise PermissionDenied
    form = ProjectUploadForm(request.POST, request.FILES, zones=zones)
    if not form.is_valid():
        return _page(request, form)
    zone = form.cleaned_data["zone"]
    require_change(request.user, zone)
    try:
        name, content = files.read_upload(form.cleaned_data["file"], IMPORT_LIMITS)
    except FileRefused as exc:
        return _page(request, form, exc.issues)
    actor = request.user

    # A ledger of thousands of projects and their milestones takes seconds to check: a background job.
    def work(progress: jobs.Progress) -> jobs.Outcome:
        progress.stage("检查并写入项目台账")
        try:
            batch = import_projects(zone=zone, upload=Upload(name=name, content=content), actor=actor,  # type: ignore[arg-type]
                                    source="web")  # fmt: skip
        except FileRefused as exc:
            return jobs.Outcome(issues=exc.issues)
        url = reverse("projects:board", kwargs={"zone_id": zone.pk})
        return jobs.Outcome(url=url, message=f"已导入 {batch.rows} 个项目（{name}）")

    job = jobs.start(kind=JOB_KIND, owner=request.user, label=f"{zone.name} · {name}",  # type: ignore[arg-type]
                     params={"zone": zone.pk}, work=work)  # fmt: skip
    return jobs.answer(request, job, url=_job_url(job), finished=_finished)


@login_required
@require_GET
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.owned(request, job_id, JOB_KIND)
    return jobs.page(request, job, url=_job_url(job), finished=_finished)
