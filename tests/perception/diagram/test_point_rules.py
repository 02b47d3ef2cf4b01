"""Rules of drawing for where the diagram reader puts points (figures drawn here with PIL, so
every position is known): tangents drawn a hair inside a circle, lines through one point, filled
sectors, small arrowheads that look like dots, angle arcs wide enough to pass for circles."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import read_figure
from recode_dsl.perception.diagram.points import Point, circle_hits
from recode_dsl.perception.diagram.reader import Diagram
from recode_dsl.perception.diagram.strokes import Circle, Segment

Xy = tuple[float, float]


def _canvas(w: int = 400, h: int = 300) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (w, h), "white")
    return img, ImageDraw.Draw(img)


def _read(img: Image.Image) -> Diagram:
    return read_figure(np.asarray(img), ocr=False).diagram


def _near(pts: list[Point], xy: Xy, tol: float) -> list[Point]:
    return [p for p in pts if math.dist(p.xy, xy) <= tol]


def test_a_line_a_hair_inside_a_circle_touches_it_at_one_point() -> None:
    c = Circle((200.0, 150.0), 100.0, 1.0)
    inside = Segment((0.0, 51.0), (400.0, 51.0))  # 99 px from the centre: 1 px inside
    hits = circle_hits(inside, c)
    assert len(hits) == 1 and math.dist(hits[0], (200.0, 51.0)) < 1e-6, hits
    chord = Segment((0.0, 70.0), (400.0, 70.0))  # 80 px from the centre: a chord
    assert len(circle_hits(chord, c)) == 2
    outside = Segment((0.0, 40.0), (400.0, 40.0))
    assert circle_hits(outside, c) == []


def test_tangents_ending_where_they_touch_reach_the_circle() -> None:
    # two tangents from an outside point drawn to where they touch, a pixel inside the circle:
    # the circle's ink taken away first cuts a long stretch off their ends
    img, d = _canvas(460, 320)
    c, r, p = (150.0, 170.0), 110.0, (430.0, 60.0)
    d.ellipse([c[0] - r, c[1] - r, c[0] + r, c[1] + r], outline="black", width=3)
    dist = math.dist(c, p)
    base = math.atan2(p[1] - c[1], p[0] - c[0])
    touch = []
    for sgn in (1, -1):
        a = base + sgn * math.acos(r / dist)
        t = (c[0] + (r - 1.0) * math.cos(a), c[1] + (r - 1.0) * math.sin(a))
        d.line([p, t], fill="black", width=3)
        touch.append(t)
    pts = _read(img).points
    for t in touch:
        assert len(_near(pts, t, 4.0)) == 1, (t, [q.xy for q in pts])
        # one point where it touches, no second one where the line's ink was cut back
        assert len(_near(pts, t, 45.0)) == 1, (t, [q.xy for q in pts])
    assert len(pts) == 4, [q.xy for q in pts]  # the centre, two touching points, the outside one


def test_lines_through_one_point_at_narrow_angles_meet_there_once() -> None:
    img, d = _canvas()
    o = (200.0, 150.0)
    # two lines cross square at o; two more pass a pixel and a half off it at narrow angles to
    # the first (their own crossings with it lie 5 to 9 px away)
    for deg, off in ((0.0, 0.0), (90.0, 0.0), (10.0, 1.5), (20.0, -1.5)):
        a = math.radians(deg)
        u = (math.cos(a), -math.sin(a))
        p = (o[0] - off * u[1], o[1] + off * u[0])
        d.line([(p[0] - 170 * u[0], p[1] - 170 * u[1]), (p[0] + 170 * u[0], p[1] + 170 * u[1])],
               fill="black", width=3)
    pts = _read(img).points
    assert len(_near(pts, o, 25.0)) == 1, [q.xy for q in pts]
    assert len(_near(pts, o, 3.0)) == 1, [q.xy for q in pts]


def test_filled_sectors_are_no_strokes_and_their_radii_are() -> None:
    img, d = _canvas()
    c, r = (200.0, 150.0), 120.0
    box = [c[0] - r, c[1] - r, c[0] + r, c[1] + r]
    d.pieslice(box, 0, 110, fill=(230, 120, 90))
    d.pieslice(box, 110, 230, fill=(250, 190, 110))
    d.pieslice(box, 230, 360, fill=(200, 170, 210))
    d.ellipse(box, outline="black", width=3)
    ends = []
    for deg in (0.0, 110.0, 230.0):
        a = math.radians(deg)
        e = (c[0] + r * math.cos(a), c[1] + r * math.sin(a))
        d.line([c, e], fill="black", width=3)
        ends.append(e)
    dg = _read(img)
    for xy in [c, *ends]:
        assert len(_near(dg.points, xy, 5.0)) == 1, (xy, [q.xy for q in dg.points])
    assert len(dg.points) == 4, [q.xy for q in dg.points]
    assert len(dg.lines) == 3


def _head(d: ImageDraw.ImageDraw, tip: Xy, back: Xy, length: float, half: float) -> None:
    n = (-back[1], back[0])
    base = (tip[0] + length * back[0], tip[1] + length * back[1])
    d.polygon(
        [tip, (base[0] + half * n[0], base[1] + half * n[1]), (base[0] - half * n[0], base[1] - half * n[1])],
        fill="black",
    )


def test_small_arrowheads_at_line_ends_are_no_dots_and_a_dot_at_an_end_is() -> None:
    img, d = _canvas()
    # a line with a small filled head at each end (a line of the figure), crossed by a segment
    # that ends on a drawn dot
    d.line([(40, 150), (360, 150)], fill="black", width=2)
    _head(d, (30.0, 150.0), (1.0, 0.0), 13.0, 5.0)
    _head(d, (370.0, 150.0), (-1.0, 0.0), 13.0, 5.0)
    d.line([(200, 50), (200, 250)], fill="black", width=2)
    d.ellipse([193, 43, 207, 57], fill="black")
    pts = _read(img).points
    for tip in ((30.0, 150.0), (370.0, 150.0)):
        near = _near(pts, tip, 12.0)
        assert len(near) == 1 and "dot" not in near[0].kinds, (tip, [(q.xy, q.kinds) for q in pts])
        assert math.dist(near[0].xy, tip) <= 4.0, (tip, near[0].xy)
    top = _near(pts, (200.0, 50.0), 6.0)
    assert len(top) == 1 and "dot" in top[0].kinds, [(q.xy, q.kinds) for q in pts]


def test_an_obtuse_angle_arc_is_no_circle() -> None:
    # a quadrilateral whose 160-degree corner is marked by an arc round more than a third of
    # a circle, centred on a drawn point
    img, d = _canvas()
    v = (200.0, 200.0)
    b = (v[0] + 170 * math.cos(math.radians(-20)), v[1] + 170 * math.sin(math.radians(-20)))
    quad = [(30.0, 200.0), v, b, (60.0, 60.0)]
    for k in range(4):
        d.line([quad[k], quad[(k + 1) % 4]], fill="black", width=3)
    d.arc([v[0] - 40, v[1] - 40, v[0] + 40, v[1] + 40], 180, 340, fill="black", width=2)
    dg = _read(img)
    assert dg.circles == [], [(dg.points[c.centre].xy, c.radius) for c in dg.circles]
    assert len(dg.points) == 4, [q.xy for q in dg.points]
    for xy in quad:
        assert len(_near(dg.points, xy, 5.0)) == 1, (xy, [q.xy for q in dg.points])


def test_a_small_filled_head_is_told_from_a_dot_by_its_tip() -> None:
    # the opened ink of a small head is as round as a dot; past its middle, though, the ink
    # runs on along the stroke to the tip, twice as far as it reaches across
    from recode_dsl.perception.diagram.reader import _head_dot

    img, d = _canvas(200, 100)
    d.line([(20, 50), (170, 50)], fill="black", width=2)
    d.polygon([(184, 50), (170, 44), (170, 56)], fill="black")  # a head, its tip at x = 184
    seg = Segment((20.0, 50.0), (184.0, 50.0))
    ink = np.asarray(img.convert("L")) < 128
    assert _head_dot(ink, (174.0, 50.0), [seg], 2.0)
    img, d = _canvas(200, 100)
    d.line([(20, 50), (170, 50)], fill="black", width=2)
    d.ellipse([163, 43, 177, 57], fill="black")  # a dot on the stroke's end
    ink = np.asarray(img.convert("L")) < 128
    assert not _head_dot(ink, (170.0, 50.0), [Segment((20.0, 50.0), (177.0, 50.0))], 2.0)
