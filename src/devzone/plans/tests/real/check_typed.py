"""Check a typist's folder with the project's gold checker (no engine import):
``.venv/bin/python src/devzone/plans/tests/real/check_typed.py /work/typing/<letter>``."""

from __future__ import annotations

import sys
from pathlib import Path

from devzone.plans.tests.gold.check_gold import report

if __name__ == "__main__":
    sys.exit(report(Path(sys.argv[1]).resolve()))
