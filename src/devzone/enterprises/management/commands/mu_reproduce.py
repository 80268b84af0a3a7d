"""Re-evaluate stored 亩均 runs from their snapshot and method text; fail when any result differs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from devzone.enterprises.actions import reproduce
from devzone.enterprises.models import MuRun


class Command(BaseCommand):
    help = "Check that stored 亩均 runs reproduce exactly (all runs, or the ids given)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run_ids", nargs="*", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        runs = MuRun.objects.order_by("pk")
        if options["run_ids"]:
            runs = runs.filter(pk__in=options["run_ids"])
        failed = 0
        for run in runs:
            identical, differences = reproduce(run)
            self.stdout.write(f"run {run.pk} {run}: {'identical' if identical else 'DIFFERS'}")
            for line in differences:
                self.stdout.write(f"  {line}")
            failed += not identical
        if failed:
            raise CommandError(f"{failed} run(s) do not reproduce")
