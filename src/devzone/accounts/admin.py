"""The admin site's user pages: the system administrator's account fields, never rights.

Roles, zones, jurisdictions, locks and Django's permission flags are read-only here: the security
administrator grants them on /accounts/users/ (``devzone.accounts.access`` decides who may).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.http import HttpRequest

from devzone.accounts.access import can_manage_account, is_admin
from devzone.accounts.models import ApiToken, User
from devzone.audit.admin import AuditedAdmin

RIGHTS_FIELDS = ("role", "zones", "province", "city", "is_active", "is_staff", "is_superuser")


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
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("first_name", "last_name", "email", "unit")}),
        ("登录安全", {"fields": ("must_change_password", "password_changed_at")}),
        ("权限（由安全管理员授予）", {"fields": RIGHTS_FIELDS}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = (*RIGHTS_FIELDS, "last_login", "date_joined", "password_changed_at")
    filter_horizontal = ()
    change_password_form = ResetPasswordForm

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # accounts are created on /accounts/users/new/, as 待授权

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user) and (obj is None or can_manage_account(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user) and (obj is None or can_manage_account(request.user, obj))


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "key_hash", "created_at", "last_used_at", "revoked_at")

    # A token is its owner's alone: made on their own page, revoked by them or by a lock or role change.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
