"""Suite-wide pytest set-up: shared personas, CI rules, and the PostgreSQL run's selection."""

from __future__ import annotations

import os

import pytest
from django.conf import settings

pytest_plugins = ["tests.personas"]

DB_FIXTURES = frozenset(
    {"db", "transactional_db", "live_server", "django_db_setup", "world", "django_user_model"}
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-only",
        action="store_true",
        help="run only the tests that touch the database (the PostgreSQL pass)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--db-only"):
        return
    keep = [
        i
        for i in items
        if DB_FIXTURES & set(getattr(i, "fixturenames", ())) or i.get_closest_marker("postgres")
    ]
    config.hook.pytest_deselected(items=[i for i in items if i not in keep])
    items[:] = keep


def pytest_configure(config: pytest.Config) -> None:
    # Tests serve static files from the app folders; the manifest is built by `devzone setup`.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """With CI=true a skipped PostgreSQL or browser test fails the run."""
    outcome = yield
    report = outcome.get_result()
    ci = os.environ.get("CI", "").lower() == "true"
    if ci and report.skipped and (item.get_closest_marker("postgres") or item.get_closest_marker("browser")):
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} was skipped ({report.longrepr}), and CI=true requires it to run"
