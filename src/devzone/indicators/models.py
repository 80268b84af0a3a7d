"""Indicators, observations and targets as stored: the measured side of a plan.

The maths lives in the pure engine (``targets.py``, ``evaluate.py``); ``board.py`` feeds it from
these tables. Observations are never overwritten: a revision adds a row and marks the old one
superseded, so the history of a revised statistic stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from devzone.core.target_kinds import TARGET_KIND_LABELS
from devzone.indicators.catalogue import DENOMINATOR_SCOPES
from devzone.indicators.periods import PeriodError, parse_period
from devzone.indicators.units import UnitError, parse_unit


class Direction(models.TextChoices):
    HIGHER = "higher", _("越高越好")
    LOWER = "lower", _("越低越好")


class Frequency(models.TextChoices):
    YEAR = "year", _("年")
    QUARTER = "quarter", _("季")
    MONTH = "month", _("月")


class Aggregation(models.TextChoices):
    SUM = "sum", _("可加总")
    NOT_ADDITIVE = "not_additive", _("不可加总")


class Indicator(models.Model):
    """A catalogue indicator (指标), loaded from catalogue.yaml and editable in the admin."""

    code = models.SlugField(_("指标代码"), max_length=60, unique=True)
    name = models.CharField(_("指标名称"), max_length=100, unique=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    unit = models.CharField(_("单位"), max_length=30)
    definition = models.TextField(_("定义"))
    scope = models.TextField(_("统计口径"))
    direction = models.CharField(_("方向"), max_length=10, choices=Direction.choices)
    frequency = models.CharField(_("频率"), max_length=10, choices=Frequency.choices)
    aggregation = models.CharField(_("汇总规则"), max_length=20, choices=Aggregation.choices)
    plausible_min = models.FloatField(_("合理下限"), null=True, blank=True)
    plausible_max = models.FloatField(_("合理上限"), null=True, blank=True)
    numerator = models.CharField(_("分子指标"), max_length=60, blank=True)
    denominator = models.CharField(_("分母指标"), max_length=60, blank=True)
    denominator_scope = models.CharField(
        _("分母范围"), max_length=10, choices=[(s, s) for s in DENOMINATOR_SCOPES], default="zone"
    )
    source = models.JSONField(_("来源"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"

    @property
    def is_share(self) -> bool:
        return bool(self.numerator)


class ObservationStatus(models.TextChoices):
    PRELIMINARY = "preliminary", _("初步")
    FINAL = "final", _("最终")


class Observation(models.Model):
    """One figure of an indicator for a zone (or the whole city when ``zone`` is empty) and a period.

    A revision adds a new row and points the old one at it (``superseded_by``); only one row per
    indicator × zone × city × period is current.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="observations"
    )
    zone = models.ForeignKey(
        "orgs.Zone",
        verbose_name=_("开发区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
    )
    city = models.CharField(_("城市"), max_length=30)
    period = models.CharField(_("统计期"), max_length=10)
    period_end = models.FloatField(_("统计期末（年）"))
    value = models.FloatField(_("数值（指标单位）"))
    entered_value = models.FloatField(_("填报数值"))
    entered_unit = models.CharField(_("填报单位"), max_length=30)
    status = models.CharField(
        _("数据状态"), max_length=12, choices=ObservationStatus.choices, default=ObservationStatus.PRELIMINARY
    )
    source = models.CharField(_("数据来源"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    entered_at = models.DateTimeField(_("填报时间"), default=timezone.now)
    is_current = models.BooleanField(_("现行值"), default=True)
    superseded_by = models.ForeignKey(
        "self", verbose_name=_("被修订为"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator_id", "zone_id", "period_end", "-entered_at", "-pk"]
        indexes = [models.Index(fields=["indicator", "zone", "is_current", "period_end"])]
        verbose_name = _("指标数据")
        verbose_name_plural = _("指标数据")

    def __str__(self) -> str:
        where = self.zone.name if self.zone_id else self.city
        return f"{where} {self.indicator.name} {self.period}: {self.value:g}{self.indicator.unit}"


TargetKind = models.TextChoices(
    "TargetKind", [(name.upper(), (name, _(label))) for name, label in TARGET_KIND_LABELS.items()]
)
"""The stored choices of :attr:`Target.kind`, built from the one list (``devzone.core.target_kinds``)."""


class TargetOp(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", ">"
    EQ = "=", "="
    LE = "<=", "≤"
    LT = "<", "<"


class Coverage(models.TextChoices):
    ZONE = "zone", _("本开发区")
    ZONES = "zones", _("全市开发区合计")
    CITY = "city", _("全市")


class Origin(models.TextChoices):
    HAND = "hand", _("手工录入")
    PLAN = "plan", _("方案解析")


class Review(models.TextChoices):
    LINKED = "linked", _("已自动匹配")
    UNMATCHED = "unmatched", _("待确认指标")
    REVIEWED = "reviewed", _("已人工确认")
    HAND = "hand", _("手工录入")


class Target(models.Model):
    """A tracked target (目标值) on an indicator, for a zone or for a city."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("指标"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    zone = models.ForeignKey(
        "orgs.Zone",
        verbose_name=_("开发区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    city = models.CharField(_("城市"), max_length=30)
    coverage = models.CharField(_("范围"), max_length=10, choices=Coverage.choices, default=Coverage.ZONE)
    kind = models.CharField(_("目标类型"), max_length=20, choices=TargetKind.choices)
    op = models.CharField(_("比较"), max_length=2, choices=TargetOp.choices, default=TargetOp.GE)
    value = models.FloatField(_("目标值"))
    unit = models.CharField(_("目标单位"), max_length=30)
    base_period = models.CharField(_("基期"), max_length=10)
    base_value = models.FloatField(_("基期值（指标单位）"), null=True, blank=True)
    deadline = models.CharField(_("期限"), max_length=10)
    text = models.TextField(_("目标原文"), blank=True)
    indicator_text = models.CharField(_("原文指标名"), max_length=200, blank=True)
    subject = models.CharField(_("原文主体"), max_length=100, blank=True)
    origin = models.CharField(_("来源"), max_length=10, choices=Origin.choices, default=Origin.HAND)
    plan_title = models.CharField(_("方案"), max_length=200, blank=True)
    plan_target = models.JSONField(_("方案目标（解析结果）"), null=True, blank=True)
    review = models.CharField(_("指标匹配"), max_length=10, choices=Review.choices, default=Review.HAND)
    candidates = models.JSONField(_("候选指标"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["city", "zone_id", "indicator_id", "pk"]
        verbose_name = _("目标")
        verbose_name_plural = _("目标")

    def __str__(self) -> str:
        where = self.zone.name if self.zone_id else f"{self.city}{self.get_coverage_display()}"
        what = self.indicator.name if self.indicator_id else self.indicator_text
        return f"{where}·{what} {self.op} {self.value:g}{self.unit}（{self.deadline}）"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        periods = {}
        for name in ("base_period", "deadline"):
            try:
                periods[name] = parse_period(getattr(self, name))
            except PeriodError:
                errors[name] = _("统计期无法识别（如 2025、2025Q4、2025-06）")
        if len(periods) == 2 and periods["deadline"].end <= periods["base_period"].end:
            errors["deadline"] = _("期限须晚于基期")
        if len(periods) == 2:
            self.base_period, self.deadline = periods["base_period"].label, periods["deadline"].label
        try:
            unit = parse_unit(self.unit)
        except UnitError:
            errors["unit"] = _("单位无法识别")
        else:
            expected = UNIT_DIMENSIONS.get(self.kind)
            if expected is not None and unit.dimension != expected:
                errors["unit"] = _("该目标类型的单位应为百分比、倍或 1")
            elif (
                expected is None
                and self.indicator is not None
                and unit.dimension != parse_unit(self.indicator.unit).dimension
            ):
                errors["unit"] = _("单位与指标单位（%s）不能换算") % self.indicator.unit
        if (self.zone_id is not None) != (self.coverage == Coverage.ZONE):
            errors["coverage"] = _("开发区目标的范围为“本开发区”，全市目标不选开发区")
        if errors:
            raise ValidationError(errors)

    @property
    def zone_label(self) -> str:
        return self.zone.name if self.zone_id else f"{self.city}·{self.get_coverage_display()}"


UNIT_DIMENSIONS: dict[str, str] = {"multiple": "ratio", "growth": "ratio", "share": "ratio"}
"""Kinds whose value is a pure ratio (倍, %); the others are in a unit of the indicator's dimension."""


class PeriodLock(models.Model):
    """A city's figures for a period closed by its coordinator: no zone may add or revise them.

    A lock on a year covers its quarters and months too (every period that ends inside it); locking
    is how a bureau freezes the figures it has reported upwards (上报数据定稿).
    """

    city = models.CharField(_("城市"), max_length=30)
    period = models.CharField(_("统计期"), max_length=10)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("锁定人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    locked_at = models.DateTimeField(_("锁定时间"), default=timezone.now)

    class Meta:
        ordering = ["city", "period"]
        constraints = [models.UniqueConstraint(fields=["city", "period"], name="indicators_period_lock_once")]
        verbose_name = _("统计期锁定")
        verbose_name_plural = _("统计期锁定")

    def __str__(self) -> str:
        return f"{self.city} {self.period}"
