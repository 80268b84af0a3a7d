"""``devzone plan …``: read an action plan and print or export its structure."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.tree import Tree

from devzone.core import collector
from devzone.core.boot import bootstrap
from devzone.plans.fanout import available_cores
from devzone.plans.parse import parse_file, to_json
from devzone.plans.schema import ParsedDocument, PlanParseError

app = typer.Typer(
    help="Action plans (行动方案): parse, inspect, export the 任务分工表.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """Action plans (行动方案)."""
    # (run as ``devzone``'s light command, devzone/entry.py, the full CLI's callback that sets them is not)
    collector.tune()


@app.command()
def parse(
    file: Path = typer.Argument(..., help="Plan file: .txt (UTF-8/GBK) or .docx."),  # noqa: B008
    json_out: str | None = typer.Option(
        None, "--json", help="Write devzone.plan/1 JSON to this file ('-' = stdout)."
    ),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="Write the 任务分工表 as .xlsx."),  # noqa: B008
    docx_out: Path | None = typer.Option(None, "--docx", help="Write the 任务分工表 as .docx."),  # noqa: B008
) -> None:
    """Parse FILE; print its plans, sections, tasks and targets, or write JSON/.xlsx/.docx."""
    err = Console(stderr=True)
    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True) as bar:
            bar.add_task(f"parsing {file.name}", total=None)
            doc = parse_file(file, workers=available_cores())  # a compendium's plans on every core
    except PlanParseError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=1) from exc
    if json_out is not None:
        # one line: the C encoder (an indented dump goes through the pure-Python one, 1.2 s a 10 MB plan)
        payload = json.dumps(to_json(doc), ensure_ascii=False)
        if json_out == "-":
            sys.stdout.write(payload + "\n")
        else:
            Path(json_out).write_text(payload + "\n", encoding="utf-8")
    if xlsx is not None or docx_out is not None:
        # (imported here: openpyxl and python-docx are a fifth of a second a command that writes neither)
        from devzone.plans.exports import write_docx, write_xlsx  # noqa: PLC0415
    if xlsx is not None:
        write_xlsx(doc, xlsx)
    if docx_out is not None:
        write_docx(doc, docx_out)
    if json_out is None and xlsx is None and docx_out is None:
        Console().print(structure_tree(doc))


@app.command(name="import")
def import_(
    file: Path = typer.Argument(..., help="Plan file: .txt (UTF-8/GBK) or .docx."),  # noqa: B008
    publish: bool = typer.Option(False, "--publish", help="Publish every plan whose owners all resolve."),
    city: str = typer.Option("", "--city", help="City for the owner resolver (e.g. 连云港市)."),
    province: str = typer.Option("", "--province", help="Province for the owner resolver."),
    zone: str = typer.Option("", "--zone", help="Zone name; empty imports a city-wide plan."),
) -> None:
    """Import FILE into the database as draft plans; print each plan id and its unresolved owners."""
    run_command("plans_import", str(file), publish=publish, city=city, province=province, zone=zone)


@app.command()
def export(
    plan_id: int = typer.Argument(..., help="Plan id (printed by `devzone plan import`)."),
    fmt: str = typer.Option("xlsx", "--format", help="xlsx or docx"),
    out: Path = typer.Option(..., "--out", help="File to write."),  # noqa: B008
) -> None:
    """Write the 任务分工表 of a stored plan as .xlsx or .docx."""
    run_command("plans_export", str(plan_id), fmt=fmt, out=str(out))


tasks_app = typer.Typer(help="Tasks of published plans (督查督办).", no_args_is_help=True)


@tasks_app.callback()
def tasks_main() -> None:
    """Tasks of published plans."""


@tasks_app.command()
def overdue(
    as_of: str = typer.Option("", "--as-of", help="YYYY-MM-DD (default today)"),
    unit: str = typer.Option("", "--unit", help="Only this unit (name or short name)."),
) -> None:
    """List overdue (逾期) and behind (滞后) assignments."""
    run_command("plans_overdue", as_of=as_of, unit=unit)


def run_command(name: str, *args: str, **options: object) -> None:
    """A management command of the plans slice, its error printed in red (Django starts here only: the
    reading commands need no database)."""
    bootstrap()
    from django.core.management import CommandError, call_command  # noqa: PLC0415

    try:
        call_command(name, *args, **options)
    except CommandError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=1) from exc


def structure_tree(doc: ParsedDocument) -> Tree:
    """A Rich tree of plans → tasks with owners, deadlines and targets."""
    from devzone.plans.exports import format_target  # noqa: PLC0415 - see parse

    root = Tree(f"[bold]{doc.source}[/bold]")
    for plan in doc.plans:
        node = root.add(f"[bold cyan]{plan.title or '(untitled plan)'}[/bold cyan]  {len(plan.tasks)} tasks")
        current: tuple[str, ...] = ()
        branch = node
        for task in plan.tasks:
            if task.section_path != current:
                current = task.section_path
                branch = node.add(" › ".join(current) or "—")
            owners = "、".join(f"{o.name}{'*' if o.role == 'lead' else ''}" for o in task.owners)
            dates = "；".join(d.text for d in task.deadlines)
            leaf = branch.add(f"{task.id} {task.heading}  [green]{owners}[/green]  [yellow]{dates}[/yellow]")
            for t in task.targets:
                leaf.add(f"[magenta]{t.kind}[/magenta] {format_target(t)}")
        outside = [t for t in plan.targets if not any(t in task.targets for task in plan.tasks)]
        if outside:
            goals = node.add("targets outside tasks")
            for t in outside:
                goals.add(f"[magenta]{t.kind}[/magenta] {format_target(t)}")
    return root
