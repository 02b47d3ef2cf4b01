"""Double angle arcs at a narrow corner are no straight stroke: a line through their ink runs
along one arc for a while (bowing off it) and picks up pieces of the other where it crosses
(figures drawn here with PIL, so every position is known)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import read_figure

Xy = tuple[float, float]


def _triangle_with_arcs(apex_deg: float, radii: tuple[int, ...]) -> tuple[Image.Image, list[Xy]]:
    img = Image.new("RGB", (660, 450), "white")
    d = ImageDraw.Draw(img)
    v = (120.0, 350.0)
    far = 300.0
    a = (v[0] + far, v[1])
    b = (v[0] + far * math.cos(math.radians(apex_deg)), v[1] - far * math.sin(math.radians(apex_deg)))
    for p, q in ((v, a), (a, b), (b, v)):
        d.line([p, q], fill=(0, 110, 190), width=6)
    for r in radii:
        d.arc([v[0] - r, v[1] - r, v[0] + r, v[1] + r], -apex_deg, 0, fill=(230, 0, 140), width=3)
    return img, [v, a, b]


@pytest.mark.parametrize(
    ("apex_deg", "radii"),
    [(66.0, (46, 56)), (70.0, (46, 56)), (70.0, (40, 48)), (78.0, (40, 48)), (82.0, (40, 48))],
)
def test_double_angle_arcs_make_no_points(apex_deg: float, radii: tuple[int, int]) -> None:
    img, corners = _triangle_with_arcs(apex_deg, radii)
    pts = [p.xy for p in read_figure(np.asarray(img), ocr=False).diagram.points]
    assert len(pts) == 3, pts
    for xy in corners:
        assert any(math.dist(p, xy) <= 6.0 for p in pts), (xy, pts)
