"""Load a framework YAML file (``schema: devzone.framework/1``) into a validated :class:`Framework`.

Fails loudly: every error is a :class:`FrameworkError` naming the file and the key path
(``tree[0].children[1].weight``). The sections are pydantic models
(:mod:`devzone.assessment.framework_parts`); this module links the tree and resolves the weights. Weights are relative within their parent (renormalised), or in
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
from pydantic import TypeAdapter, ValidationError

from devzone.assessment.errors import FrameworkError, FrameworkWarning
from devzone.assessment.framework_parts import SCHEMA, FrameworkFile, NodeEntry, Root
from devzone.assessment.spec import DEFAULT_GROUP, Framework, GroupsSpec, Node, RuleSpec
from devzone.assessment.weights import WeightingError, ahp_weights
from devzone.core.strict import Refusal, first_issue

__all__ = ["SCHEMA", "build_framework", "framework_sha256", "load_framework", "parse_framework"]
_FILE = TypeAdapter(FrameworkFile)


@dataclass
class _Raw:
    """A node as read, before the tree is linked (mutable scratch used only while loading)."""

    code: str
    key: str
    entry: NodeEntry
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
        raise FrameworkError(source=str(p), key="(file)", reason=f"无法读取：{exc}") from exc
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
        raise FrameworkError(source=source, key="(yaml)", reason=f"不是有效的 YAML：{exc}") from exc
    if not isinstance(data, Mapping):
        raise FrameworkError(source=source, key="(top)", reason="文件应为 YAML 映射（键: 值）")
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
    try:
        file = _FILE.validate_python(data)
    except ValidationError as exc:
        key, reason = first_issue(exc)
        raise FrameworkError(source=source, key=key, reason=reason) from exc
    warn: list[str] = []
    try:
        framework = _link(file, data=data, source=source, warn=warn)
    except Refusal as exc:
        raise FrameworkError(source=source, key=exc.key, reason=exc.reason) from exc
    for message in warn:
        warnings.warn(message, FrameworkWarning, stacklevel=2)
    return framework


def _link(file: FrameworkFile, *, data: Mapping[str, Any], source: str, warn: list[str]) -> Framework:
    """What spans sections: the tree and its weights, and the nodes and groups rules point at."""
    groups = file.groups.spec()
    nodes, root = _parse_tree(file, groups.weight_groups, source, warn)
    codes = {n.code for n in nodes}
    pay_bands = None
    if file.pay_bands is not None:
        pay_bands = file.pay_bands.spec(_node(file.pay_bands.node or root, codes, "pay_bands.node"))
        _rank_group(pay_bands.rank_group, groups, "pay_bands.rank_group")
    return Framework(
        id=file.id or file.name,
        name=file.name,
        version=str(file.version),
        source=source,
        sha256=framework_sha256(data),
        root=root,
        nodes=nodes,
        indicators=tuple(n.code for n in nodes if n.is_leaf),
        normalise=file.normalisation.spec(),
        aggregation=file.aggregation,
        treat=file.treat.spec(),
        missing=file.missing.spec(),
        groups=groups,
        weight_scale=file.weight_scale,
        tie_decimals=file.tie_decimals,
        rules=_rules(file, codes, root, groups),
        pay_bands=pay_bands,
        tiers=None if file.tiers is None else file.tiers.spec(),
        uncertainty=file.uncertainty.spec(),
        assumptions=file.assumptions,
        sources=file.sources,
        warnings=tuple(warn),
    )


def _node(code: str, codes: set[str], key: str) -> str:
    if code not in codes:
        raise Refusal(key, f"“{code}”不是指标树中的节点")
    return code


def _rank_group(group: str, groups: GroupsSpec, key: str) -> str:
    if group not in groups.rank_groups:
        raise Refusal(key, f"“{group}”不在 groups.rank_groups 中（已声明：{'、'.join(groups.rank_groups)}）")
    return group


def _rules(file: FrameworkFile, codes: set[str], root: str, groups: GroupsSpec) -> tuple[RuleSpec, ...]:
    out: list[RuleSpec] = []
    for i, r in enumerate(file.rules):
        if any(o.id == r.id for o in out):
            raise Refusal(f"rules[{i}].id", f"规则标识“{r.id}”重复")
        out.append(
            RuleSpec(
                id=r.id, kind=r.kind, action=r.action, node=_node(r.node or root, codes, f"rules[{i}].node"),
                rank_group=_rank_group(r.rank_group, groups, f"rules[{i}].rank_group"),
                params=r.params, assumed=r.assumed,
            )
        )  # fmt: skip
    return tuple(out)


def framework_sha256(data: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON form of the framework mapping (sorted keys, UTF-8).

    >>> framework_sha256({"b": 1, "a": [1, 2]}) == framework_sha256({"a": [1, 2], "b": 1})
    True
    """
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _collect(items: tuple[NodeEntry, ...], key: str, parent: str | None, out: dict[str, _Raw]) -> None:
    """Flatten nested ``children`` lists and flat ``parent:`` entries into ``out``."""
    for i, item in enumerate(items):
        k = f"{key}[{i}]"
        if item.code in out:
            raise Refusal(f"{k}.code", f"代码“{item.code}”重复（首次出现在 {out[item.code].key}）")
        if item.parent is not None and parent is not None and item.parent != parent:
            raise Refusal(f"{k}.parent", f"上级“{item.parent}”与所在的节点“{parent}”不一致")
        out[item.code] = _Raw(code=item.code, key=k, entry=item, parent=parent or item.parent)
        if item.children is not None:
            _collect(item.children, f"{k}.children", item.code, out)


def _parse_tree(
    file: FrameworkFile, weight_groups: tuple[str, ...], source: str, warn: list[str]
) -> tuple[tuple[Node, ...], str]:
    raw: dict[str, _Raw] = {}
    _collect(file.tree, "tree", None, raw)
    for r in raw.values():
        if r.parent is not None:
            if r.parent not in raw:
                raise Refusal(f"{r.key}.parent", f"上级“{r.parent}”不是指标树中的节点")
            raw[r.parent].children.append(r.code)
    for r in raw.values():  # cycle check: every parent chain must end at a top node
        seen = {r.code}
        cur = r.parent
        while cur is not None:
            if cur in seen:
                raise Refusal(f"{r.key}.parent", f"指标树出现循环（经过“{r.code}”和“{cur}”）")
            seen.add(cur)
            cur = raw[cur].parent
    tops = [r.code for r in raw.values() if r.parent is None]
    if len(tops) == 1 and raw[tops[0]].children and file.root is None:
        root = tops[0]
    else:
        given = file.root or Root()
        root = given.code
        if root in raw:
            raise Refusal("root.code", f"“{root}”同时是某个节点的代码，请另取根节点代码")
        entry = NodeEntry(code=root, name=given.name or file.name)
        raw[root] = _Raw(code=root, key="root", entry=entry, parent=None, children=tops)
        for t in tops:
            raw[t].parent = root
    weights = _resolve_weights(
        raw, root=root, groups=weight_groups, scale=file.weight_scale, source=source, warn=warn
    )
    order: list[Node] = []
    _emit(raw, root, weights, order)
    return tuple(order), root


def _resolve_weights(
    raw: dict[str, _Raw], *, root: str, groups: tuple[str, ...], scale: str, source: str, warn: list[str]
) -> dict[str, tuple[tuple[str, float], ...]]:
    """Weights per node and group; helpers (``weighting: equal``, ``ahp``) fill the children's."""
    out: dict[str, tuple[tuple[str, float], ...]] = {root: ((DEFAULT_GROUP, 1.0),)}
    for r in raw.values():
        if not r.children:
            continue
        helper = _helper_weights(r, source, warn)
        for c in r.children:
            child = raw[c]
            if helper is not None:
                if child.entry.weight is not None:
                    raise Refusal(f"{child.key}.weight", f"权重已由上级 {r.key} 的赋权方法给出，请删去此项")
                out[c] = ((DEFAULT_GROUP, helper[c]),)
            else:
                out[c] = _node_weight(child, groups)
        if scale == "percent" and helper is None:
            for g in (*groups, DEFAULT_GROUP) if groups else (DEFAULT_GROUP,):
                total = sum(_pick(out[c], g) for c in r.children)
                if not math.isclose(total, 100.0, abs_tol=1e-9):
                    raise Refusal(f"{r.key}.children", f"权重组“{g}”的百分制权重合计为 {total:g}，应为 100")
    return out


def _pick(weights: tuple[tuple[str, float], ...], group: str) -> float:
    table = dict(weights)
    return table.get(group, table[DEFAULT_GROUP])


def _node_weight(r: _Raw, groups: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    key, value = f"{r.key}.weight", r.entry.weight
    if value is None:
        raise Refusal(key, "缺少权重：请给出数字、按权重组的映射，或在上级节点设 weighting")
    if isinstance(value, dict):
        for g in value:
            if g != DEFAULT_GROUP and g not in groups:
                raise Refusal(
                    f"{key}.{g}", f"未声明的权重组；groups.weight_groups 已声明：{'、'.join(groups)}"
                )
        if DEFAULT_GROUP not in value and (missing := [g for g in groups if g not in value]):
            raise Refusal(key, f"权重组 {'、'.join(missing)} 没有权重，也没有默认权重")
        items = value if DEFAULT_GROUP in value else value | {DEFAULT_GROUP: value[groups[0]]}
    else:
        items = {DEFAULT_GROUP: value}
    for g, w in items.items():
        if not w > 0:
            raise Refusal(key if len(items) == 1 else f"{key}.{g}", f"权重应大于 0，现为 {w:g}")
    return tuple(sorted(items.items()))


def _helper_weights(r: _Raw, source: str, warn: list[str]) -> dict[str, float] | None:
    method, ahp = r.entry.weighting, r.entry.ahp
    if method is None and ahp is None:
        return None
    if method == "equal" and ahp is None:
        return dict.fromkeys(r.children, 1.0)
    if method == "equal" or ahp is None:
        raise Refusal(f"{r.key}.weighting", f"应为 equal，或 ahp 并给出 ahp 映射；现为 {method!r}")
    key = f"{r.key}.ahp"
    if len(ahp.matrix) != len(r.children):
        raise Refusal(f"{key}.matrix", f"应为 {len(r.children)}×{len(r.children)} 的列表（每个下级节点一行）")
    try:
        result = ahp_weights(matrix=ahp.matrix, ri_table=ahp.ri_table)
    except (WeightingError, ValueError, TypeError) as exc:
        raise Refusal(f"{key}.matrix", str(exc)) from exc
    if not result.acceptable:
        warn.append(
            f"{source}: {key}.matrix: consistency ratio CR = {result.cr:.4f} ≥ 0.1 "
            f"(λ_max = {result.lambda_max:.4f}, RI = {result.ri}, table {ahp.ri_table}); revise the judgements"
        )
    return dict(zip(r.children, result.weights, strict=True))


def _emit(
    raw: dict[str, _Raw], code: str, weights: dict[str, tuple[tuple[str, float], ...]], out: list[Node]
) -> None:
    r = raw[code]
    e = r.entry
    leaf = not r.children
    if leaf and e.direction is None:
        raise Refusal(f"{r.key}.direction", "指标须有方向：1（越大越好）或 -1（越小越好）")
    if not leaf:
        for k in ("direction", "indicator", "denominator", "treat", "normalise"):
            if getattr(e, k) is not None:
                raise Refusal(f"{r.key}.{k}", "只有指标（没有下级的节点）才能设此项")
    out.append(
        Node(
            code=code,
            name=e.name or code,
            parent=r.parent,
            children=tuple(r.children),
            weights=weights[code],
            key=r.key,
            direction=e.direction or 1,
            indicator=(e.indicator or code) if leaf else None,
            denominator=e.denominator,
            treat=None if e.treat is None else e.treat.spec(),
            normalise=None if e.normalise is None else e.normalise.spec(),
            unit=e.unit,
            assumed=e.assumed,
            source=e.source,
        )
    )
    for c in r.children:
        _emit(raw, c, weights, out)
