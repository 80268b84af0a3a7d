"""Import, review and publish the six seed plans, then report some progress (deterministic from the seed).

Idempotent: when the seed document is already stored nothing is created. Audited with source "demo".
Reviewer decisions (city per plan, redacted owners) are typed in ``data/seed_review.yaml``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from devzone.audit.actions import snapshot, updated
from devzone.orgs.models import Zone
from devzone.plans import actions
from devzone.plans.models import Assignment, OwnerState, Plan, SourceDocument, TaskOwner

DATA = Path(__file__).with_name("data")
SEED_FILE = DATA / "seed_plans.txt"
REVIEW_FILE = DATA / "seed_review.yaml"
PERIOD = "2026-10"
NARRATIVES = ("按计划推进，已完成阶段性工作。", "已制定工作方案，正在组织实施。", "已全部完成，材料已归档。")


@dataclass
class PlanCounts:
    plans: int = 0
    assignments: int = 0
    reports: int = 0


def _spec() -> dict[str, Any]:
    data = yaml.safe_load(REVIEW_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "plans" not in data:
        raise ValueError(f"{REVIEW_FILE}: expected a mapping with 'plans'")
    return data


def _apply_fixes(plan: Plan, fixes: dict[str, dict[str, str]]) -> None:
    for owner in TaskOwner.objects.filter(task__plan=plan).select_related("task__plan"):
        fix = fixes.get(owner.written)
        if fix is None or owner.state == OwnerState.RESOLVED:
            continue
        if "dismiss" in fix:
            actions.fix_owner(owner, actor=None, source="demo", dismiss=True)
            before = snapshot(owner)
            owner.note = fix["dismiss"][:300]
            owner.save(update_fields=["note"])
            updated(owner, before=before, actor=None, source="demo")
        else:
            actions.fix_owner(owner, actor=None, source="demo", name=fix["name"])


def build_plans(*, seed: int) -> PlanCounts:
    """Import and publish the seed plans and add generated progress reports."""
    counts = PlanCounts()
    data = SEED_FILE.read_bytes()
    if SourceDocument.objects.filter(name=SEED_FILE.name, sha256=hashlib.sha256(data).hexdigest()).exists():
        return counts
    spec = _spec()
    contexts = [
        actions.PlanContext(
            city=p.get("city", ""),
            province=p.get("province", ""),
            year=int(spec["year"]),
            zone=Zone.objects.get(name=p["zone"]) if p.get("zone") else None,
        )
        for p in spec["plans"]
    ]
    plans = actions.import_document(data, name=SEED_FILE.name, actor=None, source="demo", context=contexts)
    for plan, plan_spec in zip(plans, spec["plans"], strict=True):
        _apply_fixes(plan, plan_spec.get("owner_fixes", {}))
        actions.publish_plan(plan, actor=None, source="demo")
        counts.plans += 1
    rng = np.random.default_rng(seed)
    for assignment in (
        Assignment.objects.filter(task__plan__in=plans).select_related("task__plan", "unit").order_by("pk")
    ):
        counts.assignments += 1
        if rng.random() < 0.4:
            continue
        percent = int(rng.integers(0, 11)) * 10
        report = actions.report_progress(
            assignment,
            period=PERIOD,
            percent=percent,
            narrative=NARRATIVES[min(2, percent // 40)],
            actor=None,
            source="demo",
        )
        counts.reports += 1
        if percent == 100 and rng.random() < 0.7:
            actions.confirm_report(report, actor=None, source="demo")
    return counts
