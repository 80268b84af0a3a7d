"""Validate the second held-out gold set in this folder with the first gold writer's checker.

Run: ``.venv/bin/python src/devzone/plans/tests/heldout2/check_heldout2.py`` (exit status 1 on any problem).

``gold/check_gold.py`` always checks its own folder (``GOLD_DIR``), so this wrapper imports its
functions (``check_file``, ``counts``, ``read_source``) and applies them to every ``*.gold.json`` next
to this file, as ``heldout/check_heldout.py`` does for ``heldout/``. No engine import. One check is
added: each source text holds 2,000–4,000 characters (the size this set was written to).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from devzone.plans.tests.gold.check_gold import Problem, check_file, counts, read_source

HELDOUT2_DIR = Path(__file__).resolve().parent
KEYS = ("plans", "tasks", "owners", "deadlines", "targets")
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


def check_folder(folder: Path) -> tuple[list[Problem], dict[str, dict[str, int]]]:
    """Problems and counts of every gold file in ``folder`` (files in name order)."""
    paths = sorted(folder.glob("*.gold.json"))
    problems = [problem for path in paths for problem in (*check_file(path), *check_size(path))]
    return problems, {path.name: counts(path) for path in paths}


def main() -> int:
    """Check this folder, print problems and counts; 0 when all pass."""
    problems, rows = check_folder(HELDOUT2_DIR)
    for problem in problems:
        print(problem)
    print(f"{'file':40} plans tasks owners deadlines targets")
    total = dict.fromkeys(KEYS, 0)
    for name, row in rows.items():
        for key in KEYS:
            total[key] += row[key]
        print(
            f"{name:40} {row['plans']:5} {row['tasks']:5} {row['owners']:6} {row['deadlines']:9} {row['targets']:7}"
        )
    print(
        f"{'total':40} {total['plans']:5} {total['tasks']:5} {total['owners']:6} {total['deadlines']:9} {total['targets']:7}"
    )
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
