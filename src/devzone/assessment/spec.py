"""Typed, frozen method specifications of an assessment framework (the parts of the YAML file).

These dataclasses carry no behaviour beyond look-ups; :mod:`devzone.assessment.framework` builds and
validates them, and the engine modules read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devzone.core.citations import Assumption, Citation

DEFAULT_GROUP = "default"
ALL_ZONES = "all"


@dataclass(frozen=True)
class NormaliseSpec:
    """How one indicator is put on a common scale (OECD/JRC Handbook 2008, §5 Table 3)."""

    method: str = "minmax"
    to: tuple[float, float] = (0.0, 100.0)
    mean: float = 0.0
    sd: float = 1.0
    target: float | None = None
    cap: bool = True
    goalposts: tuple[float, float] | None = None
    satisfied: float | None = None
    disallowed: float | None = None
    clip: bool = False
    benchmark: float | None = None
    cap_multiple: float | None = None
    scope: str = "population"


@dataclass(frozen=True)
class TreatSpec:
    """Outlier treatment of one indicator (JRC skew/kurtosis rule, COINr ``Treat``)."""

    method: str = "none"
    winmax: int = 5
    skew_max: float = 2.0
    kurt_max: float = 3.5
    quantiles: tuple[float, float] = (0.05, 0.95)


@dataclass(frozen=True)
class MissingSpec:
    """Missing-data rule (COINr ``Impute``/``dat_thresh``); ``group`` names a zone attribute."""

    rule: str = "available_case"
    group: str | None = None
    min_share: float | None = None
    empty_zone: str = "exclude"


@dataclass(frozen=True)
class GroupsSpec:
    """Peer groups: the zone attribute that selects weights, its labels, and the rank groups."""

    weight_group: str | None = None
    weight_groups: tuple[str, ...] = ()
    rank_groups: tuple[str, ...] = (ALL_ZONES,)


@dataclass(frozen=True)
class RuleSpec:
    """One consequence rule (通报表彰, 约谈整改, 降级备选, 每年至少进1位 …) read on the rank history."""

    id: str
    kind: str
    action: str
    node: str
    rank_group: str = ALL_ZONES
    params: tuple[tuple[str, float], ...] = ()
    assumed: str | None = None

    def param(self, name: str) -> float:
        """The value of parameter ``name`` (defaults are filled in by the loader)."""
        return dict(self.params)[name]


@dataclass(frozen=True)
class PayBand:
    """Zones whose rank share (rank / n) is at most ``upto_share`` get ``coef``."""

    upto_share: float
    coef: float


@dataclass(frozen=True)
class PayBandsSpec:
    """Performance-pay coefficient: coef = band(rank) + step·Δ, clipped (local policy, assumed)."""

    bands: tuple[PayBand, ...]
    step: float = 0.01
    clip: tuple[float, float] = (0.8, 1.2)
    rank_group: str = ALL_ZONES
    node: str = ""
    assumed: str | None = None


@dataclass(frozen=True)
class TiersSpec:
    """Output tiers (千亿级/500亿级/百亿级/50亿级) by a raw metric and descending thresholds."""

    metric: str
    unit: str
    thresholds: tuple[float, ...]
    labels: tuple[str, ...]
    assumed: str | None = None


@dataclass(frozen=True)
class UncertaintySpec:
    """Monte Carlo inputs (Saisana, Saltelli & Tarantola 2005): weights, normalisation, aggregation."""

    samples: int = 1000
    spread: float = 0.25
    perturb: str = "aggregates"
    normalisation: tuple[NormaliseSpec, ...] = ()
    aggregation: tuple[str, ...] = ()
    winmax: tuple[int, ...] = ()
    chunk: int = 1000
    sobol_samples: int = 256
    sobol_weights: str = "each"


@dataclass(frozen=True)
class Node:
    """A node of the indicator tree; a leaf reads the data column ``indicator``."""

    code: str
    name: str
    parent: str | None
    children: tuple[str, ...]
    weights: tuple[tuple[str, float], ...]
    key: str
    direction: int = 1
    indicator: str | None = None
    denominator: str | None = None
    treat: TreatSpec | None = None
    normalise: NormaliseSpec | None = None
    unit: str | None = None
    assumed: str | None = None
    source: str | None = None

    @property
    def is_leaf(self) -> bool:
        """True for an indicator (no children)."""
        return not self.children

    def weight(self, group: str | None) -> float:
        """Weight for peer group ``group``, falling back to ``default``.

        >>> Node(code="A", name="A", parent="R", children=(), key="tree[0]",
        ...      weights=(("default", 20.0), ("苏北", 18.0))).weight("苏北")
        18.0
        """
        table = dict(self.weights)
        if group is not None and group in table:
            return table[group]
        return table[DEFAULT_GROUP]


@dataclass(frozen=True)
class Framework:
    """A validated assessment framework (schema ``devzone.framework/1``)."""

    id: str
    name: str
    version: str
    source: str
    sha256: str
    root: str
    nodes: tuple[Node, ...]
    indicators: tuple[str, ...]
    normalise: NormaliseSpec
    aggregation: str
    treat: TreatSpec
    missing: MissingSpec
    groups: GroupsSpec
    weight_scale: str = "relative"
    tie_decimals: int | None = None
    rules: tuple[RuleSpec, ...] = ()
    pay_bands: PayBandsSpec | None = None
    tiers: TiersSpec | None = None
    uncertainty: UncertaintySpec = field(default_factory=UncertaintySpec)
    assumptions: tuple[Assumption, ...] = ()
    sources: tuple[Citation, ...] = ()
    warnings: tuple[str, ...] = ()

    def node(self, code: str) -> Node:
        """The node with ``code`` (KeyError if absent)."""
        for node in self.nodes:
            if node.code == code:
                return node
        raise KeyError(code)

    @property
    def leaves(self) -> tuple[Node, ...]:
        """The indicator nodes in tree order."""
        return tuple(self.node(code) for code in self.indicators)

    @property
    def groups_of_weights(self) -> tuple[str, ...]:
        """The weight groups to resolve (``default`` when the framework has none)."""
        return self.groups.weight_groups or (DEFAULT_GROUP,)
