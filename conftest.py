"""Suite-wide pytest set-up: shared personas, CI rules, the PostgreSQL run's selection, fast hashing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from django.conf import settings
from hypothesis.configuration import set_hypothesis_home_dir

from devzone.core import collector

pytest_plugins = ["tests.personas", "tests.installations"]

CI = os.environ.get("CI", "").lower() == "true"
# Tests that skip when their system part is missing; CI installs every part, so there a skip is a failure.
CI_REQUIRED_MARKERS = ("postgres", "browser", "spark")

# A fast hasher for the suite: seven Argon2 hashes per persona set cost minutes over a whole run.
# tests/test_security.py asserts that the shipped settings still hash with Argon2 first.
TEST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Hypothesis keeps its example database and Unicode tables under a home directory that defaults to
# ./.hypothesis; point it at the system temp directory so a run writes nothing into the checkout.
HYPOTHESIS_HOME = Path(tempfile.gettempdir()) / f"devzone-hypothesis-{os.getuid()}"
set_hypothesis_home_dir(HYPOTHESIS_HOME)
# CI: the same examples on every run (derandomized, so no example database either), a deadline that a
# loaded two-core runner still meets, and the reproduction blob printed with any failure.
hypothesis.settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=2),
    max_examples=100,
    print_blob=True,
)
# Locally: fresh examples, and failures replayed from the example database under HYPOTHESIS_HOME.
hypothesis.settings.register_profile("dev")
hypothesis.settings.load_profile("ci" if CI else "dev")

DB_FIXTURES = frozenset(
    {"db", "transactional_db", "live_server", "django_db_setup", "world", "django_user_model"}
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-only",
        action="store_true",
        help="run only the tests that touch the database (the SQLite and the PostgreSQL pass)",
    )
    parser.addoption(
        "--no-db",
        action="store_true",
        help="run only the tests that do not touch the database (the engines pass: engines, doctests, "
        "commands in their own processes, Spark); with --db-only's pass on SQLite it is the whole suite",
    )


def touches_the_database(item: pytest.Item) -> bool:
    return bool(DB_FIXTURES & set(getattr(item, "fixturenames", ()))) or any(
        item.get_closest_marker(mark) for mark in ("postgres", "django_db")
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # `make test` runs the database tests and the others in separate processes, side by side on two
    # cores; the two options split the suite in two by one rule, so no test falls between them.
    db_only, no_db = config.getoption("--db-only"), config.getoption("--no-db")
    if db_only and no_db:
        raise pytest.UsageError("--db-only and --no-db exclude each other")
    if not (db_only or no_db):
        return
    keep = [i for i in items if touches_the_database(i) == db_only]
    config.hook.pytest_deselected(items=[i for i in items if touches_the_database(i) != db_only])
    items[:] = keep


def pytest_configure(config: pytest.Config) -> None:
    # Tests serve static files from the app folders; the manifest is built by `devzone setup`.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = TEST_PASSWORD_HASHERS
    # The URL walk and the fuzz test send thousands of API requests a minute from one address; the
    # limit itself is tested at its real size in tests/test_expensive_work.py (override_settings).
    settings.DEVZONE_API_PER_MINUTE = 1_000_000
    # Imports run in the request's thread and test transaction (a background thread has its own
    # connection and would not see the test's data); the threaded path has its own tests
    # (src/devzone/core/tests/test_jobs.py, transactional).
    settings.DEVZONE_JOBS_INLINE = True
    # A test process holds millions of objects by the time it reaches the page walks (Django, ibis,
    # hypothesis, DuckDB results), and ibis compiles and template renders allocate so fast that the
    # default thresholds (700, 10, 10) run a full collection over that heap every few milliseconds:
    # the Chinese-pages walk took 49 s in the SQLite pass against 3 s alone. Rarer collections keep
    # it near its own time (the pass: 943 s → 655 s with more tests, same machine; memory grows by
    # far less than the machine has).
    collector.tune()  # the served process's thresholds (devzone/core/collector.py)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """With CI=true a skipped PostgreSQL, browser or Spark test fails the run."""
    outcome = yield
    report = outcome.get_result()
    if CI and report.skipped and any(item.get_closest_marker(m) for m in CI_REQUIRED_MARKERS):
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} was skipped ({report.longrepr}), and CI=true requires it to run"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache: the rate limits of ``core.throttle`` count in it, and one
    test's requests must not spend the next test's allowance."""
    from django.core.cache import cache  # noqa: PLC0415 - Django is set up by pytest-django first

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None, django_db_blocker: Any, request: pytest.FixtureRequest
) -> Iterator[None]:
    """pytest-django's test database, with the personas' rows recorded once it is made (tests/personas.py)."""
    from tests.personas import recorded_world_setup  # noqa: PLC0415 - a plugin (pytest_plugins), loaded by pytest

    yield from recorded_world_setup(request.config, django_db_blocker)
