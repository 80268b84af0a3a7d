from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "devzone.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from devzone.audit.actions import installation_event  # noqa: PLC0415 - models are loaded now
        from devzone.core import backup  # noqa: PLC0415

        backup.on_event(installation_event)
