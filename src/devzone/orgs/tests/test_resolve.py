"""The owner resolver, on names as plans write them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from devzone.orgs.resolve import (
    LABEL_PREFIX,
    Directory,
    DirectoryEntry,
    EntryKind,
    Match,
    Unresolved,
    resolve_name,
    resolve_owners,
    split_owner_list,
)

DIRECTORY = Directory(
    (
        DirectoryEntry(EntryKind.UNIT, 1, "连云港市商务局", ("市商务局",), "连云港市", "江苏省"),
        DirectoryEntry(EntryKind.UNIT, 2, "连云港市委编办", ("市委编办",), "连云港市", "江苏省"),
        DirectoryEntry(EntryKind.UNIT, 3, "遵义市商务局", ("市商务局",), "遵义市", "贵州省"),
        DirectoryEntry(
            EntryKind.UNIT,
            4,
            "上合组织（连云港）国际物流园管委会",
            ("上合组织（连云港）国际物流园",),
            "连云港市",
            "江苏省",
        ),
        DirectoryEntry(EntryKind.GROUP, 10, "各县区", (), "连云港市", "江苏省"),
        DirectoryEntry(EntryKind.GROUP, 11, "各功能板块", ("功能板块",), "连云港市", "江苏省"),
        DirectoryEntry(EntryKind.UNIT, 5, "福建省科技厅", ("省科技厅", "科技厅"), "", "福建省"),
    )
)


def names(text: str, **where: str) -> tuple[list[str], list[str]]:
    result = resolve_owners(text, DIRECTORY, **where)
    return [m.entry.name for m in result.matches], [u.written for u in result.unresolved]


def test_seed_owner_list_with_groups() -> None:
    assert names("责任单位:各县区、功能板块,市委编办", city="连云港市") == (
        ["各县区", "各功能板块", "连云港市委编办"],
        [],
    )


def test_bracketed_office_resolves_to_its_unit_with_a_note() -> None:
    outcome = resolve_name("市商务局(自贸办)", DIRECTORY, city="连云港市")
    assert isinstance(outcome, Match)
    assert outcome.entry.id == 1
    assert "自贸办" in outcome.note


def test_nested_brackets_in_a_name_are_not_split() -> None:
    assert names("上合组织(连云港)国际物流园、市商务局", city="连云港市") == (
        ["上合组织（连云港）国际物流园管委会", "连云港市商务局"],
        [],
    )


def test_redacted_name_is_reported_not_guessed() -> None:
    outcome = resolve_name("市_", DIRECTORY, city="连云港市")
    assert isinstance(outcome, Unresolved)
    assert "隐去" in outcome.reason


def test_same_short_name_in_two_cities_needs_the_city() -> None:
    outcome = resolve_name("市商务局", DIRECTORY)
    assert isinstance(outcome, Unresolved)
    assert {c.id for c in outcome.candidates} == {1, 3}
    assert names("市商务局", city="遵义市") == (["遵义市商务局"], [])


def test_unknown_name_is_unresolved() -> None:
    assert names("市气象局", city="连云港市") == ([], ["市气象局"])


def test_province_units_resolve_from_a_city_plan() -> None:
    assert names("省科技厅、科技厅", city="泉州市", province="福建省") == (
        ["福建省科技厅", "福建省科技厅"],
        [],
    )


def test_role_words_are_dropped() -> None:
    assert names("市商务局牵头,市委编办配合", city="连云港市") == (["连云港市商务局", "连云港市委编办"], [])


def test_line_break_inside_an_owner_list() -> None:
    assert names("各县区\n、功能板块", city="连云港市") == (["各县区", "各功能板块"], [])


@given(st.text())
def test_split_never_crashes_and_keeps_every_non_separator_character(text: str) -> None:
    parts = split_owner_list(text)
    kept = "".join(parts)
    assert all(part == part.strip() and part for part in parts)
    assert len(kept) <= len(text)


@given(st.lists(st.text(alphabet="市局委办甲乙_", min_size=1, max_size=8), max_size=6))
def test_bracketed_separators_never_split(parts: list[str]) -> None:
    text = "、".join(f"{p}（{p}、{p}）" for p in parts)
    assert len(split_owner_list(text)) <= len(parts)


@given(st.text(max_size=200))
def test_resolver_never_crashes(text: str) -> None:
    result = resolve_owners(text, DIRECTORY, city="连云港市")
    written = split_owner_list(LABEL_PREFIX.sub("", "".join(text.split())))
    assert sorted([m.written for m in result.matches] + [u.written for u in result.unresolved]) == sorted(
        written
    )
