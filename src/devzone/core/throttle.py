"""Expensive work is bounded: recomputations (复核, 复算, reports, Monte Carlo) run at most
``DEVZONE_EXPENSIVE_CONCURRENCY`` at a time per server process, and each person and each address may
start at most ``DEVZONE_EXPENSIVE_PER_MINUTE`` of them a minute.

Why both: a per-user limit alone lets eight people (or one person with eight accounts) fill every
worker thread with minutes of CPU while a 40 ms page waits behind them; a concurrency bound alone lets
one person queue work for everyone. A refusal is immediate and says in Chinese when to try again —
a person is never left waiting on a thread that holds a lock.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

F = TypeVar("F", bound=Callable[..., HttpResponse])

_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()
WINDOW_SECONDS = 60


class Refused(Exception):
    """Expensive work refused now; ``reason`` says why and when to try again, in Chinese."""

    def __init__(self, reason: str, *, retry_after: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _semaphore() -> threading.BoundedSemaphore:
    global _slots  # noqa: PLW0603 - one bound per process, made on first use from the settings
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(settings.DEVZONE_EXPENSIVE_CONCURRENCY)
        return _slots


def client_address(request: HttpRequest) -> str:
    """The address a request came from (behind a trusted proxy, ``core.proxy`` has already set it)."""
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _count(key: str) -> int:
    """Add one to a fixed one-minute window and return the count (atomic where the cache is)."""
    window = int(time.time() // WINDOW_SECONDS)
    full = f"devzone-expensive:{key}:{window}"
    if cache.add(full, 1, timeout=WINDOW_SECONDS * 2):
        return 1
    try:
        return int(cache.incr(full))
    except ValueError:  # expired between add and incr
        cache.add(full, 1, timeout=WINDOW_SECONDS * 2)
        return 1


def seconds_to_next_window() -> int:
    return WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS


def within_rate(request: HttpRequest, scope: str, limit: int) -> bool:
    """Count this request for its person and its address; whether both are still within ``limit``."""
    user = getattr(request, "user", None)
    keys = [f"{scope}:addr:{client_address(request)}"]
    if user is not None and user.is_authenticated:
        keys.append(f"{scope}:user:{user.pk}")
    return all([_count(key) <= limit for key in keys])  # noqa: C419 - count every key, even past a refusal


def check_rate(request: HttpRequest, scope: str) -> None:
    """Refuse when this person or this address has started too much expensive work this minute."""
    limit = settings.DEVZONE_EXPENSIVE_PER_MINUTE
    if not within_rate(request, scope, limit):
        wait = seconds_to_next_window()
        raise Refused(f"一分钟内最多发起 {limit} 次此类计算，请 {wait} 秒后再试。", retry_after=wait)


def run_bounded(request: HttpRequest, scope: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` if the rate and the process's free slots allow; otherwise ``Refused``."""
    check_rate(request, scope)
    slots = _semaphore()
    if not slots.acquire(blocking=False):
        raise Refused("系统正在进行其他复核计算，请稍后再试（约 30 秒）。", retry_after=30)
    try:
        return work()
    finally:
        slots.release()


def refused_page(request: HttpRequest, refused: Refused) -> HttpResponse:
    response = render(request, "429.html", {"reason": refused.reason}, status=429)
    response["Retry-After"] = str(refused.retry_after)
    return response


def expensive(scope: str) -> Callable[[F], F]:
    """Decorate a view whose work is expensive: bounded as the module docstring says, 429 when not."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return run_bounded(request, scope, lambda: view(request, *args, **kwargs))  # type: ignore[no-any-return]
            except Refused as refused:
                return refused_page(request, refused)

        return wrapped  # type: ignore[return-value]

    return decorate
