"""Work on a long text spread over the cores a caller grants: ``fan_out(work, n, workers=…)``.

A compendium of plans (a year's notices in one file, the 10 MB input of ``make bench``) is read plan by
plan, each from the document's shared context. The workers are forked, so they share that context as it
stands in memory (nothing of the text is copied or pickled on the way in); each returns the results of a
run of consecutive items, and the runs are joined in order: the result is the one a single process gives.

One process (``workers=1``, the default of every caller but the command line) is used where forking is
not safe or not worth it: a server's threads, a platform without ``fork``, a short text.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

_RUNS_PER_WORKER = 4  # smaller runs even out plans of unequal length
_WORK: dict[str, Callable[[int], object]] = {}  # set in the parent just before the fork, read by the workers


def available_cores() -> int:
    """The cores this process may run on (a container's or a ``taskset``'s share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on every platform)
        return os.cpu_count() or 1


def _run(bounds: tuple[int, int]) -> list[object]:
    work = _WORK["work"]
    return [work(i) for i in range(*bounds)]


def runs(weights: Sequence[int], count: int) -> list[tuple[int, int]]:
    """``count`` runs of consecutive items, ``(start, stop)``, of about equal weight; none empty.

    >>> runs([5, 5, 5, 5], 2)
    [(0, 2), (2, 4)]
    >>> runs([10, 1, 1, 1, 1], 2)
    [(0, 1), (1, 5)]
    >>> runs([1, 1], 5)
    [(0, 1), (1, 2)]
    """
    total = sum(weights) or 1
    bounds: list[tuple[int, int]] = []
    start, acc = 0, 0
    for i, w in enumerate(weights):
        acc += w
        if acc * count >= total * (len(bounds) + 1) and i + 1 < len(weights):
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(weights)))
    return bounds


def fan_out(work: Callable[[int], T], n: int, *, workers: int, weights: Sequence[int]) -> list[T]:
    """``[work(0), …, work(n - 1)]``, computed on ``workers`` forked processes when that is more than one.

    >>> fan_out(lambda i: i * i, 5, workers=2, weights=[1] * 5)
    [0, 1, 4, 9, 16]
    """
    if workers <= 1 or n < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(i) for i in range(n)]
    bounds = runs(weights, min(n, workers * _RUNS_PER_WORKER))
    _WORK["work"] = work
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(bounds))) as pool:
            parts = pool.map(_run, bounds, chunksize=1)
    finally:
        _WORK.clear()
    return [result for part in parts for result in part]  # type: ignore[misc]
