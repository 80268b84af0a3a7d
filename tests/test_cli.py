"""The `devzone` command on a real SQLite file, in a separate process as a user would run it."""

from __future__ import annotations

import datetime as dt
import http.client
import importlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import typer

import devzone
from devzone import cli
from tests.installations import DEVZONE, Demo, Installation


def test_version(tmp_path: Path) -> None:
    assert Installation(tmp_path).run(["--version"]).stdout.strip() == f"devzone {devzone.__version__}"
    assert not (tmp_path / "var").exists()  # no Django start-up for commands that need no database


HEAVY = ("scipy", "SALib", "matplotlib", "ibis", "devzone.plans.cli", "devzone.assessment.cli")


def test_help_and_the_database_commands_import_no_slice_engine(tmp_path: Path) -> None:
    """`devzone --help`, `setup`, `demo`, `backup`… start without SciPy, the plan reader or the 亩均 engine
    (seconds of start-up each); a slice's group is imported when it is run."""
    probe = (
        "import sys\nfrom devzone import cli\n"
        "try:\n    cli.app(sys.argv[1:], prog_name='devzone')\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    env = {**os.environ, "DEVZONE_VAR_DIR": str(tmp_path / "var")}
    for args, lists, loaded in [
        (["--help"], "assess", []),
        (["plan", "--help"], "parse", ["devzone.plans.cli"]),
    ]:
        result = subprocess.run(
            [sys.executable, "-c", probe, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert lists in result.stdout
        assert result.stdout.strip().splitlines()[-1] == repr(loaded)


def test_the_help_lists_each_group_as_the_group_describes_itself() -> None:
    top = typer.main.get_command(cli.app)
    ctx = typer.Context(top)
    for name, (module, attr, short_help) in cli.LAZY_GROUPS.items():
        group = typer.main.get_group(getattr(importlib.import_module(module), attr))
        assert short_help == group.help, name
        assert top.get_command(ctx, name).list_commands(ctx) == group.list_commands(ctx)  # type: ignore[union-attr]


def test_setup_uses_the_database_url_in_wal_mode(fresh_installation: Installation) -> None:
    database = fresh_installation.database  # made by `devzone setup` (tests/installations.py)
    assert database.exists()
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (fresh_installation.var / "secret_key").stat().st_mode & 0o777 == 0o600


@pytest.fixture(scope="module")
def installed(demo_installation: Demo, tmp_path_factory: pytest.TempPathFactory) -> Installation:
    """The module's copy of the session's demo installation (`devzone setup`, then `devzone demo`)."""
    return demo_installation.installation.copy(tmp_path_factory.mktemp("cli") / "install")


@pytest.fixture(scope="module")
def demo_output(demo_installation: Demo) -> str:
    """What the first `devzone demo` on the installation printed."""
    return demo_installation.output


def test_demo_is_idempotent_and_prints_passwords_once(installed: Installation, demo_output: str) -> None:
    first = demo_output
    assert "password:" in first
    second = installed.run(["demo"]).stdout
    assert "0 zones, 0 units, 0 groups created" in second
    assert "password:" not in second
    with sqlite3.connect(installed.database) as conn:
        zones = {row[0] for row in conn.execute("select name from orgs_zone")}
    assert {
        "徐圩新区",
        "连云港经济技术开发区",
        "贵州仁怀经济开发区",
        "泉州台商投资区",
        "道真上玉工业园区",
    } <= zones
    with sqlite3.connect(installed.database) as conn:
        indicators = conn.execute("select count(*) from indicators_indicator").fetchone()[0]
        targets = conn.execute("select count(*) from indicators_target").fetchone()[0]
    assert (indicators, targets) == (75, 22)  # the seed plans' targets, matched to the catalogue


def test_createuser_refuses_an_unknown_role_and_writes_nothing(installed: Installation) -> None:
    result = installed.run(["createuser", "someone", "--role", "superhero"], code=None)
    assert result.returncode == 2
    assert "未知角色" in result.stdout
    with sqlite3.connect(installed.database) as conn:
        assert conn.execute("select count(*) from accounts_user where username='someone'").fetchone()[0] == 0


def test_createuser_with_a_zone(installed: Installation, demo_output: str) -> None:
    out = installed.run(["createuser", "kfq2", "--role", "zone_staff", "--zone", "市开发区"]).stdout
    assert "password:" in out
    with sqlite3.connect(installed.database) as conn:
        row = conn.execute(
            "select z.name from accounts_user u join accounts_user_zones uz on uz.user_id = u.id "
            "join orgs_zone z on z.id = uz.zone_id where u.username = 'kfq2'"
        ).fetchall()
    assert row == [("连云港经济技术开发区",)]


def test_createuser_refuses_an_unknown_zone(installed: Installation) -> None:
    result = installed.run(
        ["createuser", "kfq3", "--role", "zone_staff", "--zone", "不存在的开发区"], code=None
    )
    assert result.returncode == 2
    assert "找不到开发区" in result.stdout


def test_notify_makes_the_days_notices_once_and_refuses_a_bad_date(
    installed: Installation, demo_output: str
) -> None:
    first = installed.run(["notify", "--as-of", "2026-12-01"]).stdout
    assert first.startswith("2026-12-01：新建通知 ") and "发送 0 条，失败 0 条" in first
    with sqlite3.connect(installed.database) as conn:
        made = conn.execute("select count(*) from notices_notice where kind = 'overdue'").fetchone()[0]
        passes = conn.execute("select name, day from notices_passrun").fetchall()
    assert made > 0 and passes == [("plans.deadlines", "2026-12-01")]
    again = installed.run(["notify", "--as-of", "2026-12-01"]).stdout
    assert again.startswith("2026-12-01：新建通知 0 条")
    bad = installed.run(["notify", "--as-of", "2026年12月1日"], code=None)
    assert bad.returncode == 2 and "日期格式应为 YYYY-MM-DD" in bad.stdout


def _server_port_and_env(installed: Installation) -> tuple[int, dict[str, str]]:
    """A free loopback port and the environment of a `devzone serve` on the installed database."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return port, installed.env()


def test_serve_runs_the_daily_notice_pass_by_itself(installed: Installation, demo_output: str) -> None:
    port, env = _server_port_and_env(installed)
    server = subprocess.Popen(
        [*DEVZONE, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    try:
        deadline = time.monotonic() + 120
        passes: list[tuple[str, str]] = []
        while time.monotonic() < deadline and not passes:
            time.sleep(0.5)
            with sqlite3.connect(installed.database) as conn:
                passes = conn.execute(
                    "select name, day from notices_passrun where day = ?", (today,)
                ).fetchall()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert passes == [("plans.deadlines", today)]


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _niceness(pid: int) -> int:
    """A process's nice value (field 19 of /proc/PID/stat, after the command name in brackets)."""
    return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[16])


def _get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from /proc")
def test_serve_runs_several_workers_and_starts_a_dead_one_again(installed: Installation) -> None:
    """`devzone serve --workers 2`: two processes answer on one port, and a third, below them in priority,
    builds their documents (core/document_runner.py); one killed (as by the OOM killer) is replaced and
    the site keeps answering; SIGTERM stops them all."""
    port, env = _server_port_and_env(installed)
    server = subprocess.Popen(
        [*DEVZONE, "serve", "--port", str(port), "--workers", "2", "--threads", "2", "--no-notices"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 3:
            time.sleep(0.3)
            workers = _children(server.pid)
        assert len(workers) == 3, "two worker processes and the document runner"
        niceness = sorted(_niceness(pid) for pid in workers)
        while time.monotonic() < deadline and niceness != [0, 0, 10]:  # the runner lowers itself at start
            time.sleep(0.3)
            niceness = sorted(_niceness(pid) for pid in workers)
        assert niceness == [0, 0, 10]
        status, body = 0, ""
        while time.monotonic() < deadline and status != 200:
            try:
                status, body = _get(port, "/accounts/login/")
            except OSError:
                time.sleep(0.3)
        assert status == 200 and "登录" in body
        victim = min(workers)
        os.kill(victim, 9)
        replaced: set[int] = set()
        while time.monotonic() < deadline and len(replaced) < 3:
            time.sleep(0.3)
            replaced = _children(server.pid) - {victim}
        assert len(replaced) == 3 and victim not in replaced
        assert all(_get(port, "/accounts/login/")[0] == 200 for _ in range(6))
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert server.returncode == 0, output
    assert "2 × 2 threads" in output
    assert not any(Path(f"/proc/{pid}").exists() for pid in replaced), "workers stopped with the server"
