"""Downloads: the zone's land indicators and its candidates and disposal ledger (.xlsx)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from devzone.core.responses import XLSX, attachment
from devzone.land.exports import candidates_workbook, indicators_workbook
from devzone.land.models import DisposalCase
from devzone.land.store import zone_year
from devzone.land.views.candidates import found_for
from devzone.land.views.common import as_of, method, year_of, zone_of


@login_required
@require_GET
def indicators_xlsx(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    year = year_of(request)
    figures = zone_year(zone, year=year, on=as_of(year), method=method())
    content = indicators_workbook(zone.name, year, as_of(year), figures, method())
    return attachment(content, filename=f"{zone.name}-土地集约利用指标-{year}.xlsx", content_type=XLSX)


@login_required
@require_GET
def candidates_xlsx(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    year = year_of(request)
    found = found_for(zone, year)
    cases = DisposalCase.objects.filter(zone=zone).select_related("parcel", "lease").order_by("pk")
    content = candidates_workbook(
        zone.name, year, as_of(year), found=found, cases=list(cases), method=method()
    )
    return attachment(content, filename=f"{zone.name}-低效闲置用地台账-{year}.xlsx", content_type=XLSX)
