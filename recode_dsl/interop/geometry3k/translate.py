"""Translate parsed Geometry3K logic forms into recode-dsl statements.

``Translator.form(form)`` returns the statements of one form, each tagged with its section
(shape, relation, equation, ask), or raises ``Unsupported`` with a code and the reason. Every
predicate of the data set is in ``PREDICATES`` with the recode-dsl form it becomes.
"""

from __future__ import annotations

from recode_dsl import astnodes as dsl
from recode_dsl.interop.geometry3k import geom as geom
from recode_dsl.interop.geometry3k.forms import DEFERRED_NUMBERS, VALUES, unresolved_part
from recode_dsl.interop.geometry3k.parse import Call, Form, Name, Node, Num, Op, Placeholder, unparse
from recode_dsl.interop.geometry3k.statements import STATEMENTS
from recode_dsl.interop.geometry3k.text import (
    RELATION,
    SHAPE,
    Stmt,
    Unsupported,
    Val,
    add,
    apply,
    call,
    fraction,
    jux,
    literal,
    make_polygon,
    mul,
    named,
    neg,
    num,
    number,
    power,
    statement,
)

# Every predicate of predicates.tsv and what it becomes.
PREDICATES: dict[str, str] = {
    "Equals": "an equation `lhs = rhs`, a labelled angle, or a structural fact (altitude, hypotenuse, base)",
    "Find": "`ask EXPR`",
    "UseTheorem": "a `# hint:` comment",
    "Point": "the point itself",
    "Line": "segment(A, B)",
    "Angle": "angle(A, B, C) | angle(B) | angle(1)",
    "Arc": "arc(A, B) | arc(A, via, B)",
    "Major": "major_arc(...)",
    "Minor": "minor_arc(...)",
    "Circle": "circle(O)",
    "Cirle": "circle(O) (misspelt Circle)",
    "Sector": "sector(O, A, B), its ends on circle(O); without a drawn circle O is the point as far from both ends",
    "Sectoe": "sector(O, A, B) (misspelt Sector)",
    "Triangle": "triangle(...)",
    "Quadrilateral": "quadrilateral(...)",
    "Parallelogram": "parallelogram(...)",
    "parallelogram": "parallelogram(...) (lower-case Parallelogram)",
    "Rectangle": "rectangle(...)",
    "Rhombus": "rhombus(...)",
    "Square": "square(...)",
    "Trapezoid": "trapezoid(...) turned so that AB is parallel to DC",
    "Kite": "kite(...) turned so that AB = AD",
    "Pentagon": "pentagon(...)",
    "Hexagon": "hexagon(...)",
    "Octagon": "octagon(...)",
    "Polygon": "polygon(...)",
    "Shape": "triangle(...) | polygon(...); Shape($) unshaded: the outline of the drawn segments, less a notch, "
             "plus or minus half circles on its sides; shaded: outer minus inner of one circle and one polygon",
    "PointLiesOnLine": "on(P, segment(A, B))",
    "PointLiesOnCircle": "on(P, circle(O))",
    "Perpendicular": "perpendicular(l1, l2)",
    "Parallel": "parallel(l1, l2)",
    "Tangent": "tangent(l, circle(O))",
    "Similar": "similar(s1, s2)",
    "Congruent": "congruent(s1, s2) | equal lengths or measures",
    "IsMidpointOf": "midpoint(P, segment(A, B))",
    "IsDiameterOf": "diameter(segment(A, B), circle(O))",
    "IsRadiusOf": "radius(segment(O, A), circle(O))",
    "IsChordOf": "chord(segment(A, B), circle(O))",
    "IsMedianOf": "median(segment(A, M), polygon)",
    "IsAltitudeOf": "altitude(segment(A, D), triangle)",
    "IsMidsegmentOf": "midsegment(segment(D, E), polygon)",
    "IsPerpendicularBisectorOf": "perpendicular_bisector(line(M, N), segment(A, B))",
    "IsIncenterOf": "incenter(P, triangle) | bisects(segment(B, P), angle(A, B, C))",
    "IsCentroidOf": "centroid(P, triangle)",
    "IsOrthocenterOf": "orthocenter(P, triangle)",
    "IsDiagonalOf": "segment(A, C) and the polygon",
    "IsHypotenuseOf": "right_angle(angle at the opposite vertex) | the altitude to the hypotenuse",
    "InscribedIn": "inscribed(inner, outer)",
    "CircumscribedTo": "circumscribed(outer, inner)",
    "IntersectAt": "intersect(l1, l2, P) | on(P, ...)",
    "BisectsAngle": "bisects(l, angle)",
    "RightAngle": "right_angle(angle)",
    "Regular": "regular(polygon)",
    "Isosceles": "isosceles(polygon), apex first",
    "Equilateral": "equilateral(polygon)",
    "Right": "right(triangle)",
    "Shaded": "shade(region)",
    "Blue": "the shape itself (a colour in the figure)",
    "Green": "the shape itself (a colour in the figure)",
    "Red": "the shape itself (a colour in the figure)",
    "LengthOf": "length(A, B) | length(arc(...))",
    "MeasureOf": "angle(A, B, C) | measure(arc(A, B)); MeasureOf(angle 4) labels an angle",
    "AreaOf": "area(region)",
    "PerimeterOf": "perimeter(shape) | circumference(circle(O))",
    "CircumferenceOf": "circumference(circle(O))",
    "RadiusOf": "radius(circle(O))",
    "DiameterOf": "diameter(circle(O))",
    "SideOf": "side(polygon) | the side nearest the other object",
    "HeightOf": "the drawn altitude's length(A, D) | height(polygon)",
    "BaseOf": "the side opposite the drawn altitude's vertex (else the first vertex)",
    "LegOf": "the leg of a trapezoid nearest the other object",
    "HypotenuseOf": "the longest side of the right triangle",
    "AltitudeOf": "altitude(segment, triangle) | the drawn altitude's length | height(triangle)",
    "MedianOf": "(length(A, B) + length(D, C)) / 2 of a trapezoid",
    "ScaleFactorOf": "scale_factor(s2, s1): the scale factor of s1 to s2 is s1's lengths over s2's",
    "RatioOf": "ratio(a, b)",
    "SinOf": "sin(x)",
    "CosOf": "cos(x)",
    "TanOf": "tan(x)",
    "Add": "a + b",
    "Mul": "a * b",
    "SumOf": "a + b + ...",
    "HalfOf": "a / 2",
}

ALIASES = {"Cirle": "Circle", "Sectoe": "Sector", "parallelogram": "Parallelogram"}
MODIFIERS = {"Regular": "regular", "Isosceles": "isosceles", "Equilateral": "equilateral", "Right": "right"}
COLOURS = ("Blue", "Green", "Red")
GEOMETRY = {"point", "segment", "circle", "arc", "angle", "polygon", "region"}


def _name(node: Call) -> str:
    return ALIASES.get(node.name, node.name)


class Translator:
    """Translates the forms of one problem; remembers what later forms may refer to."""

    def __init__(self, positions: geom.Positions, centres: set[str], known: set[str] | None = None,
                 figure: tuple[str, ...] | None = None, outline: tuple[str, ...] | None = None, *,
                 segments: list[tuple[str, str]] | None = None, radii: dict[str, list[str]] | None = None,
                 notch: tuple[str, ...] | None = None) -> None:
        self.pos = positions
        self.figure = figure  # the outline of the drawn segments: what Shape($) means when unshaded
        self.outline = outline or figure  # that outline even when circles are drawn too
        self.polygons: list[Val] = []  # every polygon the forms name
        self.segments: list[tuple[str, str]] = segments or []  # the drawn segments
        self.notch = notch  # a piece cut out of the figure
        self.shape_labels: dict[Node, Val] = {}  # the label Square(1) -> the square it names
        self.arc_points: list[str] = []
        self.sector_ends: list[tuple[str, str]] = []  # (point, centre)
        self.on_circles: list[tuple[str, str]] = []  # (point, centre)
        self.radii: dict[str, list[str]] = radii or {}  # centre -> its circles' radius ids (several: concentric)
        self.centres = centres
        self.known = known or set(positions)
        self.legs_used: dict[str, int] = {}
        self.points: dict[str, None] = {}
        self.altitudes: dict[str, tuple[str, ...]] = {}
        self.on_segments: list[tuple[str, frozenset[str]]] = []
        self.perpendiculars: list[tuple[frozenset[str], frozenset[str]]] = []
        self.labels: set[str] = set()
        self.hints: list[str] = []
        self.out: list[Stmt] = []
        self.keep_order = False

    # -- forms -------------------------------------------------------------------------------

    def form(self, form: Form) -> list[Stmt]:
        self.out = []
        first = form.terms[0]
        if form.join == "and" and isinstance(first, Call) and first.args:
            self.statement(first)
            self.statement(Call(first.name, (*first.args[:-1], form.terms[1])))
        elif form.join == "at" and isinstance(first, Call):
            self.statement(first)
            at = self.point(form.terms[1])
            for arg in first.args:
                v = self.value(arg)
                if v.kind in ("circle", "segment"):
                    self.emit(RELATION, call("on", at, v.node))
        else:
            self.statement(first)
        return self.out

    def emit(self, section: int, node: dsl.Stmt | dsl.Expr) -> None:
        """Add a statement (an expression on its own is a statement call such as ``triangle(...)``)."""
        stmt = node if isinstance(node, (dsl.ExprStmt, dsl.Ask, dsl.PointDecl, dsl.Let)) else statement(node)
        self.out.append(Stmt(section, stmt))

    def statement(self, node: Node) -> None:
        if not isinstance(node, Call):
            raise Unsupported("E081", "a value on its own says nothing")
        name = _name(node)
        handler = STATEMENTS.get(name)
        if handler is not None:
            handler(self, node.args)
        elif name in MODIFIERS or name in VALUES or name in COLOURS:
            v = self.value(node)
            if v.kind not in GEOMETRY:
                raise Unsupported("E081", f"'{node.name}' on its own says nothing")
            if name not in MODIFIERS and name != "Shaded":
                self.emit(SHAPE, v.node)
        else:
            raise Unsupported("E081", f"unknown predicate '{node.name}'")

    # -- values ------------------------------------------------------------------------------

    def value(self, node: Node) -> Val:
        if isinstance(node, Call):
            name = _name(node)
            if name in VALUES:
                return VALUES[name](self, node.args)
            if name in MODIFIERS:
                return self.modifier(MODIFIERS[name], node.args)
            if name in COLOURS and len(node.args) == 1:
                return self.value(unresolved_part(node.args[0]))
            if name in STATEMENTS or name in PREDICATES:
                raise Unsupported("E081", f"'{node.name}' cannot be used as a value")
            raise Unsupported("E081", f"unknown predicate '{node.name}'")
        if isinstance(node, Placeholder):
            raise Unsupported("E082", f"'{node.text}' stands for a shape the annotation left unresolved")
        if isinstance(node, Num):
            return literal(node.text)
        if isinstance(node, Name):
            return self.name(node.id)
        return self.arith(node)

    def name(self, ident: str) -> Val:
        if ident[0].isupper() or ident in self.known:
            return Val("point", named(self.use_point(ident)))
        if len(ident) == 1 and ident.isalpha():
            return num(named(ident))
        raise Unsupported("E083", f"'{ident}' is not a number, a variable or a point")

    def use_point(self, ident: str) -> str:
        self.points.setdefault(ident, None)
        return ident

    def point(self, node: Node) -> str:
        if isinstance(node, Call) and node.name == "Point" and len(node.args) == 1:
            node = node.args[0]
        if isinstance(node, Name):
            ident = node.id
            if ident[0].isupper() or ident in self.known or ident.startswith("point_"):
                return self.use_point(ident)
            if len(ident) == 1 and ident.upper() in self.known:  # Line(b, E) where the figure has B
                return self.use_point(ident.upper())
        if isinstance(node, Placeholder):
            raise Unsupported("E082", f"'{node.text}' stands for a point the annotation left unresolved")
        raise Unsupported("E083", f"'{unparse(node)}' is not a point")

    def number(self, node: Node) -> Val:
        return self.as_number(self.value(node), node)

    def as_number(self, v: Val, node: Node | None = None) -> Val:
        if v.kind == "number":
            return v
        if v.kind in ("segment", "pair"):
            return num(call("length", *v.points))
        if v.kind == "angle":
            return num(v.node)
        if v.kind == "arc":
            return num(call("measure", v.node))
        if v.kind in DEFERRED_NUMBERS:
            return DEFERRED_NUMBERS[v.kind](self, v)
        what = unparse(node) if node is not None else v.text
        raise Unsupported("E083", f"'{what}' is {v.kind.replace('_', ' ')}, not a number")

    def arith(self, node: Op) -> Val:
        a = node.args
        if node.op in ("add", "sub"):
            return add(self.number(a[0]), self.number(a[1]), "+" if node.op == "add" else "-")
        if node.op == "frac":
            return fraction(self.number(a[0]), self.number(a[1]))
        if node.op in ("mul", "div"):
            return mul(self.number(a[0]), self.number(a[1]), "*" if node.op == "mul" else "/")
        if node.op == "jux":
            if isinstance(a[0], Op) and a[0].op == "neg":
                return neg(jux(self.number(a[0].args[0]), self.number(a[1])))
            return jux(self.number(a[0]), self.number(a[1]))
        if node.op == "neg":
            return neg(self.number(a[0]))
        if node.op == "pow":
            return power(self.number(a[0]), self.number(a[1]))
        if node.op == "sqrt":
            return apply("sqrt", self.number(a[0]))
        if node.op == "pi":
            return num(named("pi"))
        inner = a[0]
        if isinstance(inner, Num) and inner.text.isdigit():
            return Val("label", number(inner.text))
        return self.number(inner)

    def segment(self, v: Val, near: str | None = None) -> Val:
        """A segment value: a segment, or a side chosen near ``near`` by the picture."""
        if v.kind in ("segment", "pair"):
            return Val("segment", call("segment", *v.points[:2]), v.points[:2])
        if v.kind in ("side_of", "leg_of", "hypotenuse_of"):
            side = (geom.longest_side(self.pos, v.points) if v.kind == "hypotenuse_of" or near is None
                    else geom.side_nearest(self.pos, v.points, near, v.kind == "leg_of"))
            if side is None and v.kind == "leg_of" and len(v.points) == 4:
                side = self.next_leg(v)
            if side is not None:
                return Val("segment", call("segment", *side), side)
            raise Unsupported("E081", f"cannot tell which side of {v.text} is meant without the point positions")
        raise Unsupported("E083", f"'{v.text}' is not a segment")

    def next_leg(self, v: Val) -> tuple[str, str]:
        """Without positions, the legs BC and DA of trapezoid(A, B, C, D) are taken in turn."""
        k = self.legs_used.get(v.text, 0)
        self.legs_used[v.text] = k + 1
        a, b, c, d = v.points
        return (b, c) if k % 2 == 0 else (d, a)

    def polygon(self, v: Val) -> Val:
        if v.kind != "polygon":
            raise Unsupported("E083", f"'{v.text}' is not a polygon")
        return v

    def circle(self, node: Node) -> Val:
        if isinstance(node, Name) and node.id[0].isupper():
            return Val("circle", call("circle", self.use_point(node.id)), (node.id,))
        v = self.value(node)
        if v.kind != "circle":
            raise Unsupported("E083", f"'{unparse(node)}' is not a circle")
        return v

    def modifier(self, relation: str, args: tuple[Node, ...]) -> Val:
        if len(args) != 1:
            raise Unsupported("E081", f"'{relation}' takes one shape")
        v = self.value(args[0])
        if v.kind != "polygon":
            raise Unsupported("E083", f"'{relation}' needs a polygon, not '{unparse(args[0])}'")
        if relation == "isosceles" and len(v.points) == 3:
            v = make_polygon(v.extra, geom.rotate(v.points, geom.apex_turn(self.pos, v.points)))
        self.emit(RELATION, call(relation, v.node))
        return v

