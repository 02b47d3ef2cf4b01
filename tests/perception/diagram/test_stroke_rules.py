"""Rules of drawing in the geometric part of the diagram reader (figures drawn here with PIL,
so every position is known): strokes meeting at a narrow angle, dimension lines between end
bars, drawn dots where strokes meet, angle arcs crossed by a straight run."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import read_figure

Xy = tuple[float, float]
RULES = Path(__file__).resolve().parents[2] / "fixtures" / "diagram" / "rules"


def _canvas(w: int = 400, h: int = 300) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (w, h), "white")
    return img, ImageDraw.Draw(img)


def _points(img: Image.Image) -> list[Xy]:
    return [p.xy for p in read_figure(np.asarray(img), ocr=False).diagram.points]


def _near(pts: list[Xy], xy: Xy, tol: float = 4.0) -> bool:
    return any(math.dist(p, xy) <= tol for p in pts)


def test_thick_strokes_meeting_at_a_narrow_angle_meet_at_one_point() -> None:
    # their ink runs together for a while before the vertex: the strokes are read as ending
    # short of it, and the vertex is still where their lines cross
    img, d = _canvas()
    v, a = (40.0, 250.0), (360.0, 250.0)
    b = (40.0 + 330 * math.cos(math.radians(18)), 250.0 - 330 * math.sin(math.radians(18)))
    for p, q in ((v, a), (v, b), (a, b)):
        d.line([p, q], fill="black", width=5)
    pts = _points(img)
    assert len(pts) == 3, pts
    for xy in (v, a, b):
        assert _near(pts, xy, 5.0), (xy, pts)


def test_a_dimension_line_between_end_bars_makes_no_points() -> None:
    img, d = _canvas()
    tri = [(60.0, 180.0), (340.0, 180.0), (200.0, 50.0)]
    for k in range(3):
        d.line([tri[k], tri[(k + 1) % 3]], fill="black", width=2)
    # |----- 14 -----| under the base: bars going down from the base's ends, two halves cut
    # by the value
    for x in (60, 340):
        d.line([(x, 180), (x, 250)], fill="black", width=2)
    d.line([(60, 225), (180, 225)], fill="black", width=2)
    d.line([(220, 225), (340, 225)], fill="black", width=2)
    d.rectangle([190, 216, 196, 234], fill="black")  # the digits of the value
    d.rectangle([202, 216, 209, 234], fill="black")
    pts = _points(img)
    assert len(pts) == 3, pts
    for xy in tri:
        assert _near(pts, xy), (xy, pts)


def test_a_drawn_dot_where_strokes_meet_is_no_arrowhead() -> None:
    # Geometry3K train 790: two transversals between two parallel lines, a large dot drawn
    # at each of their ends. A short widening at a stroke's end is no arrowhead, so the
    # transversals are no dimension lines and the four dots are points on them.
    reading = read_figure(RULES / "g3k_train_790.png", ocr=False)
    d = reading.diagram
    assert not d.dimensions
    dots = [k for k, p in enumerate(d.points) if "dot" in p.kinds]
    assert len(dots) == 4, [(p.xy, p.kinds) for p in d.points]
    for k in dots:
        assert sum(k in ln.points for ln in d.lines) == 2  # on a parallel and a transversal


def test_concentric_angle_arcs_are_not_read_as_a_line() -> None:
    # a double angle arc at a parallelogram's corner: a straight run through the two arcs'
    # ink is pieces of strokes crossing it, not a line
    img, d = _canvas()
    quad = [(60.0, 70.0), (260.0, 70.0), (340.0, 230.0), (140.0, 230.0)]
    for k in range(4):
        d.line([quad[k], quad[(k + 1) % 4]], fill=(0, 110, 160), width=3)
    vx, vy = quad[1]
    for r in (22, 30):
        d.arc([vx - r, vy - r, vx + r, vy + r], 63, 180, fill=(230, 0, 120), width=2)
    pts = _points(img)
    assert len(pts) == 4, pts
    for xy in quad:
        assert _near(pts, xy), (xy, pts)
