"""Argon2 with a bound on how many hashes run at once in this process.

Django's Argon2 parameters take about 100 MiB per hash (``memory_cost`` 102400 KiB), so 16 sign-ins
arriving together took the server from 0.7 to 1.45 GB; unknown usernames hash too (Django hashes a
dummy password so timing does not tell which names exist). Past ``DEVZONE_PASSWORD_HASH_CONCURRENCY``
a sign-in waits for a free slot instead of allocating. The algorithm name stays ``argon2``, so every
stored hash verifies as before. The bound is per process: ``devzone serve`` runs one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

_slots_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


def hashing_slots() -> threading.BoundedSemaphore:
    """The process-wide semaphore for the configured concurrency (one per value, for tests that change it)."""
    size = settings.DEVZONE_PASSWORD_HASH_CONCURRENCY
    with _slots_lock:
        if size not in _slots:
            _slots[size] = threading.BoundedSemaphore(size)
        return _slots[size]


@contextmanager
def hashing_slot() -> Iterator[None]:
    slots = hashing_slots()
    with slots:
        yield


class BoundedArgon2PasswordHasher(Argon2PasswordHasher):
    def encode(self, password: str, salt: str) -> str:
        with hashing_slot():
            return str(super().encode(password, salt))

    def verify(self, password: str, encoded: str) -> bool:
        with hashing_slot():
            return bool(super().verify(password, encoded))

    def harden_runtime(self, password: str, encoded: str) -> Any:
        with hashing_slot():
            return super().harden_runtime(password, encoded)
