"""``devzone backup`` / ``devzone restore``: the database, the uploads and the secret key in one archive.

The archive is a ``.tar.gz`` holding

    database.sqlite3 | database.pgdump   a consistent copy taken while the server runs: SQLite's online
                                         backup API, or ``pg_dump --format=custom`` (one snapshot)
    media/…                              every file under MEDIA_ROOT
    secret_key                           var/secret_key, unless DEVZONE_SECRET_KEY comes from the environment
    manifest.json                        SHA-256 and size of every member, versions, database vendor,
                                         the applied migrations, the time it was made

The database is copied before the uploads: a file is written before the row that names it commits
(:mod:`devzone.core.media`), so every row in the copy finds its file.

Restore checks the whole archive against its manifest, the database vendor and the migrations before it
changes anything, and refuses a database that already holds data unless told to overwrite it.

Both are audit events (等保2.0: 数据备份恢复 is an operator action to account for). A backup is recorded
after the archive is whole, with its SHA-256, so the entry is in the live database and not in the archive
it describes. A restore is recorded in the restored database, chained after the backup's last entry;
when the backup is older than this code's migrations, the entry waits in ``var/restore-pending.json``
until ``devzone setup`` has brought the audit table up to date.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.conf import settings
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from devzone import __version__
from devzone.core.media import stored_files

PENDING_RESTORE = "restore-pending.json"

FORMAT = 1
MANIFEST = "manifest.json"
KEY_MEMBER = "secret_key"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Rows that `devzone setup` writes into a new database: a database holding only these counts as empty.
SETUP_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
CHUNK = 1024 * 1024

# Called as (step, done, total) while a backup or restore works through its files.
Progress = Callable[[str, int, int], None]


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is for the operator (Chinese)."""


class NotEmpty(BackupError):
    """The database to restore into already holds data."""


@dataclass(frozen=True, kw_only=True)
class BackupResult:
    path: Path
    vendor: str
    files: int
    media_files: int
    bytes: int


@dataclass(frozen=True, kw_only=True)
class RestoreResult:
    vendor: str
    media_files: int
    created: str
    devzone: str
    key_source: str  # "file", "environment" or "none": where the backed-up installation kept its key
    pending_migrations: int  # migrations this code has that the backup had not applied


def _quiet(_step: str, _done: int, _total: int) -> None:
    return None


def _operator() -> str:
    """The server account that ran the command (a CLI has no signed-in user)."""
    try:
        return getpass.getuser()[:150]
    except (OSError, KeyError):
        return ""


# Who records backups and restores (the audit app registers itself when Django starts): core stands
# below the slices and names none of them.
Recorder = Callable[[str, dict[str, Any]], None]
_recorders: list[Recorder] = []


def on_event(recorder: Recorder) -> None:
    """Have ``recorder(action, detail)`` called after each backup (``"backup"``) and restore (``"restore"``)."""
    if recorder not in _recorders:
        _recorders.append(recorder)


def _record(action_name: str, detail: dict[str, Any]) -> None:
    for recorder in _recorders:
        recorder(action_name, detail | {"operator": _operator()})


def record_pending_restore() -> bool:
    """Write the audit entry of a restore that had to wait for migrations; True when there was one."""
    marker = Path(settings.VAR_DIR) / PENDING_RESTORE
    if not marker.is_file():
        return False
    _record("restore", json.loads(marker.read_text(encoding="utf-8")))
    marker.unlink()
    return True


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# ---- the database, by vendor ---------------------------------------------------------------------


def _vendor() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"不支持备份 {vendor} 数据库（支持 SQLite 和 PostgreSQL）")
    return vendor


def _pg_env() -> dict[str, str]:
    """libpq's variables for the configured database: the password goes in the environment, not argv."""
    db = connection.settings_dict
    values = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": db.get("NAME") or "",
    }
    return {**os.environ, **{k: v for k, v in values.items() if v}}


def _pg_tool(name: str) -> str:
    """The newest server's own ``pg_dump``/``pg_restore``, else the one on PATH (Debian's wrapper)."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if found:
        return str(found[-1])
    on_path = shutil.which(name)
    if on_path is None:
        raise BackupError(
            f"找不到 {name}：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client）"
        )
    return on_path


def _run_pg(args: list[str]) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} 失败：{result.stderr.strip()[-2000:]}")


def _dump_database(vendor: str, target: Path) -> None:
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            # The online backup API copies a consistent snapshot while other connections keep writing.
            connection.connection.backup(copy)
        copy.close()
    else:
        _run_pg([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])


def _load_database(vendor: str, source: Path) -> None:
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as backup:
            backup.backup(connection.connection)
        backup.close()
    else:
        # One transaction: a failed restore leaves the database as it was.
        _run_pg(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ]
        )
    connections.close_all()


def _applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def tables_with_rows() -> list[str]:
    """Tables that hold rows beyond what ``devzone setup`` writes."""
    found = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in SETUP_TABLES:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 - a table name
            if cursor.fetchone() is not None:
                found.append(table)
    return found


# ---- backup --------------------------------------------------------------------------------------


class _Hashing:
    """A read-only file wrapper that hashes what tarfile reads from it."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _secret_key_source() -> str:
    if os.environ.get("DEVZONE_SECRET_KEY"):
        return "environment"
    return "file" if (Path(settings.VAR_DIR) / KEY_MEMBER).is_file() else "none"


def create_backup(out: Path, *, progress: Progress = _quiet) -> BackupResult:
    """Write the backup archive to ``out`` (written beside it first, then renamed, so ``out`` is whole)."""
    vendor = _vendor()
    out = out.resolve()
    media_root = Path(settings.MEDIA_ROOT)
    if out.is_relative_to(media_root.resolve()):
        # It would be backed up as an upload next time, and `devzone media clean` would delete it.
        raise BackupError(f"备份文件不能放在上传目录 {media_root} 里：请换一个目录")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".devzone-backup-", dir=out.parent) as work:
        database = Path(work) / DATABASE_FILES[vendor]
        progress("数据库", 0, 1)
        _dump_database(vendor, database)
        progress("数据库", 1, 1)
        sources: list[tuple[str, Path]] = [(database.name, database)]
        key_source = _secret_key_source()
        if key_source == "file":
            sources.append((KEY_MEMBER, Path(settings.VAR_DIR) / KEY_MEMBER))
        media = sorted(stored_files(media_root))
        sources += [(f"{MEDIA}/{p.relative_to(media_root).as_posix()}", p) for p in media]

        files: dict[str, dict[str, Any]] = {}
        partial = out.with_name(out.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            for done, (name, path) in enumerate(sources, start=1):
                files[name] = _add(archive, name, path)
                progress("文件", done, len(sources))
            manifest = {
                "format": FORMAT,
                "devzone": __version__,
                "django": django.get_version(),
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "database": {"vendor": vendor, "file": database.name},
                "migrations": _applied_migrations(),
                "secret_key": key_source,
                "files": files,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
            info.mode = 0o600
            archive.addfile(info, _BytesReader(data))
        partial.chmod(0o600)  # it holds the secret key and every record
        partial.replace(out)
    _record(
        "backup",
        {
            "archive": str(out),
            "sha256": sha256_file(out),
            "bytes": out.stat().st_size,
            "database": vendor,
            "media_files": len(media),
        },
    )
    return BackupResult(
        path=out,
        vendor=vendor,
        files=len(files),
        media_files=len(media),
        bytes=out.stat().st_size,
    )


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.at + size
        chunk, self.at = self.data[self.at : end], min(end, len(self.data))
        return chunk


def _add(archive: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        hashing = _Hashing(handle)
        archive.addfile(info, hashing)
    return {"sha256": hashing.digest.hexdigest(), "size": info.size}


# ---- restore -------------------------------------------------------------------------------------


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def _unpack(source: Path, into: Path, progress: Progress) -> list[str]:
    """Unpack every member (regular files under relative paths only) into ``into``; return their names."""
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{source.name} 不是 devzone 备份文件（无法作为 .tar.gz 打开：{exc}）") from exc
    with archive:
        try:
            members = archive.getmembers()
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"{source.name} 已损坏（读取归档失败：{exc}）") from exc
        for member in members:
            if not member.isfile() or not _safe_name(member.name):
                raise BackupError(
                    f"{source.name} 含有不允许的条目：{member.name}（只接受普通文件和相对路径）"
                )
        names = [m.name for m in members]
        if len(set(names)) != len(names):
            raise BackupError(f"{source.name} 含有重复的条目")
        for done, member in enumerate(members, start=1):
            target = into / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.extractfile(member) as handle, target.open("wb") as out:  # type: ignore[union-attr]
                    shutil.copyfileobj(handle, out, CHUNK)
            except (tarfile.TarError, OSError, EOFError) as exc:
                raise BackupError(f"{source.name} 已损坏（读取 {member.name} 失败：{exc}）") from exc
            progress("解包", done, len(members))
    return names


def _verified_manifest(source: Path, into: Path, names: list[str], progress: Progress) -> dict[str, Any]:
    """The manifest, once every unpacked file matches its SHA-256 and nothing is missing or added."""
    if MANIFEST not in names:
        raise BackupError(f"{source.name} 没有清单 {MANIFEST}，不是 devzone 备份文件")
    try:
        manifest: dict[str, Any] = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
        listed: dict[str, dict[str, Any]] = manifest["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{source.name} 的清单 {MANIFEST} 无法读取：{exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source.name} 的备份格式 {manifest.get('format')!r} 不是本版本支持的 {FORMAT}")
    present = set(names) - {MANIFEST}
    if missing := sorted(set(listed) - present):
        raise BackupError(f"备份文件不完整：清单中的 {missing[0]} 等 {len(missing)} 个文件不在归档中")
    if extra := sorted(present - set(listed)):
        raise BackupError(f"备份文件被改动：归档中的 {extra[0]} 等 {len(extra)} 个文件不在清单中")
    for done, (name, expected) in enumerate(sorted(listed.items()), start=1):
        if sha256_file(into / name) != expected.get("sha256"):
            raise BackupError(f"备份文件已损坏或被改动：{name} 的 SHA-256 与清单不符，未恢复任何内容")
        progress("校验", done, len(listed))
    return manifest


def _check_fits(manifest: dict[str, Any], vendor: str) -> int:
    """Refuse a backup of another vendor or of newer code; return how many migrations it lacks."""
    theirs = manifest.get("database", {}).get("vendor")
    if theirs != vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"备份来自 {names.get(theirs, theirs)} 数据库，当前配置的是 {names[vendor]}：请在相同类型的数据库上恢复"
        )
    known = {
        f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    }
    applied = set(manifest.get("migrations", []))
    if unknown := sorted(applied - known):
        raise BackupError(
            f"备份来自更新的 devzone（{manifest.get('devzone')}），含本版本没有的迁移 {unknown[0]} 等"
            f" {len(unknown)} 个：请先升级 devzone 再恢复"
        )
    return len(known - applied)


@contextmanager
def _workdir(near: Path) -> Iterator[Path]:
    near.mkdir(parents=True, exist_ok=True)
    # Beside the var dir, so the uploads move into place by rename on the same file system.
    with tempfile.TemporaryDirectory(prefix=".devzone-restore-", dir=near) as work:
        yield Path(work)


def _replace_media(new: Path, media_root: Path, old: Path) -> None:
    if media_root.exists():
        media_root.rename(old)
    if new.is_dir():
        new.rename(media_root)
    else:
        media_root.mkdir(parents=True)


def _write_secret_key(source: Path, var_dir: Path) -> None:
    staged = var_dir / ".secret_key.restore"
    staged.unlink(missing_ok=True)
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(source.read_bytes())
    staged.replace(var_dir / KEY_MEMBER)


def restore_backup(source: Path, *, force: bool = False, progress: Progress = _quiet) -> RestoreResult:
    """Restore the database, the uploads and the secret key from ``source`` (see the module docstring)."""
    vendor = _vendor()
    if not source.is_file():
        raise BackupError(f"找不到备份文件：{source}")
    var_dir = Path(settings.VAR_DIR)
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        filled = tables_with_rows()
        uploads = next(stored_files(media_root), None)
        if filled or uploads is not None:
            where = f"数据表 {', '.join(filled[:3])} 等" if filled else f"上传目录 {media_root} "
            raise NotEmpty(f"当前数据库不是空的（{where}已有数据）：确认要用备份覆盖请加 --force")
    with _workdir(var_dir) as work:
        unpacked = work / "archive"
        names = _unpack(source, unpacked, progress)
        manifest = _verified_manifest(source, unpacked, names, progress)
        pending = _check_fits(manifest, vendor)
        progress("恢复数据库", 0, 1)
        _load_database(vendor, unpacked / manifest["database"]["file"])
        progress("恢复数据库", 1, 1)
        _replace_media(unpacked / MEDIA, media_root, work / "media-before-restore")
        if manifest.get("secret_key") == "file":
            _write_secret_key(unpacked / KEY_MEMBER, var_dir)
    detail = {
        "archive": str(source.resolve()),
        "sha256": sha256_file(source),
        "database": vendor,
        "media_files": sum(1 for name in manifest["files"] if name.startswith(f"{MEDIA}/")),
        "backup_created": str(manifest.get("created", "")),
        "backup_devzone": str(manifest.get("devzone", "")),
    }
    if pending:
        # The restored audit table is older than this code's model: the entry waits for `devzone setup`.
        (var_dir / PENDING_RESTORE).write_text(json.dumps(detail, ensure_ascii=False), encoding="utf-8")
    else:
        _record("restore", detail)
    return RestoreResult(
        vendor=vendor,
        media_files=sum(1 for name in manifest["files"] if name.startswith(f"{MEDIA}/")),
        created=str(manifest.get("created", "")),
        devzone=str(manifest.get("devzone", "")),
        key_source=str(manifest.get("secret_key", "none")),
        pending_migrations=pending,
    )
