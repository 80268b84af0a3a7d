"""Disposal cases (处置案件): opened from a candidate, then taken step by step from 调查 to 盘活.

States are ordered (候选 → 调查 → 认定 → 方案 → 处置中 → 处置完成 → 盘活 → 复核) and a case moves one
step at a time: a step out of order, a date before the previous step's, 认定 without its 认定书, a
plan without a route, or 盘活 before 处置完成 is refused naming the case and the step, and nothing is
written. Each step is a :class:`CaseStep` row (the case's history) and an audit entry, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from devzone.audit.actions import created, snapshot, updated
from devzone.land.models import CaseKind, CaseState, CaseStep, DisposalCase, Lease, Parcel

if TYPE_CHECKING:
    from devzone.accounts.models import User

# A step that needs its document (认定书, 处置方案, the route's closing document, the verified use).
NEEDS_DOCUMENT = {
    CaseState.DECIDED: "认定文件（《闲置土地认定书》或低效用地认定文件）",
    CaseState.PLAN: "处置方案",
    CaseState.DISPOSED: "处置完成文件",
    CaseState.REVITALISED: "盘活利用核实文件（开工或投产）",
}


class CaseRefused(ValueError):
    """A step that cannot be taken; the message names the case and the step, in Chinese."""


@dataclass(frozen=True, kw_only=True)
class Step:
    """What a person records for a step: the state reached, its date and document, deadline and owner."""

    state: int
    on: dt.date
    document: str = ""
    deadline: dt.date | None = None
    owner: str = ""
    note: str = ""
    route: str = ""
    new_holder_uscc: str = ""


def open_case(
    *,
    kind: str,
    parcel: Parcel | None = None,
    lease: Lease | None = None,
    rules: list[str],
    reasons: list[str],
    actor: User | None,
    source: str,
) -> DisposalCase:
    """Open a case in state 候选 for a parcel (闲置 / 低效) or a lease (厂房腾退); refuse a second open one."""
    target = parcel if parcel is not None else lease
    if target is None:
        raise CaseRefused("处置案件须指定宗地或租约")
    where = parcel.ref if parcel is not None else str(lease)
    open_cases = DisposalCase.objects.filter(parcel=parcel, lease=lease).exclude(
        state__gte=CaseState.DISPOSED
    )
    if open_cases.exists():
        raise CaseRefused(f"{where} 已有未办结的处置案件，不能重复立案")
    if parcel is not None and kind != CaseKind.FACTORY:
        other = CaseKind.INEFFICIENT if kind == CaseKind.IDLE else CaseKind.IDLE
        if (
            DisposalCase.objects.filter(parcel=parcel, kind=other)
            .exclude(state__gte=CaseState.DISPOSED)
            .exists()
        ):
            raise CaseRefused(f"宗地 {where} 不能同时是闲置土地和低效用地案件")
    area = parcel.area_m2 if parcel is not None else (lease.leased_m2 if lease is not None else 0.0)
    case = DisposalCase(
        zone_id=target.zone_id, kind=kind, parcel=parcel, lease=lease, rules=rules, reasons=reasons,
        area_m2=area,
    )  # fmt: skip
    with transaction.atomic():
        case.save()
        created(case, actor=actor, source=source)
    return case


def _problems(case: DisposalCase, step: Step, last: dt.date | None) -> list[str]:
    where = f"处置案件 {case.pk}（{case}）"
    try:
        state = CaseState(step.state)
    except ValueError:
        return [f"{where}：状态 {step.state} 不是可选值"]
    problems = []
    if state != case.state + 1:
        now = CaseState(case.state).label
        wanted = CaseState(case.state + 1).label if case.state < CaseState.REVIEW else "（已到最后一步）"
        problems.append(f"{where}：当前为“{now}”，下一步应为“{wanted}”，不能登记“{state.label}”")
    if last is not None and step.on < last:
        problems.append(
            f"{where}：“{state.label}”日期 {step.on.isoformat()} 早于上一步的日期 {last.isoformat()}"
        )
    if state in NEEDS_DOCUMENT and not step.document.strip():
        problems.append(f"{where}：“{state.label}”须填写{NEEDS_DOCUMENT[state]}")
    if state == CaseState.PLAN and not (step.route or case.route):
        problems.append(f"{where}：处置方案须选择处置方式")
    if step.deadline is not None and step.deadline < step.on:
        problems.append(f"{where}：期限 {step.deadline.isoformat()} 早于登记日期 {step.on.isoformat()}")
    return problems


def advance_case(case: DisposalCase, step: Step, *, actor: User | None, source: str) -> CaseStep:
    """Take ``case`` one step on; refuse with every reason (nothing written) when the step does not fit."""
    with transaction.atomic():
        case = DisposalCase.objects.select_for_update().get(pk=case.pk)
        last = case.steps.order_by("-state", "-pk").values_list("on", flat=True).first()
        if problems := _problems(case, step, last):
            raise CaseRefused("；".join(problems))
        before = snapshot(case)
        case.state = step.state
        case.owner = step.owner[:100] or case.owner
        case.deadline = step.deadline
        if step.route:
            case.route = step.route
        if step.state == CaseState.DECIDED:
            case.decided_on = step.on
        elif step.state == CaseState.DISPOSED:
            case.closed_on = step.on
        elif step.state == CaseState.REVITALISED:
            case.used_on = step.on
            case.new_holder_uscc = step.new_holder_uscc[:18]
        case.save()
        row = CaseStep(
            zone_id=case.zone_id, case=case, state=step.state, on=step.on, document=step.document[:200],
            deadline=step.deadline, owner=step.owner[:100], note=step.note,
            actor=actor if actor is not None and actor.pk else None,
        )  # fmt: skip
        row.save()
        created(row, actor=actor, source=source)
        updated(case, before=before, actor=actor, source=source)
    return row
