"""``devzone pools``: import a certificate list, pre-screen a data file, print the year-end counts.

Only Typer is imported at start: the engines (Ibis, DuckDB) and Django load inside the command run,
so ``devzone --help`` and the other slices' commands do not pay for them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

app = typer.Typer(
    help="培育库: import certificate lists, pre-screen enterprise-years, year-end counts.",
    no_args_is_help=True,
)
console = Console(soft_wrap=True)


def _read(file: Path) -> bytes:
    if not file.is_file():
        console.print(f"[red]找不到文件 {file}[/red]")
        raise typer.Exit(code=2)
    return file.read_bytes()


def _refused(refused: Any) -> typer.Exit:
    for issue in refused.issues:
        console.print(str(issue), soft_wrap=True)
    console.print(f"[red]未导入：共 {len(refused.issues)} 处问题，没有写入任何记录[/red]")
    return typer.Exit(code=2)


def _kind(kind: str) -> str:
    from devzone.pools.kinds import BY_CODE  # noqa: PLC0415 - kept off the start path

    if kind not in BY_CODE:
        console.print(f"[red]不认识的资质类别“{kind}”，可选：{'、'.join(BY_CODE)}[/red]")
        raise typer.Exit(code=2)
    return kind


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            help="The province's list (.xlsx or .csv: 企业名称, 统一社会信用代码, 证书编号, 发证日期)."
        ),
    ],
    kind: Annotated[str, typer.Option("--kind", help="Kind of title: hte, tsme, srdi_sme, little_giant, …")],
    zone: Annotated[str, typer.Option("--zone", help="Only this zone's firms (name or short name).")] = "",
) -> None:
    """Import a certificate list: every zone firm on it gets its qualification, or nothing is written."""
    kind = _kind(kind)
    content = _read(file)
    from devzone.core.boot import bootstrap  # noqa: PLC0415

    bootstrap()
    from devzone.core.files import FileRefused  # noqa: PLC0415
    from devzone.orgs.models import Zone  # noqa: PLC0415
    from devzone.pools.actions.qualifications import import_certificates  # noqa: PLC0415

    target = None
    if zone:
        target = Zone.objects.filter(name=zone).first() or Zone.objects.filter(short_name=zone).first()
        if target is None:
            console.print(f"[red]没有名为“{zone}”的开发区[/red]")
            raise typer.Exit(code=2)
    try:
        done = import_certificates(name=file.name, content=content, kind=kind, actor=None, source="cli",
                                   zone=target)  # fmt: skip
    except FileRefused as refused:
        raise _refused(refused) from refused
    for name, n in sorted(done.zones.items()):
        console.print(f"{name}：{n} 条")
    console.print(
        f"已导入：新增 {done.created} 条，更新 {done.revised} 条，未变 {done.unchanged} 条；"
        f"名单中另有 {done.outside} 家不是各开发区的企业，已跳过"
    )


@app.command("screen")
def screen_(
    data: Annotated[Path, typer.Argument(help="Enterprise-years (.xlsx or .csv, the supplement's columns).")],
    kind: Annotated[str, typer.Option("--kind", help="Kind of title to screen for (hte, srdi_sme, …).")],
    on: Annotated[
        str, typer.Option("--on", help="Application date choosing the criteria set (YYYY-MM-DD).")
    ] = "",
    year: Annotated[int | None, typer.Option("--year", help="Only this data year.")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write every criterion row (.csv or .xlsx).")
    ] = None,
) -> None:
    """Pre-screen every enterprise-year of DATA: the verdict per firm; with --out, each criterion and its gap."""
    kind = _kind(kind)
    content = _read(data)
    import ibis  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    from devzone.core.files import FileRefused  # noqa: PLC0415
    from devzone.pools.criteria import CriteriaError  # noqa: PLC0415
    from devzone.pools.report import criteria_table, verdict_counts  # noqa: PLC0415
    from devzone.pools.screen import screen  # noqa: PLC0415
    from devzone.pools.sets_load import choose  # noqa: PLC0415
    from devzone.pools.supplement import read_supplement  # noqa: PLC0415

    try:
        day = dt.date.fromisoformat(on) if on else dt.date.today()
    except ValueError as exc:
        console.print(f"[red]日期格式应为 YYYY-MM-DD：{on}[/red]")
        raise typer.Exit(code=2) from exc
    try:
        cs = choose(kind, day)
    except CriteriaError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(code=2) from error
    try:
        table = read_supplement(data.name, content)
    except FileRefused as refused:
        raise _refused(refused) from refused
    if "zone" not in table.column_names:  # the verdicts are keyed by zone too; a file may name none
        table = table.append_column("zone", pa.array([""] * table.num_rows, pa.string()))
    result = screen(ibis.memtable(table), [cs], year=year)
    console.print(f"认定条件：{cs.title}（{cs.id}）")
    for verdict, n in verdict_counts(result.verdicts).items():
        console.print(f"{verdict}：{n} 家")
    if out is not None:
        header, rows = criteria_table(result, {cs.id: cs})
        _write(out, "预筛结果", header, rows)
        console.print(f"已写出 {len(rows)} 行到 {out}")


def _write(out: Path, title: str, header: list[str], rows: list[list[Any]]) -> None:
    from devzone.core.documents import csv_bytes  # noqa: PLC0415

    if out.suffix.lower() == ".xlsx":
        from devzone.pools.report import xlsx_bytes  # noqa: PLC0415

        out.write_bytes(xlsx_bytes(title, header, rows))
    else:
        out.write_bytes(csv_bytes(header, rows))


@app.command("counts")
def counts_(
    year: Annotated[int, typer.Option("--year", help="The year whose year-end (31 Dec) is counted.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write the counts (.csv or .xlsx).")] = None,
    record: Annotated[
        bool, typer.Option("--record", help="Also write them as indicator observations (高新技术企业数量 …).")
    ] = False,
) -> None:
    """Year-end stock of valid titles per zone and kind, with the flows and the net increase."""
    from devzone.core.boot import bootstrap  # noqa: PLC0415

    bootstrap()
    from devzone.orgs.models import Zone  # noqa: PLC0415
    from devzone.pools.report import counts_table  # noqa: PLC0415
    from devzone.pools.store import year_counts  # noqa: PLC0415

    names = {str(pk): name for pk, name in Zone.objects.values_list("pk", "name")}
    header, rows = counts_table(year_counts([year]), year, names)
    from rich.table import Table as RichTable  # noqa: PLC0415

    shown = RichTable(*header)
    for row in rows:
        shown.add_row(*(str(v) for v in row))
    console.print(shown)
    if not rows:
        console.print(f"{year} 年末没有有效资质")
    if out is not None:
        _write(out, f"{year}年末资质企业数", header, rows)
        console.print(f"已写出到 {out}")
    if record:
        from devzone.pools.actions.observations import record_counts  # noqa: PLC0415

        done = record_counts([year], actor=None, source="cli")
        console.print(f"指标数据：写入 {done.written} 条，未变 {done.unchanged} 条")
        if done.locked:
            console.print(
                f"[yellow]以下开发区的 {year} 年数据已锁定，未写入：{'、'.join(done.locked)}[/yellow]"
            )
