"""``devzone backup``, ``devzone restore`` and ``devzone media clean``: the operator's commands for var/."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from devzone.core import backup as backups
from devzone.core import media as uploads
from devzone.core.boot import bootstrap

console = Console()
media_app = typer.Typer(help="上传文件：清理没有记录引用的文件", no_args_is_help=True)


@contextmanager
def _progress() -> Iterator[backups.Progress]:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def report(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        yield report


def backup(
    out: Annotated[
        Path, typer.Argument(help="备份文件，如 /srv/backup/devzone-20261201.tar.gz", dir_okay=False)
    ],
) -> None:
    """Back up the database (online), the uploads and the secret key into one .tar.gz with a manifest."""
    bootstrap()
    try:
        with _progress() as progress:
            result = backups.create_backup(out, progress=progress)
    except backups.BackupError as exc:
        console.print(f"[red]备份失败：{exc}[/red]", soft_wrap=True)
        raise typer.Exit(code=1) from exc
    console.print(
        f"已备份到 {result.path}：{result.vendor} 数据库、{result.media_files} 个上传文件，"
        f"共 {result.files} 个文件、{result.bytes / 1024 / 1024:.1f} MB",
        soft_wrap=True,
    )


def restore(
    source: Annotated[Path, typer.Argument(help="devzone backup 生成的 .tar.gz", dir_okay=False)],
    force: Annotated[bool, typer.Option("--force", help="覆盖已有数据的数据库和上传目录。")] = False,
) -> None:
    """Restore a backup after checking every file against its manifest; stop the server first."""
    bootstrap()
    try:
        with _progress() as progress:
            result = backups.restore_backup(source, force=force, progress=progress)
    except backups.NotEmpty as exc:
        console.print(f"[yellow]未恢复：{exc}[/yellow]", soft_wrap=True)
        raise typer.Exit(code=2) from exc
    except backups.BackupError as exc:
        console.print(f"[red]恢复失败：{exc}[/red]", soft_wrap=True)
        raise typer.Exit(code=1) from exc
    console.print(
        f"已从 {source} 恢复：{result.vendor} 数据库、{result.media_files} 个上传文件"
        f"（备份时间 {result.created}，devzone {result.devzone}）",
        soft_wrap=True,
    )
    if result.key_source == "environment":
        console.print(
            "备份时密钥来自 DEVZONE_SECRET_KEY：请把它设为原来的值，否则已有会话失效。", soft_wrap=True
        )
    if result.pending_migrations:
        console.print(
            f"本版本比备份多 {result.pending_migrations} 个数据库迁移：请运行 devzone setup。", soft_wrap=True
        )


@media_app.command()
def clean(
    yes: Annotated[bool, typer.Option("--yes", help="真的删除（默认只列出）。")] = False,
    grace: Annotated[
        int, typer.Option(min=0, help="不动最近这么多分钟内写入的文件（上传可能还没提交）。")
    ] = 60,
) -> None:
    """List (or with --yes delete) files under MEDIA_ROOT that no record refers to."""
    bootstrap()
    orphans = uploads.unreferenced(grace_minutes=grace)
    for orphan in orphans:
        console.print(f"{orphan.name}  {orphan.size} 字节  {orphan.age_minutes:.0f} 分钟前", soft_wrap=True)
    size = sum(o.size for o in orphans)
    if not yes:
        console.print(
            f"{len(orphans)} 个文件（{size} 字节）没有记录引用且超过 {grace} 分钟；加 --yes 删除。",
            soft_wrap=True,
        )
        return
    removed = uploads.remove(orphans)
    console.print(f"已删除 {removed} 个没有记录引用的文件（{size} 字节）。", soft_wrap=True)
