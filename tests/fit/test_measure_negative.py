"""A bar below zero is read on the side of zero where it lies (issue 11): a bar with a negative
value, drawn by our renderer, verifies with its value, and 0 in its place is refused at that value
(the box reaching past zero says the plot shows values below it)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from recode_dsl import pipeline
from recode_dsl.fit import measure as M
from recode_dsl.fit.image import make_frame
from recode_dsl.fit.verify import verify_source
from recode_dsl.renderer.chart_marks import Rect

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


@pytest.mark.parametrize("look", ["", VEGA])
def test_hbars_all_below_zero_drawn_top_down_verify_in_their_order(look: str) -> None:
    """Every value negative: the bars hang from the box's far side (0 its right end). Drawn first
    category at the top (Vega-Lite's order), a program that leaves the layout to the renderer
    verifies: the categories are placed from the bars' runs along that side, each way up, not
    left bottom-up (where "2019" and "2021" swap, 450 px off); a value off is still refused."""
    src = 'chart hbar\ncategories("2019", "2020", "2021")\nseries("Units", [-1.1, -14.8, -24.7])\n'
    img = _render(src + look + "category_axis(reverse=true)\n")
    verdict = verify_source(src, img)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    assert not verify_source(src.replace("[-1.1,", "[-3.1,"), img).verified


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


def test_a_recoloured_bar_below_zero_beside_a_line_at_zero_is_read_below() -> None:
    # a plot 180 px wide from -50 to 250 (zero at pixel 40.5); the style drew the bar in its own
    # blue (the program says another) from column 16 to zero, its last column 40 half covered,
    # and a grey line at zero in column 41: the colour read just past zero is the line's, and the
    # bar is the blue below zero
    img = np.ones((60, 200, 3))
    img[20:40, 16:40] = BLUE
    img[20:40, 40] = [(b + 1.0) / 2 for b in BLUE]
    img[5:55, 41] = 0.87
    fr = make_frame((10.5, 5.0, 190.5, 55.0), True, (-50.0, 250.0, False), (-0.5, 0.5, False))
    rect = Rect(0, 0, 16.0, 20.0, 40.0, 40.0, (0.8, 0.2, 0.1), -40.0, True)
    readings = M._bars_read(img, fr, [rect], WHITE, 1, False, None)[0]
    assert readings[0].measured is not None and abs(readings[0].measured + 40.0) <= 1.0
