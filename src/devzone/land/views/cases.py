"""A disposal case: its steps so far and the form for the next one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.access import can_change, get_visible, require_change
from devzone.land.actions import CaseRefused, Step, advance_case
from devzone.land.forms import StepForm
from devzone.land.models import CaseState, DisposalCase
from devzone.land.views.observe import observe


def _case(request: HttpRequest, case_id: int) -> DisposalCase:
    return get_visible(
        request.user, DisposalCase.objects.select_related("zone", "parcel", "lease"), pk=case_id
    )


def _page(request: HttpRequest, case: DisposalCase, form: StepForm, status: int = 200) -> HttpResponse:
    context = {
        "case": case, "zone": case.zone, "form": form, "steps": case.steps.select_related("actor"),
        "can_change": can_change(request.user, case) and case.state < CaseState.REVIEW,
    }  # fmt: skip
    return render(request, "land/case.html", context, status=status)


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    nxt = min(case.state + 1, CaseState.REVIEW)
    return _page(request, case, StepForm(initial={"state": nxt, "route": case.route, "owner": case.owner}))


@login_required
@require_POST
def case_advance(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    require_change(request.user, case)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _page(request, case, form, status=422)
    data = form.cleaned_data
    step = Step(
        state=data["state"], on=data["on"], document=data["document"], deadline=data["deadline"],
        owner=data["owner"], note=data["note"], route=data["route"], new_holder_uscc=data["new_holder_uscc"],
    )  # fmt: skip
    try:
        advance_case(case, step, actor=request.user, source="web")
    except CaseRefused as exc:
        form.add_error(None, str(exc))
        return _page(request, case, form, status=422)
    messages.success(request, f"已登记：{CaseState(step.state).label}")
    if step.state in {CaseState.DISPOSED, CaseState.REVITALISED}:  # 盘活面积 moves: the target board follows
        observe(request, case.zone, step.on.year)
    return redirect("land:case", case_id=case.pk)
