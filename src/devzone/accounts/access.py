"""Who may see or change which records, and who administers what — the one place every view asks.

Jurisdiction, province → city → zone (管辖范围):
- the system administrator (``admin``) sees and changes every record;
- a coordinator (市/省主管部门) holds a jurisdiction, a city or a whole province (``User.city`` empty).
  They see and change its zones and the records without a zone that belong to it; a city
  coordinator also reads, never changes, the province-level records of their province;
- zone staff see and change their zones. Of the records without a zone they read those of their
  zones' cities (and province-level ones of their province) that are city-wide data — a city total,
  a city-wide evaluation, the directory's bureaus — or, for records that name units (a city plan, an
  assignment, its reports and 督办单), only those naming one of their zones' units. Another unit's
  assignment is never theirs;
- a viewer reads like zone staff when zones are assigned, like a coordinator when a jurisdiction is,
  and changes nothing; with neither they read nothing;
- the security and audit administrators and a pending account read no business records.
A record without a zone is placed by the ``city``/``province`` of the record holding its zone
(``devzone.orgs.zones.jurisdiction_paths``); one placed nowhere is the system administrator's alone.

三员分立 (等保 2.0 第三级: 系统管理员、安全管理员、审计管理员), one role per account:
- 系统管理员 (``admin``): accounts — creates them (待授权), edits names and units, resets passwords,
  deactivates — and settings;
- 安全管理员 (``security_admin``): grants roles, zones and jurisdictions, locks and unlocks accounts;
- 审计管理员 (``audit_admin``): reads and exports the audit log, and changes nothing.
Nobody changes their own role or grants, and the administrator roles are granted only by the
security administrator, to accounts other than their own. ``is_superuser`` grants nothing here: it
exists only for Django's ``createsuperuser`` bootstrap, and devzone's rights follow ``role`` alone.

An invisible record answers 404, never 403, so that ids of other places' records leak nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from devzone.accounts.models import Role
from devzone.orgs.models import Zone
from devzone.orgs.zones import JurisdictionPaths, cities_in_province, jurisdiction_paths, zone_id_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from devzone.accounts.models import User

M = TypeVar("M", bound=Model)

WRITING_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.ZONE_STAFF})
# The three administrators (三员): each holds one of these roles and no other.
ADMINISTRATOR_ROLES = frozenset({Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Jurisdiction:
    """A province, or one city of it (``city`` empty: the whole province)."""

    province: str
    city: str = ""

    def __str__(self) -> str:
        return f"{self.province}{self.city}" if self.city else self.province


def _role(user: User | AnonymousUser) -> str | None:
    if not user.is_authenticated or not user.is_active:
        return None
    return str(user.role)


def is_admin(user: User | AnonymousUser) -> bool:
    """The system administrator (系统管理员); ``is_superuser`` alone is not one."""
    return _role(user) == Role.ADMIN


def is_security_admin(user: User | AnonymousUser) -> bool:
    return _role(user) == Role.SECURITY_ADMIN


def is_audit_admin(user: User | AnonymousUser) -> bool:
    return _role(user) == Role.AUDIT_ADMIN


def jurisdiction_of(user: User | AnonymousUser) -> Jurisdiction | None:
    """The coordinator's (or a city-wide viewer's) jurisdiction; ``None`` when they have none."""
    if _role(user) not in {Role.COORDINATOR, Role.VIEWER} or not user.province:
        return None
    return Jurisdiction(province=user.province, city=user.city)


# A user's zones, and their cities and provinces, kept on the user object once read: a page asks for them
# in its middleware, its context and each scoped query (the same SELECT up to three times a request before).
# Like Django's own permission cache on the user (``_perm_cache``) it lives as long as the object — a
# request's user is loaded afresh for each request — and a change to the user's zones through that object
# clears it (``accounts.signals.forget_zones``).
ZONES_ATTR = "_access_zone_ids"
PLACES_ATTR = "_access_zone_places"


def _zone_ids(user: User | AnonymousUser) -> set[int]:
    kept: frozenset[int] | None = getattr(user, ZONES_ATTR, None)
    if kept is None:
        kept = frozenset(user.zones.values_list("pk", flat=True))
        setattr(user, ZONES_ATTR, kept)
    return set(kept)


def _zone_places(user: User | AnonymousUser) -> frozenset[tuple[str, str]]:
    """(province, city) of each of the user's zones."""
    kept: frozenset[tuple[str, str]] | None = getattr(user, PLACES_ATTR, None)
    if kept is None:
        kept = frozenset(Zone.objects.filter(pk__in=_zone_ids(user)).values_list("province", "city"))
        setattr(user, PLACES_ATTR, kept)
    return kept


def forget_zones(user: User) -> None:
    """Drop what this user object keeps of its zones (they changed)."""
    for name in (ZONES_ATTR, PLACES_ATTR):
        user.__dict__.pop(name, None)


def _zones_in(jurisdiction: Jurisdiction) -> QuerySet[Zone]:
    zones = Zone.objects.filter(province=jurisdiction.province)
    return zones.filter(city=jurisdiction.city) if jurisdiction.city else zones


def _reads_by_zones(user: User | AnonymousUser) -> bool:
    """Zone staff, and viewers given zones: they read their zones, not a jurisdiction."""
    role = _role(user)
    return role == Role.ZONE_STAFF or (role == Role.VIEWER and jurisdiction_of(user) is None)


def sees_all_zones(user: User | AnonymousUser) -> bool:
    """Whether the user reads a whole city or more (every zone of what they see), not named zones."""
    return is_admin(user) or jurisdiction_of(user) is not None


def can_change_shared(user: User | AnonymousUser) -> bool:
    """Whether the user may change records without a zone (of their jurisdiction: a city plan, a bureau)."""
    return is_admin(user) or (_role(user) == Role.COORDINATOR and jurisdiction_of(user) is not None)


def visible_zone_ids(user: User | AnonymousUser) -> set[int] | None:
    """Ids of the zones the user reads; ``None`` means every zone."""
    if is_admin(user):
        return None
    jurisdiction = jurisdiction_of(user)
    if jurisdiction is not None:
        return set(_zones_in(jurisdiction).values_list("pk", flat=True))
    if _reads_by_zones(user):
        return _zone_ids(user)
    return set()


def scope_key(user: User | AnonymousUser) -> str:
    """A name for what the user reads: two users with the same key read the same rows of every model.

    The key of a cached per-scope snapshot (the 督办看板's): the role (it decides which branch of
    :func:`visible_q` applies and whether drafts show) with the jurisdiction or the zone ids that
    branch reads. It says nothing of the data: the snapshot's generation tokens do.
    """
    role = _role(user)
    if role is None:
        return "none"
    if role == Role.ADMIN:
        return "admin"
    jurisdiction = jurisdiction_of(user)
    if jurisdiction is not None:
        return f"{role}|{jurisdiction.province}|{jurisdiction.city}"
    if _reads_by_zones(user):
        return f"{role}|zones|{','.join(str(pk) for pk in sorted(_zone_ids(user)))}"
    return f"{role}|nothing"


def changeable_zone_ids(user: User | AnonymousUser) -> set[int] | None:
    """Ids of the zones the user changes; ``None`` means every zone."""
    role = _role(user)
    if role == Role.ADMIN:
        return None
    if role == Role.COORDINATOR:
        jurisdiction = jurisdiction_of(user)
        return set() if jurisdiction is None else set(_zones_in(jurisdiction).values_list("pk", flat=True))
    if role == Role.ZONE_STAFF:
        return _zone_ids(user)
    return set()


def _paths_for(model: type[Model], zone_field: str) -> JurisdictionPaths:
    """The model's own paths, or those of the record ``zone_field`` reaches (``task__plan__zone``)."""
    own = jurisdiction_paths(model)
    if own is not None and own.zone == zone_field:
        return own
    if zone_field == "pk":
        return JurisdictionPaths(zone="pk", city="city", province="province", units=None)
    *hops, _zone = zone_field.split("__")
    holder: type[Model] = model
    for hop in hops:
        related = holder._meta.get_field(hop).related_model
        assert isinstance(related, type)  # a lookup path names real relations
        holder = related
    held = jurisdiction_paths(holder)
    prefix = "".join(f"{hop}__" for hop in hops)
    if held is None:
        return JurisdictionPaths(zone=zone_field, city=None, province=None, units=None)
    return JurisdictionPaths(
        zone=zone_field,
        city=prefix + held.city if held.city else None,
        province=prefix + held.province if held.province else None,
        units=prefix + held.units if held.units else None,
    )


def _place_q(paths: JurisdictionPaths, jurisdiction: Jurisdiction, *, reading: bool) -> Q:
    """Rows without a zone placed in ``jurisdiction`` (by city; a province also by its cities)."""
    if paths.city is None and paths.province is None:
        return NOTHING
    if jurisdiction.city:
        placed = Q(**{paths.city: jurisdiction.city}) if paths.city else NOTHING
        if reading and paths.province:
            # a city reads the province-level records of its province
            above = Q(**{paths.province: jurisdiction.province})
            placed |= above & Q(**{paths.city: ""}) if paths.city else above
        return placed
    placed = Q(**{paths.province: jurisdiction.province}) if paths.province else NOTHING
    if paths.city:
        placed |= Q(**{f"{paths.city}__in": sorted(cities_in_province(jurisdiction.province))})
    return placed


def _area_q(paths: JurisdictionPaths, jurisdiction: Jurisdiction, *, reading: bool) -> Q:
    if paths.zone == "pk":
        zone_q = Q(province=jurisdiction.province)
        return zone_q & Q(city=jurisdiction.city) if jurisdiction.city else zone_q
    zone_q = Q(**{f"{paths.zone}__province": jurisdiction.province})
    if jurisdiction.city:
        zone_q &= Q(**{f"{paths.zone}__city": jurisdiction.city})
    zoneless = Q(**{f"{paths.zone}__isnull": True}) & _place_q(paths, jurisdiction, reading=reading)
    return zone_q | zoneless


def _zones_q(model: type[Model], paths: JurisdictionPaths, user: User | AnonymousUser) -> Q:
    ids = _zone_ids(user)
    if paths.zone == "pk":
        return Q(pk__in=ids)
    own = Q(**{f"{paths.zone}__in": ids})
    if paths.city is None:
        return own
    places = _zone_places(user)
    cities = sorted({city for _province, city in places})
    provinces = sorted({province for province, _city in places})
    placed = Q(**{f"{paths.city}__in": cities})
    if paths.province:
        placed |= Q(**{paths.city: "", f"{paths.province}__in": provinces})
    zoneless = Q(**{f"{paths.zone}__isnull": True}) & placed
    if paths.units:
        # records that name units are read only when they name one of the user's zones' units
        naming = model._default_manager.filter(**{f"{paths.units}__zone__in": ids}).values("pk")
        zoneless &= Q(pk__in=naming)
    return own | zoneless


def visible_q(user: User | AnonymousUser, model: type[Model], *, zone_field: str) -> Q | None:
    """The filter of the rows of ``model`` the user reads (``None``: every row)."""
    if is_admin(user):
        return None
    paths = _paths_for(model, zone_field)
    jurisdiction = jurisdiction_of(user)
    if jurisdiction is not None:
        return _area_q(paths, jurisdiction, reading=True)
    if _reads_by_zones(user):
        return _zones_q(model, paths, user)
    return NOTHING


def scope(user: User | AnonymousUser, queryset: QuerySet[M], *, zone_field: str = "zone") -> QuerySet[M]:
    """Narrow ``queryset`` to the rows ``user`` may read.

    ``zone_field`` is the lookup path to the row's zone ("zone", "plan__zone", or "pk" for the Zone
    model itself); rows without a zone are placed by the city and province beside that zone.
    """
    q = visible_q(user, queryset.model, zone_field=zone_field)
    return queryset if q is None else queryset.filter(q)


def changeable_q(user: User | AnonymousUser, model: type[Model], *, zone_field: str) -> Q | None:
    """The filter of the rows of ``model`` the user may change (``None``: every row) — :func:`can_change`
    for a whole table at once (a bulk import checks 20,000 rows by one query, not 20,000)."""
    role = _role(user)
    if role == Role.ADMIN:
        return None
    if role == Role.ZONE_STAFF:
        return Q(**{f"{_paths_for(model, zone_field).zone}__in": _zone_ids(user)})
    jurisdiction = jurisdiction_of(user)
    if role == Role.COORDINATOR and jurisdiction is not None:
        return _area_q(_paths_for(model, zone_field), jurisdiction, reading=False)
    return NOTHING


def _follow(obj: Model, path: str) -> object:
    value: object = obj
    for hop in path.split("__"):
        value = getattr(value, hop, None)
        if value is None:
            return None
    return value


def _place_of(obj: Model) -> tuple[int | None, str, str]:
    """(zone id, city, province) of ``obj``: the zone's city and province, or the record's own."""
    zone_id = zone_id_of(obj)
    if zone_id is not None:
        place = Zone.objects.filter(pk=zone_id).values_list("city", "province").first() or ("", "")
        return zone_id, place[0], place[1]
    paths = jurisdiction_paths(type(obj))
    if paths is None:
        return None, "", ""
    city = _follow(obj, paths.city) if paths.city else None
    province = _follow(obj, paths.province) if paths.province else None
    return None, str(city or ""), str(province or "")


def in_jurisdiction(jurisdiction: Jurisdiction, *, city: str, province: str, reading: bool = False) -> bool:
    """Whether a place (a city, or a province when ``city`` is empty) lies in ``jurisdiction``."""
    if jurisdiction.city:
        if city:
            return city == jurisdiction.city
        return reading and province == jurisdiction.province
    return province == jurisdiction.province or (
        bool(city) and city in cities_in_province(jurisdiction.province)
    )


def can_view(user: User | AnonymousUser, obj: Model) -> bool:
    if not user.is_authenticated:
        return False
    if jurisdiction_paths(type(obj)) is None:
        return True  # unzoned reference data (owner groups, frameworks, indicators)
    if obj.pk is not None:
        return scope(
            user, type(obj)._default_manager.filter(pk=obj.pk), zone_field=zone_path_of(obj)
        ).exists()
    return _can_place(user, obj, reading=True)


def zone_path_of(obj: Model) -> str:
    paths = jurisdiction_paths(type(obj))
    return paths.zone if paths is not None else "zone"


def _can_place(user: User | AnonymousUser, obj: Model, *, reading: bool) -> bool:
    if is_admin(user):
        return True
    zone_id, city, province = _place_of(obj)
    jurisdiction = jurisdiction_of(user)
    if reading and jurisdiction is None and _reads_by_zones(user):
        return zone_id is not None and zone_id in _zone_ids(user)
    if jurisdiction is None:
        return False
    if zone_id is None and not (city or province):
        return False  # placed nowhere: the system administrator's alone
    return in_jurisdiction(jurisdiction, city=city, province=province, reading=reading)


def can_change(user: User | AnonymousUser, obj: Model) -> bool:
    role = _role(user)
    if role == Role.ADMIN:
        return True
    if role == Role.ZONE_STAFF:
        zone_id = zone_id_of(obj)
        return zone_id is not None and zone_id in _zone_ids(user)
    if role == Role.COORDINATOR:
        return _can_place(user, obj, reading=False)
    return False


def can_change_place(user: User | AnonymousUser, *, city: str, province: str) -> bool:
    """Whether the user may create or change a record without a zone placed in this city or province."""
    if is_admin(user):
        return True
    jurisdiction = jurisdiction_of(user)
    if _role(user) != Role.COORDINATOR or jurisdiction is None or not (city or province):
        return False
    return in_jurisdiction(jurisdiction, city=city, province=province)


def get_visible(
    user: User | AnonymousUser, queryset: QuerySet[M], *, zone_field: str = "zone", **lookup: object
) -> M:
    """Fetch one record the user may read, or raise Http404."""
    try:
        return scope(user, queryset, zone_field=zone_field).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404(str(queryset.model._meta.verbose_name)) from exc


def require_change(user: User | AnonymousUser, obj: Model) -> None:
    """Raise PermissionDenied unless the user may change ``obj`` (and 404 if they cannot even see it)."""
    if not can_view(user, obj):
        raise Http404
    if not can_change(user, obj):
        raise PermissionDenied


def require_shared_change(user: User | AnonymousUser) -> None:
    if not can_change_shared(user):
        raise PermissionDenied


def require_place_change(user: User | AnonymousUser, *, city: str, province: str) -> None:
    if not can_change_place(user, city=city, province=province):
        raise PermissionDenied


def require_admin(user: User | AnonymousUser) -> None:
    if not is_admin(user):
        raise PermissionDenied


# 三员分立: who administers what.


def may_manage_accounts(user: User | AnonymousUser) -> bool:
    """Create accounts, edit names and units, reset passwords, deactivate: the system administrator."""
    return is_admin(user)


def may_manage_security(user: User | AnonymousUser) -> bool:
    """Grant roles, zones and jurisdictions, lock and unlock accounts: the security administrator."""
    return is_security_admin(user)


def may_read_audit(user: User | AnonymousUser) -> bool:
    """Read and export the audit log: the audit administrator alone."""
    return is_audit_admin(user)


def sees_accounts(user: User | AnonymousUser) -> bool:
    return may_manage_accounts(user) or may_manage_security(user)


def can_grant(actor: User | AnonymousUser, target: User, role: str) -> bool:
    """Whether ``actor`` may give ``target`` this role: the security administrator, never to themselves."""
    return may_manage_security(actor) and target.pk != actor.pk and role in Role.values


def can_manage_account(actor: User | AnonymousUser, target: User) -> bool:
    """The system administrator manages business accounts and their own, never the other two administrators'."""
    if not may_manage_accounts(actor):
        return False
    return target.pk == actor.pk or target.role not in ADMINISTRATOR_ROLES


def can_lock(actor: User | AnonymousUser, target: User) -> bool:
    return may_manage_security(actor) and target.pk != actor.pk


def require_audit_reader(user: User | AnonymousUser) -> None:
    if not may_read_audit(user):
        raise PermissionDenied


def require_account_manager(user: User | AnonymousUser) -> None:
    if not may_manage_accounts(user):
        raise PermissionDenied


def require_security_manager(user: User | AnonymousUser) -> None:
    if not may_manage_security(user):
        raise PermissionDenied


def city_wide_city(user: User | AnonymousUser) -> str | None:
    """The city a city-wide action of the user covers (a city-wide 亩均 run, say).

    A city coordinator's city; ``""`` for the system administrator (the action finds its one city
    in the data); ``None`` for everyone else, a provincial coordinator included, who must name a zone.
    """
    if is_admin(user):
        return ""
    jurisdiction = jurisdiction_of(user)
    if _role(user) == Role.COORDINATOR and jurisdiction is not None and jurisdiction.city:
        return jurisdiction.city
    return None


def place_for(
    user: User | AnonymousUser, *, zone: Zone | None, city: str = "", province: str = ""
) -> tuple[str, str]:
    """The (city, province) of a record the user creates or moves, or PermissionDenied.

    A zone's record is placed in the zone's city; a record without a zone in the city and province
    given, each defaulting to the user's jurisdiction, which must contain them.
    """
    if zone is not None:
        require_change(user, zone)
        return zone.city, zone.province
    jurisdiction = jurisdiction_of(user)
    if jurisdiction is not None:
        city = city or jurisdiction.city
        province = province or jurisdiction.province
    if city and not province:
        known = Zone.objects.filter(city=city).values_list("province", flat=True).first()
        province = known or ""
    require_place_change(user, city=city, province=province)
    return city, province


def require_place_of(user: User | AnonymousUser, obj: Model) -> None:
    """PermissionDenied unless ``obj``, as it is about to be saved (new, or with a changed city or zone),
    lies in the user's jurisdiction: nobody creates or moves a zone or unit into another's."""
    if isinstance(obj, Zone):
        require_place_change(user, city=obj.city, province=obj.province)
        return
    zone = getattr(obj, "zone", None)
    if isinstance(zone, Zone):
        require_change(user, zone)
        return
    require_place_change(user, city=str(getattr(obj, "city", "")), province=str(getattr(obj, "province", "")))
