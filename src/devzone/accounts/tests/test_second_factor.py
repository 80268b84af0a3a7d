"""The one-time code (动态口令) as a second sign-in step: enrol, sign in, replay, lockout, required for admins."""

from __future__ import annotations

import time

from django.test import Client
from tests.personas import PASSWORD, World

from devzone.accounts.models import TotpDevice, User
from devzone.accounts.totp import code_at
from devzone.audit.models import AuditAction, AuditEntry

CODE_PAGE = "/accounts/login/code/"


def enable(client: Client) -> str:
    """Enrol on the user's own page, as a person would: read the secret, type the app's code."""
    page = client.get("/accounts/second-factor/")
    secret = page.context["secret"]
    assert secret in page.content.decode()
    assert f"otpauth://totp/devzone:{page.context['user'].username}?secret={secret}" in page.content.decode()
    assert client.post("/accounts/second-factor/", {"code": code_at(secret, time.time())}).status_code == 302
    return str(secret)


def next_code(secret: str) -> str:
    # The code enrolment used is spent; the next step's code is within the accepted drift.
    return code_at(secret, time.time() + 30)


def password_step(client: Client, username: str, next_url: str = "") -> str:
    data = {"username": username, "password": PASSWORD, "next": next_url}
    response = client.post("/accounts/login/", data)
    assert response.status_code == 302
    return str(response["Location"])


def test_enrolment_shows_the_secret_and_uri_and_needs_a_right_code(world: World) -> None:
    client = world.client_for(world.staff_a)
    page = client.get("/accounts/second-factor/")
    secret = page.context["secret"]
    response = client.post("/accounts/second-factor/", {"code": "000000"}, follow=True)
    assert "动态口令不正确" in response.content.decode()
    assert TotpDevice.objects.get(user=world.staff_a).confirmed_at is None
    assert client.get("/accounts/second-factor/").context["secret"] == secret  # same secret until confirmed
    enable(client)
    device = TotpDevice.objects.get(user=world.staff_a)
    assert device.confirmed_at is not None
    entry = AuditEntry.objects.get(model="accounts.TotpDevice", action="create")
    assert "secret" not in entry.after
    assert secret not in str(entry.after)


def test_a_user_with_a_device_signs_in_in_two_steps(world: World) -> None:
    secret = enable(world.client_for(world.staff_a))
    client = Client()
    assert password_step(client, "staff_a", "/plans/") == CODE_PAGE
    assert client.get("/").status_code == 302  # the password alone signs nobody in
    assert "请输入手机验证器" in client.get(CODE_PAGE).content.decode()
    wrong = client.post(CODE_PAGE, {"code": "000000"})
    assert (wrong.status_code, "动态口令不正确" in wrong.content.decode()) == (200, True)
    right = client.post(CODE_PAGE, {"code": next_code(secret)})
    assert (right.status_code, right["Location"]) == (302, "/plans/")
    assert client.get("/").status_code == 200
    [login] = AuditEntry.objects.filter(action=AuditAction.LOGIN)
    assert (login.actor, login.after["second_factor"]) == (world.staff_a, True)
    [failure] = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert (failure.object_repr, failure.after["reason"]) == ("staff_a", "动态口令错误")


def test_a_code_cannot_be_used_twice(world: World) -> None:
    secret = enable(world.client_for(world.staff_a))
    code = next_code(secret)
    first = Client()
    password_step(first, "staff_a")
    assert first.post(CODE_PAGE, {"code": code}).status_code == 302
    second = Client()
    password_step(second, "staff_a")
    assert second.post(CODE_PAGE, {"code": code}).status_code == 200
    assert second.get("/").status_code == 302


def test_wrong_codes_lock_the_account_like_wrong_passwords(world: World) -> None:
    secret = enable(world.client_for(world.staff_a))
    client = Client()
    password_step(client, "staff_a")
    statuses = [client.post(CODE_PAGE, {"code": "000000"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert client.post(CODE_PAGE, {"code": next_code(secret)}).status_code == 429  # the right code too
    fresh = Client()
    assert fresh.post("/accounts/login/", {"username": "staff_a", "password": PASSWORD}).status_code == 429
    assert AuditEntry.objects.filter(action=AuditAction.LOCKOUT, object_repr="staff_a").count() == 1


def test_the_pending_sign_in_expires(world: World) -> None:
    secret = enable(world.client_for(world.staff_a))
    client = Client()
    password_step(client, "staff_a")
    session = client.session
    session["devzone_pending_sign_in"] = {**session["devzone_pending_sign_in"], "at": time.time() - 301}
    session.save()
    response = client.post(CODE_PAGE, {"code": next_code(secret)})
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")
    assert client.get("/").status_code == 302


def test_the_code_page_without_a_password_step_goes_back_to_sign_in(db: None) -> None:
    response = Client().get(CODE_PAGE)
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")


def test_a_user_may_turn_the_device_off_with_a_code(world: World) -> None:
    client = world.client_for(world.staff_a)
    secret = enable(client)
    assert client.post("/accounts/second-factor/", {"code": "000000"}).status_code == 200
    assert TotpDevice.objects.filter(user=world.staff_a).exists()
    assert client.post("/accounts/second-factor/", {"code": next_code(secret)}).status_code == 302
    assert not TotpDevice.objects.filter(user=world.staff_a).exists()
    assert password_step(Client(), "staff_a") == "/"


def test_admins_must_enrol_at_sign_in_when_the_setting_says_so(world: World, settings: object) -> None:
    settings.DEVZONE_TOTP_REQUIRED_FOR_ADMINS = True
    assert password_step(Client(), "staff_a") == "/"  # not an administrator
    client = Client()
    assert password_step(client, "boss") == CODE_PAGE
    page = client.get(CODE_PAGE)
    assert "本账号须使用动态口令登录" in page.content.decode()
    secret = page.context["secret"]
    assert client.get("/").status_code == 302
    assert client.post(CODE_PAGE, {"code": code_at(secret, time.time())}).status_code == 302
    assert client.get("/accounts/users/").status_code == 200
    assert TotpDevice.objects.get(user=world.admin).confirmed_at is not None
    # Enrolled: the device cannot be turned off while the setting is on.
    response = client.post("/accounts/second-factor/", {"code": next_code(secret)}, follow=True)
    assert "管理员账号须使用动态口令，不能停用" in response.content.decode()
    assert TotpDevice.objects.filter(user=world.admin).exists()


def test_admins_sign_in_with_the_password_alone_when_the_setting_is_off(world: World) -> None:
    assert password_step(Client(), "boss") == "/"


def test_the_admin_site_signs_in_through_the_same_page(world: World) -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/admin/")
    secret = enable(world.client_for(world.admin))
    client = Client()
    assert password_step(client, "boss", "/admin/") == CODE_PAGE
    assert client.post(CODE_PAGE, {"code": next_code(secret)})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_deactivated_user_cannot_finish_the_second_step(world: World) -> None:
    secret = enable(world.client_for(world.staff_a))
    client = Client()
    password_step(client, "staff_a")
    User.objects.filter(pk=world.staff_a.pk).update(is_active=False)
    assert client.post(CODE_PAGE, {"code": next_code(secret)})["Location"] == "/accounts/login/"
