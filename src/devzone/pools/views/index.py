"""The pools' start page: the zones the user reads, each with its pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from devzone.orgs.zone_lists import zone_list


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    listed = zone_list(request)
    if listed.total == 1 and len(listed.page):
        return redirect("pools:screen", zone_id=listed.page[0].pk)
    return render(request, "pools/index.html", listed.context)
