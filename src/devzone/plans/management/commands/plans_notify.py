"""Create in-app notifications for due-soon and overdue assignments (run daily)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from devzone.plans.notifications import notify


class Command(BaseCommand):
    help = "Notify the people of units whose assignments are due soon or overdue (once per kind)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", default="", help="YYYY-MM-DD (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else timezone.localdate()
        created = notify(as_of=as_of, source="cli")
        self.stdout.write(f"{created} notifications created (as of {as_of})")
