"""The audit log pages: the audit administrator (审计管理员) reads and exports them, nobody else."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from devzone.accounts.access import require_audit_reader
from devzone.audit.models import AuditAction, AuditEntry
from devzone.audit.readable import model_name
from devzone.core.documents import csv_bytes
from devzone.core.responses import attachment

EXPORT_HEADER = (
    "编号",
    "时间",
    "操作人账号",
    "操作",
    "对象类型",
    "对象编号",
    "对象",
    "开发区",
    "来源",
    "修改前",
    "修改后",
    "本条哈希",
)


def _filtered(request: HttpRequest) -> tuple[QuerySet[AuditEntry], dict[str, str]]:
    entries = AuditEntry.objects.select_related("zone")
    filters = {key: request.GET.get(key, "") for key in ("model", "actor", "action")}
    if filters["model"]:
        entries = entries.filter(model=filters["model"])
    if filters["actor"]:
        entries = entries.filter(actor_name__icontains=filters["actor"])
    if filters["action"]:
        entries = entries.filter(action=filters["action"])
    return entries, filters


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    require_audit_reader(request.user)
    entries, filters = _filtered(request)
    context = {
        "page": Paginator(entries, 50).get_page(request.GET.get("page")),
        "models": [
            (label, model_name(label))
            for label in AuditEntry.objects.order_by("model").values_list("model", flat=True).distinct()
        ],
        "actions": AuditAction.choices,
        "filters": filters,
    }
    return render(request, "audit/log.html", context)


@login_required
@require_GET
def audit_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    require_audit_reader(request.user)
    entry = get_object_or_404(AuditEntry, pk=entry_id)
    return render(request, "audit/entry.html", {"entry": entry})


def _json(value: object) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


@login_required
@require_GET
def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered log as CSV, oldest first, with each entry's chain hash so a copy can be checked."""
    require_audit_reader(request.user)
    entries, _filters = _filtered(request)
    rows = (
        (
            e.pk,
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_name,
            e.get_action_display(),
            e.model,
            e.object_pk,
            e.object_repr,
            e.zone.name if e.zone else "",
            e.source,
            _json(e.before),
            _json(e.after),
            e.hash,
        )
        for e in entries.order_by("pk").iterator()
    )
    name = f"审计日志-{timezone.localdate():%Y%m%d}.csv"
    return attachment(csv_bytes(EXPORT_HEADER, rows), filename=name, content_type="text/csv; charset=utf-8")
