"""`devzone backup` and `devzone restore` on a real installation, in separate processes as an operator runs them:
back up the demo province, delete everything, restore, and find every table row and every file again."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.installations import Demo, Installation

DEVZONE = [sys.executable, "-m", "devzone.cli"]
PG_URL = os.environ.get("DEVZONE_DATABASE_URL", "")

Tables = dict[str, list[str]]


def devzone(args: list[str], var: Path, url: str, *, code: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEVZONE_VAR_DIR": str(var), "DEVZONE_DATABASE_URL": url}
    env.pop("DEVZONE_SECRET_KEY", None)
    result = subprocess.run(
        [*DEVZONE, *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == code, result.stderr + result.stdout
    return result


def sqlite_tables(path: Path) -> Tables:
    with sqlite3.connect(path) as conn:
        names = [
            r[0] for r in conn.execute("select name from sqlite_master where type='table' order by name")
        ]
        return {n: sorted(repr(row) for row in conn.execute(f'select * from "{n}"')) for n in names}  # noqa: S608


def files(var: Path) -> dict[str, str]:
    media = var / "media"
    return {
        p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(media.rglob("*"))
        if p.is_file()
    }


AUDIT_TABLE = "audit_auditentry"


def without_audit(tables: Tables) -> Tables:
    """Every table but the audit log (and SQLite's counter of its ids), which a restore adds to."""
    return {
        name: [row for row in rows if name != "sqlite_sequence" or f"'{AUDIT_TABLE}'" not in row]
        for name, rows in tables.items()
        if name != AUDIT_TABLE
    }


def new_audit_rows(before: Tables, now: Tables) -> list[str]:
    """Audit rows present now and not before."""
    return sorted(set(now[AUDIT_TABLE]) - set(before[AUDIT_TABLE]))


def installation(var: Path, url: str, tables: Callable[[], Tables]) -> tuple[Tables, dict[str, str], str]:
    return tables(), files(var), (var / "secret_key").read_text()


def round_trip(
    tmp: Path, var: Path, url: str, tables: Callable[[], Tables], wipe: Callable[[], None]
) -> None:
    """Given the demo province in ``var`` and ``url``: plans with their source files, 亩均 runs with their
    snapshots, objections."""
    before = installation(var, url, tables)
    assert len(before[1]) > 10
    assert sum(len(rows) for rows in before[0].values()) > 1000
    # `devzone demo` built the indicators: the catalogue and the seed plans' targets matched to it
    assert (len(before[0]["indicators_indicator"]), len(before[0]["indicators_target"])) == (75, 22)
    # when backed up while installed, then everything is deleted
    archive = tmp / "backups" / "devzone.tar.gz"
    out = devzone(["backup", str(archive)], var, url).stdout
    assert "已备份到" in out
    assert archive.stat().st_mode & 0o777 == 0o600
    # the backup is an audit event of the live database, naming the archive by its hash
    [backed_up] = new_audit_rows(before[0], tables())
    assert "'backup'" in backed_up and hashlib.sha256(archive.read_bytes()).hexdigest() in backed_up
    wipe()
    for path in [var / "media", var / "secret_key"]:
        if path.is_dir():
            for p in sorted(path.rglob("*"), reverse=True):
                p.rmdir() if p.is_dir() else p.unlink()
            path.rmdir()
        else:
            path.unlink()
    # and restored
    out = devzone(["restore", str(archive)], var, url).stdout
    assert "已从" in out
    # then every row of every table, every upload and the secret key are back as they were
    after = installation(var, url, tables)
    assert after[0].keys() == before[0].keys()
    # the restored database records the restore, chained after the backup's last entry
    [restored] = new_audit_rows(before[0], after[0])
    assert "'restore'" in restored and str(archive) in restored
    kept, restored_rows = without_audit(before[0]), without_audit(after[0])
    for name in kept:
        assert restored_rows[name] == kept[name], name
    assert set(before[0][AUDIT_TABLE]) <= set(after[0][AUDIT_TABLE])
    assert after[1] == before[1]
    assert after[2] == before[2]
    # and the audit chain still verifies, and new records get fresh ids
    assert "审计链完整" in devzone(["audit", "verify"], var, url).stdout
    devzone(["createuser", "after-restore", "--role", "viewer"], var, url)


def test_sqlite_backup_delete_restore_gives_back_every_table_and_file(
    demo_installation: Demo, tmp_path: Path
) -> None:
    # a copy of the session's demo installation (`devzone setup` and `devzone demo`, tests/installations.py)
    copy = demo_installation.installation.copy(tmp_path / "installation")
    database = copy.database

    def wipe() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)

    round_trip(tmp_path, copy.var, copy.url, lambda: sqlite_tables(database), wipe)
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.postgres
def test_postgresql_backup_delete_restore_gives_back_every_table_and_file(tmp_path: Path) -> None:
    if not PG_URL.startswith("postgresql"):
        pytest.skip("DEVZONE_DATABASE_URL does not point at PostgreSQL")
    import psycopg  # only the PostgreSQL pass has a server to talk to

    # The suite's own test database is test_<name>; this test uses a database of its own beside it.
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute("drop database if exists devzone_backup_test")
        conn.execute("create database devzone_backup_test")
    url = PG_URL.rsplit("/", 1)[0] + "/devzone_backup_test"

    def tables() -> Tables:
        with psycopg.connect(url) as conn:
            names = [
                r[0]
                for r in conn.execute("select tablename from pg_tables where schemaname='public' order by 1")
            ]
            return {n: sorted(repr(row) for row in conn.execute(f'select * from "{n}"')) for n in names}  # noqa: S608

    def wipe() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("drop schema public cascade")
            conn.execute("create schema public")

    try:
        var = tmp_path / "var"
        devzone(["manage", "migrate", "--verbosity=0"], var, url)
        devzone(["demo"], var, url)
        round_trip(tmp_path, var, url, tables, wipe)
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute("drop database if exists devzone_backup_test with (force)")


@pytest.fixture(scope="module")
def small_original(
    fresh_installation: Installation, tmp_path_factory: pytest.TempPathFactory
) -> Installation:
    """One small installation (a user, an upload) and its backup, made once and copied by each test."""
    small = fresh_installation.copy(tmp_path_factory.mktemp("small") / "small")
    small.run(["createuser", "zhang", "--role", "viewer"])
    upload = small.var / "media" / "plans" / "sources" / "2026" / "方案.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("行动方案", encoding="utf-8")
    small.run(["backup", str(small.root / "small.tar.gz")])
    return small


@pytest.fixture
def small_installation(small_original: Installation, tmp_path: Path) -> tuple[Path, str, Path]:
    copy = small_original.copy(tmp_path / "small")
    return copy.var, copy.url, copy.root / "small.tar.gz"


def rewrite(archive: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Copy ``archive`` to ``target`` with each member's bytes passed through ``change`` (None drops it)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            handle = source.extractfile(member)
            assert handle is not None
            data = change(member.name, handle.read())
            if data is None:
                continue
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))


def test_restore_refuses_a_changed_or_incomplete_archive_and_changes_nothing(
    small_installation: tuple[Path, str, Path], tmp_path: Path
) -> None:
    var, url, archive = small_installation
    database = Path(url.removeprefix("sqlite:///"))
    changed = tmp_path / "changed.tar.gz"
    rewrite(archive, changed, lambda name, data: data + b"!" if name.endswith("方案.txt") else data)
    dropped = tmp_path / "dropped.tar.gz"
    rewrite(archive, dropped, lambda name, data: None if name == "secret_key" else data)
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert manifest["database"]["vendor"] == "sqlite"
    assert set(manifest["files"]) == {"database.sqlite3", "secret_key", "media/plans/sources/2026/方案.txt"}
    before = sqlite_tables(database)
    key = (var / "secret_key").read_text()
    # when each is restored over the installation, even with --force
    out = devzone(["restore", str(changed), "--force"], var, url, code=1).stdout
    assert "方案.txt 的 SHA-256 与清单不符" in out
    out = devzone(["restore", str(dropped), "--force"], var, url, code=1).stdout
    assert "secret_key" in out
    assert "不在归档中" in out
    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"not a tar")
    out = devzone(["restore", str(not_a_backup), "--force"], var, url, code=1).stdout
    assert "不是 devzone 备份文件" in out
    # and a backup is not written into the uploads it backs up
    out = devzone(["backup", str(var / "media" / "b.tar.gz")], var, url, code=1).stdout
    assert "不能放在上传目录" in out
    # then the database, the uploads and the key are untouched
    assert sqlite_tables(database) == before
    assert (var / "secret_key").read_text() == key
    assert (var / "media" / "plans" / "sources" / "2026" / "方案.txt").read_text(
        encoding="utf-8"
    ) == "行动方案"


def test_restore_over_data_asks_for_force_then_overwrites(small_installation: tuple[Path, str, Path]) -> None:
    var, url, archive = small_installation
    database = Path(url.removeprefix("sqlite:///"))
    backed_up = sqlite_tables(database)
    # given work done after the backup
    devzone(["createuser", "li", "--role", "viewer"], var, url)
    (var / "media" / "later.txt").write_text("后来上传", encoding="utf-8")
    changed = sqlite_tables(database)
    # when restored without --force: refused in Chinese, nothing changed
    out = devzone(["restore", str(archive)], var, url, code=2).stdout
    assert "当前数据库不是空的" in out
    assert "--force" in out
    assert sqlite_tables(database) == changed
    # when restored with --force: the backup's state, the later upload gone with the later user
    devzone(["restore", str(archive), "--force"], var, url)
    restored = sqlite_tables(database)
    assert without_audit(restored) == without_audit(backed_up)
    assert sorted(files(var)) == ["plans/sources/2026/方案.txt"]
    # and the audit log is the backup's (its own backup event came after the copy) plus the restore
    [backup_event] = new_audit_rows(restored, backed_up)
    [restore_event] = new_audit_rows(backed_up, restored)
    assert "'backup'" in backup_event and "'restore'" in restore_event
    assert "审计链完整" in devzone(["audit", "verify"], var, url).stdout


def test_a_restore_older_than_the_code_is_audited_once_setup_has_migrated(
    fresh_installation: Installation, tmp_path: Path
) -> None:
    # given a backup taken before this code's latest audit migration
    old = fresh_installation.copy(tmp_path / "old")
    old.run(["manage", "migrate", "audit", "0003", "--verbosity=0"])
    archive = tmp_path / "old.tar.gz"
    old.run(["backup", str(archive)])
    # when it is restored into a new installation
    new = fresh_installation.copy(tmp_path / "new")
    var, database, url = new.var, new.database, new.url
    out = devzone(["restore", str(archive), "--force"], var, url).stdout
    assert "请运行 devzone setup" in out
    # then the restore waits for the migration, and setup writes it into the chain
    assert not any("'restore'" in row for row in sqlite_tables(database)[AUDIT_TABLE])
    assert "recorded the restore" in devzone(["setup"], var, url).stdout
    [restore_event] = [row for row in sqlite_tables(database)[AUDIT_TABLE] if "'restore'" in row]
    assert hashlib.sha256(archive.read_bytes()).hexdigest() in restore_event
    assert not (var / "restore-pending.json").exists()
    assert "审计链完整" in devzone(["audit", "verify"], var, url).stdout


WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=20)
conn.execute("PRAGMA journal_mode=WAL")
n = 0
end = time.monotonic() + 60
while time.monotonic() < end:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("insert into pairs values (?, 'a')", (n,))
    conn.execute("insert into pairs values (?, 'b')", (n,))
    conn.execute("COMMIT")
    n += 1
"""


def test_a_backup_taken_during_writes_holds_whole_transactions_only(tmp_path: Path) -> None:
    # given a database that another process keeps writing to, two rows per transaction
    database = tmp_path / "busy.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("create table pairs (n integer, side text)")
    conn.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(database)])
    try:
        time.sleep(1)
        # when backed up meanwhile
        archive = tmp_path / "busy.tar.gz"
        devzone(["backup", str(archive)], tmp_path / "var", f"sqlite:///{database}")
        assert writer.poll() is None, "the writer stopped before the backup ended"
    finally:
        writer.terminate()
        writer.wait(timeout=30)
    # then the copy is sound and holds both rows of every transaction it holds at all
    with tarfile.open(archive, "r:gz") as tar:
        tar.extract("database.sqlite3", tmp_path / "copy", filter="data")
    with sqlite3.connect(tmp_path / "copy" / "database.sqlite3") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = copy.execute("select count(*), count(distinct n) from pairs").fetchone()
        sides = copy.execute("select n from pairs group by n having count(*) != 2").fetchall()
    assert counts[0] > 0
    assert counts[0] == 2 * counts[1]
    assert sides == []
