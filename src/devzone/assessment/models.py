"""Stored assessment frameworks, zone data, runs and their results (开发区综合考评).

Who sees what (decided here, enforced through ``devzone.accounts.access`` in every view and endpoint):

- Frameworks are the coordinator's method files: admins, coordinators and city-wide viewers read
  them; only admins and coordinators create or edit them. Zone staff see the method of a run on the
  run page instead.
- Runs and their results: users who see every zone (admin, coordinator, a viewer without zones) see
  the whole ranking, every profile and every rule outcome. Zone staff and zone-bound viewers see a run
  only when their zone is ranked in it, and then only their own zone's rows (rank, score, rank change,
  profile, rule outcomes, data): the published 通报 of all zones goes out through the coordinator's
  exports, not through the zone accounts. This is the safe reading of Chinese practice, where the
  ranking is announced but other zones' profiles, data and consequences are not for a zone to browse.
- Zone data (``AssessmentValue``): zone staff read and upload their own zone's values only;
  coordinators and admins any zone's.
- Only coordinators and admins start runs.

A run stores the framework's YAML text and sha256, the data snapshot (the long table it read, with the
zone attributes) and its sha256, the options (samples, seed) and the engine version, so that
``actions.reproduce`` recomputes it and finds identical results. With uncertainty samples it also stores
the Sobol sensitivity of the rank shift to each weight (``sensitivity``; NULL = not computed, as in runs
made before it was stored). Each zone result keeps, per rank group and node, its rank and last year's
rank (``node_rank_prev``; empty in older runs) and each indicator's value as read (``raw_values``).

A run on the database reads the 考评数据 (``AssessmentValue``) with its missing cells filled from the
indicators slice's annual figures (``sources.build_snapshot``); each snapshot row records its source
(``assessment`` or ``indicators`` with the observation id and period), and the data hash covers it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.assessment.errors import FrameworkError
from devzone.assessment.framework import parse_framework
from devzone.assessment.spec import Framework as EngineFramework
from devzone.orgs.models import Zone

indicator_code_validator = RegexValidator(
    r"^[A-Za-z][A-Za-z0-9_]*$", _("指标代码须以字母开头，只含字母、数字和下划线"), code="indicator_code"
)


def parse_yaml(text: str) -> EngineFramework:
    """The engine's framework for ``text``; a loader error becomes a ValidationError keyed by the YAML key."""
    try:
        return parse_framework(text, source="framework.yaml")
    except FrameworkError as exc:
        raise ValidationError({"yaml_text": [f"{exc.key}: {exc.reason}"]}) from exc


class Framework(models.Model):
    """A versioned framework file (``schema: devzone.framework/1``), validated by the engine on save."""

    name = models.CharField(_("名称"), max_length=200, blank=True, editable=False)
    code = models.CharField(_("框架标识"), max_length=100, editable=False)
    version = models.CharField(_("版本"), max_length=50, blank=True, editable=False)
    yaml_text = models.TextField(_("框架 YAML"))
    sha256 = models.CharField(max_length=64, editable=False)
    shipped = models.BooleanField(_("内置"), default=False)
    # Whose method it is: the coordinators of this province (and city) maintain it; everyone who sees
    # all zones may read it and copy it. Shipped frameworks have no place and are changed by nobody.
    province = models.CharField(_("省份"), max_length=30, blank=True)
    city = models.CharField(_("所在城市"), max_length=30, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-shipped", "name", "version"]
        constraints = [models.UniqueConstraint(fields=["sha256"], name="assessment_framework_unique_sha")]
        verbose_name = _("考核框架")
        verbose_name_plural = _("考核框架")

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()

    def clean(self) -> None:
        engine = parse_yaml(self.yaml_text)
        self.name = engine.name[:200]
        self.code = engine.id[:100]
        self.version = engine.version[:50]
        self.sha256 = engine.sha256

    def engine(self) -> EngineFramework:
        """The validated engine framework."""
        return parse_yaml(self.yaml_text)


class AssessmentValue(models.Model):
    """One cell of the long table: a zone's value of an indicator in a year (NULL = reported missing)."""

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(_("指标代码"), max_length=60, validators=[indicator_code_validator])
    year = models.PositiveIntegerField(
        _("年度"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    value = models.FloatField(_("数值"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "zone", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "indicator", "year"], name="assessment_value_unique_cell")
        ]
        verbose_name = _("考评数据")
        verbose_name_plural = _("考评数据")

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


class AssessmentRun(models.Model):
    """One run of a framework on a year, with everything needed to reproduce it."""

    # The audit keeps the data's hash (``data_sha256``), not the whole input snapshot.
    audit_omit = ("snapshot",)

    framework = models.ForeignKey(
        Framework, verbose_name=_("考核框架"), on_delete=models.PROTECT, related_name="runs"
    )
    framework_code = models.CharField(max_length=100)
    framework_sha256 = models.CharField(max_length=64)
    framework_yaml = models.TextField()
    year = models.PositiveIntegerField(_("考评年度"))
    data_sha256 = models.CharField(max_length=64)
    snapshot = models.JSONField(default=dict)
    samples = models.PositiveIntegerField(_("不确定性抽样次数"), default=0)
    seed = models.BigIntegerField(_("随机种子"), null=True, blank=True)
    engine_version = models.CharField(max_length=30)
    versions = models.JSONField(
        _("软件版本"),
        default=dict,
        blank=True,
        help_text="devzone, numpy, duckdb, ibis and SALib the run used",
    )
    summary = models.JSONField(default=dict)
    sensitivity = models.JSONField(_("权重敏感度（Sobol）"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("考评运行")
        verbose_name_plural = _("考评运行")

    def __str__(self) -> str:
        return f"{self.framework_code} {self.year} #{self.pk}"

    @property
    def nodes(self) -> list[dict[str, Any]]:
        """The framework's nodes as stored in the summary (code, name, parent, depth, leaf)."""
        return list(self.summary.get("nodes", []))


class ZoneResult(models.Model):
    """A zone's result in a run: index score and rank, rank change, rank interval, node scores, profile."""

    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="results")
    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    score = models.FloatField(_("综合得分"), null=True)
    rank = models.PositiveIntegerField(_("排名"), null=True)
    rank_prev = models.PositiveIntegerField(_("上年排名"), null=True)
    rank_change = models.IntegerField(_("位次变化"), null=True)
    streak = models.IntegerField(_("连续进退位"), default=0)
    rank_p05 = models.FloatField(null=True)
    rank_p50 = models.FloatField(null=True)
    rank_p95 = models.FloatField(null=True)
    pay = models.FloatField(_("绩效薪酬系数"), null=True)
    tier = models.CharField(_("规模层级"), max_length=30, blank=True)
    node_scores = models.JSONField(default=dict)
    node_ranks = models.JSONField(default=dict)
    node_rank_prev = models.JSONField(default=dict)
    raw_values = models.JSONField(default=dict)
    history = models.JSONField(default=list)
    profile = models.JSONField(default=dict)
    # Data code → {"id", "period"} of the run year's values the indicators slice gave this zone, taken
    # from the snapshot when the run is stored, so that the zone's page need not read the whole
    # snapshot (megabytes for a province). ``None``: a run stored before (the page reads the snapshot).
    cells = models.JSONField(null=True, default=None)

    class Meta:
        ordering = ["run", "rank", "zone"]
        constraints = [models.UniqueConstraint(fields=["run", "zone"], name="assessment_result_unique_zone")]
        verbose_name = _("考评结果")
        verbose_name_plural = _("考评结果")

    def __str__(self) -> str:
        return f"#{self.run_id} {self.rank}"


class RuleOutcome(models.Model):
    """One consequence rule read for one zone (hit or not), with the ranks it read."""

    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="outcomes")
    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(_("规则"), max_length=60)
    kind = models.CharField(max_length=40)
    action = models.CharField(_("后果"), max_length=60)
    hit = models.BooleanField(_("触发"))
    detail = models.JSONField(default=dict)

    class Meta:
        ordering = ["run", "rule", "zone"]
        verbose_name = _("规则结果")
        verbose_name_plural = _("规则结果")

    def __str__(self) -> str:
        return f"{self.rule} #{self.run_id}"
