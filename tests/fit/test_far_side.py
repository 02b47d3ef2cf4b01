"""The plot box's far value side from the gridlines (fit.far_side): a frameless style's box found
short of its top (at the tallest bar) is taken out to where the gridlines' round step puts the
range's end, so the values are not scaled by the box's shortfall."""

from __future__ import annotations

import numpy as np
import pytest

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit.chart import fit_chart
from recode_dsl.fit.far_side import far_side
from recode_dsl.fit.image import Scale
from recode_dsl.perception.plotbox import PlotBox

TRUTH = ('chart stacked_bar\ncanvas(640, 480)\ntheme("fivethirtyeight")\ncategories("Q1", "Q2", "Q3", "Q4")\n'
         'series("Men", [6, 6, 8, 2])\nseries("Imports", [5, 6, 4, 10])\nseries("Women", [6, 7, 6, 1])\n'
         'value_axis(0, 19.95)\n')


def _chart(src: str) -> s.Chart:
    scene = pipeline.compile(src, solve=False).scene
    assert isinstance(scene, s.Chart)
    return scene


def test_a_frameless_box_found_at_the_tallest_bar_reaches_the_range_end() -> None:
    img = np.asarray(pipeline.render(_chart(TRUTH), "array"))
    guess = TRUTH.replace("[6, 6, 8, 2]", "[6.1, 6.2, 7.3, 1.9]").replace("[6, 7, 6, 1]", "[5.4, 6.4, 5.7, 1.0]")
    fit = fit_chart(_chart(guess), img)
    assert fit.changed
    got = [float(v) for x in fit.chart.series for v in x.values]
    truth = [6, 6, 8, 2, 5, 6, 4, 10, 6, 7, 6, 1]
    assert got == pytest.approx(truth, abs=0.05)  # a pixel: 5% off before (the box 19 px short)


ROWS = (105.5, 154.5, 203.5, 252.5, 300.5, 349.5, 398.5)


@pytest.mark.parametrize("how, rows, why", [
    ("line", ROWS, "a frame line is the side"),
    ("step", (105.5, 154.5, 210.0, 252.5, 300.5), "gridlines not evenly spaced"),
    ("step", ROWS[-2:], "too few gridlines to say a step"),
])
def test_the_far_side_stays_where_the_gridlines_do_not_say(how: str, rows: tuple[float, ...], why: str) -> None:
    box = PlotBox((50.0, 212.5, 600.0, 444.0), ("extent", how, "extent", "step"), (0.0,) * 4, rows=rows)
    assert far_side(box, Scale(0.0, 19.95, 444.0, 212.5), True, 0.0) is None, why


def test_a_horizontal_value_axis_goes_out_to_the_right() -> None:
    cols = tuple(100.0 + 40.0 * k for k in range(8))  # 0, 2, ..., 14 at 20 px a unit
    box = PlotBox((100.0, 30.0, 300.0, 400.0), ("line", "extent", "extent", "extent"), (0.0,) * 4, cols=cols)
    wider = far_side(box, Scale(0.0, 15.0, 100.0, 300.0), False, 640.0)
    assert wider is not None and wider.box[2] == 400.0


@pytest.mark.parametrize("scale, limit", [
    (Scale(0.0, 19.95, 444.0, 444.0), 0.0),  # a scale of no pixels
    (Scale(0.0, 19.95, 0.0, 212.5), 0.0),  # the base on the image's edge
])
def test_a_degenerate_scale_leaves_the_side_as_found(scale: Scale, limit: float) -> None:
    # a hostile image can give either; it divided by zero before
    box = PlotBox((50.0, 212.5, 600.0, 444.0), ("extent", "step", "extent", "step"), (0.0,) * 4, rows=ROWS)
    assert far_side(box, scale, True, limit) is None


def test_the_far_side_lies_past_the_furthest_gridline_above_the_box_found() -> None:
    """Fivethirtyeight stacked bars whose segments end level near 8 of 11.655: the box was found
    at that step (row 122), with the gridlines of 10 (75.5) and 8 (120.5) at or above it. Steps 2
    and 2.5 both put the range's end above row 122, but only step 2 puts it past the gridline at
    75.5: the box's top is 37 (38.4 as drawn), where before no side was taken (the values read
    47% high)."""
    stop = PlotBox((47.0, 122.0, 531.0, 296.3), ("extent", "extent", "extent", "step"),
                   (0.0, 0.0, 0.0, 0.0), rows=(75.5, 120.5, 164.5, 209.5, 253.5))
    got = far_side(stop, Scale(0.0, 11.655, 296.3, 122.0), True, 0.0)
    assert got is not None and got.box[1] == 37.0
