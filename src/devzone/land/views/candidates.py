"""The zone's 闲置土地 and 低效用地 candidates (and 标准厂房 findings) of a year; a candidate opens a case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.access import can_change, get_visible, require_change
from devzone.land.actions import CaseRefused, open_case
from devzone.land.forms import OpenCaseForm
from devzone.land.labels import rule_labels
from devzone.land.models import DisposalCase, Parcel
from devzone.land.store import Candidates, candidates
from devzone.land.views.common import as_of, method, year_of, zone_of
from devzone.orgs.models import Zone


def found_for(zone: Zone, year: int) -> Candidates:
    return candidates(zone, year=year, on=as_of(year), method=method())


@login_required
@require_GET
def candidate_list(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request.user, zone_id)
    year = year_of(request)
    found = found_for(zone, year)
    open_cases = dict(
        DisposalCase.objects.filter(zone=zone, parcel__isnull=False).values_list("parcel_id", "pk")
    )
    context = {
        "zone": zone, "year": year, "on": as_of(year), "found": found, "tab": "candidates",
        "idle": [(c, found.parcels[c.parcel_id], open_cases.get(int(c.parcel_id))) for c in found.idle],
        "exempt": [(e, found.parcels[e.parcel_id]) for e in found.exempt],
        "inefficient": [(c, found.parcels[c.parcel_id], open_cases.get(int(c.parcel_id)))
                        for c in found.inefficient],
        "can_change": can_change(request.user, zone), "method": method(),
    }  # fmt: skip
    return render(request, "land/candidates.html", context)


@login_required
@require_POST
def case_open(request: HttpRequest, zone_id: int) -> HttpResponse:
    """立案: open a case for a parcel that is a candidate of the year (the reasons are the engine's)."""
    zone = zone_of(request.user, zone_id)
    require_change(request.user, zone)
    form = OpenCaseForm(request.POST)
    if not form.is_valid():
        raise Http404("candidate")
    data = form.cleaned_data
    parcel: Parcel = get_visible(request.user, Parcel.objects.filter(zone=zone), pk=data["parcel"])
    found = found_for(zone, data["year"])
    hits = found.idle if data["kind"] == "idle" else found.inefficient
    hit = next((c for c in hits if c.parcel_id == str(parcel.pk)), None)
    if hit is None:
        raise Http404("candidate")
    rules = rule_labels([hit.rule] if data["kind"] == "idle" else list(hit.rules))  # type: ignore[union-attr]
    try:
        case = open_case(kind=data["kind"], parcel=parcel, rules=rules, reasons=list(hit.reasons),
                         actor=request.user, source="web")  # fmt: skip
    except CaseRefused as exc:
        messages.error(request, str(exc))
        return redirect("land:candidates", zone_id=zone.pk)
    messages.success(request, f"已立案：{case}")
    return redirect("land:case", case_id=case.pk)
