from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.http import HttpRequest

from devzone.accounts.models import ApiToken, User
from devzone.audit.admin import AuditedAdmin


class ResetPasswordForm(AdminPasswordChangeForm):
    """An administrator's reset: the administrator knows the password, so the user must change it."""

    def save(self, commit: bool = True) -> Any:
        self.user.must_change_password = True
        return super().save(commit)


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = ("username", "first_name", "role", "unit", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("devzone", {"fields": ("role", "zones", "unit", "must_change_password", "password_changed_at")}),
    )
    readonly_fields = ("password_changed_at",)
    filter_horizontal = ("zones", "groups", "user_permissions")
    change_password_form = ResetPasswordForm

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.must_change_password = True  # the administrator chose the initial password
        super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
