"""Load a framework YAML file (``schema: devzone.framework/1``) into a validated :class:`Framework`.

Fails loudly: every error is a :class:`FrameworkError` naming the file and the key path
(``tree[0].children[1].weight``). Weights are relative within their parent (renormalised), or in
百分制 (``weight_scale: percent``) where they must sum to 100 per parent and weight group.
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from devzone.assessment.aggregate import AGGREGATORS
from devzone.assessment.errors import FrameworkError, FrameworkWarning
from devzone.assessment.framework_parts import (
    Ctx,
    as_float,
    as_int,
    as_str,
    check_keys,
    parse_groups,
    parse_missing,
    parse_normalise,
    parse_pay_bands,
    parse_rules,
    parse_tiers,
    parse_treat,
    parse_uncertainty,
)
from devzone.assessment.keys import FRAMEWORK_KEYS
from devzone.assessment.spec import DEFAULT_GROUP, Framework, Node
from devzone.assessment.weights import RI_TABLES, WeightingError, ahp_weights

SCHEMA = "devzone.framework/1"
DEFAULT_ROOT = "INDEX"


@dataclass
class _Raw:
    """A node as read, before the tree is linked (mutable scratch used only while loading)."""

    code: str
    key: str
    data: Mapping[str, Any]
    parent: str | None
    children: list[str] = field(default_factory=list)


def load_framework(path: str | Path) -> Framework:
    """Read and validate a framework YAML file.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.yaml"
    >>> _ = p.write_text('''schema: devzone.framework/1
    ... name: 示例考核
    ... normalisation: minmax
    ... aggregation: arithmetic
    ... tree:
    ...   - {code: gdp, name: 地区生产总值, direction: 1, weight: 60}
    ...   - {code: energy, name: 单位GDP能耗, direction: -1, weight: 40}
    ... ''', encoding="utf-8")
    >>> fw = load_framework(p)
    >>> fw.root, fw.indicators, fw.node("gdp").weight(None)
    ('INDEX', ('gdp', 'energy'), 60.0)
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkError(source=str(p), key="(file)", reason=f"cannot read: {exc}") from exc
    return parse_framework(text, source=str(p))


def parse_framework(text: str, *, source: str = "<string>") -> Framework:
    """Parse framework YAML text (``source`` names it in errors).

    >>> fw = parse_framework('''schema: devzone.framework/1
    ... name: t
    ... tree:
    ...   - {code: a, name: A, direction: 1, weight: 1}
    ...   - {code: b, name: B, direction: -1, weight: 1}
    ...   - {code: c, name: C, direction: 1, weight: 2}
    ... ''')
    >>> [n.code for n in fw.nodes], fw.aggregation, fw.normalise.method
    (['INDEX', 'a', 'b', 'c'], 'arithmetic', 'minmax')
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FrameworkError(source=source, key="(yaml)", reason=f"not valid YAML: {exc}") from exc
    if not isinstance(data, Mapping):
        raise FrameworkError(source=source, key="(top)", reason="the file must be a YAML mapping")
    return build_framework(data, source=source)


def build_framework(data: Mapping[str, Any], *, source: str = "<mapping>") -> Framework:
    """Validate a framework mapping (already parsed from YAML) into a :class:`Framework`.

    >>> fw = build_framework({"schema": "devzone.framework/1", "name": "t", "tree": [
    ...     {"code": "x", "name": "X", "direction": 1, "weight": 1},
    ...     {"code": "y", "name": "Y", "direction": 1, "weight": 3},
    ...     {"code": "z", "name": "Z", "direction": -1, "weight": 1}]})
    >>> fw.indicators, len(fw.sha256)
    (('x', 'y', 'z'), 64)
    """
    ctx = Ctx(source=source)
    check_keys(ctx, data, FRAMEWORK_KEYS[""], "")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise ctx.error("schema", f"must be {SCHEMA!r}, got {schema!r}")
    name = as_str(ctx, data.get("name"), "name")
    fid = as_str(ctx, data.get("id", name), "id")
    version = str(data.get("version", ""))
    groups = parse_groups(ctx, data.get("groups"))
    weight_scale = as_str(ctx, data.get("weight_scale", "relative"), "weight_scale")
    if weight_scale not in {"relative", "percent"}:
        raise ctx.error("weight_scale", f"must be relative or percent, got {weight_scale!r}")
    aggregation = _parse_aggregation(ctx, data.get("aggregation", "arithmetic"))
    warn: list[str] = []
    nodes, root = _parse_tree(ctx, data, groups.weight_groups, weight_scale, warn)
    codes = {n.code for n in nodes}
    indicators = tuple(n.code for n in nodes if n.is_leaf)
    tie = data.get("tie_decimals")
    framework = Framework(
        id=fid,
        name=name,
        version=version,
        source=source,
        sha256=framework_sha256(data),
        root=root,
        nodes=nodes,
        indicators=indicators,
        normalise=parse_normalise(ctx, data.get("normalisation", "minmax"), "normalisation"),
        aggregation=aggregation,
        treat=parse_treat(ctx, data.get("treat", "none"), "treat"),
        missing=parse_missing(ctx, data.get("missing")),
        groups=groups,
        weight_scale=weight_scale,
        tie_decimals=None if tie is None else as_int(ctx, tie, "tie_decimals", lo=0),
        rules=parse_rules(ctx, data.get("rules", []), codes, root, groups),
        pay_bands=parse_pay_bands(ctx, data.get("pay_bands"), codes, root, groups),
        tiers=parse_tiers(ctx, data.get("tiers")),
        uncertainty=parse_uncertainty(ctx, data.get("uncertainty")),
        assumptions=_str_list(ctx, data.get("assumptions", []), "assumptions"),
        sources=_str_list(ctx, data.get("sources", []), "sources"),
        warnings=tuple(warn),
    )
    for message in warn:
        warnings.warn(message, FrameworkWarning, stacklevel=2)
    return framework


def framework_sha256(data: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON form of the framework mapping (sorted keys, UTF-8).

    >>> framework_sha256({"b": 1, "a": [1, 2]}) == framework_sha256({"a": [1, 2], "b": 1})
    True
    """
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _str_list(ctx: Ctx, value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ctx.error(key, "must be a list of strings")
    return tuple(as_str(ctx, v, f"{key}[{i}]") for i, v in enumerate(value))


def _parse_aggregation(ctx: Ctx, value: Any) -> str:
    if isinstance(value, Mapping):
        check_keys(ctx, value, FRAMEWORK_KEYS["aggregation"], "aggregation")
        value = value.get("method")
    method = as_str(ctx, value, "aggregation")
    if method not in AGGREGATORS:
        raise ctx.error("aggregation", f"unknown method {method!r}; choose one of {sorted(AGGREGATORS)}")
    return method


def _collect(ctx: Ctx, items: Any, key: str, parent: str | None, out: dict[str, _Raw]) -> None:
    """Flatten nested ``children`` lists and flat ``parent:`` entries into ``out``."""
    if not isinstance(items, list) or not items:
        raise ctx.error(key, "must be a non-empty list of nodes")
    for i, item in enumerate(items):
        k = f"{key}[{i}]"
        if not isinstance(item, Mapping):
            raise ctx.error(k, "a node must be a mapping with at least code and name")
        check_keys(ctx, item, FRAMEWORK_KEYS["tree[]"], f"{k}.")
        code = as_str(ctx, item.get("code"), f"{k}.code")
        if code in out:
            raise ctx.error(f"{k}.code", f"duplicate code {code!r} (first at {out[code].key})")
        own_parent = item.get("parent")
        if own_parent is not None and parent is not None and own_parent != parent:
            raise ctx.error(f"{k}.parent", f"{own_parent!r} contradicts the enclosing node {parent!r}")
        p = parent if parent is not None else (None if own_parent is None else str(own_parent))
        out[code] = _Raw(code=code, key=k, data=item, parent=p)
        if "children" in item:
            _collect(ctx, item["children"], f"{k}.children", code, out)


def _parse_tree(
    ctx: Ctx, data: Mapping[str, Any], weight_groups: tuple[str, ...], scale: str, warn: list[str]
) -> tuple[tuple[Node, ...], str]:
    raw: dict[str, _Raw] = {}
    _collect(ctx, data.get("tree"), "tree", None, raw)
    for r in raw.values():
        if r.parent is not None:
            if r.parent not in raw:
                raise ctx.error(f"{r.key}.parent", f"orphan: parent {r.parent!r} is not a node of the tree")
            raw[r.parent].children.append(r.code)
    for r in raw.values():  # cycle check: every parent chain must end at a top node
        seen = {r.code}
        cur = r.parent
        while cur is not None:
            if cur in seen:
                raise ctx.error(f"{r.key}.parent", f"cycle in the tree through {r.code!r} and {cur!r}")
            seen.add(cur)
            cur = raw[cur].parent
    tops = [r.code for r in raw.values() if r.parent is None]
    root_cfg = data.get("root", {})
    if not isinstance(root_cfg, Mapping):
        raise ctx.error("root", "must be a mapping with code and name")
    check_keys(ctx, root_cfg, FRAMEWORK_KEYS["root"], "root.")
    if len(tops) == 1 and raw[tops[0]].children and not root_cfg:
        root = tops[0]
    else:
        root = as_str(ctx, root_cfg.get("code", DEFAULT_ROOT), "root.code")
        if root in raw:
            raise ctx.error("root.code", f"{root!r} is also a node code; choose another root code")
        raw[root] = _Raw(
            code=root, key="root", data={"code": root, "name": root_cfg.get("name", data.get("name"))},
            parent=None, children=tops,
        )  # fmt: skip
        for t in tops:
            raw[t].parent = root
    weights = _resolve_weights(ctx, raw, root=root, groups=weight_groups, scale=scale, warn=warn)
    order: list[Node] = []
    _emit(ctx, raw, root, weights, order)
    return tuple(order), root


def _resolve_weights(
    ctx: Ctx, raw: dict[str, _Raw], *, root: str, groups: tuple[str, ...], scale: str, warn: list[str]
) -> dict[str, tuple[tuple[str, float], ...]]:
    """Weights per node and group; helpers (``weighting: equal``, ``ahp``) fill the children's."""
    out: dict[str, tuple[tuple[str, float], ...]] = {root: ((DEFAULT_GROUP, 1.0),)}
    for r in raw.values():
        if not r.children:
            continue
        helper = _helper_weights(ctx, r, warn)
        for c in r.children:
            child = raw[c]
            if helper is not None:
                if "weight" in child.data:
                    raise ctx.error(
                        f"{child.key}.weight", f"set by the parent's helper at {r.key}; remove it"
                    )
                out[c] = ((DEFAULT_GROUP, helper[c]),)
            else:
                out[c] = _node_weight(ctx, child, groups)
        if scale == "percent" and helper is None:
            for g in (*groups, DEFAULT_GROUP) if groups else (DEFAULT_GROUP,):
                total = sum(_pick(out[c], g) for c in r.children)
                if not math.isclose(total, 100.0, abs_tol=1e-9):
                    raise ctx.error(
                        f"{r.key}.children", f"weights (百分制) for group {g!r} sum to {total:g}, not 100"
                    )
    return out


def _pick(weights: tuple[tuple[str, float], ...], group: str) -> float:
    table = dict(weights)
    return table.get(group, table[DEFAULT_GROUP])


def _node_weight(ctx: Ctx, r: _Raw, groups: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    key = f"{r.key}.weight"
    if "weight" not in r.data:
        raise ctx.error(
            key, "missing; give a number, a mapping by weight group, or `weighting` on the parent"
        )
    value = r.data["weight"]
    if isinstance(value, Mapping):
        table: dict[str, float] = {}
        for raw_group, w in value.items():
            g = str(raw_group)
            if g != DEFAULT_GROUP and g not in groups:
                raise ctx.error(
                    f"{key}.{g}", f"unknown weight group; declared: {list(groups)} (groups.weight_groups)"
                )
            table[g] = as_float(ctx, w, f"{key}.{g}")
        missing = [g for g in groups if g not in table] if DEFAULT_GROUP not in table else []
        if missing:
            raise ctx.error(key, f"no weight for group(s) {missing} and no default")
        if DEFAULT_GROUP not in table:
            table[DEFAULT_GROUP] = table[groups[0]]
        items = table
    else:
        items = {DEFAULT_GROUP: as_float(ctx, value, key)}
    for g, w in items.items():
        if not w > 0:
            raise ctx.error(key if len(items) == 1 else f"{key}.{g}", f"weight must be > 0, got {w:g}")
    return tuple(sorted(items.items()))


def _helper_weights(ctx: Ctx, r: _Raw, warn: list[str]) -> dict[str, float] | None:
    method = r.data.get("weighting")
    ahp = r.data.get("ahp")
    if method is None and ahp is None:
        return None
    if method == "equal" and ahp is None:
        return dict.fromkeys(r.children, 1.0)
    if method not in (None, "ahp") or ahp is None:
        raise ctx.error(f"{r.key}.weighting", f"must be equal, or ahp with an `ahp` mapping; got {method!r}")
    key = f"{r.key}.ahp"
    if not isinstance(ahp, Mapping):
        raise ctx.error(key, "must be a mapping with `matrix` (and optional `ri_table`)")
    check_keys(ctx, ahp, FRAMEWORK_KEYS["tree[].ahp"], f"{key}.")
    table = str(ahp.get("ri_table", "saaty1980"))
    if table not in RI_TABLES:
        raise ctx.error(f"{key}.ri_table", f"unknown RI table; choose one of {sorted(RI_TABLES)}")
    matrix = ahp.get("matrix")
    if not isinstance(matrix, list) or len(matrix) != len(r.children):
        raise ctx.error(
            f"{key}.matrix", f"must be a {len(r.children)}×{len(r.children)} list (one row per child)"
        )
    try:
        result = ahp_weights(matrix=matrix, ri_table=table)
    except (WeightingError, ValueError, TypeError) as exc:
        raise ctx.error(f"{key}.matrix", str(exc)) from exc
    if not result.acceptable:
        warn.append(
            f"{ctx.source}: {key}.matrix: consistency ratio CR = {result.cr:.4f} ≥ 0.1 "
            f"(λ_max = {result.lambda_max:.4f}, RI = {result.ri}, table {table}); revise the judgements"
        )
    return dict(zip(r.children, result.weights, strict=True))


def _emit(
    ctx: Ctx,
    raw: dict[str, _Raw],
    code: str,
    weights: dict[str, tuple[tuple[str, float], ...]],
    out: list[Node],
) -> None:
    r = raw[code]
    d = r.data
    leaf = not r.children
    if leaf and "direction" not in d:
        raise ctx.error(f"{r.key}.direction", "an indicator needs direction 1 (higher is better) or -1")
    if not leaf:
        for k in ("direction", "indicator", "denominator", "treat", "normalise"):
            if k in d:
                raise ctx.error(f"{r.key}.{k}", "only indicators (nodes without children) take this key")
    direction = as_int(ctx, d.get("direction", 1), f"{r.key}.direction")
    if direction not in (1, -1):
        raise ctx.error(f"{r.key}.direction", f"must be 1 or -1, got {direction}")
    out.append(
        Node(
            code=code,
            name=as_str(ctx, d.get("name", code), f"{r.key}.name"),
            parent=r.parent,
            children=tuple(r.children),
            weights=weights[code],
            key=r.key,
            direction=direction,
            indicator=str(d.get("indicator", code)) if leaf else None,
            denominator=None if d.get("denominator") is None else str(d["denominator"]),
            treat=parse_treat(ctx, d["treat"], f"{r.key}.treat") if "treat" in d else None,
            normalise=parse_normalise(ctx, d["normalise"], f"{r.key}.normalise")
            if "normalise" in d
            else None,
            unit=None if d.get("unit") is None else str(d["unit"]),
            assumed=None if d.get("assumed") is None else str(d["assumed"]),
            source=None if d.get("source") is None else str(d["source"]),
        )
    )
    for c in r.children:
        _emit(ctx, raw, c, weights, out)
