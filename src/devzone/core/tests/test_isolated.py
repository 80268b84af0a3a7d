"""The parse child: what a reader returns or raises comes back; running out of memory or time, or dying,
ends only the child, and the next parse works."""

from __future__ import annotations

import os
import resource
import time

import pytest

from devzone.core import files
from devzone.core.isolated import Failed, run_isolated

MiB = 1024 * 1024
HERE = "devzone.core.tests.test_isolated"


# targets run in the child (module-level, so the child can import them)
def _pid() -> int:
    return os.getpid()


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * MiB))


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _abort() -> None:
    os.abort()


def _refuse() -> None:
    raise files.FileRefused.one("数据.xlsx", "第 3 行缺少开发区", row=3)


def _environment(name: str) -> str | None:
    return os.environ.get(name)


def test_the_parse_runs_in_another_process_and_its_result_comes_back() -> None:
    assert run_isolated(f"{HERE}:_pid", (), memory_bytes=512 * MiB, seconds=30) != os.getpid()
    assert run_isolated(f"{HERE}:_allocate", (10,), memory_bytes=512 * MiB, seconds=30) == 10 * MiB


def test_running_out_of_memory_ends_the_child_not_the_caller() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(Failed, match="memory"):
        run_isolated(f"{HERE}:_allocate", (2048,), memory_bytes=512 * MiB, seconds=30)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KiB: not here
    assert run_isolated(f"{HERE}:_allocate", (1,), memory_bytes=512 * MiB, seconds=30) == MiB


def test_a_parse_past_its_time_is_killed() -> None:
    started = time.monotonic()
    with pytest.raises(Failed, match="time"):
        run_isolated(f"{HERE}:_sleep", (60,), memory_bytes=512 * MiB, seconds=1)
    assert time.monotonic() - started < 10


def test_a_child_that_aborts_is_a_failure_and_the_next_parse_works() -> None:
    with pytest.raises(Failed, match="died"):
        run_isolated(f"{HERE}:_abort", (), memory_bytes=512 * MiB, seconds=30)
    assert run_isolated(f"{HERE}:_allocate", (1,), memory_bytes=512 * MiB, seconds=30) == MiB


def test_a_refusal_comes_back_with_its_cells() -> None:
    with pytest.raises(files.FileRefused) as refused:
        run_isolated(f"{HERE}:_refuse", (), memory_bytes=512 * MiB, seconds=30)
    assert refused.value.issues == (files.CellIssue(file="数据.xlsx", reason="第 3 行缺少开发区", row=3),)


def test_the_child_sees_the_callers_environment_as_it_is_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEVZONE_ISOLATION_PROBE", "甲")
    assert (
        run_isolated(f"{HERE}:_environment", ("DEVZONE_ISOLATION_PROBE",), memory_bytes=512 * MiB, seconds=30)
        == "甲"
    )
