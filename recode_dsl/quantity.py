"""Quantities of the IR as SymPy expressions: exact arithmetic shared by every stage."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import sympy

from recode_dsl import budget
from recode_dsl import scene as s

MeasureFn = Callable[[s.Measure], sympy.Expr]

_DEG = sympy.pi / 180


def _no_measure(m: s.Measure) -> sympy.Expr:
    raise ValueError(f"{m.fn} is not a constant")


def exact_expr(v: object) -> sympy.Expr:
    """A SymPy number from an exact value, built by constructors: never from text (no ``sympify``,
    which evaluates strings).

    >>> exact_expr(3), exact_expr(Fraction(1, 3)), exact_expr(sympy.sqrt(2))
    (3, 1/3, sqrt(2))
    >>> exact_expr("1 + 1")
    Traceback (most recent call last):
    ...
    TypeError: not an exact number: str
    """
    if isinstance(v, sympy.Basic):
        return v  # type: ignore[return-value]
    if isinstance(v, int) and not isinstance(v, bool):
        return sympy.Integer(v)
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    raise TypeError(f"not an exact number: {type(v).__name__}")


def to_sympy(q: s.Quantity, measure: MeasureFn = _no_measure,
             symbol: Callable[[str], sympy.Symbol] | None = None) -> sympy.Expr:
    """An exact SymPy expression for a quantity; measures are resolved by ``measure``. A value
    shared through 'let's is converted once (memoised by identity); the compile budget is checked
    at every node.

    >>> to_sympy(s.Apply("+", (s.Const(1), s.Apply("sqrt", (s.Const(4),)))))
    3
    """
    sym = symbol or (lambda n: sympy.Symbol(n, real=True))
    memo: dict[int, tuple[object, sympy.Expr]] = {}

    def conv(x: s.Quantity) -> sympy.Expr:
        hit = memo.get(id(x))
        if hit is not None:
            return hit[1]
        budget.check()
        if isinstance(x, s.Const):
            out = exact_expr(x.value)
        elif isinstance(x, s.Var):
            out = sym(x.name)
        elif isinstance(x, s.Measure):
            out = measure(x)
        else:
            out = _OPS[x.fn](*(conv(a) for a in x.args))  # type: ignore[arg-type]
        memo[id(x)] = (x, out)
        return out

    return conv(q)


def _sum(*xs: sympy.Expr) -> sympy.Expr:
    return sympy.Add(*xs)


_OPS: dict[str, Callable[..., sympy.Expr]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "^": lambda a, b: a**b,
    "neg": lambda a: -a,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "sin": lambda a: sympy.sin(a * _DEG),
    "cos": lambda a: sympy.cos(a * _DEG),
    "tan": lambda a: sympy.tan(a * _DEG),
    "sum": _sum,
    "ratio": lambda a, b: a / b,
    "common": lambda *a: a[0] if all(sympy.simplify(v - a[0]) == 0 for v in a[1:]) else sympy.nan,
    "difference": lambda a, b: a - b,
    "percent_change": lambda a, b: (b - a) / a * 100,
}
