"""Load a method YAML file into a :class:`~devzone.enterprises.method.Method`, loudly.

Every key is checked against :data:`SCHEMA`; an unknown key, a missing key, a wrong type, weights of a
segment that do not sum to 100, shares that do not sum to 1, unordered thresholds, an unknown input
field in a formula or an ``assumed`` path that does not exist raise :class:`MethodError` naming the file
and the key path (``segments[1].indicators[0].weight``). The accepted keys are in
:mod:`devzone.enterprises.method_schema`.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from devzone.enterprises.formula import Formula, FormulaError, parse
from devzone.enterprises.inputs_schema import TEXT
from devzone.enterprises.method import (
    BENCHMARK_KINDS,
    CLASSING_KINDS,
    DIRECTIONS,
    EXEMPTION_EFFECTS,
    FALLBACKS,
    MISSING_RULES,
    SCORE_RULE_KINDS,
    TIE_RULES,
    VETO_EFFECTS,
    Adjustment,
    Benchmark,
    ClassDef,
    Classing,
    ClassRule,
    Indicator,
    LandRules,
    Method,
    MethodError,
    Policy,
    ScoreRule,
    Segment,
    Source,
)
from devzone.enterprises.method_schema import SCHEMA

METHODS_DIR = resources.files("devzone.enterprises") / "methods"


class _Reader:
    """Typed getters over one mapping of a method file, raising with file and key path."""

    def __init__(self, *, file: str, data: Any, where: str, spec: dict[str, Any]) -> None:
        self.file, self.where = file, where
        if not isinstance(data, dict):
            raise MethodError(file=file, key=where or "(top)", reason="must be a mapping")
        allowed = {k.removesuffix("[]"): v for k, v in spec.items()}
        for key in data:
            if key not in allowed:
                raise MethodError(file=file, key=self.path(str(key)), reason="unknown key")
        self.data: dict[str, Any] = data
        self.spec = allowed

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, reason: str) -> MethodError:
        return MethodError(file=self.file, key=self.path(key), reason=reason)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def raw(self, key: str) -> Any:
        if not self.has(key):
            raise self.fail(key, "is required")
        return self.data[key]

    def text(self, key: str, default: str | None = None) -> str:
        if not self.has(key) and default is not None:
            return default
        value = self.raw(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string")
        return value

    def number(self, key: str, default: float | None = None) -> float:
        if not self.has(key) and default is not None:
            return default
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise self.fail(key, f"must be a number, got {value!r}")
        return float(value)

    def optional_number(self, key: str) -> float | None:
        return self.number(key) if self.has(key) else None

    def choice(self, key: str, options: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in options:
            raise self.fail(key, f"{value!r} is not one of {', '.join(options)}")
        return value

    def formula(self, key: str, want: str) -> Formula:
        try:
            return parse(self.text(key), want=want)
        except FormulaError as exc:
            raise self.fail(key, str(exc)) from exc

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of strings")
        return tuple(value)

    def children(self, key: str, *, required: bool = True) -> list[_Reader]:
        value = self.data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, "must be a non-empty list")
        return [
            _Reader(file=self.file, data=item, where=f"{self.path(key)}[{i}]", spec=self.spec[key])
            for i, item in enumerate(value)
        ]

    def child(self, key: str, *, required: bool = True) -> _Reader:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is required")
            value = {}
        return _Reader(file=self.file, data=value, where=self.path(key), spec=self.spec[key])


def _rule(r: _Reader) -> ScoreRule:
    kind = r.choice("kind", SCORE_RULE_KINDS)
    cap, floor = r.optional_number("cap"), r.optional_number("floor")
    if cap is not None and floor is not None and cap < floor:
        raise r.fail("cap", f"cap {cap} is below floor {floor}")
    base = r.number("base", 0.0)
    if not 0 <= base < 100:
        raise r.fail("base", "must be in [0, 100)")
    return ScoreRule(kind=kind, cap=cap, floor=floor, base=base)


def _benchmark(r: _Reader) -> Benchmark:
    kind = r.choice("kind", BENCHMARK_KINDS)
    value = r.optional_number("value")
    q = r.optional_number("q")
    if kind == "fixed" and (value is None or value <= 0):
        raise r.fail("value", "a fixed benchmark needs a value > 0")
    if kind == "percentile" and (q is None or not 0 <= q <= 1):
        raise r.fail("q", "a percentile benchmark needs q in [0, 1]")
    factor = r.number("factor", 1.0)
    if factor <= 0:
        raise r.fail("factor", "must be > 0")
    return Benchmark(
        kind=kind, value=value, q=q, factor=factor, fallback=r.choice("fallback", FALLBACKS, "none")
    )


def _segment(r: _Reader) -> Segment:
    default_rule = _rule(r.child("score_rule")) if r.has("score_rule") else None
    default_missing = r.choice("missing", MISSING_RULES, "zero")
    indicators = []
    for ir_ in r.children("indicators"):
        rule = _rule(ir_.child("score_rule")) if ir_.has("score_rule") else default_rule
        if rule is None:
            raise ir_.fail("score_rule", "is required (here or on the segment)")
        weight = ir_.number("weight")
        if weight < 0:
            raise ir_.fail("weight", "must be >= 0")
        indicators.append(
            Indicator(
                code=ir_.text("code"),
                label=ir_.text("label"),
                formula=ir_.formula("formula", "num"),
                unit=ir_.text("unit"),
                direction=ir_.choice("direction", DIRECTIONS, "higher"),
                weight=weight,
                benchmark=_benchmark(ir_.child("benchmark")),
                score_rule=rule,
                missing=ir_.choice("missing", MISSING_RULES, default_missing),
            )
        )
    total = sum(i.weight for i in indicators)
    if abs(total - 100) > 1e-9:
        raise r.fail("indicators", f"weights sum to {total:g}, not 100")
    _unique(r, "indicators", [i.code for i in indicators])
    return Segment(
        code=r.text("code"),
        label=r.text("label"),
        when=r.formula("when", "bool"),
        indicators=tuple(indicators),
    )


def _unique(r: _Reader, key: str, codes: list[str]) -> None:
    seen = {c for c in codes if codes.count(c) > 1}
    if seen:
        raise r.fail(key, f"duplicate code {sorted(seen)[0]!r}")


def _class_rule(r: _Reader, effects: tuple[str, ...], classes: tuple[str, ...]) -> ClassRule:
    effect = r.choice("effect", effects)
    klass = r.text("class") if effect in {"not_above", "not_below"} else None
    if klass is not None and klass not in classes:
        raise r.fail("class", f"{klass!r} is not one of the classes {', '.join(classes)}")
    return ClassRule(
        code=r.text("code"), label=r.text("label"), when=r.formula("when", "bool"), effect=effect, klass=klass
    )


def _pairs(r: _Reader, key: str) -> tuple[tuple[str, float], ...]:
    value = r.raw(key)
    if not isinstance(value, dict) or not value:
        raise r.fail(key, "must be a mapping of class code to number")
    out = []
    for name, number in value.items():
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise r.fail(f"{key}.{name}", "must be a number")
        out.append((str(name), float(number)))
    return tuple(out)


def _classing(r: _Reader, classes: tuple[str, ...]) -> Classing:
    kind = r.choice("kind", CLASSING_KINDS)
    shares: tuple[tuple[str, float], ...] = ()
    thresholds: tuple[tuple[str, float], ...] = ()
    if kind == "shares":
        shares = _pairs(r, "shares")
        if tuple(c for c, _ in shares) != classes:
            raise r.fail("shares", f"must give every class in order: {', '.join(classes)}")
        if any(s < 0 for _, s in shares) or abs(sum(s for _, s in shares) - 1) > 1e-9:
            raise r.fail("shares", "shares must be >= 0 and sum to 1")
    else:
        thresholds = _pairs(r, "thresholds")
        if tuple(c for c, _ in thresholds) != classes[:-1]:
            raise r.fail(
                "thresholds", f"must give every class but the last, in order: {', '.join(classes[:-1])}"
            )
        values = [t for _, t in thresholds]
        if any(a <= b for a, b in itertools.pairwise(values)):
            raise r.fail("thresholds", "must strictly decrease from the best class")
    return Classing(kind=kind, shares=shares, thresholds=thresholds, tie=r.choice("tie", TIE_RULES, "better"))


def _policy(r: _Reader, classes: tuple[str, ...]) -> Policy:
    klass = r.text("class")
    if klass not in classes:
        raise r.fail("class", f"{klass!r} is not a class")
    years: list[tuple[int, float]] = []
    if r.has("by_consecutive_years"):
        for n, v in _pairs(r, "by_consecutive_years"):
            if not n.isdigit() or int(n) < 1:
                raise r.fail(f"by_consecutive_years.{n}", "keys are year counts 1, 2, 3, …")
            years.append((int(n), v))
        if [n for n, _ in years] != list(range(1, len(years) + 1)):
            raise r.fail("by_consecutive_years", "keys must run 1, 2, 3, … without gaps")
    value = r.optional_number("value")
    if value is not None and years:
        raise r.fail("value", "give value or by_consecutive_years, not both (neither = a flag)")
    return Policy(
        klass=klass,
        code=r.text("code"),
        label=r.text("label"),
        unit=r.text("unit"),
        value=value,
        by_consecutive_years=tuple(years),
    )


def _check_assumed(r: _Reader, paths: tuple[str, ...]) -> None:
    for path in paths:
        node: Any = r.data
        for token in path.split("."):
            if isinstance(node, list):
                node = next((x for x in node if isinstance(x, dict) and str(x.get("code")) == token), None)
            elif isinstance(node, dict):
                node = node.get(token)
            if node is None:
                raise r.fail("assumed", f"path {path!r} does not name a value in this file")


def load_text(text: str, *, file: str) -> Method:
    """Parse method YAML ``text``; ``file`` is used in error messages.

    >>> m = load_method(METHODS_DIR / "zj-huangyan-2022.yaml")
    >>> (m.id, [s.code for s in m.segments], m.class_codes)
    ('zj-huangyan-2022', ['above', 'below'], ('A', 'B', 'C', 'D'))
    >>> load_text("id: x\\nweird: 1", file="bad.yaml")
    Traceback (most recent call last):
    ...
    devzone.enterprises.method.MethodError: bad.yaml: weird: unknown key
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MethodError(file=file, key="(yaml)", reason=str(exc)) from exc
    r = _Reader(file=file, data=data, where="", spec=SCHEMA)
    classes = tuple(ClassDef(code=c.text("code"), label=c.text("label")) for c in r.children("classes"))
    codes = tuple(c.code for c in classes)
    _unique(r, "classes", list(codes))
    ex = r.child("exempt_class")
    exempt_class = ClassDef(code=ex.text("code"), label=ex.text("label"))
    segments = tuple(_segment(s) for s in r.children("segments"))
    _unique(r, "segments", [s.code for s in segments])
    first: dict[str, str] = {}
    for si, seg in enumerate(segments):
        for ii, ind in enumerate(seg.indicators):
            key = f"{ind.formula.text} [{ind.unit}] {ind.direction}"
            if first.setdefault(ind.code, key) != key:
                raise MethodError(
                    file=file,
                    key=f"segments[{si}].indicators[{ii}].formula",
                    reason=f"code {ind.code!r} is used with another formula, unit or direction elsewhere",
                )
    adjustments = []
    for a in r.children("adjustments", required=False):
        segs = a.strings("segments")
        if unknown := set(segs) - {s.code for s in segments}:
            raise a.fail("segments", f"unknown segment {sorted(unknown)[0]!r}")
        adjustments.append(
            Adjustment(
                code=a.text("code"),
                label=a.text("label"),
                when=a.formula("when", "bool"),
                points=a.number("points"),
                segments=segs,
            )
        )
    group_by = r.strings("group_by")
    if bad := [g for g in group_by if g not in TEXT - {"veto", "exempt", "uscc", "name"}]:
        raise r.fail("group_by", f"{bad[0]!r} cannot group a ranking")
    land = r.child("inefficient_land", required=False)
    decimals = r.number("score_decimals", 4)
    if decimals != int(decimals) or not 0 <= decimals <= 8:
        raise r.fail("score_decimals", "must be a whole number 0..8")
    assumed = r.strings("assumed")
    _check_assumed(r, assumed)
    version = r.number("version")
    return Method(
        id=r.text("id"),
        title=r.text("title"),
        version=int(version),
        sources=tuple(
            Source(title=s.text("title"), url=s.text("url"), section=s.text("section", "-"))
            for s in r.children("sources")
        ),
        notes=r.strings("notes"),
        assumed=assumed,
        classes=classes,
        exempt_class=exempt_class,
        score_decimals=int(decimals),
        group_by=group_by,
        segments=segments,
        adjustments=tuple(adjustments),
        vetoes=tuple(_class_rule(v, VETO_EFFECTS, codes) for v in r.children("vetoes", required=False)),
        exemptions=tuple(
            _class_rule(e, EXEMPTION_EFFECTS, codes) for e in r.children("exemptions", required=False)
        ),
        classing=_classing(r.child("classing"), codes),
        policies=tuple(
            _policy(p, (*codes, exempt_class.code)) for p in r.children("policies", required=False)
        ),
        land=LandRules(
            tax_per_mu_floor=land.number("tax_per_mu_floor", 1.0),
            consecutive_evaluations=int(land.number("consecutive_evaluations", 2)),
            no_tax_years=int(land.number("no_tax_years", 2)),
            idle_space_share=land.number("idle_space_share", 0.5),
        ),
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def load_method(path: Path | Any) -> Method:
    """Load the method file at ``path`` (a path or an importlib resource).

    >>> load_method(METHODS_DIR / "js-huaian-2024.yaml").exempt_class.code
    'T'
    >>> load_method(METHODS_DIR / "lyg-seed.yaml").classing.shares[0]
    ('A', 0.2)
    >>> len(load_method(METHODS_DIR / "zj-huangyan-2022.yaml").digest)
    64
    """
    return load_text(path.read_text(encoding="utf-8"), file=str(path))


def shipped_methods() -> tuple[str, ...]:
    """Ids of the method files shipped in ``methods/``.

    >>> shipped_methods()
    ('js-huaian-2024', 'lyg-seed', 'zj-huangyan-2022')
    >>> "lyg-seed" in shipped_methods()
    True
    >>> len(shipped_methods())
    3
    """
    return tuple(
        sorted(p.name.removesuffix(".yaml") for p in METHODS_DIR.iterdir() if p.name.endswith(".yaml"))
    )


def resolve(id_or_file: str) -> Method:
    """Load a shipped method by id, or a method file by path.

    >>> resolve("lyg-seed").id
    'lyg-seed'
    >>> resolve("zj-huangyan-2022").segments[1].label
    '规下'
    >>> resolve("no-such-method")
    Traceback (most recent call last):
    ...
    devzone.enterprises.method.MethodError: no-such-method: (file): no shipped method or file of that name
    """
    if id_or_file in shipped_methods():
        return load_method(METHODS_DIR / f"{id_or_file}.yaml")
    path = Path(id_or_file)
    if not path.is_file():
        raise MethodError(file=id_or_file, key="(file)", reason="no shipped method or file of that name")
    return load_method(path)
