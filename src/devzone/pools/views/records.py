"""A zone's qualifications (资质) and one qualification's record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from devzone.accounts.access import get_visible, scope
from devzone.pools.models import Qualification
from devzone.pools.views.common import zone_context, zone_of


@login_required
@require_GET
def qualification_list(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request, zone_id)
    found = scope(request.user, Qualification.objects.filter(zone=zone)).select_related("enterprise")
    kind = request.GET.get("kind", "")
    if kind:
        found = found.filter(kind=kind)
    page = Paginator(found.order_by("-valid_from", "enterprise__name"), 50).get_page(request.GET.get("page"))
    return render(
        request, "pools/qualifications.html", {**zone_context(request, zone, "records"), "page": page}
    )


@login_required
@require_GET
def qualification_detail(request: HttpRequest, qualification_id: int) -> HttpResponse:
    q = get_visible(
        request.user, Qualification.objects.select_related("enterprise", "zone"), pk=qualification_id
    )
    return render(request, "pools/qualification.html", {**zone_context(request, q.zone, "records"), "q": q})
