"""The zone's projects from the database as the engine's records and table (one query per model)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from devzone.orgs.models import Zone
from devzone.projects.method import ProjectMethod
from devzone.projects.models import FaiMonth, FaiPlan, FundsArrival, Milestone, Project, SigningEvent
from devzone.projects.pipeline import Table, build
from devzone.projects.records import Fai, Funds
from devzone.projects.records import Milestone as MilestoneRow
from devzone.projects.records import Project as ProjectRow

_PROJECT_FIELDS = (
    "code", "name", "agreement", "signed_on", "total_wan", "fixed_wan", "kind", "channel", "event",
    "industry_code", "investor_name", "investor_uscc", "company_uscc", "parcel_id", "area_mu",
    "land_price_wan", "delivered_on", "land_paid_on", "in_zone", "planned_start", "deadline_start",
    "deadline_finish", "deadline_review", "review_applied_on", "terminated_on", "fake",
)  # fmt: skip


def records(zones: Iterable[Zone]) -> tuple[list[ProjectRow], list[MilestoneRow], list[Funds], list[Fai]]:
    """Every project of ``zones`` with its milestones, funds and FAI, as engine records."""
    qs = Project.objects.filter(zone__in=list(zones))
    signings: dict[int, list[object]] = defaultdict(list)
    for pid, day in SigningEvent.objects.filter(project__in=qs).values_list("project_id", "signed_on"):
        signings[pid].append(day)
    plans: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for pid, year, amount in FaiPlan.objects.filter(project__in=qs).values_list(
        "project_id", "year", "amount_wan"
    ):
        plans[pid].append((year, amount))
    codes: dict[int, str] = {}
    projects = []
    for row in qs.values("pk", "zone__name", "lead_unit__name", *_PROJECT_FIELDS):
        codes[row["pk"]] = row["code"]
        values = {k: row[k] for k in _PROJECT_FIELDS}
        projects.append(
            ProjectRow(
                zone=row["zone__name"],
                lead_unit=row["lead_unit__name"],
                signing_events=tuple(sorted(signings[row["pk"]])),  # type: ignore[arg-type]
                fai_plans=tuple(plans[row["pk"]]),
                **values,
            )
        )
    milestones = [
        MilestoneRow(
            project=codes[pid],
            stage=stage,
            reached_on=on,
            evidence=ev,
            evidence_on=ev_on,
            verified_by=unit,
            value=value,
        )
        for pid, stage, on, ev, ev_on, unit, value in Milestone.objects.filter(project__in=qs).values_list(
            "project_id", "stage", "reached_on", "evidence", "evidence_on", "verified_by__name", "value"
        )
    ]
    funds = [
        Funds(project=codes[pid], arrived_on=on, amount_wan=amount, kind=kind, evidence=ev)
        for pid, on, amount, kind, ev in FundsArrival.objects.filter(project__in=qs).values_list(
            "project_id", "arrived_on", "amount_wan", "kind", "evidence"
        )
    ]
    fai = [
        Fai(project=codes[pid], month=month, amount_wan=amount, source=source)
        for pid, month, amount, source in FaiMonth.objects.filter(project__in=qs).values_list(
            "project_id", "month", "amount_wan", "source"
        )
    ]
    return projects, milestones, funds, fai


def table(zones: Iterable[Zone], method: ProjectMethod) -> Table:
    """The engine's table of ``zones`` under ``method``."""
    projects, milestones, funds, fai = records(zones)
    return build(projects, milestones, method, funds, fai)
