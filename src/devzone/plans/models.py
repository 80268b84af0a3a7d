"""Plans at work: imported action plans, their tasks and owners, assignments and progress.

Zone scoping: a plan belongs to a zone or is city-wide (``zone`` empty → shared); sections, tasks,
owners, deadlines and targets follow their plan (``zone_path = "plan__zone"`` or via the task);
assignments, progress reports and evidence follow the assigned unit's zone
(``unit__zone``) — a zone's staff report on the assignments of their zones' units.
A record without a zone belongs to the plan's (or the document's, or the unit's) city and province;
``units_path`` names the units such a record involves, so zone staff read a city plan only when it
names one of their units, and never another unit's assignment (``devzone.accounts.access``).

``generation_path`` names the plan each record is part of: an audited change of a record moves its
plan's generation token only, so the 督办看板 rebuilds that plan's part alone
(``devzone.core.generations``, ``devzone.plans.snapshot``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.target_kinds import TARGET_KIND_LABELS
from devzone.orgs.models import OwnerGroup, Unit, Zone


class SourceDocument(models.Model):
    """An uploaded plan file, kept as it came, with its decoded text (the spans point into it)."""

    units_path = "plans__tasks__assignments__unit"

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), null=True, blank=True, on_delete=models.PROTECT)
    city = models.CharField(_("城市"), max_length=30, blank=True)
    province = models.CharField(_("省份"), max_length=30, blank=True)
    name = models.CharField(_("文件名"), max_length=200)
    file = models.FileField(_("原始文件"), upload_to="plans/sources/%Y/")
    text = models.TextField(_("解析文本"))
    # why no plan was read from it: the file is kept so the reviewer can open it, and no plan points here
    refusal = models.TextField(_("未能读取的原因"), blank=True)
    sha256 = models.CharField(max_length=64)
    parse_method = models.CharField(_("解析方法"), max_length=100)
    engine_version = models.CharField(_("引擎版本"), max_length=50)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("方案原文")
        verbose_name_plural = _("方案原文")

    def __str__(self) -> str:
        return self.name


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("待审核")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被新版本替代")


class Plan(models.Model):
    """One action plan (行动方案), one version of it. Publishing freezes a version; a revision is a new row."""

    generation_path = "pk"
    units_path = "tasks__assignments__unit"

    zone = models.ForeignKey(
        Zone,
        verbose_name=_("所属开发区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    document = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="plans")
    lineage = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
        help_text="the first version of this plan; empty on the first version itself",
    )
    version = models.PositiveIntegerField(
        _("版本"), default=0, help_text="0 while a draft was never published"
    )
    status = models.CharField(_("状态"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    title = models.CharField(_("标题"), max_length=200)
    city = models.CharField(_("城市"), max_length=30, blank=True)
    province = models.CharField(_("省份"), max_length=30, blank=True)
    year = models.PositiveIntegerField(_("年度"), help_text="fills deadlines written without a year (20xx年)")
    start_date = models.DateField(_("起始日期"))
    end_date = models.DateField(_("截止日期"))
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)
    parsed = models.JSONField(
        _("解析结果"), help_text="devzone.plan/1 JSON of this plan as the engine read it"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("行动方案")
        verbose_name_plural = _("行动方案")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}" if self.version else self.title

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def source_text(self) -> str:
        return self.document.text[self.span_start : self.span_end]


class Section(models.Model):
    generation_path = "plan"
    zone_path = "plan__zone"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    number = models.CharField(_("序号"), max_length=20, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    level = models.PositiveSmallIntegerField(default=1)
    order = models.PositiveIntegerField(default=0)
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("章节")
        verbose_name_plural = _("章节")

    def __str__(self) -> str:
        return f"{self.number}{self.title}"

    @property
    def zone_id(self) -> int | None:
        return self.plan.zone_id


class Task(models.Model):
    generation_path = "plan"
    zone_path = "plan__zone"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    key = models.CharField(_("编号"), max_length=40)
    section_path = models.JSONField(default=list)
    heading = models.CharField(_("重点任务"), max_length=300, blank=True)
    text = models.TextField(_("具体内容"))
    order = models.PositiveIntegerField(default=0)
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)
    milestones = models.JSONField(
        _("节点计划"),
        default=list,
        blank=True,
        help_text='[["2025-06-30", 50], …] — expected percent by date',
    )

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("任务")
        verbose_name_plural = _("任务")

    def __str__(self) -> str:
        return f"{self.key} {self.heading or self.text[:30]}"

    @property
    def zone_id(self) -> int | None:
        return self.plan.zone_id

    def due_date(self) -> dt.date:
        """The task's deadline: the earliest one-off deadline, else the plan's end."""
        dates = [d.due_date for d in self.deadlines.all() if d.due_date and not d.recurring]
        return min(dates) if dates else self.plan.end_date


class OwnerRole(models.TextChoices):
    LEAD = "lead", _("牵头")
    SUPPORT = "support", _("配合")
    OWNER = "owner", _("责任")


class OwnerState(models.TextChoices):
    RESOLVED = "resolved", _("已匹配")
    UNRESOLVED = "unresolved", _("未匹配")
    DISMISSED = "dismissed", _("已删除")


class TaskOwner(models.Model):
    """An owner as written in the plan (责任单位), and what the reviewer settled it to."""

    generation_path = "task__plan"
    zone_path = "task__plan__zone"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="owners")
    written = models.CharField(_("原文名称"), max_length=200)
    name = models.CharField(
        _("名称"), max_length=200, help_text="the name resolved (the written one unless fixed)"
    )
    role = models.CharField(_("角色"), max_length=10, choices=OwnerRole.choices)
    group = models.BooleanField(default=False)
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)
    state = models.CharField(
        _("状态"), max_length=12, choices=OwnerState.choices, default=OwnerState.UNRESOLVED
    )
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner_group = models.ForeignKey(
        OwnerGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["task", "pk"]
        verbose_name = _("责任单位（原文）")
        verbose_name_plural = _("责任单位（原文）")

    def __str__(self) -> str:
        return self.name

    @property
    def zone_id(self) -> int | None:
        return self.task.plan.zone_id

    def members(self) -> list[Unit]:
        if self.unit_id:
            return [self.unit]
        if self.owner_group_id:
            return list(self.owner_group.members.order_by("name"))
        return []


class Deadline(models.Model):
    generation_path = "task__plan"
    zone_path = "task__plan__zone"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="deadlines")
    text = models.CharField(_("原文"), max_length=200)
    year = models.PositiveIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    recurring = models.BooleanField(_("周期性"), default=False)
    due_date = models.DateField(_("完成时限"), null=True, blank=True)
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["task", "pk"]
        verbose_name = _("完成时限")
        verbose_name_plural = _("完成时限")

    def __str__(self) -> str:
        return self.text

    @property
    def zone_id(self) -> int | None:
        return self.task.plan.zone_id


class Target(models.Model):
    """A quantitative target (目标值) as the engine read it (``data`` keeps its JSON).

    A nullable link to the indicator catalogue arrives with the indicators slice.
    """

    generation_path = "plan"
    zone_path = "plan__zone"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="targets")
    text = models.CharField(_("原文"), max_length=500)
    indicator = models.CharField(_("指标"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=list(TARGET_KIND_LABELS.items()))
    op = models.CharField(max_length=2)
    value = models.FloatField(_("目标值"))
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    by_year = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict)
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("量化目标")
        verbose_name_plural = _("量化目标")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def zone_id(self) -> int | None:
        return self.plan.zone_id


class Assignment(models.Model):
    """A task given to one unit (牵头 or 配合); reported on by that unit, scoped by the unit's zone."""

    generation_path = "task__plan"
    zone_path = "unit__zone"
    units_path = "unit"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="plan_assignments")
    role = models.CharField(_("角色"), max_length=10, choices=OwnerRole.choices)
    owner = models.ForeignKey(
        TaskOwner, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )

    class Meta:
        ordering = ["task", "unit"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="plans_assignment_task_unit")]
        verbose_name = _("任务分工")
        verbose_name_plural = _("任务分工")

    def __str__(self) -> str:
        return f"{self.task} · {self.unit}"

    @property
    def zone_id(self) -> int | None:
        return self.unit.zone_id


class ProgressReport(models.Model):
    generation_path = "assignment__task__plan"
    zone_path = "assignment__unit__zone"
    units_path = "assignment__unit"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    period = models.CharField(_("报告期"), max_length=7, help_text=_("年-月，如 2025-06"))
    percent = models.PositiveSmallIntegerField(
        _("完成进度（%）"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField(_("进展情况"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # 退回: a coordinator sends the report back with a comment; it stops counting as the assignment's
    # progress and the unit reports again.
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    return_comment = models.TextField(_("退回意见"), blank=True)

    class Meta:
        ordering = ["assignment", "-reported_at", "-pk"]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")

    def __str__(self) -> str:
        return f"{self.assignment} {self.period} {self.percent}%"

    @property
    def zone_id(self) -> int | None:
        return self.assignment.unit.zone_id


class Evidence(models.Model):
    generation_path = "report__assignment__task__plan"
    zone_path = "report__assignment__unit__zone"
    units_path = "report__assignment__unit"

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("佐证材料"), upload_to="plans/evidence/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")

    def __str__(self) -> str:
        return self.name

    @property
    def zone_id(self) -> int | None:
        return self.report.assignment.unit.zone_id
