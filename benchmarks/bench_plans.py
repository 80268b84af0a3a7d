"""Plan reading throughput, three ways a user meets it, each against a baseline measured in the same run.

1. The engine (issue 12's criterion): ``parse_text`` on a ~10 MB plan text (the seed repeated), in a
   process with the collector thresholds of the processes that read plans (the server, the CLI).
   Baseline: ``text.splitlines()`` plus one pass of a simple regex (the owner-bracket pattern) — the
   least any line-oriented reader must do.
2. The command: ``devzone plan parse FILE --json OUT`` on that text written to a file, as a subprocess
   (start-up, reading, parsing on every core the process may use, writing the JSON). Baseline: a Python subprocess that reads the file,
   splits its lines, makes the regex pass and writes the lines as JSON.
3. Real documents: every text of the real tuning corpus (plans as published, a few KB each) parsed one
   at a time, as uploads are. Baseline: splitlines and the regex pass on each.

ratio = time / baseline time.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devzone.core import collector
from devzone.plans.parse import parse_text

SEED = Path(__file__).resolve().parents[1] / "src" / "devzone" / "plans" / "tests" / "gold" / "seed.txt"
SHARED_SEED = Path("/work/shared/seeds/000_c61f569e063078fd.txt")
REAL = Path(__file__).resolve().parents[1] / "src" / "devzone" / "plans" / "tests" / "real" / "tuning"
TARGET_BYTES = 10 * 1024 * 1024
_BASELINE_RE = re.compile(r"[(（]责任单位[:：][^)）]*[)）]")


def _text() -> str:
    path = SEED if SEED.exists() else SHARED_SEED
    seed = path.read_text(encoding="utf-8")
    if not seed.endswith("\n"):
        seed += "\n"
    reps = max(1, TARGET_BYTES // len(seed.encode("utf-8")) + 1)
    return seed * reps


def _baseline(text: str) -> int:
    return len(text.splitlines()) + sum(1 for _ in _BASELINE_RE.finditer(text))


_BASELINE_COMMAND = f"""
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = text.splitlines()
hits = sum(1 for _ in re.compile({_BASELINE_RE.pattern!r}).finditer(text))
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps({{"lines": lines, "hits": hits}}, ensure_ascii=False))
"""


def _timed(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - t0


def command_figure(text: str) -> dict[str, object]:
    """``devzone plan parse FILE --json OUT`` as a subprocess against the baseline command."""
    devzone = str(Path(sys.executable).with_name("devzone"))
    with tempfile.TemporaryDirectory(prefix="devzone-bench-plan-") as tmp:
        plan, out = Path(tmp) / "plan.txt", Path(tmp) / "plan.json"
        plan.write_text(text, encoding="utf-8")
        baseline = _timed([sys.executable, "-c", _BASELINE_COMMAND, str(plan), str(out)])
        elapsed = _timed([devzone, "plan", "parse", str(plan), "--json", str(out)])
        tasks = sum(len(p["tasks"]) for p in json.loads(out.read_text(encoding="utf-8"))["plans"])
    megabytes = len(text.encode("utf-8")) / (1024 * 1024)
    assert tasks
    return {
        "name": f"devzone plan parse --json, the command ({megabytes:.1f} MB, {tasks} tasks)",
        "value": megabytes / elapsed,
        "unit": "MB/s",
        "baseline": "python: read, splitlines, regex pass, write JSON",
        "baseline_value": megabytes / baseline,
        "ratio": elapsed / baseline,
    }


def real_figure() -> dict[str, object]:
    """The real tuning corpus, each document parsed alone (best of three passes)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / (1024 * 1024)
    elapsed = baseline = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for t in texts:
            _baseline(t)
        baseline = min(baseline, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            parse_text(t, source="real")
        elapsed = min(elapsed, time.perf_counter() - t0)
    return {
        "name": f"plans.parse_text on real documents ({len(texts)} texts, {megabytes:.2f} MB, one at a time)",
        "value": megabytes / elapsed,
        "unit": "MB/s",
        "baseline": "splitlines + one regex pass, each text",
        "baseline_value": megabytes / baseline,
        "ratio": elapsed / baseline,
    }


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
        command_figure(text),
        real_figure(),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
