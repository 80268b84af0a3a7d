"""What the ``devzone land`` commands do once Django is up (loaded by :mod:`devzone.land.cli` on demand).

Each returns the exit code: 0 done, 2 refused (the reasons printed, nothing written).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db.models import Q
from rich.console import Console
from rich.table import Table

from devzone.core.documents import csv_bytes
from devzone.core.files import FileRefused
from devzone.land.actions import import_parcels
from devzone.land.exports import candidates_workbook, indicators_workbook
from devzone.land.method_load import resolve
from devzone.land.models import DisposalCase
from devzone.land.store import candidates as find_candidates
from devzone.land.store import zone_year
from devzone.orgs.models import Zone

METHOD = "zunyi-seed"
console = Console()


def _zone(text: str) -> Zone | None:
    q = Q(name=text) | Q(short_name=text)
    if text.isdigit():
        q |= Q(pk=int(text))
    zones = list(Zone.objects.filter(q)[:2])
    if len(zones) != 1:
        what = "找不到" if not zones else "有多个"
        console.print(f"[red]{what}名为“{text}”的开发区[/red]", soft_wrap=True)
        return None
    return zones[0]


def _bad_out(out: Path | None) -> bool:
    if out is not None and out.suffix.lower() not in {".xlsx", ".csv"}:
        console.print("[red]--out 须以 .xlsx 或 .csv 结尾[/red]")
        return True
    return False


def import_file(file: Path, *, zone: str, crs: int | None) -> int:
    found = _zone(zone)
    if found is None:
        return 2
    try:
        content = file.read_bytes()
    except OSError as exc:
        console.print(f"[red]{file}：无法读取（{exc.strerror}）[/red]", soft_wrap=True)
        return 2
    try:
        batch = import_parcels(zone=found, name=file.name, content=content, actor=None, source="cli", crs=crs)
    except FileRefused as exc:
        console.print(f"未导入任何宗地，文件有 {len(exc.issues)} 处错误：", style="red")
        for issue in exc.issues:
            console.print(str(issue), markup=False, soft_wrap=True)
        return 2
    console.print(f"{found.name}：已导入 {batch.parcels} 宗地（{batch.source_crs}）", soft_wrap=True)
    return 0


def _as_of(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def indicators(*, year: int, zone: str, out: Path | None) -> int:
    found = _zone(zone)
    if found is None or _bad_out(out):
        return 2
    method = resolve(METHOD)
    figures = zone_year(found, year=year, on=_as_of(year), method=method)
    rows = [[f.label, f.value, f.unit] for f in figures.land.figures.values()]
    rows += [["盘活面积（处置口径）", figures.revitalised_mu, "亩"], ["盘活面积（利用口径）", figures.used_mu, "亩"],
             [figures.idle_disposal.label, figures.idle_disposal.value, "%"]]  # fmt: skip
    if out is not None:
        if out.suffix.lower() == ".xlsx":
            out.write_bytes(indicators_workbook(found.name, year, _as_of(year), figures, method))
        else:
            out.write_bytes(csv_bytes(["指标", "数值", "单位"], rows))
        console.print(f"{found.name} {year} 年土地指标已写入 {out}", soft_wrap=True)
        return 0
    table = Table(
        "指标", "数值", "单位", title=f"{found.name} {year} 年土地集约利用指标（{figures.land.zone_type}）"
    )
    for label, value, unit in rows:
        table.add_row(str(label), "—" if value is None else f"{value:,.2f}", str(unit))
    console.print(table)
    return 0


def candidates(*, year: int, zone: str, out: Path | None) -> int:
    found = _zone(zone)
    if found is None or _bad_out(out):
        return 2
    method = resolve(METHOD)
    hits = find_candidates(found, year=year, on=_as_of(year), method=method)
    rows = [
        ["闲置土地", hits.parcels[c.parcel_id].ref, round(hits.parcels[c.parcel_id].area_mu, 2), "；".join(c.reasons)]
        for c in hits.idle
    ] + [
        ["低效用地", hits.parcels[c.parcel_id].ref, round(hits.parcels[c.parcel_id].area_mu, 2), "；".join(c.reasons)]
        for c in hits.inefficient
    ]  # fmt: skip
    if out is not None:
        if out.suffix.lower() == ".xlsx":
            cases = list(
                DisposalCase.objects.filter(zone=found).select_related("parcel", "lease").order_by("pk")
            )
            out.write_bytes(
                candidates_workbook(found.name, year, _as_of(year), found=hits, cases=cases, method=method)
            )
        else:
            out.write_bytes(csv_bytes(["类型", "宗地", "面积(亩)", "理由"], rows))
        console.print(f"{found.name} {year} 年线索 {len(rows)} 条已写入 {out}", soft_wrap=True)
        return 0
    table = Table("类型", "宗地", "面积(亩)", "理由", title=f"{found.name} {year} 年闲置土地与低效用地线索")
    for kind, ref, area, reasons in rows:
        table.add_row(kind, ref, f"{area:,.2f}", reasons)
    console.print(table)
    return 0
