"""The plot box of a chart that draws no frame, no shaded ground and no tick labels, read from its
gridlines (perception.plotbox.box_of_lines, to_outer_lines; fit's own copies until 0cdb6bd):
Vega-Lite's urbaninstitute and powerbi themes. Synthetic images, every line placed exactly."""

from __future__ import annotations

import numpy as np

from recode_dsl.perception import plotbox as P
from recode_dsl.perception.plotbox import PlotBox

GRID = 0.87  # a light grey gridline on white
INK = 0.4


def _canvas(h: int = 300, w: int = 420) -> np.ndarray:
    return np.ones((h, w, 3))


def _solid_rows(img: np.ndarray, rows: list[int], x0: int, x1: int, grey: float = GRID) -> None:
    for r in rows:
        img[r, x0:x1] = grey


def _dotted_row(img: np.ndarray, r: int, x0: int, x1: int, period: int = 6) -> None:
    for x in range(x0, x1, period):
        img[r, x:x + 2] = 0.75


def _dotted_col(img: np.ndarray, c: int, y0: int, y1: int, period: int = 6) -> None:
    for y in range(y0, y1, period):
        img[y:y + 2, c] = 0.75


def _dot(img: np.ndarray, x: int, y: int, colour: tuple[float, float, float] = (0.3, 0.5, 0.8)) -> None:
    img[y - 3:y + 4, x - 3:x + 4] = colour


def test_solid_gridlines_and_ticks_give_the_box() -> None:
    img = _canvas()
    _solid_rows(img, [40, 80, 120, 160, 200, 240], 50, 371)
    img[250, 50:371] = INK  # the axis line at the bottom, with tick marks under it
    for x in range(50, 371, 40):
        img[251:255, x] = INK
    for x, y in [(90, 100), (200, 60), (330, 210)]:
        _dot(img, x, y)
    img[270:280, 150:160] = INK  # something printed under the axis (an axis title)
    found = P.box_of_lines(img)
    assert found is not None
    x0, y0, x1, y1 = found.box
    assert abs(y0 - 40.5) <= 0.01 and abs(y1 - 250.5) <= 0.01
    assert abs(x0 - 50.5) <= 0.01 and abs(x1 - 370.5) <= 0.01  # the end ticks' centres
    assert found.rows[0] == 40.5


def test_dotted_gridlines_give_the_box_with_text_beside_them() -> None:
    img = _canvas()
    for r in (30, 130, 230):
        _dotted_row(img, r, 80, 380)
    for c in (80, 230, 379):
        _dotted_col(img, c, 30, 231)
    img[120:140, 10:16] = INK  # an axis title left of the box, on a gridline's row
    img[128:132, 10:16] = 1.0
    _dot(img, 200, 80)
    found = P.box_of_lines(img)
    assert found is not None
    x0, y0, x1, y1 = found.box
    assert (round(y0, 1), round(y1, 1)) == (30.5, 230.5)
    assert abs(x0 - 80.5) <= 0.01 and abs(x1 - 379.5) <= 0.01


def test_a_marker_on_the_top_gridline_keeps_the_box_there() -> None:
    # a scatter point whose centre lies just inside the top gridline crosses it by its rim: the
    # data end at the nice scale's outer tick, so the box does not go on by a spacing
    img = _canvas()
    _solid_rows(img, [40, 80, 120, 160, 200, 240], 50, 371)
    img[280, 50:371] = INK  # the axis line a spacing under the last gridline
    for x in range(50, 371, 40):
        img[281:285, x] = INK
    for x, y in [(90, 100), (200, 42), (330, 210)]:  # the second one's rim reaches row 39
        _dot(img, x, y)
    found = P.box_of_lines(img)
    assert found is not None
    assert abs(found.box[1] - 40.5) <= 0.01 and abs(found.box[3] - 280.5) <= 0.01
    _dot(img, 260, 15)  # a mark well past the top line: a gridline there was left out
    found = P.box_of_lines(img)
    assert found is not None and abs(found.box[1] - 0.5) <= 0.01


def test_no_lines_no_box() -> None:
    img = _canvas()
    _dot(img, 100, 100)
    img[150, 50:100] = INK  # one short line
    assert P.box_of_lines(img) is None


def test_a_box_stopped_at_the_tallest_bar_reaches_out_to_the_top_gridline() -> None:
    img = _canvas()
    _solid_rows(img, [40, 80, 120, 160, 200], 50, 371)
    img[240, 50:371] = INK
    img[70:240, 100:140] = (0.3, 0.5, 0.8)  # the tallest bar reaches row 70, above the 80 gridline
    img[150:240, 200:240] = (0.3, 0.5, 0.8)
    found = PlotBox((50.0, 70.0, 371.0, 240.5), ("extent", "extent", "extent", "line"), (0.0,) * 4)
    got = P.to_outer_lines(img, found)
    assert got.box == (50.0, 40.5, 371.0, 240.5)
    assert got.how[1] == "line"


def test_a_row_of_labels_under_the_box_does_not_move_it() -> None:
    img = _canvas()
    _solid_rows(img, [40, 80, 120, 160, 200], 50, 371)
    img[240, 50:371] = INK
    for x in range(50, 371, 40):  # tick labels: short strokes spread along a row under the box
        img[255:262, x - 4:x + 4] = INK
        img[257:260, x - 2:x + 2] = 1.0
    found = PlotBox((50.0, 40.5, 371.0, 240.5), ("line",) * 4, (0.0,) * 4)
    assert P.to_outer_lines(img, found).box == found.box
