"""A parcel's page (and its card on the map): areas, classes, contract, holder and 亩均, buildings, cases."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from devzone.accounts.access import get_visible, scope
from devzone.enterprises.models import MuResult
from devzone.land.models import Parcel


@login_required
@require_GET
def parcel_detail(request: HttpRequest, parcel_id: int) -> HttpResponse:
    parcel: Parcel = get_visible(
        request.user, Parcel.objects.select_related("zone", "holder", "land_import"), pk=parcel_id
    )
    results = []
    if parcel.holder_uscc:
        results = list(
            scope(request.user, MuResult.objects.filter(zone=parcel.zone, uscc=parcel.holder_uscc))
            .select_related("run")
            .order_by("-year", "-run__created_at")[:5]
        )
    far = parcel.floor_area_m2 / parcel.area_m2 if parcel.area_m2 else None
    coverage = (parcel.footprint_m2 + parcel.yard_m2) / parcel.area_m2 if parcel.area_m2 else None
    context = {
        "parcel": parcel, "results": results, "far": far, "coverage": coverage,
        "buildings": parcel.buildings.prefetch_related("units", "leases__units"),
        "cases": parcel.cases.order_by("-created_at"),
    }  # fmt: skip
    template = "land/_parcel_card.html" if request.headers.get("HX-Request") else "land/parcel.html"
    return render(request, template, context)
