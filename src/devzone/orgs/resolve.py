"""Owner resolver (责任单位解析): map owner names as written in a plan to directory units.

Pure Python, no Django: the directory comes in as frozen dataclasses, so the plan engine,
the CLI and the tests can use it without a database.

A name resolves by exact match after normalisation (full-width brackets, no spaces, no
trailing 等/牵头/配合/负责) against full names, short names and aliases — restricted to the
plan's city when one is given. Nothing is guessed: a redacted name ("市_"), an unknown name
or one that fits several cities comes back unresolved with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

OPEN_BRACKETS = "(（［[〔【"
CLOSE_BRACKETS = ")）］]〕】"
SEPARATORS = frozenset("、,，;；")
ROLE_SUFFIXES = ("等单位", "等部门", "牵头", "配合", "负责", "协同", "等")
FULL_WIDTH_BRACKETS = str.maketrans("()[]〔〕", "（）（）（）")
LABEL_PREFIX = re.compile(r"^(?:责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门)[:：]?")


class EntryKind(StrEnum):
    UNIT = "unit"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """One unit or owner group with every name it may be written under."""

    kind: EntryKind
    id: int
    name: str
    names: tuple[str, ...]
    city: str = ""
    province: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    written: str
    entry: DirectoryEntry
    note: str = ""


@dataclass(frozen=True, slots=True)
class Unresolved:
    written: str
    reason: str
    candidates: tuple[DirectoryEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    matches: tuple[Match, ...]
    unresolved: tuple[Unresolved, ...]

    @property
    def ok(self) -> bool:
        return not self.unresolved


@dataclass(frozen=True)
class Directory:
    """An index of entries by normalised name."""

    entries: tuple[DirectoryEntry, ...]
    _by_name: dict[str, tuple[DirectoryEntry, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[DirectoryEntry]] = {}
        for entry in self.entries:
            for written in {entry.name, *entry.names}:
                key = normalise(written)
                if key and entry not in index.setdefault(key, []):
                    index[key].append(entry)
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in index.items()})

    def lookup(self, name: str) -> tuple[DirectoryEntry, ...]:
        return self._by_name.get(normalise(name), ())


def normalise(name: str) -> str:
    """Canonical form of a written name.

    >>> normalise(" 市商务局(自贸办) ")
    '市商务局（自贸办）'
    >>> normalise("市科技局牵头")
    '市科技局'
    >>> normalise("各县区等")
    '各县区'
    """
    text = "".join(name.split())
    text = text.translate(FULL_WIDTH_BRACKETS)
    text = LABEL_PREFIX.sub("", text)
    changed = True
    while changed:
        changed = False
        for suffix in ROLE_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text = text[: -len(suffix)]
                changed = True
    return text.strip("。.:：")


def split_owner_list(text: str) -> list[str]:
    """Split an owner list on 、,，;； but never inside brackets.

    >>> split_owner_list("市商务局(自贸办)、市税务局,连云港海关")
    ['市商务局(自贸办)', '市税务局', '连云港海关']
    >>> split_owner_list("上合组织(连云港)国际物流园、各县区")
    ['上合组织(连云港)国际物流园', '各县区']
    >>> split_owner_list("")
    []
    """
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in OPEN_BRACKETS:
            depth += 1
        elif char in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        if char in SEPARATORS and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _in_place(entries: Iterable[DirectoryEntry], *, city: str, province: str) -> tuple[DirectoryEntry, ...]:
    found = tuple(entries)
    if city:
        local = tuple(e for e in found if e.city == city)
        if local:
            return local
        found = tuple(e for e in found if not e.city)  # province-level names still fit
    if province:
        local = tuple(e for e in found if e.province == province)
        if local:
            return local
    return found


def resolve_name(
    name: str, directory: Directory, *, city: str = "", province: str = ""
) -> Match | Unresolved:
    """Resolve one written owner name."""
    written = name.strip()
    key = normalise(written)
    if not key:
        return Unresolved(written, "空白名称")
    if "_" in key or "＿" in key or "×" in key:
        return Unresolved(written, "名称被隐去（如“市_”），请人工指定")
    candidates = _in_place(directory.lookup(key), city=city, province=province)
    note = ""
    if not candidates and "（" in key:
        # "市商务局（自贸办）": the bracket names an office inside the unit.
        outer, _, inner = key.partition("（")
        candidates = _in_place(directory.lookup(outer), city=city, province=province)
        note = f"按“{outer}”匹配，“{inner.rstrip('）')}”为其内设机构"
    if len(candidates) == 1:
        return Match(written, candidates[0], note)
    if not candidates:
        return Unresolved(written, "名录中没有这个单位")
    return Unresolved(written, "对应多个单位，请指定城市或人工选择", candidates)


def resolve_owners(text: str, directory: Directory, *, city: str = "", province: str = "") -> Resolution:
    """Resolve a whole owner list as written in a plan.

    >>> d = Directory((DirectoryEntry(EntryKind.UNIT, 1, "连云港市商务局", ("市商务局",), "连云港市"),))
    >>> r = resolve_owners("市商务局(自贸办)、市_", d, city="连云港市")
    >>> [m.entry.name for m in r.matches], [u.written for u in r.unresolved]
    (['连云港市商务局'], ['市_'])
    """
    matches: list[Match] = []
    unresolved: list[Unresolved] = []
    for part in split_owner_list(LABEL_PREFIX.sub("", "".join(text.split()))):
        outcome = resolve_name(part, directory, city=city, province=province)
        if isinstance(outcome, Match):
            matches.append(outcome)
        else:
            unresolved.append(outcome)
    return Resolution(tuple(matches), tuple(unresolved))
