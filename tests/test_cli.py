"""The `devzone` command on a real SQLite file, in a separate process as a user would run it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import devzone

DEVZONE = [sys.executable, "-m", "devzone.cli"]


def run(args: list[str], tmp_path: Path, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DEVZONE_VAR_DIR": str(tmp_path / "var"),
        "DEVZONE_DATABASE_URL": f"sqlite:///{tmp_path / 'second.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "devzone.settings",
    }
    result = subprocess.run(
        [*DEVZONE, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if check:
        assert result.returncode == 0, result.stderr + result.stdout
    return result


def test_version(tmp_path: Path) -> None:
    assert run(["--version"], tmp_path).stdout.strip() == f"devzone {devzone.__version__}"
    assert not (tmp_path / "var").exists()  # no Django start-up for commands that need no database


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("install")
    run(["setup"], tmp_path)
    return tmp_path


def test_setup_uses_the_database_url_in_wal_mode(installed: Path) -> None:
    database = installed / "second.sqlite3"
    assert database.exists()
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (installed / "var" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_demo_is_idempotent_and_prints_passwords_once(installed: Path) -> None:
    first = run(["demo"], installed).stdout
    assert "password:" in first
    second = run(["demo"], installed).stdout
    assert "0 zones, 0 units, 0 groups created" in second
    assert "password:" not in second
    with sqlite3.connect(installed / "second.sqlite3") as conn:
        zones = {row[0] for row in conn.execute("select name from orgs_zone")}
    assert {
        "徐圩新区",
        "连云港经济技术开发区",
        "贵州仁怀经济开发区",
        "泉州台商投资区",
        "道真上玉工业园区",
    } <= zones


def test_createuser_refuses_an_unknown_role_and_writes_nothing(installed: Path) -> None:
    result = run(["createuser", "someone", "--role", "superhero"], installed, check=False)
    assert result.returncode == 2
    assert "未知角色" in result.stdout
    with sqlite3.connect(installed / "second.sqlite3") as conn:
        assert conn.execute("select count(*) from accounts_user where username='someone'").fetchone()[0] == 0


def test_createuser_with_a_zone(installed: Path) -> None:
    run(["demo"], installed)
    out = run(["createuser", "kfq2", "--role", "zone_staff", "--zone", "市开发区"], installed).stdout
    assert "password:" in out
    with sqlite3.connect(installed / "second.sqlite3") as conn:
        row = conn.execute(
            "select z.name from accounts_user u join accounts_user_zones uz on uz.user_id = u.id "
            "join orgs_zone z on z.id = uz.zone_id where u.username = 'kfq2'"
        ).fetchall()
    assert row == [("连云港经济技术开发区",)]


def test_createuser_refuses_an_unknown_zone(installed: Path) -> None:
    result = run(
        ["createuser", "kfq3", "--role", "zone_staff", "--zone", "不存在的开发区"], installed, check=False
    )
    assert result.returncode == 2
    assert "找不到开发区" in result.stdout
