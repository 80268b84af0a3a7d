"""Write a published plan's 任务分工表 (.xlsx or .docx) to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from devzone.plans import documents
from devzone.plans.models import Plan


class Command(BaseCommand):
    help = "Export the task breakdown table (任务分工表) of a plan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--format", dest="fmt", choices=["xlsx", "docx"], default="xlsx")
        parser.add_argument("--out", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(pk=options["plan_id"]).first()
        if plan is None:
            raise CommandError(f"no plan with id {options['plan_id']}")
        out = Path(options["out"])
        out.write_bytes(documents.breakdown(plan, fmt=options["fmt"]))
        self.stdout.write(f"plan {plan.pk} 《{plan.title}》 → {out}")
