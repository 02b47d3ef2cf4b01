"""Building blocks of constraints: a point on a line or circle, equal lengths, parallels ...

Each function adds one residual block to the model; relations and polygon kinds are made of them.
"""

from __future__ import annotations

from recode_dsl import scene as s
from recode_dsl.errors import Span
from recode_dsl.geometry import measures as gm
from recode_dsl.geometry.numeric import (
    Model,
    Unsupported,
    angle_at,
    circle_key,
    describe,
    dist,
    line_distance,
    unit_cross,
    unit_dot,
)


def ends(g: s.Geo) -> tuple[str, str]:
    if isinstance(g, (s.Seg, s.Ln, s.Ray)):
        return g.a, g.b
    raise Unsupported(f"{describe(g)} is not a line")


def on_line(model: Model, label: str, span: Span, p: str, a: str, b: str) -> None:
    if p in (a, b):
        return
    pp, pa, pb = model.point(p), model.point(a), model.point(b)
    model.add(label, span, lambda x: [line_distance(pp(x), pa(x), pb(x)) / model.scale])


def on_circle(model: Model, label: str, span: Span, p: str, c: s.Circ) -> None:
    centre, r = gm.circle(model, c)
    if c.center == p:
        raise Unsupported(f"the centre {p} cannot lie on its own circle")
    gm.mark_on_circle(model, p, circle_key(c))
    pp = model.point(p)
    model.add(label, span, lambda x: [(dist(centre(x), pp(x)) - r(x)) / model.scale])


def midpoint(model: Model, label: str, span: Span, m: str, a: str, b: str) -> None:
    pm, pa, pb = model.point(m), model.point(a), model.point(b)
    model.add(label, span, lambda x: [(pm(x)[0] - (pa(x)[0] + pb(x)[0]) / 2) / model.scale,
                                      (pm(x)[1] - (pa(x)[1] + pb(x)[1]) / 2) / model.scale])


def equal_lengths(model: Model, label: str, span: Span, pairs: list[tuple[str, str]]) -> None:
    fs = [(model.point(a), model.point(b)) for a, b in pairs]
    pa, pb = fs[0]
    model.add(label, span, lambda x: [(dist(qa(x), qb(x)) - dist(pa(x), pb(x))) / model.scale for qa, qb in fs[1:]])


def parallel(model: Model, label: str, span: Span, l1: tuple[str, str], l2: tuple[str, str]) -> None:
    a, b, c, d = (model.point(n) for n in (*l1, *l2))
    model.add(label, span, lambda x: [unit_cross(a(x), b(x), c(x), d(x))])


def perpendicular(model: Model, label: str, span: Span, l1: tuple[str, str], l2: tuple[str, str]) -> None:
    a, b, c, d = (model.point(n) for n in (*l1, *l2))
    model.add(label, span, lambda x: [unit_dot(a(x), b(x), c(x), d(x))])


def equal_angles(model: Model, label: str, span: Span, t1: tuple[str, str, str], t2: tuple[str, str, str]) -> None:
    a1, v1, b1 = (model.point(n) for n in t1)
    a2, v2, b2 = (model.point(n) for n in t2)
    model.add(label, span, lambda x: [angle_at(a1(x), v1(x), b1(x)) - angle_at(a2(x), v2(x), b2(x))])


def drawn_angle(model: Model, a: str, v: str, b: str) -> float | None:
    d = model.drawn
    return angle_at(d[a], d[v], d[b]) if a in d and v in d and b in d else None


def as_poly(g: s.Geo) -> s.Poly:
    if not isinstance(g, s.Poly):
        raise Unsupported(f"{describe(g)} is not a polygon")
    return g


def sides(p: s.Poly) -> list[tuple[str, str]]:
    vs = p.vertices
    return [(vs[i], vs[(i + 1) % len(vs)]) for i in range(len(vs))]
