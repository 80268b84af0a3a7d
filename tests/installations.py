"""Installations made the way an operator makes them — `devzone setup`, then `devzone demo`, each in its
own process on a SQLite file — built once per test session and copied by each test that writes to one.

The demo province costs half a minute of CPU to build; the command-line and backup tests all start from
the same one, so they share it instead of each building their own (issue 16, criterion 7).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DEVZONE = [sys.executable, "-m", "devzone.cli"]


@dataclass(frozen=True)
class Installation:
    """One installation in a folder of its own: ``var/`` (key, uploads, static files) and the database."""

    root: Path

    @property
    def var(self) -> Path:
        return self.root / "var"

    @property
    def database(self) -> Path:
        return self.root / "devzone.sqlite3"

    @property
    def url(self) -> str:
        return f"sqlite:///{self.database}"

    def env(self) -> dict[str, str]:
        """The environment of a `devzone` command on this installation (and of nothing else)."""
        env = {
            **os.environ,
            "DEVZONE_VAR_DIR": str(self.var),
            "DEVZONE_DATABASE_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "devzone.settings",
        }
        env.pop("DEVZONE_SECRET_KEY", None)  # the installation's own key, from var/secret_key
        return env

    def run(self, args: list[str], *, code: int | None = 0) -> subprocess.CompletedProcess[str]:
        """`devzone ARGS` on this installation; fails the test unless it exits with ``code`` (None: any)."""
        result = subprocess.run(
            [*DEVZONE, *args], env=self.env(), capture_output=True, text=True, timeout=600, check=False
        )
        if code is not None:
            assert result.returncode == code, result.stderr + result.stdout
        return result

    def copy(self, to: Path) -> Installation:
        """A copy in ``to`` to write to; the database holds no path of its own, so the copy just works."""
        shutil.copytree(self.root, to)
        return Installation(to)


@dataclass(frozen=True)
class Demo:
    installation: Installation
    output: str  # what the first `devzone demo` printed (the passwords, which it prints only once)


@pytest.fixture(scope="session")
def fresh_installation(tmp_path_factory: pytest.TempPathFactory) -> Installation:
    """`devzone setup` on an empty folder: migrated, static files collected, a secret key. Copy it to write."""
    installation = Installation(tmp_path_factory.mktemp("fresh-installation"))
    installation.run(["setup"])
    return installation


@pytest.fixture(scope="session")
def demo_installation(fresh_installation: Installation, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """The fresh installation with the demo province built into it by `devzone demo`. Copy it to write."""
    installation = fresh_installation.copy(tmp_path_factory.mktemp("demo-installation") / "demo")
    return Demo(installation, installation.run(["demo"]).stdout)
