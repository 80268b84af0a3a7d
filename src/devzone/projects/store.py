"""The zone's projects from the database as the engine's records and table (one query per model)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from devzone.enterprises.models import EnterpriseYear
from devzone.land.dates import add_months
from devzone.orgs.models import Zone
from devzone.projects.contracts import Achieved, ContractCheck, Indicator, check_contract
from devzone.projects.method import ProjectMethod
from devzone.projects.models import (
    ContractIndicator,
    FaiMonth,
    FaiPlan,
    FundsArrival,
    Milestone,
    NodeRecord,
    Project,
    SigningEvent,
)
from devzone.projects.pipeline import Table, assemble
from devzone.projects.records import Fai, Funds
from devzone.projects.records import Milestone as MilestoneRow
from devzone.projects.records import Project as ProjectRow
from devzone.projects.store_columns import read_columns

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


def marked_nodes(zones: Iterable[Zone]) -> dict[str, dict[str, dt.date]]:
    """Project code → node → date of the zones' 节点完成记录 (the nodes that are no stage)."""
    out: dict[str, dict[str, dt.date]] = {}
    for code, node, on in NodeRecord.objects.filter(project__zone__in=list(zones)).values_list(
        "project__code", "node", "done_on"
    ):
        out.setdefault(code, {})[node] = on
    return out


def table(zones: Iterable[Zone], method: ProjectMethod) -> Table:
    """The engine's table of ``zones`` under ``method`` (columns read straight from the database)."""
    return assemble(read_columns(zones), method)


def achieved(zones: Iterable[Zone], year: int) -> dict[str, Achieved]:
    """The enterprises' figures of ``year`` (the 亩均 feed) by USCC, in the contract checks' terms.

    The feed has no fixed-asset investment, 容积率 or emissions in tonnes (its emissions are 污染当量), so
    those indicators are checked only when the zone enters them; R&D share = 研发经费 ÷ 销售收入."""
    rows = EnterpriseYear.objects.filter(zone__in=list(zones), year=year).values_list(
        "enterprise__uscc", "tax", "sales", "value_added", "energy_tce", "rd_expense", "employees"
    )
    return {
        uscc: Achieved(
            uscc=uscc,
            year=year,
            tax_wan=tax,
            output_wan=None,
            value_added_wan=va,
            energy_tce=energy,
            rd_share=(rd / sales) if rd is not None and sales else None,
            employees=None if staff is None else float(staff),
        )
        for uscc, tax, sales, va, energy, rd, staff in rows
    }


def contract_checks(zones: Iterable[Zone], method: ProjectMethod, year: int) -> list[ContractCheck]:
    """竣工验收 checks of the projects completed in ``year`` and 达产复核 checks of those whose 达产验收 was
    applied for (or fell due) in ``year``, against the year's enterprise figures."""
    zones = list(zones)
    figures = achieved(zones, year)
    on = dt.date(year, 12, 31)
    out = []
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for pid, code, name, op, value, at in ContractIndicator.objects.filter(
        project__zone__in=zones
    ).values_list("project_id", "project__code", "name", "op", "value", "check_at"):
        indicators[pid].append(Indicator(project=code, name=name, op=op, value=value, check_at=at))
    completed = dict(
        Milestone.objects.filter(project_id__in=indicators, stage="竣工", verified_by__isnull=False)
        .order_by("project_id", "-reached_on")  # the earliest 竣工 is the last one kept
        .values_list("project_id", "reached_on")
    )
    for p in Project.objects.filter(pk__in=indicators):
        firm = figures.get(p.company_uscc)
        if firm is None:
            continue
        done = completed.get(p.pk)
        review_due = p.deadline_review or (
            add_months(done, method.contract.review_months) if done is not None else None
        )
        points = []
        if done is not None and done.year == year:
            points.append("竣工验收")
        if (p.review_applied_on or review_due) and (p.review_applied_on or review_due).year == year:
            points.append("达产复核")
        out.extend(
            check_contract(
                p.code,
                indicators[p.pk],
                firm,
                at=at,
                on=on,
                area_mu=p.area_mu,
                land_price_wan=p.land_price_wan,
                method=method,
            )
            for at in points
        )
    return out
