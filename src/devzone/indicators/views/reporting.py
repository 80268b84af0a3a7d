"""数据报送情况: which zone reported which year, with locking (and reminders) for the coordinator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from devzone.accounts.access import can_change_shared, require_shared_change, scope
from devzone.indicators.locks import LockError, lock_period, remind_missing, unlock_period
from devzone.indicators.models import PeriodLock
from devzone.indicators.reporting import reporting_grid
from devzone.orgs.models import Zone


def _back(city: str) -> HttpResponse:
    return redirect(f"{reverse('indicators:reporting')}?{urlencode({'city': city})}")


@login_required
def reporting(request: HttpRequest) -> HttpResponse:
    zones = scope(request.user, Zone.objects.all(), zone_field="pk")
    cities = sorted(set(zones.values_list("city", flat=True)))
    city = request.GET.get("city") or (cities[0] if cities else "")
    if city not in cities:
        city = cities[0] if cities else ""
    grid = reporting_grid(city, list(zones.filter(city=city).order_by("name"))) if city else None
    context = {"grid": grid, "city": city, "cities": cities, "can_lock": can_change_shared(request.user)}
    return render(request, "indicators/reporting.html", context)


@login_required
@require_POST
def lock(request: HttpRequest) -> HttpResponse:
    require_shared_change(request.user)
    city = request.POST.get("city", "")
    if city not in set(
        scope(request.user, Zone.objects.all(), zone_field="pk").values_list("city", flat=True)
    ):
        messages.error(request, _("请选择城市"))
        return redirect("indicators:reporting")
    try:
        made = lock_period(
            city=city,
            period=request.POST.get("period", ""),
            note=request.POST.get("note", ""),
            actor=request.user,
        )
    except LockError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("已锁定 %(city)s %(period)s 的数据") % {"city": city, "period": made.period}
        )
    return _back(city)


@login_required
@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    require_shared_change(request.user)
    zones = scope(request.user, Zone.objects.all(), zone_field="pk")
    city = request.POST.get("city", "")
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    if city not in set(zones.values_list("city", flat=True)) or not 1900 <= year <= 2200:
        messages.error(request, _("请选择城市和年度"))
        return redirect("indicators:reporting")
    grid = reporting_grid(city, list(zones.filter(city=city).order_by("name")))
    missing = grid.missing_zones(year)
    if not missing:
        messages.info(request, _("%(year)d 年各开发区均已报齐，无需提醒") % {"year": year})
        return _back(city)
    told = remind_missing(city=city, year=year, zones=missing, actor=request.user, today=timezone.localdate())
    messages.success(
        request,
        _("已提醒 %(zones)d 个未报齐的开发区（%(people)d 人）；今天已提醒过的不再重复")
        % {"zones": len(missing), "people": told},
    )
    return _back(city)


@login_required
@require_POST
def unlock(request: HttpRequest, lock_id: int) -> HttpResponse:
    require_shared_change(request.user)
    found = get_object_or_404(PeriodLock, pk=lock_id)
    city, period = found.city, found.period
    unlock_period(found, actor=request.user)
    messages.success(request, _("已解锁 %(city)s %(period)s 的数据") % {"city": city, "period": period})
    return _back(city)
