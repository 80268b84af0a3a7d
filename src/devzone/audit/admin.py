"""Admin integration: edits made in /admin are audited like any other change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from devzone.audit.actions import record, snapshot
from devzone.audit.models import AuditAction, AuditEntry


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes write audit entries (source "admin")."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        self._before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            obj = form.instance
            record(
                actor=request.user,
                action=AuditAction.UPDATE if change else AuditAction.CREATE,
                instance=obj,
                before=getattr(self, "_before", None),
                after=snapshot(obj),
                source="admin",
            )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        before = snapshot(obj)
        zone_id = None if obj._meta.label == "orgs.Zone" else getattr(obj, "zone_id", None)
        with transaction.atomic():
            super().delete_model(request, obj)
            record(
                actor=request.user,
                action=AuditAction.DELETE,
                instance=obj,
                before=before,
                after=None,
                source="admin",
                zone_id=zone_id,
            )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "model", "object_repr", "source")
    list_filter = ("action", "model", "source")
    search_fields = ("actor_name", "object_repr", "object_pk")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
