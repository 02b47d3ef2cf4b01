"""A bar's end under a translucent legend (matplotlib's legend face at alpha 0.8): the bar shows
through the face to its true end, which is read there, not at the legend's border."""

from __future__ import annotations

import numpy as np

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit.measure import measure
from recode_dsl.fit.see_through import seen_through

PROGRAM = ('chart bar\ncanvas(400, 300)\nvalue_axis(0, 10)\ncategories("A", "B", "C")\n'
           'series("Sales", [4, 9, 6], color="#348abd")\n')


def _chart_and_image() -> tuple[s.Chart, np.ndarray]:
    chart = pipeline.compile(PROGRAM, solve=False).scene
    assert isinstance(chart, s.Chart)
    return chart, np.asarray(pipeline.render(chart, "array"))[..., :3].astype(float) / 255.0


def _rgb(v: np.ndarray) -> tuple[float, float, float]:
    return float(v[0]), float(v[1]), float(v[2])


FILL = np.array([0x34, 0x8A, 0xBD]) / 255.0  # PROGRAM's bars


def _bar_top(img: np.ndarray, col: int, fill: np.ndarray) -> int:
    return int(np.flatnonzero(np.linalg.norm(img[:, col] - fill, axis=1) < 0.05)[0])


def _tallest_bar(img: np.ndarray, fill: np.ndarray) -> tuple[int, int]:
    """The middle column of the tallest bar of colour ``fill`` (the only one across row 200) and
    the row of its top."""
    col = int(np.flatnonzero(np.linalg.norm(img[200] - fill, axis=1) < 0.05).mean())
    return col, _bar_top(img, col, fill)


def _cover(img: np.ndarray, rows: slice, cols: slice, alpha: float) -> np.ndarray:
    """A legend over the image: its face the ground's colour at ``alpha``, a grey border, a dark
    glyph stroke across the middle."""
    out: np.ndarray = np.array(img, dtype=float)
    ground = img[rows.start - 5, cols.start - 5]
    out[rows, cols] = alpha * ground + (1 - alpha) * img[rows, cols]
    out[rows.start, cols] = out[rows.stop - 1, cols] = 0.8 * 0.6 + 0.2 * img[rows.start, cols]
    out[rows.start + 4:rows.start + 7, cols.start + 3:cols.stop - 3] = 0.15
    return out


def test_a_bar_end_under_a_translucent_legend_is_read_through_it() -> None:
    chart, img = _chart_and_image()
    col, top = _tallest_bar(img, FILL)
    covered = _cover(img, slice(top - 12, top + 10), slice(col - 40, col + 40), 0.8)
    clear = measure(chart, img).readings[1]
    got = measure(chart, covered).readings[1]
    assert clear.measured is not None and got.measured is not None
    # read at the same end as with no legend (before: at the legend's border, 10 px short)
    assert abs(got.measured - clear.measured) < 0.05, (got, clear)
    assert not got.hidden


def test_an_opaque_legend_shows_no_end_through_it() -> None:
    chart, img = _chart_and_image()
    col, top = _tallest_bar(img, FILL)
    covered = _cover(img, slice(top - 12, top + 10), slice(col - 40, col + 40), 1.0)
    ground = _rgb(img[top - 20, col])
    assert seen_through(covered, False, [col - 2, col, col + 2], float(top + 10), _rgb(FILL), ground) is None


def test_a_bare_bar_end_has_nothing_seen_through() -> None:
    _, img = _chart_and_image()
    col, top = _tallest_bar(img, FILL)
    ground = _rgb(img[top - 20, col])
    assert seen_through(img, False, [col - 2, col, col + 2], float(top), _rgb(FILL), ground) is None


def test_a_legend_handle_drawn_over_the_bar_under_the_face_does_not_hide_its_end() -> None:
    # a legend's handles are opaque patches on its face: one lies across the bar's middle lines
    # between the legend's border and the bar's end; the face's tint comes back past it
    chart, img = _chart_and_image()
    col, top = _tallest_bar(img, FILL)
    covered = _cover(img, slice(top - 12, top + 14), slice(col - 40, col + 40), 0.8)
    covered[top + 4:top + 10, col - 30:col + 30] = (1.0, 0.5, 0.05)  # an orange handle
    clear = measure(chart, img).readings[1]
    got = measure(chart, covered).readings[1]
    assert clear.measured is not None and got.measured is not None
    # before: the handle's run of its own colour ended the search, the end read at the border
    assert abs(got.measured - clear.measured) < 0.05, (got, clear)
    assert not got.hidden


LIGHT = "#b0c4de"  # a fill near the white ground: the face's step over it is 0.08 RGB


def _light_chart_and_image() -> tuple[s.Chart, np.ndarray, np.ndarray, int, int]:
    chart = pipeline.compile(PROGRAM.replace("#348abd", LIGHT), solve=False).scene
    assert isinstance(chart, s.Chart)
    img = np.asarray(pipeline.render(chart, "array"))[..., :3].astype(float) / 255.0
    fill = np.array([0xB0, 0xC4, 0xDE]) / 255.0
    return (chart, img, fill, *_tallest_bar(img, fill))


def test_a_light_bar_under_a_translucent_legend_is_read_through_it() -> None:
    # the face's tint over a fill near the ground lies 0.08 RGB from the face over the ground:
    # before, any tint within 0.1 of it was taken for the ground and the end read at the border
    chart, img, _, col, top = _light_chart_and_image()
    covered = _cover(img, slice(top - 12, top + 10), slice(col - 40, col + 40), 0.8)
    clear = measure(chart, img).readings[1]
    got = measure(chart, covered).readings[1]
    assert clear.measured is not None and got.measured is not None
    assert abs(got.measured - clear.measured) < 0.05, (got, clear)
    assert not got.hidden


def test_a_handle_hiding_the_end_on_some_lines_leaves_it_to_the_others() -> None:
    # a handle in the bar's own colour drawn on the face across the bar's end over the left half
    # of its middle lines, a glyph's stroke across it over a few more: the end is somewhere under
    # them there, and read where the tint meets the face (before: the lines with the face's tint
    # ending in the face were too few: the handle's lines read the end where the handle starts)
    chart, img = _chart_and_image()
    col, top = _tallest_bar(img, FILL)
    covered = _cover(img, slice(top - 12, top + 10), slice(col - 40, col + 40), 0.8)
    covered[top - 2:top + 4, col - 30:col] = FILL  # the handle, across the end
    covered[top - 6:top + 4, col + 1:col + 3] = 0.1  # a glyph's stem across the end
    clear = measure(chart, img).readings[1]
    got = measure(chart, covered).readings[1]
    assert clear.measured is not None and got.measured is not None
    assert abs(got.measured - clear.measured) < 0.05, (got, clear)
