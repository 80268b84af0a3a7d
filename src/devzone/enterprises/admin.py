"""Admin for the 亩均 records. Runs and results are the engine's output: the admin only reads them
(a run is redone, not edited; a class changes only through an objection decision)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from devzone.audit.admin import AuditedAdmin
from devzone.enterprises.models import DataImport, Enterprise, EnterpriseYear, MuResult, MuRun, Objection


@admin.register(Enterprise)
class EnterpriseAdmin(AuditedAdmin):
    list_display = ("name", "uscc", "industry_code", "zone")
    list_filter = ("zone",)
    search_fields = ("name", "uscc")


@admin.register(EnterpriseYear)
class EnterpriseYearAdmin(AuditedAdmin):
    list_display = ("enterprise", "year", "scale", "land_mu", "tax", "sales", "zone")
    list_filter = ("year", "scale", "zone")
    search_fields = ("enterprise__name", "enterprise__uscc")
    raw_id_fields = ("enterprise", "data_import")


@admin.register(DataImport)
class DataImportAdmin(AuditedAdmin):
    """Import batches are what was uploaded: read only."""

    list_display = ("original_name", "zone", "year", "rows", "created_by", "created_at")
    list_filter = ("year", "zone")
    readonly_fields = ("zone", "year", "file", "original_name", "sha256", "rows", "created_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(MuRun)
class MuRunAdmin(AuditedAdmin):
    """The method text, the input snapshot and their hashes never change; runs are made by the workflow."""

    list_display = ("__str__", "zone", "year", "method_id", "status", "input_rows", "created_at")
    list_filter = ("status", "year", "method_id")
    readonly_fields = (
        "zone",
        "year",
        "method_id",
        "method_yaml",
        "method_sha256",
        "input_snapshot",
        "input_sha256",
        "input_rows",
        "status",
        "publicity_start",
        "publicity_end",
        "finalised_at",
        "summary",
        "created_by",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(MuResult)
class MuResultAdmin(AuditedAdmin):
    list_display = ("name", "uscc", "run", "segment", "score", "rank", "klass", "final_class", "zone")
    list_filter = ("klass", "final_class", "segment", "run")
    search_fields = ("name", "uscc")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Objection)
class ObjectionAdmin(AuditedAdmin):
    """Objections are filed and decided in the workflow; the admin reads them."""

    list_display = ("result", "status", "filed_by", "filed_at", "decided_by", "decided_at")
    list_filter = ("status",)
    search_fields = ("result__name", "result__uscc", "reason")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
