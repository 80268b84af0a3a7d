from __future__ import annotations

from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "devzone.notices"
    label = "notices"
    verbose_name = "通知"
    default_auto_field = "django.db.models.BigAutoField"
