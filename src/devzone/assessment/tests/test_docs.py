"""docs/assessment.md documents every key the framework loader accepts."""

from __future__ import annotations

from pathlib import Path

from devzone.assessment.framework_parts import FRAMEWORK_KEYS, documented_name

DOC = Path(__file__).parents[4] / "docs" / "assessment.md"


def test_every_framework_key_has_a_doc_entry() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [
        documented_name(section, key)
        for section, keys in FRAMEWORK_KEYS.items()
        for key in sorted(keys)
        if f"`{documented_name(section, key)}`" not in text
    ]
    assert missing == []
