"""Data imports (数据导入): upload a year's file for a zone, the template, past batches."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.access import changeable_zone_ids, get_visible, require_change, scope, sees_all_zones
from devzone.core import jobs
from devzone.core.models import Job
from devzone.core.responses import XLSX, content_type_of
from devzone.enterprises.actions import ImportRejected, Upload, import_year_data
from devzone.enterprises.forms import TemplateForm, UploadForm
from devzone.enterprises.inputs import InputIssue
from devzone.enterprises.inputs_schema import BY_NAME
from devzone.enterprises.models import DataImport
from devzone.enterprises.template import write_template
from devzone.enterprises.views.common import download
from devzone.orgs.models import Zone


def _changeable_zones(request: HttpRequest) -> QuerySet[Zone]:
    ids = changeable_zone_ids(request.user)
    zones = Zone.objects.all()
    return zones if ids is None else zones.filter(pk__in=ids)


def _page(request: HttpRequest, form: UploadForm | None, issues: tuple[InputIssue, ...] = ()) -> HttpResponse:
    imports = scope(request.user, DataImport.objects.select_related("zone", "created_by"))
    context = {
        "page": Paginator(imports, 50).get_page(request.GET.get("page")),
        "form": form,
        "issues": issues,
        # the column by its Chinese label (the template's first row); an unknown column as the file wrote it
        "issues_with_columns": [
            (i, BY_NAME[i.column].label if i.column in BY_NAME else i.column) for i in issues
        ],
        "template_form": TemplateForm(initial={"year": _default_year()}),
        "sees_all": sees_all_zones(request.user),
    }
    return render(request, "enterprises/imports.html", context, status=422 if issues else 200)


def _default_year() -> int:
    return int(timezone.localdate().year) - 1


@login_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    zones = _changeable_zones(request)
    form = UploadForm(zones=zones, initial={"year": _default_year()}) if zones.exists() else None
    return _page(request, form)


@login_required
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    zones = _changeable_zones(request)
    if not zones.exists():
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES, zones=zones)
    if not form.is_valid():
        return _page(request, form)
    zone = form.cleaned_data["zone"]
    require_change(request.user, zone)
    try:
        file = Upload.of(
            form.cleaned_data["file"]
        )  # the bytes now: the request's temporary file goes with it
    except ImportRejected as exc:
        return _page(request, form, exc.issues)
    year, actor = form.cleaned_data["year"], request.user

    def work(progress: jobs.Progress) -> jobs.Outcome:
        try:
            batch = import_year_data(
                zone=zone, year=year, upload=file, actor=actor, source="web", progress=progress
            )
        except ImportRejected as exc:
            return jobs.Outcome(issues=exc.issues)
        url = reverse("enterprises:import", kwargs={"import_id": batch.pk})
        return jobs.Outcome(url=url, message=_("已导入 %(n)d 行数据") % {"n": batch.rows})

    job = jobs.start(
        kind=JOB_KIND,
        owner=request.user,
        label=f"{zone.name} {year} 年 · {file.name}",
        params={"zone": zone.pk, "year": year},
        work=work,
    )
    return jobs.answer(request, job, url=_job_url(job), finished=_finished)


JOB_KIND = "enterprises.import"


def _job_url(job: Job) -> str:
    return reverse("enterprises:import_job", kwargs={"job_id": job.pk})


def _finished(request: HttpRequest, job: Job, outcome: jobs.Outcome) -> HttpResponse:
    """What the upload showed before imports ran in the background: every issue, or the new batch."""
    if outcome.issues:
        initial = {"zone": job.params.get("zone"), "year": job.params.get("year")}
        return _page(
            request, UploadForm(zones=_changeable_zones(request), initial=initial), tuple(outcome.issues)
        )
    messages.success(request, outcome.message)
    return redirect(outcome.url)


@login_required
@require_GET
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.owned(request, job_id, JOB_KIND)
    return jobs.page(request, job, url=_job_url(job), finished=_finished)


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    form = TemplateForm(request.GET)
    if not form.is_valid():
        raise Http404("year")
    year = form.cleaned_data["year"]
    with tempfile.TemporaryDirectory() as tmp:
        path = write_template(year=year, path=Path(tmp) / "template.xlsx")
        content = path.read_bytes()
    return download(content, name=f"亩均数据填报模板-{year}年.xlsx", content_type=XLSX)


@login_required
@require_GET
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    batch: DataImport = get_visible(
        request.user, DataImport.objects.select_related("zone", "created_by"), pk=import_id
    )
    records = batch.records.select_related("enterprise").order_by("enterprise__uscc")
    context = {"batch": batch, "page": Paginator(records, 100).get_page(request.GET.get("page"))}
    return render(request, "enterprises/import_detail.html", context)


@login_required
@require_GET
def import_file(request: HttpRequest, import_id: int) -> HttpResponse:
    batch: DataImport = get_visible(request.user, DataImport.objects.all(), pk=import_id)
    with batch.file.open("rb") as handle:
        content = handle.read()
    name = batch.original_name or f"导入文件-{batch.pk}"
    return download(content, name=name, content_type=content_type_of(name))
