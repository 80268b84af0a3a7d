"""Enter a firm into a zone's pool and move it along the pipeline (spec §6): atomic, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from devzone.audit.actions import created, snapshot, updated
from devzone.enterprises.models import Enterprise
from devzone.pools.kinds import BY_CODE, default_valid_to
from devzone.pools.models import EntryPath, Pool, PoolMember, PoolState, Qualification

# The built-in pool of each kind a pre-screen proposes for (spec §6); other kinds get "<名称>培育库".
BUILTIN_NAMES = {
    "hte": "高企后备库",
    "srdi_sme": "专精特新培育库",
    "little_giant": "小巨人培育库",
    "innov_sme": "创新型中小企业培育库",
    "tsme": "科技型中小企业培育库",
    "smart_factory": "智能车间/工厂培育库",
    "smart_workshop": "智能车间/工厂培育库",
}
# States after which the firm is out of the pool (the membership is closed on the day).
CLOSING = {PoolState.EXITED}
MOVES: dict[str, tuple[str, ...]] = {
    PoolState.POOLED: (PoolState.PREPARING, PoolState.APPLIED, PoolState.EXITED),
    PoolState.PREPARING: (PoolState.APPLIED, PoolState.POOLED, PoolState.EXITED),
    PoolState.APPLIED: (PoolState.PUBLICIZED, PoolState.CERTIFIED, PoolState.REJECTED),
    PoolState.PUBLICIZED: (PoolState.CERTIFIED, PoolState.REJECTED),
    PoolState.CERTIFIED: (PoolState.RENEWAL_APPLIED, PoolState.LAPSED, PoolState.REVOKED, PoolState.EXITED),
    PoolState.RENEWAL_APPLIED: (PoolState.RENEWED, PoolState.LAPSED),
    PoolState.RENEWED: (PoolState.RENEWAL_APPLIED, PoolState.LAPSED, PoolState.REVOKED, PoolState.EXITED),
    PoolState.LAPSED: (PoolState.POOLED, PoolState.EXITED),
    PoolState.REVOKED: (PoolState.POOLED, PoolState.EXITED),
    PoolState.REJECTED: (PoolState.POOLED, PoolState.EXITED),
    PoolState.EXITED: (),
}


class MoveRefused(ValueError):
    """A pipeline move that is not allowed, or lacks what it needs; the message is for the user."""


def builtin_pool(zone: Any, kind: str) -> Pool:
    """The zone's built-in pool for ``kind``, made the first time it is needed."""
    name = BUILTIN_NAMES.get(kind, f"{BY_CODE[kind].name}培育库")
    pool, _ = Pool.objects.get_or_create(zone=zone, name=name, defaults={"kind": kind, "builtin": True})
    return pool


@transaction.atomic
def enter_pool(*, pool: Pool, enterprise: Enterprise, reason: str, actor: Any, source: str) -> PoolMember:
    """Put ``enterprise`` into ``pool`` with the officer's reason (a firm is in a pool once at a time)."""
    if enterprise.zone_id != pool.zone_id:
        raise MoveRefused("企业不属于该培育库所在的开发区")
    if not reason.strip():
        raise MoveRefused("请填写入库理由")
    if PoolMember.objects.filter(pool=pool, enterprise=enterprise, left_on__isnull=True).exists():
        raise MoveRefused(f"{enterprise.name} 已在{pool.name}中")
    member = PoolMember.objects.create(
        zone_id=pool.zone_id, pool=pool, enterprise=enterprise, reason=reason.strip(),
        entered_on=timezone.localdate(), entered_by=actor,
    )  # fmt: skip
    created(member, actor=actor, source=source)
    return member


@transaction.atomic
def move_member(
    member: PoolMember,
    *,
    state: str,
    actor: Any,
    source: str,
    certificate_no: str = "",
    issued_on: dt.date | None = None,
) -> PoolMember:
    """Move a member to ``state``; "已认定" records the certificate (number and issue date) as a title."""
    member = PoolMember.objects.select_for_update().get(pk=member.pk)
    if state not in MOVES.get(member.state, ()):
        label = PoolState(state).label if state in PoolState.values else state
        raise MoveRefused(f"不能从“{member.get_state_display()}”改为“{label}”")
    kind = member.pool.kind
    if state in (PoolState.CERTIFIED, PoolState.RENEWED):
        if issued_on is None or not certificate_no.strip():
            raise MoveRefused("认定（续期）须填写证书编号和发证日期")
        if Qualification.objects.filter(kind=kind, certificate_no=certificate_no.strip()).exists():
            raise MoveRefused(f"证书编号 {certificate_no.strip()} 已登记")
        q = Qualification.objects.create(
            zone_id=member.zone_id, enterprise=member.enterprise, kind=kind, certificate_no=certificate_no.strip(),
            issued_on=issued_on, valid_from=issued_on, valid_to=default_valid_to(kind, issued_on),
            eval_year=issued_on.year if BY_CODE[kind].calendar_year else None,
            entry_path=EntryPath.CONSECUTIVE if state == PoolState.RENEWED else EntryPath.FIRST, created_by=actor,
        )  # fmt: skip
        created(q, actor=actor, source=source)
        recount(member.zone, issued_on.year, actor=actor, source=source)
    before = snapshot(member)
    member.state = state
    if state in CLOSING:
        member.left_on = timezone.localdate()
    member.save()
    updated(member, before=before, actor=actor, source=source)
    return member


def recount(zone: Any, since: int, *, actor: Any, source: str) -> None:
    """Rewrite the zone's counted figures from ``since`` to this year (a title counts for years after its issue)."""
    from devzone.pools.actions.observations import record_counts  # noqa: PLC0415 - the indicators slice on demand

    this_year = timezone.localdate().year
    first = max(since, this_year - 9)
    if first <= this_year:
        record_counts(range(first, this_year + 1), actor=actor, source=source, zones=[zone])
