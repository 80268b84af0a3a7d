"""跟踪目标: a published plan's targets become indicator targets, from the plan as reviewed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from devzone.accounts.access import can_change, get_visible, require_change, scope
from devzone.indicators.forms import TrackPlanForm
from devzone.indicators.models import Target
from devzone.indicators.tracking import PlanNotTrackable, default_periods, track_plan, tracked_targets
from devzone.indicators.views.targets import announce_plan_targets
from devzone.plans.models import Plan, PlanStatus


@login_required
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest, plan_id: int) -> HttpResponse:
    # Drafts are not tracked and not shown here; a zone's plan is visible to its zone and the city.
    plan = get_visible(
        request.user, Plan.objects.exclude(status=PlanStatus.DRAFT).select_related("zone"), pk=plan_id
    )
    base, deadline = default_periods(plan)
    form = TrackPlanForm(request.POST or None, initial={"base_period": base, "default_deadline": deadline})
    if request.method == "POST":
        require_change(request.user, plan)
        if form.is_valid():
            try:
                result = track_plan(
                    plan,
                    actor=request.user,
                    source="web",
                    base_period=form.cleaned_data["base_period"],
                    default_deadline=form.cleaned_data["default_deadline"],
                )
            except PlanNotTrackable as error:
                messages.error(request, str(error))
            else:
                announce_plan_targets(request, result)
                return redirect("indicators:track_plan", plan_id=plan.pk)
    context = {
        "plan": plan,
        "form": form,
        "tracked": tracked_targets(plan, scope(request.user, Target.objects.all())),
        "can_track": plan.status == PlanStatus.PUBLISHED and can_change(request.user, plan),
    }
    return render(request, "indicators/track_plan.html", context)
