"""Straight strokes and circles of a figure, found on the skeleton of its ink.

Circles first (a Hough vote over centres and radii, each candidate kept only when ink covers
enough of its circumference), then their ink is taken away and straight segments are found one
at a time: the strongest line of a Hough vote over the remaining skeleton pixels, cut into runs
of ink along it (gaps of a dashed line bridged), refitted, and its pixels removed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Points = npt.NDArray[np.float64]  # N x 2, (x, y) image pixels, y down

# Rules of drawing, in units of the page: a circle is drawn round at least this share of its
# circumference (arcs of sectors too); a segment is at least this long (shorter strokes are
# ticks, arrows, right-angle squares and letters); a dashed line's gaps are at most this long.
CIRCLE_COVER = 0.42
MIN_RADIUS = 20.0
# The circle vote's accumulator (radii x rows x columns) is kept under this many cells (float64).
HOUGH_CELLS = 2.5e7
MIN_RADIUS_SHARE = 0.06
MIN_SEGMENT = 18.0
MAX_GAP = 9.0
# A run of ink bowing off its chord by more than this many pixels, half a stroke, and this share
# of its length is curved.
CURVED = 1.5
CURVED_SHARE = 0.02
# A straight stroke's skeleton runs along it: at least this share of a run's skeleton pixels
# must run within ALIGNED_DEG of the line (pieces of arcs or hatching crossing it do not).
ALIGNED = 0.6
ALIGNED_DEG = 25.0
# Skeleton pixels more than this many pixels apart (along or across a line) are not one piece.
PIECE_GAP = 2.5
# A run whose longest piece along it, this share of its length or more, bows off its own chord
# is an arc.
PIECE_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Segment:
    """A straight stroke from ``a`` to ``b`` (image pixels, y down)."""

    a: tuple[float, float]
    b: tuple[float, float]
    dashed: bool = False

    @property
    def length(self) -> float:
        return math.dist(self.a, self.b)

    def direction(self) -> tuple[float, float]:
        n = self.length or 1.0
        return ((self.b[0] - self.a[0]) / n, (self.b[1] - self.a[1]) / n)


@dataclass(frozen=True, slots=True)
class Circle:
    """A circle or an arc of one (``cover`` is the share of its circumference inked)."""

    centre: tuple[float, float]
    radius: float
    cover: float
    arcs: tuple[tuple[float, float], ...] | None = None  # inked angle ranges; None: whole


def skeleton_points(mask: npt.NDArray[np.bool_]) -> Points:
    """(x, y) of every skeleton pixel of a mask."""
    from skimage.morphology import skeletonize

    skel = skeletonize(mask)  # type: ignore[no-untyped-call]
    ys, xs = np.nonzero(skel)
    return np.stack([xs, ys], axis=1).astype(np.float64)


def find_circles(pts: Points, ink: npt.NDArray[np.bool_], stroke: float) -> list[Circle]:
    """Circles and large arcs through the skeleton points ``pts``.

    A figure's circles are main shapes: their radius is at least MIN_RADIUS_SHARE of the
    image's longer side (smaller round strokes are angle arcs and marks).
    """
    from skimage.transform import hough_circle, hough_circle_peaks

    if len(pts) < 20:
        return []
    h, w = ink.shape
    rmax = min(max(h, w) * 0.6, 400.0)
    rmin = max(MIN_RADIUS, MIN_RADIUS_SHARE * max(h, w))
    # the vote is taken on a grid coarse enough that it holds at most HOUGH_CELLS cells
    scale = 2.0 if max(h, w) > 300 else 1.0
    scale = max(scale, (max(rmax - rmin, 1.0) * h * w / HOUGH_CELLS) ** (1.0 / 3.0))
    small = np.zeros((int(h / scale) + 1, int(w / scale) + 1), dtype=bool)
    small[(pts[:, 1] / scale).astype(int), (pts[:, 0] / scale).astype(int)] = True
    radii = np.arange(rmin / scale, rmax / scale, 1.0)
    if radii.size == 0:
        return []
    acc = hough_circle(small, radii)  # type: ignore[no-untyped-call]
    _, cx, cy, rr = hough_circle_peaks(  # type: ignore[no-untyped-call]
        acc, radii, min_xdistance=3, min_ydistance=3, total_num_peaks=12, threshold=0.25
    )
    found: list[Circle] = []
    for x, y, r in zip(cx, cy, rr):
        c = refine_circle(pts, (float(x) * scale, float(y) * scale), float(r) * scale, stroke)
        if c is None or c.radius < rmin:
            continue
        if any(math.dist(c.centre, o.centre) < 6 and abs(c.radius - o.radius) < 6 for o in found):
            continue
        found.append(c)
    return found


def refine_circle(
    pts: Points, centre: tuple[float, float], radius: float, stroke: float
) -> Circle | None:
    """The least-squares circle through the skeleton points near a candidate, if inked enough."""
    tol = max(2.5, stroke)
    cx, cy, r = centre[0], centre[1], radius
    for _ in range(3):
        d = np.hypot(pts[:, 0] - cx, pts[:, 1] - cy)
        near = pts[np.abs(d - r) <= tol]
        if len(near) < 12:
            return None
        fit = _fit_circle(near)
        if fit is None:
            return None
        cx, cy, r = fit
    cover = _cover(pts, (cx, cy), r, tol)
    if cover < CIRCLE_COVER or r < MIN_RADIUS:
        return None
    # strokes that merely cross the ring cover it as much a little inside and outside
    step = 2 * tol + 1.0
    beside = max(_cover(pts, (cx, cy), r - step, tol), _cover(pts, (cx, cy), r + step, tol))
    if cover - beside < CIRCLE_COVER * 0.8:
        return None
    return Circle((cx, cy), r, cover)


def _fit_circle(p: Points) -> tuple[float, float, float] | None:
    """Algebraic (Kasa) circle fit."""
    x, y = p[:, 0], p[:, 1]
    a = np.stack([x, y, np.ones_like(x)], axis=1)
    b = x * x + y * y
    sol, *_ = np.linalg.lstsq(a, b, rcond=None)
    cx, cy = sol[0] / 2.0, sol[1] / 2.0
    rr = sol[2] + cx * cx + cy * cy
    if rr <= 0:
        return None
    return float(cx), float(cy), float(math.sqrt(rr))


def _cover(pts: Points, centre: tuple[float, float], r: float, tol: float) -> float:
    d = np.hypot(pts[:, 0] - centre[0], pts[:, 1] - centre[1])
    near = pts[np.abs(d - r) <= tol]
    if len(near) == 0:
        return 0.0
    n = max(36, int(2 * math.pi * r / 3))
    ang = np.arctan2(near[:, 1] - centre[1], near[:, 0] - centre[0])
    bins = np.unique(((ang + math.pi) / (2 * math.pi) * n).astype(int) % n)
    return float(len(bins)) / n


def circle_arc_span(
    pts: Points, c: Circle, stroke: float
) -> list[tuple[float, float]]:
    """The inked angle ranges (radians, image frame) of a circle, gaps of a few pixels bridged."""
    tol = max(2.5, stroke)
    d = np.hypot(pts[:, 0] - c.centre[0], pts[:, 1] - c.centre[1])
    near = pts[np.abs(d - c.radius) <= tol]
    n = max(36, int(2 * math.pi * c.radius / 3))
    ang = np.arctan2(near[:, 1] - c.centre[1], near[:, 0] - c.centre[0])
    on = np.zeros(n, dtype=bool)
    on[((ang + math.pi) / (2 * math.pi) * n).astype(int) % n] = True
    if on.all():
        return [(-math.pi, math.pi)]
    # rotate so a gap is at index 0, then collect runs, bridging gaps up to ~MAX_GAP pixels
    start = int(np.argmin(on))
    roll = np.roll(on, -start)
    gap_bins = max(1, int(MAX_GAP / 3))
    runs: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if roll[i]:
            j = i
            while j < n and roll[j]:
                j += 1
            if runs and i - runs[-1][1] <= gap_bins:
                runs[-1] = (runs[-1][0], j)
            else:
                runs.append((i, j))
            i = j
        else:
            i += 1
    out = []
    for s, e in runs:
        a0 = (s + start) / n * 2 * math.pi - math.pi
        a1 = (e + start) / n * 2 * math.pi - math.pi
        out.append((a0, a1))
    return out


def remove_near_circles(pts: Points, circles: list[Circle], stroke: float) -> Points:
    """The skeleton points that are not on any of the circles."""
    keep = np.ones(len(pts), dtype=bool)
    tol = max(3.0, 1.5 * stroke)
    for c in circles:
        d = np.hypot(pts[:, 0] - c.centre[0], pts[:, 1] - c.centre[1])
        keep &= np.abs(d - c.radius) > tol
    return pts[keep]


_THETAS = np.deg2rad(np.arange(0.0, 180.0, 0.5))
_COS = np.cos(_THETAS)
_SIN = np.sin(_THETAS)


def find_segments(
    pts: Points, mask: npt.NDArray[np.bool_], stroke: float, max_lines: int = 60,
    max_gap: float = MAX_GAP, min_dashes: int = 3,
) -> list[Segment]:
    """Straight segments through the skeleton points ``pts`` of the stroke ``mask`` (gaps up
    to ``max_gap`` pixels bridged; a run with ``min_dashes`` gaps or more is dashed)."""
    from scipy.spatial import cKDTree

    tree = cKDTree(pts) if len(pts) else None
    remaining = pts.copy()
    found: list[Segment] = []
    tol = max(1.5, stroke * 0.75)
    failures = 0
    while len(remaining) >= MIN_SEGMENT and len(found) < max_lines and failures < 8:
        rho = remaining[:, 0:1] * _COS[None, :] + remaining[:, 1:2] * _SIN[None, :]
        rbin = np.round(rho).astype(np.int64)
        off = rbin.min()
        nr = int(rbin.max() - off + 1)
        acc = np.zeros((nr, len(_THETAS)), dtype=np.int32)
        cols = np.broadcast_to(np.arange(len(_THETAS)), rbin.shape)
        np.add.at(acc, (rbin - off, cols), 1)
        # smooth across neighbouring rho bins so a slightly slanted thick line peaks once
        acc2 = acc + np.roll(acc, 1, axis=0)
        r_i, t_i = np.unravel_index(int(np.argmax(acc2)), acc2.shape)
        if acc2[r_i, t_i] < MIN_SEGMENT:
            break
        theta = float(_THETAS[t_i])
        r0 = float(r_i + off) - 0.5
        normal = np.array([math.cos(theta), math.sin(theta)])
        dist = np.abs(remaining @ normal - r0)
        near_idx = np.nonzero(dist <= tol + 1.0)[0]
        segs, used = _runs(
            remaining, near_idx, normal, r0, tol, mask, stroke, (tree, pts), max_gap, min_dashes
        )
        if not segs:
            failures += 1
            remaining = np.delete(remaining, near_idx, axis=0)
            continue
        found.extend(segs)
        remaining = np.delete(remaining, used, axis=0)
    return found


def _inked_along(
    mask: npt.NDArray[np.bool_], normal: npt.NDArray[np.float64], r0: float, tol: float,
    t0: float, t1: float,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Positions t from t0 to t1 along the line and whether ink lies within tol across it."""
    direction = np.array([-normal[1], normal[0]])
    base = normal * r0
    ts = np.arange(t0, t1 + 1.0, 1.0)
    offs = np.arange(-tol, tol + 0.01, 0.5)
    xy = base[None, None, :] + ts[:, None, None] * direction + offs[None, :, None] * normal
    xs = np.round(xy[..., 0]).astype(int)
    ys = np.round(xy[..., 1]).astype(int)
    h, w = mask.shape
    ok = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    vals = np.zeros(xs.shape, dtype=bool)
    vals[ok] = mask[ys[ok], xs[ok]]
    hit: npt.NDArray[np.bool_] = np.asarray(vals.any(axis=1), dtype=bool)
    return ts.astype(np.float64), hit


def _gaps_along(mask: npt.NDArray[np.bool_], seg: Segment, tol: float) -> int:
    """Breaks in the ink along the run's own fitted line, a break one sample long not counted:
    a thin slanted line is drawn as a staircase of pixel runs touching corner to corner, and
    the samples across it step through the corners, so a solid side looked dashed (train
    1040: two sides one pixel wide, a one-sample break every 8 px). A dash's gap is longer."""
    (ax, ay), (bx, by) = seg.a, seg.b
    n = seg.length or 1.0
    normal = np.array([-(by - ay) / n, (bx - ax) / n])
    direction = np.array([-normal[1], normal[0]])
    r0 = float(normal @ np.array([ax, ay]))
    t0, t1 = float(direction @ np.array([ax, ay])), float(direction @ np.array([bx, by]))
    _, hit = _inked_along(mask, normal, r0, tol, min(t0, t1), max(t0, t1))
    # a staircase's steps touch corner to corner: a break one sample long is no gap
    hole = np.zeros_like(hit)
    hole[1:-1] = ~hit[1:-1] & hit[:-2] & hit[2:]
    hit = hit | hole
    return int(np.sum(np.diff(hit.astype(int)) == 1))


def _runs(
    pts: Points, idx: npt.NDArray[np.intp], normal: npt.NDArray[np.float64], r0: float,
    tol: float, mask: npt.NDArray[np.bool_], stroke: float = 1.0,
    skeleton: tuple[object, Points] | None = None, max_gap: float = MAX_GAP, min_dashes: int = 3,
) -> tuple[list[Segment], npt.NDArray[np.intp]]:
    """Cut the line into runs of ink (short gaps bridged) and refit each run's skeleton."""
    if len(idx) == 0:
        return [], np.zeros(0, dtype=np.intp)
    direction = np.array([-normal[1], normal[0]])
    t = pts[idx] @ direction
    ts, inked = _inked_along(mask, normal, r0, tol, float(t.min()), float(t.max()))
    segs: list[Segment] = []
    used: list[npt.NDArray[np.intp]] = []
    # runs of ink, bridging gaps up to MAX_GAP
    on = np.nonzero(inked)[0]
    if on.size == 0:
        return [], np.zeros(0, dtype=np.intp)
    cuts = np.nonzero(np.diff(on) > max_gap)[0]
    starts = np.concatenate([[on[0]], on[cuts + 1]])
    ends = np.concatenate([on[cuts], [on[-1]]])
    for s0, e0 in zip(starts, ends):
        lo, hi = ts[s0], ts[e0]
        sel = (t >= lo - 0.5) & (t <= hi + 0.5)
        run = idx[sel]
        if len(run) < 2:
            continue
        tr = t[sel]
        span = float(tr.max() - tr.min())
        if span < MIN_SEGMENT or len(run) < 0.45 * span:
            continue
        seg = fit_segment(pts[run])
        if seg is None:
            continue
        if _bend(pts[run], seg) >= max(CURVED, 0.5 * stroke, CURVED_SHARE * seg.length):
            used.append(run)  # a curved stroke (an arrow to a label, an arc): no segment
            continue
        if skeleton is not None:
            along = _aligned(pts[run], seg, *skeleton)
            if along.mean() < ALIGNED:
                used.append(run)  # pieces of strokes crossing the line (arcs, hatching): no line
                continue
            # the longest piece running along the line bows off it (an angle arc, the line
            # picking up pieces of the arcs beside it): no line
            piece = _longest_piece(pts[run][along], seg)
            own = fit_segment(piece) if len(piece) >= 6 else None
            if own is not None and own.length >= PIECE_SHARE * seg.length and _bend(piece, own) >= max(
                CURVED, CURVED_SHARE * own.length
            ):
                used.append(run)
                continue
        gaps = int(np.sum(np.diff(inked[s0 : e0 + 1].astype(int)) == 1))
        if gaps >= min_dashes:
            gaps = min(gaps, _gaps_along(mask, seg, tol))
        segs.append(Segment(seg.a, seg.b, dashed=gaps >= min_dashes))
        used.append(run)
    if not used:
        return [], np.zeros(0, dtype=np.intp)
    return segs, np.concatenate(used)


def _aligned(p: Points, seg: Segment, tree: object, skel: Points) -> npt.NDArray[np.bool_]:
    """Which of the points have their skeleton running along the segment: the direction to
    their skeleton neighbours (within 3 px) is within ALIGNED_DEG of the segment's on average."""
    if tree is None or len(p) == 0:
        return np.ones(len(p), dtype=bool)
    k = min(9, len(skel))
    dist, idx = tree.query(p, k=k, distance_upper_bound=3.5)  # type: ignore[attr-defined]
    ok = np.isfinite(dist) & (dist > 0)
    idx = np.where(ok, idx, 0)
    off = skel[idx] - p[:, None, :]
    d = np.array(seg.direction())
    norm = np.hypot(off[..., 0], off[..., 1])
    sine = np.abs(off[..., 0] * d[1] - off[..., 1] * d[0]) / np.where(norm > 0, norm, 1.0)
    count = ok.sum(axis=1)
    mean = np.where(count > 0, (sine * ok).sum(axis=1) / np.maximum(count, 1), 0.0)
    return np.asarray(mean <= math.sin(math.radians(ALIGNED_DEG)), dtype=bool)


def _longest_piece(p: Points, seg: Segment) -> Points:
    """The longest unbroken piece of the points along the segment: in order along it, a piece
    ends where the next point lies more than PIECE_GAP pixels on or across."""
    if len(p) == 0:
        return p
    d = np.array(seg.direction())
    n = np.array([-d[1], d[0]])
    rel = p - np.array(seg.a)
    order = np.argsort(rel @ d)
    t, o = (rel @ d)[order], (rel @ n)[order]
    breaks = np.nonzero((np.diff(t) > PIECE_GAP) | (np.abs(np.diff(o)) > PIECE_GAP))[0]
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks + 1, [len(t)]])
    k = int(np.argmax([t[e - 1] - t[b] for b, e in zip(starts, ends)]))
    return p[order[starts[k] : ends[k]]]


def _bend(p: Points, seg: Segment) -> float:
    """How far the points bow away from the segment's chord (pixels): the sagitta of the
    parabola fitted across the segment."""
    if len(p) < 6 or seg.length < 1:
        return 0.0
    d = np.array(seg.direction())
    n = np.array([-d[1], d[0]])
    rel = p - np.array(seg.a)
    t, o = rel @ d, rel @ n
    if float(t.max() - t.min()) < 1:
        return 0.0
    c = np.polyfit(t, o, 2)
    return float(abs(c[0]) * (seg.length / 2) ** 2)


def fit_segment(p: Points) -> Segment | None:
    """Total least squares line through the points, cut at their extreme projections."""
    mean = p.mean(axis=0)
    _, _, vt = np.linalg.svd(p - mean, full_matrices=False)
    d = vt[0]
    t = (p - mean) @ d
    lo, hi = float(t.min()), float(t.max())
    if hi - lo < MIN_SEGMENT:
        return None
    a = mean + lo * d
    b = mean + hi * d
    return Segment((float(a[0]), float(a[1])), (float(b[0]), float(b[1])))
