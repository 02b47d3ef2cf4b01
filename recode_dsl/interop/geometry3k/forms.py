"""The Geometry3K predicates, one small handler each: values (shapes and measures) and statements.

Handlers take the ``Translator`` and the predicate's arguments. Value handlers return a
``Val``; statement handlers emit statements through ``t.emit``. Both raise ``Unsupported``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from recode_dsl.interop.geometry3k import geom as geom
from recode_dsl.interop.geometry3k import regions as regions
from recode_dsl.interop.geometry3k.outline import outline
from recode_dsl.interop.geometry3k.parse import Call, Name, Node, Num, Placeholder, unparse
from recode_dsl.interop.geometry3k.text import (
    RELATION,
    Unsupported,
    Val,
    add,
    apply,
    call,
    literal,
    make_polygon,
    mul,
    num,
    point,
)

if TYPE_CHECKING:
    from recode_dsl.interop.geometry3k.translate import Translator

Args = tuple[Node, ...]
POLYGONS = {"Triangle": ("triangle", 3), "Quadrilateral": ("quadrilateral", 4), "Parallelogram": ("parallelogram", 4),
            "Rectangle": ("rectangle", 4), "Rhombus": ("rhombus", 4), "Square": ("square", 4),
            "Trapezoid": ("trapezoid", 4), "Kite": ("kite", 4), "Pentagon": ("pentagon", 5),
            "Hexagon": ("hexagon", 6), "Octagon": ("octagon", 8), "Polygon": ("polygon", 0), "Shape": ("", 0)}
_TURNS: dict[str, Callable[[geom.Positions, tuple[str, ...]], int]] = {
    "trapezoid": geom.trapezoid_turn, "kite": geom.kite_turn}


def _arity(name: str, args: Args, *counts: int) -> None:
    if len(args) not in counts:
        raise Unsupported("E083", f"'{name}' with {len(args)} argument{'s' * (len(args) != 1)}")


def _seg(a: str, b: str) -> Val:
    return Val("segment", call("segment", a, b), (a, b))


# -- shapes ----------------------------------------------------------------------------------


def _point(t: Translator, args: Args) -> Val:
    _arity("Point", args, 1)
    return point(t.point(args[0]))


def _line(t: Translator, args: Args) -> Val:
    if len(args) == 1 and isinstance(args[0], Name):
        ident = args[0].id
        if ident.isupper() and len(ident) == 2:  # Line(BE)
            return _seg(t.use_point(ident[0]), t.use_point(ident[1]))
        raise Unsupported("E081", f"a line named only '{ident}', with no points, has no form in the language")
    if len(args) == 3:  # MeasureOf(Line(A, E, N)) means the angle A-E-N
        pts = tuple(t.point(a) for a in args)
        return Val("angle", call("angle", *pts), pts)
    _arity("Line", args, 2)
    return _seg(t.point(args[0]), t.point(args[1]))


def _angle(t: Translator, args: Args) -> Val:
    if len(args) == 1 and isinstance(args[0], Num) and args[0].text.isdigit():
        return Val("angle", call("angle", literal(args[0].text).node), (), extra=args[0].text)
    pts = tuple(t.point(a) for a in args)
    if len(pts) == 2:
        return Val("pair", None, pts)
    _arity("Angle", args, 1, 3)
    return Val("angle", call("angle", *pts), pts)


def _arc(t: Translator, args: Args) -> Val:
    """A three-letter arc whose middle point the diagram does not place is the major arc (the
    convention three-letter names follow); with the point placed, the arc through it."""
    _arity("Arc", args, 2, 3)
    pts = tuple(t.point(a) for a in args)
    t.arc_points.extend(pts)
    if len(pts) == 3 and pts[1] not in t.pos and pts[0] in t.pos and pts[2] in t.pos:
        return Val("arc", call("major_arc", pts[0], pts[2]), (pts[0], pts[2]))
    return Val("arc", call("arc", *pts), pts)


def _arc_kind(kind: str) -> Callable[[Translator, Args], Val]:
    def make(t: Translator, args: Args) -> Val:
        _arity(kind, args, 1)
        v = t.value(args[0])
        if v.kind == "region" and getattr(v.expr, "func", None) == "sector" and len(v.points) == 3:
            # Major(Sector(A, O, B)): the sector over the major arc (Sector alone is the minor one)
            pts = (v.points[0], v.points[2], v.points[1]) if kind == "Major" else v.points
            return Val("region", call("sector", *pts), pts)
        if v.kind != "arc":
            raise Unsupported("E083", f"'{unparse(args[0])}' is not an arc or a sector")
        fn = "major_arc" if kind == "Major" or len(v.points) == 2 else "arc"
        fn = "minor_arc" if kind == "Minor" and len(v.points) == 2 else fn
        return Val("arc", call(fn, *v.points), v.points)
    return make


def _circle(t: Translator, args: Args) -> Val:
    _arity("Circle", args, 1, 2)
    centre = t.point(args[0])
    ids = t.radii.get(centre, [])
    if len(ids) > 1 and len(args) == 2 and isinstance(args[1], Name) and args[1].id in ids:
        # concentric circles: each gets its own (unknown) radius, r1, r2 ... in the order of their ids
        return Val("circle", call("circle", centre, f"r{ids.index(args[1].id) + 1}"), (centre,))
    return Val("circle", call("circle", centre), (centre,))


def _sector(t: Translator, args: Args) -> Val:
    _arity("Sector", args, 3)
    pts = [t.point(a) for a in args]
    centre = next((pts[i] for i in (1, 0, 2) if pts[i] in t.centres), None)
    centre = centre or geom.equidistant(t.pos, pts) or pts[1]
    a, b = (p for p in pts if p != centre) if len(set(pts)) == 3 else (pts[0], pts[2])
    a, b = geom.minor_order(t.pos, centre, a, b)
    if len(t.radii.get(centre, [])) < 2:  # the ends of a sector lie on its circle
        t.sector_ends.extend((p, centre) for p in (a, b))
    return Val("region", call("sector", centre, a, b), (centre, a, b))


def _polygon(name: str) -> Callable[[Translator, Args], Val]:
    kind, n = POLYGONS[name]

    def make(t: Translator, args: Args) -> Val:
        if name == "Shape" and args == (Placeholder("$"),) and t.figure and t.notch:  # the figure less a notch
            return regions.cut_out(t.figure, "triangle" if len(t.notch) == 3 else "polygon", t.notch)
        if name in ("Shape", "Polygon") and args == (Placeholder("$"),) and t.figure:
            return make_polygon("triangle" if len(t.figure) == 3 else "polygon", t.figure)  # "the figure"
        if name == "Polygon" and args == (Placeholder("$"),) and t.outline:  # "the polygon" among circles
            return make_polygon("triangle" if len(t.outline) == 3 else "polygon", t.outline)
        if name == "Shape" and args == (Placeholder("$"),) and t.centres:  # "the figure" with half circles
            circles = {c: [p for p, on in t.on_circles if on == c] for c in sorted(t.centres)}
            found = regions.composite(t.pos, t.segments, circles, outline)
            if found is not None:
                return found
            ring = make_polygon("triangle" if t.outline and len(t.outline) == 3 else "polygon", t.outline or ())
            inner = regions.between(t.pos, [ring], circles) if t.outline else None
            if inner is not None and regions.outer(inner) == ring.expr:  # a circle drawn inside the figure
                return ring
        if any(isinstance(a, Placeholder) for a in args):
            raise Unsupported("E082", f"'{name}({', '.join(unparse(a) for a in args)})' is a shape the annotation "
                              "left unresolved")
        if len(args) < 3:
            named = t.shape_labels.get(Call(name, args))
            if named is not None:
                return named
            raise Unsupported("E083", f"'{name}({', '.join(unparse(a) for a in args)})' names a shape by a label, "
                              "not by its vertices")
        verts = tuple(t.point(a) for a in args)
        if len(set(verts)) != len(verts):
            raise Unsupported("E083", f"'{name}({', '.join(verts)})' repeats a vertex")
        k = kind or ("triangle" if len(verts) == 3 else "polygon")
        k = k if not n or len(verts) == n else "polygon"
        if not t.keep_order:  # outside a correspondence: a crossed order is a slip of the annotation
            verts = geom.simple_order(t.pos, verts)
        if not t.keep_order and k in _TURNS:
            verts = geom.rotate(verts, _TURNS[k](t.pos, verts))
        shape = make_polygon(k, verts)
        t.polygons.append(shape)
        return shape
    return make


def turned_pair(t: Translator, a: Node, b: Node) -> tuple[Val, Val]:
    """Two corresponding shapes, both turned like the first (so correspondence is kept)."""
    t.keep_order = True
    try:
        va, vb = t.value(a), t.value(b)
    finally:
        t.keep_order = False
    if va.kind == vb.kind == "polygon" and va.extra in _TURNS and len(va.points) == len(vb.points):
        k = _TURNS[va.extra](t.pos, va.points)
        va = make_polygon(va.extra, geom.rotate(va.points, k))
        vb = make_polygon(vb.extra, geom.rotate(vb.points, k))
    return va, vb


# -- measures --------------------------------------------------------------------------------


def _length(t: Translator, args: Args) -> Val:
    if len(args) == 2:
        return num(call("length", t.point(args[0]), t.point(args[1])))
    _arity("LengthOf", args, 1)
    v = t.value(args[0])
    return num(call("length", v.node)) if v.kind == "arc" else t.as_number(v, args[0])


def _measure(t: Translator, args: Args) -> Val:
    if len(args) == 3:
        pts = tuple(t.point(a) for a in args)
        return num(call("angle", *pts))
    _arity("MeasureOf", args, 1)
    v = t.value(args[0])
    if v.kind == "pair":
        raise Unsupported("E083", f"an angle with two points, '{unparse(args[0])}'")
    return v if v.kind in ("label", "angle") else t.as_number(v, args[0])


def _of_shape(fn: str, kinds: tuple[str, ...]) -> Callable[[Translator, Args], Val]:
    def make(t: Translator, args: Args) -> Val:
        _arity(fn, args, 1)
        v = t.circle(args[0]) if kinds == ("circle",) else t.value(args[0])
        if v.kind not in kinds:
            raise Unsupported("E083", f"'{unparse(args[0])}' has no {fn}")
        if fn == "perimeter" and v.kind == "circle":
            return num(call("circumference", v.node))
        return num(call(fn, v.node))
    return make


def _deferred(kind: str) -> Callable[[Translator, Args], Val]:
    def make(t: Translator, args: Args) -> Val:
        _arity(kind, args, 1)
        v = t.value(args[0])
        if v.kind == "angle" and kind == "altitude_of" and len(v.points) == 3:
            a, vertex, b = v.points
            v = make_polygon("triangle", (vertex, a, b))
        t.polygon(v)
        return Val(kind, v.expr, v.points, extra=v.extra)
    return make


def _side_number(t: Translator, v: Val) -> Val:
    return num(call("side", v.node))


def foot(t: Translator, verts: tuple[str, ...]) -> tuple[str, str] | None:
    """A drawn altitude of a triangle: (vertex, foot) with the foot on the opposite side and the
    segment vertex-foot stated perpendicular to a piece of that side."""
    if len(verts) != 3:
        return None
    for k, apex in enumerate(verts):
        q, r = verts[(k + 1) % 3], verts[(k + 2) % 3]
        side = {p for p, seg in t.on_segments if seg == frozenset((q, r))}
        line = side | {q, r}
        for f in side:
            drop = frozenset((apex, f))
            if any(drop in pair and any(other <= line for other in pair if other != drop)
                   for pair in t.perpendiculars):
                return apex, f
    return None


def _apex_first(t: Translator, v: Val) -> tuple[str, ...]:
    """The triangle's vertices with the apex of its drawn altitude first (else as written)."""
    found = foot(t, v.points)
    if found is None:
        return v.points
    return geom.rotate(v.points, v.points.index(found[0]))


def _base_number(t: Translator, v: Val) -> Val:
    if len(v.points) != 3:
        raise Unsupported("E081", f"which base of {v.text} is meant is not said")
    _, b, c = _apex_first(t, v)
    return num(call("length", b, c))


def _altitude_number(t: Translator, v: Val) -> Val:
    seg = t.altitudes.get(v.text) or foot(t, v.points)
    return num(call("length", *seg)) if seg else num(call("height", v.node))


def _height(t: Translator, args: Args) -> Val:
    _arity("HeightOf", args, 1)
    v = t.polygon(t.value(args[0]))
    return _altitude_number(t, v) if len(v.points) == 3 else num(call("height", v.node))


def _hypotenuse_number(t: Translator, v: Val) -> Val:
    return t.as_number(t.segment(v))


def _leg_number(t: Translator, v: Val) -> Val:
    raise Unsupported("E081", f"which leg of {v.text} is meant is not said")


def _median_number(t: Translator, v: Val) -> Val:
    if len(v.points) != 4:
        raise Unsupported("E081", f"the median of {v.text}")
    a, b, c, d = geom.rotate(v.points, geom.trapezoid_turn(t.pos, v.points))
    total = add(num(call("length", a, b)), num(call("length", d, c)))
    return mul(total, literal("2"), "/")


DEFERRED_NUMBERS: dict[str, Callable[[Translator, Val], Val]] = {
    "side_of": _side_number, "base_of": _base_number, "altitude_of": _altitude_number,
    "hypotenuse_of": _hypotenuse_number, "leg_of": _leg_number, "median_of": _median_number}


def _scale_factor(t: Translator, args: Args) -> Val:
    _arity("ScaleFactorOf", args, 2)
    a, b = turned_pair(t, *args)
    if a.kind not in ("polygon", "circle") or b.kind not in ("polygon", "circle"):
        raise Unsupported("E083", "a scale factor needs two shapes")
    # "the scale factor of X to Y" is X's lengths over Y's; scale_factor(s1, s2) is s2 over s1
    return num(call("scale_factor", b.node, a.node))


def _ratio(t: Translator, args: Args) -> Val:
    _arity("RatioOf", args, 1, 2)
    if len(args) == 1:  # RatioOf(TanOf(Angle(B))): "express the ratio" of one value
        return t.number(args[0])
    return apply("ratio", t.number(args[0]), t.number(args[1]))


def _trig(fn: str) -> Callable[[Translator, Args], Val]:
    def make(t: Translator, args: Args) -> Val:
        _arity(fn, args, 1)
        return apply(fn, t.number(args[0]))
    return make


def _add(t: Translator, args: Args) -> Val:
    if not args:
        raise Unsupported("E083", "a sum of nothing")
    measure = next((a.name for a in args if hasattr(a, "name") and str(getattr(a, "name", "")).endswith("Of")), None)
    total: Val | None = None
    for arg in args:
        v = t.value(arg)
        if v.kind in ("circle", "polygon") and measure is not None:  # SumOf(CircumferenceOf(Circle(H)), Circle(J))
            v = VALUES[measure](t, (arg,))
        v = t.as_number(v, arg)
        total = v if total is None else add(total, v)
    assert total is not None
    return total


def _mul(t: Translator, args: Args) -> Val:
    _arity("Mul", args, 2)
    return mul(t.number(args[0]), t.number(args[1]))


def _half(t: Translator, args: Args) -> Val:
    _arity("HalfOf", args, 1)
    return mul(t.number(args[0]), literal("2"), "/")


def unresolved_part(node: Node) -> Node:
    """A shaded or coloured ``Shape($)`` is a part of the figure nobody named: not the outline."""
    if isinstance(node, Call) and node.args and all(isinstance(a, Placeholder) for a in node.args):
        raise Unsupported("E082", f"'{unparse(node)}' is a region of the figure the annotation left unresolved")
    return node


def _shaded(t: Translator, args: Args) -> Val:
    _arity("Shaded", args, 1)
    v = _between(t, args[0]) or t.value(unresolved_part(args[0]))
    if v.kind not in ("polygon", "circle", "region"):
        raise Unsupported("E083", f"'{unparse(args[0])}' cannot be shaded")
    t.emit(RELATION, call("shade", v.node))
    return v


def _between(t: Translator, node: Node) -> Val | None:
    """``Shaded(Shape($))`` in a figure of one circle and one polygon drawn one inside the other."""
    if not (isinstance(node, Call) and node.args and all(isinstance(a, Placeholder) for a in node.args)):
        return None
    circles = {c: [p for p, on in t.on_circles if on == c] for c in sorted(t.centres)}
    polygons = t.polygons or ([make_polygon("polygon", t.outline)] if t.outline else [])
    sides = {frozenset(s) for poly in polygons[:1] for s in geom.sides(poly.points)}
    touching = all(any(p == q and {*seg} <= {*side} for q, seg in t.on_segments for side in sides)
                   for on in circles.values() for p in on)
    region = regions.between(t.pos, polygons, circles, touching)
    if region is not None and regions.outer(region).func != "circle" and touching:
        centre = region.points[0]  # a circle inside the polygon touching its sides: tangent to them
        for side in sorted({tuple(sorted(seg)) for q, seg in t.on_segments if q in circles[centre] and seg in sides}):
            t.emit(RELATION, call("tangent", call("segment", *side), call("circle", centre)))
    return region


VALUES: dict[str, Callable[[Translator, Args], Val]] = {
    "Point": _point, "Line": _line, "Angle": _angle, "Arc": _arc, "Major": _arc_kind("Major"),
    "Minor": _arc_kind("Minor"), "Circle": _circle, "Sector": _sector,
    **{name: _polygon(name) for name in POLYGONS},
    "LengthOf": _length, "MeasureOf": _measure,
    "AreaOf": _of_shape("area", ("polygon", "circle", "region")),
    "PerimeterOf": _of_shape("perimeter", ("polygon", "circle")),
    "CircumferenceOf": _of_shape("circumference", ("circle",)), "RadiusOf": _of_shape("radius", ("circle",)),
    "DiameterOf": _of_shape("diameter", ("circle",)), "HeightOf": _height,
    "SideOf": _deferred("side_of"), "BaseOf": _deferred("base_of"), "LegOf": _deferred("leg_of"),
    "HypotenuseOf": _deferred("hypotenuse_of"), "AltitudeOf": _deferred("altitude_of"),
    "MedianOf": _deferred("median_of"), "ScaleFactorOf": _scale_factor, "RatioOf": _ratio,
    "SinOf": _trig("sin"), "CosOf": _trig("cos"), "TanOf": _trig("tan"),
    "Add": _add, "SumOf": _add, "Mul": _mul, "HalfOf": _half, "Shaded": _shaded,
}
