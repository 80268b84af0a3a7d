"""Password policy beyond Django's validators (等保2.0): character classes, history, expiry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from devzone.accounts.models import PasswordHistory


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters the password uses.

    >>> character_classes("abc"), character_classes("abcD1"), character_classes("aB3$")
    (1, 3, 4)
    """
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少 %(n)d 类。") % {"n": self.min_classes},
                code="password_classes",
            )

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少 %(n)d 类。") % {"n": self.min_classes}


class PasswordHistoryValidator:
    """Refuse the current password and the last ``DEVZONE_PASSWORD_HISTORY`` ones (等保2.0 口令复用)."""

    def validate(self, password: str, user: Any = None) -> None:
        count = settings.DEVZONE_PASSWORD_HISTORY
        if not count or user is None or user.pk is None:
            return
        hashes = list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[:count])
        if user.password and user.password not in hashes:
            hashes = [user.password, *hashes[: count - 1]]
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(
                _("新密码不得与最近 %(n)d 次使用过的密码相同。") % {"n": count}, code="password_reused"
            )

    def get_help_text(self) -> str:
        count = settings.DEVZONE_PASSWORD_HISTORY
        return _("新密码不得与最近 %(n)d 次使用过的密码相同。") % {"n": count} if count else ""


def remember_password(user: Any) -> None:
    """Keep the hash ``user`` now has, and only the last ``DEVZONE_PASSWORD_HISTORY`` of them."""
    count = settings.DEVZONE_PASSWORD_HISTORY
    if not count or not user.has_usable_password():
        return
    PasswordHistory.objects.create(user=user, password=user.password)
    stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[count:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()


def password_expired(user: Any, now: dt.datetime) -> bool:
    """Whether ``user``'s password is older than ``DEVZONE_PASSWORD_MAX_AGE_DAYS`` (0: passwords never expire)."""
    days = settings.DEVZONE_PASSWORD_MAX_AGE_DAYS
    if not days:
        return False
    changed = user.password_changed_at or user.date_joined
    return bool(now - changed > dt.timedelta(days=days))
