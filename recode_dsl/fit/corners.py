"""Place a line chart's categories by its lines' corners, to a fraction of a pixel.

A renderer draws a line's vertices where its scale puts them, unsnapped; the gridlines, ticks and
box edges that place the categories otherwise are snapped to whole pixels (Agg rounds a crisp
line to a pixel's centre), so a category axis read from them is off by up to half a pixel,
alike at neighbouring categories when their spacing is near a whole number of pixels. A steep
line turns that into pixels of value at its vertices (a segment rising 7 px a column reads a
vertex 3 px off for 0.4 px of x). Two straight segments meet at their vertex wherever the axis
puts it:

    samples of each line ──1 segments─▶ a straight line through each segment's samples (total least squares)
                         ──2 corners──▶ where two neighbours cross, with a weight for how sharp the turn is
                         ──3 scale────▶ category -> pixel fitted to the corners of every series

The scale is kept only when enough sharp corners agree with one straight map, and it lies near
the axis it replaces.
"""

from __future__ import annotations

import math

import numpy as np

from recode_dsl.fit.image import RGB, Float, Frame, Scale
from recode_dsl.fit.marks import segment_samples

SEGMENT_MIN_SAMPLES = 6  # a segment's line is fitted to this many samples at least
SEGMENT_STRAIGHT_PX = 0.35  # and they lie this close to it (RMS): no marker, join or other mark among them
CORNER_MIN_SIN = 0.2  # two segments turning less than this (sine of the angle) place their corner poorly
CORNER_NEAR_PX = 2.0  # a corner lies this close to where the axis puts its category
CORNERS_MIN = 3  # corners at this many categories at least place the scale
CORNER_FIT_PX = 0.4  # and lie this close to one straight map (a corner further off is left out)
SCALE_NEAR_PX = 1.0  # the scale so fitted lies this close to the axis it replaces, at every category


def corner_frame(img: Float, fr: Frame, series: list[tuple[list[float], RGB, tuple[RGB, ...]]], bg: RGB,
                 clear_px: float) -> Frame:
    """``fr`` with its category scale fitted to the corners of the lines ``series`` (each its
    values as stated, its colour in the image and the other series' colours, whose marks on the
    line leave it out there); ``fr`` itself when the corners do not place it. ``clear_px``: the
    columns this close to a vertex are left out of its segments (markers).

    >>> fr = Frame((0.0, 0.0, 100.0, 100.0), False, Scale(0.0, 10.0, 100.0, 0.0), Scale(0.0, 4.0, 10.0, 90.0))
    >>> corner_frame(np.ones((100, 100, 3)), fr, [], (1.0, 1.0, 1.0), 7.0) is fr
    True
    """
    corners: list[tuple[int, float, float]] = []
    n = 0
    for values, colour, others in series:
        n = max(n, len(values))
        xs = [fr.other.to_px(float(i)) for i in range(len(values))]
        ys = [fr.value.to_px(v) for v in values]
        band = 0.25 * abs(fr.box[3] - fr.box[1])
        samples = segment_samples(img, xs, ys, colour, bg, clear_px, band, others)
        corners += line_corners(xs, samples, clear_px)
    scale = corner_scale(corners)
    if scale is None or n < 2:
        return fr
    a, b = scale
    if any(abs(a + b * i - fr.other.to_px(float(i))) > SCALE_NEAR_PX for i in range(n)):
        return fr
    other = Scale(fr.other.lo, fr.other.hi, a + b * fr.other.lo, a + b * fr.other.hi, fr.other.log)
    return Frame(fr.box, fr.horizontal, fr.value, other)


def line_corners(xs: list[float], samples: list[tuple[float, float, float]], clear_px: float
                 ) -> list[tuple[int, float, float]]:
    """(category, corner's x, weight) of each inner vertex of one line whose two segments are
    straight and turn sharply enough: where their lines cross.

    >>> xs = [0.0, 40.0, 80.0]
    >>> pts = [(x + 0.5, 2 * (x + 0.5), 1.0) for x in range(8, 32)] + \\
    ...       [(x + 0.5, 100 - 0.5 * (x + 0.5), 1.0) for x in range(48, 72)]
    >>> [(i, round(x, 3)) for i, x, _ in line_corners(xs, pts, 7.0)]
    [(1, 40.0)]
    """
    if len(xs) < 3 or not samples:
        return []
    pts = np.asarray([(sx, sy) for sx, sy, wt in samples if wt > 0], np.float64).reshape(-1, 2)
    seg = np.searchsorted(np.asarray(xs), pts[:, 0]) - 1
    lines = [_segment_line(pts[seg == k], xs[k + 1] - xs[k], clear_px) for k in range(len(xs) - 1)]
    out: list[tuple[int, float, float]] = []
    for i in range(1, len(xs) - 1):
        a, b = lines[i - 1], lines[i]
        if a is None or b is None:
            continue
        (ca, ua), (cb, ub) = a, b
        sin = ua[0] * ub[1] - ua[1] * ub[0]
        if abs(sin) < CORNER_MIN_SIN:
            continue
        d = cb - ca  # ca + t ua = cb + s ub
        t = (d[0] * ub[1] - d[1] * ub[0]) / sin
        x = float(ca[0] + t * ua[0])
        if abs(x - xs[i]) <= CORNER_NEAR_PX:
            out.append((i, x, sin * sin))
    return out


def _segment_line(pts: Float, span: float, clear_px: float) -> tuple[Float, Float] | None:
    """A segment's line (a point on it, its unit direction) through its samples; None when they
    are too few, too short a stretch, or not straight."""
    if len(pts) < SEGMENT_MIN_SAMPLES or span <= 2 * clear_px + 3:
        return None
    c = pts.mean(axis=0)
    _, sv, vt = np.linalg.svd(pts - c, full_matrices=False)
    if sv[-1] / math.sqrt(len(pts)) > SEGMENT_STRAIGHT_PX:
        return None
    return c, vt[0]


def corner_scale(corners: list[tuple[int, float, float]]) -> tuple[float, float] | None:
    """(a, b): the category -> pixel map x = a + b i the corners give (weighted least squares);
    while one lies over CORNER_FIT_PX off, the one furthest from the fit of the others is left
    out. None with corners at fewer than CORNERS_MIN categories.

    >>> corner_scale([(1, 50.2, 1.0), (2, 90.2, 1.0), (3, 130.2, 0.5), (4, 175.0, 1.0)])
    (10.2, 40.0)
    """
    c = list(corners)
    while len({i for i, _, _ in c}) >= CORNERS_MIN:
        a, b = _weighted_line(c)
        if all(abs(a + b * i - x) <= CORNER_FIT_PX for i, x, _ in c):
            return round(a, 9), round(b, 9)
        # each corner against the fit of the others (an outlier at an end tilts a fit with it)
        off = [abs(a2 + b2 * i - x) for k, (i, x, _) in enumerate(c)
               for a2, b2 in [_weighted_line(c[:k] + c[k + 1:])]]
        del c[int(np.argmax(off))]
    return None


def _weighted_line(c: list[tuple[int, float, float]]) -> tuple[float, float]:
    i = np.array([k for k, _, _ in c], np.float64)
    sw = np.sqrt(np.array([w for _, _, w in c]))
    x = np.array([v for _, v, _ in c])
    if len(set(i.tolist())) < 2:
        return float(np.average(x, weights=sw * sw)), 0.0
    (a, b), *_ = np.linalg.lstsq(np.stack([np.ones_like(i), i], axis=1) * sw[:, None], x * sw, rcond=None)
    return float(a), float(b)
