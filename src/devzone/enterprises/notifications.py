"""The 亩均 slice's notices: 公示 started, an objection (异议) filed, an objection decided.

Who hears: of 公示, the staff of every zone with results in the run (they may object); of a filed
objection, those who decide objections (coordinators); of a decision, the filer and the zone's
staff. Every recipient passes ``accounts.access`` (:mod:`devzone.notices.recipients`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from devzone.enterprises.models import MuRun, Objection, ObjectionStatus
from devzone.notices.actions import announce
from devzone.notices.models import Notice, NoticeKind
from devzone.notices.recipients import deciders, who_see, zone_staff

if TYPE_CHECKING:
    from devzone.accounts.models import User


def run_words(run: MuRun) -> str:
    return run.title or f"{run.year} 年度亩均评价"


def publicity_started(run: MuRun, *, actor: User | None, source: str) -> list[Notice]:
    zone_ids = (
        [run.zone_id] if run.zone_id else list(run.results.values_list("zone_id", flat=True).distinct())
    )
    return announce(
        zone_staff(zone_ids, run),
        kind=NoticeKind.PUBLICITY_STARTED,
        text=(
            f"{run_words(run)} 进入公示：{run.publicity_start} 至 {run.publicity_end}。"
            "对本区企业的评价结果有异议的，请在公示期内提出"
        ),
        url=reverse("enterprises:run", args=[run.pk]),
        key=f"enterprises.run:{run.pk}:{run.publicity_start}",
        zone_id=run.zone_id,
        actor=actor,
        source=source,
    )


def objection_filed(objection: Objection, *, actor: User | None, source: str) -> list[Notice]:
    result = objection.result
    return announce(
        deciders(objection),
        kind=NoticeKind.OBJECTION_FILED,
        text=f"{result.name} 的评价结果收到异议（{run_words(result.run)}）：{objection.reason[:80]}",
        url=reverse("enterprises:result", args=[result.pk]),
        key=f"enterprises.objection:{objection.pk}",
        zone_id=objection.zone_id,
        actor=actor,
        source=source,
    )


def objection_decided(objection: Objection, *, actor: User | None, source: str) -> list[Notice]:
    result = objection.result
    people = zone_staff([objection.zone_id], objection)
    if objection.filed_by is not None:
        people += who_see([objection.filed_by], objection)
    outcome = "成立" if objection.status == ObjectionStatus.UPHELD else "不成立"
    change = f"，最终类别调整为 {objection.new_class} 类" if objection.new_class else ""
    return announce(
        people,
        kind=NoticeKind.OBJECTION_DECIDED,
        text=f"对 {result.name} 评价结果的异议经处理{outcome}{change}。处理意见：{objection.decision[:80]}",
        url=reverse("enterprises:result", args=[result.pk]),
        key=f"enterprises.objection:{objection.pk}",
        zone_id=objection.zone_id,
        actor=actor,
        source=source,
    )
