"""Only a draft plan may be edited; a published version is frozen."""

from __future__ import annotations

from devzone.plans.models import Plan, PlanStatus


class PlanFrozen(Exception):
    """A published version cannot be edited; revise it into a new version first."""


def require_draft(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise PlanFrozen(f"{plan}: 已发布的版本不可修改，请先创建新版本")
