"""Writing the zone's land figures of a year to the indicator observations (from the zone page, and after
a case step that moves 盘活面积)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from devzone.accounts.access import require_change
from devzone.indicators.collect import FigureConflict
from devzone.land.actions.observe import observe_land_year
from devzone.land.forms import YearForm
from devzone.land.views.common import as_of, method, zone_of
from devzone.orgs.models import Zone


def observe(request: HttpRequest, zone: Zone, year: int) -> None:
    """Write the figures and say what happened (a conflict is a warning: the step itself stands)."""
    try:
        result = observe_land_year(zone, year=year, on=as_of(year), method=method(), actor=request.user,
                                   source="web")  # fmt: skip
    except FigureConflict as exc:
        messages.warning(request, "土地指标未写入指标监测：" + "；".join(exc.errors))
        return
    if result.created or result.revised:
        messages.info(
            request, f"{year} 年土地指标已写入指标监测（新增 {result.created} 项，修订 {result.revised} 项）"
        )


@login_required
@require_POST
def zone_observe(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    require_change(request.user, zone)
    form = YearForm(request.POST)
    if not form.is_valid():
        raise Http404("year")
    year = int(form.cleaned_data["year"])
    observe(request, zone, year)
    return redirect(f"/land/zones/{zone.pk}/?year={year}")
