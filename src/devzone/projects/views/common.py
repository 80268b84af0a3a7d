"""Look-ups every projects view shares; zone checks go through :mod:`devzone.accounts.access` only."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, TypeAlias

from django.http import Http404, HttpRequest
from django.utils import timezone

from devzone.accounts.access import get_visible
from devzone.orgs.models import Zone
from devzone.projects.method import ProjectMethod
from devzone.projects.method_load import resolve, shipped_methods

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from devzone.accounts.models import User

    Reader: TypeAlias = User | AnonymousUser

DEFAULT_METHOD = "lyg-seed"


@functools.cache
def _method(method_id: str) -> ProjectMethod:
    return resolve(method_id)


def method_of(request: HttpRequest) -> ProjectMethod:
    """The shipped method asked for (``?method=``), by default 连云港's seed; an unknown id is a 404."""
    asked = request.GET.get("method") or DEFAULT_METHOD
    if asked not in shipped_methods():
        raise Http404("method")
    return _method(asked)


def methods() -> list[tuple[str, str]]:
    """(id, title) of every shipped method, for the method picker."""
    return [(m, _method(m).title) for m in shipped_methods()]


def zone_of(user: Reader, zone_id: int) -> Zone:
    """A zone the user may read, or 404."""
    return get_visible(user, Zone.objects.all(), zone_field="pk", pk=zone_id)


def year_of(request: HttpRequest) -> int:
    """The year asked for (``?year=``), by default the last whole year; a bad one is a 404."""
    raw = request.GET.get("year")
    if not raw:
        return int(timezone.localdate().year) - 1
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise Http404("year")
    return int(raw)


def as_of(year: int) -> dt.date:
    """The as-of date of a year: its last day, or today while the year runs."""
    today = timezone.localdate()
    return min(dt.date(year, 12, 31), today)
