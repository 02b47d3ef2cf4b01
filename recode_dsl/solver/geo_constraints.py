"""Every relation, polygon kind and equation of a figure as residual blocks of the model.

One handler per registry relation in ``RELATIONS`` and per polygon kind in ``KINDS``; a
handler reads the relation's arguments in signature order and adds zero-when-true residuals.
Choices the text leaves open (which side of a trapezoid is parallel, where a right angle of a
triangle is) follow the drawing when there is one.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from recode_dsl import scene as s
from recode_dsl.errors import Span
from recode_dsl.solver import geo_measures as gm
from recode_dsl.solver.numeric import (
    XY,
    Model,
    Num,
    Unsupported,
    Vec,
    angle_at,
    circle_key,
    describe,
    dist,
    line_distance,
    unit_cross,
    unit_dot,
)

Handler = Callable[[Model, s.Relation], None]


def build(model: Model) -> list[tuple[Span, str]]:
    """Add every constraint of the figure to the model; returns (span, reason) of those skipped."""
    fig, skipped = model.fig, []
    _prescan_circles(model)
    for r in fig.relations:
        try:
            RELATIONS[r.name](model, r)
        except (Unsupported, KeyError, ValueError, IndexError) as err:
            skipped.append((r.span, str(err) or f"'{r.name}' is not supported"))
    seen: set[s.Poly] = set()
    for span, poly in polygons(fig):
        if poly not in seen and poly.kind in KINDS:
            seen.add(poly)
            KINDS[poly.kind](model, poly, span)
    for eq in fig.equations:
        try:
            _equation(model, eq)
        except (Unsupported, ValueError, KeyError) as err:
            skipped.append((eq.span, str(err)))
    return skipped


def polygons(fig: s.Figure) -> list[tuple[Span, s.Poly]]:
    out = [(sh.span, sh.value) for sh in fig.shapes if isinstance(sh.value, s.Poly)]
    out += [(r.span, a) for r in fig.relations for a in r.args if isinstance(a, s.Poly)]
    out += [(e.span, p) for e in fig.equations for side in (e.lhs, e.rhs) for p in _polys_in(side)]
    out += [(q.span, p) for q in fig.queries for p in _polys_in(q.expr)]  # "the area of trapezoid ..." says so
    return out


def _polys_in(q: object) -> list[s.Poly]:
    if isinstance(q, s.Poly):
        return [q]
    if isinstance(q, s.RegionOp):
        return _polys_in(q.left) + _polys_in(q.right)
    if isinstance(q, (s.Measure, s.Apply)):
        return [p for a in q.args for p in _polys_in(a)]
    return []


def _prescan_circles(model: Model) -> None:
    """Which points lie on which circle, before any arc needs to know."""
    for sh in model.fig.shapes:
        if isinstance(sh.value, s.Circ):
            gm.circle(model, sh.value)
    for r in model.fig.relations:
        circ = next((a for a in r.args if isinstance(a, s.Circ)), None)
        if circ is None:
            continue
        gm.circle(model, circ)
        key = circle_key(circ)
        first = r.args[0]
        if r.name == "on" and isinstance(first, s.Pt):
            gm.mark_on_circle(model, first.name, key)
        elif r.name in ("chord", "diameter") and isinstance(first, s.Seg):
            gm.mark_on_circle(model, first.a, key)
            gm.mark_on_circle(model, first.b, key)
        elif r.name in ("inscribed", "circumscribed"):
            poly = next((a for a in r.args if isinstance(a, s.Poly)), None)
            if poly is not None and (r.args.index(poly) == 0) == (r.name == "inscribed"):
                for v in poly.vertices:
                    gm.mark_on_circle(model, v, key)


# -- helpers ---------------------------------------------------------------------------------


def _ends(g: s.Geo) -> tuple[str, str]:
    if isinstance(g, (s.Seg, s.Ln, s.Ray)):
        return g.a, g.b
    raise Unsupported(f"{describe(g)} is not a line")


def _on_line(model: Model, label: str, span: Span, p: str, a: str, b: str) -> None:
    if p in (a, b):
        return
    pp, pa, pb = model.point(p), model.point(a), model.point(b)
    model.add(label, span, lambda x: [line_distance(pp(x), pa(x), pb(x)) / model.scale])


def _on_circle(model: Model, label: str, span: Span, p: str, c: s.Circ) -> None:
    centre, r = gm.circle(model, c)
    if c.center == p:
        raise Unsupported(f"the centre {p} cannot lie on its own circle")
    gm.mark_on_circle(model, p, circle_key(c))
    pp = model.point(p)
    model.add(label, span, lambda x: [(dist(centre(x), pp(x)) - r(x)) / model.scale])


def _midpoint(model: Model, label: str, span: Span, m: str, a: str, b: str) -> None:
    pm, pa, pb = model.point(m), model.point(a), model.point(b)
    model.add(label, span, lambda x: [(pm(x)[0] - (pa(x)[0] + pb(x)[0]) / 2) / model.scale,
                                      (pm(x)[1] - (pa(x)[1] + pb(x)[1]) / 2) / model.scale])


def _equal_lengths(model: Model, label: str, span: Span, pairs: list[tuple[str, str]]) -> None:
    fs = [(model.point(a), model.point(b)) for a, b in pairs]
    pa, pb = fs[0]
    model.add(label, span, lambda x: [(dist(qa(x), qb(x)) - dist(pa(x), pb(x))) / model.scale for qa, qb in fs[1:]])


def _parallel(model: Model, label: str, span: Span, l1: tuple[str, str], l2: tuple[str, str]) -> None:
    a, b, c, d = (model.point(n) for n in (*l1, *l2))
    model.add(label, span, lambda x: [unit_cross(a(x), b(x), c(x), d(x))])


def _perpendicular(model: Model, label: str, span: Span, l1: tuple[str, str], l2: tuple[str, str]) -> None:
    a, b, c, d = (model.point(n) for n in (*l1, *l2))
    model.add(label, span, lambda x: [unit_dot(a(x), b(x), c(x), d(x))])


def _equal_angles(model: Model, label: str, span: Span, t1: tuple[str, str, str], t2: tuple[str, str, str]) -> None:
    a1, v1, b1 = (model.point(n) for n in t1)
    a2, v2, b2 = (model.point(n) for n in t2)
    model.add(label, span, lambda x: [angle_at(a1(x), v1(x), b1(x)) - angle_at(a2(x), v2(x), b2(x))])


def _drawn_angle(model: Model, a: str, v: str, b: str) -> float | None:
    d = model.drawn
    return angle_at(d[a], d[v], d[b]) if a in d and v in d and b in d else None


def _poly(g: s.Geo) -> s.Poly:
    if not isinstance(g, s.Poly):
        raise Unsupported(f"{describe(g)} is not a polygon")
    return g


def _sides(p: s.Poly) -> list[tuple[str, str]]:
    vs = p.vertices
    return [(vs[i], vs[(i + 1) % len(vs)]) for i in range(len(vs))]


# -- relations -------------------------------------------------------------------------------


def _rel_on(model: Model, r: s.Relation) -> None:
    p, t = r.args[0], r.args[1]
    assert isinstance(p, s.Pt)
    label = describe(r)
    if isinstance(t, (s.Seg, s.Ln, s.Ray)):
        _on_line(model, label, r.span, p.name, t.a, t.b)
    elif isinstance(t, s.Circ):
        _on_circle(model, label, r.span, p.name, t)
    elif isinstance(t, s.Arc):
        centre, rad = gm.arc_circle(model, t)
        pp = model.point(p.name)
        model.add(label, r.span, lambda x: [(dist(centre(x), pp(x)) - rad(x)) / model.scale])
    else:
        raise Unsupported(f"cannot place a point on {describe(t)}")


def _rel_parallel(model: Model, r: s.Relation) -> None:
    _parallel(model, describe(r), r.span, _ends(r.args[0]), _ends(r.args[1]))  # type: ignore[arg-type]


def _rel_perpendicular(model: Model, r: s.Relation) -> None:
    _perpendicular(model, describe(r), r.span, _ends(r.args[0]), _ends(r.args[1]))  # type: ignore[arg-type]


def _rel_tangent(model: Model, r: s.Relation) -> None:
    first, circ = r.args[0], r.args[1]
    if not isinstance(circ, s.Circ):
        raise Unsupported("tangent needs a circle")
    centre, rad = gm.circle(model, circ)
    if isinstance(first, s.Circ):
        c2, r2 = gm.circle(model, first)
        model.add(describe(r), r.span, lambda x: [min(abs(dist(centre(x), c2(x)) - rad(x) - r2(x)),
                                                      abs(dist(centre(x), c2(x)) - abs(rad(x) - r2(x))))
                                                  / model.scale])
        return
    a, b = (model.point(n) for n in _ends(first))  # type: ignore[arg-type]
    model.add(describe(r), r.span, lambda x: [(abs(line_distance(centre(x), a(x), b(x))) - rad(x)) / model.scale])


def _rel_congruent(model: Model, r: s.Relation) -> None:
    g1, g2 = r.args[0], r.args[1]
    if isinstance(g1, s.Circ) and isinstance(g2, s.Circ):
        (_, r1), (_, r2) = gm.circle(model, g1), gm.circle(model, g2)
        model.add(describe(r), r.span, lambda x: [(r1(x) - r2(x)) / model.scale])
        return
    p1, p2 = _poly(g1), _poly(g2)  # type: ignore[arg-type]
    n = len(p1.vertices)
    for i in range(n):
        for j in range(i + 1, n):
            _equal_lengths(model, describe(r), r.span, [(p1.vertices[i], p1.vertices[j]),
                                                        (p2.vertices[i], p2.vertices[j])])


def _rel_similar(model: Model, r: s.Relation) -> None:
    p1, p2 = _poly(r.args[0]), _poly(r.args[1])  # type: ignore[arg-type]
    v1, v2 = [model.point(v) for v in p1.vertices], [model.point(v) for v in p2.vertices]
    n = len(v1)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if (i, j) != (0, 1)]

    def fn(x: Vec) -> list[float]:
        base1, base2 = dist(v1[0](x), v1[1](x)), dist(v2[0](x), v2[1](x))
        return [(dist(v2[i](x), v2[j](x)) * base1 - dist(v1[i](x), v1[j](x)) * base2) / model.scale**2
                for i, j in pairs]
    model.add(describe(r), r.span, fn)


def _rel_midpoint(model: Model, r: s.Relation) -> None:
    p, seg = r.args[0], r.args[1]
    assert isinstance(p, s.Pt)
    _midpoint(model, describe(r), r.span, p.name, *_ends(seg))  # type: ignore[arg-type]


def _rel_bisects(model: Model, r: s.Relation) -> None:
    a, v, b = gm.resolve_angle(model, r.args[1])  # type: ignore[arg-type]
    la, lb = _ends(r.args[0])  # type: ignore[arg-type]
    d = lb if la == v else la
    if v not in (la, lb):
        _on_line(model, describe(r), r.span, v, la, lb)
    _equal_angles(model, describe(r), r.span, (a, v, d), (d, v, b))


def _split_vertex(seg: s.Geo, poly: s.Poly) -> tuple[str, str, list[str]]:
    a, b = _ends(seg)
    if a in poly.vertices:
        return a, b, [v for v in poly.vertices if v != a]
    if b in poly.vertices:
        return b, a, [v for v in poly.vertices if v != b]
    raise Unsupported(f"{describe(seg)} does not start at a vertex of {describe(poly)}")


def _rel_median(model: Model, r: s.Relation) -> None:
    poly = _poly(r.args[1])  # type: ignore[arg-type]
    if len(poly.vertices) == 4:
        _rel_midsegment(model, s.Relation("midsegment", r.args, r.span), legs=True)
        return
    v, m, rest = _split_vertex(r.args[0], poly)  # type: ignore[arg-type]
    _midpoint(model, describe(r), r.span, m, rest[0], rest[1])


def _rel_altitude(model: Model, r: s.Relation) -> None:
    poly = _poly(r.args[1])  # type: ignore[arg-type]
    v, f, rest = _split_vertex(r.args[0], poly)  # type: ignore[arg-type]
    if len(rest) != 2:
        rest = [rest[0], rest[-1]] if len(rest) == 3 else rest[:2]
    _on_line(model, describe(r), r.span, f, rest[0], rest[1])
    _perpendicular(model, describe(r), r.span, (v, f), (rest[0], rest[1]))


def _rel_perp_bisector(model: Model, r: s.Relation) -> None:
    la, lb = _ends(r.args[0])  # type: ignore[arg-type]
    a, b = _ends(r.args[1])  # type: ignore[arg-type]
    _perpendicular(model, describe(r), r.span, (la, lb), (a, b))
    pa, pb, qa, qb = (model.point(n) for n in (a, b, la, lb))

    def fn(x: Vec) -> list[float]:
        m = ((pa(x)[0] + pb(x)[0]) / 2, (pa(x)[1] + pb(x)[1]) / 2)
        return [line_distance(m, qa(x), qb(x)) / model.scale]
    model.add(describe(r), r.span, fn)


def _rel_midsegment(model: Model, r: s.Relation, legs: bool = False) -> None:
    poly = _poly(r.args[1])  # type: ignore[arg-type]
    ends = _ends(r.args[0])  # type: ignore[arg-type]
    sides = _sides(poly)
    if legs:
        par = _trapezoid_pair(model, poly)
        sides = [sides[1], sides[3]] if par == 0 else [sides[0], sides[2]]
    used: set[int] = set()
    for e in ends:
        i = _side_for(model, e, sides, used)
        used.add(i)
        _midpoint(model, describe(r), r.span, e, *sides[i])


def _side_for(model: Model, p: str, sides: list[tuple[str, str]], used: set[int]) -> int:
    """The side a point is the midpoint of: one it is said to lie on, else the nearest drawn."""
    free = [i for i in range(len(sides)) if i not in used]
    for rel in model.fig.relations:
        if rel.name == "on" and rel.args[0] == s.Pt(p) and isinstance(rel.args[1], (s.Seg, s.Ln)):
            line = {rel.args[1].a, rel.args[1].b}
            exact = [i for i in free if set(sides[i]) <= line]
            near = [i for i in free if _collinear_hint(model, line, sides[i])]
            if exact or near:
                return (exact or near)[0]
    d = model.drawn
    if p in d and all(v in d for side in sides for v in side):
        return min(free, key=lambda i: dist(d[p], ((d[sides[i][0]][0] + d[sides[i][1]][0]) / 2,
                                                   (d[sides[i][0]][1] + d[sides[i][1]][1]) / 2)))
    return free[0]


def _collinear_hint(model: Model, line: set[str], side: tuple[str, str]) -> bool:
    """Whether the drawing puts the line's points on the side's line (they share one point)."""
    pts = line | set(side)
    d = model.drawn
    if not (line & set(side)) or len(pts) != 3 or not all(v in d for v in pts):
        return False
    a, b = d[side[0]], d[side[1]]
    return all(abs(line_distance(d[v], a, b)) < 0.02 * dist(a, b) for v in pts)


def _tri_centre(kind: str) -> Handler:
    def handler(model: Model, r: s.Relation) -> None:
        p, poly = r.args[0], _poly(r.args[1])  # type: ignore[arg-type]
        assert isinstance(p, s.Pt)
        a, b, c = poly.vertices[:3]
        label, name = describe(r), p.name
        if kind == "centroid":
            pp, pa, pb, pc = (model.point(n) for n in (name, a, b, c))
            model.add(label, r.span, lambda x: [(pp(x)[k] - (pa(x)[k] + pb(x)[k] + pc(x)[k]) / 3) / model.scale
                                                for k in (0, 1)])
        elif kind == "circumcenter":
            _equal_lengths(model, label, r.span, [(name, a), (name, b), (name, c)])
        elif kind == "orthocenter":
            _perpendicular(model, label, r.span, (a, name), (b, c))
            _perpendicular(model, label, r.span, (b, name), (a, c))
        else:
            _equal_angles(model, label, r.span, (b, a, name), (name, a, c))
            _equal_angles(model, label, r.span, (a, b, name), (name, b, c))
    return handler


def _rel_inscribed(model: Model, r: s.Relation, swap: bool = False) -> None:
    inner, outer = (r.args[1], r.args[0]) if swap else (r.args[0], r.args[1])
    label = describe(r)
    if isinstance(inner, s.Poly) and isinstance(outer, s.Circ):
        for v in inner.vertices:
            _on_circle(model, label, r.span, v, outer)
    elif isinstance(inner, s.Circ) and isinstance(outer, s.Poly):
        centre, rad = gm.circle(model, inner)
        for a, b in _sides(outer):
            model.add(label, r.span, _touches(model, centre, rad, a, b))
    elif isinstance(inner, s.Poly) and isinstance(outer, s.Poly):
        sides = _sides(outer)
        for v in inner.vertices:
            if v not in outer.vertices:
                a, b = sides[_side_for(model, v, sides, set())]
                _on_line(model, label, r.span, v, a, b)
    else:
        raise Unsupported(f"cannot inscribe {describe(inner)} in {describe(outer)}")


def _touches(model: Model, centre: Callable[[Vec], XY], rad: Num, a: str, b: str) -> Callable[[Vec], list[float]]:
    pa, pb = model.point(a), model.point(b)
    return lambda x: [(abs(line_distance(centre(x), pa(x), pb(x))) - rad(x)) / model.scale]


def _rel_chord(model: Model, r: s.Relation, diameter: bool = False) -> None:
    a, b = _ends(r.args[0])  # type: ignore[arg-type]
    circ = r.args[1]
    assert isinstance(circ, s.Circ)
    for p in (a, b):
        _on_circle(model, describe(r), r.span, p, circ)
    if diameter:
        centre, _ = gm.circle(model, circ)
        pa, pb = model.point(a), model.point(b)
        model.add(describe(r), r.span, lambda x: [(centre(x)[k] - (pa(x)[k] + pb(x)[k]) / 2) / model.scale
                                                  for k in (0, 1)])


def _rel_radius(model: Model, r: s.Relation) -> None:
    a, b = _ends(r.args[0])  # type: ignore[arg-type]
    circ = r.args[1]
    assert isinstance(circ, s.Circ)
    if circ.center not in (a, b):
        raise Unsupported(f"{describe(r.args[0])} does not start at the centre of {describe(circ)}")
    _on_circle(model, describe(r), r.span, b if circ.center == a else a, circ)


def _rel_intersect(model: Model, r: s.Relation) -> None:
    p = r.args[2]
    assert isinstance(p, s.Pt)
    for line in r.args[:2]:
        _on_line(model, describe(r), r.span, p.name, *_ends(line))  # type: ignore[arg-type]


def _rel_isosceles(model: Model, r: s.Relation) -> None:
    vs = _poly(r.args[0]).vertices  # type: ignore[arg-type]
    pairs = [(vs[0], vs[1]), (vs[0], vs[2])] if len(vs) == 3 else [(vs[1], vs[2]), (vs[3], vs[0])]
    _equal_lengths(model, describe(r), r.span, pairs)


def _rel_equilateral(model: Model, r: s.Relation) -> None:
    _equal_lengths(model, describe(r), r.span, _sides(_poly(r.args[0])))  # type: ignore[arg-type]


def _rel_right(model: Model, r: s.Relation) -> None:
    vs = _poly(r.args[0]).vertices  # type: ignore[arg-type]
    corners = [(vs[i - 1], vs[i], vs[(i + 1) % 3]) for i in range(3)]
    drawn = [_drawn_angle(model, *c) for c in corners]
    best = 1 if None in drawn else min(range(3), key=lambda i: abs((drawn[i] or 0) - math.pi / 2))
    a, v, b = corners[best]
    _perpendicular(model, describe(r), r.span, (v, a), (v, b))


def _rel_right_angle(model: Model, r: s.Relation) -> None:
    a, v, b = gm.resolve_angle(model, r.args[0])  # type: ignore[arg-type]
    _perpendicular(model, describe(r), r.span, (v, a), (v, b))


def _rel_regular(model: Model, r: s.Relation) -> None:
    _regular(model, _poly(r.args[0]), r.span)  # type: ignore[arg-type]


def _regular(model: Model, p: s.Poly, span: Span) -> None:
    label = f"regular {describe(p)}"
    _equal_lengths(model, label, span, _sides(p))
    vs, n = p.vertices, len(p.vertices)
    corners = [(vs[i - 1], vs[i], vs[(i + 1) % n]) for i in range(n)]
    for c in corners[1:]:
        _equal_angles(model, label, span, corners[0], c)


def _nothing(model: Model, r: s.Relation) -> None:
    return None


RELATIONS: dict[str, Handler] = {
    "on": _rel_on, "parallel": _rel_parallel, "perpendicular": _rel_perpendicular, "tangent": _rel_tangent,
    "congruent": _rel_congruent, "similar": _rel_similar, "midpoint": _rel_midpoint, "bisects": _rel_bisects,
    "median": _rel_median, "altitude": _rel_altitude, "perpendicular_bisector": _rel_perp_bisector,
    "midsegment": _rel_midsegment, "incenter": _tri_centre("incenter"), "centroid": _tri_centre("centroid"),
    "orthocenter": _tri_centre("orthocenter"), "circumcenter": _tri_centre("circumcenter"),
    "inscribed": _rel_inscribed, "circumscribed": lambda m, r: _rel_inscribed(m, r, swap=True),
    "chord": _rel_chord, "diameter": lambda m, r: _rel_chord(m, r, diameter=True), "radius": _rel_radius,
    "intersect": _rel_intersect, "isosceles": _rel_isosceles, "equilateral": _rel_equilateral,
    "right": _rel_right, "right_angle": _rel_right_angle, "regular": _rel_regular, "shade": _nothing,
}

# -- polygon kinds ---------------------------------------------------------------------------

KindHandler = Callable[[Model, s.Poly, Span], None]


def _trapezoid_pair(model: Model, p: s.Poly) -> int:
    """0 when AB is parallel to DC (the registry's reading), 1 when BC is parallel to AD in the drawing."""
    a, b, c, d = p.vertices
    dr = model.drawn
    if not all(v in dr for v in p.vertices):
        return 0
    ab = abs(unit_cross(dr[a], dr[b], dr[d], dr[c]))
    bc = abs(unit_cross(dr[b], dr[c], dr[a], dr[d]))
    return 1 if bc < ab else 0


def _parallelogram(model: Model, p: s.Poly, span: Span) -> None:
    a, b, c, d = p.vertices
    label = describe(p)
    _parallel(model, label, span, (a, b), (d, c))
    _parallel(model, label, span, (a, d), (b, c))


def _kind(extra: str) -> KindHandler:
    def handler(model: Model, p: s.Poly, span: Span) -> None:
        _parallelogram(model, p, span)
        a, b, c, d = p.vertices
        if extra in ("square", "rhombus"):
            _equal_lengths(model, describe(p), span, [(a, b), (a, d)])
        if extra in ("square", "rectangle"):
            _perpendicular(model, describe(p), span, (a, b), (a, d))
    return handler


def _trapezoid(model: Model, p: s.Poly, span: Span) -> None:
    a, b, c, d = p.vertices
    if _trapezoid_pair(model, p) == 0:
        _parallel(model, describe(p), span, (a, b), (d, c))
    else:
        _parallel(model, describe(p), span, (b, c), (a, d))


def _kite(model: Model, p: s.Poly, span: Span) -> None:
    a, b, c, d = p.vertices
    dr, first = model.drawn, [(a, b), (a, d)]
    options = [([(a, b), (a, d)], [(c, b), (c, d)]), ([(b, a), (b, c)], [(d, a), (d, c)])]
    if all(v in dr for v in p.vertices):
        def spread(o: tuple[list[tuple[str, str]], ...]) -> float:
            return sum(abs(dist(dr[x1], dr[y1]) - dist(dr[x2], dr[y2])) for (x1, y1), (x2, y2) in o)
        first = min(options, key=spread)[0]
        options = [o for o in options if o[0] == first]
    for pair in options[0]:
        _equal_lengths(model, describe(p), span, pair)


KINDS: dict[str, KindHandler] = {
    "parallelogram": _parallelogram, "rectangle": _kind("rectangle"), "rhombus": _kind("rhombus"),
    "square": _kind("square"), "trapezoid": _trapezoid, "kite": _kite, "regular_polygon": _regular,
}


# -- equations -------------------------------------------------------------------------------


def _equation(model: Model, eq: s.Equation) -> None:
    lhs, rhs = gm.quantity(model, eq.lhs), gm.quantity(model, eq.rhs)
    unit = eq.unit
    factor = (math.pi / 180 if unit == "degrees" else 1 / model.scale if unit == "length"
              else 1 / model.scale**2 if unit == "area" else 1.0)
    label = f"{describe(eq.lhs)} = {describe(eq.rhs)}"
    model.add(label, eq.span, lambda x: [(lhs(x) - rhs(x)) * factor])
