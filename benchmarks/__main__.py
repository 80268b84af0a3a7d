"""Run every benchmark module in its own process, print the figures and write var/bench.json.

Each figure is {"name", "value", "unit", "baseline", "baseline_value", "ratio"}; the baseline is
measured in the same run (null where a figure has none).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
KEYS = ("name", "value", "unit", "baseline", "baseline_value", "ratio")


def run_module(name: str) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="devzone-bench-") as var_dir:
        env = {
            **os.environ,
            "DEVZONE_VAR_DIR": var_dir,
            "DEVZONE_DATABASE_URL": f"sqlite:///{var_dir}/bench.sqlite3",
        }
        code = f"import json, benchmarks.{name} as m; print('BENCH-JSON ' + json.dumps(m.run()))"
        done = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=HERE.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise SystemExit(f"benchmark {name} failed:\n{done.stderr[-4000:]}")
    line = next(line for line in done.stdout.splitlines() if line.startswith("BENCH-JSON "))
    figures: list[dict[str, object]] = json.loads(line.removeprefix("BENCH-JSON "))
    for figure in figures:
        missing = [k for k in KEYS if k not in figure]
        if missing:
            raise SystemExit(f"benchmark {name}: figure {figure.get('name')} lacks {missing}")
    return figures


def main() -> None:
    console = Console(width=140)
    only = set(sys.argv[1:])
    modules = sorted(p.stem for p in HERE.glob("bench_*.py") if not only or p.stem in only)
    figures: list[dict[str, object]] = []
    for name in modules:
        with console.status(f"running {name} …"):
            figures += run_module(name)
    table = Table(title="devzone benchmarks")
    for key in KEYS:
        table.add_column(key)
    for f in figures:
        table.add_row(
            *("" if f[k] is None else f"{f[k]:.4g}" if isinstance(f[k], float) else str(f[k]) for k in KEYS)
        )
    console.print(table)
    out = Path("var") / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    console.print(f"written to {out}")


if __name__ == "__main__":
    main()
