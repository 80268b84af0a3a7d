"""A stored assessment run records the software it computed with, and its page shows it."""

from __future__ import annotations

from importlib.metadata import version

import duckdb
import ibis
import numpy

import devzone
from devzone.assessment.models import AssessmentRun
from devzone.assessment.tests.conftest import Assessed
from devzone.assessment.tests.factories import zone_b_run


def test_a_run_records_the_versions_it_ran_with_and_its_page_shows_them(assessed: Assessed) -> None:
    run = AssessmentRun.objects.get(pk=assessed.run.pk)
    assert run.versions == {
        "devzone": devzone.__version__,
        "numpy": numpy.__version__,
        "duckdb": duckdb.__version__,
        "ibis": ibis.__version__,
        "SALib": version("SALib"),
    }
    w = assessed.world
    page = w.client_for(w.coordinator).get(f"/assessment/runs/{run.pk}/").content.decode()
    assert f"SALib <code>{version('SALib')}</code>" in page


def test_a_run_stored_before_versions_were_recorded_says_so(assessed: Assessed) -> None:
    w = assessed.world
    run = zone_b_run(w)
    page = w.client_for(w.coordinator).get(f"/assessment/runs/{run.pk}/").content.decode()
    assert "软件版本：未记录" in page
