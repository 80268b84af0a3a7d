"""Every key the framework loader accepts, by section (docs/assessment.md documents each one).

Section ``""`` is the top level; ``tree[]`` is a node; ``rules[]`` one rule. A node's ``treat`` and
``normalise`` mappings use the ``treat`` and ``normalisation`` sections, and so do the entries of
``uncertainty.normalisation``.
"""

from __future__ import annotations

FRAMEWORK_KEYS: dict[str, frozenset[str]] = {
    "": frozenset(
        {
            "schema", "id", "name", "version", "description", "sources", "assumptions", "normalisation",
            "aggregation", "tree", "root", "weight_scale", "groups", "missing", "treat", "tie_decimals",
            "rules", "pay_bands", "tiers", "uncertainty",
        }
    ),
    "root": frozenset({"code", "name"}),
    "tree[]": frozenset(
        {
            "code", "name", "weight", "children", "parent", "direction", "indicator", "denominator",
            "treat", "normalise", "unit", "assumed", "source", "weighting", "ahp",
        }
    ),
    "tree[].ahp": frozenset({"matrix", "ri_table"}),
    "groups": frozenset({"weight_group", "weight_groups", "rank_groups"}),
    "missing": frozenset({"rule", "group", "min_share", "empty_zone"}),
    "treat": frozenset({"method", "winmax", "skew_max", "kurt_max", "quantiles"}),
    "normalisation": frozenset(
        {
            "method", "to", "mean", "sd", "target", "cap", "goalposts", "satisfied", "disallowed", "clip",
            "benchmark", "cap_multiple", "scope",
        }
    ),
    "aggregation": frozenset({"method"}),
    "rules[]": frozenset(
        {"id", "kind", "action", "node", "rank_group", "assumed", "years", "k", "window", "min_hits", "n", "min_rise"}
    ),
    "pay_bands": frozenset({"bands", "step", "clip", "rank_group", "node", "assumed"}),
    "pay_bands.bands[]": frozenset({"upto_share", "coef"}),
    "tiers": frozenset({"metric", "unit", "thresholds", "labels", "assumed"}),
    "uncertainty": frozenset(
        {
            "samples", "spread", "perturb", "normalisation", "aggregation", "winmax", "chunk", "sobol_samples",
            "sobol_weights",
        }
    ),
}  # fmt: skip


def documented_name(section: str, key: str) -> str:
    """The name under which docs/assessment.md documents ``key`` of ``section``.

    >>> documented_name("", "schema"), documented_name("missing", "rule"), documented_name("tree[]", "code")
    ('schema', 'missing.rule', 'tree[].code')
    """
    return key if section == "" else f"{section}.{key}"
