"""docs/plan-schema.md documents every field that to_json emits."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from devzone.plans.parse import parse_text, to_json

DOC = Path(__file__).resolve().parents[4] / "docs" / "plan-schema.md"
SAMPLE = "二、主要任务\n1.甲任务。到2025年营业收入突破10亿元。(责任单位:市委编办)\n"


def _keys(obj: Any, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            keys.add(k)
            keys |= _keys(v)
    elif isinstance(obj, list):
        for v in obj:
            keys |= _keys(v)
    return keys


def test_every_json_key_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE))
    emitted = _keys(to_json(parse_text(SAMPLE, source="s.txt")))
    assert emitted - documented == set()
