"""Notices (通知) for one person each, the outgoing e-mails and robot messages, and the daily passes run.

Every slice notifies through :mod:`devzone.notices.actions`; a notice names its subject by a
``key`` the slice chooses ("plans.assignment:12:2026-12-31"), so that the same occasion never makes
a second notice for the same person, however often a pass runs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.orgs.models import Zone


class NoticeKind(models.TextChoices):
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已逾期")
    REPORT_SUBMITTED = "report_submitted", _("进展已报送")
    REPORT_RETURNED = "report_returned", _("进展被退回")
    REPORT_CONFIRMED = "report_confirmed", _("已确认完成")
    OBJECTION_FILED = "objection_filed", _("收到异议")
    OBJECTION_DECIDED = "objection_decided", _("异议已处理")
    PUBLICITY_STARTED = "publicity_started", _("公示开始")
    DATA_REMINDER = "data_reminder", _("数据报送提醒")


class Notice(models.Model):
    """An in-app notice to one user: what happened, where to look, read or not."""

    # A notice is part of no cached snapshot but its own: making one (every report notifies) leaves
    # the 督办看板's snapshots standing (devzone.core.generations).
    generation_path = "pk"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("类别"), max_length=20, choices=NoticeKind.choices)
    text = models.CharField(_("内容"), max_length=500)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    key = models.CharField(max_length=120, help_text="the occasion: one notice per user, kind and key")
    zone = models.ForeignKey(
        Zone, verbose_name=_("开发区"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="notices_notice_once")]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self) -> str:
        return self.text[:60]


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    WEBHOOK = "webhook", _("群机器人")


class Delivery(models.Model):
    """A message waiting to go out (or gone) by e-mail or the group robot; failures stay for the next pass."""

    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("收件人"), max_length=254, blank=True, help_text="empty for the robot")
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    key = models.CharField(max_length=120)
    zone = models.ForeignKey(
        Zone, verbose_name=_("开发区"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "recipient", "key"], name="notices_delivery_once")
        ]
        indexes = [models.Index(fields=["sent_at", "attempts"])]
        verbose_name = _("通知发送")
        verbose_name_plural = _("通知发送")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.recipient} {self.subject}"


class PassRun(models.Model):
    """A daily notice pass that finished on a day: the scheduler runs each pass once a day, across restarts."""

    name = models.CharField(max_length=60)
    day = models.DateField()
    created = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="notices_pass_once_a_day")]
        verbose_name = _("每日通知")
        verbose_name_plural = _("每日通知")

    def __str__(self) -> str:
        return f"{self.name} {self.day}"
