"""A zone's pools, one pool's members by state, entering a firm (with a reason) and moving it on."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.access import get_visible, require_change, scope
from devzone.core.responses import attachment
from devzone.enterprises.models import Enterprise
from devzone.pools.actions.members import MOVES, MoveRefused, builtin_pool, enter_pool, move_member
from devzone.pools.kinds import BY_CODE
from devzone.pools.models import Pool, PoolMember, PoolState
from devzone.pools.outlook import FUNNEL
from devzone.pools.report import xlsx_bytes
from devzone.pools.views.common import zone_context, zone_of

MEMBER_HEADER = ["企业名称", "统一社会信用代码", "状态", "入库日期", "出库日期", "入库理由"]


def _actor(request: HttpRequest) -> object:
    return request.user if request.user.is_authenticated else None


@login_required
@require_GET
def zone_pools(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = zone_of(request, zone_id)
    pools = scope(request.user, Pool.objects.filter(zone=zone)).annotate(
        open_members=Count("members", filter=Q(members__left_on__isnull=True))
    )
    rows = []
    for pool in pools:
        states = dict(
            PoolMember.objects.filter(pool=pool, left_on__isnull=True)
            .values_list("state")
            .annotate(n=Count("pk"))
        )
        rows.append({"pool": pool, "kind": BY_CODE[pool.kind].name if pool.kind in BY_CODE else pool.kind,
                     "states": [(PoolState(s).label, states[s]) for s in FUNNEL if s in states]})  # fmt: skip
    from devzone.pools.views.outlook import zone_funnel  # noqa: PLC0415 - the funnel lives with the outlook

    context = {
        **zone_context(request, zone, "pools"),
        "rows": rows,
        "funnel": zone_funnel(zone, [r["pool"] for r in rows]),
    }
    return render(request, "pools/zone_pools.html", context)


@login_required
@require_GET
def pool_detail(request: HttpRequest, pool_id: int) -> HttpResponse:
    pool = get_visible(request.user, Pool.objects.select_related("zone"), pk=pool_id)
    members = list(pool.members.select_related("enterprise").order_by("left_on", "enterprise__name"))
    members.sort(key=lambda m: FUNNEL.index(m.state) if m.state in FUNNEL else len(FUNNEL))  # pipeline order
    by_state: dict[str, list[PoolMember]] = {}
    for m in members:
        by_state.setdefault(m.get_state_display(), []).append(m)
        m.moves = [(s, PoolState(s).label) for s in MOVES.get(m.state, ())]  # type: ignore[attr-defined]
    context = {
        **zone_context(request, pool.zone, "pools"), "pool": pool, "by_state": by_state,
        "kind_name": BY_CODE[pool.kind].name if pool.kind in BY_CODE else pool.kind,
        "today": timezone.localdate(),
    }  # fmt: skip
    return render(request, "pools/pool_detail.html", context)


@login_required
@require_GET
def pool_members_xlsx(request: HttpRequest, pool_id: int) -> HttpResponse:
    """培育库名单 (.xlsx), through the shared writer: formula-looking text (a name, a reason) stays text."""
    pool = get_visible(request.user, Pool.objects.select_related("zone"), pk=pool_id)
    rows = [
        [m.enterprise.name, m.enterprise.uscc, m.get_state_display(), m.entered_on, m.left_on, m.reason]
        for m in pool.members.select_related("enterprise").order_by("left_on", "enterprise__name")
    ]
    title = f"{pool.zone}{pool.name}名单"
    return attachment(xlsx_bytes(title, MEMBER_HEADER, rows), filename=f"{title}.xlsx")


@login_required
@require_POST
def enter(request: HttpRequest, zone_id: int) -> HttpResponse:
    """纳入培育库: a zone officer puts a proposed firm into the kind's pool, with a reason."""
    zone = zone_of(request, zone_id)
    require_change(request.user, zone)
    kind = request.POST.get("kind", "")
    try:
        enterprise_id = int(request.POST.get("enterprise", ""))
    except ValueError:
        enterprise_id = 0
    enterprise = get_visible(request.user, Enterprise.objects.filter(zone=zone), pk=enterprise_id)
    if kind not in BY_CODE:
        messages.error(request, "请选择资质类别")
        return redirect("pools:screen", zone_id=zone.pk)
    try:
        member = enter_pool(pool=builtin_pool(zone, kind), enterprise=enterprise,
                            reason=request.POST.get("reason", ""), actor=_actor(request), source="web")  # fmt: skip
    except MoveRefused as refused:
        messages.error(request, str(refused))
        return redirect(f"{request.POST.get('next') or ''}" or f"/pools/zones/{zone.pk}/screen/?kind={kind}")
    messages.success(request, f"已将 {enterprise.name} 纳入{member.pool.name}")
    return redirect("pools:pool", pool_id=member.pool_id)


@login_required
@require_POST
def move(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_visible(request.user, PoolMember.objects.select_related("pool", "enterprise"), pk=member_id)
    require_change(request.user, member)
    issued: dt.date | None = None
    if request.POST.get("issued_on"):
        try:
            issued = dt.date.fromisoformat(request.POST["issued_on"])
        except ValueError:
            messages.error(request, "发证日期格式应为 年-月-日")
            return redirect("pools:pool", pool_id=member.pool_id)
    try:
        move_member(member, state=request.POST.get("state", ""), actor=_actor(request), source="web",
                    certificate_no=request.POST.get("certificate_no", ""), issued_on=issued)  # fmt: skip
    except MoveRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, f"{member.enterprise.name} 已改为“{PoolState(request.POST['state']).label}”"
        )
    return redirect("pools:pool", pool_id=member.pool_id)
