"""亩均效益 records: enterprises, their yearly data, import batches, evaluation runs, results, objections.

Every model carries a ``zone`` FK to :class:`devzone.orgs.models.Zone` so :mod:`devzone.accounts.access`
scopes it. :class:`MuRun` ``zone`` may be empty: a city-wide run over every zone (a shared record).
Money is in 万元, land in 亩, electricity in kWh — the engine's canonical units
(:mod:`devzone.enterprises.inputs_schema`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.orgs.models import Zone


class Scale(models.TextChoices):
    ABOVE = "above", _("规上")
    BELOW = "below", _("规下")


class Enterprise(models.Model):
    """An enterprise (企业) of one zone, keyed by its 统一社会信用代码 (GB 32100)."""

    zone = models.ForeignKey(
        Zone, verbose_name=_("所属开发区"), on_delete=models.PROTECT, related_name="enterprises"
    )
    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    name = models.CharField(_("企业名称"), max_length=200)
    industry_code = models.CharField(_("行业代码"), max_length=4)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["zone", "uscc"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "uscc"], name="enterprise_unique_zone_uscc"),
        ]
        verbose_name = _("企业")
        verbose_name_plural = _("企业")

    def __str__(self) -> str:
        return f"{self.name} ({self.uscc})"


class DataImport(models.Model):
    """One imported data file (数据导入批次), kept as it came."""

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    file = models.FileField(_("导入文件"), upload_to="enterprises/imports/")
    original_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("行数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("数据导入批次")
        verbose_name_plural = _("数据导入批次")

    def __str__(self) -> str:
        return f"{self.year} {self.original_name}"


class EnterpriseYear(models.Model):
    """One enterprise's data for one year (企业年度数据), in the canonical columns."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="years")
    zone = models.ForeignKey(Zone, verbose_name=_("所属开发区"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    scale = models.CharField(_("规模"), max_length=10, choices=Scale.choices)
    land_mu = models.FloatField(_("用地面积(亩)"))
    leased = models.BooleanField(_("租赁厂房"), default=False)
    tax = models.FloatField(_("评价税收(万元)"))
    sales = models.FloatField(_("销售收入(万元)"))
    value_added = models.FloatField(_("工业增加值(万元)"), null=True, blank=True)
    energy_tce = models.FloatField(_("综合能耗(吨标煤)"), null=True, blank=True)
    emission_equiv = models.FloatField(_("主要污染物排放当量"), null=True, blank=True)
    rd_expense = models.FloatField(_("研发经费(万元)"), null=True, blank=True)
    employees = models.IntegerField(_("年平均职工人数"), null=True, blank=True)
    electricity_kwh = models.FloatField(_("用电量(kWh)"), null=True, blank=True)
    veto = models.CharField(_("否决事项"), max_length=200, blank=True)
    exempt = models.CharField(_("不定等级事由"), max_length=200, blank=True)
    data_import = models.ForeignKey(
        DataImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="records"
    )

    class Meta:
        ordering = ["zone", "year", "enterprise"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="enterprise_year_unique"),
        ]
        indexes = [models.Index(fields=["zone", "year"])]
        verbose_name = _("企业年度数据")
        verbose_name_plural = _("企业年度数据")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("已评价")
    PUBLICISED = "publicised", _("公示中")
    FINAL = "final", _("已定级")


class MuRun(models.Model):
    """One evaluation run (评价批次): the method file, the input snapshot, who ran it, the workflow state."""

    # The audit keeps the method's hash, not its text, and the results, not their summary.
    audit_omit = ("summary", "method_yaml")

    zone = models.ForeignKey(
        Zone,
        verbose_name=_("开发区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="empty: a city-wide run over every zone of ``city``",
    )
    city = models.CharField(_("城市"), max_length=30, blank=True)
    province = models.CharField(_("省份"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("评价年度"))
    title = models.CharField(_("标题"), max_length=200, blank=True)
    method_id = models.CharField(_("评价办法"), max_length=100)
    method_yaml = models.TextField(_("办法原文"), help_text="the exact method file text")
    method_sha256 = models.CharField(max_length=64)
    input_snapshot = models.FileField(_("输入快照"), upload_to="enterprises/snapshots/")
    input_sha256 = models.CharField(max_length=64)
    input_rows = models.PositiveIntegerField(_("输入行数"), default=0)
    status = models.CharField(_("状态"), max_length=20, choices=RunStatus.choices, default=RunStatus.DRAFT)
    publicity_start = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_end = models.DateField(_("公示截止"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("定级时间"), null=True, blank=True)
    summary = models.JSONField(_("汇总"), default=dict, blank=True)
    versions = models.JSONField(
        _("软件版本"),
        default=dict,
        blank=True,
        help_text="devzone, numpy, duckdb, ibis and SALib the run used",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("评价批次")
        verbose_name_plural = _("评价批次")

    def __str__(self) -> str:
        if self.title:
            return self.title
        # An untitled run is named by its year and place (the method's id is a file key, not a name);
        # only then is the zone looked up, so a list of titled runs costs no query a row.
        where = self.zone.name if self.zone_id is not None else (self.city or self.province)
        return f"{where} {self.year} 年度亩均效益评价"


class MuResult(models.Model):
    """One enterprise's evaluation result in one run (评价结果), with its explanation."""

    run = models.ForeignKey(MuRun, on_delete=models.CASCADE, related_name="results")
    zone = models.ForeignKey(Zone, verbose_name=_("所属开发区"), on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.SET_NULL, related_name="results"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    name = models.CharField(_("企业名称"), max_length=200)
    industry_code = models.CharField(_("行业代码"), max_length=4)
    segment = models.CharField(_("评价分组"), max_length=50, blank=True)
    score = models.FloatField(_("得分"), null=True, blank=True)
    rank = models.IntegerField(_("组内排名"), null=True, blank=True)
    klass = models.CharField(_("评价类别"), max_length=8, blank=True)
    final_class = models.CharField(_("最终类别"), max_length=8, blank=True)
    veto = models.BooleanField(_("否决"), default=False)
    exempt_reason = models.CharField(_("不定等级事由"), max_length=200, blank=True)
    veto_reason = models.CharField(_("否决事项"), max_length=200, blank=True)
    years_in_class = models.IntegerField(_("连续年数"), null=True, blank=True)
    indicators = models.JSONField(
        _("指标"), default=list, help_text='[{"code","name","unit","value","benchmark","points","weight"}]'
    )
    extra = models.JSONField(_("其他"), default=dict, blank=True)

    class Meta:
        ordering = ["run", "segment", "rank", "uscc"]
        indexes = [models.Index(fields=["run", "segment", "rank"])]
        verbose_name = _("评价结果")
        verbose_name_plural = _("评价结果")

    def __str__(self) -> str:
        return f"{self.name} ({self.uscc}) {self.final_class or self.klass}"


class ObjectionStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    UPHELD = "upheld", _("成立")
    REJECTED = "rejected", _("不成立")


class Objection(models.Model):
    """An objection (异议) to a result during its run's 公示, with evidence and the decision."""

    result = models.ForeignKey(MuResult, on_delete=models.CASCADE, related_name="objections")
    zone = models.ForeignKey(Zone, verbose_name=_("所属开发区"), on_delete=models.PROTECT, related_name="+")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("异议理由"))
    evidence = models.FileField(_("证明材料"), upload_to="enterprises/objections/", blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.PENDING
    )
    decision = models.TextField(_("处理意见"), blank=True)
    new_class = models.CharField(_("调整后类别"), max_length=8, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("异议")
        verbose_name_plural = _("异议")

    def __str__(self) -> str:
        return f"{self.result} · {self.get_status_display()}"
