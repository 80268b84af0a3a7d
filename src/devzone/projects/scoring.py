"""Scoring presets of 招商 考核 schemes: small functions registered by name. Pure: no Django.

- ``ratio`` (cnzsr 2501): points × actual / target, at most ``points`` when the item is capped;
- ``sign_mix`` (2024 city scheme): points × [w_n × count / target_count + w_a × amount / target_amount],
  capped at ``points``;
- ``band_min``: points − per_missing × Σ_bands max(0, target_b − count_b), at least 0;
- ``overdue``: points − late × 超时限未开工 − fake × 弄虚作假, at least 0;
- ``efficacy`` (三明 功效系数): points × [base + (1 − base) × (x − min) / (max − min)] across the units
  (all units equal: every unit gets ``points``);
- ``bonus_per_project`` (产业专班): Σ over counted projects of the bonus of the highest tier each reaches
  (not cumulative).

References
----------
cnzsr.com 2501 (得分 = 实际 / 目标 × 分值); a city's 2024 招商引资考核结果 (签约 item, band minimums, penalties);
三明 功效系数法; 产业专班 (每引进1个10亿元以上项目加4分，50亿元以上加8分，单个项目不重复加分).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from devzone.projects.method import YI, ScoreItem, TierSet


def ratio(item: ScoreItem, *, actual: float, target: float) -> float:
    """``ratio``: points × actual / target (capped at points unless ``cap`` is false).

    >>> ratio(ScoreItem(code="i", label="实际投资", preset="ratio", points=0.5, cap=False), actual=1.2, target=1)
    0.6
    """
    score = item.points * actual / target
    return min(score, item.points) if item.cap else score


def sign_mix(
    item: ScoreItem, *, count: int, amount_wan: float, target_count: int, target_wan: float
) -> float:
    """``sign_mix``: [(个数 / 目标) × w_n + (金额 / 目标) × w_a] × points, capped at points.

    >>> item = ScoreItem(code="s", label="签约", preset="sign_mix", points=0.5)
    >>> sign_mix(item, count=28, amount_wan=177.7e4, target_count=27, target_wan=54e4)  # the published case
    0.5
    """
    score = (
        count / target_count * item.count_weight + amount_wan / target_wan * item.amount_weight
    ) * item.points
    return min(score, item.points) if item.cap else score


def band_min(
    item: ScoreItem, *, counts: Mapping[str, int], targets: Mapping[str, int] | None = None
) -> float:
    """``band_min``: points − per_missing × missing projects over the bands (targets default to the item's).

    >>> item = ScoreItem(code="b", label="分档", preset="band_min", points=0.5, tier_set="t",
    ...                  band_targets=(("a", 7), ("b", 4)))
    >>> round(band_min(item, counts={"a": 5, "b": 4}), 6)
    0.3
    """
    wanted = dict(item.band_targets) if targets is None else dict(targets)
    missing = sum(max(0, t - counts.get(code, 0)) for code, t in wanted.items())
    return max(0.0, item.points - item.per_missing * missing)


def overdue(item: ScoreItem, *, late: int, fake: int) -> float:
    """``overdue``: points − late_penalty × 超时限未开工 − fake_penalty × 弄虚作假, at least 0.

    >>> round(overdue(ScoreItem(code="o", label="扣分", preset="overdue", points=0.5), late=1, fake=1), 6)
    0.2
    """
    return max(0.0, item.points - item.late_penalty * late - item.fake_penalty * fake)


def efficacy(item: ScoreItem, values: Sequence[float]) -> npt.NDArray[np.float64]:
    """``efficacy`` (功效系数) of each unit's value among ``values``.

    >>> efficacy(ScoreItem(code="e", label="功效", preset="efficacy", points=10), [1.0, 2.0, 3.0]).tolist()
    [6.0, 8.0, 10.0]
    """
    x = np.asarray(values, dtype=np.float64)
    span = float(x.max() - x.min()) if len(x) else 0.0
    share = (x - x.min()) / span if span else np.ones_like(x)
    out: npt.NDArray[np.float64] = item.points * (item.efficacy_base + (1 - item.efficacy_base) * share)
    return out


def bonus_per_project(item: ScoreItem, tiers: TierSet, totals_wan: Sequence[float]) -> float:
    """``bonus_per_project``: Σ over the counted projects' totals of the bonus of the highest tier reached.

    >>> t = TierSet(id="z", kind="threshold", tiers=({"code": "g10", "label": "10亿", "min": 10},
    ...                                             {"code": "g50", "label": "50亿", "min": 50}))
    >>> item = ScoreItem(code="x", label="加分", preset="bonus_per_project", points=20, tier_set="z",
    ...                  bonus=(("g10", 4), ("g50", 8)))
    >>> bonus_per_project(item, t, [1_200_000, 150_000, 50_000])
    12.0
    """
    mins = {t.code: t.min * YI for t in tiers.tiers}
    ranked = sorted(item.bonus, key=lambda cb: mins[cb[0]], reverse=True)
    total = 0.0
    for amount in totals_wan:
        total += next((points for code, points in ranked if amount >= mins[code]), 0.0)
    return min(total, item.points) if item.cap else total


PRESET_FUNCTIONS: dict[str, Callable[..., object]] = {
    "ratio": ratio,
    "sign_mix": sign_mix,
    "band_min": band_min,
    "overdue": overdue,
    "efficacy": efficacy,
    "bonus_per_project": bonus_per_project,
}
"""The registry, keyed by the method's preset names (a test keeps it equal to ``method.PRESETS``)."""
