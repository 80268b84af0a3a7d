"""Which zone a record belongs to, as its model declares it: one rule for access, audit and the zone walk.

A model names its zone in one of three ways:

- it has a ``zone`` foreign key (an empty zone means a shared, city-wide record);
- it declares ``zone_path``, the lookup from the model to its zone, when the zone is a parent's
  (``Task.zone_path = "plan__zone"``, ``Evidence.zone_path = "report__assignment__unit__zone"``);
- it is the Zone itself (``"pk"``).

A model with none of these belongs to no zone (users, owner groups, frameworks).

A row without a zone belongs to a city or a province, named by the ``city``/``province`` fields of
the record that holds the zone (:func:`jurisdiction_paths`); ``devzone.accounts.access`` reads both.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model

from devzone.orgs.models import Unit, Zone


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


@dataclass(frozen=True)
class JurisdictionPaths:
    """Where a model's row says which zone, city and province it belongs to (lookups from the model).

    ``city`` and ``province`` are read on rows without a zone: a city-wide plan, a bureau, a city
    total. They sit on the record that holds the zone (``plan__city`` beside ``plan__zone``).
    ``units`` is the lookup to the units a zoneless row involves, declared by models whose city-level
    rows zone staff read only when their own units are named (``Plan.units_path``); a model without it
    holds city-wide data that every zone of the city reads (a city total, a bureau's name).
    """

    zone: str
    city: str | None
    province: str | None
    units: str | None


def _model_at(model: type[Model], hops: list[str]) -> type[Model]:
    for hop in hops:
        related = model._meta.get_field(hop).related_model
        if related is None or isinstance(related, str):
            raise ValueError(f"{model._meta.label}: {hop!r} is not a relation")
        model = related
    return model


def _field_names(model: type[Model]) -> set[str]:
    return {f.name for f in model._meta.get_fields() if not f.is_relation}


def jurisdiction_paths(model: type[Model]) -> JurisdictionPaths | None:
    """The zone, city and province lookups of ``model`` (``None`` for a model that belongs to no zone)."""
    path = zone_path(model)
    if path is None:
        return None
    if path == "pk":
        return JurisdictionPaths(zone="pk", city="city", province="province", units=None)
    *hops, _zone = path.split("__")
    holder = _model_at(model, hops)
    names = _field_names(holder)
    prefix = "".join(f"{hop}__" for hop in hops)
    return JurisdictionPaths(
        zone=path,
        city=f"{prefix}city" if "city" in names else None,
        province=f"{prefix}province" if "province" in names else None,
        units=getattr(model, "units_path", None),
    )


def cities_in_province(province: str) -> set[str]:
    """The cities of ``province`` the directory knows (from its zones and units)."""
    cities = set(Zone.objects.filter(province=province).values_list("city", flat=True))
    cities |= set(Unit.objects.filter(province=province).exclude(city="").values_list("city", flat=True))
    return cities
