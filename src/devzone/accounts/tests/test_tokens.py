"""API tokens end with the password, the account or the role they were issued under, and at their expiry."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from tests.personas import PASSWORD, World

from devzone.accounts.actions import change_password
from devzone.accounts.models import ApiToken, Role, User
from devzone.accounts.tokens import issue_token
from devzone.audit.actions import save_audited
from devzone.audit.models import AuditEntry

NEW_PASSWORD = "Another-Harbour-77"


def api_status(key: str) -> int:
    return Client().get("/api/me", headers={"Authorization": f"Bearer {key}"}).status_code


def live_key(user: User) -> tuple[ApiToken, str]:
    token, key = issue_token(user=user, name="月报脚本")
    assert api_status(key) == 200
    return token, key


def assert_revoked(token: ApiToken, key: str) -> None:
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_status(key) == 401
    entry = AuditEntry.objects.filter(model="accounts.ApiToken", object_pk=str(token.pk)).latest("id")
    assert (entry.action, entry.source, entry.after["revoked_at"] is not None) == ("update", "system", True)


def test_changing_ones_password_on_the_page_revokes_ones_tokens(world: World) -> None:
    token, key = live_key(world.staff_a)
    _other, other_key = live_key(world.staff_b)
    client = world.client_for(world.staff_a)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert_revoked(token, key)
    assert api_status(other_key) == 200  # only the owner's tokens
    assert client.get("/").status_code == 200  # the session that changed it stays signed in


def test_a_password_reset_by_command_revokes_the_tokens(world: World) -> None:
    token, key = live_key(world.staff_a)
    call_command("devzone_createuser", "staff_a", "--reset-password", stdout=StringIO())
    assert_revoked(token, key)


def test_a_password_reset_in_the_admin_revokes_the_tokens(world: World) -> None:
    token, key = live_key(world.staff_a)
    admin = world.client_for(world.admin)
    response = admin.post(
        f"/admin/accounts/user/{world.staff_a.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert_revoked(token, key)
    world.staff_a.refresh_from_db()
    assert world.staff_a.must_change_password  # the administrator knows the new password


def test_deactivation_revokes_the_tokens(world: World) -> None:
    token, key = live_key(world.staff_a)
    world.staff_a.is_active = False
    save_audited(world.staff_a, actor=world.admin, source="test")
    assert_revoked(token, key)


def test_a_role_change_revokes_the_tokens(world: World) -> None:
    token, key = live_key(world.viewer)
    world.viewer.role = Role.COORDINATOR
    save_audited(world.viewer, actor=world.admin, source="test")
    assert_revoked(token, key)


def test_other_edits_and_signing_in_leave_the_tokens_alone(world: World) -> None:
    token, key = live_key(world.staff_a)
    world.staff_a.first_name = "张三"
    save_audited(world.staff_a, actor=world.admin, source="test")
    assert Client().post("/accounts/login/", {"username": "staff_a", "password": PASSWORD}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_status(key) == 200


def test_a_rehash_of_the_same_password_is_not_a_change(world: World) -> None:
    # check_password() stores a new hash of the same password when the hasher's settings change.
    token, key = live_key(world.staff_a)
    user = User.objects.get(pk=world.staff_a.pk)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    assert api_status(key) == 200
    change_password(actor=None, user=user, password=NEW_PASSWORD, must_change=False, source="test")
    assert_revoked(token, key)


def test_an_expired_token_is_refused_by_the_api(world: World) -> None:
    token, key = issue_token(user=world.staff_a, name="临时脚本", valid_days=7)
    assert token.expires_at is not None
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=7))) < dt.timedelta(minutes=1)
    assert api_status(key) == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert api_status(key) == 401


def test_the_token_page_issues_a_token_with_an_expiry(world: World) -> None:
    client = world.client_for(world.staff_a)
    page = client.post("/accounts/tokens/", {"name": "季报", "valid_days": "30"}).content.decode()
    token = ApiToken.objects.get(user=world.staff_a, name="季报")
    assert token.expires_at is not None
    assert f"{timezone.localtime(token.expires_at):%Y-%m-%d %H:%M}" in page


def test_the_token_page_refuses_a_bad_expiry_and_issues_nothing(world: World) -> None:
    client = world.client_for(world.staff_a)
    for bad in ("0", "-3", "abc", "99999"):
        page = client.post(
            "/accounts/tokens/", {"name": "坏", "valid_days": bad}, follow=True
        ).content.decode()
        assert "有效天数须为 1 至 3660 之间的整数" in page
    assert not ApiToken.objects.filter(user=world.staff_a).exists()
