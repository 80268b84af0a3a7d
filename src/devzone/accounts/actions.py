"""Account actions: create and change users, atomically and audited."""

from __future__ import annotations

from collections.abc import Sequence

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from devzone.accounts.models import ApiToken, Role, User
from devzone.audit.actions import save_audited
from devzone.orgs.models import Unit, Zone


def parse_role(value: str) -> Role:
    """Role from its code or its Chinese label; anything else is an error listing the choices."""
    for role in Role:
        if value in {role.value, str(role.label)}:
            return role
    choices = ", ".join(f"{r.value} ({r.label})" for r in Role)
    raise ValidationError(_("未知角色“%(value)s”，可选：%(choices)s") % {"value": value, "choices": choices})


def check_grant(role: Role, *, zones: Sequence[Zone], province: str, city: str) -> None:
    """Refuse a role whose scope is missing or that must not have one."""
    if role == Role.ZONE_STAFF and not zones:
        raise ValidationError(_("开发区工作人员须至少指定一个开发区"))
    if role == Role.COORDINATOR and not province:
        raise ValidationError(_("主管部门协调员须指定管辖省份（及城市）"))
    if city and not province:
        raise ValidationError(_("指定管辖城市时须同时指定省份"))
    if role in {Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.PENDING} and (zones or province):
        raise ValidationError(_("%(role)s不管辖开发区或地区") % {"role": role.label})


def resolve_zones(names: Sequence[str]) -> list[Zone]:
    zones: list[Zone] = []
    missing: list[str] = []
    for name in names:
        zone = Zone.objects.filter(name=name).first() or Zone.objects.filter(short_name=name).first()
        if zone is None:
            missing.append(name)
        else:
            zones.append(zone)
    if missing:
        raise ValidationError(_("找不到开发区：%(names)s") % {"names": "、".join(missing)})
    return zones


def create_user(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    zones: Sequence[Zone] = (),
    unit: Unit | None = None,
    display_name: str = "",
    source: str = "web",
    province: str = "",
    city: str = "",
) -> User:
    """Create a user; refuses unknown roles, weak passwords, zone staff without a zone, a coordinator
    without a jurisdiction.

    Nobody is made a superuser: devzone's rights follow the role (``devzone.accounts.access``), and
    only the system administrator uses Django's admin site (``is_staff``).
    """
    parsed = parse_role(role)
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("用户名“%(name)s”已存在") % {"name": username})
    check_grant(parsed, zones=zones, province=province, city=city)
    user = User(
        username=username,
        role=parsed,
        unit=unit,
        first_name=display_name[:150],
        province=province,
        city=city if province else "",
        is_staff=parsed == Role.ADMIN,
        is_superuser=False,
    )
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        save_audited(user, actor=actor, source=source, m2m={"zones": [z.pk for z in zones]})
    return user


def change_password(*, actor: User | None, user: User, password: str, source: str = "web") -> None:
    validate_password(password, user)
    user.set_password(password)
    save_audited(user, actor=actor, source=source)


def grant_role(
    *,
    actor: User,
    user: User,
    role: str,
    zones: Sequence[Zone] = (),
    province: str = "",
    city: str = "",
    source: str = "web",
) -> User:
    """Give ``user`` a role and its scope (the security administrator's act; the view checks who).

    A role change revokes the user's API tokens: a script must not keep rights the person lost.
    """
    parsed = parse_role(role)
    check_grant(parsed, zones=zones, province=province, city=city)
    with transaction.atomic():
        user.role = parsed
        user.province = province
        user.city = city if province else ""
        user.is_staff = parsed == Role.ADMIN
        user.is_superuser = False
        save_audited(user, actor=actor, source=source, m2m={"zones": [z.pk for z in zones]})
        revoke_tokens(user, actor=actor, source=source)
    return user


def set_locked(*, actor: User, user: User, locked: bool, source: str = "web") -> User:
    """Lock (disable sign-in) or unlock an account; unlocking also clears its failed sign-ins."""
    with transaction.atomic():
        user.is_active = not locked
        save_audited(user, actor=actor, source=source)
        if locked:
            revoke_tokens(user, actor=actor, source=source)
    if not locked:
        axes_reset(username=user.get_username())
    return user


def update_profile(
    *, actor: User, user: User, display_name: str, unit: Unit | None, email: str, source: str = "web"
) -> User:
    """The system administrator's edit of an account: its name, unit and e-mail, nothing it may do."""
    user.first_name = display_name[:150]
    user.unit = unit
    user.email = email
    with transaction.atomic():
        save_audited(user, actor=actor, source=source)
    return user


def revoke_tokens(user: User, *, actor: User | None, source: str) -> int:
    """Revoke every live API token of ``user``; returns how many."""
    live = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
    for token in live:
        token.revoked_at = timezone.now()
        save_audited(token, actor=actor, source=source)
    return len(live)
