"""Find a chart's plot box in its image alone: with a frame or without one, in any style.

The plot box is the axes rectangle: the region the data is drawn in, whose edges map to the
axis ranges. Styles mark it differently: a black frame (matplotlib's default, classic), a shaded
background with white gridlines and no frame (ggplot, seaborn darkgrid), light spines (seaborn
whitegrid, bmh, Solarize_Light2), or nothing at all but gridlines and the marks themselves
(fivethirtyeight, where the axes share the figure's colour). Every one of them leaves long
straight structures that stop at the box's edges: frame lines, the background's border,
gridlines (clipped to the box), and the sides of bars (which rise from the box's edge when the
value axis starts at zero, and are clipped to it otherwise). So:

    image ──1 edges──▶ long horizontal and vertical runs of colour change
          ──2 votes──▶ each run votes for where it starts and ends (weighted by its length)
          ──3 peaks──▶ the outermost strong peak on each side: a coarse box (whole pixels)
          ──4 refine─▶ a frame line's centre or a background step, to a fraction of a pixel

Positions are in image pixels, origin top-left; pixel (row r, column c) covers [c, c+1] x
[r, r+1]. Step 4 follows Agg's conventions (matplotlib's renderer, and ours is drawn alike):
a thin frame line at x is snapped to the pixel centre round(x) + 0.5, a fill to the pixel
boundary round(x). Pure numpy/scipy; nothing is executed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Float = NDArray[np.float64]
Box = tuple[float, float, float, float]

EDGE_STEP = 0.05  # RGB distance (0..sqrt 3) between neighbouring pixels that counts as a change
MIN_RUN = 0.12  # a run shorter than this share of the image's smaller side does not vote
PIECE_PX = 3  # shorter runs of change (text) are not pieces of lines
SAME_COLOUR = 0.08  # pieces in one row whose colours on both sides differ less than this are one line
APART_GAP_PX = 3  # a line does not run on across this much ground to pieces of another kind
GAP_GROUND_SHARE = 0.6  # a gap between a label and a line is mostly ground (the rest: more of the label)
DASH_PX = 12  # pieces of a row no longer than this (glyph tops, dashes) are short pieces
SOLID_SHARE = 0.12  # a piece this share of the image's width (height) long is a solid line
PARALLEL_PX = 20  # a frame line or background border is looked for this near where lines stop (a spine may
# run on into a tick label that touches it)
PARALLEL_COVER = 0.6  # and must run along this share of the box's side
PEAK_SHARE = 0.5  # the outermost peak of votes with this share of the strongest is the side
ACROSS_SLACK_PX = 6  # a gridline runs from one side of the box to the other, give or take this
EDGE_CLEAR_PX = 2.5  # lines this close to the box's edges are its frame
CROSS_PX = 3  # a line that goes on this far past another crosses it
REFINE_SEARCH_PX = 2  # how far from the coarse edge the frame line or the step is looked for
# Agg snaps a thin frame line at x to the pixel centre round(x) + 0.5: its centre is half a
# pixel past the edge.
LINE_SNAP_PX = 0.5
# A filled axes background with no visible frame line may have a frame line of the figure's
# colour (ggplot), of its own colour (Solarize_Light2) or none (seaborn darkgrid). Snapped to
# the pixel round(x), such a line hides the fill's first pixel on the left and top edges, or
# adds one past the right and bottom edges. The image cannot tell them apart: taking the
# border half a pixel towards the origin on every side is right to half a pixel in all three.
HIDDEN_FRAME_PX = 0.5
SIDES = ("left", "top", "right", "bottom")


@dataclass(frozen=True, slots=True)
class PlotBox:
    """The plot box (x0, y0, x1, y1) in image pixels, and how each side was found.

    ``how`` per side (left, top, right, bottom): "line" (a frame line's centre), "step" (the
    border of a shaded background), or "extent" (where gridlines and marks stop, to a whole
    pixel). ``votes`` per side: the length in pixels of the runs that agree on it.
    """

    box: Box
    how: tuple[str, str, str, str]
    votes: tuple[float, float, float, float]
    rows: tuple[float, ...] = ()  # centres (y) of horizontal lines across the box: gridlines
    cols: tuple[float, ...] = ()  # centres (x) of vertical lines across the box

    def inner_rows(self) -> tuple[float, ...]:
        """The horizontal lines strictly inside the box (not its frame)."""
        return tuple(r for r in self.rows if self.box[1] + EDGE_CLEAR_PX < r < self.box[3] - EDGE_CLEAR_PX)

    def inner_cols(self) -> tuple[float, ...]:
        return tuple(c for c in self.cols if self.box[0] + EDGE_CLEAR_PX < c < self.box[2] - EDGE_CLEAR_PX)

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


_BYTE = np.arange(256, dtype=np.float64) / 255.0  # byte k's float: k / 255, as astype and the division give it


def as_float(img: NDArray[np.generic]) -> Float:
    """An HxWx3 float image in [0, 1] from HxW, HxWx3 or HxWx4 (uint8, or floats in [0, 1]);
    alpha is composited on white."""
    a = np.asarray(img)
    if a.dtype == np.float64 and a.ndim == 3 and a.shape[-1] == 3:
        return a  # already one
    if a.ndim == 2:
        a = np.stack([a] * 3, axis=-1)
    if a.dtype == np.uint8 and a.ndim == 3 and a.shape[-1] in (3, 4):
        # each byte's float looked up (the same floats as the division, a third of the time); an
        # opaque alpha leaves every pixel as it is (x * 1.0 + 0.0 is x)
        rgb = _BYTE[a[..., :3]]
        if a.shape[-1] == 4 and not bool((a[..., 3] == 255).all()):
            alpha = _BYTE[a[..., 3:4]]
            rgb = rgb * alpha + (1.0 - alpha)
        return rgb
    scale = 255.0 if a.dtype == np.uint8 else 1.0
    rgb = a[..., :3].astype(np.float64) / scale
    if a.shape[-1] == 4:
        alpha = a[..., 3:4].astype(np.float64) / scale
        rgb = rgb * alpha + (1.0 - alpha)
    return rgb


def find_plot_box(image: NDArray[np.generic]) -> PlotBox | None:
    """The plot box of a chart image, or None when the image shows no box (a pie, a blank).

    Where the votes find no box, the gridlines alone may give one (``box_of_lines``); a box
    found goes out to thin lines across it past its sides (``to_outer_lines``). Once the axes'
    tick labels are read (they are looked for around this box), ``to_ticks`` takes it out to
    ticks beyond a side found without a line.

    >>> img = np.full((100, 120, 3), 255, np.uint8)
    >>> img[20:81, 30] = img[20:81, 100] = img[20, 30:101] = img[80, 30:101] = 0  # a frame
    >>> found = find_plot_box(img)
    >>> found.box, found.how
    ((30.0, 20.0, 100.0, 80.0), ('line', 'line', 'line', 'line'))
    """
    img = as_float(image)
    h, w = img.shape[:2]
    if h < 16 or w < 16:
        return None
    found = _voted(img)
    if found is None:
        found = box_of_lines(img)
    if found is None:
        return None
    return to_outer_lines(img, found)


def _voted(img: Float) -> PlotBox | None:
    """Steps 1-4: the box the long runs of change vote for, refined; None when they find none."""
    coarse = _coarse(img)
    if coarse is None:
        return None
    (x0, y0, x1, y1), votes, horiz, vert = coarse
    box, how = refine(img, (x0, y0, x1, y1))
    inner = box
    if "line" in how and any(h_ != "line" for h_ in how):
        box, how = _frame_beyond(box, how, horiz, vert)
    # gridlines across the box (those across the inner box too: bars drawn to the frame hide them)
    rows = _union(_across(horiz, box[0], box[2]), _across(horiz, inner[0], inner[2]) if inner != box else ())
    cols = _union(_across(vert, box[1], box[3]), _across(vert, inner[1], inner[3]) if inner != box else ())
    return PlotBox(_extent_to_line(box, how, rows, cols), how, votes, rows, cols)


EXTENT_LINE_PX = 1.5  # a side found where marks and lines stop lies on a line across the box this near


def _extent_to_line(box: Box, how: tuple[str, str, str, str], rows: tuple[float, ...],
                    cols: tuple[float, ...]) -> Box:
    """Each side found as an extent (where the runs stop, to a whole pixel) moved onto a line
    across the box within EXTENT_LINE_PX of it (a frame line whose end a bar or an axis label
    joins): the line's centre less LINE_SNAP_PX, as ``refine`` places a frame line. It stays an
    extent: the line may be an inner gridline where the marks hide those beyond (``to_ticks``)."""
    out = list(box)
    for side in range(4):
        if how[side] != "extent":
            continue
        near = [c - LINE_SNAP_PX for c in (cols if side in (0, 2) else rows)
                if abs(c - LINE_SNAP_PX - box[side]) <= EXTENT_LINE_PX]
        if near:
            out[side] = min(near, key=lambda c: abs(c - box[side]))
    return (out[0], out[1], out[2], out[3])


def _union(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    """The lines of ``a`` and those of ``b`` not within 1.5 px of one of ``a``'s."""
    return tuple(sorted(a + tuple(x for x in b if all(abs(x - y) > 1.5 for y in a))))


def _frame_beyond(box: Box, how: tuple[str, str, str, str], horiz: Lines,
                  vert: Lines) -> tuple[Box, tuple[str, str, str, str]]:
    """The box with a side found as a step or an extent (where marks end: the gap between a
    horizontal chart's first two bars) moved out to a frame line beyond it: a line across the
    whole box that a frame side found as a line (or another long line at the box's edge) runs
    to. Bars drawn up to the frame hide its gridlines, so no vote puts the side there."""
    out = list(box)
    out_how = list(how)
    for side in range(4):
        if how[side] == "line":
            continue
        vertical_side = side in (0, 2)  # left, right: a vertical line; top, bottom: a horizontal one
        along, across = (vert, horiz) if vertical_side else (horiz, vert)
        lo, hi = (box[1], box[3]) if vertical_side else (box[0], box[2])  # the side's extent
        pos = box[side]
        ends = (box[0], box[2]) if not vertical_side else (box[1], box[3])  # the across lines' sides
        r_, s_, e_, _ = along
        full = (s_ <= lo + ACROSS_SLACK_PX) & (e_ >= hi - ACROSS_SLACK_PX)
        at = r_[full] + 1.0
        beyond = at[(at < pos - EDGE_CLEAR_PX)] if side < 2 else at[(at > pos + EDGE_CLEAR_PX)]
        if not len(beyond):
            continue
        nearest = float(beyond.max() if side < 2 else beyond.min())
        edges = beyond[np.abs(beyond - nearest) <= 2]  # the line's two edges: its centre between
        cand = float(edges.min() + edges.max()) / 2.0 if len(edges) > 1 else nearest
        ar, as_, ae, _ = across
        for edge in ends:
            near_edge = np.abs(ar + 1.0 - edge) <= EDGE_CLEAR_PX
            reach = ((as_ <= cand + CROSS_PX) & (ae >= pos + CROSS_PX)) if side < 2 else (
                (ae >= cand - CROSS_PX) & (as_ <= pos - CROSS_PX))
            if (near_edge & reach).any():
                out[side], out_how[side] = cand, "line"
                break
    return (out[0], out[1], out[2], out[3]), (out_how[0], out_how[1], out_how[2], out_how[3])


def _across(lines: Lines, lo: float, hi: float) -> tuple[float, ...]:
    """Centres of the lines that run from ``lo`` to ``hi`` (within a few pixels) and show along a
    quarter of it at least: each line's two edges (or its one edge) are clustered."""
    rows, starts, ends, shown = lines
    span = hi - lo
    keep = (starts <= lo + ACROSS_SLACK_PX) & (ends >= hi - ACROSS_SLACK_PX) & (shown >= 0.25 * span)
    at = np.sort(rows[keep] + 1.0)  # the change between rows r and r+1 lies at r + 1
    out: list[float] = []
    k = 0
    while k < len(at):
        m = k
        while m + 1 < len(at) and at[m + 1] - at[m] <= 3:
            m += 1
        out.append(float(at[k] + at[m]) / 2 if m > k else float(at[k]))
        k = m + 1
    return tuple(out)


# -- 1-3: edges, votes, peaks -----------------------------------------------------------------


def _runs(mask: NDArray[np.bool_], min_len: int,
          breaks: NDArray[np.bool_]) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]:
    """Runs of True along each row of ``mask``, also broken before cells where ``breaks`` is
    True: (row, start, end) with end exclusive."""
    before = np.zeros(mask.shape, bool)
    before[:, 1:] = mask[:, :-1]
    after = np.zeros(mask.shape, bool)
    after[:, :-1] = mask[:, 1:] & ~breaks[:, 1:]
    rs, starts = np.nonzero(mask & (~before | breaks))
    _, last = np.nonzero(mask & ~after)
    ends = last + 1
    keep = ends - starts >= min_len
    return rs[keep], starts[keep], ends[keep]


Lines = tuple[Float, Float, Float, Float]  # row (of the change between rows r and r+1), start, end, shown


def _segments(img: Float, changes: NDArray[np.bool_], min_len: int,
              along: Float | None = None) -> Lines:
    """Straight structures along the rows of ``changes`` (True where row r and r+1 of ``img``
    differ): runs of change, joined along each row when the colours on both sides agree (a
    gridline broken by bars is one line). Each joined line: start, end (exclusive) and the
    length it shows; only lines showing ``min_len`` pixels or more. ``along``: the image's
    difference between neighbours along its rows (``np.diff(img, axis=1)``), when worked out."""
    closed = changes | (np.roll(changes, 1, axis=1) & np.roll(changes, -1, axis=1))  # bridge 1-px gaps
    # a run also breaks where the colours on its two sides change (a tick joined to a gridline)
    step = _channel_max(np.diff(img, axis=1) if along is None else along) > 2 * SAME_COLOUR  # h x (w-1)
    jump = np.zeros(closed.shape, bool)
    jump[:, 1:] = step[:-1] | step[1:]  # either side of the change, rows r and r+1
    rows, starts, ends = _runs(closed, PIECE_PX, jump)
    # only rows whose pieces add up to a line's length can hold one
    total = np.bincount(rows, ends - starts, changes.shape[0]) if len(rows) else np.zeros(0)
    keep = total[rows] >= min_len if len(rows) else np.zeros(0, bool)
    rows, starts, ends = rows[keep], starts[keep], ends[keep]
    if len(rows) == 0:
        return np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0)
    w = img.shape[1]
    used, where = np.unique(rows, return_inverse=True)  # the rows with pieces, and each piece's
    cum = np.zeros((len(used), 2, w + 1, 3))
    np.cumsum(np.stack([img[used], img[used + 1]], axis=1), axis=2, out=cum[:, :, 1:])
    lengths = (ends - starts).astype(np.float64)[:, None]
    above = (cum[where, 0, ends] - cum[where, 0, starts]) / lengths
    below = (cum[where, 1, ends] - cum[where, 1, starts]) / lengths
    pair = np.concatenate([above, below], axis=1)
    out_r: list[float] = []
    out_s: list[float] = []
    out_e: list[float] = []
    out_n: list[float] = []
    k = 0
    n = len(rows)
    while k < n:
        m = k
        while m < n and rows[m] == rows[k]:
            m += 1
        groups: list[list[float]] = []  # start, end, shown, index of the first piece, longest piece
        for i in range(k, m):
            piece = float(ends[i] - starts[i])
            for g in groups:
                if np.abs(pair[i] - pair[int(g[3])]).max() < SAME_COLOUR and not _apart(
                        img, int(rows[k]), int(g[1]), int(starts[i]), g[4], piece, pair[i]):
                    g[1] = float(ends[i])
                    g[2] += piece
                    g[4] = max(g[4], piece)
                    break
            else:
                groups.append([float(starts[i]), float(ends[i]), piece, float(i), piece])
        for g in groups:
            if g[2] >= min_len:
                out_r.append(float(rows[k]))
                out_s.append(g[0])
                out_e.append(g[1])
                out_n.append(g[2])
        k = m
    return np.asarray(out_r), np.asarray(out_s), np.asarray(out_e), np.asarray(out_n)


def _apart(img: Float, row: int, gap_start: int, gap_end: int, before: float, piece: float,
           sides: Float) -> bool:
    """Whether a piece of line and the pieces before it in its row are two things, not one
    line broken: across the gap between them the line is not hidden but absent (both rows show
    the colour of one of its sides: the ground), and one of the two is a solid line while the
    other is only short pieces (the tops of a tick label's glyphs on a frame line's row, with
    the ground between the label and the tick). A line hidden by a bar or a legend's border, or
    a dashed line, stays one."""
    if gap_end - gap_start < APART_GAP_PX:
        return False
    short, long_ = min(before, piece), max(before, piece)
    if short > DASH_PX or long_ < SOLID_SHARE * img.shape[1]:
        return False
    gap = img[row:row + 2, gap_start:gap_end]  # rows r and r+1 along the gap
    ground = [sides[:3], sides[3:]]
    # the gap may hold more glyph tops of the label (pieces too short to join the row's pieces):
    # mostly ground, broken only by glyph-wide bits, and bare ground just before the solid line
    # (a legend over a gridline has its border where the line comes out from under it)
    for g in ground:
        bare = (np.abs(gap - g).max(axis=-1) < SAME_COLOUR).all(axis=0)  # columns of ground
        if bare.all():
            return True
        near_solid = bare[-APART_GAP_PX:] if piece >= before else bare[:APART_GAP_PX]
        if bare.mean() >= GAP_GROUND_SHARE and _longest(~bare) <= DASH_PX and near_solid.all():
            return True
    return False


def _coarse(img: Float) -> tuple[Box, tuple[float, float, float, float], Lines, Lines] | None:
    h, w = img.shape[:2]
    min_len = max(8, int(MIN_RUN * min(h, w)))
    # horizontal lines: pixels that differ from the one below (an edge between rows); the
    # differences worked out once a direction, for the changes and for _segments' colour steps
    down, along = np.diff(img, axis=0), np.diff(img, axis=1)
    across_rows = _channel_norm2(down) > EDGE_STEP_SQ  # (h-1) x w: _channel_norm(down) > EDGE_STEP
    across_cols = _channel_norm2(along) > EDGE_STEP_SQ  # h x (w-1)
    horiz = _segments(img, across_rows, min_len, along)
    vert = _segments(img.transpose(1, 0, 2), across_cols.T, min_len, down.transpose(1, 0, 2))
    left, right = _tally(horiz[1], horiz[3], w + 1), _tally(horiz[2], horiz[3], w + 1)
    top, bottom = _tally(vert[1], vert[3], h + 1), _tally(vert[2], vert[3], h + 1)
    picked = [_peak(left, True), _peak(top, True), _peak(right, False), _peak(bottom, False)]
    if any(p is None for p in picked):
        return None
    (x0, n0), (y0, n1), (x1, n2), (y1, n3) = picked  # type: ignore[misc]
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    # a frame line or a background border near each side gives it more exactly than where
    # gridlines stop (ticks outside the box may join them)
    x0 = _parallel(across_cols, x0, (y0, y1), horiz, low=True)
    x1 = _parallel(across_cols, x1, (y0, y1), horiz, low=False)
    y0 = _parallel(across_rows.T, y0, (x0, x1), vert, low=True)
    y1 = _parallel(across_rows.T, y1, (x0, x1), vert, low=False)
    return (x0, y0, x1, y1), (n0, n1, n2, n3), horiz, vert


def _sqrt_bound(step: float) -> float:
    """The largest float whose square root (correctly rounded, and rounding keeps the order) is
    no more than ``step``: ``sqrt(x) > step`` exactly when ``x`` exceeds it, so a norm is compared
    without its square roots.

    >>> b = _sqrt_bound(EDGE_STEP)
    >>> math.sqrt(b) <= EDGE_STEP < math.sqrt(float(np.nextafter(b, math.inf)))
    True
    """
    x = step * step
    while math.sqrt(float(np.nextafter(x, math.inf))) <= step:
        x = float(np.nextafter(x, math.inf))
    while math.sqrt(x) > step:
        x = float(np.nextafter(x, -math.inf))
    return x


EDGE_STEP_SQ = _sqrt_bound(EDGE_STEP)


def _channel_norm2(d: Float) -> Float:
    """``_channel_norm(d)`` squared: the sum of the squares it takes the root of (the same floats)."""
    r, g, b = d[..., 0], d[..., 1], d[..., 2]
    out = r * r
    out += g * g
    out += b * b
    return out


def _channel_norm(d: Float) -> Float:
    """``np.linalg.norm(d, axis=2)`` of HxWx3 differences, channel by channel: the same floats
    (the squares added in the same order), without numpy's slow reduction over a 3-long axis.

    >>> d = np.random.default_rng(1).normal(size=(40, 30, 3))
    >>> bool((_channel_norm(d) == np.linalg.norm(d, axis=2)).all())
    True
    """
    out = _channel_norm2(d)
    return np.sqrt(out, out=out)


def _channel_max(d: Float) -> Float:
    """``np.abs(d).max(axis=2)`` of HxWx3 differences, channel by channel (the same floats).

    >>> d = np.random.default_rng(2).normal(size=(30, 40, 3))
    >>> bool((_channel_max(d) == np.abs(d).max(axis=2)).all())
    True
    """
    out = np.abs(d[..., 0])
    np.maximum(out, np.abs(d[..., 1]), out=out)
    np.maximum(out, np.abs(d[..., 2]), out=out)
    return out


def _tally(at: Float, weights: Float, n: int) -> Float:
    return np.bincount(at.astype(np.intp), weights, n).astype(np.float64)


def _parallel(changes: NDArray[np.bool_], pos: float, span: tuple[float, float], across: Lines,
              low: bool) -> float:
    """The outermost line of change (a column boundary of ``changes``, h x (w-1)) within
    PARALLEL_PX of ``pos`` that runs along most of ``span``; ``pos`` if there is none.

    A line inside ``pos`` is the frame only if no more than one long line ``across`` it goes on
    past it away from the span's ends (where the other frame lines, joined to ticks, may): a
    line that others cross is a gridline, as the top gridline of a frameless chart, which the
    vertical gridlines cross on their way to the box's edge."""
    a, b = int(math.ceil(span[0])), int(math.floor(span[1]))
    if b - a < 4:
        return pos
    at = int(round(pos)) - 1
    lo, hi = max(0, at - PARALLEL_PX), min(changes.shape[1], at + PARALLEL_PX + 1)
    # a frame line or border is one unbroken line (a row of text is broken between letters)
    longest = _longest_down(changes[a:b, lo:hi])  # (each column's, at once)
    near = [c + 1 for c in range(lo, hi) if longest[c - lo] >= PARALLEL_COVER * (b - a)]
    for c in (near if low else near[::-1]):
        inward = c > pos + 1 if low else c < pos - 1
        if not inward or _crossings(across, c, low, span) <= 1:
            return float(c)
    return pos


def _longest(on: NDArray[np.bool_]) -> int:
    """The longest run of True, bridging single-pixel gaps (a tick label's stroke may touch it)."""
    closed = on.copy()
    closed[1:-1] |= on[:-2] & on[2:]
    padded = np.concatenate([[0], closed.astype(np.int8), [0]])
    d = np.diff(padded)
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    return int((ends - starts).max()) if len(starts) else 0


def _longest_down(block: NDArray[np.bool_]) -> NDArray[np.intp]:
    """``_longest`` of each column of ``block``, worked out for all the columns at once.

    >>> block = np.array([[1, 0, 1], [0, 0, 1], [1, 1, 0], [1, 0, 0], [0, 1, 1]], bool)
    >>> _longest_down(block).tolist() == [_longest(block[:, j]) for j in range(3)]
    True
    """
    n, k = block.shape
    if n == 0:
        return np.zeros(k, np.intp)
    closed = block.copy()
    closed[1:-1] |= block[:-2] & block[2:]
    cell = np.arange(n)[:, None]
    # each cell's run so far: how far it lies past the last cell not set above it
    last_off = np.maximum.accumulate(np.where(closed, -1, cell), axis=0)
    return np.asarray((cell - last_off).max(axis=0), np.intp)


def _crossings(lines: Lines, c: float, low: bool, span: tuple[float, float]) -> int:
    """How many distinct long lines within ``span`` go on past ``c`` by CROSS_PX or more outward."""
    rows, starts, ends, _ = lines
    past = (starts <= c - CROSS_PX) & (ends >= c) if low else (ends >= c + CROSS_PX) & (starts <= c)
    inner = (rows > span[0] + CROSS_PX) & (rows < span[1] - CROSS_PX)  # not the other frame lines
    at = np.sort(rows[past & inner])
    if len(at) == 0:
        return 0
    return 1 + int((np.diff(at) > 2).sum())  # a line's two edges count once


def _peak(votes: Float, low: bool) -> tuple[float, float] | None:
    """The outermost (lowest when ``low``) local peak of votes in 3-pixel windows that holds
    at least PEAK_SHARE of the strongest window's: its vote-weighted position and its votes."""
    window = np.convolve(votes, np.ones(3), mode="same")
    best = float(window.max())
    if best <= 0:
        return None
    strong = np.flatnonzero(window >= PEAK_SHARE * best)
    i = int(strong[0] if low else strong[-1])
    step = 1 if low else -1
    while 0 <= i + step < len(window) and window[i + step] > window[i]:
        i += step
    lo, hi = max(0, i - 1), min(len(votes), i + 2)
    wts = votes[lo:hi]
    return float((wts * np.arange(lo, hi)).sum() / wts.sum()), float(window[i])


# -- 4 refine ---------------------------------------------------------------------------------


def refine(img: Float, box: Box, search: int = REFINE_SEARCH_PX) -> tuple[Box, tuple[str, str, str, str]]:
    """Each edge of ``box`` moved to the frame line or background step found within ``search``
    pixels of it (to a fraction of a pixel); edges with neither stay, marked "extent"."""
    h, w = img.shape[:2]
    x0, y0, x1, y1 = box
    rows = _middle(y0, y1, h)
    cols = _middle(x0, x1, w)
    out = list(box)
    how = ["extent"] * 4
    for i, (pos, vertical, outside_low) in enumerate(((x0, True, True), (y0, False, True),
                                                     (x1, True, False), (y1, False, False))):
        edge = _edge(img, pos, vertical, outside_low, rows if vertical else cols, search)
        if edge is not None:
            out[i], how[i] = edge
    if not (out[0] < out[2] and out[1] < out[3]):
        return box, ("extent",) * 4  # type: ignore[return-value]
    return (out[0], out[1], out[2], out[3]), (how[0], how[1], how[2], how[3])


def refine_box(img: Float, box: Box, search: int = 5) -> tuple[Box, int]:
    """The box with each edge refined near ``box``, and how many edges showed a line or a step."""
    found, how = refine(img, box, search)
    return found, sum(h != "extent" for h in how)


def _middle(a: float, b: float, limit: int) -> slice:
    lo, hi = a + 0.2 * (b - a), b - 0.2 * (b - a)
    return slice(max(0, int(lo)), min(limit, int(math.ceil(hi))))


def _edge(img: Float, pos: float, vertical: bool, outside_low: bool, lines: slice,
          search: int) -> tuple[float, str] | None:
    """One edge: the lines of pixels across it (outside first), then a frame line or a step."""
    limit = img.shape[1] if vertical else img.shape[0]
    first = int(math.floor(pos)) - search - 4  # three more samples each side show the sides' colours
    idx = np.arange(first, first + 2 * search + 9)
    if idx[0] < 0 or idx[-1] >= limit or lines.stop - lines.start < 3:
        return None
    strip = img[lines, :][:, idx] if vertical else img[idx, :][:, lines].transpose(1, 0, 2)
    found = edge_in_profile(strip if outside_low else strip[:, ::-1])
    if found is None:
        return None
    t, is_line = found
    at = float(idx[0] + t) if outside_low else float(idx[-1] + 1 - t)
    if is_line:
        return at - LINE_SNAP_PX, "line"
    return at - HIDDEN_FRAME_PX, "step"


def edge_in_profile(strip: Float) -> tuple[float, bool] | None:
    """Where the frame edge lies across lines of pixels (L x N x 3, or one N x 3 profile) that
    run from outside to inside.

    A line (a spine) along the whole edge, standing out from its sides: its centre. Else a step
    from the outside colour to the inside colour: where the step is, counting partial pixels.
    None if neither shows.

    >>> p = np.array([[1.0] * 3] * 4 + [[0.0] * 3] + [[1.0] * 3] * 4)
    >>> edge_in_profile(p)
    (4.5, True)
    """
    lines = strip[None] if strip.ndim == 2 else strip
    profile = np.median(lines, axis=0)  # one colour per sample
    # the two sides' colours, robust to a gridline or tick that falls on one sample
    a, b = np.median(profile[:5], axis=0), np.median(profile[-5:], axis=0)
    # a frame line stands out from both of its sides and is not the outside's colour (a
    # gridline of the figure's colour inside a filled background is not the frame); it runs
    # along the whole edge, where tick labels cover only parts of it
    own = np.median(lines[:, :5], axis=1)
    each = np.minimum(_ridge(lines, np.median(lines[:, -5:], axis=1)),
                      np.linalg.norm(lines - own[:, None, :], axis=2))
    line = np.quantile(each, 0.25, axis=0)
    line[:4] = line[-4:] = 0.0  # the ends only show the sides' colours
    peak = int(np.argmax(line))
    if line[peak] > 0.1:
        # the frame is the outermost line: a gridline just inside may be as strong
        peak = next(i for i in range(len(line)) if line[i] >= 0.6 * line[peak] and
                    (i + 1 == len(line) or line[i] >= line[i + 1]))
        lo, hi = max(0, peak - 1), min(len(line), peak + 2)
        weights = line[lo:hi] * (line[lo:hi] > 0.3 * line[peak])
        return float((weights * (np.arange(lo, hi) + 0.5)).sum() / weights.sum()), True
    d = b - a
    norm2 = float(d @ d)
    if norm2 < 0.05**2:
        return None
    c = np.clip(((profile - a) @ d) / norm2, 0.0, 1.0)
    inside = np.flatnonzero(c >= 0.9)  # past the step (a gridline further in is not counted)
    k = int(inside[0]) if len(inside) else len(c)
    return float((1.0 - c[:k]).sum()), False


def _ridge(lines: Float, inside: Float, reach: int = 2) -> Float:
    """How far each colour (L x N x 3) is from every mix of the colour ``reach`` samples further
    out and the line's inside colour (L x 3). A thin line stands out from both; an anti-aliased
    step is such a mix and scores 0."""
    out = np.zeros(lines.shape[:2])
    a, p = lines[:, :-reach], lines[:, reach:]
    d = inside[:, None, :] - a
    norm2 = (d * d).sum(axis=2)
    t = np.clip(((p - a) * d).sum(axis=2) / np.maximum(norm2, 1e-9), 0.0, 1.0)
    out[:, reach:] = np.linalg.norm(p - a - t[..., None] * d, axis=2)
    return out


GRID_FAINT = 0.025  # a gridline differs from the ground by at least this (max channel): light dotted ones too
GRID_COVER = 0.25  # and inks at least this share of its extent (a dotted line about a third)
GRID_MIN = 3  # this many lines at least, evenly spaced: two parallel lines are any rectangle's sides
GRID_ENDS_PX = 6.0  # the lines start and end together, give or take this (a dotted line ends within its period)
GRID_EVEN_PX = 2.0  # their spacings agree to this
GRID_CHROMA = 0.15  # a pixel whose channels spread this much is a mark's colour (text and gridlines are grey)
RIM_PX = 6  # a point marker centred inside the box reaches this far past its side (a nice scale's
# outer tick bounds the data, not the markers' rims)
GRID_GAP_PX = 8  # a dotted line's gaps are shorter than this (text or a legend beside it are further off)


def gridline_box(image: NDArray[np.generic]) -> Box | None:
    """The plot box of a chart whose box ``find_plot_box`` cannot see: no frame and no vertical
    structure, only horizontal gridlines (solid or dotted) evenly spaced, starting and ending
    together. The box spans them: from the first line's start to its end, from the top line to
    the bottom one. None when there are not GRID_MIN such lines.

    >>> img = np.full((120, 160, 3), 255, np.uint8)
    >>> for r in (20, 50, 80, 110):
    ...     img[r, 30:140:3] = 200  # dotted
    >>> gridline_box(img)
    (30.0, 20.5, 139.0, 110.5)
    >>> img[50] = 255
    >>> gridline_box(img) is None  # spaced unevenly
    True
    """
    img = as_float(image)
    h, w = img.shape[:2]
    if h < 16 or w < 16:
        return None
    border = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]])
    ground = np.median(border, axis=0)
    on = np.abs(img - ground).max(axis=2) > GRID_FAINT
    count = on.sum(axis=1)
    rows: list[tuple[float, int, int]] = []  # centre, start, end
    r = 0
    while r < h:
        if count[r] < MIN_RUN * w:
            r += 1
            continue
        s, e = _stretch(on[r])
        if e - s < 0.3 * w or int(on[r, s:e].sum()) < GRID_COVER * (e - s):
            r += 1
            continue
        k = r + 1
        while k < h and k - r < 3 and int(on[k, s:e].sum()) >= GRID_COVER * (e - s):
            k += 1
        rows.append(((r + k) / 2.0, s, e))
        r = k
    best: list[tuple[float, int, int]] = []
    for _, s, e in rows:  # the largest set that starts and ends with this row's
        same = [x for x in rows if abs(x[1] - s) <= GRID_ENDS_PX and abs(x[2] - e) <= GRID_ENDS_PX]
        if len(same) > len(best):
            best = same
    if len(best) < GRID_MIN:
        return None
    at = np.array([x[0] for x in best])
    if float(np.ptp(np.diff(at))) > GRID_EVEN_PX:
        return None
    s0 = float(np.median([x[1] for x in best]))
    e0 = float(np.median([x[2] for x in best]))
    # coloured marks beyond the outer lines: the value axis goes on in steps of the spacing to
    # hold them (a theme may leave its last gridline out)
    step = float(np.median(np.diff(at)))
    chroma = img[:, int(s0):int(e0)].max(axis=2) - img[:, int(s0):int(e0)].min(axis=2)
    marked = np.flatnonzero((chroma > GRID_CHROMA).any(axis=1))
    top, bottom = float(at[0]), float(at[-1])
    if len(marked):
        while top - step >= 0 and marked[0] < top - 1:
            top -= step
        while bottom + step <= h and marked[-1] > bottom + 1:
            bottom += step
    return (s0, top, e0, bottom)


def _stretch(on: NDArray[np.bool_]) -> tuple[int, int]:
    """The longest stretch of a row whose inked pixels are less than GRID_GAP_PX apart: start, end."""
    cols = np.flatnonzero(on)
    if not len(cols):
        return 0, 0
    cut = np.flatnonzero(np.diff(cols) >= GRID_GAP_PX)
    starts = np.concatenate([[0], cut + 1])
    ends = np.concatenate([cut, [len(cols) - 1]])
    i = int(np.argmax(cols[ends] - cols[starts]))
    return int(cols[starts[i]]), int(cols[ends[i]]) + 1


# -- 5 what the votes miss: a box of gridlines alone, lines past the box, the axes' ticks ---------

LINES_SPAN = 0.4  # gridlines that give a plot box run along this share of the image at least
LINES_SOLID = 0.9  # a solid one inks this share of its extent (marks may hide the rest)
LINES_AGREE_PX = 2  # and they start and end this close to one another (plus a dotted line's period)
LINES_GAP_PX = 40  # a gap this wide along a row parts a line from what is beside it (text)
THIN_INK = 0.06  # a pixel this far (in the mean of its channels) from what lies around is a thin line's ink
THIN_MIN_SHARE = 0.03  # a row inks at least this share of the image's width to hold a line
DOTTED_MIN_DASHES = 6  # a dotted line shows at least this many dashes
DOTTED_MAX_DASH_PX = 8  # each at most this long
DOTTED_MAX_PERIOD_PX = 12  # one starting at most this far after the previous (text lines are further apart)
DOTTED_REGULAR = 0.8  # this share of the dashes start one period (within 1 px) after the previous
DOTTED_SHOWN = 0.2  # and at least this share of the dashes that period fits along the line show
TICK_BAND_PX = 5  # tick marks are looked for on this many rows under the plot box
TICK_ROWS = 0.6  # and show on this share of them at least (Vega-Lite's are 3 px long)
TICK_INK = 0.12  # a tick mark's pixels are this far from the band's ground (max channel)
OUTER_LINE_PX = 2.0  # a line across the box this far past one of its sides is the side
OUTER_SLACK_PX = 4.0  # when it starts and ends this close to the box's other two sides
TICK_BEYOND_PX = 3  # an axis's tick this far beyond a side of the box found without a line: the box reaches it

ThinLines = list[tuple[float, float, float, float]]  # centre, first, end (exclusive), dash period (0: solid)


def ground_grey(img: Float) -> tuple[Float, float]:
    """The image in grey (the mean of the channels) and the ground's grey: the commonest colour
    (quantised to 1/64, then the mean of its pixels) among every fourth pixel each way."""
    return _grey(img), _ground(img)


def _grey(img: Float) -> Float:
    """The image in grey: the mean of its channels."""
    return (img[..., 0] + img[..., 1] + img[..., 2]) / 3


def _ground(img: Float) -> float:
    """``ground_grey``'s ground: the grey of the commonest colour among every fourth pixel."""
    flat = img[::4, ::4].reshape(-1, 3)
    q = np.round(flat * 64).astype(np.int64)
    keys = q[:, 0] * 65 * 65 + q[:, 1] * 65 + q[:, 2]
    vals, counts = np.unique(keys, return_counts=True)
    mean = flat[keys == vals[np.argmax(counts)]].mean(axis=0)
    return float(mean[0]) / 3 + float(mean[1]) / 3 + float(mean[2]) / 3


def _band_lines(img: Float, ground: float, lo: int, hi: int, across: bool) -> ThinLines:
    """``long_lines(grey, ground, lo, hi)`` of the image's grey (``across``: of its transpose, the
    lines down its columns), the grey worked out only for the rows it reads (2 px either side of
    ``lo`` to ``hi``): the same lines, without the grey of the rest of the image."""
    n = img.shape[1] if across else img.shape[0]
    first, last = max(lo, 2), min(hi, n - 2)
    if last <= first:
        return []
    grey = _grey(img[:, first - 2:last + 2] if across else img[first - 2:last + 2])
    lines = long_lines(np.ascontiguousarray(grey.T) if across else grey, ground, 2, last - first + 2)
    return [(at + (first - 2), a, b, period) for at, a, b, period in lines]


def long_lines(grey: Float, ground: float, lo: int = 0, hi: int | None = None) -> ThinLines:
    """Horizontal lines at most 2 px thick across a greyscale image (rows ``lo`` to ``hi`` looked
    at) along LINES_SPAN of its width, solid or dotted: (centre row, first column, end column, the
    dash period: 0 when solid) for each, from the ink of each row unlike the ground and unlike the
    rows 2 px either side (a filled mark's inside is like its neighbours)."""
    h, w = grey.shape
    lo, hi = max(lo, 2), min(h - 2 if hi is None else hi, h - 2)
    if hi <= lo or w < 20:
        return []
    mid = grey[lo:hi]
    thin = (np.abs(mid - ground) > THIN_INK) & (np.abs(mid - grey[lo - 2:hi - 2]) > THIN_INK) & \
        (np.abs(mid - grey[lo + 2:hi + 2]) > THIN_INK)
    found: list[tuple[int, float, float, float]] = []
    for k in np.flatnonzero(thin.sum(axis=1) >= THIN_MIN_SHARE * w):
        on = np.flatnonzero(thin[k])
        # the longest stretch without a wide gap (text beside the line, an axis title, is apart)
        parts = np.split(on, np.flatnonzero(np.diff(on) > LINES_GAP_PX) + 1)
        on = max(parts, key=lambda q: int(q[-1]) - int(q[0]))
        first, last = int(on[0]), int(on[-1]) + 1
        if last - first < LINES_SPAN * w:
            continue
        if len(on) >= LINES_SOLID * (last - first):
            found.append((lo + int(k), float(first), float(last), 0.0))
            continue
        run = np.zeros(w, np.int8)
        run[on] = 1
        d = np.diff(np.concatenate([[0], run, [0]]))
        starts = np.flatnonzero(d == 1)
        if dashes(starts, np.flatnonzero(d == -1), last - first):
            # a dotted line's ends are known to its period (where the pattern stops)
            found.append((lo + int(k), float(first), float(last), float(np.median(np.diff(starts)))))
    out: ThinLines = []
    j = 0
    while j < len(found):  # a line over two rows (anti-aliased): one line between them
        if j + 1 < len(found) and found[j + 1][0] == found[j][0] + 1:
            out.append((found[j][0] + 1.0, *found[j][1:]))
            j += 2
        else:
            out.append((found[j][0] + 0.5, *found[j][1:]))
            j += 1
    return out


def dashes(starts: NDArray[np.intp], ends: NDArray[np.intp], length: int) -> bool:
    """Whether runs of ink along a line are a dotted or dashed line's: short dashes, alike and
    evenly spaced, enough of them along ``length``."""
    d = ends - starts
    if len(starts) < DOTTED_MIN_DASHES or d.max() > DOTTED_MAX_DASH_PX or \
            _share(np.abs(d - _median(d)) <= 1) < DOTTED_REGULAR:
        return False  # a line's dashes are alike; text's strokes are not
    gaps = np.diff(starts)
    period = _median(gaps)
    return bool(period <= DOTTED_MAX_PERIOD_PX and _share(np.abs(gaps - period) <= 1) >= DOTTED_REGULAR
                and len(starts) >= DOTTED_SHOWN * length / period)


def _median(v: NDArray[np.intp]) -> float:
    """``float(np.median(v))`` of whole numbers (the same float), without numpy's general median
    (``dashes`` runs on every row of ink that ``fit.measure`` looks at for dotted lines).

    >>> [_median(np.array(v)) == float(np.median(v)) for v in ([3, 1, 2], [4, 1, 3, 2], [5])]
    [True, True, True]
    """
    s = np.sort(v)
    m = len(s) // 2
    return float(s[m]) if len(s) % 2 else (float(s[m - 1]) + float(s[m])) / 2


def _share(on: NDArray[np.bool_]) -> float:
    """``np.mean`` of booleans: the share that are True (the same float)."""
    return int(np.count_nonzero(on)) / len(on)


def tick_cols(img: Float, box: Box) -> tuple[float, ...]:
    """Centres of the tick marks just under the plot box: narrow columns (at most 3 px) unlike the
    band's ground colour on TICK_ROWS of the TICK_BAND_PX rows under the box."""
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    h, w = img.shape[:2]
    lo, c0, c1 = min(h, y1 + 1), max(0, x0 - 3), min(w, x1 + 4)
    band = img[lo:min(h, lo + TICK_BAND_PX), c0:c1]
    if band.shape[0] < 3 or band.shape[1] < 3:
        return ()
    ground = np.median(band.reshape(-1, 3), axis=0)
    on = (np.abs(band - ground).max(axis=-1) > TICK_INK).mean(axis=0) >= TICK_ROWS
    d = np.diff(np.concatenate([[0], on.astype(np.int8), [0]]))
    return tuple(c0 + (a + b) / 2 for a, b in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)) if b - a <= 3)


def box_of_lines(img: Float) -> PlotBox | None:
    """The plot box of a chart with no frame, shaded ground or tick labels (Vega-Lite's
    urbaninstitute and powerbi themes), where the votes find none: the gridlines across it,
    solid or dotted. Two or more horizontal ones that start and end together give its sides
    (gridlines run from side to side) and its top and bottom (a nice scale ends on a tick: the
    outer gridlines, or an axis line, lie on the box's edges); vertical ones, where they span
    those rows, give its sides to the pixel, else tick marks under the bottom line at its ends.
    None when no two lines agree."""
    grey, ground = ground_grey(img)
    rows = long_lines(grey, ground)
    if len(rows) < 2:
        return _box_of_sides(grey, ground)

    def agree(a: tuple[float, float, float, float], b: tuple[float, float, float, float], at: int) -> bool:
        return abs(a[at] - b[at]) <= LINES_AGREE_PX + a[3] + b[3]

    # the commonest extent among the rows (within LINES_AGREE_PX and the dash periods)
    ext = max(rows, key=lambda r: sum(agree(q, r, 1) and agree(q, r, 2) for q in rows))
    mine = [r for r in rows if agree(r, ext, 1) and agree(r, ext, 2)]
    if len(mine) < 2:
        return _box_of_sides(grey, ground)
    solid = [r for r in mine if r[3] == 0] or mine  # solid lines' ends are known to the pixel
    x0, x1 = float(np.median([r[1] for r in solid])), float(np.median([r[2] for r in solid]))
    y0, y1 = min(r[0] for r in mine), max(r[0] for r in mine)
    if y1 - y0 < 20 or x1 - x0 < 20:
        return None
    y0, y1 = _past_marks(img, sorted(r[0] for r in mine), x0, x1)
    cols = long_lines(np.ascontiguousarray(grey.T), ground)
    span = (0.0, y0, 0.0, y1)
    across = [c for c in cols if agree(c, span, 1) and agree(c, span, 2)]
    if across:  # vertical lines from the top to the bottom: the box's sides, where they lie
        left, right = min(across), max(across)
        if abs(left[0] - x0) <= LINES_AGREE_PX + max(r[3] for r in mine):
            x0 = left[0]
        if abs(right[0] - x1) <= LINES_AGREE_PX + max(r[3] for r in mine):
            x1 = right[0]
    else:  # tick marks under the bottom line at its ends: the sides to a fraction of a pixel
        ticks = tick_cols(img, (x0, y0, x1, y1))
        if ticks and abs(ticks[0] - x0) <= LINES_AGREE_PX:
            x0 = float(ticks[0])
        if ticks and abs(ticks[-1] - x1) <= LINES_AGREE_PX:
            x1 = float(ticks[-1])
    solid_rows = tuple(r[0] for r in mine if r[3] == 0)
    solid_cols = tuple(c[0] for c in across if c[3] == 0)
    return PlotBox((x0, y0, x1, y1), ("extent", "line", "extent", "line"), (x1 - x0, 0.0, x1 - x0, 0.0),
                   solid_rows, solid_cols)


SIDES_APART = 0.4  # two vertical lines this share of the image's width apart at least are a box's sides


def _box_of_sides(grey: Float, ground: float) -> PlotBox | None:
    """The plot box of a chart with no line across it (no gridline, no axis line under it): two
    solid vertical lines that start and end together and lie SIDES_APART of the width apart (the
    value axis's line and the view's edge: Vega-Lite's ggplot2 theme; or vertical gridlines) are
    its sides, the outermost such pair; where they start and end, its top and bottom. None
    when no two lines agree.

    >>> img = np.ones((100, 120, 3))
    >>> img[20:80, 20] = img[20:80, 100] = 0.85
    >>> _box_of_sides(*ground_grey(img)).box
    (20.5, 20.0, 100.5, 80.0)
    """
    cols = [c for c in long_lines(np.ascontiguousarray(grey.T), ground) if c[3] == 0]
    pairs = [(a, b) for a in cols for b in cols if b[0] - a[0] >= SIDES_APART * grey.shape[1]
             and abs(a[1] - b[1]) <= LINES_AGREE_PX and abs(a[2] - b[2]) <= LINES_AGREE_PX]
    if not pairs:
        return None
    a, b = max(pairs, key=lambda p: p[1][0] - p[0][0])
    y0, y1 = (a[1] + b[1]) / 2, (a[2] + b[2]) / 2
    return PlotBox((a[0], y0, b[0], y1), ("line", "extent", "line", "extent"), (y1 - y0, 0.0, y1 - y0, 0.0),
                   (), tuple(c[0] for c in cols if a[0] <= c[0] <= b[0] and abs(c[1] - y0) <= LINES_AGREE_PX
                              and abs(c[2] - y1) <= LINES_AGREE_PX))


def _past_marks(img: Float, at: list[float], x0: float, x1: float) -> tuple[float, float]:
    """The top and bottom of a box whose gridlines lie at rows ``at``: the outer lines, or past
    them in steps of the spacing while coloured marks lie beyond by more than a marker's rim
    (a gridline on the box's edge may be clipped to nothing, or a theme leaves it out); only when
    GRID_MIN lines at least are evenly spaced (their spacing is the scale's step)."""
    top, bottom = at[0], at[-1]
    if len(at) < GRID_MIN or float(np.ptp(np.diff(at))) > GRID_EVEN_PX:
        return top, bottom
    step = float(np.median(np.diff(at)))
    part = img[:, max(0, int(x0)):max(0, int(x1))]
    marked = np.flatnonzero(((part.max(axis=2) - part.min(axis=2)) > GRID_CHROMA).any(axis=1))
    if len(marked):
        while top - step >= 0 and marked[0] < top - RIM_PX:
            top -= step
        while bottom + step <= img.shape[0] and marked[-1] > bottom + RIM_PX:
            bottom += step
    return top, bottom


def to_outer_lines(img: Float, found: PlotBox) -> PlotBox:
    """The box out to the gridlines across it that lie past one of its sides: gridlines run
    inside a plot box, so the outermost is its edge (a nice scale ends on a tick). Where no frame
    is drawn the votes may stop at the tallest bar, or take an inner gridline for the frame.
    Only thin lines, solid or dotted, that run from the box's one side to the other count (a row
    of tick labels under the box does not)."""
    x0, y0, x1, y1 = found.box
    bx0, by0, bx1, by1 = (int(math.floor(v)) for v in found.box)
    ground = _ground(img)  # (the grey only of the bands outside the box that are looked at)
    rows = _band_lines(img, ground, 0, by0 - 1, False) + _band_lines(img, ground, by1 + 3, img.shape[0], False)
    cols = _band_lines(img, ground, 0, bx0 - 1, True) + _band_lines(img, ground, bx1 + 3, img.shape[1], True)

    def along(line: tuple[float, float, float, float], a: float, b: float) -> bool:
        # from side to side of the box (found to a few pixels where no frame is drawn), not far past
        slack = OUTER_SLACK_PX + line[3]
        return a - 2 * slack <= line[1] <= a + slack and b - slack <= line[2] <= b + 2 * slack

    ys = [r[0] for r in rows if along(r, x0, x1)]
    xs = [c[0] for c in cols if along(c, y0, y1)]
    new = (min(xs) if xs and min(xs) < x0 - OUTER_LINE_PX else x0,
           min(ys) if ys and min(ys) < y0 - OUTER_LINE_PX else y0,
           max(xs) if xs and max(xs) > x1 + OUTER_LINE_PX else x1,
           max(ys) if ys and max(ys) > y1 + OUTER_LINE_PX else y1)
    if new == found.box:
        return found
    how = tuple("line" if a != b else h for a, b, h in zip(new, found.box, found.how))
    return PlotBox(new, how, found.votes, found.rows, found.cols)  # type: ignore[arg-type]


def to_ticks(found: PlotBox, rows: Sequence[float], cols: Sequence[float]) -> PlotBox:
    """The box grown to its axes' ticks (``rows``: the value axis's tick rows, ``cols``: the x
    axis's tick columns, as read from their labels): a tick label names a value inside the plot,
    so a side found as a step or where marks and gridlines stop (a frameless plot whose bars hide
    its lower gridlines) that leaves a tick outside moves out to that tick. Sides found as a line
    stay; fewer than two ticks on an axis say nothing."""
    out = list(found.box)
    for at, lo, hi in ((list(rows), 1, 3), (list(cols), 0, 2)):
        if len(at) < 2:
            continue
        if found.how[lo] != "line" and min(at) < out[lo] - TICK_BEYOND_PX:
            out[lo] = float(min(at))
        if found.how[hi] != "line" and max(at) > out[hi] + TICK_BEYOND_PX:
            out[hi] = float(max(at))
    box = (out[0], out[1], out[2], out[3])
    return found if box == found.box else PlotBox(box, found.how, found.votes, found.rows, found.cols)
