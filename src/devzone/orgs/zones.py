"""Which zone a record belongs to, as its model declares it: one rule for access, audit and the zone walk.

A model names its zone in one of three ways:

- it has a ``zone`` foreign key (an empty zone means a shared, city-wide record);
- it declares ``zone_path``, the lookup from the model to its zone, when the zone is a parent's
  (``Task.zone_path = "plan__zone"``, ``Evidence.zone_path = "report__assignment__unit__zone"``);
- it is the Zone itself (``"pk"``).

A model with none of these belongs to no zone (users, owner groups, frameworks).
"""

from __future__ import annotations

from django.db.models import Model

from devzone.orgs.models import Zone


def zone_path(model: type[Model]) -> str | None:
    """The lookup from ``model`` to its zone (``"pk"`` for the Zone itself), or ``None`` for unzoned models."""
    if issubclass(model, Zone):
        return "pk"
    declared = getattr(model, "zone_path", None)
    if declared:
        return str(declared)
    if any(f.name == "zone" and f.is_relation for f in model._meta.get_fields()):
        return "zone"
    return None


def zone_id_of(instance: Model) -> int | None:
    """The id of the zone ``instance`` belongs to, following its model's :func:`zone_path` (``None``: shared)."""
    path = zone_path(type(instance))
    if path is None:
        return None
    if path == "pk":
        return int(instance.pk) if instance.pk is not None else None
    *hops, last = path.split("__")
    owner: Model | None = instance
    for hop in hops:
        owner = getattr(owner, hop)
        if owner is None:
            return None
    value = getattr(owner, f"{last}_id")
    return int(value) if value is not None else None
