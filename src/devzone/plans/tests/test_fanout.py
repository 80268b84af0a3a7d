"""A long text's plans read on several processes give the document one process gives (``plans/fanout.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from devzone.plans import parse
from devzone.plans.fanout import fan_out
from devzone.plans.jsonform import to_json

TUNING = Path(__file__).parent / "real" / "tuning"


def test_a_compendium_read_on_two_processes_is_the_document_one_process_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a year's plans and notices pasted into one file (every real tuning text, one after another): the same
    # plans, tasks, owners, spans and flags either way (the length where the reader forks is lowered to
    # the corpus's, a third of it, to keep the test short)
    compendium = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(TUNING.glob("*.txt")))
    monkeypatch.setattr(parse, "_FAN_OUT_CHARS", len(compendium) // 3)
    one, two = parse.parse_text(compendium, workers=1), parse.parse_text(compendium, workers=2)
    assert len(one.plans) > 300
    assert to_json(two) == to_json(one)


def test_a_worker_that_fails_fails_the_call() -> None:
    def work(i: int) -> int:
        if i == 3:
            raise ValueError("第4项")
        return i

    with pytest.raises(ValueError, match="第4项"):
        fan_out(work, 6, workers=2, weights=[1] * 6)
