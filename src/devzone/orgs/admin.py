from __future__ import annotations

from django.contrib import admin

from devzone.audit.admin import AuditedAdmin
from devzone.orgs.models import OwnerGroup, Unit, Zone


@admin.register(Zone)
class ZoneAdmin(AuditedAdmin):
    list_display = ("name", "short_name", "level", "kind", "province", "city", "region_code")
    list_filter = ("level", "kind", "province", "city")
    search_fields = ("name", "short_name")


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("name", "short_name", "kind", "city", "zone")
    list_filter = ("kind", "province", "city")
    search_fields = ("name", "short_name")


@admin.register(OwnerGroup)
class OwnerGroupAdmin(AuditedAdmin):
    list_display = ("name", "province", "city")
    filter_horizontal = ("members",)
