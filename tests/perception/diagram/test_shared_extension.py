"""Two dimension lines that share an extension line (|<- y ->|<- z ->|): their halves meeting
on it from either side, tip to tip, are read straight through as one stroke with the heads in
its middle. Figures drawn here with PIL, so every position is known."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import read_figure

Xy = tuple[float, float]


def _head(d: ImageDraw.ImageDraw, tip: Xy, back: Xy, length: float = 18, half: float = 6) -> None:
    """A filled arrowhead, its tip at ``tip``, pointing away from ``back`` (a unit vector)."""
    n = (-back[1], back[0])
    base = (tip[0] + length * back[0], tip[1] + length * back[1])
    d.polygon(
        [tip, (base[0] + half * n[0], base[1] + half * n[1]), (base[0] - half * n[0], base[1] - half * n[1])],
        fill="black",
    )


def _figure(xs: tuple[float, float, float], y_dim: float) -> tuple[Image.Image, list[Xy]]:
    """A triangle with its altitude; below its base two dimension lines cut by their values,
    between extension lines run down from the base's ends and the altitude's foot."""
    img = Image.new("RGB", (600, 320), "white")
    d = ImageDraw.Draw(img)
    left, mid, right = xs
    base_y, top = 180.0, (mid, 40.0)
    corners = [(left, base_y), (right, base_y), top, (mid, base_y)]
    for p, q in (((left, base_y), (right, base_y)), ((left, base_y), top), (top, (right, base_y))):
        d.line([p, q], fill="black", width=3)
    d.line([top, (mid, base_y)], fill="black", width=3)
    for x in xs:
        d.line([(x, base_y), (x, y_dim + 25)], fill="black", width=2)
    for a, b in ((left, mid), (mid, right)):
        centre = (a + b) / 2.0
        d.line([(a + 1, y_dim), (centre - 14, y_dim)], fill="black", width=2)
        d.line([(centre + 14, y_dim), (b - 1, y_dim)], fill="black", width=2)
        _head(d, (a + 1, y_dim), (1.0, 0.0))
        _head(d, (b - 1, y_dim), (-1.0, 0.0))
        d.rectangle([centre - 5, y_dim - 8, centre + 5, y_dim + 8], fill="black")  # the value
    return img, corners


def test_dimension_lines_sharing_an_extension_line_make_no_points() -> None:
    img, corners = _figure((60.0, 300.0, 540.0), 240.0)
    pts = [p.xy for p in read_figure(np.asarray(img), ocr=False).diagram.points]
    assert len(pts) == 4, pts
    for xy in corners:
        assert any(math.dist(p, xy) <= 5.0 for p in pts), (xy, pts)


def test_a_line_crossing_a_side_with_no_heads_there_is_not_split() -> None:
    # the same crossing without heads: a line through a side, its points where it meets others
    img = Image.new("RGB", (400, 300), "white")
    d = ImageDraw.Draw(img)
    d.line([(40, 150), (360, 150)], fill="black", width=3)
    d.line([(200, 40), (200, 260)], fill="black", width=3)
    d.line([(40, 150), (200, 40)], fill="black", width=3)
    diagram = read_figure(np.asarray(img), ocr=False).diagram
    assert any(len(line.points) == 3 for line in diagram.lines), diagram.lines
