"""Tasks of a plan: correct a deadline or target of a draft, set the milestone plan (节点计划)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from devzone.audit.actions import snapshot, updated
from devzone.plans.actions.drafts import require_draft
from devzone.plans.models import Deadline, Target, Task
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
