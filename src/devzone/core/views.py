"""The home page: what the signed-in user's zones look like at a glance."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from devzone.accounts.access import scope
from devzone.orgs.models import Unit, Zone, ZoneKind, ZoneLevel


@login_required
def home(request: HttpRequest) -> HttpResponse:
    zones = scope(request.user, Zone.objects.all(), zone_field="pk")
    by_kind = dict(zones.values_list("kind").annotate(n=Count("pk")))
    by_level = dict(zones.values_list("level").annotate(n=Count("pk")))
    by_city = list(zones.values_list("city").annotate(n=Count("pk")).order_by("-n", "city"))
    kinds = [(str(label), by_kind.get(value, 0)) for value, label in ZoneKind.choices]
    chart = {
        "tooltip": {},
        "legend": {"top": 0},
        "grid": {"left": 40, "right": 10, "top": 40, "bottom": 30},
        "xAxis": {"type": "category", "data": [c for c, _n in by_city]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": _("开发区数量"), "type": "bar", "data": [n for _c, n in by_city]}],
    }
    context = {
        "zone_count": zones.count(),
        "unit_count": scope(request.user, Unit.objects.all()).count(),
        "kinds": kinds,
        "levels": [(str(label), by_level.get(value, 0)) for value, label in ZoneLevel.choices],
        "chart": chart,
    }
    return render(request, "core/home.html", context)
