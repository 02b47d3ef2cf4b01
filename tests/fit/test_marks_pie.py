"""Pie wedges on the ring (issue 11): each wedge is one arc, so a short run of a colour whose
wedge lies elsewhere is the anti-aliased boundary of two others, even off their mixing line."""

from __future__ import annotations

import numpy as np

from recode_dsl.fit import marks as K
from recode_dsl.fit.image import RGB

# Vega-Lite fivethirtyeight's wedge colours: orange and blue mix into a colour nearest the grey
HEXES = ("#30a2da", "#fc4f30", "#e5ae38", "#6d904f", "#8b8b8b", "#b96db8")
FILLS: list[RGB] = [(int(h[1:3], 16) / 255, int(h[3:5], 16) / 255, int(h[5:7], 16) / 255) for h in HEXES]
WHITE = (1.0, 1.0, 1.0)


def _pie(values: list[float], size: int = 300, radius: float = 130.0, ss: int = 4) -> np.ndarray:
    """A pie run clockwise from 12 o'clock, wedge k in FILLS[k], anti-aliased (ss x ss samples)."""
    yy, xx = np.mgrid[0:size * ss, 0:size * ss]
    x, y = (xx + 0.5) / ss - size / 2, size / 2 - (yy + 0.5) / ss
    turned = (90.0 - np.degrees(np.arctan2(y, x))) % 360.0
    ends = np.cumsum(values) / sum(values) * 360.0
    k = np.searchsorted(ends, turned, side="right").clip(0, len(values) - 1)
    fine = np.where((x * x + y * y <= radius * radius)[..., None], np.asarray(FILLS)[k], 1.0)
    return np.asarray(fine.reshape(size, ss, size, ss, 3).mean(axis=(1, 3)), np.float64)


def test_a_boundary_in_a_third_wedges_colour_is_no_wedge() -> None:
    values = [30.0, 25.0, 20.0, 15.0, 10.0, 12.0]  # blue meets orange at 12 o'clock's turn
    img = _pie(values)
    ring = K._ring_owner_of(img, FILLS, WHITE, 0.0)
    assert ring is not None
    owner = ring[0]
    runs = K._runs(owner[owner >= 0])
    assert len(runs) == 7 and sum(r[0] == 4 for r in runs) == 2  # the grey shows twice
    spans, start, centre, _ = K.measure_pie_unordered(img, FILLS, WHITE, 0.0, values)
    assert centre is not None and start is not None and abs(start - 90.0) < 0.5
    want = [360.0 * v / sum(values) for v in values]
    assert all(s is not None and abs(s - w) < 0.5 for s, w in zip(spans, want)), spans


def test_a_short_wedge_of_a_colour_met_once_is_kept() -> None:
    grey, orange, blue = FILLS[4], FILLS[1], FILLS[0]
    runs = [(1, 0, 1800), (0, 1800, 1820), (2, 1820, 3600)]  # a 2 degree wedge, its colour's only run
    assert not K._is_boundary(runs, 1, [grey, orange, blue])
    runs = [(1, 0, 1800), (0, 1800, 1820), (2, 1820, 2400), (0, 2400, 3600)]
    assert K._is_boundary(runs, 1, [grey, orange, blue])
    assert not K._is_boundary(runs, 3, [grey, orange, blue])  # the long run is the wedge
