"""The monthly 项目调度 report (.docx) of the zones a user reads, built in the background (seconds for a city)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from devzone.accounts.access import scope
from devzone.core import document_jobs
from devzone.core.jobs import Progress
from devzone.orgs.models import Zone
from devzone.projects.models import Project
from devzone.projects.report import Month, monthly_report
from devzone.projects.supervision import supervision_docx
from devzone.projects.views.common import as_of, method_of, year_of, zone_of


def _last_month() -> str:
    today = timezone.localdate()
    return f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"


@login_required
@require_GET
def monthly(request: HttpRequest) -> HttpResponse:
    """``?month=2025-06`` (default: last month), ``?zone=`` for one zone, ``?method=`` as on the pages."""
    try:
        month = Month.parse(request.GET.get("month") or _last_month())
    except ValueError as exc:
        raise Http404("month") from exc
    method = method_of(request)
    raw = request.GET.get("zone", "")
    if raw:
        if not raw.isdigit():
            raise Http404("zone")
        zones = [zone_of(request.user, int(raw))]
    else:
        with_projects = scope(request.user, Project.objects.all()).values("zone")
        zones = list(
            scope(request.user, Zone.objects.filter(pk__in=with_projects), zone_field="pk").order_by(
                "city", "name"
            )
        )
    cities = {z.city for z in zones}
    scope_name = (
        zones[0].name if len(zones) == 1 else (next(iter(cities)) if len(cities) == 1 else "各开发区")
    )

    def build(progress: Progress) -> bytes:
        progress.stage("统计项目与比率")
        return monthly_report(zones, method, month, title_scope=scope_name)

    filename = f"{scope_name}-招商项目调度-{month.year}{month.month:02d}.docx"
    return document_jobs.offer(request, filename=filename, build=build)


@login_required
@require_GET
def supervision(request: HttpRequest, zone_id: int) -> HttpResponse:
    """督办单 of a zone's late nodes on the as-of day of ``?year=`` (built in the background)."""
    zone = zone_of(request.user, zone_id)
    method = method_of(request)
    on = as_of(year_of(request))
    number = f"{zone.short_name or zone.name}招商督〔{on.year}〕{on.month:02d}{on.day:02d}"
    unit = getattr(request.user, "unit", None)  # the issuing unit: the user's own (its seal goes over it)
    issuer = unit.name if unit is not None else None

    def build(progress: Progress) -> bytes:
        progress.stage("核对项目节点")
        return supervision_docx(zone, method, on, number=number, issuer=issuer)

    return document_jobs.offer(request, filename=f"{zone.name}-项目节点督办单-{on:%Y%m%d}.docx", build=build)
