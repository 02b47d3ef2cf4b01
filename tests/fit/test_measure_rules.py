"""Rules of reading a chart's marks (issue 11): a stacked segment ends where the next one's colour
starts, however short that one is; a gridline that bars hide shows in pieces whose ends are mixed
with the bars' edges; one stray line among gridlines does not spoil the calibration; a pie's
anti-aliased boundary between two wedges is no third wedge."""

from __future__ import annotations

import math

import numpy as np
import pytest

from recode_dsl.fit import marks as K
from recode_dsl.fit import measure as M
from recode_dsl.fit.image import Frame, Scale, line_cover, make_frame

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


def _disc(img: np.ndarray, cx: float, cy: float, r: float, alpha: float = 1.0) -> None:
    """An anti-aliased disc of opacity ``alpha`` (4x4 supersampled), composited over ``img``
    (a cover map: 0 background, 1 the point's colour; translucent discs darken where they overlap)."""
    h, w = img.shape
    yy, xx = np.mgrid[0:h * 4, 0:w * 4]
    inside = ((xx + 0.5) / 4 - cx) ** 2 + ((yy + 0.5) / 4 - cy) ** 2 <= r * r
    cov = inside.reshape(h, 4, w, 4).mean(axis=(1, 3)) * alpha
    img[:] = img + cov * (1.0 - img)


def test_markers_not_snapped_to_pixel_centres_are_read_where_they_are() -> None:
    from scipy import ndimage

    img = np.zeros((40, 80))
    centres = [(10.3, 12.7), (30.8, 20.15), (50.45, 28.6), (70.1, 9.9)]
    for cx, cy in centres:
        _disc(img, cx, cy, 3.0)
    labels, n = K.point_blobs(img)
    ids = np.arange(1, n + 1)
    cents = np.array(ndimage.center_of_mass(img, labels, ids))[:, ::-1] + 0.5
    areas = ndimage.sum_labels(img, labels, ids)
    assert not K._snapped(cents, areas, float(np.median(areas)))
    # markers drawn around pixel centres (Agg's snap) are
    snapped = np.zeros((40, 80))
    for cx, cy in centres:
        _disc(snapped, round(cx) + 0.5, round(cy) + 0.5, 3.0)
    labels, n = K.point_blobs(snapped)
    cents = np.array(ndimage.center_of_mass(snapped, labels, ids))[:, ::-1] + 0.5
    assert K._snapped(cents, ndimage.sum_labels(snapped, labels, ids), float(np.median(areas)))


def test_the_same_point_twice_is_one_blob_centre() -> None:
    img = np.zeros((20, 20))
    _disc(img, 9.6, 10.2, 3.0, 0.7)
    _disc(img, 9.6, 10.2, 3.0, 0.7)  # drawn twice: darker, the same place
    mask = img > 0.5
    got = K._split_blob(img, mask, np.array([[9.6, 10.2], [9.6, 10.2]]))
    assert np.allclose(got[0], got[1]) and np.allclose(got[0], (9.6, 10.2), atol=0.1)


def test_a_seam_between_anti_aliased_segments_is_no_edge_line() -> None:
    blue, orange = (0.298, 0.471, 0.659), (0.961, 0.522, 0.094)
    for f in (0.2, 0.5, 0.72):
        # the blue segment ends f into row 10 (counted from the base at row 20 upwards); drawn
        # first, then the orange one over the rest of the pixel: the white shows through f(1 - f)
        seam = tuple(fc * f * f + (1 - f) * oc + f * (1 - f) * 1.0 for fc, oc in zip(blue, orange))
        cells = [orange] * 10 + [seam] + [blue] * 9
        img = _column(cells)  # type: ignore[arg-type]
        got = M._bar_end(img, False, [5], 20.0, blue, WHITE, stacked=True, above=orange, beyond=orange)
        assert got is not None
        assert abs(got[0] - (11.0 - f)) <= 0.1, (f, got)
    # a black edge line between them is one: the end is its centre
    edged = [orange] * 10 + [(0.0, 0.0, 0.0)] + [blue] * 9
    got = M._bar_end(_column(edged), False, [5], 20.0, blue, WHITE, stacked=True,  # type: ignore[arg-type]
                     above=orange, beyond=orange)
    assert got is not None and abs(got[0] - 11.0) <= 0.6


def test_an_edge_line_ends_its_bar_on_its_most_inked_pixel() -> None:
    """Agg draws classic's 1.4 px black edge on a pixel's centre (the bar ending at the row
    round(end)): that row wholly black, the rows either side a fifth inked. Whether such an
    edge pixel passes for a mix of the colours either side depends on the colours; the end is
    the wholly inked row, whichever the neighbours pass for."""
    red, green, blue, black = (1.0, 0.0, 0.0), (0.0, 0.5, 0.0), (0.0, 0.0, 1.0), (0.0, 0.0, 0.0)
    cases = [  # (beyond the bar, the inked row's neighbours above and below, the fill)
        (WHITE, (0.8, 0.8, 0.8), (0.8, 0.0, 0.0), red),  # a stack's top: a grey edge over the white
        (red, (0.8, 0.0, 0.0), (0.0, 0.32, 0.0), green),  # a seam: both edges nearly mixes
        (green, (0.0, 0.4, 0.0), (0.0, 0.0, 0.64), blue),  # a seam: both edges no mix
    ]
    for above, upper, lower, fill in cases:
        cells = [above] * 19 + [upper, black, lower] + [fill] * 18  # the edge on row 20: the end at 20.0
        beyond = None if above == WHITE else above
        got = M._bar_end(_column(cells), False, [5], 40.0, fill, WHITE, stacked=True,  # type: ignore[arg-type]
                         above=above, beyond=beyond)
        assert got is not None and abs(got[0] - 20.0) < 0.1, (fill, got)
    # a line of even width (two rows wholly inked) is not snapped: its centre is their boundary
    cells = [WHITE] * 19 + [black, black] + [red] * 19
    got = M._bar_end(_column(cells), False, [5], 40.0, red, WHITE)  # type: ignore[arg-type]
    assert got is not None and abs(got[0] - 20.0) < 0.1, got


def test_a_gridline_read_a_pixel_and_a_half_off_is_left_out_of_the_calibration() -> None:
    """Gridlines every 5000 from 5000 to 25000, 57.25 px apart, 0 at row 372.25: Agg inks each on
    the pixel row round(p) (centre + 0.5). The top one read at 85.0 for 86.5 (a legend over it)
    still fits the others within a pixel: the fit through all five put 0 at 373.1 (0.6% off
    every value); the others fit within half a pixel without it."""
    rows = tuple(math.floor(372.25 - 57.25 * k + 0.5) + 0.5 for k in range(1, 6))  # 315.5 ... 86.5
    stated = Scale(0.0, 28341.6, 370.0, 50.0)  # the box's edges
    good = M._calibrated(stated, rows)
    bad = M._calibrated(stated, rows[:4] + (85.0,))
    for got in (good, bad):
        assert abs(got.to_px(0.0) - 372.25) <= 0.3 and abs(got.to_px(25000.0) - 86.0) <= 0.3, got


def test_a_zero_segment_in_a_recoloured_stack_reads_zero() -> None:
    from recode_dsl import pipeline
    from recode_dsl import scene as s
    from recode_dsl.fit.verify import verify_source

    body = ('categories("Wed", "Thu", "Fri", "Sat")\n'
            'series("Online", [2, 2, 2, 1]{a})\nseries("Retail", [0, 3, 0, 1]{b})\n'
            'series("Wholesale", [1, 0, 2, 3]{c})\n')
    head = "chart stacked_bar\ncanvas(400, 300)\nvalue_axis(0, 8)\n"  # the legend clear of the bars
    drawn = (head
             + body.format(a=', color="#30a2da"', b=', color="#fc4f30"', c=', color="#e5ae38"'))
    scene = pipeline.compile(drawn, solve=False).scene
    assert isinstance(scene, s.Chart)
    image = np.asarray(pipeline.render(scene, "array"))
    # the program names no colours: they are read from the image, where Retail's zero segments
    # show Wholesale's colour at their base
    plain = head + body.format(a="", b="", c="")
    verdict = verify_source(plain, image)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    m = verdict.measurement
    assert m is not None
    zeros = [r for r in m.readings if r.stated == 0]
    assert zeros and all(r.measured is not None and abs(r.measured) < 0.05 for r in zeros)
    # a program that moves Wednesday's unit from Wholesale to Retail is not verified
    wrong = plain.replace("[0, 3, 0, 1]", "[1, 3, 0, 1]").replace("[1, 0, 2, 3]", "[0, 0, 2, 3]")
    assert not verify_source(wrong, image).verified


def test_the_box_sides_on_round_ticks_span_the_gridline_fit() -> None:
    """Vega-Lite's scale ends on ticks: its box's top and bottom lines are ticks too. Three
    gridlines a third of the way up, each rounded to its pixel row, tilt a fit of their own
    by a pixel at zero; with the sides on the same ticks the fit spans the box."""
    from recode_dsl.fit.image import Frame
    from recode_dsl.perception.plotbox import PlotBox

    truth = Scale(0.0, 18000.0, 327.0, 27.0)
    rows = (27.5, 60.5, 94.5, 127.5, 327.5)  # the rows Vega-Lite inks for 18000, 16000, 14000, 12000 and 0
    box = PlotBox((58.0, 27.0, 478.0, 327.0), ("line",) * 4, (0.0,) * 4, rows, (58.5, 478.5))
    stated = Frame(box.box, False, Scale(0.0, 18000.0, 327.0, 27.0), Scale(-0.5, 5.5, 58.0, 478.0))  # the box's
    got = M.calibrate(stated, box).value
    assert abs(got.p_lo - truth.p_lo) < 0.1 and abs(got.p_hi - truth.p_hi) < 0.1, got
    inner = M.calibrate(stated, PlotBox(box.box, box.how, box.votes, rows[1:4], box.cols)).value
    assert abs(inner.p_lo - truth.p_lo) > 0.5  # the gridlines alone (the rule's reason)
    # a side off the ticks (matplotlib's margins: the top at 18900): the gridlines' fit as before
    margin = Frame((58.0, 12.0, 478.0, 327.0), False, Scale(0.0, 18900.0, 327.0, 12.0), stated.other)
    off = PlotBox(margin.box, box.how, box.votes, (12.5, *rows[1:]), box.cols)
    assert M.calibrate(margin, off).value == M._calibrated(margin.value, rows[1:4])


def test_bars_start_where_their_colour_ends_not_at_an_axis_line_over_their_base() -> None:
    """A frameless box whose bottom was found where the lines stop: the bars' base is where
    their own colour ends (row 287's top, zero), not past the grey domain line drawn over the
    row below it (Vega-Lite draws it half a pixel past zero)."""
    from recode_dsl.perception.plotbox import PlotBox
    from recode_dsl.renderer import chart_marks

    img = np.ones((320, 400, 3))
    fill = (0.24, 0.36, 0.41)
    for x0, top in ((60, 120), (160, 200), (260, 90)):
        img[top:287, x0:x0 + 60] = fill
    img[287, 40:380] = 0.7  # the domain line
    found = PlotBox((40.0, 20.0, 380.0, 286.5), ("line", "line", "line", "step"), (0.0,) * 4)
    rects = tuple(chart_marks.Rect(0, k, x0, top, x0 + 60.0, 287.0, fill, 1.0, False)
                  for k, (x0, top) in enumerate(((60, 120), (160, 200), (260, 90))))
    got = M._bar_base(img, found, rects, (1.0, 1.0, 1.0), False)
    assert got is not None and got.box[3] == 287.0


def test_stacked_bars_whose_lowest_segments_are_short_start_at_their_base() -> None:
    """The box's side found where the lines stop, above the base: the stacks' colours run on
    to the base (a short lowest segment of another colour is still the bar), and no line
    along the side between the bars takes a pixel off."""
    from recode_dsl.perception.plotbox import PlotBox
    from recode_dsl.renderer import chart_marks

    img = np.full((320, 400, 3), 0.94)
    low, high = (0.0, 0.56, 0.84), (0.99, 0.31, 0.19)
    bars = ((60, 120, 200), (160, 200, 268), (260, 90, 270))  # left, top, where the low segment starts
    for x0, top, split in bars:
        img[top:split, x0:x0 + 60] = high
        img[split:287, x0:x0 + 60] = low
    found = PlotBox((40.0, 20.0, 380.0, 260.0), ("extent", "extent", "extent", "step"), (0.0,) * 4)
    rects = tuple(chart_marks.Rect(0, k, x0, float(split), x0 + 60.0, 287.0, low, 1.0, False)
                  for k, (x0, _, split) in enumerate(bars))
    got = M._bar_base(img, found, rects, (0.94, 0.94, 0.94), False)
    assert got is not None and got.box[3] == 287.0


def test_bars_start_short_of_a_box_side_found_out_to_the_tick_marks_under_their_base() -> None:
    """A frameless box whose bottom was found where the tick marks under the domain line stop
    (6 px below the base): the bars end short of it, at the domain line drawn over their base;
    they start where their own colour ends (row 287's top), not where the box was found."""
    from recode_dsl.perception.plotbox import PlotBox
    from recode_dsl.renderer import chart_marks

    img = np.ones((320, 400, 3))
    fill = (0.26, 0.52, 0.96)
    bars = ((60, 120), (160, 200), (260, 90))
    for x0, top in bars:
        img[top:287, x0:x0 + 60] = fill
    img[287, 40:380] = 0.8  # the domain line
    for x in (88, 188, 288):
        img[288:293, x] = 0.8  # tick marks below it (beside the bars' middles)
    found = PlotBox((40.0, 20.0, 380.0, 293.1), ("extent", "line", "line", "extent"), (0.0,) * 4)
    rects = tuple(chart_marks.Rect(0, k, x0, top, x0 + 60.0, 293.1, fill, 1.0, False)
                  for k, (x0, top) in enumerate(bars))
    got = M._bar_base(img, found, rects, (1.0, 1.0, 1.0), False)
    assert got is not None and got.box[3] == 287.0


def test_a_start_that_no_pixel_of_the_blob_is_nearest_is_not_read_where_the_program_puts_it() -> None:
    img = np.zeros((30, 50))
    _disc(img, 10.0, 12.0, 3.0)
    mask = img > 0.5
    # the second start lies 15 px from the blob: k-means gives it no pixel, and it stayed there
    # (a perfect match); it is not this blob's point
    got = K._split_blob(img, mask, np.array([[10.2, 11.8], [25.0, 12.0]]))
    assert np.allclose(got[0], (10.0, 12.0), atol=0.1)
    assert np.isnan(got[1]).all()


def test_a_scatter_point_moved_off_its_marker_is_read_at_the_marker_though_specks_share_the_colour() -> None:
    """Specks of the points' colour (text, anti-aliased rims) make the median blob small, so a
    marker counts as several points; the point the program moves 35 px off its own marker, to 12 px
    from another one, must be read at a marker (a residual of several pixels), never where the
    program puts it (k-means gave it none of that marker's pixels: it stayed there)."""
    from recode_dsl.fit.image import make_frame

    cover = np.zeros((100, 100))
    xs, ys = [20.0, 50.0, 26.0], [30.0, 60.0, 75.0]
    for x, y in zip(xs, ys):
        _disc(cover, x, 100.0 - y, 3.5)
    for k in range(12):  # one-pixel specks along the bottom
        cover[92, 5 + 7 * k] = 1.0
    red, white = (0.8, 0.1, 0.1), (1.0, 1.0, 1.0)
    img = white + cover[..., None] * (np.subtract(red, white))
    fr = make_frame((0.0, 0.0, 100.0, 100.0), False, (0.0, 100.0, False), (0.0, 100.0, False))
    moved = [ys[0], ys[1], 40.0]
    mx, my = K.measure_points(img, fr, xs, moved, red, white, 30.0)
    assert my[0] is not None and abs(my[0] - ys[0]) <= 0.5  # (specks on pixel centres: read as snapped)
    assert my[2] is None or abs(my[2] - moved[2]) > 5.0, my


def test_two_markers_one_above_the_other_are_parted_along_their_blob() -> None:
    """Two markers at one x, their heights 6 px (a blob of two markers' area) or 2 px apart (of
    about one marker's), the program putting them 8 px apart side by side and slightly apart in
    height (a reader's error grows with the number: 10% of 50 is 5): started at those points,
    k-means parted the blob into a left and a right half, and the overlapping pair was parted
    along the line between the program's points: both read at one height."""
    from recode_dsl.fit.image import make_frame

    cover = np.zeros((100, 100))
    xs, ys = [50.0, 50.0, 20.0, 20.0, 15.0, 80.0, 85.0], [57.0, 63.0, 30.0, 32.0, 80.0, 20.0, 85.0]
    for x, y in zip(xs, ys):
        _disc(cover, x, 100.0 - y, 3.5)
    red = (0.8, 0.1, 0.1)
    img = _rgb(cover, red)
    fr = make_frame((0.0, 0.0, 100.0, 100.0), False, (0.0, 100.0, False), (0.0, 100.0, False))
    px, py = [46.0, 54.0, 16.0, 24.0, *xs[4:]], [59.5, 60.5, 30.6, 31.4, *ys[4:]]
    mx, my = K.measure_points(img, fr, px, py, red, WHITE, 30.0)
    for i in range(4):
        assert my[i] is not None and abs(my[i] - ys[i]) <= 0.6, (i, my[:4])  # type: ignore[operator]
        assert mx[i] is not None and abs(mx[i] - xs[i]) <= 0.6, (i, mx[:4])  # type: ignore[operator]
    # a blob of two markers' area alone, the program's points 12 px apart side by side: k-means
    # started there stopped at a left and a right half
    two = np.zeros((100, 100))
    _disc(two, 50.0, 43.0, 3.5)
    _disc(two, 50.0, 37.0, 3.5)
    got = K._split_blob(two, two > 0.5, np.array([[44.0, 40.5], [56.0, 39.5]]))
    assert np.allclose(got, [[50.0, 43.0], [50.0, 37.0]], atol=0.2), got


def test_a_square_marker_with_the_line_entering_it_from_above_is_a_clean_core_at_its_centre() -> None:
    """A line two pixels wide enters a 9 px square marker from above (ggplot): the thinning leaves
    a pixel of the line on the core's top, which made it lopsided (no marker: the steep line's own
    estimate, 1.6 px off, stood). That spur is no part of the core, the core is clean."""
    mask = np.zeros((19, 19), bool)
    mask[7:16, 5:14] = True  # the marker, rows 7-15: its centre row 11 (pixel centre 11.5)
    mask[0:7, 8:10] = True  # the line, from the top
    mask[6, 8:11] = True  # its anti-aliased foot, three pixels wide
    _, cents = M._marker_cores(mask)
    assert len(cents) == 1
    (cy, cx), _, clean = cents[0]
    assert clean and abs(cy + 0.5 - 11.5) <= 0.05 and abs(cx + 0.5 - 9.5) <= 0.05
    # a marker with a thick stroke merged into it at a sharp vertex is not clean
    merged = np.zeros((19, 19), bool)
    merged[7:16, 5:14] = True
    merged[10:17, 11:18] = True
    _, cents = M._marker_cores(merged)
    assert all(not c[2] for c in cents)


def _rgb(cover: np.ndarray, colour: tuple[float, float, float]) -> np.ndarray:
    return np.asarray(np.asarray(WHITE) + cover[..., None] * np.subtract(colour, WHITE), np.float64)


def test_a_marker_the_box_side_cuts_in_half_gives_its_vertex_row() -> None:
    """A clipped plot cuts the last vertex's marker at the box's right side (classic, the line's
    last segment under the legend): the thinning leaves no core of the half marker, and the
    line's estimate was 2-10 px off. The half marker's height in the columns inside the side
    gives the row (Agg centres a marker on a pixel's centre: 50.5 gives row 50)."""
    from recode_dsl.fit.image import make_frame

    red = (1.0, 0.0, 0.0)
    cover = np.zeros((100, 140))
    _disc(cover, 100.0, 50.5, 4.5)
    cover[:, 100:] = 0.0  # clipped at the side
    img = _rgb(cover, red)
    img[:, 100] = 0.0  # the frame
    fr = make_frame((20.0, 10.0, 100.0, 90.0), False, (0.0, 80.0, False), (0.0, 4.0, False))
    for near_row in (50.0, 44.0, 58.0):
        got = M._side_marker(img, fr, 100.0, near_row, red, WHITE)
        assert got is not None and abs(got - 50.0) <= 0.15, (near_row, got)
    assert M._side_marker(img, fr, 60.0, 50.0, red, WHITE) is None  # not on a side
    # a triangle's run has its middle lower the further from its apex: not read so
    yy, xx = np.mgrid[0:100, 0:140]
    tri = ((yy + 0.5 <= 55.0) & (yy + 0.5 >= 46.0 + 2.0 * np.abs(xx + 0.5 - 100.0))).astype(float)
    tri[:, 100:] = 0.0
    assert M._side_marker(_rgb(tri, red), fr, 100.0, 50.5, red, WHITE) is None
    # a steep line reaching the side, no marker: as tall further in, no marker's row
    steep = np.zeros((100, 140))
    for c in range(60, 100):
        _disc(steep, c + 0.5, 90.0 - 2.0 * (c - 60), 1.2)
    steep[:, 100:] = 0.0
    assert M._side_marker(_rgb(steep, red), fr, 100.0, 12.0, red, WHITE) is None
    # a thick line's sharp vertex leaves a pixel of core: no clean marker (no marker at all)
    yy, xx = np.mgrid[0:19, 0:19]
    vee = np.zeros((19, 19), bool)
    for t in np.linspace(-9, 9, 400):  # a line 4 px wide, down and up again at three to one
        vee |= (xx + 0.5 - 9.5 - t) ** 2 + (yy + 0.5 - 12.5 + 3.0 * abs(t)) ** 2 <= 4.0
    _, cents = M._marker_cores(vee)
    assert cents and all(not c[2] for c in cents), cents


def test_the_grey_edges_of_a_legend_label_over_a_dark_line_are_not_the_line() -> None:
    """A dark green line (0, 0.5, 0) whose last segment runs under a legend: the label's grey
    anti-aliased strokes lie within ``coverage``'s tolerance of the green's mixes with white (a
    grey of 0.44 counts 0.62 of the green), and were read as the hidden line, 4 px off its last
    vertex and a bend of 2 px from the true polyline. They are mixes of white and black ink."""
    green = (0.0, 0.5, 0.0)
    img = np.ones((200, 300, 3))
    fr = make_frame((20.0, 20.0, 280.0, 180.0), False, (0.0, 10.0, False), (0.0, 2.0, False))
    xs = [fr.other.to_px(float(i)) for i in range(3)]
    ys = [fr.value.to_px(v) for v in (2.0, 5.0, 9.0)]
    rows = np.arange(200.0)
    for c in range(int(xs[0]), int(xs[-1])):  # a line 2 px thick down the columns, anti-aliased
        k = 0 if c + 0.5 < xs[1] else 1
        y = ys[k] + (ys[k + 1] - ys[k]) * (c + 0.5 - xs[k]) / (xs[k + 1] - xs[k])
        a = np.clip(np.minimum(rows + 1, y + 1) - np.maximum(rows, y - 1), 0, 1)[:, None]
        img[:, c] = img[:, c] * (1 - a) + np.array(green) * a
    img[30:90, 200:270] = 1.0  # the legend's ground hides the line's end
    img[70:80, 205:265:3] = 0.44  # its label's strokes, grey edges of black text
    got = K.measure_line(img, fr, [2.3, 4.7, 9.4], green, WHITE, 6.0)
    assert all(g is not None for g in got), got
    assert np.allclose([g or 0.0 for g in got], [2.0, 5.0, 9.0], atol=0.02), got  # 8.72 last, grey counted
    bend = M._bend(img, fr, [2.0, 5.0, 9.0], green, WHITE)
    assert bend is not None and bend < 0.1, bend  # 1.99 px when the grey counted
    # a grey line keeps its own anti-aliased pixels: they are mixes of its colour and the ground
    grey = (0.3, 0.3, 0.3)
    line = np.ones((3, 1, 3)) * np.array([[[1.0]], [[0.3]], [[0.65]]])
    assert np.allclose(line_cover(line, grey, WHITE)[:, 0], [0.0, 1.0, 0.5])


TRIANGLE_ON_A_LINE = [  # a '^' marker (seaborn's, 9.7 px) on a nearly flat line 2 px thick, as its mask
    "...................", "...................", "...................", "...................",
    "...................", ".........#.........", "........###........", ".......####........",
    "################...", "###################", "......#######..####", "......#######......",
    ".....#########.....", ".....#########.....", "...................", "...................",
]


def test_a_triangle_markers_core_is_no_centre_of_its_vertex() -> None:
    """The thinned core of a triangle on a line is a smaller triangle (2 px wide over 3 px wide
    twice), its centroid within 0.3 px of its box's middle: it passed for a symmetric marker and
    its centre, 1.4 px below the vertex (a triangle's centre of area lies a third of the way to
    its base), was taken for it. Flipped upside down it covers 7 of the 9 pixels of the two."""
    mask = np.array([[ch == "#" for ch in row.ljust(19, ".")] for row in TRIANGLE_ON_A_LINE])
    _, cents = M._marker_cores(mask)
    assert cents == []
    # a square marker on the same line keeps its centre
    square = mask.copy()
    square[5:14, 5:14] = True
    _, cents = M._marker_cores(square)
    assert [tuple(round(float(v), 2) for v in c) for c, _, _ in cents] == [(9.0, 9.0)]


def _drawn_line(img: np.ndarray, fr: Frame, values: list[float], colour: tuple[float, float, float],
                first: int = 0) -> None:
    """A line 2 px thick through ``values`` (at categories ``first``, ...) down the columns,
    anti-aliased, drawn over ``img``."""
    xs = [fr.other.to_px(float(first + i)) for i in range(len(values))]
    ys = [fr.value.to_px(v) for v in values]
    rows = np.arange(float(img.shape[0]))
    for c in range(int(xs[0]), int(xs[-1])):
        k = min(int(np.searchsorted(xs, c + 0.5)) - 1, len(xs) - 2)
        y = ys[k] + (ys[k + 1] - ys[k]) * (c + 0.5 - xs[k]) / (xs[k + 1] - xs[k])
        a = np.clip(np.minimum(rows + 1, y + 1) - np.maximum(rows, y - 1), 0, 1)[:, None]
        img[:, c] = img[:, c] * (1 - a) + np.array(colour) * a


def test_another_series_line_beside_a_line_shows_no_bend_of_it() -> None:
    """A teal line crossing a blue one at a shallow angle, drawn over it: its anti-aliased edges
    pass for the blue's (the colours are alike) and it hides part of the blue, so the blue's
    centre there is off the blue's polyline. Those columns say nothing of a bend; a program whose
    vertex is wrong still shows one in the columns left."""
    blue, teal = (0.149, 0.545, 0.824), (0.165, 0.631, 0.596)
    img = np.ones((200, 300, 3))
    fr = make_frame((20.0, 20.0, 280.0, 180.0), False, (0.0, 10.0, False), (0.0, 2.0, False))
    _drawn_line(img, fr, [2.0, 5.0, 9.0], blue)
    _drawn_line(img, fr, [2.5, 5.6, 1.0], teal)
    crowded = M._bend(img, fr, [2.0, 5.0, 9.0], blue, WHITE)
    assert crowded is not None and crowded > 1.0  # the rule's reason: 1.68 px with the teal's columns
    bend = M._bend(img, fr, [2.0, 5.0, 9.0], blue, WHITE, (teal,))
    assert bend is not None and bend < 0.01, bend
    wrong = M._bend(img, fr, [2.0, 7.0, 9.0], blue, WHITE, (teal,))
    assert wrong is not None and wrong > M.LINE_BEND_PX


def test_the_box_sides_are_no_category_ticks() -> None:
    """A line chart's categories 0..9 with half a category's margin each side (-0.45..9.45), one
    gridline read at category 2 and none else: with the box's sides the three lines fitted ticks
    0, 2.5 and 10 of a step of 2.5, which put category 0 on the box's left side, 18 px off. The
    categories' ticks step by whole categories: no fit, the box's scale stands."""
    from recode_dsl.perception.plotbox import PlotBox

    box = PlotBox((63.0, 60.0, 450.0, 445.0), ("line",) * 4, (0.0,) * 4, (60.5, 248.5, 445.5), (63.5, 159.0, 450.5))
    stated = Frame(box.box, False, Scale(2.0, 10.0, 445.0, 60.0), Scale(-0.45, 9.45, 63.0, 450.0))
    truth = 62.5 + 0.45 * 387.5 / 9.9  # category 0
    assert abs(M.calibrate(stated, box).other.to_px(0.0) - truth) > 15  # the rule's reason
    got = M.calibrate(stated, box, categories=True).other
    assert abs(got.to_px(0.0) - truth) < 1.0, got
    # gridlines at whole categories still place them
    lines = (63.5, 80.6, 119.7, 158.9, 198.0, 450.5)
    cal = M.calibrate(stated, PlotBox(box.box, box.how, box.votes, box.rows, lines), categories=True).other
    assert abs(cal.to_px(0.0) - truth) < 0.3 and abs(cal.to_px(3.0) - (truth + 3 * 387.5 / 9.9)) < 0.3, cal


def test_a_legend_handle_across_a_lines_first_vertex_is_no_line_past_it() -> None:
    """A legend's handle of the line's colour, level across the first category's column 12 px
    above its vertex, was traced as the line going on past the first category (the fit and a
    true program refused). The line's own run past a measured vertex goes through the vertex."""
    red = (0.651, 0.024, 0.157)
    fr = make_frame((20.0, 20.0, 280.0, 180.0), False, (0.0, 10.0, False), (-1.0, 3.0, False))
    img = np.ones((200, 300, 3))
    _drawn_line(img, fr, [4.0, 7.0, 3.0], red)
    x, y = fr.other.to_px(0.0), fr.value.to_px(4.0)
    img[int(y) - 13:int(y) - 11, int(x) - 15:int(x) + 10] = red  # the handle
    ends = [(x, y), (fr.other.to_px(2.0), fr.value.to_px(3.0))]
    assert M._beyond_ends(img, fr, ends, red, WHITE, M.BEYOND_PX) >= M.BEYOND_MIN_COLUMNS  # the rule's reason
    assert M._beyond_ends(img, fr, ends, red, WHITE, M.BEYOND_PX, (True, True)) == 0
    # a category the program lacks: the line goes on through the vertex, steeply too
    for before in (0.5, 9.0):
        img = np.ones((200, 300, 3))
        _drawn_line(img, fr, [before, 4.0, 7.0, 3.0], red, first=-1)
        assert M._beyond_ends(img, fr, ends, red, WHITE, M.BEYOND_PX, (True, True)) >= M.BEYOND_MIN_COLUMNS


def test_the_bars_base_steadies_the_gridlines_fit() -> None:
    """Agg snaps a bar's base to the pixel boundary nearest zero and each gridline to the pixel
    nearest its tick: four gridlines the bars leave (ticks 20-80 of a range up to 94.5 over 308 px,
    rows 95-291 inked) put zero half a pixel off when extrapolated; the bars' base (a boundary, no
    line's centre: no half-pixel correction) fitted with them puts it within a quarter pixel, and
    the slope with it. A base well off the gridlines' map (1.5 px past their zero) is not taken."""
    from recode_dsl.perception.plotbox import PlotBox

    truth = Scale(0.0, 94.5, 356.0, 48.0)
    rows = (48.0, 95.5, 160.5, 226.5, 291.5, 356.0)
    box = PlotBox((79.5, 47.5, 575.5, 355.5), ("step",) * 4, (0.0,) * 4, rows, (80.0, 276.0, 576.0))
    stated = Frame(box.box, False, Scale(0.0, 94.5, 355.5, 47.5), Scale(-0.5, 2.5, 79.5, 575.5))
    alone = M.calibrate(stated, box, categories=True).value
    assert abs(alone.p_lo - truth.p_lo) >= 0.45  # the gridlines alone (the rule's reason)
    got = M.calibrate(stated, box, categories=True, edges=(356.0,)).value
    assert abs(got.p_lo - truth.p_lo) < 0.25 and abs(got.p_hi - truth.p_hi) < 0.35, got
    assert M.calibrate(stated, box, categories=True, edges=(358.0,)).value == alone


def test_the_bars_base_is_read_once_for_candidates_that_place_their_bars_alike(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from recode_dsl.perception.plotbox import PlotBox
    from recode_dsl.renderer import chart_marks

    img = np.ones((60, 80, 3))
    img[20:50, 10:20] = LIGHT
    img[30:50, 40:50] = LIGHT
    found = PlotBox((5.0, 5.0, 75.0, 50.0), ("line", "line", "line", "step"), (0.0, 0.0, 0.0, 0.0))
    calls: list[int] = []
    real = M._bar_base_edge_of

    def counted(*args: object) -> object:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(M, "_bar_base_edge_of", counted)

    def bars(tops: tuple[float, float]) -> tuple[chart_marks.Mark, ...]:
        return tuple(chart_marks.Rect(0, k, x0, top, x0 + 10.0, 50.0, LIGHT, 1.0, False)
                     for k, (x0, top) in enumerate(zip((10.0, 40.0), tops)))

    first = M._bar_base_edge(img, found, bars((20.0, 30.0)), WHITE, False)
    again = M._bar_base_edge(img, found, bars((22.0, 28.0)), WHITE, False)  # other lengths, same places
    assert first == again == 50.0 and len(calls) == 1
    M._bar_base_edge(img, found, bars((20.0, 30.0))[:1], WHITE, False)  # another set of bars: read again
    assert len(calls) == 2
