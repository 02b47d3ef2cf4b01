"""A bar's end under an opaque cover (a legend) that hides its middle: the bar is one rectangle,
and where a side of it shows beside the cover its end is read there, not at the cover's border."""

from __future__ import annotations

import numpy as np

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit.measure import measure

PROGRAM = ('chart bar\ncanvas(400, 300)\nvalue_axis(0, 10)\ncategories("A", "B", "C")\n'
           'series("Sales", [4, 9, 6], color="#348abd")\n')
FILL = np.array([0x34, 0x8A, 0xBD]) / 255.0


def _chart_and_image() -> tuple[s.Chart, np.ndarray]:
    chart = pipeline.compile(PROGRAM, solve=False).scene
    assert isinstance(chart, s.Chart)
    return chart, np.asarray(pipeline.render(chart, "array"))[..., :3].astype(float) / 255.0


def _tallest_bar(img: np.ndarray) -> tuple[int, int, int]:
    """The tallest bar's top row and its first and last columns of pure fill."""
    on = np.linalg.norm(img - FILL, axis=2) < 0.05
    top = int(np.flatnonzero(on.any(axis=1))[0])
    cols = np.flatnonzero(on[top + 3])
    return top, int(cols[0]), int(cols[-1])


def _opaque_cover(img: np.ndarray, rows: slice, cols: slice) -> np.ndarray:
    """A legend over the image: a face of the ground's colour, a dark border, a glyph stroke."""
    out: np.ndarray = np.array(img, dtype=float)
    out[rows, cols] = img[rows.start - 5, 5]
    out[rows.start, cols] = out[rows.stop - 1, cols] = 0.2
    out[rows, cols.start] = out[rows, cols.stop - 1] = 0.2
    out[rows.start + 4:rows.start + 7, cols.start + 3:cols.stop - 3] = 0.15
    return out


def test_a_bar_end_beside_an_opaque_legend_is_read_where_the_bar_shows() -> None:
    chart, img = _chart_and_image()
    top, left, right = _tallest_bar(img)
    width = right - left
    # the legend hides the bar's end but for its left fifth, and reaches down 20 px past it
    covered = _opaque_cover(img, slice(top - 10, top + 20), slice(left + width // 5, right + 40))
    clear = measure(chart, img).readings[1]
    got = measure(chart, covered).readings[1]
    assert clear.measured is not None and got.measured is not None
    # before: read at the legend's lower border, 20 px short, and taken as hidden
    assert abs(got.measured - clear.measured) < 0.1, (got, clear)
    assert not got.hidden


def test_a_legend_over_the_whole_end_still_hides_it() -> None:
    chart, img = _chart_and_image()
    top, left, right = _tallest_bar(img)
    covered = _opaque_cover(img, slice(top - 10, top + 20), slice(left - 6, right + 40))
    got = measure(chart, covered).readings[1]
    assert got.hidden
    assert got.residual_px is not None and got.residual_px < -15
