"""The unit directory (单位名录): zones, units and owner groups."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

region_code_validator = RegexValidator(r"^\d{6}$", _("区划代码须为 6 位数字 (GB/T 2260)"), code="region_code")


class ZoneLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    OTHER = "other", _("其他")


class ZoneKind(models.TextChoices):
    ETDZ = "etdz", _("经开区")
    HITECH = "hitech", _("高新区")
    BONDED = "bonded", _("综保区")
    NEW_AREA = "new_area", _("新区")
    PARK = "park", _("园区")


class Zone(models.Model):
    """A development zone (开发区)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    level = models.CharField(_("级别"), max_length=20, choices=ZoneLevel.choices)
    kind = models.CharField(_("类型"), max_length=20, choices=ZoneKind.choices)
    region_code = models.CharField(_("区划代码"), max_length=6, validators=[region_code_validator])
    province = models.CharField(_("省份"), max_length=30)
    city = models.CharField(_("所在城市"), max_length=30)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    description = models.TextField(_("简介"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["province", "city", "name"]
        verbose_name = _("开发区")
        verbose_name_plural = _("开发区")

    def __str__(self) -> str:
        return self.name

    @property
    def zone_id(self) -> int:
        """A zone belongs to itself: lets the access helper treat it like any zoned record."""
        return self.pk


class UnitKind(models.TextChoices):
    BUREAU = "bureau", _("部门")
    COUNTY = "county", _("县区")
    BOARD = "board", _("功能板块")
    ZONE_COMMITTEE = "zone_committee", _("开发区管委会")
    TOWNSHIP = "township", _("乡镇街道")
    OTHER = "other", _("其他")


class Unit(models.Model):
    """A responsible unit (责任单位): a bureau, a county, a 功能板块 or a zone committee."""

    name = models.CharField(_("全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=60)
    kind = models.CharField(_("类别"), max_length=20, choices=UnitKind.choices)
    province = models.CharField(_("省份"), max_length=30)
    city = models.CharField(_("所在城市"), max_length=30, blank=True)
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("所属开发区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["province", "city", "kind", "name"]
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")

    def __str__(self) -> str:
        return self.name


class OwnerGroup(models.Model):
    """A collective owner (各县区, 各开发区管委会) that expands to its member units."""

    name = models.CharField(_("名称"), max_length=60)
    province = models.CharField(_("省份"), max_length=30)
    city = models.CharField(_("所在城市"), max_length=30, blank=True)
    members = models.ManyToManyField(Unit, verbose_name=_("成员单位"), related_name="groups", blank=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)

    class Meta:
        ordering = ["province", "city", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "city", "name"], name="owner_group_unique_name"),
        ]
        verbose_name = _("单位组")
        verbose_name_plural = _("单位组")

    def __str__(self) -> str:
        return f"{self.city or self.province}·{self.name}"
