"""zj-huangyan-2022 worked by hand from the published 2022 formula (spec §1.2).

规上得分 = 亩均税收/24.097×30 + 亩均增加值/136.16×20 + 单位能耗增加值/2.694×20
         + 单位排放增加值/4929.81×10 + 全员劳动生产率/18.14×10 + R&D占比/0.0302×10
规下得分 = 亩均税收/11.5932×50 + 单位用电税收/0.2352×50
No cap in the published formula; item floor 0 (assumed); missing emissions → mean 规上 item points.
Shares 20/40/35/5 (assumed): with 10 graded firms the first 2 positions are A, up to 6 B, up to 10 C.
"""

from __future__ import annotations

import pytest

from devzone.enterprises.method_load import resolve
from devzone.enterprises.tests.rows import results, row

VA, ENERGY, EMISSION, STAFF, RD, SALES, LAND = 1361.6, 500.0, 0.25, 100, 302.0, 10000.0, 10.0
P_VA_MU = 20 * (VA / LAND) / 136.16  # = 20
P_ENERGY = 20 * (VA / ENERGY) / 2.694
P_EMISSION = 10 * (VA / EMISSION) / 4929.81
P_EMISSION_HALF = 10 * (VA / 0.5) / 4929.81
P_LABOUR = 10 * (VA / STAFF) / 18.14
P_RD = 10 * (RD / SALES) / 0.0302  # = 10
MEAN_EMISSION = (
    P_EMISSION_HALF + 8 * P_EMISSION
) / 9  # E01 + eight firms with data (E06 missing, E11 exempt)


def above(uscc: str, m: float, **kw: object) -> dict[str, object]:
    """A 规上 firm whose 亩均税收 is m × the benchmark and every other ratio fixed above."""
    return row(uscc, tax=24.097 * LAND * m, value_added=VA, energy_tce=ENERGY, emission_equiv=EMISSION,
               employees=STAFF, rd_expense=RD, sales=SALES) | kw  # fmt: skip


ROWS = [
    above("E01", 3.0, emission_equiv=0.5, veto="2022年发生较大安全生产事故"),
    above("E02", 2.0),
    above("E03", 2.0),
    above("E04", 1.5),
    above("E05", 1.2),
    above("E06", 1.0, emission_equiv=None),
    above("E07", 0.8),
    above("E08", 0.5),
    above("E09", 0.2),
    above("E10", -0.1),
    above("E11", 5.0, exempt="新成立企业(2021年注册)"),
    row("G01", scale="below", land_mu=5.0, tax=57.966, sales=800.0, electricity_kwh=2_000_000.0),
    row("G02", scale="below", land_mu=5.0, tax=0.0, sales=100.0, electricity_kwh=100_000.0),
]


def expected_score(m: float, emission_points: float) -> float:
    return round(30 * max(m, 0) + P_VA_MU + P_ENERGY + emission_points + P_LABOUR + P_RD, 4)


@pytest.fixture(scope="module")
def out() -> dict[str, dict[str, object]]:
    return results(ROWS, resolve("zj-huangyan-2022"))


def test_scores_follow_the_published_formula(out: dict[str, dict[str, object]]) -> None:
    assert out["E02"]["score"] == expected_score(2.0, P_EMISSION)
    assert out["E03"]["score"] == out["E02"]["score"]
    assert out["E04"]["score"] == expected_score(1.5, P_EMISSION)
    assert out["E09"]["score"] == expected_score(0.2, P_EMISSION)
    assert out["G01"]["score"] == round(50 * (57.966 / 5) / 11.5932 + 50 * (57.966 / 200) / 0.2352, 4)
    assert out["G02"]["score"] == 0.0


def test_no_cap_in_the_published_formula(out: dict[str, dict[str, object]]) -> None:
    assert out["E01"]["tax_per_mu_points"] == pytest.approx(90.0, abs=1e-9)
    assert out["E01"]["score"] == expected_score(3.0, P_EMISSION_HALF)


def test_negative_tax_is_floored_at_zero_points(out: dict[str, dict[str, object]]) -> None:
    assert out["E10"]["tax_per_mu_value"] == pytest.approx(-2.4097)
    assert out["E10"]["tax_per_mu_points"] == 0.0
    assert out["E10"]["score"] == expected_score(0.0, P_EMISSION)


def test_missing_emissions_get_the_segment_mean_item_points(out: dict[str, dict[str, object]]) -> None:
    assert out["E06"]["va_per_emission_value"] is None
    assert out["E06"]["va_per_emission_points"] == pytest.approx(MEAN_EMISSION, abs=1e-9)
    assert out["E06"]["score"] == expected_score(1.0, MEAN_EMISSION)


def test_explanation_columns(out: dict[str, dict[str, object]]) -> None:
    e01 = out["E01"]
    assert e01["tax_per_mu_value"] == pytest.approx(72.291)
    assert e01["tax_per_mu_benchmark"] == 24.097
    assert e01["va_per_energy_benchmark"] == 2.694
    assert e01["tax_per_kwh_value"] is None
    assert out["G01"]["tax_per_kwh_benchmark"] == 0.2352


def test_tie_at_the_a_boundary_shares_the_better_class(out: dict[str, dict[str, object]]) -> None:
    # positions: E01 1, E02 = E03 2 (A holds round(0.2 × 10) = 2 positions; the tie straddles 2|3)
    assert (out["E02"]["rank"], out["E03"]["rank"], out["E04"]["rank"]) == (2, 2, 4)
    assert (out["E02"]["class"], out["E03"]["class"]) == ("A", "A")


def test_classes(out: dict[str, dict[str, object]]) -> None:
    classes = {k: v["class"] for k, v in out.items()}
    assert classes == {
        "E01": "C",  # position 1 but vetoed: never above C
        "E02": "A", "E03": "A",
        "E04": "B", "E05": "B", "E06": "B",
        "E07": "C", "E08": "C", "E09": "C", "E10": "C",
        "E11": "T",
        "G01": "B", "G02": "C",  # 2 firms: A holds round(0.4) = 0, B round(1.2) = 1, C the rest
    }  # fmt: skip


def test_veto_and_exemption_are_explained(out: dict[str, dict[str, object]]) -> None:
    assert out["E01"]["veto"] is True
    assert out["E01"]["rank"] == 1
    assert out["E11"]["exempt_reason"] == "申请不参评 (新成立/公用工程/政策性搬迁)"
    assert out["E11"]["rank"] is None
    assert out["E02"]["veto"] is False
    assert out["E02"]["exempt_reason"] is None


def test_policy_matrix(out: dict[str, dict[str, object]]) -> None:
    assert out["E02"]["policy_factor_priority"] == 1.0
    assert out["E01"]["policy_factor_priority"] is None
    assert out["E10"]["policy_electricity_surcharge"] is None
