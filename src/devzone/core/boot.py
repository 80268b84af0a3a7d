"""Start Django for the commands that need the database (the pure engines' commands do not)."""

from __future__ import annotations

import os

import django


def bootstrap() -> None:
    """Configure settings from the environment and set Django up (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
    django.setup()
