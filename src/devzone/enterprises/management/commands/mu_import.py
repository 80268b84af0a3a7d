"""Import a year's enterprise data file (.xlsx template or .csv) for one zone, whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from devzone.enterprises.actions import ImportRejected, Upload, import_year_data
from devzone.orgs.models import Zone


class Command(BaseCommand):
    help = "Import a year's enterprise data (.xlsx template or .csv) for a zone; every error is listed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--zone", required=True, help="zone name or short name")
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no file {path}")
        zones = list(Zone.objects.filter(Q(name=options["zone"]) | Q(short_name=options["zone"])))
        if len(zones) != 1:
            raise CommandError(f"{len(zones)} zones named {options['zone']!r}; give the full name")
        try:
            batch = import_year_data(
                zone=zones[0],
                year=options["year"],
                upload=Upload(name=path.name, content=path.read_bytes()),
                actor=None,
                source="cli",
            )
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{batch.rows} rows of {batch.year} imported into {zones[0].name} (batch {batch.pk})"
        )
