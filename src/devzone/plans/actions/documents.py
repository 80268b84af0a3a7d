"""Plan documents: parse an uploaded file and store its plans as drafts; set where a draft applies."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from devzone import __version__
from devzone.audit.actions import created, snapshot, updated
from devzone.core.files import DEFAULT_LIMITS
from devzone.core.media import atomic_with_files, save_file
from devzone.orgs.directory import load_directory
from devzone.orgs.models import Zone
from devzone.orgs.resolve import Directory
from devzone.plans import schema as engine
from devzone.plans.actions.drafts import require_draft
from devzone.plans.actions.owners import resolve_plan
from devzone.plans.models import Deadline, Plan, Section, SourceDocument, Target, Task, TaskOwner
from devzone.plans.parse import parse_text, to_json
from devzone.plans.readers import SUFFIXES, read_source

if TYPE_CHECKING:
    from devzone.accounts.models import User


PARSE_METHOD = "devzone.plans.parse.parse_bytes"
PLAN_TYPES = frozenset(SUFFIXES)


class PlanImportError(Exception):
    """A file could not be imported as a plan; the message names the file and the reason."""


@dataclass(frozen=True, kw_only=True)
class PlanContext:
    """Where a plan applies: the resolver's city/province and the zone (``None`` = city-wide)."""

    city: str = ""
    province: str = ""
    zone: Zone | None = None
    year: int | None = None


def parse_upload(data: bytes, *, name: str) -> engine.ParsedDocument:
    """Check and parse an uploaded plan file; raise PlanImportError with a message naming the file.

    The document checks (size, zip limits, tracked changes, encryption, no text layer) are the readers'
    (:mod:`devzone.plans.readers`); this only refuses what no reader is for, and a file with no task.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in PLAN_TYPES:
        raise PlanImportError(f"{name}: 只接受 {' '.join(SUFFIXES)} 文件")
    if not data.strip():
        raise PlanImportError(f"{name}: 文件为空")
    try:
        read = read_source(data, source=name)
    except engine.PlanParseError as exc:
        raise PlanImportError(str(exc)) from exc
    doc = parse_text(read.text, source=Path(name).name)
    if not any(p.tasks for p in doc.plans):
        if read.unnamed_tables:
            header = "、".join(read.unnamed_tables[0][:8])
            raise PlanImportError(
                f"{name}: 没有识别出任何任务：表格的列名无法识别（表头：{header}）；"
                "请把表头写成 重点任务、责任单位（牵头单位/配合单位）、完成时限 等常用名称后再上传"
            )
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
    with atomic_with_files():
        zone = contexts[0].zone if contexts and len({c.zone for c in contexts}) == 1 else None
        places = {(c.city, c.province) for c in contexts}
        city, province = places.pop() if len(places) == 1 else ("", "")
        document = SourceDocument(
            zone=zone,
            city=city,
            province=province,
            name=name,
            text=doc.text,
            sha256=hashlib.sha256(data).hexdigest(),
            parse_method=PARSE_METHOD,
            engine_version=f"devzone {__version__} · {engine.SCHEMA}",
            uploaded_by=actor,
        )
        save_file(document.file, Path(name).name, ContentFile(data))
        document.save()
        created(document, actor=actor, source=source)
        return [
            _store_plan(document, parsed, ctx, actor=actor, source=source, directory=directory)
            for parsed, ctx in zip(plans_in, contexts, strict=True)
        ]


def keep_refused_upload(
    data: bytes,
    *,
    name: str,
    reason: str,
    actor: User | None,
    source: str,
    zone: Zone | None = None,
    city: str = "",
    province: str = "",
) -> SourceDocument | None:
    """Keep a file no plan could be read from, with the reason, for the reviewer; it creates no plan.

    An empty file or one over the upload size limit is not kept (``None``): there is nothing to open, or
    the size is itself the reason.
    """
    if not data.strip() or len(data) > DEFAULT_LIMITS.max_bytes:
        return None
    with atomic_with_files():
        document = SourceDocument(
            zone=zone,
            city=city,
            province=province,
            name=name[:200],
            text="",
            refusal=reason,
            sha256=hashlib.sha256(data).hexdigest(),
            parse_method=PARSE_METHOD,
            engine_version=f"devzone {__version__} · {engine.SCHEMA}",
            uploaded_by=actor,
        )
        save_file(document.file, Path(name).name or "upload", ContentFile(data))
        document.save()
        created(document, actor=actor, source=source)
    return document


def plan_title(parsed: engine.Plan, file_name: str) -> str:
    """The plan's title: the document's own title line, else the file's name without its suffix.

    The reviewer corrects it on the review page; a title ending in ".txt" is never what a bureau sends.

    >>> from devzone.plans.parse import parse_text
    >>> plan_title(parse_text("开发区提升行动方案\\n一、主要任务\\n1.甲。", source="a.txt").plans[0], "a.txt")
    '开发区提升行动方案'
    >>> plan_title(parse_text("一、主要任务\\n1.甲。", source="x").plans[0], "2026年工作要点.docx")
    '2026年工作要点'
    """
    title = (parsed.title or "").strip() or Path(file_name).stem.strip() or "未命名方案"
    return title[:200]


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
        title=plan_title(parsed, document.name),
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
    plan.save()
    created(plan, actor=actor, source=source)
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
            section.save()
            created(section, actor=actor, source=source)
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
        task.save()
        created(task, actor=actor, source=source)
        children: list[TaskOwner | Deadline | Target] = [
            *(
                TaskOwner(
                    task=task,
                    written=owner.name[:200],
                    name=owner.name[:200],
                    role=owner.role,
                    group=owner.group,
                    span_start=owner.span[0],
                    span_end=owner.span[1],
                )
                for owner in item.owners
            ),
            *(
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
                )
                for d in item.deadlines
            ),
            *(_target(plan, task, t) for t in item.targets),
        ]
        for child in children:
            child.save()
            created(child, actor=actor, source=source)
    in_tasks = {t for item in parsed.tasks for t in item.targets}
    for t in parsed.targets:
        if t not in in_tasks:
            target = _target(plan, None, t)
            target.save()
            created(target, actor=actor, source=source)
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


def set_plan_context(
    plan: Plan,
    *,
    context: PlanContext,
    start_date: dt.date,
    end_date: dt.date,
    actor: User | None,
    source: str,
    title: str | None = None,
) -> Plan:
    """Change the plan's title, where it applies and its dates, then resolve owners again."""
    require_draft(plan)
    if end_date <= start_date:
        raise ValidationError({"end_date": "截止日期须晚于起始日期"})
    if title is not None and not title.strip():
        raise ValidationError({"title": "方案标题不能为空"})
    with transaction.atomic():
        before = snapshot(plan)
        if title is not None:
            plan.title = title.strip()[:200]
        plan.city, plan.province, plan.zone = context.city, context.province, context.zone
        plan.start_date, plan.end_date = start_date, end_date
        if context.year:
            plan.year = context.year
        plan.save()
        updated(plan, before=before, actor=actor, source=source)
        resolve_plan(plan, actor=actor, source=source)
    return plan
