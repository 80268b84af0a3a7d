from __future__ import annotations

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "devzone.indicators"
    label = "indicators"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "指标与目标"
