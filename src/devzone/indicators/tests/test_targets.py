"""Target kinds against examples worked out by hand (the seed plans' own targets)."""

from __future__ import annotations

import math

import pytest

from devzone.core.target_kinds import TARGET_KINDS
from devzone.indicators.forecast import forecast_trend, t_quantile_975
from devzone.indicators.targets import (
    KINDS,
    STATUSES,
    Observation,
    Target,
    TargetError,
    ThresholdError,
    Thresholds,
    completion_ratio,
    evaluate_target,
    expected_value,
)


def obs(t: float, value: float, total: float | None = None) -> Observation:
    return Observation(t=t, value=value, total=total)


def test_every_kind_is_registered():
    assert tuple(KINDS) == TARGET_KINDS


# level: "市开发区地区生产总值突破800亿元" from 500 in 2020
def test_level_on_the_path():
    target = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2021, 560.0), obs(2022, 620.0)], now=2022)

    assert result.expected == 620.0  # 500 + 300·2/5
    assert result.gap == 0.0
    assert result.completion == 620.0 / 800.0
    assert result.forecast is not None
    # ln 500, ln 560, ln 620 → slope 0.10755/yr → 2025: ≈ 858 > 800
    assert result.forecast.value == pytest.approx(858.0, abs=1.0)
    assert result.status == "on track"


def test_level_met_early_is_met():
    target = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2023, 801.0)], now=2023)

    assert result.status == "met"


def test_level_lower_is_better():
    # 单位工业增加值能耗 from 1.0 to 0.8 tce/万元 by 2025
    target = Target(
        kind="level", plan_value=0.8, base_value=1.0, base_time=2020, deadline=2025, direction="lower"
    )

    result = evaluate_target(target, [obs(2023, 0.85)], now=2023)

    assert result.expected == pytest.approx(0.88)  # 1 − 0.2·3/5
    assert result.gap == pytest.approx(-0.03)
    assert result.relative_gap == pytest.approx(0.15)  # ahead: −1·(−0.03)/0.2
    assert result.completion == pytest.approx(0.8 / 0.85)
    # log-linear through (2020, 1.0), (2023, 0.85) → 0.85^(5/3) ≈ 0.7628 ≤ 0.8
    assert result.forecast is not None
    assert result.forecast.value == pytest.approx(0.85 ** (5 / 3))
    assert result.status == "on track"


# multiple: "高新技术企业数量实现翻番", base 400 in 2020
def test_multiple_expected_three_and_a_half_years_in():
    target = Target(kind="multiple", plan_value=2.0, base_value=400.0, base_time=2020, deadline=2025)

    assert expected_value(target, now=2023.5) == pytest.approx(400 * 2 ** (3.5 / 5), rel=1e-12)
    assert expected_value(target, now=2023.5) == pytest.approx(649.8019170849884)
    assert expected_value(target, now=2020) == 400.0
    assert expected_value(target, now=2025) == 800.0


def test_multiple_completion_and_goal():
    target = Target(kind="multiple", plan_value=2.0, base_value=400.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2023, 600.0)], now=2023)

    assert result.goal == 800.0
    assert result.completion == 0.75


# growth: "工业总产值…年均增长20%以上", base 1000 in 2020
def test_growth_path_and_status():
    target = Target(kind="growth", plan_value=0.2, base_value=1000.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2022, 1400.0)], now=2022)

    assert result.goal == pytest.approx(2488.32)  # 1000·1.2⁵
    assert result.expected == pytest.approx(1440.0)  # 1000·1.2²
    assert result.gap == pytest.approx(-40.0)
    assert result.relative_gap == pytest.approx(-40.0 / 1488.32)
    assert result.forecast is not None
    assert result.forecast.value == pytest.approx(1000 * 1.4**2.5)  # ≈ 2319 < 2488
    assert result.forecast.low is None  # two points: no interval
    assert result.status == "at risk"


# share: "占全市比重达到50%以上", base share 40 % in 2020
def test_share_from_numerator_and_total():
    target = Target(kind="share", plan_value=0.5, base_value=0.4, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2023, 450.0, total=1000.0)], now=2023)

    assert result.current == 0.45
    assert result.expected == pytest.approx(0.46)  # 0.40 + 0.10·3/5
    assert result.gap == pytest.approx(-0.01)
    assert result.completion == pytest.approx(0.9)


def test_share_needs_a_total():
    target = Target(kind="share", plan_value=0.5, base_value=0.4, base_time=2020, deadline=2025)

    with pytest.raises(TargetError, match="needs a positive total"):
        evaluate_target(target, [obs(2023, 450.0)], now=2023)


# net: "净增高新技术企业数超400家", 500 in 2020
def test_net_increase():
    target = Target(kind="net_increase", plan_value=400.0, base_value=500.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2023, 700.0)], now=2023)

    assert result.current == 200.0
    assert result.expected == 240.0
    assert result.gap == -40.0
    assert result.completion == 0.5
    assert result.relative_gap == -0.1
    # linear through (2020, 0), (2023, 200) → 333.3 at 2025: misses; gap exactly at the at-risk edge
    assert result.status == "at risk"
    assert evaluate_target(
        target, [obs(2023, 700.0)], now=2023, thresholds=Thresholds(at_risk=0.05)
    ).status == ("off track")


def test_net_decrease_lower_is_better():
    target = Target(
        kind="net_increase",
        plan_value=30.0,
        base_value=100.0,
        base_time=2020,
        deadline=2025,
        direction="lower",
    )

    result = evaluate_target(target, [obs(2025, 65.0)], now=2025)

    assert result.goal == -30.0
    assert result.current == -35.0
    assert result.completion == pytest.approx(35.0 / 30.0)
    assert result.status == "met"


# cumulative: "“十四五”期间累计实际利用外资超40亿美元"
def test_cumulative_with_interval():
    target = Target(kind="cumulative", plan_value=40.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2021, 7.0), obs(2022, 8.0), obs(2023, 9.0)], now=2023)

    assert result.current == 24.0
    assert result.expected == 24.0
    assert result.completion == 0.6
    assert result.gap == 0.0
    # points (2020,0) (2021,7) (2022,15) (2023,24): slope 8, value at 2025 = 11.5 + 8·3.5 = 39.5
    # SSE = 1, s = √½, se = s·√(1 + ¼ + 3.5²/5), t(2) = 4.303
    assert result.forecast is not None
    assert result.forecast.value == pytest.approx(39.5)
    half = 4.303 * math.sqrt(0.5) * math.sqrt(1.25 + 12.25 / 5)
    assert result.forecast.low == pytest.approx(39.5 - half)
    assert result.forecast.high == pytest.approx(39.5 + half)
    assert result.forecast.method == "linear"
    # on the path but the trend falls short of 40 → at risk
    assert result.status == "at risk"


def test_cumulative_ignores_flows_after_the_deadline():
    target = Target(kind="cumulative", plan_value=10.0, base_time=2020, deadline=2022)

    result = evaluate_target(target, [obs(2021, 4.0), obs(2022, 4.0), obs(2023, 9.0)], now=2023)

    assert result.current == 8.0
    assert result.status == "off track"


# quota: "每年各引进百亿元以上项目2个", 2021–2025
def test_quota_surplus_does_not_carry():
    target = Target(kind="count_per_period", plan_value=2.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2021, 3.0), obs(2022, 1.0), obs(2023, 2.0)], now=2023)

    assert result.goal == 10.0
    assert result.current == 5.0  # 2 + 1 + 2
    assert result.expected == 6.0
    assert result.completion == 0.5
    assert result.relative_gap == -0.1
    assert result.status == "at risk"


def test_quota_met_only_when_every_period_met():
    target = Target(kind="count_per_period", plan_value=1.0, base_time=2020, deadline=2023)

    met = evaluate_target(target, [obs(2021, 1.0), obs(2022, 2.0), obs(2023, 1.0)], now=2023)
    missed = evaluate_target(target, [obs(2021, 1.0), obs(2022, 0.0), obs(2023, 3.0)], now=2023)

    assert met.status == "met"
    assert missed.status == "off track"


# rank: "在省级层面开发区综合考评中每年至少进1位", 12th in 2020
def test_rank_gain():
    target = Target(kind="rank_change", plan_value=1.0, base_value=12.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2021, 11.0), obs(2022, 11.0), obs(2023, 8.0)], now=2023)

    assert result.goal == 5.0
    assert result.current == 4.0
    assert result.expected == 3.0
    assert result.completion == 0.8
    # (2020,0) (2021,1) (2022,1) (2023,4): slope 1.2 → 1.5 + 1.2·3.5 = 5.7 ≥ 5
    assert result.forecast is not None
    assert result.forecast.value == pytest.approx(5.7)
    assert result.status == "on track"


def test_rank_goal_capped_at_first_place():
    target = Target(kind="rank_change", plan_value=1.0, base_value=3.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2022, 1.0)], now=2022)

    assert result.goal == 2.0
    assert result.status == "met"


def test_no_data():
    target = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2020, 500.0), obs(2024, 700.0)], now=2023)

    assert result.status == "no data"
    assert result.completion is None
    assert result.forecast is None
    assert completion_ratio(target, [], now=2023) is None


def test_missed_deadline_is_off_track_even_when_close():
    target = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)

    result = evaluate_target(target, [obs(2025, 799.0)], now=2025.5)

    assert result.status == "off track"


def test_log_linear_forecast_of_exact_growth_has_zero_width_interval():
    forecast = forecast_trend([(2020, 100.0), (2021, 110.0), (2022, 121.0)], at=2025, trend="log-linear")

    assert forecast is not None
    assert forecast.value == pytest.approx(161.051)
    assert forecast.low == pytest.approx(161.051)
    assert forecast.high == pytest.approx(161.051)
    assert forecast.method == "log-linear"


def test_log_linear_falls_back_to_linear_for_non_positive_values():
    forecast = forecast_trend([(2020, -1.0), (2021, 1.0), (2022, 3.0)], at=2025, trend="log-linear")

    assert forecast is not None
    assert forecast.method == "linear"
    assert forecast.value == pytest.approx(9.0)


def test_t_quantiles():
    assert t_quantile_975(2) == 4.303
    assert t_quantile_975(30) == 2.042
    assert t_quantile_975(120) == pytest.approx(1.980, abs=5e-4)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "bogus"}, "unknown target kind"),
        ({"direction": "sideways"}, "unknown direction"),
        ({"deadline": 2020}, "is not after the base time"),
        ({"period": 0.0}, "period"),
    ],
)
def test_bad_targets_are_refused(kwargs, message):
    fields = {"kind": "level", "plan_value": 800.0, "base_value": 500.0, "base_time": 2020, "deadline": 2025}
    with pytest.raises(TargetError, match=message):
        Target(**(fields | kwargs))


@pytest.mark.parametrize(
    ("kind", "plan_value", "base_value", "direction", "message"),
    [
        ("level", 800.0, None, "higher", "needs a base value"),
        ("multiple", 2.0, 0.0, "higher", "must be positive"),
        ("growth", -1.5, 100.0, "higher", "must exceed"),
        ("share", 50.0, 0.4, "higher", "fraction"),
        ("cumulative", 40.0, None, "lower", "always higher-is-better"),
        ("rank_change", 1.0, 0.0, "higher", "counts from 1"),
    ],
)
def test_bad_kind_parameters_are_refused(kind, plan_value, base_value, direction, message):
    target = Target(
        kind=kind,
        plan_value=plan_value,
        base_value=base_value,
        base_time=2020,
        deadline=2025,
        direction=direction,
    )
    with pytest.raises(TargetError, match=message):
        evaluate_target(target, [], now=2022)


def test_duplicate_observation_times_are_refused():
    target = Target(kind="level", plan_value=800.0, base_value=500.0, base_time=2020, deadline=2025)

    with pytest.raises(TargetError, match="two observations"):
        evaluate_target(target, [obs(2021, 1.0), obs(2021, 2.0)], now=2022)


def test_thresholds_must_be_ordered():
    with pytest.raises(ThresholdError):
        Thresholds(on_track=0.2, at_risk=0.1)


def test_statuses_list():
    assert STATUSES == ("met", "on track", "at risk", "off track", "no data")
