"""Strict parsers for settings read from the environment.

A typo in an environment variable must fail loudly at start-up instead of silently
switching a feature off (compare healthchecks' ``envbool``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


class SettingError(ValueError):
    """An environment setting has a value devzone cannot use."""


def env_bool(name: str, *, default: bool) -> bool:
    """Read a yes/no setting; anything but the known words is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise SettingError(f"{name}={raw!r}: expected one of true/false, 1/0, yes/no, on/off")


def env_int(name: str, *, default: int, minimum: int = 0) -> int:
    """Read a whole number setting no smaller than ``minimum``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingError(f"{name}={raw!r}: expected a whole number") from exc
    if value < minimum:
        raise SettingError(f"{name}={raw!r}: must be at least {minimum}")
    return value


def env_choice(name: str, *, choices: tuple[str, ...], default: str) -> str:
    """Read a setting that must be one of ``choices`` (compared in lower case)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word not in choices:
        raise SettingError(f"{name}={raw!r}: expected one of {', '.join(choices)}")
    return word


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Read a comma-separated list setting."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(var_dir: Path) -> str:
    """Return the installation's secret key, generating it once under ``var_dir``.

    ``DEVZONE_SECRET_KEY`` wins when set; otherwise the key lives in
    ``var/secret_key`` (mode 600) so that sessions survive restarts.
    """
    from_env = os.environ.get("DEVZONE_SECRET_KEY")
    if from_env:
        return from_env
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key
