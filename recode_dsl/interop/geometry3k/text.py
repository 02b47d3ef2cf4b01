"""recode-dsl values for the Geometry3K importer: translated terms and statements as AST nodes.

A translated term is a ``Val``: its kind (point, segment, angle, polygon, number ...), its
recode-dsl expression (an ``astnodes`` node), and the points it names. Statements are
``astnodes`` statements tagged with their section. Nothing here writes DSL text: ``fmt`` prints
the nodes (``text``), so the importer has no printer and no precedence table of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from recode_dsl import astnodes as a
from recode_dsl.errors import NO_SPAN
from recode_dsl.fmt import format_expr, format_stmt
from recode_dsl.interop.geometry3k.parse import Item
from recode_dsl.interop.geometry3k.pattern import calls, on_circle
from recode_dsl.syntax import _number

SHAPE, RELATION, EQUATION, ASK = 0, 1, 2, 3  # sections of an imported program, in order
Circle = tuple[str, str]  # (centre, radius id): Circle(O, radius_0_0) and Circle(O, radius_0_1) differ
NOWHERE = NO_SPAN  # imported nodes have no source of their own


class Unsupported(Exception):
    """A form (or part of one) with no translation: ``code`` E081-E083 and the reason."""

    def __init__(self, code: str, why: str) -> None:
        super().__init__(why)
        self.code = code
        self.why = why


# -- AST builders ------------------------------------------------------------------------------

Arg = a.Expr | str | int
"""An argument of ``call``: a node, a point name, or a whole number."""


def named(ident: str) -> a.Name:
    return a.Name(ident, NOWHERE)


def number(text: str) -> a.Expr:
    """A literal from its decimal text: ``12``, ``4.5``, ``.5``, ``-3.25`` (a negative one is a negation)."""
    if text.startswith("-"):
        return a.Neg(number(text[1:]), NOWHERE)
    return a.Num(_number(text), False, NOWHERE)


def call(fn: str, *args: Arg, **kwargs: Arg) -> a.Call:
    """``fn(args..., key=value...)``; a ``str`` argument is a name, an ``int`` a number."""
    return a.Call(fn, tuple(_arg(x) for x in args),
                  tuple(a.KwArg(k, _arg(v), NOWHERE) for k, v in kwargs.items()), NOWHERE, NOWHERE)


def _arg(x: Arg) -> a.Expr:
    if isinstance(x, str):
        return named(x)
    if isinstance(x, int):
        return a.Num(x, False, NOWHERE)
    return x


def binop(op: str, left: a.Expr, right: a.Expr, implicit: bool = False) -> a.BinOp:
    return a.BinOp(op, left, right, NOWHERE, implicit)


def statement(expr: a.Expr, rhs: a.Expr | None = None) -> a.ExprStmt:
    """A statement call (``on(P, circle(O))``) or, with ``rhs``, an equation."""
    return a.ExprStmt(expr, rhs, NOWHERE)


def ask(expr: a.Expr) -> a.Ask:
    return a.Ask(expr, NOWHERE)


@dataclass(frozen=True, slots=True)
class Stmt:
    """One statement of an imported program and its section."""

    section: int
    node: a.Stmt

    @property
    def text(self) -> str:
        """The statement as ``fmt`` prints it."""
        return format_stmt(self.node)


@dataclass(frozen=True, slots=True)
class Val:
    """A translated term. ``points`` names the points of a segment, angle, arc or polygon; a
    ``pair`` (two points of an angle named by two) has no expression of its own."""

    kind: str
    expr: a.Expr | None
    points: tuple[str, ...] = ()
    extra: str = ""  # polygon kind, arc flavour, or a pending label

    @property
    def text(self) -> str:
        """The term as ``fmt`` prints it (for messages and keys)."""
        return format_expr(self.expr) if self.expr is not None else ", ".join(self.points)

    @property
    def node(self) -> a.Expr:
        """The expression (a pair has none: it stands for a length only when made one)."""
        if self.expr is None:
            raise Unsupported("E083", f"'{self.text}' is two points, not a value")
        return self.expr


def point(ident: str) -> Val:
    return Val("point", named(ident))


def make_polygon(kind: str, vertices: tuple[str, ...]) -> Val:
    return Val("polygon", call(kind, *vertices), vertices, extra=kind)


def num(expr: a.Expr) -> Val:
    return Val("number", expr)


def literal(text: str) -> Val:
    return num(number(text))


def add(x: Val, y: Val, op: str = "+") -> Val:
    """``x + y`` or ``x - y``; a sum added on is added term by term (``a + b + c``, as it reads)."""
    right = y.node
    if op == "+" and isinstance(right, a.BinOp) and right.op in "+-" and not right.implicit:
        return add(add(x, num(right.left)), num(right.right), right.op)
    return num(binop(op, x.node, right))


def mul(x: Val, y: Val, op: str = "*") -> Val:
    """``x * y`` or ``x / y``; a product multiplied on is multiplied factor by factor."""
    right = y.node
    if op == "*" and isinstance(right, a.BinOp) and right.op in "*/" and not right.implicit:
        return mul(mul(x, num(right.left)), num(right.right), right.op)
    return num(binop(op, x.node, right))


def jux(x: Val, y: Val) -> Val:
    """``2x``, ``7 sqrt(3)``, ``42 pi``, ``2(y - 10)``: a number written before a factor."""
    left, right = x.node, y.node
    if isinstance(left, a.Num) and not isinstance(_base(right), a.Num) and not isinstance(right, a.Neg):
        return num(binop("*", left, right, implicit=True))
    return mul(x, y)


def _base(e: a.Expr) -> a.Expr:
    return e.left if isinstance(e, a.BinOp) and e.op == "^" else e


def neg(x: Val) -> Val:
    return num(a.Neg(x.node, NOWHERE))


def power(x: Val, y: Val) -> Val:
    return num(binop("^", x.node, y.node))


def fraction(x: Val, y: Val) -> Val:
    """``\\frac{a}{b}``: ``a / b``."""
    return mul(x, y, "/")


def apply(fn: str, *args: Val) -> Val:
    """A number-valued call: ``sqrt(3)``, ``length(A, B)``, ``ratio(a, b)``."""
    return num(call(fn, *(v.node for v in args)))


def decimal(value: float, places: int = 2) -> str:
    """A short decimal for a coordinate.

    >>> decimal(159.0), decimal(-12.504), decimal(-0.001)
    ('159', '-12.5', '0')
    """
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "", "-") else text


def walk(node: object) -> Iterator[object]:
    """Every AST node under ``node`` (itself first), depth first: statements, expressions and
    keyword arguments."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, a.Call):
            stack.extend(reversed((*n.args, *(k.value for k in n.kwargs))))
        elif isinstance(n, (a.BinOp, a.Compare)):
            stack += (n.right, n.left)
        elif isinstance(n, a.Neg):
            stack.append(n.operand)
        elif isinstance(n, a.Paren):
            stack.append(n.inner)
        elif isinstance(n, a.Pair):
            stack += (n.y, n.x)
        elif isinstance(n, a.ListExpr):
            stack.extend(reversed(n.items))
        elif isinstance(n, a.ExprStmt):
            stack += ((n.rhs,) if n.rhs is not None else ()) + (n.expr,)
        elif isinstance(n, a.Ask):
            stack.append(n.expr)
        elif isinstance(n, tuple):
            stack.extend(reversed(n))


def variables(node: object) -> set[str]:
    """The one-letter lower-case names (the problem's variables) in an AST node.

    >>> sorted(variables(binop("+", binop("*", number("2"), named("x"), True), call("length", "A", "B"))))
    ['x']
    """
    return {n.id for n in walk(node) if isinstance(n, a.Name) and len(n.id) == 1 and n.id.islower()}


def letter_point(e: object) -> str | None:
    """The name of a point named by a capital letter and primes (``A``, ``B'``), else None."""
    if isinstance(e, a.Name) and e.id[:1].isupper() and e.id[:1].isascii() and set(e.id[1:]) <= {"'"}:
        return e.id
    return None


def call_points(e: object, fn: str | tuple[str, ...], n: int | tuple[int, ...]) -> tuple[str, ...] | None:
    """The points of ``fn(P, Q, ...)`` with ``n`` lettered points as its only arguments, else None.

    >>> call_points(call("segment", "B", "A"), "segment", 2), call_points(call("angle", "A"), "angle", 3)
    (('B', 'A'), None)
    """
    fns = (fn,) if isinstance(fn, str) else fn
    counts = (n,) if isinstance(n, int) else n
    if not (isinstance(e, a.Call) and e.func in fns and len(e.args) in counts and not e.kwargs):
        return None
    points = tuple(letter_point(x) for x in e.args)
    return None if None in points else points  # type: ignore[return-value]


def rebuild(e: a.Expr, change: Callable[[a.Call], a.Expr]) -> a.Expr:
    """``e`` with every call replaced by ``change(call)``, innermost first."""
    if isinstance(e, a.Call):
        args = tuple(rebuild(x, change) for x in e.args)
        values = [rebuild(k.value, change) for k in e.kwargs]
        if any(new is not old for new, old in zip((*args, *values), (*e.args, *(k.value for k in e.kwargs)))):
            e = replace(e, args=args, kwargs=tuple(replace(k, value=v) for k, v in zip(e.kwargs, values)))
        return change(e)
    if isinstance(e, a.BinOp):
        left, right = rebuild(e.left, change), rebuild(e.right, change)
        return e if left is e.left and right is e.right else replace(e, left=left, right=right)
    if isinstance(e, a.Neg):
        operand = rebuild(e.operand, change)
        return e if operand is e.operand else replace(e, operand=operand)
    if isinstance(e, a.Paren):
        return rebuild(e.inner, change)
    return e


def rebuild_stmt(st: Stmt, change: Callable[[a.Call], a.Expr]) -> Stmt:
    node = st.node
    if isinstance(node, a.ExprStmt):
        rhs = None if node.rhs is None else rebuild(node.rhs, change)
        return Stmt(st.section, replace(node, expr=rebuild(node.expr, change), rhs=rhs))
    if isinstance(node, a.Ask):
        return Stmt(st.section, replace(node, expr=rebuild(node.expr, change)))
    return st


def _in_order(c: a.Call) -> a.Expr:
    """``segment``, ``length``: the two points in order; ``angle``: the two ends in order."""
    pair = call_points(c, ("segment", "length"), 2)
    if pair is not None:
        return call(c.func, *sorted(pair))
    angle = call_points(c, "angle", 3)
    if angle is not None:
        return call("angle", min(angle[0], angle[2]), angle[1], max(angle[0], angle[2]))
    return c


SYMMETRIC = ("parallel", "perpendicular", "congruent")


def key(st: Stmt | a.Expr) -> str:
    """What two statements that say the same thing share: ``length(B, A)`` is ``length(A, B)``,
    ``angle(C, B, A)`` is ``angle(A, B, C)``, ``parallel(l2, l1)`` is ``parallel(l1, l2)``, and an
    equation is its two sides in either order.

    >>> key(Stmt(EQUATION, statement(named("x"), call("length", "B", "A"))))
    'length(A, B) = x'
    """
    node = st.node if isinstance(st, Stmt) else statement(st)
    if isinstance(node, a.Ask):
        return "ask " + format_expr(rebuild(node.expr, _in_order))
    if not isinstance(node, a.ExprStmt):
        return format_stmt(node)
    expr = rebuild(node.expr, _in_order)
    if node.rhs is not None:
        return " = ".join(sorted((format_expr(expr), format_expr(rebuild(node.rhs, _in_order)))))
    if isinstance(expr, a.Call) and expr.func in SYMMETRIC and len(expr.args) == 2 and not expr.kwargs \
            and all(_flat_call(x) for x in expr.args):
        return f"{expr.func}({', '.join(sorted(format_expr(x) for x in expr.args))})"
    return format_expr(expr)


def _flat_call(e: a.Expr) -> bool:
    """A call of names and numbers only: ``segment(A, B)``, ``triangle(A, B, C)``."""
    return isinstance(e, a.Call) and all(isinstance(x, (a.Name, a.Num)) for x in e.args) \
        and all(isinstance(k.value, (a.Name, a.Num)) for k in e.kwargs)


def equation_variables(stmts: Iterable[Stmt]) -> set[str]:
    """The variables the equations among ``stmts`` mention.

    >>> eq = Stmt(EQUATION, statement(call("angle", "A", "B", "C"), binop("+", named("x"), named("y"))))
    >>> sorted(equation_variables([eq, Stmt(ASK, ask(named("z")))]))
    ['x', 'y']
    """
    return {v for st in stmts if st.section == EQUATION for v in variables(st.node)}


def points_on_circles(forms: Iterable[Item]) -> list[tuple[str, Circle]]:
    """(point, circle) for each ``PointLiesOnCircle`` of the forms, a circle told apart by centre and
    radius id; one named by its centre alone is the circle about that centre the forms name, when
    they name one only.

    >>> from recode_dsl.interop.geometry3k.parse import read
    >>> points_on_circles([read("PointLiesOnCircle(A, Circle(O, radius_0_0))"), read("PointLiesOnCircle(B, Cirle(O))")])
    [('A', ('O', 'radius_0_0')), ('B', ('O', 'radius_0_0'))]
    """
    found = [on for f in forms for c in calls(f) if (on := on_circle(c)) is not None]
    ids: dict[str, set[str]] = {}
    for _, centre, rid in found:
        if rid:
            ids.setdefault(centre, set()).add(rid)
    named = {c: next(iter(r)) for c, r in ids.items() if len(r) == 1}
    return [(p, (c, rid or named.get(c, ""))) for p, c, rid in found]
