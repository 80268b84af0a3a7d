"""Every method a framework can name has a Chinese name for the pages."""

from __future__ import annotations

from devzone.assessment.aggregate import AGGREGATORS
from devzone.assessment.impute import MISSING_RULES
from devzone.assessment.labels import (
    AGGREGATOR_LABELS,
    MISSING_LABELS,
    NORMALISER_LABELS,
    RULE_TEXTS,
    rule_text,
)
from devzone.assessment.normalise import NORMALISERS
from devzone.assessment.rules import RULE_KINDS


def test_every_method_has_a_chinese_name() -> None:
    assert set(NORMALISER_LABELS) == set(NORMALISERS)
    assert set(AGGREGATOR_LABELS) == set(AGGREGATORS)
    assert set(MISSING_LABELS) == set(MISSING_RULES)
    assert set(RULE_TEXTS) == set(RULE_KINDS)


def test_each_rule_reads_with_its_default_parameters() -> None:
    for kind, (_function, defaults) in RULE_KINDS.items():
        text = rule_text(kind, defaults)
        assert "{" not in text and not any(c.isascii() and c.isalpha() for c in text), text
