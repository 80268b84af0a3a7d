"""Validate the hand-made gold annotations in this folder (no engine import).

Run: ``.venv/bin/python src/devzone/plans/tests/gold/check_gold.py`` (exit status 1 on any problem).

Checks, for every ``*.gold.json`` next to this file:

- the schema keys and value types of ``devzone.plan-gold/1`` (plans, tasks, owners, deadlines, targets);
- roles, kinds and ops come from the allowed sets; owner names use full-width （） and no spaces;
- deadline months are 1..12 or null, and a recurring deadline has neither year nor month;
- task anchors are 6-20 characters, target anchors 4-20 characters;
- a target stated inside a task item may name that task's anchor in ``task`` (a task target); a target
  without ``task`` is a plan target (主要目标 and the like);
- every anchor occurs verbatim in the source text (whitespace removed on both sides);
- plans are located by their titles in document order; each task anchor occurs exactly once inside
  its plan's region, task anchors follow document order, and target anchors lie inside the region.

For a ``.docx`` source the text is the body in order: paragraphs, and table cells row by row (python-docx).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.table import Table

GOLD_DIR = Path(__file__).resolve().parent
SCHEMA = "devzone.plan-gold/1"
ROLES = frozenset({"lead", "support", "owner"})
KINDS = frozenset(
    {"level", "multiple", "growth", "share", "net_increase", "cumulative", "count_per_period", "rank_change"}
)
OPS = frozenset({">=", ">", "=", "<=", "<"})
WHITESPACE = re.compile(r"\s+")
TASK_ANCHOR_LEN = (6, 20)
TARGET_ANCHOR_LEN = (4, 20)


@dataclass(frozen=True)
class Problem:
    """One defect found in a gold file."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


def squeeze(text: str) -> str:
    """Remove every whitespace character (the matching rule of the quality test).

    >>> squeeze("a b\\n c")
    'abc'
    >>> squeeze("(责任单位:各县区\\n、功能板块)")
    '(责任单位:各县区、功能板块)'
    >>> squeeze("")
    ''
    """
    return WHITESPACE.sub("", text)


def read_source(path: Path) -> str:
    """Decode a source document: .docx paragraphs then table cells; .txt by the encoding that works."""
    if path.suffix == ".docx":
        document = Document(str(path))
        parts: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    parts.extend(cell.text for cell in row.cells)
            else:
                parts.append(block.text)
        return "\n".join(parts)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    msg = f"{path.name}: neither UTF-8 nor GB18030"
    raise ValueError(msg)


def _keys(obj: object, required: set[str], optional: set[str], file: str, where: str) -> Iterator[Problem]:
    if not isinstance(obj, dict):
        yield Problem(file, where, "expected an object")
        return
    missing = required - obj.keys()
    extra = obj.keys() - required - optional
    if missing:
        yield Problem(file, where, f"missing keys {sorted(missing)}")
    if extra:
        yield Problem(file, where, f"unknown keys {sorted(extra)}")


def _anchor(value: object, bounds: tuple[int, int], file: str, where: str) -> Iterator[Problem]:
    if not isinstance(value, str):
        yield Problem(file, where, "anchor must be a string")
        return
    if not bounds[0] <= len(value) <= bounds[1]:
        yield Problem(file, where, f"anchor {value!r} has {len(value)} chars, allowed {bounds}")
    if squeeze(value) != value:
        yield Problem(file, where, f"anchor {value!r} contains whitespace")


def check_structure(gold: dict[str, object], file: str) -> Iterator[Problem]:  # noqa: C901 — one check per key of the gold schema, in schema order
    """Schema, allowed values and anchor lengths (no source needed)."""
    yield from _keys(gold, {"schema", "source", "origin", "plans"}, set(), file, "top")
    if gold.get("schema") != SCHEMA:
        yield Problem(file, "top", f"schema must be {SCHEMA!r}")
    plans = gold.get("plans")
    if not isinstance(plans, list) or not plans:
        yield Problem(file, "top", "plans must be a non-empty list")
        return
    for p_index, plan in enumerate(plans):
        p_where = f"plan {p_index}"
        yield from _keys(plan, {"title", "tasks", "targets"}, set(), file, p_where)
        if not isinstance(plan, dict):
            continue
        if plan.get("title") is not None and not isinstance(plan.get("title"), str):
            yield Problem(file, p_where, "title must be a string or null")
        for t_index, task in enumerate(plan.get("tasks", [])):
            t_where = f"{p_where} task {t_index}"
            yield from _keys(task, {"anchor", "owners", "deadlines"}, set(), file, t_where)
            yield from _anchor(task.get("anchor"), TASK_ANCHOR_LEN, file, t_where)
            for owner in task.get("owners", []):
                yield from _keys(owner, {"name", "role"}, set(), file, t_where)
                if owner.get("role") not in ROLES:
                    yield Problem(file, t_where, f"role {owner.get('role')!r} not allowed")
                name = owner.get("name")
                if not isinstance(name, str) or not name:
                    yield Problem(file, t_where, "owner name must be a non-empty string")
                elif "(" in name or ")" in name or squeeze(name) != name:
                    yield Problem(file, t_where, f"owner name {name!r} must use （） and no spaces")
            names = [owner.get("name") for owner in task.get("owners", [])]
            if len(names) != len(set(names)):
                yield Problem(file, t_where, f"duplicate owner in {names}")
            seen: set[tuple[object, object, object]] = set()
            for deadline in task.get("deadlines", []):
                yield from _keys(deadline, {"year", "month", "recurring"}, set(), file, t_where)
                year, month, recurring = (
                    deadline.get("year"),
                    deadline.get("month"),
                    deadline.get("recurring"),
                )
                if year is not None and not (isinstance(year, int) and 1990 <= year <= 2060):
                    yield Problem(file, t_where, f"bad year {year!r}")
                if month is not None and not (isinstance(month, int) and 1 <= month <= 12):
                    yield Problem(file, t_where, f"bad month {month!r}")
                if not isinstance(recurring, bool):
                    yield Problem(file, t_where, "recurring must be a bool")
                if recurring and (year is not None or month is not None):
                    yield Problem(file, t_where, "a recurring deadline has no year or month")
                if not recurring and year is None and month is None:
                    yield Problem(file, t_where, "a one-off deadline needs a year or a month")
                if (year, month, recurring) in seen:
                    yield Problem(file, t_where, f"duplicate deadline {(year, month, recurring)}")
                seen.add((year, month, recurring))
        for g_index, target in enumerate(plan.get("targets", [])):
            g_where = f"{p_where} target {g_index}"
            yield from _keys(target, {"anchor", "kind", "op", "value", "unit"}, {"task"}, file, g_where)
            task_anchors = {task.get("anchor") for task in plan.get("tasks", [])}
            if "task" in target and target["task"] not in task_anchors:
                yield Problem(file, g_where, f"task {target['task']!r} is not a task anchor of this plan")
            yield from _anchor(target.get("anchor"), TARGET_ANCHOR_LEN, file, g_where)
            if target.get("kind") not in KINDS:
                yield Problem(file, g_where, f"kind {target.get('kind')!r} not allowed")
            if target.get("op") not in OPS:
                yield Problem(file, g_where, f"op {target.get('op')!r} not allowed")
            value = target.get("value")
            if isinstance(value, bool) or not isinstance(value, int | float):
                yield Problem(file, g_where, "value must be a number")
            unit = target.get("unit")
            if not isinstance(unit, str) or not unit:
                yield Problem(file, g_where, "unit must be a non-empty string")
            kind = target.get("kind")
            if kind == "multiple" and unit != "倍":
                yield Problem(file, g_where, "a multiple target has unit 倍")
            if kind == "rank_change" and unit != "位":
                yield Problem(file, g_where, "a rank_change target has unit 位")


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    start = haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def check_anchors(gold: dict[str, object], text: str, file: str) -> Iterator[Problem]:
    """Anchors against the source: present, ordered, task anchors unique per plan region."""
    flat = squeeze(text)
    plans = gold["plans"]
    assert isinstance(plans, list)
    starts: list[int] = []
    cursor = 0
    for p_index, plan in enumerate(plans):
        title = plan.get("title")
        if p_index == 0:
            start = 0
        elif isinstance(title, str) and flat.find(squeeze(title), cursor) != -1:
            start = flat.find(squeeze(title), cursor)
        else:
            yield Problem(
                file, f"plan {p_index}", "a later plan needs a title found in the text after the previous one"
            )
            return
        starts.append(start)
        cursor = start + 1
    ends = [*starts[1:], len(flat)]
    for p_index, plan in enumerate(plans):
        region = flat[starts[p_index] : ends[p_index]]
        last = -1
        for t_index, task in enumerate(plan["tasks"]):
            where = f"plan {p_index} task {t_index}"
            anchor = squeeze(task["anchor"])
            hits = _occurrences(region, anchor)
            if not hits:
                yield Problem(file, where, f"anchor {task['anchor']!r} not in the plan's text")
                continue
            if len(hits) > 1:
                yield Problem(file, where, f"anchor {task['anchor']!r} occurs {len(hits)} times in the plan")
            if hits[0] <= last:
                yield Problem(file, where, f"anchor {task['anchor']!r} is out of document order")
            last = hits[0]
        anchors = [task["anchor"] for task in plan["tasks"]]
        if len(anchors) != len(set(anchors)):
            yield Problem(file, f"plan {p_index}", "task anchors are not unique")
        for g_index, target in enumerate(plan["targets"]):
            if squeeze(target["anchor"]) not in region:
                yield Problem(
                    file,
                    f"plan {p_index} target {g_index}",
                    f"anchor {target['anchor']!r} not in the plan's text",
                )


def check_file(path: Path) -> list[Problem]:
    """All problems of one gold file."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    problems = list(check_structure(gold, path.name))
    if problems:
        return problems
    source = path.parent / str(gold["source"])
    if not source.exists():
        return [Problem(path.name, "top", f"source {gold['source']!r} not found")]
    return list(check_anchors(gold, read_source(source), path.name))


def counts(path: Path) -> dict[str, int]:
    """Plans, tasks, owners, deadlines and targets of one gold file."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    plans = gold["plans"]
    return {
        "plans": len(plans),
        "tasks": sum(len(plan["tasks"]) for plan in plans),
        "owners": sum(len(task["owners"]) for plan in plans for task in plan["tasks"]),
        "deadlines": sum(len(task["deadlines"]) for plan in plans for task in plan["tasks"]),
        "targets": sum(len(plan["targets"]) for plan in plans),
    }


def report(folder: Path, *, extra: Callable[[Path], list[Problem]] | None = None) -> int:
    """Check every gold file in ``folder`` (plus ``extra`` checks), print problems and counts; 0 when all pass."""
    paths = sorted(folder.glob("*.gold.json"))
    problems = [p for path in paths for p in (*check_file(path), *(extra(path) if extra else ()))]
    for problem in problems:
        print(problem)
    print(f"{'file':40} plans tasks owners deadlines targets")
    total = dict.fromkeys(("plans", "tasks", "owners", "deadlines", "targets"), 0)
    for path in paths:
        row = counts(path)
        for key, value in row.items():
            total[key] += value
        print(
            f"{path.name:40} {row['plans']:5} {row['tasks']:5} {row['owners']:6} {row['deadlines']:9} {row['targets']:7}"
        )
    print(
        f"{'total':40} {total['plans']:5} {total['tasks']:5} {total['owners']:6} {total['deadlines']:9} {total['targets']:7}"
    )
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(report(GOLD_DIR))
