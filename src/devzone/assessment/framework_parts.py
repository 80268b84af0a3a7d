"""Parsers for the sections of a framework mapping (used by :mod:`devzone.assessment.framework`).

Each parser checks its keys against :data:`devzone.assessment.keys.FRAMEWORK_KEYS` and raises a
:class:`FrameworkError` naming the file and the key path.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from devzone.assessment.errors import FrameworkError
from devzone.assessment.impute import MISSING_RULES
from devzone.assessment.keys import FRAMEWORK_KEYS
from devzone.assessment.normalise import NORMALISERS, REQUIRED_PARAMS
from devzone.assessment.rules import RULE_KINDS
from devzone.assessment.spec import (
    ALL_ZONES,
    GroupsSpec,
    MissingSpec,
    NormaliseSpec,
    PayBand,
    PayBandsSpec,
    RuleSpec,
    TiersSpec,
    TreatSpec,
    UncertaintySpec,
)
from devzone.assessment.treat import TREATMENTS

_RULE_COMMON = frozenset({"id", "kind", "action", "node", "rank_group", "assumed"})


@dataclass(frozen=True)
class Ctx:
    """Where we are: the file name used in every error."""

    source: str

    def error(self, key: str, reason: str) -> FrameworkError:
        """A FrameworkError for ``key`` in this file.

        >>> str(Ctx(source="a.yaml").error("name", "missing"))
        'a.yaml: name: missing'
        """
        return FrameworkError(source=self.source, key=key, reason=reason)


def check_keys(ctx: Ctx, data: Mapping[str, Any], allowed: frozenset[str], prefix: str) -> None:
    """Refuse unknown keys (``prefix`` is the key path, ending in '.' for nested mappings).

    >>> check_keys(Ctx(source="f.yaml"), {"rule": "zero"}, frozenset({"rule"}), "missing.")
    """
    for k in data:
        if k not in allowed:
            raise ctx.error(f"{prefix}{k}", f"unknown key; allowed: {', '.join(sorted(allowed))}")


def as_str(ctx: Ctx, value: Any, key: str) -> str:
    """A non-empty string (numbers are not accepted for names and codes).

    >>> as_str(Ctx(source="f"), "gdp", "tree[0].code")
    'gdp'
    """
    if not isinstance(value, str) or not value.strip():
        raise ctx.error(key, f"must be a non-empty string, got {value!r}")
    return value


def as_float(ctx: Ctx, value: Any, key: str) -> float:
    """A finite number (booleans refused).

    >>> as_float(Ctx(source="f"), 40, "tree[0].weight")
    40.0
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ctx.error(key, f"must be a number, got {value!r}")
    return float(value)


def as_int(ctx: Ctx, value: Any, key: str, *, lo: int | None = None) -> int:
    """An integer, optionally ≥ ``lo``.

    >>> as_int(Ctx(source="f"), 5, "treat.winmax", lo=1)
    5
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ctx.error(key, f"must be an integer, got {value!r}")
    if lo is not None and value < lo:
        raise ctx.error(key, f"must be ≥ {lo}, got {value}")
    return value


def _pair(ctx: Ctx, value: Any, key: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ctx.error(key, f"must be a list of two numbers, got {value!r}")
    a, b = as_float(ctx, value[0], f"{key}[0]"), as_float(ctx, value[1], f"{key}[1]")
    if not a < b:
        raise ctx.error(key, f"must be ordered low < high, got {value!r}")
    return a, b


def _opt_float(ctx: Ctx, d: Mapping[str, Any], k: str, key: str) -> float | None:
    return None if d.get(k) is None else as_float(ctx, d[k], f"{key}.{k}")


def parse_normalise(ctx: Ctx, value: Any, key: str) -> NormaliseSpec:
    """``normalisation: minmax`` or a mapping with ``method`` and its parameters.

    >>> parse_normalise(Ctx(source="f"), {"method": "zscore", "mean": 10, "sd": 2}, "normalisation").sd
    2.0
    """
    d: Mapping[str, Any] = {"method": value} if isinstance(value, str) else value
    if not isinstance(d, Mapping):
        raise ctx.error(key, "must be a method name or a mapping with `method`")
    check_keys(ctx, d, FRAMEWORK_KEYS["normalisation"], f"{key}.")
    method = as_str(ctx, d.get("method", "minmax"), f"{key}.method")
    if method not in NORMALISERS:
        raise ctx.error(f"{key}.method", f"unknown method {method!r}; choose one of {sorted(NORMALISERS)}")
    for need in REQUIRED_PARAMS.get(method, ()):
        if d.get(need) is None:
            raise ctx.error(f"{key}.{need}", f"required by method {method}")
    scope = str(d.get("scope", "population"))
    if scope not in {"population", "weight_group"}:
        raise ctx.error(f"{key}.scope", f"must be population or weight_group, got {scope!r}")
    sd = as_float(ctx, d.get("sd", 1.0), f"{key}.sd")
    if sd <= 0:
        raise ctx.error(f"{key}.sd", "must be > 0")
    return NormaliseSpec(
        method=method,
        to=_pair(ctx, d["to"], f"{key}.to") if "to" in d else (0.0, 100.0),
        mean=as_float(ctx, d.get("mean", 0.0), f"{key}.mean"),
        sd=sd,
        target=_opt_float(ctx, d, "target", key),
        cap=bool(d.get("cap", True)),
        goalposts=_pair(ctx, d["goalposts"], f"{key}.goalposts") if "goalposts" in d else None,
        satisfied=_opt_float(ctx, d, "satisfied", key),
        disallowed=_opt_float(ctx, d, "disallowed", key),
        clip=bool(d.get("clip", False)),
        benchmark=_opt_float(ctx, d, "benchmark", key),
        cap_multiple=_opt_float(ctx, d, "cap_multiple", key),
        scope=scope,
    )


def parse_treat(ctx: Ctx, value: Any, key: str) -> TreatSpec:
    """``treat: jrc_skew_kurt`` or a mapping (``method``, ``winmax``, ``skew_max``, ``kurt_max``, ``quantiles``).

    >>> parse_treat(Ctx(source="f"), {"method": "jrc_skew_kurt", "winmax": 5}, "treat").winmax
    5
    """
    d: Mapping[str, Any] = {"method": value} if isinstance(value, str) else value
    if not isinstance(d, Mapping):
        raise ctx.error(key, "must be a method name or a mapping with `method`")
    check_keys(ctx, d, FRAMEWORK_KEYS["treat"], f"{key}.")
    method = as_str(ctx, d.get("method", "none"), f"{key}.method")
    if method not in TREATMENTS:
        raise ctx.error(f"{key}.method", f"unknown treatment {method!r}; choose one of {sorted(TREATMENTS)}")
    q = _pair(ctx, d["quantiles"], f"{key}.quantiles") if "quantiles" in d else (0.05, 0.95)
    if not (q[0] >= 0.0 and q[1] <= 1.0):
        raise ctx.error(f"{key}.quantiles", "must lie in [0, 1]")
    return TreatSpec(
        method=method,
        winmax=as_int(ctx, d.get("winmax", 5), f"{key}.winmax", lo=1),
        skew_max=as_float(ctx, d.get("skew_max", 2.0), f"{key}.skew_max"),
        kurt_max=as_float(ctx, d.get("kurt_max", 3.5), f"{key}.kurt_max"),
        quantiles=q,
    )


def _mapping(ctx: Ctx, value: Any, key: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ctx.error(key, "must be a mapping")
    check_keys(ctx, value, FRAMEWORK_KEYS[key], f"{key}.")
    return value


def parse_groups(ctx: Ctx, value: Any) -> GroupsSpec:
    """``groups``: ``weight_group`` (zone attribute), ``weight_groups`` (its labels), ``rank_groups``.

    >>> parse_groups(Ctx(source="f"), {"weight_group": "region3", "weight_groups": ["苏南", "苏中", "苏北"]}).rank_groups
    ('all',)
    """
    d = _mapping(ctx, value, "groups")
    wg = d.get("weight_group")
    labels = d.get("weight_groups", [])
    if not isinstance(labels, list) or len(set(map(str, labels))) != len(labels):
        raise ctx.error("groups.weight_groups", "must be a list of distinct labels")
    if labels and wg is None:
        raise ctx.error("groups.weight_group", "name the zone attribute that holds the weight group labels")
    rank_groups = d.get("rank_groups", [ALL_ZONES])
    if not isinstance(rank_groups, list) or not rank_groups:
        raise ctx.error("groups.rank_groups", "must be a non-empty list (use `all` for the whole population)")
    return GroupsSpec(
        weight_group=None if wg is None else as_str(ctx, wg, "groups.weight_group"),
        weight_groups=tuple(str(x) for x in labels),
        rank_groups=tuple(as_str(ctx, g, f"groups.rank_groups[{i}]") for i, g in enumerate(rank_groups)),
    )


def parse_missing(ctx: Ctx, value: Any) -> MissingSpec:
    """``missing``: ``rule``, ``group``, ``min_share``, ``empty_zone``.

    >>> parse_missing(Ctx(source="f"), {"rule": "impute_group_mean", "group": "region3"}).rule
    'impute_group_mean'
    """
    d = _mapping(ctx, value, "missing")
    rule = as_str(ctx, d.get("rule", "available_case"), "missing.rule")
    if rule not in MISSING_RULES:
        raise ctx.error("missing.rule", f"unknown rule {rule!r}; choose one of {sorted(MISSING_RULES)}")
    group = d.get("group")
    if rule == "impute_group_mean" and group is None:
        raise ctx.error("missing.group", "impute_group_mean needs the zone attribute of the peer group")
    share = _opt_float(ctx, d, "min_share", "missing")
    if share is not None and not 0.0 < share <= 1.0:
        raise ctx.error("missing.min_share", "must be in (0, 1]")
    empty = str(d.get("empty_zone", "exclude"))
    if empty not in {"exclude", "error"}:
        raise ctx.error("missing.empty_zone", "must be exclude or error")
    return MissingSpec(
        rule=rule, group=None if group is None else str(group), min_share=share, empty_zone=empty
    )


def _rank_group(ctx: Ctx, value: Any, key: str, groups: GroupsSpec) -> str:
    g = as_str(ctx, value, key)
    if g not in groups.rank_groups:
        raise ctx.error(key, f"{g!r} is not in groups.rank_groups {list(groups.rank_groups)}")
    return g


def parse_rules(ctx: Ctx, value: Any, codes: set[str], root: str, groups: GroupsSpec) -> tuple[RuleSpec, ...]:
    """``rules``: a list of ``{id, kind, action, node?, rank_group?, <kind parameters>}``.

    >>> parse_rules(Ctx(source="f"), [{"id": "praise", "kind": "rise_streak", "action": "通报表彰"}],
    ...             {"I"}, "I", GroupsSpec())[0].params
    (('years', 2.0),)
    """
    if not isinstance(value, list):
        raise ctx.error("rules", "must be a list")
    out: list[RuleSpec] = []
    for i, d in enumerate(value):
        key = f"rules[{i}]"
        if not isinstance(d, Mapping):
            raise ctx.error(key, "must be a mapping")
        check_keys(ctx, d, FRAMEWORK_KEYS["rules[]"], f"{key}.")
        kind = as_str(ctx, d.get("kind"), f"{key}.kind")
        if kind not in RULE_KINDS:
            raise ctx.error(f"{key}.kind", f"unknown rule kind {kind!r}; choose one of {sorted(RULE_KINDS)}")
        defaults = RULE_KINDS[kind][1]
        params = {k: float(v) for k, v in defaults.items()}
        for k in d:
            if k in _RULE_COMMON:
                continue
            if k not in defaults:
                raise ctx.error(f"{key}.{k}", f"not a parameter of {kind} (takes {sorted(defaults)})")
            params[k] = float(as_int(ctx, d[k], f"{key}.{k}", lo=1))
        node = str(d.get("node", root))
        if node not in codes:
            raise ctx.error(f"{key}.node", f"{node!r} is not a node of the tree")
        rid = as_str(ctx, d.get("id"), f"{key}.id")
        if any(r.id == rid for r in out):
            raise ctx.error(f"{key}.id", f"duplicate rule id {rid!r}")
        out.append(
            RuleSpec(
                id=rid, kind=kind, action=as_str(ctx, d.get("action"), f"{key}.action"), node=node,
                rank_group=_rank_group(ctx, d.get("rank_group", ALL_ZONES), f"{key}.rank_group", groups),
                params=tuple(sorted(params.items())), assumed=None if d.get("assumed") is None else str(d["assumed"]),
            )
        )  # fmt: skip
    return tuple(out)


def parse_pay_bands(
    ctx: Ctx, value: Any, codes: set[str], root: str, groups: GroupsSpec
) -> PayBandsSpec | None:
    """``pay_bands``: ``bands`` [{upto_share, coef}] ascending, ``step``, ``clip``, ``rank_group``, ``node``.

    >>> parse_pay_bands(Ctx(source="f"), {"bands": [{"upto_share": 1.0, "coef": 1.0}]}, {"I"}, "I", GroupsSpec()).step
    0.01
    """
    if value is None:
        return None
    d = _mapping(ctx, value, "pay_bands")
    bands_raw = d.get("bands")
    if not isinstance(bands_raw, list) or not bands_raw:
        raise ctx.error("pay_bands.bands", "must be a non-empty list of {upto_share, coef}")
    bands: list[PayBand] = []
    for i, b in enumerate(bands_raw):
        k = f"pay_bands.bands[{i}]"
        if not isinstance(b, Mapping):
            raise ctx.error(k, "must be a mapping {upto_share, coef}")
        check_keys(ctx, b, FRAMEWORK_KEYS["pay_bands.bands[]"], f"{k}.")
        share = as_float(ctx, b.get("upto_share"), f"{k}.upto_share")
        if bands and share <= bands[-1].upto_share:
            raise ctx.error(f"{k}.upto_share", "bands must be ordered by increasing upto_share")
        bands.append(PayBand(upto_share=share, coef=as_float(ctx, b.get("coef"), f"{k}.coef")))
    if abs(bands[-1].upto_share - 1.0) > 1e-12:
        raise ctx.error("pay_bands.bands", "the last band must reach upto_share 1.0 (every rank gets a band)")
    node = str(d.get("node", root))
    if node not in codes:
        raise ctx.error("pay_bands.node", f"{node!r} is not a node of the tree")
    return PayBandsSpec(
        bands=tuple(bands),
        step=as_float(ctx, d.get("step", 0.01), "pay_bands.step"),
        clip=_pair(ctx, d["clip"], "pay_bands.clip") if "clip" in d else (0.8, 1.2),
        rank_group=_rank_group(ctx, d.get("rank_group", ALL_ZONES), "pay_bands.rank_group", groups),
        node=node,
        assumed=None if d.get("assumed") is None else str(d["assumed"]),
    )


def parse_tiers(ctx: Ctx, value: Any) -> TiersSpec | None:
    """``tiers``: ``metric``, ``unit``, ``thresholds`` (descending), ``labels`` (one per threshold).

    >>> parse_tiers(Ctx(source="f"), {"metric": "output", "unit": "亿元", "thresholds": [1000, 500],
    ...             "labels": ["千亿级", "500亿级"]}).thresholds
    (1000.0, 500.0)
    """
    if value is None:
        return None
    d = _mapping(ctx, value, "tiers")
    th = d.get("thresholds")
    labels = d.get("labels")
    if not isinstance(th, list) or not th:
        raise ctx.error("tiers.thresholds", "must be a non-empty list of numbers")
    ts = tuple(as_float(ctx, t, f"tiers.thresholds[{i}]") for i, t in enumerate(th))
    if any(a <= b for a, b in itertools.pairwise(ts)):
        raise ctx.error("tiers.thresholds", "must be strictly descending")
    if not isinstance(labels, list) or len(labels) != len(ts):
        raise ctx.error("tiers.labels", f"must list {len(ts)} labels, one per threshold")
    return TiersSpec(
        metric=as_str(ctx, d.get("metric"), "tiers.metric"),
        unit=str(d.get("unit", "")),
        thresholds=ts,
        labels=tuple(str(x) for x in labels),
        assumed=None if d.get("assumed") is None else str(d["assumed"]),
    )


def parse_uncertainty(ctx: Ctx, value: Any) -> UncertaintySpec:
    """``uncertainty``: samples, spread, perturb, normalisation/aggregation/winmax choices, chunk, Sobol.

    >>> parse_uncertainty(Ctx(source="f"), {"samples": 100, "aggregation": ["arithmetic", "geometric"]}).aggregation
    ('arithmetic', 'geometric')
    """
    d = _mapping(ctx, value, "uncertainty")
    perturb = str(d.get("perturb", "aggregates"))
    if perturb not in {"aggregates", "indicators", "all", "none"}:
        raise ctx.error("uncertainty.perturb", "must be aggregates, indicators, all or none")
    spread = as_float(ctx, d.get("spread", 0.25), "uncertainty.spread")
    if not 0.0 <= spread < 1.0:
        raise ctx.error("uncertainty.spread", "must be in [0, 1)")
    norms = d.get("normalisation", [])
    aggs = d.get("aggregation", [])
    wins = d.get("winmax", [])
    if not isinstance(norms, list) or not isinstance(aggs, list) or not isinstance(wins, list):
        raise ctx.error("uncertainty", "normalisation, aggregation and winmax must be lists of choices")
    for i, a in enumerate(aggs):
        if a not in ("arithmetic", "geometric"):
            raise ctx.error(f"uncertainty.aggregation[{i}]", f"unknown aggregation {a!r}")
    sw = str(d.get("sobol_weights", "each"))
    if sw not in {"each", "grouped"}:
        raise ctx.error("uncertainty.sobol_weights", "must be each or grouped")
    return UncertaintySpec(
        samples=as_int(ctx, d.get("samples", 1000), "uncertainty.samples", lo=1),
        spread=spread,
        perturb=perturb,
        normalisation=tuple(
            parse_normalise(ctx, n, f"uncertainty.normalisation[{i}]") for i, n in enumerate(norms)
        ),
        aggregation=tuple(str(a) for a in aggs),
        winmax=tuple(as_int(ctx, w, f"uncertainty.winmax[{i}]", lo=1) for i, w in enumerate(wins)),
        chunk=as_int(ctx, d.get("chunk", 1000), "uncertainty.chunk", lo=1),
        sobol_samples=as_int(ctx, d.get("sobol_samples", 256), "uncertainty.sobol_samples", lo=2),
        sobol_weights=sw,
    )
