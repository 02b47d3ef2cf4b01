"""How well a chart's marks agree with an image, without the renderer: colour-mask overlap.

Each series colour (each wedge colour for pies) gives an observed mask, the pixels of that
colour, and a predicted mask, the chart's marks drawn as plain polygons in the fitted frame.
The score is the overlap of the two, summed over colours: |P ∩ O| / |P ∪ O| in [0, 1].
Used to check that a fit is never worse than its proposal when no renderer is at hand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from skimage.draw import disk, polygon

from recode_dsl.fit.image import RGB, Float, Frame
from recode_dsl.fit.marks import Bars

COLOUR_TOL = 0.12  # a pixel shows a colour when its RGB distance to it is below this


def overlap(img: Float, masks: Sequence[tuple[RGB, np.ndarray]], region: tuple[slice, slice]) -> float:
    """Summed intersection over summed union of predicted masks and the image's colour masks."""
    inter = union = 0
    for colour, predicted in masks:
        sub = img[region]
        observed = np.linalg.norm(sub - np.asarray(colour), axis=-1) < COLOUR_TOL
        pred = predicted[region]
        inter += int((observed & pred).sum())
        union += int((observed | pred).sum())
    return 1.0 if union == 0 else inter / union


def _poly(shape: tuple[int, int], xs: Sequence[float], ys: Sequence[float]) -> np.ndarray:
    mask = np.zeros(shape, bool)
    rr, cc = polygon(np.asarray(ys) - 0.5, np.asarray(xs) - 0.5, shape)  # type: ignore[no-untyped-call]
    mask[rr, cc] = True
    return mask


def bar_masks(shape: tuple[int, int], frame: Frame, layout: Bars, values: list[list[float]],
              fills: list[list[RGB]]) -> list[tuple[RGB, np.ndarray]]:
    """One mask per colour: the bars of that colour (stacked when the layout stacks)."""
    out: dict[RGB, np.ndarray] = {}
    base = [0.0] * (len(values[0]) if values else 0)
    for j, series in enumerate(values):
        for i, v in enumerate(series):
            mask = out.setdefault(fills[j][i], np.zeros(shape, bool))
            lo, hi = (base[i], base[i] + v) if layout.stacked else (0.0, v)
            c = i + layout.offsets[j]
            a, b = frame.other.to_px(c - layout.width / 2), frame.other.to_px(c + layout.width / 2)
            p, q = frame.value.to_px(_clip(lo, frame)), frame.value.to_px(_clip(hi, frame))
            xs, ys = ([p, q, q, p], [a, a, b, b]) if frame.horizontal else ([a, b, b, a], [p, p, q, q])
            mask |= _poly(shape, xs, ys)
        if layout.stacked:
            base = [b + v for b, v in zip(base, series)]
    return list(out.items())


def area_masks(shape: tuple[int, int], frame: Frame, values: list[list[float]]) -> list[np.ndarray]:
    """One mask per series: the band between the stack below it and its own top."""
    out = []
    base = [0.0] * (len(values[0]) if values else 0)
    xs = [frame.other.to_px(float(i)) for i in range(len(base))]
    for series in values:
        top = [b + v for b, v in zip(base, series)]
        ys = [frame.value.to_px(_clip(v, frame)) for v in top + base[::-1]]
        out.append(_poly(shape, xs + xs[::-1], ys))
        base = top
    return out


def _clip(v: float, frame: Frame) -> float:
    lo, hi = sorted((frame.value.lo, frame.value.hi))
    return min(max(v, lo), hi)


def line_mask(shape: tuple[int, int], frame: Frame, values: list[float], half_width: float) -> np.ndarray:
    """A polyline of the given half width through the category centres."""
    mask = np.zeros(shape, bool)
    pts = [(frame.other.to_px(float(i)), frame.value.to_px(v)) for i, v in enumerate(values)]
    for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
        d = math.hypot(xb - xa, yb - ya) or 1.0
        nx, ny = -(yb - ya) / d * half_width, (xb - xa) / d * half_width
        mask |= _poly(shape, [xa + nx, xb + nx, xb - nx, xa - nx], [ya + ny, yb + ny, yb - ny, ya - ny])
    return mask


def point_mask(shape: tuple[int, int], frame: Frame, xs: list[float], ys: list[float], radius: float) -> np.ndarray:
    mask = np.zeros(shape, bool)
    for x, y in zip(xs, ys):
        rr, cc = disk((frame.value.to_px(y) - 0.5, frame.other.to_px(x) - 0.5), radius,  # type: ignore[no-untyped-call]
                      shape=shape)
        mask[rr, cc] = True
    return mask


def wedge_masks(shape: tuple[int, int], centre: tuple[float, float], radius: float, values: list[float],
                start: float) -> list[np.ndarray]:
    """One mask per wedge, counter-clockwise from ``start`` degrees (image y points down)."""
    total = sum(values) or 1.0
    out = []
    angle = start
    cx, cy = centre
    for v in values:
        sweep = 360.0 * v / total
        ts = np.radians(np.linspace(angle, angle + sweep, max(2, int(sweep) + 2)))
        xs = [cx, *(cx + radius * np.cos(ts))]
        ys = [cy, *(cy - radius * np.sin(ts))]
        out.append(_poly(shape, xs, ys))
        angle += sweep
    return out
