"""Demo users: the three administrators, a coordinator of each city and province the walk needs, zone
staff of both demo cities, with generated passwords.

连云港市 (江苏省) and 遵义市 (贵州省) lie in different provinces; 福州市 is a second city of 福建省, so
the demo has a coordinator of another city in the same province (泉州 and 福州) and a provincial one.

Unlike users made with ``devzone createuser`` or in the admin, demo users are not made to change
their generated password at first sign-in: the demo walk signs in with the printed passwords, and a
demo database holds no real data. Do not use demo accounts on a production installation.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

from devzone.accounts.actions import create_user
from devzone.accounts.models import Role, User
from devzone.orgs.models import Unit, Zone


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    display_name: str
    zones: tuple[str, ...] = ()
    unit: str = ""
    province: str = ""
    city: str = ""


DEMO_USERS = (
    DemoUser("admin", Role.ADMIN, "系统管理员"),
    DemoUser("secadmin", Role.SECURITY_ADMIN, "安全管理员"),
    DemoUser("auditor", Role.AUDIT_ADMIN, "审计管理员"),
    DemoUser(
        "lyg_coord",
        Role.COORDINATOR,
        "连云港市商务局 协调员",
        unit="连云港市商务局",
        province="江苏省",
        city="连云港市",
    ),
    DemoUser("zy_coord", Role.COORDINATOR, "遵义市 协调员", province="贵州省", city="遵义市"),
    DemoUser("qz_coord", Role.COORDINATOR, "泉州市 协调员", province="福建省", city="泉州市"),
    DemoUser("fj_coord", Role.COORDINATOR, "福建省 协调员（全省）", province="福建省"),
    DemoUser(
        "lyg_kfq",
        Role.ZONE_STAFF,
        "市开发区 工作人员",
        ("连云港经济技术开发区",),
        "连云港经济技术开发区管委会",
    ),
    DemoUser("lyg_xw", Role.ZONE_STAFF, "徐圩新区 工作人员", ("徐圩新区",), "徐圩新区管委会"),
    DemoUser(
        "zy_jkq",
        Role.ZONE_STAFF,
        "遵义经开区 工作人员",
        ("遵义国家经济技术开发区",),
        "遵义国家经济技术开发区管委会",
    ),
    DemoUser("viewer", Role.VIEWER, "连云港市领导（只读）", province="江苏省", city="连云港市"),
)


def generate_password(length: int = 16) -> str:
    """A password that meets the policy: every character class, no look-alikes needed."""
    alphabet = string.ascii_letters + string.digits
    while True:
        body = "".join(secrets.choice(alphabet) for _ in range(length - 2))
        password = body + secrets.choice("!@#%+=") + secrets.choice(string.digits)
        if any(c.islower() for c in body) and any(c.isupper() for c in body):
            return password


def create_demo_users() -> list[tuple[str, str, str]]:
    """Create the demo users that are missing; returns (username, role, password) of the new ones."""
    created: list[tuple[str, str, str]] = []
    for spec in DEMO_USERS:
        if User.objects.filter(username=spec.username).exists():
            continue
        password = generate_password()
        create_user(
            actor=None,
            username=spec.username,
            password=password,
            role=spec.role,
            zones=list(Zone.objects.filter(name__in=spec.zones)),
            unit=Unit.objects.filter(name=spec.unit).first() if spec.unit else None,
            display_name=spec.display_name,
            source="demo",
            province=spec.province,
            city=spec.city,
        )
        created.append((spec.username, str(spec.role.label), password))
    return created
