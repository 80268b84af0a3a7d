"""Cultivation-pool records: qualifications held, the yearly supplement, pools and their members.

Every model carries a ``zone`` FK to :class:`devzone.orgs.models.Zone` so :mod:`devzone.accounts.access`
scopes it. A qualification belongs to the enterprise record of the zone it was held in; a whole-firm
move (整体迁移) is a second enterprise record in the new zone, and the counts follow the memberships
(:mod:`devzone.pools.yearend`). The pure engines never import this module.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from devzone.enterprises.models import Enterprise
from devzone.orgs.models import Zone
from devzone.pools.kinds import KINDS

KIND_CHOICES = [(k.code, k.name) for k in KINDS]


class EntryPath(models.TextChoices):
    FIRST = "first", _("首次认定")
    CONSECUTIVE = "consecutive", _("连续认定（重新认定、复核）")
    RE_ENTRY = "re_entry", _("中断后再认定")
    MOVED_IN = "moved_in", _("整体迁入")


class QualificationStatus(models.TextChoices):
    VALID = "valid", _("有效")
    REVOKED = "revoked", _("被取消")
    WITHDRAWN = "withdrawn", _("撤回、注销")


class Qualification(models.Model):
    """A title an enterprise holds (高企证书, 专精特新称号 …) with its validity (spec §1)."""

    zone = models.ForeignKey(Zone, verbose_name=_("所属开发区"), on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="qualifications"
    )
    kind = models.CharField(_("资质类别"), max_length=20, choices=KIND_CHOICES)
    level = models.CharField(_("等级"), max_length=40, blank=True)
    issuer = models.CharField(_("认定机构"), max_length=100, blank=True)
    doc_no = models.CharField(_("文号或批次"), max_length=100, blank=True)
    certificate_no = models.CharField(_("证书编号"), max_length=60, blank=True)
    issued_on = models.DateField(_("发证日期"))
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期止"), null=True, blank=True)
    eval_year = models.PositiveSmallIntegerField(_("评价年度（科技型）"), null=True, blank=True)
    entry_path = models.CharField(
        _("入库方式"), max_length=20, choices=EntryPath.choices, default=EntryPath.FIRST
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=QualificationStatus.choices, default=QualificationStatus.VALID
    )
    revoked_on = models.DateField(_("取消日期"), null=True, blank=True)
    revoked_effective_year = models.PositiveSmallIntegerField(_("自该年度起取消"), null=True, blank=True)
    criteria_version = models.CharField(_("认定条件版本"), max_length=40, blank=True)
    source_url = models.URLField(_("公布来源"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["zone", "kind", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "certificate_no"],
                condition=~Q(certificate_no=""),
                name="qualification_unique_certificate",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="qualification_dates_ordered",
            ),
        ]
        verbose_name = _("资质记录")
        verbose_name_plural = _("资质记录")

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.get_kind_display()} {self.certificate_no or self.valid_from}"


class SupplementYear(models.Model):
    """One enterprise-year of the yearly supplement (spec §3 fields by name, as the import read them)."""

    zone = models.ForeignKey(Zone, verbose_name=_("所属开发区"), on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="pool_supplements"
    )
    year = models.PositiveSmallIntegerField(_("数据年度"))
    values = models.JSONField(_("补充数据"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["zone", "enterprise", "year"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "year"], name="supplement_unique_year")]
        verbose_name = _("年度补充数据")
        verbose_name_plural = _("年度补充数据")

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year}"


class Pool(models.Model):
    """A zone's cultivation pool (高企后备库, 专精特新/小巨人培育库, 智能车间/工厂培育库, or one users made)."""

    zone = models.ForeignKey(Zone, verbose_name=_("所属开发区"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("目标资质"), max_length=20, choices=KIND_CHOICES)
    builtin = models.BooleanField(_("系统预设"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["zone", "name"]
        constraints = [models.UniqueConstraint(fields=["zone", "name"], name="pool_unique_zone_name")]
        verbose_name = _("培育库")
        verbose_name_plural = _("培育库")

    def __str__(self) -> str:
        return str(self.name)


class PoolState(models.TextChoices):
    POOLED = "pooled", _("已入库")
    PREPARING = "preparing", _("申报准备")
    APPLIED = "applied", _("已申报")
    PUBLICIZED = "publicized", _("公示中")
    CERTIFIED = "certified", _("已认定")
    RENEWAL_APPLIED = "renewal_applied", _("已申请重新认定或复核")
    RENEWED = "renewed", _("已续期")
    LAPSED = "lapsed", _("到期未续")
    REVOKED = "revoked", _("被取消")
    REJECTED = "rejected", _("未通过")
    EXITED = "exited", _("已出库")


class PoolMember(models.Model):
    """An enterprise in a pool, entered by a zone officer with a reason; ``state`` follows spec §6."""

    zone = models.ForeignKey(Zone, verbose_name=_("所属开发区"), on_delete=models.PROTECT, related_name="+")
    pool = models.ForeignKey(Pool, verbose_name=_("培育库"), on_delete=models.PROTECT, related_name="members")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="pool_memberships"
    )
    state = models.CharField(_("状态"), max_length=20, choices=PoolState.choices, default=PoolState.POOLED)
    reason = models.TextField(_("入库理由"))
    entered_on = models.DateField(_("入库日期"))
    left_on = models.DateField(_("出库日期"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pool", "entered_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["pool", "enterprise"], condition=Q(left_on__isnull=True), name="pool_member_open_once"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="pool_member_reason_given"),
        ]
        verbose_name = _("培育库成员")
        verbose_name_plural = _("培育库成员")

    def __str__(self) -> str:
        return f"{self.pool_id} {self.enterprise_id} {self.get_state_display()}"
