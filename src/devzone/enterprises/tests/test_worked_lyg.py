"""lyg-seed worked by hand: the seed's five 规上 indicators, Shandong classes (Changle 2023, spec §3).

Score = Σ min(value / segment mean, 3) × weight, weights 45/20/15/15/5 (assumed), mean over the graded
enterprises of the segment and year; a firm with no emissions gets the segment's mean item points.
Classes A 20 % · B 20–75 % · C 75–95 % · D 95–100 %; a veto → never above C; new firms → never D.
D pays +0.05 / 0.10 / 0.15 元/kWh for 1 / 2 / 3+ consecutive years in D (鲁发改价格〔2022〕56号).
"""

from __future__ import annotations

import pytest

from devzone.enterprises.method_load import resolve
from devzone.enterprises.tests.rows import results, row


def above(uscc: str, tax: float, emission: float | None, **kw: object) -> dict[str, object]:
    return row(uscc, year=2023, tax=tax, sales=10000.0, energy_tce=100.0, emission_equiv=emission,
               rd_expense=300.0, value_added=1000.0, employees=100) | kw  # fmt: skip


# 规上, land 10 亩: 亩均税收 50, 40, 30, 30, 0 → mean 30; sales per emission 10000, 500, 250, —, 500 → mean 2812.5.
# Energy, R&D and productivity are equal for all → ratio 1 → 20, 15 and 5 points.
ABOVE = [
    above("S1", 500.0, 1.0, veto="发生安全生产事故"),
    above("S2", 400.0, 20.0),
    above("S3", 300.0, 40.0),
    above("S4", 300.0, None),
    above("S5", 0.0, 20.0),
    above("S6", 100000.0, 20.0, industry_code="4411"),  # 电力生产 → not graded, not in the means
]
EMISSION = {"S1": 15 * 3, "S2": 15 * 500 / 2812.5, "S3": 15 * 250 / 2812.5, "S5": 15 * 500 / 2812.5}
EMISSION["S4"] = sum(EMISSION.values()) / 4  # = 155/12
EXPECTED_ABOVE = {
    k: round(45 * tpm / 30 + 20 + EMISSION[k] + 15 + 5, 4)
    for k, tpm in {"S1": 50, "S2": 40, "S3": 30, "S4": 30, "S5": 0}.items()
}

# 规下 ≥ 3 亩, land 5 亩: 20 firms, 亩均税收 below; mean = 216 / 20 = 10.8.
BELOW_TPM = {
    "Q01": 40, "Q02": 20, "Q03": 20, "Q04": 17, "Q05": 17, "Q06": 14, "Q07": 12, "Q08": 11, "Q09": 10,
    "Q10": 10, "Q11": 9, "Q12": 8, "Q13": 7, "Q14": 6, "Q15": 5, "Q16": 4, "Q17": 3, "Q18": 2, "Q19": 1,
    "Q20": 0,
}  # fmt: skip
EXPECTED_BELOW = {k: round(100 * min(v / 10.8, 3), 4) for k, v in BELOW_TPM.items()}


def below(year: int, protect_q20: bool) -> list[dict[str, object]]:
    out = [
        row(k, year=year, scale="below", land_mu=5.0, tax=5.0 * v, sales=50.0 * v)
        for k, v in BELOW_TPM.items()
    ]
    out[1]["veto"] = "未完成年度节能目标"  # Q02
    if protect_q20:
        out[19]["exempt"] = "2023年小升规"
    return out


ROWS = [
    *ABOVE,
    *below(2021, protect_q20=False),
    *below(2022, protect_q20=False),
    *below(2023, protect_q20=True),
    row("X1", year=2023, scale="below", land_mu=2.5, tax=10.0),  # < 3 亩: out of scope
]


@pytest.fixture(scope="module")
def out() -> dict[str, dict[str, object]]:
    return results(ROWS, resolve("lyg-seed"), year=2023)


@pytest.fixture(scope="module")
def out_2022() -> dict[str, dict[str, object]]:
    return results(ROWS, resolve("lyg-seed"), year=2022)


def test_above_scores_with_cap_and_missing_value(out: dict[str, dict[str, object]]) -> None:
    assert {k: out[k]["score"] for k in EXPECTED_ABOVE} == pytest.approx(EXPECTED_ABOVE, abs=1e-9)
    assert out["S1"]["sales_per_emission_points"] == pytest.approx(45.0)  # 10000 / 2812.5 = 3.56 → cap 3
    assert out["S4"]["sales_per_emission_points"] == pytest.approx(155 / 12)
    assert out["S1"]["tax_per_mu_benchmark"] == pytest.approx(30.0)  # S6 (utility) is not in the mean


def test_above_classes(out: dict[str, dict[str, object]]) -> None:
    # positions S1 1, S2 2, S4 3, S3 4, S5 5; 5 graded: A ≤ round(1) = 1, B ≤ round(3.75) = 4, C ≤ 5
    assert [out[k]["rank"] for k in ("S1", "S2", "S4", "S3", "S5")] == [1, 2, 3, 4, 5]
    assert {k: out[k]["class"] for k in ("S1", "S2", "S3", "S4", "S5", "S6")} == {
        "S1": "C", "S2": "B", "S3": "B", "S4": "B", "S5": "C", "S6": "T",
    }  # fmt: skip
    assert out["S6"]["exempt_reason"] == "电力热力燃气水供应企业 (采集数据不评级)"


def test_below_scores(out: dict[str, dict[str, object]]) -> None:
    assert {k: out[k]["score"] for k in BELOW_TPM} == pytest.approx(EXPECTED_BELOW, abs=1e-9)
    assert out["Q01"]["score"] == 300.0  # 40 / 10.8 = 3.7 → cap 3 × 100


def test_below_classes_with_ties_veto_and_protection(out: dict[str, dict[str, object]]) -> None:
    # 20 graded: A ≤ round(4) = 4, B ≤ round(15) = 15, C ≤ round(19) = 19, D the rest.
    # Q04 and Q05 tie at position 4 → both A; Q02 (position 2) is vetoed → C;
    # Q20 (position 20, D) is a fresh 小升规 firm → not below C.
    expected = {"Q01": "A", "Q02": "C", "Q03": "A", "Q04": "A", "Q05": "A"}
    expected |= {f"Q{i:02d}": "B" for i in range(6, 16)}
    expected |= {f"Q{i:02d}": "C" for i in range(16, 21)}
    assert {k: out[k]["class"] for k in BELOW_TPM} == expected
    assert (out["Q04"]["rank"], out["Q05"]["rank"], out["Q06"]["rank"]) == (4, 4, 6)
    assert out["Q20"]["exempt_reason"] == "新建企业/上年度小升规/重大项目建设期 (不列入D类)"
    assert out["Q20"]["policy_electricity_surcharge"] is None


def test_consecutive_years_in_d_raise_the_surcharge(out_2022: dict[str, dict[str, object]]) -> None:
    assert out_2022["Q20"]["class"] == "D"
    assert out_2022["Q20"]["years_in_class"] == 2  # D in 2021 and 2022
    assert out_2022["Q20"]["policy_electricity_surcharge"] == 0.10
    assert out_2022["Q19"]["policy_electricity_surcharge"] is None
    assert out_2022["Q01"]["policy_factor_priority"] == 1.0


def test_out_of_scope(out: dict[str, dict[str, object]]) -> None:
    assert out["X1"]["segment"] is None
    assert out["X1"]["class"] is None
    assert out["X1"]["exempt_reason"] == "不在评价范围"
