"""Assessment actions: each commits atomically and writes its audit entries. Views check, these act."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from devzone import __version__
from devzone.assessment.errors import AssessmentError
from devzone.assessment.models import AssessmentRun, Framework, RuleOutcome, ZoneResult
from devzone.assessment.results import Computed, compute, snapshot_sha256, zone_cells
from devzone.assessment.sources import build_snapshot, needed_indicators
from devzone.audit.actions import created, save_audited
from devzone.core.versions import software_versions

if TYPE_CHECKING:
    from devzone.accounts.models import User

SHIPPED_DIR = Path(__file__).with_name("frameworks")
SHIPPED_FILES = ("mofcom_etdz_2021.yaml", "jiangsu_2021.yaml")
RESULT_FIELDS = (
    "score", "rank", "rank_prev", "rank_change", "streak", "rank_p05", "rank_p50", "rank_p95", "pay", "tier",
    "node_scores", "node_ranks", "node_rank_prev", "raw_values", "history", "profile",
)  # fmt: skip
# Fields added after runs were first stored: an empty stored value means "not stored then", not a difference.
LATER_FIELDS = frozenset({"node_rank_prev", "raw_values"})


def save_framework(framework: Framework, *, actor: User | None, source: str = "web") -> Framework:
    """Validate the YAML with the engine's loader (errors keyed by YAML key) and save it, audited."""
    save_audited(framework, actor=actor, source=source)
    return framework


def load_shipped_frameworks(*, actor: User | None, source: str = "web") -> list[Framework]:
    """Store the shipped framework files that are not stored yet (by sha256); returns the new ones."""
    created = []
    for name in SHIPPED_FILES:
        text = (SHIPPED_DIR / name).read_text(encoding="utf-8")
        fw = Framework(yaml_text=text, shipped=True, created_by=actor)
        fw.clean()
        if Framework.objects.filter(sha256=fw.sha256).exists():
            continue
        created.append(save_framework(fw, actor=actor, source=source))
    return created


def _compute(
    *,
    yaml_text: str,
    snap: dict[str, Any],
    year: int,
    samples: int,
    seed: int | None,
    sensitivity: bool = True,
) -> Computed:
    try:
        return compute(
            yaml_text=yaml_text, snapshot=snap, year=year, samples=samples, seed=seed, sensitivity=sensitivity
        )
    except AssessmentError as exc:
        raise ValidationError(str(exc)) from exc


def run_assessment(
    framework: Framework,
    *,
    year: int,
    actor: User | None,
    samples: int = 0,
    seed: int | None = None,
    note: str = "",
    zone_ids: set[int] | None = None,
    source: str = "web",
) -> AssessmentRun:
    """Assess ``year`` on the stored values (考评数据, filled from the indicators slice: ``sources``) and store
    the run with its results, audited.

    Raises ValidationError (with the engine's message) before anything is written.
    """
    fw = framework.engine()
    snap = build_snapshot(fw, year=year, zone_ids=zone_ids)
    if not snap["rows"]:
        raise ValidationError(
            f"没有 {year} 年及以前的考评数据（指标：{', '.join(sorted(needed_indicators(fw)))}）"
        )
    if samples and seed is None:
        seed = secrets.randbits(62)
    done = _compute(yaml_text=framework.yaml_text, snap=snap, year=year, samples=samples, seed=seed)
    with transaction.atomic():
        run = AssessmentRun.objects.create(
            framework=framework, framework_code=fw.id, framework_sha256=fw.sha256,
            framework_yaml=framework.yaml_text, year=year, data_sha256=done.data_sha256, snapshot=snap,
            samples=samples, seed=seed, engine_version=__version__, versions=software_versions(), summary=done.summary,
            sensitivity=done.sensitivity, note=note,
            created_by=actor if actor is not None and actor.pk else None,
        )  # fmt: skip
        cells = zone_cells(snap, year=year)
        ZoneResult.objects.bulk_create(
            ZoneResult(
                run=run, zone_id=int(row["zone"]), cells=cells.get(str(row["zone"]), {}),
                **{f: row[f] for f in RESULT_FIELDS},
            )
            for row in done.zones
        )  # fmt: skip
        RuleOutcome.objects.bulk_create(
            RuleOutcome(run=run, zone_id=int(o["zone"]), **{k: o[k] for k in ("rule", "kind", "action", "hit", "detail")})
            for o in done.outcomes
        )  # fmt: skip
        created(run, actor=actor, source=source, extra={"zones": len(done.zones)})
    return run


def stored_rows(run: AssessmentRun) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    zones = [
        {"zone": str(r["zone_id"]), **{f: r[f] for f in RESULT_FIELDS}}
        for r in run.results.values("zone_id", *RESULT_FIELDS)
    ]
    outcomes = [
        {"zone": str(o["zone_id"]), **{k: o[k] for k in ("rule", "kind", "action", "hit", "detail")}}
        for o in run.outcomes.values("zone_id", "rule", "kind", "action", "hit", "detail")
    ]
    return zones, outcomes


def reproduce(run: AssessmentRun) -> list[str]:
    """Recompute ``run`` from its stored framework text, snapshot, year, samples and seed.

    Returns the differences (empty when the run reproduces exactly). What a run stored before a field
    existed (no Sobol record, empty ``LATER_FIELDS``) is not compared.
    """
    diffs: list[str] = []
    if snapshot_sha256(run.snapshot) != run.data_sha256:
        diffs.append("data snapshot hash differs")
    done = _compute(
        yaml_text=run.framework_yaml, snap=run.snapshot, year=run.year, samples=run.samples, seed=run.seed,
        sensitivity=run.sensitivity is not None,
    )  # fmt: skip
    if done.framework.sha256 != run.framework_sha256:
        diffs.append("framework hash differs")
    if run.sensitivity is not None and run.sensitivity != done.sensitivity:
        diffs.append("Sobol sensitivity differs")
    zones, outcomes = stored_rows(run)
    fresh_zones = {r["zone"]: {f: r[f] for f in ("zone", *RESULT_FIELDS)} for r in done.zones}
    stored_zones = {r["zone"]: r for r in zones}
    for z in sorted(set(fresh_zones) | set(stored_zones)):
        a, b = stored_zones.get(z), fresh_zones.get(z)
        if a is None or b is None:
            diffs.append(f"zone {z}: present in only one of stored/recomputed")
            continue
        diffs.extend(
            f"zone {z}: {f}: stored {a[f]!r} ≠ recomputed {b[f]!r}"
            for f in RESULT_FIELDS
            if a[f] != b[f] and not (f in LATER_FIELDS and a[f] == {})
        )

    def key(o: dict[str, Any]) -> tuple[str, str]:
        return (o["rule"], o["zone"])

    if sorted(outcomes, key=key) != sorted(done.outcomes, key=key):
        diffs.append("rule outcomes differ")
    return diffs
