"""Letters set larger than the text size beside a small figure are letters, not strokes
(figures drawn here with PIL, so every position is known)."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import read_figure
from recode_dsl.perception.diagram.reader import Diagram

Xy = tuple[float, float]


def _read(img: Image.Image) -> Diagram:
    return read_figure(np.asarray(img), ocr=False).diagram


def _triangle(d: ImageDraw.ImageDraw) -> tuple[Xy, Xy, Xy]:
    a, b, c = (80.0, 240.0), (300.0, 240.0), (190.0, 60.0)
    for p, q in ((a, b), (b, c), (c, a)):
        d.line([p, q], fill="black", width=4)
    return a, b, c


def _w(d: ImageDraw.ImageDraw, x: float, y: float, size: float) -> None:
    """A capital W drawn as four strokes in a box of ``size`` from (x, y)."""
    pts = [(x, y), (x + size * 0.25, y + size), (x + size * 0.5, y + size * 0.3),
           (x + size * 0.75, y + size), (x + size, y)]
    d.line(pts, fill="black", width=4, joint="curve")


def test_a_large_capital_beside_a_vertex_makes_no_points_or_lines() -> None:
    img = Image.new("RGB", (360, 320), "white")
    d = ImageDraw.Draw(img)
    a, b, c = _triangle(d)
    _w(d, 40.0, 238.0, 34.0)  # 37 px of ink: above the 30 px text size of a 360 px figure
    diagram = _read(img)
    pts = [p.xy for p in diagram.points]
    assert len(pts) == 3, pts
    for xy in (a, b, c):
        assert any(math.dist(p, xy) <= 5.0 for p in pts), (xy, pts)
    assert len(diagram.lines) == 3
    # the letter is set apart with the texts (so OCR can read it)
    assert any(30 <= blob.box[1] and blob.box[3] <= 80 and blob.box[0] >= 234 for blob in diagram.blobs), diagram.blobs


def test_no_circle_read_is_small_enough_to_pass_for_a_large_letter() -> None:
    # a ring is compact and well inked too: the largest letter stays under the smallest circle
    from recode_dsl.perception.diagram import reader, strokes

    assert reader.LETTER_MAX * reader.TEXT_MIN < 2 * strokes.MIN_RADIUS
    assert reader.LETTER_MAX * reader.TEXT_SHARE < 2 * strokes.MIN_RADIUS_SHARE
