"""A server process is warmed before its first request: every template compiled, the reverse tables built."""

from __future__ import annotations

from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.urls import get_resolver

from devzone.core.warm import _template_names, warm


def test_warm_compiles_every_template_and_builds_the_reverse_tables() -> None:
    engine = engines["django"]
    cached = [loader for loader in engine.engine.template_loaders if isinstance(loader, CachedLoader)]
    assert cached, "templates are served by the cached loader (a compiled template is kept)"
    cached[0].reset()
    warm()
    names = _template_names(engine)  # type: ignore[arg-type]
    assert {"base.html", "projects/home.html", "orgs/_zone_pager.html"} <= set(names)
    kept = set(cached[0].get_template_cache)
    assert {n for n in names if n not in kept} == set()
    assert "projects" in get_resolver().namespace_dict
