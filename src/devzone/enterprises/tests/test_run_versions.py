"""A stored 亩均 run records the software it computed with, and its page shows it."""

from __future__ import annotations

from importlib.metadata import version

import duckdb
import ibis
import numpy
from tests.personas import World

import devzone
from devzone.enterprises.actions import run_evaluation
from devzone.enterprises.tests.test_runs import load


def test_a_run_records_the_versions_it_ran_with_and_its_page_shows_them(world: World) -> None:
    load(world)
    run = run_evaluation(zone=world.zone_a, year=2024, method_id_or_yaml="lyg-seed", actor=None, source="web")
    run.refresh_from_db()
    assert run.versions == {
        "devzone": devzone.__version__,
        "numpy": numpy.__version__,
        "duckdb": duckdb.__version__,
        "ibis": ibis.__version__,
        "SALib": version("SALib"),
    }
    page = world.client_for(world.staff_a).get(f"/enterprises/runs/{run.pk}/").content.decode()
    assert f"numpy <code>{numpy.__version__}</code>" in page
    assert f"devzone <code>{devzone.__version__}</code>" in page
