from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _shared_cache_reads(sender: Any, connection: Any, **kwargs: Any) -> None:
    """An in-memory SQLite database with a shared cache (the test database) takes table locks, and a
    reader's lock makes a background job's write fail at once ("database table is locked") instead of
    waiting; reading uncommitted rows there takes no lock. A file database is left as it is."""
    if connection.vendor == "sqlite" and "mode=memory" in str(connection.settings_dict.get("NAME", "")):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted=1")


class CoreConfig(AppConfig):
    name = "devzone.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        connection_created.connect(_shared_cache_reads, dispatch_uid="devzone-shared-cache-reads")
