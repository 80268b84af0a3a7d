"""Plan list, upload, review against the source, publishing and revising."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from devzone.accounts.access import (
    can_change,
    can_change_shared,
    get_visible,
    place_for,
    require_change,
    require_shared_change,
    scope,
)
from devzone.core.responses import file_attachment
from devzone.orgs.models import Unit, UnitKind, Zone
from devzone.plans import actions
from devzone.plans.forms import ContextForm, DeadlineForm, OwnerFixForm, TargetForm, UploadForm
from devzone.plans.highlight import Mark, source_html
from devzone.plans.models import (
    Deadline,
    OwnerRole,
    OwnerState,
    Plan,
    PlanStatus,
    SourceDocument,
    Target,
    Task,
    TaskOwner,
)
from devzone.plans.review_flags import FLAG_LABELS, task_flags
from devzone.plans.views.common import visible_plans


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = visible_plans(request.user).order_by("-created_at", "-pk")
    plans = [p for p in plans if p.status != PlanStatus.DRAFT or can_change(request.user, p)]
    zones = scope(request.user, Zone.objects.all(), zone_field="pk")
    return render(request, "plans/plan_list.html", _list_context(request, UploadForm(zones=zones), plans))


def _list_context(request: HttpRequest, form: UploadForm, plans: list[Plan] | None = None) -> dict[str, Any]:
    refused = scope(request.user, SourceDocument.objects.exclude(refusal="")).select_related("uploaded_by")
    return {"plans": plans or [], "form": form, "refused": refused.order_by("-uploaded_at", "-pk")[:20]}


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    zones = scope(request.user, Zone.objects.all(), zone_field="pk")
    form = UploadForm(request.POST, request.FILES, zones=zones)
    if not form.is_valid():
        return render(request, "plans/plan_list.html", {"plans": [], "form": form}, status=400)
    zone = form.cleaned_data["zone"]
    if zone is None:
        require_shared_change(request.user)
    city, province = place_for(
        request.user, zone=zone, city=form.cleaned_data["city"], province=form.cleaned_data["province"]
    )
    upload_file = form.cleaned_data["file"]
    context = actions.PlanContext(city=city, province=province, zone=zone, year=form.cleaned_data["year"])
    data = upload_file.read()
    try:
        plans = actions.import_document(
            data, name=upload_file.name, actor=request.user, source="web", context=context
        )
    except actions.PlanImportError as exc:
        kept = actions.keep_refused_upload(
            data,
            name=upload_file.name,
            reason=str(exc),
            actor=request.user,
            source="web",
            zone=zone,
            city=city,
            province=province,
        )
        form.add_error("file", str(exc))
        if kept is not None:
            form.add_error("file", _("文件已保留在“未能读取的上传”中，供审核人查看；没有生成任何方案"))
        return render(request, "plans/plan_list.html", _list_context(request, form), status=400)
    messages.success(request, _("已导入 %(n)d 个方案，请逐一审核") % {"n": len(plans)})
    return redirect("plans:review", plan_id=plans[0].pk)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_visible(request.user, visible_plans(request.user), pk=plan_id)
    tasks = plan.tasks.prefetch_related("assignments__unit", "deadlines", "targets")
    versions = Plan.objects.filter(pk__in=[plan.lineage_id or plan.pk]) | Plan.objects.filter(
        lineage_id=plan.lineage_id or plan.pk
    )
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "tasks": tasks,
            "versions": scope(request.user, versions.order_by("version", "pk")),
            "can_edit": can_change(request.user, plan),
        },
    )


def _marks(plan: Plan) -> list[Mark]:
    marks = [
        Mark(start=t.span_start, end=t.span_end, element_id=f"src-task-{t.pk}", css="src-task")
        for t in plan.tasks.all()
    ]
    marks += [
        Mark(
            start=o.span_start, end=o.span_end, element_id=f"src-owner-{o.pk}", css=f"src-owner src-{o.state}"
        )
        for o in TaskOwner.objects.filter(task__plan=plan)
    ]
    marks += [
        Mark(start=d.span_start, end=d.span_end, element_id=f"src-deadline-{d.pk}", css="src-deadline")
        for d in Deadline.objects.filter(task__plan=plan)
    ]
    marks += [
        Mark(start=t.span_start, end=t.span_end, element_id=f"src-target-{t.pk}", css="src-target")
        for t in Target.objects.filter(plan=plan)
    ]
    return marks


@login_required
def review(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_visible(request.user, visible_plans(request.user), pk=plan_id)
    require_change(request.user, plan)
    return render_review(request, plan)


def render_review(
    request: HttpRequest,
    plan: Plan,
    *,
    errors: dict[str, str] | None = None,
    context_form: ContextForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The review page; ``errors`` puts a refusal next to the row it is about (key: the row's element id)."""
    zones = scope(request.user, Zone.objects.all(), zone_field="pk")
    context_form = context_form or ContextForm(
        initial={
            "title": plan.title,
            "city": plan.city,
            "province": plan.province,
            "zone": plan.zone_id,
            "start_date": plan.start_date,
            "end_date": plan.end_date,
        },
        zones=zones,
    )
    tasks = plan.tasks.prefetch_related(
        "owners__unit", "owners__owner_group__members", "deadlines", "targets"
    )
    flagged = _flagged(plan, tasks)
    errors = errors or {}
    # Each refusal is shown on its own row; prefetched rows are the objects the template reads.
    for task, _flags in flagged:
        task.review_error = errors.get(f"task-{task.pk}", "")  # type: ignore[attr-defined]
        for owner in task.owners.all():
            owner.review_error = errors.get(f"owner-{owner.pk}", "")  # type: ignore[attr-defined]
    only_flagged = request.GET.get("flagged") == "1"
    units = Unit.objects.filter(province=plan.province) if plan.province else Unit.objects.all()
    return render(
        request,
        "plans/review.html",
        {
            "plan": plan,
            "rows": [(t, f) for t, f in flagged if f or not only_flagged],
            "flag_count": sum(1 for _, f in flagged if f),
            "only_flagged": only_flagged,
            "source": source_html(plan.source_text, offset=plan.span_start, marks=_marks(plan)),
            "context_form": context_form,
            "unresolved": actions.unresolved_owners(plan).count(),
            "unit_names": scope(request.user, units).values_list("name", flat=True)[:2000],
            "other_targets": plan.targets.filter(task=None),
            "new_task_error": errors.get("task-new", ""),
            "roles": OwnerRole.choices,
            "unit_kinds": UnitKind.choices,
            "can_create_units": can_change_shared(request.user),
        },
        status=status,
    )


def _flagged(plan: Plan, tasks: Iterable[Task]) -> list[tuple[Task, list[tuple[str, str]]]]:
    """Each task with its flags as (flag, label): the stored parse's flags, owners and dates as they are now."""
    parsed = (plan.parsed or {}).get("tasks", [])
    rows = []
    for task in tasks:
        stored = parsed[task.order] if 0 <= task.order < len(parsed) else {}
        kept = [o for o in task.owners.all() if o.state != OwnerState.DISMISSED]
        flags = task_flags(
            parsed=stored.get("flags", ()) if stored.get("id") == task.key else (),
            owners=len(kept),
            leads=sum(1 for o in kept if o.role == "lead"),
            deadlines=[(d.year, d.recurring) for d in task.deadlines.all()],
        )
        rows.append((task, [(f, FLAG_LABELS[f]) for f in flags]))
    return rows


def back(plan: Plan, anchor: str = "") -> HttpResponse:
    return redirect(reverse("plans:review", kwargs={"plan_id": plan.pk}) + (f"#{anchor}" if anchor else ""))


def frozen(request: HttpRequest, plan: Plan, exc: Exception) -> HttpResponse:
    messages.error(request, str(exc))
    return redirect("plans:plan", plan_id=plan.pk)


@login_required
@require_POST
def plan_context(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_visible(request.user, visible_plans(request.user), pk=plan_id)
    require_change(request.user, plan)
    form = ContextForm(request.POST, zones=scope(request.user, Zone.objects.all(), zone_field="pk"))
    if not form.is_valid():
        return render_review(request, plan, context_form=form, status=400)
    zone = form.cleaned_data["zone"]
    if zone is None:
        require_shared_change(request.user)
    data = form.cleaned_data
    city, province = place_for(request.user, zone=zone, city=data["city"], province=data["province"])
    try:
        actions.set_plan_context(
            plan,
            context=actions.PlanContext(city=city, province=province, zone=zone),
            start_date=data["start_date"],
            end_date=data["end_date"],
            title=data["title"],
            actor=request.user,
            source="web",
        )
    except actions.PlanFrozen as exc:
        return frozen(request, plan, exc)
    except ValidationError as exc:
        for field, problems in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
        return render_review(request, plan, context_form=form, status=400)
    messages.success(request, _("已保存方案设置"))
    return back(plan)


@login_required
@require_POST
def owner_fix(request: HttpRequest, owner_id: int) -> HttpResponse:
    owner = get_visible(
        request.user,
        TaskOwner.objects.select_related("task__plan"),
        zone_field="task__plan__zone",
        pk=owner_id,
    )
    plan = owner.task.plan
    require_change(request.user, plan)
    form = OwnerFixForm(request.POST)
    if not form.is_valid():
        return back(plan, f"owner-{owner.pk}")
    try:
        actions.fix_owner(
            owner,
            actor=request.user,
            source="web",
            name=form.cleaned_data["name"],
            dismiss=form.cleaned_data["dismiss"],
            role=form.cleaned_data["role"] or None,
        )
    except actions.PlanFrozen as exc:
        return frozen(request, plan, exc)
    except ValidationError as exc:
        return render_review(request, plan, errors={f"owner-{owner.pk}": "；".join(exc.messages)}, status=400)
    if owner.state == OwnerState.UNRESOLVED:
        messages.warning(
            request, _("“%(name)s”仍未匹配：%(reason)s") % {"name": owner.name, "reason": owner.note}
        )
    return back(plan, f"owner-{owner.pk}")


@login_required
@require_POST
def deadline_edit(request: HttpRequest, deadline_id: int) -> HttpResponse:
    deadline = get_visible(
        request.user,
        Deadline.objects.select_related("task__plan"),
        zone_field="task__plan__zone",
        pk=deadline_id,
    )
    plan = deadline.task.plan
    require_change(request.user, plan)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            actions.set_deadline(
                deadline, due_date=form.cleaned_data["due_date"], actor=request.user, source="web"
            )
        except actions.PlanFrozen as exc:
            return frozen(request, plan, exc)
    return back(plan, f"deadline-{deadline.pk}")


@login_required
@require_POST
def target_edit(request: HttpRequest, plan_target_id: int) -> HttpResponse:
    target = get_visible(
        request.user, Target.objects.select_related("plan"), zone_field="plan__zone", pk=plan_target_id
    )
    plan = target.plan
    require_change(request.user, plan)
    form = TargetForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.set_target(
                target,
                indicator=data["indicator"],
                value=data["value"],
                unit=data["unit"],
                actor=request.user,
                source="web",
            )
        except actions.PlanFrozen as exc:
            return frozen(request, plan, exc)
    else:
        messages.error(request, form.errors.as_text())
    return back(plan, f"target-{target.pk}")


@login_required
@require_POST
def publish(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_visible(request.user, visible_plans(request.user), pk=plan_id)
    require_change(request.user, plan)
    try:
        actions.publish_plan(plan, actor=request.user, source="web")
    except (actions.PlanNotReady, actions.PlanFrozen) as exc:
        messages.error(request, str(exc))
        return back(plan)
    messages.success(request, _("已发布第 %(v)d 版") % {"v": plan.version})
    return redirect("plans:plan", plan_id=plan.pk)


@login_required
@require_POST
def revise(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_visible(request.user, visible_plans(request.user), pk=plan_id)
    require_change(request.user, plan)
    try:
        draft = actions.revise_plan(plan, actor=request.user, source="web")
    except actions.PlanFrozen as exc:
        return frozen(request, plan, exc)
    messages.success(request, _("已创建新版本草稿"))
    return redirect("plans:review", plan_id=draft.pk)


@login_required
@require_http_methods(["GET"])
def source_file(request: HttpRequest, plan_id: int) -> FileResponse:
    plan = get_visible(request.user, visible_plans(request.user), pk=plan_id)
    document = plan.document
    # A plan made from text (the API, a generated province) or whose upload was cleaned away has no file.
    if not document.file or not document.file.storage.exists(document.file.name):
        raise Http404("该方案没有保存原始文件")
    return file_attachment(document.file.open("rb"), filename=document.name)
