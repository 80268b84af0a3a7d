"""Load or update the stored indicator catalogue from catalogue.yaml (or another file); audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from devzone.indicators.actions import sync_catalogue
from devzone.indicators.catalogue import CatalogueError, load_catalogue


class Command(BaseCommand):
    help = "Create or update the indicators from catalogue.yaml by code (every change audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=None, help="a catalogue YAML (default: the starter)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            catalogue = load_catalogue(options["file"])
        except (CatalogueError, OSError) as error:
            raise CommandError(str(error)) from error
        counts = sync_catalogue(actor=None, source="cli", catalogue=catalogue)
        self.stdout.write(
            f"indicators: {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged"
        )
