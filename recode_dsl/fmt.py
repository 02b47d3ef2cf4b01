"""The formatter: AST -> canonical text. Idempotent, and parse(format(p)) == p.

Comments are kept where they were: on their own line before a statement, or after it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from recode_dsl import astnodes as a
from recode_dsl.errors import NO_SPAN as _NOWHERE

_PREC = {"compare": 0, "+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "implicit": 3, "^": 4}
_ATOM = 5


def format_program(program: a.Program) -> str:
    """Canonical text of a program.

    >>> from recode_dsl.syntax import parse
    >>> format_program(parse('figure\\npoint A=(0,0)\\nlength(A,B)=2*x+1'))
    'figure\\npoint A = (0, 0)\\nlength(A, B) = 2 * x + 1\\n'
    """
    comments = dict(program.comments)
    used: set[int] = set()
    out: list[str] = []

    def flush_before(line: int) -> None:
        for cl in sorted(comments):
            if cl < line and cl not in used:
                used.add(cl)
                out.append(comments[cl])

    header = program.header
    flush_before(header.span.line or 1)
    out.append(_header(header) + _trailing(comments, used, header.span.line))
    last = header.span.end_line or 1
    for stmt in program.body:
        gap = set(range(last + 1, stmt.span.line)) - set(comments)
        if gap and out:
            out.append("")
        flush_before(stmt.span.end_line)  # comments inside a multi-line statement go before it
        out.append(format_stmt(stmt) + _trailing(comments, used, stmt.span.end_line))
        last = stmt.span.end_line
    for cl in sorted(comments):
        if cl not in used:
            out.append(comments[cl])
    return "\n".join(out) + "\n"


def _trailing(comments: dict[int, str], used: set[int], line: int) -> str:
    if line in comments and line not in used:
        used.add(line)
        return "  " + comments[line]
    return ""


def _header(h: a.Header) -> str:
    text = "figure" if h.kind == "figure" else f"chart {h.chart_kind}"
    return text + (f" {_string(h.title)}" if h.title is not None else "")


def format_stmt(stmt: a.Stmt) -> str:
    if isinstance(stmt, a.PointDecl):
        items = [i.name + (f" {'~' if i.sketch else '='} {format_expr(i.at)}" if i.at is not None else "")
                 for i in stmt.items]
        return "point " + ", ".join(items)
    if isinstance(stmt, a.Let):
        return f"let {stmt.name} = {format_expr(stmt.value)}"
    if isinstance(stmt, a.Ask):
        return f"ask {format_expr(stmt.expr)}"
    text = format_expr(stmt.expr)
    return text if stmt.rhs is None else f"{text} = {format_expr(stmt.rhs)}"


@dataclass(frozen=True, slots=True)
class Style:
    """How ``format_expr`` writes an expression: the language's own text (``DSL``), or the text a
    textbook figure prints beside a segment or in an angle (``LABEL``: ``2x + 10``, ``5√13``, ``x²``,
    a true minus sign). One precedence table serves both; the style says the signs, the spacing
    and how numbers are written (``number``: a number's text and its precedence)."""

    minus: str
    times: str
    divide: str
    implicit_prec: int  # a juxtaposed product binds like a sign (DSL: -5a is -(5a)) or like a product
    label: bool  # textbook notation: √x, π, |x|, x², a + (−b) as a − b, juxtaposition without spaces
    number: Callable[[object], tuple[str, int]]


def _exact_number(v: object) -> tuple[str, int]:
    return format_number(v), _ATOM


MINUS = "\u2212"
_SUPERSCRIPT = {2: "\u00b2", 3: "\u00b3"}


def label_number(v: object) -> tuple[str, int]:
    """A rational as a label writes it: ``12``, ``15.5`` (a short terminating decimal), ``2/3``, ``−4``.

    >>> label_number(7), label_number(-4)[0], label_number(Fraction(31, 2))[0], label_number(Fraction(2, 3))
    (('7', 5), '−4', '15.5', ('2/3', 2))
    """
    if isinstance(v, int):
        return (str(v), _ATOM) if v >= 0 else (MINUS + str(-v), _PREC["neg"])
    p, q = int(v.numerator), int(v.denominator)  # type: ignore[attr-defined]
    if q == 1:
        return label_number(p)
    rest = q
    while rest % 2 == 0:
        rest //= 2
    while rest % 5 == 0:
        rest //= 5
    if rest == 1 and len(str(p / q)) <= 8:  # a short terminating decimal reads better than p/q
        text = f"{p / q:g}"
        return (text, _ATOM) if p > 0 else (MINUS + text[1:], _PREC["neg"])
    return f"{MINUS if p < 0 else ''}{abs(p)}/{q}", _PREC["*"]


DSL = Style("-", " * ", " / ", _PREC["implicit"], False, _exact_number)
LABEL = Style(MINUS, "\u00b7", "/", _PREC["*"], True, label_number)


def format_expr(e: a.Expr, style: Style = DSL) -> str:
    """Canonical text of an expression, with only the parentheses its structure needs.

    >>> from recode_dsl.syntax import parse
    >>> e = parse("figure\\nx = (2x - 1/3) * y^2 + sqrt(5) * pi").body[0].rhs
    >>> format_expr(e), format_expr(e, LABEL)
    ('(2x - 1 / 3) * y^2 + sqrt(5) * pi', '(2x − 1/3)·y² + √5·π')
    """
    if isinstance(e, a.Paren):
        return format_expr(e.inner, style)
    if isinstance(e, a.Num):
        return style.number(e.value)[0] + ("°" if e.deg else "")
    if isinstance(e, a.Str):
        return _string(e.value)
    if isinstance(e, a.Name):
        return "\u03c0" if style.label and e.id == "pi" else e.id
    if isinstance(e, a.Call):
        if style.label and e.func in ("sqrt", "abs") and len(e.args) == 1 and not e.kwargs:
            inner = _wrap(e.args[0], _prec(e.args[0], style) < _ATOM, style)
            return "\u221a" + inner if e.func == "sqrt" else f"|{format_expr(e.args[0], style)}|"
        parts = [format_expr(x, style) for x in e.args] + [f"{k.name}={format_expr(k.value, style)}" for k in e.kwargs]
        return f"{e.func}({', '.join(parts)})"
    if isinstance(e, a.ListExpr):
        return "[" + ", ".join(format_expr(x, style) for x in e.items) + "]"
    if isinstance(e, a.Pair):
        return f"({format_expr(e.x, style)}, {format_expr(e.y, style)})"
    if isinstance(e, a.Neg):
        twice = not style.label and isinstance(_strip(e.operand), a.Neg)
        return style.minus + _wrap(e.operand, _prec(e.operand, style) < _PREC["neg"] or twice, style)
    if isinstance(e, a.Compare):
        left, right = _wrap(e.left, _prec(e.left) <= 0, style), _wrap(e.right, _prec(e.right) <= 0, style)
        return f"{left} {e.op} {right}"
    return _binop(e, style)


def _binop(e: a.BinOp, style: Style) -> str:
    if e.implicit:
        if style.label:  # 2x, 3√2, 2x², 2(x + 1)
            return format_expr(e.left, style) + _wrap(e.right, _prec(e.right, style) < _PREC["^"], style)
        return format_expr(e.left, style) + _implicit_rhs(e.right)
    p = _PREC[e.op]
    if e.op == "^":
        if style.label:
            exp = _strip(e.right)
            base = _wrap(e.left, _prec(e.left, style) < _ATOM, style)
            if isinstance(exp, a.Num) and not exp.deg and exp.value in _SUPERSCRIPT:
                return base + _SUPERSCRIPT[int(exp.value)]
            return f"{base}^{_wrap(e.right, _prec(e.right, style) < p, style)}"
        left = _wrap(e.left, _prec(e.left) <= p or isinstance(_strip(e.left), a.Num) and _strip(e.left).deg)  # type: ignore[union-attr]
        return f"{left}^{_wrap(e.right, _prec(e.right) < _PREC['neg'])}"
    left = _wrap(e.left, _prec(e.left, style) < p, style)
    if style.label and e.op == "+":  # a + b + c however nested; a + (−b) reads a − b
        right = format_expr(e.right, style)
        return f"{left} {style.minus} {right[1:]}" if right.startswith(style.minus) else f"{left} + {right}"
    negative = not style.label and isinstance(_strip(e.right), a.Neg)  # 66 - (-y), not 66 - -y
    right = _wrap(e.right, _prec(e.right, style) <= p or negative, style)
    op = {"+": " + ", "-": f" {style.minus} ", "*": style.times, "/": style.divide}[e.op]
    return f"{left}{op}{right}"


def _implicit_rhs(e: a.Expr) -> str:
    inner = _strip(e)
    if isinstance(inner, a.Name):
        # a longer name reads as one: "12 ft", "42 pi" (one-letter names stay joined: "2x", "5m")
        return f" {inner.id}" if len(inner.id) > 1 else inner.id
    if isinstance(inner, a.BinOp) and inner.op == "^":
        return _implicit_rhs(inner.left) + "^" + _wrap(inner.right, _prec(inner.right) < _PREC["neg"])
    if isinstance(inner, a.Call):
        return " " + format_expr(inner)
    return "(" + format_expr(inner) + ")"


def _strip(e: a.Expr) -> a.Expr:
    while isinstance(e, a.Paren):
        e = e.inner
    return e


def precedence(e: a.Expr, style: Style = DSL) -> int:
    """How tightly ``e`` binds as ``format_expr`` writes it: 0 a comparison, 1 a sum, 2 a product,
    3 a sign (or a juxtaposed product in the language), 4 a power, 5 an atom."""
    return _prec(e, style)


def _prec(e: a.Expr, style: Style = DSL) -> int:
    e = _strip(e)
    if isinstance(e, a.BinOp):
        return style.implicit_prec if e.implicit else _PREC[e.op]
    if isinstance(e, a.Neg):
        return _PREC["neg"]
    if isinstance(e, a.Compare):
        return _PREC["compare"]
    if isinstance(e, a.Num) and style.label:
        return style.number(e.value)[1]
    return _ATOM


def _wrap(e: a.Expr, paren: bool, style: Style = DSL) -> str:
    text = format_expr(e, style)
    return f"({text})" if paren else text


def format_number(v: object) -> str:
    """Exact decimal text when the number has one (1/2 -> 0.5), else a quotient.

    >>> format_number(Fraction(31, 2)), format_number(7), format_number(Fraction(-1, 3))
    ('15.5', '7', '-1/3')
    """
    if isinstance(v, int):
        return str(v)
    r = Fraction(v)  # type: ignore[call-overload]  # also a SymPy rational (a numbers.Rational)
    q = r.denominator
    twos = fives = 0
    while q % 2 == 0:
        q //= 2
        twos += 1
    while q % 5 == 0:
        q //= 5
        fives += 1
    if q != 1:
        return f"{r.numerator}/{r.denominator}"
    digits = max(twos, fives)
    scaled = abs(r.numerator) * (10**digits // r.denominator)
    whole, frac = divmod(scaled, 10**digits)
    return f"{'-' if r < 0 else ''}{whole}.{str(frac).rjust(digits, '0')}"


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


# -- scene values as expressions ---------------------------------------------------------------


def format_scene(g: object, style: Style = DSL) -> str:
    """A scene value (a quantity, a shape, a relation) as the text that states it, for messages.

    >>> from recode_dsl import scene as s
    >>> format_scene(s.Relation("on", (s.Pt("P"), s.Seg("A", "B"))))
    'on(P, segment(A, B))'
    >>> format_scene(s.Apply("*", (s.Const(2), s.Apply("+", (s.Var("x"), s.Const(1))))))
    '2 * (x + 1)'
    """
    return format_expr(scene_expr(g), style)


def scene_expr(g: object) -> a.Expr:
    """The expression that states a scene value (a geometry value by its constructor, a quantity
    by its arithmetic); what has no expression is named by its type."""
    from recode_dsl import scene as s

    if isinstance(g, s.Relation):
        return _call(g.name, *(scene_expr(x) for x in g.args))
    if isinstance(g, (s.Seg, s.Ln, s.Ray)):
        return _call({s.Seg: "segment", s.Ln: "line", s.Ray: "ray"}[type(g)], _name(g.a), _name(g.b))
    if isinstance(g, s.Pt):
        return _name(g.name)
    if isinstance(g, s.Circ):
        if g.name:
            return _name(g.name)
        return _call("circle", _name(g.center)) if g.center else _call("circle_through", *map(_name, g.through))
    if isinstance(g, s.Poly):
        return _call(g.kind, *map(_name, g.vertices))
    if isinstance(g, s.Ang):
        if g.a and g.b:
            return _call("angle", _name(g.a), _name(g.vertex or ""), _name(g.b))
        return _call("angle", _name(g.vertex) if g.vertex else number_expr(g.label))
    if isinstance(g, s.Arc):
        via = (_name(g.via),) if g.via else ()
        return _call("major_arc" if g.major else "arc", _name(g.a), *via, _name(g.b))
    if isinstance(g, s.Sector):
        return _call("sector", _name(g.center), _name(g.a), _name(g.b))
    if isinstance(g, s.Measure):
        return _call(g.fn, *(scene_expr(x) for x in g.args))
    if isinstance(g, s.Var):
        return _name(g.name)
    if isinstance(g, s.Const):
        return number_expr(g.value)
    if isinstance(g, s.Apply):
        args = [scene_expr(x) for x in g.args]
        if g.fn in ("+", "-", "*", "/", "^") and len(args) == 2:
            return a.BinOp(g.fn, args[0], args[1], _NOWHERE)
        if g.fn == "neg" and len(args) == 1:
            return a.Neg(args[0], _NOWHERE)
        return _call(g.fn, *args)
    return _name(type(g).__name__.lower())


def number_expr(v: object) -> a.Expr:
    """An exact number as an expression: a rational as it is; SymPy's roots and pi as the calls and
    names that write them (``3*sqrt(2)`` is ``3 sqrt(2)``, ``sqrt(3)/2`` is ``sqrt(3) / 2``).

    >>> import sympy
    >>> [format_expr(number_expr(v)) for v in (7, sympy.Rational(3, 4), 3 * sympy.sqrt(2), 1 - sympy.pi)]
    ['7', '0.75', '3 sqrt(2)', '1 - pi']
    >>> [format_expr(number_expr(v), LABEL) for v in (3 * sympy.sqrt(2), sympy.sqrt(3) / 2, 1 - sympy.pi)]
    ['3√2', '√3/2', '1 − π']
    """
    if isinstance(v, bool):
        return _name(str(v))
    if isinstance(v, (int, Fraction)):
        return a.Num(v, False, _NOWHERE)  # type: ignore[arg-type]
    sp: Any = sys.modules.get("sympy")  # a number of SymPy's exists only once SymPy is loaded
    if sp is None or not isinstance(v, sp.Basic):
        return _name(str(v))
    if isinstance(v, sp.Rational):  # the AST's numbers are ints and Fractions
        return a.Num(int(v) if v.q == 1 else Fraction(int(v.p), int(v.q)), False, _NOWHERE)
    if isinstance(v, sp.Float):
        return _name(f"{float(v):g}")
    if v is sp.pi:
        return _name("pi")
    if isinstance(v, sp.Pow) and v.exp == sp.Rational(1, 2):
        return _call("sqrt", number_expr(v.base))
    if isinstance(v, sp.Mul):
        return _product_expr(v, sp)
    if isinstance(v, sp.Add):
        terms = v.as_ordered_terms()
        out = number_expr(terms[0])
        for t in terms[1:]:
            negative = t.could_extract_minus_sign()
            out = a.BinOp("-" if negative else "+", out, number_expr(-t if negative else t), _NOWHERE)
        return out
    return _name(str(v))


def _product_expr(v: Any, sp: Any) -> a.Expr:
    coeff, rest = v.as_coeff_Mul()
    if coeff == 1:
        factors = [number_expr(f) for f in v.args]
        out = factors[0]
        for f in factors[1:]:
            out = a.BinOp("*", out, f, _NOWHERE)
        return out
    c, r = number_expr(coeff), number_expr(rest)
    if coeff == -1:
        return a.Neg(r, _NOWHERE)
    if isinstance(coeff, sp.Integer) and _prec(r, LABEL) >= _PREC["^"]:
        return a.BinOp("*", c, r, _NOWHERE, implicit=True)  # 3√2, −2π
    if isinstance(coeff, sp.Rational) and _prec(r, LABEL) >= _PREC["^"]:  # sqrt(3)/2 reads as √3/2
        return a.BinOp("/", number_expr(sp.Integer(coeff.p) * rest), a.Num(int(coeff.q), False, _NOWHERE), _NOWHERE)
    return a.BinOp("*", c, r, _NOWHERE)


def _call(fn: str, *args: a.Expr) -> a.Call:
    return a.Call(fn, args, (), _NOWHERE, _NOWHERE)


def _name(ident: str) -> a.Name:
    return a.Name(ident, _NOWHERE)
