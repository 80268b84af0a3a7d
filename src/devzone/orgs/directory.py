"""Load the unit directory from the database into the pure resolver's structures."""

from __future__ import annotations

from devzone.orgs.models import OwnerGroup, Unit
from devzone.orgs.resolve import Directory, DirectoryEntry, EntryKind


def load_directory() -> Directory:
    entries = [
        DirectoryEntry(
            kind=EntryKind.UNIT,
            id=unit.pk,
            name=unit.name,
            names=(unit.short_name, *unit.aliases),
            city=unit.city,
            province=unit.province,
        )
        for unit in Unit.objects.all()
    ]
    entries += [
        DirectoryEntry(
            kind=EntryKind.GROUP,
            id=group.pk,
            name=group.name,
            names=tuple(group.aliases),
            city=group.city,
            province=group.province,
        )
        for group in OwnerGroup.objects.all()
    ]
    return Directory(tuple(entries))


def expand(entry: DirectoryEntry) -> list[Unit]:
    """The member units an entry stands for: itself, or a group's members."""
    if entry.kind == EntryKind.UNIT:
        return [Unit.objects.get(pk=entry.id)]
    return list(OwnerGroup.objects.get(pk=entry.id).members.order_by("name"))
