"""Password history, expiry and forced change of initial passwords (等保2.0 身份鉴别)."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from tests.personas import PASSWORD, World, make_zone

from devzone.accounts.actions import change_password, create_user
from devzone.accounts.demo import create_demo_users
from devzone.accounts.models import PasswordHistory, Role, User
from devzone.audit.models import AuditEntry

PASSWORDS = ["Harbour-Lights-2026", "Second-Harbour-27", "Third-Harbour-37", "Fourth-Harbour-47"]


def signed_in(username: str, password: str) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": password}).status_code == 302
    return client


def change_on_page(client: Client, old: str, new: str, next_url: str = "") -> tuple[int, str]:
    url = "/accounts/password/" + (f"?next={next_url}" if next_url else "")
    response = client.post(url, {"old_password": old, "new_password1": new, "new_password2": new})
    return response.status_code, response.content.decode() if response.status_code == 200 else response[
        "Location"
    ]


def test_the_current_and_recent_passwords_may_not_be_chosen_again(world: World, settings: object) -> None:
    settings.DEVZONE_PASSWORD_HISTORY = 3
    client = signed_in("staff_a", PASSWORD)
    status, page = change_on_page(client, PASSWORD, PASSWORD)
    assert status == 200
    assert "新密码不得与最近 3 次使用过的密码相同" in page
    current = PASSWORD
    for new in PASSWORDS[:2]:
        assert change_on_page(client, current, new)[0] == 302
        current = new
    # History now: PASSWORD, PASSWORDS[0], PASSWORDS[1]; all three refused, the user's hash unchanged.
    before = User.objects.get(username="staff_a").password
    for old in (PASSWORD, PASSWORDS[0], PASSWORDS[1]):
        status, page = change_on_page(client, current, old)
        assert (status, "新密码不得与最近 3 次使用过的密码相同" in page) == (200, True)
    assert User.objects.get(username="staff_a").password == before
    # A fourth change pushes PASSWORD out of the last three: it may be used again.
    assert change_on_page(client, current, PASSWORDS[2])[0] == 302
    assert PasswordHistory.objects.filter(user=world.staff_a).count() == 3
    assert change_on_page(client, PASSWORDS[2], PASSWORD)[0] == 302


def test_history_applies_to_every_path_that_sets_a_password(world: World) -> None:
    admin = world.client_for(world.admin)
    page = admin.post(
        f"/admin/accounts/user/{world.staff_a.pk}/password/", {"password1": PASSWORD, "password2": PASSWORD}
    ).content.decode()
    assert "新密码不得与最近 5 次使用过的密码相同" in page
    result = StringIO()
    try:
        call_command(
            "devzone_createuser", "staff_a", "--reset-password", "--password", PASSWORD, stdout=result
        )
    except Exception as exc:  # CommandError names the reason
        assert "新密码不得与最近 5 次使用过的密码相同" in str(exc)
    else:
        raise AssertionError("the command accepted a reused password")
    assert Client().post("/accounts/login/", {"username": "staff_a", "password": PASSWORD}).status_code == 302


def test_history_off_allows_reuse(world: World, settings: object) -> None:
    settings.DEVZONE_PASSWORD_HISTORY = 0
    kept = PasswordHistory.objects.count()
    client = signed_in("staff_a", PASSWORD)
    assert change_on_page(client, PASSWORD, PASSWORD)[0] == 302
    assert PasswordHistory.objects.count() == kept


def test_an_expired_password_sends_every_page_to_the_change_page(world: World, settings: object) -> None:
    settings.DEVZONE_PASSWORD_MAX_AGE_DAYS = 90
    User.objects.filter(pk=world.staff_a.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=91)
    )
    client = signed_in("staff_a", PASSWORD)
    for url in ("/", "/plans/", "/accounts/tokens/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/accounts/password/?next={url}")
    page = client.get("/accounts/password/?next=/plans/").content.decode()
    assert "密码已超过规定使用期限" in page
    assert client.get("/api/me").json() == {"detail": "请先修改密码。"}
    assert change_on_page(client, PASSWORD, PASSWORDS[0], "/plans/") == (302, "/plans/")
    assert client.get("/").status_code == 200


def test_a_password_within_its_age_is_not_held(world: World, settings: object) -> None:
    settings.DEVZONE_PASSWORD_MAX_AGE_DAYS = 90
    User.objects.filter(pk=world.staff_a.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=89)
    )
    assert signed_in("staff_a", PASSWORD).get("/").status_code == 200


def test_expiry_off_never_holds_an_old_password(world: World) -> None:
    User.objects.filter(pk=world.staff_a.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=3650)
    )
    assert signed_in("staff_a", PASSWORD).get("/").status_code == 200


def test_a_password_change_stamps_the_time(world: World) -> None:
    User.objects.filter(pk=world.staff_a.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=91)
    )
    change_password(
        actor=None, user=User.objects.get(pk=world.staff_a.pk), password=PASSWORDS[0], must_change=False
    )
    changed = User.objects.get(pk=world.staff_a.pk).password_changed_at
    assert changed is not None
    assert timezone.now() - changed < dt.timedelta(minutes=1)


def generated_password(out: str) -> str:
    match = re.search(r"password: (\S+)", out)
    assert match is not None
    return match.group(1)


def test_a_user_created_by_command_must_change_the_generated_password_first(world: World) -> None:
    out = StringIO()
    call_command("devzone_createuser", "newcomer", "--role", "viewer", stdout=out)
    password = generated_password(out.getvalue())
    client = signed_in("newcomer", password)
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/?next=/")
    assert "初始密码由他人设定，首次登录须修改密码" in client.get("/accounts/password/").content.decode()
    assert client.get("/admin/").status_code == 302
    assert change_on_page(client, password, PASSWORDS[0]) == (302, "/accounts/password/done/")
    assert not User.objects.get(username="newcomer").must_change_password
    assert client.get("/").status_code == 200
    entry = AuditEntry.objects.filter(model="accounts.User", actor_name="newcomer", action="update").latest(
        "id"
    )
    assert entry.changes["must_change_password"] == (True, False)


def test_a_password_reset_by_command_must_be_changed_too(world: World) -> None:
    out = StringIO()
    call_command("devzone_createuser", "staff_a", "--reset-password", stdout=out)
    client = signed_in("staff_a", generated_password(out.getvalue()))
    assert client.get("/")["Location"] == "/accounts/password/?next=/"


def test_a_user_added_by_the_system_administrator_must_change_the_initial_password(world: World) -> None:
    admin = world.client_for(world.admin)
    response = admin.post("/accounts/users/new/", {"username": "added"}, follow=True)
    assert response.status_code == 200
    shown = " ".join(str(m) for m in response.context["messages"])
    password = shown.split("初始密码：")[1].split("（")[0]
    assert User.objects.get(username="added").must_change_password
    assert signed_in("added", password).get("/")["Location"] == "/accounts/password/?next=/"


def test_demo_users_sign_in_straight_away(world: World) -> None:
    for name in ("连云港经济技术开发区", "徐圩新区", "遵义国家经济技术开发区"):
        make_zone(name)
    [(username, _role, password), *_rest] = create_demo_users()
    assert not User.objects.get(username=username).must_change_password
    assert signed_in(username, password).get("/").status_code == 200


def test_created_users_are_not_forced_unless_asked(db: None) -> None:
    user = create_user(
        actor=None, username="scripted", password=PASSWORDS[0], role=Role.VIEWER, source="test"
    )
    assert not user.must_change_password
    assert user.password_changed_at is not None
