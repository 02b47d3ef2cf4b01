"""A 'b' or an 'o' read before a variable at a value's start is a digit, told by its glyph:
a 6 closes a loop, a 5 does not (issue 13). Label ink built by hand."""

from __future__ import annotations

import numpy as np

from recode_dsl.perception.diagram.glyphs import digit_for_letter
from recode_dsl.perception.diagram.texts import classify

BOX = (10, 10, 60, 34)  # a label 24 px tall


def _ink(loop: bool) -> np.ndarray:
    """The first glyph (x 12-24): a ring when ``loop``, else an open hook; then a 'y'."""
    ink = np.zeros((60, 80), dtype=bool)
    ink[10:34, 12:15] = True  # stem
    ink[20:23, 12:24] = True  # middle bar
    ink[31:34, 12:24] = True  # foot
    ink[20:34, 21:24] = True  # right side of the bowl
    if not loop:
        ink[24:30, 12:15] = False  # the bowl left open: a 5
    ink[18:34, 34:44] = True  # the next glyph, a variable
    return ink


def test_a_b_closing_a_loop_before_a_variable_is_a_6() -> None:
    raw = digit_for_letter("by -8", BOX, _ink(loop=True))
    assert classify(raw, False) == ("length", "6y-8")


def test_an_open_glyph_read_b_or_o_before_a_variable_is_a_5() -> None:
    assert digit_for_letter("oy + 16", BOX, _ink(loop=False)) == "5y + 16"
    assert digit_for_letter("by”", BOX, _ink(loop=False)) == "5y”"


def test_other_texts_are_left_as_read() -> None:
    ink = _ink(loop=True)
    assert digit_for_letter("b+11", BOX, ink) == "b+11"  # a variable b
    assert digit_for_letter("oy", BOX, ink) == "oy"  # a closed 'o': a 0, 6, 8 or 9
    assert digit_for_letter("box", BOX, ink) == "box"


def _digits(first_width: int) -> np.ndarray:
    """Three glyphs 21 px tall at y 12-33: the first ``first_width`` px wide, then two 0-like
    rings 11 px wide, then a degree ring at the top right."""
    ink = np.zeros((60, 80), dtype=bool)
    ink[12:33, 12 : 12 + first_width] = True
    for x0 in (26, 39):
        ink[12:33, x0 : x0 + 11] = True
        ink[15:30, x0 + 3 : x0 + 8] = False
    ink[10:17, 52:59] = True
    ink[12:15, 54:57] = False
    return ink


def test_a_degree_value_of_400_or_more_read_from_a_narrow_first_glyph_starts_with_1() -> None:
    from recode_dsl.perception.diagram.glyphs import one_read_as_four

    box = (10, 10, 60, 35)
    assert classify(one_read_as_four("409°", box, _digits(7)), True) == ("angle", "109")
    # a first glyph as wide as a 4: left as read
    assert one_read_as_four("409°", box, _digits(13)) == "409°"
    assert one_read_as_four("40°", box, _digits(7)) == "40°"  # two digits: a 40 may be


def _three_or_five(three: bool) -> np.ndarray:
    """The first glyph (x 12-24, y 10-34): a 3 (bare on its upper left) or a 5 (a stem there);
    then a 'y'."""
    ink = np.zeros((60, 80), dtype=bool)
    ink[10:13, 12:24] = True  # top bar
    ink[20:23, 15 if three else 12 : 24] = True  # middle bar
    ink[31:34, 12:24] = True  # foot
    ink[20:34, 21:24] = True  # lower right side
    if three:
        ink[10:20, 21:24] = True  # upper right side
    else:
        ink[10:22, 12:15] = True  # stem
    ink[18:34, 34:44] = True  # the next glyph, a variable
    return ink


def test_an_s_read_before_a_variable_from_a_glyph_open_on_its_upper_left_is_a_3() -> None:
    raw = digit_for_letter("sy- 1", BOX, _three_or_five(three=True))
    assert classify(raw, False) == ("length", "3y-1")
    # a stem on the upper left: a 5, as classify reads it
    raw = digit_for_letter("sy+4", BOX, _three_or_five(three=False))
    assert raw == "sy+4" and classify(raw, False) == ("length", "5y+4")
    assert digit_for_letter("s+2", BOX, _three_or_five(three=True)) == "s+2"  # a variable s
