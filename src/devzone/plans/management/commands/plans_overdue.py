"""List overdue and behind assignments of published plans, optionally for one unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from devzone.orgs.models import Unit
from devzone.plans.models import Assignment
from devzone.plans.progress import live, rows
from devzone.plans.status import Status

LATE = (Status.OVERDUE, Status.BEHIND)


class Command(BaseCommand):
    help = "Overdue (逾期) and behind (滞后) assignments as of a date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", default="", help="YYYY-MM-DD (default today)")
        parser.add_argument("--unit", default="", help="unit name or short name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--as-of {options['as_of']!r}: expected YYYY-MM-DD") from exc
        assignments = live(Assignment.objects.all())
        if options["unit"]:
            units = Unit.objects.filter(Q(name=options["unit"]) | Q(short_name=options["unit"]))
            if not units.exists():
                raise CommandError(f"no unit named {options['unit']!r}")
            assignments = assignments.filter(unit__in=units)
        late = [r for r in rows(assignments, as_of=as_of) if r.status in LATE]
        late.sort(key=lambda r: (r.due, r.assignment.unit.name))
        for r in late:
            task = r.assignment.task
            percent = "—" if r.percent is None else f"{r.percent}%"
            self.stdout.write(
                f"{r.status_label}\t{r.due}\t{r.assignment.unit.name}\t{percent}\t{task.plan.title}\t{task.heading or task.text[:30]}"
            )
        self.stdout.write(f"{len(late)} overdue or behind as of {as_of}")
