"""A bar below zero is read on the side of zero where it lies (issue 11): a bar with a negative
value, drawn by our renderer, verifies with its value, and 0 in its place is refused at that value
(the box reaching past zero says the plot shows values below it)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from recode_dsl import pipeline
from recode_dsl.fit import measure as M
from recode_dsl.fit.verify import verify_source

BARS = 'chart {}\ncategories("a", "b", "c", "d", "e")\nseries("S", [-40, 150, 230, 170, 75])\n'
VEGA = 'theme("vega-lite")\n'
BLUE = (0.12, 0.47, 0.71)
WHITE = (1.0, 1.0, 1.0)


def _render(src: str) -> Any:
    result = pipeline.compile(src, solve=False)
    assert result.scene is not None
    return pipeline.render(result.scene, "array")


@pytest.mark.parametrize(("kind", "look"), [("hbar", ""), ("hbar", VEGA), ("bar", VEGA)])
def test_a_negative_bar_verifies_and_zero_in_its_place_does_not(kind: str, look: str) -> None:
    src = BARS.format(kind)
    img = _render(src + look)
    verdict = verify_source(src, img)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    wrong = verify_source(src.replace("[-40,", "[0,"), img)
    assert not wrong.verified
    # the value is refused where it is written (the 0 at line 3, column 14)
    assert ("E100", 3, 14) in [(d.code, d.span.line, d.span.col) for d in wrong.diagnostics]


def test_a_negative_bars_edge_pixel_past_zero_is_no_positive_bar() -> None:
    # one row: a bar of blue over columns 20-39; zero's pixel said to be 39.0, a pixel inside the
    # bar's end (another renderer rounds its bars): read upwards, the bar is 1 px long
    img = np.ones((1, 100, 3))
    img[0, 20:40] = BLUE
    up = M._bar_end(img, True, [0], 39.0, BLUE, WHITE)
    assert up is not None and abs(up[0] - 40.0) <= 0.25
    got, down = M._longer_side(img, True, [0], 39.0, BLUE, WHITE, up)
    assert down and got is not None and abs(got[0] - 20.0) <= 0.25
    # a bar above zero stays there (its pixel at zero's is its edge, no bar below)
    img = np.ones((1, 100, 3))  # (a new image: bar ends are kept by image)
    img[0, 38:70] = BLUE
    up = M._bar_end(img, True, [0], 39.0, BLUE, WHITE)
    got, down = M._longer_side(img, True, [0], 39.0, BLUE, WHITE, up)
    assert not down and got is not None and abs(got[0] - 70.0) <= 0.25
