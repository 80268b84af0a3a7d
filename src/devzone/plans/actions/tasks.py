"""Tasks of a plan: correct a deadline or target of a draft, set the milestone plan (节点计划)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from devzone.audit.actions import created, deleted, snapshot, updated
from devzone.plans.actions.drafts import require_draft
from devzone.plans.models import Deadline, Plan, Target, Task
from devzone.plans.status import milestone_problems

if TYPE_CHECKING:
    from devzone.accounts.models import User


def set_deadline(
    deadline: Deadline, *, due_date: dt.date | None, actor: User | None, source: str
) -> Deadline:
    plan = deadline.task.plan
    require_draft(plan)
    before = snapshot(deadline)
    deadline.due_date = due_date
    with transaction.atomic():
        deadline.save()
        updated(deadline, before=before, actor=actor, source=source)
    return deadline


def set_target(
    target: Target, *, indicator: str, value: float, unit: str, actor: User | None, source: str
) -> Target:
    require_draft(target.plan)
    before = snapshot(target)
    target.indicator, target.value, target.unit = indicator[:200], value, unit[:20]
    with transaction.atomic():
        target.save()
        updated(target, before=before, actor=actor, source=source)
    return target


def task_due(task: Task) -> dt.date:
    """The task's deadline as the status rule reads it: its earliest one-off deadline, else the plan's end."""
    dates = [d.due_date for d in task.deadlines.all() if not d.recurring and d.due_date is not None]
    return min(dates) if dates else task.plan.end_date


def set_milestones(
    task: Task, *, milestones: Sequence[tuple[dt.date, float]], actor: User | None, source: str
) -> Task:
    """Set a task's milestone plan (节点计划), the curve 序时进度 follows instead of a straight line.

    A milestone plan is a supervision setting, not the plan's text, so it may change on a published
    version (the change is audited); an empty list returns the task to the linear expectation.
    """
    nodes = tuple(sorted((day, float(percent)) for day, percent in milestones))
    problems = milestone_problems(start=task.plan.start_date, due=task_due(task), milestones=nodes)
    if problems:
        raise ValidationError({"milestones": problems})
    before = snapshot(task)
    task.milestones = [[day.isoformat(), percent] for day, percent in nodes]
    with transaction.atomic():
        task.save()
        updated(task, before=before, actor=actor, source=source)
    return task


def add_task(plan: Plan, *, heading: str, text: str, actor: User | None, source: str) -> Task:
    """A task the parser missed, typed by the reviewer; it goes last, numbered after the others."""
    require_draft(plan)
    if not text.strip():
        raise ValidationError({"text": "请填写任务内容"})
    last = plan.tasks.order_by("-order").first()
    task = Task(
        plan=plan,
        section=last.section if last else None,
        section_path=last.section_path if last else [],
        key=f"补{plan.tasks.count() + 1}",
        heading=heading.strip()[:300],
        text=text.strip(),
        order=(last.order + 1) if last else 0,
    )
    with transaction.atomic():
        task.save()
        created(task, actor=actor, source=source)
    return task


def edit_task(task: Task, *, heading: str, text: str, actor: User | None, source: str) -> Task:
    require_draft(task.plan)
    if not text.strip():
        raise ValidationError({"text": "任务内容不能为空"})
    before = snapshot(task)
    task.heading, task.text = heading.strip()[:300], text.strip()
    with transaction.atomic():
        task.save()
        updated(task, before=before, actor=actor, source=source)
    return task


def remove_task(task: Task, *, actor: User | None, source: str) -> None:
    """Remove a task that is not one (a heading or a note read as a task), with its owners, dates and targets."""
    require_draft(task.plan)
    with transaction.atomic():
        for child in [*task.owners.all(), *task.deadlines.all(), *task.targets.all()]:
            deleted(child, actor=actor, source=source)
        deleted(task, actor=actor, source=source)
        task.delete()


def add_deadline(task: Task, *, due_date: dt.date, text: str, actor: User | None, source: str) -> Deadline:
    require_draft(task.plan)
    deadline = Deadline(
        task=task,
        text=(text.strip() or f"{due_date.year}年{due_date.month}月{due_date.day}日前")[:200],
        year=due_date.year,
        month=due_date.month,
        day=due_date.day,
        due_date=due_date,
    )
    with transaction.atomic():
        deadline.save()
        created(deadline, actor=actor, source=source)
    return deadline


def remove_deadline(deadline: Deadline, *, actor: User | None, source: str) -> None:
    require_draft(deadline.task.plan)
    with transaction.atomic():
        deleted(deadline, actor=actor, source=source)
        deadline.delete()
