"""Measure chart marks in an image: bar ends, line vertices, scatter points, pie wedges.

Each measurer takes the image (float RGB), the measured ``Frame``, the proposed values and the
series colours, and returns measured values in data units, with ``None`` where a mark could not
be found. Areas: each boundary in the column of its category; lines: a least-squares polyline
through the colour's centroid in each column; scatter: colour blobs matched to the proposed
points; pies: wedge boundaries found by the colour met on circles around the pie's centre. Bars
are read in fit.measure, where the renderer puts them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import ndimage
from scipy.optimize import linear_sum_assignment

from recode_dsl.fit.image import (
    LINE_SNAP_PX,
    RGB,
    STROKE_BEYOND,
    Float,
    Frame,
    cover,
    coverage,
    dist2,
    line_cover,
    memo,
    run_end,
)

Values = list[float | None]
START_SEARCH_PX = 4  # a bar's own colour must show within this many pixels of its base
ANGLE_STEP = 0.1  # degrees between samples on a ring around a pie
STEEP = 1.5  # a line segment rising more than this many pixels a column is read row by row
OCCLUDED_PX = 3  # another series' mark this close to a line's centre hides or crowds it there
OWN_RIM_MARGIN = 0.02  # RGB: a pixel this much nearer a colour's mixes with the ground than another's is its rim
GRID_GAP_PX = 3  # a gridline drawn over a bar interrupts its colour for up to this many pixels
POINT_SLACK_PX = 2.0  # a scatter point may sit this far from where the program puts it, plus
MIN_WEDGE_DEG = 0.5  # a run of one colour shorter than this on a ring is an anti-aliased boundary
IRLS_STEPS = 100  # reweighted least-squares steps at most (a polyline through a line's samples)
IRLS_DONE_PX = 1e-6  # and done when no vertex moves more than this
PIE_PART = 0.02  # a blob of wedge colour with less than this share of them is no part of the pie
POINT_BEYOND = 1.5  # translucent points that overlap darken along their colour's line up to 1/opacity
# times (Vega-Lite's 0.7: 1.43); a point's pixels that far past its colour are still its own
SNAP_AREA = 0.2  # a blob within this share of the median blob's cover is one marker
SNAP_PX = 0.05  # a snapped marker's centre lies this close to a pixel's centre
SNAP_SHARE = 0.6  # on this share of the single markers at least
SAME_POINT_PX = 1.0  # points the program puts this close together are one point in the image
ELONGATED = 1.1  # a blob whose cover spreads this much more (variance) one way than across is long that way
MIX_MAX_DEG = 3.0  # a run of a colour between its neighbours' this short is their anti-aliased boundary
MIX_RESIDUE = 0.05  # RGB distance from the line between two colours of a mix of them
START_SLACK_DEG = 3.0  # a pie's first wedge starts this close to where the program or a renderer starts it
READ_ERROR = 0.1  # this share of its distance from the axes' zero (a reader's relative error)
POINT_PAST_BOX_PX = 5  # scatter points are read this far past the plot box
SEGMENTS_KEPT = 4096  # line segments' samples kept an image and colour (a critic's candidates share them)


# -- areas ------------------------------------------------------------------------------------


def measure_areas(img: Float, frame: Frame, values: list[list[float]], fills: list[RGB], bg: RGB,
                  edge_px: float = 3.0) -> list[Values]:
    """Stacked areas: each series' own size per category, from the boundaries in the category's
    column; at the plot box's sides, from two columns inside, extrapolated back."""
    out: list[Values] = [[None] * len(v) for v in values]
    lo, hi = sorted((frame.box[0], frame.box[2]))
    for i in range(len(values[0]) if values else 0):
        column = [v[i] for v in values]
        x = frame.other.to_px(float(i))
        if lo + edge_px + 1 < x < hi - edge_px - 1:
            tops = _stack_tops(img, frame, float(i), column, fills, bg)
        else:
            step = edge_px if x <= lo + edge_px + 1 else -edge_px
            near = _stack_tops(img, frame, frame.other.to_value(x + step), column, fills, bg)
            far = _stack_tops(img, frame, frame.other.to_value(x + 2 * step), column, fills, bg)
            tops = [None if a is None or b is None else 2 * a - b for a, b in zip(near, far)]
        below: float | None = 0.0
        for j, top in enumerate(tops):
            out[j][i] = None if top is None or below is None else top - below
            below = top
    return out


def _stack_tops(img: Float, frame: Frame, centre: float, column: list[float], fills: list[RGB],
                bg: RGB) -> list[float | None]:
    """The value at the top of each stacked series in one pixel column."""
    tops: list[float | None] = []
    base = 0.0
    for j, v in enumerate(column):
        above = next((fills[k] for k in range(j + 1, len(column)) if column[k] > 0), bg)
        top = _bar_end(img, frame, centre, 1e-6, base, fills[j], above, 1)
        tops.append(top)
        base = top if top is not None else base + v
    return tops


def _bar_end(img: Float, frame: Frame, centre: float, width: float, base: float, fill: RGB, above: RGB,
             columns: int | None) -> float | None:
    """The value where one bar (or stacked segment) ends, from the middle lines across it."""
    a, b = sorted((frame.other.to_px(centre - width / 4), frame.other.to_px(centre + width / 4)))
    lines = _lines(a, b, columns)
    base_px = frame.value.to_px(max(min(base, max(frame.value.lo, frame.value.hi)), min(frame.value.lo,
                                                                                      frame.value.hi)))
    ends: list[float] = []
    for line in lines:
        end = _end_along(img, frame.horizontal, line, base_px, fill, above)
        if end is not None:
            ends.append(end)
    if len(ends) * 2 <= len(lines):
        return None
    return frame.value.to_value(float(np.median(ends)))


def _lines(a: float, b: float, columns: int | None) -> list[int]:
    """Pixel lines (columns or rows) whose centres lie in [a, b]; at least the middle one."""
    lines = list(range(int(math.ceil(a - 0.5)), int(math.floor(b - 0.5)) + 1))
    if not lines:
        lines = [int(math.floor((a + b) / 2))]
    if columns is not None and len(lines) > columns:
        step = len(lines) / columns
        lines = [lines[int(k * step)] for k in range(columns)]
    return lines


def _end_along(img: Float, horizontal: bool, line: int, base_px: float, fill: RGB, above: RGB) -> float | None:
    h, w = img.shape[:2]
    if horizontal:
        if not 0 <= line < h:
            return None
        first = max(0, int(math.floor(base_px)))
        profile = img[line, first:]
    else:
        if not 0 <= line < w:
            return None
        first = min(h - 1, int(math.ceil(base_px)) - 1)
        profile = img[first::-1, line]
    alpha = coverage(profile, fill, above)
    start = next((k for k in range(min(START_SEARCH_PX, len(alpha))) if alpha[k] > 0.5), None)
    if start is None:
        return None
    e = run_end(alpha, start, GRID_GAP_PX)
    return first + e if horizontal else first + 1 - e


# -- lines ------------------------------------------------------------------------------------


def measure_line(img: Float, frame: Frame, values: list[float], colour: RGB, bg: RGB,
                 clear_px: float, others: tuple[RGB, ...] = ()) -> Values:
    """Vertex values of one line series: a polyline fitted to the colour's centre in each column.

    ``clear_px`` keeps the columns that close to a vertex out (markers sit there); a column where
    a mark of one of the ``others`` colours (the other series) lies on the line is left out too:
    drawn over it or under it, the line's own pixels there are not centred on it.
    """
    xs = [frame.other.to_px(float(i)) for i in range(len(values))]
    ys0 = [frame.value.to_px(v) for v in values]
    band = 0.25 * abs(frame.box[3] - frame.box[1])
    samples = segment_samples(img, xs, ys0, colour, bg, clear_px, band, others)
    clear = [q for q in samples if q[2] > 0]  # (weight 0: another series' mark lies on the line there)
    if len(clear) < len(values) + 1:
        return [None] * len(values)
    fitted = _fit_polyline(xs, ys0, clear)
    near = segment_samples(img, xs, fitted, colour, bg, clear_px, 6.0, others)
    clear = [q for q in near if q[2] > 0]
    if len(clear) >= len(values) + 1:
        fitted = _fit_polyline(xs, fitted, clear)
    seen = _support(xs, [s[0] for s in near], clear_px)  # a vertex hidden by another line is seen there
    return [frame.value.to_value(y) if ok else None for y, ok in zip(fitted, seen)]


def _support(xs: list[float], sample_x: list[float], clear_px: float) -> list[bool]:
    """A vertex is measured when columns next to it (on some side) carried the line."""
    reach = clear_px + 0.5 * min((abs(b - a) for a, b in zip(xs, xs[1:])), default=20.0)
    if not sample_x:
        return [False] * len(xs)
    near = np.abs(np.subtract.outer(np.asarray(xs, np.float64), np.asarray(sample_x, np.float64))) <= reach
    return [bool(v) for v in np.asarray(near.any(axis=1)).tolist()]


def segment_samples(img: Float, xs: list[float], ys: list[float], colour: RGB, bg: RGB, clear_px: float,
                  band: float, others: tuple[RGB, ...] = ()) -> list[tuple[float, float, float]]:
    """(x, y, weight): the colour's centroid in each column between vertices, near the expected y.

    Each segment's samples are kept once an image, colour and others (``memo``): a critic's
    candidates share the segments whose ends they put alike (a value changed moves two), and the
    lines' corners read the segments the lines are then measured along."""
    key = ("segments", tuple(colour), tuple(bg), tuple(tuple(o) for o in others))
    kept: dict[tuple[float, ...], tuple[tuple[float, float, float], ...]] = memo(img, key, dict)
    if len(kept) > SEGMENTS_KEPT:
        kept.clear()
    out: list[tuple[float, float, float]] = []
    for (xa, ya), (xb, yb) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        at = (xa, ya, xb, yb, clear_px, band)
        if at not in kept:
            kept[at] = tuple(_segment_samples(img, (xa, ya), (xb, yb), colour, bg, clear_px, band, others))
        out += kept[at]
    return out


def _segment_samples(img: Float, a: tuple[float, float], b: tuple[float, float], colour: RGB, bg: RGB,
                     clear_px: float, band: float, others: tuple[RGB, ...]) -> list[tuple[float, float, float]]:
    """The samples of one segment from ``a`` to ``b``: column by column, or row by row when steep."""
    h, w = img.shape[:2]
    (xa, ya), (xb, yb) = a, b
    span = xb - xa
    if span > 0 and abs(yb - ya) > STEEP * span:
        return _row_samples(img, a, b, colour, bg, clear_px, band, others)
    clear = clear_px if span > 2 * clear_px + 3 else min(2.0, span / 4)
    c0, c1 = max(0, int(math.ceil(xa + clear))), min(w, int(math.floor(xb - clear)))
    if c1 <= c0:
        return []
    # the colour's cover over the segment's band, once (not column by column)
    r0 = max(0, int(min(ya, yb) - band))
    r1 = min(h, int(max(ya, yb) + band) + 1)
    cx = np.arange(c0, c1) + 0.5
    yexp = ya + (yb - ya) * (cx - xa) / span
    lo = np.maximum(r0, (yexp - band).astype(np.int64))
    hi = np.minimum(r1, (yexp + band).astype(np.int64) + 1)
    centre, mass = _nearest_runs(_line_runs(img, colour, bg, False), c0, lo, hi, yexp)
    centre -= r0
    mass = _unoccluded(img, colour, others, bg, (r0, r1, c0, c1), centre, mass, False)
    ok = ~np.isnan(centre)
    return list(zip(cx[ok].tolist(), (r0 + centre[ok]).tolist(), mass[ok].tolist()))


def _row_samples(img: Float, a: tuple[float, float], b: tuple[float, float], colour: RGB, bg: RGB,
                 clear_px: float, band: float, others: tuple[RGB, ...] = ()) -> list[tuple[float, float, float]]:
    """A steep segment read row by row (a column holds a long run of it there): the colour's
    centroid across each row between the vertices, as (x, y, weight) points on the line."""
    h, w = img.shape[:2]
    (xa, ya), (xb, yb) = a, b
    lo_y, hi_y = sorted((ya, yb))
    slope = (xb - xa) / (yb - ya)  # x per row
    reach = band * abs(slope) + 3.0
    out: list[tuple[float, float, float]] = []
    r0, r1 = max(0, int(math.ceil(lo_y + clear_px + 1))), min(h, int(math.floor(hi_y - clear_px - 1)))
    if r1 <= r0:
        return out
    c0 = max(0, int(min(xa, xb) - reach))
    c1 = min(w, int(max(xa, xb) + reach) + 1)
    cy = np.arange(r0, r1) + 0.5
    xexp = xa + (cy - ya) * slope
    lo = np.maximum(c0, (xexp - reach).astype(np.int64))
    hi = np.minimum(c1, (xexp + reach).astype(np.int64) + 1)
    hi = np.where(hi - lo < 2, lo, hi)  # too narrow a window: nothing read on that row
    # the image's row runs, once an image and colour (a critic's candidates put the window
    # elsewhere): a run is cut to the row's window, its sums read inside it
    centre, mass = _nearest_runs(_line_runs(img, colour, bg, True), r0, lo, hi, xexp)
    mass = _unoccluded(img, colour, others, bg, (r0, r1, c0, c1), centre - c0, mass, True)
    ok = ~np.isnan(centre)
    return list(zip(centre[ok].tolist(), cy[ok].tolist(), mass[ok].tolist()))


def others_mark(img: Float, colour: RGB, others: tuple[RGB, ...], bg: RGB,
                window: tuple[int, int, int, int]) -> NDArray[np.bool_]:
    """Where in the window r0:r1, c0:c1 a mark of one of the ``others`` colours lies: a pixel
    more of another colour than of ``colour`` (a paler colour is part of a darker one over the
    background, not the other way round), unless it lies on the mixes of ``colour`` and ``bg``
    clearly nearer than on the other's: the anti-aliased rim of a line of ``colour`` when the
    other is nearly a tint of it (two blues of one palette), not the other's mark."""
    r0, r1, c0, c1 = window

    def whole() -> NDArray[np.bool_]:  # over the whole image, once an image (a critic's candidates share it)
        own = cover(img, colour, bg, STROKE_BEYOND)
        out = np.zeros(img.shape[:2], bool)
        for o in others:
            other = cover(img, o, bg, STROKE_BEYOND)
            at = np.nonzero((other > 0.5) & (other > own))  # a few pixels: their offsets alone
            px = np.asarray(img, np.float64)[at]
            out[at] |= ~(mix_offset(px, colour, bg) + OWN_RIM_MARGIN < mix_offset(px, o, bg))
        return out

    key = ("others", tuple(colour), tuple(tuple(o) for o in others), tuple(bg))
    return memo(img, key, whole)[r0:r1, c0:c1]


def mix_offset(pixels: Float, fg: RGB, bg: RGB) -> Float:
    """Each of the Nx3 ``pixels``' RGB distance from the line through ``bg`` and ``fg`` (the mixes
    of the two an anti-aliased edge gives, and their run on past ``fg``).

    >>> mix_offset(np.array([[0.5, 0.5, 1.0], [1.0, 0.5, 0.5]]), (0.0, 0.0, 1.0), (1.0, 1.0, 1.0)).round(3).tolist()
    [0.0, 0.612]
    """
    d = np.asarray(fg, np.float64) - np.asarray(bg, np.float64)
    rel = np.asarray(pixels, np.float64).reshape(-1, 3) - np.asarray(bg, np.float64)
    norm2 = float(d @ d)
    along2 = (rel @ d) ** 2 / norm2 if norm2 > 1e-12 else 0.0
    return np.asarray(np.sqrt(np.maximum(0.0, (rel * rel).sum(axis=1) - along2)), np.float64)


def _unoccluded(img: Float, colour: RGB, others: tuple[RGB, ...], bg: RGB, window: tuple[int, int, int, int],
                centre: Float, mass: Float, rows: bool) -> Float:
    """``mass`` of the run at ``centre`` (per column of the window r0:r1, c0:c1, a local row; or
    per row, a local column, when ``rows``), 0 where another series' mark lies within
    OCCLUDED_PX of it."""
    if not others or not len(centre):
        return mass
    other = others_mark(img, colour, others, bg, window)
    if rows:
        other = other.T
    ok = ~np.isnan(centre)
    at = np.clip(np.where(ok, centre, 0).astype(np.int64), 0, other.shape[0] - 1)
    hit = near_any(other, at, OCCLUDED_PX)
    return np.where(ok & hit, 0.0, mass)


def near_any(mask: NDArray[np.bool_], at: NDArray[np.int64], reach: int) -> NDArray[np.bool_]:
    """Per column j of ``mask``: whether a cell within ``reach`` rows of row ``at[j]`` is set.
    The cells a maximum filter of 2 reach + 1 rows down the whole window would give at those
    rows (``ndimage.maximum_filter1d``, zero outside), read at the 2 reach + 1 cells each
    column needs and not worked out over the whole window."""
    n = mask.shape[0]
    if n == 0:
        return np.zeros(len(at), bool)
    idx = at[:, None] + np.arange(-reach, reach + 1)
    inside = (idx >= 0) & (idx < n)
    cells = mask[np.clip(idx, 0, n - 1), np.arange(len(at))[:, None]]
    return np.asarray((cells & inside).any(axis=1), bool)


PADDED_CELLS = 64  # a line with this many cells of cover or fewer is summed in a padded block
DENSE_SHARE = 0.25  # runs over cover this dense (a share of the cells: filled marks) keep whole prefix sums


@dataclass(frozen=True, slots=True)
class Runs:
    """The runs of a colour's cover (cells over 0.25) along each line of an image (its columns,
    or its rows), with what gives any stretch of a line's cover, its first moment and its strong
    cells (0.6 and over) by a look-up at each end: worked out once an image and colour (``memo``),
    then read in any window at the cost of the runs there.

    Only the cells of nonzero cover are kept (a few in a hundred of an image's), each with its
    line's cover summed up to and with it, in the order of the line: the same additions, in the
    same order, as a prefix sum over the whole line (a cell of no cover adds nothing), so a sum
    read here is the very float the prefix sum gives. Where the cover is dense (over DENSE_SHARE of
    the cells: bars or areas read as a line) the prefix sums over whole lines are kept instead
    (``cw``, ``cwi``: lines x (length + 1); ``strong``: the strong cells' counts, the same shape)."""

    line: NDArray[np.intp]  # each run's line, the runs in order of line and start
    start: NDArray[np.intp]
    end: NDArray[np.intp]  # (exclusive)
    length: int  # cells along a line
    at: NDArray[np.intp]  # the cells of nonzero cover, as line * length + cell, in order
    first: NDArray[np.intp]  # per line (and one past the last), the index in ``at`` of its first cell
    cw: Float  # per cell of ``at``: its line's cover summed up to and with it
    cwi: Float  # the same of cover * (cell + 0.5)
    strong: NDArray[np.intp]  # the strong cells, as line * length + cell, in order

    def sums(self, ln: NDArray[np.intp], p: NDArray[np.intp]) -> tuple[Float, Float]:
        """Per line ``ln``: its cover over the cells before ``p`` and their first moment (0 before
        its first cell of cover)."""
        if self.cw.ndim == 2:
            return self.cw[ln, p], self.cwi[ln, p]
        k = np.searchsorted(self.at, ln * self.length + p)
        some = k > self.first[ln]
        if not len(self.at):
            return np.zeros(len(ln)), np.zeros(len(ln))
        j = np.where(some, k - 1, 0)
        return np.where(some, self.cw[j], 0.0), np.where(some, self.cwi[j], 0.0)

    def strong_in(self, ln: NDArray[np.intp], s: NDArray[np.intp], e: NDArray[np.intp]) -> NDArray[np.intp]:
        """Per line ``ln``: how many strong cells lie in s:e."""
        if self.strong.ndim == 2:
            return np.asarray(self.strong[ln, e] - self.strong[ln, s], np.intp)
        base = ln * self.length
        return np.asarray(np.searchsorted(self.strong, base + e) - np.searchsorted(self.strong, base + s), np.intp)


def runs_of(alpha: Float) -> Runs:
    """``Runs`` along the rows of ``alpha`` (lines x length)."""
    n, length = alpha.shape
    flat = np.ravel(alpha)  # (a copy in row order when alpha is a view across rows)
    at = np.flatnonzero(flat)
    if len(at) > DENSE_SHARE * flat.size:
        return _dense_runs(alpha)
    v = flat[at]
    ln_of, pos = np.divmod(at, length)
    first = np.searchsorted(ln_of, np.arange(n + 1)).astype(np.intp)
    on = at[v > 0.25]  # the runs: covered cells one after another on one line
    brk = np.flatnonzero((np.diff(on) != 1) | (on[1:] % length == 0)) if len(on) else np.zeros(0, np.intp)
    heads = on[np.concatenate([[0], brk + 1])] if len(on) else on
    tails = on[np.concatenate([brk, [len(on) - 1]])] if len(on) else on
    line, start = np.divmod(heads, length)
    end = tails - line * length + 1
    cw, cwi = _line_sums(alpha, v, v * (pos + 0.5), ln_of, pos, first)
    return Runs(line, start, end, length, at, first, cw, cwi, at[v >= 0.6])


def _dense_runs(alpha: Float) -> Runs:
    """``Runs`` with prefix sums over every cell of each line (dense cover)."""
    n, length = alpha.shape
    alpha = np.ascontiguousarray(alpha)  # numpy's cumsum and nonzero are fastest along the last axis
    on = np.zeros((n, length + 2), np.int8)
    on[:, 1:-1] = alpha > 0.25
    d = np.diff(on, axis=1).ravel()  # per line: +1 where a run starts, -1 where it ends
    at = np.flatnonzero(d)  # (one pass: the starts and ends alternate along each line)
    up = at[d[at] == 1]
    line, start = np.divmod(up, length + 1)
    end = at[d[at] == -1] % (length + 1)
    cw, cwi = np.zeros((n, length + 1)), np.zeros((n, length + 1))
    strong = np.zeros((n, length + 1), np.intp)
    np.cumsum(alpha, axis=1, out=cw[:, 1:])
    np.cumsum(alpha * (np.arange(length) + 0.5), axis=1, out=cwi[:, 1:])
    np.cumsum(alpha >= 0.6, axis=1, out=strong[:, 1:])
    none = np.zeros(0, np.intp)
    return Runs(line, start, end, length, none, none, cw, cwi, strong)


def _line_sums(alpha: Float, v: Float, vi: Float, ln_of: NDArray[np.intp], pos: NDArray[np.intp],
               first: NDArray[np.intp]) -> tuple[Float, Float]:
    """Per cell of nonzero cover (``v``, ``vi``: its cover and first moment; ``ln_of``, ``pos``: its
    line and cell): its line's sums up to and with it, added cell after cell along the line as a
    prefix sum does. Lines of few such cells are summed in a block padded to PADDED_CELLS (their
    cells side by side), the others over their whole length."""
    n, length = alpha.shape
    count = np.diff(first)
    cw, cwi = np.empty(len(v)), np.empty(len(v))
    few = count <= PADDED_CELLS
    small = few[ln_of]
    if small.any():
        row = np.cumsum(few) - 1  # the block's row of each line of few cells
        rank = np.arange(len(v)) - first[ln_of]
        r, c = row[ln_of[small]], rank[small]
        block = np.zeros((2, int(few.sum()), int(c.max()) + 1))
        block[0, r, c], block[1, r, c] = v[small], vi[small]
        np.cumsum(block, axis=2, out=block)
        cw[small], cwi[small] = block[0, r, c], block[1, r, c]
    if not small.all():
        many = np.flatnonzero(~few)
        row = np.zeros(n, np.intp)
        row[many] = np.arange(len(many))
        dense = alpha[many]
        r, c = row[ln_of[~small]], pos[~small]
        cw[~small] = np.cumsum(dense, axis=1)[r, c]
        cwi[~small] = np.cumsum(dense * (np.arange(length) + 0.5), axis=1)[r, c]
    return cw, cwi


def _line_runs(img: Float, colour: RGB, bg: RGB, rows: bool) -> Runs:
    """``Runs`` of the colour's cover (a line's: ``line_cover``, no grey edge of text) down the
    image's columns, or along its rows (``rows``), once an image."""
    def make() -> Runs:
        cov = line_cover(img, colour, bg)
        return runs_of(cov if rows else cov.T)

    return memo(img, ("runs", tuple(colour), tuple(bg), rows), make)


def _nearest_runs(runs: Runs, first: int, lo: np.ndarray, hi: np.ndarray, expect: Float) -> tuple[Float, Float]:
    """The run of covered cells (cover over 0.25, some of it 0.6) nearest ``expect`` along each
    of the lines ``first``, ``first + 1``, ... (one a value of ``lo``), each line read between
    ``lo`` and ``hi`` (exclusive) only: the centroid and mass of the run nearest ``expect``,
    NaN where the line has none there. A run the window cuts is read up to the cut; a run's
    mass takes in a cell of partial cover on either side of it (inside the window)."""
    n = len(lo)
    out_c, out_m = np.full(n, np.nan), np.full(n, np.nan)
    i0, i1 = np.searchsorted(runs.line, [first, first + n])
    ln, s, e = runs.line[i0:i1], runs.start[i0:i1], runs.end[i0:i1]
    k = ln - first
    low, high = lo[k], hi[k]
    s, e = np.maximum(s, low), np.minimum(e, high)
    ok = e > s
    ln, k, s, e, low, high = ln[ok], k[ok], s[ok], e[ok], low[ok], high[ok]
    keep = runs.strong_in(ln, s, e) > 0  # faint: a gridline or another mark's edge, not the line
    a0, a1 = np.maximum(s - 1, low), np.minimum(e + 1, high)
    (w0, m0), (w1, m1) = runs.sums(ln, a0), runs.sums(ln, a1)
    mass = w1 - w0
    keep &= mass > 0
    k, s, mass = k[keep], s[keep], mass[keep]
    centre = (m1[keep] - m0[keep]) / mass
    if len(k):
        order = np.lexsort((s, np.abs(centre - expect[k]), k))
        k, centre, mass = k[order], centre[order], mass[order]
        top = np.concatenate([[True], k[1:] != k[:-1]])
        out_c[k[top]], out_m[k[top]] = centre[top], mass[top]
    return out_c, out_m


def _fit_polyline(xs: list[float], ys0: list[float], samples: list[tuple[float, float, float]]) -> list[float]:
    """Vertex y values of the polyline closest (robustly) to the samples."""
    n = len(xs)
    rows = np.zeros((len(samples), n))
    obs = np.array([s[1] for s in samples])
    if n == 1:
        rows[:, 0] = 1.0
    else:
        sx = np.array([s[0] for s in samples], np.float64)
        ax = np.asarray(xs, np.float64)
        k = np.clip(np.searchsorted(ax, sx) - 1, 0, n - 2)
        t = (sx - ax[k]) / (ax[k + 1] - ax[k])
        at = np.arange(len(samples))
        rows[at, k], rows[at, k + 1] = 1 - t, t
    # vertices with no samples beside them stay near the proposal
    prior = 1e-3
    design = np.vstack([rows, prior * np.eye(n)])
    target = np.concatenate([obs, prior * np.asarray(ys0)])
    return [float(v) for v in _soft_l1(design, target, np.asarray(ys0, np.float64))]


def _soft_l1(design: Float, target: Float, y0: Float) -> Float:
    """The y minimising the sum of 2 (sqrt(1 + r^2) - 1) over the residuals r = design y - target
    (scipy's least_squares with loss="soft_l1", f_scale 1), by iteratively reweighted least
    squares: the loss is convex, so the weights 1 / sqrt(1 + r^2) settle on its one minimum, and
    each step solves a problem the size of the vertices, not of the samples."""
    y = y0
    for _ in range(IRLS_STEPS):
        r = design @ y - target
        w = 1.0 / np.sqrt(1.0 + r * r)
        wd = design * w[:, None]
        try:  # the normal equations: a vertices-by-vertices system
            nxt = np.asarray(np.linalg.solve(design.T @ wd, wd.T @ target), np.float64)
        except np.linalg.LinAlgError:
            sw = np.sqrt(w)
            nxt = np.asarray(np.linalg.lstsq(design * sw[:, None], target * sw, rcond=None)[0], np.float64)
        if float(np.max(np.abs(nxt - y))) < IRLS_DONE_PX:
            return nxt
        y = nxt
    return y


# -- scatter ----------------------------------------------------------------------------------


def measure_points(img: Float, frame: Frame, xs: list[float], ys: list[float], colour: RGB, bg: RGB,
                   max_px: float, grid: NDArray[np.bool_] | None = None) -> tuple[Values, Values]:
    """Scatter points: colour blobs near the proposed points, split when several points merge.
    Read a little past the plot box: a point on its edge is drawn whole (Vega-Lite clips no mark),
    and half a point pulls its centre inwards. ``grid``: the image's pixels of a gridline's colour, left out."""
    h, w = img.shape[:2]
    bx0, by0, bx1, by1 = (int(round(v)) for v in frame.box)
    # and around every proposed point too (a box not found in the image is the program's guess)
    at = np.array([[frame.other.to_px(x), frame.value.to_px(y)] for x, y in zip(xs, ys)]).reshape(-1, 2)
    reach = 2 * POINT_PAST_BOX_PX
    if len(at) and np.isfinite(at).all():
        bx0, bx1 = min(bx0, int(at[:, 0].min()) - reach), max(bx1, int(at[:, 0].max()) + reach)
        by0, by1 = min(by0, int(at[:, 1].min()) - reach), max(by1, int(at[:, 1].max()) + reach)
    x0, y0 = max(0, bx0 - POINT_PAST_BOX_PX), max(0, by0 - POINT_PAST_BOX_PX)
    x1, y1 = min(w, bx1 + POINT_PAST_BOX_PX), min(h, by1 + POINT_PAST_BOX_PX)

    def blobs() -> tuple[Float, NDArray[np.int32], int, Float, Float, list[tuple[slice, slice] | None]]:
        alpha = cover(img, colour, bg, POINT_BEYOND)[y0:y1, x0:x1]
        if grid is not None:
            # a gridline's grey can pass for a pale point colour half-covering the background:
            # pixels of exactly a gridline's colour are no point's (they would join the points up)
            alpha = np.where(grid[y0:y1, x0:x1], 0.0, alpha)
        labels, n = point_blobs(alpha)
        ids = np.arange(1, n + 1)
        if n == 0:
            return alpha, labels, n, np.zeros(0), np.zeros((0, 2)), []
        areas = np.asarray(ndimage.sum_labels(alpha, labels, ids), np.float64)
        return (alpha, labels, n, areas, np.array(ndimage.center_of_mass(alpha, labels, ids))[:, ::-1] + 0.5,
                ndimage.find_objects(labels))

    # the blobs in the window, once an image (a critic's candidates mostly share the window; the
    # grid mask is the box's)
    key = ("blobs", tuple(colour), tuple(bg), x0, y0, x1, y1, None if grid is None else tuple(frame.box))
    alpha, labels, n, areas, cents, where = memo(img, key, blobs)
    if n == 0:
        return [None] * len(xs), [None] * len(ys)
    px = np.array([[frame.other.to_px(x) - x0, frame.value.to_px(y) - y0] for x, y in zip(xs, ys)])
    ids = np.arange(1, n + 1)
    single = float(np.median(areas))
    slots: list[int] = []
    for k, area in zip(ids, areas):
        slots += [int(k)] * max(1, int(round(area / max(single, 1e-9))))
    # (x, y) per blob; Agg draws a marker at x around the pixel centre round(x) + 0.5, a
    # renderer that does not snap (Vega-Lite) around x itself
    snap = LINE_SNAP_PX if _snapped(cents, areas, single) else 0.0
    cents = cents - snap
    cost = np.linalg.norm(px[:, None, :] - cents[np.array(slots) - 1][None, :, :], axis=2)
    # a reader's error grows with the number read: a point far from the axes' zero may be
    # further from where the program puts it, so each axis's distance is taken relative to that
    zero = np.array([frame.other.to_px(0.0) - x0, frame.value.to_px(0.0) - y0])
    spread = POINT_SLACK_PX + READ_ERROR * np.abs(px - zero)  # n x 2
    scaled = np.linalg.norm((px[:, None, :] - cents[np.array(slots) - 1][None, :, :]) / spread[:, None, :], axis=2)
    rows, cols = linear_sum_assignment(scaled)
    found = np.full((len(xs), 2), np.nan)
    for blob in set(slots[c] for c in cols):
        mine = [int(r) for r, c in zip(rows, cols) if slots[c] == blob and cost[r, c] <= max_px]
        sl = where[blob - 1]
        if mine and sl is not None:  # (worked in the blob's own box: its pixels, not the window's)
            at = np.array([sl[1].start, sl[0].start], np.float64)
            found[mine] = _split_blob(alpha[sl], labels[sl] == blob, px[mine] + snap - at, spread[mine]) + at - snap
    # points left over lie exactly on another point (a blob no bigger than one marker)
    holder = {int(r): slots[c] for r, c in zip(rows, cols) if cost[r, c] <= max_px}
    for r in np.flatnonzero(np.isnan(found[:, 0])):
        d = np.linalg.norm(cents - px[r], axis=1)
        if d.min() <= max_px:
            found[r] = cents[int(d.argmin())]
            holder[int(r)] = int(d.argmin()) + 1
    # two markers drawn overlapping into a blob of one marker's area or a little more (one slot):
    # its length along the line between them is one marker's plus their distance (parting its
    # pixels, as where they overlap less, would pull each centre well away from the other)
    for blob in set(holder.values()):
        pair = [q for q, b in holder.items() if b == blob]
        if len(pair) == 2 and slots.count(blob) == 1:
            got = _overlapping_pair(alpha, labels, blob, px[pair] + snap, areas, single, cents + snap, spread[pair])
            if got is not None:
                found[pair] = got - snap
    out_x: Values = [None if math.isnan(p[0]) else frame.other.to_value(p[0] + x0) for p in found]
    out_y: Values = [None if math.isnan(p[1]) else frame.value.to_value(p[1] + y0) for p in found]
    return out_x, out_y


def _length_along(alpha: Float, centre: Float, u: Float, reach: float) -> float:
    """The cover summed along the line through ``centre`` (x, y; pixel centres at .5) in
    direction ``u``, reach pixels either way: a mark's length along it, to a fraction of a pixel."""
    t = np.arange(-reach, reach + 1e-9, 0.25)
    xy = centre[None, :] + t[:, None] * u[None, :]
    got = ndimage.map_coordinates(alpha, [xy[:, 1] - 0.5, xy[:, 0] - 0.5], order=1, mode="constant", cval=0.0)
    return float(got.sum() * 0.25)


def _overlapping_pair(alpha: Float, labels: NDArray[np.int32], blob: int, starts: Float, areas: Float,
                      single: float, cents: Float, spread: Float) -> Float | None:
    """The centres of two markers of one size drawn overlapping into blob ``blob``, the program
    putting them at ``starts`` (window coordinates): about the blob's centre, along its long axis
    (the line between their centres; the line between the starts when the blob is about round),
    as far apart as the blob is longer there than one marker (the median of the blobs of one
    marker's area, measured alike); each taken by the start it suits (_matched; ``spread``: how
    far, x and y, each start may be off). None when the starts are one point, or no lone marker
    shows."""
    d = starts[1] - starts[0]
    gap = float(np.linalg.norm(d))
    if gap <= SAME_POINT_PX:
        return None
    mine = np.where(labels == blob, alpha, 0.0)
    rr, cc = np.nonzero(mine)
    u = _long_axis(np.stack([cc + 0.5, rr + 0.5], axis=1), mine[rr, cc], cents[blob - 1])
    u = d / gap if u is None else u
    one = [k for k in np.flatnonzero(np.abs(areas - single) <= SNAP_AREA * single) if k != blob - 1][:9]
    if not one:
        return None
    reach = 4.0 * math.sqrt(single) + gap
    length = _length_along(mine, cents[blob - 1], u, reach)
    lone = float(np.median([_length_along(np.where(labels == k + 1, alpha, 0.0), cents[k], u, reach) for k in one]))
    apart = max(0.0, length - lone)
    return _matched(np.array([cents[blob - 1] - u * apart / 2, cents[blob - 1] + u * apart / 2]), starts, spread)


def _matched(pair: Float, starts: Float, spread: Float) -> Float:
    """Two centres in the order of the two starts they lie nearer, each distance in units of how
    far (x, y) that start may be off: the program's error grows with the number it states.

    >>> _matched(np.array([[0.0, 10.0], [0.0, 0.0]]), np.array([[-5.0, 1.0], [5.0, 9.0]]), np.full((2, 2), [10.0, 2.0]))
    array([[ 0.,  0.],
           [ 0., 10.]])
    """
    def cost(order: Float) -> float:
        return float((((order - starts) / spread) ** 2).sum())
    return np.asarray(pair if cost(pair) <= cost(pair[::-1]) else pair[::-1], np.float64)


def _halves(pts: Float, wts: Float, starts: Float, spread: Float) -> Float:
    """Where k-means starts parting a blob of two markers: the two halves of its cover across
    its long axis (two markers lie along it), each taken by the start it is nearer in units of
    how far that start may be off (``spread``, x and y: the program's error grows with the
    number); the starts themselves when the blob is about round. Started at the program's
    points, k-means can part two markers one above the other into a left and a right half when
    the program puts them side by side, and stop there: both read at one height."""
    centre = (pts * wts[:, None]).sum(axis=0) / wts.sum()
    u = _long_axis(pts, wts, centre)
    if u is None:
        return np.asarray(starts, np.float64)
    far = (pts - centre) @ u > 0
    if far.all() or not far.any():
        return np.asarray(starts, np.float64)
    return _matched(np.asarray([(pts[sel] * wts[sel, None]).sum(axis=0) / wts[sel].sum() for sel in (~far, far)]),
                    starts, spread)


def _long_axis(pts: Float, wts: Float, centre: Float) -> Float | None:
    """The direction (x, y) along which a blob's pixels ``pts`` (x, y), weighed by their cover
    ``wts``, spread most about ``centre``, when they spread at least ELONGATED times as much
    (variance) that way as across; else None (about round).

    >>> _long_axis(np.array([[4.5, y + 0.5] for y in range(2, 7)]), np.ones(5), np.array([4.5, 4.5])).round(3).tolist()
    [0.0, 1.0]
    """
    if len(pts) < 3:
        return None
    rel = pts - centre
    cov = (rel * wts[:, None]).T @ rel / wts.sum()
    vals, vecs = np.linalg.eigh(cov)
    if vals[1] < ELONGATED * max(vals[0], 1e-9):
        return None
    u = vecs[:, 1]
    return np.asarray(u if u[np.argmax(np.abs(u))] > 0 else -u, np.float64)


def _snapped(cents: Float, areas: Float, single: float) -> bool:
    """Whether the renderer snapped its markers to pixel centres (Agg): the centres of most
    single-marker blobs lie on a pixel's centre (x.5) in both axes; a renderer that does not
    snap leaves them anywhere."""
    one = np.abs(areas - single) <= SNAP_AREA * single
    if one.sum() < 2:
        return True
    frac = np.abs(np.mod(cents[one], 1.0) - 0.5)
    return float(np.mean((frac <= SNAP_PX).all(axis=1))) >= SNAP_SHARE


def point_blobs(alpha: Float) -> tuple[NDArray[np.int32], int]:
    """The points' pixels (cover over one half) labelled by point: pixels that a gridline or an
    axis drawn over a point parts (a one-pixel gap between them, across or down) are one
    point's; two points two pixels apart are two."""
    mask = alpha > 0.5
    gaps = ndimage.binary_closing(mask, np.ones((3, 1), bool)) | ndimage.binary_closing(mask, np.ones((1, 3), bool))
    labels, n = ndimage.label(mask | gaps)
    return np.asarray(np.where(mask, labels, 0), np.int32), int(n)


def _split_blob(alpha: Float, mask: np.ndarray, starts: np.ndarray, spread: Float | None = None) -> np.ndarray:
    """Centres of the points sharing one blob: k-means on its pixels, started at the proposals
    (two: at the blob's halves, see _halves; ``spread``: how far (x, y) each proposal may be off)."""
    rr, cc = np.nonzero(mask)
    pts = np.stack([cc + 0.5, rr + 0.5], axis=1)
    wts = alpha[rr, cc]
    starts = starts.astype(np.float64)
    # proposals at one place (the same point twice) are one centre: k-means cannot part a
    # blob between two equal starts, and would halve one marker
    group = np.arange(len(starts))
    for i in range(len(starts)):
        for j in range(i):
            if group[j] == j and float(np.linalg.norm(starts[i] - starts[j])) <= SAME_POINT_PX:
                group[i] = j
                break
    if (group != np.arange(len(starts))).any():
        keys = sorted(set(group.tolist()))
        got = _split_blob(alpha, mask, starts[keys], None if spread is None else spread[keys])
        return np.asarray(got[[keys.index(int(g)) for g in group]], np.float64)
    centres = starts.copy()
    if len(centres) == 1:
        return np.array([[float((pts[:, 0] * wts).sum() / wts.sum()), float((pts[:, 1] * wts).sum() / wts.sum())]])
    if len(centres) == 2:
        centres = _halves(pts, wts, starts, np.ones_like(starts) if spread is None else spread)
    near = np.zeros(len(pts), np.intp)
    for _ in range(20):
        near = np.argmin(np.linalg.norm(pts[:, None, :] - centres[None, :, :], axis=2), axis=1)
        for k in range(len(centres)):
            sel = near == k
            if sel.any():
                centres[k] = (pts[sel] * wts[sel, None]).sum(axis=0) / wts[sel].sum()
    # a start that no pixel of the blob is nearest is not this blob's point: it stayed where the
    # program put it, which would read as a perfect match (NaN: the caller finds it elsewhere)
    centres[np.setdiff1d(np.arange(len(centres)), near)] = np.nan
    return np.asarray(centres, np.float64)


# -- pies -------------------------------------------------------------------------------------


Pie = tuple[Values, float | None, tuple[float, float] | None, float]


def measure_pie(img: Float, fills: list[RGB], bg: RGB, hole: float) -> Pie:
    """Wedge sizes (angles in degrees, in series order), the first wedge's start angle, the
    centre (x, y) and the radius in pixels.

    The pie is the region of the wedge colours; its centre and radius come from that region,
    then the colours met on rings between the hole and the rim give each wedge's boundaries.
    """
    ring = _ring_owner(img, fills, bg, hole)
    if ring is None:
        return [None] * len(fills), None, None, 0.0
    owner, angles, centre, radius = ring
    spans, start = _wedge_spans(owner, angles, len(fills))
    return spans, start, centre, radius


def measure_pie_unordered(img: Float, fills: list[RGB], bg: RGB, hole: float, values: list[float],
                          start: float | None = None) -> Pie:
    """As ``measure_pie`` when the wedge colours were read from the image, so which colour is
    which wedge is not known: the wedges met around the pie, in either direction (a renderer
    runs them counter-clockwise or clockwise), are given to the program's values in order.
    The first wedge starts at ``start`` (degrees) when the program says so, else at a quarter
    turn (where renderers start a pie) when one does; of those, the order the values fit best."""
    n = len(values)
    ring = _ring_owner(img, fills, bg, hole)
    total = sum(values)
    if ring is None or n < 2 or total <= 0:
        return [None] * n, None, None, 0.0
    owner, angles, centre, radius = ring
    keep = owner >= 0
    ang, own = angles[keep], owner[keep]
    runs = [r for r in _runs(own) if r[2] - r[1] >= MIN_WEDGE_DEG / ANGLE_STEP] if len(own) else []
    merged = _without_mixes(_joined(runs), fills, n, len(own))
    if len(merged) > 1 and merged[0][0] == merged[-1][0]:
        last = merged.pop()
        merged[0] = (last[0], last[1], merged[0][2] + len(own))
    if len(merged) != n or len({r[0] for r in merged}) != n:
        return [None] * n, None, centre, radius
    # boundary k: where run k-1 gives way to run k (counter-clockwise, angles growing)
    bounds = []
    for k in range(n):
        a, b = float(ang[(merged[k - 1][2] - 1) % len(ang)]), float(ang[merged[k][1] % len(ang)])
        bounds.append(((a + (b if b >= a else b + 360.0)) / 2) % 360.0)
    ccw = [(bounds[(k + 1) % n] - bounds[k]) % 360.0 for k in range(n)]
    want = [360.0 * v / total for v in values]
    options: list[tuple[float, Values, float]] = []
    for turn in (1, -1):
        for rot in range(n):
            spans: Values = [ccw[(rot + turn * k) % n] for k in range(n)]
            first = bounds[rot] if turn == 1 else bounds[(rot + 1) % n]  # clockwise: wedge 0 starts at its run's end
            err = sum(abs(float(sv) - w) for sv, w in zip(spans, want) if sv is not None)
            options.append((first, spans, err))

    def off(a: float, b: float) -> float:
        return abs((a - b + 180.0) % 360.0 - 180.0)

    if start is not None:
        near = [o for o in options if off(o[0], start) <= START_SLACK_DEG]
    else:
        near = [o for o in options if min(off(o[0], q) for q in (0.0, 90.0, 180.0, 270.0)) <= START_SLACK_DEG]
    first, spans, _ = min(near or options, key=lambda o: o[2])
    return spans, first, centre, radius


def _ring_owner(img: Float, fills: list[RGB], bg: RGB, hole: float
                ) -> tuple[np.ndarray, np.ndarray, tuple[float, float], float] | None:
    """The fill met at each angle around the pie (-1: none), the angles, the centre and radius
    (worked out once an image, fills and hole: a critic's candidates share them)."""
    key = ("ring", tuple(tuple(float(v) for v in f) for f in fills), tuple(float(v) for v in bg), float(hole))
    return memo(img, key, lambda: _ring_owner_of(img, fills, bg, hole))


def _ring_owner_of(img: Float, fills: list[RGB], bg: RGB, hole: float
                   ) -> tuple[np.ndarray, np.ndarray, tuple[float, float], float] | None:
    mask = _label_colours(img, fills, bg)
    if mask.sum() < 50:
        return None
    # the pie's extent: the wedges without small blobs of their colours (legend swatches); worked
    # in the box round the colours, a pixel wider (outside it is all background, joined to the
    # image's edge: the same holes are filled)
    rs, cs = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    r0, c0 = max(0, int(rs[0]) - 1), max(0, int(cs[0]) - 1)
    sub = mask[r0:int(rs[-1]) + 2, c0:int(cs[-1]) + 2]
    labels, k = ndimage.label(sub)
    sizes = ndimage.sum_labels(sub, labels, np.arange(1, k + 1))
    big = np.isin(labels, 1 + np.flatnonzero(sizes >= PIE_PART * sizes.sum()))
    disc = np.zeros(mask.shape, bool)
    disc[r0:r0 + sub.shape[0], c0:c0 + sub.shape[1]] = ndimage.binary_fill_holes(big)  # text on the wedges, a hole
    if disc.sum() < 50:
        return None  # specks of the colours only: no pie of them
    rr, cc = np.nonzero(disc)
    cy, cx = rr.mean() + 0.5, cc.mean() + 0.5
    radius = math.sqrt(len(rr) / math.pi)
    angles = np.arange(0.0, 360.0, ANGLE_STEP)
    votes = np.zeros((len(fills), len(angles)))
    for frac in np.linspace(max(hole, 0.0) + 0.12, 0.92, 8):
        if abs(frac - 0.6) < 0.06:  # matplotlib prints percentages at 0.6 radii
            continue
        # bilinear samples: an anti-aliased boundary turns where its pixels are half and half
        rows = cy - frac * radius * np.sin(np.radians(angles)) - 0.5
        cols = cx + frac * radius * np.cos(np.radians(angles)) - 0.5
        rgb = _bilinear(img, rows, cols)
        lab = _nearest_fill(rgb, fills)
        for k in range(len(fills)):
            votes[k] += lab == k
    owner = np.where(votes.max(axis=0) > 0, votes.argmax(axis=0), -1)
    return owner, angles, (float(cx), float(cy)), radius


def _bilinear(img: Float, rows: Float, cols: Float) -> Float:
    """The image's colour at (rows, cols) (pixel centres at whole numbers), interpolated between
    the four pixels around each point, the edge pixels repeated past the image (scipy's
    map_coordinates with order 1, mode "nearest", for the three channels at once)."""
    h, w = img.shape[:2]
    r0, c0 = np.floor(rows), np.floor(cols)
    fr, fc = (rows - r0)[:, None], (cols - c0)[:, None]
    ra, ca = np.clip(r0.astype(np.intp), 0, h - 1), np.clip(c0.astype(np.intp), 0, w - 1)
    rb, cb = np.clip(r0.astype(np.intp) + 1, 0, h - 1), np.clip(c0.astype(np.intp) + 1, 0, w - 1)
    top = img[ra, ca] * (1 - fc) + img[ra, cb] * fc
    bottom = img[rb, ca] * (1 - fc) + img[rb, cb] * fc
    return np.asarray(top * (1 - fr) + bottom * fr, np.float64)


def _nearest_fill(rgb: Float, fills: list[RGB]) -> np.ndarray:
    """Index of the nearest fill colour per sample, -1 where none is near."""
    dist = np.stack([dist2(rgb, f) for f in fills], axis=-1)  # squared: the same nearest, no roots
    return np.where(dist.min(axis=-1) < 0.12 ** 2, dist.argmin(axis=-1), -1)


def _label_colours(img: Float, fills: list[RGB], bg: RGB) -> NDArray[np.bool_]:
    """Where a wedge colour is: pixels within 0.12 of a fill and not of the background."""
    # squared distances (no square roots over the image), the fills' only where the background
    # is not
    if not fills:
        raise ValueError("no wedge colours")
    # the pixels off the background and each fill's distances over them, kept once an image and
    # background (``memo``): candidates naming other wedges (one dropped) share the fills they share
    base, px, by_fill = memo(img, ("off background", tuple(float(v) for v in bg)), lambda: _off_background(img, bg))

    def to(f: RGB) -> Float:
        key = tuple(float(v) for v in f)
        if key not in by_fill:
            by_fill[key] = _dist2(px, f)
        return by_fill[key]

    best = to(fills[0])
    for f in fills[1:]:
        best = np.minimum(best, to(f))
    mask = np.array(base, bool)  # (a copy: the kept one stays)
    mask[mask] = best < 0.12 ** 2
    return mask


def _off_background(img: Float, bg: RGB) -> tuple[NDArray[np.bool_], Float, dict[tuple[float, ...], Float]]:
    mask = _dist2(img, bg) > 0.05 ** 2
    return mask, img[mask], {}


def _dist2(img: Float, colour: RGB) -> Float:
    """Squared RGB distance of every pixel from ``colour``."""
    return dist2(img, colour)


def _wedge_spans(owner: np.ndarray, angles: np.ndarray, n: int) -> tuple[Values, float | None]:
    """Wedge spans from the angular ownership: wedge k starts where wedge k-1 gives way to it."""
    keep = owner >= 0
    ang, own = angles[keep], owner[keep]
    if n < 2 or len(own) < 2:
        return [None] * n, None
    runs = _in_order(_runs(own), n)
    if len(runs) != n:
        return [None] * n, None
    starts: list[float] = []
    for k in range(n):
        i = next(j for j, r in enumerate(runs) if r[0] == k)
        a, b = float(ang[(runs[i - 1][2] - 1) % len(ang)]), float(ang[runs[i][1] % len(ang)])
        starts.append(((a + (b if b >= a else b + 360.0)) / 2) % 360.0)
    spans: Values = [(starts[(k + 1) % n] - starts[k]) % 360.0 for k in range(n)]
    if abs(sum(v for v in spans if v is not None) - 360.0) > 1.0:
        return [None] * n, None
    return spans, starts[0]


Run = tuple[int, int, int]  # label, first index, end index (exclusive)


def _runs(own: np.ndarray) -> list[Run]:
    """Runs of equal labels, the last merged into the first when the circle closes on one wedge."""
    change = np.flatnonzero(np.diff(own)) + 1
    bounds = [0, *change.tolist(), len(own)]
    runs = [(int(own[a]), a, b) for a, b in zip(bounds[:-1], bounds[1:])]
    if len(runs) > 1 and runs[0][0] == runs[-1][0]:
        last = runs.pop()
        runs[0] = (last[0], last[1], runs[0][2] + len(own))  # wraps past the end
    return runs


def _without_mixes(runs: list[Run], fills: list[RGB], n: int, full: int) -> list[Run]:
    """More runs than wedges: the shortest boundary run (``_is_boundary``) dropped, its neighbours
    joined, until ``n`` are left or none is such: an anti-aliased boundary between two wedges
    (black and mid grey mix into a dark grey) takes the colour of a third wedge on the ring's
    inner circles, where a pixel spans degrees."""
    runs = list(runs)
    while len(runs) > max(n, 2):
        mixes = [i for i in range(len(runs)) if _is_boundary(runs, i, fills)]
        if not mixes:
            break
        i = min(mixes, key=lambda j: runs[j][2] - runs[j][1])
        del runs[i]
        runs = _joined(runs)
        if len(runs) > 1 and runs[0][0] == runs[-1][0] and runs[-1][2] % full == runs[0][1] % full:
            last = runs.pop()
            runs[0] = (last[0], last[1], runs[0][2] + full)
    return runs


def _is_boundary(runs: list[Run], i: int, fills: list[RGB]) -> bool:
    """Whether run ``i``, short (under MIX_MAX_DEG) between two runs of other colours, is their
    boundary: its colour is a mix of theirs, or its colour has a long run elsewhere (each wedge
    is one arc of the ring: orange and blue mix into a grey a little off their line, 0.056, and
    the grey wedge is elsewhere).

    >>> g, o, b = (0.55, 0.55, 0.55), (0.99, 0.31, 0.19), (0.19, 0.64, 0.85)
    >>> _is_boundary([(1, 0, 900), (0, 900, 905), (2, 905, 1800), (0, 1800, 3600)], 1, [g, o, b])
    True
    >>> _is_boundary([(1, 0, 900), (0, 900, 905), (2, 905, 3600)], 1, [g, o, b])
    False
    """
    k, a, b = runs[i]
    p, q = runs[i - 1][0], runs[(i + 1) % len(runs)][0]
    if (b - a) * ANGLE_STEP > MIX_MAX_DEG or k in (p, q):
        return False
    if _is_mix(fills[k], fills[p], fills[q]):
        return True
    return any(r[0] == k and (r[2] - r[1]) * ANGLE_STEP > MIX_MAX_DEG for j, r in enumerate(runs) if j != i)


def _is_mix(c: RGB, p: RGB, q: RGB) -> bool:
    """Whether colour ``c`` lies between ``p`` and ``q`` (within MIX_RESIDUE), strictly inside."""
    d = np.subtract(q, p)
    norm2 = float(d @ d)
    if norm2 < 1e-9:
        return False
    rel = np.subtract(c, p)
    t = float(rel @ d) / norm2
    return 0.0 < t < 1.0 and float(np.linalg.norm(rel - t * d)) <= MIX_RESIDUE


def _joined(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of one label as one run."""
    merged: list[Run] = []
    for r in runs:
        if merged and merged[-1][0] == r[0]:
            merged[-1] = (r[0], merged[-1][1], r[2])
        else:
            merged.append(r)
    return merged


def _in_order(runs: list[Run], n: int) -> list[Run]:
    """Drop the shortest run out of the counter-clockwise wedge order until all are in order.

    Anti-aliased boundaries (and edge lines) between two wedges can look like a third colour.
    """
    runs = list(runs)
    while len(runs) > 1:
        bad = [i for i, (k, _, _) in enumerate(runs)
               if runs[i - 1][0] != (k - 1) % n or runs[(i + 1) % len(runs)][0] != (k + 1) % n]
        if not bad:
            break
        i = min(bad, key=lambda j: runs[j][2] - runs[j][1])
        del runs[i]
        runs = _joined(runs)
        if len(runs) > 1 and runs[0][0] == runs[-1][0]:
            last = runs.pop()
            runs[0] = (last[0], last[1], runs[0][2])
    return runs
