from __future__ import annotations

from django.contrib import admin

from devzone.assessment.models import AssessmentRun, AssessmentValue, Framework
from devzone.audit.admin import AuditedAdmin


@admin.register(Framework)
class FrameworkAdmin(AuditedAdmin):
    list_display = ("name", "code", "version", "shipped", "sha256")
    list_filter = ("shipped",)
    search_fields = ("name", "code")


@admin.register(AssessmentValue)
class AssessmentValueAdmin(AuditedAdmin):
    list_display = ("zone", "indicator", "year", "value", "source")
    list_filter = ("year", "indicator")
    search_fields = ("indicator", "zone__name")


@admin.register(AssessmentRun)
class AssessmentRunAdmin(AuditedAdmin):
    list_display = ("framework_code", "year", "samples", "seed", "created_at", "created_by")
    list_filter = ("year", "framework_code")
    readonly_fields = ("framework_sha256", "data_sha256", "engine_version")
