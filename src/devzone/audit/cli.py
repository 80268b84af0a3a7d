"""``devzone audit verify`` and ``devzone audit purge``: check the hash chain, apply the retention limit.

The chain module is imported inside each command, after Django has started.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from devzone.core.boot import bootstrap

app = typer.Typer(help="审计记录：校验哈希链、按保留期限导出并清理", no_args_is_help=True)
console = Console()


@app.command()
def verify(
    export: Annotated[
        Path | None, typer.Option(help="校验一个清理导出文件（.jsonl.gz），而不是数据库。", dir_okay=False)
    ] = None,
) -> None:
    """Re-compute the audit hash chain; exit 1 at the first changed, inserted or deleted entry."""
    bootstrap()
    from devzone.audit.chain import verify_chain, verify_export  # noqa: PLC0415 - needs Django set up

    if export is not None and not export.is_file():
        console.print(f"[red]找不到导出文件：{export}[/red]", soft_wrap=True)
        raise typer.Exit(code=2)
    report = verify_export(export) if export is not None else verify_chain()
    if not report.ok:
        console.print(
            f"[red]审计链校验失败：{report.problem}[/red]（此前 {report.checked} 条校验通过）", soft_wrap=True
        )
        raise typer.Exit(code=1)
    console.print(
        f"审计链完整：{report.checked} 条记录校验通过；末条哈希 {report.head_hash or '（空）'}",
        soft_wrap=True,
    )


@app.command()
def purge(
    out: Annotated[Path | None, typer.Option(help="导出目录；默认 <DEVZONE_VAR_DIR>/audit-exports。")] = None,
    days: Annotated[
        int | None, typer.Option(min=1, help="保留天数；默认取 DEVZONE_AUDIT_RETENTION_DAYS（180）。")
    ] = None,
) -> None:
    """Export the entries older than the retention limit to a .jsonl.gz file, then delete them."""
    bootstrap()
    from django.conf import settings  # noqa: PLC0415 - needs Django set up

    from devzone.audit import chain  # noqa: PLC0415 - needs Django set up

    out_dir = out if out is not None else Path(settings.VAR_DIR) / "audit-exports"
    try:
        result = chain.purge(out_dir, days=days)
    except chain.ChainBroken as exc:
        console.print(f"[red]审计链校验失败，未清理任何记录：{exc}[/red]", soft_wrap=True)
        raise typer.Exit(code=1) from exc
    if result.export is None:
        console.print("没有超过保留期限的审计记录，未清理。", soft_wrap=True)
        return
    console.print(
        f"已导出并清理 {result.purged} 条审计记录：{result.export}；锚点哈希 {result.head_hash}",
        soft_wrap=True,
    )
