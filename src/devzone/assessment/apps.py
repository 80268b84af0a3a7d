from __future__ import annotations

from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "devzone.assessment"
    label = "assessment"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "综合考评"
