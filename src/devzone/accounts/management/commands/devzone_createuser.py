"""Create a user with a role and zones, or reset a user's password.

Whoever runs the command knows the password, so the user must change it at first sign-in.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from devzone.accounts.actions import change_password, create_user, resolve_zones
from devzone.accounts.demo import generate_password
from devzone.accounts.models import User


class Command(BaseCommand):
    help = (
        "Create a devzone user (roles: admin, security_admin, audit_admin, coordinator, zone_staff, viewer, "
        "pending). The operator's bootstrap of the three administrators; Django's createsuperuser gives no "
        "devzone rights."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", default="viewer")
        parser.add_argument("--zone", action="append", default=[], help="zone name or short name; repeatable")
        parser.add_argument("--province", default="", help="a coordinator's or viewer's province")
        parser.add_argument("--city", default="", help="their city; empty: the whole province")
        parser.add_argument("--password", default="")
        parser.add_argument("--name", default="")
        parser.add_argument("--reset-password", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"] or generate_password()
        try:
            if options["reset_password"]:
                user = User.objects.filter(username=options["username"]).first()
                if user is None:
                    raise CommandError(f"no user named {options['username']!r}")
                change_password(actor=None, user=user, password=password, must_change=True, source="cli")
            else:
                create_user(
                    actor=None,
                    username=options["username"],
                    password=password,
                    role=options["role"],
                    zones=resolve_zones(options["zone"]),
                    province=options["province"],
                    city=options["city"],
                    display_name=options["name"],
                    source="cli",
                    must_change_password=True,
                )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"user {options['username']} password: {password}")
