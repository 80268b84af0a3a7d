"""Target pages: enter one by hand, take them from a parsed plan, review the unmatched, the catalogue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from devzone.accounts.access import (
    can_change,
    can_change_shared,
    get_visible,
    require_change,
    require_shared_change,
    scope,
)
from devzone.indicators.actions import (
    PlanTargetsError,
    link_target,
    save_target,
    sync_catalogue,
    targets_from_plan,
)
from devzone.indicators.forms import LinkForm, PlanTargetsForm, TargetForm
from devzone.indicators.models import Indicator, Review, Target


@login_required
@require_http_methods(["GET", "POST"])
def target_new(request: HttpRequest) -> HttpResponse:
    form = TargetForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = Target(
            indicator=data["indicator"],
            zone=data["zone"],
            city=data["city"],
            coverage=data["coverage"],
            kind=data["kind"],
            op=data["op"],
            value=data["value"],
            unit=data["unit"],
            base_period=data["base_period"],
            base_value=data["base_value"],
            deadline=data["deadline"],
            text=data["sentence"],
            indicator_text=data["indicator"].name,
        )
        if target.zone is not None:
            require_change(request.user, target)
        else:
            require_shared_change(request.user)
        try:
            save_target(target, actor=request.user, source="web")
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已新建目标"))
            return redirect("indicators:target", target_id=target.pk)
    return render(request, "indicators/form.html", {"form": form, "title": _("录入目标"), "multipart": False})


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    targets = scope(request.user, Target.objects.filter(review=Review.UNMATCHED).select_related("zone"))
    rows = [(target, can_change(request.user, target)) for target in targets]
    return render(request, "indicators/review.html", {"rows": rows, "indicators": Indicator.objects.all()})


@login_required
@require_POST
def target_link(request: HttpRequest, target_id: int) -> HttpResponse:
    target = get_visible(request.user, Target.objects.all(), pk=target_id)
    require_change(request.user, target)
    form = LinkForm(request.POST)
    if form.is_valid():
        link_target(target, form.cleaned_data["indicator"], actor=request.user, source="web")
        messages.success(request, _("已确认指标"))
    else:
        messages.error(request, _("请选择指标"))
    return redirect("indicators:review")


@login_required
@require_http_methods(["GET", "POST"])
def plan_targets(request: HttpRequest) -> HttpResponse:
    form = PlanTargetsForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = targets_from_plan(
                data["plan_file"],
                zone=data["zone"],
                city=data["city"],
                actor=request.user,
                source="web",
                base_period=data["base_period"],
                default_deadline=data["default_deadline"],
            )
        except PlanTargetsError as error:
            form.add_error("plan_file", str(error))
        else:
            announce_plan_targets(request, result)
            return redirect("indicators:review" if result.unmatched else "indicators:board")
    return render(
        request, "indicators/form.html", {"form": form, "title": _("从方案导入目标"), "multipart": True}
    )


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    context = {"indicators": Indicator.objects.all(), "can_sync": can_change_shared(request.user)}
    return render(request, "indicators/catalogue.html", context)


@login_required
@require_POST
def catalogue_sync(request: HttpRequest) -> HttpResponse:
    require_shared_change(request.user)
    counts = sync_catalogue(actor=request.user, source="web")
    messages.success(
        request,
        _("指标目录已更新：新增 %(created)d，修改 %(updated)d，未变 %(unchanged)d")
        % {"created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged},
    )
    return redirect("indicators:catalogue")


def announce_plan_targets(request: HttpRequest, result: Any) -> None:
    """What creating targets from a plan did, as messages (the JSON upload and 跟踪目标 alike)."""
    messages.success(
        request,
        _("已建目标 %(linked)d 个，待确认指标 %(unmatched)d 个，已存在 %(existing)d 个，跳过 %(skipped)d 个")
        % {
            "linked": len(result.linked),
            "unmatched": len(result.unmatched),
            "existing": result.existing,
            "skipped": len(result.skipped),
        },
    )
    for text, reason in result.skipped[:20]:
        messages.warning(request, f"{text}: {reason}")
