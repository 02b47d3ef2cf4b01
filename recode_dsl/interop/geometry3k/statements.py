"""Geometry3K predicates that state something: relations, equations, questions and hints."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from recode_dsl import astnodes as dsl
from recode_dsl.interop.geometry3k.forms import turned_pair
from recode_dsl.interop.geometry3k.parse import Call, Name, Node, Num, unparse
from recode_dsl.interop.geometry3k.regular import regular_statement
from recode_dsl.interop.geometry3k.text import (
    ASK,
    EQUATION,
    RELATION,
    SHAPE,
    Unsupported,
    Val,
    ask,
    call,
    literal,
    make_polygon,
    statement,
)

if TYPE_CHECKING:
    from recode_dsl.interop.geometry3k.translate import Translator

Args = tuple[Node, ...]


def _two(name: str, args: Args) -> tuple[Node, Node]:
    if len(args) != 2:
        raise Unsupported("E083", f"'{name}' with {len(args)} arguments; it takes two")
    return args[0], args[1]


def _on_line(t: Translator, args: Args) -> None:
    p, line = _two("PointLiesOnLine", args)
    name, seg = t.point(p), t.segment(t.value(line))
    t.on_segments.append((name, frozenset(seg.points)))
    t.emit(RELATION, call("on", name, seg.node))


def _on_circle(t: Translator, args: Args) -> None:
    p, c = _two("PointLiesOnCircle", args)
    name, circle = t.point(p), t.circle(c)
    t.on_circles.append((name, circle.points[0]))
    t.emit(RELATION, call("on", name, circle.node))


def _lines(rel: str) -> Callable[[Translator, Args], None]:
    def make(t: Translator, args: Args) -> None:
        a, b = _two(rel, args)
        sa, sb = t.segment(t.value(a)), t.segment(t.value(b))
        if rel == "perpendicular":
            t.perpendiculars.append((frozenset(sa.points), frozenset(sb.points)))
        t.emit(RELATION, call(rel, sa.node, sb.node))
    return make


def _tangent(t: Translator, args: Args) -> None:
    a, c = _two("Tangent", args)
    first = t.value(a)
    touching = first if first.kind == "circle" else t.segment(first)
    t.emit(RELATION, call("tangent", touching.node, t.circle(c).node))


def _correspond(rel: str) -> Callable[[Translator, Args], None]:
    def make(t: Translator, args: Args) -> None:
        va, vb = turned_pair(t, *_two(rel.capitalize(), args))
        shapes = ("polygon", "circle")
        if va.kind in shapes and vb.kind in shapes:
            t.emit(RELATION, call(rel, va.node, vb.node))
        elif rel == "congruent" and va.kind in ("segment", "arc", "angle") and vb.kind in ("segment", "arc", "angle"):
            t.emit(EQUATION, statement(_congruent_side(t, va), _congruent_side(t, vb)))
        else:
            raise Unsupported("E083", f"'{rel}' needs two shapes, not {va.kind} and {vb.kind}")
    return make


def _congruent_side(t: Translator, v: Val) -> dsl.Expr:
    if v.kind == "arc" and len(v.points) == 2:  # congruent arcs have congruent chords
        return t.as_number(Val("segment", None, v.points)).node
    return t.as_number(v).node


def _point_segment(rel: str) -> Callable[[Translator, Args], None]:
    def make(t: Translator, args: Args) -> None:
        p, s = _two(rel, args)
        name = t.point(p)
        t.emit(RELATION, call(rel, name, t.segment(t.value(s), near=name).node))
    return make


def _segment_circle(rel: str) -> Callable[[Translator, Args], None]:
    def make(t: Translator, args: Args) -> None:
        s, c = _two(rel, args)
        circle = t.circle(c)
        t.emit(RELATION, call(rel, t.segment(t.value(s), near=circle.points[0]).node, circle.node))
    return make


def _segment_polygon(rel: str) -> Callable[[Translator, Args], None]:
    def make(t: Translator, args: Args) -> None:
        s, poly = _two(rel, args)
        seg, shape = t.segment(t.value(s)), t.polygon(t.value(poly))
        if rel == "altitude":
            t.altitudes[shape.text] = seg.points
        t.emit(RELATION, call(rel, seg.node, shape.node))
    return make


def _point_polygon(rel: str) -> Callable[[Translator, Args], None]:
    def make(t: Translator, args: Args) -> None:
        p, poly = _two(rel, args)
        name, shape = t.point(p), t.value(poly)
        if rel == "incenter" and shape.kind == "angle" and len(shape.points) == 3:
            t.emit(RELATION, call("bisects", call("segment", shape.points[1], name), shape.node))
            return
        t.emit(RELATION, call(rel, name, t.polygon(shape).node))
    return make


def _perp_bisector(t: Translator, args: Args) -> None:
    a, b = _two("IsPerpendicularBisectorOf", args)
    line, seg = t.segment(t.value(a)), t.segment(t.value(b))
    t.emit(RELATION, call("perpendicular_bisector", call("line", *line.points), seg.node))


def _diagonal(t: Translator, args: Args) -> None:
    s, poly = _two("IsDiagonalOf", args)
    t.emit(SHAPE, t.segment(t.value(s)).node)
    t.emit(SHAPE, t.polygon(t.value(poly)).node)


def _right_opposite(t: Translator, seg: Val, tri: Val) -> None:
    """The hypotenuse's opposite vertex is the right angle. A "hypotenuse" drawn from a vertex to a
    point of the opposite side is the altitude to the hypotenuse (how the annotators wrote
    "the altitude drawn to the hypotenuse"): the right angle is at that vertex."""
    rest = [p for p in tri.points if p not in seg.points]
    if len(tri.points) == 3 and len(rest) == 1:
        t.emit(RELATION, call("right_angle", call("angle", seg.points[0], rest[0], seg.points[1])))
        return
    vertex = next((p for p in seg.points if p in tri.points), None)
    if len(tri.points) == 3 and len(rest) == 2 and vertex is not None:
        foot = next(p for p in seg.points if p != vertex)
        if (foot, frozenset(rest)) in t.on_segments:
            t.altitudes[tri.text] = (vertex, foot)
            t.emit(RELATION, call("right_angle", call("angle", rest[0], vertex, rest[1])))
            drop = call("segment", vertex, foot)
            t.emit(RELATION, call("altitude", drop, call("triangle", vertex, rest[0], rest[1])))
            return
    raise Unsupported("E083", f"{seg.text} is not a side of {tri.text}")


def _hypotenuse(t: Translator, args: Args) -> None:
    s, tri = _two("IsHypotenuseOf", args)
    _right_opposite(t, t.segment(t.value(s)), t.polygon(t.value(tri)))


def _shapes(rel: str) -> Callable[[Translator, Args], None]:
    def make(t: Translator, args: Args) -> None:
        a, b = _two(rel, args)
        va, vb = t.value(a), t.value(b)
        if va.kind not in ("polygon", "circle") or vb.kind not in ("polygon", "circle"):
            raise Unsupported("E083", f"'{rel}' needs two shapes")
        t.emit(RELATION, call(rel, va.node, vb.node))
    return make


def _intersect(t: Translator, args: Args) -> None:
    if len(args) < 3:
        raise Unsupported("E083", "'IntersectAt' needs two objects and a point")
    p = t.point(args[-1])
    lines: list[Val] = []
    for arg in args[:-1]:
        v = t.value(arg)
        if v.kind == "circle":
            t.emit(RELATION, call("on", p, v.node))
        elif v.kind == "polygon":
            t.emit(SHAPE, v.node)
        else:
            lines.append(t.segment(v))
    if len(lines) >= 2:
        t.emit(RELATION, call("intersect", lines[0].node, lines[1].node, p))
    for line in lines[2:] if len(lines) >= 2 else lines:
        t.emit(RELATION, call("on", p, line.node))


def _bisects(t: Translator, args: Args) -> None:
    a, b = _two("BisectsAngle", args)
    line, target = t.segment(t.value(a)), t.value(b)
    if target.kind == "angle":
        t.emit(RELATION, call("bisects", line.node, target.node))
    elif target.kind == "polygon" and len(target.points) == 3:
        vertex = next((p for p in line.points if p in target.points), None)
        if vertex is None:
            raise Unsupported("E083", f"{line.text} does not start at a vertex of {target.text}")
        a1, a2 = (p for p in target.points if p != vertex)
        t.emit(RELATION, call("bisects", line.node, call("angle", a1, vertex, a2)))
    else:
        _bisects_segment(t, line, t.segment(target))


def _bisects_segment(t: Translator, line: Val, seg: Val) -> None:
    """``BisectsAngle(Line(B, D), Line(A, C))``: where BD crosses AC is the midpoint of AC."""
    on_line = {p for p, s in t.on_segments if s == frozenset(line.points)} | set(line.points)
    on_seg = [p for p, s in t.on_segments if s == frozenset(seg.points) and p in on_line]
    if not on_seg:
        raise Unsupported("E081", f"no point is named where {line.text} crosses {seg.text}")
    t.emit(RELATION, call("midpoint", on_seg[0], seg.node))


def _right_angle(t: Translator, args: Args) -> None:
    if len(args) != 1:
        raise Unsupported("E083", "'RightAngle' takes one angle")
    v = t.value(args[0])
    if v.kind != "angle":
        raise Unsupported("E083", f"'{unparse(args[0])}' is not an angle")
    t.emit(RELATION, call("right_angle", v.node))


def _theorem(t: Translator, args: Args) -> None:
    names = [a.id.replace("_", " ") for a in args if isinstance(a, Name)]
    t.hints.extend(names)


def _find(t: Translator, args: Args) -> None:
    if len(args) != 1:
        raise Unsupported("E083", "'Find' takes one value")
    v = t.value(args[0])
    t.emit(ASK, ask(t.as_number(v, args[0]).node))


def _equals(t: Translator, args: Args) -> None:
    a, b = _two("Equals", args)
    if _shape_label(t, a, b) or _shape_label(t, b, a):
        return
    va, vb = t.value(a), t.value(b)
    if va.kind in _STRUCTURAL or vb.kind == "label":
        va, vb = vb, va
    if vb.kind in _STRUCTURAL:
        _STRUCTURAL[vb.kind](t, t.segment(va), vb)
    elif va.kind == "label" or _label_pair(va, vb) or _label_pair(vb, va):
        _label(t, va, vb)
    else:
        t.emit(EQUATION, statement(t.as_number(va, a).node, t.as_number(vb, b).node))


def _shape_label(t: Translator, label: Node, shape: Node) -> bool:
    """``Equals(Square(1), Square(I, B, H, G))``: the square printed 1 is IBHG."""
    if not (isinstance(label, Call) and len(label.args) == 1 and isinstance(label.args[0], (Num, Name))
            and isinstance(shape, Call) and len(shape.args) >= 3):
        return False
    v = t.value(shape)
    if v.kind != "polygon":
        return False
    t.shape_labels[label] = v
    t.emit(SHAPE, v.node)
    return True


def _label_pair(angle: Val, label: Val) -> bool:
    return angle.kind == "angle" and bool(angle.points) and label.kind == "angle" and bool(label.extra)


def _label(t: Translator, va: Val, vb: Val) -> None:
    """``Equals(MeasureOf(Angle(F, E, I)), MeasureOf(angle 4))``: the angle printed 4 is F-E-I."""
    angle, number = (vb, va.text) if va.kind == "label" else (va, vb.extra) if va.points else (vb, va.extra)
    if angle.kind != "angle" or not angle.points:
        raise Unsupported("E083", f"the label {number} is given to '{angle.text}', which is not an angle")
    if number in t.labels:
        t.emit(EQUATION, statement(angle.node, call("angle", literal(number).node)))
        return
    t.labels.add(number)
    t.emit(SHAPE, call("angle", *angle.points, label=literal(number).node))


def _altitude_fact(t: Translator, seg: Val, of: Val) -> None:
    t.altitudes[of.text] = seg.points
    t.emit(RELATION, call("altitude", seg.node, of.node))


def _hypotenuse_fact(t: Translator, seg: Val, of: Val) -> None:
    _right_opposite(t, seg, make_polygon(of.extra, of.points))


def _base_fact(t: Translator, seg: Val, of: Val) -> None:
    """``Equals(Line(B, C), BaseOf(...))`` names the base: implied by the shape (and the apex rule)."""


_STRUCTURAL: dict[str, Callable[[Translator, Val, Val], None]] = {
    "altitude_of": _altitude_fact, "hypotenuse_of": _hypotenuse_fact, "base_of": _base_fact}

STATEMENTS: dict[str, Callable[[Translator, Args], None]] = {
    "Equals": _equals, "Find": _find, "UseTheorem": _theorem,
    "PointLiesOnLine": _on_line, "PointLiesOnCircle": _on_circle,
    "Perpendicular": _lines("perpendicular"), "Parallel": _lines("parallel"), "Tangent": _tangent,
    "Similar": _correspond("similar"), "Congruent": _correspond("congruent"),
    "IsMidpointOf": _point_segment("midpoint"),
    "IsDiameterOf": _segment_circle("diameter"), "IsRadiusOf": _segment_circle("radius"),
    "IsChordOf": _segment_circle("chord"),
    "IsMedianOf": _segment_polygon("median"), "IsAltitudeOf": _segment_polygon("altitude"),
    "IsMidsegmentOf": _segment_polygon("midsegment"), "IsPerpendicularBisectorOf": _perp_bisector,
    "IsIncenterOf": _point_polygon("incenter"), "IsCentroidOf": _point_polygon("centroid"),
    "IsOrthocenterOf": _point_polygon("orthocenter"), "IsDiagonalOf": _diagonal, "IsHypotenuseOf": _hypotenuse,
    "InscribedIn": _shapes("inscribed"), "CircumscribedTo": _shapes("circumscribed"),
    "IntersectAt": _intersect, "BisectsAngle": _bisects, "RightAngle": _right_angle,
    "Regular": regular_statement,
}
