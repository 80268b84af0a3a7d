"""Write audit entries. Actions call ``record`` explicitly inside their transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile

from devzone.audit.models import AuditAction, AuditEntry

if TYPE_CHECKING:
    from devzone.accounts.models import User

SKIPPED_FIELDS = frozenset({"password", "key_hash", "created_at", "updated_at", "last_login"})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def snapshot(instance: Model) -> dict[str, Any]:
    """The record's field values as JSON-ready data (foreign keys by id, many-to-many as sorted ids)."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        data[field.attname] = _plain(field.value_from_object(instance))
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(obj.pk for obj in getattr(instance, field.name).all())
    return data


def record(
    *,
    actor: User | None,
    action: AuditAction,
    instance: Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    source: str,
    zone_id: int | None = None,
) -> AuditEntry:
    """Store one audit entry; ``zone_id`` defaults to the record's own zone."""
    if zone_id is None:
        zone_id = instance.pk if instance._meta.label == "orgs.Zone" else getattr(instance, "zone_id", None)
    if action == AuditAction.DELETE and zone_id is not None and instance._meta.label == "orgs.Zone":
        zone_id = None  # the zone row is gone; the entry keeps its id in ``before``
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None else "system",
        action=action,
        model=instance._meta.label,
        object_pk=str(instance.pk if instance.pk is not None else (before or {}).get("id", "")),
        object_repr=str(instance)[:200],
        zone_id=zone_id,
        source=source,
        before=before,
        after=after,
    )


def save_audited(
    instance: Model,
    *,
    actor: User | None,
    source: str,
    m2m: dict[str, list[Any]] | None = None,
) -> Model:
    """Validate, save and audit ``instance`` (with optional many-to-many values) atomically.

    Raises django.core.exceptions.ValidationError before anything is written.
    """
    from_db = type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    before = snapshot(from_db) if from_db is not None else None
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
        record(
            actor=actor,
            action=AuditAction.UPDATE if before is not None else AuditAction.CREATE,
            instance=instance,
            before=before,
            after=snapshot(instance),
            source=source,
        )
    return instance


def delete_audited(instance: Model, *, actor: User | None, source: str) -> None:
    """Delete ``instance`` and audit it in one transaction."""
    before = snapshot(instance)
    zone_id = None if instance._meta.label == "orgs.Zone" else getattr(instance, "zone_id", None)
    with transaction.atomic():
        instance.delete()
        record(
            actor=actor,
            action=AuditAction.DELETE,
            instance=instance,
            before=before,
            after=None,
            source=source,
            zone_id=zone_id,
        )
