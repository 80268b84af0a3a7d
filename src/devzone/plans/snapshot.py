"""The 督办看板's figures, cached per reader's scope and per plan, rebuilt only where data changed.

Reading every assignment of a province (20,000 and more) with its status costs far more than a page
may; the figures change only when an audited write changes them. So:

- a **part** holds one plan's share of the figures as one scope reads it (counts by status, unit,
  section and month, on-time tallies, the overdue and behind assignment ids). It is filed under that
  plan's generation token and the ``"shared"`` one (units, zones and bulk imports move that): a
  report in one plan rebuilds that plan's part alone, and the missing parts are built together in
  one pass over their assignments;
- a **snapshot** is the merged figures of every plan a scope reads (or of one chosen plan), filed
  under the ``"all"`` token, which every audited write moves: while nothing changes, a dashboard is
  one token query away.

Both are keyed by :func:`devzone.accounts.access.scope_key` — one zone's figures are never shown to
another — and by the as-of date and the status rule. Tokens are read before the data
(:mod:`devzone.core.generations`), so a figure is never filed under a token newer than it.
Changes made around the actions (a Django shell) move no token; the cache's timeout bounds how long
such a change stays unseen.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.db.models import QuerySet

from devzone.accounts.access import scope_key
from devzone.core.generations import ALL, SHARED, record_key, tokens
from devzone.orgs.models import Unit
from devzone.plans.models import Assignment, Plan, PlanStatus
from devzone.plans.progress import Fact, facts, live, status_rule
from devzone.plans.status import Status
from devzone.plans.views.common import visible_assignments, visible_plans

CACHE = "snapshots"
FLAGGED = (Status.OVERDUE, Status.BEHIND)


@dataclass
class Part:
    """One plan's (or, merged, every plan's) figures as one scope reads them."""

    totals: Counter[Status] = field(default_factory=Counter)
    by_unit: Counter[tuple[int, Status]] = field(default_factory=Counter)
    by_section: Counter[tuple[str, Status]] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)
    # unit id → [done on time, due by now or done]
    on_time: dict[int, list[int]] = field(default_factory=dict)
    overdue: list[int] = field(default_factory=list)
    behind: list[int] = field(default_factory=list)
    flagged_units: set[int] = field(default_factory=set)

    def add(self, f: Fact) -> None:
        self.totals[f.status] += 1
        self.by_unit[f.unit_id, f.status] += 1
        self.by_section[(f.section or "—")[:20], f.status] += 1
        if f.due is not None:
            self.months[f.due.strftime("%Y-%m")] += 1
        if f.status in (Status.DONE, Status.OVERDUE):
            tally = self.on_time.setdefault(f.unit_id, [0, 0])
            tally[1] += 1
            if f.confirmed_on is not None and (f.due is None or f.confirmed_on <= f.due):
                tally[0] += 1
        if f.status == Status.OVERDUE:
            self.overdue.append(f.assignment_id)
        elif f.status == Status.BEHIND:
            self.behind.append(f.assignment_id)
        if f.status in FLAGGED:
            self.flagged_units.add(f.unit_id)

    def merge(self, other: Part) -> None:
        self.totals.update(other.totals)
        self.by_unit.update(other.by_unit)
        self.by_section.update(other.by_section)
        self.months.update(other.months)
        for unit_id, (ok, total) in other.on_time.items():
            tally = self.on_time.setdefault(unit_id, [0, 0])
            tally[0] += ok
            tally[1] += total
        self.overdue += other.overdue
        self.behind += other.behind
        self.flagged_units |= other.flagged_units


@dataclass(frozen=True)
class Snapshot:
    """What the dashboard shows of a scope's plans, units named."""

    figures: Part
    short_names: dict[int, str]  # unit id → short name (its name when it has none)
    names: dict[int, str]
    flagged: list[int]  # overdue, then behind assignment ids, in plan order


def _rule_key() -> str:
    rule = status_rule()
    return f"{rule.margin}|{rule.due_soon_days}"


def _build_parts(assignments: QuerySet[Assignment], plan_ids: list[int], as_of: dt.date) -> dict[int, Part]:
    """The parts of ``plan_ids`` in one pass over their assignments (three queries)."""
    parts = {pk: Part() for pk in plan_ids}
    for f in facts(assignments.filter(task__plan_id__in=plan_ids), as_of=as_of):
        parts[f.plan_id].add(f)
    return parts


def snapshot(user: Any, *, as_of: dt.date, plan_id: int | None) -> Snapshot:
    """The dashboard's figures for ``user`` as of ``as_of`` (of one plan when ``plan_id`` is given)."""
    cache = caches[CACHE]
    scope = scope_key(user)
    rule = _rule_key()
    head = tokens([ALL, SHARED])
    whole_key = f"plans.board|{scope}|{as_of}|{plan_id}|{rule}|{head[ALL]}"
    if (found := cache.get(whole_key)) is not None:
        return found  # type: ignore[no-any-return]
    # Plans in the order the lists have always had (newest first), each plan's assignments in theirs.
    plans = visible_plans(user).filter(status=PlanStatus.PUBLISHED)
    if plan_id is not None:
        plans = plans.filter(pk=plan_id)
    plan_ids = list(plans.order_by(*Plan._meta.ordering).values_list("pk", flat=True))
    plan_tokens = tokens(record_key(Plan, pk) for pk in plan_ids)
    keys = {
        pk: f"plans.board.part|{scope}|{pk}|{as_of}|{rule}|{plan_tokens[record_key(Plan, pk)]}|{head[SHARED]}"
        for pk in plan_ids
    }
    parts: dict[int, Part] = {}
    for pk, part in cache.get_many(list(keys.values())).items():
        parts[next(p for p, k in keys.items() if k == pk)] = part
    missing = [pk for pk in plan_ids if pk not in parts]
    if missing:
        built = _build_parts(live(visible_assignments(user)), missing, as_of)
        cache.set_many({keys[pk]: part for pk, part in built.items()})
        parts.update(built)
    merged = Part()
    for pk in plan_ids:
        merged.merge(parts[pk])
    unit_ids = {unit_id for unit_id, _ in merged.by_unit}
    units = Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name", "short_name")
    names = {pk: name for pk, name, _ in units}
    short = {pk: short or name for pk, name, short in units}
    result = Snapshot(figures=merged, short_names=short, names=names, flagged=merged.overdue + merged.behind)
    cache.set(whole_key, result)
    return result
