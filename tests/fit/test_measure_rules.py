"""Rules of reading a chart's marks (issue 11): a stacked segment ends where the next one's colour
starts, however short that one is; a gridline that bars hide shows in pieces whose ends are mixed
with the bars' edges; one stray line among gridlines does not spoil the calibration; a pie's
anti-aliased boundary between two wedges is no third wedge."""

from __future__ import annotations

import numpy as np

from recode_dsl.fit import marks as K
from recode_dsl.fit import measure as M
from recode_dsl.fit.image import Scale

WHITE = (1.0, 1.0, 1.0)
LIGHT = (0.404, 0.576, 0.651)
DARK = (0.094, 0.141, 0.161)


def _column(cells: list[tuple[float, float, float]]) -> np.ndarray:
    img = np.ones((len(cells), 11, 3))
    img[:, :] = np.asarray(cells)[:, None, :]
    return img


def test_a_short_segment_above_ends_the_one_below() -> None:
    # rows 0-9 white, 10 a mix of white and dark, 11-13 dark (a 3 px segment), 14 a mix of dark
    # and light, 15-39 light: the light segment rises from row 40 to 14.5
    half = tuple((w + d) / 2 for w, d in zip(WHITE, DARK))
    mix = tuple((d + li) / 2 for d, li in zip(DARK, LIGHT))
    cells = [WHITE] * 10 + [half] + [DARK] * 3 + [mix] + [LIGHT] * 25
    img = _column(cells)  # type: ignore[arg-type]
    got = M._bar_end(img, False, [5], 40.0, LIGHT, WHITE, stacked=True, above=DARK, beyond=DARK)
    assert got is not None
    assert abs(got[0] - 14.5) <= 0.25
    # without the next segment's colour known, a gap of three cells is bridged (a gridline over
    # the bar) and the mix above taken for the bar: the rule is what stops it
    wrong = M._bar_end(img, False, [5], 40.0, LIGHT, WHITE, stacked=True, above=DARK, beyond=None)
    assert wrong is None or abs(wrong[0] - 14.5) > 1.0


def test_a_gridline_between_bars_shows_in_pieces_with_mixed_ends() -> None:
    bar, grid = 0.476, 0.868
    line = np.full(356, bar)
    pieces = [(46, 51), (97, 103), (149, 154), (200, 205), (251, 257), (303, 308)]
    for a, b in pieces:
        line[a:b] = grid
        line[a] = 0.72  # the bar's anti-aliased edge over the gridline
    starts, ends = np.array([p[0] for p in pieces]), np.array([p[1] for p in pieces])
    assert M._pieces(starts, ends, line, 1.0, len(line))
    # pieces of two greys are not one gridline
    line[149:154] = 0.6
    assert not M._pieces(starts, ends, line, 1.0, len(line))


def test_one_stray_line_among_gridlines_is_left_out() -> None:
    sc = Scale(0.0, 800.0, 56.4, 405.9)  # a guess from the marks' extent
    lines = (12.5, 69.5, 159.5, 249.5, 339.5)  # gridlines every 200 from 0 at pixel 69, and a stray one
    got = M._calibrated(sc, lines)
    assert abs(got.to_px(0.0) - 69.0) < 1e-6 and abs(got.to_px(400.0) - 249.0) < 1e-6
    # two stray lines: no calibration
    assert M._calibrated(sc, (12.5, 30.5, 69.5, 159.5, 249.5)) == sc


def test_a_pie_boundary_of_mixed_colours_is_no_wedge() -> None:
    fills = [(0.1, 0.1, 0.1), (0.5, 0.5, 0.5), (0.0, 0.0, 0.0)]
    # grey, then a 0.5 degree run of dark grey (black and grey mixed), then black, then dark grey
    runs = [(1, 0, 1200), (0, 1200, 1205), (2, 1205, 1800), (0, 1800, 3600)]
    got = K._without_mixes(runs, fills, 3, 3600)
    assert [r[0] for r in got] == [1, 2, 0]
    # a long run of the same colour is a wedge
    runs = [(1, 0, 1200), (0, 1200, 1500), (2, 1500, 1800), (0, 1800, 3600)]
    assert len(K._without_mixes(runs, fills, 3, 3600)) == 4
