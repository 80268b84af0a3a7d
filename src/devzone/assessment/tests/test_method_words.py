"""Every method name a framework may use has its Chinese wording for the report."""

from __future__ import annotations

from devzone.assessment import method_words
from devzone.assessment.aggregate import AGGREGATORS
from devzone.assessment.impute import MISSING_RULES
from devzone.assessment.normalise import NORMALISERS
from devzone.assessment.treat import TREATMENTS


def test_every_registry_name_has_a_chinese_wording() -> None:
    assert method_words.NORMALISATION.keys() == NORMALISERS.keys()
    assert method_words.AGGREGATION.keys() == AGGREGATORS.keys()
    assert method_words.MISSING.keys() == MISSING_RULES.keys()
    assert method_words.TREATMENT.keys() == TREATMENTS.keys()


def test_rank_groups_of_the_shipped_frameworks_read_in_chinese() -> None:
    assert method_words.group_name("region3") == "分地区（苏南、苏中、苏北）"
    assert method_words.group_name("region") == "分地区（东部、中部、西部）"
    assert method_words.group_name("all") == "全部开发区"
