"""Look-ups every land view shares; zone checks go through :mod:`devzone.accounts.access` only."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, TypeAlias

from django.http import Http404, HttpRequest
from django.utils import timezone

from devzone.accounts.access import get_visible
from devzone.land.actions.imports import DEFAULT_METHOD
from devzone.land.forms import YearForm
from devzone.land.method import LandMethod
from devzone.land.method_load import resolve
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from devzone.accounts.models import User

    Reader: TypeAlias = User | AnonymousUser


@functools.cache
def method() -> LandMethod:
    """The land method the pages use (the shipped seed method)."""
    return resolve(DEFAULT_METHOD)


def zone_of(user: Reader, zone_id: int) -> Zone:
    """A zone the user may read, or 404."""
    return get_visible(user, Zone.objects.all(), zone_field="pk", pk=zone_id)


def year_of(request: HttpRequest) -> int:
    """The year asked for (``?year=``), by default the last whole year; a bad one is a 404."""
    if "year" not in request.GET:
        return int(timezone.localdate().year) - 1
    form = YearForm(request.GET)
    if not form.is_valid():
        raise Http404("year")
    return int(form.cleaned_data["year"])


def as_of(year: int) -> dt.date:
    """The as-of date of a year: its last day, or today while the year runs."""
    today = timezone.localdate()
    return min(dt.date(year, 12, 31), today) if year >= today.year else dt.date(year, 12, 31)
