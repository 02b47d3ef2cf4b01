"""Quantities as the text a textbook figure prints: ``2x + 10``, ``5√13``, ``(5x − 12)°``.

A small printer over the IR (no SymPy printing, which is slow and writes ``2*x``): implicit
products, a true minus sign, square roots and pi as symbols, and parentheses only where needed.
"""

from __future__ import annotations

import sympy

from recode_dsl import scene as s

MINUS = "\u2212"
_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4}
_SUPERSCRIPT = {2: "\u00b2", 3: "\u00b3"}


def quantity_text(q: s.Quantity) -> str:
    """The readable text of a quantity.

    >>> quantity_text(s.Apply("+", (s.Apply("*", (s.Const(2), s.Var("x"))), s.Const(10))))
    '2x + 10'
    """
    return _text(q)[0]


def degrees_text(q: s.Quantity) -> str:
    """An angle or arc measure with its degree sign; sums and differences get parentheses.

    >>> degrees_text(s.Apply("-", (s.Apply("*", (s.Const(5), s.Var("x"))), s.Const(12))))
    '(5x − 12)°'
    """
    text, prec = _text(q)
    return f"({text})\u00b0" if prec <= 1 else f"{text}\u00b0"


def _text(q: object) -> tuple[str, int]:
    """Text and precedence (1 sum, 2 product, 3 unary, 4 power, 5 atom)."""
    if isinstance(q, s.Const):
        return number_text(q.value)
    if isinstance(q, s.Var):
        return q.name, 5
    if isinstance(q, s.Measure):
        return _measure_text(q), 5
    if isinstance(q, s.Apply):
        return _apply_text(q)
    return str(q), 5


def _apply_text(q: s.Apply) -> tuple[str, int]:
    fn, args = q.fn, [_text(a) for a in q.args]
    if fn in ("+", "-") and len(args) == 2:
        right = _wrap(args[1], 1 if fn == "+" else 2)
        if fn == "+" and right.startswith(MINUS):
            return f"{args[0][0]} {MINUS} {right[1:]}", 1
        return f"{args[0][0]} {'+' if fn == '+' else MINUS} {right}", 1
    if fn == "*" and len(args) == 2:
        return _product(q.args[1], args[0], args[1]), 2
    if fn == "/" and len(args) == 2:
        return f"{_wrap(args[0], 2)}/{_wrap(args[1], 3)}", 2
    if fn == "^" and len(args) == 2:
        exp = q.args[1]
        if isinstance(exp, s.Const) and exp.value in _SUPERSCRIPT:
            return _wrap(args[0], 5) + _SUPERSCRIPT[int(exp.value)], 4
        return f"{_wrap(args[0], 5)}^{_wrap(args[1], 4)}", 4
    if fn == "neg" and len(args) == 1:
        return MINUS + _wrap(args[0], 3), 3
    if fn == "sqrt" and len(args) == 1:
        return "\u221a" + _wrap(args[0], 5), 5
    if fn == "abs" and len(args) == 1:
        return f"|{args[0][0]}|", 5
    return f"{fn}({', '.join(a[0] for a in args)})", 5


def _product(right_node: object, left: tuple[str, int], right: tuple[str, int]) -> str:
    """``2x``, ``3√2``, ``4π`` when a number multiplies a name or root; otherwise ``a·b``."""
    juxtapose = left[1] == 5 and left[0][:1].isdigit() and not right[0][:1].isdigit() and right[1] >= 4
    if juxtapose or isinstance(right_node, s.Apply) and right_node.fn in ("+", "-") and left[0][:1].isdigit():
        return left[0] + _wrap(right, 5 if not juxtapose else 4)
    return f"{_wrap(left, 2)}\u00b7{_wrap(right, 3)}"


def _wrap(t: tuple[str, int], need: int) -> str:
    return t[0] if t[1] >= need else f"({t[0]})"


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


def number_text(v: object) -> tuple[str, int]:
    """An exact number as text: ``12``, ``15.5``, ``2/3``, ``3√2``, ``56π``; with its precedence.

    >>> number_text(sympy.Rational(31, 2))[0], number_text(3 * sympy.sqrt(2))[0]
    ('15.5', '3√2')
    """
    if isinstance(v, bool) or not isinstance(v, (int, sympy.Basic)):
        return str(v), 5
    if isinstance(v, int):
        return (str(v), 5) if v >= 0 else (MINUS + str(-v), 3)
    if isinstance(v, sympy.Rational):
        return _rational(v)
    if isinstance(v, sympy.Float):
        return f"{float(v):g}", 5
    return _sympy_text(v)


def _rational(v: sympy.Rational) -> tuple[str, int]:
    if v.q == 1:
        return number_text(int(v.p))
    q = int(v.q)
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    if q == 1 and len(str(float(v))) <= 8:  # a short terminating decimal reads better than p/q
        text = f"{float(v):g}"
        return (text, 5) if v > 0 else (MINUS + text[1:], 3)
    sign = MINUS if v < 0 else ""
    return f"{sign}{abs(int(v.p))}/{v.q}", 2


def _sympy_text(v: sympy.Basic) -> tuple[str, int]:
    if v is sympy.pi:
        return "\u03c0", 5
    if isinstance(v, sympy.Pow) and v.exp == sympy.Rational(1, 2):
        return "\u221a" + _wrap(number_text(v.base), 5), 5
    if isinstance(v, sympy.Mul):
        coeff, rest = v.as_coeff_Mul()
        if coeff == 1:
            parts = [_wrap(number_text(f), 3) for f in v.args]
            return "\u00b7".join(parts), 2
        c, r = number_text(coeff), number_text(rest)
        if coeff == -1:
            return MINUS + _wrap(r, 3), 3
        if isinstance(coeff, sympy.Integer) and r[1] >= 4:
            return c[0] + r[0], (5 if coeff > 0 else 3)
        if isinstance(coeff, sympy.Rational) and r[1] >= 4:  # sqrt(3)/2 reads as √3/2
            top = number_text(sympy.Integer(coeff.p) * rest)
            return f"{_wrap(top, 2)}/{coeff.q}", 2
        return f"{_wrap(c, 2)}\u00b7{_wrap(r, 3)}", 2
    if isinstance(v, sympy.Add):
        terms = [number_text(t) for t in v.as_ordered_terms()]
        out = terms[0][0]
        for t in terms[1:]:
            out += f" {MINUS} {t[0][1:]}" if t[0].startswith(MINUS) else f" + {t[0]}"
        return out, 1
    return str(v), 5
