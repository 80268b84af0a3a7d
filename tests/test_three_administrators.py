"""三员分立 through the real pages: the system, security and audit administrators each do their part only."""

from __future__ import annotations

import pytest
from django.test import Client

from devzone.accounts.models import ApiToken, Role, User
from devzone.accounts.tokens import issue_token
from devzone.audit.models import AuditEntry
from tests.personas import World, make_user


@pytest.fixture
def security(world: World) -> User:
    return make_user("sec", Role.SECURITY_ADMIN)


@pytest.fixture
def auditor(world: World) -> User:
    return make_user("aud", Role.AUDIT_ADMIN)


def rights(user: User) -> tuple[str, str, str, bool, bool, list[int]]:
    user.refresh_from_db()
    zones = sorted(user.zones.values_list("pk", flat=True))
    return (user.role, user.province, user.city, user.is_active, user.is_superuser, zones)


# The system administrator: accounts, never roles or the audit log.


def test_the_system_administrator_creates_a_pending_account(world: World) -> None:
    client = world.client_for(world.admin)
    response = client.post("/accounts/users/new/", {"username": "newbie", "display_name": "新人"})
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert (user.role, user.is_superuser, user.is_staff) == (Role.PENDING, False, False)
    assert AuditEntry.objects.filter(
        model="accounts.User", object_pk=str(user.pk), actor=world.admin
    ).exists()
    assert user.must_change_password  # the administrator saw the generated password
    # a pending account, its password changed, sees no business record
    user.must_change_password = False
    user.save()
    assert world.client_for(user).get(f"/orgs/zones/{world.zone_a.pk}/").status_code == 404


def test_the_system_administrator_grants_no_role_not_even_to_himself(world: World) -> None:
    client = world.client_for(world.admin)
    before = rights(world.staff_a), rights(world.admin)
    for target in (world.staff_a, world.admin):
        response = client.post(f"/accounts/users/{target.pk}/grant/", {"role": Role.AUDIT_ADMIN})
        assert response.status_code == 403
    assert (rights(world.staff_a), rights(world.admin)) == before


def test_the_system_administrator_cannot_read_the_audit_log(world: World) -> None:
    client = world.client_for(world.admin)
    entry = AuditEntry.objects.first()
    assert entry is not None
    assert client.get("/audit/").status_code == 403
    assert client.get(f"/audit/{entry.pk}/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403
    assert client.get("/admin/audit/auditentry/").status_code == 403
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 403


def test_the_system_administrator_edits_business_accounts_but_not_the_other_administrators(
    world: World, security: User, auditor: User
) -> None:
    client = world.client_for(world.admin)
    response = client.post(f"/accounts/users/{world.staff_a.pk}/profile/", {"display_name": "王五"})
    assert response.status_code == 302
    world.staff_a.refresh_from_db()
    assert world.staff_a.first_name == "王五"
    for other in (security, auditor):
        password = other.password
        assert client.post(f"/accounts/users/{other.pk}/password/").status_code == 403
        assert (
            client.post(f"/accounts/users/{other.pk}/profile/", {"display_name": "冒名"}).status_code == 403
        )
        other.refresh_from_db()
        assert (other.password, other.first_name) == (password, "")


def test_the_admin_site_shows_rights_read_only(world: World) -> None:
    client = world.client_for(world.admin)
    url = f"/admin/accounts/user/{world.staff_a.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="role"' not in page and 'name="is_superuser"' not in page
    client.post(url, {"username": "staff_a", "role": Role.ADMIN, "is_superuser": "on", "first_name": "x"})
    assert rights(world.staff_a)[0] == Role.ZONE_STAFF
    assert rights(world.staff_a)[4] is False
    assert client.get("/admin/accounts/user/add/").status_code == 403


# The security administrator: roles, scopes and locks, on others only; no business data, no audit log.


def test_the_security_administrator_grants_a_role_and_scope(world: World, security: User) -> None:
    target = make_user("p1", Role.PENDING)
    issue_token(user=target, name="脚本")
    client = world.client_for(security)
    response = client.post(
        f"/accounts/users/{target.pk}/grant/",
        {"role": Role.COORDINATOR, "province": "贵州省", "city": "遵义市"},
    )
    assert response.status_code == 302
    assert rights(target) == (Role.COORDINATOR, "贵州省", "遵义市", True, False, [])
    # a role change revokes the tokens, so a script keeps no rights the person lost
    assert not ApiToken.objects.filter(user=target, revoked_at__isnull=True).exists()
    entry = AuditEntry.objects.filter(model="accounts.User", object_pk=str(target.pk)).latest("pk")
    assert entry.actor == security


def test_a_grant_without_its_scope_is_refused_in_chinese(world: World, security: User) -> None:
    target = make_user("p2", Role.PENDING)
    response = world.client_for(security).post(
        f"/accounts/users/{target.pk}/grant/", {"role": Role.ZONE_STAFF}
    )
    assert response.status_code == 400
    assert "开发区工作人员须至少指定一个开发区" in response.content.decode()
    assert rights(target)[0] == Role.PENDING


def test_the_security_administrator_cannot_change_his_own_role_or_lock(world: World, security: User) -> None:
    client = world.client_for(security)
    before = rights(security)
    assert client.post(f"/accounts/users/{security.pk}/grant/", {"role": Role.AUDIT_ADMIN}).status_code == 403
    assert client.post(f"/accounts/users/{security.pk}/lock/", {"locked": "0"}).status_code == 403
    assert rights(security) == before


def test_the_security_administrator_locks_and_unlocks(world: World, security: User) -> None:
    client = world.client_for(security)
    issue_token(user=world.staff_a, name="脚本")
    assert client.post(f"/accounts/users/{world.staff_a.pk}/lock/", {"locked": "1"}).status_code == 302
    assert rights(world.staff_a)[3] is False
    assert not ApiToken.objects.filter(user=world.staff_a, revoked_at__isnull=True).exists()
    login = Client().post("/accounts/login/", {"username": "staff_a", "password": "Correct-Horse-42"})
    assert login.status_code == 200  # the form again: a locked account does not sign in
    assert client.post(f"/accounts/users/{world.staff_a.pk}/lock/", {"locked": "0"}).status_code == 302
    assert rights(world.staff_a)[3] is True


def test_the_security_administrator_manages_no_account_and_reads_no_data(
    world: World, security: User
) -> None:
    client = world.client_for(security)
    assert client.post("/accounts/users/new/", {"username": "x1"}).status_code == 403
    assert client.post(f"/accounts/users/{world.staff_a.pk}/password/").status_code == 403
    assert client.get("/audit/").status_code == 403
    assert client.get(f"/orgs/zones/{world.zone_a.pk}/").status_code == 404
    assert not User.objects.filter(username="x1").exists()


# The audit administrator: reads and exports the log, changes nothing.


def test_the_audit_administrator_reads_and_exports_the_log(world: World, auditor: User) -> None:
    client = world.client_for(auditor)
    entry = AuditEntry.objects.filter(model="orgs.Zone").first()
    assert entry is not None
    assert client.get("/audit/").status_code == 200
    assert client.get(f"/audit/{entry.pk}/").status_code == 200
    response = client.get("/audit/export.csv?model=orgs.Zone")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("编号,时间,操作人账号")
    assert len(lines) == 1 + AuditEntry.objects.filter(model="orgs.Zone").count()
    assert world.zone_a.name in text and entry.hash in text


def test_the_audit_administrator_changes_nothing(world: World, auditor: User) -> None:
    client = world.client_for(auditor)
    before = rights(world.staff_a), rights(auditor)
    assert client.post("/accounts/users/new/", {"username": "x2"}).status_code == 403
    assert client.post(f"/accounts/users/{world.staff_a.pk}/grant/", {"role": Role.ADMIN}).status_code == 403
    assert client.post(f"/accounts/users/{auditor.pk}/grant/", {"role": Role.ADMIN}).status_code == 403
    assert client.post(f"/accounts/users/{world.staff_a.pk}/lock/", {"locked": "1"}).status_code == 403
    assert (
        client.post(f"/accounts/users/{world.staff_a.pk}/profile/", {"display_name": "x"}).status_code == 403
    )
    assert client.get("/accounts/users/").status_code == 403
    assert client.get(f"/orgs/zones/{world.zone_a.pk}/").status_code == 404
    assert client.get("/admin/").status_code == 302  # no admin-site access at all
    assert (rights(world.staff_a), rights(auditor)) == before
    assert not User.objects.filter(username="x2").exists()


def test_a_superuser_without_the_role_reads_no_audit_log(world: World) -> None:
    boot = User.objects.create_superuser("root", password="Correct-Horse-42")
    client = world.client_for(boot)
    assert client.get("/audit/").status_code == 403
    assert client.get("/admin/audit/auditentry/").status_code == 403
    assert client.post("/accounts/users/new/", {"username": "x3"}).status_code == 403


def test_the_menu_shows_each_administrator_their_own_pages(
    world: World, security: User, auditor: User
) -> None:
    pages = {
        u.username: world.client_for(u).get("/").content.decode() for u in (world.admin, security, auditor)
    }
    assert "/accounts/users/" in pages["boss"] and "/audit/" not in pages["boss"]
    assert "/accounts/users/" in pages["sec"] and "/audit/" not in pages["sec"]
    assert "/audit/" in pages["aud"] and "/accounts/users/" not in pages["aud"]
