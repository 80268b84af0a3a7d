"""The versions of the software a stored run computed with, so a later reader knows what reproduces it."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from devzone import __version__

# The libraries whose arithmetic decides a run's numbers: label → distribution name.
LIBRARIES = {"numpy": "numpy", "duckdb": "duckdb", "ibis": "ibis-framework", "SALib": "SALib"}


def software_versions() -> dict[str, str]:
    """``{"devzone": …, "numpy": …, "duckdb": …, "ibis": …, "SALib": …}`` as installed now.

    >>> sorted(software_versions())
    ['SALib', 'devzone', 'duckdb', 'ibis', 'numpy']
    """
    found = {"devzone": __version__}
    for label, distribution in LIBRARIES.items():
        try:
            found[label] = version(distribution)
        except PackageNotFoundError:
            found[label] = "(未安装)"
    return found
