"""Measures and quantities of a figure as float functions of the unknown vector.

``quantity(model, q)`` compiles a quantity of the IR (lengths, angles in degrees, areas,
variables, arithmetic) into a function of the vector; circles, arcs and angles named only by
a vertex or a printed label are resolved against the figure here.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from recode_dsl import scene as s
from recode_dsl.errors import NO_SPAN, Span
from recode_dsl.geometry import regions as geo_regions
from recode_dsl.geometry.numeric import (
    XY,
    Model,
    Num,
    Unsupported,
    Vec,
    angle_at,
    ccw_angle,
    circle_key,
    describe,
    dist,
    line_distance,
    shoelace,
)

CircleFns = tuple[Callable[[Vec], XY], Num]


# -- circles ---------------------------------------------------------------------------------


def circle(model: Model, c: s.Circ) -> CircleFns:
    """Centre and radius functions of a circle; the first use registers its unknowns."""
    key = circle_key(c)
    if key not in model.circles:
        model.circles[key] = c
        _register_circle(model, key, c)
    centre = model.point(c.center if c.center is not None else f"@{key}")
    r = model.slot(f"r:{key}", 1.0)
    return centre, (lambda x: x[r])


def _register_circle(model: Model, key: str, c: s.Circ) -> None:
    centre = model.point(c.center if c.center is not None else f"@{key}")
    r = model.slot(f"r:{key}", 1.0)
    if c.radius is not None:
        value = quantity(model, c.radius)
        model.add(f"radius of {describe(c)}", model_span(model, c), lambda x: [(x[r] - value(x)) / model.scale])
    for p in c.through:
        mark_on_circle(model, p, key)
        model.add(f"{p} on {describe(c)}", model_span(model, c), _on(model, centre, model.point(p), r))


def _on(model: Model, centre: Callable[[Vec], XY], p: Callable[[Vec], XY], r: int) -> Callable[[Vec], list[float]]:
    return lambda x: [(dist(centre(x), p(x)) - x[r]) / model.scale]


def model_span(model: Model, g: object) -> Span:
    """The span of the shape statement that drew ``g``, if any."""
    for sh in model.fig.shapes:
        if sh.value == g:
            return sh.span
    return NO_SPAN


def mark_on_circle(model: Model, p: str, key: str) -> None:
    model.on_circle.setdefault(p, set()).add(key)


def arc_circle(model: Model, arc: s.Arc) -> CircleFns:
    """The circle an arc lies on: one that both its endpoints are on."""
    common = model.on_circle.get(arc.a, set()) & model.on_circle.get(arc.b, set())
    if arc.via is not None:
        common = common & model.on_circle.get(arc.via, common)
    if common:
        return circle(model, model.circles[sorted(common)[0]])
    ends = [p for p in (arc.a, arc.via, arc.b) if p is not None]
    near = set().union(*(model.on_circle.get(p, set()) for p in ends))
    if len(near) != 1 and len(model.circles) != 1:
        raise Unsupported(f"no circle passes through {arc.a} and {arc.b}")
    key = next(iter(near)) if len(near) == 1 else next(iter(model.circles))
    centre, r = circle(model, model.circles[key])
    for p in ends:  # the arc's ends lie on its circle, said or not
        if key not in model.on_circle.get(p, set()):
            mark_on_circle(model, p, key)
            model.add(f"{p} on {describe(model.circles[key])}", NO_SPAN,
                      _on(model, centre, model.point(p), model.slots[f"r:{key}"]))
    return centre, r


def arc_radians(model: Model, arc: s.Arc) -> Num:
    centre, _ = arc_circle(model, arc)
    a, b = model.point(arc.a), model.point(arc.b)
    if arc.via is not None:
        v = model.point(arc.via)

        def through(x: Vec) -> float:
            c, pa, pb, pv = centre(x), a(x), b(x), v(x)
            t = ccw_angle(c, pa, pb)
            return t if ccw_angle(c, pa, pv) <= t else 2 * math.pi - t
        return through
    if arc.major:
        return lambda x: 2 * math.pi - angle_at(a(x), centre(x), b(x))
    return lambda x: angle_at(a(x), centre(x), b(x))


# -- angles ----------------------------------------------------------------------------------


def resolve_angle(model: Model, ang: s.Ang) -> tuple[str, str, str]:
    """The three points of an angle named by its points, its vertex, or its printed label."""
    if ang.vertex is not None and ang.a is not None and ang.b is not None:
        return ang.a, ang.vertex, ang.b
    if ang.vertex is None:
        for g in _all_geo(model.fig):
            if isinstance(g, s.Ang) and g.label == ang.label and g.vertex is not None:
                return resolve_angle(model, s.Ang(g.vertex, g.a, g.b))
        raise Unsupported(f"no angle is labelled {ang.label}")
    return _angle_at_vertex(model, ang.vertex)


def _angle_at_vertex(model: Model, v: str) -> tuple[str, str, str]:
    polys = {tuple(sorted(_poly_neighbours(g.vertices, v)))
             for g in _all_geo(model.fig) if isinstance(g, s.Poly) and v in g.vertices}
    if len(polys) == 1:
        a, b = next(iter(polys))
        return a, v, b
    rays = _rays_from(model, v)
    if len(rays) == 2:
        return rays[0], v, rays[1]
    raise Unsupported(f"the angle at {v} is ambiguous: name it by three points")


def _poly_neighbours(vs: tuple[str, ...], v: str) -> tuple[str, str]:
    i = vs.index(v)
    return vs[i - 1], vs[(i + 1) % len(vs)]


def _rays_from(model: Model, v: str) -> list[str]:
    """Distinct directions of drawn segments leaving v (one nearest point each)."""
    ends: set[str] = set()
    for g in _all_geo(model.fig):
        if isinstance(g, (s.Seg, s.Ln, s.Ray)) and v in (g.a, g.b):
            ends.add(g.b if g.a == v else g.a)
        if isinstance(g, s.Poly) and v in g.vertices:
            ends.update(_poly_neighbours(g.vertices, v))
    pv = model.drawn.get(v)
    if pv is None:
        return sorted(ends)
    ends = {e for e in ends if e in model.drawn}
    dirs: list[tuple[float, str, float]] = []
    for e in sorted(ends):
        pe = model.drawn[e]
        t, d = math.atan2(pe[1] - pv[1], pe[0] - pv[0]), dist(pv, pe)
        same = [i for i, (t0, _, _) in enumerate(dirs) if abs(math.remainder(t - t0, 2 * math.pi)) < 0.05]
        if not same:
            dirs.append((t, e, d))
        elif d < dirs[same[0]][2]:
            dirs[same[0]] = (t, e, d)
    return [e for _, e, _ in dirs]


def _all_geo(fig: s.Figure) -> list[object]:
    out: list[object] = [sh.value for sh in fig.shapes]
    for r in fig.relations:
        out.extend(r.args)
    return out


_CLEAR = math.radians(4)  # a drawn angle this far from 0 and 180 degrees has a clear side


def angle_fn(model: Model, ang: s.Ang) -> Num:
    """The angle in radians, measured on the side the drawing shows, so it may pass 180 degrees.

    An angle of a drawn figure keeps its orientation: if the drawing turns counter-clockwise
    from the first ray to the second by less than 180 degrees, the measure is that turn; an
    angle the drawing leaves unclear (or does not draw) is the unsigned angle, at most 180.
    """
    names = resolve_angle(model, ang)
    a, v, b = (model.point(n) for n in names)
    d = model.drawn
    if model.oriented and all(n in d for n in names):
        turn = ccw_angle(d[names[1]], d[names[0]], d[names[2]])
        if _CLEAR < turn < math.pi - _CLEAR:
            return lambda x: _turn(v(x), a(x), b(x))
        if math.pi + _CLEAR < turn < 2 * math.pi - _CLEAR:
            return lambda x: _turn(v(x), b(x), a(x))
    return lambda x: angle_at(a(x), v(x), b(x))


def _turn(v: XY, a: XY, b: XY) -> float:
    """The counter-clockwise turn from va to vb, in (-pi/2, 3 pi/2] so that small flips stay small."""
    t = ccw_angle(v, a, b)
    return t - 2 * math.pi if t > 1.5 * math.pi else t


# -- quantities ------------------------------------------------------------------------------

_OPS: dict[str, Callable[..., float]] = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: _div(a, b), "^": lambda a, b: _pow(a, b), "neg": lambda a: -a,
    "sqrt": lambda a: math.sqrt(abs(a)), "abs": abs, "sin": lambda a: math.sin(math.radians(a)),
    "cos": lambda a: math.cos(math.radians(a)), "tan": lambda a: math.tan(math.radians(a)),
    "sum": lambda *a: sum(a), "ratio": lambda a, b: _div(a, b),
    "difference": lambda a, b: a - b, "percent_change": lambda a, b: (b - a) / a * 100 if a else math.inf,
}


def _div(a: float, b: float) -> float:
    """a / b; a divisor that is zero up to rounding gives infinity, not a huge number."""
    return a / b if abs(b) > 1e-12 * max(1.0, abs(a)) else math.inf


def _pow(a: float, b: float) -> float:
    """a ^ b; zero to a negative power is infinite (as a zero divisor is in ``_div``), not an error."""
    try:
        return float(a**b) if a >= 0 or float(b).is_integer() else math.copysign(abs(a) ** b, a)
    except (OverflowError, ZeroDivisionError):
        return math.inf


def _real_sqrt(a: float) -> float:
    """The square root of a question's value: not a real number below zero (beyond rounding)."""
    if a < 0:
        return 0.0 if a > -1e-12 else math.nan
    return math.sqrt(a)


def quantity(model: Model, q: s.Quantity, strict: bool = False) -> Num:
    """A float function of the vector for a quantity; raises Unsupported.

    Constraints use a smooth square root (of the absolute value) so that the solver can pass
    through negative values; ``strict`` (for questions) makes the root of a negative not finite.
    """
    if isinstance(q, s.Const):
        v = float(q.value)
        return lambda x: v
    if isinstance(q, s.Var):
        i = model.var(q.name)
        return lambda x: x[i]
    if isinstance(q, s.Measure):
        return measure(model, q)
    if q.fn not in _OPS:
        raise Unsupported(f"'{q.fn}' is not a geometry quantity")
    op: Callable[..., float] = _real_sqrt if strict and q.fn == "sqrt" else _OPS[q.fn]
    args = [quantity(model, a, strict) for a in q.args]  # type: ignore[arg-type]
    if len(args) == 1:
        f0 = args[0]
        return lambda x: op(f0(x))
    if len(args) == 2:
        f0, f1 = args
        return lambda x: op(f0(x), f1(x))
    return lambda x: op(*(f(x) for f in args))


def measure(model: Model, m: s.Measure) -> Num:
    fn = _MEASURES.get(m.fn)
    if fn is None:
        raise Unsupported(f"the measure '{m.fn}' is not known")
    return fn(model, m.args)


def _length(model: Model, args: tuple[s.Geo, ...]) -> Num:
    g = args[0]
    if isinstance(g, s.Arc):
        t = arc_radians(model, g)
        _, r = arc_circle(model, g)
        return lambda x: t(x) * r(x)
    if isinstance(g, s.Pt) and len(args) == 2 and isinstance(args[1], s.Pt):
        g = s.Seg(g.name, args[1].name)
    if not isinstance(g, (s.Seg, s.Ln, s.Ray)):
        raise Unsupported(f"cannot take the length of {describe(g)}")
    a, b = model.point(g.a), model.point(g.b)
    return lambda x: dist(a(x), b(x))


def _degrees(model: Model, args: tuple[s.Geo, ...]) -> Num:
    g = args[0]
    t = angle_fn(model, g) if isinstance(g, s.Ang) else arc_radians(model, g) if isinstance(g, s.Arc) else None
    if t is None:
        raise Unsupported(f"cannot measure {describe(g)} in degrees")
    return lambda x: math.degrees(t(x))


def _vertices(model: Model, p: s.Poly) -> Callable[[Vec], list[XY]]:
    fs = [model.point(v) for v in p.vertices]
    return lambda x: [f(x) for f in fs]


def _area(model: Model, args: tuple[s.Geo, ...]) -> Num:
    return geo_regions.area(model, args[0], _region_parts(model))


def _region_parts(model: Model) -> geo_regions.Parts:
    return geo_regions.Parts(circle=lambda c: circle(model, c), vertices=lambda p: _vertices(model, p),
                             sector=lambda sc: _sector(model, sc))


def _sector(model: Model, sc: s.Sector) -> tuple[Callable[[Vec], XY], Num, Num, Num]:
    """Centre, radius, start angle and counter-clockwise sweep of a sector."""
    c, a, b = model.point(sc.center), model.point(sc.a), model.point(sc.b)
    return (c, lambda x: dist(c(x), a(x)), lambda x: math.atan2(a(x)[1] - c(x)[1], a(x)[0] - c(x)[0]),
            lambda x: ccw_angle(c(x), a(x), b(x)))


def _perimeter(model: Model, args: tuple[s.Geo, ...]) -> Num:
    g = args[0]
    if isinstance(g, s.Poly):
        vs = _vertices(model, g)
        return lambda x: _perim(vs(x))
    if isinstance(g, s.Circ):
        return _circumference(model, args)
    if isinstance(g, s.Sector):
        _, r, _, sweep = _sector(model, g)
        return lambda x: r(x) * (2 + sweep(x))
    raise Unsupported(f"cannot take the perimeter of {describe(g)}")


def _perim(pts: list[XY]) -> float:
    return sum(dist(pts[i], pts[(i + 1) % len(pts)]) for i in range(len(pts)))


def _circ_of(model: Model, g: s.Geo) -> CircleFns:
    if not isinstance(g, s.Circ):
        raise Unsupported(f"{describe(g)} is not a circle")
    return circle(model, g)


def _circumference(model: Model, args: tuple[s.Geo, ...]) -> Num:
    _, r = _circ_of(model, args[0])
    return lambda x: 2 * math.pi * r(x)


def _radius(model: Model, args: tuple[s.Geo, ...]) -> Num:
    return _circ_of(model, args[0])[1]


def _diameter(model: Model, args: tuple[s.Geo, ...]) -> Num:
    _, r = _circ_of(model, args[0])
    return lambda x: 2 * r(x)


def _side(model: Model, args: tuple[s.Geo, ...]) -> Num:
    g = args[0]
    if not isinstance(g, s.Poly):
        raise Unsupported(f"{describe(g)} has no side")
    a, b = model.point(g.vertices[0]), model.point(g.vertices[1])
    return lambda x: dist(a(x), b(x))


def _height(model: Model, args: tuple[s.Geo, ...]) -> Num:
    g = args[0]
    if not isinstance(g, s.Poly):
        raise Unsupported(f"{describe(g)} has no height")
    vs = g.vertices
    top, a, b = (vs[0], vs[1], vs[2]) if len(vs) == 3 else (vs[-1], vs[0], vs[1])
    pt, pa, pb = model.point(top), model.point(a), model.point(b)
    return lambda x: abs(line_distance(pt(x), pa(x), pb(x)))


def _scale_factor(model: Model, args: tuple[s.Geo, ...]) -> Num:
    g1, g2 = args[0], args[1]
    if isinstance(g1, s.Poly) and isinstance(g2, s.Poly):
        v1, v2 = _vertices(model, g1), _vertices(model, g2)
        return lambda x: _perim(v2(x)) / max(_perim(v1(x)), 1e-12)
    if isinstance(g1, s.Circ) and isinstance(g2, s.Circ):
        r1, r2 = circle(model, g1)[1], circle(model, g2)[1]
        return lambda x: r2(x) / r1(x) if r1(x) else math.inf
    raise Unsupported("a scale factor needs two polygons or two circles")


def polygon_area(model: Model, p: s.Poly) -> Num:
    vs = _vertices(model, p)
    return lambda x: shoelace(vs(x))


_MEASURES: dict[str, Callable[[Model, tuple[s.Geo, ...]], Num]] = {
    "length": _length, "measure": _degrees, "area": _area, "perimeter": _perimeter,
    "circumference": _circumference, "radius": _radius, "diameter": _diameter, "side": _side,
    "height": _height, "scale_factor": _scale_factor,
}
