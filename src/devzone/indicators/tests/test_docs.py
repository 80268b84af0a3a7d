"""docs/indicators.md keeps up with the code: every kind, catalogue field and issue code has an entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from devzone.indicators.catalogue import INDICATOR_FIELDS
from devzone.indicators.targets import KINDS, STATUSES
from devzone.indicators.validate import ISSUE_CODES

DOC = Path(__file__).resolve().parents[4] / "docs" / "indicators.md"


def headings() -> set[str]:
    return set(re.findall(r"^### (\S+)\s*$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_target_kind_has_a_doc_entry(kind):
    assert kind in headings()


@pytest.mark.parametrize("field", sorted(INDICATOR_FIELDS))
def test_every_catalogue_field_has_a_doc_entry(field):
    assert field in headings()


@pytest.mark.parametrize("code", sorted(ISSUE_CODES))
def test_every_issue_code_is_documented(code):
    assert f"| {code} |" in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_is_documented(status):
    assert f"| {status} |" in DOC.read_text(encoding="utf-8")


def test_no_stale_kind_entries():
    kinds_section = DOC.read_text(encoding="utf-8").split("## Target kinds")[1].split("## Forecast")[0]
    documented = set(re.findall(r"^### (\S+)\s*$", kinds_section, flags=re.MULTILINE))
    assert documented == set(KINDS)
