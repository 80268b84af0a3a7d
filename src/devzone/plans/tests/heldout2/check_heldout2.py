"""Validate the second held-out gold set in this folder with the first gold writer's checker.

Run: ``.venv/bin/python src/devzone/plans/tests/heldout2/check_heldout2.py`` (exit status 1 on any problem).

``gold/check_gold.py`` always checks its own folder (``GOLD_DIR``), so this wrapper runs its
``report`` on every ``*.gold.json`` next to this file. No engine import. One check is
added: each source text holds 2,000–4,000 characters (the size this set was written to).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from devzone.plans.tests.gold.check_gold import Problem, read_source, report

HELDOUT2_DIR = Path(__file__).resolve().parent
SOURCE_CHARS = (2000, 4000)


def check_size(path: Path) -> list[Problem]:
    """A problem when the source of ``path`` is outside ``SOURCE_CHARS`` characters."""
    source = path.parent / str(json.loads(path.read_text(encoding="utf-8"))["source"])
    if not source.exists():
        return []
    size = len(read_source(source))
    if SOURCE_CHARS[0] <= size <= SOURCE_CHARS[1]:
        return []
    return [Problem(path.name, "top", f"source has {size} characters, expected {SOURCE_CHARS}")]


if __name__ == "__main__":
    sys.exit(report(HELDOUT2_DIR, extra=check_size))
