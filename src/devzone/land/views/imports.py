"""Parcel imports (宗地导入): upload a file for a zone (checked whole, run as a background job), past batches."""

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
from devzone.land.actions import import_boundary, import_parcels
from devzone.land.actions.imports import LAND_LIMITS
from devzone.land.forms import BoundaryUploadForm, ParcelUploadForm
from devzone.land.models import LandImport, ZoneBoundary
from devzone.orgs.models import Zone

JOB_KIND = "land.import"


def _changeable_zones(request: HttpRequest) -> QuerySet[Zone]:
    ids = changeable_zone_ids(request.user)
    zones = Zone.objects.all()
    return zones if ids is None else zones.filter(pk__in=ids)


def _page(
    request: HttpRequest,
    form: ParcelUploadForm | None,
    issues: tuple[CellIssue, ...] = (),
    boundary_form: BoundaryUploadForm | None = None,
) -> HttpResponse:
    imports = scope(request.user, LandImport.objects.select_related("zone", "created_by"))
    zones = _changeable_zones(request)
    context = {
        "page": Paginator(imports, 50).get_page(request.GET.get("page")),
        "form": form,
        "boundary_form": boundary_form or (BoundaryUploadForm(zones=zones) if form is not None else None),
        "boundaries": scope(request.user, ZoneBoundary.objects.select_related("zone", "created_by")).order_by(
            "zone__name"
        ),
        "issues": issues,
    }
    return render(request, "land/imports.html", context, status=422 if issues else 200)


@login_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    zones = _changeable_zones(request)
    return _page(request, ParcelUploadForm(zones=zones) if zones.exists() else None)


def _job_url(job: Job) -> str:
    return reverse("land:import_job", kwargs={"job_id": job.pk})


def _finished(request: HttpRequest, job: Job, outcome: jobs.Outcome) -> HttpResponse:
    if outcome.issues:
        form = ParcelUploadForm(zones=_changeable_zones(request), initial={"zone": job.params.get("zone")})
        return _page(request, form, tuple(outcome.issues))
    messages.success(request, outcome.message)
    return redirect(outcome.url)


@login_required
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    zones = _changeable_zones(request)
    if not zones.exists():
        raise PermissionDenied
    form = ParcelUploadForm(request.POST, request.FILES, zones=zones)
    if not form.is_valid():
        return _page(request, form)
    zone = form.cleaned_data["zone"]
    require_change(request.user, zone)
    try:
        name, content = files.read_upload(form.cleaned_data["file"], LAND_LIMITS)
    except FileRefused as exc:
        return _page(request, form, exc.issues)
    crs, actor = form.cleaned_data["crs"], request.user

    # A Shapefile of 5,000 parcels takes seconds to check (validity, overlaps, areas): a background job.
    def work(progress: jobs.Progress) -> jobs.Outcome:
        try:
            batch = import_parcels(zone=zone, name=name, content=content, actor=actor, source="web", crs=crs,
                                   progress=progress)  # fmt: skip
        except FileRefused as exc:
            return jobs.Outcome(issues=exc.issues)
        url = reverse("land:map", kwargs={"zone_id": zone.pk})
        return jobs.Outcome(url=url, message=f"已导入 {batch.parcels} 宗地")

    job = jobs.start(kind=JOB_KIND, owner=request.user, label=f"{zone.name} · {name}",
                     params={"zone": zone.pk}, work=work)  # fmt: skip
    return jobs.answer(request, job, url=_job_url(job), finished=_finished)


@login_required
@require_GET
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.owned(request, job_id, JOB_KIND)
    return jobs.page(request, job, url=_job_url(job), finished=_finished)


@login_required
@require_POST
def boundary_upload(request: HttpRequest) -> HttpResponse:
    """Set a zone's boundary (one polygon layer; small enough to check while the user waits)."""
    zones = _changeable_zones(request)
    if not zones.exists():
        raise PermissionDenied
    form = BoundaryUploadForm(request.POST, request.FILES, zones=zones)
    parcel_form = ParcelUploadForm(zones=zones)
    if not form.is_valid():
        return _page(request, parcel_form, boundary_form=form)
    zone = form.cleaned_data["zone"]
    require_change(request.user, zone)
    try:
        name, content = files.read_upload(form.cleaned_data["file"], LAND_LIMITS)
        boundary = import_boundary(zone=zone, name=name, content=content, actor=request.user, source="web",
                                   crs=form.cleaned_data["crs"])  # fmt: skip
    except FileRefused as exc:
        return _page(request, parcel_form, exc.issues, boundary_form=form)
    messages.success(request, f"已更新{zone.name}的开发区边界（{boundary.area_m2 * 0.0015:,.2f} 亩）")
    return redirect(reverse("land:map", kwargs={"zone_id": zone.pk}))
