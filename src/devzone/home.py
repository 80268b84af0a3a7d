"""The home page: each role's own work first (待报送 / 已逾期 / 本月到期; what awaits a coordinator),
then the zones at a glance. A root module: it reads several slices' public functions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from devzone.orgs.views import zone_overview
from devzone.plans.summary import SHOWN, work_summary


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    work = work_summary(request.user, today=today)
    context = {"work": work, "shown": SHOWN, "today": today, **zone_overview(request.user)}
    return render(request, "orgs/home.html", context)
