"""Indicator actions: each one atomic and audited. Views and the API check access before calling."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from devzone.audit.actions import bulk_written, save_audited
from devzone.core import bulk
from devzone.indicators.catalogue import Catalogue, load_catalogue
from devzone.indicators.locks import PeriodLocked, check_unlocked
from devzone.indicators.match import match_indicator
from devzone.indicators.models import Coverage, Indicator, Observation, Origin, Review, Target
from devzone.indicators.store import history, plan_span, stored_catalogue, zone_code
from devzone.indicators.template import Submission
from devzone.indicators.validate import (
    CleanRow,
    Expectations,
    Issue,
    SubmittedRow,
    TemplateInfo,
    validate_submission,
)
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User

PLAN_SCHEMA = "devzone.plan/1"
BATCH = 1000  # superseded rows per UPDATE
CITY_SUBJECTS = ("全市", "全省")


class PlanTargetsError(ValueError):
    """A parsed plan that is not in the devzone.plan/1 form."""


# ---- catalogue ---------------------------------------------------------------------------------


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _indicator_fields(indicator: Any) -> dict[str, Any]:
    low, high = indicator.plausible
    return {
        "name": indicator.name,
        "aliases": list(indicator.aliases),
        "unit": indicator.unit,
        "definition": indicator.definition,
        "scope": indicator.scope,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "aggregation": indicator.aggregation,
        "plausible_min": low,
        "plausible_max": high,
        "numerator": indicator.numerator or "",
        "denominator": indicator.denominator or "",
        "denominator_scope": indicator.denominator_scope,
        "source": [{"plan": s.plan, "section": s.section} for s in indicator.source],
    }


def sync_catalogue(
    *, actor: User | None, source: str = "cli", catalogue: Catalogue | None = None
) -> SyncCounts:
    """Create or update the stored indicators from catalogue.yaml (by code); every change audited."""
    loaded = catalogue if catalogue is not None else load_catalogue()
    counts = SyncCounts()
    with transaction.atomic():
        for indicator in loaded.indicators:
            fields = _indicator_fields(indicator)
            row = Indicator.objects.filter(code=indicator.code).first()
            if row is None:
                save_audited(Indicator(code=indicator.code, **fields), actor=actor, source=source)
                counts.created += 1
            elif any(getattr(row, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(row, name, value)
                save_audited(row, actor=actor, source=source)
                counts.updated += 1
            else:
                counts.unchanged += 1
    return counts


# ---- observations ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    """What an import did, or every reason it did nothing."""

    created: int = 0
    revised: int = 0
    unchanged: int = 0
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.issues


def _same(row: Observation, clean: CleanRow) -> bool:
    return (
        row.value == clean.value
        and row.entered_value == clean.entered_value
        and row.entered_unit == clean.entered_unit
        and row.status == clean.status
        and row.source == clean.source
    )


def record_observations(
    rows: Sequence[CleanRow],
    *,
    zone: Zone | None,
    city: str,
    actor: User | None,
    source: str,
    file: str = "",
) -> ImportResult:
    """Store validated rows; a changed figure becomes a new current row and supersedes the old one.

    Every observation is written here; a row in a period its city has locked refuses the whole
    write (``locks.PeriodLocked``). Set-based: the current figures of the rows' indicators are read
    once (under a row lock), new rows are inserted and the superseded ones updated in batches, and
    the write is audited as one entry with its counts (:func:`devzone.audit.actions.bulk_written`).
    """
    indicators = {row.code: row for row in Indicator.objects.filter(code__in={r.indicator for r in rows})}
    now = timezone.now()
    entered_by = actor if actor is not None and actor.pk else None
    with transaction.atomic():
        check_unlocked(rows, city=city, file=file)
        currents = {
            (o.indicator_id, o.period): o
            for o in Observation.objects.select_for_update().filter(
                indicator__in=list(indicators.values()),
                zone=zone,
                city=city,
                period__in={r.period.label for r in rows},
                is_current=True,
            )
        }
        new: list[dict[str, Any]] = []
        superseded: list[Observation] = []
        for clean in rows:
            indicator = indicators[clean.indicator]
            current = currents.get((indicator.pk, clean.period.label))
            if current is not None and _same(current, clean):
                continue
            new.append(
                {
                    "indicator_id": indicator.pk,
                    "zone_id": zone.pk if zone is not None else None,
                    "city": city,
                    "period": clean.period.label,
                    "period_end": clean.period.end,
                    "value": clean.value,
                    "entered_value": clean.entered_value,
                    "entered_unit": clean.entered_unit,
                    "status": clean.status,
                    "source": clean.source[:200],
                    "entered_by_id": entered_by.pk if entered_by is not None else None,
                    "entered_at": now,
                    "is_current": True,
                }
            )
            if current is not None:
                superseded.append(current)
        # the old rows stop being current first, so that the new ones are the only current rows to read back
        Observation.objects.filter(pk__in=[o.pk for o in superseded]).update(is_current=False)
        bulk.insert(Observation, new)
        if superseded:
            ids = {
                (indicator_id, period): pk
                for indicator_id, period, pk in Observation.objects.filter(
                    zone=zone, city=city, is_current=True, period__in={o.period for o in superseded}
                ).values_list("indicator_id", "period", "pk")
            }
            for old in superseded:
                old.is_current = False
                old.superseded_by_id = ids[(old.indicator_id, old.period)]
            Observation.objects.bulk_update(superseded, ["superseded_by"], batch_size=BATCH)
        result = ImportResult(
            created=len(new) - len(superseded), revised=len(superseded), unchanged=len(rows) - len(new)
        )
        if new:
            bulk_written(
                Observation,
                zone_id=zone.pk if zone is not None else None,
                label=f"数据导入 {file or source}（{city}{'·' + zone.name if zone is not None else ''}）",
                actor=actor,
                source=source,
                detail={
                    "file": file,
                    "city": city,
                    "counts": {
                        "created": result.created,
                        "revised": result.revised,
                        "unchanged": result.unchanged,
                    },
                },
            )
    return result


def import_submission(
    submission: Submission,
    *,
    zone: Zone | None,
    city: str,
    actor: User | None,
    source: str,
    file: str = "",
) -> ImportResult:
    """Validate a whole submission against the zone's plan span and history; store it only if clean."""
    first, last = plan_span(zone, city=city)
    expect = Expectations(
        zone=zone_code(zone, city=city),
        first_period=first,
        last_period=last,
        catalogue=stored_catalogue(),
        history=history(zone, city=city),
    )
    with transaction.atomic():
        report = validate_submission(
            rows=submission.rows, template=submission.template, expect=expect, file=file
        )
        if not report.ok:
            return ImportResult(issues=report.issues)
        try:
            return record_observations(
                report.rows, zone=zone, city=city, actor=actor, source=source, file=file
            )
        except PeriodLocked as locked:
            return ImportResult(issues=locked.issues)


def submission_from_rows(rows: Sequence[Mapping[str, object]], *, zone: Zone | None, city: str) -> Submission:
    """JSON rows (code, unit, period, value, status, source) as a submission for the given zone."""
    code = zone_code(zone, city=city)
    info = TemplateInfo(sheet="api", zone=code, zone_cell=(0, "zone"), period="", period_cell=(0, "period"))
    submitted = tuple(
        SubmittedRow(
            sheet="rows",
            row=number,
            code=row.get("code"),
            unit=row.get("unit"),
            period=row.get("period"),
            value=row.get("value"),
            status=row.get("status"),
            source=row.get("source"),
        )
        for number, row in enumerate(rows, start=1)
    )
    return Submission(template=info, rows=submitted)


# ---- targets -----------------------------------------------------------------------------------


def save_target(target: Target, *, actor: User | None, source: str) -> Target:
    """Create or update a target (validated by Target.clean: periods, unit, coverage)."""
    if target.pk is None and target.created_by_id is None and actor is not None and actor.pk:
        target.created_by = actor
    if target.indicator_id is not None and target.review == Review.UNMATCHED:
        target.review = Review.REVIEWED
    save_audited(target, actor=actor, source=source)
    return target


def link_target(target: Target, indicator: Indicator, *, actor: User | None, source: str) -> Target:
    """The review step: a coordinator or the zone picks the catalogue indicator a plan target means."""
    target.indicator = indicator
    target.review = Review.REVIEWED
    save_audited(target, actor=actor, source=source)
    return target


@dataclass
class PlanImport:
    """Targets created from a plan: linked ones, ones left for review, ones skipped with a reason.

    ``unplaced`` are created targets whose subject (目标主体) names no zone of the city and no
    collective (全市…, 各开发区…): they count for the city's zones together until someone matches them.
    """

    linked: list[Target] = field(default_factory=list)
    unmatched: list[Target] = field(default_factory=list)
    existing: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unplaced: list[Target] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class PlanTarget:
    """One target of a plan as tracking reads it: the plan's title, the target's fields, its JSON."""

    plan_title: str
    text: str
    indicator: str
    subject: str
    kind: str
    op: str
    value: float
    unit: str
    by_year: int | None
    data: Mapping[str, Any]


COLLECTIVE_SUBJECTS = ("全市", "全省", "我市", "各", "其他", "其余", "所有", "全部")
"""How a subject naming several zones at once starts (全市开发区, 各开发区, 其他开发区)."""


def is_collective(subject: str) -> bool:
    """Whether a target's subject names no zone in particular (so it needs no matching)."""
    return not subject or subject.startswith(COLLECTIVE_SUBJECTS)


def _plan_targets(parsed: Mapping[str, Any]) -> tuple[list[PlanTarget], list[tuple[str, str]]]:
    if parsed.get("schema") != PLAN_SCHEMA or not isinstance(parsed.get("plans"), list):
        raise PlanTargetsError(f"not a {PLAN_SCHEMA} document (schema and plans are required)")
    found: list[PlanTarget] = []
    skipped: list[tuple[str, str]] = []
    for plan in parsed["plans"]:
        if not isinstance(plan, dict) or not isinstance(plan.get("targets", []), list):
            raise PlanTargetsError("each plan is an object with a list of targets")
        title = str(plan.get("title") or "")
        for item in plan.get("targets", []):
            if not isinstance(item, dict):
                continue
            try:
                value = float(item["value"])
                kind = str(item["kind"])
            except (KeyError, TypeError, ValueError):
                skipped.append((str(item.get("text", ""))[:80], "缺少目标类型或数值"))
                continue
            by = item.get("by") if isinstance(item.get("by"), dict) else {}
            year = by.get("year") if by else None
            found.append(
                PlanTarget(
                    plan_title=title,
                    text=str(item.get("text") or ""),
                    indicator=str(item.get("indicator") or "").strip(),
                    subject=str(item.get("subject") or "").strip(),
                    kind=kind,
                    op=str(item.get("op") or ">="),
                    value=value,
                    unit=str(item.get("unit") or ""),
                    by_year=year if isinstance(year, int) else None,
                    data=dict(item),
                )
            )
    return found, skipped


def _zone_for_subject(subject: str, zones: Sequence[Zone]) -> Zone | None:
    if not subject:
        return None
    for zone in zones:
        names = {zone.name, zone.short_name, *(str(a) for a in zone.aliases)} - {""}
        if subject in names:
            return zone
    return None


def targets_from_plan(
    parsed: Mapping[str, Any],
    *,
    zone: Zone | None,
    city: str,
    actor: User | None,
    source: str,
    base_period: str = "2020",
    default_deadline: str = "2025",
) -> PlanImport:
    """Targets from a parsed plan (devzone.plan/1 JSON, the CLI's and the API's path); see
    :func:`create_plan_targets`. A published plan is tracked from its reviewed state instead
    (``indicators.tracking.track_plan``)."""
    entries, skipped = _plan_targets(parsed)
    result = create_plan_targets(
        entries,
        zone=zone,
        city=city,
        actor=actor,
        source=source,
        base_period=base_period,
        default_deadline=default_deadline,
    )
    result.skipped[:0] = skipped
    return result


def create_plan_targets(
    entries: Sequence[PlanTarget],
    *,
    zone: Zone | None,
    city: str,
    actor: User | None,
    source: str,
    base_period: str,
    default_deadline: str,
) -> PlanImport:
    """One Target per plan target, linked to the catalogue by name; atomic, every target audited.

    With ``zone`` every target is that zone's. Without it, a target whose subject names a zone of
    ``city`` (市开发区, 徐圩新区) goes to that zone, 全市… to the whole city, anything else to the
    city's zones together (全市开发区); a subject that is not collective is listed in ``unplaced``.
    Names that match.py cannot link stay ``unmatched`` with their candidates, for the review page.
    Running it twice creates nothing the second time.
    """
    city = zone.city if zone is not None else city
    catalogue = stored_catalogue()
    indicators = {row.code: row for row in Indicator.objects.all()}
    city_zones = list(Zone.objects.filter(city=city)) if zone is None else []
    result = PlanImport()
    with transaction.atomic():
        for item in entries:
            name, subject = item.indicator, item.subject
            target_zone = zone if zone is not None else _zone_for_subject(subject, city_zones)
            coverage = Coverage.ZONE if target_zone is not None else Coverage.ZONES
            if target_zone is None and subject.startswith(CITY_SUBJECTS) and not subject.endswith("开发区"):
                coverage = Coverage.CITY
            match = match_indicator(name, catalogue) if name else None
            chosen = match.match if match is not None else None
            target = Target(
                indicator=indicators.get(chosen.code) if chosen is not None else None,
                zone=target_zone,
                city=city,
                coverage=coverage,
                kind=item.kind,
                op=item.op,
                value=item.value,
                unit=item.unit,
                base_period=base_period,
                deadline=str(item.by_year) if item.by_year is not None else default_deadline,
                text=item.text[:2000],
                indicator_text=name[:200],
                subject=subject[:100],
                origin=Origin.PLAN,
                plan_title=item.plan_title[:200],
                plan_target=dict(item.data),
                review=Review.LINKED if chosen is not None else Review.UNMATCHED,
                candidates=[
                    {"code": c.code, "name": c.name, "score": round(c.score, 3)}
                    for c in (match.candidates if match is not None else ())
                ],
                created_by=actor if actor is not None and actor.pk else None,
            )
            if Target.objects.filter(
                zone=target.zone,
                city=city,
                origin=Origin.PLAN,
                plan_title=target.plan_title,
                text=target.text,
                indicator_text=target.indicator_text,
                subject=target.subject,
                kind=target.kind,
                value=target.value,
            ).exists():
                result.existing += 1
                continue
            try:
                save_audited(target, actor=actor, source=source)
            except ValidationError as error:
                result.skipped.append((target.text[:80], "; ".join(str(m) for m in error.messages)))
                continue
            (result.linked if target.indicator_id else result.unmatched).append(target)
            if target_zone is None and not is_collective(subject):
                result.unplaced.append(target)
    return result
