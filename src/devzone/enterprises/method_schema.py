"""The keys a method YAML file may contain, as a tree; ``METHOD_KEYS`` lists every key path.

A mapping node lists its keys; ``name[]`` is a list of mappings; ``None`` is a leaf value. The loader
(:mod:`devzone.enterprises.method_load`) refuses any other key, and a test checks that every path in
``METHOD_KEYS`` has an entry in ``docs/mu-methods.md``.
"""

from __future__ import annotations

from typing import Any

_RULE = {"kind": None, "cap": None, "floor": None, "base": None}
_CLASS_RULE = {"code": None, "label": None, "when": None, "effect": None, "class": None}
SCHEMA: dict[str, Any] = {
    "id": None,
    "title": None,
    "version": None,
    "sources[]": {"title": None, "url": None, "section": None},
    "notes": None,
    "assumed": None,
    "classes[]": {"code": None, "label": None},
    "exempt_class": {"code": None, "label": None},
    "score_decimals": None,
    "group_by": None,
    "segments[]": {
        "code": None,
        "label": None,
        "when": None,
        "score_rule": _RULE,
        "missing": None,
        "indicators[]": {
            "code": None,
            "label": None,
            "formula": None,
            "unit": None,
            "direction": None,
            "weight": None,
            "benchmark": {"kind": None, "value": None, "q": None, "factor": None, "fallback": None},
            "score_rule": _RULE,
            "missing": None,
        },
    },
    "adjustments[]": {"code": None, "label": None, "when": None, "points": None, "segments": None},
    "vetoes[]": _CLASS_RULE,
    "exemptions[]": _CLASS_RULE,
    "classing": {"kind": None, "shares": None, "thresholds": None, "tie": None},
    "policies[]": {
        "class": None,
        "code": None,
        "label": None,
        "unit": None,
        "value": None,
        "by_consecutive_years": None,
    },
    "inefficient_land": {
        "tax_per_mu_floor": None,
        "consecutive_evaluations": None,
        "no_tax_years": None,
        "idle_space_share": None,
    },
}


def _flatten(node: dict[str, Any], prefix: str) -> list[str]:
    keys: list[str] = []
    for name, child in node.items():
        path = f"{prefix}{name}"
        keys.append(path)
        if isinstance(child, dict):
            keys.extend(_flatten(child, f"{path}."))
    return keys


METHOD_KEYS: tuple[str, ...] = tuple(_flatten(SCHEMA, ""))
