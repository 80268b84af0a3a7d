"""亩均效益 evaluation methods: typed, frozen objects for one method file (``methods/*.yaml``).

A method says who is evaluated in which segment (规上, 规下 ≥ 3 亩, …), which indicators count with
which weight and benchmark, how points are given, what a veto or an exemption does, how classes are
cut, and what each class gets (the policy matrix). The loader in :mod:`devzone.enterprises.method_load`
builds these objects and refuses anything it does not understand, naming file and key.

The family names below are the keys of the Ibis registries in :mod:`devzone.enterprises.rules`; a test
keeps both in step.

References
----------
See ``docs/mu-methods.md`` and the spec ``specs/mu_efficiency.md`` (Huangyan 2022, Huai'an 2024,
Changle 2023, Jingde 2022).
"""

from __future__ import annotations

from dataclasses import dataclass

from devzone.enterprises.formula import Formula

BENCHMARK_KINDS = ("mean", "median", "percentile", "previous_year_mean", "fixed")
SCORE_RULE_KINDS = ("ratio", "minmax", "percentile")
DIRECTIONS = ("higher", "lower")
MISSING_RULES = ("zero", "segment_mean_points")
VETO_EFFECTS = ("lowest_class", "not_above")
EXEMPTION_EFFECTS = ("exempt", "not_below")
CLASSING_KINDS = ("shares", "thresholds")
TIE_RULES = ("better",)
FALLBACKS = ("none", "current_year")


class MethodError(ValueError):
    """A method file is invalid. The message starts with ``<file>: <key>:``."""

    def __init__(self, *, file: str, key: str, reason: str) -> None:
        super().__init__(f"{file}: {key}: {reason}")
        self.file = file
        self.key = key
        self.reason = reason


@dataclass(frozen=True, kw_only=True)
class Source:
    """A public document the method is typed from."""

    title: str
    url: str
    section: str


@dataclass(frozen=True, kw_only=True)
class ClassDef:
    """A class such as ``A`` 优先发展类."""

    code: str
    label: str


@dataclass(frozen=True, kw_only=True)
class Benchmark:
    """The value an indicator is compared with (基准值).

    ``mean``/``median``/``percentile`` (``q``) of the segment's graded enterprises in the same year,
    times ``factor``; ``previous_year_mean``: ``factor`` × the segment mean of the previous year
    (Huai'an: 2 × 上年度平均值), with ``fallback`` when that year is absent; ``fixed``: ``value``.
    """

    kind: str
    value: float | None
    q: float | None
    factor: float
    fallback: str


@dataclass(frozen=True, kw_only=True)
class ScoreRule:
    """How an indicator value becomes points (单项得分).

    ``ratio``: ``w × clamp(r, floor, cap)`` with ``r = x / B`` (``B / x`` for ``lower``), ``cap``/``floor``
    as multiples of the weight. ``minmax`` (旌德): ``w × [base + (100 − base) × (x − min)/(max − min)] / 100``.
    ``percentile``: ``w × cume_dist(x)`` within the segment.
    """

    kind: str
    cap: float | None
    floor: float | None
    base: float


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One indicator of a segment (单项指标)."""

    code: str
    label: str
    formula: Formula
    unit: str
    direction: str
    weight: float
    benchmark: Benchmark
    score_rule: ScoreRule
    missing: str


@dataclass(frozen=True, kw_only=True)
class Segment:
    """A group scored and ranked on its own (规上, 规下 ≥ 3 亩, …); first matching ``when`` wins."""

    code: str
    label: str
    when: Formula
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, kw_only=True)
class Adjustment:
    """A bonus (points > 0) or penalty (points < 0) added when ``when`` holds (加分项/减分项)."""

    code: str
    label: str
    when: Formula
    points: float
    segments: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ClassRule:
    """A veto (一票否决) or an exemption (不定等级/T, protection from D).

    Veto effects: ``lowest_class`` (→ D) or ``not_above`` ``klass`` (never better than it). Exemption
    effects: ``exempt`` (not graded, exempt class) or ``not_below`` ``klass`` (never worse than it).
    """

    code: str
    label: str
    when: Formula
    effect: str
    klass: str | None


@dataclass(frozen=True, kw_only=True)
class Classing:
    """How classes are cut: by ``shares`` of the ranked segment, or by score ``thresholds``."""

    kind: str
    shares: tuple[tuple[str, float], ...]
    thresholds: tuple[tuple[str, float], ...]
    tie: str


@dataclass(frozen=True, kw_only=True)
class Policy:
    """What a class gets: a flat ``value`` or one by consecutive years in the class (3 means 3+)."""

    klass: str
    code: str
    label: str
    unit: str
    value: float | None
    by_consecutive_years: tuple[tuple[int, float], ...]


@dataclass(frozen=True, kw_only=True)
class LandRules:
    """Thresholds for inefficient-land candidates (低效用地)."""

    tax_per_mu_floor: float
    consecutive_evaluations: int
    no_tax_years: int
    idle_space_share: float


@dataclass(frozen=True, kw_only=True)
class Method:
    """A whole evaluation method; ``digest`` is the SHA-256 of the file text."""

    id: str
    title: str
    version: int
    sources: tuple[Source, ...]
    notes: tuple[str, ...]
    assumed: tuple[str, ...]
    classes: tuple[ClassDef, ...]
    exempt_class: ClassDef
    score_decimals: int
    group_by: tuple[str, ...]
    segments: tuple[Segment, ...]
    adjustments: tuple[Adjustment, ...]
    vetoes: tuple[ClassRule, ...]
    exemptions: tuple[ClassRule, ...]
    classing: Classing
    policies: tuple[Policy, ...]
    land: LandRules
    digest: str

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        """Every indicator code, in first-seen order over the segments."""
        return tuple(dict.fromkeys(i.code for s in self.segments for i in s.indicators))

    @property
    def class_codes(self) -> tuple[str, ...]:
        """Class codes best first, without the exempt class."""
        return tuple(c.code for c in self.classes)
