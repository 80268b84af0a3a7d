"""A zone's imports in the browser: a province's certificate list (认定名单) and the yearly supplement.

Both go the way every import goes: the shared reader takes the bytes (size limit before reading, the
parse in a child process), the work runs as a background job, every fault of a refused file is listed
at once beside the form, and nothing is written unless the whole file is valid.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.access import require_change
from devzone.core import jobs
from devzone.core.files import CellIssue, FileRefused, read_upload
from devzone.core.models import Job
from devzone.core.responses import attachment
from devzone.enterprises.models import Enterprise
from devzone.orgs.models import Zone
from devzone.pools.actions.qualifications import import_certificates
from devzone.pools.actions.supplement import import_supplement
from devzone.pools.forms import CertificateUploadForm, SupplementUploadForm
from devzone.pools.kinds import BY_CODE
from devzone.pools.report import supplement_template
from devzone.pools.views.common import zone_context, zone_of

JOB_KIND = "pools.import"
SHOWN_ISSUES = 500  # a page lists this many; the count says how many more there are


def _page(
    request: HttpRequest,
    zone: Zone,
    *,
    certificates: CertificateUploadForm | None = None,
    supplement: SupplementUploadForm | None = None,
    issues: tuple[CellIssue, ...] = (),
    which: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        **zone_context(request, zone, "imports"),
        "certificates": certificates or CertificateUploadForm(),
        "supplement": supplement or SupplementUploadForm(),
        "issues": issues[:SHOWN_ISSUES], "issue_count": len(issues), "more": max(0, len(issues) - SHOWN_ISSUES),
        "which": which,
    }  # fmt: skip
    return render(request, "pools/imports.html", context, status=status)


@login_required
@require_GET
def imports_page(request: HttpRequest, zone_id: int) -> HttpResponse:
    return _page(request, zone_of(request, zone_id))


def _job_url(job: Job) -> str:
    return reverse("pools:import_job", kwargs={"job_id": job.pk})


def _finished(request: HttpRequest, job: Job, outcome: jobs.Outcome) -> HttpResponse:
    if outcome.issues:
        zone = zone_of(request, int(job.params["zone"]))
        which = str(job.params.get("which", ""))
        form = CertificateUploadForm(initial={"kind": job.params.get("kind")})
        return _page(request, zone, certificates=form, issues=tuple(outcome.issues), which=which, status=422)
    messages.success(request, outcome.message)
    return redirect(outcome.url)


def _certificates(
    progress: jobs.Progress, *, zone: Zone, kind: str, name: str, content: bytes, actor: Any
) -> jobs.Outcome:
    try:
        done = import_certificates(
            name=name, content=content, kind=kind, actor=actor, source="web", zone=zone
        )
    except FileRefused as exc:
        return jobs.Outcome(issues=exc.issues)
    message = (
        f"{BY_CODE[kind].name}认定名单已导入：新增 {done.created} 条，更新 {done.revised} 条，未变 {done.unchanged} 条；"
        f"名单中另有 {done.outside} 家不是{zone}的企业，已跳过"
    )
    return jobs.Outcome(url=reverse("pools:qualifications", kwargs={"zone_id": zone.pk}), message=message)


def _supplement(
    progress: jobs.Progress, *, zone: Zone, name: str, content: bytes, actor: Any
) -> jobs.Outcome:
    try:
        done = import_supplement(zone=zone, name=name, content=content, actor=actor, source="web")
    except FileRefused as exc:
        return jobs.Outcome(issues=exc.issues)
    message = f"年度补充数据已导入：新增 {done['created']} 条，更新 {done['revised']} 条"
    return jobs.Outcome(url=reverse("pools:screen", kwargs={"zone_id": zone.pk}), message=message)


@login_required
@require_POST
def certificates_upload(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request, zone_id)
    require_change(request.user, zone)
    form = CertificateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, zone, certificates=form, which="certificates", status=400)
    try:
        name, content = read_upload(form.cleaned_data["file"])  # the bytes now, before the job
    except FileRefused as exc:
        return _page(request, zone, certificates=form, issues=exc.issues, which="certificates", status=422)
    kind = form.cleaned_data["kind"]
    job = jobs.start(
        kind=JOB_KIND, owner=request.user, label=f"{zone} · {BY_CODE[kind].name}认定名单 · {name}",
        params={"zone": zone.pk, "kind": kind, "which": "certificates"},
        work=partial(_certificates, zone=zone, kind=kind, name=name, content=content, actor=request.user),
    )  # fmt: skip
    return jobs.answer(request, job, url=_job_url(job), finished=_finished)


@login_required
@require_POST
def supplement_upload(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request, zone_id)
    require_change(request.user, zone)
    form = SupplementUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, zone, supplement=form, which="supplement", status=400)
    try:
        name, content = read_upload(form.cleaned_data["file"])
    except FileRefused as exc:
        return _page(request, zone, supplement=form, issues=exc.issues, which="supplement", status=422)
    job = jobs.start(
        kind=JOB_KIND, owner=request.user, label=f"{zone} · 年度补充数据 · {name}",
        params={"zone": zone.pk, "which": "supplement"},
        work=partial(_supplement, zone=zone, name=name, content=content, actor=request.user),
    )  # fmt: skip
    return jobs.answer(request, job, url=_job_url(job), finished=_finished)


@login_required
@require_GET
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.owned(request, job_id, JOB_KIND)
    return jobs.page(request, job, url=_job_url(job), finished=_finished)


@login_required
@require_GET
def supplement_xlsx(request: HttpRequest, zone_id: int) -> HttpResponse:
    """The yearly supplement template: one row per firm of the zone, its USCC and name filled in."""
    zone = zone_of(request, zone_id)
    year = request.GET.get("year", "")
    firms = Enterprise.objects.filter(zone=zone).order_by("name").values_list("uscc", "name")
    title = f"{zone}年度补充数据"
    return attachment(supplement_template(list(firms), year=int(year) if year.isdigit() else None),
                      filename=f"{title}.xlsx")  # fmt: skip
