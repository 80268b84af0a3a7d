"""``devzone land``: import a zone's parcel file, print or write its land indicators and its candidates.

This module imports only Typer and Rich: the work (Django, shapely, pyproj, openpyxl) is loaded by
:mod:`devzone.land.cli_work` when a land command runs, so ``devzone --help`` and every other command
start without it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer

from devzone.core.boot import bootstrap

app = typer.Typer(
    help="土地与厂房: parcels, land indicators, idle and inefficient land.", no_args_is_help=True
)

ZoneOption = Annotated[str, typer.Option("--zone", help="The zone: its name, short name or id.")]
OutOption = Annotated[Path | None, typer.Option("--out", help="Write an .xlsx or .csv instead of printing.")]


def _work() -> ModuleType:
    bootstrap()
    return importlib.import_module("devzone.land.cli_work")


@app.command("import")
def import_file(
    file: Annotated[
        Path, typer.Argument(help="Shapefile .zip, .geojson or an .xlsx / .csv with a WKT column.")
    ],
    zone: ZoneOption,
    crs: Annotated[
        int | None, typer.Option("--crs", help="EPSG code of a table without SRID (e.g. 4545).")
    ] = None,
) -> None:
    """Import FILE's parcels into a zone: whole, or nothing and every fault listed."""
    raise typer.Exit(code=_work().import_file(file, zone=zone, crs=crs))


@app.command()
def indicators(
    year: Annotated[int, typer.Option("--year", help="The year (as-of its last day).")],
    zone: ZoneOption,
    out: OutOption = None,
) -> None:
    """The zone's land indicators of a year (TD/T 1029, 产出强度, 标准厂房使用率, 盘活面积)."""
    raise typer.Exit(code=_work().indicators(year=year, zone=zone, out=out))


@app.command()
def candidates(
    year: Annotated[int, typer.Option("--year", help="The year (as-of its last day).")],
    zone: ZoneOption,
    out: OutOption = None,
) -> None:
    """The zone's 闲置土地 and 低效用地 candidates of a year (and the disposal ledger in an .xlsx)."""
    raise typer.Exit(code=_work().candidates(year=year, zone=zone, out=out))
