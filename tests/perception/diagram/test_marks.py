"""Marks that are not the figure's strokes: arrowheads, large right-angle squares, dimension
lines (drawn here with PIL, so every position is known)."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import arrows, read_figure
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram.strokes import Segment


def _canvas(w: int = 400, h: int = 300) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (w, h), "white")
    return img, ImageDraw.Draw(img)


def _head(d: ImageDraw.ImageDraw, tip: tuple[float, float], back: tuple[float, float]) -> None:
    """A filled arrowhead 18 px long, 7 px either side, its tip at ``tip``."""
    n = (-back[1], back[0])
    base = (tip[0] + 18 * back[0], tip[1] + 18 * back[1])
    d.polygon(
        [tip, (base[0] + 7 * n[0], base[1] + 7 * n[1]), (base[0] - 7 * n[0], base[1] - 7 * n[1])],
        fill="black",
    )


def test_a_filled_arrowhead_is_found_at_its_end_only() -> None:
    img, d = _canvas()
    d.line([(40, 150), (360, 150)], fill="black", width=2)
    _head(d, (360, 150), (-1.0, 0.0))
    page = im.page_of(np.asarray(img))
    seg = Segment((40.0, 150.0), (359.0, 150.0))
    assert arrows.head_at(page.ink, seg, 1, page.stroke) > 10
    assert arrows.head_at(page.ink, seg, 0, page.stroke) == 0.0


def test_an_arrowhead_is_no_dot_and_its_tip_is_the_point() -> None:
    img, d = _canvas()
    # two lines crossing at (200, 150), one ending in an arrowhead at (360, 150); a drawn dot at
    # the other line's end
    d.line([(40, 150), (360, 150)], fill="black", width=2)
    _head(d, (360, 150), (-1.0, 0.0))
    d.line([(120, 40), (280, 260)], fill="black", width=2)
    d.ellipse([114, 34, 126, 46], fill="black")
    reading = read_figure(np.asarray(img), ocr=False)
    pts = reading.diagram.points
    tip = min(pts, key=lambda p: math.dist(p.xy, (360, 150)))
    assert math.dist(tip.xy, (360, 150)) <= 4.0, [p.xy for p in pts]
    assert "dot" not in tip.kinds
    # nothing read inside the head (its middle, where a dot would sit)
    assert all(math.dist(p.xy, (351, 150)) > 6.0 for p in pts)
    dot = min(pts, key=lambda p: math.dist(p.xy, (120, 40)))
    assert "dot" in dot.kinds and math.dist(dot.xy, (120, 40)) <= 3.0


def test_a_large_right_angle_square_makes_no_points() -> None:
    img, d = _canvas()
    # right triangle with its right angle at (80, 250) and a 30 px square mark
    d.line([(80, 250), (340, 250)], fill="black", width=3)
    d.line([(80, 250), (80, 40)], fill="black", width=3)
    d.line([(80, 40), (340, 250)], fill="black", width=3)
    d.line([(80, 220), (110, 220)], fill="black", width=3)
    d.line([(110, 220), (110, 250)], fill="black", width=3)
    reading = read_figure(np.asarray(img), ocr=False)
    xy = [p.xy for p in reading.diagram.points]
    assert len(xy) == 3, xy
    for corner in ((80, 250), (340, 250), (80, 40)):
        assert min(math.dist(p, corner) for p in xy) <= 4.0
    assert any(f.kind == "perpendicular" for f in reading.facts)


def test_a_dimension_line_beside_the_figure_is_not_read_as_a_side() -> None:
    img, d = _canvas()
    d.line([(80, 200), (320, 200)], fill="black", width=2)
    d.line([(80, 200), (200, 60)], fill="black", width=2)
    d.line([(200, 60), (320, 200)], fill="black", width=2)
    # the dimension line under the base, with heads at both ends, between extension lines
    d.line([(80, 250), (320, 250)], fill="black", width=2)
    d.line([(80, 212), (80, 262)], fill="black", width=2)
    d.line([(320, 212), (320, 262)], fill="black", width=2)
    _head(d, (80, 250), (1.0, 0.0))
    _head(d, (320, 250), (-1.0, 0.0))
    reading = read_figure(np.asarray(img), ocr=False)
    xy = [p.xy for p in reading.diagram.points]
    assert len(xy) == 3, xy
    assert len(reading.diagram.lines) == 3


def test_a_curved_arrow_across_a_side_makes_no_segment() -> None:
    img, d = _canvas()
    d.line([(60, 250), (340, 250)], fill="black", width=2)
    d.line([(60, 250), (200, 50)], fill="black", width=2)
    d.line([(200, 50), (340, 250)], fill="black", width=2)
    # a thin curved arrow from outside the triangle, across its left side, into the corner
    d.arc([40, 120, 200, 280], start=200, end=300, fill="black", width=1)
    reading = read_figure(np.asarray(img), ocr=False)
    xy = [p.xy for p in reading.diagram.points]
    assert len(reading.diagram.segments) == 3, reading.diagram.segments
    assert len(xy) == 3, xy


def test_a_run_of_small_numbers_from_one_numbers_angles() -> None:
    from recode_dsl.perception.diagram.facts import angle_numbers
    from recode_dsl.perception.diagram.texts import Text

    def label(v: str, kind: str = "length") -> Text:
        return Text(v, (0, 0, 10, 12), kind, v)

    assert angle_numbers([label("2"), label("1"), label("3"), label("12.5")]) == {"1", "2", "3"}
    assert angle_numbers([label("3"), label("4"), label("5")]) == set()  # side lengths
    assert angle_numbers([label("1"), label("1"), label("2")]) == set()  # a value printed twice
    assert angle_numbers([label("1"), label("2", "angle")]) == set()  # 2 degrees is a measure
