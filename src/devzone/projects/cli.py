"""``devzone projects``: import a zone's project ledger, print the rates and quotas of a year, and check
the contracts (达产复核, deadlines, idle land) of a year. Django starts only inside each command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table as RichTable

from devzone.core.boot import bootstrap
from devzone.core.documents import csv_bytes
from devzone.projects.method import ProjectMethodError
from devzone.projects.method_load import resolve
from devzone.projects.rates import rates

app = typer.Typer(
    help="招商项目: import the ledger, rates and quotas by zone, contract checks.", no_args_is_help=True
)
console = Console()


def _method(method: str) -> Any:
    try:
        return resolve(method)
    except ProjectMethodError as error:
        console.print(f"[red]办法文件有误：[/red]{error}")
        raise typer.Exit(code=2) from error


def _zone(name: str) -> Any:
    from devzone.orgs.models import Zone  # noqa: PLC0415 - Django is set up by the command first

    zone = Zone.objects.filter(name=name).first() or Zone.objects.filter(short_name=name).first()
    if zone is None:
        console.print(f"[red]没有名为“{name}”的开发区[/red]")
        raise typer.Exit(code=2)
    return zone


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="The ledger (.xlsx with sheets 项目/节点/到位资金, or .csv).")],
    zone: Annotated[str, typer.Option("--zone", help="The zone's name or short name.")],
) -> None:
    """Import a project ledger into a zone: whole or not at all; every error is printed."""
    bootstrap()
    from devzone.projects.actions import ImportRejected, Upload, import_projects  # noqa: PLC0415

    target = _zone(zone)
    if not file.is_file():
        console.print(f"[red]找不到文件 {file}[/red]")
        raise typer.Exit(code=2)
    upload = Upload(name=file.name, content=file.read_bytes())
    try:
        batch = import_projects(zone=target, upload=upload, actor=None, source="cli")
    except ImportRejected as refused:
        for issue in refused.issues:
            console.print(str(issue))
        console.print(f"[red]未导入：共 {len(refused.issues)} 处问题[/red]")
        raise typer.Exit(code=1) from refused
    console.print(f"已导入 {batch.rows} 个项目（{batch.original_name}）")


@app.command("rates")
def rates_(
    method: Annotated[str, typer.Option("--method", help="Shipped method id or a method YAML file.")],
    year: Annotated[int | None, typer.Option("--year", help="Cohort year (default: last year).")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the table as .csv.")] = None,
    record: Annotated[
        bool,
        typer.Option("--record", help="Also write them as indicator observations (引进百亿元以上项目数 …)."),
    ] = False,
) -> None:
    """Print every rate and the method's tier counts, per zone, for the cohort of a year."""
    m = _method(method)
    bootstrap()
    from devzone.orgs.models import Zone  # noqa: PLC0415
    from devzone.projects.quotas import tier_counts  # noqa: PLC0415
    from devzone.projects.store import table  # noqa: PLC0415

    y = year or dt.date.today().year - 1
    t = table(Zone.objects.all(), m)
    r = rates(t, m, year=y)
    tiers = [(s.id, tier.code, tier.label) for s in m.tier_sets for tier in s.tiers]
    counts = {s.id: tier_counts(t, m, year=y, tier_set=s.id, groups=r.groups) for s in m.tier_sets}
    shown_rates = m.rates.report
    header = ["开发区", *shown_rates, *(label for _, _, label in tiers)]
    rows = []
    for g, key in enumerate(r.groups.keys):
        values = [r.value(rate, key) for rate in shown_rates]
        rows.append([key[0], *(None if v is None else round(100 * v, 2) for v in values),
                     *(int(counts[s].counts[code][g]) for s, code, _ in tiers)])  # fmt: skip
    shown = RichTable(title=f"{y} 年签约项目（{m.title}，比率为 %）")
    for h in header:
        shown.add_column(h)
    for row in rows:
        shown.add_row(*("—" if v is None else str(v) for v in row))
    console.print(shown)
    if m.assumptions:
        console.print("本结果使用的假设：" + "；".join(a.text.removeprefix("假设：") for a in m.assumptions))
    if out is not None:
        out.write_bytes(csv_bytes(header, rows))
        console.print(f"已写入 {out}")
    if record:
        from devzone.projects.actions.observations import record_figures  # noqa: PLC0415

        done = record_figures([y], method=m, actor=None, source="cli")
        console.print(f"已写入指标数据 {done.written} 条，未变 {done.unchanged} 条" +
                      (f"；期间已锁定：{'、'.join(done.locked)}" if done.locked else ""))  # fmt: skip


@app.command("check")
def check(
    year: Annotated[int, typer.Option("--year", help="The year checked (as of 31 Dec).")],
    method: Annotated[
        str, typer.Option("--method", help="Shipped method id or a method YAML file.")
    ] = "lyg-seed",
) -> None:
    """Contractual deadlines breached, idle land (闲置费, 无偿收回) and 达产复核 results of a year."""
    m = _method(method)
    bootstrap()
    from devzone.orgs.models import Zone  # noqa: PLC0415
    from devzone.projects.contracts import deadline_states, idle_land  # noqa: PLC0415
    from devzone.projects.store import contract_checks, table  # noqa: PLC0415

    on = dt.date(year, 12, 31)
    t = table(Zone.objects.all(), m)
    breaches = [s for s in deadline_states(t, m, on) if s.state == "breach"]
    shown = RichTable(title=f"{on.isoformat()} 合同约定期限未履行")
    for h in ("项目", "节点", "约定期限", "逾期天数", "迟延违约金(万元)"):
        shown.add_column(h)
    for s in breaches:
        charge = "—" if s.charge_wan is None else f"{s.charge_wan:.2f}"
        shown.add_row(s.code, s.node, s.deadline.isoformat(), str(s.days_late), charge)
    console.print(shown)
    for idle in idle_land(t, m, on):
        fee = "出让金未知" if idle.fee_wan is None else f"闲置费 {idle.fee_wan:g} 万元"
        tail = "，无偿收回线索" if idle.recover else ""
        console.print(f"{idle.code}：约定 {idle.agreed_start.isoformat()} 开工，至今未开工，{fee}{tail}")
    checks = contract_checks(Zone.objects.all(), m, year)
    missed = 0
    for c in checks:
        for r in c.results:
            if r.met is False:
                missed += 1
                money = (
                    f"违约金 {r.penalty_wan:g} 万元" if r.penalty_wan is not None else "违约责任按开发区约定"
                )
                until = f"，整改至 {r.rectify_until.isoformat()}" if r.rectify_until else ""
                console.print(f"{c.code} {c.at}：{r.name} 实际 {r.actual:g}，约定 {r.op} {r.target:g}，"
                              f"差 {100 * r.short:.0f}%，{money}{until}")  # fmt: skip
        if c.low_efficiency_candidate:
            console.print(f"{c.code}：亩均税收未达约定，列为低效用地线索，不享受新建企业免评")
    console.print(
        f"违约 {len(breaches)} 项；闲置土地 {len(idle_land(t, m, on))} 宗；控制性指标未达 {missed} 项"
    )
