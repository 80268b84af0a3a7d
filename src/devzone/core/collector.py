"""Python's cycle collector tuned for a long-running process that serves pages (``devzone serve``, any
WSGI host through ``devzone.wsgi``), for every ``devzone`` command, and for the test and benchmark
processes that stand in for them.

Why: a served process holds some 350,000 tracked objects once its slices are imported (Django, ibis,
DuckDB, the URL resolvers, the kept engine columns), and a page allocates objects so fast (ORM rows,
template contexts, ibis expressions) that the default thresholds (700, 10, 10) run a full collection
over that whole heap every few requests — 180–240 ms each on the benchmark province, which is what
made a 250 ms page take 500 ms one time in three. Two changes:

* :func:`freeze` moves what set-up made (modules, URL patterns, methods) into the permanent generation
  once, so a full collection no longer walks it; after a fork the workers also keep those pages shared;
* :data:`THRESHOLDS` make young collections rarer, so the objects of a request have died by the time
  one runs. Memory grows by some 20 MB a process (measured on the benchmark province). Reading a plan
  is the same: a 10 MB text makes millions of short-lived matches, spans and names, and the default
  thresholds spent a twelfth of its reading time walking them (``make bench``)."""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 50, 1000)


def tune() -> None:
    """Rarer collections from now on (:data:`THRESHOLDS`)."""
    gc.set_threshold(*THRESHOLDS)


def freeze() -> None:
    """Everything alive now into the permanent generation (call once set-up is done), then :func:`tune`."""
    gc.collect()
    gc.freeze()
    tune()
