"""Place text in a figure where it collides least: point names, lengths, angle and arc measures.

A label has candidate centres, each with a preference cost; ``place`` measures the text with
Cairo, scores every candidate against what is already drawn (``Ink``: segments, circles, boxes)
and the canvas edge, draws the cheapest and records its box so later labels avoid it.
"""

from __future__ import annotations

import math

from recode_dsl import scene as s
from recode_dsl.renderer.canvas import show_text, text_box
from recode_dsl.renderer.geo_draw import Box, Ink, Pen
from recode_dsl.renderer.geo_space import XY
from recode_dsl.renderer.geo_text import quantity_text

Candidate = tuple[XY, XY, float]  # anchor point, unit direction to push the box along, preference cost
_SEGMENT_HIT, _CIRCLE_HIT, _BOX_HIT, _OUTSIDE, _NEAR_POINT = 3.0, 2.5, 6.0, 12.0, 1.2


def place(pen: Pen, text: str, candidates: list[Candidate], gap: float, size: float) -> Box:
    """Draw ``text`` at the best candidate: its box touches ``anchor + gap * direction``."""
    tb = text_box(pen.ctx, text, size)
    w, h = tb.width + 2, tb.height + 2
    best: tuple[float, Box] | None = None
    for anchor, u, pref in candidates:
        c = _centre(anchor, u, gap, w, h)
        box = (c[0] - w / 2, c[1] - h / 2, c[0] + w / 2, c[1] + h / 2)
        cost = pref + box_cost(box, pen.ink, pen.frame.width, pen.frame.height, 0.7 * pen.style.font)
        if best is None or cost < best[0]:
            best = (cost, box)
            if cost == 0:
                break
    assert best is not None
    box = best[1]
    pen.ctx.set_source_rgb(*pen.style.text)
    show_text(pen.ctx, text, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, size)
    pen.ink.boxes.append(box)
    return box


def _centre(anchor: XY, u: XY, gap: float, w: float, h: float) -> XY:
    """The centre of a w x h box pushed from ``anchor`` along ``u`` until it is ``gap`` away."""
    ex = w / 2 / abs(u[0]) if abs(u[0]) > 1e-9 else math.inf
    ey = h / 2 / abs(u[1]) if abs(u[1]) > 1e-9 else math.inf
    d = gap + min(ex, ey)
    return (anchor[0] + u[0] * d, anchor[1] + u[1] * d)


def box_cost(box: Box, ink: Ink, width: int, height: int, keep_out: float = 0.0) -> float:
    """How badly a text box collides with the drawing, the canvas edge and the points' label room."""
    x0, y0, x1, y1 = box
    cost = 0.0
    for px, py in ink.points:
        if math.hypot(max(x0 - px, 0.0, px - x1), max(y0 - py, 0.0, py - y1)) < keep_out:
            cost += _NEAR_POINT
    if x0 < 0 or y0 < 0 or x1 > width or y1 > height:
        cost += _OUTSIDE
    for sx0, sy0, sx1, sy1 in ink.segments:
        if max(sx0, sx1) < x0 or min(sx0, sx1) > x1 or max(sy0, sy1) < y0 or min(sy0, sy1) > y1:
            continue
        if _segment_hits(sx0, sy0, sx1, sy1, box):
            cost += _SEGMENT_HIT
    for cx, cy, r in ink.circles:
        dx = max(x0 - cx, 0.0, cx - x1)
        dy = max(y0 - cy, 0.0, cy - y1)
        far = math.hypot(max(abs(cx - x0), abs(cx - x1)), max(abs(cy - y0), abs(cy - y1)))
        if math.hypot(dx, dy) <= r <= far:
            cost += _CIRCLE_HIT
    for bx0, by0, bx1, by1 in ink.boxes:
        if bx0 < x1 and x0 < bx1 and by0 < y1 and y0 < by1:
            cost += _BOX_HIT
    return cost


def _segment_hits(ax: float, ay: float, bx: float, by: float, box: Box) -> bool:
    """Liang-Barsky on t in [0, 1]."""
    dx, dy = bx - ax, by - ay
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, ax - box[0]), (dx, box[2] - ax), (-dy, ay - box[1]), (dy, box[3] - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def directions_at(p: XY, ink: Ink, near: float = 1.5) -> list[float]:
    """Pixel angles of the strokes leaving point ``p``: segment ends, segments through it, circles."""
    out: list[float] = []
    for ax, ay, bx, by in ink.segments:
        da, db = math.hypot(p[0] - ax, p[1] - ay), math.hypot(p[0] - bx, p[1] - by)
        length = math.hypot(bx - ax, by - ay)
        if length < 1e-9:
            continue
        toward_b, toward_a = math.atan2(by - ay, bx - ax), math.atan2(ay - by, ax - bx)
        if da < near:
            out.append(toward_b)
        elif db < near:
            out.append(toward_a)
        elif abs((bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)) / length < near and da + db < length + near:
            out += [toward_a, toward_b]
    for cx, cy, r in ink.circles:
        if abs(math.hypot(p[0] - cx, p[1] - cy) - r) < near:
            t = math.atan2(p[1] - cy, p[0] - cx)
            out += [t + math.pi / 2, t - math.pi / 2]
    return out


def _angle_gap(theta: float, dirs: list[float]) -> float:
    return min((abs((theta - d + math.pi) % (2 * math.pi) - math.pi) for d in dirs), default=math.pi)


def point_labels(pen: Pen, centre: XY) -> None:
    """Name every point, in the widest free direction, preferring away from the figure's centre."""
    size = pen.style.font
    for point in pen.fig.points:
        p = pen.px(point.name)
        dirs = directions_at(p, pen.ink)
        out = math.atan2(p[1] - centre[1], p[0] - centre[0])
        cands: list[Candidate] = []
        for k in range(16):
            theta = k * math.pi / 8
            pref = 2.0 * max(0.0, 1.0 - _angle_gap(theta, dirs) / (math.pi / 4))
            pref += 0.6 * (1 - math.cos(theta - out)) / 2
            cands.append((p, (math.cos(theta), math.sin(theta)), pref))
        cands.sort(key=lambda c: c[2])
        place(pen, point.name, cands, pen.style.dot + 0.2 * size, size)


def length_labels(pen: Pen, centre: XY) -> None:
    """Print ``length(A, B) = q`` beside the segment AB."""
    for seg, q in length_equations(pen.fig):
        if seg.a not in pen.space.pos or seg.b not in pen.space.pos:
            continue
        a, b = pen.px(seg.a), pen.px(seg.b)
        d = math.hypot(b[0] - a[0], b[1] - a[1])
        if d < 1e-9:
            continue
        n = (-(b[1] - a[1]) / d, (b[0] - a[0]) / d)
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        outward = 1.0 if (mid[0] - centre[0]) * n[0] + (mid[1] - centre[1]) * n[1] >= 0 else -1.0
        cands: list[Candidate] = []
        for t, tcost in ((0.5, 0.0), (0.35, 0.4), (0.65, 0.4), (0.2, 1.0), (0.8, 1.0)):
            anchor = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
            for side, scost in ((outward, 0.0), (-outward, 0.5)):
                cands.append((anchor, (side * n[0], side * n[1]), tcost + scost))
        cands.sort(key=lambda c: c[2])
        place(pen, quantity_text(q), cands, pen.style.font * 0.3, pen.style.font * 0.9)


def length_equations(fig: s.Figure) -> list[tuple[s.Seg, s.Quantity]]:
    """(segment, value) for every equation ``length(segment) = value`` whose value is not a length."""
    out: list[tuple[s.Seg, s.Quantity]] = []
    for eq in fig.equations:
        for lhs, rhs in ((eq.lhs, eq.rhs), (eq.rhs, eq.lhs)):
            if _is_length(lhs) and not _is_length(rhs) and not isinstance(rhs, s.Measure):
                assert isinstance(lhs, s.Measure) and isinstance(lhs.args[0], s.Seg)
                out.append((lhs.args[0], rhs))
                break
    return out


def _is_length(q: object) -> bool:
    return isinstance(q, s.Measure) and q.fn == "length" and len(q.args) == 1 and isinstance(q.args[0], s.Seg)
