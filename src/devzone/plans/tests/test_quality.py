"""Quality of the plan engine against the hand-made gold annotations.

Three folders, same thresholds: ``gold/`` (the documents the engine was developed on),
``heldout/`` and ``heldout2/`` (documents written independently and never used to tune a rule).
Run with ``-s`` to see the precision/recall/F1 tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from devzone.plans.tests.scoring import (
    CATEGORIES,
    GOLD_DIR,
    HELDOUT_DIR,
    Score,
    gold_files,
    score_document,
    table,
)

HELDOUT2_DIR = HELDOUT_DIR.parent / "heldout2"
THRESHOLDS = {"owners": 0.98, "deadlines": 0.98, "targets": 0.90}
# the six seed plans and at least six documents in other layouts (issue 3); four + three held-out documents
MIN_FILES = {GOLD_DIR.name: 7, HELDOUT_DIR.name: 4, HELDOUT2_DIR.name: 3}


@pytest.mark.parametrize("folder", [GOLD_DIR, HELDOUT_DIR, HELDOUT2_DIR], ids=lambda p: p.name)
def test_quality_against_gold(folder: Path) -> None:
    files = gold_files(folder)
    assert len(files) >= MIN_FILES[folder.name], f"gold annotations are missing from {folder}"
    total = {c: Score() for c in CATEGORIES}
    rows: list[tuple[str, dict[str, Score]]] = []
    for path in files:
        scores, _ = score_document(path)
        rows.append((path.name.removesuffix(".gold.json"), scores))
        for c in CATEGORIES:
            total[c].add(scores[c])
    rows.append(("TOTAL", total))
    print(f"\n[{folder.name}]\n" + table(rows))
    for c in CATEGORIES:
        for line in total[c].missed[:20]:
            print(f"missed {c}: {line}")
        for line in total[c].spurious[:20]:
            print(f"spurious {c}: {line}")
    failing = {c: round(total[c].f1, 4) for c, limit in THRESHOLDS.items() if total[c].f1 < limit}
    assert failing == {}, f"{folder.name}: F1 below thresholds {THRESHOLDS}: {failing}"


REAL_DIR = HELDOUT_DIR.parent / "real"


@pytest.mark.parametrize("part", ["tuning", "blind"])
def test_real_corpus_gold_is_well_formed(part: str) -> None:
    """The real-document gold passes the gold checker (schema, anchors verbatim and in order), with at
    least 40 documents in all and 15 held blind (issue 12). Scores are printed by `make quality`."""
    from devzone.plans.tests.gold.check_gold import check_file  # noqa: PLC0415 - standalone checker

    files = gold_files(REAL_DIR / part)
    assert len(files) >= {"tuning": 20, "blind": 15}[part]
    assert len(gold_files(REAL_DIR / "tuning")) + len(gold_files(REAL_DIR / "blind")) >= 40
    problems = [str(p) for f in files for p in check_file(f)]
    assert problems == []


# the tuning set (795 documents since round 21: round 20's blind set joined it, read at .878/.847/.790 on
# joining) as the engine reads it at the end of round 21, less a margin for a gold document's single reading:
# a rule that loses what earlier rounds gained there fails here, not in the next round's figures
TUNING_FLOORS = {
    "tasks": 0.881,
    "owners": 0.856,
    "lead_owners": 0.804,
    "deadlines": 0.769,
    "task_targets": 0.784,
    "targets": 0.806,
}


def test_the_engine_keeps_what_it_reads_in_the_tuning_set() -> None:
    total = {c: Score() for c in CATEGORIES}
    for path in gold_files(REAL_DIR / "tuning"):
        scores, _ = score_document(path)
        for c in CATEGORIES:
            total[c].add(scores[c])
    below = {c: round(total[c].f1, 4) for c, floor in TUNING_FLOORS.items() if total[c].f1 < floor}
    assert below == {}, f"real/tuning: F1 below the floors {TUNING_FLOORS}: {below}"
