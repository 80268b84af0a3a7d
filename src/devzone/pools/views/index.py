"""The pools' start page: the zones the user reads, each with its pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from devzone.accounts.access import scope
from devzone.orgs.models import Zone


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    zones = list(scope(request.user, Zone.objects.all(), zone_field="pk").order_by("name"))
    if len(zones) == 1:
        return redirect("pools:screen", zone_id=zones[0].pk)
    return render(request, "pools/index.html", {"zones": zones})
