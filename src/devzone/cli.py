"""The ``devzone`` command: serve the site, build the demo, manage users; slices add sub-commands.

Django starts only for the commands that need the database, so the pure engines'
sub-commands (``devzone plan parse`` …) run anywhere without creating ``var/``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from django.core.management import call_command, execute_from_command_line
from rich.console import Console
from typer.core import TyperCommand, TyperGroup

from devzone import __version__
from devzone.core import cli as core_cli
from devzone.core import collector
from devzone.core.boot import bootstrap

if TYPE_CHECKING:
    from devzone.notices.schedule import DailyPass

# Each slice's command group, imported only when it is run: the assessment's (SciPy, SALib, matplotlib),
# the plan reader's and the 亩均 engine's imports cost seconds that `devzone setup`, `demo` or `backup`
# — and each of the suite's subprocess tests — do not need. name: (module, Typer attribute, short help);
# tests/test_cli.py checks the short help against the group's own.
LAZY_GROUPS: dict[str, tuple[str, str, str]] = {
    "plan": ("devzone.plans.cli", "app", "Action plans (行动方案): parse, inspect, export the 任务分工表."),
    "tasks": ("devzone.plans.cli", "tasks_app", "Tasks of published plans (督查督办)."),
    "mu": (
        "devzone.enterprises.cli",
        "app",
        "亩均效益综合评价: score, rank and class enterprises per mu of land.",
    ),
    "land": ("devzone.land.cli", "app", "土地与厂房: parcels, land indicators, idle and inefficient land."),
    "assess": (
        "devzone.assessment.cli",
        "app",
        "Zone annual assessment (开发区综合考评): composite index, ranks, rank changes.",
    ),
    "audit": ("devzone.audit.cli", "app", "审计记录：校验哈希链、按保留期限导出并清理"),
    "media": ("devzone.core.cli", "media_app", "上传文件：清理没有记录引用的文件"),
    "projects": (
        "devzone.projects.cli",
        "app",
        "招商项目: import the ledger, rates and quotas by zone, contract checks.",
    ),
    "pools": (
        "devzone.pools.cli",
        "app",
        "培育库: import certificate lists, pre-screen enterprise-years, year-end counts.",
    ),
}


class LazyGroups(TyperGroup):
    """The top-level command: a slice's group is imported when it is run (or its own help asked for);
    the top-level help lists the groups by their short help without importing them."""

    listing = False

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in LAZY_GROUPS if n not in self.commands)]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        if cmd_name in self.commands or cmd_name not in LAZY_GROUPS:
            return super().get_command(ctx, cmd_name)
        module, attr, short_help = LAZY_GROUPS[cmd_name]
        if self.listing:
            return TyperCommand(cmd_name, short_help=short_help, help=short_help)
        group = typer.main.get_group(getattr(importlib.import_module(module), attr))
        group.name = cmd_name
        self.add_command(group, cmd_name)
        return group

    def format_help(self, ctx: typer.Context, formatter: Any) -> Any:
        self.listing = True
        try:
            return super().format_help(ctx, formatter)
        finally:
            self.listing = False


app = typer.Typer(
    cls=LazyGroups, help="devzone — 开发区行动方案管理", no_args_is_help=True, add_completion=False
)
console = Console()


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
    # every command runs with the served process's collector thresholds: a plan read from the command
    # line makes the same millions of short-lived objects as one uploaded (devzone/core/collector.py)
    collector.tune()


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
def serve(  # noqa: PLR0917 - Typer reads each option from a parameter
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            envvar="DEVZONE_WORKERS",
            min=0,
            help="Server processes on the one port (0: one per core, at most 4; 1 where there is no fork).",
        ),
    ] = 0,
    threads: Annotated[int, typer.Option(envvar="DEVZONE_THREADS", min=1, help="Threads per process.")] = 8,
    cert: Annotated[
        Path | None, typer.Option(envvar="DEVZONE_TLS_CERT", help="PEM certificate (chain): serve HTTPS.")
    ] = None,
    key: Annotated[
        Path | None, typer.Option(envvar="DEVZONE_TLS_KEY", help="PEM private key of --cert.")
    ] = None,
    redirect_port: Annotated[
        int | None,
        typer.Option(
            envvar="DEVZONE_HTTP_REDIRECT_PORT",
            help="With --cert: also listen for plain HTTP on this port and redirect every request to HTTPS.",
        ),
    ] = None,
    notices: Annotated[
        bool,
        typer.Option(
            help="Run the notice scheduler in the server: due-soon and overdue notices once a day, "
            "e-mail and robot messages as they are queued. Turn off where cron runs `devzone notify`."
        ),
    ] = True,
) -> None:
    """Serve devzone with waitress (a production WSGI server that also runs on Windows); HTTPS with --cert/--key.

    --workers processes share the port (``core/server.py``), each with --threads threads.
    """
    if (cert is None) != (key is None):
        console.print("[red]--cert 和 --key（DEVZONE_TLS_CERT / DEVZONE_TLS_KEY）须一起给出[/red]")
        raise typer.Exit(code=2)
    if redirect_port is not None and cert is None:
        console.print("[red]--redirect-port 只在 devzone 自己提供 HTTPS（--cert/--key）时使用[/red]")
        raise typer.Exit(code=2)
    if cert is not None:
        os.environ.setdefault("DEVZONE_HTTPS", "true")  # served over TLS: secure cookies and HSTS
    import waitress  # noqa: PLC0415 - only the server needs these
    from django.core.wsgi import get_wsgi_application  # noqa: PLC0415
    from django.urls import get_resolver  # noqa: PLC0415

    from devzone.core import collector, server, warm  # noqa: PLC0415
    from devzone.core.tls import (  # noqa: PLC0415
        TlsFilesError,
        check_tls_files,
        start_redirect_listener,
        tls_server,
    )

    bootstrap()
    from devzone.core import document_runner  # noqa: PLC0415 - needs Django set up

    # Import every slice's URLs and engines before listening: otherwise the first visitor waits for it.
    get_resolver().url_patterns  # noqa: B018
    application = get_wsgi_application()
    warm.warm()  # reverse tables and templates built once, before the fork (core/warm.py)
    collector.freeze()  # set-up's objects out of every later collection, shared by the forked workers
    if cert is not None and key is not None:
        try:
            check_tls_files(cert, key)
        except TlsFilesError as exc:
            console.print(f"[red]{exc}[/red]", soft_wrap=True)
            raise typer.Exit(code=2) from exc
    processes = (workers or default_workers()) if server.can_fork() else 1
    runner = server.can_fork()  # documents built in a process of their own (core/document_runner.py)
    if runner:
        os.environ[document_runner.ENV] = "1"  # read by the workers' downloads
    sock = server.listen(host, port)

    def serve_one(sock: socket.socket, index: int) -> None:
        if notices and index == 0:  # once per site, not once per process
            from devzone.notices import schedule  # noqa: PLC0415 - needs Django set up

            schedule.start(notice_passes())
        if redirect_port is not None and index == 0:  # one plain-HTTP listener per site
            start_redirect_listener(host=host, port=redirect_port, https_port=port)
        if cert is None or key is None:
            waitress.serve(application, sockets=[sock], threads=threads, ident="devzone")
        else:
            tls_server(sock=sock, application=application, threads=threads, cert=cert, key=key).safe_start()

    scheme = "http" if cert is None else "https"
    console.print(
        f"devzone {__version__} serving on [bold]{scheme}://{host}:{port}/[/bold] "
        f"({processes} × {threads} threads; Ctrl+C stops)"
    )
    if redirect_port is not None:
        console.print(f"http://{host}:{redirect_port}/ redirects to HTTPS")
    sys.stdout.flush()
    server.run(
        sock, workers=processes, serve=serve_one, helper=document_runner.run_forever if runner else None
    )


@app.command("build-documents")
def build_documents() -> None:
    """Build the documents queued by a WSGI server other than `devzone serve` (run it beside that server,
    both with DEVZONE_DOCUMENT_RUNNER=1); `devzone serve` runs this by itself."""
    bootstrap()
    from devzone.core import document_runner  # noqa: PLC0415 - needs Django set up

    console.print("building queued documents (Ctrl+C stops)")
    document_runner.run_forever()


def default_workers() -> int:
    """One process per core, at most four: past that the database, not Python, is what waits."""
    return max(1, min(4, os.cpu_count() or 1))


def notice_passes() -> dict[str, DailyPass]:
    """The daily notice passes by name; a slice with deadlines to tell of adds its pass here."""
    from devzone.plans import notifications as plans_notices  # noqa: PLC0415 - needs Django set up

    return {plans_notices.PASS_NAME: plans_notices.deadline_pass}


@app.command()
def notify(
    as_of: Annotated[str, typer.Option(help="Day of the pass, YYYY-MM-DD (default today).")] = "",
) -> None:
    """Make the day's due-soon and overdue notices and send what waits in the outbox (for cron).

    `devzone serve` does this by itself once a day and sends queued messages as they come; run this
    from cron for a server started with --no-notices. Without --as-of the daily pass runs once a day
    however often this runs (so cron may call it every few minutes to send); with --as-of it runs
    for that day again. Either way no notice is made twice.
    """
    bootstrap()
    from django.utils import timezone  # noqa: PLC0415 - needs Django set up

    from devzone.notices import schedule  # noqa: PLC0415 - needs Django set up

    try:
        day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
    except ValueError as exc:
        console.print(f"[red]日期格式应为 YYYY-MM-DD：{as_of}[/red]")
        raise typer.Exit(code=2) from exc
    result = schedule.tick(notice_passes(), day=day, force=bool(as_of))
    made = sum(result.created.values())
    console.print(f"{day}：新建通知 {made} 条；发送 {result.sent.sent} 条，失败 {result.sent.failed} 条")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (e.g. `devzone manage axes_reset`)."""
    bootstrap()
    execute_from_command_line(["devzone manage", *ctx.args])


app.command()(core_cli.backup)
app.command()(core_cli.restore)


if __name__ == "__main__":
    app()
