"""Axis scales, ranges, ticks and labels; and the examples in the chart renderer's docstrings."""

from __future__ import annotations

import doctest
import importlib
import math

import pytest

from recode_dsl.renderer.axes import (
    MINUS,
    Scale,
    auto_range,
    format_ticks,
    format_value,
    log_ticks,
    nice_ticks,
    nonsingular,
    tick_space,
)

MODULES = ["recode_dsl.renderer", "recode_dsl.renderer.axes", "recode_dsl.renderer.chart",
           "recode_dsl.renderer.chart_text"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0


def test_scale_maps_both_ways_and_flips_for_y() -> None:
    y = Scale(0, 10, 400, 100)
    assert y(0) == 400 and y(10) == 100 and y(5) == 250
    assert y.inverse(y(3.7)) == pytest.approx(3.7)
    log = Scale(1, 1000, 0, 300, log=True)
    assert log(10) == pytest.approx(100) and log.inverse(200) == pytest.approx(100)
    assert log(0) < 0  # a bar base at zero falls off the low end


def test_empty_ranges_are_widened() -> None:
    assert nonsingular(0, 0) == (-0.05, 0.05)
    lo, hi = auto_range(5, 5)
    assert lo < 5 < hi


def test_log_range_has_margins_in_decades() -> None:
    lo, hi = auto_range(1, 100, log=True)
    assert math.log10(lo) == pytest.approx(-0.1) and math.log10(hi) == pytest.approx(2.1)


def test_ticks_stay_in_range_and_are_round() -> None:
    for lo, hi in ((0, 1), (-7.3, 42.1), (1e-4, 3e-4), (123456, 123999)):
        ticks = nice_ticks(lo, hi, 7)
        assert 2 <= len(ticks) <= 8
        assert all(lo <= t <= hi for t in ticks)
        steps = {round(b - a, 12) for a, b in zip(ticks, ticks[1:])}
        assert len(steps) == 1


def test_tick_space_follows_font_size() -> None:
    assert tick_space(496, 10 * 100 / 72, vertical=False) == 9
    assert tick_space(100, 20, vertical=True) == 2
    assert tick_space(10, 20, vertical=True) == 1


def test_tick_labels_share_decimals_and_use_a_true_minus() -> None:
    assert format_ticks([-1, 0, 1]).labels == (f"{MINUS}1", "0", "1")
    assert format_ticks([0, 0.25, 0.5]).labels == ("0.00", "0.25", "0.50")
    big = format_ticks([0, 1e7, 2e7])
    assert big.labels == ("0", "1", "2") and big.offset == "1e7"


def test_log_ticks_label_decades_or_all_ticks_in_a_short_range() -> None:
    wide = log_ticks(0.5, 5000)
    assert wide.values == (1, 10, 100, 1000) and len(wide.minor) > 10
    short = log_ticks(2, 9)
    assert len(short.values) >= 2 and short.labels[0] == "2"


def test_value_labels() -> None:
    assert format_value(21.25) == "21.25"
    assert format_value(3.0) == "3"
    assert format_value(-0.0001, 2) == "0.00"
    assert format_value(2.5, 0) == "2"  # round half to even, as printf does
