"""Generation tokens: what a cached snapshot is keyed by, so that every audited write invalidates it.

The audit API (``devzone.audit.actions``) calls :func:`bump_for` for every record it audits, in the
write's own transaction: a rolled-back write leaves the tokens as they were, and a committed one
changes them with the data. A reader takes the tokens *before* it reads the data it snapshots, so a
snapshot is never filed under a token newer than its data.

Which tokens a record's change moves:

- ``"all"``, always;
- its owner's token when its model declares ``generation_path``, the lookup to the record whose
  snapshot it is part of (``ProgressReport.generation_path = "assignment__task__plan"``; ``"pk"`` for
  that record itself) — a report in one plan leaves every other plan's snapshot standing;
- ``"shared"`` otherwise (a unit, a zone, a user, a bulk import): every snapshot that depends on
  anything outside its own record reads this token too.

Events that change no record (a sign-in) move nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import connection
from django.db.models import Model

from devzone.core.models import Generation

ALL = "all"
SHARED = "shared"


def record_key(model: type[Model], pk: object) -> str:
    """The token key of one record (``"plans.Plan:12"``)."""
    return f"{model._meta.label}:{pk}"


def keys_for(instance: Model) -> list[str]:
    """The keys a change of ``instance`` moves besides ``"all"``."""
    path = getattr(type(instance), "generation_path", None)
    if not path:
        return [SHARED]
    if path == "pk":
        return [record_key(type(instance), instance.pk)]
    *hops, last = str(path).split("__")
    holder: Model | None = instance
    for hop in hops:
        holder = getattr(holder, hop, None)
        if holder is None:
            return [SHARED]
    field = holder._meta.get_field(last)
    owner_pk = getattr(holder, f"{last}_id", None)
    related = field.related_model
    if owner_pk is None or not isinstance(related, type):
        return [SHARED]
    return [record_key(related, owner_pk)]


def bump(keys: Iterable[str]) -> None:
    """Give each key a new token (in the caller's transaction).

    One UPDATE per key, in the order given (``"all"`` first, so concurrent writers lock the rows in
    one order; a single UPDATE of every key would lock them in whatever order its plan visits them).
    Plain SQL: every audited write runs this, and building the ORM's UPDATE cost more than running it.
    """
    quote = connection.ops.quote_name
    table = quote(Generation._meta.db_table)
    token_col, key_col = (quote(Generation._meta.get_field(n).column) for n in ("token", "key"))
    sql = f"UPDATE {table} SET {token_col} = %s WHERE {key_col} = %s"  # noqa: S608 - names from the model
    with connection.cursor() as cursor:
        for key in dict.fromkeys(keys):
            token = secrets.token_hex(8)
            cursor.execute(sql, [token, key])
            if not cursor.rowcount:
                # a concurrent first writer may win the insert: its token is just as new
                Generation.objects.bulk_create([Generation(key=key, token=token)], ignore_conflicts=True)


def bump_for(instance: Model) -> None:
    bump([ALL, *keys_for(instance)])


def bump_shared() -> None:
    """A change no one record accounts for (a bulk write): every snapshot is rebuilt."""
    bump([ALL, SHARED])


def tokens(keys: Iterable[str]) -> dict[str, str]:
    """The current token of each key, in one query; a key never written is given one now.

    Giving it one (rather than reading it as empty) keeps snapshots of different databases apart:
    two fresh databases, or a database and its restored predecessor, never share an empty token.
    """
    wanted = list(dict.fromkeys(keys))
    found = dict(Generation.objects.filter(key__in=wanted).values_list("key", "token"))
    missing = [Generation(key=k, token=secrets.token_hex(8)) for k in wanted if k not in found]
    if missing:
        Generation.objects.bulk_create(missing, ignore_conflicts=True)
        found = dict(Generation.objects.filter(key__in=wanted).values_list("key", "token"))
    return found
