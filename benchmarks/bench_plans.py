"""Plan engine throughput: parse a ~10 MB plan text (the seed repeated) and report MB/s.

Baseline, measured in the same run on the same text: ``text.splitlines()`` plus one pass of a
simple regex (the owner-bracket pattern) — the least any line-oriented reader must do.
ratio = parse time / baseline time.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from devzone.core import collector
from devzone.plans.parse import parse_text

SEED = Path(__file__).resolve().parents[1] / "src" / "devzone" / "plans" / "tests" / "gold" / "seed.txt"
SHARED_SEED = Path("/work/shared/seeds/000_c61f569e063078fd.txt")
TARGET_BYTES = 10 * 1024 * 1024
_BASELINE_RE = re.compile(r"[(（]责任单位[:：][^)）]*[)）]")


def _text() -> str:
    path = SEED if SEED.exists() else SHARED_SEED
    seed = path.read_text(encoding="utf-8")
    if not seed.endswith("\n"):
        seed += "\n"
    reps = max(1, TARGET_BYTES // len(seed.encode("utf-8")) + 1)
    return seed * reps


def run() -> list[dict[str, object]]:
    collector.tune()  # the collector of the processes that read plans: the server, the CLI (core/collector.py)
    text = _text()
    megabytes = len(text.encode("utf-8")) / (1024 * 1024)
    t0 = time.perf_counter()
    lines = text.splitlines()
    hits = sum(1 for _ in _BASELINE_RE.finditer(text))
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    doc = parse_text(text, source="bench")
    elapsed = time.perf_counter() - t0
    tasks = sum(len(p.tasks) for p in doc.plans)
    assert lines and hits and tasks
    return [
        {
            "name": f"plans.parse_text throughput ({megabytes:.1f} MB, {len(doc.plans)} plans, {tasks} tasks)",
            "value": megabytes / elapsed,
            "unit": "MB/s",
            "baseline": "splitlines + one regex pass",
            "baseline_value": megabytes / baseline,
            "ratio": elapsed / baseline,
        },
        {
            "name": "plans.parse_text time",
            "value": elapsed,
            "unit": "s",
            "baseline": "splitlines + one regex pass",
            "baseline_value": baseline,
            "ratio": elapsed / baseline,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
