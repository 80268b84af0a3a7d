"""The ``devzone`` command: serve the site, build the demo, manage users; slices add sub-commands.

Django starts only for the commands that need the database, so the pure engines'
sub-commands (``devzone plan parse`` …) run anywhere without creating ``var/``.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
import waitress
from django.core.management import call_command, execute_from_command_line
from django.core.wsgi import get_wsgi_application
from rich.console import Console

from devzone import __version__
from devzone.assessment import cli as assessment_cli
from devzone.audit import cli as audit_cli
from devzone.core.boot import bootstrap
from devzone.enterprises import cli as enterprises_cli
from devzone.plans import cli as plans_cli

app = typer.Typer(help="devzone — 开发区行动方案管理", no_args_is_help=True, add_completion=False)
console = Console()
app.add_typer(plans_cli.app, name="plan")
app.add_typer(plans_cli.tasks_app, name="tasks")
app.add_typer(enterprises_cli.app, name="mu")
app.add_typer(assessment_cli.app, name="assess")
app.add_typer(audit_cli.app, name="audit")


def _version(value: bool) -> None:
    if value:
        console.print(f"devzone {__version__}")
        raise typer.Exit


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """devzone: action plans in, a living measured plan out."""


@app.command()
def setup() -> None:
    """Apply database migrations and collect static files."""
    bootstrap()
    call_command("devzone_setup")


@app.command()
def demo(seed: Annotated[int, typer.Option(help="Seed of the generated demo data.")] = 20261124) -> None:
    """Build the demo province into the configured database (keeps existing data)."""
    bootstrap()
    call_command("devzone_demo", seed=seed)


@app.command()
def createuser(
    username: str,
    *,
    role: Annotated[
        str,
        typer.Option(
            help="admin, security_admin, audit_admin (三员, one each), coordinator, zone_staff, viewer or pending"
        ),
    ] = "viewer",
    zone: Annotated[list[str] | None, typer.Option(help="Zone name; repeat for several.")] = None,
    province: Annotated[str, typer.Option(help="A coordinator's or viewer's province (管辖省份).")] = "",
    city: Annotated[str, typer.Option(help="Their city (管辖城市); empty: the whole province.")] = "",
    password: Annotated[str, typer.Option(help="Leave empty to generate one.")] = "",
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    reset_password: Annotated[bool, typer.Option(help="Set a new password for an existing user.")] = False,
) -> None:
    """Create a user (or reset a password); prints the password."""
    bootstrap()
    try:
        call_command(
            "devzone_createuser",
            username,
            role=role,
            zone=zone or [],
            province=province,
            city=city,
            password=password,
            name=name,
            reset_password=reset_password,
        )
    except Exception as exc:  # CommandError carries the reason for the user
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=2) from exc


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 8,
) -> None:
    """Serve devzone with waitress (a production WSGI server that also runs on Windows)."""
    bootstrap()
    serve_wsgi(host=host, port=port, threads=threads)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (e.g. `devzone manage axes_reset`)."""
    bootstrap()
    execute_from_command_line(["devzone manage", *ctx.args])


def serve_wsgi(*, host: str, port: int, threads: int) -> None:
    application = get_wsgi_application()
    console.print(f"devzone {__version__} serving on [bold]http://{host}:{port}/[/bold]  (Ctrl+C stops)")
    sys.stdout.flush()
    waitress.serve(application, host=host, port=port, threads=threads, ident="devzone")


if __name__ == "__main__":
    app()
