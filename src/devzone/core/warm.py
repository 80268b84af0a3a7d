"""Warm a server process before it takes its first request: URL reversal and every template compiled.

``devzone serve`` calls :func:`warm` in the parent before it forks the workers, so each worker starts with
the work done (shared copy-on-write, and out of the collector's way once frozen). Without it the first
request of each worker paid for it — 0.3 s on a report post, seconds on the first pages of a busy start —
and under load those first requests were the slowest of the run.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.urls import get_resolver
from django.utils import translation


def _template_names(engine: DjangoTemplates) -> list[str]:
    names: set[str] = set()
    for directory in engine.template_dirs:
        root = Path(directory)
        names |= {
            p.relative_to(root).as_posix() for p in root.rglob("*") if p.suffix in {".html", ".txt", ".xml"}
        }
    return sorted(names)


def warm() -> float:
    """Populate the URL resolver and compile every template the site's engines find; the seconds it took."""
    started = time.perf_counter()
    resolver = get_resolver()
    for language in ("zh-hans", "en"):  # the resolver keeps its reverse tables per language
        with translation.override(language):
            resolver.reverse_dict  # noqa: B018 — builds the tables
            for namespace in resolver.namespace_dict:
                resolver.namespace_dict[namespace][1].reverse_dict  # noqa: B018
    for engine in engines.all():
        if isinstance(engine, DjangoTemplates):
            for name in _template_names(engine):
                engine.get_template(name)
    return time.perf_counter() - started
