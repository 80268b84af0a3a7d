"""Account actions: create and change users, atomically and audited."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from devzone.accounts.models import Role, User
from devzone.audit.actions import save_audited
from devzone.orgs.models import Unit, Zone


def parse_role(value: str) -> Role:
    """Role from its code or its Chinese label; anything else is an error listing the choices."""
    for role in Role:
        if value in {role.value, str(role.label)}:
            return role
    choices = ", ".join(f"{r.value} ({r.label})" for r in Role)
    raise ValidationError(_("未知角色“%(value)s”，可选：%(choices)s") % {"value": value, "choices": choices})


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
) -> User:
    """Create a user; refuses unknown roles, weak passwords and zone staff without a zone."""
    parsed = parse_role(role)
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("用户名“%(name)s”已存在") % {"name": username})
    if parsed == Role.ZONE_STAFF and not zones:
        raise ValidationError(_("开发区工作人员须至少指定一个开发区"))
    user = User(
        username=username,
        role=parsed,
        unit=unit,
        first_name=display_name[:150],
        is_staff=parsed == Role.ADMIN,
        is_superuser=parsed == Role.ADMIN,
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
