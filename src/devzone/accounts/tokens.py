"""API tokens for scripts: ``Authorization: Bearer dz_<prefix>_<secret>``; only a SHA-256 is stored.

A token may carry an expiry; every live token of a user is revoked when their password changes or is
reset, when they are deactivated and when their role changes (``devzone.accounts.signals``), because
a token is a second password that those events must end too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from devzone.accounts.models import ApiToken
from devzone.audit.actions import created, snapshot, updated

if TYPE_CHECKING:
    from devzone.accounts.models import User

TOKEN_PREFIX = "dz_"  # noqa: S105 -- a public marker, not a secret


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(
    *, user: User, name: str, actor: User | None = None, valid_days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a token for ``user`` and return it with the clear key (shown once).

    ``valid_days``: the token stops working that many days from now; ``None`` keeps it until revoked.
    """
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(days=valid_days) if valid_days else None
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip() or "script",
            prefix=prefix,
            key_hash=_digest(secret),
            expires_at=expires_at,
        )
        created(token, actor=actor or user, source="web")
    return token, f"{TOKEN_PREFIX}{prefix}_{secret}"


def revoke_token(token: ApiToken, *, actor: User | None, source: str = "web") -> None:
    with transaction.atomic():
        before = snapshot(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        updated(token, before=before, actor=actor, source=source)


def revoke_user_tokens(user: User, *, actor: User | None, source: str) -> int:
    """Revoke every live token of ``user`` (each audited); returns how many were live."""
    with transaction.atomic():
        live = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
        for token in live:
            revoke_token(token, actor=actor, source=source)
    return len(live)


def user_for_key(key: str) -> User | None:
    """The active user a presented, unrevoked and unexpired key belongs to, or ``None``."""
    if not key.startswith(TOKEN_PREFIX) or key.count("_") < 2:
        return None
    prefix, _, secret = key[len(TOKEN_PREFIX) :].partition("_")
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now), prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, _digest(secret)):
        return None
    if not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
