"""Consequence rules read on the rank history, performance-pay coefficients and output tiers.

Rules (spec §4; parameters marked assumed where no source fixes them):
- ``rise_streak`` — Δ > 0 in each of the last ``years`` years → 通报表彰 (持续进位; length assumed 2);
- ``fall_streak`` — Δ < 0 in each of the last ``years`` years → 约谈整改 (连云港 行动方案 §(二));
- ``bottom_k_in_window`` — in the last ``k`` of its rank group in ≥ ``min_hits`` of the last ``window``
  rounds → 降级备选 (商务部 press conference 2021-11-02: k = 5, 2 of 3);
- ``bottom_n`` — in the last ``n`` this year → 约谈 (排名靠后; n assumed 10, as in the 2020 round);
- ``rank_up_each_year`` — target Δ ≥ ``min_rise`` (每年至少进1位); keeping rank 1 counts as met (assumed).
Pay (assumed local policy): coef = band(rank) + step·Δ, clipped. Tiers: the first threshold reached.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.spec import PayBandsSpec, RuleSpec, TiersSpec

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class RankHistory:
    """Ranks of one node in one rank group, years ascending: ``ranks[y, z]`` (0 = not ranked).

    ``sizes[y, z]`` is the number of ranked zones in zone z's group in year y.
    """

    years: tuple[int, ...]
    zones: tuple[str, ...]
    ranks: IntArray
    sizes: IntArray

    def changes(self) -> FloatArray:
        """Δ per year and zone (NaN for the first year or when unranked)."""
        r = self.ranks.astype(np.float64)
        out = np.full(r.shape, np.nan)
        ok = (r[1:] > 0) & (r[:-1] > 0)
        out[1:] = np.where(ok, r[:-1] - r[1:], np.nan)
        return out


@dataclass(frozen=True)
class RuleOutcome:
    """The result of one rule for one zone in the last year, with the ranks it read."""

    rule_id: str
    kind: str
    action: str
    zone: str
    year: int
    hit: bool
    evidence: tuple[tuple[int, int, float], ...]
    message: str


def _evidence(h: RankHistory, z: int, last: int) -> tuple[tuple[int, int, float], ...]:
    d = h.changes()
    start = max(0, len(h.years) - last)
    return tuple((h.years[y], int(h.ranks[y, z]), float(d[y, z])) for y in range(start, len(h.years)))


def _streak_rule(sign: int) -> Callable[[RankHistory, RuleSpec], NDArray[np.bool_]]:
    def rule(h: RankHistory, spec: RuleSpec) -> NDArray[np.bool_]:
        n = int(spec.param("years"))
        d = h.changes()
        if d.shape[0] < n + 1:
            return np.zeros(len(h.zones), dtype=bool)
        tail = d[-n:]
        with np.errstate(invalid="ignore"):
            hits: NDArray[np.bool_] = np.all((tail * sign) > 0, axis=0)
        return hits

    return rule


def bottom_k_in_window(h: RankHistory, spec: RuleSpec) -> NDArray[np.bool_]:
    """In the last k of its group in ≥ min_hits of the last ``window`` rounds.

    >>> h = RankHistory(years=(2022, 2023, 2024), zones=("a", "b"), ranks=np.array([[9, 1], [2, 10], [10, 2]]),
    ...                 sizes=np.full((3, 2), 10))
    >>> bottom_k_in_window(h, RuleSpec(id="x", kind="bottom_k_in_window", action="降级备选", node="I",
    ...                    params=(("k", 2), ("window", 3), ("min_hits", 2)))).tolist()
    [True, False]
    """
    k, window, need = int(spec.param("k")), int(spec.param("window")), int(spec.param("min_hits"))
    r = h.ranks[-window:]
    s = h.sizes[-window:]
    bottom = (r > 0) & (r > s - k)
    hits: NDArray[np.bool_] = bottom.sum(axis=0) >= need
    return hits


def bottom_n(h: RankHistory, spec: RuleSpec) -> NDArray[np.bool_]:
    """In the last n this year (排名靠后 → 约谈).

    >>> h = RankHistory(years=(2024,), zones=("a", "b", "c"), ranks=np.array([[1, 2, 3]]), sizes=np.full((1, 3), 3))
    >>> bottom_n(h, RuleSpec(id="x", kind="bottom_n", action="约谈", node="I", params=(("n", 1),))).tolist()
    [False, False, True]
    """
    n = int(spec.param("n"))
    r, s = h.ranks[-1], h.sizes[-1]
    hits: NDArray[np.bool_] = (r > 0) & (r > s - n)
    return hits


def rank_up_each_year(h: RankHistory, spec: RuleSpec) -> NDArray[np.bool_]:
    """Target met: Δ ≥ min_rise this year, or rank 1 kept (assumed).

    >>> h = RankHistory(years=(2023, 2024), zones=("a", "b", "c"), ranks=np.array([[3, 1, 2], [2, 1, 3]]),
    ...                 sizes=np.full((2, 3), 3))
    >>> rank_up_each_year(h, RuleSpec(id="x", kind="rank_up_each_year", action="每年至少进1位", node="I",
    ...                   params=(("min_rise", 1),))).tolist()
    [True, True, False]
    """
    d = h.changes()[-1]
    r = h.ranks[-1]
    kept_first = (r == 1) & (h.ranks[-2] == 1) if len(h.years) > 1 else np.zeros(r.shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        met: NDArray[np.bool_] = (d >= spec.param("min_rise")) | kept_first
    return met


#: Registry: rule kind → (function, default parameters, how many years it reads).
RULE_KINDS: dict[str, tuple[Callable[[RankHistory, RuleSpec], NDArray[np.bool_]], dict[str, float]]] = {
    "rise_streak": (_streak_rule(1), {"years": 2}),
    "fall_streak": (_streak_rule(-1), {"years": 2}),
    "bottom_k_in_window": (bottom_k_in_window, {"k": 5, "window": 3, "min_hits": 2}),
    "bottom_n": (bottom_n, {"n": 10}),
    "rank_up_each_year": (rank_up_each_year, {"min_rise": 1}),
}


def _years_read(spec: RuleSpec) -> int:
    p = dict(spec.params)
    return int(p.get("window", p.get("years", 1) + 1))


def evaluate_rule(history: RankHistory, *, spec: RuleSpec) -> tuple[RuleOutcome, ...]:
    """Evaluate one rule for every zone in the last year of ``history``.

    >>> h = RankHistory(years=(2022, 2023, 2024), zones=("a", "b"), ranks=np.array([[5, 1], [3, 2], [1, 4]]),
    ...                 sizes=np.full((3, 2), 5))
    >>> [(o.zone, o.hit) for o in evaluate_rule(h, spec=RuleSpec(id="praise", kind="rise_streak",
    ...     action="通报表彰", node="I", params=(("years", 2),)))]
    [('a', True), ('b', False)]
    """
    fn, _ = RULE_KINDS[spec.kind]
    hits = fn(history, spec)
    year = history.years[-1]
    last = _years_read(spec)
    out = []
    for z, zone in enumerate(history.zones):
        ev = _evidence(history, z, last)
        hit = bool(hits[z])
        out.append(
            RuleOutcome(
                rule_id=spec.id, kind=spec.kind, action=spec.action, zone=zone, year=year, hit=hit,
                evidence=ev, message=f"{zone} {year}: {spec.action} {'yes' if hit else 'no'} (ranks {ev})",
            )
        )  # fmt: skip
    return tuple(out)


def pay_coefficients(
    *, ranks: IntArray, sizes: IntArray, changes: FloatArray, spec: PayBandsSpec
) -> FloatArray:
    """coef = band(rank/n) + step·Δ, clipped to ``clip`` (Δ missing counts as 0; unranked → NaN).

    >>> from devzone.assessment.spec import PayBand
    >>> spec = PayBandsSpec(bands=(PayBand(0.2, 1.10), PayBand(0.5, 1.05), PayBand(0.8, 1.0), PayBand(1.0, 0.95)))
    >>> pay_coefficients(ranks=np.array([1, 5, 10]), sizes=np.array([10, 10, 10]),
    ...                  changes=np.array([3.0, np.nan, -2.0]), spec=spec).round(4).tolist()
    [1.13, 1.05, 0.93]
    """
    share = np.where(ranks > 0, ranks / np.maximum(sizes, 1), np.nan)
    band = np.full(share.shape, np.nan)
    for b in reversed(spec.bands):
        band = np.where(share <= b.upto_share + 1e-12, b.coef, band)
    coef = band + spec.step * np.nan_to_num(changes, nan=0.0)
    return np.asarray(np.clip(coef, *spec.clip), dtype=np.float64)


def tiers(values: Sequence[float], *, spec: TiersSpec) -> tuple[str | None, ...]:
    """Tier label of each value: the first (largest) threshold reached, else None.

    >>> tiers([1200.0, 120.0, 10.0], spec=TiersSpec(metric="output", unit="亿元", thresholds=(1000, 500, 100, 50),
    ...       labels=("千亿级", "500亿级", "百亿级", "50亿级")))
    ('千亿级', '百亿级', None)
    """
    out: list[str | None] = []
    for v in values:
        label = None
        if not math.isnan(v):
            for t, lab in zip(spec.thresholds, spec.labels, strict=True):
                if v >= t:
                    label = lab
                    break
        out.append(label)
    return tuple(out)
