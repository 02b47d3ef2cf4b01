"""Where a figure's points and circles are, as floats: exact coordinates, or a numerical layout.

``resolve(figure)`` turns the exact y-up coordinates of the IR into floats (the first and only
place they become floats), asks the numerical layout for figures with points that have none,
and finds every circle's centre and radius. ``fit`` maps that world onto a canvas with margins (pixels, y down).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, RenderError, has_errors
from recode_dsl.geometry.numeric import circumcentre
from recode_dsl.quantity import to_sympy

XY = tuple[float, float]
CircleXYR = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class Space:
    """The figure in world units: point positions and resolved circles, by circle key."""

    pos: dict[str, XY]
    circles: dict[tuple[str | None, tuple[str, ...], str | None], CircleXYR]

    def circle(self, c: s.Circ) -> CircleXYR | None:
        return self.circles.get(circle_key(c))


@dataclass(frozen=True, slots=True)
class Frame:
    """World -> pixel: ``px = ox + x * scale``, ``py = oy - y * scale`` on a ``width`` x ``height`` canvas."""

    scale: float
    ox: float
    oy: float
    width: int
    height: int

    def px(self, p: XY) -> XY:
        return (self.ox + p[0] * self.scale, self.oy - p[1] * self.scale)


def circle_key(c: s.Circ) -> tuple[str | None, tuple[str, ...], str | None]:
    """Circles are the same circle when they share a name, or else a centre (or three points)."""
    if c.name is not None:
        return (None, (), c.name)
    return (c.center, tuple(sorted(c.through)), None)


def resolve(fig: s.Figure, timeout: float = 2.0) -> Space:
    """Float positions for every point and every circle of the figure; RenderError if impossible."""
    pos = _exact_positions(fig)
    if len(pos) < len(fig.points):
        pos = _laid_out(fig, timeout)
    return Space(pos, _circles(fig, pos))


def _exact_positions(fig: s.Figure) -> dict[str, XY]:
    out: dict[str, XY] = {}
    bad: list[Diagnostic] = []
    for p in fig.points:
        if p.x is None or p.y is None:
            continue
        xy = (_to_float(p.x), _to_float(p.y))
        if xy[0] is None or xy[1] is None:
            bad.append(Diagnostic("E066", messages.geo_bad_coordinate(p.name), p.span))
            continue
        out[p.name] = (xy[0], xy[1])
    if bad:
        raise RenderError(bad)
    return out


def _to_float(v: s.Exact) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _laid_out(fig: s.Figure, timeout: float) -> dict[str, XY]:
    """Every position from the numerical layout (``geometry.layout``), which meets the constraints."""
    from recode_dsl.geometry.layout import layout  # imported here: only figures missing coordinates need it

    try:
        found, diags = layout(fig, timeout=timeout)
    except Exception as err:  # noqa: BLE001 - a layout bug must reach the user as a diagnostic
        raise RenderError([Diagnostic("E067", messages.geo_layout_failed(f"{type(err).__name__}: {err}"))]) from err
    if has_errors(diags):
        raise RenderError(list(diags))
    # All of the layout's positions, given ones included: it may move them to meet the constraints,
    # and mixing them with the program's coordinates would break what it just satisfied.
    pos = {name: (float(xy[0]), float(xy[1])) for name, xy in found.items()}
    missing = [p for p in fig.points if p.name not in pos or not all(map(math.isfinite, pos[p.name]))]
    if missing:
        raise RenderError([Diagnostic("E067", messages.geo_unplaced_point(p.name), p.span) for p in missing])
    return pos


# -- circles -------------------------------------------------------------------------------------


def all_circles(fig: s.Figure) -> list[s.Circ]:
    """Every circle the figure mentions: shapes, relations, equations and regions."""
    out: list[s.Circ] = []

    def visit(x: object) -> None:
        if isinstance(x, s.Circ):
            out.append(x)
        elif isinstance(x, s.RegionOp):
            visit(x.left)
            visit(x.right)
        elif isinstance(x, (s.Measure, s.Apply)):
            for a in x.args:
                visit(a)

    for sh in fig.shapes:
        visit(sh.value)
    for rel in fig.relations:
        for a in rel.args:
            visit(a)
    for eq in fig.equations:
        visit(eq.lhs)
        visit(eq.rhs)
    return out


def _circles(fig: s.Figure, pos: dict[str, XY]) -> dict[tuple[str | None, tuple[str, ...], str | None], CircleXYR]:
    out: dict[tuple[str | None, tuple[str, ...], str | None], CircleXYR] = {}
    for c in all_circles(fig):
        key = circle_key(c)
        if key not in out:
            found = _circle_xyr(fig, c, pos)
            if found is not None:
                out[key] = found
    return out


def _circle_xyr(fig: s.Figure, c: s.Circ, pos: dict[str, XY]) -> CircleXYR | None:
    if c.through:
        return circumcircle(*(pos[p] for p in c.through[:3]))
    if c.center is None or c.center not in pos:
        return None
    cx, cy = pos[c.center]
    on = [pos[p] for p in points_on_circle(fig, c) if p in pos and p != c.center]
    if on:
        return (cx, cy, sum(math.hypot(x - cx, y - cy) for x, y in on) / len(on))
    poly = tangent_polygon(fig, c)
    if poly is not None and all(v in pos for v in poly.vertices):
        verts = [pos[v] for v in poly.vertices]
        return (cx, cy, min(_line_distance((cx, cy), a, b) for a, b in zip(verts, verts[1:] + verts[:1])))
    r = _radius_value(fig, c)
    return (cx, cy, r if r else _default_radius(pos))


def _line_distance(p: XY, a: XY, b: XY) -> float:
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length < 1e-12:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) / length


def points_on_circle(fig: s.Figure, c: s.Circ) -> list[str]:
    """Points that relations put on circle ``c`` (on, chord, diameter, radius, inscribed ...)."""
    key = circle_key(c)
    out: list[str] = []
    for rel in fig.relations:
        args = rel.args
        circ = next((a for a in args if isinstance(a, s.Circ) and circle_key(a) == key), None)
        if circ is None:
            continue
        if rel.name == "on" and isinstance(args[0], s.Pt):
            out.append(args[0].name)
        elif rel.name in ("chord", "diameter") and isinstance(args[0], s.Seg):
            out += [args[0].a, args[0].b]
        elif rel.name == "radius" and isinstance(args[0], s.Seg):
            out += [p for p in (args[0].a, args[0].b) if p != c.center]
        elif _polygon_inside(rel, circ):
            out += [v for a in args if isinstance(a, s.Poly) for v in a.vertices]
    return out


def _polygon_inside(rel: s.Relation, circ: s.Circ) -> bool:
    """inscribed(polygon, circle) or circumscribed(circle, polygon): the vertices lie on the circle."""
    if rel.name == "inscribed":
        return rel.args[1] is circ and isinstance(rel.args[0], s.Poly)
    return rel.name == "circumscribed" and rel.args[0] is circ and isinstance(rel.args[1], s.Poly)


def tangent_polygon(fig: s.Figure, c: s.Circ) -> s.Poly | None:
    """The polygon circle ``c`` is inscribed in (touching its sides), if a relation says so."""
    key = circle_key(c)
    for rel in fig.relations:
        if len(rel.args) != 2:
            continue
        inner, outer = rel.args if rel.name == "inscribed" else rel.args[::-1]
        if rel.name in ("inscribed", "circumscribed") and isinstance(inner, s.Circ) \
                and circle_key(inner) == key and isinstance(outer, s.Poly):
            return outer
    return None


def _radius_value(fig: s.Figure, c: s.Circ) -> float | None:
    """The radius written in the circle, or given by ``radius(c) = 4`` / ``diameter(c) = 8``."""
    if c.radius is not None:
        r = _const_float(c.radius)
        if r:
            return r
    key = circle_key(c)
    for eq in fig.equations:
        for lhs, rhs in ((eq.lhs, eq.rhs), (eq.rhs, eq.lhs)):
            if isinstance(lhs, s.Measure) and lhs.fn in ("radius", "diameter") and lhs.args \
                    and isinstance(lhs.args[0], s.Circ) and circle_key(lhs.args[0]) == key:
                v = _const_float(rhs)
                if v:
                    return v / 2 if lhs.fn == "diameter" else v
    return None


def _const_float(q: s.Quantity) -> float | None:
    try:
        expr = to_sympy(q)
    except (ValueError, TypeError, KeyError):
        return None
    if expr.free_symbols:
        return None
    try:
        v = float(sympy.N(expr))
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) and v > 0 else None


def _default_radius(pos: dict[str, XY]) -> float:
    if len(pos) < 2:
        return 1.0
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    return max(max(xs) - min(xs), max(ys) - min(ys)) / 3 or 1.0


def circumcircle(a: XY, b: XY, c: XY) -> CircleXYR | None:
    """The circle through three points, or None when they are collinear."""
    if (centre := circumcentre(a, b, c)) is None:
        return None
    ux, uy = centre
    return (ux, uy, math.hypot(a[0] - ux, a[1] - uy))


# -- fitting -------------------------------------------------------------------------------------


def bounds(space: Space) -> tuple[float, float, float, float]:
    """The world box holding every point and circle: (x0, y0, x1, y1)."""
    xs = [p[0] for p in space.pos.values()]
    ys = [p[1] for p in space.pos.values()]
    for cx, cy, r in space.circles.values():
        xs += [cx - r, cx + r]
        ys += [cy - r, cy + r]
    if not xs:
        return (-1.0, -1.0, 1.0, 1.0)
    return (min(xs), min(ys), max(xs), max(ys))


def fit(box: tuple[float, float, float, float], width: int, height: int, margin: float) -> Frame:
    """The uniform scale that centres ``box`` on the canvas, leaving ``margin`` pixels on every side."""
    x0, y0, x1, y1 = box
    w, h = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    if x1 - x0 < 1e-9 and y1 - y0 < 1e-9:
        w = h = 1.0
    scale = min((width - 2 * margin) / w if x1 - x0 > 1e-9 else math.inf,
                (height - 2 * margin) / h if y1 - y0 > 1e-9 else math.inf)
    if not math.isfinite(scale) or scale <= 0:
        scale = max(1e-9, min(width, height) - 2 * margin)
    ox = width / 2 - (x0 + x1) / 2 * scale
    oy = height / 2 + (y0 + y1) / 2 * scale
    return Frame(scale, ox, oy, width, height)


def aspect_size(box: tuple[float, float, float, float], long_side: int, margin: float) -> tuple[int, int]:
    """A canvas whose long side is ``long_side`` px and whose shape follows the figure (at least 1:2)."""
    w, h = box[2] - box[0], box[3] - box[1]
    if w <= 1e-9 and h <= 1e-9:
        return (long_side, long_side)
    inner = long_side - 2 * margin
    if w >= h:
        short = 2 * margin + inner * h / w
        return (long_side, int(round(max(short, long_side / 2))))
    short = 2 * margin + inner * w / h
    return (int(round(max(short, long_side / 2))), long_side)
