"""Place text in a figure where it collides least: point names, lengths, angle and arc measures.

A label has candidate centres, each with a preference cost; ``place`` measures the text with
Cairo, scores every candidate against what is already drawn (``Ink``: segments, circles, boxes)
and the canvas edge, draws the cheapest and records its box so later labels avoid it.
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from recode_dsl import registry
from recode_dsl import scene as s
from recode_dsl.renderer.canvas import show_text, text_box
from recode_dsl.renderer.geo_draw import Box, Ink, Pen
from recode_dsl.renderer.geo_space import XY
from recode_dsl.renderer.geo_text import quantity_text

Candidate = tuple[XY, XY, float]  # anchor point, unit direction to push the box along, preference cost
_SEGMENT_HIT, _CIRCLE_HIT, _BOX_HIT, _OUTSIDE, _NEAR_POINT = 3.0, 2.5, 6.0, 12.0, 1.2


def place(pen: Pen, text: str, candidates: list[Candidate], gap: float, size: float,
          keep_out: float | None = None) -> Box:
    """Draw ``text`` at the best candidate: its box touches ``anchor + gap * direction``.

    ``keep_out``: how far from every point the box should stay (room for the points' names;
    default 0.7 font sizes)."""
    tb = text_box(pen.ctx, text, size)
    w, h = tb.width + 2, tb.height + 2
    centres = np.array([_centre(anchor, u, gap, w, h) for anchor, u, _ in candidates])
    boxes = np.concatenate([centres - (w / 2, h / 2), centres + (w / 2, h / 2)], axis=1)
    costs = np.array([pref for _, _, pref in candidates])
    keep = 0.7 * pen.style.font if keep_out is None else keep_out
    costs += box_costs(boxes, pen.ink, pen.frame.width, pen.frame.height, keep)
    x0, y0, x1, y1 = boxes[int(np.argmin(costs))].tolist()  # the first of equal costs: the preferred one
    # a label too long for any candidate slides back onto the canvas rather than being cut off
    dx = max(0.0, -x0) - max(0.0, x1 - pen.frame.width) if w <= pen.frame.width else 0.0
    dy = max(0.0, -y0) - max(0.0, y1 - pen.frame.height) if h <= pen.frame.height else 0.0
    x0, x1, y0, y1 = x0 + dx, x1 + dx, y0 + dy, y1 + dy
    pen.ctx.set_source_rgb(*pen.style.text)
    show_text(pen.ctx, text, (x0 + x1) / 2, (y0 + y1) / 2, size)
    pen.ink.boxes.append((x0, y0, x1, y1))
    return (x0, y0, x1, y1)


def _centre(anchor: XY, u: XY, gap: float, w: float, h: float) -> XY:
    """The centre of a w x h box pushed from ``anchor`` along ``u`` until it is ``gap`` away."""
    ex = w / 2 / abs(u[0]) if abs(u[0]) > 1e-9 else math.inf
    ey = h / 2 / abs(u[1]) if abs(u[1]) > 1e-9 else math.inf
    d = gap + min(ex, ey)
    return (anchor[0] + u[0] * d, anchor[1] + u[1] * d)


def box_cost(box: Box, ink: Ink, width: int, height: int, keep_out: float = 0.0) -> float:
    """How badly one text box collides with the drawing, the canvas edge and the points' label room."""
    return float(box_costs(np.array([box], dtype=float), ink, width, height, keep_out)[0])


def box_costs(boxes: np.ndarray, ink: Ink, width: int, height: int, keep_out: float = 0.0) -> np.ndarray:
    """``box_cost`` of N boxes (an N x 4 array of x0, y0, x1, y1) at once."""
    x0, y0, x1, y1 = (boxes[:, i:i + 1] for i in range(4))
    cost = _OUTSIDE * ((x0 < 0) | (y0 < 0) | (x1 > width) | (y1 > height))[:, 0]
    if ink.points:
        px, py = np.array(ink.points).T
        dx, dy = np.maximum(np.maximum(x0 - px, px - x1), 0), np.maximum(np.maximum(y0 - py, py - y1), 0)
        cost += _NEAR_POINT * (np.hypot(dx, dy) < keep_out).sum(axis=1)
    if ink.segments:
        cost += _SEGMENT_HIT * _segments_hit(np.array(ink.segments).T, x0, y0, x1, y1).sum(axis=1)
    if ink.circles:
        cx, cy, r = np.array(ink.circles).T
        near = np.hypot(np.maximum(np.maximum(x0 - cx, cx - x1), 0), np.maximum(np.maximum(y0 - cy, cy - y1), 0))
        far = np.hypot(np.maximum(abs(cx - x0), abs(cx - x1)), np.maximum(abs(cy - y0), abs(cy - y1)))
        cost += _CIRCLE_HIT * ((near <= r) & (r <= far)).sum(axis=1)
    if ink.boxes:
        bx0, by0, bx1, by1 = np.array(ink.boxes).T
        cost += _BOX_HIT * ((bx0 < x1) & (x0 < bx1) & (by0 < y1) & (y0 < by1)).sum(axis=1)
    return cost  # type: ignore[no-any-return]


def _segments_hit(seg: np.ndarray, x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """Liang-Barsky for every (box, segment) pair: True where the segment enters the box."""
    ax, ay, bx, by = seg
    dx, dy = bx - ax, by - ay
    lo = np.zeros((x0.shape[0], ax.shape[0]))
    hi = np.ones_like(lo)
    ok = np.ones(lo.shape, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
            t = q / p
            ok &= (p != 0) | (q >= 0)
            lo = np.where(p < 0, np.maximum(lo, t), lo)
            hi = np.where(p > 0, np.minimum(hi, t), hi)
    return ok & (lo <= hi)  # type: ignore[no-any-return]


def passes_through(seg: tuple[float, float, float, float], p: XY, near: float = 1.5) -> bool:
    """True when point ``p`` lies on the segment, away from both of its ends."""
    ax, ay, bx, by = seg
    length = math.hypot(bx - ax, by - ay)
    da, db = math.hypot(p[0] - ax, p[1] - ay), math.hypot(p[0] - bx, p[1] - by)
    if length < 1e-9 or min(da, db) < near:
        return False
    return abs((bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)) / length < near and da + db < length + near


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
    hidden = {g.name for g in pen.fig.unlabeled if isinstance(g, s.Pt)}
    for point in pen.fig.points:
        if point.name in hidden:
            continue
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
    """Print ``length(A, B) = q`` beside the segment AB; across a labelled piece, on a dimension line."""
    hidden = {frozenset((g.a, g.b)) for g in pen.fig.unlabeled if isinstance(g, s.Seg)}
    labelled = [(pen.px(seg.a), pen.px(seg.b), q) for seg, q in length_equations(pen.fig)
                if seg.a in pen.space.pos and seg.b in pen.space.pos and frozenset((seg.a, seg.b)) not in hidden]
    for a, b, q in labelled:
        d = math.hypot(b[0] - a[0], b[1] - a[1])
        if d < 1e-9:
            continue
        n = (-(b[1] - a[1]) / d, (b[0] - a[0]) / d)
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        outward = 1.0 if (mid[0] - centre[0]) * n[0] + (mid[1] - centre[1]) * n[1] >= 0 else -1.0
        if any(_piece_of((c, e), (a, b)) for c, e, _ in labelled):
            dimension_line(pen, a, b, (outward * n[0], outward * n[1]), length_text(pen.fig, q))
            continue
        cands: list[Candidate] = []
        for t, tcost in ((0.5, 0.0), (0.35, 0.4), (0.65, 0.4), (0.2, 1.0), (0.8, 1.0)):
            anchor = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
            for side, scost in ((outward, 0.0), (-outward, 0.5)):
                cands.append((anchor, (side * n[0], side * n[1]), tcost + scost))
        cands.sort(key=lambda c: c[2])
        place(pen, length_text(pen.fig, q), cands, pen.style.font * 0.3, pen.style.font * 0.9)


def length_text(fig: s.Figure, q: s.Quantity) -> str:
    """A length's label; a length written with a unit (``6 in``) is printed as written, unit and all."""
    unit = q.unit if isinstance(q, s.Const) else None
    if unit is None or unit not in registry.LENGTH_UNITS or fig.length_unit is None:
        return quantity_text(q)
    base, written = registry.LENGTH_UNITS[fig.length_unit][1], registry.LENGTH_UNITS[unit][1]
    value = q.value  # type: ignore[union-attr]
    if base is not None and written is not None and base != written:
        value = sympy.Rational(value) * sympy.Rational(base.numerator * written.denominator,
                                                       base.denominator * written.numerator)
    return f"{quantity_text(s.Const(value))} {unit}"


def _piece_of(piece: tuple[XY, XY], whole: tuple[XY, XY]) -> bool:
    """True when ``piece`` is a shorter part of segment ``whole``: both its ends lie on it."""
    (a, b), length = whole, math.hypot(whole[1][0] - whole[0][0], whole[1][1] - whole[0][1])
    size = math.hypot(piece[1][0] - piece[0][0], piece[1][1] - piece[0][1])
    if size > length - 2.0:
        return False
    for p in piece:
        if math.hypot(p[0] - a[0], p[1] - a[1]) + math.hypot(p[0] - b[0], p[1] - b[1]) > length + 0.05:
            return False
    return True


def dimension_line(pen: Pen, a: XY, b: XY, n: XY, text: str) -> None:
    """A measurement line beside ab, on the side ``n``, with arrowheads and the text in a gap."""
    from recode_dsl.renderer.geo_draw import arrowhead

    f = pen.style.font
    off = 1.1 * f
    p0, p1 = (a[0] + n[0] * off, a[1] + n[1] * off), (b[0] + n[0] * off, b[1] + n[1] * off)
    ctx = pen.ctx
    ctx.save()
    ctx.set_source_rgb(*pen.style.ink)
    ctx.set_line_width(pen.style.line * 0.7)
    for end in (a, b):  # extension lines from the segment's ends past the measurement line
        ctx.move_to(end[0] + n[0] * 0.3 * f, end[1] + n[1] * 0.3 * f)
        ctx.line_to(end[0] + n[0] * (off + 0.3 * f), end[1] + n[1] * (off + 0.3 * f))
    ctx.move_to(*p0)
    ctx.line_to(*p1)
    ctx.stroke()
    d = (p1[0] - p0[0], p1[1] - p0[1])
    arrowhead(ctx, p1, d, 0.45 * f)
    arrowhead(ctx, p0, (-d[0], -d[1]), 0.45 * f)
    pen.ink.segments.append((p0[0], p0[1], p1[0], p1[1]))
    size = 0.9 * f
    tb = text_box(ctx, text, size)
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
    box = (mx - tb.width / 2 - 3, my - tb.height / 2 - 3, mx + tb.width / 2 + 3, my + tb.height / 2 + 3)
    ctx.set_source_rgb(1, 1, 1)  # a gap in the line for the text
    ctx.rectangle(box[0], box[1], box[2] - box[0], box[3] - box[1])
    ctx.fill()
    ctx.set_source_rgb(*pen.style.text)
    show_text(ctx, text, mx, my, size)
    ctx.restore()
    pen.ink.boxes.append(box)


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
