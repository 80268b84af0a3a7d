"""What every save of a user implies, whichever path saved it (page, admin, command, shell).

- A new password (changed, reset, or set by an administrator) stamps ``password_changed_at``, joins
  the password history and revokes the user's API tokens.
- Deactivation and a change of role revoke the user's API tokens.

This is a model signal rather than a step in each action because the admin's password form, Django's
own password views and ``check_password``'s hash upgrade all save the user without passing through
devzone's actions; a token must not outlive the password it was issued under on any of those paths.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import check_password
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from devzone.accounts.access import forget_zones
from devzone.accounts.models import User
from devzone.accounts.passwords import remember_password
from devzone.accounts.tokens import revoke_user_tokens

WATCHED = frozenset({"password", "is_active", "role"})
PENDING_ATTR = "_devzone_signin_changes"


def _same_password_rehashed(user: User, old_hash: str, update_fields: frozenset[str] | None) -> bool:
    # check_password() upgrades an old hash with save(update_fields=["password"]): same password, new hash.
    raw = getattr(user, "_password", None)
    return update_fields == frozenset({"password"}) and raw is not None and check_password(raw, old_hash)


@receiver(pre_save, sender=User)
def note_changes(
    sender: type[User], instance: User, raw: bool, update_fields: frozenset[str] | None, **kwargs: Any
) -> None:
    setattr(instance, PENDING_ATTR, ())
    if raw or (update_fields is not None and not WATCHED & set(update_fields)):
        return  # fixtures, and the last_login stamp of every sign-in
    old = User.objects.filter(pk=instance.pk).values("password", "is_active", "role").first()
    changes: list[str] = []
    if old is None:
        changes.append("password")
    else:
        if old["password"] != instance.password and not _same_password_rehashed(
            instance, old["password"], update_fields
        ):
            changes.append("password")
        if old["is_active"] and not instance.is_active:
            changes.append("deactivated")
        if old["role"] != instance.role:
            changes.append("role")
    if "password" in changes:
        instance.password_changed_at = timezone.now()
    setattr(instance, PENDING_ATTR, tuple(changes))


@receiver(post_save, sender=User)
def act_on_changes(sender: type[User], instance: User, created: bool, **kwargs: Any) -> None:
    changes = getattr(instance, PENDING_ATTR, ())
    setattr(instance, PENDING_ATTR, ())
    if "password" in changes:
        # Saved here too: a save with update_fields=["password"] leaves the stamp out.
        User.objects.filter(pk=instance.pk).update(password_changed_at=instance.password_changed_at)
        remember_password(instance)
    if not created and changes:
        revoke_user_tokens(instance, actor=None, source="system")


@receiver(m2m_changed, sender=User.zones.through)
def zones_changed(sender: type[Any], instance: object, action: str, **kwargs: Any) -> None:
    """A user object given or taken zones reads them again (``accounts.access`` keeps them on the object)."""
    if isinstance(instance, User) and action.startswith("post_"):
        forget_zones(instance)
