"""The audit API: an action writes, then says what it wrote, inside its own transaction.

    task.save()
    created(task, actor=actor, source=source)

    before = snapshot(plan)
    plan.status = PlanStatus.PUBLISHED
    plan.save()
    updated(plan, before=before, actor=actor, source=source)

    deleted(zone, actor=actor, source=source)   # just before the delete, while the record still has its id
    zone.delete()

Each writes one :class:`AuditEntry`; its zone is the record's own, as the model declares it
(:func:`devzone.orgs.zones.zone_id_of`), never passed by the caller. When a zone itself is deleted,
``AuditEntry.zone`` empties by its ``SET_NULL`` rule and the entry keeps the id in ``before``.
:func:`save_audited` is the common case built on these: validate, save, audit.
:func:`event` records what happened to no record (a sign-in, a failed one, a lockout).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connection, transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile

from devzone.audit.chain import append
from devzone.audit.models import AuditAction, AuditEntry
from devzone.core.generations import bump_for, bump_shared
from devzone.orgs.zones import zone_id_of

if TYPE_CHECKING:
    from devzone.accounts.models import User

M = TypeVar("M", bound=Model)

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
    """The record's field values as JSON-ready data (foreign keys by id, many-to-many as sorted ids).

    Secrets and timestamps are left out, and so are the fields a model names in ``audit_omit``
    (large stored texts such as a run's method YAML, which the record keeps with its own hash).
    """
    omitted = SKIPPED_FIELDS | frozenset(getattr(type(instance), "audit_omit", ()))
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in omitted:
            continue
        data[field.attname] = _plain(field.value_from_object(instance))
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            if field.name not in omitted:
                data[field.name] = sorted(obj.pk for obj in getattr(instance, field.name).all())
    return data


def _entry(
    instance: Model,
    *,
    action: AuditAction,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor: User | None,
    source: str,
) -> AuditEntry:
    entry = AuditEntry(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None else "system",
        action=action,
        model=instance._meta.label,
        object_pk=str(instance.pk if instance.pk is not None else (before or {}).get("id", "")),
        object_repr=str(instance)[:200],
        zone_id=zone_id_of(instance),
        source=source,
        before=before,
        after=after,
    )
    # Every audited change moves the generation tokens its snapshots are keyed by (the 督办看板's),
    # in the same transaction: the change and its invalidation commit or roll back together.
    bump_for(instance)
    # Written as the chain's next link (hash of the previous entry, then its own hash).
    return append(entry)


def created(
    instance: Model, *, actor: User | None, source: str, extra: Mapping[str, Any] | None = None
) -> AuditEntry:
    """Audit a record just saved for the first time; ``extra`` adds facts to ``after`` (counts of bulk rows)."""
    return _entry(
        instance,
        action=AuditAction.CREATE,
        before=None,
        after=snapshot(instance) | dict(extra or {}),
        actor=actor,
        source=source,
    )


def updated(instance: Model, *, before: dict[str, Any], actor: User | None, source: str) -> AuditEntry:
    """Audit a change just saved; ``before`` is the :func:`snapshot` taken before the change."""
    return _entry(
        instance,
        action=AuditAction.UPDATE,
        before=before,
        after=snapshot(instance),
        actor=actor,
        source=source,
    )


def deleted(instance: Model, *, actor: User | None, source: str) -> AuditEntry:
    """Audit a record about to be deleted; call it just before ``delete()``, in the same transaction."""
    return _entry(
        instance, action=AuditAction.DELETE, before=snapshot(instance), after=None, actor=actor, source=source
    )


def event(
    action: AuditAction,
    *,
    model: str,
    object_pk: str,
    object_repr: str,
    actor: User | None,
    source: str,
    detail: Mapping[str, Any],
) -> AuditEntry:
    """Audit an event that changes no record; ``detail`` (address, reason) is kept as ``after``.

    The entry belongs to no zone and is chained like every other.
    """
    return _unbound(action, model=model, object_pk=object_pk, object_repr=object_repr, zone_id=None,
                    actor=actor, nobody="anonymous", source=source, detail=detail)  # fmt: skip


def _unbound(
    action: AuditAction,
    *,
    model: str,
    object_pk: str,
    object_repr: str,
    zone_id: int | None,
    actor: User | None,
    nobody: str,
    source: str,
    detail: Mapping[str, Any],
) -> AuditEntry:
    """An entry about no one saved record (an event, a bulk write), chained as the next link."""
    entry = AuditEntry(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None else nobody,
        action=action,
        model=model,
        object_pk=object_pk,
        object_repr=object_repr[:200],
        zone_id=zone_id,
        source=source,
        before=None,
        after=dict(detail),
    )
    return append(entry)


def bulk_written(
    model: type[Model],
    *,
    zone_id: int | None,
    label: str,
    actor: User | None,
    source: str,
    detail: Mapping[str, Any],
) -> AuditEntry:
    """Audit many rows of ``model`` written at once (an import) as one entry: what, where, how many.

    ``detail`` (the file, the counts created/revised/unchanged) is kept as ``after``; the rows themselves
    carry who entered them and when, and a revised row is kept beside the one that supersedes it. One
    entry, not one per row: 100,000 chained entries would cost more than the import itself. Rows
    written in bulk may be anyone's, so every cached snapshot is rebuilt after them.
    """
    bump_shared()
    return _unbound(AuditAction.CREATE, model=model._meta.label, object_pk="", object_repr=label,
                    zone_id=zone_id, actor=actor, nobody="system", source=source, detail=detail)  # fmt: skip


# The subject of backup and restore events: the whole installation, not one record (see readable.py).
INSTALLATION = "devzone.Installation"


def installation_event(action_name: str, detail: Mapping[str, Any]) -> None:
    """Audit a backup or restore of the whole installation (``devzone.core.backup`` calls it).

    A database without the audit table (not a migrated devzone database) is backed up unrecorded.
    """
    if AuditEntry._meta.db_table not in connection.introspection.table_names():
        return
    action = AuditAction(action_name)
    event(
        action,
        model=INSTALLATION,
        object_pk="",
        object_repr=f"{action.label}：{detail.get('archive', '')}",
        actor=None,
        source="cli",
        detail=detail,
    )


def save_audited(
    instance: M,
    *,
    actor: User | None,
    source: str,
    m2m: dict[str, list[Any]] | None = None,
) -> M:
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
        if before is None:
            created(instance, actor=actor, source=source)
        else:
            updated(instance, before=before, actor=actor, source=source)
    return instance
