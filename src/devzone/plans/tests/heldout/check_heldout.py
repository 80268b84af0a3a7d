"""Validate the held-out gold annotations in this folder with the first gold writer's checker.

Run: ``.venv/bin/python src/devzone/plans/tests/heldout/check_heldout.py`` (exit status 1 on any problem).

``gold/check_gold.py`` always checks its own folder (``GOLD_DIR``), so this wrapper runs its
``report`` on every ``*.gold.json`` next to this file.
No engine import: the checks are the same schema, value and anchor checks as for ``gold/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from devzone.plans.tests.gold.check_gold import report

HELDOUT_DIR = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.exit(report(HELDOUT_DIR))
