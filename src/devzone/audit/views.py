"""The audit log page (admins only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from devzone.accounts.access import get_visible, require_admin
from devzone.audit.models import AuditAction, AuditEntry
from devzone.audit.readable import model_name


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    require_admin(request.user)
    entries = AuditEntry.objects.select_related("zone")
    model = request.GET.get("model", "")
    actor = request.GET.get("actor", "")
    action = request.GET.get("action", "")
    if model:
        entries = entries.filter(model=model)
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if action:
        entries = entries.filter(action=action)
    context = {
        "page": Paginator(entries, 50).get_page(request.GET.get("page")),
        "models": [
            (label, model_name(label))
            for label in AuditEntry.objects.order_by("model").values_list("model", flat=True).distinct()
        ],
        "actions": AuditAction.choices,
        "filters": {"model": model, "actor": actor, "action": action},
    }
    return render(request, "audit/log.html", context)


@login_required
def audit_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    require_admin(request.user)
    entry = get_visible(request.user, AuditEntry.objects.all(), pk=entry_id)
    return render(request, "audit/entry.html", {"entry": entry})
