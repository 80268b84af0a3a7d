"""Look-ups every assessment view shares (zone checks go through ``devzone.accounts.access``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from devzone.accounts.access import can_change_place, jurisdiction_of, scope, sees_all_zones
from devzone.assessment.models import AssessmentRun, Framework, ZoneResult

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from devzone.accounts.models import User


def visible_runs(user: User | AnonymousUser) -> QuerySet[AssessmentRun]:
    """Runs in which the user sees at least one zone's result (all runs for city-wide users)."""
    zone_rows = scope(user, ZoneResult.objects.all()).values("run_id")
    return AssessmentRun.objects.filter(pk__in=zone_rows).select_related("framework")


def get_run(user: User | AnonymousUser, run_id: int) -> AssessmentRun:
    """A run the user may open, or 404.

    The snapshot (every input value of every zone and year: megabytes of JSON for a province) is loaded
    only by the code that reads it, not by every page that shows the run.
    """
    try:
        return visible_runs(user).defer("snapshot").get(pk=run_id)
    except AssessmentRun.DoesNotExist as exc:
        raise Http404("run") from exc


def require_framework_reader(user: User | AnonymousUser) -> None:
    """Frameworks are the coordinator's method files: readable by users who see every zone."""
    if not sees_all_zones(user):
        raise PermissionDenied


def may_edit_framework(user: User | AnonymousUser, framework: Framework) -> bool:
    """A custom framework is changed by the coordinators of its own province or city; a shipped one by
    nobody (it is copied instead)."""
    return not framework.shipped and can_change_place(user, city=framework.city, province=framework.province)


def place_new_framework(user: User | AnonymousUser, framework: Framework) -> Framework:
    """A new framework belongs to its author's jurisdiction (none for the system administrator's)."""
    jurisdiction = jurisdiction_of(user)
    if jurisdiction is not None:
        framework.province, framework.city = jurisdiction.province, jurisdiction.city
    return framework


def snapshot_values(run: AssessmentRun) -> dict[tuple[str, str], float | None]:
    """(zone id, indicator code) → the run year's value in the snapshot (for runs without ``raw_values``)."""
    return {(str(r[0]), str(r[1])): r[3] for r in run.snapshot.get("rows", []) if r[2] == run.year}


def raw_values(result: ZoneResult, fallback: dict[tuple[str, str], float | None]) -> dict[str, Any]:
    """Each indicator's value as read: stored with the result, else (older runs) the snapshot's by code."""
    if result.raw_values:
        return dict(result.raw_values)
    return {i: v for (z, i), v in fallback.items() if z == str(result.zone_id)}


def plain_row(result: ZoneResult, *, raw: dict[str, Any]) -> dict[str, Any]:
    """A stored result as the plain row the pure ranking helpers read (``zone`` = the Zone)."""
    return {
        "zone": result.zone, "rank_prev": result.rank_prev, "node_scores": result.node_scores,
        "node_ranks": result.node_ranks, "node_rank_prev": result.node_rank_prev, "raw_values": raw,
    }  # fmt: skip


def node_names(run: AssessmentRun) -> dict[str, str]:
    """Node code → display name of the run's framework."""
    return {n["code"]: n["name"] for n in run.nodes}


def change_label(change: int | None, prev: int | None) -> dict[str, Any]:
    """Arrow, text and CSS class of a rank change (Δ > 0 is 进位).

    >>> change_label(2, 5)["arrow"], change_label(-1, 3)["arrow"], change_label(None, None)["arrow"]
    ('↑', '↓', '')
    """
    if change is None:
        return {"arrow": "", "text": _("新进") if prev is None else "—", "css": "text-muted"}
    if change > 0:
        return {"arrow": "↑", "text": _("↑ 进位 %(n)d") % {"n": change}, "css": "text-success"}
    if change < 0:
        return {"arrow": "↓", "text": _("↓ 退位 %(n)d") % {"n": -change}, "css": "text-danger"}
    return {"arrow": "—", "text": _("— 持平"), "css": "text-secondary"}
