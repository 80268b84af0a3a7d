"""Data collection pages: a zone's .xlsx template, and the upload that imports it whole or not at all."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from devzone.accounts.access import can_change, get_visible, require_change
from devzone.core import jobs
from devzone.core.files import FileRefused, read_upload
from devzone.core.models import Job
from devzone.core.responses import attachment
from devzone.indicators.actions import ImportResult, import_submission
from devzone.indicators.forms import PeriodForm, UploadForm
from devzone.indicators.periods import parse_period
from devzone.indicators.store import needed_codes, plan_span, stored_catalogue, targets_for, zone_code
from devzone.indicators.template import read_template, template_spec, write_template
from devzone.indicators.validate import ISSUE_CODES
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User


def template_bytes(zone: Zone, period_label: str) -> bytes:
    """The zone's template for a period: the indicators its targets need (the whole catalogue if none)."""
    first, last = plan_span(zone, city=zone.city)
    periods = tuple(parse_period(str(year)) for year in range(first.year, last.year + 1))
    spec = template_spec(
        catalogue=stored_catalogue(),
        zone_code=zone_code(zone),
        zone_name=zone.name,
        period=parse_period(period_label),
        codes=needed_codes(targets_for(zone, city=zone.city)),
    )
    if parse_period(period_label) not in periods:
        periods = (*periods, parse_period(period_label))
    return write_template(dataclasses.replace(spec, periods=periods))


@login_required
def template_download(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
    require_change(request.user, zone)
    form = PeriodForm(request.GET or {"period": str(dt.date.today().year - 1)})
    if not form.is_valid():
        return render(request, "indicators/data.html", _data_context(zone, PeriodForm(), UploadForm(), None))
    period = form.cleaned_data["period"]
    return attachment(template_bytes(zone, period), filename=f"数据填报模板-{zone.name}-{period}.xlsx")


def _data_context(
    zone: Zone, period_form: PeriodForm, upload_form: UploadForm, result: object
) -> dict[str, object]:
    first, last = plan_span(zone, city=zone.city)
    return {
        "zone": zone,
        "period_form": period_form,
        "upload_form": upload_form,
        "result": result,
        "span": f"{first.label}–{last.label}",
        "issue_codes": ISSUE_CODES,
    }


@login_required
@require_http_methods(["GET", "POST"])
def data_import(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=zone_id)
    if not can_change(request.user, zone):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            name, content = read_upload(upload)  # the bytes now: the request's temporary file goes with it
        except FileRefused as error:
            form.add_error("file", str(error))
        else:
            job = jobs.start(
                kind=JOB_KIND,
                owner=request.user,
                label=f"{zone.name} · {upload.name}",
                params={"zone": zone.pk},
                work=partial(
                    _import, zone=zone, actor=request.user, name=name, content=content, file=upload.name
                ),
            )
            return jobs.answer(request, job, url=_job_url(job), finished=_finished)
    return _page(request, zone, form, None)


JOB_KIND = "indicators.import"


def _import(
    progress: jobs.Progress, *, zone: Zone, actor: User, name: str, content: bytes, file: str
) -> jobs.Outcome:
    """The upload's work, in the background: read the template, check it whole, store it or refuse it."""
    progress.stage("读取文件")
    try:
        submission = read_template(content, name=name)
    except FileRefused as error:
        return jobs.Outcome(file_error=str(error))
    progress.stage(f"检查并写入数据（{len(submission.rows):,} 行）")
    result = import_submission(submission, zone=zone, city=zone.city, actor=actor, source="web", file=file)
    if not result.ok:
        return jobs.Outcome(issues=result.issues)
    message = _("导入完成：新增 %(created)d 条，修订 %(revised)d 条，未变 %(unchanged)d 条") % {
        "created": result.created,
        "revised": result.revised,
        "unchanged": result.unchanged,
    }
    return jobs.Outcome(url=reverse("indicators:zone", kwargs={"zone_id": zone.pk}), message=message)


def _job_url(job: Job) -> str:
    return reverse("indicators:import_job", kwargs={"zone_id": job.params["zone"], "job_id": job.pk})


def _page(request: HttpRequest, zone: Zone, form: UploadForm, result: ImportResult | None) -> HttpResponse:
    period_form = PeriodForm(initial={"period": str(dt.date.today().year - 1)})
    status = 422 if result is not None and not result.ok else 200
    return render(
        request, "indicators/data.html", _data_context(zone, period_form, form, result), status=status
    )


def _finished(request: HttpRequest, job: Job, outcome: jobs.Outcome) -> HttpResponse:
    """What the upload showed before imports ran in the background: every issue, or the zone's page."""
    zone = get_visible(request.user, Zone.objects.all(), zone_field="pk", pk=job.params["zone"])
    if outcome.file_error:
        form = UploadForm()
        form.errors["file"] = form.error_class([outcome.file_error])
        return _page(request, zone, form, None)
    if outcome.issues:
        return _page(request, zone, UploadForm(), ImportResult(issues=tuple(outcome.issues)))
    messages.success(request, outcome.message)
    return redirect(outcome.url)


@login_required
@require_GET
def import_job(request: HttpRequest, zone_id: int, job_id: int) -> HttpResponse:
    job = jobs.owned(request, job_id, JOB_KIND)
    if job.params.get("zone") != zone_id:
        raise Http404("job")
    return jobs.page(request, job, url=_job_url(job), finished=_finished)
