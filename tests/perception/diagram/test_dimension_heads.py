"""Dimension lines whose heads lie close to other ink (figures drawn here with PIL, so every
position is known): a head beside a side or a text drawn within a head's reach, a dimension
line crossed by a side of the figure between its end bars, and a dimension line cut by its
value whose one half shows a head and whose other ends on a bar, and one whose halves were
read one as a leader, one as a stroke of the figure."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PIL import ImageDraw

from recode_dsl.perception.diagram import arrows as ar
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram import read_figure
from recode_dsl.perception.diagram.strokes import Segment
from tests.perception.diagram.test_stroke_rules import _canvas, _head, _near, _points

Xy = tuple[float, float]
RULES = Path(__file__).resolve().parents[2] / "fixtures" / "diagram" / "rules"


def _triangle(d: ImageDraw.ImageDraw) -> list[Xy]:
    tri = [(60.0, 150.0), (340.0, 150.0), (200.0, 40.0)]
    for k in range(3):
        d.line([tri[k], tri[(k + 1) % 3]], fill="black", width=2)
    return tri


def test_a_head_beside_a_side_within_its_reach_is_found() -> None:
    # |<---->| between extension lines hanging from the base, 10 px under it, a text under the
    # dimension line: other ink lies on both sides within a head's reach, across a gap
    img, d = _canvas()
    tri = _triangle(d)
    for x in (60, 340):
        d.line([(x, 156), (x, 190)], fill="black", width=2)
    d.line([(61, 160), (339, 160)], fill="black", width=2)
    _head(d, (61.0, 160.0), (1.0, 0.0))
    _head(d, (339.0, 160.0), (-1.0, 0.0))
    d.rectangle([190, 170, 197, 186], fill="black")  # the value's digits
    d.rectangle([202, 170, 209, 186], fill="black")
    page = im.page_of(np.asarray(img))
    seg = Segment((61.0, 160.0), (339.0, 160.0))
    assert ar.head_at(page.ink, seg, 0, page.stroke) == 0.0  # other ink hides it from the plain measure
    assert ar.head_at(page.ink, seg, 0, page.stroke, joined=True) > 0.0
    assert ar.head_at(page.ink, seg, 1, page.stroke, joined=True) > 0.0
    pts = _points(img)
    assert len(pts) == 3, pts
    for xy in tri:
        assert _near(pts, xy), (xy, pts)


def test_a_dimension_line_crossed_by_a_side_between_end_bars_makes_no_points() -> None:
    # a kite's side runs through the dimension line drawn above the figure's axis
    img, d = _canvas()
    quad = [(60.0, 200.0), (200.0, 110.0), (340.0, 200.0), (200.0, 280.0)]
    for k in range(4):
        d.line([quad[k], quad[(k + 1) % 4]], fill="black", width=2)
    d.line([(60, 200), (340, 200)], fill="black", width=2)
    for x in (150, 330):
        d.line([(x, 120), (x, 160)], fill="black", width=2)  # the end bars
    d.line([(152, 140), (328, 140)], fill="black", width=2)  # crosses the side (200,110)-(340,200)
    _head(d, (152.0, 140.0), (1.0, 0.0))
    _head(d, (328.0, 140.0), (-1.0, 0.0))
    reading = read_figure(np.asarray(img), ocr=False)
    assert len(reading.diagram.dimensions) == 1
    pts = [p.xy for p in reading.diagram.points]
    assert len(pts) == 4, pts
    for xy in quad:
        assert _near(pts, xy), (xy, pts)
    seg = Segment((152.0, 140.0), (328.0, 140.0))
    page = im.page_of(np.asarray(img))
    assert ar.on_bar(page.ink, seg, 0, page.stroke) and ar.on_bar(page.ink, seg, 1, page.stroke)
    assert not ar.on_bar(page.ink, Segment((60.0, 200.0), (200.0, 110.0)), 1, page.stroke)


def test_a_figure_line_with_two_heads_crossed_by_the_figure_is_kept() -> None:
    # a line drawn through a triangle with a head at each end (free ends, no bars): a line of
    # the figure, its crossings with the sides are points
    img, d = _canvas()
    tri = _triangle(d)
    d.line([(20, 100), (380, 100)], fill="black", width=2)
    _head(d, (20.0, 100.0), (1.0, 0.0))
    _head(d, (380.0, 100.0), (-1.0, 0.0))
    reading = read_figure(np.asarray(img), ocr=False)
    assert not reading.diagram.dimensions
    pts = [p.xy for p in reading.diagram.points]
    for x in (200.0 - 140.0 * 60.0 / 110.0, 200.0 + 140.0 * 60.0 / 110.0):
        assert _near(pts, (x, 100.0)), pts
    for xy in tri:
        assert _near(pts, xy), (xy, pts)


def test_halves_one_with_a_head_one_ending_on_a_bar_are_one_dimension_line() -> None:
    # |<-- 14 --| : the left half ends in a head at its bar, the right half runs into its bar
    # with no head; each half's inner end is free beside the value
    img, d = _canvas()
    tri = _triangle(d)
    for x in (60, 340):
        d.line([(x, 156), (x, 250)], fill="black", width=2)
    d.line([(61, 225), (180, 225)], fill="black", width=2)
    d.line([(220, 225), (340, 225)], fill="black", width=2)
    _head(d, (61.0, 225.0), (1.0, 0.0))
    d.rectangle([190, 216, 196, 234], fill="black")  # the value's digits
    d.rectangle([202, 216, 209, 234], fill="black")
    reading = read_figure(np.asarray(img), ocr=False)
    pts = [p.xy for p in reading.diagram.points]
    assert len(pts) == 3, pts
    for xy in tri:
        assert _near(pts, xy), (xy, pts)
    assert len(reading.diagram.dimensions) == 1


def test_a_head_drawn_askew_to_its_stroke_is_found() -> None:
    # a thin stroke's filled head whose back is cut askew: one barb reaches past the other
    img, d = _canvas()
    d.line([(60, 100), (300, 100)], fill="black", width=1)
    d.polygon([(300.0, 100.0), (286.0, 96.0), (283.0, 104.0)], fill="black")
    page = im.page_of(np.asarray(img))
    assert ar.head_at(page.ink, Segment((60.0, 100.0), (300.0, 100.0)), 1, page.stroke) > 0.0
    # the plain stroke's other end has none
    assert ar.head_at(page.ink, Segment((60.0, 100.0), (300.0, 100.0)), 0, page.stroke) == 0.0


def test_two_strokes_meeting_at_a_corner_are_no_arc_of_a_small_circle() -> None:
    # Geometry3K train 719: a kite, its sides meeting the axis at X at a wide angle; the ink
    # about that corner fits a small circle inked round 47% (its centre on the axis, so drawn)
    # whose two halves each lie along one straight side
    from recode_dsl.perception.diagram.reader import _straight_arcs
    from recode_dsl.perception.diagram.strokes import Circle, circle_arc_span, skeleton_points

    reading = read_figure(RULES / "g3k_train_719.png", ocr=False)
    d = reading.diagram
    assert not d.circles
    assert len(d.points) == 5, [(p.xy, p.kinds) for p in d.points]
    # a drawn arc through the same circle bows, and is kept
    centre, r = (200.0, 150.0), 30.0
    img, draw = _canvas()
    draw.arc([centre[0] - r, centre[1] - r, centre[0] + r, centre[1] + r], -80, 80, fill="black", width=2)
    pts = skeleton_points(im.page_of(np.asarray(img)).ink)
    c = Circle(centre, r, 0.45)
    assert circle_arc_span(pts, c, 1.0)
    assert not _straight_arcs(pts, c, 1.0)


def test_a_radius_running_into_a_small_ring_is_read_through_it() -> None:
    # Geometry3K train 1598: four radii from a drawn centre, a right-angle mark between two;
    # the ink about the mark and a radius fits a small circle whose centre is drawn (the mark),
    # and the radius read without that circle's ink was cut at it. Taken through the ring, the
    # radius leaves it too little ink: one circle, its centre and the four radii's ends
    reading = read_figure(RULES / "g3k_train_1598.png", ocr=False)
    d = reading.diagram
    assert len(d.circles) == 1
    ring = d.circles[0]
    assert ring.radius > 100
    assert len(d.points) == 5, [(p.xy, p.kinds) for p in d.points]
    assert sum("circle" in p.kinds for p in d.points) == 4


def test_a_dimension_line_whose_one_half_ends_on_a_circle_makes_no_points() -> None:
    # |<-- 15 ---->| under a circle's radius and a tangent from B: the value cuts the line
    # near its left end (that half is short, taken for a leader) and the right half's inner
    # end lies on the circle, so it was kept as a stroke of the figure; both heads stop on
    # the extension lines hanging from B and the centre
    img, d = _canvas(480, 340)
    b, o, r = (40.0, 130.0), (310.0, 130.0), 130.0
    ang = math.acos(r / (o[0] - b[0]))
    t = (o[0] - r * math.cos(ang), o[1] - r * math.sin(ang))
    d.ellipse([o[0] - r, o[1] - r, o[0] + r, o[1] + r], outline="black", width=2)
    for p, q in ((b, o), (b, t), (o, t)):
        d.line([p, q], fill="black", width=2)
    for x in (40, 310):
        d.line([(x, 136), (x, 200)], fill="black", width=2)
    d.line([(41, 180), (110, 180)], fill="black", width=2)
    d.line([(188, 180), (309, 180)], fill="black", width=2)
    _head(d, (41.0, 180.0), (1.0, 0.0))
    _head(d, (309.0, 180.0), (-1.0, 0.0))
    d.rectangle([125, 172, 132, 188], fill="black")  # the value's digits
    d.rectangle([137, 172, 144, 188], fill="black")
    pts = _points(img)
    want = [b, o, t, (o[0] - r, o[1])]
    assert len(pts) == len(want), pts
    for xy in want:
        assert _near(pts, xy, 5.0), (xy, pts)


def test_a_dimension_line_drawn_as_thin_as_the_figure_cut_by_its_value_is_found() -> None:
    # Geometry3K train 570: |<-- 12 -->| beside side AD, drawn 1 px as the figure is; its
    # halves were read as leaders, one head touching its extension line with the stroke read
    # a pixel off the head's middle (one barb seemed bare). Both heads found, the two halves
    # are one dimension line and its two extension lines (from A and D) leave the figure
    reading = read_figure(RULES / "g3k_train_570.png", ocr=False)
    d = reading.diagram
    assert len(d.dimensions) == 2, d.dimensions
    assert not [p.xy for p in d.points if p.xy[0] < 60], [(p.xy, p.kinds) for p in d.points]
    assert len(d.points) == 7, [(p.xy, p.kinds) for p in d.points]


def test_a_side_read_on_along_an_extension_line_short_of_the_tip_ends_at_its_last_point() -> None:
    # (Geometry3K train 1210) side DA, 3 px, read on 35 px past A where the thin extension
    # line leaves it at 11 degrees; the dimension line's tip lies on the side's line 37 px past
    # that end (the extension line runs on, apart from the side): the side ends at A
    from recode_dsl.perception.diagram.reader import _trim_extensions

    da = Segment((162.0, 406.0), (145.0, 145.0))
    ab = Segment((403.0, 128.0), (148.0, 180.0))
    dc = Segment((165.0, 406.0), (403.0, 406.0))
    out, cut = _trim_extensions([da, ab, dc], [((391.0, 55.0), (135.0, 108.0))], [], 3.0)
    assert cut == {(0, 1)}
    assert math.dist(out[0].b, (147.3, 180.1)) < 1.0, out[0]
    # a tip farther past the end than the side runs on is another line's: the side stays
    out, cut = _trim_extensions([da, ab, dc], [((391.0, 15.0), (132.0, 60.0))], [], 3.0)
    assert not cut and out[0] == da


def test_a_dimension_line_whose_halves_are_as_small_as_texts_makes_no_points() -> None:
    # (Geometry3K train 1880) |<- 10 ->| upright beside side LK, drawn 1 px: each half, its
    # head and all, is no larger than a text and touches nothing, so it was set apart with the
    # texts and its extension lines (from L and K, leftwards) were read as strokes with free ends
    img, d = _canvas(300, 220)
    tri = [(72.0, 58.0), (72.0, 145.0), (200.0, 101.0)]
    for k in range(3):
        d.line([tri[k], tri[(k + 1) % 3]], fill="black", width=1)
    for y in (58, 145):
        d.line([(23, y), (66, y)], fill="black", width=1)  # extension lines, a gap short of the side
    d.line([(43, 63), (43, 89)], fill="black", width=1)
    d.line([(43, 114), (43, 140)], fill="black", width=1)
    _head(d, (43.0, 60.0), (0.0, 1.0), 11, 4)
    _head(d, (43.0, 143.0), (0.0, -1.0), 11, 4)
    d.rectangle([34, 94, 40, 108], fill="black")  # the value's digits
    d.rectangle([45, 94, 51, 108], fill="black")
    pts = _points(img)
    assert len(pts) == 3, pts
    for xy in tri:
        assert _near(pts, xy, 5.0), (xy, pts)


def test_a_dimension_line_whose_one_half_meets_nothing_is_found() -> None:
    # (Geometry3K train 1845) |<-- 22 -->| above the figure: the right half's head touches its
    # end bar, the left half's end bar is too short to be a stroke, so that half meets nothing
    # and was set apart from the figure; the right half, its head alone found, was left a mark
    # with no dimension line. The two halves, collinear with heads outward, are one.
    img, d = _canvas()
    tri = _triangle(d)
    d.line([(340, 10), (340, 45)], fill="black", width=2)  # the right end bar
    d.line([(60, 20), (60, 34)], fill="black", width=2)  # the left one, short
    d.line([(62, 27), (180, 27)], fill="black", width=2)
    d.line([(220, 27), (339, 27)], fill="black", width=2)
    _head(d, (62.0, 27.0), (1.0, 0.0))
    _head(d, (339.0, 27.0), (-1.0, 0.0))
    d.rectangle([190, 18, 196, 36], fill="black")  # the value's digits
    d.rectangle([202, 18, 209, 36], fill="black")
    reading = read_figure(np.asarray(img), ocr=False)
    pts = [p.xy for p in reading.diagram.points]
    assert len(pts) == 3, pts
    for xy in tri:
        assert _near(pts, xy), (xy, pts)
    assert len(reading.diagram.dimensions) == 1, reading.diagram.dimensions
    a, b = sorted(reading.diagram.dimensions[0])
    assert abs(a[0] - 62) <= 3 and abs(b[0] - 339) <= 3 and abs(a[1] - 27) <= 2, (a, b)
