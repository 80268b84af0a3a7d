"""The enterprise registry (企业名录): list with filters, and one enterprise's years and results."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from devzone.accounts.access import get_visible, scope, sees_all_zones
from devzone.enterprises.forms import EnterpriseFilterForm
from devzone.enterprises.models import Enterprise, MuResult
from devzone.enterprises.views.common import method_of
from devzone.orgs.models import Zone


@login_required
@require_GET
def enterprise_list(request: HttpRequest) -> HttpResponse:
    zones = scope(request.user, Zone.objects.all(), zone_field="pk")
    form = EnterpriseFilterForm(request.GET or None, zones=zones)
    enterprises = scope(request.user, Enterprise.objects.select_related("zone")).annotate(
        n_years=Count("years")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            enterprises = enterprises.filter(Q(name__icontains=data["q"]) | Q(uscc__icontains=data["q"]))
        if data["zone"]:
            enterprises = enterprises.filter(zone=data["zone"])
        if data["industry"]:
            enterprises = enterprises.filter(
                industry_code__startswith=data["industry"].strip().lstrip("ABCDEFGHIJKLMNOPQRST")
            )
    page = Paginator(enterprises.order_by("zone__name", "name"), 50).get_page(request.GET.get("page"))
    template = (
        "enterprises/_enterprise_rows.html"
        if request.headers.get("HX-Request")
        else "enterprises/enterprise_list.html"
    )
    return render(request, template, {"form": form, "page": page, "sees_all": sees_all_zones(request.user)})


@login_required
@require_GET
def enterprise_detail(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise: Enterprise = get_visible(
        request.user, Enterprise.objects.select_related("zone"), pk=enterprise_id
    )
    results = list(
        scope(request.user, MuResult.objects.filter(enterprise=enterprise))
        .select_related("run")
        .order_by("-year", "-run__created_at")
    )
    for result in results:
        segments = {segment.code: str(segment.label) for segment in method_of(result.run).segments}
        result.segment_label = segments.get(result.segment, result.segment)
    context = {
        "enterprise": enterprise,
        "years": enterprise.years.order_by("-year").select_related("data_import"),
        "results": results,
    }
    return render(request, "enterprises/enterprise_detail.html", context)
