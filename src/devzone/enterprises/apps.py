from __future__ import annotations

from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "devzone.enterprises"
    label = "enterprises"
    default_auto_field = "django.db.models.BigAutoField"
