"""API tokens for scripts: ``Authorization: Bearer dz_<prefix>_<secret>``; only a SHA-256 is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from devzone.accounts.models import ApiToken
from devzone.audit.actions import created, snapshot, updated

if TYPE_CHECKING:
    from devzone.accounts.models import User

TOKEN_PREFIX = "dz_"  # noqa: S105 -- a public marker, not a secret


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(*, user: User, name: str, actor: User | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``user`` and return it with the clear key (shown once)."""
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip() or "script", prefix=prefix, key_hash=_digest(secret)
        )
        created(token, actor=actor or user, source="web")
    return token, f"{TOKEN_PREFIX}{prefix}_{secret}"


def revoke_token(token: ApiToken, *, actor: User) -> None:
    with transaction.atomic():
        before = snapshot(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        updated(token, before=before, actor=actor, source="web")


def user_for_key(key: str) -> User | None:
    """The active user a presented key belongs to, or ``None``."""
    if not key.startswith(TOKEN_PREFIX) or key.count("_") < 2:
        return None
    prefix, _, secret = key[len(TOKEN_PREFIX) :].partition("_")
    token = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.key_hash, _digest(secret)):
        return None
    if not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
