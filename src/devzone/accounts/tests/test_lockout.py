"""Lockout (等保2.0 登录失败处理): by account and by address, never extended while it runs; and its audit."""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt
from django.test import Client
from tests.personas import PASSWORD, World

from devzone.audit.chain import verify_chain
from devzone.audit.models import AuditAction, AuditEntry


def sign_in(client: Client, username: str, password: str) -> int:
    return client.post("/accounts/login/", {"username": username, "password": password}).status_code


def move_attempts_back(minutes: int, **lookup: str) -> None:
    """Age the recorded failures, as if ``minutes`` had passed since them."""
    for attempt in AccessAttempt.objects.filter(**lookup):
        attempt.attempt_time -= dt.timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


def test_attempts_while_locked_do_not_extend_the_lock(world: World) -> None:
    client = Client()
    for _ in range(4):
        assert sign_in(client, "staff_a", "wrong-password") == 200
    assert sign_in(client, "staff_a", "wrong-password") == 429  # the fifth failure sets the lock
    assert sign_in(client, "staff_a", PASSWORD) == 429
    locked_at = AccessAttempt.objects.get(username="staff_a").attempt_time

    # 20 of the 30 minutes later, the attacker keeps trying: refused, and nothing recorded.
    move_attempts_back(20, username="staff_a")
    for _ in range(10):
        assert sign_in(client, "staff_a", "wrong-password") == 429
    attempt = AccessAttempt.objects.get(username="staff_a")
    assert attempt.failures_since_start == 5
    assert attempt.attempt_time == locked_at - dt.timedelta(minutes=20)

    # 31 minutes after the failure that set the lock, the owner signs in despite the attempts since.
    move_attempts_back(11, username="staff_a")
    assert sign_in(Client(), "staff_a", PASSWORD) == 302


def test_a_locked_account_stays_locked_for_the_right_password_from_another_address(world: World) -> None:
    for _ in range(5):
        sign_in(Client(REMOTE_ADDR="10.0.0.1"), "staff_a", "wrong-password")
    assert sign_in(Client(REMOTE_ADDR="10.0.0.2"), "staff_a", PASSWORD) == 429


def test_an_address_locks_after_failures_over_many_usernames(world: World, settings: object) -> None:
    settings.DEVZONE_LOCKOUT_ADDRESS_FAILURES = 4
    sprayer = Client(REMOTE_ADDR="10.0.0.9")
    for username in ("staff_a", "staff_b", "coord"):  # one guess each: no account is near its limit
        assert sign_in(sprayer, username, "Spring2026!") == 200
    assert sign_in(sprayer, "boss", "Spring2026!") == 429  # the fourth failure from the address locks it
    assert set(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == {1}

    # The address is locked for every username, even with the right password ...
    assert sign_in(sprayer, "viewer", PASSWORD) == 429
    assert sign_in(Client(REMOTE_ADDR="10.0.0.9"), "staff_a", PASSWORD) == 429
    # ... and only the address: the same accounts sign in from elsewhere.
    assert sign_in(Client(REMOTE_ADDR="10.0.0.10"), "staff_a", PASSWORD) == 302
    # The address lock ends with the cool-off too.
    move_attempts_back(31, ip_address="10.0.0.9")
    assert sign_in(Client(REMOTE_ADDR="10.0.0.9"), "viewer", PASSWORD) == 302


def test_one_mistyped_password_each_does_not_lock_a_shared_address(world: World) -> None:
    office = "10.1.1.1"  # a bureau behind one NAT address, default limits
    for username in ("staff_a", "coord", "viewer", "viewer_a"):
        sign_in(Client(REMOTE_ADDR=office), username, "typo-password")
        assert sign_in(Client(REMOTE_ADDR=office), username, PASSWORD) == 302


def entries(action: AuditAction) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def test_sign_in_success_failure_and_lock_are_in_the_audit_log(world: World) -> None:
    assert sign_in(Client(REMOTE_ADDR="10.2.0.1"), "staff_a", PASSWORD) == 302
    [success] = entries(AuditAction.LOGIN)
    assert (success.actor, success.object_pk, success.model) == (
        world.staff_a,
        str(world.staff_a.pk),
        "accounts.User",
    )
    assert success.after == {"ip": "10.2.0.1", "user_agent": "", "second_factor": False}

    for _ in range(6):  # five failures lock; the sixth arrives during the lock
        sign_in(Client(REMOTE_ADDR="10.2.0.2"), "coord", "wrong-password")
    failures = entries(AuditAction.LOGIN_FAILED)
    assert [e.after["reason"] for e in failures] == ["用户名或密码错误"] * 5 + ["账号或地址已锁定"]
    assert {(e.actor_name, e.object_repr, e.object_pk, e.after["ip"]) for e in failures} == {
        ("anonymous", "coord", str(world.coordinator.pk), "10.2.0.2")
    }
    [lock] = entries(AuditAction.LOCKOUT)
    assert lock.object_repr == "coord"
    assert lock.after | {"ip": None} == {
        "ip": None, "user_agent": "", "scope": "account", "failures": 5, "minutes": 30,
    }  # fmt: skip
    assert lock.id > failures[4].id  # written with the failure that set it, not with later ones


def test_a_failure_for_an_unknown_username_is_audited_without_a_user(world: World) -> None:
    sign_in(Client(), "nobody", "whatever-password")
    [failure] = entries(AuditAction.LOGIN_FAILED)
    assert (failure.object_repr, failure.object_pk, failure.actor) == ("nobody", "", None)


def test_sign_in_entries_keep_the_audit_chain_intact(world: World) -> None:
    sign_in(Client(), "staff_a", "wrong-password")
    sign_in(Client(), "staff_a", PASSWORD)
    report = verify_chain()
    assert report.ok, report.problem


def test_a_success_clears_the_account_failures(world: World) -> None:
    for _ in range(4):
        sign_in(Client(), "staff_a", "wrong-password")
    assert sign_in(Client(), "staff_a", PASSWORD) == 302
    assert not AccessAttempt.objects.filter(username="staff_a").exists()
