"""Login security (等保2.0): hashing, password policy, lockout, idle timeout, CSRF, headers, tokens."""

from __future__ import annotations

import json
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

import devzone.settings as shipped
from devzone.accounts.actions import create_user
from devzone.accounts.middleware import LAST_SEEN_KEY
from devzone.accounts.models import Role, User
from devzone.accounts.tokens import issue_token, revoke_token
from tests.personas import PASSWORD, World


def login(client: Client, username: str, password: str) -> int:
    return client.post("/accounts/login/", {"username": username, "password": password}).status_code


def test_the_shipped_settings_hash_passwords_with_argon2(db: None) -> None:
    # The suite hashes with MD5 for speed (conftest.py); what ships must still put Argon2 first (bounded
    # in concurrency, devzone.accounts.hashers), with PBKDF2 after it so older hashes keep verifying.
    assert shipped.PASSWORD_HASHERS == [
        "devzone.accounts.hashers.BoundedArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    with override_settings(PASSWORD_HASHERS=shipped.PASSWORD_HASHERS):
        user = create_user(actor=None, username="argon", password=PASSWORD, role=Role.VIEWER, source="test")
        assert user.password.startswith("argon2$")
        assert login(Client(), "argon", PASSWORD) == 302


@pytest.mark.parametrize("weak", ["Short1!", "alllowercaseletters", "ALLUPPER123456", "1234567890123"])
def test_password_policy_refuses_weak_passwords(weak: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(weak, User(username="someone"))


def test_password_policy_accepts_a_long_mixed_password() -> None:
    validate_password("Harbour-Lights-2026", User(username="someone"))


def test_login_succeeds_with_the_right_password(world: World) -> None:
    client = Client()
    assert login(client, "staff_a", PASSWORD) == 302
    assert client.get("/").status_code == 200


def test_account_locks_after_repeated_failures(world: World) -> None:
    client = Client()
    for _ in range(5):
        login(client, "staff_a", "wrong-password")
    response = client.post("/accounts/login/", {"username": "staff_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "账号已暂时锁定" in response.content.decode()
    assert Client().get("/").status_code == 302  # still signed out


def test_idle_session_is_signed_out(world: World, settings: object) -> None:
    client = Client()
    assert login(client, "staff_a", PASSWORD) == 302
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_active_session_stays_signed_in(world: World) -> None:
    client = Client()
    login(client, "staff_a", PASSWORD)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 29 * 60
    session.save()
    assert client.get("/").status_code == 200


def test_forms_refuse_posts_without_csrf_token(world: World) -> None:
    client = world.client_for(world.coordinator, enforce_csrf=True)
    response = client.post(f"/orgs/zones/{world.zone_a.pk}/edit/", {"short_name": "x"})
    assert response.status_code == 403
    world.zone_a.refresh_from_db()
    assert world.zone_a.short_name == "甲区经济"


def test_session_api_writes_need_csrf(world: World) -> None:
    client = world.client_for(world.coordinator, enforce_csrf=True)
    response = client.patch(
        f"/api/zones/{world.zone_a.pk}",
        data=json.dumps({"description": "x"}),
        content_type="application/json",
    )
    assert response.status_code in {401, 403}
    world.zone_a.refresh_from_db()
    assert world.zone_a.description == ""


def test_security_headers(world: World) -> None:
    response = world.client_for(world.staff_a).get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"


def test_api_token_authenticates_scripts(world: World) -> None:
    _token, key = issue_token(user=world.staff_a, name="月报脚本")
    response = Client().get("/api/zones", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert [z["name"] for z in response.json()] == [world.zone_a.name]


def test_token_writes_need_no_csrf_but_keep_the_scope(world: World) -> None:
    _token, key = issue_token(user=world.staff_a, name="脚本")
    client = Client(enforce_csrf_checks=True)
    auth = {"Authorization": f"Bearer {key}"}
    ok = client.patch(
        f"/api/zones/{world.zone_a.pk}",
        data=json.dumps({"description": "脚本写入"}),
        content_type="application/json",
        headers=auth,
    )
    assert ok.status_code == 200
    refused = client.patch(
        f"/api/zones/{world.zone_b.pk}",
        data=json.dumps({"description": "x"}),
        content_type="application/json",
        headers=auth,
    )
    assert refused.status_code == 404


def test_revoked_and_forged_tokens_are_refused(world: World) -> None:
    token, key = issue_token(user=world.staff_a, name="脚本")
    revoke_token(token, actor=world.staff_a)
    assert Client().get("/api/zones", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    _token2, key2 = issue_token(user=world.staff_a, name="脚本2")
    forged = key2[:-3] + ("aaa" if not key2.endswith("aaa") else "bbb")
    assert Client().get("/api/zones", headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_token_page_shows_the_key_once(world: World) -> None:
    client = world.client_for(world.staff_a)
    page = client.post("/accounts/tokens/", {"name": "导出脚本"}).content.decode()
    assert 'id="new-key">dz_' in page
    assert 'id="new-key"' not in client.get("/accounts/tokens/").content.decode()
