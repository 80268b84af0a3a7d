"""The audit trail: who changed which record, when, and from what to what."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.audit.readable import Change, model_name, readable_changes


class AuditAction(models.TextChoices):
    CREATE = "create", _("新建")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    # Sign-in events (等保2.0 安全审计): recorded with :func:`devzone.audit.actions.event`.
    LOGIN = "login", _("登录成功")
    LOGIN_FAILED = "login_fail", _("登录失败")
    LOCKOUT = "lockout", _("账号锁定")
    # Operator events (等保2.0 数据备份恢复): the archive's hash and manifest facts kept as ``after``.
    BACKUP = "backup", _("备份")
    RESTORE = "restore", _("恢复")


class AuditEntry(models.Model):
    """One create/update/delete of a domain record, or one sign-in event (审计记录)."""

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_name = models.CharField(_("操作人账号"), max_length=150)
    action = models.CharField(_("操作"), max_length=10, choices=AuditAction.choices)
    model = models.CharField(_("对象类型"), max_length=100, db_index=True)
    object_pk = models.CharField(_("对象编号"), max_length=64)
    object_repr = models.CharField(_("对象"), max_length=200)
    zone = models.ForeignKey(
        "orgs.Zone", verbose_name=_("开发区"), null=True, blank=True, on_delete=models.SET_NULL
    )
    source = models.CharField(_("来源"), max_length=20)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    # The tamper-evident chain (devzone.audit.chain): set once, when the entry is written.
    prev_hash = models.CharField(_("前一条哈希"), max_length=64, blank=True, default="")
    hash = models.CharField(_("本条哈希"), max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    @property
    def changes(self) -> dict[str, tuple[object, object]]:
        """Fields whose value differs between ``before`` and ``after``."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return {k: (before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)}

    @property
    def actor_label(self) -> str:
        """Who made the change; changes made by the system itself (demo, scheduler) say so in Chinese."""
        return "系统" if self.actor_id is None and self.actor_name in {"", "system"} else self.actor_name

    @property
    def model_name(self) -> str:
        """The record type in Chinese (任务, 指标数据…)."""
        return model_name(self.model)

    @property
    def readable_changes(self) -> list[Change]:
        """The changed fields named and shown in Chinese (``audit.readable``)."""
        return readable_changes(self.model, self.before, self.after)


class AuditAnchor(models.Model):
    """A purge point: entries up to ``last_purged_id`` went to ``export_name``, then were deleted.

    ``head_hash`` is the hash of the last purged entry, so the first remaining entry's ``prev_hash``
    must equal it; the export's manifest carries the same hash, which ties the file to the database.
    """

    at = models.DateTimeField(_("清理时间"), auto_now_add=True)
    last_purged_id = models.BigIntegerField(_("清理至编号"))
    head_hash = models.CharField(_("锚点哈希"), max_length=64)
    purged_count = models.PositiveIntegerField(_("清理条数"))
    export_name = models.CharField(_("导出文件"), max_length=255)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("审计清理锚点")
        verbose_name_plural = _("审计清理锚点")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} ≤{self.last_purged_id} → {self.export_name}"
