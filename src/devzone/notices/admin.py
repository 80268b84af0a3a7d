"""The outbox and the daily passes, read-only: an admin sees what went out, what failed and why."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from devzone.notices.models import Delivery, PassRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("channel", "recipient", "subject", "created_at", "attempts", "sent_at", "last_error")
    list_filter = ("channel",)


@admin.register(PassRun)
class PassRunAdmin(ReadOnlyAdmin):
    list_display = ("name", "day", "created", "finished_at")
