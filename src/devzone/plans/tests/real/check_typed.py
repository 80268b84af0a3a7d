"""Check a typist's folder with the project's gold checker (no engine import):
/work/main/.venv/bin/python /work/typing/check_gold.py /work/typing/<letter>"""
import sys
from pathlib import Path

from devzone.plans.tests.gold.check_gold import report

sys.exit(report(Path(sys.argv[1]).resolve()))
