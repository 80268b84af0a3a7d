from __future__ import annotations

from django.contrib import admin

from devzone.audit.admin import AuditedAdmin
from devzone.indicators.models import Indicator, Observation, Target


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ("code", "name", "unit", "direction", "frequency", "aggregation")
    list_filter = ("direction", "frequency", "aggregation")
    search_fields = ("code", "name")


@admin.register(Observation)
class ObservationAdmin(AuditedAdmin):
    """Figures are revised by adding a row (the import or the API); the admin only reads them."""

    list_display = (
        "indicator",
        "zone",
        "city",
        "period",
        "value",
        "status",
        "is_current",
        "entered_by",
        "entered_at",
    )
    list_filter = ("is_current", "status", "city", "indicator")
    search_fields = ("indicator__name", "zone__name", "source")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ("__str__", "kind", "review", "origin", "city")
    list_filter = ("review", "origin", "kind", "city")
    search_fields = ("text", "indicator_text", "indicator__name", "zone__name")
    raw_id_fields = ("indicator", "zone", "created_by")
