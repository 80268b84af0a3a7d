"""The ``devzone.plan/1`` JSON form of a parsed plan document (see docs/plan-schema.md)."""

from __future__ import annotations

from typing import Any

from devzone.plans.schema import SCHEMA, ParsedDocument, Plan, Section, Target, Task

__all__ = ["to_json"]


def to_json(doc: ParsedDocument) -> dict[str, Any]:
    """The ``devzone.plan/1`` JSON form of a parsed document (see docs/plan-schema.md).

    >>> from devzone.plans.parse import parse_text
    >>> j = to_json(parse_text("一、主要任务\\n1.甲。(牵头单位:市委编办)", source="a.txt"))
    >>> (j["schema"], j["source"], j["plans"][0]["tasks"][0]["owners"][0]["role"])
    ('devzone.plan/1', 'a.txt', 'lead')
    >>> j["plans"][0]["sections"][0]["title"]
    '主要任务'
    """
    return {
        "schema": SCHEMA,
        "source": doc.source,
        "plans": [_plan_json(p) for p in doc.plans],
    }


def _plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "span": list(plan.span),
        "sections": [_section_json(s) for s in plan.sections],
        "tasks": [_task_json(t) for t in plan.tasks],
        "targets": [_target_json(t) for t in plan.targets],
    }


def _section_json(s: Section) -> dict[str, Any]:
    return {
        "number": s.number,
        "title": s.title,
        "level": s.level,
        "span": list(s.span),
        "children": [_section_json(c) for c in s.children],
    }


def _task_json(t: Task) -> dict[str, Any]:
    return {
        "id": t.id,
        "section_path": list(t.section_path),
        "heading": t.heading,
        "text": t.text,
        "span": list(t.span),
        "owners": [
            {"name": o.name, "role": o.role, "group": o.group, "span": list(o.span)} for o in t.owners
        ],
        "deadlines": [
            {
                "text": d.text,
                "year": d.year,
                "month": d.month,
                "day": d.day,
                "recurring": d.recurring,
                "year_inferred": d.year_inferred,
                "span": list(d.span),
            }
            for d in t.deadlines
        ],
        "targets": [_target_json(x) for x in t.targets],
        "flags": list(t.flags),
    }


def _target_json(t: Target) -> dict[str, Any]:
    return {
        "text": t.text,
        "subject": t.subject,
        "indicator": t.indicator,
        "kind": t.kind,
        "op": t.op,
        "value": t.value,
        "unit": t.unit,
        "by": None if t.by_year is None and t.by_text is None else {"year": t.by_year, "text": t.by_text},
        "span": list(t.span),
    }
