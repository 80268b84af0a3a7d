from __future__ import annotations

from django.apps import AppConfig


class LandConfig(AppConfig):
    name = "devzone.land"
    label = "land"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "土地与厂房"
