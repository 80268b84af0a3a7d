from __future__ import annotations

from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "devzone.orgs"
    label = "orgs"
    default_auto_field = "django.db.models.BigAutoField"
