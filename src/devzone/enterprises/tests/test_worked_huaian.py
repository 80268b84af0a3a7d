"""js-huaian-2024 worked by hand from the Huai'an 2024 Q&A (spec §1.6).

Score = Σ value / benchmark × weight + bonus, weights 亩均税收 45, 亩均销售收入 35, 单位能(电)耗税收 20;
benchmark = 2 × the segment's previous-year mean. Items capped at 3 × weight, floored at 0 (assumed).

2023 规上 (graded): P1 亩均税收 10, 亩均销售 100, 能耗税收 1; P2 20, 300, 5; P3 is a utility (T, not counted).
→ 2024 规上 benchmarks: 2 × 15 = 30 万元/亩, 2 × 200 = 400 万元/亩, 2 × 3 = 6 万元/tce.
规下 ≥ 3 亩 has no 2023 rows: benchmark = 2 × the 2024 mean (fallback, assumed).
"""

from __future__ import annotations

import pytest

from devzone.enterprises.method_load import resolve
from devzone.enterprises.tests.rows import results, row


def above(uscc: str, tax: float, sales: float, energy: float | None, **kw: object) -> dict[str, object]:
    return row(uscc, year=2024, tax=tax, sales=sales, energy_tce=energy) | kw


ROWS = [
    row("P1", year=2023, tax=100.0, sales=1000.0, energy_tce=100.0),
    row("P2", year=2023, tax=200.0, sales=3000.0, energy_tce=40.0),
    row("P3", year=2023, tax=9000.0, sales=90000.0, energy_tce=10.0, industry_code="4411"),
    above("H01", 1200.0, 4000.0, 200.0),  # 亩均税收 120 = 4 × benchmark → capped at 3 × 45
    above("H02", 600.0, 4000.0, 100.0, veto="2024年发生一般环境污染事故"),
    above("H03", 450.0, 4000.0, 75.0, rd_expense=400.0),  # R&D 10 % of sales → +2
    above("H04", 300.0, 4000.0, 50.0),
    above("H05", 300.0, 3200.0, 50.0),
    above("H06", 300.0, 2400.0, 50.0),
    above("H07", 300.0, 2400.0, 50.0),  # ties H06 across the B|C boundary
    above("H08", 300.0, 2400.0, None),  # energy missing → 0 points on that item
    above("H09", 60.0, 800.0, 10.0),
    above("H10", 0.0, 400.0, 10.0),
    above("H11", 30000.0, 90000.0, 100.0, industry_code="4430"),  # 热力生产和供应 → T
    row("L1", year=2024, scale="below", land_mu=5.0, tax=50.0, sales=500.0, electricity_kwh=1_000_000.0),
    row("L2", year=2024, scale="below", land_mu=5.0, tax=10.0, sales=100.0, electricity_kwh=500_000.0),
    row("L3", year=2024, scale="below", land_mu=2.0, tax=10.0, sales=100.0, electricity_kwh=500_000.0),
]

EXPECTED_SCORES = {
    "H01": 45 * 3 + 35 * (400 / 400) + 20 * (6 / 6),  # 190
    "H02": 45 * (60 / 30) + 35 * 1 + 20 * 1,  # 145
    "H03": 45 * (45 / 30) + 35 * 1 + 20 * 1 + 2,  # 124.5
    "H04": 45 * (30 / 30) + 35 * 1 + 20 * 1,  # 100
    "H05": 45 * 1 + 35 * (320 / 400) + 20 * 1,  # 93
    "H06": 45 * 1 + 35 * (240 / 400) + 20 * 1,  # 86
    "H07": 45 * 1 + 35 * (240 / 400) + 20 * 1,  # 86
    "H08": 45 * 1 + 35 * (240 / 400) + 0,  # 66
    "H09": 45 * (6 / 30) + 35 * (80 / 400) + 20 * (6 / 6),  # 36
    "H10": 0 + 35 * (40 / 400) + 0,  # 3.5
    # 规下: 2024 means 亩均税收 (10 + 2)/2 = 6, 亩均销售 (100 + 20)/2 = 60, 电耗税收 (0.5 + 0.2)/2 = 0.35
    "L1": round(45 * 10 / 12 + 35 * 100 / 120 + 20 * 0.5 / 0.7, 4),
    "L2": round(45 * 2 / 12 + 35 * 20 / 120 + 20 * 0.2 / 0.7, 4),
}


@pytest.fixture(scope="module")
def out() -> dict[str, dict[str, object]]:
    return results(ROWS, resolve("js-huaian-2024"), year=2024)


def test_only_the_evaluation_year_is_returned(out: dict[str, dict[str, object]]) -> None:
    assert sorted(out) == sorted(r["uscc"] for r in ROWS if r["year"] == 2024)


def test_benchmarks_are_twice_last_years_mean(out: dict[str, dict[str, object]]) -> None:
    h04 = out["H04"]
    assert h04["tax_per_mu_benchmark"] == pytest.approx(30.0)
    assert h04["sales_per_mu_benchmark"] == pytest.approx(400.0)
    assert h04["tax_per_energy_benchmark"] == pytest.approx(6.0)
    assert out["L1"]["tax_per_mu_benchmark"] == pytest.approx(12.0)
    assert out["L1"]["tax_per_kwh_benchmark"] == pytest.approx(0.7)


def test_scores(out: dict[str, dict[str, object]]) -> None:
    assert {k: out[k]["score"] for k in EXPECTED_SCORES} == pytest.approx(EXPECTED_SCORES, abs=1e-9)


def test_cap_at_three_times_the_weight(out: dict[str, dict[str, object]]) -> None:
    assert out["H01"]["tax_per_mu_value"] == pytest.approx(120.0)
    assert out["H01"]["tax_per_mu_points"] == pytest.approx(135.0)


def test_bonus_and_missing_value(out: dict[str, dict[str, object]]) -> None:
    assert out["H03"]["adjustment_points"] == 2.0
    assert out["H04"]["adjustment_points"] == 0.0
    assert out["H08"]["tax_per_energy_value"] is None
    assert out["H08"]["tax_per_energy_points"] == 0.0


def test_ranks_with_a_tie(out: dict[str, dict[str, object]]) -> None:
    ranks = {k: out[k]["rank"] for k in EXPECTED_SCORES}
    assert ranks == {"H01": 1, "H02": 2, "H03": 3, "H04": 4, "H05": 5, "H06": 6, "H07": 6, "H08": 8,
                     "H09": 9, "H10": 10, "L1": 1, "L2": 2}  # fmt: skip


def test_classes(out: dict[str, dict[str, object]]) -> None:
    # 10 graded 规上: A positions ≤ round(2) = 2, B ≤ round(6) = 6, C ≤ round(9.5 + 0.5) = 10.
    # H06 and H07 tie at position 6: both B (the tie shares the better class). H02 is vetoed → C.
    assert {k: v["class"] for k, v in out.items()} == {
        "H01": "A", "H02": "C", "H03": "B", "H04": "B", "H05": "B", "H06": "B", "H07": "B",
        "H08": "C", "H09": "C", "H10": "C", "H11": "T", "L1": "B", "L2": "C", "L3": None,
    }  # fmt: skip


def test_exemption_and_scope(out: dict[str, dict[str, object]]) -> None:
    assert out["H11"]["exempt_reason"] == "水电气供应企业"
    assert out["H11"]["rank"] is None
    assert out["L3"]["segment"] is None
    assert out["L3"]["exempt_reason"] == "不在评价范围"
    assert out["L3"]["score"] is None
    assert out["H02"]["veto"] is True
    assert out["H02"]["veto_reason"] == "发生安全生产或重大环境事故"
