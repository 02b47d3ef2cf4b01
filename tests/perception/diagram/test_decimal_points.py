"""A number's decimal point OCR dropped ('45' for 4.5) is put back from the label's ink
(issue 13). Label ink built by hand: digits as tall strokes, the point a small dot."""

from __future__ import annotations

import numpy as np

from recode_dsl.perception.diagram.decimals import decimal_points
from recode_dsl.perception.diagram.texts import Text

BOX = (10, 10, 50, 34)  # x0, y0, x1, y1: a label 24 px tall


def _ink(dot_top: int | None) -> np.ndarray:
    """Two digit-high glyphs at x 12-20 and 30-38 (rows 10-34), a 3 px dot between them."""
    ink = np.zeros((60, 80), dtype=bool)
    ink[10:34, 12:20] = True
    ink[10:34, 30:38] = True
    if dot_top is not None:
        ink[dot_top : dot_top + 3, 24:27] = True
    return ink


def _read(value: str, ink: np.ndarray, kind: str = "length") -> str:
    return decimal_points([Text(value, BOX, kind, value)], ink)[0].value


def test_a_dot_on_the_baseline_between_two_digits_is_their_decimal_point() -> None:
    assert _read("45", _ink(31)) == "4.5"
    assert _read("45", _ink(31), "angle") == "4.5"


def test_no_dot_or_a_dot_off_the_baseline_leaves_the_number() -> None:
    assert _read("45", _ink(None)) == "45"
    assert _read("45", _ink(11)) == "45"  # high up: a mark, no decimal point
    assert _read("4.5", _ink(31)) == "4.5"  # read with its point already


def test_a_dot_after_the_last_digit_is_no_decimal_point() -> None:
    ink = _ink(None)
    ink[31:34, 40:43] = True  # a stop after the number ('12 in.')
    assert _read("45", ink) == "45"
