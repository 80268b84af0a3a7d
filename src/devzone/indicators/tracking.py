"""Track a published plan's targets (跟踪目标): indicator targets from the plan as it was reviewed.

The review page corrects a plan target's indicator name, value and unit on the stored row
(``plans.Target``); the engine's first reading stays in ``Plan.parsed`` and in the row's ``data``.
Tracking reads the rows, so every correction is tracked, and takes from ``data`` only what the
review page does not edit (the subject 目标主体 and the ``by`` wording). The CLI's JSON
(``targets_from_plan``) stays the path for a plan that was never imported here.

Each created target's ``plan_target`` JSON names the plan version and the plan target it came from
(``reviewed``), so the tracking page finds them again and lists the names still to be matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q, QuerySet

from devzone.indicators.actions import PlanImport, PlanTarget, create_plan_targets, is_collective
from devzone.indicators.models import Origin, Review, Target
from devzone.plans.models import Plan, PlanStatus
from devzone.plans.models import Target as PlanTargetRow

if TYPE_CHECKING:
    from devzone.accounts.models import User


class PlanNotTrackable(Exception):
    """Tracking refused: the message says why in Chinese (a draft, a plan without a city)."""


def default_periods(plan: Plan) -> tuple[str, str]:
    """(base period, deadline for targets without a year): the year before the plan starts, its end year."""
    return str(plan.start_date.year - 1), str(plan.end_date.year)


def reviewed_targets(plan: Plan) -> list[PlanTarget]:
    """The plan's targets as reviewed: the row's fields, the subject and ``by`` from the engine's JSON."""
    entries = []
    for row in PlanTargetRow.objects.filter(plan=plan).order_by("pk"):
        data: dict[str, Any] = dict(row.data) if isinstance(row.data, dict) else {}
        reviewed = {
            **data,
            "indicator": row.indicator,
            "kind": row.kind,
            "op": row.op,
            "value": row.value,
            "unit": row.unit,
            "reviewed": {"plan": plan.pk, "version": plan.version, "target": row.pk},
        }
        entries.append(
            PlanTarget(
                plan_title=plan.title,
                text=row.text,
                indicator=row.indicator.strip(),
                subject=str(data.get("subject") or "").strip(),
                kind=row.kind,
                op=row.op or ">=",
                value=row.value,
                unit=row.unit,
                by_year=row.by_year,
                data=reviewed,
            )
        )
    return entries


def track_plan(
    plan: Plan, *, actor: User | None, source: str, base_period: str, default_deadline: str
) -> PlanImport:
    """Create the indicator targets of a published plan from its reviewed targets (atomic, audited).

    A zone's plan gives that zone's targets; a city-wide plan places each target by its subject
    among the zones of the plan's city (see :func:`~devzone.indicators.actions.create_plan_targets`).
    Running it again creates nothing new.
    """
    if plan.status != PlanStatus.PUBLISHED:
        raise PlanNotTrackable("只有已发布的方案可以跟踪目标（草稿请先审核发布，旧版本请用现行版本）")
    city = plan.zone.city if plan.zone is not None else plan.city
    if not city:
        raise PlanNotTrackable("方案未填写城市，无法把目标分配到本市开发区；请修订方案并在设置中填写城市")
    with transaction.atomic():
        return create_plan_targets(
            reviewed_targets(plan),
            zone=plan.zone,
            city=city,
            actor=actor,
            source=source,
            base_period=base_period,
            default_deadline=default_deadline,
        )


@dataclass(frozen=True, kw_only=True)
class Tracked:
    """A plan's tracked targets and the names in them that still need matching."""

    targets: list[Target]
    unmatched_indicators: list[Target]
    unplaced_subjects: list[Target]


def tracked_targets(plan: Plan, targets: QuerySet[Target]) -> Tracked:
    """The targets created from ``plan`` or another version of it, among ``targets`` (scoped).

    Other versions count because tracking a revision finds its unchanged targets already there.
    """
    root = plan.lineage_id or plan.pk
    versions = list(Plan.objects.filter(Q(pk=root) | Q(lineage_id=root)).values_list("pk", flat=True))
    rows = list(
        targets.filter(origin=Origin.PLAN, plan_target__reviewed__plan__in=versions).select_related(
            "indicator", "zone"
        )
    )
    return Tracked(
        targets=rows,
        unmatched_indicators=[t for t in rows if t.review == Review.UNMATCHED],
        unplaced_subjects=[t for t in rows if t.zone_id is None and not is_collective(t.subject)],
    )
