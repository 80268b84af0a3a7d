"""Typed result of the plan engine: plans, sections, tasks, owners, deadlines and targets.

Every record carries a ``span`` ``(start, end)`` of character offsets into the decoded text
(``ParsedDocument.text``), so a reviewer can highlight the source. The JSON form of these
records is the schema ``devzone.plan/1`` documented in ``docs/plan-schema.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from devzone.core.target_kinds import TARGET_KINDS

SCHEMA = "devzone.plan/1"

Span = tuple[int, int]

ROLES = ("lead", "support", "owner")
KINDS = TARGET_KINDS
OPS = (">=", ">", "=", "<=", "<")


class PlanParseError(Exception):
    """A file could not be read as a plan; the message names the file and the problem."""


@dataclass(frozen=True, kw_only=True)
class Owner:
    """A responsible unit (责任单位) of a task: lead (牵头), support (配合) or plain owner."""

    name: str
    role: str
    group: bool
    span: Span


@dataclass(frozen=True, kw_only=True)
class Deadline:
    """A due date (完成时限). ``year``/``month``/``day`` are ``None`` when the text leaves them open."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    recurring: bool
    span: Span
    year_inferred: bool = False  # the year is the plan's (title, 文号, date), not written in the deadline


@dataclass(frozen=True, kw_only=True)
class Target:
    """A quantitative target (目标值): ``indicator`` ``op`` ``value`` ``unit`` of one ``kind``."""

    text: str
    subject: str | None
    indicator: str
    kind: str
    op: str
    value: float
    unit: str
    by_year: int | None
    by_text: str | None
    span: Span


@dataclass(frozen=True, kw_only=True)
class Task:
    """A unit of responsibility: a leaf item of a task section or any item with owners."""

    id: str
    section_path: tuple[str, ...]
    heading: str
    text: str
    span: Span
    owners: tuple[Owner, ...]
    deadlines: tuple[Deadline, ...]
    targets: tuple[Target, ...]
    flags: tuple[str, ...] = ()  # what the reviewer should look at first: FLAGS


# flags of a task (``Task.flags``), in this order; docs/plan-schema.md explains each
FLAGS = (
    "no_owner",  # no responsible unit was read for the task
    "unknown_lead",  # units were read, but the table marks its lead by a type face the text lost (加黑)
    "unresolved_date",  # a deadline gives a month (or 年底/季度) but no year, and the plan's year is unknown
    "unread_column",  # the task's table row has a column whose name the engine could not read
)


@dataclass(frozen=True, kw_only=True)
class Section:
    """A numbered heading that groups items (一、 (一) 1. …)."""

    number: str
    title: str
    level: int
    span: Span
    children: tuple[Section, ...]


@dataclass(frozen=True, kw_only=True)
class Plan:
    """One action plan (行动方案) of a document."""

    title: str | None
    span: Span
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    targets: tuple[Target, ...]


@dataclass(frozen=True, kw_only=True)
class ParsedDocument:
    """A decoded document and the plans found in it."""

    source: str
    text: str
    plans: tuple[Plan, ...]
