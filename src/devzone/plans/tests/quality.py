"""Quality of the plan reader on every gold folder: `make quality` prints the micro-averaged table.

Folders: ``gold/`` (the engine was developed on it), ``heldout/`` and ``heldout2/`` (written for devzone
tests, held out), and the real published documents under ``real/`` — ``real/tuning`` (the engine may be
changed against it) and ``real/blind`` (scored, never read while the engine changes; see its README).
The blind set is scored only with ``--blind`` (``make quality`` passes it), and then only its totals are
printed, never a document's misses: a miss seen there would be a temptation to tune on it. Pass
``--detail real/tuning`` to list the misses of the tuning set.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from devzone.plans.tests.scoring import CATEGORIES, Score, gold_files, score_document

HERE = Path(__file__).parent
FOLDERS = {
    "gold": HERE / "gold",
    "heldout": HERE / "heldout",
    "heldout2": HERE / "heldout2",
    "real/tuning": HERE / "real" / "tuning",
    "real/blind": HERE / "real" / "blind",
}


def folder_scores(folder: Path) -> tuple[int, dict[str, Score]]:
    """(documents, micro-averaged scores) of one folder."""
    total = {c: Score() for c in CATEGORIES}
    files = gold_files(folder)
    for path in files:
        scores, _ = score_document(path)
        for c in CATEGORIES:
            total[c].add(scores[c])
    return len(files), total


def render(results: dict[str, tuple[int, dict[str, Score]]]) -> str:
    head = f"{'folder':<13} {'docs':>4}  " + "  ".join(f"{c:>12}" for c in CATEGORIES)
    lines = [head, "-" * len(head)]
    for name, (docs, total) in results.items():
        cells = "  ".join(
            f"{total[c].f1:>6.3f} ({total[c].gold:>3})" if total[c].gold else f"{'—':>12}" for c in CATEGORIES
        )
        lines.append(f"{name:<13} {docs:>4}  {cells}")
    lines.append("F1 per category, micro-averaged; in brackets the gold count.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", choices=[k for k in FOLDERS if k != "real/blind"], default=None)
    parser.add_argument("--blind", action="store_true", help="score the blind set too (totals only)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    started = time.perf_counter()
    chosen = {n: p for n, p in FOLDERS.items() if args.blind or n != "real/blind"}
    results = {name: folder_scores(path) for name, path in chosen.items() if gold_files(path)}
    print(render(results))
    print(f"({time.perf_counter() - started:.1f} s)")
    if args.detail:
        _, total = results[args.detail]
        for c in CATEGORIES:
            for line in total[c].missed:
                print(f"missed {c}: {line}")
            for line in total[c].spurious:
                print(f"spurious {c}: {line}")
    if args.json:
        figures = {
            name: {"documents": docs} | {c: {"f1": round(t[c].f1, 4), "p": round(t[c].precision, 4),
                   "r": round(t[c].recall, 4), "gold": t[c].gold} for c in CATEGORIES}
            for name, (docs, t) in results.items()
        }  # fmt: skip
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
