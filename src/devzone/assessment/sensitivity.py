"""Which weights move the ranking most (权重敏感度): the stored form of the Sobol indices, and their rows.

The engine (:func:`devzone.assessment.uncertainty.sobol_sensitivity`) gives, per uncertain input X_i,
the first-order index S_i = V(E[Y | X_i]) / V(Y) and the total index ST_i = E(V[Y | X_~i]) / V(Y) of
Y = R̄_S, the mean absolute rank shift of a sample (Saltelli et al. 2010, doi:10.1016/j.cpc.2009.09.018;
OECD/JRC Handbook 2008 §7). S_i is the share of the rank shift's variance that X_i explains alone,
ST_i adds its interactions with the other inputs. This module turns that result into a JSON record
stored with the run (NaN → None: undefined when the ranking never moves) and into display rows.

The Sobol design draws from its own stream of the run's seed (``SeedSequence(seed, spawn_key=(1,))``),
so the Monte Carlo rank intervals, drawn from ``default_rng(seed)``, stay what they were.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from devzone.assessment.uncertainty import SobolResult

SOBOL_STREAM = 1
WEIGHT_PREFIX = "w_"
FACTOR_LABELS = {
    "Normalisation": "标准化方法",
    "Aggregation": "合成方法",
    "Winmax": "异常值处理（winmax）",
    "Weights": "全部权重（合并为一个因素）",
}
EXPLANATION = (
    "S1（一阶指数）：只让这一项权重变动时，它能解释的排名波动（平均绝对位次变动）的方差份额；"
    "ST（总效应指数）：再加上它与其他因素共同作用的部分。数值越大，这一项权重越能左右排名。"
)
NOT_COMPUTED = "未计算"


@dataclass(frozen=True)
class SensitivityRow:
    """One uncertain input with its indices (None where undefined)."""

    factor: str
    node: str | None
    label: str
    s1: float | None
    st: float | None
    s1_conf: float | None
    st_conf: float | None


def sobol_rng(seed: int | None) -> np.random.Generator:
    """The Sobol design's generator: stream ``SOBOL_STREAM`` of the run's seed (fresh entropy for None).

    >>> a, b = sobol_rng(7).integers(1000, size=3), sobol_rng(7).integers(1000, size=3)
    >>> bool((a == b).all()), bool((a == np.random.default_rng(7).integers(1000, size=3)).all())
    (True, False)
    """
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(SOBOL_STREAM,)))


def _num(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def sensitivity_record(result: SobolResult, *, spread: float) -> dict[str, Any]:
    """The JSON record stored with a run: design, seeds and one entry per factor.

    >>> r = SobolResult(factors=("w_a", "Aggregation"), s1=(0.3, float("nan")), st=(0.8, 0.1),
    ...                 s1_conf=(0.01, 0.02), st_conf=(0.03, 0.04), n_base=8, runs=32, seed=5, analyze_seed=9)
    >>> rec = sensitivity_record(r, spread=0.25)
    >>> rec["runs"], rec["stream"], [(f["factor"], f["node"], f["s1"]) for f in rec["factors"]]
    (32, 1, [('w_a', 'a', 0.3), ('Aggregation', None, None)])
    """
    return {
        "method": "sobol",
        "output": "mean_abs_rank_shift",
        "n_base": result.n_base,
        "runs": result.runs,
        "seed": result.seed,
        "stream": SOBOL_STREAM,
        "analyze_seed": result.analyze_seed,
        "spread": spread,
        "factors": [
            {
                "factor": f,
                "node": f.removeprefix(WEIGHT_PREFIX) if f.startswith(WEIGHT_PREFIX) else None,
                "s1": _num(s1),
                "st": _num(st),
                "s1_conf": _num(s1c),
                "st_conf": _num(stc),
            }
            for f, s1, st, s1c, stc in zip(
                result.factors, result.s1, result.st, result.s1_conf, result.st_conf, strict=True
            )
        ],
    }


def sensitivity_rows(record: Mapping[str, Any] | None, *, names: Mapping[str, str]) -> list[SensitivityRow]:
    """Display rows, largest total effect first (undefined last, in stored order); weights named by their node.

    >>> rec = {"factors": [{"factor": "w_a", "node": "a", "s1": 0.1, "st": 0.2, "s1_conf": None, "st_conf": None},
    ...                    {"factor": "Aggregation", "node": None, "s1": 0.5, "st": 0.6, "s1_conf": None, "st_conf": None},
    ...                    {"factor": "w_b", "node": "b", "s1": None, "st": None, "s1_conf": None, "st_conf": None}]}
    >>> [(r.label, r.st) for r in sensitivity_rows(rec, names={"a": "地区生产总值"})]
    [('合成方法', 0.6), ('权重：地区生产总值', 0.2), ('权重：b', None)]
    """
    if not record:
        return []
    rows = []
    for f in record.get("factors", []):
        node = f.get("node")
        label = f"权重：{names.get(node, node)}" if node else FACTOR_LABELS.get(f["factor"], f["factor"])
        row = SensitivityRow(
            factor=f["factor"], node=node, label=label, s1=f["s1"], st=f["st"], s1_conf=f["s1_conf"],
            st_conf=f["st_conf"],
        )  # fmt: skip
        rows.append(row)
    return sorted(rows, key=lambda r: (r.st is None, -(r.st or 0.0), -(r.s1 or 0.0)))
