"""Named exceptions and warnings of the assessment engine (综合考评).

Every message names the file (or data source) and the key, so a coordinator can fix the input
without reading code.
"""

from __future__ import annotations


class AssessmentError(Exception):
    """Base class of every error the assessment engine raises on purpose."""


class FrameworkError(AssessmentError):
    """A framework YAML file is invalid: ``<file>: <key>: <reason>``.

    >>> str(FrameworkError(source="f.yaml", key="tree[0].weight", reason="must be > 0"))
    'f.yaml: tree[0].weight: must be > 0'
    """

    def __init__(self, *, source: str, key: str, reason: str) -> None:
        self.source = source
        self.key = key
        self.reason = reason
        super().__init__(f"{source}: {key}: {reason}")


class DataError(AssessmentError):
    """The zone data do not fit the framework: ``<data source>: <key>: <reason>``.

    >>> str(DataError(source="zones.csv", key="indicator gdp", reason="not in the data"))
    'zones.csv: indicator gdp: not in the data'
    """

    def __init__(self, *, source: str, key: str, reason: str) -> None:
        self.source = source
        self.key = key
        self.reason = reason
        super().__init__(f"{source}: {key}: {reason}")


class AggregationError(AssessmentError):
    """A score cannot be aggregated, e.g. a geometric mean over a value ≤ 0 (names zone and node)."""


class FrameworkWarning(UserWarning):
    """A framework loads but something deserves attention (e.g. AHP consistency ratio CR ≥ 0.1)."""
