"""Inserting many rows of one model at once: one prepared INSERT run through the driver's executemany.

Why not ``bulk_create``: on SQLite it builds one statement per ~70 rows (999 bound variables) and
prepares every value through its field — for 100,000 enterprise-years 2.3 million ``prepare_value``
calls, 80 % of the whole web import. ``executemany`` runs one prepared statement over the rows in the
driver (a C loop on SQLite, a pipeline on PostgreSQL). What this skips, callers do themselves: no
``save()``, no signals, no ``auto_now`` (pass the timestamps), no ids back (read them by a natural key).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, models

BATCH = 10_000  # rows per executemany call: bounded memory for the parameter tuples
_PREPARED = frozenset({"DateTimeField", "DateField", "TimeField", "DecimalField", "JSONField", "UUIDField"})


def insert(model: type[models.Model], rows: Sequence[Mapping[str, Any]], *, batch: int = BATCH) -> int:
    """Insert ``rows`` (field attname → value, every row the same keys) into ``model``'s table; the count.

    Values of plain fields (text, numbers, booleans, foreign-key ids) go to the driver as they are;
    dates, decimals and JSON are prepared by their field once per distinct value. Call inside the
    caller's transaction.
    """
    if not rows:
        return 0
    names = list(rows[0])
    fields = [
        model._meta.get_field(name.removesuffix("_id") if name.endswith("_id") else name) for name in names
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)  # type: ignore[union-attr]
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 (model names)
    prepared = [
        (i, f, {})
        for i, f in enumerate(fields)
        if f.get_internal_type() in _PREPARED  # type: ignore[union-attr]
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            params = [[row[name] for name in names] for row in rows[start : start + batch]]
            for index, field, cache in prepared:
                for values in params:
                    value = values[index]
                    key = repr(value)
                    if key not in cache:
                        cache[key] = field.get_db_prep_save(value, connection)  # type: ignore[union-attr]
                    values[index] = cache[key]
            cursor.executemany(sql, params)
    return len(rows)
