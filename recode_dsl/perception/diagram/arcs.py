"""Angle arcs: the arcs drawn across an angle at its vertex, and the equal angles they mark.

Rules of drawing: an angle is marked by one to four concentric arcs centred on its vertex,
drawn across it from one ray to the other, close to the vertex; angles carrying the same number
of arcs are equal. A single arc also marks an angle whose measure or number is printed (it only
shows which angle the label means), so single arcs state equality only between angles that carry
no label; two or three arcs always state it.

Reading: the ink left once the figure's strokes (its lines and circles, each a band a stroke
and a half wide) and its labels are taken away is scanned along several directions inside the
angle, out from the vertex; an arc is crossed at about the same distance on every direction
(within ARC_SPREAD of its radius), and its crossings are thin (ARC_THICK strokes at most).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from recode_dsl.perception.diagram import facts as fx
from recode_dsl.perception.diagram.reader import Diagram
from recode_dsl.perception.diagram.texts import Text
from recode_dsl.perception.text import runs_of

# Directions scanned inside an angle (evenly between its rays, the outer fifth of each side left
# out); an arc is crossed on at least ARC_SHARE of those that are clear of the rays' ink.
SCAN_DIRECTIONS = 9
SCAN_MARGIN = 0.2
ARC_SHARE = 0.8
# An arc's crossings lie within this share of its radius (and ARC_SPREAD_PX pixels) of their
# median distance; each is at most ARC_THICK strokes (and 2 pixels) thick.
ARC_SPREAD = 0.08
ARC_SPREAD_PX = 1.5
ARC_THICK = 2.0
# An arc's radius is at least ARC_MIN strokes (and 3 pixels), at most ARC_REACH of the shorter
# ray and ARC_MAX of the image's longer side (and ARC_MAX_PX pixels).
ARC_MIN = 2.0
ARC_REACH = 0.6
ARC_MAX = 0.1
ARC_MAX_PX = 25.0
# At most this many arcs mark one angle.
MOST_ARCS = 4

Xy = tuple[float, float]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Marked:
    """An angle (a, vertex, b) marked by ``count`` concentric arcs of these radii."""

    angle: tuple[int, int, int]
    count: int
    radii: tuple[float, ...]


def free_ink(diagram: Diagram, ink: Mask, texts: list[Text]) -> Mask:
    """The ink off the figure's strokes and labels: marks, arcs, unread text."""
    out: Mask = np.array(ink, dtype=bool)
    h, w = ink.shape
    for t in texts:
        if t.kind == "other":
            continue
        x0, y0, x1, y1 = t.box
        out[max(0, y0 - 1) : max(0, y1 + 1), max(0, x0 - 1) : max(0, x1 + 1)] = False
    ys, xs = np.nonzero(out)
    if len(xs) == 0:
        return out
    pts = np.stack([xs, ys], axis=1).astype(np.float64)
    drop = np.zeros(len(pts), dtype=bool)
    tol = 0.75 * diagram.stroke + 1.0
    for sg in diagram.segments:
        d = np.array(sg.direction())
        rel = pts - np.array(sg.a)
        u = rel @ d
        off = np.abs(rel[:, 0] * d[1] - rel[:, 1] * d[0])
        drop |= (off <= tol) & (u >= -tol) & (u <= sg.length + tol)
    for ring in diagram.circles:
        c = diagram.points[ring.centre].xy
        drop |= np.abs(np.hypot(pts[:, 0] - c[0], pts[:, 1] - c[1]) - ring.radius) <= tol + 0.5
    out[ys[drop], xs[drop]] = False
    return out


def _runs(profile: npt.NDArray[np.bool_], radii: npt.NDArray[np.float64]) -> list[tuple[float, float]]:
    """The inked runs of a radial profile: (start, end) distances."""
    return [(float(radii[a]), float(radii[b - 1])) for a, b in runs_of(profile)]


def arcs_in(
    free: Mask, v: Xy, a0: float, span: float, r_lo: float, r_hi: float, stroke: float
) -> list[float]:
    """The radii of the arcs centred at v drawn across the angle from direction a0 (radians)
    counter-clockwise by ``span`` (y down: clockwise on screen)."""
    if r_hi - r_lo < 2.0:
        return []
    h, w = free.shape
    radii = np.arange(r_lo, r_hi, 0.5)
    clear = 0.5 * stroke + 1.5  # a sample this far off both rays is off their ink
    thick = ARC_THICK * stroke + 2.0
    crossings: list[list[float]] = []
    for f in np.linspace(SCAN_MARGIN, 1.0 - SCAN_MARGIN, SCAN_DIRECTIONS):
        th = a0 + f * span
        # the nearest distance along this direction that is off both rays' ink
        off = min(f, 1.0 - f) * span
        start = clear / max(math.sin(off), 1e-6) if off < math.pi / 2 else clear
        xs = np.round(v[0] + radii * math.cos(th)).astype(int)
        ys = np.round(v[1] + radii * math.sin(th)).astype(int)
        inside = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
        prof = np.zeros(len(radii), dtype=bool)
        prof[inside] = free[ys[inside], xs[inside]]
        if start >= r_hi:
            continue
        prof[radii < start] = False
        runs = _runs(prof, radii)
        if any(e - s > thick for s, e in runs):
            crossings.append([])  # a wide blob (a label, a fill) across this direction
            continue
        crossings.append([(s + e) / 2 for s, e in runs if s > start])
    if len(crossings) < 0.6 * SCAN_DIRECTIONS:
        return []
    need = ARC_SHARE * len(crossings)
    mids = sorted(m for c in crossings for m in c)
    found: list[float] = []
    for m in mids:
        if any(abs(m - r) <= ARC_SPREAD_PX + ARC_SPREAD * r for r in found):
            continue
        tol = ARC_SPREAD_PX + ARC_SPREAD * m
        near = [min(c, key=lambda x: abs(x - m)) for c in crossings if c and min(abs(x - m) for x in c) <= 2 * tol]
        if len(near) < need:
            continue
        centre = float(np.median(near))
        hits = sum(1 for c in crossings if any(abs(x - centre) <= tol for x in c))
        if hits >= need and not any(abs(centre - r) <= tol for r in found):
            found.append(centre)
    return sorted(found)


def marked_angles(diagram: Diagram, ink: Mask, texts: list[Text]) -> list[Marked]:
    """Every angle between two neighbouring rays at a point that carries one to three arcs."""
    free = free_ink(diagram, ink, texts)
    stroke = max(diagram.stroke, 1.0)
    size = max(diagram.width, diagram.height)
    out: list[Marked] = []
    for v in range(len(diagram.points)):
        rs = sorted(fx.rays(diagram, v))
        if len(rs) < 2:
            continue
        vx, vy = diagram.points[v].xy
        centred = [r.radius for r in diagram.circles if r.centre == v]
        pairs = range(len(rs)) if len(rs) > 2 else range(1)
        for i in pairs:
            a0, p0 = rs[i]
            a1, p1 = rs[(i + 1) % len(rs)]
            span = (a1 - a0) % (2 * math.pi)
            if len(rs) == 2 and span > math.pi:
                a0, p0, a1, p1 = a1, p1, a0, p0
                span = 2 * math.pi - span
            if not 0.12 < span < math.pi - 0.05 or p0 == p1:
                continue
            shorter = min(math.dist((vx, vy), diagram.points[p].xy) for p in (p0, p1))
            r_hi = min(ARC_REACH * shorter, max(ARC_MAX_PX, ARC_MAX * size))
            r_lo = max(3.0, ARC_MIN * stroke)
            radii = [
                r for r in arcs_in(free, (vx, vy), a0, span, r_lo, r_hi, stroke)
                if not any(abs(r - c) <= 2.0 * stroke + 2.0 for c in centred)
            ]
            if 1 <= len(radii) <= MOST_ARCS:
                out.append(Marked((p0, v, p1), len(radii), tuple(radii)))
    return out


def equal_angles(
    diagram: Diagram, ink: Mask, texts: list[Text], facts: list[fx.Fact]
) -> list[fx.Fact]:
    """Angles carrying the same number of arcs are equal (``equal_angle`` facts: a, v, b, c, w,
    d). ``facts`` are the facts read so far: an angle with a printed measure or number, or a
    right angle, counts with a single arc only as a label's mark."""
    labelled: set[tuple[int, frozenset[int]]] = set()
    square: list[tuple[int, int, int]] = []
    for f in facts:
        if f.kind in ("angle", "angle_label"):
            labelled.add((f.points[1], frozenset((f.points[0], f.points[2]))))
        elif f.kind == "perpendicular" and f.points[0] == f.points[2]:
            square.append((f.points[1], f.points[0], f.points[3]))
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for m in marked_angles(diagram, ink, texts):
        a, v, b = m.angle
        if any(_within(diagram, m.angle, r) for r in square):
            continue  # the sides of a right angle's square, across the lines inside it
        if m.count == 1 and (v, frozenset((a, b))) in labelled:
            continue
        groups.setdefault(m.count, []).append(m.angle)
    out: list[fx.Fact] = []
    for group in groups.values():
        for p, q in zip(group, group[1:]):
            out.append(fx.Fact("equal_angle", (*p, *q)))
    return out


def _within(diagram: Diagram, angle: tuple[int, int, int], outer: tuple[int, int, int]) -> bool:
    """Angle (a, v, b) lies inside angle (c, v, d) at the same vertex (neither reflex)."""
    a, v, b = angle
    c, w, d = outer
    if v != w:
        return False
    vx, vy = diagram.points[v].xy

    def direction(p: int) -> float:
        x, y = diagram.points[p].xy
        return math.atan2(y - vy, x - vx)

    lo, hi = direction(c), direction(d)
    span = (hi - lo) % (2 * math.pi)
    if span > math.pi:
        lo, span = hi, 2 * math.pi - span
    return all((direction(p) - lo + 0.03) % (2 * math.pi) <= span + 0.06 for p in (a, b))
