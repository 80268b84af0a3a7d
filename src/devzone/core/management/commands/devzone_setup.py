"""Bring the database and static files up to date (migrate + collectstatic)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from devzone.core.backup import record_pending_restore


class Command(BaseCommand):
    help = "Apply migrations and collect static files."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if record_pending_restore():
            self.stdout.write("recorded the restore that waited for these migrations in the audit log")
        self.stdout.write("database and static files are up to date")
