"""我的项目: the projects a user answers for — those their unit leads (招商责任单位) or serves (包保部门), and
those they are the linked leader (挂钩领导) of — reddest first, each with its stage and light."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from devzone.accounts.access import scope
from devzone.orgs.models import Zone
from devzone.projects.models import Project
from devzone.projects.stages import STAGES
from devzone.projects.store import table
from devzone.projects.views.boards import NOT_SIGNED, stages_of
from devzone.projects.views.common import as_of, method_of, year_of

ORDER = {"红": 0, "黄": 1, "绿": 2}


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    user = request.user
    unit = getattr(user, "unit_id", None)
    name = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    mine_q = Q(pk__in=[])
    if unit:
        mine_q |= Q(lead_unit_id=unit) | Q(service_unit_id=unit)
    if name:
        mine_q |= Q(linked_leader=name)
    projects = list(scope(user, Project.objects.filter(mine_q)).select_related("zone", "lead_unit"))
    method, year = method_of(request), year_of(request)
    on = as_of(year)
    rows = []
    zones = Zone.objects.filter(pk__in={p.zone_id for p in projects})
    for zone in zones:
        t = table([zone], method)
        stage, light, tier_of = stages_of(t, method, on)
        row_of = {str(c): k for k, c in enumerate(t.code)}
        for p in (p for p in projects if p.zone_id == zone.pk):
            k = row_of.get(p.code)
            rows.append({
                "project": p, "light": light.colour(k) if k is not None else "",
                "stage": STAGES[int(stage[k])] if k is not None and stage[k] >= 0 else NOT_SIGNED,
                "tier": tier_of.get(k, "") if k is not None else "",
            })  # fmt: skip
    rows.sort(key=lambda r: (ORDER.get(r["light"], 3), r["project"].zone.name, r["project"].code))
    context = {"rows": rows, "unit": getattr(user, "unit", None), "name": name, "year": year, "on": on,
               "method": method}  # fmt: skip
    return render(request, "projects/mine.html", context)
