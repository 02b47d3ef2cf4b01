"""Quantities as the text a textbook figure prints: ``2x + 10``, ``5√13``, ``(5x − 12)°``.

The renderer has no printer of its own: a scene quantity becomes an expression (``astnodes``),
and ``fmt`` writes it in its ``LABEL`` style (implicit products, a true minus sign, square
roots and pi as symbols, parentheses only where needed). What is the renderer's to decide is
which products a figure writes side by side (``2x``, ``3√2``, ``2(x + 1)``) and how a measure
is named (``AB``, ``m∠ABC``).
"""

from __future__ import annotations

from recode_dsl import astnodes as a
from recode_dsl import scene as s
from recode_dsl.errors import NO_SPAN
from recode_dsl.fmt import LABEL, format_expr, precedence
from recode_dsl.fmt import number_expr as _number

MINUS = "\u2212"
_ATOM, _POWER = 5, 4


def quantity_text(q: s.Quantity) -> str:
    """The readable text of a quantity.

    >>> quantity_text(s.Apply("+", (s.Apply("*", (s.Const(2), s.Var("x"))), s.Const(10))))
    '2x + 10'
    """
    return format_expr(label_expr(q), LABEL)


def degrees_text(q: s.Quantity) -> str:
    """An angle or arc measure with its degree sign; sums and differences get parentheses.

    >>> degrees_text(s.Apply("-", (s.Apply("*", (s.Const(5), s.Var("x"))), s.Const(12))))
    '(5x − 12)°'
    """
    e = label_expr(q)
    text = format_expr(e, LABEL)
    return f"({text})\u00b0" if precedence(e, LABEL) <= 1 else f"{text}\u00b0"


def number_text(v: object) -> tuple[str, int]:
    """An exact number as text: ``12``, ``15.5``, ``2/3``, ``3√2``, ``56π``; with its precedence.

    >>> import sympy
    >>> number_text(sympy.Rational(31, 2))[0], number_text(3 * sympy.sqrt(2))[0]
    ('15.5', '3√2')
    """
    e = _number(v)
    return format_expr(e, LABEL), precedence(e, LABEL)


def label_expr(q: object) -> a.Expr:
    """A scene quantity as the expression a figure's label writes."""
    if isinstance(q, s.Const):
        return _number(q.value)
    if isinstance(q, s.Var):
        return _name(q.name)
    if isinstance(q, s.Measure):
        return _name(_measure_text(q))
    if isinstance(q, s.Apply):
        return _apply(q)
    return _name(str(q))


def _apply(q: s.Apply) -> a.Expr:
    fn, args = q.fn, [label_expr(x) for x in q.args]
    if fn in ("+", "-", "/", "^") and len(args) == 2:
        return _binop(fn, args[0], args[1])
    if fn == "*" and len(args) == 2:
        sum_after = isinstance(q.args[1], s.Apply) and q.args[1].fn in ("+", "-")
        return _product(args[0], args[1], sum_after)
    if fn == "neg" and len(args) == 1:
        return a.Neg(args[0], NO_SPAN)
    return a.Call(fn, tuple(args), (), NO_SPAN, NO_SPAN)


def _product(left: a.Expr, right: a.Expr, sum_after: bool = False) -> a.Expr:
    """``2x``, ``3√2``, ``4π``, ``2(x + 1)`` when a number stands before a name, a root or a sum;
    otherwise ``a·b``."""
    lt, rt = format_expr(left, LABEL), format_expr(right, LABEL)
    side_by_side = precedence(left, LABEL) == _ATOM and lt[:1].isdigit() and not rt[:1].isdigit() \
        and precedence(right, LABEL) >= _POWER
    return _binop("*", left, right, implicit=side_by_side or sum_after and lt[:1].isdigit())


def _binop(op: str, left: a.Expr, right: a.Expr, implicit: bool = False) -> a.Expr:
    return a.BinOp(op, left, right, NO_SPAN, implicit)


def _name(text: str) -> a.Name:
    return a.Name(text, NO_SPAN)


def _measure_text(m: s.Measure) -> str:
    geo = m.args[0] if m.args else None
    if m.fn == "length" and isinstance(geo, s.Seg):
        return geo.a + geo.b
    if m.fn == "measure" and isinstance(geo, s.Ang):
        name = "".join(p for p in (geo.a, geo.vertex, geo.b) if p) or str(geo.label)
        return "m\u2220" + name
    if m.fn == "measure" and isinstance(geo, s.Arc):
        return "m\u2322" + geo.a + (geo.via or "") + geo.b
    return m.fn
