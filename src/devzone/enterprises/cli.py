"""``devzone mu``: run a 亩均效益 evaluation, list the shipped methods, write the data template."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq
import typer
from openpyxl import Workbook
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from devzone.core.documents import csv_bytes, safe_row, save_workbook
from devzone.enterprises.inputs import InputError, check_table
from devzone.enterprises.inputs_schema import ARROW_SCHEMA
from devzone.enterprises.method import MethodError
from devzone.enterprises.method_load import resolve, shipped_methods
from devzone.enterprises.mu import evaluate
from devzone.enterprises.template import read_template, write_template

app = typer.Typer(
    help="亩均效益综合评价: score, rank and class enterprises per mu of land.", no_args_is_help=True
)
console = Console()


def _duckdb(data: Path) -> tuple[Any, ir.Table]:
    con = ibis.duckdb.connect()
    readers: dict[str, Callable[[], ir.Table]] = {
        ".parquet": lambda: con.read_parquet(data),
        ".csv": lambda: con.read_csv(data),
        ".xlsx": lambda: con.create_table(
            "input", pa.Table.from_pylist(read_template(data), schema=ARROW_SCHEMA)
        ),
    }
    return con, readers[data.suffix.lower()]()


def _spark(data: Path) -> tuple[Any, ir.Table]:
    # pyspark is optional (large, needs Java): loaded only when --engine spark is asked for
    sql = importlib.import_module("pyspark.sql")
    session = (
        sql.SparkSession.builder.master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    con = ibis.pyspark.connect(session)
    if data.suffix.lower() == ".xlsx":
        return con, con.create_table(
            "input", pa.Table.from_pylist(read_template(data), schema=ARROW_SCHEMA), overwrite=True
        )
    readers = {".parquet": con.read_parquet, ".csv": con.read_csv}
    return con, readers[data.suffix.lower()](str(data))


ENGINES: dict[str, Callable[[Path], tuple[Any, ir.Table]]] = {"duckdb": _duckdb, "spark": _spark}


def _write_xlsx(table: pa.Table, path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("results")
    ws.append(safe_row(ws, table.column_names))
    for row in table.to_pylist():
        ws.append(safe_row(ws, list(row.values())))
    save_workbook(wb, path)


def _write_csv(table: pa.Table, path: Path) -> None:
    path.write_bytes(csv_bytes(table.column_names, (list(r.values()) for r in table.to_pylist())))


WRITERS: dict[str, Callable[[pa.Table, Path], None]] = {
    ".parquet": pq.write_table,
    ".csv": _write_csv,
    ".xlsx": _write_xlsx,
}


@app.command()
def run(  # noqa: PLR0917 — Typer maps parameters to options
    data: Annotated[Path, typer.Argument(help="Input table: .parquet, .csv or a filled .xlsx template.")],
    method: Annotated[str, typer.Option("--method", help="Shipped method id or a method YAML file.")],
    out: Annotated[Path, typer.Option("--out", help="results.parquet, results.csv or results.xlsx")],
    year: Annotated[
        int | None, typer.Option("--year", help="Evaluation year (earlier years feed benchmarks).")
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="duckdb or spark")] = "duckdb",
    validate: Annotated[
        bool, typer.Option("--validate/--no-validate", help="Check every input cell first.")
    ] = True,
) -> None:
    """Evaluate DATA with a method and write the results table."""
    if engine not in ENGINES:
        raise typer.BadParameter(f"engine must be one of {', '.join(ENGINES)}", param_hint="--engine")
    if out.suffix.lower() not in WRITERS or data.suffix.lower() not in {".parquet", ".csv", ".xlsx"}:
        raise typer.BadParameter("DATA and --out must end in .parquet, .csv or .xlsx")
    columns = [SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=False) as progress:
        step = progress.add_task("loading method", total=5)
        try:
            chosen = resolve(method)
            progress.update(step, advance=1, description=f"reading {data.name} on {engine}")
            con, table = ENGINES[engine](data)
            progress.update(step, advance=1, description="validating input")
            if validate and data.suffix.lower() != ".xlsx":
                issues = check_table(table, source=str(data))
                if issues:
                    raise InputError(issues)
            progress.update(step, advance=1, description=f"evaluating with {chosen.id}")
            result = con.to_pyarrow(evaluate(table, chosen, year=year).results)
            progress.update(step, advance=1, description=f"writing {out.name}")
            WRITERS[out.suffix.lower()](result, out)
            progress.update(step, advance=1, description=f"done: {result.num_rows} rows → {out}")
        except (MethodError, InputError) as exc:
            console.print(str(exc), style="red", markup=False, soft_wrap=True)
            raise typer.Exit(code=2) from exc


@app.command()
def methods() -> None:
    """List the shipped evaluation methods."""
    table = Table("title", "segments", "classes", "sources")
    table.add_column("id", no_wrap=True)
    for method_id in shipped_methods():
        m = resolve(method_id)
        table.add_row(
            m.title,
            ", ".join(s.label for s in m.segments),
            " ".join(c.code for c in m.classes) + f" + {m.exempt_class.code}",
            str(len(m.sources)),
            m.id,
        )
    console.print(table)


@app.command()
def template(
    year: Annotated[int, typer.Option("--year", help="Evaluation year of the data.")],
    out: Annotated[Path, typer.Option("--out", help="The .xlsx file to write.")],
) -> None:
    """Write the .xlsx data template for a year."""
    write_template(year=year, path=out)
    console.print(f"template for {year} written to {out}")
