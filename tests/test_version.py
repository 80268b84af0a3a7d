"""The version a run records is the released one: pyproject.toml → package metadata → devzone.__version__."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import devzone

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_version_is_the_package_metadata_set_in_pyproject() -> None:
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]

    assert devzone.__version__ == metadata.version("devzone") == declared


def test_lock_pins_every_declared_dependency_with_hashes() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    declared = [*project["dependencies"], *extras["dev"], *extras["spark"], "setuptools", "wheel"]
    lock = (PYPROJECT.parent / "requirements.lock").read_text(encoding="utf-8")
    pins = [line for line in lock.splitlines() if line[:1].isalnum()]

    def name(requirement: str) -> str:
        return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement)[0]).lower()  # type: ignore[index]

    assert sorted({name(d) for d in declared} - {name(pin) for pin in pins}) == []
    assert [
        pin for pin in pins if "==" not in pin or not pin.endswith("\\")
    ] == []  # each pin: ==, then hashes
