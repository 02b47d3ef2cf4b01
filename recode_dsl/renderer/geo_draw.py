"""Stroke a figure's shapes: segments, clipped lines and rays, circles, arcs, polygons, sectors.

Every handler draws in pixels through the ``Frame`` and records what it drew in ``Ink`` (pixel
segments and circles), which later places labels and marks away from the lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import cairo

from recode_dsl import scene as s
from recode_dsl.renderer.geo_space import XY, Frame, Space, circumcircle

RGB = tuple[float, float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels
if TYPE_CHECKING:
    Ctx = cairo.Context[cairo.Surface]
else:
    Ctx = cairo.Context


@dataclass(frozen=True, slots=True)
class Style:
    """Sizes in pixels and colours, scaled to the canvas."""

    line: float
    font: float
    dot: float
    mark: float  # angle-arc radius
    ink: RGB = (0.08, 0.08, 0.12)
    shade: RGB = (0.75, 0.82, 0.92)
    text: RGB = (0.0, 0.0, 0.0)

    @classmethod
    def for_canvas(cls, width: int, height: int) -> Style:
        font = min(24.0, max(11.0, 0.056 * max(width, height)))
        return cls(line=max(1.0, font / 8), font=font, dot=max(1.5, font / 6.5), mark=max(8.0, 1.2 * font))


@dataclass
class Ink:
    """What has been drawn, in pixels, for placing labels: segments, circles and text boxes."""

    segments: list[tuple[float, float, float, float]] = field(default_factory=list)
    circles: list[tuple[float, float, float]] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    points: list[XY] = field(default_factory=list)  # named points: labels keep a little away


@dataclass(frozen=True, slots=True)
class Pen:
    """Everything a handler needs."""

    ctx: Ctx
    fig: s.Figure
    space: Space
    frame: Frame
    style: Style
    ink: Ink

    def px(self, name: str) -> XY:
        return self.frame.px(self.space.pos[name])


def draw_shapes(pen: Pen) -> None:
    """Stroke every shape of the figure in program order."""
    pen.ctx.set_source_rgb(*pen.style.ink)
    pen.ctx.set_line_width(pen.style.line)
    pen.ctx.set_line_join(cairo.LINE_JOIN_ROUND)
    pen.ctx.set_line_cap(cairo.LINE_CAP_ROUND)
    for shape in pen.fig.shapes:
        _draw_geo(pen, shape.value)
    for geo in implied_strokes(pen.fig):
        _draw_geo(pen, geo)


# Relations whose lines a textbook figure always shows: drawn even when no statement draws them.
DRAWN_BY_RELATION = ("chord", "diameter", "radius", "tangent", "median", "altitude", "midsegment",
                     "perpendicular_bisector", "bisects")


def implied_strokes(fig: s.Figure) -> list[s.Seg | s.Ln | s.Ray]:
    """The segments, lines and rays named by ``DRAWN_BY_RELATION`` relations that no shape draws.

    >>> fig = s.Figure(None, (), (), (s.Relation("chord", (s.Seg("A", "B"), s.Circ("O"))),), (), ())
    >>> implied_strokes(fig)
    [Seg(a='A', b='B')]
    """
    drawn: set[object] = set()
    for sh in fig.shapes:
        g = sh.value
        if isinstance(g, s.Seg):
            drawn.add(frozenset((g.a, g.b)))
        elif isinstance(g, s.Poly):
            v = g.vertices
            drawn.update(frozenset((v[i], v[(i + 1) % len(v)])) for i in range(len(v)))
        elif isinstance(g, (s.Ln, s.Ray)):
            drawn.add(frozenset((g.a, g.b)))
    out: list[s.Seg | s.Ln | s.Ray] = []
    for rel in fig.relations:
        line = rel.args[0] if rel.name in DRAWN_BY_RELATION and rel.args else None
        if isinstance(line, (s.Seg, s.Ln, s.Ray)):
            key = frozenset((line.a, line.b))  # any stroke through the same two points shows it
            if key not in drawn:
                drawn.add(key)
                out.append(line)
    return out


def _draw_geo(pen: Pen, geo: object) -> None:
    handler = HANDLERS.get(type(geo))
    if handler is not None:
        handler(pen, geo)


def segment(pen: Pen, a: XY, b: XY) -> None:
    pen.ctx.move_to(*a)
    pen.ctx.line_to(*b)
    pen.ctx.stroke()
    pen.ink.segments.append((a[0], a[1], b[0], b[1]))


def _seg(pen: Pen, g: s.Seg) -> None:
    segment(pen, pen.px(g.a), pen.px(g.b))


def _poly(pen: Pen, g: s.Poly) -> None:
    pts = [pen.px(v) for v in g.vertices]
    pen.ctx.move_to(*pts[0])
    for p in pts[1:]:
        pen.ctx.line_to(*p)
    pen.ctx.close_path()
    pen.ctx.stroke()
    for a, b in zip(pts, pts[1:] + pts[:1]):
        pen.ink.segments.append((a[0], a[1], b[0], b[1]))


def _line(pen: Pen, g: s.Ln) -> None:
    _clipped(pen, pen.px(g.a), pen.px(g.b), -math.inf, arrows=(True, True))


def _ray(pen: Pen, g: s.Ray) -> None:
    _clipped(pen, pen.px(g.a), pen.px(g.b), 0.0, arrows=(False, True))


def _clipped(pen: Pen, a: XY, b: XY, t_min: float, arrows: tuple[bool, bool]) -> None:
    """The line a + t (b - a), t >= t_min, cut to the canvas less a small inset, with arrowheads."""
    inset = pen.style.line * 3
    box = (inset, inset, pen.frame.width - inset, pen.frame.height - inset)
    span = clip_line(a, (b[0] - a[0], b[1] - a[1]), box, t_min)
    if span is None:
        return
    d = (b[0] - a[0], b[1] - a[1])
    p0 = (a[0] + span[0] * d[0], a[1] + span[0] * d[1])
    p1 = (a[0] + span[1] * d[0], a[1] + span[1] * d[1])
    segment(pen, p0, p1)
    if arrows[1]:
        arrowhead(pen.ctx, p1, d, pen.style.font * 0.45)
    if arrows[0] and span[0] > t_min:
        arrowhead(pen.ctx, p0, (-d[0], -d[1]), pen.style.font * 0.45)


def clip_line(a: XY, d: XY, box: Box, t_min: float = -math.inf) -> tuple[float, float] | None:
    """Liang-Barsky: the range of t with a + t d inside ``box``, t >= t_min; None when outside."""
    lo, hi = t_min, math.inf
    for p, q in ((-d[0], a[0] - box[0]), (d[0], box[2] - a[0]), (-d[1], a[1] - box[1]), (d[1], box[3] - a[1])):
        if abs(p) < 1e-12:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
    return (lo, hi) if lo < hi and math.isfinite(lo) and math.isfinite(hi) else None


def arrowhead(ctx: Ctx, tip: XY, d: XY, size: float) -> None:
    """A filled arrowhead at ``tip`` pointing along ``d``."""
    n = math.hypot(*d) or 1.0
    ux, uy = d[0] / n, d[1] / n
    bx, by = tip[0] - ux * size, tip[1] - uy * size
    ctx.move_to(*tip)
    ctx.line_to(bx - uy * size * 0.45, by + ux * size * 0.45)
    ctx.line_to(bx + uy * size * 0.45, by - ux * size * 0.45)
    ctx.close_path()
    ctx.fill()


def _circle(pen: Pen, g: s.Circ) -> None:
    c = pen.space.circle(g)
    if c is None:
        return
    cx, cy = pen.frame.px((c[0], c[1]))
    r = c[2] * pen.frame.scale
    pen.ctx.new_sub_path()
    pen.ctx.arc(cx, cy, r, 0, 2 * math.pi)
    pen.ctx.stroke()
    pen.ink.circles.append((cx, cy, r))


def world_arc(pen: Pen, cx: float, cy: float, r: float, t0: float, sweep: float) -> None:
    """Stroke the world arc from angle t0 counter-clockwise by ``sweep`` (y-up), as pixels (y-down)."""
    px, py = pen.frame.px((cx, cy))
    pen.ctx.new_sub_path()
    pen.ctx.arc_negative(px, py, r * pen.frame.scale, -t0, -(t0 + sweep))
    pen.ctx.stroke()
    pen.ink.circles.append((px, py, r * pen.frame.scale))


def _arc(pen: Pen, g: s.Arc) -> None:
    found = arc_geometry(g, pen.space)
    if found is not None:
        world_arc(pen, *found)


def _sector(pen: Pen, g: s.Sector) -> None:
    c = pen.space.pos[g.center]
    a, b = pen.space.pos[g.a], pen.space.pos[g.b]
    r = math.hypot(a[0] - c[0], a[1] - c[1])
    t0 = math.atan2(a[1] - c[1], a[0] - c[0])
    sweep = (math.atan2(b[1] - c[1], b[0] - c[0]) - t0) % (2 * math.pi)
    segment(pen, pen.px(g.center), pen.px(g.a))
    tip = (c[0] + r * math.cos(t0 + sweep), c[1] + r * math.sin(t0 + sweep))
    segment(pen, pen.px(g.center), pen.frame.px(tip))
    world_arc(pen, c[0], c[1], r, t0, sweep)


def _region(pen: Pen, g: s.RegionOp) -> None:
    _draw_geo(pen, g.left)
    _draw_geo(pen, g.right)


def arc_geometry(arc: s.Arc, space: Space) -> tuple[float, float, float, float, float] | None:
    """The arc as (cx, cy, r, start angle, counter-clockwise sweep) in world units, or None."""
    a, b = space.pos[arc.a], space.pos[arc.b]
    if arc.via is not None:
        c = circumcircle(a, space.pos[arc.via], b)
        if c is None:
            return None
        t0, sweep = _ccw(c, a, b)
        if _ccw(c, a, space.pos[arc.via])[1] > sweep:
            t0, sweep = _ccw(c, b, a)
        return (c[0], c[1], c[2], t0, sweep)
    c = _circle_of(a, b, space)
    if c is None:
        return None
    t0, sweep = _ccw(c, a, b)
    if (sweep > math.pi) != arc.major:
        t0, sweep = _ccw(c, b, a)
    return (c[0], c[1], c[2], t0, sweep)


def _ccw(c: tuple[float, float, float], a: XY, b: XY) -> tuple[float, float]:
    t0 = math.atan2(a[1] - c[1], a[0] - c[0])
    return t0, (math.atan2(b[1] - c[1], b[0] - c[0]) - t0) % (2 * math.pi)


def _circle_of(a: XY, b: XY, space: Space) -> tuple[float, float, float] | None:
    """The figure's circle through both points (within 3% of its radius), closest fit first."""
    best, err = None, 0.03
    for c in space.circles.values():
        e = max(abs(math.hypot(p[0] - c[0], p[1] - c[1]) - c[2]) for p in (a, b)) / max(c[2], 1e-12)
        if e < err:
            best, err = c, e
    return best


HANDLERS: dict[type, Callable[[Pen, object], None]] = {
    s.Seg: _seg, s.Ln: _line, s.Ray: _ray, s.Circ: _circle, s.Arc: _arc, s.Poly: _poly,  # type: ignore[dict-item]
    s.Sector: _sector, s.RegionOp: _region,  # type: ignore[dict-item]
}
# Drawn elsewhere: angles (geo_marks), points (geometry), Shaded (geo_shading).
NOT_STROKED: tuple[type, ...] = (s.Ang, s.Pt, s.Shaded)
