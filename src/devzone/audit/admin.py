"""Admin integration: edits made in /admin are audited like any other change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from devzone.accounts.access import is_admin, may_read_audit
from devzone.audit.actions import created, deleted, snapshot, updated
from devzone.audit.models import AuditEntry

# Where save_model leaves the "before" of the record it is saving for save_related. It lives on the
# request, never on the ModelAdmin: one ModelAdmin instance serves every thread of the server.
BEFORE_ATTR = "_devzone_audit_before"


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes write audit entries (source "admin").

    The entry is written in ``save_related``, after the many-to-many values are saved, so that
    ``after`` shows them; the snapshot taken in ``save_model`` waits on the request until then.

    Only the system administrator uses these pages, whatever Django's own flags say: rights follow
    the role (``devzone.accounts.access``), so ``is_superuser`` alone opens nothing here.
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        setattr(request, BEFORE_ATTR, before)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            if change:
                updated(
                    form.instance, before=getattr(request, BEFORE_ATTR), actor=request.user, source="admin"
                )
            else:
                created(form.instance, actor=request.user, source="admin")

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        with transaction.atomic():
            deleted(obj, actor=request.user, source="admin")
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "model", "object_repr", "source")
    list_filter = ("action", "model", "source")
    search_fields = ("actor_name", "object_repr", "object_pk")

    # The audit administrator reads the log on /audit/ (they have no admin-site access); here it is
    # closed to everyone else, the system administrator and superusers included.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_read_audit(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_read_audit(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
