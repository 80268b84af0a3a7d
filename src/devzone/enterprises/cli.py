"""``devzone mu``: run a 亩均效益 evaluation, list the shipped methods, write the data template."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
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
from devzone.enterprises.inputs import InputError, InputIssue, check_arrow, check_table
from devzone.enterprises.inputs_schema import ARROW_SCHEMA
from devzone.enterprises.method import MethodError
from devzone.enterprises.method_load import resolve, shipped_methods
from devzone.enterprises.mu import evaluate
from devzone.enterprises.template import read_template, write_template

app = typer.Typer(
    help="亩均效益综合评价: score, rank and class enterprises per mu of land.", no_args_is_help=True
)
console = Console()


def _duckdb(data: Path) -> tuple[Any, ir.Table, Callable[[], pa.Table] | None]:
    con = ibis.duckdb.connect()
    if data.suffix.lower() == ".csv":
        return con, con.read_csv(data), None
    if data.suffix.lower() == ".parquet":
        # DuckDB scans the file itself (parallel, only the columns the method reads: ~1 s of CPU less on
        # 1,000,000 rows than scanning an Arrow copy); the checks read their own copy, in their thread
        return con, con.read_parquet(data), lambda: pq.read_table(data)
    arrow = pa.Table.from_pylist(read_template(data), schema=ARROW_SCHEMA)
    return con, ibis.memtable(arrow), lambda: arrow


def _spark(data: Path) -> tuple[Any, ir.Table, Callable[[], pa.Table] | None]:
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
        return (
            con,
            con.create_table(
                "input", pa.Table.from_pylist(read_template(data), schema=ARROW_SCHEMA), overwrite=True
            ),
            None,
        )
    readers = {".parquet": con.read_parquet, ".csv": con.read_csv}
    return con, readers[data.suffix.lower()](str(data)), None


ENGINES: dict[str, Callable[[Path], tuple[Any, ir.Table, Callable[[], pa.Table] | None]]] = {
    "duckdb": _duckdb,
    "spark": _spark,
}


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
    # written beside --out and renamed into place only when the input passed every check
    partial = out.with_name(f".partial-{out.name}")
    with Progress(*columns, console=console, transient=False) as progress, ThreadPoolExecutor(1) as pool:
        step = progress.add_task("loading method", total=5)
        try:
            chosen = resolve(method)
            progress.update(step, advance=1, description=f"reading {data.name} on {engine}")
            con, table, arrow = ENGINES[engine](data)  # arrow: the input as Arrow, for the checks
            progress.update(step, advance=1, description=f"validating input, evaluating with {chosen.id}")
            checking: Future[list[InputIssue]] | None = None
            if validate and data.suffix.lower() != ".xlsx":  # a template is checked as it is read
                if arrow is None:  # a table the engine reads itself is checked before it is evaluated
                    if issues := check_table(table, source=str(data)):
                        raise InputError(issues)
                else:
                    # the checks run on the Arrow copy while the engine evaluates (numpy and DuckDB both
                    # release the GIL); the results are kept only if no check fails
                    checking = pool.submit(lambda: check_arrow(arrow(), source=str(data)))
            results = evaluate(table, chosen, year=year).results
            if engine == "duckdb" and out.suffix.lower() == ".parquet":
                # DuckDB writes the Parquet itself, in parallel, without an Arrow copy of the results
                con.to_parquet(results, partial)
                rows = pq.read_metadata(partial).num_rows
            else:
                result = con.to_pyarrow(results)
                WRITERS[out.suffix.lower()](result, partial)
                rows = result.num_rows
            if checking is not None and (issues := checking.result()):
                raise InputError(issues)
            partial.replace(out)
            progress.update(step, completed=5, description=f"done: {rows} rows → {out}")
        except (MethodError, InputError) as exc:
            partial.unlink(missing_ok=True)
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
