"""Create and update plan records with their audit entries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Model

from devzone.audit.actions import record, snapshot
from devzone.audit.models import AuditAction

if TYPE_CHECKING:
    from devzone.accounts.models import User


def add_audited(instance: Model, *, actor: User | None, source: str, zone_id: int | None) -> Model:
    instance.save()
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=instance,
        before=None,
        after=snapshot(instance),
        source=source,
        zone_id=zone_id,
    )
    return instance


def update_audited(
    instance: Model, before: dict[str, Any], *, actor: User | None, source: str, zone_id: int | None
) -> None:
    instance.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=instance,
        before=before,
        after=snapshot(instance),
        source=source,
        zone_id=zone_id,
    )
