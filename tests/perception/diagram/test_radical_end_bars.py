"""A number under a dimension line is no square root (issue 13): the line over it with an end
bar left of it looks like a radical's bar and sign, but the end bar runs on up past the line
(train 539's '7 ft', 1179's '8cm', 1296's '2m' were read as roots). Ink drawn by hand."""

from __future__ import annotations

import numpy as np

from recode_dsl.perception.diagram.texts import Text, radicals


def _ink(sign_top: int) -> np.ndarray:
    ink = np.zeros((90, 120), dtype=bool)
    ink[32:34, 14:66] = True  # the bar over the number, ending just past it
    ink[sign_top:60, 14:16] = True  # the upright stroke left of the number
    ink[42:60, 44:47] = True  # the number's ink
    return ink


def test_a_number_under_a_dimension_line_between_end_bars_is_no_root() -> None:
    seven = Text("7", (40, 40, 52, 61), "length", "7")
    # the end bar crosses the dimension line and rises 10 px above it
    assert [t.value for t in radicals([seven], _ink(sign_top=22))] == ["7"]


def test_a_number_under_a_radicals_bar_is_its_root() -> None:
    seven = Text("7", (40, 40, 52, 61), "length", "7")
    # the sign's stroke stops at the bar
    assert [t.value for t in radicals([seven], _ink(sign_top=32))] == ["\\sqrt{7}"]
