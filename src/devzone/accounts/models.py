"""Users with a role and a zone scope, and API tokens for scripts."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """One role per account; what each may do is decided in ``devzone.accounts.access``.

    The three administrators (三员: 系统、安全、审计管理员) are separate roles, so no account can hold
    two of them: the single ``role`` field is the separation.
    """

    ADMIN = "admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")
    COORDINATOR = "coordinator", _("主管部门协调员")
    ZONE_STAFF = "zone_staff", _("开发区工作人员")
    VIEWER = "viewer", _("只读用户")
    PENDING = "pending", _("待授权")


class User(AbstractUser):
    """A person using devzone; what they see is decided by ``devzone.accounts.access``."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    zones = models.ManyToManyField(
        "orgs.Zone", verbose_name=_("负责的开发区"), blank=True, related_name="staff"
    )
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("所在单位"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # The jurisdiction (管辖范围) of a coordinator or a city-wide viewer: a province, or one city of it.
    province = models.CharField(_("管辖省份"), max_length=30, blank=True)
    city = models.CharField(_("管辖城市"), max_length=30, blank=True, help_text=_("留空：全省"))
    # Sign-in security (等保2.0): a password someone else chose must be replaced at first sign-in,
    # and DEVZONE_PASSWORD_MAX_AGE_DAYS counts from the last change (or from joining).
    must_change_password = models.BooleanField(_("须修改初始密码"), default=False)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")


class ApiToken(models.Model):
    """A bearer token for scripts (``Authorization: Bearer dz_…``); only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def zone_id(self) -> None:
        return None


class PasswordHistory(models.Model):
    """The hash of a password a user has had; the last DEVZONE_PASSWORD_HISTORY may not be chosen again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"


class TotpDevice(models.Model):
    """A user's authenticator app (动态口令): the shared secret, confirmed once a first code matched."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(_("启用时间"), null=True, blank=True)
    # The last time step accepted: a code is good once (RFC 6238 §5.2).
    last_step = models.BigIntegerField(default=-1)

    audit_omit = ("secret",)

    class Meta:
        verbose_name = _("动态口令")
        verbose_name_plural = _("动态口令")

    def __str__(self) -> str:
        return f"{self.user} TOTP"
