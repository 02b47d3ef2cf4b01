"""Check a figure program and build its ``scene.Figure``."""

from __future__ import annotations

from recode_dsl import astnodes as a
from recode_dsl import limits, messages
from recode_dsl import scene as s
from recode_dsl.check.build import build
from recode_dsl.check.drawn import LIMIT_TEXT, too_large
from recode_dsl.check.exprs import Elaborator, Scope
from recode_dsl.check.types import GEO_TYPES, Typed, describe_unit, relation_parts
from recode_dsl.errors import Span, did_you_mean
from recode_dsl.quantity import exact_expr, is_rational, value


def check_figure(program: a.Program, scope: Scope) -> s.Figure:
    el = Elaborator(scope, build)
    points = _declare_points(program, el)
    _declare_lets(program, el)
    shapes: list[s.Shape] = []
    relations: list[s.Relation] = []
    equations: list[s.Equation] = []
    queries: list[s.Query] = []
    for name, typed in scope.lets.items():
        if typed.type in GEO_TYPES and typed.type != "point":
            shapes.append(s.Shape(typed.value, _let_span(program, name), name))  # type: ignore[arg-type]
    unlabeled: list[s.Geo] = []
    for stmt in program.body:
        if isinstance(stmt, a.ExprStmt) and stmt.rhs is None:
            _statement(stmt, el, shapes, relations, equations, unlabeled)
        elif isinstance(stmt, a.ExprStmt):
            eq = _equation(stmt, el)
            if eq is not None:
                equations.append(eq)
    scope.in_query = True
    for stmt in program.body:
        if isinstance(stmt, a.Ask):
            q = _query(stmt, el)
            if q is not None:
                queries.append(q)
    _check_query_vars(scope)
    _check_counts(program, scope, len(points) + len(shapes) + len(relations) + len(equations), len(queries))
    for shape in shapes:
        _degenerate(shape.value, shape.span, points, scope)
    return s.Figure(program.header.title, tuple(points.values()), tuple(shapes), tuple(relations),
                    tuple(equations), tuple(queries), tuple(scope.variables), unlabeled=tuple(unlabeled),
                    length_unit=scope.units.base)


def _declare_points(program: a.Program, el: Elaborator) -> dict[str, s.Point]:
    scope = el.scope
    for stmt in program.body:
        if not isinstance(stmt, a.PointDecl):
            continue
        for item in stmt.items:
            if item.name in scope.points or item.name in ("pi", "true", "false"):
                scope.error("E011", messages.duplicate_name(item.name), item.span, "give each point its own name")
                continue
            x = y = None
            if item.at is not None:
                x, y = _coords(item.at, el)
            scope.points[item.name] = s.Point(item.name, x, y, item.span, sketch=item.sketch and item.at is not None)
    return scope.points


def _coords(at: a.Expr, el: Elaborator) -> tuple[s.Exact | None, s.Exact | None]:
    if not isinstance(at, a.Pair):
        el.scope.error("E014", messages.wrong_type("a point's position", "a pair (x, y)", "another value"), at.span)
        return None, None
    out: list[s.Exact | None] = []
    for part in (at.x, at.y):
        t = el.infer(part)
        value = _constant(t.value) if t.type == "number" else None
        if t.type != "error" and value is None:
            el.scope.error("E014", messages.wrong_type("a coordinate", "a number", "an expression with unknowns"),
                           part.span, "give numbers, or leave the position out")
        elif value is not None and (is_rational(value) or exact_expr(value).is_real is not False) \
                and too_large(value):
            el.scope.error("E020", messages.drawn_too_large("a coordinate", LIMIT_TEXT), part.span)
            value = None
        out.append(value)
    return out[0], out[1]


def _constant(q: object) -> s.Exact | None:
    """The exact value of a constant quantity (a rational without SymPy), or None if it has
    unknowns or measures."""
    try:
        v = value(q)  # type: ignore[arg-type]
    except ValueError:
        return None
    if not is_rational(v) and v.free_symbols:
        return None
    return v  # type: ignore[no-any-return]


def _declare_lets(program: a.Program, el: Elaborator) -> None:
    scope = el.scope
    for stmt in program.body:
        if not isinstance(stmt, a.Let):
            continue
        if stmt.name in scope.lets or stmt.name in scope.points:
            scope.error("E011", messages.duplicate_name(stmt.name), stmt.name_span)
            continue
        value = el.call(stmt.value, statement=False) if isinstance(stmt.value, a.Call) else el.infer(stmt.value)
        if isinstance(value.value, s.Circ) and value.value.name is None:
            circ = value.value
            value = Typed("circle", s.Circ(circ.center, circ.radius, circ.through, stmt.name))
        scope.lets[stmt.name] = value


def _let_span(program: a.Program, name: str) -> Span:
    return next(st.span for st in program.body if isinstance(st, a.Let) and st.name == name)


def _statement(stmt: a.ExprStmt, el: Elaborator, shapes: list[s.Shape], relations: list[s.Relation],
               equations: list[s.Equation], unlabeled: list[s.Geo]) -> None:
    if not isinstance(stmt.expr, a.Call):
        bare = stmt.expr.inner if isinstance(stmt.expr, a.Paren) else stmt.expr
        name = bare.id if isinstance(bare, a.Name) else ""
        let = el.scope.lets.get(name)
        if let is not None and let.type in GEO_TYPES:
            hint = f"delete the line: 'let {name} = ...' already draws the {let.type}"
        else:
            hint = "write an equation such as 'length(A, B) = 5', or 'ask' for a value"
        el.scope.error("E021", messages.not_a_statement("an expression"), stmt.span, hint)
        return
    t = el.call(stmt.expr, statement=True)
    if t.type == "relation":
        name, args = relation_parts(t)
        if name == "unlabeled":
            unlabeled.extend(args)
        elif name == "equal":
            equations.extend(_equal(args, stmt, el.scope))
        elif name == "center":
            relations.append(_center(args, stmt.span))
        else:
            relations.append(s.Relation(name, args, stmt.span))
    elif t.type in GEO_TYPES:
        shapes.append(s.Shape(t.value, stmt.span))  # type: ignore[arg-type]


def _equal(args: tuple[s.Geo, ...], stmt: a.ExprStmt, scope: Scope) -> list[s.Equation]:
    """equal(segment(A, B), segment(C, D), ...) as equal lengths; equal(arc(...), arc(...)) as equal measures."""
    kinds = {type(g) for g in args}
    if len(kinds) > 1:
        scope.error("E014", messages.wrong_type("the arguments of 'equal'", "all segments or all arcs",
                                                "segments and arcs"), stmt.span,
                    "equal(segment(A, B), segment(C, D)) or equal(arc(A, B), arc(C, D))")
        return []
    fn, unit = ("length", "length") if s.Seg in kinds else ("measure", "degrees")
    first = s.Measure(fn, (args[0],))
    return [s.Equation(first, s.Measure(fn, (g,)), unit, stmt.span) for g in args[1:]]


_DIAGONALS_CROSS = ("parallelogram", "rhombus", "rectangle", "square")
# calls the checker rewrites into ones the solvers know (relations here, measures in build.py): no solver rule
LOWERED = frozenset({"center", "equal", "unlabeled", "interior_angle", "exterior_angle", "angle_sum", "apothem"})


def _center(args: tuple[s.Geo, ...], span: Span) -> s.Relation:
    """center(P, polygon): where a parallelogram's diagonals cross, else the centre of the circle through
    the vertices (a regular polygon's centre), in relations the solvers know."""
    p, poly = args
    assert isinstance(p, s.Pt) and isinstance(poly, s.Poly)
    v = poly.vertices
    if poly.kind in _DIAGONALS_CROSS:
        return s.Relation("intersect", (s.Ln(v[0], v[2]), s.Ln(v[1], v[3]), p), span)
    return s.Relation("inscribed", (poly, s.Circ(p.name)), span)


def _equation(stmt: a.ExprStmt, el: Elaborator) -> s.Equation | None:
    assert stmt.rhs is not None
    lt = el.infer(stmt.expr)
    left = None if lt.type == "error" else el.as_quantity(lt, stmt.expr.span, "the left side of '='")
    right_t = el.expect(stmt.rhs, "number", "the right side of '='")
    if left is None or right_t.type == "error":
        return None
    lu = "degrees" if lt.type in ("angle", "arc") else lt.unit
    ru = right_t.unit
    if lu and ru and lu != ru:
        hint = ("an area is a length squared: write 48 ft^2, or compare with length(...)" if "area" in (lu, ru)
                else "an angle is in degrees and a length is not; check both sides")
        el.scope.error("E016", messages.unit_mismatch(describe_unit(lu), describe_unit(ru)), stmt.span, hint)
        return None
    right = right_t.value
    assert isinstance(right, (s.Const, s.Var, s.Measure, s.Apply))
    _check_range(left, right, lu or ru, stmt, el.scope)
    return s.Equation(left, right, lu or ru, stmt.span)


def _check_range(left: s.Quantity, right: s.Quantity, unit: str | None, stmt: a.ExprStmt, scope: Scope) -> None:
    """A measure set to a constant it can never have: a length of -3, an angle of 400 degrees."""
    value = _constant(right)
    if not isinstance(left, s.Measure) or value is None or not exact_expr(value).is_real:
        return
    span = stmt.rhs.span if stmt.rhs is not None else stmt.span
    if unit in ("length", "area") and not bool(exact_expr(value) > 0):
        scope.error("E019", messages.out_of_range(f"{left.fn}(...)", "positive"), span)
    elif left.fn == "measure" and not bool(0 < exact_expr(value) < 360):
        scope.error("E019", messages.out_of_range("an angle or arc measure", "between 0 and 360 degrees"), span)


def _query(stmt: a.Ask, el: Elaborator) -> s.Query | None:
    t = el.infer(stmt.expr)
    if t.type == "error":
        return None
    q = el.as_quantity(t, stmt.expr.span, "what 'ask' asks for")
    return None if q is None else s.Query(q, _source_text(stmt), stmt.span, _parts_text(stmt))


def _source_text(stmt: a.Ask) -> str:
    from recode_dsl.fmt import format_expr

    return format_expr(stmt.expr)


def _parts_text(stmt: a.Ask) -> tuple[str, ...]:
    """The text of each argument of ``ask common(...)`` (nothing for other questions)."""
    from recode_dsl.fmt import format_expr

    e = stmt.expr
    while isinstance(e, a.Paren):
        e = e.inner
    return tuple(format_expr(x) for x in e.args) if isinstance(e, a.Call) and e.func == "common" else ()


def _check_query_vars(scope: Scope) -> None:
    for name, span in scope.query_only_vars.items():
        if name not in scope.variables:
            scope.error("E010", messages.undefined_name("name", name), span,
                        did_you_mean(name, scope.known_names()) or "a variable must appear in an equation first")


def _check_counts(program: a.Program, scope: Scope, elements: int, queries: int) -> None:
    if elements > limits.MAX_ELEMENTS:
        scope.error("E020", messages.limit_exceeded("figure elements", elements, limits.MAX_ELEMENTS),
                    program.header.span)
    if queries > limits.MAX_QUERIES:
        scope.error("E020", messages.limit_exceeded("queries", queries, limits.MAX_QUERIES), program.header.span)


def _degenerate(value: s.Geo, span: Span, points: dict[str, s.Point], scope: Scope) -> None:
    names: tuple[str, ...] = ()
    if isinstance(value, (s.Seg, s.Ln, s.Ray)):
        names = (value.a, value.b)
    elif isinstance(value, s.Poly):
        names = value.vertices
    elif isinstance(value, s.Circ) and value.through:
        names = value.through  # circle_through(A, B, C): three different points, not on one line
    elif isinstance(value, s.Circ) and value.radius is not None:
        r = _constant(value.radius)
        if r is not None and not bool(exact_expr(r) > 0):
            scope.error("E019", messages.out_of_range("a radius", "positive"), span)
        elif r is not None and too_large(r):
            scope.error("E020", messages.drawn_too_large("a radius", LIMIT_TEXT), span)
    if isinstance(value, s.Poly) and len(names) > limits.MAX_POLYGON_SIDES:
        scope.error("E020", messages.limit_exceeded(f"{value.kind} vertices", len(names), limits.MAX_POLYGON_SIDES),
                    span)
        return
    dup = next((n for i, n in enumerate(names) if n in names[:i]), None)
    if dup is not None:
        kind = value.kind if isinstance(value, s.Poly) else _KIND.get(type(value), "shape")
        scope.error("E018", messages.degenerate(kind, f"'{dup}' appears twice"), span,
                    "each vertex is a different point")
        return
    if isinstance(value, s.Poly) and len(names) == 3:
        _collinear(value.kind, names, span, points, scope, "its vertices lie on one line")
    elif isinstance(value, s.Circ) and len(names) == 3:
        _collinear("circle", names, span, points, scope, "its three points lie on one line: no circle passes "
                   "through them")
    elif isinstance(value, (s.Seg, s.Ln, s.Ray)):
        pa, pb = points[value.a], points[value.b]
        if pa.x is not None and pb.x is not None and (pa.x, pa.y) == (pb.x, pb.y):
            scope.error("E018", messages.degenerate("segment", f"'{value.a}' and '{value.b}' are at the same place"),
                        span)


_KIND = {s.Seg: "segment", s.Ln: "line", s.Ray: "ray", s.Circ: "circle"}


def _collinear(kind: str, names: tuple[str, ...], span: Span, points: dict[str, s.Point], scope: Scope,
               why: str) -> None:
    ps = [points[n] for n in names if n in points]
    if len(ps) != 3 or any(p.x is None or p.y is None for p in ps):
        return
    coords = [c for p in ps for c in (p.x, p.y)]
    if all(is_rational(c) for c in coords):
        (x1, y1), (x2, y2), (x3, y3) = ((p.x, p.y) for p in ps)  # ints and Fractions: exact arithmetic
        area = (x2 - x1) * (y3 - y1) - (y2 - y1) * (x3 - x1)  # type: ignore[operator]
    else:
        import sympy

        (x1, y1), (x2, y2), (x3, y3) = ((exact_expr(p.x), exact_expr(p.y)) for p in ps)
        area = sympy.simplify((x2 - x1) * (y3 - y1) - (y2 - y1) * (x3 - x1))
    if area == 0:
        scope.error("E018", messages.degenerate(kind, why), span)


_ = did_you_mean
