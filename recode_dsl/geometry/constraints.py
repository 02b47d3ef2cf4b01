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
from recode_dsl.geometry import measures as gm
from recode_dsl.geometry import tangent as geo_tangent
from recode_dsl.geometry.kinds import KINDS, regular, trapezoid_pair
from recode_dsl.geometry.numeric import (
    XY,
    Model,
    Unsupported,
    Vec,
    circle_key,
    describe,
    dist,
    line_distance,
)
from recode_dsl.geometry.prims import (
    as_poly,
    drawn_angle,
    ends,
    equal_angles,
    equal_lengths,
    midpoint,
    on_circle,
    on_line,
    parallel,
    perpendicular,
    sides,
)

Handler = Callable[[Model, s.Relation], None]


def build(model: Model) -> list[tuple[Span, str]]:
    """Add every constraint of the figure to the model; returns (span, reason) of those skipped."""
    fig, skipped = model.fig, []
    _prescan_circles(model)
    _collinear_sets(model, [r for r in fig.relations if _on_line_rel(r)])
    for r in fig.relations:
        if _on_line_rel(r):
            continue
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


def _on_line_rel(r: s.Relation) -> bool:
    return r.name == "on" and isinstance(r.args[0], s.Pt) and isinstance(r.args[1], (s.Seg, s.Ln, s.Ray))


def _collinear_sets(model: Model, rels: list[s.Relation]) -> None:
    """Points said to lie on one line, as one block per line: k points need only k - 2 residuals.

    Drawings of Geometry3K list every point of a line against every pair of others; merging
    the statements that share two points keeps the system small.
    """
    lines: list[tuple[set[str], list[s.Relation]]] = []
    for r in rels:
        p, g = r.args[0], r.args[1]
        assert isinstance(p, s.Pt) and isinstance(g, (s.Seg, s.Ln, s.Ray))
        pts: set[str] = {p.name, g.a, g.b}
        if len(pts) < 3:
            continue
        group, members = set(pts), [r]
        for other in [ln for ln in lines if len(ln[0] & group) >= 2 and _drawn_line(model, ln[0] | group)]:
            lines.remove(other)
            group |= other[0]
            members += other[1]
        lines.append((group, members))
    merged = True
    while merged:
        merged = False
        for i, j in [(m, n) for m in range(len(lines)) for n in range(m + 1, len(lines))]:
            if len(lines[i][0] & lines[j][0]) >= 2 and _drawn_line(model, lines[i][0] | lines[j][0]):
                lines[i] = (lines[i][0] | lines[j][0], lines[i][1] + lines[j][1])
                del lines[j]
                merged = True
                break
    if model.between:
        for r in rels:
            _between(model, r)
    for pts, members in lines:
        a, b = _anchors(model, pts)
        label = describe(members[0]) if len(members) == 1 else f"{', '.join(sorted(pts))} on one line"
        for q in sorted(pts - {a, b}):
            on_line(model, label, members[0].span, q, a, b)


def outside(model: Model, x: Vec) -> bool:
    """Whether a point said to lie on a segment lies off its ends (beyond rounding)."""
    for r in model.fig.relations:
        p, g = (r.args + (None, None))[:2]
        if _on_line_rel(r) and isinstance(g, s.Seg) and isinstance(p, s.Pt):
            t = _param(model.point(p.name)(x), model.point(g.a)(x), model.point(g.b)(x))
            if t < -1e-6 or t > 1 + 1e-6:
                return True
    return False


def _param(q: XY, a: XY, b: XY) -> float:
    n2 = (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2
    return ((q[0] - a[0]) * (b[0] - a[0]) + (q[1] - a[1]) * (b[1] - a[1])) / n2 if n2 > 1e-18 else 0.5


def _between(model: Model, r: s.Relation) -> None:
    p, g = r.args[0], r.args[1]
    if not (isinstance(p, s.Pt) and isinstance(g, s.Seg)):
        return
    pp, pa, pb = model.point(p.name), model.point(g.a), model.point(g.b)

    def fn(x: Vec) -> list[float]:
        t = _param(pp(x), pa(x), pb(x))
        return [min(0.0, t) + max(0.0, t - 1.0)]
    model.add(describe(r), r.span, fn)


def _drawn_line(model: Model, pts: set[str]) -> bool:
    """Whether merging is safe: the drawing shows these points on one line (or does not show them)."""
    d = model.drawn
    known = [d[p] for p in sorted(pts) if p in d]
    if len(known) < 3:
        return True
    a, b = max(((p, q) for i, p in enumerate(known) for q in known[i + 1:]), key=lambda pq: dist(*pq))
    span = dist(a, b)
    return span > 0 and all(abs(line_distance(p, a, b)) <= 0.03 * span for p in known)


def _anchors(model: Model, pts: set[str]) -> tuple[str, str]:
    """Two points of a line to measure the others against: the farthest apart in the drawing."""
    d = model.drawn
    drawn = sorted(p for p in pts if p in d)
    if len(drawn) >= 2:
        pairs = [(dist(d[p], d[q]), p, q) for i, p in enumerate(drawn) for q in drawn[i + 1:]]
        _, a, b = max(pairs)
        return a, b
    names = sorted(pts)
    return names[0], names[1]


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


# -- relations -------------------------------------------------------------------------------


def _rel_on(model: Model, r: s.Relation) -> None:
    p, t = r.args[0], r.args[1]
    assert isinstance(p, s.Pt)
    label = describe(r)
    if isinstance(t, (s.Seg, s.Ln, s.Ray)):
        on_line(model, label, r.span, p.name, t.a, t.b)
    elif isinstance(t, s.Circ):
        on_circle(model, label, r.span, p.name, t)
    elif isinstance(t, s.Arc):
        centre, rad = gm.arc_circle(model, t)
        pp = model.point(p.name)
        model.add(label, r.span, lambda x: [(dist(centre(x), pp(x)) - rad(x)) / model.scale])
    else:
        raise Unsupported(f"cannot place a point on {describe(t)}")


def _rel_parallel(model: Model, r: s.Relation) -> None:
    parallel(model, describe(r), r.span, ends(r.args[0]), ends(r.args[1]))  # type: ignore[arg-type]


def _rel_perpendicular(model: Model, r: s.Relation) -> None:
    perpendicular(model, describe(r), r.span, ends(r.args[0]), ends(r.args[1]))  # type: ignore[arg-type]


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
    model.add(describe(r), r.span, geo_tangent.touches(model, circ, centre, rad, *ends(first)))  # type: ignore[arg-type]


def _rel_congruent(model: Model, r: s.Relation) -> None:
    g1, g2 = r.args[0], r.args[1]
    if isinstance(g1, s.Circ) and isinstance(g2, s.Circ):
        (_, r1), (_, r2) = gm.circle(model, g1), gm.circle(model, g2)
        model.add(describe(r), r.span, lambda x: [(r1(x) - r2(x)) / model.scale])
        return
    p1, p2 = as_poly(g1), as_poly(g2)  # type: ignore[arg-type]
    n = len(p1.vertices)
    for i in range(n):
        for j in range(i + 1, n):
            equal_lengths(model, describe(r), r.span, [(p1.vertices[i], p1.vertices[j]),
                                                        (p2.vertices[i], p2.vertices[j])])


def _rel_similar(model: Model, r: s.Relation) -> None:
    p1, p2 = as_poly(r.args[0]), as_poly(r.args[1])  # type: ignore[arg-type]
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
    midpoint(model, describe(r), r.span, p.name, *ends(seg))  # type: ignore[arg-type]


def _rel_bisects(model: Model, r: s.Relation) -> None:
    a, v, b = gm.resolve_angle(model, r.args[1])  # type: ignore[arg-type]
    la, lb = ends(r.args[0])  # type: ignore[arg-type]
    d = lb if la == v else la
    if v not in (la, lb):
        on_line(model, describe(r), r.span, v, la, lb)
    equal_angles(model, describe(r), r.span, (a, v, d), (d, v, b))


def _split_vertex(seg: s.Geo, poly: s.Poly) -> tuple[str, str, list[str]]:
    a, b = ends(seg)
    if a in poly.vertices:
        return a, b, [v for v in poly.vertices if v != a]
    if b in poly.vertices:
        return b, a, [v for v in poly.vertices if v != b]
    raise Unsupported(f"{describe(seg)} does not start at a vertex of {describe(poly)}")


def _rel_median(model: Model, r: s.Relation) -> None:
    poly = as_poly(r.args[1])  # type: ignore[arg-type]
    if len(poly.vertices) == 4:
        _rel_midsegment(model, s.Relation("midsegment", r.args, r.span), legs=True)
        return
    v, m, rest = _split_vertex(r.args[0], poly)  # type: ignore[arg-type]
    midpoint(model, describe(r), r.span, m, rest[0], rest[1])


def _rel_altitude(model: Model, r: s.Relation) -> None:
    poly = as_poly(r.args[1])  # type: ignore[arg-type]
    v, f, rest = _split_vertex(r.args[0], poly)  # type: ignore[arg-type]
    if len(rest) != 2:
        rest = [rest[0], rest[-1]] if len(rest) == 3 else rest[:2]
    on_line(model, describe(r), r.span, f, rest[0], rest[1])
    perpendicular(model, describe(r), r.span, (v, f), (rest[0], rest[1]))


def _rel_perp_bisector(model: Model, r: s.Relation) -> None:
    la, lb = ends(r.args[0])  # type: ignore[arg-type]
    a, b = ends(r.args[1])  # type: ignore[arg-type]
    perpendicular(model, describe(r), r.span, (la, lb), (a, b))
    pa, pb, qa, qb = (model.point(n) for n in (a, b, la, lb))

    def fn(x: Vec) -> list[float]:
        m = ((pa(x)[0] + pb(x)[0]) / 2, (pa(x)[1] + pb(x)[1]) / 2)
        return [line_distance(m, qa(x), qb(x)) / model.scale]
    model.add(describe(r), r.span, fn)


def _rel_midsegment(model: Model, r: s.Relation, legs: bool = False) -> None:
    poly = as_poly(r.args[1])  # type: ignore[arg-type]
    tips = ends(r.args[0])  # type: ignore[arg-type]
    edges = sides(poly)
    if legs:
        par = trapezoid_pair(model, poly)
        edges = [edges[1], edges[3]] if par == 0 else [edges[0], edges[2]]
    used: set[int] = set()
    for e in tips:
        i = _side_for(model, e, edges, used)
        used.add(i)
        midpoint(model, describe(r), r.span, e, *edges[i])


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
        p, poly = r.args[0], as_poly(r.args[1])  # type: ignore[arg-type]
        assert isinstance(p, s.Pt)
        a, b, c = poly.vertices[:3]
        label, name = describe(r), p.name
        if kind == "centroid":
            pp, pa, pb, pc = (model.point(n) for n in (name, a, b, c))
            model.add(label, r.span, lambda x: [(pp(x)[k] - (pa(x)[k] + pb(x)[k] + pc(x)[k]) / 3) / model.scale
                                                for k in (0, 1)])
        elif kind == "circumcenter":
            equal_lengths(model, label, r.span, [(name, a), (name, b), (name, c)])
        elif kind == "orthocenter":
            perpendicular(model, label, r.span, (a, name), (b, c))
            perpendicular(model, label, r.span, (b, name), (a, c))
        else:
            equal_angles(model, label, r.span, (b, a, name), (name, a, c))
            equal_angles(model, label, r.span, (a, b, name), (name, b, c))
    return handler


def _rel_inscribed(model: Model, r: s.Relation, swap: bool = False) -> None:
    inner, outer = (r.args[1], r.args[0]) if swap else (r.args[0], r.args[1])
    label = describe(r)
    if isinstance(inner, s.Poly) and isinstance(outer, s.Circ):
        for v in inner.vertices:
            on_circle(model, label, r.span, v, outer)
    elif isinstance(inner, s.Circ) and isinstance(outer, s.Poly):
        centre, rad = gm.circle(model, inner)
        for a, b in sides(outer):
            model.add(label, r.span, geo_tangent.touches(model, inner, centre, rad, a, b))
    elif isinstance(inner, s.Poly) and isinstance(outer, s.Poly):
        edges = sides(outer)
        for v in inner.vertices:
            if v not in outer.vertices:
                a, b = edges[_side_for(model, v, edges, set())]
                on_line(model, label, r.span, v, a, b)
    else:
        raise Unsupported(f"cannot inscribe {describe(inner)} in {describe(outer)}")


def _rel_chord(model: Model, r: s.Relation, diameter: bool = False) -> None:
    a, b = ends(r.args[0])  # type: ignore[arg-type]
    circ = r.args[1]
    assert isinstance(circ, s.Circ)
    for p in (a, b):
        on_circle(model, describe(r), r.span, p, circ)
    if diameter:
        centre, _ = gm.circle(model, circ)
        pa, pb = model.point(a), model.point(b)
        model.add(describe(r), r.span, lambda x: [(centre(x)[k] - (pa(x)[k] + pb(x)[k]) / 2) / model.scale
                                                  for k in (0, 1)])


def _rel_radius(model: Model, r: s.Relation) -> None:
    a, b = ends(r.args[0])  # type: ignore[arg-type]
    circ = r.args[1]
    assert isinstance(circ, s.Circ)
    if circ.center not in (a, b):
        raise Unsupported(f"{describe(r.args[0])} does not start at the centre of {describe(circ)}")
    on_circle(model, describe(r), r.span, b if circ.center == a else a, circ)


def _rel_intersect(model: Model, r: s.Relation) -> None:
    p = r.args[2]
    assert isinstance(p, s.Pt)
    for line in r.args[:2]:
        on_line(model, describe(r), r.span, p.name, *ends(line))  # type: ignore[arg-type]


def _rel_isosceles(model: Model, r: s.Relation) -> None:
    vs = as_poly(r.args[0]).vertices  # type: ignore[arg-type]
    pairs = [(vs[0], vs[1]), (vs[0], vs[2])] if len(vs) == 3 else [(vs[1], vs[2]), (vs[3], vs[0])]
    equal_lengths(model, describe(r), r.span, pairs)


def _rel_equilateral(model: Model, r: s.Relation) -> None:
    equal_lengths(model, describe(r), r.span, sides(as_poly(r.args[0])))  # type: ignore[arg-type]


def _rel_right(model: Model, r: s.Relation) -> None:
    vs = as_poly(r.args[0]).vertices  # type: ignore[arg-type]
    corners = [(vs[i - 1], vs[i], vs[(i + 1) % 3]) for i in range(3)]
    drawn = [drawn_angle(model, *c) for c in corners]
    best = 1 if None in drawn else min(range(3), key=lambda i: abs((drawn[i] or 0) - math.pi / 2))
    a, v, b = corners[best]
    perpendicular(model, describe(r), r.span, (v, a), (v, b))


def _rel_right_angle(model: Model, r: s.Relation) -> None:
    a, v, b = gm.resolve_angle(model, r.args[0])  # type: ignore[arg-type]
    perpendicular(model, describe(r), r.span, (v, a), (v, b))


def _rel_regular(model: Model, r: s.Relation) -> None:
    regular(model, as_poly(r.args[0]), r.span)  # type: ignore[arg-type]


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

# -- equations -------------------------------------------------------------------------------


def _major(q: s.Quantity, other: s.Quantity) -> s.Quantity:
    """An arc named by its ends and given more than 180 degrees is the major arc."""
    if (isinstance(q, s.Measure) and q.fn == "measure" and isinstance(q.args[0], s.Arc) and q.args[0].via is None
            and not q.args[0].major and isinstance(other, s.Const) and float(other.value) > 180):
        arc = q.args[0]
        return s.Measure("measure", (s.Arc(arc.a, arc.b, None, True),))
    return q


def _equation(model: Model, eq: s.Equation) -> None:
    lhs, rhs = gm.quantity(model, _major(eq.lhs, eq.rhs)), gm.quantity(model, _major(eq.rhs, eq.lhs))
    unit = eq.unit
    factor = (math.pi / 180 if unit == "degrees" else 1 / model.scale if unit == "length"
              else 1 / model.scale**2 if unit == "area" else 1.0)
    label = f"{describe(eq.lhs)} = {describe(eq.rhs)}"
    model.add(label, eq.span, lambda x: [(lhs(x) - rhs(x)) * factor])
