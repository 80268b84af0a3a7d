"""Password hashing is bounded per process, and a locked account is refused before any hash is computed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.test import Client
from tests.personas import PASSWORD, World

from devzone.accounts.hashers import BoundedArgon2PasswordHasher, hashing_slots

BOUNDED = [
    "devzone.accounts.hashers.BoundedArgon2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
HOLD_SECONDS = 3.0


@contextmanager
def every_slot_taken() -> Iterator[threading.Event]:
    """Take every hashing slot; a timer gives them back after HOLD_SECONDS and sets the event it yields."""
    slots = hashing_slots()
    taken = 0
    while slots.acquire(blocking=False):
        taken += 1
    assert taken == 2
    released = threading.Event()

    def give_back() -> None:
        released.set()
        for _ in range(taken):
            slots.release()

    timer = threading.Timer(HOLD_SECONDS, give_back)
    timer.start()
    try:
        yield released
    finally:
        timer.join()


@pytest.fixture
def bounded(settings: object) -> None:
    settings.PASSWORD_HASHERS = BOUNDED
    settings.DEVZONE_PASSWORD_HASH_CONCURRENCY = 2


@pytest.mark.usefixtures("bounded")
def test_a_hash_runs_while_a_slot_is_free() -> None:
    hasher = BoundedArgon2PasswordHasher()
    slots = hashing_slots()
    assert slots.acquire(blocking=False)  # one of the two slots busy
    try:
        encoded = hasher.encode("Correct-Horse-42", hasher.salt())
        assert hasher.verify("Correct-Horse-42", encoded)
    finally:
        slots.release()


@pytest.mark.usefixtures("bounded")
def test_a_hash_waits_for_a_free_slot() -> None:
    hasher = BoundedArgon2PasswordHasher()
    with every_slot_taken() as released:
        encoded = hasher.encode("Correct-Horse-42", hasher.salt())
        assert released.is_set()  # encode could only run once the slots came back
    assert encoded.startswith("argon2$")


@pytest.mark.usefixtures("bounded")
def test_a_sign_in_for_an_unknown_name_hashes_and_so_waits(world: World) -> None:
    # Django hashes a dummy password for names that do not exist, so that timing tells nothing.
    with every_slot_taken() as released:
        status = (
            Client().post("/accounts/login/", {"username": "nobody", "password": "x-Guess-1"}).status_code
        )
        assert released.is_set()
    assert status == 200


@pytest.mark.usefixtures("bounded")
def test_a_locked_account_is_refused_without_hashing(world: World) -> None:
    for _ in range(5):
        Client().post("/accounts/login/", {"username": "staff_a", "password": "wrong-password"})
    with every_slot_taken() as released:
        for password in ("wrong-password", PASSWORD):
            status = (
                Client().post("/accounts/login/", {"username": "staff_a", "password": password}).status_code
            )
            assert status == 429
        assert not released.is_set()  # answered while no hash could have run
