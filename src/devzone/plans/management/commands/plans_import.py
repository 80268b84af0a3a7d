"""Import a plan file as drafts (and publish them with --publish); prints plan ids and unresolved owners."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from devzone.orgs.models import Zone
from devzone.plans import actions


class Command(BaseCommand):
    help = "Import an action plan (.docx/.txt); --publish publishes every plan whose owners all resolve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--publish", action="store_true")
        parser.add_argument("--city", default="")
        parser.add_argument("--province", default="")
        parser.add_argument("--zone", default="", help="zone name; empty = city-wide")
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path.name}: cannot read file ({exc.strerror or exc})") from exc
        zone = None
        if options["zone"]:
            zone = Zone.objects.filter(name=options["zone"]).first()
            if zone is None:
                raise CommandError(f"no zone named {options['zone']!r}")
        context = actions.PlanContext(
            city=options["city"], province=options["province"], zone=zone, year=options["year"]
        )
        try:
            plans = actions.import_document(data, name=path.name, actor=None, source="cli", context=context)
        except actions.PlanImportError as exc:
            raise CommandError(str(exc)) from exc
        failed = False
        for plan in plans:
            pending = list(actions.unresolved_owners(plan))
            self.stdout.write(f"plan {plan.pk}\t{plan.title}\t{len(pending)} unresolved")
            for owner in pending:
                self.stdout.write(f"  unresolved\ttask {owner.task.key}\t{owner.name}\t{owner.note}")
            if options["publish"]:
                if pending:
                    failed = True
                    self.stdout.write(f"  not published: {len(pending)} owners unresolved")
                else:
                    actions.publish_plan(plan, actor=None, source="cli")
                    self.stdout.write(f"  published v{plan.version}")
        if failed:
            raise CommandError("some plans were not published: settle their owners on the review page")
