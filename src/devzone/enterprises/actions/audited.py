"""Save changed fields of a record with one audit entry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db.models import Model

from devzone.audit.actions import record, snapshot
from devzone.audit.models import AuditAction

if TYPE_CHECKING:
    from devzone.accounts.models import User


def save_fields(instance: Model, fields: Sequence[str], *, actor: User | None, source: str) -> None:
    before = snapshot(type(instance)._default_manager.get(pk=instance.pk))
    instance.save(update_fields=list(fields))
    after = snapshot(instance)
    for big in ("summary", "method_yaml"):
        before.pop(big, None)
        after.pop(big, None)
    record(
        actor=actor, action=AuditAction.UPDATE, instance=instance, before=before, after=after, source=source
    )
