"""Review edits of a draft plan beyond correcting what the parser read: owners, tasks and deadlines
added or removed, 全部同名应用 with its alias, 按此名称新建单位. Views check; the actions act.

A refusal comes back on the review page next to the row it is about (status 400), never as a bare error.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from devzone.accounts.access import (
    can_change_shared,
    get_visible,
    require_change,
    require_shared_change,
)
from devzone.orgs.models import UnitKind
from devzone.plans import actions
from devzone.plans.forms import DeadlineAddForm, OwnerAddForm, OwnerApplyForm, TaskForm
from devzone.plans.models import Deadline, Plan, Task, TaskOwner
from devzone.plans.views.common import visible_plans
from devzone.plans.views.review import back, frozen, render_review


def _task(request: HttpRequest, task_id: int) -> Task:
    task = get_visible(
        request.user,
        Task.objects.filter(plan__in=visible_plans(request.user)).select_related("plan"),
        zone_field="plan__zone",
        pk=task_id,
    )
    require_change(request.user, task.plan)
    return task


def _owner(request: HttpRequest, owner_id: int) -> TaskOwner:
    owner = get_visible(
        request.user,
        TaskOwner.objects.filter(task__plan__in=visible_plans(request.user)).select_related("task__plan"),
        zone_field="task__plan__zone",
        pk=owner_id,
    )
    require_change(request.user, owner.task.plan)
    return owner


def _refused(request: HttpRequest, plan: Plan, row: str, problems: object) -> HttpResponse:
    if isinstance(problems, ValidationError):
        text = "；".join(problems.messages)
    elif hasattr(problems, "items"):
        text = "；".join(str(e) for errors in problems.values() for e in errors)
    else:
        text = str(problems)
    return render_review(request, plan, errors={row: text}, status=400)


@login_required
@require_POST
def owner_add(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id)
    form = OwnerAddForm(request.POST)
    if not form.is_valid():
        return _refused(request, task.plan, f"task-{task.pk}", form.errors)
    try:
        owner = actions.add_owner(
            task,
            name=form.cleaned_data["name"],
            role=form.cleaned_data["role"],
            actor=request.user,
            source="web",
        )
    except actions.PlanFrozen as exc:
        return frozen(request, task.plan, exc)
    except ValidationError as exc:
        return _refused(request, task.plan, f"task-{task.pk}", exc)
    if owner.state != "resolved":
        messages.warning(request, _("已添加“%(n)s”，但仍未匹配：%(r)s") % {"n": owner.name, "r": owner.note})
    return back(task.plan, f"owner-{owner.pk}")


@login_required
@require_POST
def owner_apply(request: HttpRequest, owner_id: int) -> HttpResponse:
    """全部同名应用: every unmatched owner written the same way gets the unit; the written name becomes its alias."""
    owner = _owner(request, owner_id)
    plan = owner.task.plan
    form = OwnerApplyForm(request.POST)
    if not form.is_valid():
        return _refused(request, plan, f"owner-{owner.pk}", form.errors)
    # The alias changes the shared directory, so only a user who may change it saves one.
    remember = can_change_shared(request.user)
    try:
        settled, saved = actions.apply_to_same_name(
            owner, name=form.cleaned_data["name"], actor=request.user, source="web", remember=remember
        )
    except actions.PlanFrozen as exc:
        return frozen(request, plan, exc)
    except ValidationError as exc:
        return _refused(request, plan, f"owner-{owner.pk}", exc)
    note = (
        _("已记住别名“%s”，下次导入方案时自动匹配") % owner.written
        if saved
        else _("未保存别名（需主管部门协调员）")
        if not remember
        else ""
    )
    messages.success(
        request, (_("已将 %(n)d 处“%(w)s”匹配为所选单位。") % {"n": len(settled), "w": owner.written}) + note
    )
    return back(plan, f"owner-{owner.pk}")


@login_required
@require_POST
def owner_new_unit(request: HttpRequest, owner_id: int) -> HttpResponse:
    """按此名称新建单位: the directory gains the unit as the plan writes it, and the owner uses it."""
    owner = _owner(request, owner_id)
    plan = owner.task.plan
    in_zone = request.POST.get("in_zone") == "on" and plan.zone is not None
    if in_zone:
        require_change(request.user, plan.zone)
    else:
        require_shared_change(request.user)
    kind = request.POST.get("kind", "")
    if kind not in UnitKind.values:
        return _refused(request, plan, f"owner-{owner.pk}", _("请选择单位类别"))
    try:
        unit, settled = actions.create_unit_for_owner(
            owner, kind=kind, in_zone=in_zone, actor=request.user, source="web"
        )
    except actions.PlanFrozen as exc:
        return frozen(request, plan, exc)
    except ValidationError as exc:
        return _refused(request, plan, f"owner-{owner.pk}", exc)
    messages.success(
        request, _("已新建责任单位“%(u)s”，%(n)d 处责任单位已匹配") % {"u": unit.name, "n": len(settled)}
    )
    return back(plan, f"owner-{owner.pk}")


@login_required
@require_POST
def task_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_visible(request.user, visible_plans(request.user), pk=plan_id)
    require_change(request.user, plan)
    form = TaskForm(request.POST)
    if not form.is_valid():
        return _refused(request, plan, "task-new", form.errors)
    try:
        task = actions.add_task(plan, actor=request.user, source="web", **form.cleaned_data)
    except actions.PlanFrozen as exc:
        return frozen(request, plan, exc)
    except ValidationError as exc:
        return _refused(request, plan, "task-new", exc)
    messages.success(request, _("已添加任务 %s，请为它添加责任单位和完成时限") % task.key)
    return back(plan, f"task-{task.pk}")


@login_required
@require_POST
def task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id)
    form = TaskForm(request.POST)
    if not form.is_valid():
        return _refused(request, task.plan, f"task-{task.pk}", form.errors)
    try:
        actions.edit_task(task, actor=request.user, source="web", **form.cleaned_data)
    except actions.PlanFrozen as exc:
        return frozen(request, task.plan, exc)
    except ValidationError as exc:
        return _refused(request, task.plan, f"task-{task.pk}", exc)
    return back(task.plan, f"task-{task.pk}")


@login_required
@require_POST
def task_remove(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id)
    plan = task.plan
    try:
        actions.remove_task(task, actor=request.user, source="web")
    except actions.PlanFrozen as exc:
        return frozen(request, plan, exc)
    messages.success(request, _("已删除任务 %s") % task.key)
    return back(plan)


@login_required
@require_POST
def deadline_add(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id)
    form = DeadlineAddForm(request.POST)
    if not form.is_valid():
        return _refused(request, task.plan, f"task-{task.pk}", form.errors)
    try:
        deadline = actions.add_deadline(task, actor=request.user, source="web", **form.cleaned_data)
    except actions.PlanFrozen as exc:
        return frozen(request, task.plan, exc)
    return back(task.plan, f"deadline-{deadline.pk}")


@login_required
@require_POST
def deadline_remove(request: HttpRequest, deadline_id: int) -> HttpResponse:
    deadline = get_visible(
        request.user,
        Deadline.objects.filter(task__plan__in=visible_plans(request.user)).select_related("task__plan"),
        zone_field="task__plan__zone",
        pk=deadline_id,
    )
    plan = deadline.task.plan
    require_change(request.user, plan)
    try:
        actions.remove_deadline(deadline, actor=request.user, source="web")
    except actions.PlanFrozen as exc:
        return frozen(request, plan, exc)
    return back(plan, f"task-{deadline.task_id}")
