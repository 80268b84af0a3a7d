"""招商项目 records: projects (one deal each), their re-signings, milestones with evidence and a second
unit's verification, funds arrived, monthly FAI, yearly FAI plans, contract control indicators and import
batches.

A :class:`Project` carries a ``zone`` FK to :class:`devzone.orgs.models.Zone`; every child record names its
zone through ``zone_path = "project__zone"``, so :mod:`devzone.accounts.access` scopes it and the audit
entry carries it. Money in 万元, land in 亩 — the engine's units (:mod:`devzone.projects.records`). The
history is append-only: a milestone is added, then verified once; a change is a new row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.orgs.models import Unit, Zone
from devzone.projects.contracts import CHECK_POINTS, INDICATORS, OPS
from devzone.projects.records import FAI_SOURCES, FUND_EVIDENCE, FUND_KINDS
from devzone.projects.stages import (
    AGREEMENTS,
    CHANNELS,
    CONTRACT,
    EVIDENCE,
    KINDS,
    MILESTONE_STAGES,
    STATUSES,
)


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


EVIDENCE_CHOICES = _choices(tuple(sorted({k for kinds in EVIDENCE.values() for k in kinds})))


class ProjectImport(models.Model):
    """One imported project ledger file (项目台账导入批次), kept as it came."""

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("导入文件"), upload_to="projects/imports/")
    original_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("行数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("项目导入批次")
        verbose_name_plural = _("项目导入批次")

    def __str__(self) -> str:
        return self.original_name


class Project(models.Model):
    """An investment project (招商项目) of one zone: one deal, with exactly one 招商责任单位."""

    zone = models.ForeignKey(
        Zone, verbose_name=_("所属开发区"), on_delete=models.PROTECT, related_name="projects"
    )
    code = models.CharField(_("项目编号"), max_length=40)
    name = models.CharField(_("项目名称"), max_length=200)
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("招商责任单位"), on_delete=models.PROTECT, related_name="led_projects"
    )
    linked_leader = models.CharField(_("挂钩领导"), max_length=60, blank=True)
    service_unit = models.ForeignKey(
        Unit, verbose_name=_("包保部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("招商方式"), max_length=20, choices=_choices(CHANNELS), default="其他")
    event = models.CharField(_("招商活动"), max_length=100, blank=True)
    industry_code = models.CharField(_("行业代码"), max_length=5, blank=True)
    kind = models.CharField(_("项目类型"), max_length=10, choices=_choices(KINDS), default="新建")
    agreement = models.CharField(_("协议类型"), max_length=10, choices=_choices(AGREEMENTS), default=CONTRACT)
    signed_on = models.DateField(_("签约日期"), null=True, blank=True)
    total_wan = models.FloatField(_("协议总投资(万元)"), default=0)
    fixed_wan = models.FloatField(_("协议固定资产投资(万元)"), default=0)
    investor_name = models.CharField(_("投资方"), max_length=200, blank=True)
    investor_uscc = models.CharField(_("投资方统一社会信用代码"), max_length=18, blank=True)
    company_uscc = models.CharField(_("项目公司统一社会信用代码"), max_length=18, blank=True)
    fake = models.BooleanField(_("弄虚作假"), default=False)
    parcel_id = models.CharField(_("地块编号"), max_length=60, blank=True)
    area_mu = models.FloatField(_("用地面积(亩)"), null=True, blank=True)
    land_price_wan = models.FloatField(_("出让金(万元)"), null=True, blank=True)
    delivered_on = models.DateField(_("交地日期"), null=True, blank=True)
    land_paid_on = models.DateField(_("土地款缴清日期"), null=True, blank=True)
    in_zone = models.BooleanField(_("位于园区内"), default=True)
    planned_start = models.DateField(_("计划开工月份"), null=True, blank=True)
    deadline_start = models.DateField(_("合同约定开工日期"), null=True, blank=True)
    deadline_finish = models.DateField(_("合同约定竣工日期"), null=True, blank=True)
    deadline_review = models.DateField(_("合同约定达产验收申请日期"), null=True, blank=True)
    review_applied_on = models.DateField(_("达产验收申请日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=_choices(STATUSES), default="推进中")
    terminated_on = models.DateField(_("终止/收回日期"), null=True, blank=True)
    data_import = models.ForeignKey(
        ProjectImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["zone", "code"]
        constraints = [models.UniqueConstraint(fields=["zone", "code"], name="project_unique_zone_code")]
        verbose_name = _("招商项目")
        verbose_name_plural = _("招商项目")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SigningEvent(models.Model):
    """A later ceremony re-signing the same deal (重复签约): shown, never counted."""

    zone_path = "project__zone"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="signing_events")
    signed_on = models.DateField(_("签约日期"))
    event = models.CharField(_("招商活动"), max_length=100, blank=True)

    class Meta:
        ordering = ["project", "signed_on"]
        verbose_name = _("重复签约活动")
        verbose_name_plural = _("重复签约活动")

    def __str__(self) -> str:
        return f"{self.project.code} {self.signed_on}"


class Milestone(models.Model):
    """A stage reached (注册 … 上规) with its evidence; it counts once a unit other than the project's
    招商责任单位 has verified it. Append-only: a correction is a new row."""

    zone_path = "project__zone"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    stage = models.CharField(_("阶段"), max_length=10, choices=_choices(MILESTONE_STAGES))
    reached_on = models.DateField(_("日期"))
    evidence = models.CharField(_("佐证材料"), max_length=20, choices=EVIDENCE_CHOICES, blank=True)
    evidence_file = models.FileField(_("佐证文件"), upload_to="projects/evidence/", blank=True)
    evidence_on = models.DateField(_("佐证日期"), null=True, blank=True)
    value = models.FloatField(_("产能利用率"), null=True, blank=True)
    verified_by = models.ForeignKey(
        Unit, verbose_name=_("核验单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "reached_on", "pk"]
        verbose_name = _("项目节点")
        verbose_name_plural = _("项目节点")

    def __str__(self) -> str:
        return f"{self.project.code} {self.stage} {self.reached_on}"


class NodeRecord(models.Model):
    """A node of the node plan that is no stage (备案立项, 环评, 施工许可 …) marked done by the zone, with the
    document that proves it. Append-only: one row per node of a project; a correction is a new project note."""

    zone_path = "project__zone"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="node_records")
    node = models.CharField(_("节点"), max_length=40)
    done_on = models.DateField(_("完成日期"))
    evidence_file = models.FileField(_("佐证文件"), upload_to="projects/nodes/")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "done_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "node"], name="one_record_per_node")]
        verbose_name = _("节点完成记录")
        verbose_name_plural = _("节点完成记录")

    def __str__(self) -> str:
        return f"{self.project.code} {self.node} {self.done_on}"


class FundsArrival(models.Model):
    """资金到位, proven by a 银行进账单 or 验资报告."""

    zone_path = "project__zone"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funds")
    arrived_on = models.DateField(_("到位日期"))
    amount_wan = models.FloatField(_("金额(万元)"))
    kind = models.CharField(_("资金类型"), max_length=10, choices=_choices(FUND_KINDS), default="固定资产")
    evidence = models.CharField(_("佐证"), max_length=10, choices=_choices(FUND_EVIDENCE), blank=True)
    evidence_file = models.FileField(_("佐证文件"), upload_to="projects/funds/", blank=True)

    class Meta:
        ordering = ["project", "arrived_on", "pk"]
        verbose_name = _("到位资金")
        verbose_name_plural = _("到位资金")

    def __str__(self) -> str:
        return f"{self.project.code} {self.arrived_on} {self.amount_wan:g}"


class FaiMonth(models.Model):
    """A month's 固定资产投资 of a project, by source (统计 = the statistics bureau's figure)."""

    zone_path = "project__zone"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fai")
    month = models.DateField(_("月份"))
    amount_wan = models.FloatField(_("金额(万元)"))
    source = models.CharField(_("来源"), max_length=10, choices=_choices(FAI_SOURCES), default="统计")

    class Meta:
        ordering = ["project", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "month", "source"], name="fai_unique_project_month_source"
            )
        ]
        verbose_name = _("固定资产投资")
        verbose_name_plural = _("固定资产投资")

    def __str__(self) -> str:
        return f"{self.project.code} {self.month:%Y-%m}"


class FaiPlan(models.Model):
    """A project's FAI plan for a year (for the 序时 light)."""

    zone_path = "project__zone"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fai_plans")
    year = models.PositiveSmallIntegerField(_("年度"))
    amount_wan = models.FloatField(_("计划投资(万元)"))

    class Meta:
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="fai_plan_unique_project_year")
        ]
        verbose_name = _("年度投资计划")
        verbose_name_plural = _("年度投资计划")

    def __str__(self) -> str:
        return f"{self.project.code} {self.year}"


class ContractIndicator(models.Model):
    """A 标准地 control indicator of the project's contract, checked at 竣工验收 or 达产复核."""

    zone_path = "project__zone"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("指标"), max_length=20, choices=_choices(tuple(INDICATORS)))
    op = models.CharField(_("比较"), max_length=2, choices=_choices(OPS), default=">=")
    value = models.FloatField(_("约定值"))
    check_at = models.CharField(_("核查节点"), max_length=10, choices=_choices(CHECK_POINTS))

    class Meta:
        ordering = ["project", "check_at", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name", "check_at"], name="indicator_unique_project_name_at"
            )
        ]
        verbose_name = _("控制性指标")
        verbose_name_plural = _("控制性指标")

    def __str__(self) -> str:
        return f"{self.project.code} {self.name} {self.op} {self.value:g}"
