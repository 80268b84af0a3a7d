"""Plan actions: import, review, publish, revise, report, confirm, notify — atomic and audited.

Views check access; these functions change data in one transaction and write the audit entries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from devzone import __version__
from devzone.audit.actions import record, snapshot
from devzone.audit.models import AuditAction
from devzone.orgs.directory import load_directory
from devzone.orgs.models import OwnerGroup, Unit, Zone
from devzone.orgs.resolve import Directory, EntryKind, Match, resolve_name
from devzone.plans import schema as engine
from devzone.plans.models import (
    Assignment,
    Deadline,
    Evidence,
    OwnerRole,
    OwnerState,
    Plan,
    PlanStatus,
    ProgressReport,
    Section,
    SourceDocument,
    Target,
    Task,
    TaskOwner,
)
from devzone.plans.parse import parse_bytes, to_json
from devzone.plans.status import milestone_problems

if TYPE_CHECKING:
    from devzone.accounts.models import User

PARSE_METHOD = "devzone.plans.parse.parse_bytes"
PLAN_MAX_BYTES = 20 * 1024 * 1024
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = frozenset(
    {".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".doc", ".xls", ".txt", ".ofd"}
)
PLAN_TYPES = frozenset({".docx", ".txt"})


class PlanImportError(Exception):
    """A file could not be imported as a plan; the message names the file and the reason."""


class PlanNotReady(Exception):
    """Publishing refused: the message lists the owners still unresolved."""


class PlanFrozen(Exception):
    """A published version cannot be edited; revise it into a new version first."""


@dataclass(frozen=True, kw_only=True)
class PlanContext:
    """Where a plan applies: the resolver's city/province and the zone (``None`` = city-wide)."""

    city: str = ""
    province: str = ""
    zone: Zone | None = None
    year: int | None = None


def add_audited(instance: Model, *, actor: User | None, source: str, zone_id: int | None) -> Model:
    instance.save()
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=instance,
        before=None,
        after=snapshot(instance),
        source=source,
        zone_id=zone_id,
    )
    return instance


def update_audited(
    instance: Model, before: dict[str, Any], *, actor: User | None, source: str, zone_id: int | None
) -> None:
    instance.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=instance,
        before=before,
        after=snapshot(instance),
        source=source,
        zone_id=zone_id,
    )


def _refuse_tracked_changes(data: bytes, name: str) -> None:
    if not data.startswith(b"PK\x03\x04"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        return  # the engine names the problem
    if b"<w:ins " in xml or b"<w:del " in xml:
        raise PlanImportError(f"{name}: 文件含有修订痕迹（tracked changes），请接受或拒绝全部修订后再上传")


def parse_upload(data: bytes, *, name: str) -> engine.ParsedDocument:
    """Check and parse an uploaded plan file; raise PlanImportError with a message naming the file."""
    suffix = Path(name).suffix.lower()
    if suffix not in PLAN_TYPES:
        raise PlanImportError(f"{name}: 只接受 .docx 或 .txt 文件")
    if not data.strip():
        raise PlanImportError(f"{name}: 文件为空")
    if len(data) > PLAN_MAX_BYTES:
        raise PlanImportError(f"{name}: 文件超过 {PLAN_MAX_BYTES // 1024 // 1024} MB")
    _refuse_tracked_changes(data, name)
    try:
        doc = parse_bytes(data, source=name)
    except engine.PlanParseError as exc:
        raise PlanImportError(str(exc)) from exc
    if not any(p.tasks for p in doc.plans):
        raise PlanImportError(f"{name}: 没有识别出任何任务，不像是行动方案")
    return doc


def import_document(
    data: bytes,
    *,
    name: str,
    actor: User | None,
    source: str,
    context: PlanContext | Sequence[PlanContext] = PlanContext(),
) -> list[Plan]:
    """Parse a plan file and store one draft Plan per plan found in it (whole or nothing).

    ``context`` is one PlanContext for all plans, or one per plan of the document in order.
    """
    doc = parse_upload(data, name=name)
    plans_in = [p for p in doc.plans if p.tasks]
    contexts = [context] * len(plans_in) if isinstance(context, PlanContext) else list(context)
    if len(contexts) != len(plans_in):
        raise PlanImportError(f"{name}: {len(plans_in)} 个方案，但给出了 {len(contexts)} 组城市设置")
    directory = load_directory()
    with transaction.atomic():
        zone = contexts[0].zone if contexts and len({c.zone for c in contexts}) == 1 else None
        document = SourceDocument(
            zone=zone,
            name=name,
            text=doc.text,
            sha256=hashlib.sha256(data).hexdigest(),
            parse_method=PARSE_METHOD,
            engine_version=f"devzone {__version__} · {engine.SCHEMA}",
            uploaded_by=actor,
        )
        document.file.save(Path(name).name, ContentFile(data), save=False)
        add_audited(document, actor=actor, source=source, zone_id=document.zone_id)
        return [
            _store_plan(document, parsed, ctx, actor=actor, source=source, directory=directory)
            for parsed, ctx in zip(plans_in, contexts, strict=True)
        ]


def _store_plan(
    document: SourceDocument,
    parsed: engine.Plan,
    ctx: PlanContext,
    *,
    actor: User | None,
    source: str,
    directory: Directory,
) -> Plan:
    year = ctx.year or timezone.localdate().year
    whole = to_json(engine.ParsedDocument(source=document.name, text="", plans=(parsed,)))["plans"][0]
    plan = Plan(
        zone=ctx.zone,
        document=document,
        title=(parsed.title or document.name)[:200],
        city=ctx.city,
        province=ctx.province,
        year=year,
        start_date=dt.date(year, 1, 1),
        end_date=dt.date(year, 12, 31),
        span_start=parsed.span[0],
        span_end=parsed.span[1],
        parsed=whole,
        created_by=actor,
    )
    zone_id = plan.zone_id
    add_audited(plan, actor=actor, source=source, zone_id=zone_id)
    sections: dict[tuple[str, ...], Section] = {}
    order = 0

    def add_sections(
        nodes: tuple[engine.Section, ...], parent: Section | None, path: tuple[str, ...]
    ) -> None:
        nonlocal order
        for node in nodes:
            order += 1
            label = f"{node.number}{node.title}"
            section = Section(
                plan=plan,
                parent=parent,
                number=node.number[:20],
                title=node.title[:300],
                level=node.level,
                order=order,
                span_start=node.span[0],
                span_end=node.span[1],
            )
            add_audited(section, actor=actor, source=source, zone_id=zone_id)
            sections[(*path, label)] = section
            add_sections(node.children, section, (*path, label))

    add_sections(parsed.sections, None, ())
    for index, item in enumerate(parsed.tasks):
        task = Task(
            plan=plan,
            section=_section_for(sections, item.section_path),
            key=item.id[:40],
            section_path=list(item.section_path),
            heading=item.heading[:300],
            text=item.text,
            order=index,
            span_start=item.span[0],
            span_end=item.span[1],
        )
        add_audited(task, actor=actor, source=source, zone_id=zone_id)
        for owner in item.owners:
            add_audited(
                TaskOwner(
                    task=task,
                    written=owner.name[:200],
                    name=owner.name[:200],
                    role=owner.role,
                    group=owner.group,
                    span_start=owner.span[0],
                    span_end=owner.span[1],
                ),
                actor=actor,
                source=source,
                zone_id=zone_id,
            )
        for d in item.deadlines:
            add_audited(
                Deadline(
                    task=task,
                    text=d.text[:200],
                    year=d.year,
                    month=d.month,
                    day=d.day,
                    recurring=d.recurring,
                    due_date=due_date_of(d, default_year=year),
                    span_start=d.span[0],
                    span_end=d.span[1],
                ),
                actor=actor,
                source=source,
                zone_id=zone_id,
            )
        for t in item.targets:
            add_audited(_target(plan, task, t), actor=actor, source=source, zone_id=zone_id)
    in_tasks = {t for item in parsed.tasks for t in item.targets}
    for t in parsed.targets:
        if t not in in_tasks:
            add_audited(_target(plan, None, t), actor=actor, source=source, zone_id=zone_id)
    resolve_plan(plan, actor=actor, source=source, directory=directory)
    return plan


def _section_for(sections: dict[tuple[str, ...], Section], path: tuple[str, ...]) -> Section | None:
    for cut in range(len(path), 0, -1):
        if path[:cut] in sections:
            return sections[path[:cut]]
    return None


def _target(plan: Plan, task: Task | None, t: engine.Target) -> Target:
    data = to_json(
        engine.ParsedDocument(
            source="",
            text="",
            plans=(engine.Plan(title=None, span=(0, 0), sections=(), tasks=(), targets=(t,)),),
        )
    )["plans"][0]["targets"][0]
    return Target(
        plan=plan,
        task=task,
        text=t.text[:500],
        indicator=t.indicator[:200],
        kind=t.kind,
        op=t.op,
        value=t.value,
        unit=t.unit[:20],
        by_year=t.by_year,
        data=data,
        span_start=t.span[0],
        span_end=t.span[1],
    )


def due_date_of(deadline: engine.Deadline, *, default_year: int) -> dt.date | None:
    """The calendar date of a deadline: a missing day is the month's end, a missing month the year's end."""
    if deadline.recurring and deadline.month is None:
        return None
    year = deadline.year or default_year
    if deadline.month is None:
        return dt.date(year, 12, 31)
    if deadline.day is not None:
        try:
            return dt.date(year, deadline.month, deadline.day)
        except ValueError:
            return None
    following = dt.date(year + (deadline.month == 12), deadline.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


# --- review ---------------------------------------------------------------------------------


def _require_draft(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise PlanFrozen(f"{plan}: 已发布的版本不可修改，请先创建新版本")


def _settle(owner: TaskOwner, outcome: object) -> None:
    owner.unit = None
    owner.owner_group = None
    if isinstance(outcome, Match):
        owner.state = OwnerState.RESOLVED
        owner.note = outcome.note[:300]
        if outcome.entry.kind == EntryKind.GROUP:
            owner.owner_group = OwnerGroup.objects.get(pk=outcome.entry.id)
        else:
            owner.unit = Unit.objects.get(pk=outcome.entry.id)
    else:
        owner.state = OwnerState.UNRESOLVED
        owner.note = str(getattr(outcome, "reason", ""))[:300]


def resolve_plan(plan: Plan, *, actor: User | None, source: str, directory: Directory | None = None) -> int:
    """Resolve every owner not settled by hand against the directory with the plan's city; returns unresolved count."""
    _require_draft(plan)
    found = directory or load_directory()
    with transaction.atomic():
        for owner in TaskOwner.objects.filter(task__plan=plan).exclude(state=OwnerState.DISMISSED):
            before = snapshot(owner)
            _settle(owner, resolve_name(owner.name, found, city=plan.city, province=plan.province))
            if snapshot(owner) != before:
                update_audited(owner, before, actor=actor, source=source, zone_id=plan.zone_id)
    return unresolved_owners(plan).count()


def unresolved_owners(plan: Plan) -> Any:
    return TaskOwner.objects.filter(task__plan=plan, state=OwnerState.UNRESOLVED).select_related("task")


def set_plan_context(
    plan: Plan,
    *,
    context: PlanContext,
    start_date: dt.date,
    end_date: dt.date,
    actor: User | None,
    source: str,
) -> Plan:
    """Change where the plan applies and its dates, then resolve owners again."""
    _require_draft(plan)
    if end_date <= start_date:
        raise ValidationError({"end_date": "截止日期须晚于起始日期"})
    with transaction.atomic():
        before = snapshot(plan)
        plan.city, plan.province, plan.zone = context.city, context.province, context.zone
        plan.start_date, plan.end_date = start_date, end_date
        if context.year:
            plan.year = context.year
        update_audited(plan, before, actor=actor, source=source, zone_id=plan.zone_id)
        resolve_plan(plan, actor=actor, source=source)
    return plan


def fix_owner(
    owner: TaskOwner,
    *,
    actor: User | None,
    source: str,
    name: str | None = None,
    unit: Unit | None = None,
    group: OwnerGroup | None = None,
    dismiss: bool = False,
) -> TaskOwner:
    """Settle one owner: correct its name (re-resolved), pick a unit or group, or dismiss it."""
    plan = owner.task.plan
    _require_draft(plan)
    before = snapshot(owner)
    with transaction.atomic():
        if dismiss:
            owner.state, owner.unit, owner.owner_group = OwnerState.DISMISSED, None, None
            owner.note = "审核人删除"
        elif unit is not None or group is not None:
            owner.unit, owner.owner_group = unit, group
            owner.state = OwnerState.RESOLVED
            owner.name = (unit or group).name  # type: ignore[union-attr]
            owner.note = "审核人指定"
        elif name is not None and name.strip():
            owner.name = name.strip()[:200]
            _settle(owner, resolve_name(owner.name, load_directory(), city=plan.city, province=plan.province))
        else:
            raise ValidationError({"name": "请填写单位名称、选择单位或删除"})
        update_audited(owner, before, actor=actor, source=source, zone_id=plan.zone_id)
    return owner


def set_deadline(
    deadline: Deadline, *, due_date: dt.date | None, actor: User | None, source: str
) -> Deadline:
    plan = deadline.task.plan
    _require_draft(plan)
    before = snapshot(deadline)
    deadline.due_date = due_date
    with transaction.atomic():
        update_audited(deadline, before, actor=actor, source=source, zone_id=plan.zone_id)
    return deadline


def set_target(
    target: Target, *, indicator: str, value: float, unit: str, actor: User | None, source: str
) -> Target:
    _require_draft(target.plan)
    before = snapshot(target)
    target.indicator, target.value, target.unit = indicator[:200], value, unit[:20]
    with transaction.atomic():
        update_audited(target, before, actor=actor, source=source, zone_id=target.plan.zone_id)
    return target


def task_due(task: Task) -> dt.date:
    """The task's deadline as the status rule reads it: its earliest one-off deadline, else the plan's end."""
    dates = [d.due_date for d in task.deadlines.all() if not d.recurring and d.due_date is not None]
    return min(dates) if dates else task.plan.end_date


def set_milestones(
    task: Task, *, milestones: Sequence[tuple[dt.date, float]], actor: User | None, source: str
) -> Task:
    """Set a task's milestone plan (节点计划), the curve 序时进度 follows instead of a straight line.

    A milestone plan is a supervision setting, not the plan's text, so it may change on a published
    version (the change is audited); an empty list returns the task to the linear expectation.
    """
    nodes = tuple(sorted((day, float(percent)) for day, percent in milestones))
    problems = milestone_problems(start=task.plan.start_date, due=task_due(task), milestones=nodes)
    if problems:
        raise ValidationError({"milestones": problems})
    before = snapshot(task)
    task.milestones = [[day.isoformat(), percent] for day, percent in nodes]
    with transaction.atomic():
        update_audited(task, before, actor=actor, source=source, zone_id=task.plan.zone_id)
    return task


# --- publish and revise ---------------------------------------------------------------------


def publish_plan(plan: Plan, *, actor: User | None, source: str) -> Plan:
    """Freeze the draft as the next version and create one assignment per unit and task.

    Refused (PlanNotReady) while any owner is unresolved. Group owners expand to their members;
    a unit that is both lead and support of a task keeps the lead role. Progress reports of the
    previous published version carry over to the same task (by number) and unit.
    """
    _require_draft(plan)
    pending = list(unresolved_owners(plan))
    if pending:
        names = "、".join(sorted({o.name for o in pending}))
        raise PlanNotReady(f"还有 {len(pending)} 个责任单位未匹配：{names}")
    root = plan.lineage or plan
    with transaction.atomic():
        previous = Plan.objects.filter(status=PlanStatus.PUBLISHED).filter(pk=root.pk) | Plan.objects.filter(
            status=PlanStatus.PUBLISHED, lineage=root
        )
        last = previous.order_by("-version").first()
        before = snapshot(plan)
        plan.version = (last.version if last else 0) + 1
        plan.status = PlanStatus.PUBLISHED
        plan.published_by = actor
        plan.published_at = timezone.now()
        update_audited(plan, before, actor=actor, source=source, zone_id=plan.zone_id)
        if last is not None:
            old = snapshot(last)
            last.status = PlanStatus.SUPERSEDED
            update_audited(last, old, actor=actor, source=source, zone_id=last.zone_id)
        owners = TaskOwner.objects.filter(task__plan=plan, state=OwnerState.RESOLVED).select_related(
            "task", "unit"
        )
        for task in Task.objects.filter(plan=plan).order_by("order"):
            roles: dict[int, tuple[Unit, str, TaskOwner]] = {}
            for owner in (o for o in owners if o.task_id == task.pk):
                role = OwnerRole.SUPPORT if owner.role == OwnerRole.SUPPORT else OwnerRole.LEAD
                for unit in owner.members():
                    if unit.pk not in roles or role == OwnerRole.LEAD:
                        roles[unit.pk] = (unit, role, owner)
            for unit, role, owner in roles.values():
                assignment = Assignment(task=task, unit=unit, role=role, owner=owner)
                add_audited(assignment, actor=actor, source=source, zone_id=unit.zone_id)
                if last is not None:
                    _carry_reports(last, task, assignment, actor=actor, source=source)
    return plan


def _carry_reports(
    last: Plan, task: Task, assignment: Assignment, *, actor: User | None, source: str
) -> None:
    old = Assignment.objects.filter(task__plan=last, task__key=task.key, unit=assignment.unit).first()
    if old is None:
        return
    for report in old.reports.order_by("reported_at", "pk"):
        files = list(report.evidence.all())
        report.pk = None
        report.assignment = assignment
        add_audited(report, actor=actor, source=source, zone_id=assignment.unit.zone_id)
        for item in files:
            item.pk = None
            item.report = report
            add_audited(item, actor=actor, source=source, zone_id=assignment.unit.zone_id)


def revise_plan(plan: Plan, *, actor: User | None, source: str) -> Plan:
    """Copy a published version into a new draft (same lineage); the published one stays as it is."""
    if plan.status != PlanStatus.PUBLISHED:
        raise PlanFrozen(f"{plan}: 只有已发布的版本可以修订")
    with transaction.atomic():
        draft = Plan.objects.get(pk=plan.pk)
        draft.pk = None
        draft.lineage = plan.lineage or plan
        draft.version = 0
        draft.status = PlanStatus.DRAFT
        draft.published_at = None
        draft.published_by = None
        draft.created_by = actor
        zone_id = draft.zone_id
        add_audited(draft, actor=actor, source=source, zone_id=zone_id)
        section_map: dict[int, Section] = {}
        for section in Section.objects.filter(plan=plan).order_by("order"):
            old_pk = section.pk
            section.pk = None
            section.plan = draft
            section.parent = section_map.get(section.parent_id) if section.parent_id else None
            add_audited(section, actor=actor, source=source, zone_id=zone_id)
            section_map[old_pk] = section
        for task in Task.objects.filter(plan=plan).prefetch_related("owners", "deadlines", "targets"):
            children = (list(task.owners.all()), list(task.deadlines.all()), list(task.targets.all()))
            task.pk = None
            task.plan = draft
            task.section = section_map.get(task.section_id) if task.section_id else None
            add_audited(task, actor=actor, source=source, zone_id=zone_id)
            for group in children:
                for child in group:
                    child.pk = None
                    child.task = task
                    if isinstance(child, Target):
                        child.plan = draft
                    add_audited(child, actor=actor, source=source, zone_id=zone_id)
        for target in Target.objects.filter(plan=plan, task=None):
            target.pk = None
            target.plan = draft
            add_audited(target, actor=actor, source=source, zone_id=zone_id)
    return draft


# --- progress -------------------------------------------------------------------------------


def check_evidence(files: Sequence[UploadedFile]) -> None:
    for item in files:
        name = item.name or ""
        if Path(name).suffix.lower() not in EVIDENCE_TYPES:
            raise ValidationError(
                {"evidence": f"{name}: 不接受的文件类型（可用 {'、'.join(sorted(EVIDENCE_TYPES))}）"}
            )
        if (item.size or 0) > EVIDENCE_MAX_BYTES:
            raise ValidationError({"evidence": f"{name}: 超过 {EVIDENCE_MAX_BYTES // 1024 // 1024} MB"})


def report_progress(
    assignment: Assignment,
    *,
    period: str,
    percent: int,
    narrative: str,
    files: Sequence[UploadedFile] = (),
    actor: User | None,
    source: str,
) -> ProgressReport:
    """Store a progress report with its evidence (all or nothing)."""
    if assignment.task.plan.status != PlanStatus.PUBLISHED:
        raise ValidationError({"__all__": "方案不是当前发布版本，不能报送进展"})
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": "完成进度须在 0 到 100 之间"})
    last = assignment.reports.order_by("-reported_at", "-pk").first()
    if last is not None and percent < last.percent:
        raise ValidationError({"percent": f"完成进度不能低于上次报送的 {last.percent}%"})
    check_evidence(files)
    report = ProgressReport(
        assignment=assignment, period=period, percent=percent, narrative=narrative, reported_by=actor
    )
    report.full_clean()
    zone_id = assignment.unit.zone_id
    with transaction.atomic():
        add_audited(report, actor=actor, source=source, zone_id=zone_id)
        for item in files:
            evidence = Evidence(report=report, name=Path(item.name or "file").name[:200], size=item.size or 0)
            evidence.file.save(evidence.name, item, save=False)
            add_audited(evidence, actor=actor, source=source, zone_id=zone_id)
    return report


def confirm_report(report: ProgressReport, *, actor: User | None, source: str) -> ProgressReport:
    """A coordinator confirms completion (the report must say 100 %)."""
    if report.percent != 100:
        raise ValidationError({"percent": "只有完成进度为 100% 的报告可以确认完成"})
    before = snapshot(report)
    report.confirmed_by = actor
    report.confirmed_at = timezone.now()
    with transaction.atomic():
        update_audited(report, before, actor=actor, source=source, zone_id=report.assignment.unit.zone_id)
    return report
