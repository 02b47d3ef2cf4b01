"""The plot box's far value side where the box finder stopped short of the gridlines.

    plot box + value scale ──▶ gridlines past the far side? ──▶ the one round step they allow
                                                               ──▶ the far side where it puts hi

A frameless style (fivethirtyeight) shows no line along the box's far side; the box finder may
then stop at a step in the marks (stacked bars whose segments end level across the chart, 90 px
short of the top). Gridlines are clipped to the plot box, so the box reaches past every one of
them; they lie on round ticks, so their spacing is a round step times the pixels per unit, and
with the scale's low end fixed (the bars' base) that gives where the far end lies.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from recode_dsl.fit.image import Scale
from recode_dsl.perception.plotbox import EDGE_CLEAR_PX, PlotBox

NICE_STEPS = (1.0, 2.0, 2.5, 5.0)  # tick steps (times a power of ten) of matplotlib and Vega-Lite
EVEN_PX = 1.0  # gridlines are evenly spaced to this many pixels
ON_TICK = 0.2  # each gridline lies this close to a multiple of the step (a share of the step)
MIN_LINES = 3  # gridlines needed to say their spacing


def far_side(found: PlotBox, sc: Scale, vertical: bool, limit: float) -> PlotBox | None:
    """``found`` with its far value side (where ``sc`` puts ``sc.hi``) moved out to where the one
    round step the gridlines' spacing allows puts ``sc.hi``, past the side as found and past every
    gridline; None when the side is a frame line, the scale already puts the gridlines on round
    ticks, they are not evenly spaced, or no step or more than one puts the side between there
    and the image's edge (``limit``: its pixel on that side, 0 or the image's width).

    >>> box = PlotBox((50.0, 212.5, 600.0, 444.0), ("extent", "step", "extent", "step"),
    ...               (0.0, 0.0, 0.0, 0.0), rows=(105.5, 154.5, 203.5, 252.5, 300.5, 349.5, 398.5))
    >>> far_side(box, Scale(0.0, 19.95, 444.0, 212.5), True, 0.0).box[1]
    53.0
    >>> far_side(box, Scale(0.0, 20.0, 444.0, 52.0), True, 0.0) is None  # on round ticks already
    True
    >>> stop = PlotBox((47.0, 122.0, 531.0, 296.3), ("extent", "extent", "extent", "step"),
    ...                (0.0, 0.0, 0.0, 0.0), rows=(75.5, 120.5, 164.5, 209.5, 253.5))
    >>> far_side(stop, Scale(0.0, 11.655, 296.3, 122.0), True, 0.0).box[1]  # step 2.5 would end below 75.5
    37.0
    """
    side = 1 if vertical else 2
    if sc.log or found.how[side] == "line" or sc.hi <= sc.lo or sc.p_hi == sc.p_lo or limit == sc.p_lo:
        return None  # (a scale of no pixels, or a base on the image's edge: no room to say a step)
    lines = np.sort(np.asarray(found.rows if vertical else found.cols, float))
    if len(lines) < MIN_LINES:
        return None
    gaps = np.diff(lines)
    gap = float(np.median(gaps))
    if gap <= 0 or np.abs(gaps - gap).max() > EVEN_PX:
        return None
    d = 1.0 if sc.p_hi > sc.p_lo else -1.0  # the direction of growing values, in pixels
    span = sc.hi - sc.lo
    if _on_ticks(lines, sc.p_lo, d, abs(sc.p_hi - sc.p_lo) / span, gap, sc.lo):
        return None
    inner = max(float((lines * d).max()), sc.p_hi * d) * d  # the box reaches past both (the furthest
    # gridline: the first row where values grow upwards)
    if inner == sc.p_lo:
        return None
    fits = [sc.p_lo + d * gap / step * span
            for step in _steps(gap * span / abs(limit - sc.p_lo), gap * span / abs(inner - sc.p_lo))
            if _on_ticks(lines, sc.p_lo, d, gap / step, gap, sc.lo)]
    fits = [f for f in fits if (f - inner) * d >= -EDGE_CLEAR_PX and (limit - f) * d >= 0]
    if len(fits) != 1:
        return None
    box = list(found.box)
    box[side] = round(fits[0] * 2) / 2
    return replace(found, box=(box[0], box[1], box[2], box[3]))


def _on_ticks(lines: NDArray[np.float64], p_lo: float, d: float, ppu: float, gap: float, lo: float) -> bool:
    """Whether ``ppu`` pixels a unit makes the gridlines' spacing a round step and puts each on
    a multiple of it (the scale's low end at ``p_lo``)."""
    step = gap / ppu
    if not any(abs(step / s - 1) <= 0.02 for s in _steps(step / 1.05, step * 1.05)):
        return False
    ticks = ((lines - p_lo) * d / ppu + lo) / step
    return bool(np.abs(ticks - np.round(ticks)).max() <= ON_TICK)


def _steps(lo: float, hi: float) -> list[float]:
    """The round steps (NICE_STEPS times a power of ten) from ``lo`` to ``hi``, each inclusive."""
    if not 0 < lo <= hi or not math.isfinite(hi):
        return []
    out = []
    for e in range(int(math.floor(math.log10(lo))) - 1, int(math.floor(math.log10(hi))) + 2):
        out += [k * 10.0**e for k in NICE_STEPS if lo <= k * 10.0**e <= hi]
    return out
