"""Exact forms of numbers found numerically: rationals, square roots and multiples of pi.

``recognise(v)`` tries small-denominator rationals, then r*sqrt(n), r*pi, then integer
relations a + b*c for c in pi, sqrt(2), sqrt(3), ... and accepts a form only when it matches
``v`` to the tolerance; otherwise it returns None and the answer stays a float.
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import sympy

_MAX_DEN = 144
_BASES: tuple[tuple[sympy.Expr, float], ...] = tuple(
    (e, float(e)) for e in (sympy.pi, sympy.sqrt(2), sympy.sqrt(3), sympy.sqrt(5), sympy.sqrt(6), sympy.pi**2)
)


def recognise(v: float, tol: float = 1e-9) -> sympy.Expr | None:
    """A simple exact expression equal to ``v`` within ``tol`` (relative), or None.

    >>> recognise(18.027756377319946), recognise(3 * 3.141592653589793 - 2), recognise(0.1234567)
    (5*sqrt(13), -2 + 3*pi, None)
    """
    if not math.isfinite(v):
        return None
    err = tol * max(1.0, abs(v))
    for fn in (_rational, _pi_multiple, _relation, _root):
        found = fn(v, err)
        if found is not None and abs(float(found) - v) <= err:
            return found
    return None


def _frac(v: float, err: float, max_den: int = _MAX_DEN) -> Fraction | None:
    f = Fraction(v).limit_denominator(max_den)
    return f if abs(float(f) - v) <= err else None


def _rational(v: float, err: float) -> sympy.Expr | None:
    f = _frac(v, err)
    return sympy.Rational(f.numerator, f.denominator) if f is not None else None


def _root(v: float, err: float) -> sympy.Expr | None:
    """r*sqrt(n): v^2 is a rational with a small denominator."""
    if v == 0:
        return None
    f = _frac(v * v, 2 * abs(v) * err, 64)
    if f is None or f <= 0 or f.numerator > 10**6:
        return None
    out = sympy.sqrt(sympy.Rational(f.numerator, f.denominator))
    return out if v > 0 else -out


def _pi_multiple(v: float, err: float) -> sympy.Expr | None:
    f = _frac(v / math.pi, err / math.pi)
    if f is not None:
        return sympy.Rational(f.numerator, f.denominator) * sympy.pi
    g = _frac((v / math.pi) ** 2, 2 * abs(v) * err / math.pi**2, 100)
    if g is not None and g > 0 and g.numerator < 10**5:
        root = sympy.sqrt(sympy.Rational(g.numerator, g.denominator)) * sympy.pi
        return root if v > 0 else -root
    return None


def _relation(v: float, err: float) -> sympy.Expr | None:
    """a + b*c with small rational a, b: an integer relation between v, 1 and c."""
    for expr, c in _BASES:
        rel = mpmath.pslq([v, 1.0, c], tol=max(err / max(abs(v), 1.0), 1e-12), maxcoeff=1000, maxsteps=2000)
        if rel is None or rel[0] == 0 or max(abs(k) for k in rel) > 1000 or abs(rel[0]) > _MAX_DEN:
            continue
        q, a, b = rel
        found = sympy.Rational(-a, q) + sympy.Rational(-b, q) * expr
        if abs(float(found) - v) <= err:
            return found
    return None
