"""A slice's list of the zones a user reads, as a province meets it: searched by name or city, a page at a time.

The start pages of projects, land and pools each list the zones with a figure beside each; a province
coordinator reads 3,000 of them, so the list is never written whole (it was 400–800 KB of links and
0.4 s of a page). The pages include ``orgs/_zone_search.html`` above the list and
``orgs/_zone_pager.html`` below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, Q, QuerySet
from django.http import HttpRequest

from devzone.accounts.access import scope
from devzone.orgs.models import Zone

PER_PAGE = 50
MAX_QUERY = 50  # characters of the search box (it is also the input's maxlength)


@dataclass(frozen=True)
class ZoneList:
    page: Page[Any]
    q: str
    total: int  # the zones the user reads, before the search

    @property
    def context(self) -> dict[str, Any]:
        return {"page": self.page, "q": self.q, "zones_total": self.total}

    def counted(self, request: HttpRequest, model: type[Model]) -> list[tuple[Zone, int]]:
        """Each zone of the page with its number of ``model`` rows the user reads (projects, parcels …)."""
        counts = dict(
            scope(request.user, model._default_manager.filter(zone__in=[z.pk for z in self.page]))
            .values("zone")
            .annotate(n=Count("pk"))
            .values_list("zone", "n")
        )
        return [(z, counts.get(z.pk, 0)) for z in self.page]


def readable_zones(request: HttpRequest) -> QuerySet[Zone]:
    """The zones the user reads, by city then name."""
    return scope(request.user, Zone.objects.all(), zone_field="pk").order_by("city", "name")


def zone_list(request: HttpRequest, *, per_page: int = PER_PAGE) -> ZoneList:
    """The page of readable zones asked for (``?page=``), matching ``?q=`` in name, short name or city."""
    zones = readable_zones(request)
    total = zones.count()
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    if q:
        zones = zones.filter(Q(name__contains=q) | Q(short_name__contains=q) | Q(city__contains=q))
    return ZoneList(page=Paginator(zones, per_page).get_page(request.GET.get("page")), q=q, total=total)
