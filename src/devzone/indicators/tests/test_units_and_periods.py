"""Unit conversion and reporting periods."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devzone.indicators.periods import PeriodError, parse_period, period_within
from devzone.indicators.targets import plan_figure
from devzone.indicators.units import (
    UNITS,
    IncompatibleUnitsError,
    UnknownUnitError,
    compatible,
    conversion_factor,
    convert,
    parse_unit,
)

SYMBOLS = sorted({unit.symbol for unit in UNITS.values()})
COMPOUND = ["万元/亩", "元/平方米", "万元/公顷", "万元/tce", "tce/万元", "万元/人"]


def test_money_conversions():
    assert convert(800.0, source="亿元", target="万元") == 8_000_000.0
    assert convert(3500.0, source="万元", target="亿元") == 0.35
    assert convert(40.0, source="亿美元", target="万美元") == 400_000.0
    assert convert(1.0, source="亿元", target="元") == 100_000_000.0


def test_area_and_intensity_conversions():
    assert convert(1.0, source="公顷", target="亩") == pytest.approx(15.0)
    # 500 万元/亩 = 500·10⁴ 元 / 666.67 m² = 7,500 元/m²
    assert convert(500.0, source="万元/亩", target="元/平方米") == pytest.approx(7500.0)
    assert convert(300.0, source="万元/亩", target="万元/公顷") == pytest.approx(4500.0)


def test_percent_and_aliases():
    assert convert(90.0, source="%", target="1") == 0.9
    assert parse_unit("％").symbol == "%"
    assert parse_unit("吨标准煤").symbol == "tce"
    assert parse_unit("万吨标准煤").size == 1e4
    assert compatible("家", "户")
    assert plan_figure(kind="growth", value=20.0, unit="%") == 0.2


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("亿元", "亿美元"),
        ("家", "个"),
        ("%", "亿元"),
        ("万元/亩", "万元"),
        ("万元/亩", "万美元/亩"),
        ("tce", "吨"),
    ],
)
def test_incompatible_units_raise(source, target):
    with pytest.raises(IncompatibleUnitsError, match="cannot convert"):
        convert(1.0, source=source, target=target)
    assert not compatible(source, target)


@pytest.mark.parametrize("text", ["斤", "亿元/", "万元/亩/年", ""])
def test_unknown_units_raise(text):
    with pytest.raises(UnknownUnitError):
        parse_unit(text)


@settings(max_examples=200)
@given(
    st.sampled_from(SYMBOLS + COMPOUND),
    st.sampled_from(SYMBOLS + COMPOUND),
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
)
def test_conversion_round_trips(first, second, value):
    if not compatible(first, second):
        return
    there = convert(value, source=first, target=second)
    back = convert(there, source=second, target=first)
    assert math.isclose(back, value, rel_tol=1e-12, abs_tol=1e-300)
    assert math.isclose(
        conversion_factor(source=first, target=second) * conversion_factor(source=second, target=first), 1.0
    )


@pytest.mark.parametrize(
    ("text", "label", "end"),
    [
        ("2023", "2023", 2023.0),
        ("2023年", "2023", 2023.0),
        (2023, "2023", 2023.0),
        (2023.0, "2023", 2023.0),
        ("2023Q2", "2023Q2", 2022.5),
        ("2023年第2季度", "2023Q2", 2022.5),
        ("2023-06", "2023-06", 2022.5),
        ("2023年12月", "2023-12", 2023.0),
    ],
)
def test_periods(text, label, end):
    period = parse_period(text)
    assert period.label == label
    assert period.end == end


@pytest.mark.parametrize("text", ["二〇二三", "2023Q5", "2023-13", 2023.5, True, "x"])
def test_bad_periods(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_period_within_plan():
    first, last = parse_period("2021"), parse_period("2025")
    assert period_within(parse_period("2021Q1"), first=first, last=last)
    assert period_within(parse_period("2025"), first=first, last=last)
    assert not period_within(parse_period("2026-01"), first=first, last=last)
    assert not period_within(parse_period("2020"), first=first, last=last)
