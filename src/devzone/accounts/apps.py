from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "devzone.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the user-save receivers (token revocation, password history).
        from devzone.accounts import signals  # noqa: F401, PLC0415 -- models must be loaded first
