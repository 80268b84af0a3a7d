"""Validate the held-out gold annotations in this folder with the first gold writer's checker.

Run: ``.venv/bin/python src/devzone/plans/tests/heldout/check_heldout.py`` (exit status 1 on any problem).

``gold/check_gold.py`` always checks its own folder (``GOLD_DIR``), so this wrapper imports its
functions (``check_file``, ``counts``) and applies them to every ``*.gold.json`` next to this file.
No engine import: the checks are the same schema, value and anchor checks as for ``gold/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from devzone.plans.tests.gold.check_gold import Problem, check_file, counts

HELDOUT_DIR = Path(__file__).resolve().parent
KEYS = ("plans", "tasks", "owners", "deadlines", "targets")


def check_folder(folder: Path) -> tuple[list[Problem], dict[str, dict[str, int]]]:
    """Problems and counts of every gold file in ``folder`` (files in name order)."""
    paths = sorted(folder.glob("*.gold.json"))
    problems = [problem for path in paths for problem in check_file(path)]
    return problems, {path.name: counts(path) for path in paths}


def main() -> int:
    """Check the held-out folder, print problems and counts; 0 when all pass."""
    problems, rows = check_folder(HELDOUT_DIR)
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
