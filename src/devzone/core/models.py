"""Work that outlives its request: an import or a document built in the background, its progress and its outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    REFUSED = "refused", _("未通过检查")
    FAILED = "failed", _("中断")


class Job(models.Model):
    """One background job (an import of a large file): who started it, how far it got, how it ended.

    Kept in the database, not the cache, so every worker process and thread of the server answers its
    progress page. The job's writes run in one transaction of their own; this row is written only
    between stages, outside it, so a server stopped mid-import leaves the data as it was and this row
    ``running`` with an old ``updated_at`` — :func:`devzone.core.jobs.settle` reports it as
    interrupted.
    """

    kind = models.CharField(max_length=60)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=200)  # what is being done, as the user reads it (文件名)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.RUNNING)
    stage = models.CharField(max_length=60, blank=True)  # 读取文件 / 检查数据 / 写入数据库
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    params = models.JSONField(default=dict)  # what the slice needs to show the outcome (zone, year…)
    outcome = models.JSONField(default=dict)  # {"url", "message"} or {"issues": [...]} or {"error"}
    # a document built in the background (core.document_jobs), kept for its owner to download
    file = models.FileField(upload_to="documents/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")

    def __str__(self) -> str:
        return f"{self.kind} {self.label} ({self.state})"
